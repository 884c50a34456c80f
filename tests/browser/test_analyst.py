"""Issue 13 in a real browser: ranges, the chart's click-to-filter, the kommun
typeahead, "Liknande projekt", zero-hit recovery and "Kopiera länk"."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import FYRBODAL, JONKOPING, SOLNA, hit_ids, shoot
from tests.browser.test_screenshots import MOBILE, overflowing


def query_args(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def chips(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("ul.chips a.chip").all_inner_texts()]


def test_a_period_typed_into_the_boxes_is_applied_with_enter(page):
    page.goto("/")
    period = page.locator("#range-period")
    period.get_by_role("spinbutton", name="Projektperiod från år").fill("2010")
    period.get_by_role("spinbutton", name="Projektperiod till år").fill("2010")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"period_from=2010&period_to=2010"))
    # Empty range boxes stay out of the address.
    assert not {"budget_min", "budget_max", "esf_min", "esf_max"} & set(query_args(page))
    assert JONKOPING in hit_ids(page)  # 2009-04 – 2010-12: active in 2010
    assert SOLNA not in hit_ids(page)
    assert chips(page) == ["Projektperiod: 2010 ×"]
    expect(page.get_by_role("heading", level=1)).to_contain_text("aktiva 2010")


def test_a_programme_period_preset_is_a_link_the_keyboard_reaches(page):
    page.goto("/")
    preset = page.locator("#range-period").get_by_role("link", name=re.compile(r"^2007–2013 \d"))
    preset.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"period_from=2007&period_to=2013"))
    expect(page.locator("#range-period a.preset.selected")).to_have_text(
        re.compile(r"2007–2013"))
    assert set(hit_ids(page)) >= {SOLNA, FYRBODAL, JONKOPING}
    page.get_by_role("link", name="Ta bort filter Projektperiod: 2007–2013").click()
    expect(page.locator("ul.chips")).to_have_count(0)


def test_an_amount_bucket_filters_and_shows_as_a_chip(page):
    page.goto("/")
    page.locator("#range-budget").get_by_role("link", name=re.compile(r"^2–10 mnkr \d")).click()
    expect(page).to_have_url(re.compile(r"budget_min=2000000&budget_max=9999999"))
    assert hit_ids(page) == [JONKOPING]
    assert chips(page) == ["Total projektbudget: 2–10 mnkr ×"]


def test_clicking_a_bar_applies_that_filter(page):
    page.goto("/?q=kooperativ")
    expect(page.locator("#chart-region svg")).to_be_visible()
    page.locator('#chart-region a.bar-link[data-value="Västsverige"] rect.bar').click()
    expect(page).to_have_url(re.compile(r"region=V%C3%A4stsverige"))
    assert hit_ids(page) == [FYRBODAL]
    assert chips(page) == ["Region: Västsverige ×"]
    # The same filter through the chart's table, by keyboard.
    page.goto("/?q=kooperativ")
    table = page.locator("#chart-year details.chart-table")
    table.locator("summary").focus()
    page.keyboard.press("Enter")
    link = table.get_by_role("link", name="2009")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"year=2009"))
    assert hit_ids(page) == [JONKOPING]


def test_the_kommun_list_filters_as_you_type(page):
    page.goto("/")
    box = page.get_by_role("textbox", name="Sök kommun")
    expect(box).to_be_visible()
    kommun = page.locator("#facet-kommun")
    box.fill("upplands vasby")  # no å/ä, a space for the hyphen, any case
    visible = kommun.locator("li:visible .label")
    expect(visible).to_have_text(["Upplands Väsby"])
    box.fill("SOLNA")
    expect(visible).to_have_text(["Solna"])
    box.fill("stockholms")  # a county's name shows its municipalities
    assert visible.count() >= 20
    box.fill("atlantis")
    expect(kommun.locator(".facet-nomatch")).to_be_visible()
    box.fill("")
    expect(kommun.locator("details.county[open]")).to_have_count(0)
    box.fill("sigtuna")
    page.keyboard.press("Tab")  # the county's summary, then its one matching kommun
    expect(kommun.locator("details.county[open] > summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(kommun.locator("input[value=Sigtuna]")).to_be_focused()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"kommun=Sigtuna"))
    expect(page.locator("#facet-kommun input[value=Sigtuna]")).to_be_focused()


def test_similar_projects_with_variants_and_why(page):
    page.goto(f"/doc/{FYRBODAL}")
    similar = page.get_by_role("region", name="Liknande projekt")
    expect(similar).to_be_visible()
    expect(similar.get_by_role("link", name="Liknande innehåll")).to_have_attribute(
        "aria-current", "true")
    items = similar.locator("ol.similar-list > li")
    assert 1 <= items.count() <= 5
    expect(items.first.locator("p.why")).to_contain_text("Delar orden:")
    similar.get_by_role("link", name="Samma region").click()
    expect(page).to_have_url(re.compile(r"liknande=region#liknande$"))
    expect(page.get_by_role("region", name="Liknande projekt").get_by_role(
        "link", name="Samma region")).to_have_attribute("aria-current", "true")
    page.goto(f"/doc/{FYRBODAL}")
    first = page.locator("ol.similar-list > li a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_zero_hits_offers_each_way_out_and_they_work(page):
    page.goto("/?q=handledare&region=Stockholm&phase=Genomf%C3%B6rande")
    recovery = page.get_by_role("region", name="Så kan du hitta något")
    expect(recovery).to_be_visible()
    recovery.get_by_role("link", name="Ta bort Region: Stockholm → 1 träff").click()
    assert hit_ids(page) == [FYRBODAL]
    page.goto("/?q=kalmar+flamingo")
    recovery = page.get_by_role("region", name="Så kan du hitta något")
    expect(recovery).to_contain_text("Ordet ”flamingo” finns inte i något dokument.")
    recovery.get_by_role("link", name=re.compile(r"^kalmar OR flamingo → \d+ träff")).click()
    assert JONKOPING in hit_ids(page)


def test_copy_link_puts_the_address_on_the_clipboard(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto("/?q=kooperativ&region=Stockholm")
    page.get_by_role("button", name="Kopiera länk").click()
    expect(page.locator(".copy-status")).to_have_text("Länken är kopierad.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/?q=kooperativ&region=Stockholm") and copied.startswith("http")


def test_screenshots_of_the_analysts_pages(new_page):
    desktop = new_page()
    desktop.goto("/?q=kooperativ&period_from=2007&period_to=2013")
    expect(desktop.locator("#chart-year svg")).to_be_visible()
    assert overflowing(desktop) == []
    shoot(desktop, "search-desktop")
    desktop.goto("/?q=handledare&region=Stockholm&phase=Genomf%C3%B6rande")
    assert overflowing(desktop) == []
    shoot(desktop, "zero-hits")
    desktop.goto("/hjalp")
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Så söker du")
    assert overflowing(desktop) == []
    shoot(desktop, "help")
    desktop.goto(f"/doc/{SOLNA}?q=handledare")
    expect(desktop.locator(".badge")).to_have_text("Hela Stockholms län")
    assert overflowing(desktop) == []
    shoot(desktop, "document-desktop")

    mobile = new_page(**MOBILE)
    mobile.goto("/?q=kooperativ")
    mobile.locator("details.overview > summary").tap()
    expect(mobile.locator("#chart-region svg")).to_be_visible()
    assert overflowing(mobile) == [], "\n".join(overflowing(mobile))
    shoot(mobile, "search-mobile")
    mobile.goto(f"/doc/{SOLNA}")
    assert overflowing(mobile) == [], "\n".join(overflowing(mobile))
    shoot(mobile, "document-mobile")
