"""One result shape: :class:`SearchResult`, frozen, rendered as HTML, JSON, CSV and CLI.

The hit fields come from one table (``indexer.schema.RESULT_FIELDS``); every
rendering reads it, so a new metadata field is added in one place. Facet values are
plain dicts with the URL that toggles them (Datasette's ``toggle_url``), the same
in the JSON as in the HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus, urlencode

from indexer.schema import (
    FACETS,
    KIND_LABELS,
    MISSING_LABEL,
    MISSING_VALUE,
    RESULT_FIELDS,
    ResultField,
)
from search.aggregates import CHARTS, Aggregates
from search.counties import group_by_county
from search.facets import FacetValue
from search.params import SearchParams
from search.ranges import RANGES, PresetCount, describe
from search.recovery import Recovery
from search.snippets import Snippet
from search.summary import summarise_search

# Facet values shown before "Visa fler".
FACET_TOP = 8
CSV_SCORE_HEADER = "poäng"
CSV_LINK_HEADER = "länk"
CSV_ORIGINAL_HEADER = "original"


@dataclass(frozen=True)
class Hit:
    """One matching document: its result fields, score and snippets.

    Field values are reached as attributes (``hit.region``) or items (templates).
    """

    id: str
    score: float
    snippets: tuple[Snippet, ...]
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc: dict, score: float, snippets=()) -> Hit:
        values = {}
        for result_field in RESULT_FIELDS:
            value = doc.get(result_field.name)
            if result_field.kind == "list":
                value = tuple(value or ())
            elif result_field.kind == "kronor" and not value:
                value = None  # 0 kr in projektbanken means "not stated"
            values[result_field.name] = value
        return cls(id=doc["id"], score=float(score), snippets=tuple(snippets), values=values)

    def __getattr__(self, name: str):
        values = self.__dict__.get("values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError(name)

    def __getitem__(self, name: str):
        return getattr(self, name)

    def to_dict(self) -> dict:
        out = {f.json_key: _json_value(f, self.values.get(f.name)) for f in RESULT_FIELDS}
        out["score"] = round(self.score, 4)
        out["url"] = document_url(self.id)
        out["original_url"] = self.original_url
        out["snippets"] = [{"section": s.section, "anchor": s.anchor, "html": str(s.html)}
                           for s in self.snippets]
        return out

    def cli_dict(self) -> dict:
        out = {f.json_key: self.values.get(f.name) for f in RESULT_FIELDS if f.in_cli}
        out["score"] = round(self.score, 4)
        return out

    def csv_row(self, site: str = "") -> list[str]:
        """One CSV row; ``site`` (``http://host``) makes the link one Excel can follow."""
        row = [_csv_value(f, self.values.get(f.name)) for f in RESULT_FIELDS]
        row.append(site + document_url(self.id))
        row.append(site + self.original_url if self.original_url else "")
        row.append(f"{self.score:.4f}".replace(".", ","))
        return row

    @property
    def original_url(self) -> str | None:
        """Where the original file is served (checked when asked for), if it has one."""
        if not self.values.get("format"):
            return None
        from urllib.parse import quote

        return "/original/" + quote(self.id, safe="")


def csv_header() -> list[str]:
    return [f.csv_header for f in RESULT_FIELDS] + [CSV_LINK_HEADER, CSV_ORIGINAL_HEADER,
                                                     CSV_SCORE_HEADER]


def document_url(doc_id: str) -> str:
    from urllib.parse import quote

    return "/doc/" + quote(doc_id, safe="")


def _json_value(result_field: ResultField, value):
    return list(value) if result_field.kind == "list" else value


def _csv_value(result_field: ResultField, value) -> str:
    if value is None:
        return MISSING_LABEL if result_field.kind == "kronor" else ""
    if result_field.kind == "list":
        return ", ".join(value)
    if result_field.kind == "label":
        return KIND_LABELS.get(value, value)
    return str(value)


@dataclass(frozen=True)
class SearchResult:
    """Everything one search answered; the renderings never compute anything new."""

    params: SearchParams
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]]
    messages: tuple[str, ...] = ()
    suggestion: str | None = None
    corrected_from: str | None = None
    corrected_to: str | None = None
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    highlight_words: frozenset[str] = frozenset()
    highlight_stems: frozenset[str] = frozenset()
    index_version: str = ""
    # What would give hits, on a search that gave none.
    recovery: Recovery | None = None
    # The picture of the hits (charts, ESF-support sum and median).
    aggregates: Aggregates | None = None
    # Per range filter: its presets (programme periods, amount buckets) with counts.
    range_presets: dict[str, tuple[PresetCount, ...]] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The search in words: the page heading and <title>."""
        return summarise_search(self)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))

    def facet_views(self) -> list[dict]:
        """Facets with labels, counts and the URL that toggles each value.

        Computed once per result (a cached page renders again for every request) —
        the views are read-only once made.
        """
        cached = self.__dict__.get("_facet_views")
        if cached is None:
            cached = self._facet_views()
            self.__dict__["_facet_views"] = cached  # frozen: bypass __setattr__, once
        return cached

    def _facet_views(self) -> list[dict]:
        params = self.params
        views = []
        for name, (_, title) in FACETS.items():
            selected = params.filters.get(name, ())
            toggle_url = _toggle_urls(params, name)
            items = []
            for value in self.facets.get(name, ()):
                toggled = [v for v in selected if v != value.value] if value.selected \
                    else [*selected, value.value]
                items.append({
                    "value": value.value, "label": value.label, "count": value.count,
                    "selected": value.selected, "toggle_url": toggle_url(toggled),
                })
            top = [i for i in items if i["selected"]] + [i for i in items if not i["selected"]]
            view = {"name": name, "title": title, "items": items,
                    "top": top[:FACET_TOP], "more": top[FACET_TOP:],
                    "filterable": len(items) > FACET_TOP}
            if name == "kommun":
                # Grouped by county (län) instead: 290 names only make sense that way.
                view.update(top=[], more=[], groups=group_by_county(
                    [i for i in items if i["value"] != MISSING_VALUE]),
                    missing=[i for i in items if i["value"] == MISSING_VALUE])
            views.append(view)
        return views

    def chips(self) -> list[dict]:
        """Selected filters and ranges as removable chips."""
        params = self.params
        labels = {(name, v.value): v.label for name, values in self.facets.items()
                  for v in values}
        out = []
        for name, values in params.filters.items():
            for value in values:
                remaining = [v for v in values if v != value]
                out.append({"facet": FACETS[name][1], "label": labels.get((name, value), value),
                            "url": params.url(page=1, **{name: remaining})})
        for name, bounds in params.ranges.items():
            out.append({"facet": RANGES[name].title, "label": describe(name, bounds),
                        "url": params.url(page=1, **{name: None})})
        return out

    def range_views(self) -> list[dict]:
        """Each range filter: its bounds, URL arguments and presets with counts and links."""
        params = self.params
        views = []
        for name, spec in RANGES.items():
            low, high = params.ranges.get(name, (None, None))
            presets = [{"label": p.label, "low": p.low, "high": p.high, "count": p.count,
                        "selected": p.selected,
                        "url": params.url(page=1, **{name: None if p.selected
                                                     else (p.low, p.high)})}
                       for p in self.range_presets.get(name, ())]
            views.append({"name": name, "title": spec.title, "unit": spec.unit,
                          "low_arg": spec.low_arg, "high_arg": spec.high_arg,
                          "low": low, "high": high, "active": name in params.ranges,
                          "presets": presets})
        return views

    def chart_url(self, name: str, value: str) -> str:
        """Clicking a bar: filter on that one value (again: remove the filter)."""
        selected = self.params.filters.get(name, ())
        values = [] if tuple(selected) == (value,) else [value]
        return self.params.url(page=1, **{name: values})

    def chart_views(self) -> list[dict]:
        """The charts above the hits: bars with counts, labels and filter links."""
        if self.aggregates is None:
            return []
        out = []
        for name, bars in self.aggregates.bars.items():
            selected = set(self.params.filters.get(name, ()))
            out.append({"name": name, "title": CHARTS[name],
                        "facet_title": FACETS[name][1],
                        "missing": self.aggregates.missing.get(name, 0),
                        "bars": [{"value": b.value, "label": b.label, "count": b.count,
                                  "selected": b.value in selected,
                                  "url": self.chart_url(name, b.value)} for b in bars]})
        return out

    def to_json(self) -> str:
        """The JSON API's answer, encoded once per result: a cached page (a repeated
        search, a facet click back) then costs a lookup, not a re-rendering."""
        cached = self.__dict__.get("_json")
        if cached is None:
            cached = json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
            self.__dict__["_json"] = cached  # frozen: bypass __setattr__, once
        return cached

    def to_dict(self) -> dict:
        """The JSON API's answer."""
        params = self.params
        return {
            "query": params.q, "total": self.total, "page": params.page,
            "per_page": params.per_page, "pages": self.pages, "sort": params.sort,
            "filters": {k: list(v) for k, v in params.filters.items()},
            "hits": [hit.to_dict() for hit in self.hits],
            # The views' items are exactly the JSON's facet values (value, label, count,
            # selected, toggle_url), read-only once made: no copy per value.
            "facets": {view["name"]: view["items"] for view in self.facet_views()},
            "suggestion": self.suggestion, "corrected_from": self.corrected_from,
            "synonyms": [{"word": w, "also": list(also)} for w, also in self.synonyms],
            "messages": list(self.messages),
            "summary": self.summary,
            "exact": params.exact,
            "corrected_to": self.corrected_to,
            "ranges": {view["name"]: {"from": view["low"], "to": view["high"],
                                      "presets": view["presets"]}
                       for view in self.range_views()},
            "aggregates": self.aggregates.to_dict(self.chart_url) if self.aggregates else None,
            "recovery": self.recovery.to_dict() if self.recovery else None,
        }

    def cli_dict(self, facet_names=("region", "phase", "owner")) -> dict:
        """The ``indexer search --json`` answer (a smaller, stable contract)."""
        out = {
            "query": self.params.q, "total": self.total,
            "hits": [hit.cli_dict() for hit in self.hits],
            "facets": {name: [{"value": v.value, "count": v.count} for v in values]
                       for name, values in self.facets.items() if name in facet_names},
        }
        if self.messages:
            out["messages"] = list(self.messages)
        return out


