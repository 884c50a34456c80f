"""Loopback load test and hostile-query run against the real production server.

Usage::

    python bench/load_test.py --index INDEX_ROOT [--corpus CORPUS] [--seconds 60]
                              [--clients 8]

Starts ``python -m webui`` (waitress) on 127.0.0.1, then measures:

1. idle: ordinary queries one at a time (the reference p95);
2. load: ``--clients`` concurrent clients with mixed ordinary queries (req/s, p95,
   errors);
3. hostile: every query of the hostile set once (status, worst time), then ordinary
   load again while two clients send hostile queries non-stop;
4. swap: ordinary load while ``indexer rebuild`` replaces the index (needs
   ``--corpus``).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ORDINARY = [
    "q=kooperativ", "q=handledare", "q=sociala+företag", 'q="sociala+företag"',
    "q=arbetsförmedlingen+utbildning", "q=jämställdhet&region=Stockholm",
    "region=Västsverige&phase=Genomförande", "", "q=arbets*", "q=forsakringskassan",
    "q=kooperativ&sort=newest", "q=funktionsnedsättning&page=2", "q=kooprativ",
    "q=samordningsförbund&region=Stockholm&region=Sydsverige",
]
HOSTILE = [
    '"unbalanced', "((((kooperativ", "kooperativ))))", "*", "*a*", "?????", "a*", "a~9",
    "kooperativ~2", "[a TO ö]", "{a TO ö}", "x" * 10_000,
    " OR ".join(f"ord{i}" for i in range(1000)),
    "(" * 5000 + "a" + ")" * 5000, "'; DROP TABLE dokument; --", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "${jndi:ldap://x}", "../../../../etc/passwd", "\x00\x01\x02",
    "\u202eevil\u202c", "😀🔥 kooperativ", "%ff%fe", "NOT NOT NOT", "AND OR NOT", "titel:",
    ":::", "syfte:*", "a" * 300 + "*", "arb*ts", "k?operativ", "^" * 50, "\\" * 100,
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base: str, query: str) -> tuple[int, float]:
    # Percent-encode what is not ASCII (å/ä/ö in the ordinary queries) and leave
    # existing escapes alone, so the client never fails before the server is asked.
    url = f"{base}/api/search?" + urllib.parse.quote(query, safe="=&+%*\"'()")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except Exception:
        status = -1
    return status, (time.perf_counter() - started) * 1000


def hostile_url(q: str) -> str:
    if q == "%ff%fe":
        return "q=%ff%fe"
    return urllib.parse.urlencode({"q": q})


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0


def fetch_path(base: str, path: str) -> tuple[int, float, str | None]:
    """(status, ms, Retry-After) of one GET, body read to the end."""
    started = time.perf_counter()
    retry = None
    try:
        with urllib.request.urlopen(base + path, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status, retry = exc.code, exc.headers.get("Retry-After")
        exc.close()
    except Exception:
        status = -1
    return status, (time.perf_counter() - started) * 1000, retry


def run_clients(base: str, seconds: float, clients: int, queries: list[str], seed: int = 0,
                until=None):
    """Clients for ``seconds``, or — with ``until`` — until it returns True (then 2 s more)."""
    started_at = time.monotonic()
    stop = started_at + seconds
    if until is not None:
        def keep_going() -> bool:
            nonlocal stop
            if until() and stop > time.monotonic() + 2:
                stop = time.monotonic() + 2
            return time.monotonic() < stop
    else:
        def keep_going() -> bool:
            return time.monotonic() < stop
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(number: int) -> None:
        nonlocal errors
        rng = random.Random(seed * 100 + number)
        while keep_going():
            status, elapsed = fetch(base, rng.choice(queries))
            with lock:
                timings.append(elapsed)
                if status != 200:
                    errors += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed_s = time.monotonic() - started_at
    return {"requests": len(timings), "rps": round(len(timings) / elapsed_s, 1),
            "p50_ms": round(statistics.median(timings), 1) if timings else 0,
            "p95_ms": round(percentile(timings, 0.95), 1), "errors": errors}


def varied_queries(index_root: Path, count: int = 3000, seed: int = 7) -> list[str]:
    """One- and two-word queries over the index's 3,000 most frequent long words."""
    import json

    from indexer import store

    build = store.current_build(index_root)
    vocab = json.loads((build / store.VOCABULARY).read_text(encoding="utf-8"))
    words = [w for w, _ in sorted(vocab.items(), key=lambda item: -item[1])
             if w.isalpha() and len(w) > 4][:3000]
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        picked = rng.sample(words, rng.choice((1, 1, 2)))
        queries.append(urllib.parse.urlencode({"q": " ".join(picked)}))
    return queries


