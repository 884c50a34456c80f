"""The search engine behind the web UI, the JSON API and ``indexer search``.

One :class:`IndexVersion` per served build holds everything derived from it —
facet bitsets, sort columns, the vocabulary — computed once. The :class:`Engine`
notices a swapped build by the pointer file (checked at most once a second), opens
the new version, and closes the old one's searchers when its last request ends.
No Flask here: ``search`` returns one plain :class:`SearchPage` that HTML, JSON,
CSV and the CLI all render.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from indexer import store
from indexer.schema import FACETS, unpack_document
from webui.facets import FacetIndex, FacetValue, ids_from_mask, mask_from_ids
from webui.params import SearchParams
from webui.query import QueryBuilder, QueryPlan
from webui.scoring import TermScoreCache, rank
from webui.snippets import Highlighter, Snippet, best_snippets, lead_snippet
from webui.vocabulary import Vocabulary

CHECK_INTERVAL = 1.0
# Parsed documents kept per index version (~30 KB each): the hits of popular queries.
DOCUMENT_CACHE_SIZE = 1000
# Finished result pages per index version, keyed by (normalised query, filters, sort,
# page): a repeated search, the back button and paging back cost a dictionary lookup.
# A swapped index starts empty, so a cached page is never stale.
PAGE_CACHE_SIZE = 256


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    kind: str
    region: str | None
    phase: str | None
    owner: str | None
    program: str | None
    start: str | None
    end: str | None
    esf_support: int | None
    total_budget: int | None
    kommuner: tuple[str, ...]
    score: float
    snippets: tuple[Snippet, ...]


@dataclass
class SearchPage:
    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    messages: list[str] = field(default_factory=list)
    suggestion: str | None = None
    corrected_from: str | None = None
    corrected_to: str | None = None
    synonyms: list[tuple[str, list[str]]] = field(default_factory=list)
    highlight_words: set[str] = field(default_factory=set)
    highlight_stems: set[str] = field(default_factory=set)
    index_version: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))


def _load_lexicon(root: Path):
    """(lemmas, lemmas + compound parts) lookups from the build's lexicon cache.

    Only the cache is read: the Hunspell dictionary is never loaded here.
    """
    try:
        from indexer.build import expansion_lookup
        from indexer.lexicon import DEFAULT_CACHE_NAME, Lexicon
    except ImportError:
        return None, None
    lexicon = Lexicon.load(Path(root) / DEFAULT_CACHE_NAME)
    if not len(lexicon):
        return None, None
    return expansion_lookup(lexicon, with_parts=False), expansion_lookup(lexicon)


class IndexVersion:
    """One served build and everything computed from it."""

    def __init__(self, root: Path, build: Path):
        self.build = build
        self.name = build.name
        self.ix = store.open_for_reading(build)
        self._local = threading.local()
        self._searchers = []
        self._lock = threading.Lock()
        self.active = 0
        self.retired = False
        searcher = self.searcher()
        reader = searcher.reader()
        self.doc_count = reader.doc_count()
        self.facets = FacetIndex(reader)
        self.scores = TermScoreCache(reader)
        self._documents = _Lru(DOCUMENT_CACHE_SIZE)
        self._pages = _Lru(PAGE_CACHE_SIZE)
        self.start_day = list(reader.column_reader("start_day"))
        self.budget = list(reader.column_reader("budget"))
        self.ids = {}
        for docnum, stored in reader.iter_docs():
            self.ids[stored["id"]] = docnum
        frequencies = store.read_json(build / store.VOCABULARY, {})
        lemmas, self.expansions = _load_lexicon(root)
        self.vocabulary = Vocabulary(frequencies, lemmas)
        self.builder = QueryBuilder(self.vocabulary)

    def cached_page(self, key: tuple) -> SearchPage | None:
        return self._pages.get(key)

    def remember_page(self, key: tuple, page: SearchPage) -> None:
        self._pages.put(key, page)

    def clear_caches(self) -> None:
        """Forget cached pages, postings and documents (benchmarks measure a new query)."""
        self._documents.clear()
        self._pages.clear()
        self.scores.clear()

    def stored_document(self, searcher, docnum: int) -> dict:
        """The parsed document of a hit, decompressed once and kept while it is popular."""
        found = self._documents.get(docnum)
        if found is None:
            found = unpack_document(searcher.stored_fields(docnum)["doc"])
            self._documents.put(docnum, found)
        return found

    def highlighter(self, plan: QueryPlan) -> Highlighter:
        return Highlighter(plan.highlight_words, plan.highlight_stems, self.expansions)

    def searcher(self):
        """One searcher per thread, reused across requests, closed on retirement."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
            self._local.searcher = searcher
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def enter(self) -> None:
        with self._lock:
            self.active += 1

    def leave(self) -> None:
        with self._lock:
            self.active -= 1
            close = self.retired and self.active == 0
        if close:
            self.close()

    def retire(self) -> None:
        with self._lock:
            self.retired = True
            close = self.active == 0
        if close:
            self.close()

    def close(self) -> None:
        with self._lock:
            searchers, self._searchers = self._searchers, []
        for searcher in searchers:
            try:
                searcher.close()
            except Exception:  # a closing searcher must never break a request
                pass
        self.ix.close()


