"""The index's real surface words, for prefixes, å/ä/ö folding and typo fallback.

Loaded once per index version from the build's ``vocab.json`` (word → document
frequency). Every expansion is capped here, because a prefix or a typo over a
300,000-word vocabulary is where a pure-Python engine loses its seconds.
"""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from indexer.analysis import fold, has_swedish_letters
from indexer.derived import vocabulary_order

MIN_PREFIX = 3
MAX_PREFIX_TERMS = 48
MAX_FOLD_TERMS = 8


def typo_distance(word: str) -> int:
    """One edit for ordinary words, two for long ones (fewer false friends when short)."""
    return 2 if len(word) >= 8 else 1


class Vocabulary:
    def __init__(self, frequencies: dict[str, int],
                 lemmas: Callable[[str], tuple[str, ...]] | None = None,
                 order: tuple[list[str], dict[str, list[str]]] | None = None):
        """``order``: the sorted words and folded spellings, when the build computed
        them (``indexer.derived``)."""
        self.frequencies = frequencies
        self.lemmas = lemmas or (lambda word: ())
        self.sorted_words, folded = order if order is not None else vocabulary_order(
            frequencies)
        self._folded: dict[str, list[str]] = defaultdict(list, folded)
        self._buckets: tuple[dict, dict] | None = None
        self._buckets_lock = threading.Lock()

    def warm(self) -> None:
        """Make the typo buckets now (the web server does it beside serving)."""
        self._typo_buckets()

    def _typo_buckets(self) -> tuple[dict, dict]:
        """Typo candidates by (folded first letter, length), made on first use.

        A lookup scans only the buckets within the allowed edit distance, not the
        whole vocabulary. Built lazily (0.5 s at 10k) so that opening a swapped index
        does not wait for something only misspelt queries need.
        """
        with self._buckets_lock:
            if self._buckets is None:
                by_head: dict[tuple[str, int], list[str]] = defaultdict(list)
                by_head_folded: dict[tuple[str, int], list[str]] = defaultdict(list)
                for word in self.sorted_words:
                    if word.isalpha():
                        folded = fold(word)
                        key = (folded[:1], len(word))
                        by_head[key].append(word)
                        by_head_folded[key].append(folded)
                self._buckets = (by_head, by_head_folded)
            return self._buckets

    def __contains__(self, word: str) -> bool:
        return word in self.frequencies

    def df(self, word: str) -> int:
        return self.frequencies.get(word, 0)

    def folded(self, word: str) -> list[str]:
        """Indexed words that fold to ``word`` — only for words typed without å/ä/ö."""
        if has_swedish_letters(word):
            return []
        found = self._folded.get(word, [])
        return sorted(found, key=self.df, reverse=True)[:MAX_FOLD_TERMS]

    def prefixed(self, prefix: str, limit: int = MAX_PREFIX_TERMS) -> tuple[list[str], bool]:
        """The most frequent words starting with ``prefix``; True when capped."""
        start = bisect.bisect_left(self.sorted_words, prefix)
        found = []
        for word in self.sorted_words[start:]:
            if not word.startswith(prefix):
                break
            found.append(word)
            if len(found) > 20_000:
                break
        capped = len(found) > limit
        found.sort(key=self.df, reverse=True)
        return found[:limit], capped

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        """Real indexed words one (two for long words) edit away, most frequent first."""
        if not word.isalpha() or len(word) < 3:
            return []
        maxdist = typo_distance(word)
        folded_word = fold(word)
        head = fold(word[:1])
        candidates = []
        by_head, by_head_folded = self._typo_buckets()
        for length in range(len(word) - maxdist, len(word) + maxdist + 1):
            bucket = by_head.get((head, length), ())
            found = process.extract(folded_word, by_head_folded.get((head, length), ()),
                                    scorer=Levenshtein.distance, score_cutoff=maxdist,
                                    limit=None)
            for _, distance, index in found:
                if bucket[index] != word:
                    candidates.append((distance, -self.df(bucket[index]), bucket[index]))
        candidates.sort()
        return [c for _, _, c in candidates[:limit]]
