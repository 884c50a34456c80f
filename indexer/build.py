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

from whoosh import index as whoosh_index

from indexer import analysis, store
from indexer.document import Document, parse_document
from indexer.schema import SURFACE, build_schema, document_fields
from indexer.textclean import UnreadableFile, decode_bytes

# A project description is a few KB and a long report under 1 MB. A text file past
# 20 MB is a dump or a log: indexing it would take about a minute (5 MB took 5 s) and
# its word counts would crowd every ranking, so it is skipped with its size named.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class BuildReport:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    build: str | None = None
    total_docs: int = 0
    lexicon_words: int = 0
    lexicon_new: int = 0

    def to_dict(self) -> dict:
        return {
            "indexed": self.indexed, "unchanged": self.unchanged, "removed": self.removed,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "seconds": round(self.seconds, 2), "build": self.build,
            "total_docs": self.total_docs, "lexicon_words": self.lexicon_words,
            "lexicon_new": self.lexicon_new,
        }


@dataclass(frozen=True)
class SourceFile:
    path: Path
    relpath: str
    doc_id: str


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    sha1: str
    document: Document


def doc_id_for(relpath: str) -> str:
    """The file's stem; files in sub-folders keep their folder to stay unique.

    >>> doc_id_for("000_e7786bfea177d1fd.txt")
    '000_e7786bfea177d1fd'
    >>> doc_id_for("2021/rapport.txt")
    '2021--rapport'
    """
    stem = relpath.rsplit(".", 1)[0] if "." in relpath.rsplit("/", 1)[-1] else relpath
    return stem.replace("/", "--")


