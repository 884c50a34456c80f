"""The Swedish analysis chain, read top to bottom like a recipe.

Index time, the title and the banded body field (``SWEDISH``)::

    SwedishTokenizer     words with å/ä/ö/é/ü kept whole; e-mail addresses, domains,
                         phone numbers and law references (``2001:453``) as one token;
                         lower-cased as it goes (``IoP`` = ``IOP``); the words of a
                         section heading (marked by :func:`headed`) weigh
                         ``HEADING_BOOST``, with a position gap before and after
    VariantFilter        ``ASF:en`` also as ``asf``; ``e-post`` also as ``e``, ``post``
                         and the closed form ``epost`` — all at the same position
    LexiconFilter        lemmas and compound parts from the build's lexicon
                         (``sektorer`` → ``sektor``; ``arbetsmarknadsutbildningen`` →
                         ``arbetsmarknad``, ``arbete``, ``marknadsutbildning``, …), same
                         position, index time only; a part weighs ``PART_WEIGHT``
    StemFilter           Snowball Swedish via ``snowballstemmer``; agent nouns keep -are
                         and nouns keep -het (``ledare`` ≠ leda, ``fastighet`` ≠ fast);
                         a stem that collides with a stopword (``varor`` → ``var``) is
                         marked so it cannot match the stopword itself

Stopwords are *kept* in the index (phrases with stopwords work, a stopword-only
query finds something); the query builder drops them from ordinary queries.

Section headings, metadata text (owner, programme, region, kommuner) and the title go
through the same chain as body text: the title in a field of its own, everything else
in a band of positions of the body field (``indexer.schema``), where a band mark moves
the position and sets the band's weight.

The all-text field (``SURFACE``) keeps the lower-cased surface words only: it scores
exact matches above lemma/compound/folded ones and is the vocabulary for "Menade
du …?" and for queries typed without å/ä/ö.

Whoosh pickles the schema into the index, so every part here is a module-level
class without heavy state: the stemmer and the lexicon live in module globals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import snowballstemmer
from whoosh.analysis import Filter, Token, Tokenizer

# Snowball's Swedish stopword list (as in Lucene's SwedishAnalyzer), plus the few
# abbreviations that carry no meaning in a query.
STOPWORDS = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de
av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
ert era vilkas
""".split())

# Tokens that are findable as written and never stemmed or split.
_PROTECTED = (
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                      # e-post
    r"|(?:https?://)?(?:[\w-]+\.)+(?:se|nu|com|org|net|eu|info)\b(?:/[^\s]*)?"  # domäner
    r"|\b0\d{1,3}-\d{2,3}(?: \d{2,3}){1,3}\b"             # telefon 0520-167 60
    r"|\b0\d{1,3}-\d{4,8}\b"                               # telefon 0381-15964
    r"|\b(?:19|20)\d{2}:\d{1,4}\b"                          # SFS 2001:453
)
_WORD = r"[^\W_]+(?:['’:\-][^\W_]+)*"
TOKEN_PATTERN = re.compile(f"(?P<protected>{_PROTECTED})|{_WORD}", re.UNICODE)

# A section heading travels in its section's field between these two control characters
# (no token contains them). Why a weight of 2: a heading word counts as two mentions in
# its section. The heading says what the whole section is about, so a document whose
# heading has the word ranks above one that says it once in passing (BM25 with K1 1.2
# scores two mentions 1.4 times one); but many documents share the same headings
# (Bakgrund, Syfte, Medfinansiärer), so it stays below a text that keeps returning to
# the word (three mentions: 1.6 times).
HEADING_START, HEADING_END = "\x1d", "\x1e"
HEADING_BOOST = 2.0


def headed(heading: str, text: str) -> str:
    """A section's text with its heading in front, marked for :class:`SwedishTokenizer`.

    >>> [(t.text, t.pos, t.boost) for t in SwedishTokenizer()(headed("Syfte", "Ett mål"),
    ...                                                         positions=True)]
    [('syfte', 1, 2.0), ('ett', 3, 1.0), ('mål', 4, 1.0)]
    """
    return f"{HEADING_START}{heading}{HEADING_END}{text}"


