"""Imports point one way: language → indexer (build) → search → webui, the CLI on top.

Read from the source with ``ast`` (nothing is imported), so a lazy import inside a
function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indexer", "search", "webui")
# The command lines sit on top of everything and may reach down into any layer.
CLI_MODULES = {"indexer.cli", "indexer.__main__", "webui.__main__"}
# The language layer: pure Swedish analysis, no index, no search.
LANGUAGE = ("indexer.analysis", "indexer.lexicon", "indexer.textclean", "indexer.metadata",
            "indexer.kommuner")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            names: set[str] = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
                    names.update(f"{node.module}.{alias.name}" for alias in node.names)
            found[module_name(path)] = names
    return found


IMPORTS = imports()


def offenders(modules, forbidden) -> list[str]:
    return sorted(f"{module} → {name}" for module in modules
                  for name in IMPORTS[module]
                  if any(name == f or name.startswith(f + ".") for f in forbidden))


def test_the_import_graph_was_read():
    assert "search.engine" in IMPORTS and "webui.views" in IMPORTS
    assert "search.engine" in IMPORTS["webui"]


def test_the_indexer_never_imports_search_or_the_web_ui():
    modules = [m for m in IMPORTS if m.startswith("indexer") and m not in CLI_MODULES]
    assert offenders(modules, ("search", "webui", "flask")) == []


def test_the_search_core_imports_neither_flask_nor_the_web_ui_nor_the_build():
    modules = [m for m in IMPORTS if m.startswith("search")]
    assert offenders(modules, ("webui", "flask", "werkzeug", "indexer.build",
                               "indexer.cli")) == []


def test_the_web_ui_reaches_the_index_only_through_search():
    modules = [m for m in IMPORTS if m.startswith("webui") and m not in CLI_MODULES]
    assert offenders(modules, ("indexer.build", "indexer.cli", "whoosh")) == []


@pytest.mark.parametrize("layer", LANGUAGE)
def test_the_language_layer_knows_nothing_of_indexes(layer):
    modules = [m for m in IMPORTS if m == layer or m.startswith(layer + ".")]
    assert modules
    assert offenders(modules, ("indexer.build", "indexer.schema", "indexer.store",
                               "indexer.cli", "search", "webui", "whoosh.index")) == []


def test_the_cli_does_not_import_the_web_ui():
    assert offenders(["indexer.cli"], ("webui",)) == []
