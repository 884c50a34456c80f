"""PDF, DOCX, ODT and HTML twins of a seed give the document its .txt gives.

The twins in tests/fixtures/formats were made from corpus/*.txt by LibreOffice
(see make_fixtures.py); the same title, headings, kommun list and — where the
format carries them — metadata must come out, and the same searches must find them.
"""

from __future__ import annotations

import shutil

import pytest
from whoosh.qparser import QueryParser

from indexer import store
from indexer.build import rebuild
from indexer.document import read_document
from indexer.formats import extract
from indexer.schema import SURFACE, unpack_document
from tests.conftest import IOP_REPORT, POLICY, SEEDS, SOLNA

FORMATS_DIR = SEEDS.parent / "tests" / "fixtures" / "formats"
TWINS = {"solna": SOLNA, "iop": IOP_REPORT, "policy": POLICY}
KINDS = ("pdf", "docx", "odt", "html")
ESF_FIELDS = ("program", "phase", "owner", "contact", "email", "phone", "esf_support",
              "total_budget", "start", "end", "region", "region_inferred")


@pytest.fixture(scope="module")
def seeds():
    return {name: read_document(SEEDS / f"{seed}.txt") for name, seed in TWINS.items()}


@pytest.mark.parametrize("fmt", KINDS)
@pytest.mark.parametrize("name", sorted(TWINS))
def test_a_twin_has_the_title_headings_and_kommuner_of_its_txt(seeds, name, fmt):
    want = seeds[name]
    got, warnings = extract(FORMATS_DIR / f"{name}.{fmt}", fmt, name, f"{name}.{fmt}")
    assert warnings == []
    assert got.title == want.title
    assert got.kind == want.kind
    assert [s.heading for s in got.sections] == [s.heading for s in want.sections]
    assert [s.type for s in got.sections] == [s.type for s in want.sections]
    assert got.kommuner == want.kommuner
    assert got.format == fmt and got.size == (FORMATS_DIR / f"{name}.{fmt}").stat().st_size


@pytest.mark.parametrize("fmt", KINDS)
def test_an_esf_twin_carries_every_metadata_value(seeds, fmt):
    want = seeds["solna"]
    got, _ = extract(FORMATS_DIR / f"solna.{fmt}", fmt, "solna", f"solna.{fmt}")
    for name in ESF_FIELDS:
        assert getattr(got, name) == getattr(want, name), name
    assert (got.doc_date, got.doc_date_source) == (want.start, "projektperiod")


@pytest.mark.parametrize("fmt", KINDS)
@pytest.mark.parametrize("name", ["iop", "policy"])
def test_a_report_twin_has_the_date_its_text_gives(seeds, name, fmt):
    got, _ = extract(FORMATS_DIR / f"{name}.{fmt}", fmt, name, f"{name}.{fmt}")
    assert (got.doc_date, got.doc_date_source) == (seeds[name].doc_date, "text")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_a_twin_has_its_lists_and_table_rows(seeds, fmt):
    want = seeds["iop"]
    got, _ = extract(FORMATS_DIR / f"iop.{fmt}", fmt, "iop", f"iop.{fmt}")
    assert got.sections[-1].table[0] == want.sections[-1].table[0]
    assert [row[0] for row in got.sections[-1].table] == [row[0] for row in
                                                          want.sections[-1].table]
    solna, _ = extract(FORMATS_DIR / f"solna.{fmt}", fmt, "solna", f"solna.{fmt}")
    partners = next(s for s in solna.sections if s.heading == "Medfinansiärer")
    assert partners.items == next(s for s in seeds["solna"].sections
                                  if s.heading == "Medfinansiärer").items


def test_file_properties_are_read(seeds):
    for fmt in ("pdf", "docx", "odt"):
        got, _ = extract(FORMATS_DIR / f"iop.{fmt}", fmt, "iop", f"iop.{fmt}")
        assert got.author == "Samordningsförbundet", fmt
    pdf, _ = extract(FORMATS_DIR / "iop.pdf", "pdf", "iop", "iop.pdf")
    assert pdf.pages == 5 and pdf.created is not None


QUERIES = ["handledare", "arbetsträningsplatser", "Sigtuna", "kooperativ", "Försäkringskassan",
           "Famna", "Botkyrka", "jämställdhet"]


@pytest.fixture(scope="module")
def twin_index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("twins")
    (corpus / "txt").mkdir()
    for name, seed in TWINS.items():
        shutil.copy(SEEDS / f"{seed}.txt", corpus / "txt" / f"{name}.txt")
    for fmt in KINDS:
        (corpus / fmt).mkdir()
        for name in TWINS:
            shutil.copy(FORMATS_DIR / f"{name}.{fmt}", corpus / fmt / f"{name}.{fmt}")
    root = tmp_path_factory.mktemp("twin-index")
    report = rebuild(corpus, root, lexicon=False)
    assert report.skipped == [] and report.indexed == 15
    return root


@pytest.mark.parametrize("query", QUERIES)
def test_every_format_finds_the_same_documents(twin_index, query):
    ix = store.open_for_reading(store.current_build(twin_index))
    with ix.searcher() as searcher:
        parsed = QueryParser(SURFACE, ix.schema).parse(query)
        hits = [searcher.stored_fields(n) for n in searcher.search(parsed, limit=None).docs()]
    by_folder: dict[str, set[str]] = {folder: set() for folder in ("txt", *KINDS)}
    for hit in hits:
        folder, _, name = hit["source"]["path"].partition("/")
        by_folder[folder].add(name.rsplit(".", 1)[0])
    assert by_folder["txt"], query
    for fmt in KINDS:
        assert by_folder[fmt] == by_folder["txt"], (query, fmt)


def test_folders_are_collections_and_dates_sort(twin_index):
    ix = store.open_for_reading(store.current_build(twin_index))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        collections = {t.decode() if isinstance(t, bytes) else t
                       for t in reader.lexicon("collection")}
        years = {t.decode() if isinstance(t, bytes) else t for t in reader.lexicon("year")}
        days = {}
        for docnum, fields in reader.iter_docs():
            days[fields["id"]] = reader.column_reader("start_day")[docnum]
        iop_pdf = next(unpack_document(f["doc"]) for f in searcher.all_stored_fields()
                       if f["id"] == "pdf--iop.pdf")
    assert collections == {"txt", "pdf", "docx", "odt", "html"}
    assert {"2008", "2010", "2022"} <= years
    assert days["pdf--iop.pdf"] == days["txt--iop"] > days["txt--solna"]
    assert iop_pdf["content_type"] == "application/pdf"
    assert iop_pdf["source"] == "pdf/iop.pdf" and iop_pdf["collection"] == "pdf"
    assert iop_pdf["doc_date"] == "2022-01-01" and iop_pdf["doc_date_source"] == "text"
