"""Tests for indexer.lexicon: Hunspell-based lemmas, compound parts and the word cache.

The dictionary is read once per test process (a few seconds); the cache tests use a
fake morphology or none at all, so they run without spylls / hunspell-sv.
"""

from __future__ import annotations

import json

import pytest
import snowballstemmer

from indexer import lexicon
from indexer.lexicon import DEFAULT_CACHE_NAME, Lexicon, WordInfo
from indexer.lexicon import dictionary as lexicon_dictionary

LEMMAS = {
    "projektet": "projekt",
    "nätverket": "nätverk",
    "sektorn": "sektor",
    "sektorer": "sektor",
    "kooperativet": "kooperativ",
    "kooperativen": "kooperativ",
    "företagen": "företag",
    "kommunerna": "kommun",
    "sociala": "social",
    "kvinnor": "kvinna",
}

# Leading heads (arbetsmarknad) and compound parts (ersättningssystem) come before
# their smallest pieces.
COMPOUNDS = {
    "sjukersättningssystem": ("sjuk", "ersättningssystem", "ersättning", "system"),
    "jämställdhetsintegrering": ("jämställdhet", "integrering"),
    "arbetsmarknadspolitik": ("arbetsmarknad", "arbete", "marknad", "politik"),
    "försörjningsstödenheten": ("försörjningsstöd", "försörjning", "stöd", "enhet"),
    "handledarutbildning": ("handledare", "utbildning"),
    "försörjningsstöd": ("försörjning", "stöd"),
}

NOT_SPLIT = ["handledare", "företag", "kommunerna", "nätverket", "landskap", "verksamhet"]

ALL_WORDS = [
    *LEMMAS,
    *COMPOUNDS,
    *NOT_SPLIT,
    "arbetskooperativ",
    "arbetskooperativen",
    "samhällsentreprenörer",
    "arbetsförmedlingen",
    "xqzzyv",
    "Sektorer",
]


def _stem(word: str) -> str:
    return snowballstemmer.stemmer("swedish").stemWord(word)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    """A lexicon analysed from the real dictionary (loaded once per process)."""
    pytest.importorskip("spylls")
    try:
        lexicon.find_dictionary()
    except FileNotFoundError:
        pytest.skip("hunspell-sv is not installed")
    lx = Lexicon()
    assert lx.ensure(ALL_WORDS) == len({w.lower() for w in ALL_WORDS})
    return lx


def _info(lx: Lexicon, word: str) -> WordInfo:
    info = lx.lookup(word)
    assert info is not None, word
    return info


# -- lemmas --------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "lemma"), sorted(LEMMAS.items()))
def test_lemma(lex, word, lemma):
    info = _info(lex, word)
    assert info.lemmas[0] == lemma
    assert word not in info.lemmas


def test_base_form_has_no_lemma(lex):
    assert _info(lex, "företag").lemmas == ()


def test_unknown_word_is_empty_but_cached(lex):
    assert _info(lex, "xqzzyv") == WordInfo((), ())
    assert lex.lookup("aldrig-analyserat") is None


def test_words_are_lowercased(lex):
    assert "Sektorer" in lex
    assert _info(lex, "SEKTORER").lemmas == ("sektor",)


# -- compounds -----------------------------------------------------------------------


@pytest.mark.parametrize(("word", "parts"), sorted(COMPOUNDS.items()))
def test_compound_parts(lex, word, parts):
    assert _info(lex, word).parts == parts


def test_arbetskooperativ(lex):
    info = _info(lex, "arbetskooperativ")
    assert info.parts[-1] == "kooperativ"
    assert len(info.parts) == 2
    assert _stem(info.parts[0]) == _stem("arbete") == _stem("arbets")


def test_inflected_compound_gets_compound_lemma(lex):
    info = _info(lex, "arbetskooperativen")
    assert info.lemmas == ("arbetskooperativ",)
    assert info.parts == ("arbete", "kooperativ")


def test_samhallsentreprenorer(lex):
    info = _info(lex, "samhällsentreprenörer")
    assert info.parts[0] in ("samhälle", "samhälls")
    assert info.parts[1] in ("entreprenör", "entreprenörer")
    assert info.lemmas == ("samhällsentreprenör",)


def test_known_compound_with_linking_s_is_split(lex):
    info = _info(lex, "arbetsförmedlingen")
    assert info.lemmas == ("arbetsförmedling",)
    assert "förmedling" in info.parts


@pytest.mark.parametrize("word", NOT_SPLIT)
def test_simple_dictionary_words_are_not_split(lex, word):
    assert _info(lex, word).parts == ()


def test_hyphenated_word(lex):
    info = lexicon.get_morphology().analyse("eu-projektet")
    assert info.lemmas == ("eu-projekt",)
    assert info.parts == ("eu", "projekt")


def test_non_words_are_empty(lex):
    morphology = lexicon.get_morphology()
    for token in ("2024", "a" * 80, "e-post@x", ""):
        assert morphology.analyse(token) == WordInfo()


