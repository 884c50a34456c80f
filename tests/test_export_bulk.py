"""Bulk NDJSON in bounded chunks, read back equal to what the Whoosh index stores."""

from __future__ import annotations

import json
import re

import pytest

from indexer import store
from indexer.analysis import HEADING_END, HEADING_START
from indexer.document import INTRO_HEADING
from indexer.export.bulk import (
    BulkFormatError,
    bulk_document,
    chunk_paths,
    read_bulk,
    write_bulk,
)
from indexer.export.sources import load_sources
from indexer.schema import FACETS, SECTION_FIELDS, unpack_document
from tests.conftest import SOLNA


def split_headings(value: str) -> tuple[list[str], str]:
    """(headings, text) of a section field: headings travel marked in front of their text."""
    pattern = re.escape(HEADING_START) + "(.*?)" + re.escape(HEADING_END)
    return re.findall(pattern, value, flags=re.DOTALL), re.sub(pattern, "", value,
                                                                flags=re.DOTALL)


@pytest.fixture(scope="module")
def seed_sources(seed_index):
    return load_sources(seed_index)


@pytest.fixture(scope="module")
def exported(seed_sources, tmp_path_factory):
    out = tmp_path_factory.mktemp("bulk")
    report = write_bulk(seed_sources.documents, out, chunk_bytes=60_000)
    return out, report


@pytest.fixture(scope="module")
def whoosh_index(seed_index):
    """Stored documents, facet postings and sort columns of the Whoosh index."""
    ix = store.open_for_reading(store.current_build(seed_index))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        stored = {fields["id"]: fields for _, fields in reader.iter_docs()}
        ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        facets = {}
        for field, _label in FACETS.values():
            values = {}
            if field in reader.indexed_field_names():
                for term in reader.lexicon(field):
                    text = term.decode("utf-8") if isinstance(term, bytes) else term
                    for docnum in reader.postings(field, term).all_ids():
                        values.setdefault(ids[docnum], set()).add(text)
            facets[field] = values
        columns = {name: dict(zip([ids[d] for d in sorted(ids)],
                                  reader.column_reader(name), strict=False))
                   for name in ("start_day", "budget")}
    ix.close()
    return stored, facets, columns


def test_the_round_trip_gives_back_every_document_as_the_whoosh_index_stores_it(
        exported, whoosh_index):
    out, _ = exported
    stored, facets, columns = whoosh_index
    back = {d.id: d.source for d in read_bulk(chunk_paths(out))}
    assert set(back) == set(stored)
    for doc_id, source in back.items():
        ours = unpack_document(stored[doc_id]["doc"])
        assert source["doc"] == ours
        assert source["source"] == stored[doc_id]["source"]
        for kind, field in SECTION_FIELDS.items():
            sections = [s for s in ours["sections"] if s["type"] == kind]
            headings, texts = split_headings(source.get(field, ""))
            assert texts == "\n\n".join(s["text"] for s in sections), field
            assert headings == [s["heading"] for s in sections
                                if s["heading"] != INTRO_HEADING], field
        assert source["title"] == ours["title"]
        for field, _label in FACETS.values():
            value = source.get(field)
            as_set = set(value) if isinstance(value, list) else ({value} if value else set())
            assert as_set == facets[field].get(doc_id, set()), field
        for name in ("start_day", "budget"):
            assert source[name] == columns[name][doc_id], name


def test_dates_and_amounts_are_typed_for_the_engine(seed_sources):
    solna = next(d for d in seed_sources.documents if d.document.id == SOLNA)
    source = bulk_document(solna)
    assert (source["start"], source["end"]) == ("2008-08-04", "2009-01-03")
    assert source["period"] == {"gte": "2008-08-04", "lte": "2009-01-03"}
    assert source["total_budget"] == 497504 and isinstance(source["kommun"], list)


def test_chunks_stay_within_the_bound_and_keep_actions_with_their_documents(exported):
    out, report = exported
    files = chunk_paths(out)
    assert [f.name for f in files] == report.files and len(files) > 1
    for path in files:
        data = path.read_bytes()
        assert len(data) <= 60_000 and data.endswith(b"\n")
        lines = data.decode("utf-8").splitlines()
        assert len(lines) % 2 == 0
        assert all(set(json.loads(line)) == {"index"} for line in lines[::2])
    assert report.documents == 5 and report.oversized == []


def test_a_document_larger_than_a_chunk_gets_a_chunk_of_its_own(seed_sources, tmp_path):
    report = write_bulk(seed_sources.documents, tmp_path, chunk_bytes=1_000)
    assert len(report.files) == 5 and len(report.oversized) == 5
    assert len(list(read_bulk(chunk_paths(tmp_path)))) == 5


@pytest.mark.parametrize("content, message", [
    (b'{"index": {"_id": "a"}}\n{"x": 1}', "radslut"),
    (b'{"index": {"_id": "a"}}\n', "saknar sitt dokument"),
    (b'{"index": {"_id": "a"}}\n{"x": \n', "bulk-0001.ndjson:1"),
    (b'{"create": {"_id": "a"}}\n{"x": 1}\n', "väntade"),
])
def test_a_broken_bulk_file_is_named_with_the_line(tmp_path, content, message):
    path = tmp_path / "bulk-0001.ndjson"
    path.write_bytes(content)
    with pytest.raises(BulkFormatError, match=message):
        list(read_bulk([path]))
