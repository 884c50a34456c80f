"""The word lists the exported chain reads, made from our lexicon and stemmer."""

from __future__ import annotations

import pytest
import snowballstemmer

from indexer import analysis
from indexer.document import parse_document
from indexer.export.sources import ParsedDocument, Sources
from indexer.export.wordlists import (
    AGENT_NOUN,
    MAX_FOLD_TERMS,
    Decompounder,
    _collisions,
    build_wordlists,
    extras,
)
from indexer.lexicon import Lexicon, WordInfo

SNOWBALL = snowballstemmer.stemmer("swedish").stemWord
LEXICON = Lexicon({
    "arbetskooperativen": WordInfo(("arbetskooperativ",), ("arbete", "kooperativ")),
    "arbetsledare": WordInfo((), ("arbete", "ledare")),
    "handledare": WordInfo((), ()),
    "projektet": WordInfo(("projekt",), ()),
    "varor": WordInfo(("vara",), ()),
    "arbetsförmedlingen": WordInfo(("arbetsförmedling",), ()),
})


def sources(*texts: str) -> Sources:
    documents = [ParsedDocument(parse_document(f"Titel {i}\n\n{text}", f"d{i}"), "0" * 40)
                 for i, text in enumerate(texts)]
    return Sources(documents, lexicon=LEXICON)


def test_extras_are_the_variants_then_the_lexicon_forms_of_every_variant():
    src = sources()
    assert extras("arbetskooperativen", False, src) == ["arbetskooperativ", "arbete",
                                                        "kooperativ"]
    assert extras("eu-projektet", False, src) == ["eu", "projektet", "euprojektet", "projekt"]
    assert extras("asf:en", False, src) == ["asf"]


def test_extras_never_add_a_stopword_lemma_nor_expand_a_protected_token():
    src = sources()
    assert extras("varor", False, src) == []
    assert extras("lena.berg@kvarnen.nu", True, src) == ["kvarnen.nu"]
    assert extras("2001:453", True, src) == []


@pytest.mark.parametrize("word", ["ledare", "ledaren", "ledarens", "deltagare", "deltagares",
                                  "sekreterarens", "klare", "varor", "läraren", "bare",
                                  "kooperativen", "ansvaret", "arbetare"])
def test_the_agent_noun_copy_agrees_with_the_stemmer(word):
    agent = AGENT_NOUN.fullmatch(word)
    stemmed = analysis.stem(word)
    if agent:
        assert stemmed == agent.group(1) + "are"
    else:
        assert stemmed in (SNOWBALL(word), SNOWBALL(word) + "#") or word.endswith("het")


def test_every_enumerated_collision_is_what_the_stemmer_says():
    found = _collisions()
    assert found["varor"] == "var#"
    assert all(stem.endswith("#") and analysis.stem(word) == stem for word, stem in found.items())
    assert not set(found) & analysis.STOPWORDS


def test_the_decompounder_mirrors_lucene_longest_match_at_every_offset():
    decompose = Decompounder({"arbet", "arbets", "kooperativ", "kooperativet", "tiv"})
    assert decompose("arbetskooperativet") == ["arbets", "kooperativet", "tiv"]
    assert decompose("kort") == []  # shorter than min_word_size


def test_a_part_that_would_split_a_word_the_lexicon_keeps_whole_is_not_listed():
    lists = build_wordlists(sources("handledare och arbetsledare", "arbetskooperativen"))
    assert "ledare" not in lists.decompound  # would index "ledare" inside handledare
    assert "kooperativ" in lists.decompound
    assert lists.unsafe_parts >= 1


def test_the_stem_table_pins_our_stems_and_the_stopword_collisions():
    lists = build_wordlists(sources("arbetet och varor", "projektet"))
    assert lists.stems["arbetet"] == "arbet"      # Snowball 3; Lucene's leaves "arbetet"
    assert lists.stems["varor"] == "var#"
    assert "ledaren" not in lists.stems or lists.stems["ledaren"] == "ledare"
    assert "och" not in lists.stems


def test_the_query_table_holds_lemmas_and_synonyms_with_their_lemmas():
    lists = build_wordlists(sources("AF och Arbetsförmedlingen", "projektet"))
    assert lists.query["projektet"] == ["projekt"]
    assert lists.query["af"] == ["arbetsförmedlingen", "arbetsförmedling"]
    assert "af" in lists.query["arbetsförmedlingen"]


def test_folded_forms_are_capped_and_the_most_frequent_first():
    spellings = ["åaa", "äaa", "aåa", "aäa", "aaå", "aaä", "ååa", "ääa", "åäa"]
    texts = [" ".join(spellings[:i + 1]) for i in range(len(spellings))]
    lists = build_wordlists(sources(*texts))
    assert lists.folded["aaa"] == spellings[:MAX_FOLD_TERMS]


def test_the_files_are_in_the_formats_the_filters_read():
    files = build_wordlists(sources("arbetskooperativen och varor")).files()
    assert "arbetskooperativen => arbetskooperativen, arbetskooperativ, arbete, kooperativ" \
        in files["sv_expansions.txt"]
    assert "varor => var#" in files["sv_stems.txt"]
    assert set(files) == {"sv_expansions.txt", "sv_query.txt", "sv_stems.txt",
                          "sv_folded.txt", "sv_decompound.txt"}
