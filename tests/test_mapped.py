"""Mapped segment files read without a copy (indexer.mapped), with the same data."""

from __future__ import annotations

import random
import shutil
from io import BytesIO

from whoosh.filedb.filestore import FileStorage

from indexer import store
from indexer.build import rebuild
from indexer.mapped import MappedBufferFile, ViewFile
from tests.conftest import SEEDS


def test_a_view_file_reads_like_bytes_io():
    rng = random.Random(7)
    data = bytes(rng.choice(b"ab\n") for _ in range(5000))
    view, plain = ViewFile(memoryview(data)), BytesIO(data)
    for _ in range(2000):
        action = rng.choice(("read", "readline", "seek", "readinto", "tell"))
        if action == "read":
            size = rng.choice((-1, None, 0, 1, 7, 300, 9000))
            assert view.read(size) == plain.read(size)
        elif action == "readline":
            size = rng.choice((-1, 3, 500))
            assert view.readline(size) == plain.readline(size)
        elif action == "seek":
            whence = rng.choice((0, 1, 2))
            offset = rng.randrange(0, 6000) if whence == 0 else rng.randrange(-300, 300)
            if whence == 2:
                offset = -abs(offset)
            if whence == 1:
                offset = max(offset, -plain.tell())
            assert view.seek(offset, whence) == plain.seek(offset, whence)
        elif action == "readinto":
            size = rng.randrange(0, 400)
            one, other = bytearray(size), bytearray(size)
            assert view.readinto(one) == plain.readinto(other) and one == other
        assert view.tell() == plain.tell()
    view.seek(0)
    plain.seek(0)
    assert list(view) == list(plain)


def test_a_served_build_maps_its_segments_and_reads_what_plain_reads_read(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    rebuild(corpus, tmp_path / "index", lexicon=False)
    build = store.current_build(tmp_path / "index")
    mapped = store.open_for_reading(build)
    plain = FileStorage(str(build), supports_mmap=False, readonly=True).open_index()
    with mapped.searcher() as one, plain.searcher() as other:
        leaf = one.reader().leaf_readers()[0][0]
        assert isinstance(leaf._terms._postfile, MappedBufferFile)
        assert isinstance(leaf._terms._postfile.file, ViewFile)
        assert list(one.reader().all_stored_fields()) == list(other.reader().all_stored_fields())
        for field in ("title", "body"):
            terms = list(one.reader().lexicon(field))
            assert terms == list(other.reader().lexicon(field)) and terms
            for term in terms[::7]:
                mine = one.reader().postings(field, term)
                theirs = other.reader().postings(field, term)
                assert list(mine.items_as("positions")) == list(theirs.items_as("positions"))
