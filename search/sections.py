"""Field queries inside the banded body field: ``syfte:hälsa`` is the body term
``hälsa`` where it stands in Syfte's band of positions (see ``indexer.schema``).

A word's posting holds its positions and its weight summed over every section it
is in; a field query keeps the documents with a position in the asked bands and the
share of the weight those positions carry. The search core scores these itself
(``search.scoring``); the ``matcher`` methods let Whoosh run them as well (the Lucene
reference check, any fallback), with the same documents.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from indexer.analysis import band_of
from indexer.schema import BAND_WEIGHTS


def band_share(positions, bands: tuple[int, ...]) -> float:
    """The share of a posting's weight that lies in ``bands`` (0 when none does):
    each position weighs its band's weight, so a word once in Syfte (2.5) and once in
    Bakgrund (1.0) has 2.5/3.5 of its weight in Syfte.

    >>> from indexer.analysis import BAND_SPAN
    >>> round(band_share([5 * BAND_SPAN + 3, 4 * BAND_SPAN], (5,)), 3)  # Syfte, Bakgrund
    0.714
    """
    inside = total = 0.0
    for position in positions:
        band = band_of(position)
        weight = BAND_WEIGHTS[band] if band < len(BAND_WEIGHTS) else 1.0
        total += weight
        if band in bands:
            inside += weight
    return inside / total if total else 0.0


def band_postings(reader, fieldname: str, text: str, bands: tuple[int, ...]
                  ) -> tuple[list[int], list[float]]:
    """(docnums, weights) of a term's postings in ``bands`` only, from ``reader``'s
    own docnums (a top-level reader or one segment)."""
    ids: list[int] = []
    weights: list[float] = []
    if fieldname not in reader.schema or (fieldname, text) not in reader:
        return ids, weights
    matcher = reader.postings(fieldname, text)
    while matcher.is_active():
        share = band_share(matcher.value_as("positions"), bands)
        if share:
            ids.append(matcher.id())
            weights.append(matcher.weight() * share)
        matcher.next()
    return ids, weights


class _InBands:
    """Equality, hash, repr and copy of a query that also names its bands."""

    bands: tuple[int, ...]

    def _args(self) -> tuple:
        raise NotImplementedError

    def __eq__(self, other) -> bool:
        return super().__eq__(other) and getattr(other, "bands", None) == self.bands

    def __hash__(self) -> int:
        return super().__hash__() ^ hash(self.bands)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.fieldname!r}, {self._args()[1]!r}, " \
               f"{self.bands!r}, boost={self.boost!r})"

    def copy(self):
        return type(self)(*self._args(), self.bands, boost=self.boost)


class SectionTerm(_InBands, wq.Term):
    """A term of ``fieldname`` in some of its bands only."""

    def __init__(self, fieldname: str, text: str, bands, boost: float = 1.0):
        super().__init__(fieldname, text, boost=boost)
        self.bands = tuple(sorted(bands))

    def _args(self) -> tuple:
        return self.fieldname, self.text

    def matcher(self, searcher, context=None):
        ids, weights = band_postings(searcher.reader(), self.fieldname, self.text, self.bands)
        if not ids:
            return NullMatcher()
        weighting = (context.weighting if context is not None else None) or searcher.weighting
        scorer = weighting.scorer(searcher, self.fieldname, self.text)
        return ListMatcher(ids, weights=weights, scorer=scorer, term=(self.fieldname,
                                                                      self.text))


class SectionPhrase(_InBands, wq.Phrase):
    """A phrase of ``fieldname`` that starts in one of the given bands."""

    def __init__(self, fieldname: str, words, bands, boost: float = 1.0):
        super().__init__(fieldname, list(words), boost=boost)
        self.bands = tuple(sorted(bands))

    def _args(self) -> tuple:
        return self.fieldname, self.words

    def matcher(self, searcher, context=None):
        inner = wq.Phrase(self.fieldname, list(self.words)).matcher(searcher, context)
        ids, scores = [], []
        while inner.is_active():
            if any(band_of(span.start) in self.bands for span in inner.spans()):
                ids.append(inner.id())
                scores.append(inner.score() * self.boost)
            inner.next()
        if not ids:
            return NullMatcher()
        return ListMatcher(ids, weights=scores)


def in_bands(fieldname: str, bands: tuple[int, ...] | None, text: str, boost: float = 1.0):
    """A term query for ``text`` in a field, or in some of its bands."""
    if bands is None:
        return wq.Term(fieldname, text, boost=boost)
    return SectionTerm(fieldname, text, bands, boost=boost)


def phrase_in_bands(fieldname: str, bands: tuple[int, ...] | None, words, boost: float = 1.0):
    """A phrase query in a field, or starting in some of its bands."""
    if bands is None:
        return wq.Phrase(fieldname, list(words), boost=boost)
    return SectionPhrase(fieldname, words, bands, boost=boost)
