"""Jinja filters: how values look on a page. The data comes from ``SearchResult``."""

from __future__ import annotations

from indexer.schema import KIND_LABELS, MISSING_LABEL


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
