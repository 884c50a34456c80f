"""Fields, boosts and facets of our schema as an OpenSearch/Elasticsearch mapping.

The field list is read off ``indexer.schema.logical_schema()``, so a field added to
the Whoosh schema appears here without a second list to keep in step:

* each stemmed text field (title, meta, one per section type) is ``text`` with our
  index and search analyzers, ``sv_phrase`` for quoted phrases, and a ``.folded``
  sub-field for words typed without å/ä/ö (frequencies only: phrases never fold);
* the surface field ``text`` keeps the written words (exact-form boost, spelling);
  it is filled by ``copy_to`` from the stemmed fields, which hold together exactly the
  title, meta text and sections Whoosh's surface field is made of (no positions,
  so the order does not matter), and is neither sent nor kept in ``_source``;
* facet fields are ``keyword`` (``kommun`` holds a list); numeric sort columns stay
  numbers; the period and the amounts get ``date``, ``date_range`` and ``long``;
* the parsed document is stored in ``doc``, not indexed (it renders a hit).

Boosts are query-time in both engines (index-time boosts are deprecated), so they
live in ``_meta`` and in every query ``queries.md`` shows.
"""

from __future__ import annotations

from whoosh import fields as wf

from indexer import analysis
from indexer.export import chain
from indexer.schema import (
    FACETS,
    FIELD_BOOSTS,
    MISSING_VALUE,
    QUERY_FIELD_ALIASES,
    SURFACE,
    SURFACE_BOOST,
    logical_schema,
)

DIALECTS = ("opensearch", "elasticsearch8")
INDEX_NAME = "esf-sok"
FOLDED = "folded"
# Fields of the bulk documents that the Whoosh schema does not have: the period and
# the amounts as the engine's own types, for range filters and sorting.
EXTRA_FIELDS = {
    "start": {"type": "date", "format": "strict_date"},
    "end": {"type": "date", "format": "strict_date"},
    "period": {"type": "date_range", "format": "strict_date"},
    "esf_support": {"type": "long"},
    "total_budget": {"type": "long"},
}


def field_mapping(name: str, spec) -> dict | None:
    """One Whoosh field as a mapping entry (None for fields with no counterpart)."""
    analyzer = getattr(spec, "analyzer", None)
    if isinstance(spec, wf.TEXT) and analyzer == analysis.swedish_analyzer():
        return {
            "type": "text", "analyzer": chain.INDEX, "search_analyzer": chain.SEARCH,
            "search_quote_analyzer": chain.PHRASE, "copy_to": SURFACE,
            "fields": {FOLDED: {"type": "text", "analyzer": chain.INDEX_FOLDED,
                                "search_analyzer": chain.SEARCH_FOLDED,
                                "index_options": "freqs"}},
        }
    if isinstance(spec, wf.TEXT) and analyzer == analysis.surface_analyzer():
        return {"type": "text", "analyzer": chain.SURFACE,
                "index_options": "freqs" if not spec.format.supports("positions")
                else "positions"}
    if isinstance(spec, wf.NUMERIC):
        return {"type": "long" if spec.bits > 32 else "integer"}
    if isinstance(spec, (wf.ID, wf.KEYWORD)):
        return {"type": "keyword"}
    if isinstance(spec, wf.STORED):
        return {"type": "object", "enabled": False}
    return None


def mappings(dialect: str) -> dict:
    properties = {}
    for name, spec in logical_schema().items():
        entry = field_mapping(name, spec)
        if entry is not None:
            properties[name] = entry
    for name, entry in EXTRA_FIELDS.items():
        properties.setdefault(name, entry)
    return {
        "dynamic": "strict",
        "_meta": {
            "esf_sok": {
                "dialect": dialect,
                "field_boosts": FIELD_BOOSTS,
                "surface_boost": SURFACE_BOOST,
                "folded_weight": 0.7,
                "query_field_aliases": QUERY_FIELD_ALIASES,
                "facets": {param: {"field": field, "label": label}
                           for param, (field, label) in FACETS.items()},
                "missing_value": MISSING_VALUE,
            }
        },
        "properties": properties,
    }


def index_body(analysis_settings: dict, dialect: str, shards: int = 1,
               replicas: int = 1) -> dict:
    """The body of ``PUT /esf-sok``: settings with the analysis, and the mappings."""
    if dialect not in DIALECTS:
        raise ValueError(f"okänd dialekt {dialect!r}; välj {' eller '.join(DIALECTS)}")
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
            "analysis": analysis_settings,
        },
        "mappings": mappings(dialect),
    }
