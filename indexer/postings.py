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

from collections import defaultdict

from whoosh.analysis import Token
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from indexer import analysis

# A build's distinct words (and their hyphen/colon forms) stay well below this; past
# it the cache starts over rather than grow without bound.
MAX_CACHED_WORDS = 400_000

_cache: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {}
_cache_for: list = [None]  # the expansion lookup the cache was filled with


def expansions(text: str, protected: bool) -> tuple[tuple[str, float], ...]:
    """(term, weight factor) of every index term one lower-cased token becomes, as the
    chain's filters give them (same position, in order).

    >>> expansions("asf:en", False)
    (('asf:en', 1.0), ('asf', 1.0))
    """
    lookup = analysis.current_expansions()
    if _cache_for[0] is not lookup:
        _cache.clear()
        _cache_for[0] = lookup
    key = (text, protected)
    found = _cache.get(key)
    if found is None:
        if len(_cache) >= MAX_CACHED_WORDS:
            _cache.clear()
        found = _cache[key] = _run_filters(text, protected)
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
    poses: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, float] = defaultdict(float)
    for pos, boost, text, protected in tokenizer.words(value):
        for term, factor in expansions(text, protected):
            poses[term].append(pos)
            weights[term] += boost * factor
    return poses, weights


class SwedishPositions(Positions):
    """Positions of the stemmed Swedish chain, analysed in one pass (see above), and
    stored as varints.

    Whoosh's own encoding is a 4-byte count and a pickled list of deltas: 12 bytes for
    the typical posting with one position, most of it pickle framing. A varint count
    and varint deltas take 2–4 bytes (a section band's first position is a 3-byte
    delta).

    >>> fmt = SwedishPositions()
    >>> encoded = fmt.encode([3, 5, 1_048_580])
    >>> len(encoded), fmt.decode_positions(encoded), fmt.decode_frequency(encoded)
    (6, [3, 5, 1048580], 3)
    """

    def encode(self, poslist) -> bytes:
        out = bytearray()
        append = out.append
        count = len(poslist)
        while count > 0x7F:
            append((count & 0x7F) | 0x80)
            count >>= 7
        append(count)
        base = 0
        for pos in poslist:
            delta = pos - base
            base = pos
            while delta > 0x7F:
                append((delta & 0x7F) | 0x80)
                delta >>= 7
            append(delta)
        return bytes(out)

    def decode_frequency(self, valuestring: bytes) -> int:
        count = shift = 0
        for byte in valuestring:
            count |= (byte & 0x7F) << shift
            if byte < 0x80:
                return count
            shift += 7
        return count

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_positions(self, valuestring: bytes) -> list[int]:
        positions: list[int] = []
        append = positions.append
        value = shift = position = 0
        counted = False
        for byte in valuestring:
            value |= (byte & 0x7F) << shift
            if byte & 0x80:
                shift += 7
                continue
            if counted:
                position += value
                append(position)
            counted = True
            value = shift = 0
        return positions

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str) or not is_swedish_chain(analyzer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        field_boost = self.field_boost
        poses, weights = _positions(value, analyzer.items[0])
        encode = self.encode
        for term, poslist in poses.items():
            yield term, len(poslist), weights[term] * field_boost, encode(poslist)


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
