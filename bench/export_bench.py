"""Measure an OpenSearch/Elasticsearch export with Lucene itself: index size, query time.

    .venv/bin/python -m indexer export-opensearch --index /tmp/b10k/index --out /tmp/e10k
    .venv/bin/python bench/export_bench.py --export /tmp/e10k --work /tmp/e10k-lucene

Writes a real Lucene index of the bulk documents with the exported analyzers (Debian's
Lucene 8 jars, see tests/lucene/), with ``_source`` stored and doc values for the
keyword and number fields as the engines keep them, force-merged to one segment, and
prints its size per document and the build time (one thread). What the ``.folded``
sub-fields cost is measured on the first ``--sample`` bulk files, built with and
without them. Then runs the benchmark queries of ``bench/run_bench.py`` (the DSL our
translator writes) on one thread and prints p50/p95 for the top 20 alone and for the top
20 with the exact total (``track_total_hits: true``): what one shard of that size
answers, without OpenSearch's network, facets or highlighting.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from indexer.export.querydsl import Translator, facet_filter  # noqa: E402
from indexer.export.sources import read_index  # noqa: E402
from tests.lucene import runner  # noqa: E402

# The query categories of bench/run_bench.py: (category, text, filters).
QUERIES = [
    ("word", "kooperativ", {}), ("word", "handledare", {}), ("word", "arbetsförmedlingen", {}),
    ("and", "sociala arbetskooperativ handledare", {}),
    ("and", "jämställdhet funktionsnedsättning", {}),
    ("phrase", '"sociala företag"', {}), ("phrase", '"arbetsintegrerande sociala företag"', {}),
    ("prefix", "arbets*", {}), ("prefix", "koop*", {}),
    ("filtered", "kooperativ", {"region": ["Västsverige"]}),
    ("filtered", "utbildning", {"phase": ["Genomförande"]}),
    ("filter3", "kooperativ", {"region": ["Stockholm", "Västsverige"],
                               "phase": ["Genomförande"]}),
]


def dsl(translator: Translator, text: str, filters: dict) -> dict:
    query = translator.query(text)
    if not filters:
        return query
    return {"bool": {"must": [query],
                     "filter": [facet_filter(name, values) for name, values in filters.items()]}}


def sample(export: Path, target: Path, files: int, folded: bool) -> Path:
    """The first ``files`` bulk files of an export, with or without ``.folded``."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "analysis").symlink_to((export / "analysis").resolve())
    for path in sorted(export.glob("bulk-*.ndjson"))[:files]:
        shutil.copy(path, target / path.name)
    body = json.loads((export / "index.json").read_text(encoding="utf-8"))
    if not folded:
        for spec in body["mappings"]["properties"].values():
            spec.pop("fields", None)
    (target / "index.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return target


def index(export: Path, target: Path, cp: str) -> dict[str, float]:
    if target.exists():
        shutil.rmtree(target)
    return {key: float(value)
            for key, value in runner.run("index", export, target, cp, timeout=None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, required=True)
    parser.add_argument("--index", type=Path, default=None,
                        help="the Whoosh index the export was made from: its lexicon "
                             "matches multi-word synonym runs as the export does")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sample", type=int, default=2,
                        help="bulk files for the with/without .folded comparison")
    parser.add_argument("--search-only", action="store_true",
                        help="time the queries on the index an earlier run wrote")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="also time 80 distinct queries drawn from this corpus "
                             "(run_bench.distinct_queries, as load_test --varied)")
    args = parser.parse_args()
    reason = runner.unavailable()
    if reason:
        sys.exit(f"export_bench: {reason}")
    cp = runner.classpath()
    args.work.mkdir(parents=True, exist_ok=True)
    runs = [] if args.search_only else [
        ("sample with .folded", sample(args.export, args.work / "sample-folded",
                                       args.sample, True)),
        ("sample without .folded", sample(args.export, args.work / "sample-unfolded",
                                          args.sample, False)),
        ("all documents", args.export),
    ]
    for name, export in runs:
        figures = index(export, args.work / ("lucene" if export == args.export else
                                             export.name + "-index"), cp)
        docs = figures["documents"]
        print(f"Lucene index, {name}: {docs:.0f} documents, {figures['bytes'] / 1e6:.1f} MB "
              f"({figures['bytes'] / docs / 1024:.1f} KB/document), "
              f"built in {figures['seconds']:.0f} s ({docs / figures['seconds']:.1f} "
              f"documents/s, one thread, analyzers included)", flush=True)
    lemmas = read_index(args.index).lemmas if args.index else None
    translator = Translator(lemmas)
    queries = list(QUERIES)
    if args.corpus:
        from urllib.parse import parse_qs

        from run_bench import distinct_queries

        queries += [(category.replace(" ", "-"), parse_qs(query)["q"][0], {})
                    for category, query in distinct_queries(args.corpus)]
    by_category: dict[str, list[dict]] = {}
    for category, text, filters in queries:
        by_category.setdefault(category, []).append({"query": dsl(translator, text, filters)})
    for category, queries in by_category.items():
        spec = {"index": str(args.work / "lucene"), "rounds": args.rounds, "queries": queries}
        result = {key: float(value)
                  for key, value in runner.run("search", args.export, spec, cp, timeout=None)}
        print(f"{category:9s} top 20: p50 {result['top20_p50_ms']:6.2f} / p95 "
              f"{result['top20_p95_ms']:6.2f} ms   with exact total: p50 "
              f"{result['exact_p50_ms']:6.2f} / p95 {result['exact_p95_ms']:6.2f} ms"
              f"   ({result['queries']:.0f} runs)")


if __name__ == "__main__":
    main()