# -- cache ---------------------------------------------------------------------------


class FakeMorphology:
    """Stands in for the dictionary: records what it is asked."""

    def __init__(self, source: str = "fake 1"):
        self.source = source
        self.seen: list[str] = []

    def analyse(self, word: str) -> WordInfo:
        self.seen.append(word)
        return WordInfo((word + "x",), ()) if word.startswith("k") else WordInfo()


def _forbid_dictionary(monkeypatch):
    def boom(*_args, **_kwargs):
        raise AssertionError("the dictionary must not be loaded")

    monkeypatch.setattr(lexicon_dictionary, "_MORPHOLOGY", None)
    monkeypatch.setattr(lexicon_dictionary, "load_dictionary", boom)


def test_save_load_round_trip(tmp_path):
    entries = {
        "sektorer": WordInfo(("sektor",), ()),
        "arbetskooperativen": WordInfo(("arbetskooperativ",), ("arbete", "kooperativ")),
        "okänt": WordInfo(),
        "delar": WordInfo((), ("del", "ar")),
        "konstig": WordInfo(("med mellanslag", "rör|streck"), ("x",)),
    }
    lx = Lexicon(entries)
    lx.source = "test-dictionary"
    path = tmp_path / "sub" / DEFAULT_CACHE_NAME
    lx.save(path)
    assert [p.name for p in path.parent.iterdir()] == [DEFAULT_CACHE_NAME]  # no temp files
    json.loads(path.read_text(encoding="utf-8"))

    loaded = Lexicon.load(path)
    assert len(loaded) == len(entries)
    assert loaded.source == "test-dictionary"
    for word, info in entries.items():
        assert loaded.lookup(word) == info
    # Saving a loaded (partly still encoded) lexicon gives the same content.
    loaded.save(path)
    again = Lexicon.load(path)
    assert {w: again.lookup(w) for w in entries} == entries


def test_load_missing_or_broken_file(tmp_path):
    assert len(Lexicon.load(tmp_path / "missing.json")) == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert len(Lexicon.load(broken)) == 0
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"format": 999, "entries": {"a": ""}}), encoding="utf-8")
    assert len(Lexicon.load(foreign)) == 0


def test_lookup_and_load_never_load_the_dictionary(tmp_path, monkeypatch):
    path = tmp_path / DEFAULT_CACHE_NAME
    Lexicon({"sektorer": WordInfo(("sektor",), ())}).save(path)
    _forbid_dictionary(monkeypatch)
    lx = Lexicon.load(path)
    assert lx.lookup("sektorer") == WordInfo(("sektor",), ())
    assert lx.lookup("Sektorer") == WordInfo(("sektor",), ())
    assert lx.lookup("projektet") is None
    # Nothing missing: ensure must not load the dictionary either.
    assert lx.ensure(["sektorer", "SEKTORER", ""]) == 0


def test_ensure_analyses_only_missing_words(monkeypatch):
    fake = FakeMorphology()
    monkeypatch.setattr(lexicon_dictionary, "_MORPHOLOGY", fake)
    lx = Lexicon()
    assert lx.ensure(iter(["kaka", "Kaka", "bord"])) == 2
    assert sorted(fake.seen) == ["bord", "kaka"]
    assert lx.ensure(["kaka", "bord", "katt"]) == 1
    assert fake.seen[-1] == "katt"
    assert lx.lookup("katt") == WordInfo(("kattx",), ())
    assert lx.source == "fake 1"
    assert len(lx) == 3


def test_stale_cache_is_rebuilt_by_ensure(tmp_path, monkeypatch):
    path = tmp_path / DEFAULT_CACHE_NAME
    old = Lexicon({"kaka": WordInfo(("gammal",), ()), "bord": WordInfo()})
    old.source = "older dictionary"
    old.save(path)
    fake = FakeMorphology(source="newer dictionary")
    monkeypatch.setattr(lexicon_dictionary, "_MORPHOLOGY", fake)
    lx = Lexicon.load(path)
    assert lx.lookup("kaka") == WordInfo(("gammal",), ())  # still served before ensure
    assert lx.ensure(["kaka", "katt"]) == 2
    assert lx.lookup("kaka") == WordInfo(("kakax",), ())
    assert lx.lookup("bord") is None  # dropped with the stale cache
    assert lx.source == "newer dictionary"


def test_ensure_without_dictionary_keeps_cache(monkeypatch):
    def missing(*_args, **_kwargs):
        raise FileNotFoundError("no dictionary")

    monkeypatch.setattr(lexicon_dictionary, "_MORPHOLOGY", None)
    monkeypatch.setattr(lexicon_dictionary, "load_dictionary", missing)
    lx = Lexicon({"kaka": WordInfo(("k",), ())})
    with pytest.raises(FileNotFoundError):
        lx.ensure(["kaka", "nytt"])
    assert lx.lookup("kaka") == WordInfo(("k",), ())
