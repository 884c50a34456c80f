"""What an index costs: build time, size on disk, and postings per document by field.

Usage::

    .venv/bin/python bench/index_cost.py --corpus /tmp/esf-1k [--work DIR] [--json OUT]

Builds the corpus twice with ``indexer.build.rebuild`` into a fresh index root: first
with a cold lexicon cache (the Hunspell dictionary is loaded and every word analysed),
then again with the cache warm (what a rebuild of an unchanged corpus costs). Then it
counts, per field of the served build, the terms, the postings (one per document and
term) and their weight (the sum of the token weights: headings weigh more, compound
parts less). Postings per document is the figure that decides the index size and the
build time: the extra terms of lemmas, compound parts and headings all land there.

Run it from a checkout to measure that checkout (the script imports the code beside
it), so a before/after comparison is two runs from two checkouts on the same corpus.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh.fields import NUMERIC  # noqa: E402

from indexer import store  # noqa: E402
from indexer.build import rebuild  # noqa: E402


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def postings_by_field(build: Path) -> tuple[int, dict[str, dict[str, int]]]:
    """(documents, field → {terms, postings, weight}) of one build."""
    ix = store.open_for_reading(build)
    out: dict[str, dict[str, int]] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        docs = reader.doc_count()
        for name, field in ix.schema.items():
            if not field.indexed or isinstance(field, NUMERIC):
                continue  # numeric columns are sort keys, not postings of words
            terms = postings = 0
            weight = 0.0
            for _term, info in reader.iter_field(name):
                terms += 1
                postings += info.doc_frequency()
                weight += info.weight() if field.scorable else info.doc_frequency()
            out[name] = {"terms": terms, "postings": postings, "weight": round(weight)}
    ix.close()
    return docs, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=None,
                        help="index root to build into (default: a temporary directory)")
    parser.add_argument("--procs", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--count-only", action="store_true",
                        help="only count the postings of the index already built in --work")
    parser.add_argument("--no-warm", action="store_true",
                        help="build once (cold lexicon cache), not a second time warm")
    args = parser.parse_args(argv)
    if args.count_only and args.work is None:
        parser.error("--count-only needs --work")
    work = args.work or Path(tempfile.mkdtemp(prefix="index-cost-"))
    if work.exists() and not args.count_only:
        shutil.rmtree(work)
    try:
        timings = {}
        builds = () if args.count_only else ("cold",) if args.no_warm else ("cold", "warm")
        for label in builds:
            t0 = time.perf_counter()
            report = rebuild(args.corpus, work, procs=args.procs)
            timings[label] = round(time.perf_counter() - t0, 1)
            print(f"build ({label} lexicon cache): {timings[label]} s, "
                  f"{report.indexed} documents, {report.lexicon_new} words analysed",
                  flush=True)
        build = store.current_build(work)
        size = dir_size(build)
        docs, fields = postings_by_field(build)
        total = sum(f["postings"] for f in fields.values())
        print(f"index size: {size / 1e6:.1f} MB ({docs} documents)")
        print(f"postings per document: {total / docs:.0f}")
        print(f"{'field':<22}{'terms':>10}{'postings/doc':>14}{'weight/doc':>12}")
        for name, f in sorted(fields.items(), key=lambda item: -item[1]["postings"]):
            print(f"{name:<22}{f['terms']:>10}{f['postings'] / docs:>14.1f}"
                  f"{f['weight'] / docs:>12.1f}")
        if args.json:
            args.json.write_text(json.dumps({
                "corpus": str(args.corpus), "documents": docs, "seconds": timings,
                "index_bytes": size, "postings_per_doc": total / docs, "fields": fields,
            }, indent=2), encoding="utf-8")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
