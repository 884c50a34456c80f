""""Liknande projekt": the documents most like one document, and why.

The measure is Whoosh's more-like-this idea — the document's most telling words,
searched as one OR query — applied to the parts that say what a project is
*about*: its title and the author's own statements (Sammanfattning, Syfte,
Målsättning). Bakgrund is left out: it describes the problem at length, often in
borrowed text, and two projects that quote the same report are not alike for it.
Participant and municipality lists and contact details are left out too: they make
projects "similar" because they share a kommun or a partner, which the "samma
region" and "samma projektägare" variants say openly instead.

Key words are weighted tf × idf (tf dampened with a square root, so a word repeated
in a long Bakgrund does not crowd out the summary's words). Place names written
as names (Karlstad, Dalarnas län) are left out for the same reason as the kommun
list. The query runs through the engine's cached term scores (BM25F, field boosts
from the schema), so a document page costs a few cached postings, not a scan.
Each hit carries the key words it shares with the document: the "why".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from whoosh import query as wq

from indexer.analysis import STOPWORDS, TOKEN_PATTERN, stem
from indexer.kommuner import counties
from indexer.schema import BAND_OF, BODY, FIELD_BOOSTS, SECTION_FIELDS, TITLE
from search.sections import in_bands

# Where a document says what it is about, and how much each part counts.
KEY_SECTIONS = {"sammanfattning": 1.0, "syfte": 1.0, "malsattning": 0.8}
TITLE_WEIGHT = 1.5
LEAD_SENTENCES = 2
LATER_WEIGHT = 0.4
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# (index field, bands, boost): the title, and the key sections' bands of the body,
# whose words weigh their section's boost already.
QUERY_TARGETS = ((TITLE, None, FIELD_BOOSTS[TITLE]),
                 (BODY, tuple(BAND_OF[SECTION_FIELDS[kind]] for kind in KEY_SECTIONS), 1.0))
MAX_KEY_WORDS = 20
MAX_WHY = 4
TOP = 5

VARIANTS = {
    "innehall": "Liknande innehåll",
    "region": "Samma region",
    "agare": "Samma projektägare",
}


@dataclass(frozen=True)
class KeyWord:
    term: str     # the index term (stem)
    word: str     # the word as the document writes it most often
    weight: float  # tf part × idf: how telling the word is (chooses the key words)
    tf: float = 1.0  # the tf part alone (boosts the query: BM25 applies idf itself)


@dataclass(frozen=True)
class SimilarHit:
    id: str
    title: str
    score: float
    shared: tuple[str, ...]   # the document's key words this one also uses
    region: str | None = None
    owner: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Similar:
    variant: str
    label: str
    hits: tuple[SimilarHit, ...]
    key_words: tuple[str, ...]
    # The value the variant restricts to (the region or owner), if any.
    restricted_to: str | None = None


@cache
def _place_words() -> frozenset[str]:
    """Lower-cased municipality, county and region names (and their genitives)."""
    from indexer.kommuner import lookup_kommun

    words: set[str] = set()
    for county, kommuner in counties().items():
        words.update(part.lower().rstrip("s") for part in county.removesuffix(" län").split())
        for name in kommuner:
            words.update(part.lower() for part in name.replace("-", " ").split())
            region = lookup_kommun(name).region
            words.update(part.lower() for part in region.split() if len(part) > 3)
    return frozenset(words | {w + "s" for w in words})


def _texts(doc: dict) -> list[tuple[str, float]]:
    """(text, weight): the title, then each key section's lead sentences at full
    weight and the rest at ``LATER_WEIGHT`` — a summary leads with what the project
    is, and later sentences drift into context."""
    texts = [(doc.get("title") or "", TITLE_WEIGHT)]
    for section in doc.get("sections", ()):
        weight = KEY_SECTIONS.get(section.get("type"))
        if weight:
            sentences = _SENTENCE_END.split(section.get("text") or "")
            texts.append((" ".join(sentences[:LEAD_SENTENCES]), weight))
            texts.append((" ".join(sentences[LEAD_SENTENCES:]), weight * LATER_WEIGHT))
    return texts


def key_words(doc: dict, idf: Callable[[str], float],
              limit: int = MAX_KEY_WORDS) -> list[KeyWord]:
    """The document's most telling words: weighted tf (square root) × idf.

    >>> doc = {"title": "Kooperativ i Karlstad", "sections": [
    ...     {"type": "syfte", "text": "Kooperativ och handledare. Handledare i Karlstad."}]}
    >>> [k.word for k in key_words(doc, lambda term: 1.0)]
    ['kooperativ', 'handledare']
    """
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    places = _place_words()
    for text, weight in _texts(doc):
        for match in TOKEN_PATTERN.finditer(text):
            raw = match.group()
            word = raw.lower()
            if (len(word) < 3 or word in STOPWORDS or not word.isalpha()
                    or (raw[0].isupper() and word in places)):
                continue
            term = stem(word)
            counts[term] += weight
            surfaces[term][word] += 1
    scored = [KeyWord(term, surfaces[term].most_common(1)[0][0],
                      math.sqrt(count) * idf(term), math.sqrt(count))
              for term, count in counts.items()]
    scored = [k for k in scored if k.weight > 0]
    scored.sort(key=lambda k: (-k.weight, k.term))
    return scored[:limit]


def similarity_query(words: list[KeyWord]) -> wq.Query | None:
    """One OR query: every key word in the title and the key sections, boosted by how
    often the document uses it. Not by its idf as well: BM25 scores each term with
    its idf already, and squaring it would let one rare word decide alone."""
    if not words:
        return None
    top = max(k.tf for k in words)
    return wq.Or([in_bands(field, bands, k.term, boost=boost * k.tf / top)
                  for k in words for field, bands, boost in QUERY_TARGETS])


def idf_function(reader) -> Callable[[str], float]:
    """idf over the key fields: a word counts as common when any of them has it often."""
    total = max(1, reader.doc_count())

    def idf(term: str) -> float:
        df = max(reader.doc_frequency(field, term) for field in (TITLE, BODY))
        return math.log(1 + (total - df + 0.5) / (df + 0.5)) if df else 0.0

    return idf


def find_similar(doc: dict, docnum: int, scores, term_docs: Callable[[wq.Query], dict],
                 allowed: set[int] | None, stored: Callable[[int], dict],
                 words: list[KeyWord], limit: int = TOP) -> list[SimilarHit]:
    """The ``limit`` best other documents of a scored similarity query.

    ``scores`` is ``docnum → score`` of :func:`similarity_query`; ``allowed`` the
    documents a variant keeps (None: all); ``term_docs(query)`` the scored
    postings of one term query, for the shared words.
    """
    ranked = sorted(((s, d) for d, s in scores.items()
                     if d != docnum and (allowed is None or d in allowed)),
                    key=lambda item: (-item[0], item[1]))[:limit]
    hits = []
    for score, other in ranked:
        shared = [k.word for k in words
                  if any(other in term_docs(in_bands(field, bands, k.term))
                         for field, bands, _ in QUERY_TARGETS)]
        found = stored(other)
        hits.append(SimilarHit(found["id"], found.get("title") or found["id"], score,
                               tuple(shared[:MAX_WHY]), found.get("region"),
                               found.get("owner"), found.get("start"), found.get("end")))
    return hits


# Facet whose value a variant keeps, and the document key that holds it.
_VARIANT_FACETS = {"region": ("region", "region"), "agare": ("owner", "owner")}


def similar_documents(version, doc_id: str, variant: str = "innehall",
                      limit: int = TOP) -> Similar:
    """The :class:`Similar` answer for one document of an index version."""
    from search.facets import ids_from_mask

    docnum = version.ids[doc_id]
    doc = version.stored_document(docnum)
    searcher = version.searcher()
    words = key_words(doc, idf_function(searcher.reader()))
    query = similarity_query(words)
    allowed, restricted = None, None
    if variant in _VARIANT_FACETS:
        facet, key = _VARIANT_FACETS[variant]
        restricted = doc.get(key)
        mask = version.facets.values.get(facet, {}).get(restricted, 0) if restricted else 0
        allowed = set(ids_from_mask(mask))
    hits: list[SimilarHit] = []
    if query is not None and (allowed is None or len(allowed) > 1):
        scores = version.scores.evaluate(searcher, query)
        hits = find_similar(doc, docnum, scores,
                            lambda query: version.scores.term_query(searcher, query),
                            allowed, version.stored_document, words, limit)
    return Similar(variant, VARIANTS[variant], tuple(hits), tuple(k.word for k in words),
                   restricted)
