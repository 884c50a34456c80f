"""Generate a mixed-format benchmark corpus: PDF and Word reports, saved ESF web pages
and .txt print-outs (needs LibreOffice for the PDF and DOCX files).

Usage::

    python bench/make_mixed_corpus.py --out bench/corpora/mixed [--pdf 200 --docx 200
        --html 200 --txt 1000 --seed 7]

Text comes from ``bench/make_corpus.py`` (built-in Swedish sentences, fixed seed):

* ``txt/``: ESF print-outs as they are;
* ``html/``: the same kind of page as projektbanken serves it (navigation, cookie
  banner, scripts, label and value in separate spans);
* ``pdf/`` and ``docx/``: reports of 3–8 projects each — a title, a heading per
  section, paragraphs, bullet lists and a ruled table — written as HTML and
  converted by LibreOffice (``soffice --convert-to``) in one batch per format.
"""

from __future__ import annotations

import argparse
import html
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from make_corpus import generate_corpus  # noqa: E402

from indexer.document import read_document  # noqa: E402
from indexer.metadata import LABELS  # noqa: E402

_LABELS = sorted(LABELS, key=len, reverse=True)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def section_html(section) -> str:
    parts = [f"<h2>{esc(section.heading)}</h2>"]
    items = set(section.items)
    lines = [line for line in section.text.split("\n") if line.strip()]
    in_list = False
    for line in lines:
        if line in items:
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{esc(line)}</li>")
            continue
        if in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<p>{esc(line)}</p>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def web_page(path: Path) -> str:
    doc = read_document(path)
    facts = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        label = next((lb for lb in _LABELS if line.strip().startswith(lb)), None)
        if label:
            facts.append(f'<div class="fact"><span class="label">{esc(label)}</span>'
                         f'<span class="value">{esc(line.strip()[len(label):])}</span></div>')
    sections = "\n".join(section_html(s) for s in doc.sections)
    return f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>{esc(doc.title)} - Projektbanken</title><style>body{{margin:0}}</style>
<script>window.dataLayer=[];</script></head><body>
<div id="cookie-consent"><p>Vi använder kakor.</p><button>Godkänn</button></div>
<header><nav><a href="/">Startsida</a> <a href="/sok">Sök projekt</a></nav></header>
<main><h1>{esc(doc.title)}</h1><div class="facts">{"".join(facts)}</div>
{sections}</main><footer>Svenska ESF-rådet</footer>
<script>console.log("x")</script></body></html>
"""


def report_html(paths: list[Path], rng: random.Random, number: int) -> str:
    docs = [read_document(p) for p in paths]
    year = rng.randint(2009, 2023)
    title = f"Uppföljningsrapport {number}: {docs[0].title} ({year})"
    parts = [f"<h1>{esc(title)}</h1>",
             f"<p>Rapporten sammanfattar {len(docs)} projekt. Beslutad {year}-10-19.</p>"]
    for doc in docs:
        parts.append(f"<h2>{esc(doc.title)}</h2>")
        for section in doc.sections:
            if section.type == "kommun":
                continue
            parts.append(section_html(section).replace("<h2>", "<h3>").replace("</h2>",
                                                                              "</h3>"))
    rows = [(k, d.owner or "–", str(d.start.year if d.start else "")) for d in docs
            for k in d.kommuner[:3]]
    parts.append("<h2>Kommuner i rapporten</h2><table border=\"1\" cellpadding=\"4\" "
                 "cellspacing=\"0\"><tr><th>Kommun</th><th>Projektägare</th><th>Start</th></tr>"
                 + "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>"
                           for a, b, c in rows) + "</table>")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{esc(title)}'
            f'</title><meta name="author" content="{esc(docs[0].owner or "")}"></head><body>'
            + "\n".join(parts) + "</body></html>\n")


def convert(sources: list[Path], fmt: str, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(sources), 50):  # one LibreOffice start per 50 files
        subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)",
                        "--convert-to", fmt, "--outdir", str(out_dir),
                        *map(str, sources[start:start + 50])],
                       check=True, capture_output=True, timeout=1800)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pdf", type=int, default=200)
    parser.add_argument("--docx", type=int, default=200)
    parser.add_argument("--html", type=int, default=200)
    parser.add_argument("--txt", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if (args.pdf or args.docx) and shutil.which("soffice") is None:
        sys.exit("soffice saknas: apt-get install -y libreoffice-writer-nogui")
    started = time.perf_counter()
    rng = random.Random(f"mixed-{args.seed}")
    reports = args.pdf + args.docx
    per_report = 5
    total = args.txt + args.html + reports * per_report
    out = args.out
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        esf = generate_corpus(tmp / "esf", total, seed=args.seed, source="builtin")
        pages = sorted(esf.glob("esf_*.txt"))
        (out / "txt").mkdir(parents=True)
        for path in pages[:args.txt]:
            shutil.copy(path, out / "txt" / path.name)
        (out / "html").mkdir()
        for path in pages[args.txt:args.txt + args.html]:
            (out / "html" / f"{path.stem}.html").write_text(web_page(path), encoding="utf-8")
        rest = pages[args.txt + args.html:]
        for fmt, count, offset in (("pdf", args.pdf, 0), ("docx", args.docx, args.pdf)):
            sources = []
            for n in range(count):
                chunk = rest[(offset + n) * per_report:(offset + n + 1) * per_report]
                chunk = chunk[:rng.randint(3, per_report)] if chunk else chunk
                source = tmp / fmt / f"rapport_{n:04d}.html"
                source.parent.mkdir(exist_ok=True)
                source.write_text(report_html(chunk, rng, n), encoding="utf-8")
                sources.append(source)
            if sources:
                convert(sources, fmt, out / fmt)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    counts = {d.name: len(list(d.iterdir())) for d in sorted(out.iterdir())}
    print(f"{out}: {counts}, {size / 2**20:.1f} MB, {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
