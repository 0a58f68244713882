"""The list of participants handed out after a seminar as a Word document: its tables read as sheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.importing import EventSpec, import_files, plan_file, propose_event
from directory_app.core.importing.reading import read_workbook
from directory_app.core.records import DirectoryError
from tests.core.import_helpers import docx_paragraph, docx_table, write_docx

HEADER = ["No.", "Name and surname", "Institution", "Position", "Country", "E-mail", "Telephone"]


def _list_of_participants(path: Path) -> Path:
    body = (
        docx_paragraph("OSCE")
        + docx_paragraph("List of participants")
        + docx_paragraph("Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025")
        + docx_table(
            [
                HEADER,
                [
                    "1.",
                    "Ana MARIĆ",
                    ("Ministry of Interior", '<w:vMerge w:val="restart"/>'),
                    "Police Inspector",
                    ("Croatia", '<w:vMerge w:val="restart"/>'),
                    "ana.maric@mup.hr",
                    "+385 1 612 2111",
                ],
                [
                    "2.",
                    "Ivo KOVAČ",
                    ("", "<w:vMerge/>"),
                    "Head of Unit",
                    ("", "<w:vMerge/>"),
                    "ivo.kovac@mup.hr",
                    "+385 91 123 4567\n+385 1 612 2000",
                ],
                [("Bosnia and Herzegovina", '<w:gridSpan w:val="7"/>')],
                ["3.", "Amra ŠEHIĆ", "Prosecutor's Office of BiH", "Prosecutor", "BiH", "amra.sehic@pravosudje.ba", ""],
            ]
        )
        + docx_paragraph("Speakers")
        + docx_table([["Name", "Organisation", "E-mail"], ["Valiant Richey", "OSCE", "valiant.richey@osce.org"]])
    )
    return write_docx(path, body)


def test_the_tables_of_a_word_document(tmp_path: Path) -> None:
    fp = plan_file(_list_of_participants(tmp_path / "LoP_Skopje.docx"))
    assert [(p.sheet.name, p.header_row_number, p.part) for p in fp.usable] == [
        ("Table 1", 4, "participant"),
        ("Speakers", 1, "speaker"),
    ]
    people = [(r.sheet, r.row_number, r.contact.family_name, r.contact.organisation, r.contact.country,
               [p.e164 for p in r.contact.phones]) for r in fp.rows() if r.contact]  # fmt: skip
    assert people == [
        ("Table 1", 5, "Marić", "Ministry of Interior", "HR", ["+38516122111"]),
        ("Table 1", 6, "Kovač", "Ministry of Interior", "HR", ["+385911234567", "+38516122000"]),  # merged down
        ("Table 1", 8, "Šehić", "Prosecutor's Office of BiH", "BA", []),
        ("Speakers", 2, "Richey", "OSCE", None, []),
    ]
    event = propose_event([fp])
    assert (event.name, event.city, str(event.start_date)) == (
        "Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025",  # not the letterhead "OSCE"
        "Skopje",
        "2025-03-12",
    )


def test_a_word_document_imported(directory, tmp_path: Path) -> None:
    report = import_files(directory, [_list_of_participants(tmp_path / "LoP.docx")], event=EventSpec("JIT 2025"))
    assert (report.created, report.skipped) == (4, 0)


def test_a_word_document_without_a_table(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "letter.docx", docx_paragraph("Dear colleagues,"))
    with pytest.raises(DirectoryError, match=r"letter\.docx: a Word document without a table"):
        read_workbook(path)


def test_a_word_document_with_a_dtd_is_refused(tmp_path: Path) -> None:
    bomb = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = write_docx(tmp_path / "bomb.docx", docx_table([["Name", "E-mail"], ["&b;", "x@example.org"]]), prolog=bomb)
    with pytest.raises(DirectoryError, match="refused as unsafe"):
        read_workbook(path)


def test_hidden_and_deleted_text_is_not_read(tmp_path: Path) -> None:
    cell = (
        "<w:tc><w:p><w:r><w:t>Ana </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>SECRET </w:t></w:r>"
        "<w:del><w:r><w:delText>Old </w:delText></w:r></w:del><w:r><w:t>Marić</w:t></w:r></w:p></w:tc>"
    )
    header = f"<w:tr><w:tc>{docx_paragraph('Name')}</w:tc><w:tc>{docx_paragraph('E-mail')}</w:tc></w:tr>"
    table = f"<w:tbl>{header}<w:tr>{cell}<w:tc>{docx_paragraph('ana@example.hr')}</w:tc></w:tr></w:tbl>"
    (row,) = plan_file(write_docx(tmp_path / "list.docx", table)).rows()
    assert (row.contact.given_name, row.contact.family_name) == ("Ana", "Marić")


def test_one_table_per_country(tmp_path: Path) -> None:
    header = ["Name", "Institution", "E-mail"]
    body = (
        docx_paragraph("Regional meeting of prosecutors, Tirana, 5 May 2025")
        + docx_paragraph("ALBANIA")
        + docx_table([header, ["Besnik HOXHA", "Prokuroria e Përgjithshme", "b.hoxha@pp.gov.al"]])
        + docx_paragraph("Crna Gora")
        + docx_table([header, ["Marko VUKOVIĆ", "Vrhovno državno tužilaštvo", "m.vukovic@tuzilastvo.me"]])
    )
    fp = plan_file(write_docx(tmp_path / "lop.docx", body))
    assert [(p.sheet.name, p.country) for p in fp.usable] == [("ALBANIA", "AL"), ("Crna Gora", "ME")]
    assert [(r.contact.family_name, r.contact.country) for r in fp.rows()] == [("Hoxha", "AL"), ("Vuković", "ME")]
    assert propose_event([fp]).name == "Regional meeting of prosecutors, Tirana, 5 May 2025"


def test_spans_and_skipped_cells_beyond_a_table_s_width_are_ignored(tmp_path: Path) -> None:
    """A damaged or hostile file's span of a billion columns would make rows of a billion cells."""
    huge = '<w:gridSpan w:val="1000000000"/>'
    rows = [["Name", "E-mail"], [("Ana Kovač", huge), "ana@example.hr"]]
    table = docx_table(rows).replace("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr>', 1)
    sheet = read_workbook(write_docx(tmp_path / "odd.docx", table)).sheets[0]
    assert max(len(row) for row in sheet.rows) <= 64


@pytest.mark.parametrize(
    "document",
    [b"", b"<w:document", b"<?xml version='1.0'?><x/>", b"<w:document xmlns:w='http://schemas.openxmlformats.org/"
     b"wordprocessingml/2006/main'><w:body><w:tbl><w:tr><w:tc>"],
)  # fmt: skip
def test_a_damaged_word_document_is_refused_in_one_line(tmp_path: Path, document: bytes) -> None:
    import zipfile

    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
    with pytest.raises(DirectoryError, match=r"^damaged\.docx: ") as caught:
        read_workbook(path)
    assert "\n" not in str(caught.value)


def test_a_name_cell_of_several_lines_gives_the_name_and_says_more_of_the_person(tmp_path: Path) -> None:
    """Word tables hold a person's position under the name, on its own line: "Ana KOLA" / "Head of Unit" became the
    given name "Ana Head of Unit". The first line is the name, the next are placed as a name's remarks are; a name
    broken over two lines of one word each is one name."""
    body = docx_table([
        ["No.", "Name and surname", "Institution", "E-mail"],
        ["1.", "Ana KOLA\nHead of Unit", "State Police", "ana.kola@asp.example.al"],
        ["2.", "Milica\nJOVANOVIĆ", "Ministry of Interior", "milica.j@mup.example.me"],
    ])  # fmt: skip
    rows = [r for r in plan_file(write_docx(tmp_path / "list.docx", body)).rows() if r.contact]
    people = [(r.contact.given_name, r.contact.family_name, r.contact.position) for r in rows]
    assert people == [("Ana", "Kola", "Head of Unit"), ("Milica", "Jovanović", "")]


def test_a_table_that_goes_on_in_a_table_of_its_own(tmp_path: Path) -> None:
    """Word splits a table where a page or a paragraph breaks it: the second table, without the header, was
    skipped ("no header row") and its people dropped. A table of another width is a table of its own."""
    header = ["No.", "Name and surname", "Institution", "E-mail"]
    first = docx_table(
        [header, ["1.", "Ana MARIĆ", "MUP", "ana.maric@mup.hr"], ["2.", "Ivo KOVAČ", "DORH", "ivo@dorh.hr"]]
    )
    second = docx_table([["3.", "Tomasz NOWAK", "UNODC", "tomasz.nowak@un.org"]])
    other = docx_table([["Room", "Day"], ["Hall A", "Monday"]])
    body = first + docx_paragraph("") + second + docx_paragraph("Rooms") + other
    fp = plan_file(write_docx(tmp_path / "list.docx", body))
    assert [r.contact.family_name for r in fp.rows() if r.contact] == ["Marić", "Kovač", "Nowak"]
    assert [p.sheet.name for p in fp.usable] == ["Table 1", "Table 2"]
