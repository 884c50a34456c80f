"""A picture of the result set: hits per start year, region and programme area, and
the sum and median of the granted ESF support of the hits.

The questions an analyst takes to Excel — how many, where, when, how much money —
answered for the *current* hits (the query and every filter), unlike facet counts,
which leave a facet's own selection out. Counts come from the facet bitsets (one
``&`` and ``bit_count`` per value); the amounts from the sorted per-document column of
:mod:`search.ranges`.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.schema import MISSING_VALUE
from search.facets import FacetIndex, label

# The charts of the search page: facet name → Swedish title.
CHARTS = {"year": "Träffar per startår", "region": "Träffar per region",
          "program": "Träffar per programområde"}


@dataclass(frozen=True)
class Bar:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Aggregates:
    bars: dict[str, tuple[Bar, ...]]   # chart (facet name) → bars, in display order
    missing: dict[str, int]            # chart → hits without a value ("Uppgift saknas")
    esf_sum: int                       # kronor, over the hits with a stated amount
    esf_median: int | None
    esf_count: int                     # hits with a stated amount

    def to_dict(self, urls) -> dict:
        """The JSON shape; ``urls(chart, value)`` is the link that filters on a bar."""
        return {
            "charts": {name: {"title": CHARTS[name], "missing": self.missing.get(name, 0),
                              "bars": [{"value": b.value, "label": b.label, "count": b.count,
                                        "url": urls(name, b.value)} for b in bars]}
                       for name, bars in self.bars.items()},
            "esf_support": {"sum": self.esf_sum, "median": self.esf_median,
                            "count": self.esf_count},
        }


def summarise(hits: int, facets: FacetIndex, esf_amounts: list[int]) -> Aggregates:
    """Counts per chart over the documents in ``hits``; ``esf_amounts`` are their stated
    ESF-support amounts, smallest first (``RangeIndex.amounts_of``), for sum and median."""
    bars: dict[str, tuple[Bar, ...]] = {}
    missing: dict[str, int] = {}
    for name in CHARTS:
        counted = []
        for value, mask in facets.values.get(name, {}).items():
            count = (mask & hits).bit_count()
            if value == MISSING_VALUE:
                missing[name] = count
            elif count:
                counted.append(Bar(value, label(name, value), count))
        bars[name] = _years(counted) if name == "year" else tuple(
            sorted(counted, key=lambda b: (-b.count, b.label.lower())))
    return Aggregates(bars, missing, sum(esf_amounts), _median(esf_amounts), len(esf_amounts))


def _years(bars: list[Bar]) -> tuple[Bar, ...]:
    """Years in order with the empty years between them, so the axis is time."""
    known = {int(b.value): b for b in bars if b.value.isdigit()}
    if not known:
        return ()
    return tuple(known.get(year, Bar(str(year), str(year), 0))
                 for year in range(min(known), max(known) + 1))


def _median(values: list[int]) -> int | None:
    """The median of sorted values, rounded to whole kronor.

    >>> _median([1, 2, 10]), _median([1, 2, 3, 10]), _median([])
    (2, 2, None)
    """
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return round((values[middle - 1] + values[middle]) / 2)
