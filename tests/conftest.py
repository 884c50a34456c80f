"""Shared fixtures: the seed corpus and a designed mini corpus, indexed once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.build import rebuild

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

SOLNA = "000_e7786bfea177d1fd"
FYRBODAL = "001_993abd7bd188c905"
JONKOPING = "002_88cf6dc049a8f6ab"
IOP_REPORT = "003_e3eeeba7b22aafa5"
POLICY = "004_3321a0d72654aef9"


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def seed_index(seed_corpus, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed-index")
    report = rebuild(seed_corpus, root)
    assert report.indexed == 5
    return root


@pytest.fixture(scope="session")
def mini_index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mini-index")
    rebuild(MINI, root)
    return root


@pytest.fixture(scope="session")
def app(seed_index):
    from webui import create_app

    app = create_app({"INDEX_DIR": seed_index, "TESTING": True})
    yield app
    app.extensions["engine"].close()


@pytest.fixture()
def client(app):
    return app.test_client()
