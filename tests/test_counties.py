"""Municipalities by county: the kommun facet groups and the "hela länet" badge."""

from __future__ import annotations

from indexer.kommuner import counties
from search.counties import OTHER, county_of, group_by_county, whole_counties


def item(value, count=1, selected=False):
    return {"value": value, "count": count, "selected": selected}


def test_groups_are_counties_in_order_with_unknown_names_last():
    groups = group_by_county([item("Atlantis"), item("Solna", 3), item("Borås"),
                              item("Sundbyberg", 5, True)])
    assert [g["county"] for g in groups] == ["Stockholms län", "Västra Götalands län", OTHER]
    assert [i["value"] for i in groups[0]["items"]] == ["Sundbyberg", "Solna"]
    assert groups[0]["selected"] and not groups[1]["selected"]


def test_every_municipality_has_a_county():
    assert sum(len(names) for names in counties().values()) == 290
    assert county_of("Upplands-Väsby") == "Stockholms län"


def test_a_whole_county_is_recognised_however_names_are_spelt():
    stockholm = [name.replace(" ", "-") for name in counties()["Stockholms län"]]
    assert whole_counties(stockholm) == ["Stockholms län"]
    assert whole_counties(stockholm[1:]) == []
