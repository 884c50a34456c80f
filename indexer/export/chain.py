"""The Swedish chain of ``indexer.analysis``, spelt in the engine's own components.

Read top to bottom, as the recipe in ``indexer.analysis`` is; every filter is a
stock OpenSearch/Elasticsearch filter, each of which is a Lucene filter (the
verification builds them with Lucene's own factories).

Index time, every stemmed field (``sv_index``)::

    sv_tokens            pattern tokenizer with our token regex (Java syntax): words
                         with å/ä/ö whole, e-mail, domains, phones, SFS numbers as
                         one token. Not the standard tokenizer: UAX#29 splits
                         0520-167 60, 2001:453 and e-post (measured: it loses 23 of
                         the 1,024 verdicts of the judged set's token queries)
    lowercase
    sv_phone_join        "0520-167 60" → "0520-16760" (only phone tokens hold spaces)
    sv_expansions        synonym: every known word → its lemmas, compound parts and
                         hyphen/colon variants at the same position (our lexicon).
                         Not ``hunspell``: our lexicon deliberately differs from the
                         dictionary's own readings, splits compounds, and keeps the
                         word itself beside its lemmas
    sv_heading_marks, sv_heading_gaps
                         pattern_replace + length: the marks around a section heading
                         leave a position gap, as ours
    sv_protected_variants, sv_word_variants
                         pattern_capture: the same variant rules for words the list
                         does not know (the domain of an address, ASF:en → asf,
                         the parts of samhälls-entreprenörer)
    sv_decompound        dictionary_decompounder with parts that are safe on every
                         known word (see ``wordlists``), for unknown compounds
    sv_keep_nonalpha, sv_keep_stopwords
                         keyword_marker: numbers, addresses and stopwords unstemmed
    sv_agent_nouns, sv_keep_agent_nouns
                         pattern_replace + keyword_marker: ledaren → ledare, not "led"
    sv_stems             stemmer_override: our stems for every known word, stopword
                         collisions marked (varor → var#)
    sv_snowball          snowball Swedish for everything else
    remove_duplicates

Stopwords stay in the index, as in ours: phrases with stopwords work. At search time
(``sv_search``) the variants and parts are left out (a whole-compound query must not
match parts in different places) and two filters join: ``sv_query`` (synonym_graph:
our synonym list and the lemmas of every known word, in one filter because Lucene's
synonym filters cannot read each other's stacked output) and ``sv_stop`` (our
stopword list; after the synonyms, whose rules must still hold their stopwords).
``sv_phrase`` is the phrase chain (each word's own stem, stopwords kept);
``sv_search_stopwords`` serves a query of nothing but stopwords, which we keep; the
``.folded`` sub-fields add ``asciifolding`` for queries typed without å/ä/ö.
"""

from __future__ import annotations

from indexer.analysis import HEADING_END, HEADING_START, STOPWORDS, TOKEN_PATTERN
from indexer.export.wordlists import DECOMPOUND, WordLists

LIST_DIR = "analysis/esf"  # relative to the engine's config directory

INDEX, INDEX_FOLDED = "sv_index", "sv_index_folded"
SEARCH, SEARCH_FOLDED, SEARCH_STOPWORDS = "sv_search", "sv_search_folded", "sv_search_stopwords"
PHRASE, SURFACE = "sv_phrase", "sv_surface"


def java_pattern(python_pattern: str) -> str:
    r"""A Python regex as Java writes it, with Unicode classes switched on.

    >>> print(java_pattern(r"(?P<protected>\d+)|\w+"))
    (?U)(?:\d+)|\w+
    """
    if "(?P=" in python_pattern:
        raise ValueError("named back-references have no Java spelling here")
    return "(?U)" + python_pattern.replace("(?P<protected>", "(?:")


# Tail shared by every stemming chain: what indexer.analysis.stem does, in order.
_STEMMING = ["sv_keep_nonalpha", "sv_keep_stopwords", "sv_agent_nouns", "sv_keep_agent_nouns",
             "sv_stems", "sv_snowball"]


def analyzers() -> dict[str, dict]:
    def custom(*filters: str) -> dict:
        return {"type": "custom", "tokenizer": "sv_tokens", "filter": list(filters)}

    # The heading marks go after the synonym filter, never before: Lucene's synonym
    # filters reset the position increment of a token they rewrite, which would close
    # the gap in front of a heading word.
    marks = ["sv_heading_marks", "sv_heading_gaps"]
    index = ["lowercase", "sv_phone_join", "sv_expansions", *marks, "sv_protected_variants",
             "sv_word_variants", "sv_decompound", *_STEMMING, "remove_duplicates"]
    # No remove_duplicates after a synonym_graph: it is not graph-aware and would cut
    # the first word off a second multi-word synonym path.
    search = ["lowercase", "sv_phone_join", "sv_query", *marks, "sv_stop", *_STEMMING]
    # The folded sub-fields compare whole word forms (written words, lemmas, parts),
    # never stems: folded stems merge unrelated words (största → störst → "storst",
    # the stem of storstad).
    folded_index = [*(f for f in index if f not in _STEMMING and f != "remove_duplicates"),
                    "asciifolding", "remove_duplicates"]
    return {
        INDEX: custom(*index),
        INDEX_FOLDED: custom(*folded_index),
        SEARCH: custom(*search),
        SEARCH_STOPWORDS: custom(*[f for f in search if f != "sv_stop"]),
        SEARCH_FOLDED: custom("lowercase", "sv_phone_join", "sv_folded", *marks,
                              "asciifolding", "remove_duplicates"),
        PHRASE: custom("lowercase", "sv_phone_join", *marks, *_STEMMING),
        SURFACE: custom("lowercase", "sv_phone_join", *marks),
    }


