"""Swedish word lexicon: lemmas and compound parts for index-time token expansion.

Why this package exists
----------------------
A Snowball stemmer does not map every inflected form to its base form, and it never finds
``kooperativ`` inside ``arbetskooperativen``. Swedish writes compounds as one word, so a
search for *kooperativ* would miss most documents about cooperatives. At index time we
therefore add, for every word, its dictionary base forms ("lemmas") and the parts of
compounds. The knowledge comes from the Hunspell Swedish dictionary (``hunspell-sv``),
read with the pure-Python ``spylls`` parser.

Why a persisted cache
---------------------
Reading the dictionary costs a few seconds and ~100 MB of memory, and analysing a word
costs tens to hundreds of microseconds. A build sees the same words again and again, and
the next build sees mostly the same vocabulary, so analyses are stored per word in a JSON
file next to the index (:data:`DEFAULT_CACHE_NAME`). :meth:`Lexicon.ensure` analyses only
the words that are missing and loads the dictionary at most once per process, and only if
something is missing. :meth:`Lexicon.load` and :meth:`Lexicon.lookup` never touch the
dictionary, so the web process can read the cache without spylls or hunspell-sv.

Why our own morphology instead of ``spylls``' ``Dictionary.lookuper``
-------------------------------------------------------------------
spylls' lookup is a faithful but very general port of Hunspell: on this dictionary it
needs ~0.5-1 ms per word for the affix analysis and 3-70 ms per word for the compound
analysis, far below the 3,000 words/s an index build needs, and its dictionary reader
builds ~280k ``Word`` objects (3.3 s, ~250 MB). So spylls parses the ``.aff`` file (affix
rules, flags, REP table), we read the ``.dic`` lines into a compact ``stem -> flags``
table, and we apply the same rules in reverse: strip a known ending, restore the stripped
letters, check the rule's condition and that the stem carries the rule's flag. Compounds
follow Hunspell's own flags from ``sv_SE.aff``: ``X`` may begin a compound, ``U`` may be in
the middle, ``Y`` may end it, ``Z`` exists only inside compounds, and ``W`` lets a suffixed
form (ersättning + s) stand before another part. The validity checks mirror spylls'
``Lookup.is_good_form`` and ``Lookup.is_bad_compound``: triple letters, a duplicated last
part, REP-similar compounds and forbidden words.

Deliberate deviations from Hunspell (the input is lowercased index text, not a spell
check): capitalised entries (proper nouns) also match lowercase words, but only when no
lowercase entry explains the word; ``COMPOUNDRULE`` (numerals such as *tjugofem*) and
``FORCEUCASE`` are not implemented; compound parts need at least :data:`MIN_PART` letters
although the dictionary allows two (a first part that is an adjective may have two:
``ny|anlända``); a first part that is an adjective may lack the compound flags; a part
that may begin a compound may also stand in its middle. A word the dictionary lists by
itself is split only with guards (see ``Morphology._known_split``).

>>> lex = Lexicon({"sektorer": WordInfo(("sektor",), ())})
>>> lex.lookup("Sektorer")
WordInfo(lemmas=('sektor',), parts=())
>>> lex.lookup("okänt") is None
True

The package is cut as Lucene cuts its Hunspell code:

* :mod:`~indexer.lexicon.cache` — :class:`WordInfo`, the persisted :class:`Lexicon`;
* :mod:`~indexer.lexicon.dictionary` — finding and reading the Hunspell files;
* :mod:`~indexer.lexicon.morphology` — readings, lemmas and compound splits;
* :mod:`~indexer.lexicon.irregular` — forms the dictionary gets wrong (umlaut plurals).
"""

from indexer.lexicon.cache import (
    DEFAULT_CACHE_NAME,
    FORMAT_VERSION,
    MORPHOLOGY_VERSION,
    Lexicon,
    WordInfo,
    expansion_lookup,
)
from indexer.lexicon.dictionary import (
    DICTIONARY_ENV,
    DICTIONARY_NAME,
    find_dictionary,
    get_morphology,
    load_dictionary,
)
from indexer.lexicon.irregular import umlaut_lemma

__all__ = [
    "DEFAULT_CACHE_NAME", "DICTIONARY_ENV", "DICTIONARY_NAME", "FORMAT_VERSION",
    "MORPHOLOGY_VERSION", "Lexicon", "WordInfo", "expansion_lookup", "find_dictionary",
    "get_morphology", "load_dictionary", "umlaut_lemma",
]
