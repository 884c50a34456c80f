"""The stock-Whoosh baseline: what a plain Whoosh setup does with the same corpus.

StemmingAnalyzer with Snowball Swedish and Whoosh's own stopwords off, one content
field plus a boosted title, region/phase/owner as sortable ID columns, facets via
``groupedby``, highlights from Whoosh's highlighter for the 20 hits on the page.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from urllib.parse import parse_qsl

import snowballstemmer
from whoosh import index, sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser
from whoosh.query import And, Every, Or, Term

from indexer.build import BuildReport, read_source, scan_corpus

_STEMMER = snowballstemmer.stemmer("swedish")


def swedish_stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def _schema() -> Schema:
    analyzer = StemmingAnalyzer(stemfn=swedish_stem, stoplist=None)
    return Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=analyzer, stored=True),
                  content=TEXT(analyzer=analyzer, stored=True),
                  region=ID(stored=True, sortable=True), phase=ID(stored=True, sortable=True),
                  owner=ID(stored=True, sortable=True), raw=STORED)


def build(corpus: Path, target: Path) -> float:
    started = time.perf_counter()
    ix = index.create_in(str(target), _schema())
    writer = ix.writer(limitmb=256)
    for source in scan_corpus(corpus, BuildReport()):
        try:
            doc = read_source(source).document
        except Exception:
            continue
        writer.add_document(id=doc.id, title=doc.title, content=doc.text,
                            region=doc.region or "", phase=doc.phase or "",
                            owner=doc.owner or "")
    writer.commit()
    return time.perf_counter() - started


def run_query(searcher, parser, query_string: str, highlights: bool = True):
    params = parse_qsl(query_string)
    q = next((v for k, v in params if k == "q"), "")
    filters = {}
    for key, value in params:
        if key in ("region", "phase", "owner"):
            filters.setdefault(key, []).append(value)
    query = parser.parse(q) if q else Every()
    filter_query = None
    if filters:
        filter_query = And([Or([Term(k, v) for v in vs]) for k, vs in filters.items()])
    facets = {name: sorting.FieldFacet(name) for name in ("region", "phase", "owner")}
    results = searcher.search(query, limit=20, filter=filter_query, groupedby=facets,
                              maptype=sorting.Count)
    for name in facets:
        results.groups(name)
    if highlights:
        for hit in results:
            hit.highlights("content")
    return len(results)


def run_baseline(corpus: Path, work: Path, queries: list[str], rounds: int,
                 highlights: bool = False, distinct=()) -> dict:
    import resource

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    cpu_before = cpu()
    build_s = build(corpus, work)
    build_cpu_s = cpu() - cpu_before
    ix = index.open_dir(str(work))
    size = sum(p.stat().st_size for p in work.iterdir() if p.is_file())
    timings: dict[str, list[float]] = {}
    from run_bench import QUERIES, percentile

    with ix.searcher() as searcher:
        parser = MultifieldParser(["title", "content"], ix.schema)
        for query in queries:
            run_query(searcher, parser, query, highlights)
        for _ in range(rounds):
            for category, query in QUERIES:
                started = time.perf_counter()
                run_query(searcher, parser, query, highlights)
                timings.setdefault(category, []).append((time.perf_counter() - started) * 1000)
        for category, query in distinct:  # each once: nothing of it was asked before
            started = time.perf_counter()
            run_query(searcher, parser, query, highlights)
            timings.setdefault(category, []).append((time.perf_counter() - started) * 1000)
    everything = [t for values in timings.values() for t in values]
    return {
        "build_s": round(build_s, 1), "build_cpu_s": round(build_cpu_s, 1),
        "index_mb": round(size / 1e6, 1),
        "highlights": highlights,
        "categories": {c: {"p50_ms": round(statistics.median(v), 1),
                           "p95_ms": round(percentile(v, 0.95), 1)} for c, v in timings.items()},
        "all": {"p50_ms": round(statistics.median(everything), 1),
                "p95_ms": round(percentile(everything, 0.95), 1)},
    }
