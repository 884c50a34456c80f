"""What every reader hands over: blocks in reading order plus the file's properties.

PDF, DOCX, ODT and HTML readers differ in how they find structure, not in what
structure is: a title, headings, paragraphs, list items and table rows. They all
emit :class:`Block` s and :class:`Properties`; :func:`to_document` turns those into
the same :class:`~indexer.document.Document` the ``.txt`` parser makes, through
the same code (``document.parse_lines``), so an ESF page is recognised by its
labels whatever the format and facets, sections and kommun lists agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime

from indexer.document import Document, parse_lines
from indexer.metadata import LABELS

TITLE, HEADING, PARAGRAPH, ITEM, ROW = "title", "heading", "paragraph", "item", "row"
CELL_BREAK = "\u2028"  # a line break inside a table cell (document.parse_lines)


@dataclass(frozen=True)
class Block:
    kind: str                      # TITLE, HEADING, PARAGRAPH, ITEM or ROW
    text: str = ""
    cells: tuple[str, ...] = ()    # ROW only; a cell's lines joined with "\n"
    gap_before: bool = True        # a paragraph break (blank line) comes before it


@dataclass(frozen=True)
class Properties:
    title: str | None = None
    author: str | None = None
    created: date | None = None
    modified: date | None = None
    pages: int | None = None


# Titles that office programs fill in by themselves.
_JUNK_TITLE = re.compile(
    r"^(untitled|namnlös|dokument\s*\d*|document\s*\d*|word document|microsoft word\b.*"
    r"|powerpoint.*|presentation\s*\d*|\S+\.(docx?|pdf|odt|rtf|html?))$",
    re.IGNORECASE,
)
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def clean(text: str) -> str:
    """One line of extracted text: composed å/ä/ö, no ligatures, single spaces.

    >>> clean("Va\\u0308xjo\\u0308  \\ufb01nansiering\\u00a0")
    'Växjö finansiering'
    """
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


def plausible_title(value: str | None) -> str | None:
    """A title property worth showing, or None for empty and program-made ones.

    >>> plausible_title("Microsoft Word - rapport.docx") is None
    True
    >>> plausible_title(" Handlingsplan för sociala företag ")
    'Handlingsplan för sociala företag'
    """
    value = clean(value or "")
    if len(value) < 3 or _JUNK_TITLE.match(value) or not any(c.isalpha() for c in value):
        return None
    return value


def parse_date(value) -> date | None:
    """ISO-8601 strings, PDF ``D:20221019…`` dates and datetimes → a date.

    >>> parse_date("D:20221019120000+02'00'")
    datetime.date(2022, 10, 19)
    >>> parse_date("2021-03-04T10:00:00Z")
    datetime.date(2021, 3, 4)
    >>> parse_date("okänt") is None
    True
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.match(r"\s*(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", str(value or ""))
    if not match:
        return None
    try:
        found = date(*map(int, match.groups()))
    except ValueError:
        return None
    return found if 1950 <= found.year <= 2100 else None


def _label_row(cells: tuple[str, ...]) -> str | None:
    """A two-cell row ``Projektfas | Genomförande`` as the print-out's label line."""
    if len(cells) == 2 and cells[0].strip().rstrip(":") in LABELS:
        return f"{cells[0].strip().rstrip(':')} {' '.join(cells[1].split())}"
    return None


def to_document(blocks: list[Block], properties: Properties, doc_id: str, source: str
                ) -> Document:
    """Blocks → Document, through the same parser as the print-outs.

    Headings marked by the file are taken as they are; without any (a PDF made
    from plain text) the plain-text heading rule decides, as for ``.txt``.
    """
    titles = [i for i, block in enumerate(blocks[:6]) if block.kind == TITLE]
    if titles:  # a marked title after a line or two of letterhead still leads
        blocks = [blocks[titles[0]], *blocks[:titles[0]], *blocks[titles[0] + 1:]]
    lines: list[str] = []
    headings: set[int] = set()
    rows: set[int] = set()

    def blank() -> None:
        if lines and lines[-1]:
            lines.append("")

    for block in blocks:
        if block.kind in (TITLE, HEADING):
            text = clean(block.text)
            if not text:
                continue
            blank()
            headings.add(len(lines))
            lines.append(text)
            lines.append("")
        elif block.kind == ITEM:
            text = clean(block.text)
            if text:
                if block.gap_before and lines and not lines[-1].startswith("• "):
                    blank()
                lines.append("• " + text)
        elif block.kind == ROW:
            cells = tuple(CELL_BREAK.join(clean(part) for part in cell.split("\n")
                                          if clean(part)) for cell in block.cells)
            if not any(cells):
                continue
            label_line = _label_row(cells)
            if label_line:
                lines.append(label_line)
            else:
                rows.add(len(lines))
                lines.append("\t".join(cells))
        else:
            text = clean(block.text)
            if text:
                if block.gap_before:
                    blank()
                lines.append(text)
    # A lone heading on the first line is only the title: then no section headings
    # are marked and the plain-text rule finds them.
    first_line = next((i for i, line in enumerate(lines) if line), -1)
    marked = headings - {first_line}
    document = parse_lines(
        lines, doc_id, source,
        headings=frozenset(headings) if marked else None,
        rows=frozenset(rows), title=plausible_title(properties.title),
    )
    return with_properties(document, properties)


def with_properties(document: Document, properties: Properties) -> Document:
    """Author, dates and page count from the file; its date when the text has none."""
    changes = {"author": clean(properties.author or "") or None,
               "created": properties.created, "modified": properties.modified,
               "pages": properties.pages}
    file_date = properties.created or properties.modified
    if document.doc_date is None and file_date is not None:
        changes.update(doc_date=file_date, doc_date_source="filegenskap",
                       doc_date_text=file_date.isoformat())
    return replace(document, **changes)
