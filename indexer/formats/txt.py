"""Plain-text files (.txt, the projektbanken print-outs) → Document.

Text needs no blocks: the print-out format *is* what ``indexer.document`` parses.
What this reader adds is the decoding (``textclean.decode_bytes``: BOMs, UTF-16,
Windows-1252, mixed files) and the rule that the text is literal: nothing in a
``.txt`` is markup except HTML pasted into table cells.
"""

from __future__ import annotations

from indexer.document import Document, parse_document
from indexer.textclean import decode_bytes


def read(raw: bytes, doc_id: str, relpath: str) -> Document:
    return parse_document(decode_bytes(raw), doc_id, relpath)
