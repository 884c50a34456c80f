"""Our synonym list, matched the way the query builder matches it.

The list is the editable ``indexer/data/synonyms.txt``. A query word meets a listed
word when they share an index term (a stem, directly or through a lemma), so
``Arbetsförmedling`` meets ``arbetsförmedlingen``; a run of query words meets a
multi-word form (``arbetsintegrerande sociala företag`` → ``ASF``). The search core
has the same table; this copy exists because the indexer may not import the search
layer, and ``tests/test_export_lucene.py`` compares the two behaviours' results.

>>> table = SynonymTable()
>>> table.match(["af"]).others
('arbetsförmedlingen',)
>>> table.match(["arbetsintegrerande", "sociala", "företag", "i", "solna"]).length
3
>>> table.match(["kooperativ"]) is None
True
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
    """Every group of the list, each form lower-cased with single spaces."""
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
    others: tuple[str, ...]   # the rest of its group


class SynonymTable:
    """The list keyed by the index terms of each form's words."""

    def __init__(self, lemmas: Lemmas | None = None):
        self._lemmas = lemmas
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

    def widenings(self, vocabulary: Sequence[str]) -> dict[str, list[str]]:
        """Our list as explicit rules: word or form → the other forms it widens to.

        A single-word form is listed with every vocabulary word that meets it
        (``arbetsförmedling`` → ``af``): the engine matches rule words letter by
        letter, we match them by index terms.

        >>> SynonymTable().widenings(["af:s", "kooperativ"])["af:s"]
        ['arbetsförmedlingen']
        """
        by_key: dict[str, set[str]] = {}
        for word in vocabulary:
            for key in self.keys(word):
                by_key.setdefault(key, set()).add(word)
        rules: dict[str, list[str]] = {}
        for group in synonym_groups():
            for form in group:
                others = [other for other in group if other != form]
                meeting = {form} if " " in form else \
                    {form} | {w for key in self.keys(form) for w in by_key.get(key, ())}
                for word in sorted(meeting):
                    known = rules.setdefault(word, [])
                    known.extend(o for o in others if o not in known and o != word)
        return rules
