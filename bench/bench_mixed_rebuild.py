"""Time rebuilds of a mixed-format corpus: cold, warm, and cold extraction alone.

Usage::

    python bench/make_mixed_corpus.py --out bench/corpora/mixed      # once
    python bench/bench_mixed_rebuild.py --corpus bench/corpora/mixed --work /tmp/mixed-bench

Runs, in one fresh index directory:

1. *kallt*: no extraction cache and no lexicon cache (a first build);
2. *varmt*: the same rebuild again (every PDF/DOCX/HTML from the extraction cache);
3. *kall extrahering*: the extraction cache removed, the lexicon cache kept, so the
   difference to (2) is what extraction costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import extract  # noqa: E402
from indexer.build import rebuild  # noqa: E402


def run(label: str, corpus: Path, index: Path) -> None:
    started = time.perf_counter()
    report = rebuild(corpus, index)
    seconds = time.perf_counter() - started
    skipped = Counter(reason for _, reason in report.skipped)
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was
    print(f"| {label} | {seconds:.1f} s | {report.indexed} | {report.cached} "
          f"| {len(report.skipped)} {dict(skipped) if skipped else ''} | {load:.1f} |",
          flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpora" / "mixed")
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args(argv)
    counts = {d.name: sum(1 for _ in d.iterdir()) for d in sorted(args.corpus.iterdir())
              if d.is_dir()}
    print(f"Korpus: {counts}")
    index = args.work / "index"
    if index.exists():
        shutil.rmtree(index)
    print("| bygge | tid | indexerade | ur extraheringscachen | överhoppade | last efteråt |")
    print("|---|---|---|---|---|---|")
    run("kallt (inga cacher)", args.corpus, index)
    run("varmt (båda cacherna)", args.corpus, index)
    shutil.rmtree(index / extract.CACHE_DIR)
    run("kall extrahering, varm lexikoncache", args.corpus, index)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
