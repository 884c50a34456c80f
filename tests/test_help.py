"""The help page is made from the contract: every field, heading, synonym and filter."""

from __future__ import annotations

import html
import re

import pytest

from indexer.document import ESF_HEADINGS
from indexer.schema import FACETS, QUERY_FIELD_ALIASES
from search.help import EXAMPLES, FILTER_HELP, searchable_fields, synonym_list
from search.ranges import RANGES


def test_every_facet_and_range_filter_is_explained():
    assert set(FACETS) | set(RANGES) <= set(FILTER_HELP)


def test_every_field_name_and_heading_is_listed_once():
    fields = searchable_fields()
    names = [f.name for f in fields] + [a for f in fields for a in f.aliases]
    assert sorted(names) == sorted(QUERY_FIELD_ALIASES)
    headings = {h for f in fields for h in f.headings}
    assert set(ESF_HEADINGS) <= headings
    assert all(f.headings for f in fields)  # every field says what it searches


@pytest.fixture()
def page(client) -> str:
    response = client.get("/hjalp")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_the_page_shows_fields_synonyms_and_filters(page):
    for field in searchable_fields():
        assert f"<code>{field.name}:</code>" in page
    for group in synonym_list():
        assert group[0] in page.lower()
    for _, title in FACETS.values():
        assert f"<dt>{title}</dt>" in page


@pytest.mark.parametrize("query", [q for q, _ in EXAMPLES])
def test_every_example_links_to_a_live_search_with_hits(client, page, query):
    assert re.search(r'href="/\?q=[^"]+"><code>' + re.escape(query) + "</code>", page)
    data = client.get("/api/search", query_string={"q": query}).get_json()
    assert data["total"] > 0, query
