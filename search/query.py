"""The query pipeline: user text → a bounded, Swedish-aware Whoosh query.

1. ``prepare``: limit nesting and length, turn ``-ord`` into NOT, keep phone numbers
   whole, note syntax slips (an unbalanced quote) for the user.
2. Whoosh's QueryParser reads words, "phrases", OR/NOT (also ELLER/INTE),
   ``prefix*`` and ``fält:värde`` over the surface analyzer.
3. ``QueryBuilder`` rewrites each word into the index's terms: the exact surface
   word (boosted), its stems through lemmas, synonyms, and å/ä/ö-less spellings,
   in the title and the banded body (a field query: its band). Stopwords
   are dropped unless the query is nothing but stopwords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.fields import TEXT, Schema
from whoosh.qparser import (
    EveryPlugin,
    OperatorsPlugin,
    QueryParser,
    RangePlugin,
)

from indexer.analysis import STOPWORDS, index_terms, is_protected, stem, surface_analyzer
from indexer.schema import (
    FIELD_BOOSTS,
    QUERY_FIELD_ALIASES,
    SURFACE,
    SURFACE_BOOST,
    TITLE,
    YEARS,
    index_targets,
)
from search.sections import in_bands, phrase_in_bands
from search.synonyms import SynonymTable
from search.vocabulary import MIN_PREFIX, Vocabulary
from search.years import capped, explanation, join_ranges, year_span

MAX_DEPTH = 6
SYNTAX_MESSAGE = ("Frågan innehöll ett syntaxfel (t.ex. ett ensamt citattecken eller en "
                  "parentes) – visar träffar för bästa tolkning.")
MAX_WORDS = 32
# A document whose period covers a queried year scores like one passing mention of a
# word in a prose section: below a text that names the year, above nothing at all.
YEAR_BOOST = 1.0


@dataclass
class QueryPlan:
    query: wq.Query | None
    words: list[str] = field(default_factory=list)
    highlight_words: set[str] = field(default_factory=set)
    highlight_stems: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    synonyms: list[tuple[str, list[str]]] = field(default_factory=list)
    syntax_error: bool = False
    # A query of nothing but stopwords ("och att") searches them; otherwise they are
    # dropped. Decided per query, so it lives here and never on the shared builder.
    keep_stopwords: bool = False


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
_OPERATORS = r"AND|OR|OCH|ELLER|NOT|INTE"
_DOUBLED_OPERATOR = re.compile(rf"(?<!\S)({_OPERATORS})\s+({_OPERATORS})(?!\S)")
# ``namn:värde`` where the value starts a word, a phrase or a group. Not a field: a
# colon inside a number (10:30), a URL (https://), or a genitive ending after an
# abbreviation (FN:s, EU:ns, SCB:s) — Swedish writes those with a colon.
_FIELD = re.compile(r'(?<![\w:./-])([^\W\d_][\w-]*):(?=["(\w])')
_GENITIVE = re.compile(r"(s|n|ns|t|et|en|ets|ens|ar|er|or|na|arna|erna)(?![\w:])",
                       re.IGNORECASE)
_KNOWN_FIELDS = frozenset({SURFACE, *QUERY_FIELD_ALIASES})


def field_names() -> list[str]:
    """The field names a user can write, one per searchable field (schema order).

    >>> field_names()[:3]
    ['titel', 'sammanfattning', 'bakgrund']
    """
    seen: dict[str, str] = {}
    for name, target in QUERY_FIELD_ALIASES.items():
        seen.setdefault(target, name)
    return list(seen.values())


def _field_prefixes(text: str, plan: QueryPlan) -> str:
    """Field names ignore case (``Syfte:`` is ``syfte:``); an unknown one is dropped
    with a message naming the fields that exist, and its value searched everywhere."""
    unknown: list[str] = []

    def fix(match: re.Match) -> str:
        name = match.group(1)
        if name.lower() in _KNOWN_FIELDS:
            return name.lower() + ":"
        if _GENITIVE.match(text, match.end()):
            return match.group(0)
        unknown.append(name)
        return ""

    text = _FIELD.sub(fix, text)
    for name in dict.fromkeys(unknown):
        plan.messages.append(
            f"Fältet ”{name}” finns inte, så det som stod efter kolonet söktes i alla fält. "
            f"Fält som finns: {', '.join(field_names())}.")
    return text


def repair(text: str) -> str:
    """A well-formed version of a query: the lone quote closed (or dropped when it
    ends the text), unmatched parentheses closed or dropped, no dangling operator.
    Suggestions are built from this, so following one never gives a syntax error.

    >>> repair('"sociala arbets')
    '"sociala arbets"'
    >>> repair("(kooperativ OR")
    '(kooperativ)'
    """
    if text.count('"') % 2:
        stripped = text.rstrip()
        text = stripped[:-1] if stripped.endswith('"') else stripped + '"'
    out, depth = [], 0
    for ch in text:
        if ch == ")":
            if depth == 0:
                continue
            depth -= 1
        elif ch == "(":
            depth += 1
        out.append(ch)
    text = "".join(out) + ")" * depth
    operators = r"(AND|OR|OCH|ELLER|NOT|INTE|ANDNOT|ANDMAYBE|REQUIRE)"
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"^\s*(AND|OR|OCH|ELLER)\s+", "", text)
        text = re.sub(rf"\s+{operators}\s*(?=\)|$)", "", text)
        text = re.sub(r"\(\s*\)", "", text)
    return " ".join(text.split())


def _depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch == "(":
            depth += 1
            best = max(best, depth)
        elif ch == ")":
            depth = max(0, depth - 1)
    return best


def prepare(text: str, plan: QueryPlan) -> str:
    """Make raw user text safe and unambiguous for the parser.

    >>> " ".join(prepare('e-post -kommun "arbets', QueryPlan(None)).split())
    'e-post NOT kommun arbets'
    """
    text = _field_prefixes(text, plan)
    text = join_ranges(text)
    if text.count('"') % 2:
        plan.syntax_error = True
        text = text.replace('"', " ")
    if text.count("(") != text.count(")"):
        plan.syntax_error = True
    if _depth(text) > MAX_DEPTH:
        plan.messages.append(f"Parenteser nästlade djupare än {MAX_DEPTH} nivåer ignorerades.")
        text = text.replace("(", " ").replace(")", " ")
    if re.search(r"\w~\d*", text):
        plan.messages.append("Tecknet ~ ignorerades: stavfel rättas automatiskt när ett ord "
                             "saknas i indexet.")
        text = re.sub(r"(\w)~\d*", r"\1", text)
    if re.search(r"(^|\s)[*?]+(\s|$)", text):
        plan.messages.append("Ett ensamt jokertecken matchar allt och ignorerades.")
        text = re.sub(r"(^|\s)[*?]+(?=\s|$)", " ", text)
    text = _PHONE.sub(lambda m: m.group(1) + "-" + m.group(2) + m.group(3).replace(" ", ""), text)
    text = re.sub(r"(^|\s)-(?=\w)", r"\1 NOT ", text)
    text = re.sub(r"(^|\s)\+(?=\w)", r"\1", text)
    if re.search(r"(^|\s)[-+](?=\s|$)", text):
        plan.messages.append("Ett ensamt - eller + ignorerades (skriv -ord för att utesluta "
                             "ett ord).")
        text = re.sub(r"(^|\s)[-+](?=\s|$)", " ", text)
    doubled = _DOUBLED_OPERATOR.search(text)
    if doubled:
        plan.messages.append(f"Två operatorer i rad (”{doubled.group(1)} {doubled.group(2)}”): "
                             f"”{doubled.group(1)}” ignorerades.")
        while doubled:
            text = text[:doubled.start(1)] + text[doubled.end(1):]
            doubled = _DOUBLED_OPERATOR.search(text)
    trailing = re.search(r"(^|\s)(AND|OR|OCH|ELLER|NOT|INTE)\s*$", text)
    if trailing:
        plan.messages.append(f"”{trailing.group(2)}” i slutet av frågan saknade ett ord efter "
                             "sig och ignorerades.")
        text = text[:trailing.start()] + " "
    if re.search(r"(^|\s)(AND|OR|OCH|ELLER)(\s|$)", text.strip()[:5]):
        plan.syntax_error = True
    if text.strip() and not re.search(r"\w", text):
        plan.messages.append("Frågan innehöll inga ord att söka efter – visar alla dokument.")
        text = ""
    words = text.split()
    if len(words) > MAX_WORDS:
        plan.messages.append(f"Bara de {MAX_WORDS} första orden i frågan användes.")
        text = " ".join(words[:MAX_WORDS])
    return text


class QueryBuilder:
    """Rewrites parsed user words into index terms, using one index version's words.

    One builder per index version serves every request thread: it holds only
    read-only lookups (vocabulary, synonyms); everything a query decides goes on its
    own :class:`QueryPlan`.
    """

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.synonyms = SynonymTable(vocabulary.lemmas)

    def plan(self, text: str) -> QueryPlan:
        plan = QueryPlan(None)
        prepared = prepare(text, plan)
        if not prepared.strip():
            if plan.syntax_error:
                plan.messages.insert(0, SYNTAX_MESSAGE)
            elif not plan.messages:
                plan.messages.append("Frågan innehöll inga ord att söka efter – visar alla "
                                     "dokument.")
            return plan
        try:
            parsed = _PARSER.parse(prepared)
        except Exception:  # the parser is lenient; never let a corner case become a 500
            plan.syntax_error = True
            parsed = _PARSER.parse(re.sub(r"[^\w\s]", " ", prepared))
        words = [text for _, text in _terms(parsed)]
        plan.keep_stopwords = bool(words) and all(w.lower() in STOPWORDS for w in words)
        plan.query = self._rewrite(parsed, plan)
        if plan.syntax_error:
            plan.messages.insert(0, SYNTAX_MESSAGE)
        return plan

    # -- tree rewriting -----------------------------------------------------------
    def _rewrite(self, node, plan: QueryPlan):
        if isinstance(node, wq.Term):
            return self._word(node.fieldname, node.text, plan)
        if isinstance(node, wq.Phrase):
            return self._phrase(node.fieldname, list(node.words), plan)
        if isinstance(node, wq.Prefix):
            return self._prefix(node.fieldname, node.text, plan)
        if isinstance(node, wq.Wildcard):
            plan.messages.append(
                "Jokertecken fungerar bara i slutet av ett ord (t.ex. arbets*); "
                f"”{node.text}” söktes som vanligt ord."
            )
            return self._word(node.fieldname, re.sub(r"[*?]", "", node.text), plan)
        if isinstance(node, wq.Not):
            inner = self._rewrite(node.query, plan)
            return wq.Not(inner) if inner is not None else None
        if isinstance(node, wq.AndNot):
            positive = self._rewrite(node.a, plan)
            negative = self._rewrite(node.b, plan)
            if positive is None:
                return None
            return wq.AndNot(positive, negative) if negative is not None else positive
        if isinstance(node, wq.compound.CompoundQuery):
            if isinstance(node, wq.And):
                children = self._rewrite_all_of(node.subqueries, plan)
            else:
                children = [self._rewrite(child, plan) for child in node.subqueries]
            children = [c for c in children if c is not None]
            if not children:
                return None
            if len(children) == 1 and not isinstance(children[0], wq.Not):
                return children[0]
            return type(node)(children)
        return None

    def _rewrite_all_of(self, subqueries, plan: QueryPlan) -> list:
        """Rewrite AND-ed words, widening a run that is a multi-word synonym form.

        ``arbetsintegrerande sociala företag`` becomes (all three words) OR ``ASF``.
        """
        out, i = [], 0
        while i < len(subqueries):
            j = i
            while (j < len(subqueries) and isinstance(subqueries[j], wq.Term)
                   and subqueries[j].fieldname == SURFACE):
                j += 1
            words = [q.text.lower() for q in subqueries[i:j]]
            found = self.synonyms.match(words) if len(words) > 1 else None
            if found is None or found.length < 2:
                out.append(self._rewrite(subqueries[i], plan))
                i += 1
                continue
            inner = [self._rewrite(q, plan) for q in subqueries[i:i + found.length]]
            inner = [q for q in inner if q is not None]
            plan.synonyms.append((" ".join(words[:found.length]), list(found.others)))
            widened = self._synonym_alternatives(self._fields(SURFACE), found.others, plan)
            out.append(wq.Or([wq.And(inner), *widened]) if inner else wq.Or(widened))
            i += found.length
        return out

    def _synonym_alternatives(self, fields: list[str], forms, plan: QueryPlan) -> list:
        """Queries for the other forms of a synonym group, a little below the typed word."""
        alternatives: list[wq.Query] = []
        for form in forms:
            parts = form.split()
            plan.highlight_words.update(parts)
            if len(parts) == 1:
                terms = index_terms(parts[0], self.vocabulary.lemmas)
                plan.highlight_stems.update(terms)
                alternatives.extend(in_bands(name, bands, term, boost=0.8 * field_boost)
                                    for name, bands, field_boost in fields for term in terms)
            else:
                stems = [index_terms(p)[0] for p in parts]
                plan.highlight_stems.update(stems)
                alternatives.extend(phrase_in_bands(name, bands, stems, boost=0.8)
                                    for name, bands, _ in fields)
        return alternatives

    @staticmethod
    def _fields(fieldname: str) -> list[tuple[str, tuple[int, ...] | None, float]]:
        """(index field, bands, boost) of a field the query names (see
        ``indexer.schema.index_targets``); the surface field means every field."""
        if fieldname == SURFACE:
            return index_targets(SURFACE)
        return index_targets(QUERY_FIELD_ALIASES.get(fieldname, fieldname))

    def _word(self, fieldname: str, word: str, plan: QueryPlan):
        word = word.lower().strip("'’:-")
        if not word:
            return None
        if word in STOPWORDS and not plan.keep_stopwords and fieldname == SURFACE:
            return None
        vocabulary = self.vocabulary
        plan.words.append(word)
        forms = [word]
        # A stopword is a word as typed (man, var): its twin with å/ä/ö (män, vår) is
        # another word, so it is not folded.
        folded = [] if word in STOPWORDS else vocabulary.folded(word)
        forms += [f for f in folded if f != word]
        found = self.synonyms.match([word])
        synonyms = list(found.others) if found and found.length == 1 else []
        if synonyms:
            plan.synonyms.append((word, synonyms))
        span = year_span(word) if fieldname == SURFACE else None
        known = word in vocabulary or bool(folded) or is_protected(word) or span is not None
        if not known and not synonyms:
            plan.unknown.append(word)
        fields = self._fields(fieldname)
        alternatives: list[wq.Query] = []
        for form in forms:
            plan.highlight_words.add(form)
            stems = index_terms(form, vocabulary.lemmas)
            plan.highlight_stems.update(stems)
            weight = 1.0 if form == word else 0.7
            for name, bands, field_boost in fields:
                boost = field_boost * weight
                alternatives.extend(in_bands(name, bands, s, boost=boost) for s in stems)
            if fieldname == SURFACE:
                alternatives.append(wq.Term(SURFACE, form, boost=SURFACE_BOOST * weight))
            parts = [p for p in form.split("-") if p] if not is_protected(form) else []
            if len(parts) > 1:  # "Upplands Väsby" written apart, as a phrase
                part_stems = [index_terms(p)[0] for p in parts]
                plan.highlight_words.update(parts)
                plan.highlight_stems.update(part_stems)
                alternatives.extend(phrase_in_bands(name, bands, part_stems, boost=field_boost)
                                    for name, bands, field_boost in fields)
        alternatives += self._synonym_alternatives(fields, synonyms, plan)
        if span is not None:
            alternatives += self._year_alternatives(span, plan)
        return wq.Or(alternatives) if len(alternatives) > 1 else alternatives[0]

    @staticmethod
    def _year_alternatives(span: tuple[int, int], plan: QueryPlan) -> list:
        """Documents whose period or date covers a queried year or range (see
        ``search.years``). A document covering the whole span scores :data:`YEAR_BOOST`,
        one covering part of a range that share of it: a project running through the
        range ranks above one touching its edge, and neither above a text naming it."""
        span, cut = capped(span)
        first, last = span
        if cut:
            plan.messages.append(f"Årsintervallet kortades till {first}–{last}.")
        message = explanation(span)
        if message not in plan.messages:
            plan.messages.append(message)
        boost = YEAR_BOOST / (last - first + 1)
        return [wq.Term(YEARS, str(year), boost=boost) for year in range(first, last + 1)]

    def _phrase(self, fieldname: str, words: list[str], plan: QueryPlan):
        words = [w.lower() for w in words if w.strip()]
        if not words:
            return None
        if len(words) == 1:
            return self._word(fieldname, words[0], plan)
        plan.words.extend(words)
        plan.unknown.extend(w for w in words if not self._is_known(w))
        plan.highlight_words.update(words)
        stems = [index_terms(w)[0] for w in words]
        plan.highlight_stems.update(stems)
        alternatives: list[wq.Query] = []
        alternatives.extend(phrase_in_bands(name, bands, stems, boost=field_boost)
                            for name, bands, field_boost in self._fields(fieldname))
        return wq.Or(alternatives)

    def _is_known(self, word: str) -> bool:
        """An indexed word (also typed without å/ä/ö), a protected form or a synonym."""
        vocabulary = self.vocabulary
        return (word in vocabulary or bool(vocabulary.folded(word)) or is_protected(word)
                or self.synonyms.match([word]) is not None)

    def _prefix(self, fieldname: str, prefix: str, plan: QueryPlan):
        prefix = prefix.lower()
        if len(prefix) < MIN_PREFIX:
            plan.messages.append(
                f"Sökning på ordbörjan kräver minst {MIN_PREFIX} bokstäver; "
                f"”{prefix}*” söktes som vanligt ord."
            )
            return self._word(fieldname, prefix, plan) if prefix else None
        words, capped = self.vocabulary.prefixed(prefix)
        plan.words.append(prefix + "*")
        if capped:
            plan.messages.append(
                f"”{prefix}*” matchar många ord; de {len(words)} vanligaste användes."
            )
        if not words:
            plan.unknown.append(prefix + "*")
            return wq.Term(SURFACE, prefix + "\u0000")  # matches nothing, keeps AND semantics
        plan.highlight_words.update(words)
        fields = self._fields(fieldname)
        alternatives: list[wq.Query] = []
        for word in words:
            if fieldname == SURFACE:
                alternatives.append(wq.Term(SURFACE, word, boost=SURFACE_BOOST))
                alternatives.append(wq.Term(TITLE, stem(word), boost=FIELD_BOOSTS[TITLE]))
            else:
                alternatives.extend(in_bands(name, bands, stem(word))
                                    for name, bands, _ in fields)
        return wq.Or(alternatives)


def _terms(node):
    if isinstance(node, wq.Term):
        yield node.fieldname, node.text
    elif isinstance(node, wq.Phrase):
        for word in node.words:
            yield node.fieldname, word
    else:
        for child in node.children():
            yield from _terms(child)
