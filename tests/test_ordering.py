"""Result order: relevance, newest period, largest budget; ties by document number."""

from __future__ import annotations

from search.facets import mask_from_ids
from search.ordering import Ordering

ALL = mask_from_ids(range(4))


def test_largest_budget_first_and_ties_by_document_number():
    ordering = Ordering(start_day=[0, 0, 0, 0], budget=[10, 30, 30, 20])
    assert ordering.first("budget", None, ALL, False, 4) == [1, 2, 3, 0]


def test_zero_kronor_sorts_as_not_stated():
    """Issue 13, defect 6: 0 kr means "not stated", not a budget of nothing."""
    ordering = Ordering(start_day=[0, 0, 0, 0], budget=[-1, 0, 500, -1])
    assert ordering.first("budget", None, ALL, False, 4) == [2, 0, 1, 3]


def test_newest_period_first():
    ordering = Ordering(start_day=[5, 9, 0, 7], budget=[0, 0, 0, 0])
    assert ordering.first("newest", None, ALL, False, 2) == [1, 3]


def test_relevance_keeps_only_filtered_hits():
    ordering = Ordering(start_day=[0] * 4, budget=[0] * 4)
    scores = {0: 1.0, 1: 3.0, 2: 2.0}
    assert ordering.first("relevance", scores, mask_from_ids([0, 2]), True, 3) == [2, 0]
