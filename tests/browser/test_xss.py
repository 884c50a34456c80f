"""Script payloads in the query, in facet parameters and in a corpus document must
show up as text and never run.

The app also sends a strict Content-Security-Policy, which would hide an escaping
bug from these tests; the hostile pages are therefore loaded with CSP bypassed, so
that escaping alone has to keep ``window.__xss`` unset and every dialog closed.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from search.summary import shorten
from tests.browser.conftest import (
    RUN,
    XSS_DOC,
    XSS_DOCX_DOC,
    XSS_HEADING,
    XSS_HTML_DOC,
    XSS_OWNER,
    XSS_TITLE,
    hit_ids,
)

SCRIPT = f"<script>{RUN}</script>"
IMG = f'<img src=x onerror="{RUN}">'
ATTR = f'" autofocus onfocus="{RUN}" x="'
SVG = f"'><svg onload={RUN}>"


def q(value: str) -> str:
    return quote(value, safe="")


@pytest.fixture()
def hostile(new_page):
    """A page with the CSP switched off; it must stay clean anyway."""
    return new_page(bypass_csp=True)


def assert_inert(page) -> None:
    state = page.evaluate("""() => ({
        xss: typeof window.__xss,
        scripts: [...document.scripts].map(s => s.getAttribute('src')),
        injected: document.querySelectorAll(
            'img, svg:not(.chart-svg), iframe, object, embed, [onerror], [onload], '
            + '[onfocus], [autofocus]'
        ).length,
    })""")
    assert state == {"xss": "undefined", "scripts": ["/static/app.js"], "injected": 0}
    assert page.watch.dialogs == []


PAYLOAD_PAGES = {
    "q-script": (f"/?q={q(SCRIPT)}", "#antal", SCRIPT),
    "q-img": (f"/?q={q(IMG)}", "#antal", IMG),
    "q-attribute": (f"/?q={q(ATTR)}", "#antal", ATTR.strip()),
    "region-img": (f"/?region={q(IMG)}", "ul.chips", IMG),
    "region-svg-and-owner": (f"/?q=sociala&region={q(SVG)}&owner={q(SCRIPT)}",
                             "#facet-owner", SCRIPT),
    "kommun-in-facet-form": (f"/?kommun={q(ATTR)}", "#facet-kommun", ATTR.strip()),
    "bad-page-params": (f"/?q=a&page={q(IMG)}&per_page={q(SCRIPT)}&sort={q(SVG)}",
                        "p.notice", "Ogiltigt sidnummer"),
    "document-title-and-text": (f"/doc/{XSS_DOC}", "h1", XSS_TITLE),
    "document-back-link": (f"/doc/{XSS_DOC}?q={q(IMG)}&region={q(SCRIPT)}", "h1", XSS_TITLE),
    "hostile-document-as-hit": ("/?q=skyddstest", "ol.hits h3", XSS_TITLE),
    "html-document-title": (f"/doc/{q(XSS_HTML_DOC)}", "h1", XSS_TITLE),
    "html-document-heading": (f"/doc/{q(XSS_HTML_DOC)}", "section.doc-section h2",
                              XSS_HEADING),
    "html-document-body": (f"/doc/{q(XSS_HTML_DOC)}", "section.doc-section", SCRIPT),
    "html-document-as-hit": ("/?q=skyddshtml", "ol.hits", XSS_TITLE),
    "docx-document-title": (f"/doc/{q(XSS_DOCX_DOC)}", "h1", XSS_TITLE),
    "docx-document-heading": (f"/doc/{q(XSS_DOCX_DOC)}", "section.doc-section h2",
                              "om skyddsdocx"),
    "docx-document-body": (f"/doc/{q(XSS_DOCX_DOC)}", "section.doc-section", SCRIPT),
    "docx-document-as-hit": ("/?q=skyddsdocx", "ol.hits", XSS_TITLE),
}


@pytest.mark.parametrize("url,where,literal", PAYLOAD_PAGES.values(), ids=PAYLOAD_PAGES)
def test_payload_is_shown_as_text_and_never_runs(hostile, url, where, literal):
    hostile.goto(url)
    expect(hostile.locator(where).first).to_contain_text(literal)
    assert_inert(hostile)
    # Focus moves through the page; an injected onfocus would fire now.
    for _ in range(4):
        hostile.keyboard.press("Tab")
    assert_inert(hostile)


def test_hostile_document_metadata_and_facets_are_text(hostile):
    hostile.goto("/?q=skyddstest")
    assert hit_ids(hostile) == [XSS_DOC]
    expect(hostile.locator("ol.hits dl.meta")).to_contain_text(XSS_OWNER)
    owner = hostile.locator("#facet-owner").get_by_role("checkbox", name=XSS_OWNER + " 1")
    expect(owner).to_have_attribute("value", XSS_OWNER)
    owner.check()  # navigates to the toggle URL, which must carry the value intact
    expect(hostile.locator("ul.chips a.chip")).to_contain_text(XSS_OWNER)
    assert hit_ids(hostile) == [XSS_DOC]
    assert_inert(hostile)
    hostile.locator("ol.hits h3 a").click()
    expect(hostile.locator("table.metadata")).to_contain_text(XSS_OWNER)
    expect(hostile.locator("section.doc-section").nth(1)).to_contain_text(
        f"Oavslutad tagg: <img src=x onerror={RUN}// slut")
    assert_inert(hostile)


def test_payload_typed_into_the_search_box(hostile):
    hostile.goto("/")
    box = hostile.get_by_role("searchbox")
    box.fill(SCRIPT + IMG)
    box.press("Enter")
    # Echoed shortened (issue 13): a long query must not push the results down.
    expect(hostile.locator("#antal strong")).to_have_text(shorten(SCRIPT + IMG))
    expect(hostile).to_have_title(re.compile(
        "som matchar ”" + re.escape(shorten(SCRIPT + IMG)) + "”.* – ESF-sök$"))
    expect(box).to_have_value(SCRIPT + IMG)
    assert_inert(hostile)


def test_pages_carry_a_strict_content_security_policy(page):
    response = page.goto(f"/?q={q(SCRIPT)}")
    assert response is not None
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert page.evaluate("typeof window.__xss") == "undefined"
