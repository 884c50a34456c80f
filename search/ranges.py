"""Range filters: project period (years, "active during") and amounts in kronor.

A period filter ``2008–2009`` keeps every project that was *active* at some time in
those years — one running 2007–2010 counts, as does one running 2009–2012 — so a
project is never lost because it started a year earlier. Amount filters keep the
documents whose total budget (or granted ESF support) lies within the bounds; 0 kr,
which projektbanken prints when nothing was stated, counts as "not stated" and
never matches an amount range.

Like facets, each range answers with bitsets: one per year (built once per index
version) for periods, and a sorted (amount, docnum) list searched with ``bisect``
for amounts, so a range costs the documents it keeps, not the whole index. Preset
periods and amount buckets carry counts, computed like a facet's: over the hits of
every *other* filter.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from datetime import date
from itertools import compress
from operator import itemgetter
from weakref import WeakKeyDictionary

from indexer.schema import unpack_document
from search.caches import Lru
from search.facets import mask_from_ids

Bounds = tuple[int | None, int | None]
_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


@dataclass(frozen=True)
class Preset:
    """A named range shown with its count: an ESF programme period, an amount bucket."""

    label: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class RangeSpec:
    name: str          # key in SearchParams.ranges and the JSON
    title: str         # Swedish label
    low_arg: str       # URL argument of the lower bound
    high_arg: str      # URL argument of the upper bound
    unit: str          # "år" or "kr"
    minimum: int       # bounds a user value is clamped to
    maximum: int
    presets: tuple[Preset, ...]


MKR = 1_000_000
_AMOUNT_BUCKETS = (
    Preset("under 0,5 mnkr", None, MKR // 2 - 1),
    Preset("0,5–2 mnkr", MKR // 2, 2 * MKR - 1),
    Preset("2–10 mnkr", 2 * MKR, 10 * MKR - 1),
    Preset("över 10 mnkr", 10 * MKR, None),
)
RANGES: dict[str, RangeSpec] = {
    "period": RangeSpec(
        "period", "Projektperiod", "period_from", "period_to", "år", 1990, 2040,
        (Preset("2000–2006", 2000, 2006), Preset("2007–2013", 2007, 2013),
         Preset("2014–2020", 2014, 2020), Preset("2021–2027", 2021, 2027))),
    "budget": RangeSpec("budget", "Total projektbudget", "budget_min", "budget_max", "kr",
                        0, 10**12, _AMOUNT_BUCKETS),
    "esf_support": RangeSpec("esf_support", "Beviljat ESF-stöd", "esf_min", "esf_max", "kr",
                             0, 10**12, _AMOUNT_BUCKETS),
}


def format_amount(kronor: int) -> str:
    """Kronor as Swedes write them: ``1 500 000 kr``, large round sums in mnkr.

    >>> format_amount(2_000_000), format_amount(500_000), format_amount(1_234_567)
    ('2 mnkr', '0,5 mnkr', '1\\xa0234\\xa0567 kr')
    """
    if kronor >= MKR // 10 and kronor % (MKR // 10) == 0:
        return f"{kronor / MKR:g}".replace(".", ",") + " mnkr"
    return f"{kronor:,}".replace(",", "\u00a0") + " kr"


def describe(name: str, bounds: Bounds) -> str:
    """A range in words, for chips and the page heading.

    >>> describe("period", (2014, 2020)), describe("period", (2009, None))
    ('2014–2020', 'från 2009')
    >>> describe("budget", (None, 499_999)), describe("budget", (2_000_000, 10**7 - 1))
    ('under 0,5 mnkr', '2–10 mnkr')
    >>> describe("esf_support", (250_000, None))
    'minst 250\\xa0000 kr'
    """
    spec = RANGES[name]
    low, high = bounds
    for preset in spec.presets:
        if (preset.low, preset.high) == (low, high) and spec.unit == "kr":
            return preset.label
    if spec.unit == "år":
        if low is not None and high is not None:
            return f"{low}" if low == high else f"{low}–{high}"
        return f"från {low}" if low is not None else f"till {high}"
    if low is not None and high is not None:
        return f"{format_amount(low)} – {format_amount(high)}"
    return f"minst {format_amount(low)}" if low is not None else f"högst {format_amount(high)}"


@dataclass(frozen=True)
class PresetCount:
    label: str
    low: int | None
    high: int | None
    count: int
    selected: bool


class RangeIndex:
    """Per-document years and amounts of one index version, as bitsets and sorted lists.

    ``start_days``/``end_days`` are date ordinals (0: unknown); amounts are kronor
    (0 or less: not stated).
    """

    def __init__(self, start_days: list[int], end_days: list[int],
                 amounts: dict[str, list[int]]):
        self.start_years = [_year(day) for day in start_days]
        years: dict[int, list[int]] = {}
        for docnum, (start, end) in enumerate(zip(self.start_years, map(_year, end_days),
                                                  strict=True)):
            if start is None:
                continue
            last = end if end is not None and end >= start else start
            for year in range(start, min(last, start + 60) + 1):
                years.setdefault(year, []).append(docnum)
        self.active = {year: mask_from_ids(ids) for year, ids in years.items()}
        self.amounts = {name: values for name, values in amounts.items()}
        self._sorted = {name: sorted((v, d) for d, v in enumerate(values) if v > 0)
                        for name, values in amounts.items()}
        self._masks = Lru(128)
        self.doc_count = len(start_days)
        # Per amount: (picks the flags of the documents in amount order, the amounts).
        self._by_amount = {name: (itemgetter(*(d for _, d in pairs)) if pairs else None,
                                  [a for a, _ in pairs])
                           for name, pairs in self._sorted.items()}

    def mask(self, name: str, bounds: Bounds) -> int:
        """The documents within ``bounds`` (inclusive; None is open)."""
        key = (name, bounds)
        found = self._masks.get(key)
        if found is None:
            found = self._period(bounds) if name == "period" else self._amount(name, bounds)
            self._masks.put(key, found)
        return found

    def _period(self, bounds: Bounds) -> int:
        if not self.active:
            return 0
        low = bounds[0] if bounds[0] is not None else min(self.active)
        high = bounds[1] if bounds[1] is not None else max(self.active)
        mask = 0
        for year in range(max(low, min(self.active)), min(high, max(self.active)) + 1):
            mask |= self.active.get(year, 0)
        return mask

    def _amount(self, name: str, bounds: Bounds) -> int:
        ordered = self._sorted.get(name, [])
        low = bounds[0] if bounds[0] is not None else 1
        start = bisect.bisect_left(ordered, (low, -1))
        end = len(ordered) if bounds[1] is None else bisect.bisect_right(
            ordered, (bounds[1], float("inf")))
        return mask_from_ids(d for _, d in ordered[start:end])

    def amounts_of(self, name: str, hits: int) -> list[int]:
        """The stated amounts of the documents in ``hits``, smallest first.

        The bitset becomes a byte string of 0/1 flags (``bin`` and ``translate`` run
        in C), picked in amount order by an ``itemgetter`` made once: 7 ms for 50 000
        hits, where walking document numbers and sorting in Python took 60.
        """
        pick, ordered = self._by_amount.get(name, (None, []))
        if pick is None or not hits:
            return []
        flags = bin(hits)[:1:-1].encode("ascii").translate(_FLAGS)
        flags += bytes(max(0, self.doc_count - len(flags)))
        picked = pick(flags)
        return list(compress(ordered, (picked,) if len(ordered) == 1 else picked))

    def selections(self, ranges: dict[str, Bounds]) -> dict[str, int]:
        """Range name → bitset of the documents that pass it, for the active ranges."""
        return {name: self.mask(name, bounds) for name, bounds in ranges.items()
                if name in RANGES}

    def presets(self, name: str, base: int, selected: Bounds | None) -> tuple[PresetCount, ...]:
        """Each preset of a range with its count among ``base`` (the other filters' hits)."""
        return tuple(
            PresetCount(p.label, p.low, p.high, (self.mask(name, (p.low, p.high)) & base)
                        .bit_count(), selected == (p.low, p.high))
            for p in RANGES[name].presets)


def _year(day: int) -> int | None:
    return date.fromordinal(day).year if day and day > 0 else None


_BY_VERSION: WeakKeyDictionary = WeakKeyDictionary()
_LOCK = threading.Lock()


def range_index(version) -> RangeIndex:
    """The :class:`RangeIndex` of an index version, made on first use and kept with it."""
    with _LOCK:
        found = _BY_VERSION.get(version)
    if found is None:
        found = RangeIndex(*_columns(version))
        with _LOCK:
            found = _BY_VERSION.setdefault(version, found)
    return found


def _columns(version) -> tuple[list[int], list[int], dict[str, list[int]]]:
    """Start and end days and both amounts of every document, from the sort columns
    (builds made before the end_day/esf_support columns: from the stored documents)."""
    searcher = version.searcher()
    reader = searcher.reader()
    count = reader.doc_count_all()
    start = version.ordering.start_day
    names = ("end_day", "esf_support")
    if all(name in searcher.schema and reader.has_column(name) for name in names):
        end, support = (version.column(reader, name) for name in names)
        return start, end, {"budget": list(version.ordering.budget), "esf_support": support}
    end, support, budget = [0] * count, [-1] * count, [-1] * count
    for docnum in reader.all_doc_ids():
        doc = unpack_document(searcher.stored_fields(docnum)["doc"])
        if doc.get("end"):
            end[docnum] = date.fromisoformat(doc["end"]).toordinal()
        support[docnum] = doc.get("esf_support") or -1
        budget[docnum] = doc.get("total_budget") or -1
    return start, end, {"budget": budget, "esf_support": support}
