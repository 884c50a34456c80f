"""HTML routes: the search page and the document page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from search.params import SORTS, SearchParams
from search.snippets import highlight_full

bp = Blueprint("views", __name__)


def engine():
    return current_app.extensions["engine"]


@bp.get("/")
def index():
    params = SearchParams.from_args(request.args)
    page = engine().search(params)
    return render_template(
        "search.html", page=page, params=params, facets=page.facet_views(),
        chips=page.chips(), sorts=SORTS,
        doc_args=params.url(path="").lstrip("?"),
    )


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    doc = engine().document(doc_id)
    if doc is None:
        abort(404)
    params = SearchParams.from_args(request.args)
    highlighter = engine().highlighter(params.q)
    sections = [
        {**section, "anchor": f"avsnitt-{i + 1}",
         "html": highlight_full(section["text"], highlighter)}
        for i, section in enumerate(doc["sections"])
    ]
    has_search = bool(params.q or params.filters)
    return render_template(
        "doc.html", doc=doc, sections=sections, params=params,
        back_url=params.url() if has_search else None,
    )
