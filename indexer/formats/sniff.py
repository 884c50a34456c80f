"""Extension and first bytes must agree before a file is handed to a reader.

A ``.docx`` that is really a text file, a ``.txt`` that is a PNG or a PDF renamed:
reading them by extension alone indexes garbage (or feeds a parser bytes it was
never meant to see), so the extension picks the reader and the magic bytes must
confirm it. Anything else is reported with what the file looks like instead.
"""

from __future__ import annotations

import os
from pathlib import Path

# extension → reader name
FORMATS = {
    ".txt": "txt", ".pdf": "pdf", ".docx": "docx", ".odt": "odt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
# Known document types we do not read, with the reason users see.
UNSUPPORTED = {
    ".doc": "gammalt Word-format (.doc) läses inte – spara som .docx eller PDF",
    ".rtf": "RTF läses inte – spara som .docx eller PDF",
    ".wpd": "WordPerfect läses inte – spara som .docx eller PDF",
    ".pages": "Pages-dokument läses inte – exportera som PDF",
}
# First bytes → what the file is. Order matters: longer signatures first.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG-bild"),
    (b"\xff\xd8\xff", "JPEG-bild"),
    (b"GIF87a", "GIF-bild"),
    (b"GIF89a", "GIF-bild"),
    (b"II*\x00", "TIFF-bild"),
    (b"MM\x00*", "TIFF-bild"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "zip-arkiv, t.ex. DOCX eller ODT"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "gammalt Office-format, t.ex. .doc"),
    (b"{\\rtf", "RTF"),
    (b"\x7fELF", "program (ELF)"),
    (b"\x1f\x8b", "gzip-arkiv"),
    (b"7z\xbc\xaf\x27\x1c", "7z-arkiv"),
    (b"Rar!", "RAR-arkiv"),
    (b"RIFF", "ljud/bild (RIFF)"),
    (b"ID3", "MP3-ljud"),
    (b"\x00\x00\x01\x00", "ikon"),
    (b"SQLite format 3\x00", "SQLite-databas"),
)
HEAD_BYTES = 4096


def looks_like(head: bytes) -> str | None:
    """What a file's first bytes say it is, or None for (possibly) text.

    >>> looks_like(b"%PDF-1.7 ...")
    'PDF'
    >>> looks_like("Rapport om kooperativ".encode()) is None
    True
    """
    for magic, what in SIGNATURES:
        if head.startswith(magic):
            return what
    return None


def check_content(fmt: str, head: bytes) -> str | None:
    """Why ``head`` cannot be a file of format ``fmt``, or None when it can."""
    what = looks_like(head)
    if fmt == "pdf":
        # The PDF spec allows junk before the header (within the first 1 KB).
        if b"%PDF-" in head[:1024]:
            return None
        return f"innehållet är inte PDF ({what or 'ser ut som text'})"
    if fmt in ("docx", "odt"):
        if head.startswith(b"PK\x03\x04"):
            return None
        return f"innehållet är inte {fmt.upper()} ({what or 'ingen zip-fil'})"
    if what is not None:
        return f"innehållet är inte text ({what})"
    return None


def format_of(name: str) -> tuple[str | None, str | None]:
    """(format, None) by the extension alone, or (None, reason).

    >>> format_of("rapport.PDF"), format_of("gammal.doc")[0], format_of("README")
    (('pdf', None), None, (None, 'saknar filändelse'))
    """
    suffix = os.path.splitext(name)[1].lower()  # not Path(): 10,000 of them in a scan
    if suffix in ("", ".") or suffix == name.lower():
        return None, "saknar filändelse"
    if suffix in UNSUPPORTED:
        return None, UNSUPPORTED[suffix]
    fmt = FORMATS.get(suffix)
    if fmt is None:
        return None, f"filtypen {suffix} läses inte"
    return fmt, None


def classify(name: str, path: Path) -> tuple[str | None, str | None]:
    """(format, None) for a document, or (None, reason) for anything else."""
    fmt, reason = format_of(name)
    if reason:
        return None, reason
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except PermissionError:
        return None, "saknar läsbehörighet"
    except OSError as exc:
        return None, f"kunde inte läsas ({exc.strerror})"
    reason = check_content(fmt, head)
    return (None, reason) if reason else (fmt, None)
