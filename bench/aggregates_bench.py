"""Cost of the result-set picture (search.aggregates.summarise) per search, with the
hits' ESF amounts from ``RangeIndex.amounts_of``.

Synthetic bitsets of the sizes the README reports (10 000 and 50 000 documents,
29 start years, 8 regions, 7 programme areas), hits covering all or a tenth of the
index. Prints the median of a few runs; no index is built.

    python bench/aggregates_bench.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.aggregates import summarise  # noqa: E402
from search.facets import FacetIndex, mask_from_ids  # noqa: E402
from search.ranges import RangeIndex  # noqa: E402


class Facets(FacetIndex):
    def __init__(self, values):
        self.values = values


def facets_for(docs: int, rng: random.Random) -> Facets:
    def split(names):
        groups: dict[str, list[int]] = {n: [] for n in names}
        for d in range(docs):
            groups[rng.choice(names)].append(d)
        return {n: mask_from_ids(ids) for n, ids in groups.items()}

    return Facets({"year": split([str(y) for y in range(1999, 2028)]),
                   "region": split([f"r{i}" for i in range(8)]),
                   "program": split([f"p{i}" for i in range(7)])})


def main() -> None:
    rng = random.Random(13)
    for docs in (10_000, 50_000):
        facets = facets_for(docs, rng)
        support = [rng.choice((-1, 0, rng.randint(100_000, 9_000_000))) for _ in range(docs)]
        ranges = RangeIndex([0] * docs, [0] * docs, {"esf_support": support})
        for share in (1.0, 0.1):
            hits = mask_from_ids(d for d in range(docs) if rng.random() < share)
            times = []
            for _ in range(7):
                started = time.perf_counter()
                summarise(hits, facets, ranges.amounts_of("esf_support", hits))
                times.append(time.perf_counter() - started)
            print(f"{docs:>6} documents, {share:>4.0%} hits: "
                  f"{statistics.median(times) * 1000:6.1f} ms per search")


if __name__ == "__main__":
    main()
