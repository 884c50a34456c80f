"""Every user-controlled size is bounded in SearchParams, with a Swedish note."""

from __future__ import annotations

from search.params import MAX_FILTER_VALUES, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, SearchParams


def test_values_are_cleaned_and_bounded_with_notes():
    params = SearchParams.build(q="x" * 900, page="9999", per_page="1000",
                                filters={"region": [f"r{i}" for i in range(50)]})
    assert len(params.q) == MAX_QUERY_CHARS and params.page == MAX_PAGE
    assert params.per_page == MAX_PER_PAGE
    assert len(params.filters["region"]) == MAX_FILTER_VALUES
    assert len(params.notes) == 4


def test_bad_numbers_fall_back_to_defaults():
    params = SearchParams.build(page="abc", per_page="-3")
    assert (params.page, params.per_page) == (1, 20) and len(params.notes) == 2


def test_unknown_filters_and_sorts_are_ignored():
    params = SearchParams.build(filters={"nope": ["x"]}, sort="random")
    assert params.filters == {} and params.sort == "relevance"


def test_urls_round_trip_the_state():
    params = SearchParams.build(q="sociala företag", filters={"region": ["Stockholm"]},
                                sort="newest", page=3)
    assert params.url() == "/?q=sociala+f%C3%B6retag&region=Stockholm&sort=newest&page=3"
    assert params.url(page=1, region=[]) == "/?q=sociala+f%C3%B6retag&sort=newest"
    assert params.url(path="/export.csv", q="") == "/export.csv?region=Stockholm&sort=newest&page=3"
