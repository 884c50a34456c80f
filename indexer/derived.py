"""What every opening of a build derives from it, computed once when the build is written.

A search process opening a build needs per facet value the bitset of its documents,
the vocabulary sorted and folded (å/ä/ö-less spellings), the sort and range columns
and the id → docnum map. Computed at every open
that took 1 s at 10,000 documents — in every worker process, after every swap,
before the new build could answer. The build writes them here instead
(``derived.pickle``, stamped with the segments it was computed from); an open whose
stamp does not match (an older build, a copied file) computes them as before.

The file is written by our own build into our own build directory and read only from
there, like Whoosh's own pickled table of contents.

An ``update`` adds a segment to the previous build's (and marks deletions), so what
it writes is mostly the previous build's data: the documents of the segments both
builds share in the same order keep their numbers, and only the new segments are
read (``previous``). At 10,000 documents that cut the derived part of an ``update``
from about 2 s to a few tenths.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from bisect import insort
from collections import defaultdict
from pathlib import Path

from indexer.analysis import fold
from indexer.blocks import has_raw_blocks, raw_blocks, unfiltered_postings
from indexer.schema import FACETS, MISSING_VALUE

DERIVED = "derived.pickle"
VERSION = 3


def mask_from_ids(ids) -> int:
    """A bitset from document numbers.

    >>> bin(mask_from_ids([0, 3]))
    '0b1001'
    """
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray((max(ids) >> 3) + 1)
    for docnum in ids:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


def read_column(reader, fieldname: str, previous: list | None = None, prefix: int = 0
                ) -> list:
    """A sortable column's values in docnum order (public API; one read per segment).

    With ``previous`` (the same column of a build sharing the first ``prefix``
    docnums) only the later segments are read: a value is a file read each without
    mmap, 0.17 s per column at 10,000 documents.
    """
    if previous is None or len(previous) < prefix or not prefix:
        return list(reader.column_reader(fieldname))
    values = list(previous[:prefix])
    for leaf, offset in reader.leaf_readers():
        if offset >= prefix:
            values.extend(leaf.column_reader(fieldname))
    return values


def id_map(reader, fieldname: str = "id", previous: dict[str, int] | None = None,
           prefix: int = 0) -> dict[str, int]:
    """``document id → docnum`` of the live documents, from the id column.

    Reading the stored fields instead unpickles every document's stored blob just to
    learn its id (0.84 s at 10k; the column takes 0.015 s). Builds made before the
    id column existed fall back to the stored fields. ``previous`` and ``prefix`` as
    for :func:`read_column`: the shared documents' ids are not read again.
    """
    live = frozenset(reader.all_doc_ids()) if reader.has_deletions() else None
    if reader.has_column(fieldname) and previous is not None and prefix:
        out = {doc_id: docnum for doc_id, docnum in previous.items()
               if docnum < prefix and (live is None or docnum in live)}
        for leaf, offset in reader.leaf_readers():
            if offset >= prefix:
                out.update((doc_id, offset + local)
                           for local, doc_id in enumerate(leaf.column_reader(fieldname))
                           if live is None or offset + local in live)
        return out
    if reader.has_column(fieldname):
        return {doc_id: docnum for docnum, doc_id in enumerate(reader.column_reader(fieldname))
                if live is None or docnum in live}
    return {stored[fieldname]: docnum for docnum, stored in reader.iter_docs()}


# Sort and range columns every version reads (search.ordering, search.ranges).
COLUMNS = ("start_day", "budget", "end_day", "esf_support")


def stamp(ix) -> tuple:
    """What the derived data depends on: generation, segments, document counts, all
    from the table of contents (so a previous build is checked without opening it)."""
    segments = ix._segments()
    return (VERSION, ix.latest_generation(), tuple(sorted(s.segment_id() for s in segments)),
            sum(s.doc_count_all() for s in segments), sum(s.doc_count() for s in segments))


def leaves(reader) -> list[tuple[str, int]]:
    """(segment id, documents) of each segment, in docnum order."""
    return [(leaf.segment().segment_id(), leaf.doc_count_all())
            for leaf, _ in reader.leaf_readers()]


def shared_prefix(previous: dict | None, reader) -> int:
    """How many leading docnums mean the same documents in ``previous``'s build and
    ``reader``'s: those of the leading segments both have, in the same order.

    A segment keeps its id and size when documents in it are deleted, so its
    documents keep their numbers; a merge makes a new segment and ends the prefix.
    """
    if not previous or "leaves" not in previous:
        return 0
    docs = 0
    for old, new in zip(previous["leaves"], leaves(reader), strict=False):
        if old != new:
            break
        docs += new[1]
    return docs


def _doc_ids(reader, fieldname: str, term, start: int = 0) -> list[int]:
    """Every docnum of a term's postings, deleted ones included (the caller masks
    them). A block at a time where Whoosh's codec allows (``indexer.blocks``):
    ``all_ids()`` is a Python generator step per posting, 0.8 s for the facets of
    10,000 documents."""
    out: list[int] = []
    for leaf, offset in reader.leaf_readers():
        if offset < start or (fieldname, term) not in leaf:
            continue
        matcher = unfiltered_postings(leaf, fieldname, term)
        if not has_raw_blocks(matcher):
            out.extend(docnum + offset for docnum in matcher.all_ids())
            continue
        for ids, _, _ in raw_blocks(matcher):
            out.extend(map(offset.__add__, ids) if offset else ids)
    return out


def facet_masks(reader, previous: dict | None = None, prefix: int = 0
                ) -> tuple[int, dict[str, dict[str, int]]]:
    """(all live documents, facet → value → bitset), missing values under
    ``MISSING_VALUE``. The first ``prefix`` docnums are taken from ``previous``'s
    bitsets (see :func:`shared_prefix`) and only the later segments are read."""
    all_docs = mask_from_ids(reader.all_doc_ids())
    kept = (1 << prefix) - 1 if previous and prefix else 0
    values: dict[str, dict[str, int]] = {}
    for name, (fieldname, _) in FACETS.items():
        per_value: dict[str, int] = {}
        union = 0
        if kept:
            for value, mask in previous["facets"].get(name, {}).items():
                if value != MISSING_VALUE:
                    per_value[value] = mask & kept
        if fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                mask = mask_from_ids(_doc_ids(reader, fieldname, term, prefix if kept else 0))
                per_value[value] = per_value.get(value, 0) | mask
        if kept:  # the previous values first, then new ones: back to lexicon order
            per_value = dict(sorted(per_value.items()))
        for value in list(per_value):
            per_value[value] &= all_docs
            if per_value[value]:
                union |= per_value[value]
            else:
                del per_value[value]
        missing = all_docs & ~union
        if missing:
            per_value[MISSING_VALUE] = missing
        values[name] = per_value
    return all_docs, values


def vocabulary_order(frequencies: dict[str, int], previous: dict | None = None
                     ) -> tuple[list[str], dict[str, list[str]]]:
    """(words sorted, folded spelling → the words that fold to it).

    With ``previous`` (an earlier build's data, whose words an update only adds to)
    the new words are put into its order instead of sorting them all again.
    """
    if previous is not None and "sorted_words" in previous:
        known = previous["frequencies"]
        new = [word for word in frequencies if word not in known]
        if len(new) * 20 < len(frequencies) and all(word in frequencies for word in known):
            ordered = list(previous["sorted_words"])
            folded = dict(previous["folded"])
            for word in sorted(new):
                insort(ordered, word)
                plain = fold(word)
                if plain != word and word.isalpha():
                    folded[plain] = sorted([*folded.get(plain, ()), word])
            return ordered, folded
    ordered = sorted(frequencies)
    folded: dict[str, list[str]] = defaultdict(list)
    for word in ordered:
        plain = fold(word)
        if plain != word and word.isalpha():
            folded[plain].append(word)
    return ordered, dict(folded)


def derive(ix, reader, frequencies: dict[str, int], previous: dict | None = None) -> dict:
    """Everything in ``derived.pickle``; ``previous`` is the build this one was
    updated from (its data, checked against its own stamp), or None."""
    prefix = shared_prefix(previous, reader)
    all_docs, values = facet_masks(reader, previous, prefix)
    ordered, folded = vocabulary_order(frequencies, previous)
    earlier = previous if prefix else {}
    columns = {name: read_column(reader, name, earlier.get("columns", {}).get(name), prefix)
               for name in COLUMNS if name in reader.schema and reader.has_column(name)}
    return {"stamp": stamp(ix), "leaves": leaves(reader), "all_docs": all_docs,
            "facets": values, "frequencies": frequencies, "sorted_words": ordered,
            "folded": folded, "columns": columns,
            "ids": id_map(reader, previous=earlier.get("ids"), prefix=prefix)}


def write_derived(build_dir: Path, ix, reader, frequencies: dict[str, int],
                  previous: dict | None = None) -> None:
    data = derive(ix, reader, frequencies, previous)
    temporary = Path(build_dir) / (DERIVED + ".tmp")
    with open(temporary, "wb") as out:
        pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, Path(build_dir) / DERIVED)


def read_derived(build_dir: Path, ix) -> dict | None:
    """The build's derived data if it was computed from exactly these segments."""
    path = Path(build_dir) / DERIVED
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError,
                             ValueError, TypeError):
        with open(path, "rb") as source:
            data = pickle.load(source)
        if isinstance(data, dict) and data.get("stamp") == stamp(ix):
            return data
    return None
