"""The persisted word cache: :class:`WordInfo` per word, read without the dictionary.

The web process and every build read it; only :meth:`Lexicon.ensure` ever loads the
Hunspell dictionary (through :mod:`indexer.lexicon.dictionary`), and only for words
it has not seen.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: File name of the persisted word cache, conventionally stored next to the index.
DEFAULT_CACHE_NAME = "lexicon.json"

#: Layout version of the cache file; a file with another value is ignored.
FORMAT_VERSION = 1

#: Version of the morphology rules (``indexer.lexicon.morphology``). Bump it whenever
#: their output changes. A cache written by another version is still served by
#: :meth:`Lexicon.lookup` (better than nothing in the web process) but
#: :meth:`Lexicon.ensure` discards and rebuilds it.
MORPHOLOGY_VERSION = 4


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the lexicon knows about one lowercase word.

    ``lemmas``: dictionary base forms other than the word itself, best first
    (``sektorer`` -> ``("sektor",)``). ``()`` when the word is unknown or is its own base
    form.

    ``parts``: what a compound is findable by, at any depth: its smallest parts, each as
    a dictionary word, and the runs of neighbouring parts that are words themselves.
    Linking letters are removed, a part that exists only inside compounds is replaced by
    its word (``arbets`` -> ``arbete``), the last part is given as its base form
    (``arbetskooperativen`` -> ``("arbete", "kooperativ")``;
    ``arbetsmarknadsutbildningen`` -> arbetsmarknad, arbete, marknadsutbildning,
    marknad, utbildning), and a first part that is an adjective is left out
    (``socialtjänsten`` -> ``("tjänst",)``). ``()`` when the word is not a compound.
    """

    lemmas: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


_EMPTY = WordInfo()


# --------------------------------------------------------------------------------------
# The persisted cache
# --------------------------------------------------------------------------------------


def _encode(info: WordInfo) -> str | list[list[str]]:
    """Cache-file form of one entry: ``"lemma lemma|part part"`` (``""`` when empty).

    Why strings: ``json`` parses 200k short strings about four times faster than 200k
    small nested lists, and most entries are never looked up in a given process. A value
    that cannot be written this way (a space or ``|`` inside) falls back to two lists.
    """
    items = info.lemmas + info.parts
    if any(" " in s or "|" in s or not s for s in items):
        return [list(info.lemmas), list(info.parts)]
    text = " ".join(info.lemmas)
    if info.parts:
        text += "|" + " ".join(info.parts)
    return text


def _decode(value: str | list[list[str]]) -> WordInfo:
    if not value:
        return _EMPTY
    if isinstance(value, str):
        lemmas, _, parts = value.partition("|")
        return WordInfo(tuple(lemmas.split()), tuple(parts.split()))
    lemmas, parts = value
    return WordInfo(tuple(lemmas), tuple(parts))


