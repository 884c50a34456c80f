"""The document date: when a text is from, read from the words it uses for that.

"Nyaste" and the year facet need one date per document. ESF pages have their
project period; reports and policies say it in their own words, in Swedish:
``2022-10-19``, ``19 oktober 2022``, ``I april 2010``, ``Aktiviteter under 2022``.
Where a date is looked for, in order (the first hit wins):

1. the title (``Verksamhetsberättelse 2021``);
2. a full date near the top (a decision or report date on the first page);
3. a heading (``Aktiviteter under 2022``);
4. the body: the first full date or month and year (``I april 2010``), else the
   first year after ``under``/``år``/``verksamhetsåret``.

A bare year in running text ("sedan 2017") is too often history to count. Only
years 1950–2099 are dates.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_YEAR = r"(19[5-9]\d|20\d\d)"
_MONTH = "(" + "|".join(MONTHS) + ")"
_ISO = re.compile(r"(?<!\d)" + _YEAR + r"-(\d{2})-(\d{2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})\s+" + _MONTH + r"\s+" + _YEAR + r"(?!\d)",
                             re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r"\s+" + _YEAR + r"(?!\d)", re.IGNORECASE)
_YEAR_PHRASE = re.compile(
    r"\b(?:under|år|året|verksamhetsåret|budgetåret|läsåret)\s+" + _YEAR + r"(?!\d)",
    re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\d-])" + _YEAR + r"(?![\d-])")

# How far into the body a full date still counts as the document's own date.
TOP_CHARS = 1500


def _full_date(text: str) -> tuple[date, str] | None:
    hits = []
    for match in _ISO.finditer(text):
        try:
            hits.append((match.start(), date(*map(int, match.groups())), match.group(0)))
        except ValueError:
            continue
    for match in _DAY_MONTH_YEAR.finditer(text):
        day, month, year = match.groups()
        try:
            hits.append((match.start(), date(int(year), MONTHS[month.lower()], int(day)),
                         match.group(0)))
        except ValueError:
            continue
    if not hits:
        return None
    _, found, words = min(hits, key=lambda hit: hit[0])
    return found, words


def _month_year(text: str) -> tuple[int, date, str] | None:
    match = _MONTH_YEAR.search(text)
    if match is None:
        return None
    month, year = match.groups()
    return match.start(), date(int(year), MONTHS[month.lower()], 1), match.group(0)


def _year_phrase(text: str, bare: bool) -> tuple[int, date, str] | None:
    match = (_BARE_YEAR if bare else _YEAR_PHRASE).search(text)
    if match is None:
        return None
    return match.start(), date(int(match.group(1)), 1, 1), match.group(0)


def _any_date(text: str, bare_years: bool) -> tuple[date, str] | None:
    """The earliest date of any precision in ``text``."""
    full = _full_date(text)
    candidates = []
    if full:
        candidates.append((text.find(full[1]), full[0], full[1]))
    for hit in (_month_year(text), _year_phrase(text, bare_years)):
        if hit:
            candidates.append(hit)
    if not candidates:
        return None
    _, found, words = min(candidates, key=lambda c: c[0])
    return found, words


def text_date(title: str, headings: list[str], body: str) -> tuple[date, str] | None:
    """(date, the words it was read from), or None.

    >>> text_date("Verksamhetsberättelse 2021", [], "")
    (datetime.date(2021, 1, 1), '2021')
    >>> text_date("Rapport", ["Bakgrund", "Aktiviteter under 2022"], "Sedan hösten 2017 ...")
    (datetime.date(2022, 1, 1), '2022')
    >>> text_date("Policy", ["Regeringen"], "I april 2010 beslutade regeringen ... 2014")
    (datetime.date(2010, 4, 1), 'april 2010')
    >>> text_date("Beslut", [], "Kommunstyrelsen 2022-10-19, § 12")
    (datetime.date(2022, 10, 19), '2022-10-19')
    >>> text_date("Policy", [], "Sedan 2017 finns ett nätverk.") is None
    True
    """
    in_title = _any_date(title, bare_years=True)
    top = _full_date(body[:TOP_CHARS])
    if in_title:
        # "Rapport 2019" … "Beslutad 2019-10-19": the exact day of the title's year.
        return top if top and top[0].year == in_title[0].year else in_title
    if top:
        return top
    for heading in headings:
        found = _any_date(heading, bare_years=True)
        if found:
            return found
    return _any_date(body, bare_years=False)
