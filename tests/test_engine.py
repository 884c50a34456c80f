"""The engine notices a swapped index without a restart and closes what it retires."""

from __future__ import annotations

import shutil

import pytest

from indexer.build import rebuild
from search import versions as versions_module
from search.engine import Engine
from search.params import SearchParams
from tests.conftest import MINI


@pytest.fixture()
def built(tmp_path, monkeypatch):
    """A copy of the mini corpus, built, with the pointer checked on every call."""
    monkeypatch.setattr(versions_module, "CHECK_INTERVAL", 0.0)
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    root = tmp_path / "index"
    rebuild(corpus, root, lexicon=False)
    return corpus, root


def test_a_rebuilt_index_is_picked_up_and_old_searchers_closed(built):
    corpus, root = built
    engine = Engine(root)
    assert engine.search(SearchParams.build(q="flamingo")).total == 0
    old = engine.current()
    old_searcher = old.searcher()

    (corpus / "m9.txt").write_text("Flamingoprojektet\n\nOm flamingo i Solna.\n", encoding="utf-8")
    rebuild(corpus, root, lexicon=False)
    assert engine.search(SearchParams.build(q="flamingo")).total == 1
    assert engine.current() is not old
    assert old_searcher.is_closed
    engine.close()


def test_pointer_checks_are_throttled(tmp_path, monkeypatch):
    root = tmp_path / "index"
    rebuild(MINI, root, lexicon=False)
    engine = Engine(root)
    first = engine.current()
    reads = []
    monkeypatch.setattr(versions_module.store, "pointer_stamp", lambda r: reads.append(r))
    for _ in range(1000):
        assert engine.current() is first
    assert len(reads) <= 1
    engine.close()


def test_no_index_gives_a_message_not_an_error(tmp_path):
    with Engine(tmp_path / "none") as engine:
        page = engine.search(SearchParams.build(q="x"))
    assert page.total == 0 and page.messages


def test_stopword_only_query_returns_documents(tmp_path):
    root = tmp_path / "index"
    rebuild(MINI, root, lexicon=False)
    engine = Engine(root)
    assert engine.search(SearchParams.build(q="och")).total >= 3
    assert engine.search(SearchParams.build(q="kooperativ och")).total == \
        engine.search(SearchParams.build(q="kooperativ")).total
    engine.close()


def test_result_pages_are_cached_per_index_version(built):
    corpus, root = built
    engine = Engine(root)
    first = engine.search(SearchParams.build(q="kooperativ"))
    assert engine.search(SearchParams.build(q="  kooperativ ")) is first
    assert engine.search(SearchParams.build(q="kooperativ", page=2)) is not first

    (corpus / "m9.txt").write_text("Kooperativ i Solna\n\nOm kooperativ.\n", encoding="utf-8")
    rebuild(corpus, root, lexicon=False)
    fresh = engine.search(SearchParams.build(q="kooperativ"))
    assert fresh is not first and fresh.total == first.total + 1
    engine.close()


def test_background_loading_keeps_answering_from_the_old_build(built):
    import time

    corpus, root = built
    engine = Engine(root, background_loading=True)
    old = engine.current()
    (corpus / "m9.txt").write_text("Flamingoprojektet\n\nOm flamingo i Solna.\n", encoding="utf-8")
    rebuild(corpus, root, lexicon=False)
    assert engine.current() is old  # the new build is being opened in a thread
    deadline = time.monotonic() + 60
    while engine.current() is old and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.current() is not old
    assert engine.search(SearchParams.build(q="flamingo")).total == 1
    engine.close()
