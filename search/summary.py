"""The active search in one Swedish sentence: the page heading and ``<title>``.

"37 projekt som matchar ”kooperativ” i Västsverige eller Stockholm, fas
Genomförande, sorterade efter relevans" says what a page shows better than a
list of chips — in a browser tab, a bookmark, a screen reader's heading list.
"""

from __future__ import annotations

from indexer.schema import FACETS, MISSING_VALUE
from search.facets import label
from search.ranges import describe

MAX_QUERY_ECHO = 60

# Facet name → how its selected values read in the sentence.
_PHRASES = {
    "region": "i {}",
    "kommun": "i {}",
    "phase": "fas {}",
    "owner": "med projektägare {}",
    "program": "inom {}",
    "year": "med start {}",
    "kind": "av typen {}",
}
_MISSING = {
    "region": "utan angiven region", "kommun": "utan angiven kommun",
    "phase": "utan angiven fas", "owner": "utan angiven projektägare",
    "program": "utan angivet programområde", "year": "utan angivet startår",
    "kind": "utan angiven typ",
}
_RANGES = {"period": "aktiva {}", "budget": "med total budget {}",
           "esf_support": "med beviljat ESF-stöd {}"}
_SORTS = {"relevance": "sorterade efter relevans", "newest": "nyaste först",
          "budget": "största budget först"}


def shorten(text: str, limit: int = MAX_QUERY_ECHO) -> str:
    """At most ``limit`` characters, cut at a word, with an ellipsis.

    >>> shorten("handledare i sociala arbetskooperativ", 20)
    'handledare i sociala…'
    >>> shorten("kort")
    'kort'
    """
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut[:limit].rstrip() + "…"


def or_list(items: list[str]) -> str:
    """``a``, ``a eller b``, ``a, b eller c``.

    >>> or_list(["Stockholm"]), or_list(["A", "B", "C"])
    ('Stockholm', 'A, B eller C')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def count_phrase(total: int, noun: str) -> str:
    """The number of hits in words.

    >>> count_phrase(0, "projekt"), count_phrase(1, "dokument"), count_phrase(1234, "projekt")
    ('Inga projekt', '1 dokument', '1\\xa0234 projekt')
    """
    if total == 0:
        return f"Inga {noun}"
    return f"{total:,}".replace(",", "\u00a0") + f" {noun}"


def summarise_search(result) -> str:
    """One sentence for a :class:`~search.results.SearchResult`."""
    params = result.params
    kinds = params.filters.get("kind", ())
    only_projects = tuple(kinds) == ("esf_project",) or (
        not kinds and result.total > 0
        and {v.value for v in result.facets.get("kind", ()) if v.count} == {"esf_project"})
    noun = "projekt" if only_projects else "dokument"
    query = result.corrected_to or params.q
    head = count_phrase(result.total, noun)
    if not query and not params.filtered:
        head = f"Alla {head}" if result.total > 1 else head
    if query:
        head += f" som matchar ”{shorten(query)}”"
    parts = [head]
    for name, (_, title) in FACETS.items():
        phrase = _PHRASES.get(name, title.lower() + " {}")
        values = params.filters.get(name, ())
        if name == "kind" and only_projects:
            continue
        known = [label(name, v) for v in values if v != MISSING_VALUE]
        words = []
        if known:
            words.append(phrase.format(or_list(known)))
        if MISSING_VALUE in values:
            words.append(_MISSING.get(name, f"utan {title.lower()}"))
        if words:
            parts.append(" eller ".join(words))
    for name, bounds in params.ranges.items():
        parts.append(_RANGES[name].format(describe(name, bounds)))
    sort = params.sort
    if sort == "relevance" and not query:
        sort = "newest"  # browsing has no relevance: it lists the newest first
    if result.total > 1:
        parts.append(_SORTS[sort])
    sentence = parts[0]
    # "… som matchar ”x” i Västsverige": the place reads as part of the head.
    if len(parts) > 1 and parts[1].startswith(("i ", "utan angiven region")):
        sentence += " " + parts.pop(1)
    return ", ".join([sentence, *parts[1:]])
