"""The CLI: rebuild summary, show/search JSON shapes, exit codes, help everywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from indexer.cli import main
from tests.conftest import FYRBODAL, JONKOPING, MINI, POLICY, SOLNA


@pytest.fixture()
def runner():
    return CliRunner()


def test_show_prints_the_exact_metadata(runner, seed_index):
    result = runner.invoke(main, ["show", FYRBODAL, "--json", "--index", str(seed_index)])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert {k: doc[k] for k in ("id", "title", "kind", "program", "phase", "owner", "contact",
                                "email", "phone", "esf_support", "total_budget", "start",
                                "end", "region")} == {
        "id": FYRBODAL, "title": "Pilotutbildning för handledare i sociala arbetskooperativ",
        "kind": "esf_project", "program": "1 Kompetensförsörjning", "phase": "Genomförande",
        "owner": "Coompanion Fyrbodal", "contact": "Ann Uggla Flodin",
        "email": "ann.uggla.flodin@coompanion.se", "phone": "0520-167 60", "esf_support": 0,
        "total_budget": 0, "start": "2008-07-01", "end": "2008-12-31", "region": "Västsverige",
    }
    assert doc["kommuner"][:2] == ["Alingsås", "Bengtsfors"]
    assert [s["heading"] for s in doc["sections"]][0] == "Sammanfattning"
    assert set(doc["sections"][0]) >= {"heading", "text"}


def test_show_unknown_id_exits_4(runner, seed_index):
    result = runner.invoke(main, ["show", "nope", "--index", str(seed_index)])
    assert result.exit_code == 4


def test_search_json_returns_hits_and_facets(runner, seed_index):
    result = runner.invoke(main, ["search", "kooperativ", "--json", "--index", str(seed_index)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {h["id"] for h in data["hits"]} == {SOLNA, FYRBODAL, JONKOPING, POLICY}
    assert set(data["hits"][0]) == {"id", "title", "region", "phase", "owner", "score"}
    assert set(data["facets"]) == {"region", "phase", "owner"}
    assert {"value": "Västsverige", "count": 1} in data["facets"]["region"]


def test_search_filters(runner, seed_index):
    result = runner.invoke(main, ["search", "kooperativ", "--region", "Stockholm", "--json",
                                  "--index", str(seed_index)])
    assert [h["id"] for h in json.loads(result.output)["hits"]] == [SOLNA]


def test_rebuild_summary_lists_skipped_files(runner, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    result = runner.invoke(main, ["rebuild", "--corpus", str(corpus), "--index",
                                  str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert "Indexerade 5 dokument" in result.output
    assert "m6_trasig.txt: binärfil" in result.output and "m7_tom.txt: tom fil" in result.output


def test_rebuild_exit_codes(runner, tmp_path):
    missing = runner.invoke(main, ["rebuild", "--corpus", str(tmp_path / "nope"), "--index",
                                   str(tmp_path / "i")])
    assert missing.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_bytes(b"\x00\x00")
    nothing = runner.invoke(main, ["rebuild", "--corpus", str(empty), "--index",
                                   str(tmp_path / "i")])
    assert nothing.exit_code == 1


@pytest.mark.parametrize("command", ["rebuild", "update", "show", "search"])
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "indexer", "--help"], capture_output=True,
                            text=True, check=True)
    assert "rebuild" in result.stdout


def test_a_damaged_index_says_so_and_exits_5(runner, tmp_path):
    from indexer import store

    root = tmp_path / "index"
    assert runner.invoke(main, ["rebuild", "--corpus", str(MINI), "--index", str(root)]
                         ).exit_code == 0
    toc = next(store.current_build(root).glob("*.toc"))
    toc.write_bytes(bytes(toc.stat().st_size))
    result = runner.invoke(main, ["search", "kooperativ", "--index", str(root)])
    assert result.exit_code == 5
    assert "skadat" in result.output and "rebuild" in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_is_one_swedish_line_and_leaves_nothing_behind(runner, tmp_path):
    """A real ``python -m indexer rebuild`` whose writes fail past 40 KB (RLIMIT_FSIZE:
    the kernel refuses the write as it would on a full disk)."""
    import resource
    import signal

    from indexer import store

    root = tmp_path / "index"
    assert runner.invoke(main, ["rebuild", "--corpus", str(MINI), "--index", str(root)]
                         ).exit_code == 0
    served = store.current_build(root)

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, don't kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    result = subprocess.run(
        [sys.executable, "-m", "indexer", "rebuild", "--corpus", str(MINI), "--index",
         str(root)], capture_output=True, text=True, preexec_fn=small_disk, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "kunde inte skrivas" in result.stderr and "används fortfarande" in result.stderr
    assert store.current_build(root) == served
    assert [p.name for p in root.glob("build-*")] == [served.name]
