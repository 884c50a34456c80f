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

    @classmethod
    def build(cls, q: str = "", filters=None, sort: str = "relevance", page=1,
              per_page=DEFAULT_PER_PAGE) -> SearchParams:
        """Bound every value; collect a Swedish note for each one that was changed."""
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
        return cls(query, clean_filters, sort, page_number, size, tuple(notes))

    @classmethod
    def from_args(cls, args) -> SearchParams:
        """From a werkzeug MultiDict (``request.args``)."""
        return cls.build(
            q=args.get("q", ""),
            filters={name: args.getlist(name) for name in FACETS},
            sort=args.get("sort", "relevance"),
            page=args.get("page", 1),
            per_page=args.get("per_page", DEFAULT_PER_PAGE),
        )

    def to_args(self, **changes) -> list[tuple[str, str]]:
        """URL arguments for this state, with ``changes`` applied (for links)."""
        state = {"q": self.q, "sort": self.sort, "page": self.page, "per_page": self.per_page}
        filters = dict(self.filters)
        for key, value in changes.items():
            if key in FACETS:
                filters[key] = tuple(value)
            else:
                state[key] = value
        args: list[tuple[str, str]] = []
        if state["q"]:
            args.append(("q", state["q"]))
        for name in FACETS:
            args.extend((name, value) for value in filters.get(name, ()))
        if state["sort"] != "relevance":
            args.append(("sort", state["sort"]))
        if int(state["page"]) > 1:
            args.append(("page", str(state["page"])))
        if int(state["per_page"]) != DEFAULT_PER_PAGE:
            args.append(("per_page", str(state["per_page"])))
        return args

    def url(self, path: str = "/", **changes) -> str:
        """A link to this state with ``changes`` applied (``page=1``, ``region=[…]``)."""
        query = urlencode(self.to_args(**changes))
        return f"{path}?{query}" if query else path
