"""The Whoosh schema: the contract between the indexer and the web UI.

Nothing else knows field names by heart. A document has *logical* text fields: the
title, metadata text, programme, places and one per section type (``syfte:hälsa``
names one; the OpenSearch export maps them one to one, see :func:`logical_schema`).
The Whoosh index stores them in two stemmed fields: the title, and one ``body`` in
which every other logical field is a band of positions (``indexer.analysis.banded``)
whose words weigh the field's boost. Why one body instead of a field per section: a
word used in three sections was three postings and every query word was looked up
in twelve fields; one body field halves the stemmed postings and makes a query word
two lookups (issue 12). A field query reads the positions to keep its band.

Beside them: one surface all-text field, facet fields indexed as single terms (facet
counts come from their postings as bitsets, see ``search.facets``), numeric sort
columns, and the whole parsed document stored as JSON so a hit or a document page
renders without re-reading the corpus.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import band_of, banded, headed, surface_analyzer, swedish_analyzer
from indexer.document import INTRO_HEADING, SECTION_TYPES, Document

TITLE = "title"
BODY = "body"  # the Whoosh field holding every logical text field but the title
SURFACE = "text"
META_TEXT = "meta"  # owner, contact, author, e-mail, phone, phase, amounts
PROGRAM_TEXT = "program_text"  # the programme area's name
PLACE_TEXT = "place_text"  # region and kommun names
YEARS = "years"  # every year a project ran (or the document's year), for year queries
SECTION_FIELDS = {kind: f"text_{kind}" for kind in SECTION_TYPES}

# Query-time boosts (BM25F weights per field). Why these numbers:
# * the title names what a project is about: a word there is the strongest signal;
# * Sammanfattning and Syfte are the author's own one-paragraph statement of the
#   project, so a hit there says "this project is about X", unlike a passing mention
#   in a long Bakgrund;
# * Målsättning is nearly as focused; owner/contact/program names (meta) are short
#   and specific;
# * participant and municipality lists name things in passing, one word per line:
#   a hit there should never beat a hit in the prose sections;
# * the programme area's name and the region/kommun names say where a project belongs,
#   not what it does: thousands of projects share "Ökat arbetskraftsutbud" or
#   "Västsverige", so a word there weighs half a word of prose.
# A section's heading is indexed in the section's own field, its words weighing
# ``indexer.analysis.HEADING_BOOST`` (why there).
SECTION_BOOSTS = {
    "sammanfattning": 2.5,
    "syfte": 2.5,
    "malsattning": 1.8,
    "bakgrund": 1.0,
    "tillganglighet": 1.0,
    "jamstalldhet": 1.0,
    "ovrigt": 1.0,
    "aktorer": 0.4,
    "kommun": 0.4,
}
# The same weights choose which sections a hit's snippets come from (search.snippets).
FIELD_BOOSTS = {
    TITLE: 4.0,
    META_TEXT: 1.5,
    PROGRAM_TEXT: 0.5,
    PLACE_TEXT: 0.5,
    **{SECTION_FIELDS[kind]: weight for kind, weight in SECTION_BOOSTS.items()},
}
# The logical fields in BODY, in band order (band k holds BAND_FIELDS[k]), and the
# weight of a word in each: the boosts above, applied to the term frequency (BM25F).
BAND_FIELDS = (META_TEXT, PROGRAM_TEXT, PLACE_TEXT, *SECTION_FIELDS.values())
BAND_OF = {name: band for band, name in enumerate(BAND_FIELDS)}
BAND_WEIGHTS = tuple(FIELD_BOOSTS[name] for name in BAND_FIELDS)


def index_targets(logical: str) -> list[tuple[str, tuple[int, ...] | None, float]]:
    """Where a logical field's words are in the index: (Whoosh field, bands or None
    for the whole field, query boost). The surface name means every text field.

    >>> index_targets(SURFACE)
    [('title', None, 4.0), ('body', None, 1.0)]
    >>> index_targets("text_syfte")
    [('body', (5,), 1.0)]
    """
    if logical == SURFACE:
        return [(TITLE, None, FIELD_BOOSTS[TITLE]), (BODY, None, 1.0)]
    if logical in BAND_OF:
        return [(BODY, (BAND_OF[logical],), 1.0)]
    return [(logical, None, FIELD_BOOSTS.get(logical, 1.0))]


def band_field(position: int) -> str | None:
    """The logical field a body position belongs to."""
    band = band_of(position)
    return BAND_FIELDS[band] if band < len(BAND_FIELDS) else None


# The exact surface form adds on top of the stemmed match, so ``projektet`` ranks
# documents that say "projektet" above those that only say "projekt". Why 1.2: with a
# field per section a word used in five sections was scored five times over, and 0.6
# was enough for the written form to count; in the one body field those mentions
# saturate together (BM25F), so the stemmed match weighs less and the written form
# needs twice the weight to keep ranking first (judged dev set: 0.6–1.0 put ``ASF:en``
# ×10 below a text with only "ASF"; 1.2 restores it, the held-out half is unchanged).
SURFACE_BOOST = 1.2

# Names users may write before a colon in the search box → index fields.
QUERY_FIELD_ALIASES = {
    "titel": TITLE, "title": TITLE, "rubrik": TITLE,
    "sammanfattning": SECTION_FIELDS["sammanfattning"],
    "bakgrund": SECTION_FIELDS["bakgrund"],
    "syfte": SECTION_FIELDS["syfte"],
    "målsättning": SECTION_FIELDS["malsattning"], "mål": SECTION_FIELDS["malsattning"],
    "malsattning": SECTION_FIELDS["malsattning"],
    "tillgänglighet": SECTION_FIELDS["tillganglighet"],
    "tillganglighet": SECTION_FIELDS["tillganglighet"],
    "jämställdhet": SECTION_FIELDS["jamstalldhet"],
    "jamstalldhet": SECTION_FIELDS["jamstalldhet"],
    "jämställdhetsintegrering": SECTION_FIELDS["jamstalldhet"],
    "aktörer": SECTION_FIELDS["aktorer"], "aktorer": SECTION_FIELDS["aktorer"],
    "samarbetspartners": SECTION_FIELDS["aktorer"],
    "medfinansiärer": SECTION_FIELDS["aktorer"],
    "kommuner": SECTION_FIELDS["kommun"], "kommun": SECTION_FIELDS["kommun"],
    "övrigt": SECTION_FIELDS["ovrigt"], "text": SECTION_FIELDS["ovrigt"],
    "ägare": META_TEXT, "projektägare": META_TEXT, "kontakt": META_TEXT,
    "programområde": PROGRAM_TEXT, "program": PROGRAM_TEXT,
    "region": PLACE_TEXT, "plats": PLACE_TEXT,
}

# Facets: URL parameter → (index field, Swedish label). Missing values are counted
# under MISSING_LABEL, never dropped.
FACETS = {
    "region": ("region", "Region"),
    "phase": ("phase", "Projektfas"),
    "owner": ("owner", "Projektägare"),
    "program": ("program", "Programområde"),
    "kommun": ("kommun", "Kommun"),
    "year": ("year", "Startår"),
    "kind": ("kind", "Dokumenttyp"),
    "collection": ("collection", "Samling"),
}
MISSING_VALUE = "__saknas__"
MISSING_LABEL = "Uppgift saknas"
KIND_LABELS = {"esf_project": "ESF-projekt", "report": "Rapport", "other": "Övrigt"}


def _schema(text_fields: dict) -> Schema:
    return Schema(
        # sortable: the id column maps ids to documents without unpickling them
        id=ID(stored=True, unique=True, sortable=True),
        source=STORED,
        doc=STORED,
        # No positions on the surface field: phrases run on the stemmed title and body
        # (stopwords kept), and skipping positions here saves ~10 % of build time.
        text=TEXT(analyzer=surface_analyzer(), phrase=False),
        region=ID, phase=ID, owner=ID, program=ID, year=ID, kind=ID, collection=ID,
        kommun=KEYWORD(commas=True, lowercase=False, scorable=False),
        years=KEYWORD(commas=True, lowercase=False, scorable=False),
        start_day=NUMERIC(int, bits=32, sortable=True, default=0),
        budget=NUMERIC(int, bits=64, sortable=True, default=-1),
        # For range filters and the result-set picture (search.ranges): when a project
        # ends ("active during") and what ESF granted.
        end_day=NUMERIC(int, bits=32, sortable=True, default=0),
        esf_support=NUMERIC(int, bits=64, sortable=True, default=-1),
        **text_fields,
    )


def build_schema() -> Schema:
    """The Whoosh index: the title and the banded body as stemmed fields."""
    return _schema({
        TITLE: TEXT(analyzer=swedish_analyzer(), phrase=True),
        BODY: TEXT(analyzer=swedish_analyzer(BAND_WEIGHTS), phrase=True),
    })


def logical_schema() -> Schema:
    """The same fields with one stemmed field per logical text field: the layout the
    OpenSearch export maps (a search engine with many fields per index has no reason
    to band them) and field queries name."""
    return _schema({name: TEXT(analyzer=swedish_analyzer(), phrase=True)
                    for name in (TITLE, *BAND_FIELDS)})


def facet_values(document: Document) -> dict[str, list[str]]:
    """The facet values of one document, keyed by facet name."""
    return {
        "region": [document.region] if document.region else [],
        "phase": [document.phase] if document.phase else [],
        "owner": [document.owner] if document.owner else [],
        "program": [document.program.label] if document.program else [],
        "kommun": list(document.kommuner),
        # The document date: the project start for ESF pages, else the date the
        # text or the file gives (indexer.dates), so a 2022 report has a year too.
        "year": [str(document.doc_date.year)] if document.doc_date else [],
        "kind": [document.kind],
        "collection": [document.collection] if document.collection else [],
    }


# A period longer than this is a typo in the page (2008 till 2080), not a project.
MAX_PERIOD_YEARS = 30


def period_years(document: Document) -> list[str]:
    """The years a document covers: every year of a project's period, else the year of
    its document date (``indexer.dates``). A query for ``2015`` meets them."""
    if document.start is not None:
        first = document.start.year
        last = (document.end or document.start).year
        return [str(year) for year in range(first, min(last, first + MAX_PERIOD_YEARS) + 1)]
    if document.doc_date is not None:
        return [str(document.doc_date.year)]
    return []


def _headings(document: Document) -> list[tuple[str, str, str]]:
    """(section type, heading, text) of each section. A heading the parser made up for
    text before the first heading (``Inledning``) is not the writer's and is dropped."""
    return [(s.type, "" if s.heading == INTRO_HEADING else s.heading, s.text)
            for s in document.sections]


