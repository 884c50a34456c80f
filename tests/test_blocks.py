"""Whoosh's posting blocks read directly (indexer.blocks) give what its matchers give."""

from __future__ import annotations

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from indexer.blocks import has_raw_blocks, raw_blocks, unfiltered_postings


def test_raw_blocks_give_every_posting_of_every_block_as_the_matcher_does():
    ix = RamStorage().create_index(Schema(id=ID(stored=True), body=TEXT))
    writer = ix.writer()
    for n in range(700):  # several blocks of 128 postings
        writer.add_document(id=str(n), body="ord " * (1 + n % 3) + ("sällsynt" if n % 7 else ""))
    writer.commit()
    with ix.searcher() as searcher:
        (leaf, _), = searcher.reader().leaf_readers()
        for term in ("ord", "sällsynt"):
            expected = list(leaf.postings("body", term).items_as("weight"))
            matcher = unfiltered_postings(leaf, "body", term)
            assert has_raw_blocks(matcher)
            got = []
            for ids, weights, _ in raw_blocks(matcher):
                ids = list(ids)
                if weights is None or isinstance(weights, float):
                    weights = [1.0 if weights is None else weights] * len(ids)
                got += list(zip(ids, weights, strict=True))
            assert got == expected and len(got) > 128
