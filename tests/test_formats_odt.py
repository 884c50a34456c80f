"""OpenDocument text: headings, lists, tables, properties from the XML; other types refused."""

from __future__ import annotations

import re
import zipfile

import pytest

from indexer.formats import extract
from indexer.textclean import UnreadableFile

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
</office:automatic-styles>
<office:body><office:text>
 <text:p text:style-name="P1">Uppföljning av IoP i Sigtuna</text:p>
 <text:h text:outline-level="1">Bakgrund</text:h>
 <text:p>Text med<text:s text:c="3"/>mellanrum och en fotnot<text:note><text:note-body>
  <text:p>Fotnotstext</text:p></text:note-body></text:note> i Växjö.</text:p>
 <text:h text:outline-level="2">Insatser 2022</text:h>
 <text:list><text:list-item><text:p>Arbetsträning</text:p></text:list-item>
  <text:list-item><text:p>Handledning</text:p></text:list-item></text:list>
 <table:table><table:table-row><table:table-cell><text:p>Kommun</text:p></table:table-cell>
  <table:table-cell><text:p>Organisation</text:p></table:table-cell>
  <table:table-cell><text:p>Start</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell><text:p>Sigtuna</text:p></table:table-cell>
  <table:table-cell><text:p>M29</text:p></table:table-cell>
  <table:table-cell><text:p>2015</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>
"""
META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>
 <meta:initial-creator>Samordningsförbundet</meta:initial-creator>
 <meta:creation-date>2022-10-19T09:00:00</meta:creation-date>
</office:meta></office:document-meta>
"""


def make_odt(path, content=CONTENT, mimetype="application/vnd.oasis.opendocument.text"):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", META, compress_type=zipfile.ZIP_DEFLATED)


@pytest.fixture()
def document(tmp_path):
    make_odt(tmp_path / "iop.odt")
    return extract(tmp_path / "iop.odt", "odt", "iop.odt", "iop.odt")[0]


def test_title_headings_lists_and_rows(document):
    assert document.title == "Uppföljning av IoP i Sigtuna"
    assert [s.heading for s in document.sections] == ["Bakgrund", "Insatser 2022"]
    assert document.sections[1].items == ("Arbetsträning", "Handledning")
    assert document.sections[1].table[1] == ("Sigtuna", "M29", "2015")
    assert document.kommuner == ("Sigtuna",)


def test_spaces_are_kept_and_footnotes_left_out(document):
    assert document.sections[0].text == "Text med mellanrum och en fotnot i Växjö."


def test_properties_and_date(document):
    assert document.author == "Samordningsförbundet"
    assert document.doc_date.isoformat() == "2022-01-01"  # the heading's year comes first
    assert document.created.isoformat() == "2022-10-19"


@pytest.mark.parametrize("mimetype, reason", [
    ("application/vnd.oasis.opendocument.spreadsheet",
     "innehållet är inte ODT (OpenDocument spreadsheet)"),
])
def test_other_opendocument_types_are_refused(tmp_path, mimetype, reason):
    make_odt(tmp_path / "tabell.odt", mimetype=mimetype)
    with pytest.raises(UnreadableFile, match=re.escape(reason)):
        extract(tmp_path / "tabell.odt", "odt", "t", "t.odt")


def test_broken_xml_is_reported(tmp_path):
    make_odt(tmp_path / "trasig.odt", content="<office:document-content><oops")
    with pytest.raises(UnreadableFile, match="trasig ODT-fil"):
        extract(tmp_path / "trasig.odt", "odt", "t", "t.odt")


def test_entities_are_not_expanded(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + CONTENT.split("?>", 1)[1]
            .replace("i Växjö", "&b;"))
    make_odt(tmp_path / "bomb.odt", content=bomb)
    try:
        document, _ = extract(tmp_path / "bomb.odt", "odt", "b", "b.odt")
    except UnreadableFile:
        return
    assert "aaaaaaaaaa" not in document.text
