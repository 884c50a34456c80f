"""Every use of Whoosh internals, in one place, each with the reason it is worth it.

The rest of the search core talks to Whoosh through its public reader and searcher
API. Three hot paths would be several times slower that way, so they reach under it
here — and each falls back to the public API when the internals are not what they
expect (another codec, a Whoosh version that renamed them):

* :func:`read_postings` decodes posting blocks directly (the matcher API costs
  several Python calls per posting);
* ``indexer.blocks.unfiltered_postings`` skips Whoosh's per-posting deletion filter
  (``FilterMatcher._exclude``) — the caller drops deleted documents in one pass — and
  ``indexer.blocks`` reads a posting block's own tuple (the index layer uses it too);
* :func:`read_lengths` reads a field's length column in one go (one syscall per
  document without mmap otherwise).

:func:`bm25f_parameters` reads the index's own BM25F constants instead of copying
them, so our arithmetic cannot drift from Whoosh's scoring.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from whoosh import scoring as whoosh_scoring

from indexer.blocks import block_data, has_raw_blocks, raw_blocks, unfiltered_postings

_BLOCK_API = ("_atend", "_read_ids", "_read_weights", "_ids", "_weights", "_next_block")


@dataclass(frozen=True)
class Bm25f:
    k1: float
    b: float
    field_b: dict

    def b_for(self, fieldname: str) -> float:
        return self.field_b.get(fieldname, self.b)


def bm25f_parameters(searcher) -> Bm25f:
    """K1 and B of the searcher's weighting (Whoosh's BM25F defaults if it has none)."""
    weighting = getattr(searcher, "weighting", None)
    if not isinstance(weighting, whoosh_scoring.BM25F):
        weighting = whoosh_scoring.BM25F()
    return Bm25f(weighting.K1, weighting.B, dict(getattr(weighting, "_field_B", {}) or {}))


def read_postings(reader, fieldname: str, text: str) -> tuple[list[int], list[float]]:
    """All (docnum, weight) of a term, a block at a time where the codec allows.

    Deleted documents are included: the caller removes them.
    """
    ids: list[int] = []
    weights: list[float] = []
    for leaf, offset in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        matcher = unfiltered_postings(leaf, fieldname, text)
        if has_raw_blocks(matcher):
            # A block's weights are None (all 1.0), one float, or a tuple.
            for block, raw_weights, _ in raw_blocks(matcher):
                start = len(ids)
                ids.extend(map(offset.__add__, block) if offset else block)
                if raw_weights is None or isinstance(raw_weights, float):
                    weight = 1.0 if raw_weights is None else raw_weights
                    weights.extend(repeat(weight, len(ids) - start))
                else:
                    weights.extend(raw_weights)
        elif all(hasattr(matcher, name) for name in _BLOCK_API):
            while not matcher._atend and matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                ids.extend(docnum + offset for docnum in matcher._ids)
                weights.extend(matcher._weights)
                matcher._next_block()
        else:
            while matcher.is_active():
                ids.append(matcher.id() + offset)
                weights.append(matcher.weight())
                matcher.next()
    return ids, weights


def read_positions(reader, fieldname: str, text: str,
                   docnums: list[int]) -> dict[int, list[int]]:
    """Positions of a term in the given (sorted) documents only, skipping the rest."""
    out: dict[int, list[int]] = {}
    leaves = reader.leaf_readers()
    for index, (leaf, offset) in enumerate(leaves):
        end = leaves[index + 1][1] if index + 1 < len(leaves) else offset + leaf.doc_count_all()
        wanted = [d - offset for d in docnums if offset <= d < end]
        if not wanted or (fieldname, text) not in leaf:
            continue
        matcher = unfiltered_postings(leaf, fieldname, text)
        if has_raw_blocks(matcher):
            _block_positions(matcher, leaf.schema[fieldname].format, wanted, offset, out)
            continue
        for local in wanted:
            if not matcher.is_active():
                break
            if matcher.id() < local:
                matcher.skip_to(local)
                if not matcher.is_active():
                    break
            if matcher.id() == local:
                out[local + offset] = matcher.value_as("positions")
    return out


def _block_positions(matcher, fmt, wanted: list[int], offset: int,
                     out: dict[int, list[int]]) -> None:
    """Positions of the ``wanted`` (sorted, segment-local) documents, a block at a
    time: a block without a wanted document is skipped unread (its last id is in its
    header), a block with some is decoded once, not sought posting by posting."""
    i = 0
    while i < len(wanted) and not matcher._atend and matcher.is_active():
        last = matcher._maxid
        if wanted[i] > last:
            matcher._next_block()
            continue
        block, _, values = block_data(matcher)
        where = {docnum: j for j, docnum in enumerate(block)}
        while i < len(wanted) and wanted[i] <= last:
            j = where.get(wanted[i])
            if j is not None:
                out[wanted[i] + offset] = fmt.decode_positions(values[j])
            i += 1
        matcher._next_block()


def read_lengths(reader, fieldname: str) -> list[int]:
    """Every document's length of ``fieldname`` (as BM25F sees it), in docnum order."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        lengths: list[int] = []
        for leaf, offset in reader.leaf_readers():
            if offset != len(lengths):
                raise ValueError("segments out of order")
            column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            count = leaf.doc_count_all()
            if column is None:
                lengths.extend([1] * count)
                continue
            if getattr(column, "_fixedlen", None) == 1:
                raw = column._dbfile.get(column._basepos, column._count)
                raw = bytes(raw) + bytes(count - len(raw))
            else:
                raw = list(column)
            lengths.extend(byte_to_length(b) if b else 1 for b in raw)
        if len(lengths) == reader.doc_count_all():
            return lengths
    except (AttributeError, ImportError, ValueError, TypeError):
        pass
    return [reader.doc_field_length(d, fieldname, 1) or 1 for d in range(reader.doc_count_all())]