class Lexicon:
    """Word -> :class:`WordInfo` cache, filled from the dictionary on demand.

    Why the split between :meth:`lookup` and :meth:`ensure`: the indexer calls
    :meth:`ensure` once with the vocabulary of a build, so the dictionary is loaded once
    (or not at all when every word is cached), and then :meth:`lookup` per token, which is
    a plain dict access.

    Entries read from a file stay in their encoded form until first looked up, which
    keeps :meth:`load` fast.
    """

    def __init__(self, entries: Mapping[str, WordInfo] | None = None):
        self._entries: dict[str, WordInfo | str | list[list[str]]] = {}
        if entries:
            for word, info in entries.items():
                self._entries[word.lower()] = info
        #: Identity of the dictionary the entries came from (``None``: unknown).
        self.source: str | None = None
        #: :data:`MORPHOLOGY_VERSION` of the entries.
        self.morphology_version: int = MORPHOLOGY_VERSION

    # -- persistence -------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Lexicon:
        """Read a cache written by :meth:`save`. A missing, unreadable or foreign file
        gives an empty lexicon (the next :meth:`ensure` rebuilds it). Never loads the
        dictionary."""
        lex = cls()
        try:
            with open(path, "rb") as fh:
                raw = json.loads(fh.read())
        except FileNotFoundError:
            return lex
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable lexicon cache %s: %s", path, exc)
            return lex
        if not isinstance(raw, dict) or raw.get("format") != FORMAT_VERSION:
            log.warning("ignoring lexicon cache %s: unknown format", path)
            return lex
        lex.source = raw.get("source")
        lex.morphology_version = raw.get("analyser", 0)
        entries = raw.get("entries")
        if isinstance(entries, dict):
            lex._entries = entries
        return lex

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the cache atomically (temporary file in the same directory, then
        ``os.replace``), so a crash or a concurrent reader never sees half a file."""
        path = Path(path)
        entries = {
            word: value if not isinstance(value, WordInfo) else _encode(value)
            for word, value in self._entries.items()
        }
        doc = {
            "format": FORMAT_VERSION,
            "analyser": self.morphology_version,
            "source": self.source,
            "entries": entries,
        }
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    # -- queries -----------------------------------------------------------------------

    def lookup(self, word: str) -> WordInfo | None:
        """The cached analysis of ``word`` (any case), or ``None`` if it was never
        analysed. Cache only: never loads the dictionary."""
        entries = self._entries
        value = entries.get(word)
        if value is None:
            word = word.lower()
            value = entries.get(word)
            if value is None:
                return None
        if value.__class__ is not WordInfo:
            value = entries[word] = _decode(value)  # type: ignore[arg-type]
        return value  # type: ignore[return-value]

    def ensure(self, words: Iterable[str]) -> int:
        """Analyse every word (lowercased) that is not cached yet and return how many
        were analysed. The dictionary is loaded lazily, once per process, and only if a
        word is missing.

        A cache made by another dictionary or morphology version is dropped first, and the
        words passed here are analysed afresh (the indexer passes its whole vocabulary).
        """
        entries = self._entries
        wanted = {w.lower() for w in words if w}
        todo = wanted - entries.keys()
        if not todo:
            return 0
        from indexer.lexicon.dictionary import get_morphology

        morphology = get_morphology()
        if self.morphology_version != MORPHOLOGY_VERSION or (
            self.source is not None and self.source != morphology.source
        ):
            log.info(
                "lexicon cache is stale (%s, v%s); re-analysing", self.source,
                self.morphology_version,
            )
            entries.clear()
            todo = wanted
        self.source = morphology.source
        self.morphology_version = MORPHOLOGY_VERSION
        analyse = morphology.analyse
        for word in todo:
            entries[word] = analyse(word)
        return len(todo)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self._entries

    def __repr__(self) -> str:
        return f"Lexicon({len(self._entries)} words, source={self.source!r})"



class Expansions:
    """``word → lemmas (+ compound parts)`` over a lexicon's cache (the analyzer's view).

    Called, it gives lemmas and parts together (query terms, highlighting); the index
    analyzer asks :meth:`split` for the two apart, because a compound part weighs less
    than the word's own forms (``indexer.analysis.PART_WEIGHT``).
    """

    def __init__(self, lexicon: Lexicon, with_parts: bool = True):
        self.lexicon = lexicon
        self.with_parts = with_parts

    def split(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        info = self.lexicon.lookup(word)
        if info is None:
            return (), ()
        return info.lemmas, info.parts if self.with_parts else ()

    def __call__(self, word: str) -> tuple[str, ...]:
        lemmas, parts = self.split(word)
        return (*lemmas, *parts)


def expansion_lookup(lexicon: Lexicon, with_parts: bool = True) -> Expansions:
    """The lexicon's lookup: lemmas, plus compound parts unless ``with_parts`` is off."""
    return Expansions(lexicon, with_parts)
