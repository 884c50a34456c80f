"""Which files in the corpus folder are documents, and under which id.

The corpus is a folder that people drop files into, so it also holds what they did
not mean to publish: editor backups, Office lock files, pictures, links to files
elsewhere on the machine. The rules, in the order they are applied (also in the
README):

1. hidden names (``.x``) are skipped; editor backups (``x~``, ``#x#``, ``.bak``,
   ``.tmp``, ``.swp``) and Office lock files (``~$x``) are never documents;
2. a symbolic link is followed only when its target resolves inside the corpus root
   (a link to ``/etc/passwd`` is "pekar utanför korpusen"); linked folders are
   walked once, so a link back up ends instead of looping;
3. the extension names the reader (``indexer.formats``); other extensions, and old
   binary formats such as ``.doc``, are reported with the reason;
4. the first bytes must agree with the extension (``indexer.formats.sniff``): a
   ``.docx`` that is not a zip, or a ``.txt`` that is a PNG, is not read.

Every skipped name is reported with its reason; nothing is dropped silently.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from indexer.formats import sniff

_BACKUP_SUFFIXES = (".bak", ".tmp", ".swp", ".swo", ".orig")


@dataclass(frozen=True)
class SourceFile:
    file: str        # the resolved file, inside the corpus root
    relpath: str     # as the user sees it, relative to the corpus root, with "/"
    doc_id: str
    format: str      # a key of indexer.formats.READERS
    # [size, mtime in ns] when scanned: what ``update`` compares with its manifest.
    stat: tuple[int, int] | None = None

    @property
    def path(self) -> Path:
        """``file`` as a Path (made when asked: a scan of 50,000 files spent a second
        making Paths for files an update then skipped as unchanged)."""
        return Path(self.file)

    @property
    def collection(self) -> str | None:
        """The folder the file sits in ("Samling"); None at the corpus root."""
        folder = self.relpath.rpartition("/")[0]
        return folder or None


def doc_id_for(relpath: str) -> str:
    """A stable id from the path: folders joined by ``--``; text files drop ``.txt``.

    Other formats keep their extension, so a report and its PDF twin are two
    documents.

    >>> doc_id_for("000_e7786bfea177d1fd.txt")
    '000_e7786bfea177d1fd'
    >>> doc_id_for("2021/rapport.txt")
    '2021--rapport'
    >>> doc_id_for("Sigtuna/IoP 2022.pdf")
    'Sigtuna--IoP 2022.pdf'
    """
    stem = relpath[:-4] if relpath.lower().endswith(".txt") else relpath
    return stem.replace("/", "--")


def name_rule(name: str) -> str | None:
    """Why a file name is not a document, or None.

    >>> name_rule("kopia.txt~")
    'säkerhetskopia från en editor'
    >>> name_rule("~$rapport.docx")
    'låsfil från Office'
    >>> name_rule("rapport.docx") is None
    True
    """
    if name.startswith("."):
        return "dold fil"
    if name.startswith("~$"):
        return "låsfil från Office"
    lowered = name.lower()
    if name.endswith("~") or (name.startswith("#") and name.endswith("#")) \
            or lowered.endswith(_BACKUP_SUFFIXES):
        return "säkerhetskopia från en editor"
    return None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _stat_of(entry: os.DirEntry, real: str, is_link: bool) -> tuple[int, int] | None:
    try:
        info = os.stat(real) if is_link else entry.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def scan_corpus(corpus: Path, report, known: dict[str, tuple[int, int]] | None = None
                ) -> list[SourceFile]:
    """Every document under ``corpus``, recursively; the rest goes to ``report.skipped``.

    ``known`` maps a relative path to the [size, mtime] it had when it was indexed:
    such a file passed rule 4 then, so its head is not read again (an ``update`` of
    10,000 files spent 0.8 s sniffing files it then skipped as unchanged).
    """
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise FileNotFoundError(f"korpuskatalogen finns inte: {corpus}")
    root = os.path.realpath(corpus)
    found: list[SourceFile] = []
    seen_ids: dict[str, str] = {}
    skipped = report.skipped

    def walk(directory: str, prefix: str, visited: frozenset[str]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except PermissionError:
            skipped.append((prefix.rstrip("/"), "saknar läsbehörighet"))
            return
        except OSError as exc:
            skipped.append((prefix.rstrip("/"), f"kunde inte läsas ({exc.strerror})"))
            return
        for entry in entries:
            relpath = prefix + entry.name
            if entry.name.lower() in {"readme.md", "readme.txt"} and not prefix:
                continue
            if entry.name.startswith(".") and entry.is_dir():
                continue  # .git, .cache: deliberately hidden folders, not documents
            reason = name_rule(entry.name)
            if reason:
                skipped.append((relpath, reason))
                continue
            # ``directory`` is already resolved, so only a link needs resolving (a
            # realpath per file was a quarter of an update's scan at 10,000 files).
            is_link = entry.is_symlink()
            real = os.path.realpath(entry.path) if is_link else entry.path
            if is_link:
                if not os.path.exists(real):
                    skipped.append((relpath, "trasig symbolisk länk"))
                    continue
                if not _inside(real, root):
                    skipped.append((relpath, "pekar utanför korpusen"))
                    continue
            if (entry.is_dir() if not is_link else os.path.isdir(real)):
                if real in visited:
                    skipped.append((relpath, "symbolisk länk i en slinga"))
                    continue
                walk(real, relpath + "/", visited | {real})
                continue
            if not (entry.is_file() if not is_link else os.path.isfile(real)):
                skipped.append((relpath, "inte en vanlig fil"))
                continue
            stat = _stat_of(entry, real, is_link)
            if known is not None and stat is not None and known.get(relpath) == stat:
                fmt, reason = sniff.format_of(entry.name)
            else:
                fmt, reason = sniff.classify(entry.name, Path(real))
            if reason:
                skipped.append((relpath, reason))
                continue
            doc_id = doc_id_for(relpath)
            if doc_id in seen_ids:
                skipped.append((relpath, f"samma id som {seen_ids[doc_id]}"))
                continue
            seen_ids[doc_id] = relpath
            found.append(SourceFile(real, relpath, doc_id, fmt, stat))

    walk(root, "", frozenset({root}))
    return found
