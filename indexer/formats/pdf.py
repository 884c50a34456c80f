"""PDF files → blocks, with pypdfium2 (PDFium: Apache-2.0/BSD; chosen by measuring,
see README "Dokumentformat").

A PDF has no paragraphs or headings, only glyphs at positions. Structure is
rebuilt in four steps, each a small function below:

1. **glyphs → segments**: characters on one baseline run together; a gap wider
   than :data:`GAP_EM` font sizes starts a new segment (a column gutter, a table
   cell);
2. **page furniture**: lines in the top or bottom band that repeat on most pages
   once digits are ignored (running headers, "Sida 3 av 12"), and lone page
   numbers there, are removed;
3. **reading order**: a vertical gutter crossed by almost no segment, with long
   text lines on both sides, splits the page into columns, read left to right
   between the lines that span the page; otherwise lines run top to bottom, and
   segments side by side become table cells;
4. **paragraphs and headings**: lines join into a paragraph unless there is a
   larger gap, a change of type size or weight, a bullet, or the line before
   ended short of the margin; words hyphenated at a line end are joined
   (``arbets-``/``kooperativ``) unless the next word says the hyphen is Swedish
   suspension (``arbets- och``). A short paragraph larger or bolder than the
   body text is a heading; without any, ``.txt``'s heading rule decides.

A PDF without a text layer is a scan: OCR'd when Tesseract is installed
(:mod:`indexer.formats.ocr`), otherwise reported as "ingen text – skannad?".
"""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from dataclasses import dataclass, field

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

# A 2,000-page PDF is a book or a scanned archive; its first pages say what it is.
MAX_PAGES = 1000
MAX_CHARS = 10_000_000
GAP_EM = 1.2             # a horizontal gap this many font sizes wide splits a line
FURNITURE_BAND = 0.1     # top and bottom tenth of the page
MIN_TEXT_CHARS = 20      # fewer visible characters per page than this: a scan
_BULLETS = "•●▪◦‣∙·\uf0b7\uf0a7\u25aa\u25cf"
_PAGE_NUMBER = re.compile(
    r"^(?:sida|sid\.?|s\.|page)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:av|/|of)\s*\d{1,4})?$",
    re.IGNORECASE)
# "arbets- och sysselsättningsfrågor": the hyphen is kept before these words.
_SUSPENSION_WORDS = {"och", "eller", "samt", "respektive", "resp", "resp.", "till", "som",
                     "men", "liksom", "än"}
_HYPHENS = "-\u00ad\u2010\u2011\x02"


@dataclass
class Segment:
    page: int
    y: float                 # baseline
    x0: float
    x1: float
    size: float
    chars: list[str] = field(default_factory=list)
    bold: int = 0            # how many of the visible characters are bold
    visible: int = 0

    @property
    def text(self) -> str:
        return "".join(self.chars).strip()


@dataclass
class Line:
    page: int
    y: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str
    right: float = 0.0       # the right edge of the column the line sits in
    region: tuple = ()
    cells: tuple[str, ...] | None = None  # a table row found by its ruling lines


# --- 1. glyphs → segments ---------------------------------------------------------

