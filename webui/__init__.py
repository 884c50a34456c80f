"""The Flask web UI: search page, document pages, JSON API and CSV export."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask

from search.engine import Engine


def create_app(config: dict | None = None) -> Flask:
    """Application factory; ``config["INDEX_DIR"]`` points at the index root."""
    app = Flask(__name__)
    app.config.update(
        INDEX_DIR=Path("index"),
        MAX_CONTENT_LENGTH=64 * 1024,
        JSON_AS_ASCII=False,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.config.update(config or {})
    app.json.ensure_ascii = False
    # "/doc//etc/passwd" must be a 404 for the id "/etc/passwd", not a redirect to
    # a merged path.
    app.url_map.merge_slashes = False
    app.extensions["engine"] = Engine(Path(app.config["INDEX_DIR"]),
                                      background_loading=not app.config.get("TESTING"))
    # One CSV export at a time per process (see api.export_csv); on the app, not in a
    # module global, so every app (and test) has its own.
    app.extensions["export_slot"] = threading.BoundedSemaphore(1)

    from webui import api, present, security, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    security.init_app(app)
    present.register(app)
    return app
