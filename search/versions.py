"""Index versions: one served build, everything derived from it, and the hot swap.

An :class:`IndexVersion` opens one build directory and computes once what every
query needs — facet bitsets, sort columns, the id map, the vocabulary — plus the
caches that belong to it. :class:`VersionManager` notices a swapped build by the
pointer file (checked at most once a second), opens the new version (in a thread
for the web server), and closes the old one's searchers when its last request ends.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from indexer import store
from indexer.derived import derive, read_column, read_derived
from indexer.lexicon import DEFAULT_CACHE_NAME, Lexicon, expansion_lookup
from indexer.schema import unpack_document
from search.caches import Lru
from search.facets import FacetIndex
from search.ordering import Ordering
from search.query import QueryBuilder, QueryPlan
from search.scoring import TermScoreCache
from search.snippets import Highlighter
from search.vocabulary import Vocabulary

CHECK_INTERVAL = 1.0
# Parsed documents kept per index version (~30 KB each): the hits of popular queries.
DOCUMENT_CACHE_SIZE = 1000
# Finished result pages per index version, keyed by (normalised query, filters, sort,
# page): a repeated search, the back button and paging back cost a dictionary lookup.
PAGE_CACHE_SIZE = 256


def _load_lexicon(root: Path):
    """(lemmas, lemmas + compound parts) lookups from the build's lexicon cache.

    Only the cache is read: the Hunspell dictionary is never loaded here.
    """
    lexicon = Lexicon.load(Path(root) / DEFAULT_CACHE_NAME)
    if not len(lexicon):
        return None, None
    return expansion_lookup(lexicon, with_parts=False), expansion_lookup(lexicon)


def _lexicon_stamp(root: Path) -> tuple | None:
    try:
        info = (Path(root) / DEFAULT_CACHE_NAME).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class IndexVersion:
    """One served build and everything computed from it (read-only after opening,
    apart from its thread-safe caches)."""

    def __init__(self, root: Path, build: Path, lexicon=None):
        """``lexicon``: (lemmas, expansions) lookups to reuse, else read from ``root``."""
        self.build = build
        self.name = build.name
        damaged = store.damage(build, sizes_only=True)
        if damaged:
            raise OSError(damaged)
        self.ix = store.open_for_reading(build)
        self._local = threading.local()
        self._searchers = []
        self._lock = threading.Lock()
        self.active = 0
        self.retired = False
        try:
            self._derive(root, lexicon)
        except BaseException:
            self.close()  # a damaged build must not leave open files behind
            raise

    def _derive(self, root: Path, lexicon) -> None:
        searcher = self.searcher()
        reader = searcher.reader()
        self.doc_count = reader.doc_count()
        # Facet bitsets, columns, ids and the vocabulary's order as the build computed
        # them; for a build without them (older, or a copied file) computed here.
        derived = read_derived(self.build, self.ix) or derive(
            self.ix, reader, store.read_json(self.build / store.VOCABULARY, {}))
        self.facets = FacetIndex(precomputed=(derived["all_docs"], derived["facets"]))
        self.scores = TermScoreCache(reader)
        self.documents = Lru(DOCUMENT_CACHE_SIZE)
        self.pages = Lru(PAGE_CACHE_SIZE)
        self.columns = derived["columns"]
        self.ordering = Ordering(self.column(reader, "start_day"), self.column(reader, "budget"))
        self.ids = derived["ids"]
        frequencies, order = derived["frequencies"], (derived["sorted_words"], derived["folded"])
        lemmas, self.expansions = lexicon if lexicon is not None else _load_lexicon(root)
        self.lexicon = (lemmas, self.expansions)
        self.vocabulary = Vocabulary(frequencies, lemmas, order)
        self.builder = QueryBuilder(self.vocabulary)

    def column(self, reader, name: str) -> list:
        """A sort column, as the build wrote it down or read from the index."""
        found = self.columns.get(name)
        return found if found is not None else read_column(reader, name)

    def clear_caches(self) -> None:
        """Forget cached pages, postings and documents (benchmarks measure a new query)."""
        self.documents.clear()
        self.pages.clear()
        self.scores.clear()

    def stored_document(self, docnum: int) -> dict:
        """The parsed document of a hit, decompressed once and kept while it is popular."""
        found = self.documents.get(docnum)
        if found is None:
            found = unpack_document(self.searcher().stored_fields(docnum)["doc"])
            self.documents.put(docnum, found)
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

    # -- lifetime: requests in flight keep a retired version open ------------------
    def enter(self) -> None:
        with self._lock:
            self.active += 1

    def leave(self) -> None:
        with self._lock:
            self.active -= 1
            close = self.retired and self.active == 0
        if close:
            self.close()

    def __enter__(self) -> IndexVersion:
        self.enter()
        return self

    def __exit__(self, *exc) -> None:
        self.leave()

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


class IndexUnavailable(RuntimeError):
    """No build can be served: never built, vanished, or damaged. Says why in Swedish."""

    def __init__(self, message: str, damaged: bool = False):
        super().__init__(message)
        self.damaged = damaged


class VersionManager:
    """Serves the current build; notices a swapped one by the pointer file.

    With ``background_loading`` (the web server) a new build is opened in a thread
    while requests keep being answered from the old one — opening 10,000 documents
    takes a moment, and no request should wait for it. Without it (CLI, tests) the
    next call after a swap opens it directly.
    """

    def __init__(self, root: Path, background_loading: bool = False):
        self.root = Path(root)
        self.background_loading = background_loading
        self._version: IndexVersion | None = None
        self._stamp: str | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        # Why the last build named by the pointer could not be opened (None: it could).
        self.load_error: str | None = None
        # The lexicon cache file is shared by every build of a root: a swap that did
        # not change it reuses the lookups instead of parsing 150,000 words again.
        self._lexicon: tuple[tuple | None, tuple] | None = None

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
        stamp_of_lexicon = _lexicon_stamp(self.root)
        reuse = None
        if self._lexicon is not None and self._lexicon[0] == stamp_of_lexicon:
            reuse = self._lexicon[1]
        try:
            fresh = IndexVersion(self.root, build, reuse)
        except Exception as exc:
            # A half-deleted or unreadable build: keep serving the old one (retried at
            # the next check), and remember why for the error page.
            self.load_error = store.damage(build) or f"indexet kunde inte öppnas ({exc})"
            return
        self.load_error = None
        self._lexicon = (stamp_of_lexicon, fresh.lexicon)
        with self._lock:
            if self._stamp == stamp and self._version is not None:
                fresh.retire()  # another thread was quicker
                return
            old, self._version, self._stamp = self._version, fresh, stamp
        if old is not None:
            old.retire()
        if self.background_loading:
            # The typo buckets (0.6 s at 10,000 documents) are made after the version is
            # served, not before: no request waits for them unless it is misspelt.
            threading.Thread(target=fresh.vocabulary.warm, name="typo-buckets",
                             daemon=True).start()

    def close(self) -> None:
        """Close the served version's searchers (each holds open index files)."""
        if self._version is not None:
            self._version.retire()
            self._version = None