def analysed_text(document: Document) -> str:
    """Every text of a document that goes through the Swedish chain (title, metadata
    text, headings, sections): the words the build's lexicon has to know."""
    texts = [document.title, document.owner, document.contact, document.author,
             document.program.label if document.program else None, document.region,
             *document.kommuner]
    for _, heading, text in _headings(document):
        texts += [heading, text]
    return "\n".join(text for text in texts if text)


def pack_document(document: Document) -> bytes:
    return zlib.compress(json.dumps(document.to_dict(), ensure_ascii=False).encode("utf-8"))


def unpack_document(blob: bytes) -> dict:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def document_fields(document: Document, content_hash: str) -> dict:
    """Document → the keyword arguments of ``writer.add_document``."""
    fields = logical_fields(document, content_hash)
    texts = [(band, fields.pop(name, "")) for band, name in enumerate(BAND_FIELDS)]
    parts = [(band, _CONTROL.sub(" ", text)) for band, text in texts if text]
    if parts:
        fields[BODY] = banded(parts)
    return fields


# Characters that would read as band marks if a document had them (C1 controls).
_CONTROL = re.compile("[\x1f\x80-\x9f]")


def logical_fields(document: Document, content_hash: str) -> dict:
    """Document → its logical fields (``logical_schema``), as the export sends them."""
    by_type: dict[str, list[str]] = {}
    headings: list[str] = []
    for kind, heading, text in _headings(document):
        by_type.setdefault(kind, []).append(headed(heading, text) if heading else text)
        headings.append(heading)
    meta_words = [
        document.owner, document.contact, document.email, document.phone, document.phase,
        document.author,
    ]
    # Amounts as Swedes write them ("248 750 kr"), so a pasted figure finds its project.
    meta_words += [f"{amount:,} kr".replace(",", " ")
                   for amount in (document.esf_support, document.total_budget)
                   if amount is not None]
    meta = "\n".join(value for value in meta_words if value)
    program = document.program.label if document.program else ""
    place = "\n".join(value for value in (document.region, *document.kommuner) if value)
    fields = {
        "id": document.id,
        "source": {"path": document.source, "sha1": content_hash},
        "doc": pack_document(document),
        TITLE: document.title,
        META_TEXT: meta,
        PROGRAM_TEXT: program,
        PLACE_TEXT: place,
        SURFACE: "\n".join(text for text in (document.title, meta, program, place, *headings,
                                              document.text) if text),
        "start_day": document.doc_date.toordinal() if document.doc_date else 0,
        "budget": document.total_budget if document.total_budget is not None else -1,
        "end_day": document.end.toordinal() if document.end else 0,
        "esf_support": document.esf_support if document.esf_support is not None else -1,
    }
    for kind, texts in by_type.items():
        fields[SECTION_FIELDS[kind]] = "\n\n".join(texts)
    for name, values in facet_values(document).items():
        if values:
            fields[name] = ",".join(values) if name == "kommun" else values[0]
    years = period_years(document)
    if years:
        fields[YEARS] = ",".join(years)
    return fields


