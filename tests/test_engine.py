"""The engine notices a swapped index without a restart and closes what it retires."""

from __future__ import annotations

import shutil

import pytest

from indexer import store
from indexer.build import rebuild
from search import versions as versions_module
from search.engine import Engine
from search.params import SearchParams
from search.versions import IndexUnavailable
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


def test_no_index_says_so_instead_of_showing_an_empty_result(tmp_path):
    with Engine(tmp_path / "none") as engine, pytest.raises(IndexUnavailable) as raised:
        engine.search(SearchParams.build(q="x"))
    assert "inget sökindex" in str(raised.value) and not raised.value.damaged


def test_a_vanished_index_keeps_its_searchers_then_is_unavailable_and_recovers(built):
    import threading

    corpus, root = built
    with Engine(root) as engine:
        assert engine.search(SearchParams.build(q="kooperativ")).total
        shutil.rmtree(root)
        # This thread's searcher holds its files open and keeps answering ...
        assert engine.search(SearchParams.build(q="solna")).total
        # ... a thread that needs a new searcher is told the index is unavailable.
        raised = []

        def other_thread():
            try:
                engine.search(SearchParams.build(q="handledare"))
            except IndexUnavailable as exc:
                raised.append(exc)

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        assert raised and "finns inte längre" in str(raised[0])
        rebuild(corpus, root, lexicon=False)
        assert engine.search(SearchParams.build(q="handledare")).total


@pytest.mark.parametrize("harm", ["truncate segment", "zero toc", "delete toc"])
def test_a_damaged_index_is_reported_as_damaged(built, harm):
    _, root = built
    build = store.current_build(root)
    segment = next(build.glob("*.seg"))
    toc = next(build.glob("*.toc"))
    if harm == "truncate segment":
        with open(segment, "r+b") as handle:
            handle.truncate(segment.stat().st_size // 3)
    elif harm == "zero toc":
        toc.write_bytes(bytes(toc.stat().st_size))
    else:
        toc.unlink()
    with Engine(root) as engine, pytest.raises(IndexUnavailable) as raised:
        engine.search(SearchParams.build(q="kooperativ"))
    assert raised.value.damaged and "rebuild" in str(raised.value)


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


def test_the_web_server_makes_the_typo_buckets_beside_serving(seed_index):
    import threading

    engine = Engine(seed_index, background_loading=True)
    try:
        version = engine.current()
        assert version is not None
        for thread in threading.enumerate():
            if thread.name == "typo-buckets":
                thread.join(timeout=30)
        assert version.vocabulary._buckets is not None
    finally:
        engine.close()
