"""Where the served index lives, and how a new one replaces it atomically.

Layout of the index directory::

    index/
      CURRENT            name of the build being served (replaced with os.replace)
      .lock              held by the one writer allowed at a time
      lexicon.json       Swedish lexicon cache, reused by later builds
      extract-cache/     extracted PDF/DOCX/ODT/HTML files by content hash (indexer.extract)
      build-<stamp>/     a complete Whoosh index + manifest.json + vocab.json + corpus.json

Whoosh's ``create_in`` over a live index empties it at once and every fresh build
is generation 1 again, so readers never open a directory that is being written:
a build goes into a new ``build-*`` directory and only a finished one is named in
``CURRENT``. Readers notice a swap by the pointer's content, not by Whoosh
generation numbers. A killed build leaves an unnamed directory that the next
writer removes.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

POINTER = "CURRENT"
LOCK = ".lock"
BUILD_PREFIX = "build-"
MANIFEST = "manifest.json"
VOCABULARY = "vocab.json"
# The absolute corpus folder a build was made from: the web layer resolves a
# document's original through it (``indexer.originals``), never through a path
# that came with a request.
CORPUS = "corpus.json"
# Size and CRC-32 of every Whoosh file of a build, written when the build is finished:
# a failing read can then tell a damaged index (truncated, zeroed, deleted) from a bug.
CHECKSUMS = "files.json"


class IndexBusy(RuntimeError):
    """Another rebuild or update holds the lock."""


def current_build(root: Path) -> Path | None:
    """The build directory being served, or None when there is none yet."""
    try:
        name = (Path(root) / POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not name.startswith(BUILD_PREFIX) or "/" in name:
        return None
    path = Path(root) / name
    return path if path.is_dir() else None


def pointer_stamp(root: Path) -> str | None:
    """A cheap token that changes whenever a new build is swapped in."""
    try:
        return (Path(root) / POINTER).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def new_build_dir(root: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = Path(root) / f"{BUILD_PREFIX}{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    path.mkdir(parents=True)
    return path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(path: Path) -> None:
    for child in Path(path).iterdir():
        if child.is_file():
            with open(child, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(path)


def swap_in(root: Path, build: Path) -> None:
    """Make ``build`` the served index in one atomic rename."""
    fsync_tree(build)
    tmp = Path(root) / f".{POINTER}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(build.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, Path(root) / POINTER)
    _fsync_dir(Path(root))


def clean_leftovers(root: Path, keep_previous: Path | None = None) -> list[str]:
    """Remove builds that are neither served nor the one just replaced.

    The previous build is kept one round so that a web process still finishing a
    request on it is not pulled from under its feet.
    """
    root = Path(root)
    keep = {p.name for p in (current_build(root), keep_previous) if p is not None}
    removed = []
    for child in root.glob(f"{BUILD_PREFIX}*"):
        if child.is_dir() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child.name)
    for child in root.glob(f".{POINTER}.*.tmp"):
        child.unlink(missing_ok=True)
    return removed


@contextmanager
def writer_lock(root: Path, wait: float = 0.0):
    """Exclusive lock for rebuild/update; raises IndexBusy when held elsewhere."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / LOCK, "a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        "en annan indexering pågår redan mot samma indexkatalog"
                    ) from None
                time.sleep(0.2)
        yield
    finally:
        handle.close()


def read_json(path: Path, default):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _storage(build: Path, readonly: bool):
    from whoosh.filedb.filestore import FileStorage

    from indexer import mapped

    return FileStorage(str(build), supports_mmap=mapped.install(), readonly=readonly)


def open_for_reading(build: Path):
    """A served build, its segments memory-mapped without a copy (``indexer.mapped``).

    Why not Whoosh's own mmap: it copies every mapped sub-file (700 MB per searcher
    at 10k). Why not plain reads: a seek and a system call per read, a quarter of a
    first-time query. Should this Whoosh not take the mapped reader, plain reads.
    """
    return _storage(build, readonly=True).open_index()


