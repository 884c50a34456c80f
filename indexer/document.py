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
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

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
        data["start"] = self.start.isoformat() if self.start else None
        data["end"] = self.end.isoformat() if self.end else None
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
    lines = [line.rstrip() for line in text.split("\n")]
    meta_rows = [(i, split_label(line)) for i, line in enumerate(lines)]
    meta_rows = [(i, hit) for i, hit in meta_rows if hit is not None]
    if len({name for _, (name, _) in meta_rows}) >= 3:
        return _parse_esf(lines, meta_rows, doc_id, source)
    return _parse_free_text(lines, doc_id, source)


def _is_furniture(line: str) -> bool:
    return line.strip().lower() in FURNITURE


def _parse_esf(lines, meta_rows, doc_id, source) -> Document:
    first_meta = meta_rows[0][0]
    # The title is the last real line above the metadata; everything earlier is
    # page furniture (logo text, "Stäng", webinar and covid-19 banners).
    title = ""
    for line in reversed(lines[:first_meta]):
        if line.strip() and not _is_furniture(line):
            title = " ".join(line.split())
            break
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
    sections = _sections(lines[body_start:], _esf_heading)
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


def _parse_free_text(lines, doc_id, source) -> Document:
    lines = [line for line in lines if not _is_furniture(line)]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Document(id=doc_id, source=source, kind=KIND_OTHER, title=doc_id)
    title = " ".join(lines[first].split())
    sections = _sections(lines[first + 1:], _free_heading)
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


def _sections(lines: list[str], is_heading) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading, body = INTRO_HEADING, []
    for i, line in enumerate(lines):
        if is_heading(lines, i):
            if any(b.strip() for b in body) or heading != INTRO_HEADING:
                sections.append(_make_section(heading, body))
            heading, body = " ".join(line.split()), []
        elif not _is_furniture(line):
            body.append(line)
    if any(b.strip() for b in body) or heading != INTRO_HEADING:
        sections.append(_make_section(heading, body))
    return tuple(sections)


def _make_section(heading: str, body: list[str]) -> Section:
    text_lines: list[str] = []
    items: list[str] = []
    table: list[tuple[str, ...]] = []
    for line in body:
        if line.count("\t") >= 2:
            row = tuple("\n".join(html_to_lines(cell)) for cell in line.split("\t"))
            table.append(row)
            text_lines.extend(_row_text(row))
            continue
        pieces = html_to_lines(line) if has_html(line) else [line.strip()]
        for piece in pieces:
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
