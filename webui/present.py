"""Jinja filters: how values look on a page. The data comes from ``SearchResult``."""

from __future__ import annotations

import re

from indexer.schema import KIND_LABELS, MISSING_LABEL
from search.summary import shorten
from webui.charts import chart


def format_kronor(amount: int | None) -> str:
    """``6113800`` → ``6 113 800 kr`` with no-break spaces; 0 or nothing is not stated.

    >>> format_kronor(248750)
    '248\\xa0750\\xa0kr'
    >>> format_kronor(0)
    'Uppgift saknas'
    """
    if not amount:
        return MISSING_LABEL
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def format_mnkr(amount: int | None) -> str:
    """A sum in millions as Swedes write it: ``12,3 mnkr``; small sums in kronor.

    >>> format_mnkr(12_345_678), format_mnkr(850_000), format_mnkr(None)
    ('12,3\xa0mnkr', '850\xa0000\xa0kr', 'Uppgift saknas')
    """
    if not amount:
        return MISSING_LABEL
    if amount < 1_000_000:
        return format_kronor(amount)
    return f"{amount / 1_000_000:.1f}".replace(".", ",") + "\u00a0mnkr"


def plural(count: int, one: str, many: str) -> str:
    """``1 träff``, ``3 träffar``.

    >>> plural(1, "träff", "träffar"), plural(0, "träff", "träffar")
    ('1 träff', '0 träffar')
    """
    return f"{count} {one if count == 1 else many}"


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    """Text that XML 1.0 can carry: control characters (a form feed from a PDF) out.
    Escaping is the template's; this only removes what no escaping can express.

    >>> xml_text("Rapport\\x0c 2022")
    'Rapport 2022'
    """
    return _NOT_XML.sub("", str(value))


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def synonym_form(form: str) -> str:
    """A synonym as users write it: abbreviations in capitals.

    >>> synonym_form("asf"), synonym_form("arbetsförmedlingen")
    ('ASF', 'arbetsförmedlingen')
    """
    return form.upper() if len(form) <= 4 and form.isalpha() else form


def register(app) -> None:
    app.jinja_env.filters["kronor"] = format_kronor
    app.jinja_env.filters["kind_label"] = kind_label
    app.jinja_env.filters["synonym_form"] = synonym_form
    app.jinja_env.filters["shorten"] = shorten
    app.jinja_env.filters["mnkr"] = format_mnkr
    app.jinja_env.filters["chart"] = chart
    app.jinja_env.filters["xml_text"] = xml_text
    app.jinja_env.globals["plural"] = plural
