"""Which documents our Whoosh index matches for a query: the yardstick for Lucene.

The same parse tree as the export's translator (``indexer.export.querydsl.parse``),
rewritten into Whoosh queries clause for clause as the search core's query builder
does (index terms of every word through the lexicon, the surface word, å/ä/ö-less
spellings from the index vocabulary, hyphen parts as a phrase, synonym alternatives,
the years a document covers for a year in the query, stopwords dropped unless the
query is nothing but stopwords), and run on the real
Whoosh index the build wrote. Only matching matters here, so boosts are left out.
Field queries inside the banded body use the search core's section queries
(``search.sections``); nothing else of the search core is imported.
"""

from __future__ import annotations

from pathlib import Path

from whoosh import query as wq

from indexer import store
from indexer.analysis import STOPWORDS, fold, has_swedish_letters, index_terms, is_protected, stem
from indexer.export.querydsl import MIN_PREFIX, only_stopwords, parse, target_fields, year_span
from indexer.export.synonyms import SynonymTable
from indexer.schema import SURFACE, TITLE, YEARS, index_targets
from search.sections import in_bands, phrase_in_bands

MAX_FOLD_TERMS = 8      # search.vocabulary
MAX_PREFIX_TERMS = 48   # search.vocabulary


def _terms(logical: str, text: str) -> list:
    """The term in a logical field, where the index keeps it (a band of the body)."""
    return [in_bands(name, bands, text) for name, bands, _ in index_targets(logical)]


def _phrases(logical: str, words: list[str]) -> list:
    return [phrase_in_bands(name, bands, words) for name, bands, _ in index_targets(logical)]


