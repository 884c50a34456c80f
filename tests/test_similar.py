""""Liknande projekt": key words, the similarity query, variants and why."""

from __future__ import annotations

import pytest

from indexer.schema import BODY
from search.engine import Engine
from search.similar import key_words, similarity_query
from tests.conftest import FYRBODAL, SOLNA


def test_key_words_leave_out_stopwords_places_and_the_non_key_sections():
    doc = {"title": "Kooperativ i Karlstad", "sections": [
        {"type": "syfte", "text": "Kooperativ för handledare i Karlstad och Dalarnas län."},
        {"type": "kommun", "text": "Solna\nSundbyberg"},
        {"type": "bakgrund", "text": "Flamingo flamingo flamingo."}]}
    words = [k.word for k in key_words(doc, lambda term: 1.0)]
    assert words[0] == "kooperativ" and "handledare" in words
    assert not {"karlstad", "dalarnas", "solna", "flamingo", "för", "och"} & set(words)


def test_a_word_in_every_document_says_nothing():
    doc = {"title": "Projekt", "sections": [{"type": "syfte", "text": "Projekt om odling."}]}
    assert [k.word for k in key_words(doc, lambda t: 0.0 if t.startswith("projek") else 1.0)] == [
        "odling"]


def test_the_query_is_boosted_by_use_not_by_idf_again():
    doc = {"title": "", "sections": [{"type": "syfte", "text": "odling odling odling bin"}]}
    words = key_words(doc, lambda term: {"odling": 1.0, "bin": 9.0}.get(term, 1.0))
    boosts = {t.text: t.boost for t in similarity_query(words).subqueries
              if t.fieldname == BODY}
    assert boosts["odling"] > boosts["bin"]


@pytest.fixture(scope="module")
def engine(seed_index):
    with Engine(seed_index) as engine:
        yield engine


def test_similar_documents_are_others_with_the_words_they_share(engine):
    found = engine.similar(FYRBODAL)
    ids = [hit.id for hit in found.hits]
    assert ids and FYRBODAL not in ids and len(ids) <= 5
    assert SOLNA in ids  # both are about handledare in sociala arbetskooperativ
    solna = next(hit for hit in found.hits if hit.id == SOLNA)
    assert solna.shared and set(solna.shared) <= set(found.key_words)


def test_variants_keep_to_the_same_region_or_owner(engine):
    region = engine.similar(SOLNA, "region")
    assert region.restricted_to == "Stockholm"
    assert all(hit.region == "Stockholm" for hit in region.hits)
    owner = engine.similar(SOLNA, "agare")
    assert owner.restricted_to and owner.hits == ()  # the only document of its owner


def test_unknown_documents_and_variants_give_none(engine):
    assert engine.similar("finns-inte") is None
    assert engine.similar(SOLNA, "slump") is None


def test_answers_are_cached_with_the_version(engine):
    assert engine.similar(FYRBODAL) is engine.similar(FYRBODAL)
