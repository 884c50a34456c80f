"""rebuild and update: parse the corpus, skip and report bad files, build aside, swap.

A broken file is reported by name and skipped; everything else is indexed; the
served index is replaced only by a complete new one (see ``indexer.store``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from indexer import analysis, formats, store
from indexer.corpus import SourceFile, doc_id_for, scan_corpus  # noqa: F401 (public)
from indexer.derived import read_derived, write_derived
from indexer.document import Document
from indexer.extract import FILE_SECONDS, ExtractionCache, extract_all
from indexer.schema import SURFACE, analysed_text, build_schema, document_fields

MAX_FILE_BYTES = formats.MAX_BYTES["txt"]


@dataclass
class BuildReport:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0
    build: str | None = None
    total_docs: int = 0
    lexicon_words: int = 0
    lexicon_new: int = 0

    def to_dict(self) -> dict:
        return {
            "indexed": self.indexed, "unchanged": self.unchanged, "removed": self.removed,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "skipped_by_type": self.skipped_by_type(),
            "warnings": [{"file": f, "warning": w} for f, w in self.warnings],
            "cached": self.cached,
            "seconds": round(self.seconds, 2), "build": self.build,
            "total_docs": self.total_docs, "lexicon_words": self.lexicon_words,
            "lexicon_new": self.lexicon_new,
        }

    def skipped_by_type(self) -> dict[str, int]:
        """How many files of each extension were skipped ("(ingen)" without one)."""
        counts: dict[str, int] = {}
        for name, _ in self.skipped:
            base = name.rsplit("/", 1)[-1]
            suffix = "." + base.rsplit(".", 1)[1].lower() if "." in base.lstrip(".") else "(ingen)"
            counts[suffix] = counts.get(suffix, 0) + 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    sha1: str
    document: Document


def read_source(source: SourceFile) -> ParsedFile:
    """Read and parse one file in this process (bench scripts); raises UnreadableFile."""
    raw = source.path.read_bytes()
    document, _ = formats.extract(source.path, source.format, source.doc_id, source.relpath,
                                  raw=raw)
    return ParsedFile(source, hashlib.sha1(raw).hexdigest(), document)


class _Counted:
    """An iterator with a length, so a progress bar knows the total."""

    def __init__(self, items, total: int) -> None:
        self.items, self.total = items, total

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return self.total


def _parse_all(sources, report, progress, cache: ExtractionCache,
               seconds: float = FILE_SECONDS, procs: int | None = None) -> Iterator[ParsedFile]:
    """Documents of ``sources`` (workers, cache, or here); the rest reported by name."""
    outcomes = extract_all(sources, cache, procs=procs, seconds=seconds)
    for outcome in progress(_Counted(outcomes, len(sources))):
        for warning in outcome.warnings:
            report.warnings.append((outcome.source.relpath, warning))
        if outcome.document is None:
            report.skipped.append((outcome.source.relpath, outcome.reason or "okänt fel"))
        else:
            yield ParsedFile(outcome.source, outcome.sha1, outcome.document)
    report.cached += cache.hits


def _no_progress(items, **_):
    return items


def _prepare_lexicon(root: Path, documents: list[Document], report: BuildReport,
                     enabled: bool = True):
    """Load the persisted lexicon, analyse new words, install it for the analyzer."""
    if not enabled:
        analysis.install_expansions(None)
        return None
    from indexer import lexicon as lexicon_module

    cache_path = Path(root) / lexicon_module.DEFAULT_CACHE_NAME
    lexicon = lexicon_module.Lexicon.load(cache_path)
    # Distinct tokens first, lower-cased once each: the same set as surface_words of
    # every document, without lower-casing every occurrence.
    written = {match.group() for d in documents
               for match in analysis.TOKEN_PATTERN.finditer(analysed_text(d))}
    words = {w for w in {t.lower() for t in written} if w.isalpha()}
    try:
        report.lexicon_new = lexicon.ensure(words)
    except (ImportError, OSError):
        # Without the optional dictionary the cache still serves the words it has.
        report.lexicon_new = 0
    if report.lexicon_new:
        lexicon.save(cache_path)
    report.lexicon_words = len(lexicon)
    analysis.install_expansions(lexicon_module.expansion_lookup(lexicon))
    return lexicon


def _recorded_stat(source: SourceFile) -> list[int] | None:
    """A file's [size, mtime] as the manifest keeps it: the scan's, taken before the
    file was read, so a change while it was being read shows as a newer time at the
    next update, never as the old one."""
    return list(source.stat) if source.stat is not None else None


def _manifest_entry(item: ParsedFile) -> dict:
    """What ``update`` compares a file with: its content hash, and its size and
    modification time so that an unchanged file is not even read."""
    return {"id": item.document.id, "sha1": item.sha1, "stat": _recorded_stat(item.source)}


def write_vocabulary(build_dir: Path, reader, previous: Path | None = None,
                     previous_data: dict | None = None) -> dict[str, int]:
    """Surface words with document frequencies: for spelling and å/ä/ö folding.

    Read segment by segment: over a multi-segment reader every term is looked up in
    every segment (~15 s for 160,000 words at 10k). After an ``update`` only the
    segments the previous build did not have are read and added to its counts
    (taken from its derived data when it has them: a pickle loads faster than the
    JSON). Words of replaced or deleted documents keep counting until a rebuild —
    harmless for spelling suggestions, which only need the word to exist.
    """
    vocab: dict[str, int] = {}
    known_segments: set[str] = set()
    if previous_data is not None:
        vocab = dict(previous_data["frequencies"])
        known_segments = {segment for segment, _ in previous_data["leaves"]}
    elif previous is not None:
        found = store.read_json(previous / store.VOCABULARY, None)
        if found is not None:
            vocab = found
            known_segments = set(store.segment_ids(previous))
    for leaf, _ in reader.leaf_readers():
        if leaf.segment().segment_id() in known_segments:
            continue
        for term, info in leaf.iter_field(SURFACE):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            vocab[word] = vocab.get(word, 0) + info.doc_frequency()
    store.write_json(build_dir / store.VOCABULARY, vocab)
    return vocab


# Postings are sorted in memory up to this many MB per writer process; past it Whoosh
# pickles every posting to a temporary run file and merges them back, which measured
# 1.3x slower on 1,000 bench documents (56 s at 256 MB vs 43 s at 2,048 MB, one process).
# Whoosh's estimate is ~170 bytes a posting, so 1,024 MB holds ~6 M postings (about
# 3,500 bench documents per process) before the first spill.
POOL_LIMIT_MB = 1024


def _writer(ix, procs: int | None, documents: int):
    # Whoosh's multiprocess writer pays off only when there is enough to analyse;
    # multisegment skips the final merge (one segment per process).
    if procs is None:
        procs = min(os.cpu_count() or 1, 4) if documents >= 400 else 1
    if procs > 1:
        return ix.writer(procs=procs, limitmb=POOL_LIMIT_MB, multisegment=True)
    return ix.writer(limitmb=POOL_LIMIT_MB)


def _derived_of(build_dir: Path) -> dict | None:
    """A finished build's derived data (None when it has none that fits it)."""
    ix = store.open_for_reading(build_dir)
    try:
        return read_derived(build_dir, ix)
    finally:
        ix.close()