class WhooshReference:
    def __init__(self, root: Path):
        from indexer.lexicon import DEFAULT_CACHE_NAME, Lexicon

        self.build = store.current_build(Path(root))
        self.ix = store.open_for_reading(self.build)
        lexicon = Lexicon.load(Path(root) / DEFAULT_CACHE_NAME)

        def lemmas(word: str) -> tuple[str, ...]:
            info = lexicon.lookup(word)
            return info.lemmas if info is not None else ()

        self.lemmas = lemmas
        self.synonyms = SynonymTable(lemmas)
        self.df: dict[str, int] = store.read_json(self.build / store.VOCABULARY, {})
        self._folded: dict[str, list[str]] = {}
        for word in sorted(self.df):
            if word.isalpha() and has_swedish_letters(word):
                self._folded.setdefault(fold(word), []).append(word)

    def close(self) -> None:
        self.ix.close()

    # -- verdicts ---------------------------------------------------------------------
    def matches(self, text: str) -> set[str]:
        """Ids of the documents the query matches."""
        query = self.query(text)
        with self.ix.searcher() as searcher:
            if query is None:
                return set() if (parse(text) is not None) else \
                    {fields["id"] for fields in searcher.all_stored_fields()}
            return {searcher.stored_fields(docnum)["id"]
                    for docnum in searcher.docs_for_query(query)}

    def query(self, text: str):
        tree = parse(text)
        if tree is None:
            return None
        return self._node(tree, only_stopwords(tree))

    # -- the query builder's rewriting, matching only -----------------------------------
    def folded(self, word: str) -> list[str]:
        if has_swedish_letters(word):
            return []
        found = self._folded.get(word, [])
        return sorted(found, key=lambda w: -self.df.get(w, 0))[:MAX_FOLD_TERMS]

    def _node(self, node, keep: bool):
        if isinstance(node, wq.Term):
            return self.word(node.fieldname, node.text, keep)
        if isinstance(node, wq.Phrase):
            return self.phrase(node.fieldname, list(node.words), keep)
        if isinstance(node, wq.Prefix):
            return self.prefix(node.fieldname, node.text, keep)
        if isinstance(node, wq.Wildcard):
            return self.word(node.fieldname, node.text.replace("*", "").replace("?", ""), keep)
        if isinstance(node, wq.Not):
            inner = self._node(node.query, keep)
            return wq.Not(inner) if inner is not None else None
        if isinstance(node, wq.AndNot):
            positive, negative = self._node(node.a, keep), self._node(node.b, keep)
            if positive is None:
                return None
            return wq.AndNot(positive, negative) if negative is not None else positive
        if isinstance(node, wq.compound.CompoundQuery):
            if isinstance(node, wq.And):
                children = self._all_of(node.subqueries, keep)
            else:
                children = [self._node(child, keep) for child in node.subqueries]
            children = [c for c in children if c is not None]
            if not children:
                return None
            if len(children) == 1 and not isinstance(children[0], wq.Not):
                return children[0]
            return type(node)(children)
        return None

    def _all_of(self, subqueries, keep: bool) -> list:
        out, i = [], 0
        while i < len(subqueries):
            j = i
            while (j < len(subqueries) and isinstance(subqueries[j], wq.Term)
                   and subqueries[j].fieldname == SURFACE):
                j += 1
            words = [q.text.lower() for q in subqueries[i:j]]
            found = self.synonyms.match(words) if len(words) > 1 else None
            if found is None or found.length < 2:
                out.append(self._node(subqueries[i], keep))
                i += 1
                continue
            inner = [self._node(q, keep) for q in subqueries[i:i + found.length]]
            inner = [q for q in inner if q is not None]
            widened = self._others(target_fields(SURFACE), found.others)
            out.append(wq.Or([wq.And(inner), *widened]) if inner else wq.Or(widened))
            i += found.length
        return out

    def _others(self, fields: list[str], forms) -> list:
        out = []
        for form in forms:
            parts = form.split()
            if len(parts) == 1:
                terms = index_terms(parts[0], self.lemmas)
                out.extend(q for name in fields for term in terms for q in _terms(name, term))
            else:
                stems = [index_terms(p)[0] for p in parts]
                out.extend(q for name in fields for q in _phrases(name, stems))
        return out

    def word(self, fieldname: str, word: str, keep: bool):
        word = word.lower().strip("'’:-")
        if not word:
            return None
        if word in STOPWORDS and not keep and fieldname == SURFACE:
            return None
        folded = [] if word in STOPWORDS else self.folded(word)
        forms = [word, *(f for f in folded if f != word)]
        found = self.synonyms.match([word])
        synonyms = list(found.others) if found and found.length == 1 else []
        fields = target_fields(fieldname)
        alternatives = []
        for form in forms:
            terms = index_terms(form, self.lemmas)
            alternatives.extend(q for name in fields for term in terms for q in _terms(name, term))
            if fieldname == SURFACE:
                alternatives.append(wq.Term(SURFACE, form))
            parts = [p for p in form.split("-") if p] if not is_protected(form) else []
            if len(parts) > 1:
                part_stems = [index_terms(p)[0] for p in parts]
                alternatives.extend(q for name in fields if name != SURFACE
                                    for q in _phrases(name, part_stems))
        alternatives += self._others(fields, synonyms)
        span = year_span(word) if fieldname == SURFACE else None
        if span is not None:
            alternatives += [wq.Term(YEARS, str(y)) for y in range(span[0], span[1] + 1)]
        return wq.Or(alternatives) if len(alternatives) > 1 else alternatives[0]

    def phrase(self, fieldname: str, words: list[str], keep: bool):
        words = [w.lower() for w in words if w.strip()]
        if not words:
            return None
        if len(words) == 1:
            return self.word(fieldname, words[0], keep)
        stems = [index_terms(w)[0] for w in words]
        return wq.Or([q for name in target_fields(fieldname) for q in _phrases(name, stems)])

    def prefix(self, fieldname: str, prefix: str, keep: bool):
        prefix = prefix.lower()
        if len(prefix) < MIN_PREFIX:
            return self.word(fieldname, prefix, keep) if prefix else None
        words = sorted((w for w in self.df if w.startswith(prefix)),
                       key=lambda w: -self.df[w])[:MAX_PREFIX_TERMS]
        if not words:
            return wq.Term(SURFACE, prefix + "\u0000")
        alternatives = []
        for word in words:
            if fieldname == SURFACE:
                alternatives += [wq.Term(SURFACE, word), wq.Term(TITLE, stem(word))]
            else:
                alternatives += [q for name in target_fields(fieldname)
                                 for q in _terms(name, stem(word))]
        return wq.Or(alternatives)
