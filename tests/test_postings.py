"""One-pass postings (indexer.postings) equal the analysis chain's, term for term."""

from __future__ import annotations

import pytest
from whoosh.formats import Frequency, Positions

from indexer import analysis, postings
from indexer.document import parse_document
from indexer.schema import BODY, SURFACE, TITLE, build_schema, document_fields
from tests.conftest import SEEDS


class FakeLexicon:
    """Lemmas and parts for a few words, so the lexicon filter's path is exercised."""

    known = {"kooperativen": (("kooperativ",), ()),
             "arbetsmarknadsutbildningen": (("arbetsmarknadsutbildning",),
                                            ("arbetsmarknad", "utbildning")),
             "sektorer": (("sektor",), ()),
             "varor": (("vara",), ())}

    def split(self, word):
        return self.known.get(word, ((), ()))

    def __call__(self, word):
        lemmas, parts = self.split(word)
        return (*lemmas, *parts)


@pytest.fixture(params=["no lexicon", "lexicon"])
def lexicon(request):
    analysis.install_expansions(FakeLexicon() if request.param == "lexicon" else None)
    yield
    analysis.install_expansions(None)


def chain_values(fmt, value, analyzer):
    """(term, frequency, weight, positions) of a value, positions decoded by ``fmt``."""
    decode = fmt.decode_positions if isinstance(fmt, Positions) else fmt.decode_frequency
    return sorted((term, freq, weight, decode(encoded))
                  for term, freq, weight, encoded in fmt.word_values(value, analyzer))


TEXTS = [
    "Arbetsmarknadsutbildningen och kooperativen i Upplands-Väsby, ASF:en och FN:s mål.",
    "Kontakt: lena.berg@kvarnen.nu, 0520-167 60, www.kvarnen.nu, SFS 2001:453. Varor!",
    analysis.banded([(0, "Coompanion Fyrbodal"),
                     (5, analysis.headed("Syfte", "Sociala företag i offentliga sektorer.")),
                     (11, "Mölndal\nUpplands-Väsby")]),
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_positions_are_the_chains(text, lexicon):
    schema = build_schema()
    field = schema[BODY]
    assert isinstance(field.format, postings.SwedishPositions)
    ours = chain_values(field.format, text, field.analyzer)
    theirs = chain_values(Positions(), text, field.analyzer)
    assert [(t, f, v) for t, f, _, v in ours] == [(t, f, v) for t, f, _, v in theirs]
    assert [w for *_, w, _ in ours] == pytest.approx([w for *_, w, _ in theirs])


def test_every_seed_document_gets_the_chains_postings(lexicon):
    schema = build_schema()
    for path in sorted(SEEDS.glob("*.txt")):
        fields = document_fields(parse_document(path.read_text("utf-8"), path.stem), "")
        for name in (TITLE, BODY):
            field = schema[name]
            ours = chain_values(field.format, fields[name], field.analyzer)
            theirs = chain_values(Positions(), fields[name], field.analyzer)
            assert [(t, f, v) for t, f, _, v in ours] == [(t, f, v) for t, f, _, v in theirs]
            assert [w for *_, w, _ in ours] == pytest.approx([w for *_, w, _ in theirs])
        surface = schema[SURFACE]
        assert isinstance(surface.format, postings.SurfaceFrequency)
        assert chain_values(surface.format, fields[SURFACE], surface.analyzer) == \
            chain_values(Frequency(), fields[SURFACE], surface.analyzer)


def test_the_cache_starts_over_when_another_lexicon_is_installed():
    part = analysis.stem("arbetsmarknad")
    analysis.install_expansions(None)
    assert postings.expansions("kooperativen", False) == (("kooperativ", 1.0),)
    analysis.install_expansions(FakeLexicon())
    try:
        assert postings.expansions("varor", False) == (("var#", 1.0),)  # lemma is a stopword
        assert (part, analysis.PART_WEIGHT) in postings.expansions(
            "arbetsmarknadsutbildningen", False)
    finally:
        analysis.install_expansions(None)
    assert (part, analysis.PART_WEIGHT) not in postings.expansions(
        "arbetsmarknadsutbildningen", False)


def test_another_analyzer_falls_back_to_the_token_stream():
    from whoosh.analysis import StandardAnalyzer

    fmt = postings.SwedishPositions()
    assert chain_values(fmt, "Två ord två", StandardAnalyzer()) == \
        chain_values(Positions(), "Två ord två", StandardAnalyzer())


def test_varint_positions_round_trip():
    import random

    fmt = postings.SwedishPositions()
    rng = random.Random(7)
    for _ in range(200):
        positions = sorted(rng.sample(range(1, 1 << 24), rng.randint(1, 300)))
        encoded = fmt.encode(positions)
        assert fmt.decode_positions(encoded) == positions
        assert fmt.decode_frequency(encoded) == len(positions)
    assert fmt.decode_positions(fmt.encode([0])) == [0]


def test_the_one_pass_path_never_runs_the_token_stream(monkeypatch):
    schema = build_schema()
    fields = document_fields(parse_document(sorted(SEEDS.glob("*.txt"))[0].read_text("utf-8"),
                                            "x"), "")
    expected = {name: chain_values(schema[name].format, fields[name], schema[name].analyzer)
                for name in (TITLE, BODY, SURFACE)}

    def no_stream(*args, **kwargs):
        raise AssertionError("the token stream ran")

    monkeypatch.setattr(analysis.SwedishTokenizer, "__call__", no_stream)
    for name in (TITLE, BODY, SURFACE):
        field = schema[name]
        assert chain_values(field.format, fields[name], field.analyzer) == expected[name]
