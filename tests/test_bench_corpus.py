"""The benchmark corpus generator (bench/make_corpus.py): deterministic and ESF-shaped.

Uses the built-in text source, so no network and no journal-digital are needed.
"""

from __future__ import annotations

import csv
import doctest
import importlib
import re
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
make_corpus = importlib.import_module("bench.make_corpus")
swedish_text = importlib.import_module("bench.swedish_text")

N_DOCS = 40
SEED = 7
LABELS = [
    "Programområde", "Projektfas", "Projektägare", "Kontaktperson", "E-post",
    "Telefonnummer", "Beviljat ESF-stöd", "Total projektbudget", "Projektperiod", "Region",
]
SECTIONS = [
    "Sammanfattning", "Bakgrund", "Syfte", "Målsättning",
    "Tillgänglighet för personer med funktionsnedsättning", "Jämställdhetsintegrering",
]
KRONOR = re.compile(r"^(0|[1-9]\d{0,2}(\u00a0\d{3})*) kr$")
PERIOD = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) till (\d{4})-(\d{2})-(\d{2})$")


def _csv_column(name: str, column: str) -> set[str]:
    with (ROOT / "indexer" / "data" / name).open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


KOMMUNER = _csv_column("kommuner.csv", "municipality_name_short")
REGIONS = _csv_column("esf_regioner.csv", "esf_region")


def _generate(path: Path, n_docs: int = N_DOCS, **kwargs) -> Path:
    return make_corpus.generate_corpus(path, n_docs, seed=SEED, source="builtin", **kwargs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("bench") / "a")


@pytest.fixture(scope="module")
def docs(corpus) -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(corpus.glob("esf_*.txt"))}


def _metadata(text: str) -> dict[str, str]:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(LABELS[0]))
    return {label: lines[first + k][len(label):] for k, label in enumerate(LABELS)}


