"""The production server: waitress, with overload shedding instead of endless queues.

Waitress hands every ready request to a queue that its worker threads drain. Under
more load than the threads can answer, that queue only grows: at 64 connections the
slowest request waited 35 s and still got a 200 nobody was waiting for. Here the
queue is bounded by *time*: when the requests already waiting would take more than
``MAX_QUEUE_SECONDS`` to answer (queue length × measured service time ÷ threads),
a new request is answered ``503`` with ``Retry-After`` at once — put at the front of
the queue with a ready-made error, which costs a worker microseconds.

This is the one module that touches waitress internals (its task dispatcher, passed
through ``create_server``'s ``_dispatcher`` hook, and the channel's pending requests);
if they change, :func:`serve` falls back to plain waitress and says so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

from waitress.task import ThreadedTaskDispatcher
from waitress.utilities import Error

log = logging.getLogger(__name__)

MAX_QUEUE_SECONDS = 2.0
RETRY_AFTER_SECONDS = 2
BUSY_PAGE = ("<!doctype html><html lang=\"sv\"><meta charset=\"utf-8\">"
             "<title>Tjänsten är upptagen – ESF-sök</title>"
             "<h1>Tjänsten är upptagen just nu</h1>"
             "<p>Många söker samtidigt. Försök igen om ett par sekunder.</p></html>")


class LoadMeter:
    """How fast this process answers, shared by all its threads.

    The queue's wait is its length divided by the *throughput* (answers per second),
    measured over the last few seconds: with a GIL, eight threads do not answer eight
    times as fast as one, so a per-request service time divided by the thread count
    would promise waits far shorter than the real ones.
    """

    WINDOW = 5.0

    def __init__(self, initial: float = 0.02, weight: float = 0.1):
        self.seconds = initial  # moving average of one request's service time
        self.weight = weight
        self.shed = 0
        self._done: deque[float] = deque()
        self._lock = threading.Lock()

    def record(self, seconds: float) -> None:
        now = time.monotonic()
        with self._lock:
            self.seconds += self.weight * (seconds - self.seconds)
            self._done.append(now)
            while self._done and self._done[0] < now - self.WINDOW:
                self._done.popleft()

    def seconds_per_answer(self, threads: int) -> float:
        """Wall seconds between answers lately; before enough answers, a guess."""
        with self._lock:
            if len(self._done) >= 5:
                span = max(time.monotonic() - self._done[0], 1e-3)
                return span / len(self._done)
            return self.seconds / max(threads, 1)

    def count_shed(self) -> None:
        with self._lock:
            self.shed += 1


class Busy(Error):
    """Waitress's error response, in Swedish, with Retry-After."""

    code = 503
    reason = "Service Unavailable"

    def to_response(self, ident=None):
        headers = [("Content-Type", "text/html; charset=utf-8"),
                   ("Retry-After", str(RETRY_AFTER_SECONDS)), ("Cache-Control", "no-store")]
        return f"{self.code} {self.reason}", headers, BUSY_PAGE.encode("utf-8")


def should_shed(waiting: int, seconds_per_answer: float, threads: int,
                max_seconds: float | None = None) -> bool:
    """Whether the requests already queued would keep a new one waiting too long.

    >>> should_shed(4, 0.5, 8)        # a short queue is always served
    False
    >>> should_shed(40, 0.1, 8), should_shed(40, 0.01, 8)
    (True, False)
    """
    budget = MAX_QUEUE_SECONDS if max_seconds is None else max_seconds
    return waiting >= threads and waiting * seconds_per_answer > budget


class SheddingDispatcher(ThreadedTaskDispatcher):
    def __init__(self, meter: LoadMeter, threads: int):
        super().__init__()
        self.meter = meter
        self.thread_total = threads

    def add_task(self, task):
        with self.lock:
            waiting = len(self.queue)
        requests = getattr(task, "requests", None)
        if requests and should_shed(waiting, self.meter.seconds_per_answer(self.thread_total),
                                    self.thread_total):
            for request in requests:
                if not request.error:
                    request.error = Busy("")
            self.meter.count_shed()
            with self.lock:
                self.queue.appendleft(task)  # answered next, in microseconds
                self.queue_cv.notify()
            return
        super().add_task(task)


class Timed:
    """WSGI middleware feeding the meter with each request's service time."""

    def __init__(self, app, meter: LoadMeter):
        self.app = app
        self.meter = meter

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        try:
            return self.app(environ, start_response)
        finally:
            self.meter.record(time.perf_counter() - started)


def create(app, threads: int, **adjustments):
    """A waitress server for ``app`` with shedding; ``.run()`` serves, ``.close()`` stops.

    ``adjustments`` are waitress's own (``host``/``port`` or ``sockets``, limits).
    """
    from waitress.server import create_server

    meter = LoadMeter()
    try:
        server = create_server(Timed(app, meter), threads=threads,
                               _dispatcher=_dispatcher(meter, threads), **adjustments)
    except TypeError:  # a waitress without the dispatcher hook
        log.warning("waitress utan _dispatcher: servern köar i stället för att avlasta")
        server = create_server(app, threads=threads, **adjustments)
    server.meter = meter
    return server


def _dispatcher(meter: LoadMeter, threads: int) -> SheddingDispatcher:
    dispatcher = SheddingDispatcher(meter, threads)
    dispatcher.set_thread_count(threads)
    return dispatcher


def listening_socket(host: str, port: int, backlog: int = 1024):
    """One bound, listening TCP socket for every worker process to accept from."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    return sock


def serve(make_app, host: str, port: int, workers: int, threads: int, **adjustments) -> None:
    """Serve in ``workers`` processes that share one listening socket.

    Why processes: the search core is pure Python, so one process uses one core no
    matter how many threads it has. Waitress has no multi-process mode and gunicorn
    none of the load shedding above, so this pre-forks: the socket is bound once,
    each child makes its own app (own searchers, caches and index-swap checks) and
    runs a shedding waitress on it; a child that dies is replaced, and SIGTERM or
    Ctrl-C stops them all.
    """
    import os
    import signal

    sock = listening_socket(host, port)
    adjustments.setdefault("ident", "esf-sok")
    if workers <= 1 or not hasattr(os, "fork"):
        create(make_app(), threads=threads, sockets=[sock], **adjustments).run()
        return

    def child() -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            create(make_app(), threads=threads, sockets=[sock], **adjustments).run()
        finally:
            os._exit(0)

    children: set[int] = set()
    stopping = False

    def start() -> None:
        pid = os.fork()
        if pid == 0:
            child()
        children.add(pid)

    def stop(*_signal) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start()
    while children:
        try:
            pid, _status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        children.discard(pid)
        if not stopping:
            log.warning("arbetsprocess %d avslutades; startar en ny", pid)
            time.sleep(0.5)  # a child that dies at once must not spin the CPU
            start()
    sock.close()
