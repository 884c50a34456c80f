"""HTML: a saved projektbanken page gives its print-out's document, and page chrome
(navigation, cookie banners, scripts, styles) never reaches the index."""

from __future__ import annotations

import pytest

from indexer.document import read_document
from indexer.formats import extract
from indexer.formats.html import decode_html
from indexer.schema import document_fields
from tests.conftest import SEEDS, SOLNA
from tests.test_formats_twins import FORMATS_DIR

CHROME = ["kakor", "Godkänn", "Hoppa till", "Startsida", "Sök projekt", "Om ESF-rådet",
          "skripttext", "stilmall", "ld-json", "Liknande projekt", "Relaterat-projekt",
          "sidfotsadressen", "noscript-text", "xss-i-skript", "dataLayer", "Projektbanken"]


@pytest.fixture(scope="module")
def page():
    return extract(FORMATS_DIR / "solna.html", "html", "solna.html", "solna.html")[0]


def test_the_saved_page_has_exactly_the_print_outs_metadata_and_sections(page):
    want = read_document(SEEDS / f"{SOLNA}.txt")
    assert page.title == want.title
    for name in ("kind", "program", "phase", "owner", "contact", "email", "phone",
                 "esf_support", "total_budget", "start", "end", "region", "kommuner"):
        assert getattr(page, name) == getattr(want, name), name
    assert [(s.heading, s.type, s.text, s.items) for s in page.sections] == [
        (s.heading, s.type, s.text, s.items) for s in want.sections]


def test_page_chrome_never_reaches_the_index(page):
    indexed = "\n".join(str(value) for value in document_fields(page, "x").values()
                        if isinstance(value, str))
    for word in CHROME:
        assert word not in indexed, word


def read(tmp_path, markup: str | bytes, name="x.html"):
    path = tmp_path / name
    path.write_bytes(markup if isinstance(markup, bytes) else markup.encode("utf-8"))
    return extract(path, "html", name, name)[0]


def test_headings_h1_to_h4_lists_tables_and_breaks(tmp_path):
    doc = read(tmp_path, """<html><head><title>Sidtitel | Webbplats</title>
    <meta name="author" content="Coompanion"><meta name="dcterms.created" content="2019-05-02">
    </head><body><main><h1>Rapport om kooperativ</h1><p>Inledande text.</p>
    <h2>Bakgrund</h2><p>Rad ett<br>Rad två</p><h3>Delmål</h3><ul><li>Ett</li><li>Två</li></ul>
    <h4>Tabell</h4><table><tr><th>Kommun</th><th>Namn</th></tr>
    <tr><td>Solna</td><td>M29 <i>Café</i></td></tr></table><h5>Liten rubrik</h5>
    <p>Slut.</p></main></body></html>""")
    assert doc.title == "Rapport om kooperativ"
    assert [s.heading for s in doc.sections] == ["Inledning", "Bakgrund", "Delmål", "Tabell"]
    assert doc.sections[1].text == "Rad ett\nRad två"
    assert doc.sections[2].items == ("Ett", "Två")
    assert doc.sections[3].table == (("Kommun", "Namn"), ("Solna", "M29 Café"))
    assert doc.kommuner == ("Solna",)
    assert doc.author == "Coompanion" and doc.created.isoformat() == "2019-05-02"


@pytest.mark.parametrize("markup, text", [
    ("<p>a &lt;b&gt; &amp; c</p>", "a <b> & c"),                # entities decoded once
    ("<p>&amp;lt;redan-kodad&amp;gt;</p>", "&lt;redan-kodad&gt;"),
    ("<p>Malm<span>ö</span> och <b>Lund</b></p>", "Malmö och Lund"),  # inline runs on
    ("<p>ett<script>alert(1)</script>två</p>", "etttvå"),
    ("<p hidden>dold</p><p aria-hidden='true'>dold</p><p>synlig</p>", "synlig"),
    ("<div class='cookie-banner'>kakor</div><p>text</p>", "text"),
    ("<pre>rad 1\n\nrad 2</pre>", "rad 1\n\nrad 2"),
])
def test_html_quirks(tmp_path, markup, text):
    doc = read(tmp_path, f"<html><body><h1>Titel</h1>{markup}</body></html>")
    assert doc.sections[0].text == text


@pytest.mark.parametrize("raw, expected", [
    (b'<meta charset="windows-1252"><p>V\xe4xj\xf6</p>', "Växjö"),
    (b'<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">\xc5re', "Åre"),
    ("<p>Göteborg</p>".encode(), "Göteborg"),
    ("<p>Göteborg</p>".encode("utf-16"), "Göteborg"),
])
def test_the_declared_encoding_is_honoured(raw, expected):
    assert expected in decode_html(raw)


def test_a_page_without_text_is_skipped(tmp_path):
    from indexer.textclean import UnreadableFile

    with pytest.raises(UnreadableFile, match="ingen text"):
        read(tmp_path, "<html><body><nav>Meny</nav><script>x()</script></body></html>")
