"""The Swedish chain spelt in the engine's components: shape and rules of the recipe."""

from __future__ import annotations

import re

import pytest

from indexer.analysis import HEADING_END, HEADING_START, STOPWORDS, TOKEN_PATTERN
from indexer.export import chain
from indexer.export.wordlists import WordLists

BUILT_IN = {"lowercase", "asciifolding", "remove_duplicates"}


@pytest.fixture(scope="module")
def lists():
    return WordLists(expansions={"arbetskooperativen": ["arbete", "kooperativ"]},
                     query={"projektet": ["projekt"]}, stems={"varor": "var#"},
                     folded={"far": ["får"]}, decompound=["kooperativ"])


def test_every_analyzer_uses_defined_filters_and_every_filter_is_used(lists):
    settings = chain.analysis_settings(lists)
    used = {f for spec in settings["analyzer"].values() for f in spec["filter"]}
    assert used - BUILT_IN == set(settings["filter"])
    assert {spec["tokenizer"] for spec in settings["analyzer"].values()} == \
        set(settings["tokenizer"])


def test_the_tokenizer_is_our_token_regex_in_java_syntax():
    tokenizer = chain.analysis_settings(WordLists({}, {}, {}, {}, []))["tokenizer"]["sv_tokens"]
    assert tokenizer["type"] == "pattern" and tokenizer["group"] == 0
    pattern = tokenizer["pattern"]
    assert pattern.startswith("(?U)") and "(?P<" not in pattern
    ours, marks = pattern[4:].rsplit("|", 1)
    assert ours.replace("(?:", "") == \
        TOKEN_PATTERN.pattern.replace("(?P<protected>", "").replace("(?:", "")
    assert re.fullmatch(marks, HEADING_START) and re.fullmatch(marks, HEADING_END)


def test_stopwords_are_kept_at_index_time_and_dropped_at_search_time():
    analyzers = chain.analyzers()
    assert "sv_stop" not in analyzers[chain.INDEX]["filter"]
    assert "sv_stop" in analyzers[chain.SEARCH]["filter"]
    assert "sv_stop" not in analyzers[chain.SEARCH_STOPWORDS]["filter"]
    assert "sv_stop" not in analyzers[chain.PHRASE]["filter"]


def test_parts_and_variants_are_index_time_only():
    analyzers = chain.analyzers()
    for name in (chain.SEARCH, chain.SEARCH_STOPWORDS, chain.SEARCH_FOLDED, chain.PHRASE):
        assert not {"sv_expansions", "sv_decompound", "sv_word_variants"} & \
            set(analyzers[name]["filter"]), name


def test_each_analyzer_has_at_most_one_synonym_filter_right_after_the_tokenizer(lists):
    """Lucene's synonym filters cannot read stacked tokens (positions shift)."""
    settings = chain.analysis_settings(lists)
    kinds = {name: spec["type"] for name, spec in settings["filter"].items()}
    for name, spec in settings["analyzer"].items():
        synonyms = [i for i, f in enumerate(spec["filter"])
                    if kinds.get(f) in ("synonym", "synonym_graph")]
        assert len(synonyms) <= 1, name
        if synonyms:
            before = spec["filter"][:synonyms[0]]
            assert before == ["lowercase", "sv_phone_join"], name
            assert spec["filter"][synonyms[0] + 1:synonyms[0] + 3] == \
                ["sv_heading_marks", "sv_heading_gaps"], name


def test_no_duplicate_removal_after_a_synonym_graph(lists):
    settings = chain.analysis_settings(lists)
    for name, spec in settings["analyzer"].items():
        if "sv_query" in spec["filter"]:
            assert "remove_duplicates" not in spec["filter"], name


def test_updateable_filters_serve_search_analyzers_only(lists):
    settings = chain.analysis_settings(lists)
    updateable = {n for n, f in settings["filter"].items() if f.get("updateable")}
    for name in (chain.INDEX, chain.INDEX_FOLDED):
        assert not updateable & set(settings["analyzer"][name]["filter"])


def test_stemming_runs_last_and_in_our_order():
    index = chain.analyzers()[chain.INDEX]["filter"]
    tail = ["sv_keep_nonalpha", "sv_keep_stopwords", "sv_agent_nouns", "sv_keep_agent_nouns",
            "sv_stems", "sv_snowball"]
    assert index[-len(tail) - 1:-1] == tail and index[-1] == "remove_duplicates"


def test_the_folded_fields_compare_word_forms_not_stems():
    for name in (chain.INDEX_FOLDED, chain.SEARCH_FOLDED):
        filters = chain.analyzers()[name]["filter"]
        assert "sv_snowball" not in filters and "sv_stems" not in filters
        assert "asciifolding" in filters


def test_word_lists_are_files_under_the_config_dir_or_inline(lists):
    on_disk = chain.filters(lists, inline=False)
    assert on_disk["sv_stems"] == {"type": "stemmer_override",
                                   "rules_path": "analysis/esf/sv_stems.txt"}
    inline = chain.filters(lists, inline=True)
    assert inline["sv_stems"]["rules"] == ["varor => var#"]
    assert inline["sv_decompound"]["word_list"] == ["kooperativ"]
    assert sorted(on_disk["sv_stop"]["stopwords"]) == sorted(STOPWORDS)
