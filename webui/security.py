"""Response headers and error pages: one place for what every response must carry.

The CSP allows no inline script, so a query or document text that somehow reached
the page as markup still could not run. Errors have one shape: a Swedish page for
browsers, ``{"error": {"status", "message"}}`` for the API — never a stack trace.
"""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from search.versions import IndexUnavailable

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

MESSAGES = {
    400: "Felaktig förfrågan. Kontrollera adressen och försök igen.",
    404: "Sidan eller dokumentet finns inte.",
    405: "Metoden stöds inte här.",
    413: "Förfrågan är för stor.",
    414: "Adressen är för lång.",
    429: "En annan export pågår. Försök igen om en stund.",
    431: "Förfrågans huvuden är för stora.",
    500: "Något gick fel hos oss. Försök igen om en stund.",
    503: "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
}
# Seconds a client is asked to wait when the index is missing or being repaired.
UNAVAILABLE_RETRY_SECONDS = 10
# A browser sends 10-20 headers of a few hundred bytes; far more is an attack or a bug.
MAX_HEADERS = 100
MAX_HEADER_BYTES = 16 * 1024


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.after_request
    def headers(response):
        # A route may set a stricter policy of its own (originals: a sandbox).
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        return response

    @app.before_request
    def bounded_headers():
        headers = request.headers
        if len(headers) > MAX_HEADERS or sum(len(k) + len(v) for k, v in headers.items()) \
                > MAX_HEADER_BYTES:
            return _error(431)
        return None

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _error(error.code or 500)

    @app.errorhandler(IndexUnavailable)
    def index_unavailable(error: IndexUnavailable):
        app.logger.warning("Index otillgängligt: %s", error)
        response = _error(503, str(error))
        response[0].headers["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Oväntat fel", exc_info=error)
        return _error(InternalServerError.code)


def _error(status: int, detail: str | None = None):
    """One error shape: ``{"error": {status, message[, detail]}}`` or a Swedish page."""
    message = MESSAGES.get(status, "Något gick fel.")
    if _wants_json():
        body = {"status": status, "message": message}
        if detail:
            body["detail"] = detail
        response = jsonify({"error": body})
    else:
        response = make_response(render_template("error.html", status=status,
                                                 message=message, detail=detail))
    response.status_code = status
    return response, status
