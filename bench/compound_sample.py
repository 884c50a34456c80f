"""Draw the compound sample that split quality is measured on (``bench/split_quality.py``).

Usage::

    .venv/bin/python bench/compound_sample.py [--cache-dir DIR] [--out FILE]

Why two sources: the Hunspell dictionary lists compounds in their base form, which is
where a splitter meets its own dictionary, and real text (the journal-digital newsreel
transcripts, a source nobody tuned the analysis on) has them inflected, misspelt and
made up on the spot. Candidates are words of at least :data:`MIN_LETTERS` letters
(Swedish compounds are long; shorter words are nearly never compounds), lower-case as
written (no names), and the same seed always draws the same words: :data:`PER_SOURCE`
from each, written sorted, one per line, as ``source<TAB>word``. The hand-checked gold
splits (``tests/data/compound_gold.tsv``) are a random 300 of these.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import swedish_text as st  # noqa: E402

from indexer.lexicon import find_dictionary  # noqa: E402

MIN_LETTERS = 10
PER_SOURCE = 1000
SEED = "compound-sample-2026"
DEFAULT_OUT = ROOT / "tests" / "data" / "compounds_pool.txt"
_WORD = re.compile(r"[^\W\d_]+")


def dictionary_words() -> list[str]:
    """Lower-case, purely alphabetic stems of the Hunspell ``.dic``, long enough."""
    words = set()
    with open(find_dictionary().with_suffix(".dic"), encoding="utf-8") as fh:
        next(fh)  # the entry count
        for line in fh:
            stem = line.split("/", 1)[0].split("\t", 1)[0].strip()
            if len(stem) >= MIN_LETTERS and stem.isalpha() and stem.islower():
                words.add(stem)
    return sorted(words)


def text_words(cache_dir: Path) -> list[str]:
    """Long lower-case words of the journal-digital transcripts."""
    found = st.journal_digital_speech_dir(cache_dir)
    if not found:
        raise SystemExit("journal-digital is not available (see bench/make_corpus.py)")
    speech, version = found
    words = set()
    for sentence in st.journal_digital_sentences(speech, cache_dir, version):
        for word in _WORD.findall(sentence):
            if len(word) >= MIN_LETTERS and word.islower():
                words.add(word)
    return sorted(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "bench" / "corpora" / ".cache")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    pool = [("hunspell", w) for w in rng.sample(dictionary_words(), PER_SOURCE)]
    text = [w for w in text_words(args.cache_dir) if w not in {p for _, p in pool}]
    pool += [("journal-digital", w) for w in rng.sample(text, PER_SOURCE)]
    header = ("# Compound candidates for bench/split_quality.py, drawn by "
              "bench/compound_sample.py\n# (source<TAB>word; the gold splits of 300 of them "
              "are in compound_gold.tsv)\n")
    args.out.write_text(header + "".join(f"{s}\t{w}\n" for s, w in sorted(pool)),
                        encoding="utf-8")
    print(f"{len(pool)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
