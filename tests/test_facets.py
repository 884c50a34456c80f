"""Multi-select facet algebra on bitsets: OR within a facet, AND across, own counts open."""

from __future__ import annotations

from search.facets import FacetIndex, ids_from_mask, mask_from_ids


class FakeFacets(FacetIndex):
    """A FacetIndex over hand-made value sets (no index needed)."""

    def __init__(self, values: dict[str, dict[str, list[int]]], docs: int):
        from indexer.schema import FACETS

        self.all_docs = mask_from_ids(range(docs))
        self.values = {name: {} for name in FACETS}
        for name, per_value in values.items():
            self.values[name] = {v: mask_from_ids(ids) for v, ids in per_value.items()}


FACETS = FakeFacets({
    "region": {"Stockholm": [0, 1], "Västsverige": [2, 3], "__saknas__": [4]},
    "phase": {"Genomförande": [0, 2, 4], "Avslutat": [1, 3]},
}, docs=5)


def counts(outcome, name):
    return {v.value: v.count for v in outcome.counts[name]}


def test_no_filter_counts_every_hit():
    outcome = FACETS.apply(FACETS.all_docs, {})
    assert not outcome.filtered and ids_from_mask(outcome.hits) == [0, 1, 2, 3, 4]
    assert counts(outcome, "region") == {"Stockholm": 2, "Västsverige": 2, "__saknas__": 1}


def test_or_within_a_facet_and_across_facets():
    outcome = FACETS.apply(FACETS.all_docs, {"region": ("Stockholm", "Västsverige"),
                                             "phase": ("Avslutat",)})
    assert outcome.filtered and ids_from_mask(outcome.hits) == [1, 3]


def test_a_facets_own_counts_ignore_its_own_selection():
    outcome = FACETS.apply(FACETS.all_docs, {"region": ("Stockholm",)})
    assert counts(outcome, "region") == {"Stockholm": 2, "Västsverige": 2, "__saknas__": 1}
    assert counts(outcome, "phase") == {"Genomförande": 1, "Avslutat": 1}
    assert [v.value for v in outcome.counts["region"] if v.selected] == ["Stockholm"]


def test_query_hits_restrict_the_counts():
    outcome = FACETS.apply(mask_from_ids([0, 2]), {})
    assert counts(outcome, "phase") == {"Genomförande": 2}


def test_a_selected_value_without_documents_stays_visible():
    outcome = FACETS.apply(FACETS.all_docs, {"region": ("Norra Mellansverige",)})
    assert outcome.hits == 0
    assert [(v.value, v.count, v.selected) for v in outcome.counts["region"]
            if v.selected] == [("Norra Mellansverige", 0, True)]
