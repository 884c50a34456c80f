"""Our query language and multi-select facets as OpenSearch/Elasticsearch query DSL.

The text is read exactly as the search box reads it (the same preparation and the
same Whoosh parser configuration as the search core), then each node is spelt in
the engine's DSL, clause for clause as the search core builds its Whoosh query:

* a word → a ``bool`` of alternatives (at least one must match): the word and its
  closed/colon-less forms over every stemmed field with our boosts (``multi_match``,
  ``most_fields``: the engine's search analyzer adds lemmas and synonyms), the
  ``.folded`` fields when it was typed without å/ä/ö (not for a stopword: *man* is
  not *män*), the exact surface word, ``Upplands-Väsby`` also as the phrase
  ``upplands väsby``, and a year or a range of years (``2015``, ``2014–2020``) also
  as the years the documents cover (``terms`` on ``years``); a stopword is dropped
  unless the query is nothing but stopwords;
* ``"a phrase"`` → ``multi_match`` of type ``phrase`` with ``sv_phrase``;
* ``arbets*`` → ``prefix`` on the surface field; ``fält:värde`` → that field only;
* all words (AND) → ``must``; ``OR``/``ELLER`` → ``should``; ``NOT``/``INTE``/``-ord``
  → ``must_not``; a run of words that is a multi-word synonym form
  (``arbetsintegrerande sociala företag``) → the words OR the other forms.

Facets are disjunctive, as in Elastic's Search UI: the hits are filtered in
``post_filter`` (OR within a facet, AND across facets) and each facet's counts come
from a ``filter`` aggregation holding every *other* facet's selection, so the
alternatives of a facet stay visible with their counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.fields import TEXT, Schema
from whoosh.qparser import EveryPlugin, OperatorsPlugin, QueryParser, RangePlugin

from indexer.analysis import (
    STOPWORDS,
    has_swedish_letters,
    is_protected,
    surface_analyzer,
    word_variants,
)
from indexer.export import chain
from indexer.export.mapping import FOLDED
from indexer.export.synonyms import SynonymTable
from indexer.schema import (
    FACETS,
    FIELD_BOOSTS,
    MISSING_VALUE,
    QUERY_FIELD_ALIASES,
    SURFACE,
    SURFACE_BOOST,
    YEARS,
)

MAX_DEPTH = 6
MAX_WORDS = 32
MIN_PREFIX = 3
FOLDED_WEIGHT = 0.7
SYNONYM_WEIGHT = 0.8
FACET_SIZE = 100
SORTS = {"relevance": None, "newest": [{"start_day": "desc"}],
         "budget": [{"budget": "desc"}]}


# -- reading the search box (as search.query does) ------------------------------------
_PARSE_SCHEMA = Schema(**{name: TEXT(analyzer=surface_analyzer())
                          for name in {SURFACE, *QUERY_FIELD_ALIASES}})


def _parser() -> QueryParser:
    parser = QueryParser(SURFACE, _PARSE_SCHEMA)
    parser.remove_plugin_class(RangePlugin)
    parser.remove_plugin_class(EveryPlugin)
    parser.replace_plugin(OperatorsPlugin(
        And=r"(?<=\s)(AND|OCH)(?=\s)", Or=r"(?<=\s)(OR|ELLER)(?=\s)",
        AndNot=r"(?<=\s)ANDNOT(?=\s)", AndMaybe=r"(?<=\s)ANDMAYBE(?=\s)",
        Not=r"(^|(?<=(\s|[()])))(NOT|INTE)(?=\s)", Require=r"(^|(?<=\s))REQUIRE(?=\s)",
    ))
    return parser


_PARSER = _parser()
_PHONE = re.compile(r"\b(0\d{1,3})-(\d{2,3})((?: \d{2,3}){1,3})\b")
_FIELD = re.compile(r'(?<![\w:./-])([^\W\d_][\w-]*):(?=["(\w])')
_GENITIVE = re.compile(r"(s|n|ns|t|et|en|ets|ens|ar|er|or|na|arna|erna)(?![\w:])",
                       re.IGNORECASE)
_KNOWN_FIELDS = frozenset({SURFACE, *QUERY_FIELD_ALIASES})


# Years as the search core reads them (search.years): 1950–2099, a range joined into
# one word before parsing, at most MAX_RANGE years searched by period.
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_RANGE = re.compile(rf"(?<![\w.:/-])({_YEAR})\s*(?:-|–|—|\.\.)\s*({_YEAR})(?![\w.:/-])")
_YEAR_WORD = re.compile(rf"({_YEAR})(?:-({_YEAR}))?")
MAX_RANGE = 60


def year_span(word: str) -> tuple[int, int] | None:
    """(first, last) year of a query word that is a year or a joined range, else None.

    >>> year_span("2015"), year_span("2020-2014"), year_span("2015x"), year_span("1700")
    ((2015, 2015), (2014, 2020), None, None)
    """
    match = _YEAR_WORD.fullmatch(word)
    if match is None:
        return None
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    first, last = min(first, last), max(first, last)
    return first, min(last, first + MAX_RANGE - 1)


def _depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch == "(":
            depth += 1
            best = max(best, depth)
        elif ch == ")":
            depth = max(0, depth - 1)
    return best


def prepare(text: str) -> str:
    """User text made safe and unambiguous for the parser (as the search box does).

    >>> " ".join(prepare('e-post -kommun "arbets Syfte:hälsa FN:s').split())
    'e-post NOT kommun arbets syfte:hälsa FN:s'
    """
    def field_prefix(match: re.Match) -> str:
        name = match.group(1)
        if name.lower() in _KNOWN_FIELDS:
            return name.lower() + ":"
        return match.group(0) if _GENITIVE.match(text, match.end()) else ""

    text = _FIELD.sub(field_prefix, text)
    text = _RANGE.sub(lambda m: f"{m.group(1)}-{m.group(2)}", text)
    if text.count('"') % 2:
        text = text.replace('"', " ")
    if _depth(text) > MAX_DEPTH:
        text = text.replace("(", " ").replace(")", " ")
    text = re.sub(r"(\w)~\d*", r"\1", text)
    text = re.sub(r"(^|\s)[*?]+(?=\s|$)", " ", text)
    text = _PHONE.sub(lambda m: m.group(1) + "-" + m.group(2) + m.group(3).replace(" ", ""), text)
    text = re.sub(r"(^|\s)-(?=\w)", r"\1 NOT ", text)
    text = re.sub(r"(^|\s)\+(?=\w)", r"\1", text)
    text = re.sub(r"\s(AND|OR|OCH|ELLER|NOT|INTE)\s*$", " ", text)
    words = text.split()
    if len(words) > MAX_WORDS:
        text = " ".join(words[:MAX_WORDS])
    return text


def parse(text: str) -> wq.Query | None:
    """The search box's parse tree of a query, or None for an empty one."""
    prepared = prepare(text)
    if not prepared.strip():
        return None
    try:
        return _PARSER.parse(prepared)
    except Exception:  # the parser is lenient; a corner case falls back to the words
        return _PARSER.parse(re.sub(r"[^\w\s]", " ", prepared))


