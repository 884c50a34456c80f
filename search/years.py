"""Years in a query: ``2015``, ``2014–2020`` and ``2014..2020``.

A user who types a year wants the projects that ran that year, not only the texts that
happen to print it: a project page names its years once, in the period, which is
metadata. So a year (or a range of years) in the query matches the literal text *and*
every document whose period or document date covers it (``indexer.schema.YEARS``), and
the result says so in Swedish.

The parser would read ``2014 – 2020`` as three words and ``-2020`` as NOT 2020, so a
range is joined into one word (``2014-2020``) before parsing, whatever dash or dots it
was written with.
"""

from __future__ import annotations

import re

YEAR = r"(?:19[5-9]\d|20\d\d)"
# A range as typed: hyphen, en or em dash, or two dots, with or without spaces. Not part
# of a date (2014-03-01), a law reference (2001:453) or a longer number.
_RANGE = re.compile(rf"(?<![\w.:/-])({YEAR})\s*(?:-|–|—|\.\.)\s*({YEAR})(?![\w.:/-])")
_WORD = re.compile(rf"({YEAR})(?:-({YEAR}))?")

#: Longest range searched by period (years); longer ones are cut, with a message.
MAX_RANGE = 60


def join_ranges(text: str) -> str:
    """Write every year range of a query as one word the parser keeps whole.

    >>> join_ranges("handledare 2014 – 2020 och 2008..2009")
    'handledare 2014-2020 och 2008-2009'
    >>> join_ranges("2014-03-01 och SFS 2001:453")
    '2014-03-01 och SFS 2001:453'
    """
    return _RANGE.sub(lambda m: f"{m.group(1)}-{m.group(2)}", text)


def year_span(word: str) -> tuple[int, int] | None:
    """(first, last) year of a query word that is a year or a joined range, else None.

    >>> year_span("2015"), year_span("2020-2014"), year_span("2015x"), year_span("1700")
    ((2015, 2015), (2014, 2020), None, None)
    """
    match = _WORD.fullmatch(word)
    if match is None:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return min(first, last), max(first, last)


def capped(span: tuple[int, int]) -> tuple[tuple[int, int], bool]:
    """The span cut to :data:`MAX_RANGE` years, and whether it was cut."""
    first, last = span
    if last - first + 1 <= MAX_RANGE:
        return span, False
    return (first, first + MAX_RANGE - 1), True


def explanation(span: tuple[int, int]) -> str:
    """The message that tells the user what a year in the query also matched.

    >>> explanation((2015, 2015))
    '2015 – även projekt som pågick 2015'
    >>> explanation((2014, 2020))
    '2014–2020 – även projekt som pågick någon gång 2014–2020'
    """
    first, last = span
    if first == last:
        return f"{first} – även projekt som pågick {first}"
    return f"{first}–{last} – även projekt som pågick någon gång {first}–{last}"