_MARKS = "[" + "".join(f"\\x{ord(c):02x}" for c in (HEADING_START, HEADING_END)) + "]"
_HOST = (r"(?U)^(?![^@]*@)(?:https?://)?+(?:www\.)?+(?=[^/]*\.)(?!\d)([^/]+)")
_EMAIL_DOMAIN = r"(?U)^[\w.+-]+@([\w-]+(?:\.[\w-]+)+)$"
_COLON_BASE = r"(?U)^([^:]+):\p{L}+$"
# Hyphen parts of a word (not of an address, a domain or a phone number): the first
# part is anchored at ^, each next one at \G, the end of the previous match.
_HYPHEN_PARTS = (r"(?U)(?:^(?=[^-]*-)(?![^@./]*[@./])(?!0\d{1,3}-\d{4,12}$)|\G-)"
                 r"([^-]+?)(?=-|:\p{L}+$|$)")


# indexer.analysis.stem's agent-noun rule (wordlists.AGENT_NOUN), anchored for Java;
# the replacement keeps the -are: ledaren → ledare.
_AGENT_NOUN = r"(?U)^(\p{L}{3,}ar)(?:e|en|ens|es)$"


def filters(lists: WordLists, inline: bool) -> dict[str, dict]:
    files = lists.files()

    def wordlist(kind: str, name: str) -> dict:
        key = {"synonym": "synonyms", "synonym_graph": "synonyms",
               "stemmer_override": "rules", "dictionary_decompounder": "word_list"}[kind]
        return {key: files[name]} if inline else {f"{key}_path": f"{LIST_DIR}/{name}"}

    return {
        # A mark token becomes empty and is dropped, leaving its position as a gap
        # (written as regex escapes: no control character in the settings).
        "sv_heading_marks": {"type": "pattern_replace", "pattern": _MARKS, "replacement": "",
                             "all": True},
        "sv_heading_gaps": {"type": "length", "min": 1},
        "sv_phone_join": {"type": "pattern_replace", "pattern": " ", "replacement": "",
                          "all": True},
        "sv_expansions": {"type": "synonym", **wordlist("synonym", "sv_expansions.txt")},
        "sv_protected_variants": {"type": "pattern_capture", "preserve_original": True,
                                  "patterns": [_EMAIL_DOMAIN, _HOST]},
        "sv_word_variants": {"type": "pattern_capture", "preserve_original": True,
                             "patterns": [_COLON_BASE, _HYPHEN_PARTS]},
        "sv_decompound": {"type": "dictionary_decompounder", **DECOMPOUND,
                          **wordlist("dictionary_decompounder", "sv_decompound.txt")},
        "sv_keep_nonalpha": {"type": "keyword_marker", "keywords_pattern": r"(?U).*[^\p{L}].*"},
        "sv_keep_stopwords": {"type": "keyword_marker", "keywords": sorted(STOPWORDS)},
        "sv_agent_nouns": {"type": "pattern_replace", "pattern": _AGENT_NOUN,
                           "replacement": "$1e"},
        "sv_keep_agent_nouns": {"type": "keyword_marker", "keywords_pattern": r"(?U)\p{L}{3,}are"},
        "sv_stems": {"type": "stemmer_override", **wordlist("stemmer_override", "sv_stems.txt")},
        "sv_snowball": {"type": "snowball", "language": "Swedish"},
        "sv_query": {"type": "synonym_graph", "updateable": True,
                     **wordlist("synonym_graph", "sv_query.txt")},
        "sv_stop": {"type": "stop", "stopwords": sorted(STOPWORDS)},
        "sv_folded": {"type": "synonym", **wordlist("synonym", "sv_folded.txt")},
    }


def token_pattern() -> str:
    """Our token regex, plus the two heading marks as tokens of their own.

    A section heading travels in front of its text between two control characters
    (``indexer.analysis.headed``); our tokenizer skips them and leaves one position
    of gap at each, so no phrase runs across a heading. Here each mark is a token
    that ``sv_heading_marks`` empties and ``sv_heading_gaps`` drops, which leaves the
    same gap.
    """
    return java_pattern(TOKEN_PATTERN.pattern) + "|" + _MARKS


def analysis_settings(lists: WordLists, inline: bool = False) -> dict:
    """The ``settings.analysis`` object of the index."""
    return {
        "tokenizer": {"sv_tokens": {"type": "pattern", "group": 0,
                                    "pattern": token_pattern()}},
        "filter": filters(lists, inline),
        "analyzer": analyzers(),
    }
