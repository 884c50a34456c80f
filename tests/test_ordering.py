"""Result order: relevance, newest period, largest budget; ties by document number."""

from __future__ import annotations

from search.facets import mask_from_ids
from search.ordering import SPARSE, Ordering

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


def test_a_dense_hit_set_scans_the_kept_order_and_agrees_with_a_heap():
    import random

    rng = random.Random(5)
    days = [rng.randrange(0, 50) for _ in range(500)]   # many ties: order by docnum
    budgets = [rng.randrange(-1, 5) for _ in range(500)]
    ordering = Ordering(days, budgets)
    for share in (1.0, 0.5, 1 / SPARSE / 2):
        hits = mask_from_ids(d for d in range(500) if rng.random() < share)
        for sort, column in (("newest", days), ("budget", ordering.budget)):
            expected = sorted((d for d in range(500) if hits >> d & 1),
                              key=lambda d, c=column: (-c[d], d))[:25]
            assert ordering.first(sort, None, hits, True, 25) == expected
