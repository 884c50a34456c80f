"""Compare extraction libraries on our kind of files, and time our readers.

Usage::

    python bench/make_mixed_corpus.py --out bench/corpora/mixed       # once
    python bench/bench_formats.py --corpus bench/corpora/mixed [--files 40]

Optional comparison libraries (not dependencies of the product)::

    .venv/bin/pip install pdfminer.six pypdf docx2python odfpy selectolax

Quality is measured on the committed twins of our seeds (tests/fixtures/formats,
made by LibreOffice from corpus/*.txt) against the seed's own text:

* *ord* — share of the seed's words (as a multiset) found in the extraction;
* *åäö* — the same for words with å, ä or ö only (broken encodings show here);
* *spalter* — pages of the two-column fixture whose left column comes out
  before the right one (of 3);
* *avstavning* — of ``arbets-/kooperativ``, ``män-/niskor``: joined words found;
* *sidhuvud* — running header/page-number lines left in the text (0 is right).

Speed is measured on the mixed corpus (``--files`` files of each type).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from indexer.document import read_document  # noqa: E402
from indexer.formats import docx as docx_reader  # noqa: E402
from indexer.formats import html as html_reader  # noqa: E402
from indexer.formats import odt as odt_reader  # noqa: E402
from indexer.formats import pdf as pdf_reader  # noqa: E402
from indexer.formats.structure import to_document  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
TWINS = {"solna": "000_e7786bfea177d1fd", "iop": "003_e3eeeba7b22aafa5",
         "policy": "004_3321a0d72654aef9"}
WORD = re.compile(r"\w+")


def has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


# --- PDF libraries -----------------------------------------------------------------

def full_text(document) -> str:
    return document.title + "\n" + "\n".join(
        f"{s.heading}\n{s.text}" for s in document.sections)


def pdf_ours(path: Path) -> tuple[str, int]:
    blocks, properties, _ = pdf_reader.read(path)
    return full_text(to_document(blocks, properties, "x", "x.pdf")), properties.pages


def pdf_pdfium_plain(path: Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    texts = []
    for page in pdf:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pages = len(pdf)
    pdf.close()
    return "\n".join(texts), pages


def pdf_pdfminer(path: Path) -> tuple[str, int]:
    from pdfminer.high_level import extract_pages, extract_text

    return extract_text(str(path)), sum(1 for _ in extract_pages(str(path)))


def pdf_pypdf(path: Path) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages), len(reader.pages)


PDF_LIBRARIES = {
    "pypdfium2 + vår layout (vald)": (pdf_ours, "Apache-2.0/BSD-3 (PDFium)", "pypdfium2"),
    "pypdfium2, ren text": (pdf_pdfium_plain, "Apache-2.0/BSD-3 (PDFium)", "pypdfium2"),
    "pdfminer.six": (pdf_pdfminer, "MIT", "pdfminer"),
    "pypdf": (pdf_pypdf, "BSD-3", "pypdf"),
}


def recall(reference: str, extracted: str, only_swedish: bool = False) -> float:
    def words(text):
        found = [w.lower() for w in WORD.findall(text)]
        return Counter(w for w in found if not only_swedish or set(w) & set("åäö"))

    want, got = words(reference), words(extracted)
    total = sum(want.values())
    return sum(min(n, got[w]) for w, n in want.items()) / total if total else 1.0


def reference_text(seed: str) -> str:
    return full_text(read_document(ROOT / "corpus" / f"{seed}.txt"))


def pdf_quality(function) -> dict:
    word_scores, swedish_scores = [], []
    for name, seed in TWINS.items():
        text, _ = function(FIXTURES / f"{name}.pdf")
        reference = reference_text(seed)
        word_scores.append(recall(reference, text))
        swedish_scores.append(recall(reference, text, only_swedish=True))
    text, _ = function(FIXTURES / "tva_spalter.pdf")
    flat = " ".join(text.split())
    columns = 0
    for page in (1, 2, 3):
        left = flat.find(f"Vänster rubrik {page}")
        left_end = flat.find("sysselsättningsfrågor", left)
        right = flat.find("Den högra spalten", left)
        if -1 < left < left_end < right:
            columns += 1
    hyphens = sum(word in flat for word in ("arbetskooperativ vuxit", "människor som"))
    furniture = len(re.findall(r"Sida \d av 3|Årsrapport 2022", flat))
    return {"ord": sum(word_scores) / len(word_scores),
            "åäö": sum(swedish_scores) / len(swedish_scores),
            "spalter": columns, "avstavning": hyphens, "sidhuvud": furniture}


def timed(function, paths: list[Path]) -> tuple[float, int]:
    started = time.perf_counter()
    units = 0
    for path in paths:
        result = function(path)
        units += result[1] if isinstance(result, tuple) and isinstance(result[1], int) else 1
    return time.perf_counter() - started, units


# --- DOCX, ODT, HTML ---------------------------------------------------------------

def docx_ours(path: Path):
    blocks, properties = docx_reader.read(path)
    return full_text(to_document(blocks, properties, "x", "x.docx")), 1


def docx_docx2python(path: Path):
    from docx2python import docx2python

    with docx2python(str(path)) as result:
        return result.text, 1


def odt_ours(path: Path):
    blocks, properties = odt_reader.read(path)
    return full_text(to_document(blocks, properties, "x", "x.odt")), 1


def odt_odfpy(path: Path):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(str(path))
    return "\n".join(teletype.extractText(p) for p in document.getElementsByType(text.P)), 1


def html_ours(path: Path):
    blocks, properties = html_reader.read(path.read_bytes())
    return full_text(to_document(blocks, properties, "x", "x.html")), 1


def html_lxml_plain(path: Path):
    import lxml.html

    return lxml.html.document_fromstring(path.read_text(encoding="utf-8")).text_content(), 1


def html_selectolax(path: Path):
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    for node in tree.css("script, style, nav, footer, header, noscript"):
        node.decompose()
    return tree.body.text(separator="\n") if tree.body else "", 1


OTHERS = {
    "docx": {"python-docx (vald)": (docx_ours, "MIT", "docx"),
             "docx2python": (docx_docx2python, "MIT", "docx2python")},
    "odt": {"lxml, content.xml (vald)": (odt_ours, "BSD-3", "lxml"),
            "odfpy": (odt_odfpy, "Apache-2.0/GPL/LGPL", "odf")},
    "html": {"lxml.html + vår rensning (vald)": (html_ours, "BSD-3", "lxml"),
             "lxml.html, text_content()": (html_lxml_plain, "BSD-3", "lxml"),
             "selectolax (lexbor), rensad": (html_selectolax, "MIT", "selectolax")},
}
CHROME = ("kakor", "Godkänn", "Startsida", "Sök projekt", "dataLayer", "console.log")


def pool_speeds(corpus: Path) -> None:
    """Every file of each type through the build's worker pool, cache cold."""
    import tempfile

    from indexer.build import BuildReport, scan_corpus
    from indexer.extract import ExtractionCache, default_procs, extract_all

    print("| typ | filer | sidor | tid | filer/s | sidor/s | arbetsprocesser |")
    print("|---|---|---|---|---|---|---|")
    for fmt in ("pdf", "docx", "html", "txt"):
        folder = corpus / fmt
        if not folder.is_dir():
            continue
        sources = scan_corpus(folder, BuildReport())
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            outcomes = list(extract_all(sources, ExtractionCache(Path(tmp))))
            seconds = time.perf_counter() - started
        pages = sum(o.document.pages or 0 for o in outcomes if o.document)
        procs = default_procs(len(sources)) if fmt != "txt" else "– (byggprocessen)"
        print(f"| {fmt} | {len(sources)} | {pages or '–'} | {seconds:.1f} s "
              f"| {len(sources) / seconds:.0f} | {f'{pages / seconds:.0f}' if pages else '–'} "
              f"| {procs} |", flush=True)


