"""rebuild/update: bad files are skipped by name, the served index is never half-written."""

from __future__ import annotations

import shutil

import pytest

from indexer import build, store
from indexer.build import rebuild as _rebuild
from indexer.build import update as _update
from indexer.store import IndexBusy, current_build
from tests.conftest import MINI


def rebuild(corpus, root):
    """Build tests are about files and swapping, not Swedish: skip the dictionary."""
    return _rebuild(corpus, root, lexicon=False)


def update(corpus, root):
    return _update(corpus, root, lexicon=False)


def served_ids(root) -> set[str]:
    ix = store.open_for_reading(current_build(root))
    with ix.searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


@pytest.fixture()
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(MINI, target)
    return target


def test_rebuild_indexes_good_files_and_reports_bad_ones(corpus, tmp_path):
    report = rebuild(corpus, tmp_path / "index")
    assert report.indexed == 5
    skipped = dict(report.skipped)
    assert skipped["m6_trasig.txt"].startswith("binärfil")
    assert skipped["m7_tom.txt"] == "tom fil"
    assert served_ids(tmp_path / "index") == {
        "m1_stockholm", "m2_vast", "m3_vast", "m4_policy", "m5_cp1252"}


def test_windows_1252_is_decoded(corpus, tmp_path):
    from search.engine import Engine

    rebuild(corpus, tmp_path / "index")
    with Engine(tmp_path / "index") as engine:
        doc = engine.document("m5_cp1252")
    assert doc["title"] == "Rapport om arbetsträning i Växjö"
    assert doc["kind"] == "report"


def test_update_reindexes_only_added_changed_and_removed(corpus, tmp_path):
    root = tmp_path / "index"
    rebuild(corpus, root)
    (corpus / "m4_policy.txt").write_text("Ny policy\n\nText om kooperativ.\n", encoding="utf-8")
    (corpus / "m2_vast.txt").unlink()
    (corpus / "m8_ny.txt").write_text("Nytt dokument\n\nOm handledare.\n", encoding="utf-8")
    report = update(corpus, root)
    assert (report.indexed, report.removed, report.unchanged) == (2, 1, 3)
    assert served_ids(root) == {"m1_stockholm", "m3_vast", "m4_policy", "m5_cp1252", "m8_ny"}
    again = update(corpus, root)
    assert (again.indexed, again.removed) == (0, 0)


def test_update_reads_only_files_whose_size_or_time_changed(corpus, tmp_path, monkeypatch):
    import hashlib
    import os

    root = tmp_path / "index"
    rebuild(corpus, root)
    hashed = []
    real_sha1 = hashlib.sha1

    def counting_sha1(data=b"", *args, **kwargs):
        hashed.append(len(data))
        return real_sha1(data, *args, **kwargs)

    monkeypatch.setattr(build.hashlib, "sha1", counting_sha1)
    # The five indexed files (the broken two are read again by every update, as before).
    sizes = {path.stat().st_size for path in corpus.glob("m[1-5]_*.txt")}

    def files_hashed() -> int:
        return len([n for n in hashed if n in sizes])

    assert update(corpus, root).indexed == 0
    assert files_hashed() == 0  # nothing read: every size and mtime is as indexed
    touched = corpus / "m1_stockholm.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    report = update(corpus, root)
    # Read and hashed, found unchanged: not indexed again.
    assert (report.indexed, report.unchanged) == (0, 5) and files_hashed() == 1


def test_update_never_changes_the_previous_build_it_links_from(corpus, tmp_path):
    import hashlib

    root = tmp_path / "index"
    rebuild(corpus, root)
    previous = current_build(root)

    def fingerprint():
        return {p.name: hashlib.sha1(p.read_bytes()).hexdigest()
                for p in sorted(previous.iterdir()) if p.is_file()}

    before = fingerprint()
    (corpus / "m4_policy.txt").write_text("Ny policy\n\nText om kooperativ.\n", encoding="utf-8")
    (corpus / "m2_vast.txt").unlink()
    update(corpus, root)
    assert current_build(root) != previous
    assert fingerprint() == before
    ix = store.open_for_reading(previous)
    with ix.searcher() as searcher:
        assert "m2_vast" in {fields["id"] for fields in searcher.all_stored_fields()}


