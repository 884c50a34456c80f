"""Compound split quality: precision and recall against hand-checked splits.

Usage::

    .venv/bin/python bench/split_quality.py [--errors] [--json OUT]

The gold file (``tests/data/compound_gold.tsv``) gives, for 300 words drawn from the
2,000 candidates of ``tests/data/compounds_pool.txt`` (Hunspell entries and words of
the journal-digital transcripts, see ``bench/compound_sample.py``), the parts and the
sub-compounds a searcher should find the word by, or ``-`` for a word that must not be
split. A word's *system terms* are the compound parts the lexicon adds at index time
(``Morphology.analyse(word).parts``); its *gold terms* are the gold parts and
sub-compounds. Both are compared as the index compares them, by their Snowball stem
(``indexer.analysis.stem``), stopwords left out (the index never adds them as parts).

* precision: gold terms among the system terms / system terms (a split of a word that
  is no compound counts against it);
* recall: gold terms among the system terms / gold terms;
* compounds found whole: gold compounds whose every gold term the system has;
* left unsplit: gold non-compounds the system adds no part for.

The run also reports, over all 2,000 candidates, how many get parts and how many parts
on average. Run it from a checkout to measure that checkout's splitter.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.analysis import STOPWORDS, stem  # noqa: E402
from indexer.lexicon import get_morphology  # noqa: E402

DATA = ROOT / "tests" / "data"
GOLD = DATA / "compound_gold.tsv"
POOL = DATA / "compounds_pool.txt"


def load_gold(path: Path = GOLD) -> list[tuple[str, str, tuple[str, ...] | None]]:
    """(source, word, gold terms or None for an unjudged word); ``()`` means unsplit."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, word, parts, *subs = line.split("\t")
        if parts == "?":
            rows.append((source, word, None))
        elif parts == "-":
            rows.append((source, word, ()))
        else:
            rows.append((source, word, tuple(parts.split()) + tuple(" ".join(subs).split())))
    return rows


def load_pool(path: Path = POOL) -> list[tuple[str, str]]:
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def stems(words) -> set[str]:
    return {stem(w) for w in words if w not in STOPWORDS}


def score(gold, analyse) -> dict:
    """The figures of one splitter (``analyse``: word → parts) over the gold words."""
    hit = system_total = gold_total = 0
    whole = compounds = unsplit = simple = 0
    errors = []
    for source, word, terms in gold:
        if terms is None:
            continue
        system = stems(analyse(word))
        wanted = stems(terms)
        hit += len(system & wanted)
        system_total += len(system)
        gold_total += len(wanted)
        if wanted:
            compounds += 1
            whole += wanted <= system
        else:
            simple += 1
            unsplit += not system
        if system != wanted:
            errors.append((source, word, sorted(wanted - system), sorted(system - wanted)))
    precision = hit / system_total if system_total else 0.0
    recall = hit / gold_total if gold_total else 0.0
    return {
        "judged": compounds + simple, "compounds": compounds, "non_compounds": simple,
        "precision": round(precision, 3), "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3) if hit else 0.0,
        "compounds_found_whole": whole, "non_compounds_left_unsplit": unsplit,
        "errors": errors,
    }


def coverage(pool, analyse) -> dict:
    split = [len(analyse(word)) for _, word in pool]
    with_parts = [n for n in split if n]
    return {"candidates": len(pool), "split": len(with_parts),
            "parts_per_split_word": round(sum(with_parts) / max(1, len(with_parts)), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every word that differs")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    morphology = get_morphology()

    def analyse(word: str) -> tuple[str, ...]:
        return morphology.analyse(word).parts

    result = score(load_gold(), analyse)
    result["pool"] = coverage(load_pool(), analyse)
    print(f"gold: {result['judged']} judged words ({result['compounds']} compounds, "
          f"{result['non_compounds']} not compounds)")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"F1 {result['f1']:.3f}")
    print(f"compounds found whole {result['compounds_found_whole']}/{result['compounds']}  "
          f"non-compounds left unsplit "
          f"{result['non_compounds_left_unsplit']}/{result['non_compounds']}")
    pool = result["pool"]
    print(f"pool: {pool['split']}/{pool['candidates']} candidates get parts, "
          f"{pool['parts_per_split_word']} parts each")
    if args.errors:
        for source, word, missing, extra in result["errors"]:
            print(f"  {source:<16}{word:<28} missing {missing}  extra {extra}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
