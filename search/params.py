"""Request arguments → a frozen :class:`SearchParams`; every bound in one place.

User input is bounded here and nowhere else: query length, number of filter
values, page and page size. Out-of-range values are clamped (with a Swedish note
for the user) rather than rejected, so a hand-edited URL still shows results.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from indexer.schema import FACETS
from search.ranges import RANGES, Bounds

MAX_QUERY_CHARS = 500
MAX_FILTER_VALUES = 30
MAX_VALUE_CHARS = 200
MAX_PAGE = 500
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
SORTS = {"relevance": "Relevans", "newest": "Nyaste period", "budget": "Största budget"}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str, limit: int) -> tuple[str, bool]:
    """NFC, no control or direction characters, single spaces, at most ``limit`` chars.

    >>> clean_text("ko\\x00operativ\\u202e  x", 100)
    ('kooperativ x', False)
    >>> clean_text("a" * 10, 4)
    ('aaaa', True)
    """
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub("", value)
    value = " ".join(value.split())
    if len(value) > limit:
        return value[:limit], True
    return value, False


_AMOUNT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(kr|tkr|mnkr|mkr|milj\w*)?\.?$", re.IGNORECASE)
_SCALE = {"tkr": 1_000, "mnkr": 1_000_000, "mkr": 1_000_000}


def parse_bound(value, unit: str) -> int | None:
    """A year, or an amount as Swedes write it (``500 000``, ``0,5 mnkr``, ``250 tkr``).

    >>> parse_bound("2 000 000", "kr"), parse_bound("0,5 mnkr", "kr"), parse_bound("2014", "år")
    (2000000, 500000, 2014)
    >>> parse_bound("många", "kr") is None
    True
    """
    text = "".join(str(value).replace("\u00a0", " ").split()).lower()
    if unit == "år":
        return int(text) if text.isdigit() and len(text) == 4 else None
    found = _AMOUNT.match(text)
    if not found:
        return None
    number = float(found.group(1).replace(",", "."))
    suffix = (found.group(2) or "kr").lower()
    scale = 1_000_000 if suffix.startswith("milj") else _SCALE.get(suffix, 1)
    return round(number * scale)


def _int(value, default: int) -> int | None:
    if value in (None, ""):
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    notes: tuple[str, ...] = ()
    # Range filters: name (search.ranges.RANGES) → (low, high), either end open (None).
    ranges: dict[str, Bounds] = field(default_factory=dict)
    # Run the query as typed: no spelling correction, no reinterpreted operators.
    exact: bool = False

    @classmethod
    def build(cls, q: str = "", filters=None, sort: str = "relevance", page=1,
              per_page=DEFAULT_PER_PAGE, ranges=None, exact=False) -> SearchParams:
        """Bound every value; collect a Swedish note for each one that was changed.

        ``ranges`` maps a range name to (low, high) as typed (strings or numbers).
        """
        notes: list[str] = []
        query, cut = clean_text(q or "", MAX_QUERY_CHARS)
        if cut:
            notes.append(f"Sökfrågan kortades till {MAX_QUERY_CHARS} tecken.")
        clean_filters: dict[str, tuple[str, ...]] = {}
        for name, values in (filters or {}).items():
            if name not in FACETS:
                continue
            kept: dict[str, None] = {}
            for value in values or ():
                text, _ = clean_text(str(value), MAX_VALUE_CHARS)
                if text:
                    kept.setdefault(text, None)
            if len(kept) > MAX_FILTER_VALUES:
                notes.append(f"Högst {MAX_FILTER_VALUES} val per filter används.")
            if kept:
                clean_filters[name] = tuple(kept)[:MAX_FILTER_VALUES]
        if sort not in SORTS:
            sort = "relevance"
        page_number = _int(page, 1)
        if page_number is None or page_number < 1:
            notes.append("Ogiltigt sidnummer – visar första sidan.")
            page_number = 1
        elif page_number > MAX_PAGE:
            notes.append(f"Högst sida {MAX_PAGE} kan visas.")
            page_number = MAX_PAGE
        size = _int(per_page, DEFAULT_PER_PAGE)
        if size is None or size < 1:
            notes.append("Ogiltigt antal per sida – visar "
                         f"{DEFAULT_PER_PAGE}.")
            size = DEFAULT_PER_PAGE
        elif size > MAX_PER_PAGE:
            notes.append(f"Högst {MAX_PER_PAGE} träffar per sida.")
            size = MAX_PER_PAGE
        clean_ranges = _bounded_ranges(ranges or {}, notes)
        return cls(query, clean_filters, sort, page_number, size, tuple(notes), clean_ranges,
                   bool(exact))

    @classmethod
    def from_args(cls, args) -> SearchParams:
        """From a werkzeug MultiDict (``request.args``)."""
        return cls.build(
            q=args.get("q", ""),
            filters={name: args.getlist(name) for name in FACETS},
            sort=args.get("sort", "relevance"),
            page=args.get("page", 1),
            per_page=args.get("per_page", DEFAULT_PER_PAGE),
            ranges={name: (args.get(spec.low_arg), args.get(spec.high_arg))
                    for name, spec in RANGES.items()},
            exact=args.get("exact") in ("1", "true", "ja"),
        )

    def to_args(self, **changes) -> list[tuple[str, str]]:
        """URL arguments for this state, with ``changes`` applied (for links)."""
        state = {"q": self.q, "sort": self.sort, "page": self.page, "per_page": self.per_page,
                 "exact": self.exact}
        filters = dict(self.filters)
        ranges = dict(self.ranges)
        for key, value in changes.items():
            if key in FACETS:
                filters[key] = tuple(value)
            elif key in RANGES:
                if value is None or value == (None, None):
                    ranges.pop(key, None)
                else:
                    ranges[key] = tuple(value)
            else:
                state[key] = value
        if "q" in changes and "exact" not in changes:
            state["exact"] = False  # a new query is corrected again unless asked not to
        args: list[tuple[str, str]] = []
        if state["q"]:
            args.append(("q", state["q"]))
        if state["exact"] and state["q"]:
            args.append(("exact", "1"))
        for name in FACETS:
            args.extend((name, value) for value in filters.get(name, ()))
        for name, spec in RANGES.items():
            low, high = ranges.get(name, (None, None))
            if low is not None:
                args.append((spec.low_arg, str(low)))
            if high is not None:
                args.append((spec.high_arg, str(high)))
        if state["sort"] != "relevance":
            args.append(("sort", state["sort"]))
        if int(state["page"]) > 1:
            args.append(("page", str(state["page"])))
        if int(state["per_page"]) != DEFAULT_PER_PAGE:
            args.append(("per_page", str(state["per_page"])))
        return args

    @property
    def filtered(self) -> bool:
        """Whether any facet or range filter is active."""
        return bool(self.filters or self.ranges)

    def url(self, path: str = "/", **changes) -> str:
        """A link to this state with ``changes`` applied (``page=1``, ``region=[…]``)."""
        query = urlencode(self.to_args(**changes))
        return f"{path}?{query}" if query else path


def _bounded_ranges(raw: dict, notes: list[str]) -> dict[str, Bounds]:
    """(low, high) per range as numbers within the range's limits; swapped when reversed."""
    out: dict[str, Bounds] = {}
    for name, pair in raw.items():
        spec = RANGES.get(name)
        if spec is None or pair is None:
            continue
        bounds = []
        for value in pair:
            if value in (None, ""):
                bounds.append(None)
                continue
            number = value if isinstance(value, int) else parse_bound(
                clean_text(str(value), 40)[0], spec.unit)
            if number is None:
                notes.append(f"{spec.title}: ”{clean_text(str(value), 40)[0]}” är inget "
                             + ("årtal" if spec.unit == "år" else "belopp")
                             + " och användes inte.")
            elif not spec.minimum <= number <= spec.maximum:
                number = min(max(number, spec.minimum), spec.maximum)
                notes.append(f"{spec.title}: värdet begränsades till {number}.")
            bounds.append(number)
        low, high = bounds
        if low is not None and high is not None and low > high:
            low, high = high, low
            notes.append(f"{spec.title}: från och till var omkastade och byttes.")
        if low is not None or high is not None:
            out[name] = (low, high)
    return out
