"""The picture of the hits: counts per chart over the current hits, ESF sum and median."""

from __future__ import annotations

from search.aggregates import summarise
from search.facets import mask_from_ids
from tests.test_facets import FakeFacets

FACETS = FakeFacets({
    "year": {"2008": [0, 1], "2011": [2], "__saknas__": [3]},
    "region": {"Stockholm": [0, 2], "Västsverige": [1], "__saknas__": [3]},
    "program": {"1 Kompetensförsörjning": [0]},
}, docs=4)
SUPPORT = [1_000_000, 3_000_000]  # the hits' stated amounts, smallest first


def test_counts_are_over_the_current_hits_with_missing_values_apart():
    picture = summarise(mask_from_ids([0, 1, 3]), FACETS, [1_000_000])
    assert [(b.value, b.count) for b in picture.bars["region"]] == [("Stockholm", 1),
                                                                     ("Västsverige", 1)]
    assert picture.missing["region"] == 1


def test_years_are_a_time_axis_with_the_empty_years_between():
    picture = summarise(FACETS.all_docs, FACETS, SUPPORT)
    assert [(b.value, b.count) for b in picture.bars["year"]] == [
        ("2008", 2), ("2009", 0), ("2010", 0), ("2011", 1)]


def test_esf_sum_and_median():
    picture = summarise(FACETS.all_docs, FACETS, SUPPORT)
    assert (picture.esf_sum, picture.esf_median, picture.esf_count) == (4_000_000, 2_000_000,
                                                                        2)
    empty = summarise(mask_from_ids([1, 3]), FACETS, [])
    assert (empty.esf_sum, empty.esf_median, empty.esf_count) == (0, None, 0)


def test_the_json_shape_has_a_filter_link_per_bar():
    picture = summarise(FACETS.all_docs, FACETS, SUPPORT)
    data = picture.to_dict(lambda chart, value: f"/?{chart}={value}")
    assert data["charts"]["year"]["bars"][0] == {"value": "2008", "label": "2008", "count": 2,
                                                 "url": "/?year=2008"}
    assert data["esf_support"] == {"sum": 4_000_000, "median": 2_000_000, "count": 2}
