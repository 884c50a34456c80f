"""Benchmark runner: build times, index size, RSS and API latency, next to stock Whoosh.

Usage::

    python bench/run_bench.py --docs 10000            # generates bench/corpora/esf-10000
    python bench/run_bench.py --corpus DIR [--rounds 5] [--no-baseline] [--json OUT]

Everything is measured in this one run so that ratios compare like with like on a
shared, noisy machine; latency figures are medians (p50) and p95 over rounds of a
fixed mixed query set sent through the real ``/api/search`` code path (Flask test
client: parameter parsing, query building, search, all facet counts, snippets).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

# (category, query string for /api/search)
QUERIES = [
    ("word", "q=kooperativ"),
    ("word", "q=handledare"),
    ("word", "q=arbetsförmedlingen"),
    ("and", "q=sociala+arbetskooperativ+handledare"),
    ("and", "q=jämställdhet+funktionsnedsättning"),
    ("phrase", 'q="sociala+företag"'),
    ("phrase", 'q="arbetsintegrerande+sociala+företag"'),
    ("prefix", "q=arbets*"),
    ("prefix", "q=koop*"),
    ("filtered", "q=kooperativ&region=Västsverige"),
    ("filtered", "q=utbildning&phase=Genomförande"),
    ("filter3", "q=kooperativ&region=Stockholm&region=Västsverige&phase=Genomförande"),
    ("filter3", "region=Stockholm&phase=Genomförande&year=2015"),
    ("browse", ""),
    ("browse", "region=Sydsverige"),
    ("zero", "q=xyzzyqwerty"),
    ("typo", "q=kooprativ"),
    ("typo", "q=handldare+utbildning"),
]


def distinct_queries(corpus: Path, count: int = 80, seed: int = 3) -> list[tuple[str, str]]:
    """Queries nobody asked before: words drawn (seeded) from the corpus's own text,
    half single words, half two-word AND queries, each sent exactly once."""
    import random
    import re
    from urllib.parse import quote_plus

    files = sorted(Path(corpus).rglob("*.txt"))
    rng = random.Random(seed)
    words: list[str] = []
    for path in rng.sample(files, min(len(files), 40)):
        words += [w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäö]{6,}", path.read_text("utf-8"))]
    pool = sorted(set(words))
    rng.shuffle(pool)
    out, i = [], 0
    while len(out) < count and i + 2 < len(pool):
        if len(out) % 2 == 0:
            out.append(("distinct word", "q=" + quote_plus(pool[i])))
            i += 1
        else:
            out.append(("distinct and", "q=" + quote_plus(pool[i] + " " + pool[i + 1])))
            i += 2
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def rss_mb(pid: int | None = None, field: str = "VmRSS") -> float:
    """Resident memory; ``RssAnon`` is the private part (without mapped index files,
    which the page cache and other processes share)."""
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def drop_lexicon_cache(index_root: Path) -> None:
    for name in ("lexicon.json", "lexicon.pickle", "lexicon.cache"):
        (index_root / name).unlink(missing_ok=True)
    for path in index_root.glob("lexicon*"):
        if path.is_file():
            path.unlink()


def cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (build workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_builds(corpus: Path, work: Path, procs: int, warm: bool = True) -> dict:
    from indexer.build import rebuild, update

    index_root = work / "index"
    shutil.rmtree(index_root, ignore_errors=True)
    started, cpu = time.perf_counter(), cpu_seconds()
    report = rebuild(corpus, index_root, procs=procs)
    cold = time.perf_counter() - started
    cold_cpu = cpu_seconds() - cpu
    warm_s = warm_cpu = None
    if warm:
        started, cpu = time.perf_counter(), cpu_seconds()
        rebuild(corpus, index_root, procs=procs)
        warm_s = round(time.perf_counter() - started, 1)
        warm_cpu = round(cpu_seconds() - cpu, 1)
    # update after one changed document
    victim = sorted(corpus.rglob("*.txt"))[len(report.skipped) + 3]
    original = victim.read_bytes()
    victim.write_bytes(original + "\nEn ändrad rad om kooperativ.\n".encode())
    try:
        started = time.perf_counter()
        updated = update(corpus, index_root)
        one = time.perf_counter() - started
    finally:
        victim.write_bytes(original)
    from indexer.store import current_build

    return {
        "docs": report.indexed, "build_cold_s": round(cold, 1), "build_warm_s": warm_s,
        "build_cold_cpu_s": round(cold_cpu, 1), "build_warm_cpu_s": warm_cpu,
        "update_one_s": round(one, 2), "update_indexed": updated.indexed,
        "index_mb": round(dir_size(current_build(index_root)) / 1e6, 1),
        "lexicon_words": report.lexicon_words, "index_root": str(index_root),
    }


def measure_queries(index_root: Path, rounds: int, corpus: Path | None = None) -> dict:
    """Runs in a fresh process (``--serve-only``) so RSS is the web process's own."""
    from webui import create_app

    app = create_app({"INDEX_DIR": index_root})
    client = app.test_client()
    started = time.perf_counter()
    client.get("/api/search?q=kooperativ")
    first = time.perf_counter() - started
    version = app.extensions["engine"].current()
    for _, query in QUERIES:  # warm-up (imports, vocabulary, templates)
        client.get("/api/search?" + query)

    def timed(query: str) -> float:
        started = time.perf_counter()
        response = client.get("/api/search?" + query)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (query, response.status_code)
        return elapsed

    # uncached: every query as if nobody had asked anything like it before (the
    # per-term score cache and the document cache emptied before each request);
    # cached: the same query again, as for a popular search or a facet click.
    uncached: dict[str, list[float]] = {}
    cached: dict[str, list[float]] = {}
    for _ in range(rounds):
        for category, query in QUERIES:
            version.clear_caches()
            uncached.setdefault(category, []).append(timed(query))
            cached.setdefault(category, []).append(timed(query))
    for category, query in distinct_queries(corpus) if corpus else ():
        uncached.setdefault(category, []).append(timed(query))  # first time, by design
    return {
        "first_query_s": round(first, 2), "rss_mb": round(rss_mb(), 0),
        "rss_private_mb": round(rss_mb(field="RssAnon"), 0),
        **summarise("", uncached), **summarise("cached_", cached),
    }