def open_for_writing(build: Path, schema=None):
    """A build being written (``schema`` given: a new, empty one), its segments read
    as in :func:`open_for_reading`: with Whoosh's own mmap, the build's searchers
    (deleting replaced documents, the vocabulary, the derived data) each copied every
    segment — 0.3 s apiece at 10,000 documents in an ``update``."""
    storage = _storage(build, readonly=False)
    return storage.create_index(schema) if schema is not None else storage.open_index()


def segment_ids(build: Path) -> list[str]:
    """The build's segments, from its table of contents (no segment is opened)."""
    ix = open_for_reading(build)
    try:
        return [segment.segment_id() for segment in ix._segments()]
    finally:
        ix.close()


def file_checksums(build: Path, previous: Path | None = None) -> dict[str, list[int]]:
    """``file name → [size, crc32]`` of the Whoosh files of a finished build.

    Only Whoosh's own files: our ``*.json`` and ``*.pickle`` beside them (manifest,
    vocabulary, corpus root, ``indexer.derived``) are rewritten by ``update`` in a
    hard-linked copy and checked by their readers. A file that is a hard link to the
    ``previous`` build's (an ``update``'s unchanged segments) keeps its recorded sum:
    it is the same file, and reading it again was 0.4 s of an update at 10,000.
    """
    known = read_json(Path(previous) / CHECKSUMS, {}) if previous is not None else {}
    out = {}
    for path in sorted(Path(build).iterdir()):
        if path.suffix in (".json", ".pickle", ".tmp") or not path.is_file() \
                or path.name.endswith("WRITELOCK"):
            continue
        size = path.stat().st_size
        earlier = known.get(path.name)
        if earlier and earlier[0] == size and _same_file(path, Path(previous) / path.name):
            out[path.name] = earlier
        else:
            out[path.name] = [size, _crc32(path)]
    return out


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


SMALL_FILE = 1 << 20


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def damage(build: Path, sizes_only: bool = False) -> str | None:
    """Why a build is not intact (Swedish, for the user), or None when it is.

    The full check (CRC-32 of every byte) runs only after something failed: it costs
    about a second on a large index. ``sizes_only`` is a few ``stat`` calls, cheap
    enough before every open, with the CRC of files under 1 MB (the table of
    contents). Whoosh leaks a file handle when it opens a truncated segment or a
    zeroed table of contents, so those are best caught before it tries.
    """
    build = Path(build)
    if not build.is_dir():
        return "indexkatalogen finns inte längre"
    expected = read_json(build / CHECKSUMS, None)
    if expected is None:
        return None if sizes_only else "indexets filförteckning saknas"
    try:
        if sizes_only:  # plus the CRC of small files: the table of contents
            found = {}
            for name, (size, crc) in expected.items():
                path = build / name
                if path.exists():
                    found[name] = [path.stat().st_size,
                                   _crc32(path) if size <= SMALL_FILE else crc]
        else:
            found = file_checksums(build)
    except OSError as exc:
        return f"indexfilerna kan inte läsas ({exc.strerror})"
    for name, (size, crc) in expected.items():
        if name not in found:
            return f"indexfilen {name} saknas"
        if found[name][0] != size:
            return f"indexfilen {name} är avkortad ({found[name][0]} av {size} byte)"
        if found[name][1] != crc:
            return f"indexfilen {name} är skadad"
    return None


def write_corpus_root(build: Path, corpus: Path) -> None:
    write_json(Path(build) / CORPUS, {"root": os.path.realpath(corpus)})


def corpus_root(build: Path) -> Path | None:
    """The corpus folder ``build`` was made from, or None (older builds)."""
    data = read_json(Path(build) / CORPUS, None)
    root = data.get("root") if isinstance(data, dict) else None
    return Path(root) if isinstance(root, str) and os.path.isabs(root) else None


def write_json(path: Path, data) -> None:
    tmp = Path(path).with_name(Path(path).name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