def _build_aside(root: Path, previous: Path | None, start, fill, manifest: dict,
                 vocabulary_from: Path | None = None, corpus: Path | None = None) -> Path:
    """Write a new build directory, finish it, swap it in; on any failure remove it.

    ``start(build_dir)`` returns (index, writer); ``fill(writer)`` adds the documents.
    Until ``swap_in`` the served index is untouched, so a crash at any point leaves
    the old one served and an unnamed directory for the next run to clean up.
    """
    build_dir = store.new_build_dir(root)
    try:
        ix, writer = start(build_dir)
        try:
            fill(writer)
            writer.commit()
        except BaseException:
            # A writer that failed half-way (a full disk) may refuse to cancel
            # ("This writer is closed"); the original error is the one to report.
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        previous_data = _derived_of(vocabulary_from) if vocabulary_from is not None else None
        with ix.searcher() as searcher:
            reader = searcher.reader()
            vocabulary = write_vocabulary(build_dir, reader, vocabulary_from, previous_data)
            write_derived(build_dir, ix, reader, vocabulary, previous_data)
        store.write_json(build_dir / store.CHECKSUMS,
                         store.file_checksums(build_dir, vocabulary_from))
        store.write_json(build_dir / store.MANIFEST, manifest)
        if corpus is not None:
            store.write_corpus_root(build_dir, corpus)
        store.swap_in(root, build_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    store.clean_leftovers(root, keep_previous=previous)
    return build_dir


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: copy
        shutil.copy2(source, target)


def rebuild(corpus: Path, root: Path, progress: Callable = _no_progress,
            procs: int | None = None, wait: float = 0.0, lexicon: bool = True,
            file_seconds: float = FILE_SECONDS) -> BuildReport:
    """Build a complete new index from ``corpus`` beside the served one, then swap.

    ``file_seconds`` is the time budget of one file's extraction (see ``extract``).
    """
    started = time.perf_counter()
    report = BuildReport()
    root = Path(root)
    with store.writer_lock(root, wait=wait):
        previous = store.current_build(root)
        store.clean_leftovers(root, keep_previous=previous)
        sources = scan_corpus(corpus, report)
        cache = ExtractionCache(root)
        parsed = list(_parse_all(sources, report, progress, cache, file_seconds))
        if not parsed:
            report.seconds = time.perf_counter() - started
            return report
        _prepare_lexicon(root, [p.document for p in parsed], report, lexicon)

        def start_fresh(build_dir: Path):
            ix = store.open_for_writing(build_dir, build_schema())
            return ix, _writer(ix, procs, len(parsed))

        def fill(writer) -> None:
            for item in parsed:
                writer.add_document(**document_fields(item.document, item.sha1))

        manifest = {p.source.relpath: _manifest_entry(p) for p in parsed}
        build_dir = _build_aside(root, previous, start_fresh, fill, manifest, corpus=corpus)
        cache.prune()
        report.indexed = len(parsed)
        report.total_docs = len(parsed)
        report.build = build_dir.name
    report.seconds = time.perf_counter() - started
    return report


def update(corpus: Path, root: Path, progress: Callable = _no_progress,
           wait: float = 0.0, lexicon: bool = True, file_seconds: float = FILE_SECONDS
           ) -> BuildReport:
    """Re-index only added, changed and removed files; falls back to a rebuild."""
    started = time.perf_counter()
    report = BuildReport()
    root = Path(root)
    with store.writer_lock(root, wait=wait):
        previous = store.current_build(root)
        manifest = store.read_json(previous / store.MANIFEST, None) if previous else None
        if manifest is not None and not same_schema(previous):
            # Built by an older version with other fields: adding documents to it would
            # fail (or mix two schemas), so the whole index is built again.
            manifest = None
        if manifest is not None:
            store.clean_leftovers(root, keep_previous=previous)
            return _update_from(previous, manifest, corpus, root, report, progress, started,
                                lexicon, file_seconds)
    return rebuild(corpus, root, progress=progress, wait=wait, lexicon=lexicon,
                   file_seconds=file_seconds)


def same_schema(build_dir: Path) -> bool:
    """Whether a build has exactly the fields (and field types) this version writes."""
    try:
        ix = store.open_for_reading(build_dir)
    except Exception:
        return False
    try:
        old, new = ix.schema, build_schema()
        return sorted(old.names()) == sorted(new.names()) and all(
            type(old[name]) is type(new[name]) for name in new.names())
    finally:
        ix.close()


def _update_from(previous, manifest, corpus, root, report, progress, started, lexicon,
                 file_seconds=FILE_SECONDS):
    known = {relpath: tuple(entry["stat"]) for relpath, entry in manifest.items()
             if entry.get("stat") is not None}
    sources = scan_corpus(corpus, report, known)
    current = {s.relpath: s for s in sources}
    changed_sources, new_manifest = [], {}
    for relpath, source in current.items():
        old = manifest.get(relpath)
        # Same size and modification time as when it was indexed: unchanged, without
        # reading it (as git's index does); otherwise its content decides.
        if old and source.stat is not None and known.get(relpath) == source.stat:
            new_manifest[relpath] = old
            report.unchanged += 1
            continue
        try:
            digest = hashlib.sha1(source.path.read_bytes()).hexdigest()
        except OSError as exc:
            report.skipped.append((relpath, f"kunde inte läsas ({exc.strerror})"))
            continue
        if old and old.get("sha1") == digest:
            # Unchanged after all (touched, or indexed before sizes were kept): its
            # size and time are recorded so the next update need not read it.
            new_manifest[relpath] = {**old, "stat": _recorded_stat(source)}
            report.unchanged += 1
        else:
            changed_sources.append(source)
    removed_ids = [entry["id"] for rel, entry in manifest.items() if rel not in new_manifest]
    parsed = list(_parse_all(changed_sources, report, progress, ExtractionCache(root),
                             file_seconds))
    if not changed_sources and len(new_manifest) == len(manifest):
        report.total_docs = len(new_manifest)
        report.build = previous.name
        report.seconds = time.perf_counter() - started
        return report
    _prepare_lexicon(root, [p.document for p in parsed], report, lexicon)

    def start_from_copy(build_dir: Path):
        shutil.rmtree(build_dir)
        # Hard links, not copies: Whoosh never rewrites a segment file in place (a new
        # TOC and new segments are written beside them), so the served build cannot be
        # changed through a link, and a 400 MB index "copies" in milliseconds.
        shutil.copytree(previous, build_dir, copy_function=_link_or_copy)
        ix = store.open_for_writing(build_dir)
        return ix, ix.writer(limitmb=128)

    def fill(writer) -> None:
        for doc_id in removed_ids:
            writer.delete_by_term("id", doc_id)
        for item in parsed:
            writer.update_document(**document_fields(item.document, item.sha1))
            new_manifest[item.source.relpath] = _manifest_entry(item)

    build_dir = _build_aside(root, previous, start_from_copy, fill, new_manifest,
                             vocabulary_from=previous, corpus=corpus)
    report.indexed = len(parsed)
    report.removed = len([i for i in removed_ids if i not in {p.document.id for p in parsed}])
    report.total_docs = len(new_manifest)
    report.build = build_dir.name
    report.seconds = time.perf_counter() - started
    return report
