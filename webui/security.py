"""Response headers and error pages: one place for what every response must carry.

The CSP allows no inline script, so a query or document text that somehow reached
the page as markup still could not run. Errors have one shape: a Swedish page for
browsers, ``{"error": {"status", "message"}}`` for the API — never a stack trace.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

MESSAGES = {
    400: "Felaktig förfrågan. Kontrollera adressen och försök igen.",
    404: "Sidan eller dokumentet finns inte.",
    405: "Metoden stöds inte här.",
    413: "Förfrågan är för stor.",
    414: "Adressen är för lång.",
    431: "Förfrågans huvuden är för stora.",
    500: "Något gick fel hos oss. Försök igen om en stund.",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _error(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Oväntat fel", exc_info=error)
        return _error(InternalServerError.code)


def _error(status: int):
    message = MESSAGES.get(status, "Något gick fel.")
    if _wants_json():
        return jsonify({"error": {"status": status, "message": message}}), status
    return render_template("error.html", status=status, message=message), status
