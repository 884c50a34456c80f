"""Index-time analysis in one pass: the postings of a field value without a token stream.

Whoosh analyses a value by pulling every word through a chain of generators (the
tokenizer and three filters, ``indexer.analysis``), setting attributes on a shared
token at every step, and a field's format collects the results. A build analyses
some 1,500 words per document that way; the filters' answer depends on nothing but
the word itself (its variants, lemmas, compound parts and stems, each with a weight
factor), so here each distinct word is run through the real filters once and the
answer is cached; every later occurrence is a dictionary lookup. The tokenizer's
positions and weights (section bands, headings) come from the same regular
expressions. The postings are the ones the chain gives, term for term and weight for
weight (``tests/test_postings.py`` checks that on whole documents).

The formats are module-level classes because Whoosh pickles them into the schema.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from itertools import accumulate

from whoosh.analysis import Token
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from indexer import analysis

# A build's distinct words (and their hyphen/colon forms) stay well below this; past
# it the cache starts over rather than grow without bound.
MAX_CACHED_WORDS = 400_000

_cache: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {}
_cache_for: list = [None]  # the expansion lookup the cache was filled with


def _current_cache() -> dict:
    """The word cache for the installed lexicon lookup (emptied when it changes)."""
    lookup = analysis.current_expansions()
    if _cache_for[0] is not lookup:
        _cache.clear()
        _cache_for[0] = lookup
    elif len(_cache) >= MAX_CACHED_WORDS:
        _cache.clear()
    return _cache


def expansions(text: str, protected: bool) -> tuple[tuple[str, float], ...]:
    """(term, weight factor) of every index term one lower-cased token becomes, as the
    chain's filters give them (same position, in order).

    >>> expansions("asf:en", False)
    (('asf:en', 1.0), ('asf', 1.0))
    """
    cache = _current_cache()
    key = (text, protected)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _run_filters(text, protected)
    return found


def _run_filters(text: str, protected: bool) -> tuple[tuple[str, float], ...]:
    token = Token(positions=True, boosts=True, mode="index")
    token.text, token.protected, token.extra, token.boost = text, protected, False, 1.0
    token.pos, token.stopped = 0, False
    stream = analysis.StemFilter()(analysis.LexiconFilter()(analysis.VariantFilter()(
        iter((token,)))))
    return tuple((t.text, t.boost) for t in stream)


def is_swedish_chain(analyzer) -> bool:
    """Whether ``analyzer`` is exactly the stemmed chain this module reproduces."""
    items = getattr(analyzer, "items", None)
    return (items is not None and len(items) == 4
            and [type(item) for item in items] == [analysis.SwedishTokenizer,
                                                   analysis.VariantFilter,
                                                   analysis.LexiconFilter,
                                                   analysis.StemFilter])


def _positions(value: str, tokenizer) -> tuple[dict, dict]:
    # The hot loop of a build: locals only, one cache lookup per token.
    poses: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, float] = defaultdict(float)
    cache = _current_cache()
    get = cache.get
    for pos, boost, text, protected, _ in tokenizer._scan(value, 0):
        key = (text, protected)
        found = get(key)
        if found is None:
            found = cache[key] = _run_filters(text, protected)
        for term, factor in found:
            poses[term].append(pos)
            weights[term] += boost * factor
    return poses, weights


def _varint(out: bytearray, value: int) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


_WIDTHS = ((0xFF, "B"), (0xFFFF, "H"), (0xFFFFFFFF, "I"))


class SwedishPositions(Positions):
    """Positions of the stemmed Swedish chain, analysed in one pass (see above), and
    stored compactly.

    Whoosh's own encoding is a 4-byte count and a pickled list of deltas: 12 bytes for
    the typical posting with one position, most of it pickle framing. Here: the count
    and the first position as varints (2–4 bytes; a band's first position is a large
    number), then the remaining deltas as one array of the narrowest unsigned type
    that holds them, so that a phrase query decodes them in C (``array`` and
    ``accumulate``), not byte by byte in Python.

    >>> fmt = SwedishPositions()
    >>> encoded = fmt.encode([3, 5, 1_048_580])
    >>> len(encoded), fmt.decode_positions(encoded), fmt.decode_frequency(encoded)
    (11, [3, 5, 1048580], 3)
    >>> len(fmt.encode([1_048_580])), len(fmt.encode([7, 9, 200]))
    (4, 5)
    """

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str) or not is_swedish_chain(analyzer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        field_boost = self.field_boost
        poses, weights = _positions(value, analyzer.items[0])
        encode = self.encode
        for term, poslist in poses.items():
            yield term, len(poslist), weights[term] * field_boost, encode(poslist)

    def encode(self, poslist) -> bytes:
        out = bytearray()
        _varint(out, len(poslist))
        if not poslist:
            return bytes(out)
        first = poslist[0]
        _varint(out, first)
        if len(poslist) == 1:  # most postings
            return bytes(out)
        if len(poslist) > 1:
            deltas = [b - a for a, b in zip(poslist, poslist[1:], strict=False)]
            largest = max(deltas)
            code = next(code for limit, code in _WIDTHS if largest <= limit)
            out.append(ord(code))
            out += array(code, deltas).tobytes()
        return bytes(out)

    def decode_frequency(self, valuestring: bytes) -> int:
        return _read_varint(valuestring, 0)[0]

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_positions(self, valuestring: bytes) -> list[int]:
        count, at = _read_varint(valuestring, 0)
        if not count:
            return []
        first, at = _read_varint(valuestring, at)
        if count == 1:
            return [first]
        deltas = array(chr(valuestring[at]), valuestring[at + 1:])
        return list(accumulate(deltas, initial=first))


class SurfaceFrequency(Frequency):
    """Frequencies of the surface tokenizer's words, without a token stream."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str) or type(analyzer) is not analysis.SwedishTokenizer:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        field_boost = self.field_boost
        freqs: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        for _, boost, text, _ in analyzer.words(value):
            freqs[text] += 1
            weights[text] += boost
        for term, freq in freqs.items():
            yield term, freq, weights[term] * field_boost, pack_uint(freq)