def summarise(prefix: str, timings: dict[str, list[float]]) -> dict:
    everything = [t for values in timings.values() for t in values]
    return {
        prefix + "categories": {c: {"p50_ms": round(statistics.median(v), 1),
                                    "p95_ms": round(percentile(v, 0.95), 1)}
                                for c, v in timings.items()},
        prefix + "all": {"p50_ms": round(statistics.median(everything), 1),
                         "p95_ms": round(percentile(everything, 0.95), 1)},
    }


def measure_facets(index_root: Path, rounds: int) -> dict:
    """Our bitset facet counts vs Whoosh ``groupedby`` over the same hits."""
    from whoosh import sorting
    from whoosh.query import Every

    from search.engine import Engine
    from search.facets import mask_from_ids

    engine = Engine(index_root)
    version = engine.current()
    searcher = version.searcher()
    hits = searcher.search(Every(), limit=None)
    docnums = [d for _, d in hits.top_n]
    ours, ours3, stock = [], [], []
    same = ("region", "phase", "owner")
    for _ in range(max(rounds, 5)):
        started = time.perf_counter()
        mask = mask_from_ids(docnums)
        version.facets.counts({n: mask for n in version.facets.values}, {})
        ours.append((time.perf_counter() - started) * 1000)
        # the same three facets groupedby counts, from the same hit list
        started = time.perf_counter()
        mask = mask_from_ids(docnums)
        for name in same:
            per_value = version.facets.values[name]
            {value: (bits & mask).bit_count() for value, bits in per_value.items()}
        ours3.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        facets = {n: sorting.FieldFacet(n) for n in ("region", "phase", "owner")}
        searcher.search(Every(), limit=None, groupedby=facets, maptype=sorting.Count)
        stock.append((time.perf_counter() - started) * 1000)
    engine.close()
    return {"ours_all7_ms": round(statistics.median(ours), 2),
            "ours_3_ms": round(statistics.median(ours3), 2),
            "groupedby_3_ms": round(statistics.median(stock), 1),
            "ratio": round(statistics.median(stock) / max(statistics.median(ours3), 1e-6), 1)}


