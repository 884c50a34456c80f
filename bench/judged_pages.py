"""Copy generated ESF pages, made small, into the judged corpus (the held-out test half).

Usage::

    .venv/bin/python bench/judged_pages.py --seed 7 --docs 40 --every 4 \
        --out tests/judged/corpus

Why: the test half of ``tests/judged/cases.tsv`` has to be judged on documents nobody
tuned the analysis on. ``bench/make_corpus.py`` with a seed of its own writes such
pages from real Swedish text (journal-digital); the pages picked here are every
``--every``-th one (a rule, not a choice), and each is cut mechanically so the
judged index stays fast to build: the title and metadata block, every section heading
with the first paragraph under it, at most :data:`MAX_ITEMS` items of each list (the
``Kommun`` list whole). Written as ``gNN_seedS.txt`` (``NN``: the page's number).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402

MAX_ITEMS = 6
LIST_HEADINGS = {heading for heading, *_ in make_corpus.LISTS} | {"Kommun"}
TEXT_HEADINGS = set(make_corpus.SECTIONS)


def shrink(text: str) -> str:
    """The page with one paragraph per section and short lists.

    >>> page = "T\\n\\nRegionX\\nIn English\\n\\nSyfte\\n\\nEtt.\\nTvå.\\n\\nTre.\\n\\n"
    >>> page += "Kommun\\n\\n • A\\n • B"
    >>> print(shrink(page), end="")
    T
    <BLANKLINE>
    RegionX
    In English
    <BLANKLINE>
    Syfte
    <BLANKLINE>
    Ett.
    Två.
    <BLANKLINE>
    Kommun
    <BLANKLINE>
     • A
     • B
    """
    lines = text.split("\n")
    start = lines.index("In English") + 1
    out = lines[:start]
    heading, kept, items = None, 0, 0
    for line in lines[start:]:
        if line in TEXT_HEADINGS or line in LIST_HEADINGS:
            if out[-1] != "":
                out.append("")
            out += [line, ""]
            heading, kept, items = line, 0, 0
            continue
        if heading in LIST_HEADINGS:
            if line.startswith(" • ") and (heading == "Kommun" or items < MAX_ITEMS):
                out.append(line)
                items += 1
            continue
        if not line.strip():
            if kept:
                kept = -1  # the first paragraph is complete
            continue
        if kept >= 0:
            out.append(line)
            kept += 1
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="judged-pages-") as tmp:
        corpus = make_corpus.generate_corpus(Path(tmp) / "pages", args.docs, args.seed,
                                             source="journal-digital",
                                             cache_dir=args.cache_dir)
        args.out.mkdir(parents=True, exist_ok=True)
        for index in range(0, args.docs, args.every):
            text = (corpus / f"esf_{index:06d}.txt").read_text(encoding="utf-8")
            target = args.out / f"g{index:02d}_seed{args.seed}.txt"
            target.write_text(shrink(text), encoding="utf-8")
            print(f"{target}  {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
