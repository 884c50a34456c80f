"""Query rewriting against an in-memory vocabulary: no index, no web server."""

from __future__ import annotations

import sys
import threading

import pytest
from whoosh import query as wq

from indexer import analysis
from indexer.lexicon import Lexicon, WordInfo, expansion_lookup
from indexer.schema import SURFACE, TITLE
from search.query import QueryBuilder, prepare
from search.vocabulary import Vocabulary

WORDS = {"kooperativ": 4, "arbete": 3, "och": 5, "att": 5, "handledare": 2, "solna": 1,
         "försäkringskassan": 2}
LEXICON = Lexicon({
    "arbetskooperativen": WordInfo(("arbetskooperativ",), ("arbete", "kooperativ")),
    "kooperativen": WordInfo(("kooperativ",), ()),
    "handledarna": WordInfo(("handledare",), ()),
})


@pytest.fixture()
def builder() -> QueryBuilder:
    return QueryBuilder(Vocabulary(WORDS, expansion_lookup(LEXICON, with_parts=False)))


def terms(query, fieldname=None) -> set[str]:
    """Every term text of a query (in one field if given)."""
    found = set()
    stack = [query]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.Term) and (fieldname is None or node.fieldname == fieldname):
            found.add(node.text)
        elif isinstance(node, wq.Phrase) and (fieldname is None or node.fieldname == fieldname):
            found.update(node.words)
        else:
            stack.extend(node.children() if hasattr(node, "children") else ())
    return found


def test_a_word_becomes_surface_form_and_stems_in_every_field(builder):
    plan = builder.plan("kooperativen")
    assert terms(plan.query, SURFACE) == {"kooperativen"}
    assert "kooperativ" in terms(plan.query, TITLE)
    assert plan.words == ["kooperativen"]
    assert builder.plan("kooperativ").unknown == []


def test_stopwords_are_dropped_unless_the_query_is_only_stopwords(builder):
    assert "och" not in terms(builder.plan("kooperativ och arbete").query, SURFACE)
    plan = builder.plan("och att")
    assert plan.keep_stopwords and {"och", "att"} <= terms(plan.query, SURFACE)


def test_unknown_words_are_reported_for_spelling(builder):
    assert builder.plan("kooprativ").unknown == ["kooprativ"]


def test_words_typed_without_swedish_letters_also_search_the_real_spelling(builder):
    assert "försäkringskassan" in terms(builder.plan("forsakringskassan").query, SURFACE)


def test_prefix_expands_to_indexed_words(builder):
    assert terms(builder.plan("koop*").query, SURFACE) == {"kooperativ"}


def test_prepare_turns_minus_into_not_and_drops_a_lone_quote():
    plan = QueryBuilder(Vocabulary(WORDS)).plan('"kooperativ -solna')
    assert plan.syntax_error and isinstance(plan.query, (wq.And, wq.AndNot))
    assert " ".join(prepare("-solna", plan).split()) == "NOT solna"


def test_stopword_only_and_ordinary_queries_do_not_interfere_across_threads(builder):
    """One builder serves every request thread; per-query state must stay per query.

    Before the fix the stopword decision was an attribute of the shared builder, so a
    concurrent stopword-only query could make an ordinary query keep "och".
    """
    queries = ["och att", "kooperativ och arbete", "att", "handledare och solna"]
    expected = {q: repr(builder.plan(q).query) for q in queries}
    mismatches: list[str] = []
    barrier = threading.Barrier(8)

    def run(offset: int) -> None:
        barrier.wait()
        for i in range(400):
            q = queries[(i + offset) % len(queries)]
            if repr(builder.plan(q).query) != expected[q]:
                mismatches.append(q)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert mismatches == []


@pytest.mark.parametrize("word", ["arbetskooperativen", "kooperativen", "handledarna",
                                  "fn:s", "upplands-väsby", "projektet", "städerna"])
def test_query_terms_are_a_subset_of_what_the_index_chain_produces(builder, word):
    """A query word must only ask for terms the same word is indexed under."""
    analysis.install_expansions(expansion_lookup(LEXICON))
    try:
        indexed = {t.text for t in analysis.swedish_analyzer()(word)}
    finally:
        analysis.install_expansions(None)
    asked = terms(builder.plan(word).query, TITLE)
    assert asked and asked <= indexed