_SENTINEL = "\x00toggle\x00"


@lru_cache(maxsize=16_384)
def _pair(name: str, value: str) -> str:
    """``urlencode([(name, value)])``, remembered: facet values repeat on every page."""
    return f"{quote_plus(name)}={quote_plus(value)}"


def _toggle_urls(params: SearchParams, name: str):
    """A fast ``toggled values → URL`` for one facet, equal to ``params.url(page=1, …)``.

    The URL is built once with a placeholder value and the placeholder replaced per
    value: a facet with 290 values would otherwise re-encode the whole state 290
    times for every result page (17 ms of a cached page's 19 ms).

    >>> p = SearchParams.build(q="kooperativ", filters={"region": ["Stockholm"]})
    >>> make = _toggle_urls(p, "region")
    >>> make(["Stockholm", "Västsverige"]) == p.url(page=1, region=["Stockholm", "Västsverige"])
    True
    >>> make([]) == p.url(page=1, region=[]), make([])
    (True, '/?q=kooperativ')
    """
    template = params.url(page=1, **{name: [_SENTINEL]})
    marker = urlencode([(name, _SENTINEL)])
    path, _, query = template.partition("?")
    parts = query.split("&")
    at = parts.index(marker)

    def url(toggled) -> str:
        middle = [_pair(name, value) for value in toggled]
        joined = "&".join(parts[:at] + middle + parts[at + 1:])
        return f"{path}?{joined}" if joined else path

    return url
