"""The document page: opened from a hit, with metadata, contents, highlighted query
words and a way back to the same results."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import FYRBODAL, JONKOPING, hit_ids

FYRBODAL_TITLE = "Pilotutbildning för handledare i sociala arbetskooperativ"


def metadata(page) -> dict[str, str]:
    return page.locator("table.metadata").evaluate("""table => Object.fromEntries(
        [...table.rows].map(row => [row.cells[0].innerText, row.cells[1].innerText]))""")


def test_open_a_document_from_a_hit_and_go_back_to_the_results(page):
    page.goto("/?q=handledare&region=V%C3%A4stsverige")
    results_url = page.url
    assert hit_ids(page) == [FYRBODAL]
    page.locator("ol.hits li.hit").first.get_by_role("link", name=FYRBODAL_TITLE).click()

    expect(page).to_have_url(re.compile(rf"/doc/{FYRBODAL}\?"))
    assert parse_qs(urlsplit(page.url).query) == {"q": ["handledare"],
                                                  "region": ["Västsverige"]}
    article = page.locator("article.document")
    expect(article.get_by_role("heading", level=1)).to_have_text(FYRBODAL_TITLE)
    expect(page).to_have_title(f"{FYRBODAL_TITLE} – ESF-sök")
    meta = metadata(page)
    assert meta["Projektägare"] == "Coompanion Fyrbodal"
    assert meta["Region"] == "Västsverige"
    assert meta["Projektfas"] == "Genomförande"
    assert meta["Projektperiod"] == "2008-07-01 – 2008-12-31"
    expect(page.get_by_role("table", name="Uppgifter om dokumentet")).to_be_attached()

    toc = page.get_by_role("navigation", name="Innehåll")
    links = toc.get_by_role("link").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.innerText])")
    sections = page.locator("section.doc-section").evaluate_all(
        "sections => sections.map(s => ['#' + s.id, s.querySelector('h2').innerText])")
    assert links == sections  # one entry per section, in order, pointing at it
    assert len(sections) >= 5 and sections[0][1] == "Sammanfattning"

    marks = article.locator("section.doc-section mark")
    expect(marks.first).to_be_visible()
    for text in marks.all_inner_texts():
        assert text.lower().startswith("handledar"), text

    toc.get_by_role("link", name="Jämställdhetsintegrering").click()
    expect(page).to_have_url(re.compile(r"#avsnitt-\d+$"))
    target = page.locator("section.doc-section:target h2")
    expect(target).to_have_text("Jämställdhetsintegrering")
    expect(target).to_be_in_viewport()

    back = page.locator("p.back a")
    expect(back).to_have_text("‹ Tillbaka till sökresultatet")
    back.click()
    expect(page).to_have_url(results_url)
    assert hit_ids(page) == [FYRBODAL]
    expect(page.locator("ul.chips a.chip")).to_have_text(re.compile(r"Region:\s+Västsverige"))
    expect(page.get_by_role("searchbox")).to_have_value("handledare")


def test_document_without_a_search_links_to_the_search_page(page):
    page.goto(f"/doc/{JONKOPING}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Social ekonomi för ökad välfärd")
    expect(page.locator("article.document mark")).to_have_count(0)
    assert metadata(page)["Total projektbudget"] == "6\u00a0113\u00a0800\u00a0kr"
    kommun = page.locator("section.doc-section").filter(
        has=page.get_by_role("heading", name="Kommun", exact=True))
    expect(kommun.locator("ul.items li").first).to_be_visible()
    back = page.locator("p.back a")
    expect(back).to_have_text("‹ Till sökningen")
    back.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#antal")).to_contain_text("alla dokument")


def test_unknown_document_gets_a_swedish_404_page(page):
    response = page.goto("/doc/finns-inte")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sidan eller dokumentet finns inte.")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("link", name="Till sökningen").click()
    expect(page.get_by_role("search")).to_be_visible()
    # Chromium logs the 404 response itself; nothing else may have gone wrong.
    assert all("404" in e for e in page.watch.errors), page.watch.errors
    page.watch.errors.clear()


MOBILE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
          "is_mobile": True, "has_touch": True}


def test_document_page_fits_a_390_px_screen(new_page):
    """Issue 13, defect 1: e-mail, owner and kommun list made the metadata table
    431–472 px wide, so the page scrolled sideways."""
    from tests.browser.conftest import SOLNA
    from tests.browser.test_screenshots import overflowing

    page = new_page(**MOBILE)
    for doc_id in (SOLNA, FYRBODAL, JONKOPING):
        page.goto(f"/doc/{doc_id}")
        expect(page.locator("table.metadata")).to_be_visible()
        assert overflowing(page) == [], doc_id
        width = page.locator("table.metadata").bounding_box()["width"]
        assert width <= 390, (doc_id, width)


def test_a_printed_document_has_no_navigation(page):
    """Issue 13, defect 14: no print stylesheet."""
    page.goto(f"/doc/{FYRBODAL}?q=handledare")
    page.emulate_media(media="print")
    try:
        expect(page.locator("p.back")).to_be_hidden()
        expect(page.locator("header.site")).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    finally:
        page.emulate_media(media="screen")
