"""Real-browser fixtures: the seed corpus (plus one hostile document) indexed once,
served by waitress on a free local port, driven by Debian's Chromium via Playwright.

The browser tests run in a plain ``pytest``; they are skipped (with the reason) only
when no Chromium binary can be found. ``-m "not browser"`` leaves them out.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus"
SCREENSHOTS = ROOT / "tests" / "screenshots"

SOLNA = "000_e7786bfea177d1fd"
FYRBODAL = "001_993abd7bd188c905"
JONKOPING = "002_88cf6dc049a8f6ab"
IOP_REPORT = "003_e3eeeba7b22aafa5"
POLICY = "004_3321a0d72654aef9"
XSS_DOC = "xss"
# The same payloads in a saved web page and a Word file (ids keep their extension).
XSS_HTML_DOC = "xss-sida.html"
XSS_DOCX_DOC = "xss-rapport.docx"
ALL_DOCS = {SOLNA, FYRBODAL, JONKOPING, IOP_REPORT, POLICY, XSS_DOC, XSS_HTML_DOC,
            XSS_DOCX_DOC}

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}

# An ESF project page whose title, metadata and text carry script payloads. Every
# payload sets window.__xss and opens a dialog if it ever runs.
RUN = "window.__xss=1;alert(1)"
XSS_TITLE = f"Testprojekt <script>{RUN}</script> med <img src=x onerror=\"{RUN}\"> i titeln"
XSS_OWNER = f"XSS-föreningen <img src=x onerror=\"{RUN}\">"
XSS_TEXT = f"""Logotyp på utskrifter

{XSS_TITLE}

ProgramområdeProgramområde 3 Testområde
ProjektfasGenomförande
Projektägare{XSS_OWNER}
KontaktpersonEve <script>{RUN}</script>
E-post"><script>{RUN}</script>@example.se
Telefonnummersaknas
Beviljat ESF-stöd1 000 kr
Total projektbudget2 000 kr
Projektperiod2020-01-01 till 2020-12-31
RegionÖvre Norrland
In English

Sammanfattning

Skyddstest: texten innehåller <script>{RUN}</script> och <img src=x onerror="{RUN}"> \
som ska visas som text.

Bakgrund