@dataclass(frozen=True)
class ResultField:
    """One metadata field of a hit, as every rendering names it.

    ``kind`` says how a value is shown: ``text``, ``kronor`` (an amount; 0 and
    missing mean "not stated"), ``list`` (joined with commas), ``label`` (a code
    shown through KIND_LABELS), ``date``.
    """

    name: str        # key in the stored document and attribute of a hit
    label: str       # Swedish label in HTML
    csv_header: str  # column header in the CSV export
    json_key: str    # key in the JSON API
    kind: str = "text"
    in_cli: bool = False


# The hit fields, in display order. Adding a metadata field to results is a change
# here (plus the Document that carries it): JSON, CSV, HTML and CLI read this table.
RESULT_FIELDS = (
    ResultField("id", "Id", "id", "id", in_cli=True),
    ResultField("title", "Titel", "titel", "title", in_cli=True),
    ResultField("kind", "Dokumenttyp", "typ", "kind", kind="label"),
    ResultField("region", "Region", "region", "region", in_cli=True),
    ResultField("phase", "Projektfas", "projektfas", "phase", in_cli=True),
    ResultField("owner", "Projektägare", "projektägare", "owner", in_cli=True),
    ResultField("program", "Programområde", "programområde", "program"),
    ResultField("start", "Start", "start", "start", kind="date"),
    ResultField("end", "Slut", "slut", "end", kind="date"),
    ResultField("esf_support", "Beviljat ESF-stöd", "beviljat ESF-stöd (kr)", "esf_support",
                kind="kronor"),
    ResultField("total_budget", "Total projektbudget", "total budget (kr)", "total_budget",
                kind="kronor"),
    ResultField("kommuner", "Kommuner", "kommuner", "kommuner", kind="list"),
    ResultField("format", "Filformat", "filformat", "format"),
)
