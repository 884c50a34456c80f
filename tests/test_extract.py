"""Extraction workers: a file that hangs, crashes or eats memory costs only itself;
the cache means an unchanged file is never extracted twice."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from indexer import extract
from indexer.build import BuildReport, rebuild, scan_corpus, update
from indexer.extract import ExtractionCache, extract_all, extract_one
from tests.test_formats_twins import FORMATS_DIR

# Readers that misbehave on purpose, by file name. They live at module level so
# that a spawned worker can import them by name.


def misbehaving(path, fmt, doc_id, relpath):
    name = os.path.basename(path)
    if name.startswith("haenger"):
        time.sleep(600)
    if name.startswith("kraschar"):
        os.abort()
    if name.startswith("minne"):
        hog = bytearray(8 * 1024**3)  # over the worker's address-space limit
        return "ok", hog, []
    return extract_one(path, fmt, doc_id, relpath)


def counting(path, fmt, doc_id, relpath):
    with open(os.environ["ASF_TEST_COUNT_FILE"], "a") as handle:
        handle.write(os.path.basename(path) + "\n")
    return extract_one(path, fmt, doc_id, relpath)


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(FORMATS_DIR / "policy.docx", root / "policy.docx")
    shutil.copy(FORMATS_DIR / "tva_spalter.pdf", root / "tva_spalter.pdf")
    (root / "rapport.txt").write_text("Rapport\n\nText om kooperativ.\n", encoding="utf-8")
    return root


def outcomes(corpus, tmp_path, **kwargs):
    sources = scan_corpus(corpus, BuildReport())
    cache = ExtractionCache(tmp_path / "index")
    return {o.source.relpath: o for o in extract_all(sources, cache, **kwargs)}, cache


def test_a_hung_reader_is_killed_and_the_rest_is_read(corpus, tmp_path):
    shutil.copy(FORMATS_DIR / "iop.pdf", corpus / "haenger.pdf")
    started = time.monotonic()
    found, _ = outcomes(corpus, tmp_path, seconds=3, procs=2,
                        function="tests.test_extract.misbehaving")
    assert time.monotonic() - started < 30
    assert found["haenger.pdf"].reason == "tog för lång tid (mer än 3 s)"
    assert found["tva_spalter.pdf"].document is not None
    assert found["policy.docx"].document is not None
    assert found["rapport.txt"].document is not None


def test_a_crashing_reader_costs_only_its_file(corpus, tmp_path):
    shutil.copy(FORMATS_DIR / "iop.pdf", corpus / "kraschar.pdf")
    found, _ = outcomes(corpus, tmp_path, procs=1, function="tests.test_extract.misbehaving")
    assert found["kraschar.pdf"].reason == "läsaren kraschade (signal 6)"
    assert found["tva_spalter.pdf"].document is not None
    assert found["policy.docx"].document is not None


def test_a_reader_past_the_memory_limit_is_reported(corpus, tmp_path):
    shutil.copy(FORMATS_DIR / "iop.pdf", corpus / "minne.pdf")
    found, _ = outcomes(corpus, tmp_path, procs=1, memory_mb=1024,
                        function="tests.test_extract.misbehaving")
    assert found["minne.pdf"].reason == "för mycket minne (över gränsen för en fil)"
    assert found["tva_spalter.pdf"].document is not None


def test_an_unchanged_file_is_extracted_once(corpus, tmp_path, monkeypatch):
    counter = tmp_path / "count.txt"
    monkeypatch.setenv("ASF_TEST_COUNT_FILE", str(counter))
    first, cache = outcomes(corpus, tmp_path, function="tests.test_extract.counting")
    assert sorted(counter.read_text().split()) == ["policy.docx", "tva_spalter.pdf"]
    counter.write_text("")
    second, cache = outcomes(corpus, tmp_path, function="tests.test_extract.counting")
    assert counter.read_text() == "" and cache.hits == 2
    assert second["policy.docx"].document == first["policy.docx"].document
    (corpus / "policy.docx").write_bytes((FORMATS_DIR / "iop.docx").read_bytes())
    third, _ = outcomes(corpus, tmp_path, function="tests.test_extract.counting")
    assert counter.read_text().split() == ["policy.docx"]
    assert third["policy.docx"].document.title.startswith("Rapport av Idéburet")


def test_a_cached_file_under_a_new_name_gets_its_new_place(corpus, tmp_path):
    outcomes(corpus, tmp_path)
    (corpus / "2022").mkdir()
    os.rename(corpus / "tva_spalter.pdf", corpus / "2022" / "kopia.pdf")
    found, cache = outcomes(corpus, tmp_path)
    moved = found["2022/kopia.pdf"].document
    assert cache.hits == 2
    assert (moved.id, moved.source, moved.collection) == ("2022--kopia.pdf", "2022/kopia.pdf",
                                                          "2022")


def test_rebuild_keeps_the_cache_to_what_the_corpus_holds(corpus, tmp_path):
    root = tmp_path / "index"
    report = rebuild(corpus, root, lexicon=False)
    assert (report.indexed, report.cached) == (3, 0)
    entries = sorted(p.name for p in (root / extract.CACHE_DIR).glob("*/*.pickle"))
    assert len(entries) == 2
    (corpus / "policy.docx").unlink()
    again = rebuild(corpus, root, lexicon=False)
    assert (again.indexed, again.cached) == (2, 1)
    assert len(list((root / extract.CACHE_DIR).glob("*/*.pickle"))) == 1


def test_update_reuses_the_cache_for_a_restored_file(corpus, tmp_path):
    root = tmp_path / "index"
    rebuild(corpus, root, lexicon=False)
    saved = (corpus / "tva_spalter.pdf").read_bytes()
    (corpus / "tva_spalter.pdf").write_bytes(b"%PDF-1.4\nfel")
    broken = update(corpus, root, lexicon=False)
    assert dict(broken.skipped)["tva_spalter.pdf"].startswith("trasig PDF")
    (corpus / "tva_spalter.pdf").write_bytes(saved)
    restored = update(corpus, root, lexicon=False)
    assert (restored.indexed, restored.cached) == (1, 1)


def test_workers_do_not_start_for_a_text_only_corpus(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(extract.WorkerPool, "_start",
                        lambda self: started.append(1) or pytest.fail("worker started"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nText.\n")
    found, _ = outcomes(corpus, tmp_path)
    assert found["a.txt"].document is not None and started == []


@pytest.mark.parametrize("name, size_mb, reason", [
    ("sida.html", 100, "för stor (100 MB > 50 MB)"),
    ("rapport.pdf", 250, "för stor (250 MB > 200 MB)"),
    ("stor.docx", 120, "för stor (120 MB > 100 MB)"),
])
def test_oversized_files_are_skipped_before_they_are_read(tmp_path, name, size_mb, reason):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    magic = {".html": b"<html>", ".pdf": b"%PDF-1.7\n", ".docx": b"PK\x03\x04"}
    with open(corpus / name, "wb") as handle:  # sparse: only the first bytes are written
        handle.write(magic[os.path.splitext(name)[1]])
        handle.truncate(size_mb * 1024 * 1024)
    found, _ = outcomes(corpus, tmp_path)
    assert found[name].reason == reason
