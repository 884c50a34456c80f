"""Word files: heading styles in English and Swedish, lists, tables, properties, bombs."""

from __future__ import annotations

import datetime
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from indexer.build import BuildReport, scan_corpus
from indexer.formats import extract
from indexer.textclean import UnreadableFile


def make_docx(path, body, title="Handlingsplan för sociala företag") -> None:
    document = docx.Document()
    styles = document.styles
    for name, base in (("Rubrik 1", None), ("Min rubrik", "Heading 2")):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
    body(document)
    properties = document.core_properties
    properties.title = title
    properties.author = "Sigtuna kommun"
    properties.created = datetime.datetime(2021, 3, 4, 10, 0)
    document.save(path)


def swedish_report(document) -> None:
    document.add_paragraph("Handlingsplan för sociala företag", style="Title")
    document.add_paragraph("Bakgrund", style="Rubrik 1")
    document.add_paragraph("Kommunen köper tjänster av arbetsintegrerande sociala företag.")
    document.add_paragraph("Insatser", style="Heading 1")
    document.add_paragraph("Arbetsträning", style="List Bullet")
    document.add_paragraph("Handledarutbildning", style="List Bullet")
    document.add_paragraph("Uppföljning", style="Min rubrik")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Kommun", "Organisation", "Start år"),
                             ("Sigtuna", "M29 &lt;Café&gt;", "2015"),
                             ("Upplands Väsby", "Värmekällan", "2012")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


@pytest.fixture()
def report(tmp_path):
    path = tmp_path / "plan.docx"
    make_docx(path, swedish_report)
    return extract(path, "docx", "plan.docx", "plan.docx")[0]


def test_headings_come_from_english_and_swedish_styles(report):
    assert report.title == "Handlingsplan för sociala företag"
    assert [s.heading for s in report.sections] == ["Bakgrund", "Insatser", "Uppföljning"]


def test_lists_stay_lists_and_tables_become_rows(report):
    assert report.sections[1].items == ("Arbetsträning", "Handledarutbildning")
    table = report.sections[2].table
    assert table[0] == ("Kommun", "Organisation", "Start år")
    assert table[1] == ("Sigtuna", "M29 &lt;Café&gt;", "2015")  # literal text stays literal
    assert report.kommuner == ("Sigtuna", "Upplands Väsby")


def test_properties_give_author_and_the_date_when_the_text_has_none(report):
    assert report.author == "Sigtuna kommun"
    assert report.created == datetime.date(2021, 3, 4)
    assert (report.doc_date, report.doc_date_source) == (datetime.date(2021, 3, 4),
                                                         "filegenskap")


def test_without_heading_styles_bold_paragraphs_are_headings(tmp_path):
    def body(document):
        document.add_paragraph("Policy för sociala företag")
        document.add_paragraph().add_run("Bakgrund").bold = True
        document.add_paragraph("Text om kooperativ i Malmö.")
        document.add_paragraph().add_run("Mål").bold = True
        document.add_paragraph("Fler arbetsplatser.")

    make_docx(tmp_path / "p.docx", body, title="")
    document, _ = extract(tmp_path / "p.docx", "docx", "p", "p.docx")
    assert document.title == "Policy för sociala företag"
    assert [s.heading for s in document.sections] == ["Bakgrund", "Mål"]


def test_the_title_property_names_a_document_whose_text_marks_no_title(tmp_path):
    def body(document):
        document.add_paragraph("Dnr 2021/17")
        document.add_paragraph("Kommunen köper tjänster av sociala företag.")

    make_docx(tmp_path / "p.docx", body, title="Policy för sociala företag")
    document, _ = extract(tmp_path / "p.docx", "docx", "p", "p.docx")
    assert document.title == "Policy för sociala företag"
    assert document.text.startswith("Dnr 2021/17")


def test_a_docx_that_is_text_is_not_read(tmp_path):
    (tmp_path / "data.docx").write_text("Bara text\n\nInget Word.\n")
    report = BuildReport()
    assert scan_corpus(tmp_path, report) == []
    assert report.skipped == [("data.docx", "innehållet är inte DOCX (ingen zip-fil)")]


@pytest.mark.parametrize("members, reason", [
    ({"word/other.xml": b"<x/>"}, "innehållet är inte DOCX (saknar word/document.xml)"),
    ({"word/document.xml": b"\0" * (20 * 1024 * 1024)}, "misstänkt zip-bomb"),
    ({"word/document.xml": b"<w:document><unclosed"}, "trasig DOCX-fil"),
])
def test_broken_and_hostile_zips_are_skipped_with_a_reason(tmp_path, members, reason):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(UnreadableFile) as raised:
        extract(path, "docx", "x", "x.docx")
    assert str(raised.value).startswith(reason)


def test_a_truncated_docx_is_skipped(tmp_path):
    path = tmp_path / "hel.docx"
    make_docx(path, swedish_report)
    cut = tmp_path / "halv.docx"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(UnreadableFile, match="trasig DOCX-fil"):
        extract(cut, "docx", "halv", "halv.docx")
