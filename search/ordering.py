"""The order of a result: relevance (top-k by score), newest period, largest budget.

Sort keys come from the index's sortable columns, read once per index version;
ties are broken by document number so paging is stable.
"""

from __future__ import annotations

import heapq

from search.facets import ids_from_mask
from search.scoring import Scores, rank

# Below one hit in this many documents a heap over the hits beats scanning the order.
SPARSE = 32


class Ordering:
    """Sort columns of one index version."""

    def __init__(self, start_day: list[int], budget: list[int]):
        self.start_day = start_day
        # 0 kr is how projektbanken prints "not stated": it sorts with the missing ones.
        self.budget = [amount if amount > 0 else -1 for amount in budget]
        self._orders: dict[str, list[int]] = {}

    def _order(self, name: str, column: list[int]) -> list[int]:
        """Every document number in ``column`` order, made on first use (10 ms at 10k)
        and kept: a page of a large hit set is then the first matches of one scan.
        Written once per key; two threads racing compute the same list."""
        order = self._orders.get(name)
        if order is None:
            order = sorted(range(len(column)), key=lambda d: (-column[d], d))
            self._orders[name] = order
        return order

    def first(self, sort: str, scores: Scores | None, hits: int, filtered: bool,
              limit: int) -> list[int]:
        """The first ``limit`` document numbers of the hit bitset in ``sort`` order."""
        if sort == "newest" or (scores is None and sort == "relevance"):
            name, column = "newest", self.start_day
        elif sort == "budget":
            name, column = "budget", self.budget
        else:
            allowed = set(ids_from_mask(hits)) if filtered else None
            return [docnum for _, docnum in rank(scores, allowed, limit)]
        count = hits.bit_count()
        if count * SPARSE <= len(column):  # few hits: sort just them
            return heapq.nsmallest(limit, ids_from_mask(hits), key=lambda d: (-column[d], d))
        bits = hits.to_bytes((len(column) + 7) // 8, "little")
        out: list[int] = []
        for docnum in self._order(name, column):
            if bits[docnum >> 3] >> (docnum & 7) & 1:
                out.append(docnum)
                if len(out) >= limit:
                    break
        return out