class Engine:
    """Serves the current build; notices a swapped one by the pointer file.

    With ``background_loading`` (the web server) a new build is opened in a thread
    while requests keep being answered from the old one — opening 10,000 documents
    (facets, ids, vocabulary) takes seconds, and no request should wait for it.
    Without it (CLI, tests) the next call after a swap opens it directly.
    """

    def __init__(self, root: Path, background_loading: bool = False):
        self.root = Path(root)
        self.background_loading = background_loading
        self._version: IndexVersion | None = None
        self._stamp: str | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None

    # -- version management -------------------------------------------------------
    def current(self) -> IndexVersion | None:
        now = time.monotonic()
        if self._version is not None and now - self._checked < CHECK_INTERVAL:
            return self._version
        with self._lock:
            self._checked = now
            stamp = store.pointer_stamp(self.root)
            if self._version is not None and stamp == self._stamp:
                return self._version
            if self._version is not None and self.background_loading:
                if self._loading is None or not self._loading.is_alive():
                    self._loading = threading.Thread(target=self._load, args=(stamp,),
                                                     name="index-loader", daemon=True)
                    self._loading.start()
                return self._version
        self._load(stamp)
        return self._version

    def _load(self, stamp: str | None) -> None:
        """Open the build the pointer names and make it the served one."""
        build = store.current_build(self.root)
        if build is None:
            return
        try:
            fresh = IndexVersion(self.root, build)
        except Exception:
            # A half-deleted or unreadable build: keep serving the old one (retried at
            # the next check).
            return
        with self._lock:
            if self._stamp == stamp and self._version is not None:
                fresh.retire()  # another thread was quicker
                return
            old, self._version, self._stamp = self._version, fresh, stamp
        if old is not None:
            old.retire()

    def close(self) -> None:
        """Close the served version's searchers (each holds open index files)."""
        if self._version is not None:
            self._version.retire()
            self._version = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents ----------------------------------------------------------------
    def document(self, doc_id: str) -> dict | None:
        version = self.current()
        if version is None or doc_id not in version.ids:
            return None
        version.enter()
        try:
            stored = version.searcher().stored_fields(version.ids[doc_id])
        finally:
            version.leave()
        return unpack_document(stored["doc"])

    # -- search -------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchPage:
        version = self.current()
        if version is None:
            return SearchPage(params, 0, [], {}, ["Indexet är inte byggt ännu."])
        key = _cache_key(params)
        cached = version.cached_page(key)
        if cached is not None:
            return cached
        version.enter()
        try:
            page = self._search(version, params)
        finally:
            version.leave()
        version.remember_page(key, page)
        return page

    def _search(self, version: IndexVersion, params: SearchParams) -> SearchPage:
        plan = version.builder.plan(params.q) if params.q else QueryPlan(None)
        page = self._run(version, params, plan)
        if page.total == 0 and plan.unknown:
            corrected = self._corrected_query(version, params.q, plan)
            if corrected:
                retry_plan = version.builder.plan(corrected)
                retry = self._run(version, params, retry_plan)
                if retry.total:
                    retry.corrected_from = params.q
                    retry.corrected_to = corrected
                    retry.messages.insert(0, f"Inga träffar för ”{params.q}”. "
                                             f"Visar träffar för ”{corrected}”.")
                    return retry
        if plan.unknown:
            page.suggestion = self._corrected_query(version, params.q, plan)
        return page

    def _corrected_query(self, version: IndexVersion, text: str, plan: QueryPlan) -> str | None:
        changed = False
        for word in plan.unknown:
            if word.endswith("*"):
                continue
            candidates = version.vocabulary.corrections(word, limit=1)
            if candidates:
                text = _replace_word(text, word, candidates[0])
                changed = True
        return text if changed else None

    def _run(self, version: IndexVersion, params: SearchParams, plan: QueryPlan) -> SearchPage:
        searcher = version.searcher()
        facets = version.facets
        scores: dict[int, float] | None = None
        if plan.query is None:
            query_mask = facets.all_docs if not params.q or not plan.words else 0
        else:
            scores = version.scores.evaluate(searcher, plan.query)
            query_mask = mask_from_ids(scores)
        selections = {name: facets.selection_mask(name, params.filters.get(name, ()))
                      for name in FACETS}
        hits_by_facet = {}
        for name in FACETS:
            mask = query_mask
            for other, selection in selections.items():
                if other != name and selection is not None:
                    mask &= selection
            hits_by_facet[name] = mask
        final = query_mask
        filtered = False
        for selection in selections.values():
            if selection is not None:
                final &= selection
                filtered = True
        counts = facets.counts(hits_by_facet, params.filters)
        total = final.bit_count()
        first = (params.page - 1) * params.per_page
        page_ids = self._order(version, params, scores, final, filtered,
                               first + params.per_page)[first:]
        highlighter = version.highlighter(plan)
        scores = scores or {}
        hits = [self._hit(version, searcher, docnum, scores.get(docnum, 0.0), highlighter)
                for docnum in page_ids]
        return SearchPage(
            params=params, total=total, hits=hits, facets=counts,
            messages=list(params.notes) + plan.messages, synonyms=plan.synonyms,
            highlight_words=plan.highlight_words, highlight_stems=plan.highlight_stems,
            index_version=version.name,
        )

    def _order(self, version, params, scores, final: int, filtered: bool,
               limit: int) -> list[int]:
        """The first ``limit`` documents of the result in the requested order."""
        if params.sort == "newest" or (scores is None and params.sort == "relevance"):
            ids = ids_from_mask(final)
            ids.sort(key=lambda d: (-version.start_day[d], d))
            return ids[:limit]
        if params.sort == "budget":
            ids = ids_from_mask(final)
            ids.sort(key=lambda d: (-version.budget[d], d))
            return ids[:limit]
        allowed = set(ids_from_mask(final)) if filtered else None
        return [docnum for _, docnum in rank(scores, allowed, limit)]

    def _hit(self, version: IndexVersion, searcher, docnum: int, score: float,
             highlighter: Highlighter) -> Hit:
        doc = version.stored_document(searcher, docnum)
        snippets = best_snippets(doc["sections"], highlighter) if highlighter else []
        if not snippets:
            snippets = lead_snippet(doc["sections"])
        return Hit(
            id=doc["id"], title=doc["title"], kind=doc["kind"], region=doc["region"],
            phase=doc["phase"], owner=doc["owner"], program=doc["program"],
            start=doc["start"], end=doc["end"], esf_support=doc["esf_support"],
            total_budget=doc["total_budget"], kommuner=tuple(doc["kommuner"]),
            score=float(score), snippets=tuple(snippets),
        )


class _Lru:
    """A small thread-safe least-recently-used map with a fixed number of entries."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _cache_key(params: SearchParams) -> tuple:
    """Everything that decides a result page: normalised query, filters, order, page."""
    filters = tuple(sorted((name, tuple(sorted(values)))
                           for name, values in params.filters.items() if values))
    return (" ".join(params.q.split()), filters, params.sort, params.page, params.per_page,
            params.notes)


def _replace_word(text: str, word: str, replacement: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text, count=1,
                  flags=re.IGNORECASE)


def open_engine(root: Path) -> Engine | None:
    """An engine over ``root``, or None when no index has been built there."""
    if store.current_build(root) is None:
        return None
    return Engine(root)
