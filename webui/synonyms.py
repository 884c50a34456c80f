"""Synonyms and abbreviations, applied at query time only.

The list lives in ``indexer/data/synonyms.txt`` so that an editor can change it
without touching code; it widens a query (``AF`` also finds
"Arbetsförmedlingen") and the page says so.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def synonym_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    text = (files("indexer") / "data" / "synonyms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        forms = tuple(" ".join(f.lower().split()) for f in line.split("=") if f.strip())
        for form in forms:
            groups[form] = tuple(f for f in forms if f != form)
    return groups


def expand_synonyms(word: str) -> list[str]:
    """Other forms of a single query word.

    >>> expand_synonyms("af")
    ['arbetsförmedlingen']
    >>> expand_synonyms("arbetsförmedlingen")
    ['af']
    >>> expand_synonyms("kooperativ")
    []
    """
    return list(synonym_groups().get(word.lower(), ()))