def scan_corpus(corpus: Path, report: BuildReport) -> list[SourceFile]:
    """Every candidate file under ``corpus``; hidden and odd entries are reported."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise FileNotFoundError(f"korpuskatalogen finns inte: {corpus}")
    found: list[SourceFile] = []
    seen_ids: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(corpus, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            relpath = path.relative_to(corpus).as_posix()
            if name.startswith("."):
                report.skipped.append((relpath, "dold fil"))
                continue
            if name.lower() in {"readme.md", "readme.txt"} and dirpath == str(corpus):
                continue
            if path.is_symlink() and not path.exists():
                report.skipped.append((relpath, "trasig symbolisk länk"))
                continue
            if not path.is_file():
                report.skipped.append((relpath, "inte en vanlig fil"))
                continue
            doc_id = doc_id_for(relpath)
            if doc_id in seen_ids:
                report.skipped.append((relpath, f"samma id som {seen_ids[doc_id]}"))
                continue
            seen_ids[doc_id] = relpath
            found.append(SourceFile(path, relpath, doc_id))
    return found


def read_source(source: SourceFile) -> ParsedFile:
    """Read once, hash what was read, parse it. Raises UnreadableFile/OSError."""
    size = source.path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"för stor ({size // (1024 * 1024)} MB > "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MB)")
    raw = source.path.read_bytes()
    text = decode_bytes(raw)
    document = parse_document(text, source.doc_id, source.relpath)
    return ParsedFile(source, hashlib.sha1(raw).hexdigest(), document)


def _parse_all(sources, report, progress) -> Iterator[ParsedFile]:
    for source in progress(sources):
        try:
            yield read_source(source)
        except UnreadableFile as exc:
            report.skipped.append((source.relpath, str(exc)))
        except PermissionError:
            report.skipped.append((source.relpath, "saknar läsbehörighet"))
        except OSError as exc:
            report.skipped.append((source.relpath, f"kunde inte läsas ({exc.strerror})"))


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
    words = {w for d in documents for w in analysis.surface_words(d.title + "\n" + d.text)}
    words = {w for w in words if w.isalpha()}
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


def _segment_ids(build_dir: Path) -> set[str]:
    ix = store.open_for_reading(build_dir)
    with ix.searcher() as searcher:
        return {leaf.segment().segment_id() for leaf, _ in searcher.reader().leaf_readers()}


def write_vocabulary(build_dir: Path, previous: Path | None = None) -> None:
    """Surface words with document frequencies: for spelling and å/ä/ö folding.

    Read segment by segment: over a multi-segment reader every term is looked up in
    every segment (~15 s for 160,000 words at 10k). After an ``update`` only the
    segments the previous build did not have are read and added to its counts.
    Words of replaced or deleted documents keep counting until a rebuild — harmless
    for spelling suggestions, which only need the word to exist.
    """
    vocab: dict[str, int] = {}
    known_segments: set[str] = set()
    if previous is not None:
        vocab = store.read_json(previous / store.VOCABULARY, None)
        if vocab is None:
            vocab = {}
        else:
            known_segments = _segment_ids(previous)
    ix = store.open_for_reading(build_dir)
    with ix.searcher() as searcher:
        for leaf, _ in searcher.reader().leaf_readers():
            if leaf.segment().segment_id() in known_segments:
                continue
            for term, info in leaf.iter_field(SURFACE):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                vocab[word] = vocab.get(word, 0) + info.doc_frequency()
    store.write_json(build_dir / store.VOCABULARY, vocab)


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


def _build_aside(root: Path, previous: Path | None, start, fill, manifest: dict,
                 vocabulary_from: Path | None = None) -> Path:
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
        write_vocabulary(build_dir, vocabulary_from)
        store.write_json(build_dir / store.CHECKSUMS, store.file_checksums(build_dir))
        store.write_json(build_dir / store.MANIFEST, manifest)
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
            procs: int | None = None, wait: float = 0.0, lexicon: bool = True
            ) -> BuildReport:
    """Build a complete new index from ``corpus`` beside the served one, then swap."""
    started = time.perf_counter()
    report = BuildReport()
    root = Path(root)
    with store.writer_lock(root, wait=wait):
        previous = store.current_build(root)
        store.clean_leftovers(root, keep_previous=previous)
        sources = scan_corpus(corpus, report)
        parsed = list(_parse_all(sources, report, progress))
        if not parsed:
            report.seconds = time.perf_counter() - started
            return report
        _prepare_lexicon(root, [p.document for p in parsed], report, lexicon)

        def start_fresh(build_dir: Path):
            ix = whoosh_index.create_in(str(build_dir), build_schema())
            return ix, _writer(ix, procs, len(parsed))

        def fill(writer) -> None:
            for item in parsed:
                writer.add_document(**document_fields(item.document, item.sha1))

        manifest = {p.source.relpath: {"id": p.document.id, "sha1": p.sha1} for p in parsed}
        build_dir = _build_aside(root, previous, start_fresh, fill, manifest)
        report.indexed = len(parsed)
        report.total_docs = len(parsed)
        report.build = build_dir.name
    report.seconds = time.perf_counter() - started
    return report


def update(corpus: Path, root: Path, progress: Callable = _no_progress,
           wait: float = 0.0, lexicon: bool = True) -> BuildReport:
    """Re-index only added, changed and removed files; falls back to a rebuild."""
    started = time.perf_counter()
    report = BuildReport()
    root = Path(root)
    with store.writer_lock(root, wait=wait):
        previous = store.current_build(root)
        manifest = store.read_json(previous / store.MANIFEST, None) if previous else None
        if manifest is not None:
            store.clean_leftovers(root, keep_previous=previous)
            return _update_from(previous, manifest, corpus, root, report, progress, started,
                                lexicon)
    return rebuild(corpus, root, progress=progress, wait=wait, lexicon=lexicon)


def _update_from(previous, manifest, corpus, root, report, progress, started, lexicon):
    sources = scan_corpus(corpus, report)
    current = {s.relpath: s for s in sources}
    changed_sources, new_manifest = [], {}
    for relpath, source in current.items():
        old = manifest.get(relpath)
        try:
            digest = hashlib.sha1(source.path.read_bytes()).hexdigest()
        except OSError as exc:
            report.skipped.append((relpath, f"kunde inte läsas ({exc.strerror})"))
            continue
        if old and old.get("sha1") == digest:
            new_manifest[relpath] = old
            report.unchanged += 1
        else:
            changed_sources.append(source)
    removed_ids = [entry["id"] for rel, entry in manifest.items() if rel not in new_manifest]
    parsed = list(_parse_all(changed_sources, report, progress))
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
        ix = whoosh_index.open_dir(str(build_dir))
        return ix, ix.writer(limitmb=128)

    def fill(writer) -> None:
        for doc_id in removed_ids:
            writer.delete_by_term("id", doc_id)
        for item in parsed:
            writer.update_document(**document_fields(item.document, item.sha1))
            new_manifest[item.source.relpath] = {"id": item.document.id, "sha1": item.sha1}

    build_dir = _build_aside(root, previous, start_from_copy, fill, new_manifest,
                             vocabulary_from=previous)
    report.indexed = len(parsed)
    report.removed = len([i for i in removed_ids if i not in {p.document.id for p in parsed}])
    report.total_docs = len(new_manifest)
    report.build = build_dir.name
    report.seconds = time.perf_counter() - started
    return report
