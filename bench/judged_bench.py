"""The judged Swedish query set: our engine next to a stock Snowball analyzer.

Usage::

    .venv/bin/python bench/judged_bench.py [--failures ours|stock|both|none]
                                           [--split dev|test|both]

Both systems index the same judged corpus (the seeds in ``corpus/`` plus
``tests/judged/corpus/``) and every case of ``tests/judged/cases.tsv`` is judged by the
same function (``tests.judged.harness.judge``: must match, must not match, ranking and
page checks). One table per half: ``dev`` (may be tuned on) and ``test`` (held out,
written before the change it measures; the figure that counts).

* ours: ``indexer.build.rebuild`` with the Hunspell lexicon, searched through
  ``search.Engine`` exactly as the web UI does (per_page=100);
* stock: the equivalent of Elasticsearch's ``swedish`` analyzer in plain Whoosh:
  ``StemmingAnalyzer`` with Snowball Swedish stemming and the Snowball Swedish stopword
  list over one content field (title, metadata values and all text: the same words our
  surface field gets), queries parsed by Whoosh's ``QueryParser`` (AND group), BM25F
  order. Stock Whoosh has no auto-correction, "Menade du", synonym or year report, so
  the ``corrected``/``suggest=``/``synonyms``/``years`` checks fail for it
  (``!corrected`` passes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import StemmingAnalyzer  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402

from bench.stock_whoosh import swedish_stem  # noqa: E402
from indexer.build import BuildReport, read_source, rebuild, scan_corpus  # noqa: E402
from indexer.schema import SURFACE, document_fields  # noqa: E402
from search.engine import Engine  # noqa: E402
from search.params import SearchParams  # noqa: E402
from tests.judged.harness import (  # noqa: E402
    CATEGORIES,
    SPLITS,
    Case,
    Outcome,
    copy_corpus,
    corpus_ids,
    judge,
    load_cases,
)

# The Snowball project's Swedish stopword list (snowball.tartarus.org, swedish/stop.txt),
# which is also what Lucene's SwedishAnalyzer and Elasticsearch's ``_swedish_`` use.
SNOWBALL_SWEDISH_STOPWORDS = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
ert era vilkas
""".split())


# -- ours ---------------------------------------------------------------------------------
class Ours:
    name = "ours"

    def __init__(self, corpus: Path, work: Path):
        rebuild(corpus, work)
        self.engine = Engine(work)

    def search(self, query: str) -> Outcome:
        page = self.engine.search(SearchParams.build(q=query, per_page=100))
        vocabulary = self.engine.current().vocabulary
        return Outcome(
            hits=[hit.id for hit in page.hits], total=page.total,
            corrected_from=page.corrected_from, suggestion=page.suggestion,
            synonyms=bool(page.synonyms), messages=page.messages,
            real_word=lambda word: word in vocabulary,
        )

    def close(self) -> None:
        self.engine.close()


# -- stock --------------------------------------------------------------------------------
class Stock:
    name = "stock"

    def __init__(self, corpus: Path, work: Path):
        # A module-level function: Whoosh pickles the schema, a PyStemmer object can't be.
        analyzer = StemmingAnalyzer(stemfn=swedish_stem,
                                    stoplist=SNOWBALL_SWEDISH_STOPWORDS)
        schema = Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=analyzer))
        work.mkdir(parents=True, exist_ok=True)
        self.ix = whoosh_index.create_in(str(work), schema)
        writer = self.ix.writer()
        for source in scan_corpus(corpus, BuildReport()):
            document = read_source(source).document
            content = document_fields(document, "")[SURFACE]  # title + metadata + text
            writer.add_document(id=document.id, content=content)
        writer.commit()
        self.parser = QueryParser("content", schema)  # AndGroup: every word required
        self.searcher = self.ix.searcher()

    def search(self, query: str) -> Outcome:
        try:
            parsed = self.parser.parse(query)
        except Exception:  # whatever the stock parser cannot read finds nothing
            return Outcome(hits=[], total=0)
        results = self.searcher.search(parsed, limit=None)
        hits = [hit["id"] for hit in results]
        return Outcome(hits=hits, total=len(hits))

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


# -- the run ------------------------------------------------------------------------------
def run(systems, cases: list[Case], ids: list[str]) -> dict[str, dict[str, list[str]]]:
    """system name → case name → problems (empty list: passed)."""
    results: dict[str, dict[str, list[str]]] = {}
    for system in systems:
        results[system.name] = {case.name: judge(case, system.search(case.query), ids)
                                for case in cases}
    return results


def table(cases: list[Case], results, names: list[str]) -> str:
    totals = Counter(case.category for case in cases)
    categories = [c for c in CATEGORIES if totals[c]] + sorted(set(totals) - set(CATEGORIES))

    def cell(passed: int, total: int) -> str:
        return f"{passed}/{total} {round(100 * passed / total) if total else 0}%"

    lines = ["category          " + "".join(f"{name:<12}" for name in names)]
    grand = {name: 0 for name in names}
    for category in categories:
        row = f"{category:<18}"
        for name in names:
            passed = sum(1 for case in cases if case.category == category
                         and not results[name][case.name])
            grand[name] += passed
            row += f"{cell(passed, totals[category]):<12}"
        lines.append(row.rstrip())
    lines.append((f"{'total':<18}" + "".join(f"{cell(grand[n], len(cases)):<12}"
                                             for n in names)).rstrip())
    return "\n".join(lines)


def failures(cases: list[Case], results, name: str) -> str:
    lines = []
    for case in cases:
        problems = results[name][case.name]
        if problems:
            mark = " [xfail]" if case.xfail else ""
            lines.append(f"  {case.split:<4} {case.category:<10} {case.query!r}{mark}: "
                         f"{'; '.join(problems)}")
    return "\n".join(lines) or "  (none)"


def must_not_held(cases: list[Case], results, name: str) -> str:
    """How many cases with must-not-match ids kept all of them out of the hits."""
    with_must_not = [case for case in cases if case.must_not_match]
    broken = [case for case in with_must_not
              if any(problem.startswith("unwanted") for problem in results[name][case.name])]
    return f"{len(with_must_not) - len(broken)}/{len(with_must_not)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", choices=["ours", "stock", "both", "none"],
                        default="ours", help="list the failing cases of these systems")
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="both",
                        help="which half of the judged set to report")
    args = parser.parse_args(argv)
    cases = load_cases()
    if args.split != "both":
        cases = [case for case in cases if case.split == args.split]
    ids = corpus_ids()
    with tempfile.TemporaryDirectory(prefix="judged-bench-") as tmp:
        work = Path(tmp)
        corpus = copy_corpus(work / "corpus")
        systems = [Ours(corpus, work / "ours"), Stock(corpus, work / "stock")]
        try:
            results = run(systems, cases, ids)
        finally:
            for system in systems:
                system.close()
    names = [system.name for system in systems]
    for split in SPLITS:
        half = [case for case in cases if case.split == split]
        if not half:
            continue
        print(f"\n{split} half ({len(half)} cases)")
        print(table(half, results, names))
        print("must-not-match held " + "  ".join(
            f"{name} {must_not_held(half, results, name)}" for name in names))
    shown = names if args.failures == "both" else [] if args.failures == "none" \
        else [args.failures]
    for name in shown:
        print(f"\nfailing for {name}:")
        print(failures(cases, results, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