def server_rss(pid: int) -> str:
    """RSS of the server process and of each worker it forked (``/proc``, Linux), and
    the private part of it: the rest is mapped files (the index's segments, shared
    with the page cache and the other workers, and the libraries)."""
    def rss(p: int) -> str:
        fields = {}
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon"):
                fields[name] = int(value.split()[0]) / 1024
        return f"{fields.get('VmRSS', 0):.0f} MB ({fields.get('RssAnon', 0):.0f} MB private)"

    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        parts = [f"main {rss(pid)}"] + [f"worker {rss(c)}" for c in children]
    except OSError:
        return "not available"
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--varied", action="store_true",
                        help="also a load phase of 3,000 distinct one- and two-word queries "
                             "from the index's own words (result caches rarely hit)")
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "webui", "--index", str(args.index),
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    failed = False
    try:
        for _ in range(300):
            if fetch(base, "q=kooperativ")[0] == 200:
                break
            time.sleep(0.2)
        for query in ORDINARY:
            fetch(base, query)
        idle = [fetch(base, q)[1] for q in ORDINARY * 3]
        cached_p95 = percentile(idle, 0.95)
        print(f"idle, repeated queries: p50 {statistics.median(idle):.1f} ms, "
              f"p95 {cached_p95:.1f} ms")
        # The bound for "× idle" is a first-time query's p95 (each asked once), not a
        # repeated one served from the page cache.
        first_time = [fetch(base, q)[1] for q in varied_queries(args.index, 60, seed=11)]
        idle_p95 = percentile(first_time, 0.95)
        print(f"idle, first-time queries: p50 {statistics.median(first_time):.1f} ms, "
              f"p95 {idle_p95:.1f} ms")

        print(f"server processes (RSS after warm-up): {server_rss(server.pid)}")
        load = run_clients(base, args.seconds, args.clients, ORDINARY)
        print(f"load ({args.clients} clients, {args.seconds:.0f} s): {load}")
        if args.varied:
            varied = run_clients(base, args.seconds, args.clients, varied_queries(args.index))
            print(f"varied load ({args.clients} clients, {args.seconds:.0f} s, distinct "
                  f"queries): {varied}")
            failed |= varied["errors"] > 0

        results = [(q, *fetch(base, hostile_url(q))) for q in HOSTILE]
        bad = [(q[:40], s) for q, s, _ in results if s not in (200, 400)]
        times = [t for _, _, t in results]
        worst = max(results, key=lambda r: r[2])
        print(f"hostile: {len(results) - len(bad)}/{len(results)} without a 5xx/error, "
              f"worst {worst[2]:.0f} ms ({worst[0][:30]!r}), p95 {percentile(times, 0.95):.0f} ms"
              + (f"; failures {bad}" if bad else ""))

        stop_hostile = threading.Event()

        def hostile_client(number: int) -> None:
            rng = random.Random(number)
            while not stop_hostile.is_set():
                fetch(base, hostile_url(rng.choice(HOSTILE)))

        hostile_threads = [threading.Thread(target=hostile_client, args=(i,)) for i in range(2)]
        for thread in hostile_threads:
            thread.start()
        under_hostile = run_clients(base, min(args.seconds, 20), 1, ORDINARY, seed=1)
        stop_hostile.set()
        for thread in hostile_threads:
            thread.join()
        print(f"ordinary while hostile queries run: {under_hostile} "
              f"(p95 {under_hostile['p95_ms'] / max(idle_p95, 0.1):.1f}× idle)")

        export = "/export.csv?q=" + urllib.parse.quote("kooperativ OR projekt")
        alone = fetch_path(base, export)
        print(f"export alone: status {alone[0]}, {alone[1]:.0f} ms")
        export_results: list[tuple[int, float, str | None]] = []

        def exporter(number: int) -> None:
            end = time.monotonic() + min(args.seconds, 20)
            while time.monotonic() < end:
                export_results.append(fetch_path(base, export))

        exporters = [threading.Thread(target=exporter, args=(i,)) for i in range(8)]
        for thread in exporters:
            thread.start()
        during_exports = run_clients(base, min(args.seconds, 20), 2, ORDINARY, seed=3)
        for thread in exporters:
            thread.join()
        done = [ms for status, ms, _ in export_results if status == 200]
        refused = [r for status, _, r in export_results if status == 429]
        print(f"8 export connections: {len(done)} exports, p50 "
              f"{statistics.median(done) if done else 0:.0f} ms; {len(refused)} refused with "
              f"429 (Retry-After {refused[0] if refused else '–'}); searches meanwhile "
              f"{during_exports} (p95 {during_exports['p95_ms'] / max(idle_p95, 0.1):.1f}× "
              "first-time idle)")

        overload: list[tuple[int, float, str | None]] = []

        def hammer(number: int) -> None:
            rng = random.Random(number)
            queries = varied_queries(args.index, 200, seed=number)
            end = time.monotonic() + min(args.seconds, 15)
            while time.monotonic() < end:
                overload.append(fetch_path(base, "/api/search?" + rng.choice(queries)))

        hammers = [threading.Thread(target=hammer, args=(i,)) for i in range(64)]
        for thread in hammers:
            thread.start()
        for thread in hammers:
            thread.join()
        times = [ms for _, ms, _ in overload]
        shed = [r for status, _, r in overload if status == 503]
        others = sorted({status for status, _, _ in overload} - {200, 503})
        print(f"64 connections, distinct queries: {len(overload)} requests, "
              f"{len(shed)} × 503 (Retry-After {shed[0] if shed else '–'}), p50 "
              f"{statistics.median(times):.0f} ms, p99 {percentile(times, 0.99):.0f} ms, "
              f"max {max(times):.0f} ms" + (f", other statuses {others}" if others else ""))
        failed |= bool(others)

        if args.corpus:
            rebuild = subprocess.Popen([sys.executable, "-m", "indexer", "rebuild", "--corpus",
                                        str(args.corpus), "--index", str(args.index),
                                        "--wait", "60"], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            # Until the rebuild has swapped the index in (and 2 s beyond), at most 30 min.
            during = run_clients(base, 1800, 1, ORDINARY, seed=2,
                                 until=lambda: rebuild.poll() is not None)
            rebuild.wait()
            print(f"ordinary during rebuild+swap: {during} "
                  f"(p95 {during['p95_ms'] / max(idle_p95, 0.1):.1f}× idle)")
            failed |= during["errors"] > 0
        failed |= bool(bad) or load["errors"] > 0
    finally:
        server.terminate()
        server.wait(timeout=10)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
