"""JSON API and CSV export: the same SearchPage as the HTML, rendered as data."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, current_app, jsonify, request

from webui import present
from webui.params import MAX_PER_PAGE, SearchParams

bp = Blueprint("api", __name__)
EXPORT_LIMIT = 5000


def engine():
    return current_app.extensions["engine"]


@bp.get("/api/search")
def api_search():
    page = engine().search(SearchParams.from_args(request.args))
    return jsonify(present.page_dict(page))


@bp.get("/api/doc/<path:doc_id>")
def api_doc(doc_id: str):
    doc = engine().document(doc_id)
    if doc is None:
        abort(404)
    return jsonify(doc)


@bp.get("/export.csv")
def export_csv():
    """The whole current result set (up to EXPORT_LIMIT rows), UTF-8 with BOM for Excel."""
    base = SearchParams.from_args(request.args)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["id", "titel", "typ", "region", "projektfas", "projektägare",
                     "programområde", "start", "slut", "beviljat ESF-stöd (kr)",
                     "total budget (kr)", "kommuner", "poäng"])
    page_number, written = 1, 0
    while written < EXPORT_LIMIT:
        params = SearchParams.build(q=base.q, filters=base.filters, sort=base.sort,
                                    page=page_number, per_page=MAX_PER_PAGE)
        page = engine().search(params)
        for hit in page.hits:
            writer.writerow([
                hit.id, hit.title, present.kind_label(hit.kind), hit.region or "",
                hit.phase or "", hit.owner or "", hit.program or "", hit.start or "",
                hit.end or "", "" if hit.esf_support is None else hit.esf_support,
                "" if hit.total_budget is None else hit.total_budget,
                ", ".join(hit.kommuner), round(hit.score, 4),
            ])
        written += len(page.hits)
        if page_number >= page.pages or not page.hits:
            break
        page_number += 1
    return Response(
        buffer.getvalue().encode("utf-8"), mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="sokresultat.csv"'},
    )
