"""Field queries inside the banded body (search.sections)."""

from __future__ import annotations

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from indexer.document import parse_document
from indexer.schema import BAND_OF, BODY, SECTION_FIELDS, build_schema, document_fields
from search.sections import SectionPhrase, SectionTerm, band_postings, in_bands

PAGES = {
    "i-syfte": "Odling i stan\n\nSammanfattning\n\nVi bygger växthus.\n\nSyfte\n\n"
               "Att sociala företag odlar grönsaker.\n",
    "i-bakgrund": "Odling på landet\n\nSammanfattning\n\nVi bygger växthus.\n\nBakgrund\n\n"
                  "Sociala företag odlar grönsaker sedan länge.\n",
    "delat": "Två delar\n\nSyfte\n\nAtt skapa sociala\n\nBakgrund\n\nföretag som odlar.\n",
}
SYFTE = (BAND_OF[SECTION_FIELDS["syfte"]],)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    ix = whoosh_index.create_in(str(tmp_path_factory.mktemp("ix")), build_schema())
    writer = ix.writer()
    for doc_id, text in PAGES.items():
        writer.add_document(**document_fields(parse_document(text, doc_id, "x"), ""))
    writer.commit()
    with ix.searcher() as searcher:
        yield searcher


def ids(searcher, query) -> set[str]:
    return {searcher.stored_fields(docnum)["id"]
            for docnum in query.matcher(searcher).all_ids()}


def test_a_section_term_keeps_the_documents_with_the_word_in_that_section(searcher):
    assert ids(searcher, wq.Term(BODY, "grönsak")) == {"i-syfte", "i-bakgrund"}
    assert ids(searcher, SectionTerm(BODY, "grönsak", SYFTE)) == {"i-syfte"}
    assert ids(searcher, SectionTerm(BODY, "växthus", SYFTE)) == set()


def test_a_section_term_weighs_only_the_share_in_its_bands(searcher):
    everywhere = dict(zip(*band_postings(searcher.reader(), BODY, "odl", tuple(range(20))),
                          strict=True))
    in_syfte = dict(zip(*band_postings(searcher.reader(), BODY, "odl", SYFTE), strict=True))
    assert set(in_syfte) < set(everywhere)
    assert all(in_syfte[d] <= everywhere[d] for d in in_syfte)


def test_a_section_phrase_must_start_in_the_section_and_never_spans_two(searcher):
    phrase = ["social", "företag"]
    assert ids(searcher, wq.Phrase(BODY, phrase)) == {"i-syfte", "i-bakgrund"}
    assert ids(searcher, SectionPhrase(BODY, phrase, SYFTE)) == {"i-syfte"}
    # "sociala" ends Syfte and "företag" opens Bakgrund in "delat": no phrase.
    assert "delat" not in ids(searcher, wq.Phrase(BODY, phrase))


def test_in_bands_is_a_plain_term_for_the_whole_field():
    assert type(in_bands(BODY, None, "x")) is wq.Term
    assert in_bands(BODY, SYFTE, "x", boost=2.0) == SectionTerm(BODY, "x", SYFTE, boost=2.0)
    assert SectionTerm(BODY, "x", SYFTE) != wq.Term(BODY, "x")
