"""One reader per file type; each turns a file into the same ``Document``.

``.txt`` print-outs are parsed as they are (``txt``); PDF, DOCX, ODT and HTML
readers emit blocks (``structure``) that go through the same parser. The
registry below is the one place that knows which extension means what, how big a
file of each type may be, and which content type its original is served with.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from indexer.document import Document
from indexer.formats.structure import to_document
from indexer.textclean import UnreadableFile

MB = 1024 * 1024
# A project description is a few KB and a long report under 1 MB: a text file past
# 20 MB is a dump or a log (5 MB took 5 s to index). Saved web pages carry inline
# images and scripts, office files embedded pictures, so their bounds are wider;
# the text that comes out of them is bounded again by each reader.
MAX_BYTES = {"txt": 20 * MB, "html": 50 * MB, "docx": 100 * MB, "odt": 100 * MB,
             "pdf": 200 * MB}
CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
# What a format is called in Swedish UI text ("Öppna originalet (PDF, 1,2 MB)").
FORMAT_NAMES = {"txt": "text", "html": "HTML", "pdf": "PDF", "docx": "Word", "odt": "ODT"}
# Bump when a reader changes what it extracts: cached extractions are keyed by it.
READER_VERSION = 1


def check_size(fmt: str, size: int) -> None:
    limit = MAX_BYTES[fmt]
    if size > limit:
        raise UnreadableFile(f"för stor ({size // MB} MB > {limit // MB} MB)")


def _ocr(pdf, pages: int) -> str | None:
    """OCR text of a scanned PDF, or None where Tesseract (with Swedish) is missing."""
    from indexer.formats import ocr

    return ocr.ocr_pdf(pdf, pages) if ocr.available() else None


def extract(path: Path, fmt: str, doc_id: str, relpath: str, raw: bytes | None = None
            ) -> tuple[Document, list[str]]:
    """Read one file of format ``fmt``; returns the document and warnings.

    Raises ``UnreadableFile`` (with the reason users see) or ``OSError``.
    """
    path = Path(path)
    size = len(raw) if raw is not None else path.stat().st_size
    check_size(fmt, size)
    warnings: list[str] = []
    if fmt == "txt":
        from indexer.formats import txt

        document = txt.read(path.read_bytes() if raw is None else raw, doc_id, relpath)
    elif fmt == "html":
        from indexer.formats import html

        blocks, properties = html.read(path.read_bytes() if raw is None else raw)
        document = _structured(blocks, properties, doc_id, relpath)
    elif fmt == "pdf":
        from indexer.formats import pdf

        blocks, properties, warnings = pdf.read(path, ocr=_ocr)
        document = _structured(blocks, properties, doc_id, relpath)
    elif fmt == "docx":
        from indexer.formats import docx

        blocks, properties = docx.read(path)
        document = _structured(blocks, properties, doc_id, relpath)
    elif fmt == "odt":
        from indexer.formats import odt

        blocks, properties = odt.read(path)
        document = _structured(blocks, properties, doc_id, relpath)
    else:
        raise UnreadableFile(f"okänd filtyp ({fmt})")
    return placed(document, fmt, relpath, size), warnings


def _structured(blocks, properties, doc_id: str, relpath: str) -> Document:
    if not blocks:
        raise UnreadableFile("ingen text")
    return to_document(blocks, properties, doc_id, relpath)


def placed(document: Document, fmt: str, relpath: str, size: int) -> Document:
    """The document as found at ``relpath``: its format, size and collection."""
    folder = relpath.rpartition("/")[0]
    return replace(document, source=relpath, format=fmt, content_type=CONTENT_TYPES[fmt],
                   size=size, collection=folder or None)
