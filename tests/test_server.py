"""The production server sheds overload with 503 + Retry-After instead of queueing."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from webui import server as server_module
from webui.server import LoadMeter, create, should_shed


def slow_app(environ, start_response):
    time.sleep(0.2)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


@pytest.fixture()
def running(monkeypatch):
    """A 2-thread shedding waitress on 127.0.0.1 with a 0.5 s queue budget."""
    monkeypatch.setattr(server_module, "MAX_QUEUE_SECONDS", 0.5)
    srv = create(slow_app, threads=2, host="127.0.0.1", port=0, connection_limit=200,
                 channel_timeout=30)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield srv, f"http://127.0.0.1:{srv.effective_port}/"
    srv.close()
    srv.task_dispatcher.shutdown()
    thread.join(timeout=5)


def fetch(url: str) -> tuple[int, str | None, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status, None, time.monotonic() - started
    except urllib.error.HTTPError as error:
        with error:
            body = error.read().decode("utf-8")
            assert "Tjänsten är upptagen" in body
            return error.code, error.headers.get("Retry-After"), time.monotonic() - started


def test_the_decision_weighs_queue_length_by_the_time_between_answers():
    assert not should_shed(1, 10.0, 2, 0.5)        # shorter than the threads: serve
    assert should_shed(6, 0.1, 2, 0.5)             # 6 waiting × 0.1 s = 0.6 s > 0.5 s
    assert not should_shed(6, 0.05, 2, 0.5)


def test_the_meter_measures_throughput_not_thread_count():
    meter = LoadMeter(initial=0.8)
    assert meter.seconds_per_answer(8) == pytest.approx(0.1)  # a guess until measured
    for _ in range(10):
        meter.record(0.8)
    # Ten answers recorded at once: far more than one per 0.1 s.
    assert meter.seconds_per_answer(8) < 0.1


def test_the_meter_follows_service_times():
    meter = LoadMeter(initial=0.0, weight=0.5)
    meter.record(1.0)
    meter.record(1.0)
    assert meter.seconds == pytest.approx(0.75)


def test_64_connections_get_fast_503s_instead_of_a_long_queue(running):
    srv, url = running
    with ThreadPoolExecutor(max_workers=64) as pool:
        results = list(pool.map(fetch, [url] * 64))
    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {200, 503}
    shed = [(retry, seconds) for status, retry, seconds in results if status == 503]
    assert shed and all(retry == "2" for retry, _ in shed)
    assert srv.meter.shed == len(shed)
    # Unbounded, the 64th request would wait 64 × 0.2 s ÷ 2 = 6.4 s; bounded, the
    # queue never holds much more than its 0.5 s budget.
    assert statuses.count(200) < 64


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_pids(parent: int) -> set[int]:
    from pathlib import Path

    children = Path(f"/proc/{parent}/task/{parent}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_python_m_webui_serves_from_two_processes_and_every_one_sees_a_swap(tmp_path):
    import json
    import shutil
    import subprocess
    import sys

    from indexer.build import rebuild
    from tests.conftest import MINI

    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    root = tmp_path / "index"
    rebuild(corpus, root, lexicon=False)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "webui", "--index", str(root),
                                "--port", str(port), "--workers", "2", "--threads", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/api/search?q="
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "x", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        assert len(worker_pids(process.pid)) == 2

        (corpus / "m9.txt").write_text("Flamingoprojektet\n\nOm flamingo i Solna.\n",
                                       encoding="utf-8")
        rebuild(corpus, root, lexicon=False)
        deadline = time.monotonic() + 30
        while True:  # every answer, whichever process gives it, sees the new build
            totals = []
            for _ in range(20):
                with urllib.request.urlopen(base + "flamingo", timeout=5) as response:
                    totals.append(json.loads(response.read())["total"])
            if totals == [1] * 20:
                break
            assert time.monotonic() < deadline, totals
            time.sleep(0.5)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert process.returncode == 0


def test_python_m_webui_rebuilds_an_index_of_an_older_schema(tmp_path, monkeypatch):
    """An index built before the banded body would serve searches that find nothing."""
    import shutil

    from click.testing import CliRunner
    from whoosh.fields import ID

    from indexer import build, store
    from indexer.schema import build_schema
    from tests.conftest import MINI
    from webui import __main__ as webui_main
    from webui import server

    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    root = tmp_path / "index"

    def older_schema():  # another field set, as before the banded body
        schema = build_schema()
        schema.remove("collection")
        schema.add("text_syfte", ID)
        return schema

    monkeypatch.setattr(build, "build_schema", older_schema)
    build.rebuild(corpus, root)
    monkeypatch.undo()
    old = store.current_build(root)
    assert not build.same_schema(old)
    served = []
    monkeypatch.setattr(server, "serve", lambda *args, **kwargs: served.append(True))
    result = CliRunner().invoke(webui_main.main, ["--index", str(root), "--corpus", str(corpus),
                                                  "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "äldre version" in result.output and served == [True]
    assert store.current_build(root) != old and build.same_schema(store.current_build(root))