# Sections share one body field (``indexer.schema``), each in a band of positions of
# its own: a band mark (``BAND_MARK`` and the band number as one C1 control character)
# moves the next word to position ``band × BAND_SPAN``, and the band's weight multiplies
# every word's weight until the next mark. A million positions per band: no section is
# that long, and a phrase can never run from one section into the next.
BAND_MARK = "\x1f"
BAND_SPAN = 1 << 20
_BAND_CODE = 0x80
_MARKS = re.compile(f"[{HEADING_START}{HEADING_END}]|{BAND_MARK}(.)", re.DOTALL)


def band_mark(band: int) -> str:
    """The mark that starts band ``band`` in a banded value (see :func:`banded`)."""
    return BAND_MARK + chr(_BAND_CODE + band)


def banded(parts) -> str:
    """One field value from (band, text) pairs, each text in its band.

    >>> weights = (1.0, 2.5)
    >>> [(t.text, t.pos, t.boost) for t in SwedishTokenizer(weights)(
    ...     banded([(0, "Ett ord"), (1, headed("Syfte", "Mål"))]), positions=True)]
    [('ett', 0, 1.0), ('ord', 1, 1.0), ('syfte', 1048577, 5.0), ('mål', 1048579, 2.5)]
    """
    return "".join(band_mark(band) + text for band, text in parts)


def band_of(position: int) -> int:
    return position // BAND_SPAN


def _marks(value: str) -> list[tuple[int, str, int]]:
    """(offset, kind, band) of every heading or band mark in ``value``, in order;
    kind is "start"/"end" of a heading or "band"."""
    out = []
    for match in _MARKS.finditer(value):
        code = match.group(1)
        if code is not None:
            out.append((match.start(), "band", ord(code) - _BAND_CODE))
        else:
            out.append((match.start(), "start" if match.group() == HEADING_START else "end", 0))
    return out


class SwedishTokenizer(Tokenizer):
    """Regex tokenizer that knows Swedish word shapes and protected tokens.

    ``band_weights`` (one weight per band) is set for the banded body field only.
    """

    def __init__(self, band_weights: tuple[float, ...] = ()):
        self.band_weights = tuple(band_weights)

    def __eq__(self, other):
        return (type(self) is type(other)
                and getattr(self, "band_weights", ()) == getattr(other, "band_weights", ()))

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.protected = False
            token.extra = False
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for pos, boost, text, protected, match in self._scan(value, start_pos):
            token.text = text
            token.protected = protected
            token.extra = False
            token.boost = boost
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token

    def _scan(self, value: str, start_pos: int):
        marks = _marks(value) if (HEADING_START in value or BAND_MARK in value) else ()
        weights = getattr(self, "band_weights", ())
        next_mark, pos = 0, start_pos - 1
        heading, band_weight = 1.0, 1.0
        boost = 1.0
        for match in TOKEN_PATTERN.finditer(value):
            pos += 1
            while next_mark < len(marks) and marks[next_mark][0] < match.start():
                _, kind, band = marks[next_mark]
                next_mark += 1
                if kind == "band":
                    pos = band * BAND_SPAN
                    band_weight = weights[band] if band < len(weights) else 1.0
                    heading = 1.0
                else:
                    # One position of gap at each mark: no phrase runs across a heading.
                    heading = HEADING_BOOST if kind == "start" else 1.0
                    pos += 1
                boost = heading * band_weight
            # Lower-casing happens here rather than in a LowercaseFilter: one pass less
            # per token, and the index is case-insensitive throughout (IoP = IOP).
            text = match.group().lower()
            protected = match.lastgroup == "protected"
            if protected:
                text = text.replace(" ", "")
            yield pos, boost, text, protected, match


