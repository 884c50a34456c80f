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
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections import defaultdict
from pathlib import Path

from indexer.analysis import fold
from indexer.blocks import has_raw_blocks, raw_blocks, unfiltered_postings
from indexer.schema import FACETS, MISSING_VALUE

DERIVED = "derived.pickle"
VERSION = 2


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


def read_column(reader, fieldname: str) -> list:
    """A sortable column's values in docnum order (public API; one read per segment)."""
    return list(reader.column_reader(fieldname))


def id_map(reader, fieldname: str = "id") -> dict[str, int]:
    """``document id → docnum`` of the live documents, from the id column.

    Reading the stored fields instead unpickles every document's stored blob just to
    learn its id (0.84 s at 10k; the column takes 0.015 s). Builds made before the
    id column existed fall back to the stored fields.
    """
    live = frozenset(reader.all_doc_ids()) if reader.has_deletions() else None
    if reader.has_column(fieldname):
        return {doc_id: docnum for docnum, doc_id in enumerate(reader.column_reader(fieldname))
                if live is None or docnum in live}
    return {stored[fieldname]: docnum for docnum, stored in reader.iter_docs()}


# Sort and range columns every version reads (search.ordering, search.ranges).
COLUMNS = ("start_day", "budget", "end_day", "esf_support")


def stamp(ix, reader) -> tuple:
    """What the derived data depends on: generation, segments, document counts."""
    segments = tuple(sorted(leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()))
    return (VERSION, ix.latest_generation(), segments, reader.doc_count_all(),
            reader.doc_count())


def _doc_ids(reader, fieldname: str, term) -> list[int]:
    """Every docnum of a term's postings, deleted ones included (the caller masks
    them). A block at a time where Whoosh's codec allows (``indexer.blocks``):
    ``all_ids()`` is a Python generator step per posting, 0.8 s for the facets of
    10,000 documents."""
    out: list[int] = []
    for leaf, offset in reader.leaf_readers():
        if (fieldname, term) not in leaf:
            continue
        matcher = unfiltered_postings(leaf, fieldname, term)
        if not has_raw_blocks(matcher):
            out.extend(docnum + offset for docnum in matcher.all_ids())
            continue
        for ids, _, _ in raw_blocks(matcher):
            out.extend(map(offset.__add__, ids) if offset else ids)
    return out


def facet_masks(reader) -> tuple[int, dict[str, dict[str, int]]]:
    """(all live documents, facet → value → bitset), missing values under
    ``MISSING_VALUE``."""
    all_docs = mask_from_ids(reader.all_doc_ids())
    values: dict[str, dict[str, int]] = {}
    for name, (fieldname, _) in FACETS.items():
        per_value: dict[str, int] = {}
        union = 0
        if fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                mask = mask_from_ids(_doc_ids(reader, fieldname, term))
                mask &= all_docs
                if mask:
                    per_value[value] = mask
                    union |= mask
        missing = all_docs & ~union
        if missing:
            per_value[MISSING_VALUE] = missing
        values[name] = per_value
    return all_docs, values


def vocabulary_order(frequencies: dict[str, int]) -> tuple[list[str], dict[str, list[str]]]:
    """(words sorted, folded spelling → the words that fold to it)."""
    ordered = sorted(frequencies)
    folded: dict[str, list[str]] = defaultdict(list)
    for word in ordered:
        plain = fold(word)
        if plain != word and word.isalpha():
            folded[plain].append(word)
    return ordered, dict(folded)


def derive(ix, reader, frequencies: dict[str, int]) -> dict:
    all_docs, values = facet_masks(reader)
    ordered, folded = vocabulary_order(frequencies)
    columns = {name: read_column(reader, name) for name in COLUMNS
               if name in reader.schema and reader.has_column(name)}
    return {"stamp": stamp(ix, reader), "all_docs": all_docs, "facets": values,
            "frequencies": frequencies, "sorted_words": ordered, "folded": folded,
            "columns": columns, "ids": id_map(reader)}


def write_derived(build_dir: Path, ix, frequencies: dict[str, int]) -> None:
    with ix.searcher() as searcher:
        data = derive(ix, searcher.reader(), frequencies)
    temporary = Path(build_dir) / (DERIVED + ".tmp")
    with open(temporary, "wb") as out:
        pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, Path(build_dir) / DERIVED)


def read_derived(build_dir: Path, ix, reader) -> dict | None:
    """The build's derived data if it was computed from exactly these segments."""
    path = Path(build_dir) / DERIVED
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError,
                             ValueError, TypeError):
        with open(path, "rb") as source:
            data = pickle.load(source)
        if isinstance(data, dict) and data.get("stamp") == stamp(ix, reader):
            return data
    return None
