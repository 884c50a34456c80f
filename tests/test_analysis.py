"""The Swedish chain: tokens as Swedes write them, stems pinned in a data file."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from indexer import analysis
from indexer.analysis import stem, surface_analyzer, swedish_analyzer

STEMS = Path(__file__).parent / "data" / "stems.tsv"


def _stem_cases():
    for line in STEMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, expected = line.split("\t")[:2]
            yield word, expected


@pytest.mark.parametrize("word, expected", list(_stem_cases()))
def test_stem_vocabulary(word, expected):
    assert stem(word) == expected


def terms(text: str) -> list[str]:
    return [t.text for t in swedish_analyzer()(text)]


@pytest.mark.parametrize("forms", [
    ["kooperativ", "kooperativet", "kooperativen"],
    ["företag", "företagen", "företagets"],
    ["kommun", "kommunerna"],
    ["arbetsförmedlingen", "Arbetsförmedlingens"],
])
def test_inflected_forms_meet(forms):
    stems = [set(terms(form)) for form in forms]
    assert set.intersection(*stems), stems


def test_swedish_letters_stay_inside_words():
    assert [t.text for t in surface_analyzer()("Göteborg, Malmö och Västerås; Zürich café")] == [
        "göteborg", "malmö", "och", "västerås", "zürich", "café"]


def test_acronym_with_colon_ending_reaches_the_bare_acronym():
    assert terms("ASF:en") == ["asf:en", "asf"]
    assert "fn" in terms("FN:s standardregler")


def test_case_never_matters():
    assert terms("IoP") == terms("IOP") == terms("iop")


def test_hyphenated_words_index_parts_and_closed_form():
    assert {"e-post", "post", "epost"} <= set(terms("e-post"))
    assert {"väsby", "upplandsväsby"} <= set(terms("Upplands-Väsby"))


def test_protected_tokens_are_kept_whole():
    # An address and a www-domain are also findable by their bare domain, never by
    # their pieces ("majlis", "coompanion").
    assert terms("majlis@karlsen.se") == ["majlis@karlsen.se", "karlsen.se"]
    assert terms("SoL (2001:453)") == ["sol", "2001:453"]
    assert terms("tel 0520-167 60") == ["tel", "0520-16760"]
    assert terms("www.coompanion.se") == ["www.coompanion.se", "coompanion.se"]
    assert terms("coompanion.se") == ["coompanion.se"]


def test_colon_endings_only_on_letters():
    assert terms("§ 5:7") == ["5:7"]


def test_stopwords_are_kept_in_the_index_but_cannot_meet_colliding_stems():
    assert terms("och var") == ["och", "var"]
    assert terms("varor") == ["var#"]


def test_same_position_tokens_share_positions():
    tokens = [(t.text, t.pos) for t in swedish_analyzer()("ASF:en arbetar", positions=True)]
    assert tokens == [("asf:en", 0), ("asf", 0), ("arbet", 1)]


def test_analyzer_survives_pickling():
    analyzer = swedish_analyzer()
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone == analyzer
    assert [t.text for t in clone("Kooperativen")] == ["kooperativ"]


def test_lexicon_expansions_are_added_at_index_time_only():
    analysis.install_expansions(lambda word: ("projekt",) if word == "projektet" else ())
    try:
        assert terms("projektet") == ["projektet", "projek"]
        query_terms = [t.text for t in swedish_analyzer()("projektet", mode="query")]
        assert query_terms == ["projektet"]
    finally:
        analysis.install_expansions(None)


def test_random_strings_never_break_the_chain():
    rng = random.Random(7)
    alphabet = "abcåäöéü ASF:-–'’.@0123456789\u00a0\t\n<>&\"•*?"
    analyzer = swedish_analyzer()
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for token in analyzer(text, positions=True, chars=True):
            assert token.text


def test_heading_words_weigh_more_and_no_phrase_runs_into_the_text():
    tokens = [(t.text, t.pos, t.boost) for t in swedish_analyzer()(
        analysis.headed("Medfinansiärer", "Region Gävleborg"), positions=True)]
    assert tokens[0][0] == "medfinansiär" and tokens[0][2] == analysis.HEADING_BOOST
    (_, heading_pos, _), (_, first_pos, boost) = tokens[0], tokens[1]
    assert first_pos > heading_pos + 1 and boost == 1.0  # a gap between heading and text


class _Lookup:
    """Stands in for indexer.lexicon.Expansions: lemmas and parts apart."""

    def split(self, word):
        return {"kooperativen": (("kooperativ",), ()),
                "arbetskooperativen": (("arbetskooperativ",), ("arbete", "kooperativ"))
                }.get(word, ((), ()))

    def __call__(self, word):
        lemmas, parts = self.split(word)
        return (*lemmas, *parts)


def test_a_compound_part_weighs_less_than_the_word_itself():
    analysis.install_expansions(_Lookup())
    try:
        weights = {t.text: t.boost for t in swedish_analyzer()("arbetskooperativen")}
        assert weights["arbetskooperativ"] == 1.0  # the lemma
        assert weights["kooperativ"] == analysis.PART_WEIGHT
        exact = {t.text: t.boost for t in swedish_analyzer()("kooperativen")}
        assert exact["kooperativ"] == 1.0
        heading = {t.text: t.boost for t in swedish_analyzer()(
            analysis.headed("Arbetskooperativen", ""))}
        assert heading["kooperativ"] == analysis.HEADING_BOOST * analysis.PART_WEIGHT
    finally:
        analysis.install_expansions(None)
