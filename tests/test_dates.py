"""The document date, read from Swedish text: every pattern a one-line case."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.dates import text_date
from indexer.document import read_document
from tests.conftest import IOP_REPORT, POLICY, SEEDS, SOLNA


@pytest.mark.parametrize("title, headings, body, expected", [
    ("Verksamhetsberättelse 2021", [], "Text från 2019-01-01.", date(2021, 1, 1)),
    ("Rapport 2019", [], "Beslutad 2019-10-19.", date(2019, 10, 19)),
    ("Rapport", [], "Beslutad av kommunstyrelsen 2022-10-19.", date(2022, 10, 19)),
    ("Rapport", [], "Stockholm den 3 mars 2020", date(2020, 3, 3)),
    ("Policy", [], "I april 2010 beslutade regeringen", date(2010, 4, 1)),
    ("Rapport", ["Bakgrund", "Aktiviteter under 2022"], "Sedan hösten 2017", date(2022, 1, 1)),
    ("Plan", [], "Insatser under 2023 och framåt.", date(2023, 1, 1)),
    ("Plan", [], "Verksamhetsåret 2019 var bra.", date(2019, 1, 1)),
    ("Plan", [], "Sedan 2017 finns ett nätverk.", None),           # history, not a date
    ("Plan", [], "Telefon 0520-16760, dnr 2022-123", None),        # numbers, not dates
    ("Plan", [], "Datum 2022-13-45", None),                        # not a real date
    ("Plan", [], "år 1850 grundades", None),                       # outside 1950–2099
])
def test_text_dates(title, headings, body, expected):
    found = text_date(title, headings, body)
    assert (found[0] if found else None) == expected


def test_seeds_get_their_dates_and_sources():
    solna = read_document(SEEDS / f"{SOLNA}.txt")
    assert (solna.doc_date, solna.doc_date_source) == (solna.start, "projektperiod")
    iop = read_document(SEEDS / f"{IOP_REPORT}.txt")
    assert (iop.doc_date, iop.doc_date_source) == (date(2022, 1, 1), "text")
    policy = read_document(SEEDS / f"{POLICY}.txt")
    assert (policy.doc_date, policy.doc_date_text) == (date(2010, 4, 1), "april 2010")
