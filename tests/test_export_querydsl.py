"""Our query language and multi-select facets in the engine's query DSL."""

from __future__ import annotations

import json

import pytest

from indexer.export import chain
from indexer.export.querydsl import Translator, facet_filter, prepare
from indexer.schema import (
    FACETS,
    FIELD_BOOSTS,
    MISSING_VALUE,
    SECTION_FIELDS,
    SURFACE,
    SURFACE_BOOST,
    TITLE,
)


@pytest.fixture(scope="module")
def translator():
    return Translator()


def clauses_of(word_clause: dict) -> list[dict]:
    return word_clause["bool"]["should"]


def test_a_word_searches_every_stemmed_field_with_its_boost(translator):
    main, folded, surface = clauses_of(translator.query("kooperativ"))
    assert main["multi_match"]["query"] == "kooperativ"
    assert main["multi_match"]["type"] == "most_fields"
    assert main["multi_match"]["operator"] == "and"
    assert f"{TITLE}^4" in main["multi_match"]["fields"]
    assert len(main["multi_match"]["fields"]) == len(FIELD_BOOSTS)
    assert folded["multi_match"]["fields"][0] == f"{TITLE}.folded^2.8"
    assert surface == {"match": {SURFACE: {"query": "kooperativ", "boost": SURFACE_BOOST}}}


def test_a_word_typed_with_swedish_letters_never_searches_the_folded_fields(translator):
    dsl = json.dumps(translator.query("män"))
    assert ".folded" not in dsl


def test_ordinary_queries_drop_stopwords_but_a_stopword_query_keeps_them(translator):
    query = translator.query("kooperativ och näringsliv")
    assert len(query["bool"]["must"]) == 2
    assert "och" not in json.dumps(query)
    alone = translator.query("och")
    assert alone["bool"]["should"][0]["multi_match"]["analyzer"] == chain.SEARCH_STOPWORDS


def test_a_phrase_keeps_its_stopwords_and_uses_the_phrase_chain(translator):
    query = translator.query('"i första hand"')["multi_match"]
    assert query == {"query": "i första hand", "type": "phrase", "analyzer": chain.PHRASE,
                     "fields": query["fields"]}


def test_or_and_not_become_should_and_must_not(translator):
    either = translator.query("kooperativ ELLER handledare")["bool"]
    assert either["minimum_should_match"] == 1 and len(either["should"]) == 2
    without = translator.query("kooperativ -kommun")["bool"]
    assert len(without["must"]) == 1 and len(without["must_not"]) == 1
    only_not = translator.query("INTE kommun")
    assert set(only_not["bool"]) == {"must_not"}


def test_a_field_prefix_searches_that_field_only(translator):
    query = translator.query("Syfte:hälsa")
    assert query == {"multi_match": {"query": "hälsa", "type": "most_fields", "operator": "and",
                                     "fields": [f"{SECTION_FIELDS['syfte']}^2.5"]}}


def test_a_hyphenated_word_also_searches_its_closed_form_and_its_parts_as_a_phrase(translator):
    queries = [c["multi_match"] for c in clauses_of(translator.query("Upplands-Väsby"))
               if "multi_match" in c]
    assert [q["query"] for q in queries] == ["upplands-väsby", "upplandsväsby", "upplands väsby"]
    assert queries[-1]["type"] == "phrase"


def test_a_protected_token_is_one_form(translator):
    queries = [c["multi_match"]["query"] for c in clauses_of(translator.query("0520-167 60"))
               if "multi_match" in c]
    assert queries == ["0520-16760", "0520-16760"]  # main and .folded fields


def test_a_multi_word_synonym_form_is_the_words_or_the_other_forms(translator):
    query = translator.query("arbetsintegrerande sociala företag")
    words, *others = query["bool"]["should"]
    assert len(words["bool"]["must"]) == 3
    assert [o["multi_match"]["query"] for o in others] == \
        ["asf", "arbetsintegrerande socialt företag"]


def test_a_prefix_searches_the_surface_words(translator):
    assert translator.query("arbets*") == {"prefix": {SURFACE: {"value": "arbets"}}}
    short = translator.query("ar*")
    assert "prefix" not in json.dumps(short)


def test_prepare_keeps_genitives_and_drops_unknown_field_names():
    assert prepare("FN:s") == "FN:s"
    assert prepare("okänt:ord").strip() == "ord"


def test_facets_are_disjunctive_post_filter_and_filtered_aggregations(translator):
    body = translator.search_body("kooperativ", {"region": ["Stockholm", "Västsverige"],
                                                 "phase": ["Genomförande"]})
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"region": ["Stockholm", "Västsverige"]}} in post
    assert {"terms": {"phase": ["Genomförande"]}} in post
    assert body["aggs"]["region"]["filter"] == {"bool": {"filter": [
        {"terms": {"phase": ["Genomförande"]}}]}}
    assert body["aggs"]["phase"]["filter"] == {"bool": {"filter": [
        {"terms": {"region": ["Stockholm", "Västsverige"]}}]}}
    assert body["aggs"]["owner"]["filter"]["bool"]["filter"] == post
    assert set(body["aggs"]) == set(FACETS)
    assert body["aggs"]["kommun"]["aggs"]["values"]["terms"]["missing"] == MISSING_VALUE
    assert body["track_total_hits"] is True and "sort" not in body


def test_a_missing_value_selection_is_must_not_exists():
    assert facet_filter("region", [MISSING_VALUE]) == {
        "bool": {"must_not": [{"exists": {"field": "region"}}]}}
    either = facet_filter("region", ["Stockholm", MISSING_VALUE])
    assert len(either["bool"]["should"]) == 2


def test_browsing_sorts_newest_first_and_pages(translator):
    body = translator.search_body("", {}, page=3, per_page=20)
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"start_day": "desc"}]
    assert (body["from"], body["size"]) == (40, 20)
    assert translator.search_body("x", sort="budget")["sort"] == [{"budget": "desc"}]
