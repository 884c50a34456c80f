"""A zero-hit page is no dead end: what matched nothing, and what would give hits."""

from __future__ import annotations

import pytest

from search.engine import Engine
from search.params import SearchParams
from search.recovery import any_of, or_operators
from tests.conftest import FYRBODAL, JONKOPING, SOLNA


@pytest.fixture(scope="module")
def engine(seed_index):
    with Engine(seed_index) as engine:
        yield engine


def search(engine, q="", **filters):
    return engine.search(SearchParams.build(q=q, filters=filters))


def test_a_word_that_matches_nothing_is_named(engine):
    result = search(engine, "handledare flamingo")
    assert result.total == 0
    assert result.recovery.missing_words == ("flamingo",)
    assert result.recovery.browse_url == "/"


def test_each_active_filter_is_offered_with_the_count_without_it(engine):
    result = search(engine, "handledare", region=["Stockholm"], phase=["Genomförande"])
    assert result.total == 0
    offered = {(r.label, r.count) for r in result.recovery.filters}
    assert offered == {("Region: Stockholm", 1), ("Projektfas: Genomförande", 1)}
    region = next(r for r in result.recovery.filters if r.label.startswith("Region"))
    assert region.url == "/?q=handledare&phase=Genomf%C3%B6rande"
    assert search(engine, "handledare", phase=["Genomförande"]).hits[0].id == FYRBODAL


def test_any_of_the_words_is_offered_with_its_count(engine):
    result = search(engine, "kalmar handledare")
    assert result.total == 0
    relaxed = result.recovery.any_word
    assert relaxed.query == "kalmar OR handledare"
    assert relaxed.count == search(engine, "kalmar OR handledare").total >= 3


def test_lower_case_or_is_the_operator_when_and_finds_nothing(engine):
    result = search(engine, "kalmar eller handledare")
    assert {h.id for h in result.hits} >= {SOLNA, FYRBODAL, JONKOPING}
    assert result.corrected_to == "kalmar OR handledare"
    assert any("ELLER" in m for m in result.messages)


def test_lower_case_eller_stays_a_word_when_and_finds_something(engine):
    assert search(engine, "kooperativ eller handledare").total == \
        search(engine, "kooperativ handledare").total
    assert search(engine, "kooperativ eller handledare").corrected_to is None


def test_a_search_with_hits_needs_no_recovery(engine):
    assert search(engine, "kooperativ").recovery is None


@pytest.mark.parametrize("text, expected", [
    ("kalmar or handledare", "kalmar OR handledare"),
    ("kalmar eller handledare eller solna", "kalmar OR handledare OR solna"),
    ("eller kalmar", None),
    ("kalmar OR handledare", None),
    ('"sociala eller" kalmar', None),
])
def test_or_operators(text, expected):
    assert or_operators(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("kalmar handledare", "kalmar OR handledare"),
    ('"sociala företag" flamingo -solna', '("sociala företag" OR flamingo) -solna'),
    ("kalmar", None),
    ("kalmar OR handledare", None),
    ("syfte:hälsa kalmar", "syfte:hälsa OR kalmar"),
])
def test_any_of(text, expected):
    assert any_of(text) == expected