class _Glyphs:
    """Font size and weight of a glyph's text object, asked once per object."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.buffer = ctypes.create_string_buffer(256)

    def style(self, textpage, index: int) -> tuple[float, bool]:
        raw = self.raw
        size = raw.FPDFText_GetFontSize(textpage, index) or 10.0
        flags = ctypes.c_int(0)
        raw.FPDFText_GetFontInfo(textpage, index, self.buffer, 256, ctypes.byref(flags))
        name = self.buffer.value.decode("latin-1").lower()
        weight = raw.FPDFText_GetFontWeight(textpage, index)
        bold = (weight >= 600 or bool(flags.value & (1 << 18))
                or any(w in name for w in ("bold", "black", "heavy", "semibold", "demi")))
        return size, bold


def _page_segments(page_number: int, textpage, raw, glyphs: _Glyphs) -> list[Segment]:
    """PDFium's text rectangles: runs of one text object on one line.

    Asking PDFium for its rectangles and their text costs a few calls per run;
    walking glyph by glyph through the bindings measured 12 µs a glyph (18 pages/s
    against ~150 this way). Runs already break where text objects do: at column
    gutters, table cells and font changes.
    """
    count = raw.FPDFText_CountRects(textpage, 0, -1)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    styles: dict[int, tuple[float, bool]] = {}
    segments: list[Segment] = []
    for number in range(max(count, 0)):
        left, bottom, right, top = textpage.get_rect(number)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-") \
            .replace("\ufffe", "-")
        if not text.strip():
            continue
        height = max(top - bottom, 1.0)
        index = raw.FPDFText_GetCharIndexAtPos(textpage, left + min(2.0, (right - left) / 2),
                                               (top + bottom) / 2, 2.0, height)
        if index >= 0:
            obj = raw.FPDFText_GetTextObject(textpage, index)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            if key not in styles:
                styles[key] = glyphs.style(textpage, index)
            size, bold = styles[key]
            raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(ox), ctypes.byref(oy))
            baseline = oy.value
        else:
            size, bold, baseline = height / 1.2, False, bottom
        visible = len(text) - text.count(" ")
        segments.append(Segment(page_number, baseline, left, right, size, list(text),
                                bold=visible if bold else 0, visible=visible))
    return segments


def _lines(segments: list[Segment], tab: bool = True) -> list[Line]:
    """Segments on one baseline, left to right; side-by-side segments become cells."""
    rows: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: (-s.y, s.x0)):
        if rows and abs(rows[-1][0].y - segment.y) <= 0.35 * max(rows[-1][0].size,
                                                                  segment.size):
            rows[-1].append(segment)
        else:
            rows.append([segment])
    lines = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        visible = sum(s.visible for s in row) or 1
        size = max(row, key=lambda s: s.visible).size
        parts = [row[0].text]
        for before, after in zip(row, row[1:], strict=False):
            gap = after.x0 - before.x1
            # A wide gap separates table cells; a run broken by a font change
            # mid-word ("**Sam**ordning") has none.
            parts.append("\t" if tab and gap > GAP_EM * size else
                         "" if gap < 0.1 * size else " ")
            parts.append(after.text)
        lines.append(Line(
            page=row[0].page, y=row[0].y, x0=row[0].x0, x1=max(s.x1 for s in row),
            size=size, bold=sum(s.bold for s in row) >= 0.8 * visible, text="".join(parts),
        ))
    return lines


# --- tables with ruling lines -------------------------------------------------------

def page_rules(page, raw) -> tuple[list[tuple], list[tuple]]:
    """Thin path objects: horizontal (y, x0, x1) and vertical (x, y0, y1) rules."""
    horizontal, vertical = [], []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    count = raw.FPDFPage_CountObjects(page)
    for index in range(min(count, 20_000)):
        obj = raw.FPDFPage_GetObject(page, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom),
                                         ctypes.byref(right), ctypes.byref(top)):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if height < 2.5 and width > 10:
            horizontal.append(((top.value + bottom.value) / 2, left.value, right.value))
        elif width < 2.5 and height > 5:
            vertical.append(((left.value + right.value) / 2, bottom.value, top.value))
    return horizontal, vertical


def _merge(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def table_rows(segments: list[Segment], horizontal, vertical
               ) -> tuple[list[Line], list[Segment]]:
    """Rows of ruled tables as lines with cells, and the segments outside them.

    A band between two horizontal rules that at least two vertical rules cross is
    a row; the vertical rules are its cell borders. A cell's own lines are joined
    into paragraphs as body text is, one line per paragraph in the cell.
    """
    levels = _merge([y for y, _, _ in horizontal], 1.0)[::-1]
    rows: list[Line] = []
    used: set[int] = set()
    for top, bottom in zip(levels, levels[1:], strict=False):
        if top - bottom < 4:
            continue
        borders = _merge([x for x, y0, y1 in vertical
                          if y0 <= bottom + 2 and y1 >= top - 2], 2.0)
        if len(borders) < 3:
            continue
        cells = []
        for x_left, x_right in zip(borders, borders[1:], strict=False):
            inside = [s for s in segments if id(s) not in used
                      and bottom < s.y < top and x_left <= (s.x0 + s.x1) / 2 <= x_right]
            used.update(id(s) for s in inside)
            lines = _lines(inside, tab=False)
            for line in lines:
                line.right = x_right - 2
            cells.append("\n".join(p.text for p in paragraphs(lines)))
        if any(cells):
            rows.append(Line(page=segments[0].page if segments else 0, y=top, x0=borders[0],
                             x1=borders[-1], size=0.0, bold=False, text="\t".join(cells),
                             region=("table", tuple(round(x) for x in borders)),
                             cells=tuple(cells)))
    return rows, [s for s in segments if id(s) not in used]


def _insert_rows(lines: list[Line], rows: list[Line]) -> list[Line]:
    """Table rows into the reading order, before the first line below them."""
    out = list(lines)
    for row in sorted(rows, key=lambda r: -r.y):
        at = next((i for i, line in enumerate(out)
                   if line.cells is None and line.y < row.y), len(out))
        out.insert(at, row)
    return out


def merge_split_rows(lines: list[Line]) -> list[Line]:
    """Join a table row that a page break cut in two.

    The row that opens a page continues the one that closed the previous page when
    both have the same cell borders and the new part starts in lower case or
    leaves a cell empty that the first part filled (``Upplands`` / ``Väsby``).
    """
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if (previous is not None and line.cells is not None and previous.cells is not None
                and line.page == previous.page + 1 and line.region == previous.region
                and any(cell[:1].islower() or (not cell and before)
                        for cell, before in zip(line.cells, previous.cells, strict=True))):
            cells = tuple(" ".join(part for part in (before, after) if part)
                          for before, after in zip(previous.cells, line.cells, strict=True))
            previous.cells, previous.text = cells, "\t".join(cells)
            continue
        out.append(line)
    return out


# --- 2. page furniture --------------------------------------------------------------

def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _body_size(pages: list[list[Segment]]) -> float:
    weights: dict[float, int] = {}
    for segment in (s for page in pages for s in page):
        key = round(segment.size * 2) / 2
        weights[key] = weights.get(key, 0) + segment.visible
    return max(weights, key=weights.get) if weights else 10.0


def remove_furniture(pages: list[list[Segment]], heights: list[float]) -> list[list[Segment]]:
    """Drop running headers/footers and page numbers from every page.

    Furniture is set no larger than the body text; a chapter heading that happens
    to open every page ("Kapitel 2", "Kapitel 3") is larger, and stays.
    """
    body = _body_size(pages)
    band_lines = []
    counts: dict[str, int] = {}
    for segments, height in zip(pages, heights, strict=True):
        in_band = [line for line in _lines(segments, tab=False)
                   if (line.y > height * (1 - FURNITURE_BAND) or line.y < height * FURNITURE_BAND)
                   and line.size <= body * 1.05]
        band_lines.append(in_band)
        for key in {_furniture_key(line.text) for line in in_band}:
            counts[key] = counts.get(key, 0) + 1
    threshold = max(2, (len(pages) + 1) // 2)
    cleaned = []
    for segments, in_band in zip(pages, band_lines, strict=True):
        drop_rows = {round(line.y, 1) for line in in_band
                     if (len(pages) >= 2 and counts[_furniture_key(line.text)] >= threshold)
                     or _PAGE_NUMBER.match(line.text.strip())}
        cleaned.append([s for s in segments if not any(abs(s.y - y) < 0.5 for y in drop_rows)])
    return cleaned


# --- 3. reading order ---------------------------------------------------------------

def _gutter(segments: list[Segment], x_lo: float, x_hi: float) -> float | None:
    """An x that splits ``segments`` into two columns of running text, or None."""
    width = x_hi - x_lo
    if len(segments) < 6 or width <= 0:
        return None
    best = None
    step = max(2.0, width / 200)
    starts = sorted(s.x0 for s in segments)
    ends = sorted(s.x1 for s in segments)
    x = x_lo + 0.25 * width
    while x <= x_lo + 0.75 * width:
        # Segments crossing x: those starting left of it minus those ending left of it.
        crossing = bisect.bisect_left(starts, x - 1) - bisect.bisect_right(ends, x + 1)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += step
    if best is None or best[0] > 0.2 * len(segments):
        return None
    x = best[1]
    left = [s for s in segments if s.x1 <= x + 1]
    right = [s for s in segments if s.x0 >= x - 1]
    if len(left) < 3 or len(right) < 3:
        return None
    for side in (left, right):
        if statistics.median(s.x1 - s.x0 for s in side) < 0.2 * width:
            return None  # short cells: a table or a form, not columns of text
    overlap = min(max(s.y for s in left), max(s.y for s in right)) - max(
        min(s.y for s in left), min(s.y for s in right))
    if overlap <= 0:
        return None
    return x


def reading_order(segments: list[Segment], x_lo: float, x_hi: float, depth: int = 0
                  ) -> list[Line]:
    """Lines in reading order: columns left to right between page-wide lines."""
    x = _gutter(segments, x_lo, x_hi) if depth < 2 else None
    if x is None:
        lines = _lines(segments)
        right = max((line.x1 for line in lines), default=x_hi)
        for line in lines:
            line.right, line.region = right, (x_lo, depth)
        return lines
    spanning = sorted((s for s in segments if s.x0 < x - 1 and s.x1 > x + 1),
                      key=lambda s: -s.y)
    out: list[Line] = []
    upper = float("inf")
    for cut in [*spanning, None]:
        lower = cut.y if cut is not None else float("-inf")
        band = [s for s in segments if lower < s.y < upper and s not in spanning]
        out.extend(reading_order([s for s in band if s.x1 <= x + 1], x_lo, x, depth + 1))
        out.extend(reading_order([s for s in band if s.x0 >= x - 1], x, x_hi, depth + 1))
        if cut is not None:
            for line in _lines([cut]):
                line.right, line.region = x_hi, (x_lo, depth, "span")
                out.append(line)
            upper = cut.y
    return out


# --- 4. paragraphs and headings -----------------------------------------------------

def join_lines(first: str, second: str) -> str:
    """Join two lines of one paragraph, re-joining a word hyphenated at the break.

    >>> join_lines("stöd till arbets-", "kooperativ i Malmö")
    'stöd till arbetskooperativ i Malmö'
    >>> join_lines("arbets-", "och sysselsättningsfrågor")
    'arbets- och sysselsättningsfrågor'
    >>> join_lines("ESF-", "Rådet")
    'ESF-Rådet'
    """
    if len(first) < 2 or first[-1] not in _HYPHENS or not second:
        return first + " " + second
    before, after = first[-2], second[0]
    if before.isalpha() and after.islower() and second.split()[0].lower() not in \
            _SUSPENSION_WORDS:
        return first[:-1] + second          # arbets-/kooperativ
    if first[-1] != "-":                    # a soft or line-end hyphen is not text
        return first[:-1] + ("" if after.islower() else " ") + second
    if before.isalnum() and (after.isupper() or after.isdigit()):
        return first + second               # ESF-/Rådet, 2020-/2022
    return first + " " + second


@dataclass
class Paragraph:
    lines: list[Line]
    gap_before: bool

    @property
    def text(self) -> str:
        text = self.lines[0].text
        for line in self.lines[1:]:
            text = join_lines(text, line.text)
        return text

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    pitches: dict[float, list[float]] = {}
    for before, after in zip(lines, lines[1:], strict=False):
        if before.page == after.page and before.region == after.region \
                and abs(before.size - after.size) < 0.5 and before.y > after.y:
            pitches.setdefault(round(before.size), []).append(before.y - after.y)
    pitch = {size: statistics.median(values) for size, values in pitches.items()}
    out: list[Paragraph] = []
    previous: Line | None = None
    for line in lines:
        if previous is None:
            out.append(Paragraph([line], True))
            previous = line
            continue
        usual = pitch.get(round(previous.size), 1.25 * previous.size)
        moved = previous.page != line.page or previous.region != line.region
        gap = (previous.y - line.y) if not moved else 0.0
        large_gap = not moved and (gap > 1.45 * usual or gap < 0)
        # A line that ends with room for the next line's first word was ended on
        # purpose (a paragraph's last line, a label line, a title's end).
        first_word = line.text.split()[0] if line.text.split() else ""
        ended_short = previous.right - previous.x1 > (len(first_word) + 2) * 0.6 * line.size
        new_style = abs(previous.size - line.size) >= 0.5 or previous.bold != line.bold
        starts_item = line.text[:1] in _BULLETS
        table = ("\t" in line.text or "\t" in previous.text
                 or line.cells is not None or previous.cells is not None)
        carries_on = moved and previous.text[-1:] not in ".!?:" and line.text[:1].islower()
        if (large_gap or ended_short or new_style or starts_item or table
                or (moved and not carries_on)):
            out.append(Paragraph([line], large_gap or (moved and not carries_on)))
        else:
            out[-1].lines.append(line)
        previous = line
    return out


def _is_heading_text(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= 14 and len(text) <= 160 and text[-1] not in ".,;:"
            and (text[0].isupper() or text[0].isdigit()) and "\t" not in text)


def to_blocks(paras: list[Paragraph]) -> list[Block]:
    sizes: dict[float, int] = {}
    bold_chars = 0
    for para in paras:
        for line in (line for line in para.lines if line.cells is None):
            sizes[round(line.size * 2) / 2] = sizes.get(round(line.size * 2) / 2, 0) + len(
                line.text)
            bold_chars += len(line.text) if line.bold else 0
    if not sizes:
        return []
    body = max(sizes, key=sizes.get)
    body_bold = bold_chars > 0.5 * sum(sizes.values())

    def heading_like(para: Paragraph) -> bool:
        if len(para.lines) > 3 or para.lines[0].cells is not None \
                or not _is_heading_text(para.text):
            return False
        return para.size >= body * 1.15 or (para.bold and not body_bold
                                            and para.size >= body * 0.95)

    title_index = None
    first_page = [i for i, p in enumerate(paras[:12]) if p.lines[0].page == 0]
    if first_page:
        largest = max(first_page, key=lambda i: paras[i].size)
        candidate = paras[largest]
        if candidate.size >= body * 1.15 and len(candidate.text) <= 300 \
                and candidate.lines[0].cells is None \
                and candidate.size >= max(p.size for p in paras):
            title_index = largest
    blocks = []
    for i, para in enumerate(paras):
        text = para.text
        if i == title_index:
            blocks.append(Block(TITLE, text))
        elif para.lines[0].cells is not None:
            blocks.append(Block(ROW, cells=para.lines[0].cells))
        elif "\t" in text and text.count("\t") >= 1 and len(para.lines) == 1:
            blocks.append(Block(ROW, cells=tuple(text.split("\t"))))
        elif text[:1] in _BULLETS:
            blocks.append(Block(ITEM, text[1:].strip(), gap_before=para.gap_before))
        elif heading_like(para):
            blocks.append(Block(HEADING, text))
        else:
            blocks.append(Block(PARAGRAPH, text, gap_before=para.gap_before))
    return blocks


# --- the reader ---------------------------------------------------------------------

def _text_blocks(text: str) -> list[Block]:
    """OCR output: one paragraph per line, blank lines as paragraph breaks."""
    blocks, gap = [], True
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block(PARAGRAPH, line, gap_before=gap))
            gap = False
        else:
            gap = True
    return blocks


def _open(path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableFile("krypterad (lösenordsskyddad)") from None
        if "security" in message:
            raise UnreadableFile("krypterad (okänt skydd)") from None
        if "format" in message:
            raise UnreadableFile("trasig PDF (fel i filformatet – avkortad eller skadad?)") \
                from None
        raise UnreadableFile(f"trasig PDF ({exc})") from None


def _properties(pdf, pages: int) -> Properties:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged info dictionary must not lose the text
        info = {}
    return Properties(title=info.get("Title"), author=info.get("Author"),
                      created=parse_date(info.get("CreationDate")),
                      modified=parse_date(info.get("ModDate")), pages=pages)


def read(path, ocr=None) -> tuple[list[Block], Properties, list[str]]:
    """Blocks, properties and warnings (e.g. pages left unread) of one PDF."""
    import pypdfium2.raw as raw

    pdf = _open(path)
    warnings = []
    try:
        total = len(pdf)
        if total == 0:
            raise UnreadableFile("trasig PDF (inga sidor)")
        count = min(total, MAX_PAGES)
        if total > MAX_PAGES:
            warnings.append(f"bara de första {MAX_PAGES} av {total} sidorna lästes")
        glyphs = _Glyphs(raw)
        pages, heights, widths, rules = [], [], [], []
        chars = 0
        for number in range(count):
            page = pdf[number]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    segments = _page_segments(number, textpage, raw, glyphs)
                finally:
                    textpage.close()
                rules.append(page_rules(page, raw))
            finally:
                page.close()
            pages.append(segments)
            heights.append(height)
            widths.append(width)
            chars += sum(s.visible for s in segments)
            if chars > MAX_CHARS:
                warnings.append(f"texten kortades efter sidan {number + 1}")
                break
        properties = _properties(pdf, total)
        if chars < MIN_TEXT_CHARS * len(pages):
            if ocr is not None:
                text = ocr(pdf, count)
                if text and text.strip():
                    from indexer.formats.ocr import MAX_OCR_PAGES

                    warnings.append("texten lästes med OCR (Tesseract)" + (
                        f", de första {MAX_OCR_PAGES} sidorna" if count > MAX_OCR_PAGES
                        else ""))
                    return _text_blocks(text), properties, warnings
            raise UnreadableFile("ingen text – skannad?")
    finally:
        pdf.close()
    pages = remove_furniture(pages, heights)
    lines: list[Line] = []
    for segments, width, (horizontal, vertical) in zip(pages, widths, rules, strict=True):
        rows, segments = table_rows(segments, horizontal, vertical)
        lines.extend(_insert_rows(reading_order(segments, 0.0, width), rows))
    return to_blocks(paragraphs(merge_split_rows(lines))), properties, warnings
