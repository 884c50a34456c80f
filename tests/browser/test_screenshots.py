"""Full-page screenshots for a human to look at (tests/screenshots/, git-ignored),
each with the layout checks a reader would otherwise notice first: nothing wider
than the window, the essentials on screen."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import FYRBODAL, IOP_REPORT, facet_box, shoot

MOBILE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
          "is_mobile": True, "has_touch": True}


def overflowing(page) -> list[str]:
    """Elements sticking out past the right edge (outside scroll containers)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
            if (el.closest('.tablewrap, .visually-hidden, .skip')) continue;
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1) {
                out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' +
                         Math.round(box.right));
            }
        }
        return document.documentElement.scrollWidth > width
            ? ['page ' + document.documentElement.scrollWidth, ...out] : out;
    }""")


def test_screenshot_search_with_query_and_facet(page):
    page.goto("/?q=sociala+arbetskooperativ")
    facet_box(page, "region", "Västsverige").check()
    expect(page.locator("ul.chips a.chip")).to_have_count(1)
    expect(page.locator("ol.hits p.snippet mark").first).to_be_visible()
    assert overflowing(page) == []
    shoot(page, "search-query-facet")


def test_screenshot_browse_mode(page):
    page.goto("/")
    expect(page.locator("#antal")).to_contain_text("alla dokument")
    expect(page.locator("ol.hits li.hit").first).to_be_visible()
    assert overflowing(page) == []
    shoot(page, "browse")


def test_screenshot_document(page):
    page.goto(f"/doc/{FYRBODAL}?q=handledare")
    expect(page.locator("article.document mark").first).to_be_visible()
    assert overflowing(page) == []
    shoot(page, "document")


def test_screenshot_mobile_results(new_page):
    page = new_page(**MOBILE)
    page.goto("/?q=sociala&region=Stockholm")
    # Results first: the filters wait behind one "Filtrera" button.
    toggle = page.locator("aside.facets > details > summary")
    expect(toggle).to_have_text("Filtrera (1 valt)")
    expect(facet_box(page, "region", "Västsverige")).to_be_hidden()
    for element in (page.get_by_role("heading", level=1), page.locator("ul.chips"),
                    page.locator("ol.hits li.hit h3").first):
        expect(element).to_be_in_viewport()
    assert overflowing(page) == []
    # The search box and its button share a row.
    box = page.get_by_role("searchbox").bounding_box()
    button = page.get_by_role("button", name="Sök", exact=True).bounding_box()
    assert box and button and abs(box["y"] - button["y"]) < 8
    assert button["x"] + button["width"] <= 390
    shoot(page, "mobile-results")

    toggle.tap()
    facet_box(page, "region", "Västsverige").tap()
    expect(page.locator("ul.chips a.chip")).to_have_count(2)
    expect(page.locator("aside.facets > details > summary")).to_have_text("Filtrera (2 valda)")


def test_screenshot_mobile_document_with_table(new_page):
    page = new_page(**MOBILE)
    page.goto(f"/doc/{IOP_REPORT}?q=ASF")
    expect(page.locator("table.doctable")).to_be_visible()
    assert overflowing(page) == []
    shoot(page, "mobile-document")