def test_an_update_records_the_checksums_a_full_read_gives(corpus, tmp_path, monkeypatch):
    root = tmp_path / "index"
    rebuild(corpus, root)
    (corpus / "m4_policy.txt").write_text("Ny policy\n\nText om kooperativ.\n", encoding="utf-8")
    summed = []
    real_crc32 = store._crc32
    monkeypatch.setattr(store, "_crc32", lambda path: summed.append(path.name) or real_crc32(path))
    update(corpus, root)
    served = current_build(root)
    recorded = store.read_json(served / store.CHECKSUMS, {})
    # linked segments keep the previous build's sums, and every sum is still right
    assert 0 < len(summed) < len(recorded)
    assert recorded == store.file_checksums(served)
    assert store.damage(served) is None


def test_update_without_an_index_builds_one(corpus, tmp_path):
    report = update(corpus, tmp_path / "index")
    assert report.indexed == 5 and current_build(tmp_path / "index") is not None


def test_a_failing_build_leaves_the_served_index_intact(corpus, tmp_path, monkeypatch):
    root = tmp_path / "index"
    rebuild(corpus, root)
    before = current_build(root)
    (corpus / "m8_ny.txt").write_text("Nytt\n\nText.\n", encoding="utf-8")

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "write_vocabulary", explode)
    with pytest.raises(OSError):
        rebuild(corpus, root)
    assert current_build(root) == before
    assert "m8_ny" not in served_ids(root)
    assert sorted(p.name for p in root.glob("build-*")) == [before.name]


def test_leftovers_of_a_killed_build_are_cleaned_by_the_next_run(corpus, tmp_path):
    root = tmp_path / "index"
    rebuild(corpus, root)
    stale = root / "build-19990101T000000-1-1"
    stale.mkdir()
    (stale / "half.seg").write_bytes(b"x")
    rebuild(corpus, root)
    assert not stale.exists()


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(corpus, tmp_path):
    root = tmp_path / "index"
    with store.writer_lock(root):
        with pytest.raises(IndexBusy):
            rebuild(corpus, root)


def test_nothing_usable_means_no_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tom.txt").write_text("")
    report = rebuild(corpus, tmp_path / "index")
    assert report.total_docs == 0 and current_build(tmp_path / "index") is None


@pytest.mark.parametrize("name, content, expected_title", [
    ("bom.txt", "\ufeffTitel med BOM\n\nText.\n".encode(), "Titel med BOM"),
    ("utf16.txt", "Titel i UTF-16 åäö\n\nText.\n".encode("utf-16"), "Titel i UTF-16 åäö"),
    ("crlf.txt", b"Titel CRLF\r\n\r\nText.\r\n", "Titel CRLF"),
    ("cr.txt", b"Titel CR\r\rText.\r", "Titel CR"),
    ("namn med å.txt", "Titel å\n\nText.\n".encode(), "Titel å"),
])
def test_encodings_and_line_endings(tmp_path, name, content, expected_title):
    from search.engine import Engine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_bytes(content)
    rebuild(corpus, tmp_path / "index")
    with Engine(tmp_path / "index") as engine:
        doc = engine.document(name.rsplit(".", 1)[0])
    assert doc["title"] == expected_title


