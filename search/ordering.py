"""The order of a result: relevance (top-k by score), newest period, largest budget.

Sort keys come from the index's sortable columns, read once per index version;
ties are broken by document number so paging is stable.
"""

from __future__ import annotations

import heapq

from search.facets import ids_from_mask
from search.scoring import Scores, rank


class Ordering:
    """Sort columns of one index version."""

    def __init__(self, start_day: list[int], budget: list[int]):
        self.start_day = start_day
        # 0 kr is how projektbanken prints "not stated": it sorts with the missing ones.
        self.budget = [amount if amount > 0 else -1 for amount in budget]

    def first(self, sort: str, scores: Scores | None, hits: int, filtered: bool,
              limit: int) -> list[int]:
        """The first ``limit`` document numbers of the hit bitset in ``sort`` order."""
        if sort == "newest" or (scores is None and sort == "relevance"):
            column = self.start_day
        elif sort == "budget":
            column = self.budget
        else:
            allowed = set(ids_from_mask(hits)) if filtered else None
            return [docnum for _, docnum in rank(scores, allowed, limit)]
        return heapq.nsmallest(limit, ids_from_mask(hits), key=lambda d: (-column[d], d))
