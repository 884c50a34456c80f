"""Judge "Liknande projekt" (search.similar) on the bench corpus: precision@5.

Usage::

    python bench/mlt/judge.py --index /tmp/bench300-index show --set tune
    python bench/mlt/judge.py --index /tmp/bench300-index score

``show`` prints, for each sampled document of a set, its title and opening text
and its five most similar documents (with the words they share), marking the
pairs that are not judged yet; a human judges them into ``judgements.tsv``
(``source<TAB>candidate<TAB>1|0<TAB>note``). ``score`` prints precision@5 per
document and per set from those judgements; unjudged pairs are reported, never
counted as relevant. ``sample.tsv`` lists the documents, drawn with a fixed seed
before the measure was written: ``tune`` may be looked at while changing it,
``heldout`` only for the final figure.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from search.engine import Engine  # noqa: E402


def read_tsv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def opening(doc: dict, chars: int) -> str:
    """The document's main subject as a reader sees it first: the opening two
    sentences of Sammanfattning and the first of Syfte."""
    out = []
    for kind, count in (("sammanfattning", 2), ("syfte", 1)):
        text = " ".join(" ".join(s["text"] for s in doc["sections"] if s["type"] == kind)
                        .split())
        out += re.split(r"(?<=[.!?])\s+", text)[:count] if text else []
    return " | ".join(out)[:chars]


def sentences_with(doc: dict, words, limit: int = 2) -> list[str]:
    """The first sentences of the key sections that use any of ``words``: what the
    shared words are about in the candidate."""
    found = []
    text = " ".join(s["text"] for s in doc["sections"]
                    if s["type"] in ("sammanfattning", "syfte", "malsattning"))
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        lowered = sentence.lower()
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            found.append(sentence[:160])
            if len(found) == limit:
                break
    return found


def random_hits(engine, source: str):
    """Five documents drawn at random (seeded by the source id): what precision@5
    would be with no measure at all."""
    from search.similar import Similar, SimilarHit

    ids = sorted(i for i in engine.current().ids if i != source)
    picked = random.Random(source).sample(ids, 5)
    return Similar("random", "random", tuple(
        SimilarHit(i, engine.document(i)["title"], 0.0, ()) for i in picked), ())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--sample", type=Path, default=HERE / "sample.tsv")
    parser.add_argument("--judgements", type=Path, default=HERE / "judgements.tsv")
    parser.add_argument("--variant", default="innehall")
    parser.add_argument("command", choices=("show", "score"))
    parser.add_argument("--set", dest="subset", default=None)
    parser.add_argument("--chars", type=int, default=330)
    parser.add_argument("--random", action="store_true",
                        help="five random other documents instead: the baseline")
    parser.add_argument("--limit", type=int, default=None, help="first N sampled documents")
    args = parser.parse_args()

    sample = [row for row in read_tsv(args.sample)
              if args.subset is None or row["set"] == args.subset][:args.limit]
    judged = {(r["source"], r["candidate"]): r["relevant"] == "1"
              for r in read_tsv(args.judgements)}
    engine = Engine(args.index)
    per_set: dict[str, list[float]] = {}
    missing = 0
    for row in sample:
        source = row["doc_id"]
        doc = engine.document(source)
        found = engine.similar(source, args.variant)
        if args.random:
            found = random_hits(engine, source)
        if args.command == "show":
            print(f"\n### {source} [{row['set']}] {doc['title']}")
            print("    " + opening(doc, args.chars))
            print("    key words: " + ", ".join(found.key_words[:12]))
        relevant = 0
        for rank, hit in enumerate(found.hits, 1):
            verdict = judged.get((source, hit.id))
            relevant += bool(verdict)
            missing += verdict is None
            if args.command == "show":
                mark = {True: "1", False: "0", None: "?"}[verdict]
                other = engine.document(hit.id)
                print(f"  {rank}. [{mark}] {hit.id} {hit.title}  (delar: {', '.join(hit.shared)})")
                print("       " + opening(other, args.chars))
                for sentence in sentences_with(other, hit.shared):
                    print("       » " + sentence)
        precision = relevant / 5
        per_set.setdefault(row["set"], []).append(precision)
        if args.command == "score":
            print(f"{source}\t{row['set']}\t{precision:.1f}")
    if args.command == "score":
        for name, values in per_set.items():
            print(f"{name}: precision@5 = {sum(values) / len(values):.2f} "
                  f"over {len(values)} documents")
        if missing:
            print(f"({missing} unjudged pairs counted as not relevant)")
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
