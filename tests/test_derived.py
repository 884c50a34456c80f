"""Facet bitsets and vocabulary order computed by the build (indexer.derived)."""

from __future__ import annotations

import shutil

from indexer import store
from indexer.build import rebuild, update
from indexer.derived import (
    COLUMNS,
    DERIVED,
    facet_masks,
    id_map,
    read_column,
    read_derived,
    shared_prefix,
    vocabulary_order,
)
from search.versions import IndexVersion
from tests.conftest import SEEDS


def _open(build):
    ix = store.open_for_reading(build)
    return ix, ix.reader()


def test_a_build_writes_what_an_open_would_compute(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    root = tmp_path / "index"
    rebuild(corpus, root)
    build = store.current_build(root)
    ix, reader = _open(build)
    try:
        derived = read_derived(build, ix)
        assert derived is not None
        assert (derived["all_docs"], derived["facets"]) == facet_masks(reader)
        frequencies = store.read_json(build / store.VOCABULARY, {})
        assert derived["frequencies"] == frequencies
        assert (derived["sorted_words"], derived["folded"]) == vocabulary_order(frequencies)
        assert derived["ids"] == id_map(reader)
        assert derived["columns"]["start_day"] == read_column(reader, "start_day")
        assert set(derived["columns"]) == set(COLUMNS)
    finally:
        reader.close()
        ix.close()


def test_an_update_writes_them_again_for_its_own_segments(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    root = tmp_path / "index"
    rebuild(corpus, root)
    first = store.current_build(root)
    path = sorted(corpus.glob("*.txt"))[0]
    path.write_text(path.read_text("utf-8") + "\n\nEtt nytt stycke om flamingoodling.",
                    "utf-8")
    (corpus / "tillagd.txt").write_text("Titel: Ett tillagt projekt i Karlstad\n\n"
                                        "Projektet handlar om flamingoodling.", "utf-8")
    sorted(corpus.glob("*.txt"))[-1].unlink()
    previous_ix = store.open_for_reading(first)
    previous = read_derived(first, previous_ix)
    previous_ix.close()
    update(corpus, root)
    second = store.current_build(root)
    assert second != first
    ix, reader = _open(second)
    try:
        derived = read_derived(second, ix)
        assert derived is not None and "flamingoodling" in derived["frequencies"]
        # Built from the previous build's data for the segments both have ...
        assert shared_prefix(previous, reader) > 0
        # ... and equal to computing everything afresh.
        assert (derived["all_docs"], derived["facets"]) == facet_masks(reader)
        assert (derived["sorted_words"], derived["folded"]) == \
            vocabulary_order(derived["frequencies"])
        assert derived["ids"] == id_map(reader)
        for name in COLUMNS:
            assert derived["columns"][name] == read_column(reader, name)
    finally:
        reader.close()
        ix.close()


def test_reused_bitsets_keep_only_the_shared_documents(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    root = tmp_path / "index"
    rebuild(corpus, root, procs=1)
    first = store.current_build(root)
    ix, reader = _open(first)
    try:
        fresh = facet_masks(reader)
        count = reader.doc_count_all()
        # A previous build whose bitsets claim every document for one value: past
        # the shared prefix nothing of it may survive, within it all of it does.
        claimed = {name: {value: (1 << (count + 5)) - 1 for value in values}
                   for name, values in fresh[1].items()}
        _, values = facet_masks(reader, {"facets": claimed}, prefix=0)
        assert values == fresh[1]
    finally:
        reader.close()
        ix.close()


def test_new_words_are_put_into_the_previous_order():
    before = {"kooperativ": 3, "arbete": 2, "ostra": 1, "östra": 1}
    words, folded = vocabulary_order(before)
    previous = {"frequencies": before, "sorted_words": words, "folded": folded}
    after = {**before, "ärende": 1, "arende": 2, "zebra": 1}
    assert vocabulary_order(after, previous) == vocabulary_order(after)
    assert vocabulary_order(after, previous)[1]["arende"] == ["ärende"]


def test_a_stale_or_broken_file_is_ignored_and_the_open_derives_itself(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    root = tmp_path / "index"
    rebuild(corpus, root)
    build = store.current_build(root)
    expected = IndexVersion(root, build)
    try:
        counts = expected.facets.values
        words = expected.vocabulary.sorted_words
    finally:
        expected.close()
    (build / DERIVED).write_bytes(b"not a pickle")
    version = IndexVersion(root, build)
    try:
        assert version.facets.values == counts and version.vocabulary.sorted_words == words
    finally:
        version.close()