def word_variants(word: str, with_parts: bool = True) -> list[str]:
    """Other forms a written word is also findable by (same position).

    Queries leave out the hyphen parts (``with_parts=False``): ``samhälls-entreprenörer``
    must not match a text that has "samhälls" and "entreprenörer" apart.

    >>> word_variants("asf:en")
    ['asf']
    >>> word_variants("fn:s")
    ['fn']
    >>> word_variants("upplands-väsby")
    ['upplands', 'väsby', 'upplandsväsby']
    >>> word_variants("samhälls-entreprenörer")
    ['samhälls', 'entreprenörer', 'samhällsentreprenörer']
    >>> word_variants("kooperativ"), word_variants("5:7")
    ([], [])
    """
    variants: list[str] = []
    base, colon, ending = word.partition(":")
    if colon and base and ending.isalpha():  # ASF:en, FN:s — but not § 5:7
        variants.append(base)
        word = base
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        if with_parts:
            variants.extend(parts)
        variants.append("".join(parts))
    return [v for v in variants if v]


def protected_variants(token: str) -> list[str]:
    """A domain is also findable without ``www.``/``https://``, an address by its domain.

    >>> protected_variants("lena.berg@kvarnen.nu")
    ['kvarnen.nu']
    >>> protected_variants("https://www.kvarnen.nu/om")
    ['kvarnen.nu']
    >>> protected_variants("0520-16760")
    []
    """
    if "@" in token:
        return [token.rsplit("@", 1)[1]]
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", token).split("/", 1)[0]
    if "." in host and not host[0].isdigit() and host != token:
        return [host]
    return []


class VariantFilter(Filter):
    """Adds colon-ending bases and hyphen parts at the same position."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        for t in tokens:
            # Read the text before yielding: later filters (stemming) change the
            # shared token in place while it is away.
            original = t.text
            yield t
            if t.protected:
                variants = protected_variants(original)
            elif "-" in original or ":" in original:
                variants = word_variants(original)
            else:
                continue
            t.extra = True
            for variant in variants:
                t.text = variant
                yield t
            t.text, t.extra = original, False


# -- lexicon hook -----------------------------------------------------------------
# The build installs the lexicon's lookup here before indexing; None means "no
# lexicon" (tests of the bare chain, or a build without the optional extra).
WordLookup = Callable[[str], Iterable[str]]
_expansions: WordLookup | None = None


def install_expansions(lookup: WordLookup | None) -> None:
    """Install ``word → lemmas and compound parts`` for index-time analysis."""
    global _expansions
    _expansions = lookup



# A compound part weighs half a mention of the word itself: the compound is about
# something narrower (jämställdhetsintegrering is a method, not jämställdhet), so a text
# that says the word, in any inflection, ranks above one that only has it inside a
# compound (issue 11: exact forms score above part matches). BM25 (K1 1.2) scores a
# weight of 0.5 at about two thirds of one mention.
PART_WEIGHT = 0.5


class LexiconFilter(Filter):
    """Adds lemmas and compound parts at the same position, at index time only.

    Queries are never split: a query for a whole compound must not match a
    document that has the parts in different places. A part weighs
    :data:`PART_WEIGHT` of the word it is part of.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        lookup = _expansions
        split = getattr(lookup, "split", None)
        for t in tokens:
            original = t.text  # before the yield: the stemmer rewrites t.text in place
            yield t
            if lookup is None or t.mode == "query" or t.protected:
                continue
            lemmas, parts = split(original) if split else (tuple(lookup(original)), ())
            boost = t.boost
            for extra, weight in (*((lemma, 1.0) for lemma in lemmas),
                                  *((part, PART_WEIGHT) for part in parts)):
                # A lemma that is a stopword (varor → vara) would meet the stopword
                # itself; the surface form's own stem already carries the meaning.
                if extra != original and extra not in STOPWORDS:
                    t.text, t.extra, t.boost = extra, True, boost * weight
                    yield t
            t.text, t.extra, t.boost = original, False, boost


# -- stemming ---------------------------------------------------------------------
_stemmer = None


def _snowball():
    # Created on first use, never stored on a filter: a PyStemmer object inside the
    # pickled schema breaks ``create_in``.
    global _stemmer
    if _stemmer is None:
        _stemmer = snowballstemmer.stemmer("swedish")
    return _stemmer


