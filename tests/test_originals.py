"""An original is found through the build's records only, and never outside the corpus."""

from __future__ import annotations

import json
import shutil

import pytest

from indexer import store
from indexer.build import rebuild
from indexer.originals import original_file, size_label
from indexer.schema import unpack_document
from tests.test_formats_twins import FORMATS_DIR


def _build(corpus, root):
    rebuild(corpus, root, lexicon=False)
    build = store.current_build(root)
    ix = store.open_for_reading(build)
    with ix.searcher() as searcher:
        docs = {f["id"]: unpack_document(f["doc"]) for f in searcher.all_stored_fields()}
    return corpus, build, docs


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "rapporter").mkdir()
    shutil.copy(FORMATS_DIR / "iop.pdf", corpus / "rapporter" / "iop.pdf")
    (corpus / "notis.txt").write_text("Notis\n\nText.\n", encoding="utf-8")
    return _build(corpus, tmp_path_factory.mktemp("index"))


@pytest.fixture()
def text_build(tmp_path):
    """A build of text files only (no extraction workers): quick to change."""
    corpus = tmp_path / "corpus"
    (corpus / "rapporter").mkdir(parents=True)
    (corpus / "rapporter" / "iop.txt").write_text("Rapport\n\nText.\n", encoding="utf-8")
    return _build(corpus, tmp_path / "index")


def test_the_original_of_an_indexed_pdf(built):
    corpus, build, docs = built
    path, content_type, size = original_file(build, docs["rapporter--iop.pdf"])
    assert path == (corpus / "rapporter" / "iop.pdf").resolve()
    assert content_type == "application/pdf"
    assert size == (FORMATS_DIR / "iop.pdf").stat().st_size
    assert original_file(build, docs["notis"])[1] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("source", ["../../../etc/passwd", "/etc/passwd",
                                    "rapporter/finns-inte.pdf", "", None])
def test_a_path_the_build_did_not_index_is_never_resolved(built, source):
    _, build, docs = built
    assert original_file(build, dict(docs["rapporter--iop.pdf"], source=source)) is None


def test_a_file_swapped_for_a_link_out_of_the_corpus_is_refused(text_build, tmp_path):
    corpus, build, docs = text_build
    assert original_file(build, docs["rapporter--iop"]) is not None
    (tmp_path / "hemligt.txt").write_text("root:x:0:0")
    target = corpus / "rapporter" / "iop.txt"
    target.unlink()
    target.symlink_to(tmp_path / "hemligt.txt")
    assert original_file(build, docs["rapporter--iop"]) is None


def test_a_tampered_manifest_cannot_lead_out(text_build, tmp_path):
    _, build, docs = text_build
    manifest = json.loads((build / store.MANIFEST).read_text())
    manifest["../hemligt.txt"] = {"id": "x", "sha1": "0"}
    (build / store.MANIFEST).write_text(json.dumps(manifest))
    (tmp_path / "hemligt.txt").write_text("root:x:0:0")
    assert original_file(build, dict(docs["rapporter--iop"], source="../hemligt.txt")) is None


def test_a_build_without_a_corpus_record_serves_nothing(text_build):
    _, build, docs = text_build
    (build / store.CORPUS).unlink()
    assert original_file(build, docs["rapporter--iop"]) is None


@pytest.mark.parametrize("size, label", [(1_258_291, "1,2 MB"), (5_300, "5 kB"), (10, "1 kB")])
def test_size_label(size, label):
    assert size_label(size) == label
