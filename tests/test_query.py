"""Query rewriting against an in-memory vocabulary: no index, no web server."""

from __future__ import annotations

import sys
import threading

import pytest
from whoosh import query as wq

from indexer import analysis
from indexer.lexicon import Lexicon, WordInfo, expansion_lookup
from indexer.schema import SURFACE, TITLE, YEARS
from search.query import QueryBuilder, QueryPlan, prepare, repair
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


def test_field_names_ignore_case(builder):
    """Issue 13, defect 2: ``Syfte:hälsa`` searched the word "syfte" everywhere."""
    lower = repr(builder.plan("syfte:handledare").query)
    assert repr(builder.plan("Syfte:handledare").query) == lower
    assert repr(builder.plan("SYFTE:handledare").query) == lower
    assert builder.plan("Syfte:handledare").messages == []


@pytest.mark.parametrize("text", ["foo:handledare", "Budget:1000", 'foo:"sociala arbete"'])
def test_an_unknown_field_gets_a_swedish_message_naming_the_fields(builder, text):
    plan = builder.plan(text)
    name = text.split(":")[0]
    message = " ".join(plan.messages)
    assert f"”{name}”" in message and "finns inte" in message
    assert "syfte" in message and "titel" in message and "sammanfattning" in message
    assert "foo" not in terms(plan.query) and "budget" not in terms(plan.query)


def test_an_unknown_field_still_searches_its_value_everywhere(builder):
    assert terms(builder.plan("foo:handledare").query) == terms(builder.plan("handledare").query)


@pytest.mark.parametrize("text", ["fn:s", "FN:s", "EU:s verksamhet", "kl 10:30"])
def test_a_colon_inside_a_word_is_not_a_field(builder, text):
    assert not any("finns inte" in m for m in builder.plan(text).messages)


@pytest.mark.parametrize("broken, repaired", [
    ('"sociala arbets', '"sociala arbets"'),
    ('sociala "arbets', 'sociala "arbets"'),
    ("(kooperativ", "(kooperativ)"),
    ("kooperativ)", "kooperativ"),
    ("OR kooperativ", "kooperativ"),
    ("kooperativ AND", "kooperativ"),
    ('"a" "b', '"a" "b"'),
    ("kooperativ", "kooperativ"),
])
def test_repair_gives_a_well_formed_query(builder, broken, repaired):
    """Issue 13, defect 7: a suggestion built from a broken query stayed broken."""
    assert repair(broken) == repaired
    assert not builder.plan(repaired).syntax_error


def test_misspelt_words_inside_a_phrase_are_reported(builder):
    """Issue 13, defect 8: ``"socila företag"`` gave no spelling hint."""
    assert builder.plan('"handledare kooprativ"').unknown == ["kooprativ"]
    assert builder.plan('"handledare kooperativ"').unknown == []


# -- years (search.years) --------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2015"])
def test_a_year_also_matches_the_periods_that_cover_it(builder, typed):
    plan = builder.plan(typed)
    assert terms(plan.query, YEARS) == {"2015"}
    assert "2015" in terms(plan.query, SURFACE)  # the literal text as well
    assert plan.messages == ["2015 – även projekt som pågick 2015"]
    assert plan.unknown == []


@pytest.mark.parametrize("typed", ["2014–2020", "2014..2020", "2014 - 2020", "2014-2020",
                                   "2020–2014"])
def test_a_year_range_matches_every_year_of_it_however_it_is_written(builder, typed):
    plan = builder.plan(typed)
    assert terms(plan.query, YEARS) == {str(year) for year in range(2014, 2021)}
    assert plan.messages == ["2014–2020 – även projekt som pågick någon gång 2014–2020"]


def test_a_range_is_one_word_not_a_negation(builder):
    assert " NOT " not in prepare("2014 - 2020", QueryPlan(None))


def test_dates_and_law_references_are_no_year_ranges(builder):
    for typed in ("2014-03-01", "2001:453"):
        assert not terms(builder.plan(typed).query, YEARS), typed


def test_a_long_range_is_cut_with_a_message(builder):
    plan = builder.plan("1950..2099")
    assert len(terms(plan.query, YEARS)) == 60
    assert any("kortades" in message for message in plan.messages)


def test_a_year_in_a_named_field_is_only_text(builder):
    assert not terms(builder.plan("titel:2015").query, YEARS)


def test_a_stopword_is_not_folded_to_its_twin_with_swedish_letters():
    builder = QueryBuilder(Vocabulary({"män": 3, "man": 2, "malmö": 1}))
    assert terms(builder.plan("man").query, SURFACE) == {"man"}
    assert "malmö" in terms(builder.plan("malmo").query, SURFACE)  # other words still are


MALFORMED = ['"handledare', 'handledare"', '"', '""', '(kooperativ', 'kooperativ)', '((kooperativ)',
             'kooperativ AND', 'OR', 'kooperativ OR', 'NOT', 'kooperativ NOT', '-', '- kooperativ',
             'kooperativ -', '"sociala arbets', 'AND OR NOT', '()', '( )',
             'kooperativ AND OR handledare', '+', '*']


@pytest.mark.parametrize("text", MALFORMED)
def test_every_rewritten_or_partly_ignored_query_says_so(builder, text):
    assert builder.plan(text).messages


def test_a_well_formed_query_has_no_message(builder):
    assert builder.plan("NOT kooperativ").messages == []
    assert builder.plan("kooperativ OR handledare").messages == []
