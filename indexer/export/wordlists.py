"""The word lists the exported chain needs, generated from our lexicon and stemmer.

Why lists at all: our chain decides per word (a lemma from the Hunspell-derived
lexicon, a compound split with linking letters, a stem with stopword collisions
marked), and an engine can only be told such decisions as data. Every list below is
made by asking *our* analysis functions, so the engine repeats our decisions instead
of approximating them:

``expansions``   surface word → the lemmas, compound parts and hyphen/colon variants
                 our index adds at its position (a ``synonym`` filter, index time)
``query``        word → its lemmas, and the other forms of its synonym group with
                 their lemmas, as the query builder widens a query word (one
                 ``synonym_graph`` filter, search time: Lucene's synonym filters
                 cannot read each other's output, so lemmas and synonyms share one)
``stems``        word → our stem (a ``stemmer_override`` filter). Our Whoosh index
                 stems with Snowball 3 (PyStemmer), which strips the definite neuter
                 *-et* (``arbetet`` → ``arbet``); the Snowball in Lucene does not.
                 The table pins our stems for every word we know, stopword
                 collisions marked ``#`` as in ``indexer.analysis.stem``; Lucene's
                 ``snowball`` filter only stems words outside it
``folded``       word typed without å/ä/ö → the real words it may mean (at most
                 ``MAX_FOLD_TERMS``, most frequent first, as in the search core) and
                 their lemmas
``decompound``   compound parts for ``dictionary_decompounder``, the fallback for
                 words the lexicon has never seen; a part is kept only if splitting
                 every known word with it adds nothing our lexicon did not
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import snowballstemmer
from whoosh.analysis import Token

from indexer import analysis
from indexer.analysis import (
    STOPWORDS,
    TOKEN_PATTERN,
    VariantFilter,
    fold,
    has_swedish_letters,
)
from indexer.export.sources import Sources
from indexer.export.synonyms import SynonymTable
from indexer.schema import SURFACE, logical_fields, logical_schema

# The search core offers at most this many real words for one word typed without
# å/ä/ö (search.vocabulary.MAX_FOLD_TERMS).
MAX_FOLD_TERMS = 8
# Our lexicon never splits off a part shorter than this (the dictionary allows two).
MIN_PART = 3
# dictionary_decompounder settings, chosen for Swedish compounds: a word shorter than
# two parts is never split; a part may be as long as "socialförsäkring".
DECOMPOUND = {"min_word_size": 2 * MIN_PART, "min_subword_size": MIN_PART,
              "max_subword_size": 25, "only_longest_match": True}
# The agent-noun rule of indexer.analysis.stem: ledaren → ledare (Snowball would
# give "led", the verb). Mirrored in the chain as a pattern_replace filter; a test
# pins that this copy agrees with analysis.stem.
AGENT_NOUN = re.compile(r"([^\W\d_]{3,})ar(?:e|en|ens|es)")
# Snowball 3 Swedish step-1 endings, used only to enumerate words whose stem would
# collide with a stopword; the stemmer itself decides which of them really do.
_ENDINGS = ("", "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne",
            "are", "aste", "en", "anden", "aren", "heten", "ern", "ar", "er", "heter", "or",
            "s", "as", "arnas", "ernas", "ornas", "es", "ades", "andes", "ens", "arens",
            "hetens", "erns", "at", "et", "ets", "andet", "het", "ast")


def stemmed_fields() -> list[str]:
    """Index fields analysed with the stemmed Swedish chain, read off the schema."""
    chain = analysis.swedish_analyzer()
    return [name for name, spec in logical_schema().items()
            if getattr(spec, "analyzer", None) == chain]


def surface_fields() -> list[str]:
    """Index fields analysed with the surface tokenizer only."""
    chain = analysis.surface_analyzer()
    return [name for name, spec in logical_schema().items()
            if getattr(spec, "analyzer", None) == chain]


@dataclass
class Tokens:
    """Every distinct token of the stemmed fields, and the surface vocabulary."""

    words: set[str] = field(default_factory=set)          # non-protected tokens
    protected: set[str] = field(default_factory=set)      # e-mail, domains, phones, SFS
    surface_df: Counter = field(default_factory=Counter)  # surface word → documents


def token_texts(text: str):
    """(text, protected?) of every token, as ``SwedishTokenizer`` writes them.

    The tokenizer's own regex and rules (lower-cased, spaces out of protected tokens),
    without building Whoosh tokens: an export reads every word of every document.

    >>> list(token_texts("IoP och 0520-167 60"))
    [('iop', False), ('och', False), ('0520-16760', True)]
    """
    for match in TOKEN_PATTERN.finditer(text):
        word = match.group().lower()
        if match.lastgroup == "protected":
            yield word.replace(" ", ""), True
        else:
            yield word, False


def collect_tokens(sources: Sources) -> Tokens:
    tokens = Tokens()
    names = stemmed_fields()
    for item in sources.documents:
        fields = logical_fields(item.document, item.sha1)
        for name in names:
            for word, protected in token_texts(fields.get(name) or ""):
                (tokens.protected if protected else tokens.words).add(word)
        if sources.vocabulary is None:
            tokens.surface_df.update(set(analysis.surface_words(fields[SURFACE])))
    if sources.vocabulary is not None:
        tokens.surface_df.update(sources.vocabulary)
    return tokens


def extras(word: str, protected: bool, sources: Sources) -> list[str]:
    """What our index adds at a token's position, in the chain's order (unstemmed).

    Mirrors ``VariantFilter | LexiconFilter``: the variants come from the real
    ``VariantFilter``; then every form, the word and its variants, is looked up in
    the lexicon (never a protected token, never a stopword, never the form itself).

    >>> extras("upplands-väsby", False, Sources([]))
    ['upplands', 'väsby', 'upplandsväsby']
    """
    token = Token(positions=False, chars=False)
    token.text, token.protected, token.extra, token.mode = word, protected, False, ""
    forms = [t.text for t in VariantFilter()(iter([token]))]
    out: dict[str, None] = dict.fromkeys(forms[1:])
    if not protected:
        for form in forms:
            for extra in sources.expansions(form):
                if extra != form and extra not in STOPWORDS:
                    out.setdefault(extra, None)
    out.pop(word, None)
    return list(out)


class Decompounder:
    """The subwords Lucene's DictionaryCompoundWordTokenFilter (8.x) emits for a word.

    At every start offset the longest listed part (``only_longest_match``); newer
    Lucene versions emit a subset of these, so a list that is safe here stays safe.

    >>> Decompounder({"kooperativ", "arbet"})("arbetskooperativet")
    ['arbet', 'kooperativ']
    """

    def __init__(self, parts: Iterable[str]):
        self.parts = frozenset(parts)
        # Every prefix of a part: the scan at one offset stops at the first miss.
        self._prefixes = frozenset(p[:k] for p in self.parts for k in range(1, len(p) + 1))

    def __call__(self, word: str) -> list[str]:
        low, high = DECOMPOUND["min_subword_size"], DECOMPOUND["max_subword_size"]
        if len(word) < DECOMPOUND["min_word_size"]:
            return []
        found = []
        for i in range(len(word) - low + 1):
            longest = None
            for j in range(1, min(high, len(word) - i) + 1):
                piece = word[i:i + j]
                if piece not in self._prefixes:
                    break
                if j >= low and piece in self.parts:
                    longest = piece
            if longest:
                found.append(longest)
        return found


def _stem(word: str) -> str:
    return analysis.stem(word)


def _collisions() -> dict[str, str]:
    """Words of any kind whose stem is a stopword's, with our marked stem.

    The enumeration covers what Snowball can strip: a step-3 ending (lig, ig, els,
    the t of löst/fullt), a consonant-pair letter and a step-1 ending. Meant for
    words the vocabulary does not have yet; the stemmer decides each candidate.
    """
    found = {}
    for stopword in STOPWORDS:
        for third in ("", "lig", "ig", "els", "t"):
            for pair in ("", "d", "n", "t"):
                for ending in _ENDINGS:
                    word = stopword + third + pair + ending
                    if word not in STOPWORDS and word.isalpha():
                        stemmed = _stem(word)
                        if stemmed.endswith(analysis.STOPWORD_STEM_MARK):
                            found[word] = stemmed
    return found


def _rules(table: dict[str, list[str]]) -> list[str]:
    """Solr-format rules ``word => word, added…``: the word itself is kept."""
    return [f"{w} => {', '.join(dict.fromkeys([w, *added]))}"
            for w, added in sorted(table.items())]


@dataclass
class WordLists:
    expansions: dict[str, list[str]]
    query: dict[str, list[str]]
    stems: dict[str, str]
    folded: dict[str, list[str]]
    decompound: list[str]
    unsafe_parts: int = 0

    def files(self) -> dict[str, list[str]]:
        """File name → lines, in the formats the engine's filters read."""
        return {
            "sv_expansions.txt": _rules(self.expansions),
            "sv_query.txt": _rules(self.query),
            "sv_stems.txt": [f"{w} => {s}" for w, s in sorted(self.stems.items())],
            "sv_folded.txt": _rules(self.folded),
            "sv_decompound.txt": sorted(self.decompound),
        }