def long_pdf(pages: int = 2000) -> None:
    """A PDF of ``pages`` pages (one short line each): read up to the page limit."""
    import tempfile

    stream = b"BT /F1 12 Tf 72 400 Td (Sida med text om arbetskooperativ i Malm\366) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(f"{5 + i} 0 R".encode()
                                                      for i in range(pages))
               + f"] /Count {pages} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>",
               f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lang.pdf"
        path.write_bytes(bytes(out))
        started = time.perf_counter()
        blocks, properties, warnings = pdf_reader.read(path)
        seconds = time.perf_counter() - started
    print(f"PDF med {pages} sidor: {seconds:.1f} s, {pdf_reader.MAX_PAGES} sidor lästa "
          f"({pdf_reader.MAX_PAGES / seconds:.0f} sidor/s); anmärkning: {warnings}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=BENCH / "corpora" / "mixed")
    parser.add_argument("--files", type=int, default=40, help="filer per typ för hastighet")
    parser.add_argument("--pool", action="store_true",
                        help="bara: hela korpusen genom byggets arbetsprocesser")
    args = parser.parse_args(argv)
    if args.pool:
        pool_speeds(args.corpus)
        long_pdf()
        return 0
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))[:args.files]

    print("| PDF-bibliotek | ord | åäö | spalter (av 3) | avstavning (av 2) | sidhuvud kvar "
          "| sidor/s | licens |")
    print("|---|---|---|---|---|---|---|---|")
    for label, (function, licence, module) in PDF_LIBRARIES.items():
        if not has(module):
            print(f"| {label} | – | – | – | – | – | (inte installerat) | {licence} |")
            continue
        quality = pdf_quality(function)
        seconds, pages = timed(function, pdfs)
        print(f"| {label} | {quality['ord']:.3f} | {quality['åäö']:.3f} | {quality['spalter']}"
              f" | {quality['avstavning']} | {quality['sidhuvud']} | {pages / seconds:.0f} "
              f"| {licence} |")
    print(f"\n(hastighet: {len(pdfs)} PDF-filer, {timed(pdf_pdfium_plain, pdfs)[1]} sidor)\n")

    for fmt, libraries in OTHERS.items():
        paths = sorted((args.corpus / fmt).glob(f"*.{fmt}"))[:args.files]
        if fmt == "odt":  # the mixed corpus has no ODT: the twins, many times over
            paths = [FIXTURES / f"{name}.odt" for name in TWINS] * max(1, args.files // 3)
        print(f"| {fmt.upper()}-bibliotek | ord | åäö | sidkrom kvar | filer/s | licens |")
        print("|---|---|---|---|---|---|")
        for label, (function, licence, module) in libraries.items():
            if not has(module):
                print(f"| {label} | – | – | – | (inte installerat) | {licence} |")
                continue
            twins = [(FIXTURES / f"{name}.{fmt}", seed) for name, seed in TWINS.items()]
            words = [recall(reference_text(seed), function(path)[0]) for path, seed in twins]
            swedish = [recall(reference_text(seed), function(path)[0], True)
                       for path, seed in twins]
            chrome = "–"
            if fmt == "html":
                text = function(FIXTURES / "solna.html")[0]
                chrome = str(sum(text.count(word) for word in CHROME))
            seconds, files = timed(function, paths)
            print(f"| {label} | {sum(words) / 3:.3f} | {sum(swedish) / 3:.3f} | {chrome} "
                  f"| {files / seconds:.0f} | {licence} |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