def run_child(args: list[str]) -> dict:
    output = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                            check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_table(title: str, rows: list[tuple[str, str, str]]) -> None:
    print(f"\n{title}")
    width = max(len(r[0]) for r in rows)
    print(f"  {'':{width}}  {'ours':>12}  {'stock Whoosh':>14}")
    for name, ours, stock in rows:
        print(f"  {name:{width}}  {ours:>12}  {stock:>14}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--stock-highlights", action="store_true",
                        help="stock baseline WITH Whoosh's highlighter for the 20 hits (the old "
                             "comparison; the fair one, and the default, is search + groupedby)")
    parser.add_argument("--skip-warm", action="store_true",
                        help="skip the warm-cache rebuild (saves a full build at 50k)")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--serve-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--baseline-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve_only:
        result = measure_queries(args.serve_only, args.rounds, args.corpus)
        result["facets"] = measure_facets(args.serve_only, args.rounds)
        print(json.dumps(result))
        return
    if args.baseline_only:
        from stock_whoosh import run_baseline

        print(json.dumps(run_baseline(args.baseline_only, Path(tempfile.mkdtemp()),
                                      [q for _, q in QUERIES], args.rounds,
                                      highlights=args.stock_highlights,
                                      distinct=distinct_queries(args.baseline_only))))
        return

    corpus = args.corpus
    if corpus is None:
        from make_corpus import generate_corpus

        corpus = HERE / "corpora" / f"esf-{args.docs}"
        if not corpus.exists():
            generate_corpus(corpus, args.docs)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    print(f"Korpus {corpus} ({len(list(corpus.glob('*.txt')))} filer, "
          f"{dir_size(corpus) / 1e6:.0f} MB), arbetskatalog {work}", flush=True)
    builds = measure_builds(corpus, work, args.procs, warm=not args.skip_warm)
    print(f"Bygge: {builds}", flush=True)
    served = run_child(["--serve-only", builds["index_root"], "--rounds", str(args.rounds),
                        "--corpus", str(corpus)])
    baseline = None
    if not args.no_baseline:
        baseline = run_child(["--baseline-only", str(corpus), "--rounds", str(args.rounds)]
                             + (["--stock-highlights"] if args.stock_highlights else []))

    stock = baseline or {}
    print_table("Bygge och index", [
        ("full build (cold)", f"{builds['build_cold_s']} s", f"{stock.get('build_s', '–')} s"),
        ("full build CPU (cold)", f"{builds['build_cold_cpu_s']} s",
         f"{stock.get('build_cpu_s', '–')} s"),
        ("rebuild (warm caches)", f"{builds['build_warm_s']} s", "–"),
        ("rebuild CPU (warm caches)", f"{builds['build_warm_cpu_s']} s", "–"),
        ("update, 1 changed doc", f"{builds['update_one_s']} s", "–"),
        ("index size", f"{builds['index_mb']} MB", f"{stock.get('index_mb', '–')} MB"),
        ("web RSS after warm-up (private)",
         f"{served['rss_mb']:.0f} MB ({served.get('rss_private_mb', 0):.0f} MB)", "–"),
    ])
    for prefix, title in (("", "ny fråga, tomma cacher"), ("cached_", "upprepad fråga")):
        rows = []
        for category, figures in served[prefix + "categories"].items():
            base = stock.get("categories", {}).get(category, {})
            rows.append((f"{category} p50 / p95",
                         f"{figures['p50_ms']} / {figures['p95_ms']} ms",
                         f"{base.get('p50_ms', '–')} / {base.get('p95_ms', '–')} ms"))
        overall = served[prefix + "all"]
        rows.append(("all p50 / p95", f"{overall['p50_ms']} / {overall['p95_ms']} ms",
                     f"{stock.get('all', {}).get('p50_ms', '–')} / "
                     f"{stock.get('all', {}).get('p95_ms', '–')} ms"))
        print_table(f"API-latens, {title} (/api/search, hela kodvägen; "
                    "stock: sök + groupedby)", rows)
    facets = served["facets"]
    print(f"\nFacetträkning över alla dokument: bitsets region/fas/ägare "
          f"{facets['ours_3_ms']} ms (alla 7 facetter med etiketter och sortering "
          f"{facets['ours_all7_ms']} ms), groupedby region/fas/ägare "
          f"{facets['groupedby_3_ms']} ms – {facets['ratio']}× snabbare")
    if baseline:
        print(f"Byggtid: stock/ours = {baseline['build_s'] / builds['build_cold_s']:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"builds": builds, "served": served,
                                         "baseline": baseline}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
