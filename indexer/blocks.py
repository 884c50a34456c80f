"""Whoosh's posting blocks read directly: the one place below the search core that
reaches under Whoosh's matcher API (``search.whoosh_adapter`` holds the rest).

A whoosh3 posting block is one pickled tuple (ids as deltas, weights, values); the
matcher API decodes the ids through a Python generator, one call per posting. Here a
block's ids come from ``itertools.accumulate`` in C. Whoosh versions or codecs whose
matchers lack these internals are detected by :func:`has_raw_blocks`, and callers use
the public API instead.
"""

from __future__ import annotations

from itertools import accumulate

from whoosh.matching.wrappers import FilterMatcher

RAW_BLOCK_API = ("_atend", "_data", "_read_data", "_byteids", "_blocklength", "_maxid",
                 "_next_block")


def unfiltered_postings(leaf, fieldname: str, text):
    """A segment's posting matcher without Whoosh's per-posting deletion filter.

    After an ``update`` deleted documents are filtered one posting at a time; reading
    the whole list is faster, and the caller drops the documents that are not live.
    """
    matcher = leaf.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        return matcher.child
    return matcher


def has_raw_blocks(matcher) -> bool:
    return all(hasattr(matcher, name) for name in RAW_BLOCK_API)


def block_data(matcher) -> tuple:
    """The current block's (ids as an iterable of docnums, weights, values) tuple."""
    if matcher._data is None:
        matcher._read_data()
    raw_ids, raw_weights, values = matcher._data[0], matcher._data[1], matcher._data[2]
    ids = raw_ids if matcher._byteids else accumulate(raw_ids)
    return ids, raw_weights, values


def raw_blocks(matcher):
    """Every remaining block of a raw-block matcher, as :func:`block_data` gives it."""
    while not matcher._atend and matcher.is_active():
        yield block_data(matcher)
        matcher._next_block()
