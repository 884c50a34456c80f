"""Forms the Swedish Hunspell dictionary reads wrongly or not at all."""

from __future__ import annotations

# Plurals with a vowel change, which the Swedish Hunspell dictionary reads wrongly or
# not at all (``städer`` came back as the verb *städa*). Indefinite plural → lemma;
# the definite (-na) and genitive (-s) forms are derived. ``män`` is left out: its
# lemma ``man`` is also the pronoun, a stopword.
UMLAUT_PLURALS = {
    "städer": "stad", "händer": "hand", "länder": "land", "stränder": "strand",
    "tänder": "tand", "ränder": "rand", "söner": "son", "bönder": "bonde",
    "fötter": "fot", "rötter": "rot", "böcker": "bok", "nätter": "natt",
    "döttrar": "dotter", "mödrar": "moder", "bröder": "broder", "möss": "mus",
    "gäss": "gås",
}


def umlaut_lemma(word: str) -> str | None:
    """The singular of an umlaut plural in any of its forms.

    >>> umlaut_lemma("städerna"), umlaut_lemma("ländernas"), umlaut_lemma("stad")
    ('stad', 'land', None)
    """
    for ending in ("", "s", "na", "nas"):
        if ending and not word.endswith(ending):
            continue
        base = word[: len(word) - len(ending)] if ending else word
        if base in UMLAUT_PLURALS:
            return UMLAUT_PLURALS[base]
    return None
