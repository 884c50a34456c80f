"""The parse of every seed is pinned: title, every metadata value, headings, kommuner."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.document import KIND_ESF, KIND_OTHER, KIND_REPORT, parse_document, read_document
from tests.conftest import FYRBODAL, IOP_REPORT, JONKOPING, POLICY, SEEDS, SOLNA

ESF_SECTIONS = ["Sammanfattning", "Bakgrund", "Syfte", "Målsättning",
                "Tillgänglighet för personer med funktionsnedsättning"]

EXPECTED = {
    SOLNA: dict(
        kind=KIND_ESF,
        title="Sociala arbetskooperativ skapar arbete genom nya affärsidéer i samverkan",
        program_number=2, program_name="Ökat arbetskraftsutbud", phase="Förprojektering",
        owner="Solna Stad, Social psykiatrienheten", contact="Majlis Karlsen",
        email="majlis@karlsen.se", phone=None, esf_support=248750, total_budget=497504,
        start=date(2008, 8, 4), end=date(2009, 1, 3), region="Stockholm",
        headings=ESF_SECTIONS + ["Medfinansiärer", "Samarbetspartners", "Kommun"],
        n_kommuner=26,
    ),
    FYRBODAL: dict(
        kind=KIND_ESF, title="Pilotutbildning för handledare i sociala arbetskooperativ",
        program_number=1, program_name="Kompetensförsörjning", phase="Genomförande",
        owner="Coompanion Fyrbodal", contact="Ann Uggla Flodin",
        email="ann.uggla.flodin@coompanion.se", phone="0520-167 60", esf_support=0,
        total_budget=0, start=date(2008, 7, 1), end=date(2008, 12, 31), region="Västsverige",
        headings=ESF_SECTIONS + ["Jämställdhetsintegrering", "Samarbetspartners", "Kommun"],
        n_kommuner=43,
    ),
    JONKOPING: dict(
        kind=KIND_ESF, title="Social ekonomi för ökad välfärd", program_number=1,
        program_name="Kompetensförsörjning", phase="Genomförande",
        owner="Coompanion i Jönköpings län", contact="Margareta Andersson",
        email="margareta.andersson@coompanion.se", phone="0381-15964",
        esf_support=6113800, total_budget=6113800, start=date(2009, 4, 1),
        end=date(2010, 12, 31), region="Småland och Öarna",
        headings=ESF_SECTIONS + ["Jämställdhetsintegrering", "Deltagande aktörer", "Kommun"],
        n_kommuner=28,
    ),
}


@pytest.fixture(scope="module")
def seeds():
    return {path.stem: read_document(path) for path in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_esf_seed_metadata_is_parsed_exactly(seeds, doc_id):
    doc, want = seeds[doc_id], EXPECTED[doc_id]
    assert doc.kind == want["kind"]
    assert doc.title == want["title"]
    assert doc.program.number == want["program_number"]
    assert doc.program.name == want["program_name"]
    for name in ("phase", "owner", "contact", "email", "phone", "esf_support",
                 "total_budget", "start", "end", "region"):
        assert getattr(doc, name) == want[name], name
    assert [s.heading for s in doc.sections] == want["headings"]
    assert len(doc.kommuner) == want["n_kommuner"]


def test_kommun_lists_are_canonical(seeds):
    solna = seeds[SOLNA].kommuner
    assert solna[:3] == ("Botkyrka", "Danderyd", "Ekerö")
    assert "Upplands Väsby" in solna and "Upplands-Väsby" not in solna
    assert "Upplands-Bro" in solna
    fyrbodal = seeds[FYRBODAL].kommuner
    assert "Lilla Edet" in fyrbodal and "Mark" in fyrbodal and "Marks" not in fyrbodal
    assert fyrbodal[-1] == "Åmål"
    assert seeds[JONKOPING].kommuner[-3:] == ("Värnamo", "Västervik", "Växjö")


def test_bullet_lists_are_kept_as_lists(seeds):
    partners = next(s for s in seeds[SOLNA].sections if s.heading == "Medfinansiärer")
    assert partners.items[0] == "Coompanion Kooperativ Utveckling Stockholms län"
    assert len(partners.items) == 7
    assert "•" not in partners.text


def test_page_furniture_is_removed(seeds):
    for doc in seeds.values():
        text = doc.title + doc.text
        for furniture in ("Logotyp på utskrifter", "In English", "Stäng\n", "Webbinarium",
                          "covid-19", "Mer information och anmälan"):
            assert furniture not in text, (doc.id, furniture)


def test_report_gets_sections_from_its_own_headings(seeds):
    report = seeds[IOP_REPORT]
    assert report.kind == KIND_REPORT
    assert report.title.startswith("Rapport av Idéburet och Offentligt Partnerskap (IoP)")
    assert [s.heading for s in report.sections] == [
        "Bakgrund", "Organisation", "Aktiviteter under 2022", "Framtida utvecklingsområden",
        "Ökad samordning och kundanpassning", "Kvalitetssäkring", "Fler ASF",
        "Breddad verksamhet", "Ökad förankring", "Avslutning",
        "Arbetsintegrerande sociala företag i Sollentuna, Upplands Väsby och Sigtuna 2021",
    ]


def test_report_table_html_is_reduced_to_text_and_rows(seeds):
    table_section = seeds[IOP_REPORT].sections[-1]
    assert table_section.table[0] == ("Kommun", "Organisation", "Start år",
                                      "Avtal för arbetsträningsplatser")
    assert len(table_section.table) == 9
    for tag in ("<ul", "<li", "<i>", "</i>", "style="):
        assert tag not in table_section.text
    assert "AF om arbetsträningsplatser" in table_section.text.split("\n")
    assert "M29 Socialt företagscenter (En del av M29 Gruppen)" in table_section.text
    assert "AF – Arbetsförmedlingen" in table_section.text


def test_report_kommuner_and_region_come_from_its_table(seeds):
    report = seeds[IOP_REPORT]
    assert report.kommuner == ("Sigtuna", "Upplands Väsby", "Sollentuna")
    assert report.region == "Stockholm" and report.region_inferred


def test_policy_text_headings_skip_sentences_and_broken_paragraphs(seeds):
    policy = seeds[POLICY]
    assert policy.kind == KIND_OTHER
    headings = [s.heading for s in policy.sections]
    assert headings[:3] == ["Kommunen ska främja arbetsintegrerande sociala företag",
                            "Regeringen", "Sveriges Kommuner och Landsting (SKL)"]
    assert "Därför anser SKL att:" not in headings
    assert not any(h.startswith("lösningar") or h.endswith("arbetsformer och")
                   for h in headings)
    assert headings[-1] == "Kugghjulet-Famna"
    assert policy.region is None and policy.kommuner == ()


@pytest.mark.parametrize("line, field, value", [
    ("ProjektfasFörprojektering", "phase", "Förprojektering"),
    ("ProjektägareRegion Skåne", "owner", "Region Skåne"),
    ("RegionÖvre Norrland", "region", "Övre Norrland"),
    ("Telefonnummersaknas", "phone", None),
    ("E-postsaknas", "email", None),
    ("Beviljat ESF-stöd1\u00a0000\u00a0000 kr", "esf_support", 1000000),
])
def test_quirky_label_lines(line, field, value):
    text = (f"Titel\n\nProgramområdeProgramområde 3 Test\nKontaktpersonA B\n{line}\n"
            "Projektperiod2010-01-01 till 2011-01-01\nIn English\n\nSammanfattning\n\nText.\n")
    doc = parse_document(text, "x")
    assert getattr(doc, field) == value


def test_missing_region_is_inferred_from_kommun_list():
    text = ("Titel\n\nProjektfasGenomförande\nProjektägareX\nProjektperiod2010-01-01 till "
            "2011-01-01\n\nSammanfattning\n\nText.\n\nKommun\n\n • Solna\n • Sigtuna\n")
    doc = parse_document(text, "x")
    assert doc.region == "Stockholm" and doc.region_inferred


def test_plain_text_keeps_its_literal_markup_like_text():
    text = ("Rapport om tecken\n\nKodning\n\nSkriv &lt;redan-kodad&gt; och <b>fet</b> som text.\n"
            "Värdet a<b och b>c står kvar.\n")
    doc = parse_document(text, "x")
    body = doc.sections[0].text
    assert "&lt;redan-kodad&gt;" in body
    assert "<b>fet</b>" in body and "a<b och b>c" in body


def test_html_in_a_table_cell_is_still_reduced_to_text():
    text = "Rapport\n\nTabell\n\nKommun\tNamn\tStart\nSolna\tM29 <i>(del av M29)</i>\t2015\n"
    row = parse_document(text, "x").sections[0].table[1]
    assert row == ("Solna", "M29 (del av M29)", "2015")


def test_a_file_with_labels_only_is_titled_by_its_file_name():
    text = ("ProjektfasGenomförande\nProjektägareCoompanion\nRegionStockholm\n"
            "Projektperiod2020-01-01 till 2020-12-31\n")
    doc = parse_document(text, "2021--projekt_utan_rubrik", "2021/projekt_utan_rubrik.txt")
    assert doc.kind == KIND_ESF and doc.owner == "Coompanion"
    assert doc.title == "projekt_utan_rubrik"
