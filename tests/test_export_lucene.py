"""The exported chain, built by Lucene itself, gives the verdicts of our Whoosh index.

OpenSearch's and Elasticsearch's analysis is Lucene's, so Lucene's own classes
(``CustomAnalyzer`` with ``synonym``, ``synonymGraph``, ``dictionaryCompoundWord``,
``snowballPorter``, ``stemmerOverride``, ``keywordMarker``, pattern filters …) build
the chain from the exported ``index.json``, index the exported bulk documents and run
the exported query DSL for every query of the judged set, over every document of the
judged corpus (``tests/lucene/EsfLucene.java``). Our side is the Whoosh index the
build wrote, queried the way the search core queries it (``tests/lucene/reference``).

Every (query, document) verdict must agree, or be explained: each known kind of
difference has a checker that finds the evidence in the documents (``EXPLAINED``);
a difference no checker explains fails the test. The table of agreement per category
and split, and every difference with its evidence, are printed (also without ``-s``).

Skipped with the reason when Java or Debian's Lucene jars are missing
(``apt-get install -y default-jdk-headless liblucene8-java``).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer.analysis import BAND_SPAN
from indexer.build import rebuild
from indexer.export import chain
from indexer.export.querydsl import Translator
from indexer.export.run import write_export
from indexer.export.sources import load_sources
from indexer.export.wordlists import stemmed_fields
from indexer.schema import BODY, SURFACE, TITLE, band_field
from tests.judged.harness import CATEGORIES, copy_corpus, corpus_ids, load_cases, resolve
from tests.lucene import runner
from tests.lucene.reference import WhooshReference

REASON = runner.unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

CASES = load_cases()


@dataclass
class Judged:
    root: Path
    export: Path
    ids: list[str]


@pytest.fixture(scope="module")
def judged(tmp_path_factory) -> Judged:
    base = tmp_path_factory.mktemp("lucene-judged")
    corpus = copy_corpus(base / "corpus")
    root = base / "index"
    report = rebuild(corpus, root)
    assert report.skipped == [] and report.lexicon_words > 0
    sources = load_sources(root)
    write_export(sources, base / "export")
    return Judged(root, base / "export", corpus_ids())


@pytest.fixture(scope="module")
def classpath() -> str:
    return runner.classpath()


def test_lucene_builds_every_exported_analyzer(judged, classpath):
    requests = [{"key": name, "analyzer": name, "text": "Arbetskooperativen i Upplands-Väsby"}
                for name in chain.analyzers()]
    keys = {row[0] for row in runner.run("tokens", judged.export, {"requests": requests},
                                         classpath)}
    assert keys == set(chain.analyzers())


def whoosh_positions(root: Path) -> dict[tuple[str, str], dict[int, set[str]]]:
    """(document id, field) → position → terms, read from the Whoosh index itself."""
    from indexer import store

    out: dict[tuple[str, str], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    ix = store.open_for_reading(store.current_build(root))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        # The index keeps the title and one banded body; each band is a logical field
        # (indexer.schema), numbered from 0 within its band as Lucene numbers a field.
        for name in (TITLE, BODY):
            for term in reader.lexicon(name):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                postings = reader.postings(name, term)
                for docnum, positions in postings.items_as("positions"):
                    for position in positions:
                        logical = band_field(position) if name == BODY else name
                        out[(ids[docnum], logical)][position % BAND_SPAN].add(text)
    ix.close()
    return out


def lucene_positions(judged: Judged, classpath: str) -> dict[tuple[str, str], dict[int, set[str]]]:
    from indexer.export.bulk import chunk_paths, read_bulk

    requests = []
    for document in read_bulk(chunk_paths(judged.export)):
        for name in stemmed_fields():
            if document.source.get(name):
                requests.append({"key": f"{document.id}|{name}", "analyzer": chain.INDEX,
                                 "text": document.source[name]})
    out: dict[tuple[str, str], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, position, term in runner.run("tokens", judged.export, {"requests": requests},
                                          classpath):
        doc_id, name = key.split("|")
        out[(doc_id, name)][int(position)].add(term)
    return out


def test_lucene_indexes_the_terms_of_the_whoosh_index(judged, classpath, capsys):
    ours, theirs = whoosh_positions(judged.root), lucene_positions(judged, classpath)
    positions = differing = 0
    differences: dict[tuple[str, str], int] = defaultdict(int)
    for key in sorted(set(ours) | set(theirs)):
        for position in sorted(set(ours.get(key, {})) | set(theirs.get(key, {}))):
            positions += 1
            a, b = ours.get(key, {}).get(position, set()), theirs.get(key, {}).get(position, set())
            if a != b:
                differing += 1
                differences[(" ".join(sorted(a - b)), " ".join(sorted(b - a)))] += 1
    with capsys.disabled():
        print(f"\nLucene vs Whoosh index terms: {positions - differing}/{positions} positions "
              f"identical over {len(ours)} (document, field) pairs")
        for (only_whoosh, only_lucene), count in sorted(differences.items(),
                                                        key=lambda kv: -kv[1])[:30]:
            print(f"  {count:4d}×  Whoosh only: {only_whoosh or '–'}   "
                  f"Lucene only: {only_lucene or '–'}")
    assert differing == 0, f"{differing} positions differ (listed above)"


def test_lucene_copies_the_surface_words_of_the_whoosh_index(judged, classpath):
    """The surface field (no positions) is filled by copy_to: same terms, same counts."""
    from indexer import store
    from indexer.export.bulk import chunk_paths, read_bulk

    ours: dict[str, Counter] = defaultdict(Counter)
    ix = store.open_for_reading(store.current_build(judged.root))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        for term in reader.lexicon(SURFACE):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            for docnum, count in reader.postings(SURFACE, term).items_as("frequency"):
                ours[ids[docnum]][text] += count
    ix.close()
    requests = [{"key": document.id, "analyzer": chain.SURFACE, "text": document.source[name]}
                for document in read_bulk(chunk_paths(judged.export))
                for name in stemmed_fields() if document.source.get(name)]
    theirs: dict[str, Counter] = defaultdict(Counter)
    for doc_id, _position, term in runner.run("tokens", judged.export, {"requests": requests},
                                              classpath):
        theirs[doc_id][term] += 1
    assert set(ours) == set(theirs)
    for doc_id in ours:
        assert ours[doc_id] == theirs[doc_id], doc_id


QUERIES = sorted({case.query for case in CASES})


def lucene_verdicts(export: Path, lemmas, classpath: str) -> dict[tuple[str, str], bool]:
    translator = Translator(lemmas)
    payload = {"queries": [{"id": str(i), "query": translator.query(q)}
                           for i, q in enumerate(QUERIES)]}
    return {(QUERIES[int(qid)], doc): hit == "1"
            for qid, doc, hit in runner.run("verdicts", export, payload, classpath)}


@pytest.fixture(scope="module")
def lucene_ours(judged, classpath) -> dict[tuple[str, str], bool]:
    return lucene_verdicts(judged.export, load_sources_lemmas(judged.root), classpath)


@pytest.fixture(scope="module")
def whoosh_verdicts(judged) -> dict[tuple[str, str], bool]:
    reference = WhooshReference(judged.root)
    try:
        verdicts = {}
        for query in QUERIES:
            matched = reference.matches(query)
            for doc in judged.ids:
                verdicts[(query, doc)] = doc in matched
        return verdicts
    finally:
        reference.close()


def load_sources_lemmas(root: Path):
    from indexer.lexicon import DEFAULT_CACHE_NAME, Lexicon

    lexicon = Lexicon.load(root / DEFAULT_CACHE_NAME)

    def lemmas(word: str):
        info = lexicon.lookup(word)
        return info.lemmas if info is not None else ()

    return lemmas


def agreement_table(whoosh, lucene, ids) -> str:
    rows = defaultdict(lambda: [0, 0, 0, 0])  # pairs agreeing, pairs, cases agreeing, cases
    for case in CASES:
        split = getattr(case, "split", "all")
        same = sum(whoosh[(case.query, d)] == lucene[(case.query, d)] for d in ids)
        for key in ((case.category, split), (case.category, "*"), ("*", split), ("*", "*")):
            row = rows[key]
            row[0] += same
            row[1] += len(ids)
            row[2] += same == len(ids)
            row[3] += 1
    lines = ["| category | split | (query, document) verdicts agreeing | queries agreeing "
             "on every document |", "|---|---|---|---|"]
    order = [*CATEGORIES, "*"]
    for (category, split), (same, pairs, cases_same, cases) in sorted(
            rows.items(), key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else 99,
                                          kv[0][1])):
        lines.append(f"| {category} | {split} | {same}/{pairs} ({100 * same / pairs:.1f} %) "
                     f"| {cases_same}/{cases} |")
    return "\n".join(lines)


class Evidence:
    """What the documents say about one difference, for the known kinds."""

    def __init__(self, judged: Judged):
        from indexer import store
        from indexer.analysis import SwedishTokenizer
        from indexer.export.bulk import chunk_paths, read_bulk

        self.words: dict[str, set[str]] = {}
        tokenizer = SwedishTokenizer()
        for document in read_bulk(chunk_paths(judged.export)):
            self.words[document.id] = {t.text for name in stemmed_fields()
                                       for t in tokenizer(document.source.get(name) or "")}
        self.expansions: dict[str, list[str]] = {}
        rules = judged.export / chain.LIST_DIR / "sv_expansions.txt"
        for line in rules.read_text(encoding="utf-8").splitlines():
            word, _, added = line.partition(" => ")
            self.expansions[word] = added.split(", ")[1:]
        self.vocabulary = set(store.read_json(store.current_build(judged.root)
                                              / store.VOCABULARY, {}))

    def folded_part(self, query: str, doc: str, whoosh: bool, lucene: bool) -> str | None:
        """The ``.folded`` sub-fields fold every indexed word form, lemmas and compound
        parts included; ours folds a query only to written words of the index. So a
        word typed without å/ä/ö also meets a compound that holds it as a part."""
        from indexer.analysis import fold, has_swedish_letters

        word = query.lower()
        if whoosh or not lucene or " " in word or has_swedish_letters(word):
            return None
        for token in sorted(self.words[doc]):
            for form in self.expansions.get(token, []):
                if fold(form) == word and has_swedish_letters(form) \
                        and form not in self.vocabulary:
                    return f"{token} → part {form} → {word}; no written word {form!r}"
        return None


EXPLAINED = ("folded_part",)


def expectations_met(verdicts, ids) -> tuple[int, int]:
    """How many must_match / must_not_match expectations of the judged set hold."""
    met = total = 0
    for case in CASES:
        for short, wanted in ((s, True) for s in case.must_match):
            total += 1
            met += verdicts[(case.query, resolve(short, ids))] == wanted
        for short in case.must_not_match:
            total += 1
            met += not verdicts[(case.query, resolve(short, ids))]
    return met, total


def test_lucene_verdicts_agree_with_the_whoosh_index(judged, whoosh_verdicts, lucene_ours,
                                                     capsys):
    whoosh, lucene = whoosh_verdicts, lucene_ours
    assert set(whoosh) == set(lucene)
    evidence = Evidence(judged)
    found = {key: (whoosh[key], lucene[key]) for key in whoosh if whoosh[key] != lucene[key]}
    reasons = {}
    for (query, doc), (ours, theirs) in found.items():
        for kind in EXPLAINED:
            why = getattr(evidence, kind)(query, doc, ours, theirs)
            if why:
                reasons[(query, doc)] = f"{kind}: {why}"
                break
    unexplained = sorted(key for key in found if key not in reasons)
    with capsys.disabled():
        print("\nLucene vs Whoosh, judged set:\n" + agreement_table(whoosh, lucene, judged.ids))
        for name, verdicts in (("Whoosh", whoosh), ("Lucene", lucene)):
            met, total = expectations_met(verdicts, judged.ids)
            print(f"  {name}: {met}/{total} must_match/must_not_match expectations met")
        for (query, doc), (ours, theirs) in sorted(found.items()):
            print(f"  {query!r} {doc}: Whoosh {'match' if ours else 'no match'}, "
                  f"Lucene {'match' if theirs else 'no match'} — "
                  f"{reasons.get((query, doc), 'UNEXPLAINED')}")
    assert not unexplained, "differences no known kind explains: " + \
        ", ".join(f"{q!r}/{d}" for q, d in unexplained)


def test_the_standard_tokenizer_would_agree_less(judged, classpath, whoosh_verdicts, lucene_ours,
                                                 tmp_path, capsys):
    """Why the chain starts with our pattern tokenizer and not the standard one (UAX#29):
    the same export with only the tokenizer swapped, measured on the same verdicts."""
    variant = tmp_path / "standard"
    shutil.copytree(judged.export, variant)
    body = json.loads((variant / "index.json").read_text(encoding="utf-8"))
    body["settings"]["analysis"]["tokenizer"]["sv_tokens"] = {"type": "standard"}
    (variant / "index.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    ours = lucene_ours
    standard = lucene_verdicts(variant, load_sources_lemmas(judged.root), classpath)

    def agreeing(lucene, category=None) -> int:
        return sum(whoosh_verdicts[(case.query, d)] == lucene[(case.query, d)]
                   for case in CASES if category in (None, case.category) for d in judged.ids)

    with capsys.disabled():
        for category in ("tokens", None):
            print(f"\n{category or 'all'}: pattern tokenizer {agreeing(ours, category)}, "
                  f"standard tokenizer {agreeing(standard, category)} agreeing verdicts")
    assert agreeing(ours, "tokens") > agreeing(standard, "tokens")
    assert agreeing(ours) > agreeing(standard)
