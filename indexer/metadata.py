"""The ESF project-page label table and the normalisers for its values.

Projektbanken print-outs glue each label to its value with no separator
(``ProjektfasFörprojektering``), so a line is recognised by the label it *starts*
with; the rest of the line is the value, even when the value itself starts with a
label word (``ProgramområdeProgramområde 2 …``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Order matters only for display; matching tries longer labels first so that a
# label that is a prefix of another can never steal its line.
LABELS: dict[str, str] = {
    "Programområde": "program",
    "Projektfas": "phase",
    "Projektägare": "owner",
    "Kontaktperson": "contact",
    "E-post": "email",
    "Telefonnummer": "phone",
    "Beviljat ESF-stöd": "esf_support",
    "Total projektbudget": "total_budget",
    "Projektperiod": "period",
    "Region": "region",
}
_LABELS_LONGEST_FIRST = sorted(LABELS, key=len, reverse=True)

MISSING_WORDS = {"saknas", "uppgift saknas", "-", "–", ""}


@dataclass(frozen=True)
class ProgramArea:
    number: int | None
    name: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}" if self.number is not None else self.name


def split_label(line: str) -> tuple[str, str] | None:
    """Split a glued ``LabelValue`` line into (field, raw value).

    >>> split_label("ProjektfasFörprojektering")
    ('phase', 'Förprojektering')
    >>> split_label("Beviljat ESF-stöd248 750 kr")
    ('esf_support', '248 750 kr')
    >>> split_label("Regionen har beslutat") is None
    True
    """
    stripped = line.strip()
    for label in _LABELS_LONGEST_FIRST:
        if stripped.startswith(label):
            value = stripped[len(label):].strip()
            # "Regionen …" is prose, not the Region label: a glued value starts with
            # an upper-case letter, a digit, "saknas" or (for e-mail) anything at all.
            glued_word = value and value[0].islower() and stripped[len(label)] not in " \t"
            if glued_word and LABELS[label] != "email" and not value.startswith("saknas"):
                continue
            return LABELS[label], value
    return None


def clean_text_value(value: str) -> str | None:
    """Trim a text value; the page's placeholder ``saknas`` means no value.

    >>> clean_text_value(" saknas ") is None
    True
    >>> clean_text_value("Coompanion Fyrbodal")
    'Coompanion Fyrbodal'
    """
    value = " ".join(value.split())
    return None if value.lower() in MISSING_WORDS else value


def parse_kronor(value: str) -> int | None:
    """Amounts are printed with (no-break) spaces as thousands separators.

    >>> parse_kronor("248 750 kr")
    248750
    >>> parse_kronor("6\\u00a0113\\u00a0800 kr")
    6113800
    >>> parse_kronor("0 kr")
    0
    >>> parse_kronor("saknas") is None
    True
    """
    digits = re.sub(r"[\s\u00a0\u202f]", "", value.lower().removesuffix("kr").strip())
    digits = digits.replace(":-", "").rstrip(".,")
    if not digits or not digits.isdigit():
        return None
    return int(digits)


_DATE = r"(\d{4})-(\d{2})-(\d{2})"


def parse_period(value: str) -> tuple[date | None, date | None]:
    """``2008-08-04 till 2009-01-03`` → two dates; anything unreadable → None.

    >>> parse_period("2008-08-04 till 2009-01-03")
    (datetime.date(2008, 8, 4), datetime.date(2009, 1, 3))
    >>> parse_period("saknas")
    (None, None)
    """
    found = []
    for match in re.finditer(_DATE, value):
        try:
            found.append(date(*map(int, match.groups())))
        except ValueError:
            found.append(None)
    start = found[0] if found else None
    end = found[1] if len(found) > 1 else None
    return start, end


def parse_program(value: str) -> ProgramArea | None:
    """``Programområde 2 Ökat arbetskraftsutbud`` → number 2 and its name.

    >>> parse_program("Programområde 2 Ökat arbetskraftsutbud")
    ProgramArea(number=2, name='Ökat arbetskraftsutbud')
    >>> parse_program("Kompetensförsörjning")
    ProgramArea(number=None, name='Kompetensförsörjning')
    """
    text = clean_text_value(value)
    if text is None:
        return None
    match = re.match(r"(?:Programområde\s*)?(\d+)\s*[:.\-–]?\s*(.*)$", text)
    if match:
        return ProgramArea(int(match.group(1)), match.group(2).strip())
    return ProgramArea(None, text)
