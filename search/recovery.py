"""Zero hits is no dead end: say what matched nothing, and what would give hits.

For a search without hits the page offers, each with the number of hits it gives:

* the words that match no document at all ("flamingo finns inte i något dokument");
* every active filter removed, one at a time ("Ta bort Region: Stockholm → 5 träffar");
* the same words with OR between them ("minst ett av orden");
* the spelling suggestion (made by the engine) and a link to browse everything.

Lower-case ``or``/``eller`` between two words is read as the OR operator, but only
when AND gives nothing and OR gives hits: "eller" is also an ordinary Swedish word
(a stopword), and an existing AND-match must never change behind the user's back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from indexer.analysis import STOPWORDS
from indexer.schema import FACETS
from search.facets import label
from search.params import SearchParams
from search.query import QueryPlan
from search.ranges import RANGES, describe

_TOKEN = re.compile(r'"[^"]*"|\S+')
_OPERATORS = {"AND", "OCH", "OR", "ELLER", "NOT", "INTE", "ANDNOT", "ANDMAYBE", "REQUIRE"}


@dataclass(frozen=True)
class Relaxation:
    """One way out of zero hits: what to change, where it leads, how many it finds."""

    label: str
    url: str
    count: int
    query: str | None = None

    def to_dict(self) -> dict:
        out = {"label": self.label, "url": self.url, "count": self.count}
        if self.query is not None:
            out["query"] = self.query
        return out


@dataclass(frozen=True)
class Recovery:
    missing_words: tuple[str, ...]
    filters: tuple[Relaxation, ...]
    any_word: Relaxation | None
    browse_url: str

    def to_dict(self) -> dict:
        return {
            "missing_words": list(self.missing_words),
            "without_filter": [r.to_dict() for r in self.filters],
            "any_word": self.any_word.to_dict() if self.any_word else None,
            "browse_url": self.browse_url,
        }


def or_operators(text: str) -> str | None:
    """``kalmar eller handledare`` → ``kalmar OR handledare``; None when nothing changes.

    Only a lower-case ``or``/``eller`` standing between two words counts; inside a
    phrase, first or last it stays a word.
    """
    tokens = _TOKEN.findall(text)
    changed = False
    for i in range(1, len(tokens) - 1):
        if tokens[i] in ("or", "eller") and tokens[i - 1] not in _OPERATORS \
                and tokens[i + 1] not in _OPERATORS | {"or", "eller"}:
            tokens[i] = "OR"
            changed = True
    return " ".join(tokens) if changed else None


def any_of(text: str) -> str | None:
    """The query's words (and phrases) joined with OR, exclusions kept; None when the
    query has fewer than two of them, or already says how to combine them.
    """
    if "(" in text or ")" in text:
        return None
    tokens = _TOKEN.findall(text)
    positive: list[str] = []
    negative: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("OR", "ELLER", "ANDNOT", "ANDMAYBE", "REQUIRE"):
            return None
        if token in ("NOT", "INTE") and i + 1 < len(tokens):
            negative.append(f"{token} {tokens[i + 1]}")
            i += 2
            continue
        if token.startswith("-") and len(token) > 1:
            negative.append(token)
        elif token not in ("AND", "OCH") and token.lower() not in STOPWORDS:
            positive.append(token)
        i += 1
    if len(positive) < 2:
        return None
    joined = " OR ".join(positive)
    return f"({joined}) {' '.join(negative)}" if negative else joined


Count = Callable[[SearchParams, QueryPlan], int]


def recover(params: SearchParams, plan: QueryPlan, builder, count: Count,
            matches_anything: Callable[[QueryPlan], bool]) -> Recovery:
    """What would give hits for a search that gave none.

    ``count(params, plan)`` is the number of hits of a plan under the params' filters;
    ``matches_anything(plan)`` whether a plan matches any document, ignoring filters.
    """
    missing = tuple(word for word in dict.fromkeys(plan.words)
                    if not matches_anything(builder.plan(word)))
    relaxations = []
    for name, values in params.filters.items():
        for value in values:
            remaining = tuple(v for v in values if v != value)
            filters = {k: v for k, v in params.filters.items() if k != name}
            if remaining:
                filters[name] = remaining
            found = count(replace(params, filters=filters), plan)
            if found:
                relaxations.append(Relaxation(
                    f"{FACETS[name][1]}: {label(name, value)}",
                    params.url(page=1, **{name: list(remaining)}), found))
    for name, bounds in params.ranges.items():
        ranges = {k: v for k, v in params.ranges.items() if k != name}
        found = count(replace(params, ranges=ranges), plan)
        if found:
            relaxations.append(Relaxation(f"{RANGES[name].title}: {describe(name, bounds)}",
                                          params.url(page=1, **{name: None}), found))
    any_word = None
    relaxed_text = any_of(params.q) if params.q else None
    if relaxed_text:
        found = count(params, builder.plan(relaxed_text))
        if found:
            any_word = Relaxation("Minst ett av orden", params.url(q=relaxed_text, page=1),
                                  found, relaxed_text)
    return Recovery(missing, tuple(relaxations), any_word, "/")
