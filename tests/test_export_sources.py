"""An export reads the served Whoosh index: its stored documents, lexicon, vocabulary."""

from __future__ import annotations

import pytest

from indexer import store
from indexer.export.sources import document_from_dict, load_sources, read_index
from indexer.schema import unpack_document
from tests.conftest import MINI


def stored_documents(root):
    ix = store.open_for_reading(store.current_build(root))
    with ix.searcher() as searcher:
        docs = [unpack_document(fields["doc"]) for _, fields in searcher.reader().iter_docs()]
    ix.close()
    return docs


@pytest.mark.parametrize("index", ["seed_index", "mini_index"])
def test_a_stored_document_rebuilds_the_document_it_was_made_from(index, request):
    for data in stored_documents(request.getfixturevalue(index)):
        assert document_from_dict(data).to_dict() == data


def test_the_served_index_gives_documents_lexicon_and_vocabulary(seed_index):
    sources = read_index(seed_index)
    assert len(sources.documents) == 5 and all(len(d.sha1) == 40 for d in sources.documents)
    assert sources.lexicon_words > 0 and sources.vocabulary["kooperativ"] >= 1
    assert sources.lemmas("sektorer") and sources.build.startswith("build-")


def test_without_an_index_the_corpus_is_built_first_and_bad_files_are_named(tmp_path):
    sources = load_sources(tmp_path / "index", MINI)
    assert len(sources.documents) == 5
    assert {name for name, _ in sources.skipped} >= {"m6_trasig.txt", "m7_tom.txt"}
    assert store.current_build(tmp_path / "index") is not None


def test_without_an_index_or_a_corpus_it_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="inget index"):
        load_sources(tmp_path / "index")
