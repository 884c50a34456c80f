"""Query evaluation over cached per-term BM25F scores.

Whoosh scores a query by building a tree of matchers and walking every posting of
every term through Python method calls, for every request; a field length is read
per posting. Our queries are wide (each word becomes stems, lemmas and folded forms
across eleven fields), so that walk is where a search spent its time. Here the
postings of a (field, term) are read and scored *once per index version* into a
``docnum → score`` dict, kept in a bounded LRU cache, and queries combine those
dicts: OR sums, AND intersects and sums, NOT subtracts — the same arithmetic as
Whoosh's matchers (sum of BM25F scores times boosts), so the ranking is the same.
Phrases and anything unusual still go through Whoosh's own matchers, cached too.
"""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict

from whoosh import query as wq

from indexer.analysis import band_of
from search.sections import SectionTerm, band_postings
from search.whoosh_adapter import bm25f_parameters, read_lengths, read_positions, read_postings

# About 100 bytes per cached posting: 1.5 M postings is ~150 MB at most.
MAX_CACHED_POSTINGS = 1_500_000

Scores = dict[int, float]


class TermScoreCache:
    """Per-index-version cache of scored postings, shared by all request threads."""

    def clear(self) -> None:
        """Forget the scored postings (field lengths are index data and stay)."""
        with self._lock:
            self._entries.clear()
            self._size = 0

    def __init__(self, reader, max_postings: int = MAX_CACHED_POSTINGS):
        self.doc_count = reader.doc_count_all()
        self.live = frozenset(reader.all_doc_ids()) if reader.has_deletions() else None
        self.max_postings = max_postings
        self._lengths: dict[str, list[int]] = {}
        self._entries: OrderedDict[tuple, Scores] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    # -- cache --------------------------------------------------------------------
    def _cached(self, key: tuple, compute) -> Scores:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        scores = compute()
        with self._lock:
            if key not in self._entries:
                self._entries[key] = scores
                self._size += len(scores)
                while self._size > self.max_postings and len(self._entries) > 1:
                    _, evicted = self._entries.popitem(last=False)
                    self._size -= len(evicted)
        return scores

    def _field_lengths(self, searcher, fieldname: str) -> list[int]:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            lengths = read_lengths(searcher.reader(), fieldname)
            self._lengths[fieldname] = lengths
        return lengths

    # -- leaves -------------------------------------------------------------------
    def term(self, searcher, fieldname: str, text: str) -> Scores:
        return self._cached(("t", fieldname, text),
                            lambda: self._score_term(searcher, fieldname, text))

    def _score_term(self, searcher, fieldname: str, text: str) -> Scores:
        if fieldname not in searcher.schema or (fieldname, text) not in searcher.reader():
            return {}
        ids, weights = read_postings(searcher.reader(), fieldname, text)
        return self._bm25(searcher, fieldname, text, ids, weights)

    def section_term(self, searcher, query: SectionTerm) -> Scores:
        """A term in some bands of a field (``syfte:hälsa``), scored on the weight
        those bands carry (``search.sections``)."""
        fieldname, text = query.fieldname, query.text

        def compute() -> Scores:
            ids, weights = band_postings(searcher.reader(), fieldname, text, query.bands)
            return self._bm25(searcher, fieldname, text, ids, weights)

        return self._cached(("s", fieldname, text, query.bands), compute)

    def term_query(self, searcher, query: wq.Term) -> Scores:
        """The cached scores of one term (or section term), shared: not to be changed."""
        if isinstance(query, SectionTerm):
            return self.section_term(searcher, query)
        return self.term(searcher, query.fieldname, query.text)

    def _bm25(self, searcher, fieldname: str, text: str, ids, weights) -> Scores:
        if not ids:
            return {}
        if not searcher.schema[fieldname].scorable:
            return dict(zip(ids, weights, strict=True))
        idf = searcher.idf(fieldname, text)
        avgfl = searcher.avg_field_length(fieldname) or 1
        lengths = self._field_lengths(searcher, fieldname)
        bm25f = bm25f_parameters(searcher)
        k1, b = bm25f.k1, bm25f.b_for(fieldname)
        k1_plus = k1 + 1
        norm = k1 * (1 - b)
        per_length = k1 * b / avgfl
        return {d: idf * (w * k1_plus) / (w + norm + per_length * lengths[d])
                for d, w in zip(ids, weights, strict=True)}

    def whoosh(self, searcher, query: wq.Query) -> Scores:
        """Whatever this module does not evaluate itself (phrases), via Whoosh."""
        unboosted = query.copy()
        unboosted.boost = 1.0
        return self._cached(("w", repr(unboosted)),
                            lambda: _run_matcher(searcher, unboosted))

    # -- combination --------------------------------------------------------------
    def evaluate(self, searcher, query: wq.Query) -> Scores:
        """``docnum → score`` for every live document the query matches."""
        scores, factor = self._eval(searcher, query)
        if factor != 1.0:
            scores = {d: s * factor for d, s in scores.items()}
        if self.live is not None:
            scores = {d: s for d, s in scores.items() if d in self.live}
        return scores

    def _eval(self, searcher, query) -> tuple[Scores, float]:
        boost = getattr(query, "boost", 1.0)
        if isinstance(query, wq.Term):
            return self.term_query(searcher, query), boost
        if isinstance(query, wq.Or):
            return self._union(searcher, query.subqueries), boost
        if isinstance(query, wq.And):
            return self._intersection(searcher, query.subqueries), boost
        if isinstance(query, wq.AndNot):
            positive = self._scaled(searcher, query.a)
            negative, _ = self._eval(searcher, query.b)
            return {d: s for d, s in positive.items() if d not in negative}, boost
        if isinstance(query, wq.Not):
            negative, _ = self._eval(searcher, query.query)
            every = range(self.doc_count)
            return {d: 0.0 for d in every if d not in negative}, 1.0
        if isinstance(query, wq.Phrase) and query.slop == 1 and len(query.words) > 1:
            bands = getattr(query, "bands", None)
            return self._cached(("p", query.fieldname, tuple(query.words), bands),
                                lambda: self._phrase(searcher, query, bands)), boost
        return self.whoosh(searcher, query), boost

    def _phrase(self, searcher, query: wq.Phrase, bands=None) -> Scores:
        """Adjacent words, checked only in documents that have them all.

        Whoosh's span matchers walk every posting of every word through Python calls;
        here the (cached) term scores give the candidates first and positions are read
        only for those. The score is Whoosh's: the sum of the words' term scores.
        """
        fieldname = query.fieldname
        if fieldname not in searcher.schema or not searcher.schema[fieldname].format.supports(
                "positions"):
            return self.whoosh(searcher, query)
        per_word = [self.term(searcher, fieldname, word) for word in query.words]
        if not all(per_word):
            return {}
        smallest = min(per_word, key=len)
        candidates = sorted(d for d in smallest if all(d in scores for scores in per_word))
        if not candidates:
            return {}
        positions = [read_positions(searcher.reader(), fieldname, word, candidates)
                     for word in query.words]
        out: Scores = {}
        for docnum in candidates:
            later = [frozenset(p.get(docnum, ())) for p in positions[1:]]
            for start in positions[0].get(docnum, ()):
                if bands is not None and band_of(start) not in bands:
                    continue
                if all(start + i in following for i, following in enumerate(later, 1)):
                    out[docnum] = sum(scores[docnum] for scores in per_word)
                    break
        return out

    def _scaled(self, searcher, query) -> Scores:
        scores, factor = self._eval(searcher, query)
        return scores if factor == 1.0 else {d: s * factor for d, s in scores.items()}

    def _union(self, searcher, subqueries) -> Scores:
        parts = [self._eval(searcher, q) for q in subqueries]
        parts = [(s, f) for s, f in parts if s]
        if not parts:
            return {}
        parts.sort(key=lambda p: len(p[0]), reverse=True)
        first, factor = parts[0]
        # a copy: ``first`` may be a cached dict
        result = dict(first) if factor == 1.0 else {d: s * factor for d, s in first.items()}
        get = result.get
        for scores, factor in parts[1:]:
            for d, s in scores.items():
                result[d] = get(d, 0.0) + s * factor
        return result

    def _intersection(self, searcher, subqueries) -> Scores:
        positives, negatives = [], []
        for q in subqueries:
            if isinstance(q, wq.Not):
                negatives.append(self._eval(searcher, q.query)[0])
            else:
                positives.append(self._eval(searcher, q))
        if not positives:
            excluded = set().union(*negatives) if negatives else set()
            return {d: 0.0 for d in range(self.doc_count) if d not in excluded}
        positives.sort(key=lambda p: len(p[0]))
        smallest, factor = positives[0]
        result = {}
        others = positives[1:]
        # Whoosh's inverse matcher gives each NOT clause a score of 1.0; mirrored so
        # scores stay identical to Whoosh's (it shifts every hit alike, order is kept).
        not_bonus = float(len(negatives))
        for d, s in smallest.items():
            total = s * factor + not_bonus
            for scores, other_factor in others:
                other = scores.get(d)
                if other is None:
                    break
                total += other * other_factor
            else:
                if not any(d in negative for negative in negatives):
                    result[d] = total
        return result


def _run_matcher(searcher, query: wq.Query) -> Scores:
    matcher = query.matcher(searcher)
    out: Scores = {}
    while matcher.is_active():
        out[matcher.id()] = matcher.score()
        matcher.next()
    return out


def rank(scores: Scores, allowed=None, limit: int | None = None) -> list[tuple[float, int]]:
    """(score, docnum) best first, ties by document order, optionally only ``allowed``.

    With a ``limit`` a heap keeps only the best ``limit`` (O(n log k), not a full sort).
    """
    items = scores.items() if allowed is None else (
        (d, s) for d, s in scores.items() if d in allowed)
    keyed = ((-s, d) for d, s in items)
    ordered = sorted(keyed) if limit is None else heapq.nsmallest(limit, keyed)
    return [(-negative, d) for negative, d in ordered]
