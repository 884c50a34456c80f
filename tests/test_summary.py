"""The search in one Swedish sentence, for the heading and <title>."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from search.facets import FacetValue
from search.params import SearchParams
from search.summary import shorten, summarise_search

PROJECTS = {"kind": (FacetValue("esf_project", "ESF-projekt", 37, False),)}
MIXED = {"kind": (FacetValue("esf_project", "ESF-projekt", 3, False),
                  FacetValue("report", "Rapport", 1, False))}


def summary(total=37, facets=PROJECTS, corrected_to=None, **params) -> str:
    return summarise_search(SimpleNamespace(params=SearchParams.build(**params), total=total,
                                            facets=facets, corrected_to=corrected_to))


def test_the_issues_example():
    assert summary(q="kooperativ", filters={"region": ["Västsverige", "Stockholm"],
                                            "phase": ["Genomförande"]}) == (
        "37 projekt som matchar ”kooperativ” i Västsverige eller Stockholm, fas Genomförande, "
        "sorterade efter relevans")


@pytest.mark.parametrize("kwargs, expected", [
    ({}, "Alla 37 projekt, nyaste först"),
    ({"total": 4, "facets": MIXED}, "Alla 4 dokument, nyaste först"),
    ({"total": 0, "q": "flamingo"}, "Inga dokument som matchar ”flamingo”"),
    ({"total": 1, "q": "solna", "sort": "budget"}, "1 projekt som matchar ”solna”"),
    ({"q": "x", "sort": "budget"}, "37 projekt som matchar ”x”, största budget först"),
    ({"filters": {"region": ["__saknas__"]}}, "37 projekt utan angiven region, nyaste först"),
    ({"ranges": {"period": (2014, 2020), "budget": (None, 499_999)}},
     "37 projekt, aktiva 2014–2020, med total budget under 0,5 mnkr, nyaste först"),
    ({"q": "kooprativ", "corrected_to": "kooperativ"},
     "37 projekt som matchar ”kooperativ”, sorterade efter relevans"),
])
def test_summaries(kwargs, expected):
    assert summary(**kwargs) == expected


def test_a_long_query_is_shortened_in_the_sentence():
    text = summary(q="handledare " * 40)
    assert len(text) < 120 and "…”" in text


def test_shorten_cuts_at_a_word():
    assert shorten("a" * 10 + " " + "b" * 80, 20) == "a" * 10 + "…"
