"""Synonyms and abbreviations, applied at query time only.

The list lives in ``indexer/data/synonyms.txt`` so that an editor can change it
without touching code; it widens a query (``AF`` also finds "Arbetsförmedlingen")
and the page says so.

Forms are matched the way the index matches words, not letter by letter: a query
word meets a listed word when they share a stem, directly or through a lemma
(``Arbetsförmedling`` meets ``arbetsförmedlingen``, ``Försäkringskassa`` meets
``försäkringskassan``). A multi-word form matches a run of query words
(``arbetsintegrerande sociala företag`` → ``ASF``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from indexer.analysis import index_terms

Lemmas = Callable[[str], Sequence[str]]


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Every group of the editable list, each form lower-cased with single spaces."""
    groups = []
    text = (files("indexer") / "data" / "synonyms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        forms = tuple(" ".join(f.lower().split()) for f in line.split("=") if f.strip())
        if len(forms) > 1:
            groups.append(forms)
    return tuple(groups)


@dataclass(frozen=True)
class SynonymMatch:
    length: int               # how many query words the matched form covers
    form: str                 # the listed form that matched
    others: tuple[str, ...]   # the rest of its group: what the query is widened with


class SynonymTable:
    """The list, keyed by the stems (and lemma stems) of each form's words.

    >>> table = SynonymTable()
    >>> table.match(["af"]).others
    ('arbetsförmedlingen',)
    >>> table.match(["arbetsförmedlingen"]).others
    ('af',)
    >>> table.match(["arbetsintegrerande", "sociala", "företag", "i", "solna"]).length
    3
    >>> table.match(["kooperativ"]) is None
    True
    """

    def __init__(self, lemmas: Lemmas | None = None):
        self._lemmas = lemmas
        # first word's key → [(keys of every word of the form, form, others)]
        self._by_first: dict[str, list[tuple[tuple[frozenset[str], ...], str, tuple]]] = {}
        for group in synonym_groups():
            for form in group:
                keys = tuple(self.keys(word) for word in form.split())
                others = tuple(other for other in group if other != form)
                for key in keys[0]:
                    self._by_first.setdefault(key, []).append((keys, form, others))

    def keys(self, word: str) -> frozenset[str]:
        return frozenset(index_terms(word.lower(), self._lemmas))

    def match(self, words: Sequence[str]) -> SynonymMatch | None:
        """The longest listed form that the words *start* with, if any."""
        if not words:
            return None
        word_keys = [self.keys(w) for w in words]
        best: SynonymMatch | None = None
        for key in word_keys[0]:
            for form_keys, form, others in self._by_first.get(key, ()):
                n = len(form_keys)
                if n > len(words) or (best and best.length >= n):
                    continue
                if all(form_keys[i] & word_keys[i] for i in range(n)):
                    best = SynonymMatch(n, form, others)
        return best