def parsed_words(node) -> list[str]:
    if isinstance(node, wq.Term):
        return [node.text]
    if isinstance(node, wq.Phrase):
        return list(node.words)
    return [w for child in node.children() for w in parsed_words(child)]


def only_stopwords(tree) -> bool:
    words = parsed_words(tree) if tree is not None else []
    return bool(words) and all(w.lower() in STOPWORDS for w in words)


def target_fields(fieldname: str) -> list[str]:
    """The index fields a parsed field name searches (all stemmed fields by default)."""
    if fieldname == SURFACE:
        return list(FIELD_BOOSTS)
    return [QUERY_FIELD_ALIASES.get(fieldname, fieldname)]


# -- the DSL ----------------------------------------------------------------------------
def _boosted(names: Sequence[str], weight: float = 1.0, suffix: str = "") -> list[str]:
    return [f"{name}{suffix}^{round(FIELD_BOOSTS.get(name, 1.0) * weight, 3):g}"
            for name in names]


def _any(clauses: list[dict]) -> dict:
    return clauses[0] if len(clauses) == 1 else {
        "bool": {"should": clauses, "minimum_should_match": 1}}


@dataclass
class Translator:
    """Turns parse trees into DSL; ``lemmas`` is the lexicon (for synonym runs)."""

    lemmas: Callable[[str], Sequence[str]] | None = None
    synonyms: SynonymTable = field(init=False)

    def __post_init__(self):
        self.synonyms = SynonymTable(self.lemmas)

    def query(self, text: str) -> dict:
        """The ``query`` of a search request for the text of the search box."""
        tree = parse(text)
        if tree is None:
            return {"match_all": {}}
        keep = only_stopwords(tree)
        translated = self._node(tree, keep)
        return translated if translated is not None else {"match_none": {}}

    def _node(self, node, keep: bool) -> dict | None:
        if isinstance(node, wq.Term):
            return self.word(node.fieldname, node.text, keep)
        if isinstance(node, wq.Phrase):
            return self.phrase(node.fieldname, list(node.words), keep)
        if isinstance(node, wq.Prefix):
            return self.prefix(node.fieldname, node.text, keep)
        if isinstance(node, wq.Wildcard):
            return self.word(node.fieldname, re.sub(r"[*?]", "", node.text), keep)
        if isinstance(node, wq.Not):
            inner = self._node(node.query, keep)
            return {"bool": {"must_not": [inner]}} if inner is not None else None
        if isinstance(node, wq.AndNot):
            positive, negative = self._node(node.a, keep), self._node(node.b, keep)
            if positive is None:
                return None
            if negative is None:
                return positive
            return {"bool": {"must": [positive], "must_not": [negative]}}
        if isinstance(node, wq.compound.CompoundQuery):
            if isinstance(node, wq.And):
                children = self._all_of(node.subqueries, keep)
            else:
                children = [self._node(child, keep) for child in node.subqueries]
            children = [c for c in children if c is not None]
            if not children:
                return None
            if len(children) == 1 and not _is_negation(children[0]):
                return children[0]
            if isinstance(node, wq.And):
                return _conjunction(children)
            return {"bool": {"should": children, "minimum_should_match": 1}}
        return None

    def _all_of(self, subqueries, keep: bool) -> list[dict | None]:
        out, i = [], 0
        while i < len(subqueries):
            j = i
            while (j < len(subqueries) and isinstance(subqueries[j], wq.Term)
                   and subqueries[j].fieldname == SURFACE):
                j += 1
            words = [q.text.lower() for q in subqueries[i:j]]
            found = self.synonyms.match(words) if len(words) > 1 else None
            if found is None or found.length < 2:
                out.append(self._node(subqueries[i], keep))
                i += 1
                continue
            inner = [self._node(q, keep) for q in subqueries[i:i + found.length]]
            inner = [q for q in inner if q is not None]
            widened = self._others(target_fields(SURFACE), found.others)
            alternatives = ([_conjunction(inner)] if inner else []) + widened
            out.append(_any(alternatives))
            i += found.length
        return out

    def _others(self, fields: list[str], forms: Sequence[str]) -> list[dict]:
        """The other forms of a synonym group, a little below the typed words."""
        out = []
        for form in forms:
            if " " in form:
                out.append({"multi_match": {"query": form, "type": "phrase",
                                            "fields": _boosted(fields, SYNONYM_WEIGHT),
                                            "analyzer": chain.PHRASE}})
            else:
                out.append({"multi_match": {"query": form, "type": "most_fields",
                                            "operator": "and",
                                            "fields": _boosted(fields, SYNONYM_WEIGHT)}})
        return out

    def word(self, fieldname: str, word: str, keep: bool) -> dict | None:
        word = word.lower().strip("'’:-")
        if not word:
            return None
        if word in STOPWORDS and not keep and fieldname == SURFACE:
            return None
        fields = target_fields(fieldname)
        protected = is_protected(word)
        forms = [word] if protected else [word, *word_variants(word, with_parts=False)]
        analyzer = {"analyzer": chain.SEARCH_STOPWORDS} if keep else {}
        clauses = [{"multi_match": {"query": form, "type": "most_fields", "operator": "and",
                                    "fields": _boosted(fields), **analyzer}}
                   for form in dict.fromkeys(forms)]
        if not has_swedish_letters(word) and word not in STOPWORDS:
            clauses.append({"multi_match": {
                "query": word, "type": "most_fields", "operator": "and",
                "fields": _boosted(fields, FOLDED_WEIGHT, "." + FOLDED)}})
        if fieldname == SURFACE:
            clauses.append({"match": {SURFACE: {"query": word, "boost": SURFACE_BOOST}}})
        parts = [p for p in word.split("-") if p] if not protected else []
        if len(parts) > 1:  # "Upplands Väsby" written apart, as a phrase
            clauses.append({"multi_match": {"query": " ".join(parts), "type": "phrase",
                                            "fields": _boosted(fields),
                                            "analyzer": chain.PHRASE}})
        span = year_span(word) if fieldname == SURFACE else None
        if span is not None:
            clauses.append({"terms": {YEARS: [str(y) for y in range(span[0], span[1] + 1)]}})
        return _any(clauses)

    def phrase(self, fieldname: str, words: list[str], keep: bool) -> dict | None:
        words = [w.lower() for w in words if w.strip()]
        if not words:
            return None
        if len(words) == 1:
            return self.word(fieldname, words[0], keep)
        return {"multi_match": {"query": " ".join(words), "type": "phrase",
                                "fields": _boosted(target_fields(fieldname)),
                                "analyzer": chain.PHRASE}}

    def prefix(self, fieldname: str, prefix: str, keep: bool) -> dict | None:
        prefix = prefix.lower()
        if len(prefix) < MIN_PREFIX:
            return self.word(fieldname, prefix, keep) if prefix else None
        if fieldname == SURFACE:
            return {"prefix": {SURFACE: {"value": prefix}}}
        return _any([{"prefix": {name: {"value": prefix}}} for name in target_fields(fieldname)])

    # -- a whole search request ---------------------------------------------------------
    def search_body(self, text: str = "", filters: dict[str, Sequence[str]] | None = None,
                    sort: str = "relevance", page: int = 1, per_page: int = 20) -> dict:
        """The body of ``POST /esf-sok/_search`` for one page of our search page."""
        selections = {name: tuple(values) for name, values in (filters or {}).items()
                      if name in FACETS and values}
        body: dict = {"query": self.query(text) if text.strip() else {"match_all": {}},
                      "from": (page - 1) * per_page, "size": per_page,
                      "track_total_hits": True}
        if selections:
            body["post_filter"] = {"bool": {"filter": [facet_filter(name, values)
                                                       for name, values in selections.items()]}}
        body["aggs"] = facet_aggregations(selections)
        order = SORTS["newest"] if sort == "relevance" and not text.strip() else SORTS[sort]
        if order:
            body["sort"] = order
        return body


