"""Facet counts from per-value document bitsets, built once per index version.

Whoosh's ``groupedby`` walks every hit for every facet on every request. Here each
facet value owns a Python int whose bit *n* is set when document *n* has the value;
counting a facet over a hit set is one ``&`` and one ``bit_count`` per value.
Multi-select: OR within a facet, AND across facets, and a facet's own counts are
computed without its own selection so the alternatives stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.derived import facet_masks, mask_from_ids
from indexer.schema import FACETS, KIND_LABELS, MISSING_LABEL, MISSING_VALUE

__all__ = ["FacetIndex", "FacetOutcome", "FacetValue", "ids_from_mask", "mask_from_ids"]


def ids_from_mask(mask: int) -> list[int]:
    """Document numbers in ascending order.

    >>> ids_from_mask(0b1001)
    [0, 3]
    """
    out = []
    raw = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for byte_index, byte in enumerate(raw):
        while byte:
            low = byte & -byte
            out.append(byte_index * 8 + low.bit_length() - 1)
            byte ^= low
    return out


@dataclass(frozen=True)
class FacetOutcome:
    """A filtered hit set and the facet counts that go with it."""

    hits: int            # bitset of the documents that pass the query and every filter
    filtered: bool       # whether any filter was applied
    counts: dict[str, tuple[FacetValue, ...]]
    # Per range filter: the hits of the query and every *other* filter (for the counts
    # of its presets, like a facet's own counts).
    range_bases: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


class FacetIndex:
    """value → bitset for every facet of one index version."""

    def __init__(self, reader=None, precomputed: tuple[int, dict] | None = None):
        """From a reader, or from the masks the build precomputed
        (``indexer.derived``)."""
        self.all_docs, self.values = precomputed if precomputed is not None \
            else facet_masks(reader)

    def selection_mask(self, name: str, selected: tuple[str, ...]) -> int | None:
        """OR of the selected values' bitsets; None when nothing is selected."""
        if not selected:
            return None
        mask = 0
        for value in selected:
            mask |= self.values.get(name, {}).get(value, 0)
        return mask

    def apply(self, query_hits: int, filters: dict[str, tuple[str, ...]],
              ranges: dict[str, int] | None = None) -> FacetOutcome:
        """Filter ``query_hits`` and count every facet over its own hit set.

        OR within a facet, AND across facets; a facet's own counts ignore its own
        selection so the alternatives stay visible (disjunctive faceting). ``ranges``
        are further selections (range name → bitset of the documents inside it),
        ANDed like a facet's and left out of their own base the same way.
        """
        selections = {name: self.selection_mask(name, filters.get(name, ())) for name in FACETS}
        selections.update({f"range:{name}": mask for name, mask in (ranges or {}).items()})

        def without(own: str) -> int:
            mask = query_hits
            for other, selection in selections.items():
                if other != own and selection is not None:
                    mask &= selection
            return mask

        hits_by_facet = {name: without(name) for name in FACETS}
        final, filtered = query_hits, False
        for selection in selections.values():
            if selection is not None:
                final &= selection
                filtered = True
        return FacetOutcome(final, filtered, self.counts(hits_by_facet, filters),
                            {name: without(f"range:{name}") for name in ranges or {}})

    def counts(self, hits_by_facet: dict[str, int], filters: dict[str, tuple[str, ...]]
               ) -> dict[str, tuple[FacetValue, ...]]:
        """Counts per facet over that facet's own hit set, sorted by count then name."""
        out: dict[str, list[FacetValue]] = {}
        for name, per_value in self.values.items():
            base = hits_by_facet[name]
            selected = set(filters.get(name, ()))
            values = []
            for value, mask in per_value.items():
                count = (mask & base).bit_count()
                if count or value in selected:
                    values.append(FacetValue(value, label(name, value), count, value in selected))
            for value in selected - set(per_value):
                values.append(FacetValue(value, label(name, value), 0, True))
            if name == "year":
                values.sort(key=lambda v: (v.value == MISSING_VALUE,
                                           -int(v.value) if v.value.isdigit() else 0))
            else:
                values.sort(key=lambda v: (v.value == MISSING_VALUE, -v.count, v.label.lower()))
            out[name] = tuple(values)
        return out


def label(name: str, value: str) -> str:
    """The Swedish text shown for a facet value."""
    if value == MISSING_VALUE:
        return MISSING_LABEL
    if name == "kind":
        return KIND_LABELS.get(value, value)
    return value
