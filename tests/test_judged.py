"""The judged Swedish query set (tests/judged/cases.tsv) against the real engine.

One index over the five seeds plus the designed documents in tests/judged/corpus,
built once for this module with the Hunspell lexicon, and one pytest case per row.
A row whose ``status`` column says ``xfail: …`` is a known engine bug: it runs as a
strict xfail, so it is visible in every run and turns red once the engine is fixed
(then delete the status).
"""

from __future__ import annotations

from collections import Counter

import pytest

from indexer.build import rebuild
from search.engine import Engine
from search.params import SearchParams
from tests.judged.harness import (
    CATEGORIES,
    Outcome,
    copy_corpus,
    corpus_ids,
    judge,
    load_cases,
    resolve,
)

CASES = load_cases()
IDS = corpus_ids()


@pytest.fixture(scope="module")
def judged_engine(tmp_path_factory):
    corpus = copy_corpus(tmp_path_factory.mktemp("judged-corpus"))
    root = tmp_path_factory.mktemp("judged-index")
    report = rebuild(corpus, root)
    assert report.skipped == [] and report.indexed == len(IDS)
    assert report.lexicon_words > 0, "the judged index needs the Hunspell lexicon"
    engine = Engine(root)
    yield engine
    engine.close()


def search(engine: Engine, query: str) -> Outcome:
    page = engine.search(SearchParams.build(q=query, per_page=100))
    vocabulary = engine.current().vocabulary
    return Outcome(
        hits=[hit.id for hit in page.hits], total=page.total,
        corrected_from=page.corrected_from, suggestion=page.suggestion,
        synonyms=bool(page.synonyms), real_word=lambda word: word in vocabulary,
    )


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
        yield pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_judged_case(case, judged_engine):
    problems = judge(case, search(judged_engine, case.query), IDS)
    assert not problems, f"{case.name} (line {case.line}; {case.why}): " + "; ".join(problems)


def test_at_least_60_cases_covering_every_category():
    assert len(CASES) >= 60
    counts = Counter(case.category for case in CASES)
    assert set(counts) == set(CATEGORIES), counts
    assert all(counts[category] >= 5 for category in CATEGORIES), counts


def test_cases_are_well_formed():
    names = Counter(case.name for case in CASES)
    assert [name for name, n in names.items() if n > 1] == []
    for case in CASES:
        assert case.query.strip() and case.why, case.line
        assert case.must_match or case.must_not_match or case.checks, case.line
        listed = [resolve(s, IDS) for s in case.must_match + case.must_not_match]
        assert len(listed) == len(set(listed)), f"line {case.line}: an id is listed twice"
        for check in case.checks:
            assert check in {"corrected", "!corrected", "synonyms"} or ">" in check \
                or check.startswith("suggest="), f"line {case.line}: {check!r}"
        if case.status:
            assert case.xfail, f"line {case.line}: status must be 'xfail: <diagnosis>'"


def test_designed_documents_are_small():
    from tests.judged.harness import DESIGNED

    files = sorted(DESIGNED.glob("*.txt"))
    assert 5 <= len(files) <= 15
    assert all(path.stat().st_size < 2000 for path in files)
