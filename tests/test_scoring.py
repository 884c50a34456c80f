"""Our cached-postings evaluator must rank exactly as Whoosh's own matchers do."""

from __future__ import annotations

import pytest

from search.engine import Engine
from search.scoring import TermScoreCache, rank

QUERIES = [
    "kooperativ", "sociala företag", '"sociala företag"', "handledare OR solna",
    "kooperativ -solna", "arbets*", "syfte:utbildning", "forsakringskassan", "AF",
    "arbetsintegrerande sociala företag", "NOT kommun",
]


@pytest.fixture(scope="module")
def version(seed_index):
    engine = Engine(seed_index)
    yield engine.current()
    engine.close()


@pytest.mark.parametrize("text", QUERIES)
def test_scores_and_order_match_whoosh(version, text):
    query = version.builder.plan(text).query
    searcher = version.searcher()
    expected = {d: s for s, d in searcher.search(query, limit=None).top_n}
    ours = version.scores.evaluate(searcher, query)
    assert set(ours) == set(expected)
    for docnum, score in expected.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-6)
    assert [d for _, d in rank(ours)] == [d for _, d in searcher.search(query, limit=None).top_n]


def test_cache_is_bounded_and_reused(version):
    searcher = version.searcher()
    cache = TermScoreCache(searcher.reader(), max_postings=3)
    first = cache.term(searcher, "text", "kooperativ")
    assert cache.term(searcher, "text", "kooperativ") is first
    cache.term(searcher, "text", "solna")
    cache.term(searcher, "text", "handledare")
    assert cache._size <= max(3, len(first))


def test_unknown_terms_and_fields_match_nothing(version):
    from whoosh import query as wq

    searcher = version.searcher()
    assert version.scores.evaluate(searcher, wq.Term("text", "qqqzzz")) == {}
    assert version.scores.evaluate(searcher, wq.Term("nofield", "x")) == {}



def test_multi_segment_index_scores_like_whoosh(tmp_path):
    """Several segments, one with deletions: offsets and the per-posting fallback."""
    from whoosh import index as whoosh_index
    from whoosh import query as wq

    from indexer.document import parse_document
    from indexer.schema import BAND_OF, BODY, SECTION_FIELDS, SURFACE, build_schema, document_fields
    from search.sections import SectionPhrase, SectionTerm

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    for batch in range(3):
        writer = ix.writer()
        for n in range(4):
            text = f"Projekt {batch}-{n}\n\nKooperativ och sociala företag i kommun {n}.\n"
            writer.add_document(**document_fields(parse_document(text, f"d{batch}{n}", "x"), ""))
        if batch == 2:
            writer.delete_by_term("id", "d00")
        writer.commit(merge=False)
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
        cache = TermScoreCache(searcher.reader())
        phrase = wq.Phrase(BODY, ["social", "företag"])
        ovrigt = (BAND_OF[SECTION_FIELDS["ovrigt"]],)
        in_section = [SectionTerm(BODY, "kooperativ", ovrigt),
                      SectionPhrase(BODY, ["social", "företag"], ovrigt)]
        for query in [wq.Or([wq.Term(SURFACE, word), wq.Term(BODY, word),
                             wq.Term("title", word)])
                      for word in ("kooperativ", "sociala", "kommun")] + [phrase, *in_section]:
            expected = {d: s for s, d in searcher.search(query, limit=None).top_n}
            ours = cache.evaluate(searcher, query)
            assert ours.keys() == expected.keys() and expected
            for docnum, score in expected.items():
                assert ours[docnum] == pytest.approx(score, rel=1e-6)
