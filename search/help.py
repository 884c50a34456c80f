"""What the search-help page (``/hjalp``) says, derived from the contract itself.

The searchable sections come from the schema's field aliases and the document
parser's heading table, the synonyms from the editable list, the filters from
``FACETS`` and ``RANGES``: a field, heading, synonym or facet added there shows up
on the help page without anyone remembering to write it down.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer import schema
from indexer.document import ESF_HEADINGS
from indexer.schema import FACETS, META_TEXT, QUERY_FIELD_ALIASES, SECTION_FIELDS, TITLE
from search.ranges import RANGES
from search.synonyms import synonym_groups

# One line per facet for the help page; tests/test_help.py checks that every facet
# (and every range filter) has one.
FILTER_HELP = {
    "region": "ESF-regionen (NUTS 2-område) som projektet hör till. Saknas regionen "
              "härleds den från kommunerna när alla ligger i samma region.",
    "phase": "Var projektet befinner sig: förprojektering, analys och planering, "
             "genomförande eller avslutat.",
    "owner": "Organisationen som driver projektet (projektägaren).",
    "program": "ESF-programmets programområde som projektet beviljades inom.",
    "kommun": "Kommuner som projektet verkar i, grupperade per län. Skriv i rutan för att "
              "hitta en kommun; versaler, bindestreck och å/ä/ö spelar ingen roll.",
    "year": "Året då projektet startade, eller dokumentets datum för rapporter och "
            "policytexter.",
    "kind": "ESF-projektbeskrivning, rapport eller övrig text.",
    "collection": "Mappen i korpusen som dokumentet kommer från.",
    "period": "Projekt som pågick någon gång under åren: ett projekt 2008–2009 räknas "
              "både för 2008 och 2009. Rapporter och policytexter räknas med sitt datum. "
              "ESF:s programperioder finns som färdiga val.",
    "budget": "Projektets totala budget i kronor. 0 kr betyder att uppgift saknas och "
              "räknas inte som ett belopp.",
    "esf_support": "Beviljat stöd från Europeiska socialfonden i kronor; 0 kr betyder att "
                   "uppgift saknas.",
}

# (query, what it shows): each is a link to a live search on the help page.
EXAMPLES = (
    ("handledare kooperativ", "Alla orden måste finnas (i valfri böjning)."),
    ('"sociala arbetskooperativ"', "En fras: orden i just den ordningen."),
    ("handledare OR kalmar", "Minst ett av orden (OR eller ELLER)."),
    ("kooperativ -solna", "Uteslut ett ord med minus (eller NOT/INTE)."),
    ("arbets*", "Ord som börjar så (minst tre bokstäver)."),
    ("syfte:förprojekteringen", "Sök bara i ett avsnitt, här Syfte."),
    ("titel:handledare", "Sök bara i titeln."),
    ("ASF", "Förkortningar och synonymer söks också ut (se listan nedan)."),
)


# The searchable fields that are not document sections, in words.
_NOT_SECTIONS = {
    TITLE: "Titeln",
    META_TEXT: "Projektägare, kontaktperson, e-post, telefon, fas och belopp",
    getattr(schema, "PROGRAM_TEXT", "program_text"): "Programområdets namn",
    getattr(schema, "PLACE_TEXT", "place_text"): "Region och kommunnamn",
}


@dataclass(frozen=True)
class SearchableField:
    name: str                   # what to write before the colon
    aliases: tuple[str, ...]    # other names for the same field
    headings: tuple[str, ...]   # document headings whose text it searches


def searchable_fields() -> list[SearchableField]:
    """Every ``fält:`` a user can write, with its other names and the headings it covers.

    >>> fields = {f.name: f for f in searchable_fields()}
    >>> fields["syfte"].headings
    ('Syfte',)
    >>> "mål" in fields["målsättning"].aliases
    True
    """
    by_field: dict[str, list[str]] = {}
    for alias, target in QUERY_FIELD_ALIASES.items():
        by_field.setdefault(target, []).append(alias)
    headings: dict[str, list[str]] = {name: [text] for name, text in _NOT_SECTIONS.items()}
    for heading, section_type in ESF_HEADINGS.items():
        headings.setdefault(SECTION_FIELDS[section_type], []).append(heading)
    return [SearchableField(names[0], tuple(names[1:]), tuple(headings.get(target, ())))
            for target, names in by_field.items()]


def synonym_list() -> list[tuple[str, ...]]:
    """The synonym groups as listed in ``indexer/data/synonyms.txt``."""
    return list(synonym_groups())


def filter_help() -> list[tuple[str, str]]:
    """(Swedish title, explanation) of every facet and range filter, page order."""
    out = [(title, FILTER_HELP.get(name, "")) for name, (_, title) in FACETS.items()]
    out += [(spec.title, FILTER_HELP.get(name, "")) for name, spec in RANGES.items()]
    return out
