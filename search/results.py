"""One result shape: :class:`SearchResult`, frozen, rendered as HTML, JSON, CSV and CLI.

The hit fields come from one table (``indexer.schema.RESULT_FIELDS``); every
rendering reads it, so a new metadata field is added in one place. Facet values are
plain dicts with the URL that toggles them (Datasette's ``toggle_url``), the same
in the JSON as in the HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indexer.schema import FACETS, KIND_LABELS, RESULT_FIELDS, ResultField
from search.facets import FacetValue
from search.params import SearchParams
from search.snippets import Snippet

# Facet values shown before "Visa fler".
FACET_TOP = 8
CSV_SCORE_HEADER = "poäng"
CSV_LINK_HEADER = "länk"


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
        out["snippets"] = [{"section": s.section, "anchor": s.anchor, "html": str(s.html)}
                           for s in self.snippets]
        return out

    def cli_dict(self) -> dict:
        out = {f.json_key: self.values.get(f.name) for f in RESULT_FIELDS if f.in_cli}
        out["score"] = round(self.score, 4)
        return out

    def csv_row(self) -> list[str]:
        row = [_csv_value(f, self.values.get(f.name)) for f in RESULT_FIELDS]
        row.append(document_url(self.id))
        row.append(f"{self.score:.4f}".replace(".", ","))
        return row


def csv_header() -> list[str]:
    return [f.csv_header for f in RESULT_FIELDS] + [CSV_LINK_HEADER, CSV_SCORE_HEADER]


def document_url(doc_id: str) -> str:
    from urllib.parse import quote

    return "/doc/" + quote(doc_id, safe="")


def _json_value(result_field: ResultField, value):
    return list(value) if result_field.kind == "list" else value


def _csv_value(result_field: ResultField, value) -> str:
    if value is None:
        return ""
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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))

    def facet_views(self) -> list[dict]:
        """Facets with labels, counts and the URL that toggles each value."""
        params = self.params
        views = []
        for name, (_, title) in FACETS.items():
            selected = params.filters.get(name, ())
            items = []
            for value in self.facets.get(name, ()):
                toggled = [v for v in selected if v != value.value] if value.selected \
                    else [*selected, value.value]
                items.append({
                    "value": value.value, "label": value.label, "count": value.count,
                    "selected": value.selected,
                    "toggle_url": params.url(page=1, **{name: toggled}),
                })
            top = [i for i in items if i["selected"]] + [i for i in items if not i["selected"]]
            views.append({"name": name, "title": title, "items": items,
                          "top": top[:FACET_TOP], "more": top[FACET_TOP:]})
        return views

    def chips(self) -> list[dict]:
        """Selected filters as removable chips."""
        params = self.params
        labels = {(name, v.value): v.label for name, values in self.facets.items()
                  for v in values}
        out = []
        for name, values in params.filters.items():
            for value in values:
                remaining = [v for v in values if v != value]
                out.append({"facet": FACETS[name][1], "label": labels.get((name, value), value),
                            "url": params.url(page=1, **{name: remaining})})
        return out

    def to_dict(self) -> dict:
        """The JSON API's answer."""
        params = self.params
        return {
            "query": params.q, "total": self.total, "page": params.page,
            "per_page": params.per_page, "pages": self.pages, "sort": params.sort,
            "filters": {k: list(v) for k, v in params.filters.items()},
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {view["name"]: [{key: item[key] for key in
                                       ("value", "label", "count", "selected", "toggle_url")}
                                      for item in view["items"]]
                       for view in self.facet_views()},
            "suggestion": self.suggestion, "corrected_from": self.corrected_from,
            "synonyms": [{"word": w, "also": list(also)} for w, also in self.synonyms],
            "messages": list(self.messages),
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
