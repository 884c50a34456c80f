"""The Whoosh schema: the contract between the indexer and the web UI.

Nothing else knows field names by heart. One stemmed text field per section type
(so ``syfte:hälsa`` works and a hit in Syfte can outrank one in a Kommun list), one
surface all-text field, facet fields indexed as single terms (facet counts come
from their postings as bitsets, see ``search.facets``), numeric sort columns, and the
whole parsed document stored as JSON so a hit or a document page renders without
re-reading the corpus.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import surface_analyzer, swedish_analyzer
from indexer.document import SECTION_TYPES, Document

TITLE = "title"
SURFACE = "text"
META_TEXT = "meta"
SECTION_FIELDS = {kind: f"text_{kind}" for kind in SECTION_TYPES}

# Query-time boosts (BM25F weights per field). Why these numbers:
# * the title names what a project is about: a word there is the strongest signal;
# * Sammanfattning and Syfte are the author's own one-paragraph statement of the
#   project, so a hit there says "this project is about X", unlike a passing mention
#   in a long Bakgrund;
# * Målsättning is nearly as focused; owner/contact/program names (meta) are short
#   and specific;
# * participant and municipality lists name things in passing, one word per line:
#   a hit there should never beat a hit in the prose sections.
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
    **{SECTION_FIELDS[kind]: weight for kind, weight in SECTION_BOOSTS.items()},
}
# The exact surface form adds on top of the stemmed match, so ``projektet`` ranks
# documents that say "projektet" above those that only say "projekt".
SURFACE_BOOST = 0.6

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
}
MISSING_VALUE = "__saknas__"
MISSING_LABEL = "Uppgift saknas"
KIND_LABELS = {"esf_project": "ESF-projekt", "report": "Rapport", "other": "Övrigt"}


def build_schema() -> Schema:
    text_fields = {
        name: TEXT(analyzer=swedish_analyzer(), phrase=True)
        for name in [TITLE, META_TEXT, *SECTION_FIELDS.values()]
    }
    return Schema(
        id=ID(stored=True, unique=True),
        source=STORED,
        doc=STORED,
        # No positions on the surface field: phrases run on the stemmed section fields
        # (stopwords kept), and skipping positions here saves ~10 % of build time.
        text=TEXT(analyzer=surface_analyzer(), phrase=False),
        region=ID, phase=ID, owner=ID, program=ID, year=ID, kind=ID,
        kommun=KEYWORD(commas=True, lowercase=False, scorable=False),
        start_day=NUMERIC(int, bits=32, sortable=True, default=0),
        budget=NUMERIC(int, bits=64, sortable=True, default=-1),
        **text_fields,
    )


def facet_values(document: Document) -> dict[str, list[str]]:
    """The facet values of one document, keyed by facet name."""
    return {
        "region": [document.region] if document.region else [],
        "phase": [document.phase] if document.phase else [],
        "owner": [document.owner] if document.owner else [],
        "program": [document.program.label] if document.program else [],
        "kommun": list(document.kommuner),
        "year": [str(document.start_year)] if document.start_year else [],
        "kind": [document.kind],
    }


def pack_document(document: Document) -> bytes:
    return zlib.compress(json.dumps(document.to_dict(), ensure_ascii=False).encode("utf-8"))


def unpack_document(blob: bytes) -> dict:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def document_fields(document: Document, content_hash: str) -> dict:
    """Document → the keyword arguments of ``writer.add_document``."""
    by_type: dict[str, list[str]] = {}
    for section in document.sections:
        by_type.setdefault(section.type, []).append(section.text)
    meta_words = [
        document.owner, document.contact, document.email, document.phone,
        document.program.label if document.program else None, document.phase,
        document.region,
    ]
    # Amounts as Swedes write them ("248 750 kr"), so a pasted figure finds its project.
    meta_words += [f"{amount:,} kr".replace(",", " ")
                   for amount in (document.esf_support, document.total_budget)
                   if amount is not None]
    meta = "\n".join(value for value in meta_words if value)
    fields = {
        "id": document.id,
        "source": {"path": document.source, "sha1": content_hash},
        "doc": pack_document(document),
        TITLE: document.title,
        META_TEXT: meta,
        SURFACE: "\n".join([document.title, meta, document.text]),
        "start_day": document.start.toordinal() if document.start else 0,
        "budget": document.total_budget if document.total_budget is not None else -1,
    }
    for kind, texts in by_type.items():
        fields[SECTION_FIELDS[kind]] = "\n\n".join(texts)
    for name, values in facet_values(document).items():
        if values:
            fields[name] = ",".join(values) if name == "kommun" else values[0]
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
)
