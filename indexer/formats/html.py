"""HTML files (project pages saved from the web) → blocks.

A saved page is mostly not the document: navigation, cookie banners, scripts,
styles, share buttons, footers. Those are cut away before any text is read (by
element, role and the usual id/class words), the main content is taken from
``<main>``/``role=main``/``<article>`` when the page has one, and what remains is
read as blocks: ``h1``–``h4`` are headings (the first ``h1`` the title), ``li`` list
items, ``tr`` table rows, ``dt``/``dd`` label rows; inline elements run together
as the browser shows them, so a projektbanken label and its value
(``<span>Projektfas</span><span>Genomförande</span>``) give the same glued line
as the page's print-out. Scripts and active content are never executed: the
parser only builds a tree.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

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
from indexer.textclean import UnreadableFile, decode_bytes

_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "nav", "footer", "aside", "form", "button", "select", "textarea", "input", "dialog",
    "head", "video", "audio", "map", "img", "picture",
}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search",
               "complementary"}
_DROP_WORDS = re.compile(
    r"(^|[-_\s])(cookie|cookies|consent|gdpr|kakor|skip|breadcrumbs?|menu|meny|"
    r"share|social-share|dela|navigation|navbar|sidebar|footer|popup|modal)($|[-_\s])",
    re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "pre", "address",
    "figure", "figcaption", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "caption",
    "details", "summary", "center", "hr", "br", "body", "html", "fieldset", "legend",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


def decode_html(raw: bytes) -> str:
    """Bytes → text by BOM, then ``<meta charset>``, then UTF-8/Windows-1252."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(raw)
    match = _CHARSET.search(raw[:4096])
    if match:
        name = match.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = "utf-8"
        if codec not in ("utf-8", "cp1252", "latin-1", "iso8859-1", "iso8859-15"):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                pass
        elif codec != "utf-8":
            return raw.decode("cp1252", errors="replace")
    return decode_bytes(raw)


def _dropped(element) -> bool:
    if element.tag in _DROP_TAGS:
        return True
    get = element.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    if (get("role") or "").lower() in _DROP_ROLES:
        return True
    if element.tag == "header" and not any(
            a.tag in ("main", "article") for a in element.iterancestors()):
        return True  # the site's header (logo, menu), not an article's own
    words = f"{get('id') or ''} {get('class') or ''}"
    return bool(words.strip()) and bool(_DROP_WORDS.search(words))


def _properties(tree) -> Properties:
    def meta(*names: str) -> str | None:
        for name in names:
            for element in tree.iter("meta"):
                key = (element.get("name") or element.get("property") or "").lower()
                if key == name and element.get("content"):
                    return element.get("content")
        return None

    title_element = next(tree.iter("title"), None)
    title = title_element.text_content() if title_element is not None else None
    return Properties(
        title=title,
        author=meta("author", "dc.creator", "dcterms.creator", "article:author"),
        created=parse_date(meta("dcterms.created", "dc.date", "date", "article:published_time",
                                "dcterms.issued")),
        modified=parse_date(meta("dcterms.modified", "article:modified_time",
                                 "last-modified")),
    )


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.inline: list[str] = []
        self.seen_title = False
        self.broken = False  # the next line follows a <br>: same paragraph, new line

    def flush(self, kind: str = PARAGRAPH, gap: bool = True) -> None:
        text = " ".join("".join(self.inline).split())
        self.inline = []
        if text:
            self.blocks.append(Block(kind, text, gap_before=gap and not self.broken))
        self.broken = False

    def walk(self, element) -> None:
        if not isinstance(element.tag, str) or _dropped(element):
            self.tail(element)
            return
        tag = element.tag
        if tag in _HEADINGS:
            self.flush()
            self.inline = [element.text_content()]
            kind = TITLE if tag == "h1" and not self.seen_title else HEADING
            self.seen_title = self.seen_title or tag == "h1"
            self.flush(kind)
        elif tag == "li":
            self.flush()
            self.collect(element)
            self.flush(ITEM)
        elif tag == "tr":
            self.flush()
            cells = tuple(_cell_text(cell) for cell in element if cell.tag in ("td", "th"))
            if any(cells):
                self.blocks.append(Block(ROW, cells=cells))
        elif tag == "dt":
            self.flush()
            label = " ".join(element.text_content().split())
            value = element.getnext()
            if value is not None and value.tag == "dd":
                self.blocks.append(Block(ROW, cells=(label, value.text_content())))
                value.set("data-asf-read", "1")
            else:
                self.blocks.append(Block(PARAGRAPH, label))
        elif tag == "dd" and element.get("data-asf-read"):
            pass
        elif tag == "br":
            self.flush()
            self.broken = True
        elif tag == "pre":
            # Preformatted text keeps its lines; blank lines are paragraph breaks
            # (LibreOffice exports a plain-text document as one <pre>).
            self.flush()
            gap = True
            for line in element.text_content().split("\n"):
                if line.strip():
                    self.blocks.append(Block(PARAGRAPH, line, gap_before=gap))
                    gap = False
                else:
                    gap = True
        elif tag in _BLOCK_TAGS or tag in ("dd", "h5", "h6", "li"):
            self.flush()
            self.collect(element)
            self.flush()
        else:
            self.collect(element)
            return self.tail(element)
        self.tail(element)

    def collect(self, element) -> None:
        if element.text:
            self.inline.append(element.text)
        for child in element:
            self.walk(child)

    def tail(self, element) -> None:
        if element.tail:
            self.inline.append(element.tail)


def _cell_text(cell) -> str:
    """A table cell's lines; list items inside it keep a bullet."""
    reader = _Reader()
    reader.collect(cell)
    reader.flush()
    return "\n".join(("• " if b.kind == ITEM else "") + (b.text or " ".join(b.cells))
                     for b in reader.blocks)


def _content_root(tree):
    for path in ("//main", "//*[@role='main']", "//article"):
        found = tree.xpath(path)
        if found:
            return found[0]
    body = tree.find("body")
    return body if body is not None else tree


def read(raw: bytes) -> tuple[list[Block], Properties]:
    text = decode_html(raw)
    if not text.strip():
        raise UnreadableFile("tom fil")
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"trasig HTML ({exc})") from None
    properties = _properties(tree)
    reader = _Reader()
    root = _content_root(tree)
    reader.collect(root)
    reader.flush()
    return reader.blocks, properties
