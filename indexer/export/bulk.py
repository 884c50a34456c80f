"""Documents as ``_bulk`` NDJSON in chunks of bounded size, and a reader for them.

The body format is the one both engines document: an action line
``{"index": {"_id": …}}`` and the document on the next line, every line ending in a
newline, no pretty-printing. The index name is left to the URL
(``POST /esf-sok/_bulk``), so the same files load into any index or alias.

Each document carries exactly the values of the Whoosh fields
(``indexer.schema.logical_fields``: the same title, meta text, section texts,
facet values and sort columns; the surface field is filled by ``copy_to``), the
parsed document itself under ``doc``, and the period and amounts typed for the
engine. A chunk is closed before it would pass
``chunk_bytes``; a single document larger than that gets a chunk of its own and is
reported, never split (an action and its document must travel together).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import fields as wf

from indexer.export.sources import ParsedDocument
from indexer.schema import SURFACE, logical_fields, logical_schema, unpack_document

CHUNK_PATTERN = "bulk-{:04d}.ndjson"


def bulk_document(item: ParsedDocument) -> dict:
    """The ``_source`` of one document."""
    document = item.document
    fields = logical_fields(document, item.sha1)
    schema = logical_schema()
    out: dict = {"doc": unpack_document(fields["doc"])}
    for name, value in fields.items():
        if name in ("doc", SURFACE) or name not in schema.names():
            continue
        spec = schema[name]
        if isinstance(spec, wf.KEYWORD):
            # As Whoosh splits it (kommun and years: comma-separated lists).
            out[name] = [token.text for token in spec.analyzer(value)]
        else:
            out[name] = value
    start = document.start.isoformat() if document.start else None
    end = document.end.isoformat() if document.end else None
    if start:
        out["start"] = start
    if end:
        out["end"] = end
    if start or end:
        out["period"] = {k: v for k, v in (("gte", start), ("lte", end)) if v}
    for name in ("esf_support", "total_budget"):
        if name not in out and getattr(document, name) is not None:
            out[name] = getattr(document, name)
    return out


def bulk_lines(item: ParsedDocument) -> bytes:
    action = {"index": {"_id": item.document.id}}
    source = bulk_document(item)
    return (json.dumps(action, ensure_ascii=False) + "\n"
            + json.dumps(source, ensure_ascii=False, separators=(",", ":")) + "\n"
            ).encode("utf-8")


@dataclass
class BulkReport:
    files: list[str] = field(default_factory=list)
    documents: int = 0
    bytes: int = 0
    largest_chunk: int = 0
    oversized: list[str] = field(default_factory=list)  # ids alone in a chunk


def write_bulk(items: Iterable[ParsedDocument], out: Path, chunk_bytes: int) -> BulkReport:
    """Write ``bulk-0001.ndjson`` … into ``out``; each at most ``chunk_bytes``."""
    if chunk_bytes < 1:
        raise ValueError("chunk_bytes must be positive")
    out = Path(out)
    report = BulkReport()
    pending: list[bytes] = []
    size = 0

    def flush() -> None:
        nonlocal pending, size
        if not pending:
            return
        name = CHUNK_PATTERN.format(len(report.files) + 1)
        (out / name).write_bytes(b"".join(pending))
        report.files.append(name)
        report.largest_chunk = max(report.largest_chunk, size)
        pending, size = [], 0

    for item in items:
        lines = bulk_lines(item)
        if size + len(lines) > chunk_bytes:
            flush()
        if len(lines) > chunk_bytes:
            report.oversized.append(item.document.id)
        pending.append(lines)
        size += len(lines)
        report.documents += 1
        report.bytes += len(lines)
    flush()
    return report


@dataclass(frozen=True)
class BulkDocument:
    id: str
    source: dict


class BulkFormatError(ValueError):
    """A bulk file that is not what ``write_bulk`` writes; the message names the line."""


def read_bulk(paths: Iterable[Path]) -> Iterator[BulkDocument]:
    """Read bulk files back: every action line must be followed by its document."""
    for path in paths:
        lines = Path(path).read_bytes().decode("utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        else:
            raise BulkFormatError(f"{Path(path).name}: sista raden saknar radslut")
        if len(lines) % 2:
            raise BulkFormatError(f"{Path(path).name}: en åtgärdsrad saknar sitt dokument")
        for number in range(0, len(lines), 2):
            try:
                action = json.loads(lines[number])
                source = json.loads(lines[number + 1])
            except json.JSONDecodeError as exc:
                raise BulkFormatError(f"{Path(path).name}:{number + 1}: {exc}") from None
            if set(action) != {"index"} or "_id" not in action["index"]:
                raise BulkFormatError(f"{Path(path).name}:{number + 1}: väntade "
                                      '{"index": {"_id": …}}')
            yield BulkDocument(action["index"]["_id"], source)


def chunk_paths(directory: Path) -> list[Path]:
    return sorted(Path(directory).glob("bulk-*.ndjson"))
