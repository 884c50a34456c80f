"""Our schema as a mapping: a field per section type, facets, dates, amounts, boosts."""

from __future__ import annotations

import pytest

from indexer.export import chain
from indexer.export.mapping import DIALECTS, index_body, mappings
from indexer.export.wordlists import stemmed_fields
from indexer.schema import FACETS, FIELD_BOOSTS, SECTION_FIELDS, SURFACE, TITLE, logical_schema


@pytest.fixture(scope="module")
def properties():
    return mappings("opensearch")["properties"]


def test_every_logical_field_has_a_counterpart(properties):
    # The export maps the logical layout (a field per section), not Whoosh's banded body.
    assert set(logical_schema().names()) <= set(properties)
    assert "body" not in properties


def test_each_stemmed_field_has_our_analyzers_and_a_folded_sub_field(properties):
    for name in [TITLE, *SECTION_FIELDS.values()]:
        field = properties[name]
        assert (field["analyzer"], field["search_analyzer"], field["search_quote_analyzer"]) \
            == (chain.INDEX, chain.SEARCH, chain.PHRASE)
        assert field["fields"]["folded"]["analyzer"] == chain.INDEX_FOLDED
        assert field["fields"]["folded"]["search_analyzer"] == chain.SEARCH_FOLDED


def test_the_surface_field_keeps_written_words_without_positions(properties):
    assert properties[SURFACE] == {"type": "text", "analyzer": chain.SURFACE,
                                   "index_options": "freqs"}
    assert {name for name, field in properties.items() if field.get("copy_to") == SURFACE} \
        == set(stemmed_fields()) >= {TITLE, "meta", *SECTION_FIELDS.values()}


def test_facets_are_keywords_and_the_period_and_amounts_are_typed(properties):
    for field, _label in FACETS.values():
        assert properties[field] == {"type": "keyword"}
    assert properties["period"]["type"] == "date_range"
    assert properties["start"]["type"] == properties["end"]["type"] == "date"
    assert properties["total_budget"] == {"type": "long"}
    assert properties["doc"] == {"type": "object", "enabled": False}


def test_boosts_and_facets_travel_in_the_mapping_meta():
    meta = mappings("elasticsearch8")["_meta"]["esf_sok"]
    assert meta["field_boosts"] == FIELD_BOOSTS and meta["dialect"] == "elasticsearch8"
    assert set(meta["facets"]) == set(FACETS)


def test_unknown_fields_are_refused():
    assert mappings("opensearch")["dynamic"] == "strict"


def test_a_dialect_must_be_known():
    assert set(DIALECTS) == {"opensearch", "elasticsearch8"}
    with pytest.raises(ValueError, match="okänd dialekt"):
        index_body({}, "solr")
    assert index_body({}, "opensearch", shards=3, replicas=2)["settings"]["index"] == \
        {"number_of_shards": 3, "number_of_replicas": 2}