def _lemmas(word: str, sources: Sources) -> list[str]:
    return [w for w in sources.lemmas(word) if w != word and w not in STOPWORDS]


def build_wordlists(sources: Sources, tokens: Tokens | None = None) -> WordLists:
    tokens = tokens or collect_tokens(sources)
    expansions = {}
    for word in tokens.words:
        added = extras(word, False, sources)
        if added:
            expansions[word] = added

    candidates = set()
    for word in tokens.words:
        info = sources.lexicon.lookup(word) if sources.lexicon is not None else None
        for part in info.parts if info is not None else ():
            for candidate in (part, _stem(part)):
                if len(candidate) >= MIN_PART and candidate.isalpha() \
                        and candidate not in STOPWORDS:
                    candidates.add(candidate)
    # Dropping a part can make a shorter one the longest match in the forms that held
    # it: check those again until the list is safe on every known token.
    groups = [(w, expansions.get(w, [])) for w in tokens.words]
    groups += [(p, analysis.protected_variants(p)) for p in tokens.protected]
    unsafe: set[str] = set()
    while groups:
        found, affected = _unsafe_parts(groups, Decompounder(candidates - unsafe))
        unsafe |= found
        groups = affected
    decompound = sorted(candidates - unsafe)

    # Search time: every known word with its lemmas, and synonyms with theirs.
    widenings = SynonymTable(sources.lemmas).widenings(sorted(tokens.surface_df))
    known: set[str] = {*tokens.words, *tokens.surface_df, *decompound}
    for values in expansions.values():
        known.update(values)
    for word, others in widenings.items():
        known.update(word.split())
        known.update(w for other in others for w in other.split())
    query: dict[str, list[str]] = {}
    for word in sorted(known):
        if word.isalpha() and word not in STOPWORDS and _lemmas(word, sources):
            query[word] = _lemmas(word, sources)
    for word, others in widenings.items():
        added = query.setdefault(word, [])
        for other in others:
            added.append(other)
            if " " not in other:
                added.extend(_lemmas(other, sources))

    folded: dict[str, list[str]] = {}
    for word in sorted(tokens.surface_df):
        if word.isalpha() and has_swedish_letters(word):
            folded.setdefault(fold(word), []).append(word)
    for key, words in list(folded.items()):
        words = sorted(words, key=lambda w: -tokens.surface_df[w])[:MAX_FOLD_TERMS]
        folded[key] = [*words, *(lemma for w in words for lemma in _lemmas(w, sources))]

    for table in (query, folded):
        for added in table.values():
            known.update(w for value in added for w in value.split())
    # A word is left to the engine's Snowball only when ours leaves it as it is and so
    # does our Snowball (Lucene's older Snowball strips less, never more); every word
    # our stem() treats specially (collisions, -het nouns, the -et rule) is listed.
    snowball = snowballstemmer.stemmer("swedish").stemWord  # the stemmer analysis.stem uses
    stems = {word: _stem(word) for word in known
             if word.isalpha() and word not in STOPWORDS and not AGENT_NOUN.fullmatch(word)}
    stems = {word: stem for word, stem in stems.items()
             if stem != word or snowball(word) != word}
    for word, stem in _collisions().items():
        stems.setdefault(word, stem)
    return WordLists(expansions, query, stems, folded, decompound, len(unsafe))


def _unsafe_parts(groups: list[tuple[str, list[str]]], decompose: Decompounder
                  ) -> tuple[set[str], list[tuple[str, list[str]]]]:
    """Parts that, split out of a known token (or what our index adds at its position),
    would index a term our index lacks there; and the groups where that happened."""
    unsafe: set[str] = set()
    affected = []
    for word, added in groups:
        forms = [word, *added]
        stems = {_stem(form) for form in forms}
        bad = {part for form in forms for part in decompose(form) if _stem(part) not in stems}
        if bad:
            unsafe |= bad
            affected.append((word, added))
    return unsafe, affected
