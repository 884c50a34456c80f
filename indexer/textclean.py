"""Turning corpus bytes and inline HTML into plain lines.

Corpus files arrive from many hands: UTF-8 with or without BOM, UTF-16, old
Windows-1252 exports, CR or CRLF line ends, and HTML fragments pasted into report
tables. Everything downstream works on clean ``str`` lines, so the quirks are
handled once, here.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser


class UnreadableFile(ValueError):
    """A corpus file that cannot become text; the message is the reason shown to users."""


_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_CP1252_UNDEFINED_BYTE = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode_bytes(raw: bytes) -> str:
    """Decode a corpus file, detecting BOMs and falling back to Windows-1252.

    >>> decode_bytes("Arbetsförmedlingen".encode("cp1252"))
    'Arbetsförmedlingen'
    >>> decode_bytes(codecs.BOM_UTF8 + "Göteborg".encode())
    'Göteborg'
    >>> decode_bytes("rad 1\\r\\nrad 2\\rrad 3".encode())
    'rad 1\\nrad 2\\nrad 3'
    """
    if not raw.strip():
        raise UnreadableFile("tom fil")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"ogiltig UTF-16 ({exc.reason})") from exc
    elif b"\x00" in raw:
        raise UnreadableFile("binärfil (innehåller NUL-byte)")
    else:
        text = _utf8_with_cp1252_fallback(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # No-break and thin spaces are just spaces to a reader ("248 750 kr").
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    if "\x00" in text:
        raise UnreadableFile("binärfil (innehåller NUL-tecken)")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(8, len(text) // 100):
        raise UnreadableFile("binärfil (många styrtecken)")
    if not text.strip():
        raise UnreadableFile("tom fil")
    return text


def _cp1252_for_invalid_utf8(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    if any(byte in _CP1252_UNDEFINED for byte in bad):
        raise UnreadableFile("okänd teckenkodning (varken UTF-8 eller Windows-1252)")
    return bad.decode("cp1252"), error.end


# A codec error handler keeps the decode linear (one pass in C, the handler called
# only at invalid bytes); registering it under a private name is idempotent.
codecs.register_error("asf-sok-cp1252", _cp1252_for_invalid_utf8)


def _utf8_with_cp1252_fallback(raw: bytes) -> str:
    r"""UTF-8 where the bytes are UTF-8, Windows-1252 for each byte that is not.

    Files are edited by several programs: a UTF-8 report with one line pasted from
    an old Windows export has both. Decoding the whole file as Windows-1252 would
    turn every UTF-8 ``ö`` into ``Ã¶``; decoding only the invalid bytes keeps both.

    >>> _utf8_with_cp1252_fallback("Sjöbo ".encode() + b"H\xf6\xf6r")
    'Sjöbo Höör'
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if not _UTF8_SEQUENCE.search(raw):  # no UTF-8 at all: a plain Windows-1252 file
        if _CP1252_UNDEFINED_BYTE.search(raw):
            raise UnreadableFile("okänd teckenkodning (varken UTF-8 eller Windows-1252)")
        return raw.decode("cp1252")
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            # A line without any UTF-8 sequence is all Windows-1252 (one C call);
            # only a truly mixed line goes byte by byte through the handler.
            if _UTF8_SEQUENCE.search(line):
                lines.append(line.decode("utf-8", errors="asf-sok-cp1252"))
            elif _CP1252_UNDEFINED_BYTE.search(line):
                raise UnreadableFile(
                    "okänd teckenkodning (varken UTF-8 eller Windows-1252)") from None
            else:
                lines.append(line.decode("cp1252"))
    return "\n".join(lines)


_BLOCK_TAGS = {"ul", "ol", "li", "br", "p", "div", "tr", "table", "h1", "h2", "h3", "h4"}
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def has_html(text: str) -> bool:
    return bool(_TAG.search(text))


def html_to_lines(fragment: str) -> list[str]:
    """Reduce an HTML fragment to text lines; each list item becomes its own line.

    Inline bullets (``<ul> • AF • Sigtuna kommun``) are split into lines too, and
    keep their ``•`` so that callers can tell list items from prose.

    >>> html_to_lines('M29 <i>(En del av M29)</i>')
    ['M29 (En del av M29)']
    >>> html_to_lines('<ul style="x"> • AF om platser • Sigtuna kommun <ul> - IoP</ul>')
    ['• AF om platser', '• Sigtuna kommun', '- IoP']
    """
    extractor = _TextExtractor()
    extractor.feed(fragment)
    extractor.close()
    lines = []
    for line in "".join(extractor.parts).split("\n"):
        for piece in re.split(r"\s(?=[•·▪]\s)", line):
            piece = " ".join(piece.split())
            if piece:
                lines.append(piece)
    return lines