Oavslutad tagg: <img src=x onerror={RUN}// slut
Citattecken " och ' och & och </p></section><svg onload="{RUN}">
"""


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium through Playwright")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("Chromium not found (apt-get install chromium, or set CHROMIUM=/path); "
                    "the browser tests need a real browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the Python package playwright is not installed")
    return path


XSS_HEADING = f"Rubrik <img src=x onerror=\"{RUN}\"> om skyddshtml"


def write_hostile_html(path: Path) -> None:
    """A page whose title, headings and body carry payloads, as text and as markup."""
    from html import escape

    path.write_text(
        "<!doctype html><html lang=sv><head>"
        f"<title>{escape(XSS_TITLE)}</title><script>{RUN}</script>"
        f"<style>body{{}}</style></head><body onload=\"{RUN}\">"
        f"<h1>{escape(XSS_TITLE)}</h1><h2>{escape(XSS_HEADING)}</h2>"
        f"<p>Skyddshtml: {escape(SCRIPT_TEXT)} <img src=x onerror=\"{RUN}\"> och "
        f"<a href=\"javascript:{RUN}\">en länk</a>.</p>"
        f"<h2>Bakgrund</h2><p onclick=\"{RUN}\">Mer text om kooperativ.</p>"
        "</body></html>", encoding="utf-8")


def write_hostile_docx(path: Path) -> None:
    """A Word file with payloads in its title property, a heading and a paragraph."""
    from docx import Document as WordDocument

    word = WordDocument()
    word.core_properties.title = XSS_TITLE
    word.add_heading(XSS_TITLE, level=1)
    word.add_heading(f"Rubrik {SCRIPT_TEXT} om skyddsdocx", level=2)
    word.add_paragraph(f"Skyddsdocx: {SCRIPT_TEXT} och <img src=x onerror=\"{RUN}\">.")
    word.add_heading("Bakgrund", level=2)
    word.add_paragraph("Mer text om kooperativ.")
    word.save(str(path))


SCRIPT_TEXT = f"<script>{RUN}</script>"


@pytest.fixture(scope="session")
def browser_index(chromium_path, tmp_path_factory) -> Path:
    from indexer.build import rebuild

    corpus = tmp_path_factory.mktemp("browser-corpus")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    (corpus / f"{XSS_DOC}.txt").write_text(XSS_TEXT, encoding="utf-8")
    write_hostile_html(corpus / XSS_HTML_DOC)
    write_hostile_docx(corpus / XSS_DOCX_DOC)
    root = tmp_path_factory.mktemp("browser-index")
    # Like the rest of the suite: no Hunspell lexicon (slow to load, optional extra).
    report = rebuild(corpus, root, lexicon=False)
    assert report.indexed == len(ALL_DOCS), report.to_dict()
    return root


@pytest.fixture(scope="session")
def live_server(browser_index):
    """The app under waitress (the production server) in a background thread."""
    from waitress import create_server

    from webui import create_app

    app = create_app({"INDEX_DIR": browser_index})
    server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="esf-sok")
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"

    def stop():  # runs inside the server's loop, so no socket closes under select()
        for channel in list(server._map.values()):
            if channel is not server and channel is not server.trigger:
                channel.close()
        server.close()

    server.trigger.pull_trigger(stop)
    thread.join(timeout=5)
    server.task_dispatcher.shutdown()
    assert not thread.is_alive(), "waitress did not stop"
    app.extensions["engine"].close()


@pytest.fixture(scope="session")
def browser(chromium_path, live_server):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=5_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageWatch:
    """Everything a page must never do: script errors, console errors (CSP
    violations and failed requests land there), dialogs."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def reset(self) -> None:
        self.errors.clear()
        self.dialogs.clear()


@pytest.fixture(scope="session")
def page_pool(browser, live_server):
    """One page per kind of browser context, reused by every test that asks for that
    kind: opening pages is the slow part of a browser test, navigating is not."""
    pool = {}

    def get(**options):
        options.setdefault("viewport", DESKTOP)
        key = repr(sorted(options.items()))
        if key not in pool:
            context = browser.new_context(base_url=live_server, locale="sv-SE", **options)
            page = context.new_page()
            page.watch = PageWatch(page)
            pool[key] = (context, page)
        return pool[key][1]

    yield get
    for context, _ in pool.values():
        context.close()


@pytest.fixture()
def new_page(page_pool):
    """``new_page(**context_options)``: a page (shared with other tests that use the
    same options) that must end the test without errors or dialogs."""
    used = []

    def make(**options):
        page = page_pool(**options)
        page.watch.reset()
        used.append(page)
        return page

    yield make
    problems = [p for page in used for p in page.watch.errors + page.watch.dialogs]
    for page in used:
        page.watch.reset()
    assert not problems, problems


@pytest.fixture()
def page(new_page):
    return new_page()


# -- helpers shared by the test modules ---------------------------------------------

def hit_ids(page) -> list[str]:
    """Document ids of the hits on a search page, in order."""
    hrefs = page.locator("ol.hits li.hit h3 a").evaluate_all("els => els.map(e => e.href)")
    return [re.search(r"/doc/([^?#]+)", href).group(1) for href in hrefs]


def facet_box(page, facet: str, label: str):
    """The checkbox of one facet value, found by its accessible name (label + count)."""
    return page.locator(f"#facet-{facet}").get_by_role(
        "checkbox", name=re.compile(rf"^{re.escape(label)} \d+$"))


def shoot(page, name: str) -> Path:
    """A full-page screenshot in tests/screenshots/ (or $ESF_SCREENSHOTS)."""
    folder = Path(os.environ.get("ESF_SCREENSHOTS") or SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
