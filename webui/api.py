"""JSON API and CSV export: the same SearchResult as the HTML, rendered as data."""

from __future__ import annotations

import csv
import io
import re
import threading
import unicodedata
from datetime import date, datetime, timezone

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from markupsafe import Markup

from search.params import SearchParams
from search.results import csv_header, document_url

bp = Blueprint("api", __name__)
# Rows in one CSV export. A broad query over 50k documents would otherwise stream
# the whole index; past the limit the file ends with a note saying so.
EXPORT_LIMIT = 5000
EXPORT_RETRY_SECONDS = 5


def engine():
    return current_app.extensions["engine"]


@bp.get("/api/search")
def api_search():
    page = engine().search(SearchParams.from_args(request.args))
    return current_app.response_class(page.to_json(), mimetype="application/json")


@bp.get("/api/doc/<path:doc_id>")
def api_doc(doc_id: str):
    doc = engine().document(doc_id)
    if doc is None:
        abort(404)
    original = engine().original(doc_id)
    return jsonify({**doc, "original": original.to_dict(doc_id) if original else None})


FEED_ENTRIES = 30


@bp.get("/feed.atom")
def feed():
    """The newest documents of a search as an Atom feed: follow a search without an
    account. Same parameters as the search page; always newest first."""
    from dataclasses import replace

    params = SearchParams.from_args(request.args)
    params = replace(params, sort="newest", page=1, per_page=FEED_ENTRIES)
    page = engine().search(params)
    site = request.host_url.rstrip("/")
    built = build_time(page.index_version)
    entries = []
    for hit in page.hits:
        dated = hit.start or None
        entries.append({
            "title": hit.title, "url": site + document_url(hit.id), "owner": hit.owner,
            "updated": f"{dated}T00:00:00Z" if dated else built,
            "summary": " ".join(Markup(str(s.html)).striptags() for s in hit.snippets),
            "categories": [(name, value) for name, value in (
                ("region", hit.region), ("phase", hit.phase), ("program", hit.program))
                if value],
        })
    updated = max((e["updated"] for e in entries), default=built)
    body = render_template(
        "feed.xml", page=page, entries=entries, updated=updated,
        search_url=site + params.url(sort="relevance", per_page=20),
        feed_url=site + params.url(path="/feed.atom", sort="relevance", per_page=20))
    return Response(body, mimetype="application/atom+xml")


def build_time(version: str) -> str:
    """When the served build was made (from its name), as an Atom date.

    >>> build_time("build-20261201T164515-13561-726393")
    '2026-12-01T16:45:15Z'
    """
    found = re.search(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})", version or "")
    if not found:
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    year, month, day, hour, minute, second = found.groups()
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}Z"


def export_filename(query: str, today: date) -> str:
    """A safe file name that says what was searched: no user bytes reach the header.

    >>> export_filename('Sociala "arbets"kooperativ/../x', date(2026, 12, 1))
    'sokresultat-sociala-arbetskooperativ-x-2026-12-01.csv'
    >>> export_filename("", date(2026, 12, 1))
    'sokresultat-2026-12-01.csv'
    """
    folded = unicodedata.normalize("NFKD", query.lower()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.replace('"', "")).strip("-")[:40].strip("-")
    return "-".join(part for part in ("sokresultat", slug, today.isoformat()) if part) + ".csv"


@bp.get("/export.csv")
def export_csv():
    """The current result set as CSV (UTF-8 with BOM, semicolons: Excel), streamed.

    Rows are written as they are produced, without snippets and without touching the
    page cache; one export runs per process at a time, so exports cannot starve the
    threads that answer interactive searches.
    """
    params = SearchParams.from_args(request.args)
    slot = current_app.extensions["export_slot"]
    if not slot.acquire(blocking=False):
        response = jsonify({"error": {"status": 429, "message":
                                      "En annan export pågår. Försök igen om en stund."}})
        response.status_code = 429
        response.headers["Retry-After"] = str(EXPORT_RETRY_SECONDS)
        return response
    release = _release_once(slot)
    try:
        hits = engine().export_hits(params, EXPORT_LIMIT + 1)
        # Links Excel can follow: absolute, read now (the rows are written after the
        # request context is gone).
        site = request.host_url.rstrip("/")
    except BaseException:
        release()
        raise

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")

        def flush() -> str:
            text = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            return text

        try:
            buffer.write("\ufeff")
            writer.writerow(csv_header())
            yield flush()
            for number, hit in enumerate(hits):
                if number == EXPORT_LIMIT:
                    writer.writerow([f"Exporten har kortats till {EXPORT_LIMIT} rader. "
                                     "Förfina sökningen för att få med resten."])
                    break
                writer.writerow(hit.csv_row(site))
                if number % 200 == 199:
                    yield flush()
            yield flush()
        finally:
            hits.close()
            release()

    filename = export_filename(params.q, date.today())
    response = Response(rows(), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
    # Released when the server closes the response: also when the client went away
    # before the first row, which a ``finally`` in a never-started generator misses.
    response.call_on_close(hits.close)
    response.call_on_close(release)
    return response


def _release_once(slot):
    """Release ``slot`` on the first call only: the last row and closing both call it."""
    lock = threading.Lock()
    state = {"held": True}

    def release() -> None:
        with lock:
            if state["held"]:
                state["held"] = False
                slot.release()

    return release
