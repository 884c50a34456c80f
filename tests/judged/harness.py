"""The judged Swedish query set: its cases, its corpus and the one way a case is judged.

Shared by ``tests/test_judged.py`` (our engine, one pytest case per row) and
``bench/judged_bench.py`` (our engine next to a stock Snowball analyzer), so both judge
every case identically. See the header of ``cases.tsv`` for the file format.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEEDS = ROOT / "corpus"
DESIGNED = HERE / "corpus"
CASES_FILE = HERE / "cases.tsv"

CATEGORIES = ("lemmas", "compounds", "folding", "tokens", "stopwords", "typos", "synonyms",
              "ranking", "headings", "metadata", "years")
SPLITS = ("dev", "test")
HEADER = ["split", "category", "query", "must_match", "must_not_match", "ranking", "why"]
_DIGEST_LINE = re.compile(r"^# test-sha256: ([0-9a-f]{64})\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    line: int
    split: str
    category: str
    query: str
    must_match: tuple[str, ...]
    must_not_match: tuple[str, ...]
    checks: tuple[str, ...]
    why: str
    status: str = ""

    @property
    def name(self) -> str:
        return f"{self.split}-{self.category}-{self.query}"

    @property
    def xfail(self) -> str | None:
        """The diagnosis of a known engine bug, or None."""
        status = self.status.strip()
        if status.lower().startswith("xfail"):
            return status[5:].lstrip(": ").strip() or "known engine bug"
        return None


def _ids(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(",") if part.strip())


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    """The cases of a TSV file; comment lines start with ``#``.

    >>> import tempfile
    >>> text = "# c\\nsplit\\tcategory\\tquery\\tmust_match\\tmust_not_match\\tranking\\twhy\\n"
    >>> text += "dev\\tlemmas\\tprojektet\\t000, 001\\t003\\t000>001\\tbecause\\n"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "c.tsv"
    ...     _ = p.write_text(text, encoding="utf-8")
    ...     [case] = load_cases(p)
    >>> case.split, case.must_match, case.must_not_match, case.checks, case.xfail
    ('dev', ('000', '001'), ('003',), ('000>001',), None)
    """
    cases: list[Case] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if cells[:len(HEADER)] != HEADER:
                raise ValueError(f"{path.name}:{number}: expected the header {HEADER}")
            header_seen = True
            continue
        if len(cells) not in (7, 8):
            raise ValueError(f"{path.name}:{number}: expected 7 or 8 columns, got {len(cells)}")
        split, category, query, must, must_not, ranking, why, *status = cells
        if split not in SPLITS:
            raise ValueError(f"{path.name}:{number}: split must be one of {SPLITS}")
        cases.append(Case(
            line=number, split=split, category=category.strip(), query=query,
            must_match=_ids(must),
            must_not_match=_ids(must_not), checks=tuple(ranking.split()), why=why.strip(),
            status=status[0] if status else "",
        ))
    return cases


def frozen_digest(path: Path = CASES_FILE) -> tuple[str | None, str]:
    """(digest recorded in the header, digest of the test rows as they are now).

    The digest covers the first seven columns of every ``test`` row, in order, so an
    xfail diagnosis may be added to the status column but no expectation can change
    without it showing.
    """
    text = path.read_text(encoding="utf-8")
    recorded = _DIGEST_LINE.search(text)
    digest = hashlib.sha256()
    for raw in text.splitlines():
        if raw.startswith("test\t"):
            digest.update("\t".join(raw.split("\t")[:7]).encode("utf-8") + b"\n")
    return (recorded.group(1) if recorded else None), digest.hexdigest()


# -- the judged corpus --------------------------------------------------------------------
def corpus_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted(DESIGNED.glob("*.txt"))


def copy_corpus(target: Path) -> Path:
    """Copy the seeds and the designed documents into one corpus folder."""
    target.mkdir(parents=True, exist_ok=True)
    for path in corpus_files():
        shutil.copy(path, target / path.name)
    return target


def corpus_ids() -> list[str]:
    return [path.stem for path in corpus_files()]


def resolve(short: str, ids: list[str]) -> str:
    """A full document id from a full id or the part before its first ``_``.

    >>> resolve("000", ["000_e77", "001_993"])
    '000_e77'
    >>> resolve("001_993", ["000_e77", "001_993"])
    '001_993'
    """
    if short in ids:
        return short
    found = [doc_id for doc_id in ids if doc_id.startswith(short + "_")]
    if len(found) != 1:
        raise KeyError(f"id {short!r} names {len(found)} documents of the judged corpus")
    return found[0]


# -- judging ------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What one search system returned for one query."""

    hits: list[str]
    total: int
    corrected_from: str | None = None
    suggestion: str | None = None
    synonyms: bool = False
    messages: tuple[str, ...] = ()
    real_word: Callable[[str], bool] = field(default=lambda word: False)


def judge(case: Case, outcome: Outcome, ids: list[str]) -> list[str]:
    """Everything wrong with ``outcome`` for ``case`` (empty: the case passes)."""
    problems: list[str] = []
    hits = outcome.hits
    if outcome.total > len(hits):
        problems.append(f"{outcome.total} hits but only {len(hits)} returned")
    missing = [d for d in (resolve(s, ids) for s in case.must_match) if d not in hits]
    if missing:
        problems.append(f"missing {missing}")
    unwanted = [d for d in (resolve(s, ids) for s in case.must_not_match) if d in hits]
    if unwanted:
        problems.append(f"unwanted {unwanted}")
    for check in case.checks:
        problem = _check(check, case, outcome, ids)
        if problem:
            problems.append(problem)
    return problems


def _check(check: str, case: Case, outcome: Outcome, ids: list[str]) -> str | None:
    if ">" in check:
        order = [resolve(s, ids) for s in check.split(">")]
        absent = [d for d in order if d not in outcome.hits]
        if absent:
            return f"ranking {check}: {absent} not among the hits"
        positions = [outcome.hits.index(d) for d in order]
        if positions != sorted(positions):
            return f"ranking {check}: got positions {positions}"
        return None
    if check == "corrected":
        if outcome.corrected_from != case.query:
            return f"not auto-corrected (corrected_from={outcome.corrected_from!r})"
        return None
    if check == "!corrected":
        if outcome.corrected_from is not None:
            return f"auto-corrected from {outcome.corrected_from!r}"
        return None
    if check.startswith("suggest="):
        wanted = check.split("=", 1)[1].lower()
        suggestion = (outcome.suggestion or "").lower()
        if wanted not in suggestion.split():
            return f"suggestion {outcome.suggestion!r} does not offer {wanted!r}"
        typed = set(case.query.lower().split())
        invented = [w for w in suggestion.split() if w not in typed and not outcome.real_word(w)]
        if invented:
            return f"suggestion {outcome.suggestion!r} has words not in the index: {invented}"
        return None
    if check == "synonyms":
        return None if outcome.synonyms else "no synonyms reported"
    if check == "years":
        if any("pågick" in message for message in outcome.messages):
            return None
        return f"no message explains the year match (messages: {list(outcome.messages)})"
    raise ValueError(f"line {case.line}: unknown check {check!r}")
