"""One search result, two renderings: the dicts the JSON API returns and the
template reads, with toggle URLs for every facet value (Datasette's pattern)."""

from __future__ import annotations

from urllib.parse import urlencode

from indexer.schema import FACETS, KIND_LABELS
from webui.engine import Hit, SearchPage
from webui.params import SearchParams

FACET_TOP = 8


def search_url(params: SearchParams, path: str = "/", **changes) -> str:
    query = urlencode(params.to_args(**changes))
    return f"{path}?{query}" if query else path


def format_kronor(amount: int | None) -> str:
    """``6113800`` → ``6 113 800 kr`` with no-break spaces.

    >>> format_kronor(248750)
    '248\\xa0750\\xa0kr'
    """
    if amount is None:
        return "–"
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def hit_dict(hit: Hit) -> dict:
    return {
        "id": hit.id, "title": hit.title, "kind": hit.kind, "region": hit.region,
        "phase": hit.phase, "owner": hit.owner, "program": hit.program,
        "start": hit.start, "end": hit.end, "esf_support": hit.esf_support,
        "total_budget": hit.total_budget, "kommuner": list(hit.kommuner),
        "score": round(hit.score, 4),
        "snippets": [{"section": s.section, "anchor": s.anchor, "html": str(s.html)}
                     for s in hit.snippets],
    }


def facet_views(page: SearchPage) -> list[dict]:
    """Facets with labels, counts and the URL that toggles each value."""
    params = page.params
    views = []
    for name, (_, title) in FACETS.items():
        values = page.facets.get(name, [])
        selected = params.filters.get(name, ())
        items = []
        for value in values:
            toggled = [v for v in selected if v != value.value] if value.selected \
                else [*selected, value.value]
            items.append({
                "value": value.value, "label": value.label, "count": value.count,
                "selected": value.selected,
                "url": search_url(params, page=1, **{name: toggled}),
            })
        top = [i for i in items if i["selected"]] + [i for i in items if not i["selected"]]
        views.append({"name": name, "title": title, "items": items,
                      "top": top[:FACET_TOP], "more": top[FACET_TOP:]})
    return views


def chips(page: SearchPage) -> list[dict]:
    """Selected filters as removable chips."""
    params = page.params
    out = []
    labels = {(name, v.value): v.label for name, values in page.facets.items() for v in values}
    for name, values in params.filters.items():
        for value in values:
            remaining = [v for v in values if v != value]
            out.append({
                "facet": FACETS[name][1], "label": labels.get((name, value), value),
                "url": search_url(params, page=1, **{name: remaining}),
            })
    return out


def page_dict(page: SearchPage) -> dict:
    params = page.params
    return {
        "query": params.q, "total": page.total, "page": params.page,
        "per_page": params.per_page, "pages": page.pages, "sort": params.sort,
        "filters": {k: list(v) for k, v in params.filters.items()},
        "hits": [hit_dict(h) for h in page.hits],
        "facets": {name: [{"value": v.value, "label": v.label, "count": v.count,
                           "selected": v.selected} for v in values]
                   for name, values in page.facets.items()},
        "suggestion": page.suggestion, "corrected_from": page.corrected_from,
        "synonyms": [{"word": w, "also": also} for w, also in page.synonyms],
        "messages": page.messages,
    }


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def synonym_form(form: str) -> str:
    """A synonym as users write it: abbreviations in capitals.

    >>> synonym_form("asf"), synonym_form("arbetsförmedlingen")
    ('ASF', 'arbetsförmedlingen')
    """
    return form.upper() if len(form) <= 4 and form.isalpha() else form
