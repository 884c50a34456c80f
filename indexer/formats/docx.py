"""Word files (.docx) → blocks, with python-docx.

Headings come from paragraph styles, whatever language the Word that wrote them
spoke: ``Heading 1`` (LibreOffice, English Word, and Swedish Word's stored name
``heading 1``), ``Rubrik 1`` (styles named in Swedish), a style based on one of
those, or an explicit outline level. ``Title``/``Rubrik`` is the title. Numbered
and bulleted paragraphs are list items; tables are rows in document order.
Running headers and footers live in their own parts and are never read.
"""

from __future__ import annotations

import re

from lxml import etree

from indexer.formats import ziparchive
from indexer.formats.structure import (
    HEADING,
    ITEM,
    PARAGRAPH,
    ROW,
    TITLE,
    Block,
    Properties,
    parse_date,
)
from indexer.textclean import UnreadableFile

_HEADING_STYLE = re.compile(r"^(heading|rubrik|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "rubrik", "dokumentrubrik", "titel"}
_LIST_STYLE = re.compile(r"^(list|lista|punktlista|numrerad lista)\b", re.IGNORECASE)
_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def _style_chain(style):
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = style.base_style
        seen += 1


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _ppr_child(element, name: str):
    """``w:pPr/w:<name>`` of a paragraph or style, by plain lxml lookups (python-docx's
    ``xpath`` compiles its expression on every call: 40 µs each, measured)."""
    properties = element.find(f"{_W}pPr")
    return properties.find(f"{_W}{name}") if properties is not None else None


def _outline_level(element) -> int | None:
    level = _ppr_child(element, "outlineLvl")
    value = level.get(f"{_W}val", "") if level is not None else ""
    if value.isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def _style_kind(style) -> str:
    """TITLE, HEADING, ITEM or PARAGRAPH as far as the style (and its bases) says."""
    chain = list(_style_chain(style))
    for candidate in chain:
        name = (candidate.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return TITLE
        if _HEADING_STYLE.match(name) or _HEADING_STYLE.match(candidate.style_id or ""):
            return HEADING
        if _outline_level(candidate.element):
            return HEADING
    for candidate in chain:
        if _ppr_child(candidate.element, "numPr") is not None \
                or _LIST_STYLE.match(candidate.name or ""):
            return ITEM
    return PARAGRAPH


def _kind(paragraph, by_style: dict) -> str:
    """The paragraph's own outline level and numbering win over its style's kind.

    ``by_style`` caches the style's kind: looking styles up through python-docx
    took half the reading time of a 40-page report.
    """
    if _outline_level(paragraph._p):
        return HEADING
    style_id = paragraph._p.style
    if style_id not in by_style:
        by_style[style_id] = _style_kind(paragraph.style)
    kind = by_style[style_id]
    if kind == PARAGRAPH and _ppr_child(paragraph._p, "numPr") is not None:
        return ITEM
    return kind


def _properties(archive) -> Properties:
    """docProps/core.xml, read directly: LibreOffice writes its relationship under
    a type python-docx does not recognise, which would hide title and author."""
    if "docProps/core.xml" not in archive.namelist():
        return Properties()
    try:
        root = etree.fromstring(ziparchive.read_member(archive, "docProps/core.xml", 2**20),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return Properties()

    def value(path: str) -> str | None:
        found = root.find(path, _NS)
        return found.text if found is not None and found.text else None

    return Properties(
        title=value("dc:title"), author=value("dc:creator"),
        created=parse_date(value("dcterms:created")),
        modified=parse_date(value("dcterms:modified")),
    )


def _cell_text(cell, by_style: dict) -> str:
    lines = []
    for paragraph in cell.paragraphs:
        text = " ".join(paragraph.text.split())
        if text:
            lines.append(("• " if _kind(paragraph, by_style) == ITEM else "") + text)
    return "\n".join(lines)


def _table_rows(table, by_style: dict) -> list[Block]:
    blocks = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell is repeated for every grid column it spans
            previous = cell._tc
            cells.append(_cell_text(cell, by_style))
        if any(cells):
            blocks.append(Block(ROW, cells=tuple(cells)))
    return blocks


def read(path) -> tuple[list[Block], Properties]:
    import docx
    from docx.table import Table

    archive = ziparchive.open_checked(path, "word/document.xml", "DOCX")
    with archive:
        properties = _properties(archive)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, its own errors
        raise UnreadableFile(f"trasig DOCX-fil ({type(exc).__name__})") from None
    blocks: list[Block] = []
    emphasised: set[int] = set()
    by_style: dict = {}
    gap = True
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_rows(item, by_style))
            gap = True
            continue
        kind = _kind(item, by_style)
        if not item.text.strip():
            gap = True  # an empty paragraph is the blank line of a typed document
            continue
        if kind == PARAGRAPH and _bold_only(item):
            emphasised.add(len(blocks))
        # Soft line breaks inside a paragraph are lines of their own (addresses,
        # label lines typed with Shift+Enter).
        for line in item.text.replace("\t", " ").split("\n"):
            if line.strip():
                blocks.append(Block(kind, line, gap_before=gap))
                gap = False
    if not any(block.kind == HEADING for block in blocks):
        # No heading styles at all: short paragraphs set in bold are the headings.
        blocks = [Block(HEADING, b.text) if i in emphasised and len(b.text.split()) <= 14
                  else b for i, b in enumerate(blocks)]
    return blocks, properties


def _bold_only(paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.bold is None and run.style is not None
                                           and run.style.font.bold) for run in runs)
