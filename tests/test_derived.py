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
        derived = read_derived(build, ix, reader)
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
    update(corpus, root)
    second = store.current_build(root)
    assert second != first
    ix, reader = _open(second)
    try:
        derived = read_derived(second, ix, reader)
        assert derived is not None and "flamingoodling" in derived["frequencies"]
        assert (derived["all_docs"], derived["facets"]) == facet_masks(reader)
    finally:
        reader.close()
        ix.close()


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
