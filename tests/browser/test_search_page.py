"""The search page in a real browser: query, facets, chips, paging, keyboard, history,
and the no-JavaScript fallback."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import (
    ALL_DOCS,
    FYRBODAL,
    IOP_REPORT,
    SOLNA,
    facet_box,
    hit_ids,
)

QUERY_LABEL = "Sök bland projekt, rapporter och policytexter"


def query_args(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def searchbox(page):
    return page.get_by_role("search").get_by_role("searchbox", name=QUERY_LABEL)


def test_language_landmarks_and_labels(page):
    page.goto("/?q=sociala")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("search")).to_have_count(1)
    expect(searchbox(page)).to_be_visible()
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("complementary", name="Filtrera")).to_be_visible()
    expect(page.get_by_role("combobox", name="Sortera")).to_be_visible()
    # Every form control has an accessible name (as Chromium computes it).
    unnamed = page.evaluate("""() => [...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button')].filter(el =>
        !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
        && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON'
        && el.textContent.trim())).map(el => el.outerHTML)""")
    assert unnamed == []
    boxes = page.locator("#facetform input[type=checkbox]")
    assert boxes.count() > 10
    snapshot = page.locator("#facetform").aria_snapshot()
    for line in snapshot.splitlines():
        if line.strip().startswith("- checkbox"):
            assert re.search(r'- checkbox "[^"]+ \d+"', line), line
    for name in ("Region", "Projektfas", "Projektägare", "Programområde", "Kommun",
                 "Startår", "Dokumenttyp"):
        expect(page.get_by_role("group", name=name)).to_be_visible()


def test_typing_a_query_and_pressing_enter_shows_highlighted_hits(page):
    page.goto("/")
    expect(page.locator("#antal")).to_contain_text(f"{len(ALL_DOCS)} träffar")
    box = searchbox(page)
    box.fill("handledare")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=handledare(&|$)"))
    expect(page.locator("#antal")).to_have_text(re.compile(r"^\s*2 träffar\s+för handledare\s*$"))
    expect(page).to_have_title(
        "2 projekt som matchar ”handledare”, sorterade efter relevans – ESF-sök")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "2 projekt som matchar ”handledare”, sorterade efter relevans")
    expect(page.locator("ol.hits li.hit")).to_have_count(2)
    assert set(hit_ids(page)) == {SOLNA, FYRBODAL}
    marks = page.locator("ol.hits p.snippet mark")
    expect(marks.first).to_be_visible()
    for text in marks.all_inner_texts():
        assert text.lower().startswith("handledar"), text
    expect(searchbox(page)).to_have_value("handledare")


def test_region_facets_are_multi_select_and_keep_the_alternatives(page):
    page.goto("/")
    stockholm = facet_box(page, "region", "Stockholm")
    expect(stockholm).to_have_accessible_name("Stockholm 2")
    stockholm.check()
    expect(page).to_have_url(re.compile(r"region=Stockholm"))
    expect(page.locator("#antal")).to_contain_text("2 träffar")
    assert set(hit_ids(page)) == {SOLNA, IOP_REPORT}  # the report's region is inferred
    expect(facet_box(page, "region", "Stockholm")).to_be_checked()
    # The other regions stay listed, with the counts they would add.
    expect(facet_box(page, "region", "Västsverige")).to_have_accessible_name("Västsverige 1")
    expect(facet_box(page, "region", "Småland och Öarna")).not_to_be_checked()
    expect(page.locator("ul.chips a.chip")).to_have_count(1)

    facet_box(page, "region", "Västsverige").check()
    expect(page.locator("#antal")).to_contain_text("3 träffar")
    assert query_args(page)["region"] == ["Stockholm", "Västsverige"]
    assert set(hit_ids(page)) == {SOLNA, FYRBODAL, IOP_REPORT}
    expect(page.locator("ul.chips a.chip")).to_have_count(2)

    facet_box(page, "kind", "ESF-projekt").check()
    expect(page.locator("#antal")).to_contain_text("2 träffar")
    assert set(hit_ids(page)) == {SOLNA, FYRBODAL}
    expect(facet_box(page, "region", "Småland och Öarna")).to_be_visible()


def test_unticking_a_facet_removes_the_filter(page):
    page.goto("/?region=Stockholm&region=V%C3%A4stsverige")
    facet_box(page, "region", "Stockholm").uncheck()
    expect(page.locator("ul.chips a.chip")).to_have_count(1)
    assert query_args(page)["region"] == ["Västsverige"]
    assert hit_ids(page) == [FYRBODAL]


def test_removing_a_chip_removes_only_that_filter(page):
    page.goto("/?q=sociala&region=Stockholm&region=V%C3%A4stsverige")
    chips = page.locator("ul.chips a.chip")
    expect(chips).to_have_count(2)
    before = set(hit_ids(page))
    page.get_by_role("link", name="Ta bort filter Region: Stockholm").click()
    expect(chips).to_have_count(1)
    expect(chips).to_contain_text("Västsverige")
    assert query_args(page) == {"q": ["sociala"], "region": ["Västsverige"]}
    expect(facet_box(page, "region", "Stockholm")).not_to_be_checked()
    expect(facet_box(page, "region", "Västsverige")).to_be_checked()
    assert set(hit_ids(page)) == {FYRBODAL} and FYRBODAL in before


def test_clear_all_filters_keeps_the_query(page):
    page.goto("/?q=sociala")
    unfiltered = page.locator("#antal").inner_text()
    page.goto("/?q=sociala&region=Stockholm&kind=esf_project&sort=newest")
    expect(page.locator("ul.chips a.chip")).to_have_count(2)
    assert page.locator("#antal").inner_text() != unfiltered
    page.get_by_role("link", name="Rensa alla filter").click()
    expect(page.locator("ul.chips")).to_have_count(0)
    assert query_args(page) == {"q": ["sociala"], "sort": ["newest"]}
    expect(page.locator("#antal")).to_have_text(unfiltered)
    expect(page.locator("#facetform input[type=checkbox]:checked")).to_have_count(0)


def test_pagination_with_two_per_page(page):
    pages = -(-len(ALL_DOCS) // 2)
    page.goto("/?per_page=2")
    nav = page.get_by_role("navigation", name="Sidor")
    expect(nav).to_contain_text(f"Sida 1 av {pages}")
    expect(nav.locator("a[rel=prev]")).to_have_count(0)
    seen = hit_ids(page)
    assert len(seen) == 2
    for number in range(2, pages + 1):
        nav.locator("a[rel=next]").click()
        expect(nav).to_contain_text(f"Sida {number} av {pages}")
        assert query_args(page)["page"] == [str(number)]
        assert query_args(page)["per_page"] == ["2"]
        expect(page.locator("ol.hits")).to_have_attribute("start", str(2 * number - 1))
        ids = hit_ids(page)
        assert ids and not set(ids) & set(seen), (ids, seen)
        seen += ids
    expect(nav.locator("a[rel=next]")).to_have_count(0)
    assert set(seen) == ALL_DOCS
    nav.locator("a[rel=prev]").click()
    expect(nav).to_contain_text(f"Sida {pages - 1} av {pages}")
    assert hit_ids(page) == seen[2 * pages - 4:2 * pages - 2]


def test_ticking_a_facet_on_page_two_starts_again_at_page_one(page):
    page.goto("/?per_page=2&page=2")
    facet_box(page, "kind", "ESF-projekt").check()
    expect(page.locator("#antal")).to_contain_text("4 träffar")
    assert "page" not in query_args(page)
    assert query_args(page)["per_page"] == ["2"]


def focused(page) -> str:
    return page.evaluate("""() => { const el = document.activeElement;
        return el.id || el.name || el.className || el.tagName; }""")


def tab_until(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; stuck on {focused(page)}")


def outline(page) -> dict:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")


def test_keyboard_only_search_and_filter_with_visible_focus(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till resultatet")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, box  # shown when focused
    tab_until(page, "#q")
    focus = outline(page)
    assert focus["style"] != "none" and focus["width"] >= 2, focus
    page.keyboard.type("sociala")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=sociala"))
    expect(page.locator("ol.hits li.hit").first).to_be_visible()
    total = page.locator("#antal").inner_text()

    tab_until(page, "#facet-region input[type=checkbox]")
    focus = outline(page)
    assert focus["style"] != "none" and focus["width"] >= 2, focus
    value = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    expect(page.locator("ul.chips a.chip")).to_have_count(1)
    assert query_args(page) == {"q": ["sociala"], "region": [value]}
    assert page.locator("#antal").inner_text() != total

    tab_until(page, "ol.hits li.hit h3 a")
    focus = outline(page)
    assert focus["style"] != "none" and focus["width"] >= 2, focus


def test_back_button_restores_the_previous_results(page):
    page.goto("/?q=kooperativ")
    first_url, first_ids = page.url, hit_ids(page)
    first_count = page.locator("#antal").inner_text()
    facet_box(page, "region", "Stockholm").check()
    expect(page).to_have_url(re.compile(r"region=Stockholm"))
    assert hit_ids(page) != first_ids
    page.go_back()
    expect(page).to_have_url(first_url)
    expect(page.locator("#antal")).to_have_text(first_count)
    assert hit_ids(page) == first_ids
    expect(page.locator("ul.chips")).to_have_count(0)
    # A checkbox restored as ticked would claim a filter that is not applied.
    expect(page.locator("#facetform input[type=checkbox]:checked")).to_have_count(0)
    page.go_forward()
    expect(page).to_have_url(re.compile(r"region=Stockholm"))
    expect(facet_box(page, "region", "Stockholm")).to_be_checked()


def test_sort_order_applies_on_change(page):
    page.goto("/?q=sociala")
    page.get_by_role("combobox", name="Sortera").select_option("budget")
    expect(page).to_have_url(re.compile(r"sort=budget"))
    expect(page.get_by_role("combobox", name="Sortera")).to_have_value("budget")


def test_works_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/?q=sociala")
    apply = page.get_by_role("button", name="Använd filter")
    expect(apply).to_be_visible()
    expect(page.get_by_role("button", name="Sortera")).to_be_visible()
    before = hit_ids(page)
    facet_box(page, "region", "Stockholm").check()
    facet_box(page, "region", "Västsverige").check()
    expect(page).to_have_url(re.compile(r"^[^?]*\?q=sociala$"))  # nothing happens yet
    apply.click()
    expect(page).to_have_url(re.compile(r"region=V%C3%A4stsverige"))
    assert query_args(page) == {"q": ["sociala"], "region": ["Stockholm", "Västsverige"]}
    expect(page.locator("ul.chips a.chip")).to_have_count(2)
    assert set(hit_ids(page)) < set(before)
    page.get_by_role("combobox", name="Sortera").select_option("newest")
    page.get_by_role("button", name="Sortera").click()
    expect(page).to_have_url(re.compile(r"sort=newest"))
    assert query_args(page)["region"] == ["Stockholm", "Västsverige"]


# -- issue 13: keyboard focus, skip link, sort with arrows, print -------------------

def test_focus_returns_to_the_ticked_facet_after_the_reload(page):
    """Issue 13, defect 5: after ticking a facet with the keyboard the reloaded page
    put focus at the top."""
    page.goto("/?q=sociala")
    box = facet_box(page, "region", "Stockholm")
    box.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"region=Stockholm"))
    expect(facet_box(page, "region", "Stockholm")).to_be_focused()
    page.keyboard.press("Space")  # and unticking it again
    expect(page).not_to_have_url(re.compile(r"region="))
    expect(facet_box(page, "region", "Stockholm")).to_be_focused()


def test_the_skip_link_leads_to_the_results(page):
    page.goto("/?q=sociala")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=re.compile("Hoppa till"))).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is inside the results, not the search box at the top.
    assert page.evaluate("document.activeElement.closest('section.results') !== null"), \
        focused(page)


def test_choosing_a_sort_order_with_the_arrow_keys_waits_for_enter(page):
    page.goto("/?q=sociala")
    url = page.url
    select = page.get_by_role("combobox", name="Sortera")
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert page.url == url
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=budget"))
    expect(page.get_by_role("combobox", name="Sortera")).to_have_value("budget")


def test_a_printed_result_list_has_no_search_box_filters_or_sort(page):
    """Issue 13, defect 14."""
    page.goto("/?q=sociala")
    page.emulate_media(media="print")
    try:
        for selector in ("search.searchbar", "aside.facets", "form.sortform",
                         "p.export"):
            expect(page.locator(selector)).to_be_hidden()
        expect(page.locator("ol.hits li.hit").first).to_be_visible()
    finally:
        page.emulate_media(media="screen")
