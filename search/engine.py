"""The search engine's public API, used by the web UI, the JSON API and the CLI.

A search flows: :class:`~search.params.SearchParams` → a per-query
:class:`~search.query.QueryPlan` → scores (:mod:`search.scoring`) → a hit bitset,
filtered and counted (:class:`~search.facets.FacetIndex`) → the page's documents
in order (:class:`~search.ordering.Ordering`) → hits with snippets → one frozen
:class:`~search.results.SearchResult`. Everything a query decides lives on its plan
and its result; the index version's objects are shared read-only by all threads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from indexer import store
from indexer.formats import FORMAT_NAMES
from indexer.originals import original_file, size_label
from indexer.schema import unpack_document
from search.aggregates import summarise
from search.facets import mask_from_ids
from search.params import SearchParams
from search.query import QueryPlan, repair
from search.ranges import RANGES, range_index
from search.recovery import or_operators, recover
from search.results import Hit, SearchResult
from search.similar import TOP as SIMILAR_TOP
from search.similar import VARIANTS as SIMILAR_VARIANTS
from search.similar import Similar, similar_documents
from search.snippets import Highlighter, best_snippets, lead_snippet, metadata_lines
from search.versions import IndexUnavailable, IndexVersion, VersionManager

REBUILD_HINT = "Kör 'python -m indexer rebuild' för att bygga om det."


class Engine:
    """Searches the current build of an index root (hot-swapped underneath)."""

    def __init__(self, root: Path, background_loading: bool = False):
        self.versions = VersionManager(root, background_loading)

    @property
    def root(self) -> Path:
        return self.versions.root

    def current(self) -> IndexVersion | None:
        return self.versions.current()

    def served(self) -> IndexVersion:
        """The version to answer from, or :class:`IndexUnavailable` saying why not."""
        version = self.versions.current()
        if version is not None:
            return version
        if self.versions.load_error:
            raise IndexUnavailable(f"Sökindexet är skadat: {self.versions.load_error}. "
                                   + REBUILD_HINT, damaged=True)
        raise IndexUnavailable("Det finns inget sökindex ännu. " + REBUILD_HINT)

    def _guarded(self, version: IndexVersion, work):
        """Run ``work()``; a failure on a build that is no longer intact is reported as
        an unavailable index (the web UI answers 503), anything else stays a bug."""
        try:
            return work()
        except Exception as exc:
            reason = store.damage(version.build)
            if reason is None:
                raise
            raise IndexUnavailable(f"Sökindexet är inte läsbart just nu: {reason}. "
                                   + REBUILD_HINT, damaged=True) from exc

    def close(self) -> None:
        self.versions.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents ----------------------------------------------------------------
    def document(self, doc_id: str) -> dict | None:
        """The parsed document with this id, or None."""
        version = self.served()
        if doc_id not in version.ids:
            return None
        with version:
            stored = self._guarded(
                version, lambda: version.searcher().stored_fields(version.ids[doc_id]))
        return unpack_document(stored["doc"])

    def original(self, doc_id: str) -> Original | None:
        """The document's original file, found through the build's own records.

        Never from a path a user gave: the id names a stored document, whose source
        must be a file the build indexed, still inside the corpus (see
        :func:`indexer.originals.original_file`).
        """
        doc = self.document(doc_id)
        if doc is None:
            return None
        found = original_file(self.served().build, doc)
        if found is None:
            return None
        path, content_type, size = found
        fmt = doc.get("format") or "txt"
        return Original(path, content_type, size, fmt, FORMAT_NAMES.get(fmt, fmt),
                        size_label(size))

    def highlighter(self, q: str) -> Highlighter | None:
        """What the query ``q`` matches, for marking a document page."""
        version = self.current()
        if version is None or not q:
            return None
        return version.highlighter(version.builder.plan(q))

    def similar(self, doc_id: str, variant: str = "innehall", limit: int = SIMILAR_TOP
                ) -> Similar | None:
        """"Liknande projekt" for a document (see :mod:`search.similar`), or None when
        there is no such document or variant. Cached with the version's result pages."""
        version = self.served()
        if doc_id not in version.ids or variant not in SIMILAR_VARIANTS:
            return None
        key = ("similar", doc_id, variant, limit)
        cached = version.pages.get(key)
        if cached is not None:
            return cached
        with version:
            found = self._guarded(
                version, lambda: similar_documents(version, doc_id, variant, limit))
        version.pages.put(key, found)
        return found

    # -- search -------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchResult:
        version = self.served()
        key = _cache_key(params)
        cached = version.pages.get(key)
        if cached is not None:
            return cached
        with version:
            result = self._guarded(version, lambda: self._search(version, params))
        version.pages.put(key, result)
        return result

    def export_hits(self, params: SearchParams, limit: int) -> ExportHits:
        """Up to ``limit`` hits of the whole result in order, without snippets.

        The cheap path for exports: one evaluation, no snippets, nothing put in the
        page cache (an export would evict the pages interactive users repeat). The
        query runs now, so an unavailable index is reported before a row is written;
        the documents are read as the rows are consumed.
        """
        version = self.served()
        plan = version.builder.plan(params.q) if params.q else QueryPlan(None)
        with version:
            scores, outcome = self._guarded(
                version, lambda: self._evaluate(version, params, plan))
            order = version.ordering.first(params.sort, scores, outcome.hits,
                                           outcome.filtered, limit)
        return ExportHits(version, order, scores or {})

    def _search(self, version: IndexVersion, params: SearchParams) -> SearchResult:
        plan = version.builder.plan(params.q) if params.q else QueryPlan(None)
        result = self._run(version, params, plan)
        # Suggestions start from a well-formed query, so following one cannot give
        # another syntax error.
        text = repair(params.q) if plan.syntax_error else params.q
        if result.total == 0 and params.q and not params.exact:
            retry = self._reinterpreted(version, params, plan, text)
            if retry is not None:
                return retry
        suggestion = self._corrected_query(version, text, plan) if plan.unknown else None
        if suggestion is None and plan.syntax_error and text and text != params.q:
            suggestion = text
        if suggestion:
            result = replace(result, suggestion=suggestion)
        if result.total == 0 and (params.q or params.filtered):
            result = replace(result, recovery=recover(
                params, plan, version.builder,
                count=lambda p, other: self._evaluate(version, p, other)[1].hits.bit_count(),
                matches_anything=lambda other: other.query is not None and bool(
                    version.scores.evaluate(version.searcher(), other.query))))
        return result

    def _reinterpreted(self, version: IndexVersion, params: SearchParams, plan: QueryPlan,
                       text: str) -> SearchResult | None:
        """Zero hits: the spelling-corrected query, else lower-case or/eller read as OR —
        whichever gives hits, said on the page (``exact`` asks for neither)."""
        corrected = self._corrected_query(version, text, plan) if plan.unknown else None
        if corrected:
            retry = self._run(version, params, version.builder.plan(corrected))
            if retry.total:
                note = (f"Inga träffar för ”{params.q}”. "
                        f"Visar träffar för ”{corrected}”.")
                return replace(retry, corrected_from=params.q, corrected_to=corrected,
                               messages=(note, *retry.messages))
        either = or_operators(params.q)
        if either:
            retry = self._run(version, params, version.builder.plan(either))
            if retry.total:
                note = ("Inget dokument innehåller alla orden, så ”eller”/”or” lästes som "
                        f"ELLER: visar dokument med minst ett av dem (”{either}”).")
                return replace(retry, corrected_from=params.q, corrected_to=either,
                               messages=(note, *retry.messages))
        return None

    @staticmethod
    def _corrected_query(version: IndexVersion, text: str, plan: QueryPlan) -> str | None:
        changed = False
        for word in plan.unknown:
            if word.endswith("*"):
                continue
            candidates = version.vocabulary.corrections(word, limit=1)
            if candidates:
                text = _replace_word(text, word, candidates[0])
                changed = True
        return text if changed else None

    @staticmethod
    def _evaluate(version: IndexVersion, params: SearchParams, plan: QueryPlan):
        """(scores or None for browsing, facet outcome) of one plan under the filters."""
        facets = version.facets
        scores = None
        if plan.query is None:
            query_hits = facets.all_docs if not params.q or not plan.words else 0
        else:
            scores = version.scores.evaluate(version.searcher(), plan.query)
            query_hits = mask_from_ids(scores)
        ranges = range_index(version).selections(params.ranges) if params.ranges else None
        return scores, facets.apply(query_hits, params.filters, ranges)

    def _run(self, version: IndexVersion, params: SearchParams, plan: QueryPlan) -> SearchResult:
        scores, outcome = self._evaluate(version, params, plan)
        total = outcome.hits.bit_count()
        last_page = max(1, -(-total // params.per_page))
        if params.page > last_page:  # "Sida 99 av 5": show the last page instead
            params = replace(params, page=last_page, notes=(
                *params.notes, f"Sidan {params.page} finns inte – visar sista sidan "
                               f"({last_page})."))
        first = (params.page - 1) * params.per_page
        page_ids = version.ordering.first(params.sort, scores, outcome.hits, outcome.filtered,
                                          first + params.per_page)[first:]
        highlighter = version.highlighter(plan)
        scores = scores or {}
        hits = tuple(self._hit(version, docnum, scores.get(docnum, 0.0), highlighter)
                     for docnum in page_ids)
        ranges = range_index(version)
        presets = {name: ranges.presets(name, outcome.range_bases.get(name, outcome.hits),
                                        params.ranges.get(name))
                   for name in RANGES}
        return SearchResult(
            params=params, total=total, hits=hits, facets=outcome.counts,
            aggregates=summarise(outcome.hits, version.facets,
                                 ranges.amounts_of("esf_support", outcome.hits)),
            range_presets=presets,
            messages=(*params.notes, *plan.messages),
            synonyms=tuple((word, tuple(also)) for word, also in plan.synonyms),
            highlight_words=frozenset(plan.highlight_words),
            highlight_stems=frozenset(plan.highlight_stems),
            index_version=version.name,
        )

    @staticmethod
    def _hit(version: IndexVersion, docnum: int, score: float,
             highlighter: Highlighter) -> Hit:
        doc = version.stored_document(docnum)
        snippets = (best_snippets(doc["sections"], highlighter, metadata_lines(doc))
                    if highlighter else [])
        if not snippets:
            snippets = lead_snippet(doc["sections"])
        return Hit.from_document(doc, score, snippets)


@dataclass(frozen=True)
class Original:
    """A document's original file as the web page offers it ("PDF, 1,2 MB")."""

    path: Path
    content_type: str
    size: int
    format: str       # txt, pdf, docx, odt, html
    format_name: str  # as shown: PDF, Word, …
    size_label: str   # 1,2 MB

    def to_dict(self, doc_id: str) -> dict:
        return {"url": original_url(doc_id), "format": self.format, "content_type":
                self.content_type, "size": self.size, "label":
                f"{self.format_name}, {self.size_label}"}


def original_url(doc_id: str) -> str:
    from urllib.parse import quote

    return "/original/" + quote(doc_id, safe="")


class ExportHits:
    """The hits of an export, read one document at a time; ``close()`` ends it early.

    The version stays open (entered) until the last row or ``close()``, so a swap in
    the middle of a long export cannot close its files under it.
    """

    def __init__(self, version: IndexVersion, order: list[int], scores: dict[int, float]):
        self.version = version
        self.order = order
        self.scores = scores
        self._open = True
        version.enter()

    def __iter__(self) -> Iterator[Hit]:
        try:
            for docnum in self.order:
                yield Hit.from_document(self.version.stored_document(docnum),
                                        self.scores.get(docnum, 0.0))
        finally:
            self.close()

    def close(self) -> None:
        if self._open:
            self._open = False
            self.version.leave()


def _cache_key(params: SearchParams) -> tuple:
    """Everything that decides a result page: normalised query, filters, order, page."""
    filters = tuple(sorted((name, tuple(sorted(values)))
                           for name, values in params.filters.items() if values))
    return (" ".join(params.q.split()), filters, params.sort, params.page, params.per_page,
            params.notes, tuple(sorted(params.ranges.items())), params.exact)


def _replace_word(text: str, word: str, replacement: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text, count=1,
                  flags=re.IGNORECASE)


def open_engine(root: Path) -> Engine | None:
    """An engine over ``root``, or None when no index has been built there."""
    if store.current_build(root) is None:
        return None
    return Engine(root)

