"""What every response must carry, and the one error shape: 431, 503, 404, CSP, files."""

from __future__ import annotations

import pytest


def test_a_missing_index_is_a_swedish_503_with_retry_after(tmp_path):
    from webui import create_app

    app = create_app({"INDEX_DIR": tmp_path / "none", "TESTING": True})
    client = app.test_client()
    for path in ("/", "/api/search?q=x", "/doc/x", "/api/doc/x", "/export.csv"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"]
    assert "inget sökindex" in client.get("/api/search").get_json()["error"]["detail"]
    assert "Tjänsten är tillfälligt otillgänglig" in client.get("/").get_data(as_text=True)
    app.extensions["engine"].close()


def test_a_damaged_index_is_a_503_that_names_the_damage(tmp_path):
    from indexer import store
    from indexer.build import rebuild
    from tests.conftest import MINI
    from webui import create_app

    rebuild(MINI, tmp_path / "index", lexicon=False)
    toc = next(store.current_build(tmp_path / "index").glob("*.toc"))
    toc.write_bytes(bytes(toc.stat().st_size))
    app = create_app({"INDEX_DIR": tmp_path / "index", "TESTING": True})
    response = app.test_client().get("/api/search?q=kooperativ")
    assert response.status_code == 503
    assert "skadat" in response.get_json()["error"]["detail"]
    app.extensions["engine"].close()


@pytest.mark.parametrize("path", ["/doc//etc/passwd", "/doc/../../etc/passwd",
                                  "/api/doc//etc/passwd"])
def test_odd_document_paths_are_404_not_redirects(client, path):
    assert client.get(path).status_code == 404


def test_too_many_or_too_large_headers_are_431(client):
    many = {f"X-H{i}": "a" * 1000 for i in range(200)}
    assert client.get("/", headers=many).status_code == 431
    assert client.get("/", headers={"X-Big": "a" * 20_000}).status_code == 431
    assert client.get("/", headers={"X-Ok": "a" * 500}).status_code == 200


def test_the_favicon_is_a_static_file_and_the_csp_has_no_data_urls(client):
    html = client.get("/").get_data(as_text=True)
    assert 'rel="icon"' in html and "data:" not in html
    with client.get("/static/favicon.svg") as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert "data:" not in client.get("/").headers["Content-Security-Policy"]


HOSTILE = ['"handledare', "(kooperativ", "kooperativ AND", "*", "a~9", "x" * 5000,
           "\x00", "syfte:", "-", '"', "NOT", "((((((a))))))", "<script>alert(1)</script>"]


def test_open_files_stay_flat_over_hostile_requests_after_warm_up(client):
    import os

    def run_all():
        for q in HOSTILE:
            for path in ("/", "/api/search", "/export.csv"):
                with client.get(path, query_string={"q": q}) as response:
                    assert response.status_code < 500
            client.get("/doc/" + q[:50]).close()

    run_all()  # warm-up: searchers, caches, templates
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        run_all()
    assert len(os.listdir("/proc/self/fd")) <= before


def test_originals_are_served_by_id_only_with_their_type_and_a_sandbox(tmp_path):
    import shutil

    from indexer.build import rebuild
    from tests.conftest import MINI
    from webui import create_app

    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    (corpus / "sida.html").write_text(
        "<html><head><title>Sidan</title><script>alert(1)</script></head>"
        "<body><h1>Sidan</h1><p>Om kooperativ.</p></body></html>", encoding="utf-8")
    rebuild(corpus, tmp_path / "index", lexicon=False)
    app = create_app({"INDEX_DIR": tmp_path / "index", "TESTING": True})
    client = app.test_client()
    try:
        with client.get("/original/m1_stockholm") as text:
            assert text.status_code == 200 and text.mimetype == "text/plain"
            assert text.headers["Content-Security-Policy"].startswith("sandbox")
            assert "attachment" not in text.headers.get("Content-Disposition", "")
        html_id = next(d["id"] for d in [client.get("/api/search?q=sidan").get_json()["hits"][0]])
        with client.get(f"/original/{html_id}") as page:
            assert page.status_code == 200
            assert page.headers["Content-Disposition"].startswith("attachment")
        doc = client.get(f"/api/doc/{html_id}").get_json()
        assert doc["original"]["url"] == f"/original/{html_id}"
        assert "Öppna originalet (HTML" in client.get(f"/doc/{html_id}").get_data(as_text=True)
        for bad in ("/original/../../etc/passwd", "/original//etc/passwd", "/original/nope"):
            assert client.get(bad).status_code == 404
    finally:
        app.extensions["engine"].close()
