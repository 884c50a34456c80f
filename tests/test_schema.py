"""The schema contract: what each field of a document gets (indexer.schema)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from indexer.analysis import HEADING_END, HEADING_START, surface_words
from indexer.document import Document, Section, parse_document
from indexer.metadata import parse_program
from indexer.schema import (
    BAND_FIELDS,
    BODY,
    PLACE_TEXT,
    PROGRAM_TEXT,
    SECTION_FIELDS,
    SURFACE,
    YEARS,
    analysed_text,
    band_field,
    build_schema,
    document_fields,
    logical_fields,
    logical_schema,
    period_years,
)

PAGE = """Logotyp på utskrifter

Vägen vidare i Mölndal

ProgramområdeProgramområde 2 Ökat arbetskraftsutbud
ProjektfasGenomförande
ProjektägareMölndals stad, Arbetsmarknadsförvaltningen
KontaktpersonKarin Lundqvist
Projektperiod2015-02-01 till 2017-01-31
RegionVästsverige
In English

Sammanfattning

Deltagarna prövar på arbete i ett café.

Medfinansiärer

 • Region Halland

Kommun

 • Mölndal
"""


def fields_of(text: str) -> dict:
    return logical_fields(parse_document(text, "t02"), "sha")


def test_the_index_keeps_every_logical_text_field_as_a_band_of_the_body():
    fields = document_fields(parse_document(PAGE, "t02"), "sha")
    assert not set(BAND_FIELDS) & set(fields) and not set(BAND_FIELDS) & set(
        build_schema().names())
    analyzer = build_schema()[BODY].analyzer
    where: dict[str, set] = {}
    for token in analyzer(fields[BODY], positions=True):
        where.setdefault(token.text, set()).add(band_field(token.pos))
    assert where["halland"] == {SECTION_FIELDS["aktorer"]}
    assert where["café"] == {SECTION_FIELDS["sammanfattning"]}
    assert where["arbetskraftsutbud"] == {PROGRAM_TEXT}
    assert where["mölndal"] >= {PLACE_TEXT, SECTION_FIELDS["kommun"]}
    assert set(BAND_FIELDS) <= set(logical_schema().names())


def test_a_section_word_weighs_its_section_boost():
    fields = document_fields(parse_document(PAGE, "t02"), "sha")
    analyzer = build_schema()[BODY].analyzer
    boosts = {t.text: t.boost for t in analyzer(fields[BODY], positions=True)}
    assert boosts["café"] == 2.5 and boosts["halland"] == 0.4
    assert boosts["medfinansiär"] == 0.8  # a heading word: twice its section's weight


def test_a_heading_is_marked_text_of_its_own_section_field():
    fields = fields_of(PAGE)
    assert fields[SECTION_FIELDS["aktorer"]] == f"{HEADING_START}Medfinansiärer{HEADING_END}" \
        "Region Halland"
    assert "Medfinansiärer" in fields[SURFACE]


def test_the_made_up_intro_heading_is_not_indexed():
    fields = fields_of("Rapport om året\n\nDet första stycket.\n\nLärdomar\n\nMer text här.")
    assert fields[SECTION_FIELDS["ovrigt"]].startswith("Det första stycket.")
    assert "Inledning" not in fields[SURFACE]


def test_metadata_text_has_fields_of_its_own_and_facets_stay_exact():
    fields = fields_of(PAGE)
    assert fields[PROGRAM_TEXT] == "2 Ökat arbetskraftsutbud"
    assert fields[PLACE_TEXT] == "Västsverige\nMölndal"
    assert "arbetskraftsutbud" not in fields["meta"]
    assert fields["program"] == "2 Ökat arbetskraftsutbud"
    assert fields["owner"] == "Mölndals stad, Arbetsmarknadsförvaltningen"
    assert {PROGRAM_TEXT, PLACE_TEXT, YEARS} <= set(logical_schema().names())


def test_every_year_of_the_period_is_indexed():
    assert fields_of(PAGE)[YEARS] == "2015,2016,2017"


def test_period_years_fall_back_to_the_document_date_and_are_capped():
    plain = Document(id="d", source="", kind="report", title="t")
    assert period_years(plain) == []
    assert period_years(replace(plain, doc_date=date(2021, 5, 1))) == ["2021"]
    assert period_years(replace(plain, start=date(2019, 1, 1))) == ["2019"]
    long_period = replace(plain, start=date(2000, 1, 1), end=date(2080, 1, 1))
    assert len(period_years(long_period)) == 31


def test_the_lexicon_gets_the_words_of_metadata_and_headings():
    document = Document(
        id="d", source="", kind="esf_project", title="Titel",
        owner="Socialförvaltningen",
        program=parse_program("Programområde 2 Ökat arbetskraftsutbud"),
        region="Västsverige", kommuner=("Härryda",),
        sections=(Section("Medfinansiärer", "Region Halland", "aktorer"),))
    words = set(surface_words(analysed_text(document)))
    assert {"socialförvaltningen", "arbetskraftsutbud", "västsverige", "härryda",
            "medfinansiärer", "halland"} <= words
