"""PDF reading: columns, page furniture, hyphenation, headings, scans and broken files."""

from __future__ import annotations

import pytest

from indexer.formats import extract, pdf
from indexer.textclean import UnreadableFile
from tests.test_formats_twins import FORMATS_DIR


@pytest.fixture(scope="module")
def two_columns():
    document, warnings = extract(FORMATS_DIR / "tva_spalter.pdf", "pdf", "t", "t.pdf")
    return document


def test_two_columns_are_read_column_by_column(two_columns):
    """The fixture draws left and right lines alternately; the text must not."""
    first = two_columns.sections[0]
    assert first.heading == "Vänster rubrik 1"
    assert first.text.startswith("Arbetsintegrerande sociala företag ger människor som står")
    assert "Den högra" not in first.text
    assert [s.heading for s in two_columns.sections] == [
        f"{side} rubrik {page}" for page in (1, 2, 3) for side in ("Vänster", "Höger")]


def test_running_headers_and_page_numbers_are_removed(two_columns):
    text = two_columns.title + two_columns.text
    assert "Sida" not in text and "Årsrapport 2022" not in text


def test_words_hyphenated_at_a_line_end_are_joined(two_columns):
    text = two_columns.text
    assert "arbetskooperativ vuxit" in text and "människor" in text
    assert "arbets- och sysselsättningsfrågor" in text
    assert "ESF-Rådet" in text


def test_title_and_properties(two_columns):
    assert two_columns.title == "Rapport om arbetskooperativ i två spalter"
    assert two_columns.author == "Samordningsförbundet Exempel"
    assert two_columns.pages == 3
    assert two_columns.doc_date_source == "filegenskap"


@pytest.mark.parametrize("first, second, joined", [
    ("stöd till arbets-", "kooperativ i Malmö", "stöd till arbetskooperativ i Malmö"),
    ("arbets-", "och sysselsättningsfrågor", "arbets- och sysselsättningsfrågor"),
    ("hälso-", "eller sjukvård", "hälso- eller sjukvård"),
    ("ESF-", "Rådet", "ESF-Rådet"),
    ("soft\u00ad", "hyphen", "softhyphen"),
    ("slut.", "Ny mening", "slut. Ny mening"),
    ("2020-", "2022", "2020-2022"),
])
def test_join_lines(first, second, joined):
    assert pdf.join_lines(first, second) == joined


@pytest.mark.parametrize("name, reason", [
    ("skannad.pdf", "ingen text – skannad?"),
    ("krypterad.pdf", "krypterad (lösenordsskyddad)"),
    ("trunkerad.pdf", "trasig PDF"),
    ("trasig.pdf", "trasig PDF"),
])
def test_unreadable_pdfs_are_skipped_with_a_reason(name, reason, monkeypatch):
    monkeypatch.setattr("indexer.formats._ocr", lambda pdf, pages: None)
    with pytest.raises(UnreadableFile) as raised:
        extract(FORMATS_DIR / name, "pdf", "x", name)
    assert str(raised.value).startswith(reason)


def _many_pages_pdf(pages: int) -> bytes:
    """A valid PDF whose pages share one content stream (small at any page count)."""
    stream = b"BT /F1 12 Tf 72 400 Td (Sida med text om arbetskooperativ) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(f"{5 + i} 0 R".encode() for i in range(pages))
        + b"] /Count " + str(pages).encode() + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return bytes(out)


def test_a_very_long_pdf_is_read_up_to_the_page_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 40)
    path = tmp_path / "lang.pdf"
    path.write_bytes(_many_pages_pdf(2000))
    document, warnings = extract(path, "pdf", "lang", "lang.pdf")
    assert warnings == ["bara de första 40 av 2000 sidorna lästes"]
    assert document.pages == 2000
    assert "arbetskooperativ" in document.title + document.text


def test_a_page_without_text_is_not_a_heading_source():
    assert pdf.to_blocks([]) == []


@pytest.mark.skipif(not __import__("indexer.formats.ocr", fromlist=["available"]).available(),
                    reason="Tesseract med svenska (tesseract-ocr-swe) är inte installerat")
def test_a_scan_is_read_by_ocr_when_tesseract_is_installed():
    document, warnings = extract(FORMATS_DIR / "skannad.pdf", "pdf", "s", "s.pdf")
    assert warnings == ["texten lästes med OCR (Tesseract)"]
    assert "rapport" in (document.title + document.text).lower()
