"""HTML routes: the search page and the document page."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request, send_file

from indexer.schema import FACETS
from search.counties import whole_counties
from search.params import SORTS, SearchParams
from search.ranges import RANGES
from search.similar import VARIANTS as SIMILAR_VARIANTS
from search.snippets import highlight_full

bp = Blueprint("views", __name__)


def engine():
    return current_app.extensions["engine"]


@bp.get("/")
def index():
    page = engine().search(SearchParams.from_args(request.args))
    params = page.params  # as answered: a page past the end is the last page
    return render_template(
        "search.html", page=page, params=params, facets=page.facet_views(),
        chips=page.chips(), sorts=SORTS, ranges=page.range_views(),
        charts=page.chart_views(),
        clear_url=params.url(page=1, **{name: [] for name in FACETS},
                             **{name: None for name in RANGES}),
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
         "html": highlight_full(section["text"], highlighter),
         "heading_html": highlight_full(section["heading"], highlighter)}
        for i, section in enumerate(doc["sections"])
    ]
    has_search = bool(params.q or params.filtered)
    variant = request.args.get("liknande", "innehall")
    if variant not in SIMILAR_VARIANTS:
        variant = "innehall"
    return render_template(
        "doc.html", doc=doc, sections=sections, params=params,
        back_url=params.url() if has_search else None,
        similar=engine().similar(doc_id, variant), similar_variants=[
            {"name": name, "label": label, "current": name == variant,
             "url": _with_arg(params.url(path=request.path), "liknande",
                              None if name == "innehall" else name) + "#liknande"}
            for name, label in SIMILAR_VARIANTS.items()],
        doc_args=params.url(path="").lstrip("?"),
        whole_counties=whole_counties(doc.get("kommuner") or ()),
        original=engine().original(doc_id),
    )


# Originals a browser may show inline without running anything of ours: the rest
# (HTML above all, Word, ODT) is a download, never rendered in this origin.
INLINE_FORMATS = {"pdf", "txt"}


@bp.get("/original/<path:doc_id>")
def original(doc_id: str):
    """The original file of a document, looked up by id, with its own content type."""
    found = engine().original(doc_id)
    if found is None:
        abort(404)
    inline = found.format in INLINE_FORMATS
    response = send_file(found.path, mimetype=found.content_type, as_attachment=not inline,
                         download_name=found.path.name, conditional=True, max_age=0)
    # Even a PDF is opened in a sandbox: no script of the file runs with our origin.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _with_arg(url: str, key: str, value: str | None) -> str:
    """``url`` with one more query argument (none when ``value`` is None)."""
    if value is None:
        return url
    return url + ("&" if "?" in url else "?") + urlencode({key: value})


@bp.get("/hjalp")
def help_page():
    """How to search: the query language with live examples, the searchable sections
    (from the schema), the synonym list and what the filters mean."""
    from search import help as search_help

    return render_template(
        "help.html", examples=search_help.EXAMPLES, fields=search_help.searchable_fields(),
        synonyms=search_help.synonym_list(), filters=search_help.filter_help(),
    )