def test_same_arguments_give_byte_identical_output(corpus, tmp_path):
    again = _generate(tmp_path / "b")
    names = sorted(p.name for p in corpus.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (corpus / name).read_bytes() == (again / name).read_bytes(), name


def test_smaller_corpus_is_a_prefix_and_other_seed_differs(corpus, tmp_path):
    small = _generate(tmp_path / "small", 5)
    for i in range(5):
        name = f"esf_{i:06d}.txt"
        assert (small / name).read_bytes() == (corpus / name).read_bytes()
    other = make_corpus.generate_corpus(tmp_path / "other", 5, seed=SEED + 1, source="builtin")
    assert (other / "esf_000000.txt").read_bytes() != (corpus / "esf_000000.txt").read_bytes()


def test_number_and_names_of_files(corpus, docs):
    assert list(docs) == [f"esf_{i:06d}.txt" for i in range(N_DOCS)]
    assert sorted(p.name for p in corpus.iterdir()) == sorted([*docs, "manifest.json"])


def test_page_layout_and_metadata_labels_in_order(docs):
    for name, text in docs.items():
        assert "\r" not in text and not text.endswith("\n"), name
        lines = text.split("\n")
        assert lines[:2] == ["Logotyp på utskrifter", ""], name
        first = next(i for i, line in enumerate(lines) if line.startswith(LABELS[0]))
        assert lines[first - 1] == "" and lines[first - 2].strip(), name  # the title
        for k, label in enumerate(LABELS):
            line = lines[first + k]
            assert line.startswith(label) and len(line) > len(label), (name, line)
        assert lines[first + len(LABELS)] == "In English", name
        assert sum(line.startswith("ProgramområdeProgramområde ") for line in lines) == 1


def test_sections_in_order_each_standing_alone(docs):
    for name, text in docs.items():
        lines = text.split("\n")
        found = [(i, line) for i, line in enumerate(lines) if line in SECTIONS]
        headings = [line for _, line in found]
        assert headings[0] == "Sammanfattning", name
        assert 4 <= len(headings) <= 6 and headings == sorted(headings, key=SECTIONS.index)
        for i, _ in found:
            assert lines[i - 1] == "" and lines[i + 1] == "" and lines[i + 2].strip(), name


def test_kommun_list_names_are_real_municipalities(docs):
    for name, text in docs.items():
        head, _, tail = text.rpartition("\n\nKommun\n\n")
        assert head, name
        items = tail.split("\n")
        assert all(item.startswith(" • ") for item in items), name
        kommuner = [item[3:] for item in items]
        assert 1 <= len(kommuner) <= 40, name
        assert set(kommuner) <= KOMMUNER, (name, set(kommuner) - KOMMUNER)
        assert len(set(kommuner)) == len(kommuner), name
        assert kommuner == sorted(kommuner, key=make_corpus.swedish_key), name


def test_metadata_values(docs):
    for name, text in docs.items():
        meta = _metadata(text)
        assert meta["Region"] in REGIONS, name
        assert meta["Projektfas"] in {phase for phase, _ in make_corpus.PHASES}, name
        assert re.fullmatch(r"Programområde \d \w.*", meta["Programområde"]), name
        assert re.fullmatch(r"[^@\s]+@[a-z0-9.-]+\.[a-z]+", meta["E-post"]), name
        assert meta["Telefonnummer"] == "saknas" or re.fullmatch(
            r"0\d{1,3}-[\d ]+\d", meta["Telefonnummer"]), name
        match = PERIOD.fullmatch(meta["Projektperiod"])
        assert match, name
        start = date(*map(int, match.groups()[:3]))
        end = date(*map(int, match.groups()[3:]))
        assert 2000 <= start.year <= 2027, name
        months = (end.year - start.year) * 12 + end.month - start.month
        assert start < end and 5 <= months <= 37, (name, start, end)


def test_budgets_are_formatted_and_consistent(docs):
    for name, text in docs.items():
        meta = _metadata(text)
        esf, total = meta["Beviljat ESF-stöd"], meta["Total projektbudget"]
        assert KRONOR.match(esf) and KRONOR.match(total), (name, esf, total)
        as_int = [int(v.removesuffix(" kr").replace("\u00a0", "")) for v in (esf, total)]
        assert as_int[0] <= as_int[1], name


def test_existing_corpus_is_reused_and_others_need_force(tmp_path):
    out = _generate(tmp_path / "c", 3)
    stamp = (out / "esf_000000.txt").stat().st_mtime_ns
    assert _generate(out, 3) == out  # up to date: nothing rewritten
    assert (out / "esf_000000.txt").stat().st_mtime_ns == stamp
    with pytest.raises(FileExistsError):
        _generate(out, 2)
    _generate(out, 2, force=True)
    assert sorted(p.name for p in out.glob("esf_*.txt")) == ["esf_000000.txt", "esf_000001.txt"]


def test_template_themes_match_their_words():
    """Theme control relies on templates naming exactly the trigger words of their themes."""
    templates = [
        *swedish_text.DOMAIN_TEMPLATES, *swedish_text.GOAL_TEMPLATES,
        *swedish_text.TITLE_TEMPLATES,
        *(t for ts in swedish_text.SECTION_TEMPLATES.values() for t in ts),
        *(t for ts in swedish_text.OPENERS.values() for t in ts),
    ]
    for template in templates:
        assert template.themes == swedish_text.themes_in(template.text)
        assert not make_corpus._starts_with_label(template.text), template.text
    for slot, words in swedish_text.WORDS.items():
        for word in words:
            assert not swedish_text.themes_in(word), (slot, word)
    for name in (*swedish_text.SUBHEADINGS, *make_corpus.KOMMUN_UNITS):
        assert not swedish_text.themes_in(name), name


def test_filler_filter_drops_theme_words_and_junk():
    keep = "Under sommaren byggdes en ny bro över älven vid den gamla kvarnen."
    assert swedish_text.is_good_sentence(keep)
    assert not swedish_text.is_good_sentence("Handledare och elever samlades på gården i dag.")
    assert not swedish_text.is_good_sentence("00:00:19,734 --> 00:00:21,554")
    assert swedish_text.split_sentences("Ett. Två tre! fyra") == ["Ett.", "Två tre! fyra"]


@pytest.mark.parametrize("module", [make_corpus, swedish_text], ids=["make_corpus", "text"])
def test_module_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