STOPWORD_STEM_MARK = "#"
# Snowball cuts the agent-noun ending -are, so ``ledare`` met the verb ``leda`` and
# ``deltagare`` met ``deltaga``. Singular agent nouns keep their -are; the plural
# (``ledarna``) reaches it through its lemma. Comparatives (``tydligare``) still meet
# ``tydlig`` through the lemma as well.
_AGENT_NOUN = re.compile(r"(\w{3,})ar(?:e|en|ens|es)")
# Snowball cuts the noun ending -het down to the adjective, and then -ig/-lig too, so
# ``fastigheten`` met the adjective ``fast`` and ``möjligheten`` met ``möjligt`` (both
# "möj"). A noun in -het keeps it in its stem and meets its own forms only.
_HET_NOUN = re.compile(r"(\w{2,}het)(?:en|ens|er|erna|ernas|ers|s)?")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Swedish, with stopword collisions marked.

    >>> stem("kooperativen"), stem("företagets"), stem("kommunerna")
    ('kooperativ', 'företag', 'kommun')
    >>> stem("varor"), stem("var")
    ('var#', 'var')
    >>> stem("ledare"), stem("ledaren"), stem("leda")
    ('ledare', 'ledare', 'led')
    >>> stem("fastigheten"), stem("fast"), stem("möjligheterna"), stem("möjligt")
    ('fastighet', 'fast', 'möjlighet', 'möj')
    """
    if word in STOPWORDS or not word.isalpha():
        return word
    agent = _AGENT_NOUN.fullmatch(word)
    if agent:
        return agent.group(1) + "are"
    noun = _HET_NOUN.fullmatch(word)
    if noun:
        return noun.group(1)
    stemmed = _snowball().stemWord(word)
    if stemmed in STOPWORDS:
        return stemmed + STOPWORD_STEM_MARK
    return stemmed


class StemFilter(Filter):
    """Stems every token except protected ones; drops same-position duplicates."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        seen: tuple[str, ...] = ()
        for t in tokens:
            if not t.protected:
                t.text = stem(t.text)
            # Extras (variants, lemmas, parts) follow the word they belong to; a stem
            # already given for that word is not repeated at the same position.
            if not getattr(t, "extra", False):
                seen = (t.text,)
            elif t.text in seen:
                continue
            else:
                seen += (t.text,)
            yield t


def swedish_analyzer(band_weights: tuple[float, ...] = ()):
    """The stemmed chain for the title and (with ``band_weights``) the banded body."""
    return SwedishTokenizer(band_weights) | VariantFilter() | LexiconFilter() | StemFilter()


def surface_analyzer():
    """Lower-cased surface words: exact matching, spelling and å/ä/ö folding."""
    return SwedishTokenizer()


def surface_words(text: str) -> list[str]:
    """The lower-cased tokens of a text, as the surface field sees them.

    >>> surface_words("ASF:en och IoP i Upplands-Väsby, e-post majlis@karlsen.se")
    ['asf:en', 'och', 'iop', 'i', 'upplands-väsby', 'e-post', 'majlis@karlsen.se']
    >>> surface_words("SoL (2001:453) och tel 0520-167 60")
    ['sol', '2001:453', 'och', 'tel', '0520-16760']
    """
    return [m.group().replace(" ", "").lower() for m in TOKEN_PATTERN.finditer(text)]


def is_protected(word: str) -> bool:
    match = TOKEN_PATTERN.fullmatch(word)
    return bool(match and match.group("protected"))


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})


def fold(word: str) -> str:
    """Fold Swedish letters for queries typed on a keyboard without them.

    >>> fold("försäkringskassan")
    'forsakringskassan'
    """
    return word.translate(_FOLD)


def has_swedish_letters(word: str) -> bool:
    return fold(word) != word


def index_terms(word: str, lookup: WordLookup | None = None) -> list[str]:
    """Every stemmed term a single lower-cased word is indexed under (no position).

    Used by the query builder so that query words meet index terms the same way.

    >>> index_terms("asf:en")
    ['asf:en', 'asf']
    """
    if is_protected(word):
        return [word]
    forms = [word, *word_variants(word, with_parts=False)]
    if lookup is not None:
        forms += [extra for form in list(forms) for extra in lookup(form)
                  if extra not in STOPWORDS]
    out: dict[str, None] = {}
    for form in forms:
        out.setdefault(stem(form), None)
    return list(out)
