"""Which files of a corpus folder are documents: names, content, symlinks, sub-folders."""

from __future__ import annotations

import os

import pytest

from indexer.build import BuildReport, scan_corpus


def scan(corpus):
    report = BuildReport()
    found = scan_corpus(corpus, report)
    return {s.relpath: s.doc_id for s in found}, dict(report.skipped)


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "ok.txt").write_text("Titel\n\nText.\n", encoding="utf-8")
    return root


def test_a_symlink_out_of_the_corpus_is_skipped(corpus, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (corpus / "passwd.txt").symlink_to(secret)
    found, skipped = scan(corpus)
    assert "passwd.txt" not in found
    assert skipped["passwd.txt"] == "pekar utanför korpusen"


def test_a_symlinked_folder_out_of_the_corpus_is_skipped(corpus, tmp_path):
    outside = tmp_path / "etc"
    outside.mkdir()
    (outside / "hemligt.txt").write_text("Hemligt\n\nText.\n")
    (corpus / "etc").symlink_to(outside, target_is_directory=True)
    found, skipped = scan(corpus)
    assert not any(path.startswith("etc/") for path in found)
    assert skipped["etc"] == "pekar utanför korpusen"


def test_a_symlink_inside_the_corpus_is_followed(corpus):
    (corpus / "länk.txt").symlink_to(corpus / "ok.txt")
    sub = corpus / "2022"
    sub.mkdir()
    (sub / "rapport.txt").write_text("Rapport\n\nText.\n")
    (corpus / "senaste").symlink_to(sub, target_is_directory=True)
    found, _ = scan(corpus)
    assert {"ok.txt", "länk.txt", "2022/rapport.txt", "senaste/rapport.txt"} <= set(found)


def test_a_symlink_loop_ends(corpus):
    sub = corpus / "a"
    sub.mkdir()
    (sub / "upp").symlink_to(corpus, target_is_directory=True)
    found, skipped = scan(corpus)
    assert set(found) == {"ok.txt"}
    assert skipped["a/upp"] == "symbolisk länk i en slinga"


@pytest.mark.parametrize("name, reason", [
    ("kopia.txt~", "säkerhetskopia från en editor"),
    ("~$lås.txt", "låsfil från Office"),
    (".#x.txt", "dold fil"),
    ("#x.txt#", "säkerhetskopia från en editor"),
    ("rapport.txt.bak", "säkerhetskopia från en editor"),
    ("bild.png", "filtypen .png läses inte"),
    ("anteckningar", "saknar filändelse"),
    ("gammal.doc", "gammalt Word-format (.doc) läses inte – spara som .docx eller PDF"),
])
def test_files_that_are_not_documents_are_passed_over_by_name(corpus, name, reason):
    (corpus / name).write_text("Ser ut som text\n\nMen är inget dokument.\n")
    found, skipped = scan(corpus)
    assert name not in found
    assert skipped[name] == reason


@pytest.mark.parametrize("name, content, reason", [
    ("data.docx", b"Bara text\n\nInget Word-dokument.\n", "innehållet är inte DOCX"),
    ("rapport.pdf", b"Bara text\n\nIngen PDF.\n", "innehållet är inte PDF"),
    ("bild.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "innehållet är inte text (PNG-bild)"),
    ("dokument.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "innehållet är inte text (PDF)"),
])
def test_extension_and_content_must_agree(corpus, name, content, reason):
    (corpus / name).write_bytes(content)
    found, skipped = scan(corpus)
    assert name not in found
    assert skipped[name].startswith(reason)


def test_sub_folders_give_stable_url_safe_ids(corpus):
    deep = corpus / "Sigtuna kommun" / "2022"
    deep.mkdir(parents=True)
    (deep / "IoP rapport.txt").write_text("Rapport\n\nText.\n")
    first, _ = scan(corpus)
    second, _ = scan(corpus)
    assert first == second
    assert first["Sigtuna kommun/2022/IoP rapport.txt"] == "Sigtuna kommun--2022--IoP rapport"


def test_unreadable_folders_are_reported(corpus):
    if os.geteuid() == 0:
        pytest.skip("root can read every folder")
    locked = corpus / "låst"
    locked.mkdir()
    locked.chmod(0)
    try:
        _, skipped = scan(corpus)
    finally:
        locked.chmod(0o755)
    assert skipped["låst"] == "saknar läsbehörighet"


def test_a_file_known_by_its_size_and_time_is_not_sniffed_again(corpus, monkeypatch):
    from indexer.formats import sniff

    (corpus / "ny.txt").write_text("Ny\n\nText.\n", encoding="utf-8")
    first = {s.relpath: s for s in scan_corpus(corpus, BuildReport())}
    known = {"ok.txt": first["ok.txt"].stat, "ny.txt": (0, 0)}  # ny.txt: changed since
    sniffed = []
    real_classify = sniff.classify
    monkeypatch.setattr(sniff, "classify",
                        lambda name, path: sniffed.append(name) or real_classify(name, path))
    again = {s.relpath: s for s in scan_corpus(corpus, BuildReport(), known)}
    assert sniffed == ["ny.txt"]
    assert again["ok.txt"].format == "txt" and again["ok.txt"].stat == first["ok.txt"].stat
