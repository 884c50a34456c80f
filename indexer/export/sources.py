"""The documents and the lexicon of the served Whoosh index: what an export describes.

The export must describe the index our users search, so it reads that index rather
than parsing the corpus again: the parsed document each hit renders (stored as JSON
in the index), the lexicon cache the build analysed with, and the surface vocabulary
the search core folds å/ä/ö against. That also keeps an export of a million
documents from extracting a million PDFs a second time. Without a built index the
corpus is built first, exactly as ``rebuild`` does. Nothing under the index
directory is changed by an export.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from indexer import build, store
from indexer.document import Document, Section
from indexer.metadata import ProgramArea
from indexer.schema import unpack_document


@dataclass(frozen=True)
class ParsedDocument:
    document: Document
    sha1: str


@dataclass
class Sources:
    documents: list[ParsedDocument]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    lexicon: object | None = None
    # surface word → document frequency, as the search core reads it (vocab.json)
    vocabulary: dict[str, int] | None = None
    build: str | None = None

    @property
    def lexicon_words(self) -> int:
        return len(self.lexicon) if self.lexicon is not None else 0

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The lexicon's lemmas of a word, as the query builder sees them."""
        info = self.lexicon.lookup(word) if self.lexicon is not None else None
        return info.lemmas if info is not None else ()

    def expansions(self, word: str) -> tuple[str, ...]:
        """Lemmas and compound parts, as the index-time analyzer sees them."""
        info = self.lexicon.lookup(word) if self.lexicon is not None else None
        return (*info.lemmas, *info.parts) if info is not None else ()


@functools.cache
def _fields() -> tuple[tuple[dataclasses.Field, object], ...]:
    hints = typing.get_type_hints(Document)
    return tuple((spec, hints[spec.name]) for spec in dataclasses.fields(Document))


def document_from_dict(data: dict) -> Document:
    """The :class:`Document` whose ``to_dict()`` is ``data`` (a stored document).

    Field by field from the dataclass, so a new field of a plain type needs nothing
    here; a field of a new structured type is refused, never guessed.
    """
    values = {}
    for spec, hint in _fields():
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.name == "program":
            value = ProgramArea(data["program_number"], data["program_name"]) if value else None
        elif spec.name == "sections":
            value = tuple(Section(heading=s["heading"], text=s["text"], type=s["type"],
                                  items=tuple(s["items"]),
                                  table=tuple(tuple(row) for row in s["table"]))
                          for s in value)
        elif date in (hint, *typing.get_args(hint)):
            value = date.fromisoformat(value) if value else None
        elif typing.get_origin(hint) is tuple:
            if typing.get_args(hint) != (str, Ellipsis):
                raise TypeError(f"Document.{spec.name}: cannot rebuild {hint}")
            value = tuple(value)
        elif hint not in (str, int, bool, str | None, int | None, bool | None):
            raise TypeError(f"Document.{spec.name}: cannot rebuild {hint}")
        values[spec.name] = value
    return Document(**values)


def read_index(index_root: Path) -> Sources:
    """The served build's documents (in index order), lexicon and vocabulary."""
    index_root = Path(index_root)
    served = store.current_build(index_root)
    if served is None:
        raise FileNotFoundError(f"inget index i {index_root}")
    documents = []
    ix = store.open_for_reading(served)
    try:
        with ix.searcher() as searcher:
            for _docnum, stored in searcher.reader().iter_docs():
                document = document_from_dict(unpack_document(stored["doc"]))
                documents.append(ParsedDocument(document, stored["source"]["sha1"]))
    finally:
        ix.close()
    try:
        from indexer.lexicon import DEFAULT_CACHE_NAME, Lexicon
    except ImportError:
        lexicon = None
    else:
        lexicon = Lexicon.load(index_root / DEFAULT_CACHE_NAME)
    vocabulary = store.read_json(served / store.VOCABULARY, {})
    return Sources(documents, lexicon=lexicon, vocabulary=vocabulary, build=served.name)


def load_sources(index_root: Path, corpus: Path | None = None,
                 progress: Callable = iter) -> Sources:
    """The served index; built from ``corpus`` first when there is none."""
    skipped: list[tuple[str, str]] = []
    if store.current_build(Path(index_root)) is None:
        if corpus is None:
            raise FileNotFoundError(f"inget index i {index_root}")
        report = build.rebuild(Path(corpus), Path(index_root), progress=progress)
        skipped = list(report.skipped)
    sources = read_index(index_root)
    sources.skipped = skipped
    return sources
