"""Files → documents for a build: worker processes with a budget, and a cache.

PDF, Word, ODT and HTML readers run C libraries on files from anywhere. A
corrupt file can make one loop for minutes, allocate gigabytes or crash outright,
so they never run in the build process: each file goes to a worker process with a
time budget that is enforced (a worker past its deadline is killed and replaced)
and an address-space limit (``RLIMIT_AS``), and a worker that dies only costs its
one file, which is reported by name. Plain ``.txt`` files are parsed in the build
process meanwhile: they are bounded by size and pure Python.

Extractions are cached by content hash beside the index (``extract-cache/``), so
``update`` and ``rebuild`` never extract an unchanged file twice; a rebuild drops
entries no file uses any more. The key includes the readers' version
(``formats.READER_VERSION``), so a reader change re-extracts everything once.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from pathlib import Path

from indexer import formats
from indexer.corpus import SourceFile
from indexer.document import Document
from indexer.textclean import UnreadableFile

CACHE_DIR = "extract-cache"
FILE_SECONDS = 60.0       # a 1,000-page PDF reads in ~10 s on this machine
WORKER_MEMORY_MB = 3072   # address space per worker; a zip bomb hits this, not the host


@dataclass
class Outcome:
    source: SourceFile
    sha1: str | None = None
    document: Document | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    source: SourceFile
    sha1: str
    key: str
    size: int


# --- the cache ----------------------------------------------------------------------

class ExtractionCache:
    """Pickled extraction results under ``<index root>/extract-cache/``.

    The cache lives in the index directory the build itself writes; it is read
    back only by builds (never by the web process).
    """

    def __init__(self, root: Path) -> None:
        self.dir = Path(root) / CACHE_DIR
        self.used: set[str] = set()
        self.hits = 0

    @staticmethod
    def key(sha256: str, fmt: str) -> str:
        return f"{sha256}-{fmt}-v{formats.READER_VERSION}"

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        self.used.add(key)
        try:
            data = self._path(key).read_bytes()
            value = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        self.used.add(key)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> int:
        """Remove entries this build did not use; returns how many."""
        removed = 0
        if not self.dir.is_dir():
            return 0
        for path in self.dir.glob("*/*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _from_cache(value, job: Job) -> Outcome:
    document, reason, warnings = value
    if document is not None:
        old_stem = Path(document.source).stem
        document = replace(document, id=job.source.doc_id)
        if document.title == old_stem:  # the file-name fallback follows the file
            document = replace(document, title=Path(job.source.relpath).stem)
        document = formats.placed(document, job.source.format, job.source.relpath, job.size)
    return Outcome(job.source, job.sha1, document, reason, list(warnings))


# --- the worker ---------------------------------------------------------------------

def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def extract_one(path: str, fmt: str, doc_id: str, relpath: str):
    """What a worker does with one file: ("ok", document, warnings) or ("skip", reason)."""
    try:
        document, warnings = formats.extract(Path(path), fmt, doc_id, relpath)
        return "ok", document, warnings
    except UnreadableFile as exc:
        return "skip", str(exc)
    except MemoryError:
        return "limit", "för mycket minne (över gränsen för en fil)"
    except PermissionError:
        return "skip", "saknar läsbehörighet"
    except RecursionError:
        return "skip", "för djupt nästlad struktur"
    except OSError as exc:
        return "skip", f"kunde inte läsas ({exc.strerror})"
    except Exception as exc:  # a library's own error on a broken file: report, go on
        return "skip", f"kunde inte läsas ({type(exc).__name__}: {str(exc)[:120]})"


def _worker_main(conn, memory_mb: int, function_name: str) -> None:
    _limit_memory(memory_mb)
    module_name, _, attr = function_name.rpartition(".")
    import importlib

    function = getattr(importlib.import_module(module_name), attr)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = function(*job)
        except MemoryError:
            result = "limit", "för mycket minne (över gränsen för en fil)"
        except Exception as exc:
            result = "skip", f"kunde inte läsas ({type(exc).__name__})"
        try:
            conn.send(result)
        except MemoryError:
            conn.send(("limit", "för mycket minne (över gränsen för en fil)"))


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    job: Job | None = None
    deadline: float = 0.0


class WorkerPool:
    """Worker processes that each read one file at a time under a deadline.

    ``function`` is named by its import path so that a spawned worker can import
    it (tests use it to plug in a reader that hangs or crashes).
    """

    def __init__(self, procs: int, seconds: float = FILE_SECONDS,
                 memory_mb: int = WORKER_MEMORY_MB,
                 function: str = "indexer.extract.extract_one") -> None:
        self.procs = max(1, procs)
        self.seconds = seconds
        self.memory_mb = memory_mb
        self.function = function
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main,
                                       args=(child, self.memory_mb, self.function),
                                       daemon=True, name="asf-extract")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self.workers.remove(worker)

    def run(self, jobs: Iterable[Job], local: Iterable[Job] = (),
            local_function: Callable[[Job], Outcome] | None = None) -> Iterator[Outcome]:
        """Outcomes in completion order; ``local`` jobs run here while workers work."""
        pending, local_jobs = deque(jobs), deque(local)
        try:
            while pending or local_jobs or any(w.job for w in self.workers):
                idle = [w for w in self.workers if w.job is None]
                while pending and (idle or len(self.workers) < self.procs):
                    worker = idle.pop() if idle else self._start()
                    job = pending.popleft()
                    worker.job, worker.deadline = job, time.monotonic() + self.seconds
                    source = job.source
                    worker.conn.send((str(source.path), source.format, source.doc_id,
                                      source.relpath))
                busy = [w for w in self.workers if w.job is not None]
                if local_jobs and local_function is not None:
                    yield local_function(local_jobs.popleft())
                    timeout = 0.0
                else:
                    timeout = max(0.0, min((w.deadline for w in busy), default=0.0)
                                  - time.monotonic())
                if not busy:
                    continue
                ready = wait([w.conn for w in busy], timeout=timeout)
                for worker in busy:
                    if worker.conn in ready:
                        yield self._receive(worker)
                now = time.monotonic()
                for worker in [w for w in self.workers if w.job and now > w.deadline]:
                    job = worker.job
                    self._retire(worker, kill=True)
                    yield Outcome(job.source, job.sha1,
                                  reason=f"tog för lång tid (mer än {self.seconds:g} s)")
        finally:
            self.close()

    def _receive(self, worker: _Worker) -> Outcome:
        job = worker.job
        try:
            message = worker.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            worker.process.join(timeout=5)
            code = worker.process.exitcode
            self._retire(worker, kill=True)
            how = f"signal {-code}" if code is not None and code < 0 else f"kod {code}"
            return Outcome(job.source, job.sha1, reason=f"läsaren kraschade ({how})")
        worker.job = None
        if message[0] == "ok":
            return Outcome(job.source, job.sha1, document=message[1], warnings=message[2])
        if message[0] == "limit":
            self._retire(worker, kill=True)  # memory may be fragmented: start afresh
        return Outcome(job.source, job.sha1, reason=message[1])

    def close(self) -> None:
        for worker in list(self.workers):
            try:
                if worker.job is None:
                    worker.conn.send(None)
            except OSError:
                pass
            self._retire(worker, kill=worker.job is not None)
        for worker in list(self.workers):
            self._retire(worker, kill=True)


# --- a build's extraction -------------------------------------------------------------

def _hashes(path: Path) -> tuple[str, str, int]:
    sha1, sha256, size = hashlib.sha1(), hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            sha1.update(chunk)
            sha256.update(chunk)
            size += len(chunk)
    return sha1.hexdigest(), sha256.hexdigest(), size


def _read_text(source: SourceFile) -> Outcome:
    """A ``.txt`` file in this process: read once, hash what was read, parse."""
    try:
        size = source.path.stat().st_size
        formats.check_size("txt", size)
        raw = source.path.read_bytes()
        document, warnings = formats.extract(source.path, "txt", source.doc_id,
                                             source.relpath, raw=raw)
    except UnreadableFile as exc:
        return Outcome(source, reason=str(exc))
    except PermissionError:
        return Outcome(source, reason="saknar läsbehörighet")
    except OSError as exc:
        return Outcome(source, reason=f"kunde inte läsas ({exc.strerror})")
    return Outcome(source, hashlib.sha1(raw).hexdigest(), document, warnings=warnings)


def default_procs(jobs: int) -> int:
    return max(1, min(os.cpu_count() or 1, 4, jobs))


def extract_all(sources: list[SourceFile], cache: ExtractionCache, procs: int | None = None,
                seconds: float = FILE_SECONDS, memory_mb: int = WORKER_MEMORY_MB,
                function: str = "indexer.extract.extract_one") -> Iterator[Outcome]:
    """Every source's outcome: from the cache, from a worker, or parsed here (.txt)."""
    texts = [s for s in sources if s.format == "txt"]
    jobs: list[Job] = []
    for source in sources:
        if source.format == "txt":
            continue
        try:
            size = source.path.stat().st_size
            formats.check_size(source.format, size)
            sha1, sha256, size = _hashes(source.path)
        except UnreadableFile as exc:
            yield Outcome(source, reason=str(exc))
            continue
        except PermissionError:
            yield Outcome(source, reason="saknar läsbehörighet")
            continue
        except OSError as exc:
            yield Outcome(source, reason=f"kunde inte läsas ({exc.strerror})")
            continue
        job = Job(source, sha1, ExtractionCache.key(sha256, source.format), size)
        cached = cache.get(job.key)
        if cached is not None:
            yield _from_cache(cached, job)
        else:
            jobs.append(job)
    by_source = {id(job.source): job for job in jobs}
    pool = WorkerPool(procs or default_procs(len(jobs)), seconds, memory_mb, function)
    for outcome in pool.run(jobs, (Job(s, "", "", 0) for s in texts),
                            lambda job: _read_text(job.source)):
        job = by_source.get(id(outcome.source))
        deterministic = outcome.document is not None or (
            outcome.reason is not None and not outcome.reason.startswith(
                ("tog för lång tid", "läsaren kraschade", "för mycket minne")))
        if job is not None and deterministic:
            cache.put(job.key, (outcome.document, outcome.reason, outcome.warnings))
        yield outcome
