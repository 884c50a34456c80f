"""Years and year ranges as typed in the search box (search.years)."""

from __future__ import annotations

import pytest

from search.years import MAX_RANGE, capped, explanation, join_ranges, year_span


@pytest.mark.parametrize("typed", ["2014–2020", "2014—2020", "2014..2020", "2014 - 2020",
                                   "2014 .. 2020", "2014-2020"])
def test_every_way_of_writing_a_range_becomes_one_word(typed):
    assert join_ranges(f"kooperativ {typed} Solna") == "kooperativ 2014-2020 Solna"


@pytest.mark.parametrize("typed", ["2014-03-01", "2001:453", "2008-3030059", "0520-167 60",
                                   "1700-1800", "12014-2020"])
def test_dates_numbers_and_other_centuries_are_left_alone(typed):
    assert join_ranges(typed) == typed
    assert year_span(typed.split()[0]) is None


def test_a_span_is_ordered_and_capped():
    assert year_span("2020-2014") == (2014, 2020)
    assert capped((1950, 2099)) == ((1950, 1950 + MAX_RANGE - 1), True)
    assert capped((2014, 2020)) == ((2014, 2020), False)


def test_the_explanation_names_the_years():
    assert explanation((2015, 2015)) == "2015 – även projekt som pågick 2015"
    assert "2014–2020" in explanation((2014, 2020))