def _is_negation(clause: dict) -> bool:
    inner = clause.get("bool", {})
    return set(inner) == {"must_not"}


def _conjunction(children: list[dict]) -> dict:
    """AND of clauses; a NOT child becomes ``must_not`` of the same bool."""
    must = [c for c in children if not _is_negation(c)]
    must_not = [n for c in children if _is_negation(c) for n in c["bool"]["must_not"]]
    out: dict = {}
    if must:
        out["must"] = must
    if must_not:
        out["must_not"] = must_not
    return {"bool": out}


def facet_filter(name: str, values: Sequence[str]) -> dict:
    """One facet's selection: any of its values (``__saknas__``: the field is absent)."""
    field_name = FACETS[name][0]
    clauses: list[dict] = []
    real = [v for v in values if v != MISSING_VALUE]
    if real:
        clauses.append({"terms": {field_name: real}})
    if MISSING_VALUE in values:
        clauses.append({"bool": {"must_not": [{"exists": {"field": field_name}}]}})
    return _any(clauses)


def facet_aggregations(selections: dict[str, Sequence[str]]) -> dict:
    """Per facet: its counts over the hits filtered by every other facet's selection."""
    aggs = {}
    for name, (field_name, _label) in FACETS.items():
        others = [facet_filter(other, values) for other, values in selections.items()
                  if other != name]
        terms = {"terms": {"field": field_name, "size": FACET_SIZE, "missing": MISSING_VALUE}}
        aggs[name] = {"filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                      "aggs": {"values": terms}}
    return aggs
