"""Corpus file → :class:`Document`: title, typed metadata and named sections.

Parsing is pure (no Whoosh, no Flask) so every quirk of the source format can be
pinned by a one-line test. Three kinds of text arrive:

* ESF project pages (projektbanken print-outs): page furniture, a title, glued
  ``LabelValue`` metadata lines, then fixed top-level headings
  (Sammanfattning, Bakgrund, …, Kommun) with `` • `` bullet lists;
* reports and policy texts, whose sections come from their own heading lines;
* anything else, which still gets a title and text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

from indexer.dates import text_date
from indexer.kommuner import canonical_kommun, infer_region
from indexer.metadata import (
    ProgramArea,
    clean_text_value,
    parse_kronor,
    parse_period,
    parse_program,
    split_label,
)
from indexer.textclean import decode_bytes, has_html, html_to_lines

KIND_ESF = "esf_project"
KIND_REPORT = "report"
KIND_OTHER = "other"

# Top-level ESF headings → the section type (one index field per type).
ESF_HEADINGS: dict[str, str] = {
    "Sammanfattning": "sammanfattning",
    "Bakgrund": "bakgrund",
    "Syfte": "syfte",
    "Målsättning": "malsattning",
    "Mål": "malsattning",
    "Målgrupp": "ovrigt",
    "Resultat": "ovrigt",
    "Lärdomar": "ovrigt",
    "Aktiviteter": "ovrigt",
    "Transnationellt samarbete": "ovrigt",
    "Tillgänglighet för personer med funktionsnedsättning": "tillganglighet",
    "Tillgänglighet": "tillganglighet",
    "Jämställdhetsintegrering": "jamstalldhet",
    "Jämställdhet": "jamstalldhet",
    "Icke-diskriminering": "jamstalldhet",
    "Medfinansiärer": "aktorer",
    "Samarbetspartners": "aktorer",
    "Deltagande aktörer": "aktorer",
    "Kommun": "kommun",
}
SECTION_TYPES = (
    "sammanfattning", "bakgrund", "syfte", "malsattning", "tillganglighet",
    "jamstalldhet", "aktorer", "kommun", "ovrigt",
)

# Lines that belong to the web page, not to the document.
FURNITURE = {"logotyp på utskrifter", "stäng", "in english", "mer information och anmälan."}

INTRO_HEADING = "Inledning"
_BULLET = re.compile(r"^\s*[•·▪]\s*")
_REPORT_TITLE = re.compile(
    r"\b(rapport|redovisning|uppföljning|utvärdering|årsberättelse|verksamhetsberättelse)",
    re.IGNORECASE,
)
# A short line ending in one of these is a paragraph broken in two, not a heading.
_DANGLING = {"och", "att", "i", "på", "för", "som", "med", "av", "till", "om", "eller", "de",
             "en", "ett", "den", "det", "samt", "från", "vid", "är"}


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    type: str = "ovrigt"
    items: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    kind: str
    title: str
    program: ProgramArea | None = None
    phase: str | None = None
    owner: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    esf_support: int | None = None
    total_budget: int | None = None
    start: date | None = None
    end: date | None = None
    region: str | None = None
    region_inferred: bool = False
    kommuner: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)
    # From the file's own properties (PDF info, DOCX core properties, HTML <meta>).
    author: str | None = None
    created: date | None = None
    modified: date | None = None
    # The document date that "Nyaste" and the year facet use, where it was read
    # from ("projektperiod", "text" or "filegenskap") and the words it was read from.
    doc_date: date | None = None
    doc_date_source: str | None = None
    doc_date_text: str | None = None
    # The original file, so the web layer can offer it ("Öppna originalet (PDF, 1,2 MB)").
    format: str = "txt"
    content_type: str = "text/plain; charset=utf-8"
    size: int | None = None
    collection: str | None = None
    pages: int | None = None

    @property
    def start_year(self) -> int | None:
        return self.start.year if self.start else None

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)

    def to_dict(self) -> dict:
        """The stable JSON shape used by ``indexer show`` and ``/api/doc``."""
        data = asdict(self)
        data["program"] = self.program.label if self.program else None
        data["program_number"] = self.program.number if self.program else None
        data["program_name"] = self.program.name if self.program else None
        for name in ("start", "end", "created", "modified", "doc_date"):
            value = getattr(self, name)
            data[name] = value.isoformat() if value else None
        data["kommuner"] = list(self.kommuner)
        data["sections"] = [
            {"heading": s.heading, "type": s.type, "text": s.text, "items": list(s.items),
             "table": [list(row) for row in s.table]}
            for s in self.sections
        ]
        return data


def read_document(path: Path, doc_id: str | None = None) -> Document:
    """Read and parse one corpus file; raises ``UnreadableFile`` with a reason."""
    text = decode_bytes(Path(path).read_bytes())
    return parse_document(text, doc_id or Path(path).stem, str(path))


def parse_document(text: str, doc_id: str, source: str = "") -> Document:
    return parse_lines([line.rstrip() for line in text.split("\n")], doc_id, source)


def parse_lines(lines: list[str], doc_id: str, source: str = "",
                headings: frozenset[int] | None = None,
                rows: frozenset[int] = frozenset(), title: str | None = None) -> Document:
    """Lines → Document; formats with structure say which lines are what.

    ``headings`` are the indexes of lines that the file marks as headings (heading
    styles, ``h1``–``h4``, larger or bolder PDF text); without them headings are
    recognised by the plain-text rule. ``rows`` are lines that are table rows
    (cells separated by tabs, line breaks inside a cell as U+2028). ``title`` is
    the file's title property, used when the text has no marked title.
    """
    meta_rows = [(i, split_label(line)) for i, line in enumerate(lines)]
    meta_rows = [(i, hit) for i, hit in meta_rows if hit is not None]
    if len({name for _, (name, _) in meta_rows}) >= 3:
        document = _parse_esf(lines, meta_rows, doc_id, source, rows)
    else:
        document = _parse_free_text(lines, doc_id, source, headings, rows, title)
    return _dated(document)


def _dated(document: Document) -> Document:
    if document.start is not None:
        return replace(document, doc_date=document.start, doc_date_source="projektperiod",
                       doc_date_text=document.start.isoformat())
    found = text_date(document.title, [s.heading for s in document.sections], document.text)
    if found is None:
        return document
    return replace(document, doc_date=found[0], doc_date_source="text",
                   doc_date_text=found[1])


def _file_title(doc_id: str, source: str) -> str:
    """The fallback title: the file name without extension."""
    return Path(source).stem if source else doc_id


def _is_furniture(line: str) -> bool:
    return line.strip().lower() in FURNITURE


def _parse_esf(lines, meta_rows, doc_id, source, rows=frozenset()) -> Document:
    first_meta = meta_rows[0][0]
    # The title is the last real line above the metadata; everything earlier is
    # page furniture (logo text, "Stäng", webinar and covid-19 banners).
    title = ""
    for line in reversed(lines[:first_meta]):
        if line.strip() and not _is_furniture(line):
            title = " ".join(line.split())
            break
    title = title or _file_title(doc_id, source)
    meta: dict[str, str] = {}
    body_start = first_meta
    for i in range(first_meta, len(lines)):
        stripped = lines[i].strip()
        if stripped.lower() == "in english" or stripped in ESF_HEADINGS:
            body_start = i + (stripped.lower() == "in english")
            break
        hit = split_label(stripped)
        if hit and hit[0] not in meta:
            meta[hit[0]] = hit[1]
        body_start = i + 1
    sections = _sections(lines[body_start:], _esf_heading,
                         frozenset(i - body_start for i in rows if i >= body_start))
    start, end = parse_period(meta.get("period", ""))
    kommuner = _kommuner(sections)
    region = clean_text_value(meta.get("region", ""))
    inferred = region is None and infer_region(kommuner) is not None
    return Document(
        id=doc_id, source=source, kind=KIND_ESF, title=title,
        program=parse_program(meta.get("program", "")),
        phase=clean_text_value(meta.get("phase", "")),
        owner=clean_text_value(meta.get("owner", "")),
        contact=clean_text_value(meta.get("contact", "")),
        email=clean_text_value(meta.get("email", "")),
        phone=clean_text_value(meta.get("phone", "")),
        esf_support=parse_kronor(meta.get("esf_support", "")),
        total_budget=parse_kronor(meta.get("total_budget", "")),
        start=start, end=end,
        region=region or infer_region(kommuner), region_inferred=inferred,
        kommuner=kommuner, sections=sections,
    )


def _parse_free_text(lines, doc_id, source, headings=None, rows=frozenset(),
                     title_property=None) -> Document:
    keep = [i for i, line in enumerate(lines) if not _is_furniture(line)]
    renumber = {old: new for new, old in enumerate(keep)}
    lines = [lines[i] for i in keep]
    if headings is not None:
        headings = frozenset(renumber[i] for i in headings if i in renumber)
    rows = frozenset(renumber[i] for i in rows if i in renumber)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Document(id=doc_id, source=source, kind=KIND_OTHER,
                        title=title_property or _file_title(doc_id, source))
    first_line = " ".join(lines[first].split())
    if title_property and (headings is None or first not in headings) \
            and first_line != title_property:
        # The text has no marked title: the file's title property names it, and the
        # first line stays body text.
        title, body_from = " ".join(title_property.split()), first
    else:
        title, body_from = " ".join(lines[first].split()), first + 1
    is_heading = _free_heading if headings is None else (
        lambda _lines, i: i + body_from in headings)
    sections = _sections(lines[body_from:], is_heading,
                         frozenset(i - body_from for i in rows if i >= body_from))
    kommuner = _kommuner(sections)
    region = infer_region(kommuner)
    kind = KIND_REPORT if _REPORT_TITLE.search(title) else KIND_OTHER
    return Document(
        id=doc_id, source=source, kind=kind, title=title, region=region,
        region_inferred=region is not None, kommuner=kommuner, sections=sections,
    )


def _esf_heading(lines: list[str], i: int) -> bool:
    return lines[i].strip() in ESF_HEADINGS and _stands_alone(lines, i)


def _stands_alone(lines: list[str], i: int) -> bool:
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after


def _looks_like_heading(line: str) -> bool:
    """A short line that is not a sentence, a list item, a date or a table row."""
    text = line.strip()
    words = text.split()
    if not text or len(text) > 100 or len(words) > 14 or "\t" in text:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or sum(c.isalpha() for c in text) < 3:
        return False
    if text[-1] in ".,;:!" or _BULLET.match(text) or text.startswith(("-", "–", "*")):
        return False
    return words[-1].lower() not in _DANGLING


def _free_heading(lines: list[str], i: int) -> bool:
    """A heading stands alone and is followed, after any sub-headings, by body text.

    A run of candidates that reaches the end of the file (a glossary such as
    ``AF – Arbetsförmedlingen``) or continues in lower case (a paragraph broken
    across a blank line) is text, not headings.
    """
    if not (_looks_like_heading(lines[i]) and _stands_alone(lines, i)):
        return False
    j = i + 1
    while j < len(lines):
        if not lines[j].strip():
            j += 1
            continue
        if _looks_like_heading(lines[j]) and _stands_alone(lines, j):
            j += 1
            continue
        return lines[j].strip()[0].isupper() or not lines[j].strip()[0].isalpha()
    return False


def _sections(lines: list[str], is_heading, rows=frozenset()) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading, body = INTRO_HEADING, []
    for i, line in enumerate(lines):
        if is_heading(lines, i):
            if any(b.strip() for b, _ in body) or heading != INTRO_HEADING:
                sections.append(_make_section(heading, body))
            heading, body = " ".join(line.split()), []
        elif not _is_furniture(line):
            body.append((line, i in rows or line.count("\t") >= 2))
    if any(b.strip() for b, _ in body) or heading != INTRO_HEADING:
        sections.append(_make_section(heading, body))
    return tuple(sections)


def _cell_lines(cell: str) -> list[str]:
    """A table cell's lines. Cells may hold HTML (pasted report tables); other
    text is literal, so ``&lt;`` and ``a<b`` stay as written."""
    if has_html(cell):
        return html_to_lines(cell)
    return [" ".join(part.split()) for part in cell.split("\u2028") if part.strip()]


def _make_section(heading: str, body: list[tuple[str, bool]]) -> Section:
    text_lines: list[str] = []
    items: list[str] = []
    table: list[tuple[str, ...]] = []
    for line, is_row in body:
        if is_row:
            row = tuple("\n".join(_cell_lines(cell)) for cell in line.split("\t"))
            table.append(row)
            text_lines.extend(_row_text(row))
            continue
        piece = line.strip()
        if _BULLET.match(piece):
            item = _BULLET.sub("", piece).strip()
            items.append(item)
            text_lines.append(item)
        else:
            text_lines.append(piece)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(text_lines)).strip()
    return Section(
        heading=heading, text=text, type=ESF_HEADINGS.get(heading, "ovrigt"),
        items=tuple(items), table=tuple(table),
    )


def _row_text(row: tuple[str, ...]) -> list[str]:
    """A table row as text: plain cells on one line, list items on their own lines."""
    plain, listed = [], []
    for cell in row:
        for line in cell.split("\n"):
            (listed if _BULLET.match(line) or line.startswith("- ") else plain).append(line)
    return [" · ".join(plain)] + [_BULLET.sub("", line) for line in listed]


def _kommuner(sections: tuple[Section, ...]) -> tuple[str, ...]:
    """Municipalities from a ``Kommun`` list, or from a table's ``Kommun`` column."""
    names: list[str] = []
    for section in sections:
        if section.type == "kommun":
            names.extend(section.items)
        if section.table and section.table[0] and section.table[0][0].lower() == "kommun":
            for row in section.table[1:]:
                names.extend(re.split(r"\s*(?:&|,|\boch\b)\s*", row[0]))
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(canonical_kommun(name), None)
    return tuple(seen)
