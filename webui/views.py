"""HTML routes: the search page and the document page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from webui import present
from webui.params import SORTS, SearchParams
from webui.snippets import highlight_full

bp = Blueprint("views", __name__)


def engine():
    return current_app.extensions["engine"]


@bp.get("/")
def index():
    params = SearchParams.from_args(request.args)
    page = engine().search(params)
    return render_template(
        "search.html", page=page, params=params, facets=present.facet_views(page),
        chips=present.chips(page), sorts=SORTS, url=present.search_url,
        doc_args=present.search_url(params, path="").lstrip("?"),
    )


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    doc = engine().document(doc_id)
    if doc is None:
        abort(404)
    params = SearchParams.from_args(request.args)
    highlighter = None
    if params.q:
        version = engine().current()
        highlighter = version.highlighter(version.builder.plan(params.q))
    sections = [
        {**section, "anchor": f"avsnitt-{i + 1}",
         "html": highlight_full(section["text"], highlighter)}
        for i, section in enumerate(doc["sections"])
    ]
    has_search = bool(params.q or params.filters)
    return render_template(
        "doc.html", doc=doc, sections=sections, params=params,
        back_url=present.search_url(params) if has_search else None,
    )


def register_filters(app) -> None:
    app.jinja_env.filters["kronor"] = present.format_kronor
    app.jinja_env.filters["kind_label"] = present.kind_label
    app.jinja_env.filters["synonym_form"] = present.synonym_form
