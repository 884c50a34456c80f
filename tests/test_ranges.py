"""Range filters: "active during" periods, amounts without 0 kr, presets with counts."""

from __future__ import annotations

from datetime import date

import pytest

from search.facets import ids_from_mask, mask_from_ids
from search.params import SearchParams
from search.ranges import RangeIndex, describe


def day(year: int, month: int = 1) -> int:
    return date(year, month, 1).toordinal()


# doc 0: 2007–2010 · doc 1: 2009–2012 · doc 2: 2014 only (no end) · doc 3: no period
RANGES = RangeIndex(
    start_days=[day(2007), day(2009), day(2014), 0],
    end_days=[day(2010), day(2012), 0, 0],
    amounts={"budget": [400_000, 0, 2_500_000, -1], "esf_support": [100, 200, 300, -1]},
)


def docs(mask: int) -> list[int]:
    return ids_from_mask(mask)


def test_a_project_counts_for_every_year_it_was_active():
    assert docs(RANGES.mask("period", (2008, 2009))) == [0, 1]
    assert docs(RANGES.mask("period", (2011, 2011))) == [1]
    assert docs(RANGES.mask("period", (2013, 2013))) == []


def test_a_project_without_an_end_is_active_in_its_start_year_only():
    assert docs(RANGES.mask("period", (2014, None))) == [2]
    assert docs(RANGES.mask("period", (2015, None))) == []


def test_open_ends_and_documents_without_a_period():
    assert docs(RANGES.mask("period", (None, 2007))) == [0]
    assert 3 not in docs(RANGES.mask("period", (None, None)))


def test_zero_kronor_never_matches_an_amount_range():
    assert docs(RANGES.mask("budget", (None, 499_999))) == [0]
    assert docs(RANGES.mask("budget", (0, None))) == [0, 2]
    assert docs(RANGES.mask("budget", (2_000_000, 9_999_999))) == [2]


def test_presets_count_within_the_other_filters_hits():
    counts = {p.label: p.count for p in RANGES.presets("period", mask_from_ids([0, 1, 2]),
                                                        None)}
    assert counts == {"2000–2006": 0, "2007–2013": 2, "2014–2020": 1, "2021–2027": 0}
    buckets = RANGES.presets("budget", mask_from_ids([0, 1, 2, 3]), (None, 499_999))
    assert [(p.label, p.count, p.selected) for p in buckets] == [
        ("under 0,5 mnkr", 1, True), ("0,5–2 mnkr", 0, False), ("2–10 mnkr", 1, False),
        ("över 10 mnkr", 0, False)]


def test_ranges_are_read_and_bounded_in_the_params():
    params = SearchParams.from_args(_Args({"period_from": "2014", "period_to": "2009",
                                           "budget_min": "0,5 mnkr", "esf_max": "massor"}))
    assert params.ranges == {"period": (2009, 2014), "budget": (500_000, None)}
    assert any("omkastade" in n for n in params.notes)
    assert any("”massor” är inget belopp" in n for n in params.notes)
    assert params.url() == "/?period_from=2009&period_to=2014&budget_min=500000"
    assert params.url(period=None) == "/?budget_min=500000"


class _Args(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


@pytest.mark.parametrize("name, bounds, text", [
    ("period", (2014, 2020), "2014–2020"), ("period", (None, 2006), "till 2006"),
    ("budget", (500_000, 1_999_999), "0,5–2 mnkr"),
    ("esf_support", (None, 250_000), "högst 250\u00a0000 kr"),
])
def test_ranges_in_words(name, bounds, text):
    assert describe(name, bounds) == text


def test_the_stated_amounts_of_the_hits_come_sorted_without_0_kr():
    assert RANGES.amounts_of("budget", mask_from_ids([0, 1, 2, 3])) == [400_000, 2_500_000]
    assert RANGES.amounts_of("esf_support", mask_from_ids([2, 0])) == [100, 300]
    assert RANGES.amounts_of("budget", 0) == []
    single = RangeIndex([day(2010)], [0], {"budget": [5]})
    assert single.amounts_of("budget", 1) == [5]


def test_a_build_without_the_range_columns_is_read_from_its_stored_documents():
    """Builds made before end_day/esf_support existed still get ranges (and the picture)."""
    from types import SimpleNamespace

    from indexer.schema import pack_document
    from search.ranges import _columns

    class Reader:
        def doc_count_all(self):
            return 2

        def all_doc_ids(self):
            return iter([0, 1])

        def has_column(self, name):
            return False

    documents = [{"end": "2010-12-31", "esf_support": 5, "total_budget": 0},
                 {"end": None, "esf_support": None, "total_budget": 7}]
    blobs = [pack_document(SimpleNamespace(to_dict=lambda d=d: d)) for d in documents]
    searcher = SimpleNamespace(schema={}, reader=Reader,
                               stored_fields=lambda n: {"doc": blobs[n]})
    version = SimpleNamespace(searcher=lambda: searcher, ordering=SimpleNamespace(
        start_day=[day(2009), 0], budget=[0, 7]))
    start, end, amounts = _columns(version)
    assert end == [date(2010, 12, 31).toordinal(), 0]
    assert amounts == {"budget": [-1, 7], "esf_support": [5, -1]}
