"""One export into one directory, and the ``export-opensearch`` command."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.export.bulk import chunk_paths
from indexer.export.run import write_export
from indexer.export.sources import read_index
from tests.conftest import MINI

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_sources(seed_index):
    return read_index(seed_index)


def test_an_export_writes_settings_word_lists_bulk_guide_and_summary(seed_sources, tmp_path):
    report = write_export(seed_sources, tmp_path, "elasticsearch8", chunk_mb=0.1)
    body = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert set(body) == {"settings", "mappings"}
    paths = {f[key] for f in body["settings"]["analysis"]["filter"].values()
             for key in f if key.endswith("_path")}
    assert paths and all((tmp_path / path).is_file() for path in paths)
    assert [p.name for p in chunk_paths(tmp_path)] == report.bulk_files
    assert len(report.bulk_files) > 1 and report.documents == 5
    assert (tmp_path / "queries.md").is_file()
    summary = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 5 and summary["dialect"] == "elasticsearch8"
    assert summary["wordlists"]["sv_expansions.txt"] > 0


def test_a_new_export_replaces_the_old_chunks_and_leaves_other_files(seed_sources, tmp_path):
    write_export(seed_sources, tmp_path, chunk_mb=0.05)
    many = len(chunk_paths(tmp_path))
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    report = write_export(seed_sources, tmp_path, chunk_mb=10)
    assert len(chunk_paths(tmp_path)) == len(report.bulk_files) == 1 < many
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_inline_word_lists_need_no_files(seed_sources, tmp_path):
    write_export(seed_sources, tmp_path, inline=True)
    text = (tmp_path / "index.json").read_text(encoding="utf-8")
    assert "_path" not in text and not (tmp_path / "analysis").exists()
    filters = json.loads(text)["settings"]["analysis"]["filter"]
    assert filters["sv_expansions"]["synonyms"]


def test_the_command_exports_the_served_index(seed_index, tmp_path):
    result = CliRunner().invoke(main, ["export-opensearch", "--out", str(tmp_path / "out"),
                                       "--index", str(seed_index), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 5


def test_the_command_builds_a_missing_index_and_names_the_files_it_skipped(tmp_path):
    result = CliRunner().invoke(main, ["export-opensearch", "--out", str(tmp_path / "out"),
                                       "--index", str(tmp_path / "index"),
                                       "--corpus", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "Exporterade 5 dokument" in result.output and "m7_tom.txt" in result.output


def test_the_command_refuses_a_missing_corpus_and_an_unknown_dialect(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["export-opensearch", "--out", str(tmp_path / "out"),
                                   "--index", str(tmp_path / "i"), "--corpus",
                                   str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "korpuskatalogen finns inte" in missing.output
    dialect = runner.invoke(main, ["export-opensearch", "--out", "x", "--dialect", "solr"])
    assert dialect.exit_code == 2


def test_the_command_has_help_with_an_example():
    result = CliRunner().invoke(main, ["export-opensearch", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_nothing_but_the_command_line_imports_the_export():
    """The Whoosh path (build, schema, search, web) never depends on the export."""
    for package in ("indexer", "search", "webui"):
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if relative.parts[:2] == ("indexer", "export"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                if any(n == "indexer.export" or n.startswith("indexer.export.")
                       for n in names):
                    assert relative == Path("indexer/cli.py"), relative
                    assert node.col_offset > 0, "the CLI imports the export inside the command"