def test_hidden_files_and_broken_symlinks_are_reported(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Titel\n\nText.\n")
    (corpus / ".dold.txt").write_text("Dold\n")
    (corpus / "länk.txt").symlink_to(corpus / "finns-inte.txt")
    report = rebuild(corpus, tmp_path / "index")
    assert dict(report.skipped) == {".dold.txt": "dold fil", "länk.txt": "trasig symbolisk länk"}


def test_a_50_mb_file_is_skipped_with_its_size(corpus, tmp_path):
    with open(corpus / "dump.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size check comes before reading
    report = rebuild(corpus, tmp_path / "index")
    assert dict(report.skipped)["dump.txt"] == "för stor (50 MB > 20 MB)"
    assert report.indexed == 5


def test_a_5_mb_single_line_is_indexed_and_searchable(tmp_path):
    from search.engine import Engine
    from search.params import SearchParams

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    filler = "stöd till sociala företag i kommunen " * 140_000
    line = filler[:2_500_000] + " flamingokooperativ " + filler[:2_500_000]
    (corpus / "en rad.txt").write_text("Lång rapport\n\n" + line, encoding="utf-8")
    report = rebuild(corpus, tmp_path / "index")
    assert report.indexed == 1
    with Engine(tmp_path / "index") as engine:
        page = engine.search(SearchParams.build(q="flamingokooperativ"))
    assert page.total == 1
    assert "<mark>flamingokooperativ</mark>" in page.hits[0].snippets[0].html


def test_duplicate_titles_and_symlinks_are_separate_documents(corpus, tmp_path):
    (corpus / "kopia av m1.txt").write_bytes((corpus / "m1_stockholm.txt").read_bytes())
    (corpus / "länk till m3.txt").symlink_to(corpus / "m3_vast.txt")
    rebuild(corpus, tmp_path / "index")
    ids = served_ids(tmp_path / "index")
    assert {"m1_stockholm", "kopia av m1", "m3_vast", "länk till m3"} <= ids


def test_an_unreadable_file_is_reported_and_the_rest_indexed(corpus, tmp_path, monkeypatch):
    from pathlib import Path

    real_read = Path.read_bytes

    def read_bytes(path):
        if path.name == "m2_vast.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = rebuild(corpus, tmp_path / "index")
    assert dict(report.skipped)["m2_vast.txt"] == "saknar läsbehörighet"
    assert "m1_stockholm" in served_ids(tmp_path / "index")


def test_an_unwritable_index_directory_keeps_the_old_index(corpus, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from indexer.cli import main

    root = tmp_path / "index"
    rebuild(corpus, root)
    before = current_build(root)

    def refuse(root):
        raise PermissionError(13, "Permission denied", str(root))

    monkeypatch.setattr(store, "new_build_dir", refuse)
    result = CliRunner().invoke(main, ["rebuild", "--corpus", str(corpus), "--index", str(root)])
    assert result.exit_code == 1
    assert "Det tidigare indexet används fortfarande" in result.output
    assert current_build(root) == before


def test_update_of_a_build_with_an_older_schema_rebuilds_everything(corpus, tmp_path,
                                                                     monkeypatch):
    from whoosh.fields import ID

    from indexer.schema import build_schema

    def older_schema():
        schema = build_schema()
        schema.remove("collection")
        schema.add("retired_field", ID)
        return schema

    monkeypatch.setattr(build, "build_schema", older_schema)
    rebuild(corpus, tmp_path / "index")
    monkeypatch.undo()
    (corpus / "m9.txt").write_text("Ny rapport\n\nOm flamingo.\n", encoding="utf-8")
    report = update(corpus, tmp_path / "index")
    assert report.indexed == report.total_docs == 6  # all of it again, in the new schema
    ix = store.open_for_reading(current_build(tmp_path / "index"))
    try:
        assert "collection" in ix.schema and "retired_field" not in ix.schema
    finally:
        ix.close()
    assert "m9" in served_ids(tmp_path / "index")


def test_an_update_from_another_corpus_folder_leaves_an_intact_build(corpus, tmp_path):
    """corpus.json changes in the hard-linked copy; the checksum table must not flag it."""
    root = tmp_path / "index"
    rebuild(corpus, root)
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    (moved / "m9.txt").write_text("Ny rapport\n\nOm flamingo.\n", encoding="utf-8")
    update(moved, root)
    assert store.damage(current_build(root)) is None
    assert store.damage(current_build(root), sizes_only=True) is None
