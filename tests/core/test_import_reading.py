"""Reading files: format from bytes, bombs, broken files, CSV encodings and delimiters, xlsx facts, .xls."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from directory_app.core.importing import plan_file, read_workbook
from directory_app.core.importing.reading import cell_text, clean_value, decode_text, sniff_delimiter
from directory_app.core.records import DirectoryError
from tests.core.import_helpers import set_cached_values, write_csv, write_ods, write_xlsx

NAMES = [["Prezime", "Ime", "Država", "E-mail"], ["Đorđević", "Đurđa", "Srbija", "dj@example.org"],
         ["Šćekić", "Žarko", "Crna Gora", "zs@example.org"]]  # fmt: skip


def test_format_is_decided_by_bytes_not_extension(tmp_path: Path) -> None:
    xlsx_named_csv = write_xlsx(tmp_path / "list.csv", {"People": NAMES})
    wb = read_workbook(xlsx_named_csv)
    assert wb.kind == "xlsx"
    csv_named_xlsx = write_csv(tmp_path / "list.xlsx", NAMES)
    assert read_workbook(csv_named_xlsx).kind == "csv"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 blah", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"PK\x03\x04garbage that is not a zip", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
    ],
)
def test_broken_or_foreign_files_get_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    with pytest.raises(DirectoryError) as info:
        read_workbook(path)
    text = str(info.value)
    assert message in text and "\n" not in text and "input.xlsx" in text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="no such file"):
        read_workbook(tmp_path / "nope.xlsx")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(DirectoryError, match="Word document"):
        read_workbook(path)


def test_encrypted_office_file_is_named_as_such(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE2 container holding EncryptionInfo and EncryptedPackage streams.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(DirectoryError, match="encrypted"):
        read_workbook(path)


def test_decompression_bomb_is_refused_before_openpyxl(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {"People": NAMES})
    bomb = tmp_path / "bomb2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        # 100 MB of the same row compresses to a few hundred KB.
        dst.writestr("xl/worksheets/sheet9.xml", b"<row><c><v>1</v></c></row>" * 4_000_000)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(DirectoryError, match="unsafe"):
        read_workbook(bomb)


def test_integral_floats_become_integers_never_repr() -> None:
    assert clean_value(38163222333.0) == 38163222333
    assert cell_text(clean_value(12.0)) == "12"
    assert cell_text(clean_value(1.5)) == "1.5"
    assert clean_value(float("nan")) is None
    assert clean_value("   ") is None


@pytest.mark.parametrize(
    "encoding", ["cp1250", "cp1251", "cp1252", "cp1254", "iso8859_2", "cp1253", "utf-8", "utf-8-sig"]
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    """Latin-2 was read as cp1250 ("©Ćekić", "Drľava": the country column lost) and Greek refused."""
    rows = {
        "cp1250": [["Prezime", "Ime", "E-mail"], ["Đorđević", "Đurđa", "a@example.org"],
                   ["Šćekić", "Žarko", "b@example.org"], ["Kovačević", "Čedomir", "c@example.org"]],
        "cp1251": [["Фамилия", "Имя", "E-mail"], ["Петренко", "Наталия", "a@example.org"],
                   ["Стојановић", "Драган", "b@example.org"]],
        "cp1252": [["Nom", "Prénom", "Courriel"], ["Lefèvre", "Hélène", "a@example.org"],
                   ["Müller", "Jürgen", "b@example.org"], ["Françoise", "Noël", "c@example.org"]],
        "cp1254": [["Soyadı", "Adı", "E-posta"], ["Özdemir", "Ayşe", "a@example.org"],
                   ["Yılmaz", "Şükrü", "b@example.org"], ["Güneş", "İlknur", "c@example.org"]],
        "iso8859_2": [["Ime", "Prezime", "Država"], ["Đorđe", "Šćekić", "Crna Gora"],
                      ["Željko", "Šarić", "Hrvatska"], ["Žana", "Šehić", "BiH"]],
        "cp1253": [["Όνομα", "Επώνυμο", "Email"], ["Δημήτρης", "Αντωνίου", "d.antoniou@example.gr"],
                   ["Ελένη", "Παπαδάκη", "e.papadaki@example.gr"]],
    }.get(encoding, NAMES)  # fmt: skip
    path = write_csv(tmp_path / "list.csv", rows, encoding=encoding, delimiter=";")
    wb = read_workbook(path)
    assert wb.delimiter == ";"
    got = [[cell_text(c.value) for c in row] for row in wb.sheets[0].rows]
    assert got == rows
    assert wb.encoding == ("utf-8" if encoding.startswith("utf") else encoding)


def test_a_windows_list_is_not_read_as_latin_2(tmp_path: Path) -> None:
    """Outlook's export from a German Windows (cp1252): read as Latin-2, its ž and š were control characters
    ("Tu\x9eila\x9atvo BiH"), as no word told the two code pages apart."""
    rows = [["Vorname", "Nachname", "Firma", "E-Mail-Adresse"], ["Emir", "Hadžiahmetovic", "Tužilaštvo BiH", "e@t.ba"],
            ["Žarko", "Šaric", "MUP", "z@mup.hr"]]  # fmt: skip
    wb = read_workbook(write_csv(tmp_path / "outlook.csv", rows, encoding="cp1252", delimiter=";"))
    assert [[cell_text(c.value) for c in row] for row in wb.sheets[0].rows] == rows
    assert wb.encoding in ("cp1250", "cp1252")


@pytest.mark.parametrize(
    ("encoding", "rows"),
    [
        ("cp1252", [["Séminaire régional sur la traite des êtres humains – Strasbourg, 14-15 octobre 2025"] + [""] * 4,
                    [""] * 5, ["Civilité", "NOM", "Prénom", "Fonction", "Organisme"],
                    ["Mme", "DUBOIS", "Claire", "Magistrate de liaison", "Ministère de la Justice"],
                    ["M.", "MARTIN", "Jean-Pierre", "Commandant de police", "OCRTEH"]]),
        ("cp1250", [["Prezime", "Ime"], ["Kovačević", "Renée"], ["Babić", "Ana"]]),
        ("cp1250", [["Prezime", "Ime"], ["Kovač", "Renée"]]),  # a foreign name, and nothing else to tell
    ],
)  # fmt: skip
def test_a_french_list_is_not_read_in_the_central_european_code_page(tmp_path: Path, encoding: str, rows) -> None:
    """A French list in cp1252 was read as cp1250: "Ministčre", "ętre". Each word was of one alphabet, and the
    tie went to the first code page."""
    path = write_csv(tmp_path / "list.csv", rows, encoding=encoding, delimiter=";")
    wb = read_workbook(path)
    assert wb.encoding == encoding
    assert [[cell_text(c.value) for c in row] for row in wb.sheets[0].rows] == rows


def test_csv_encoding_override(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [["Prezime", "Ime"], ["Đorđević", "Đurđa"]], encoding="cp1250")
    forced = read_workbook(path, encoding="cp1252")  # the wrong code page garbles, silently: the user decides
    assert forced.encoding == "cp1252" and forced.encoding_guessed is False
    assert cell_text(forced.sheets[0].rows[1][0].value) != "Đorđević"
    assert cell_text(read_workbook(path, encoding="cp1250").sheets[0].rows[1][0].value) == "Đorđević"
    with pytest.raises(DirectoryError, match="utf-8"):
        decode_text("Đorđević".encode("cp1250"), "utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    rows = [["Surname", "Name", "Organisation"], ["Marić", "Ana", "Ministry of Justice, Sector for ..."]]
    path = write_csv(tmp_path / "list.txt", rows, delimiter=delimiter)
    wb = read_workbook(path)
    assert wb.delimiter == delimiter
    assert [cell_text(c.value) for c in wb.sheets[0].rows[1]] == rows[1]
    assert sniff_delimiter("a;b;c\n1;2;3\n") == ";"


def _s(text: str, **attrs: str) -> str:
    extra = "".join(f' table:{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{text}</text:p></table:table-cell>'


def test_ods_files_from_libreoffice(tmp_path: Path) -> None:
    """LibreOffice's own format was refused ("save it as .xlsx"). Typed values, merged cells, hidden rows,
    columns and sheets, formulas, and the sheet's end repeated a million times over."""
    body = (
        '<table:table table:name="Učesnici"><table:table-column table:number-columns-repeated="5"/>'
        '<table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="1018"/>'
        "<table:table-row>"
        + _s("Regional seminar, Sarajevo", number_columns_spanned="4")
        + '<table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>'
        "<table:table-row>"
        + "".join(_s(h) for h in ("Ime", "Prezime", "Institucija", "Telefon", "Od", "Tajno"))
        + "</table:table-row>"
        "<table:table-row>"
        + _s("Amra")
        + _s("Hodžić")
        + _s("Tužilaštvo BiH", number_rows_spanned="2")
        + '<table:table-cell office:value-type="float" office:value="38733221599"><text:p>38733221599</text:p>'
        '</table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-12">'
        "<text:p>12.03.24</text:p></table:table-cell>" + _s("x") + "</table:table-row>"
        "<table:table-row>" + _s("Mirza") + _s("Delić") + "<table:covered-table-cell/>"
        '<table:table-cell table:formula="of:=[.D3]+1" office:value-type="float" office:value="38733221600">'
        "<text:p>38733221600</text:p></table:table-cell>"
        '<table:table-cell table:formula="of:=TODAY()"/></table:table-row>'
        '<table:table-row table:visibility="collapse">' + _s("Skriven") + _s("Red") + "</table:table-row>"
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Ana<text:s text:c="2"/>'
        "<text:span>Marija</text:span></text:p><office:annotation><text:p>a comment</text:p></office:annotation>"
        "</table:table-cell>" + _s("Kovač") + '<table:table-cell office:value-type="boolean" '
        'office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/>'
        "</table:table-row></table:table>"
        '<table:table table:name="Stari" table:style-name="ta2"><table:table-row>'
        + _s("Ime")
        + _s("E-mail")
        + "</table:table-row></table:table>"
    )
    styles = (
        '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/>'
        "</style:style>"
    )
    wb = read_workbook(write_ods(tmp_path / "ucesnici.ods", body, styles=styles))
    first, old = wb.sheets
    assert wb.kind == "ods" and (first.name, first.hidden, old.hidden) == ("Učesnici", False, True)
    values = [[c.value for c in row] for row in first.rows]
    assert values == [
        ["Regional seminar, Sarajevo", None, None, None, None, None],
        ["Ime", "Prezime", "Institucija", "Telefon", "Od", "Tajno"],
        ["Amra", "Hodžić", "Tužilaštvo BiH", 38733221599, date(2024, 3, 12), "x"],
        ["Mirza", "Delić", "Tužilaštvo BiH", 38733221600, None, None],
        ["Skriven", "Red", None, None, None, None],
        ["Ana  Marija", "Kovač", True, None, None, None],
    ]
    assert first.hidden_rows == {5} and first.hidden_columns == {5} and (4, 2) in first.merged_below
    formula, missing = first.rows[3][3], first.rows[3][4]
    assert (formula.formula, formula.missing_value) == ("=[.D3]+1", False)
    assert (missing.formula, missing.missing_value) == ("=TODAY()", True)
    people = [(r.contact.given_name, r.contact.organisation) for r in plan_file(wb.path).rows() if r.contact]
    assert people[:2] == [("Amra", "Tužilaštvo BiH"), ("Mirza", "Tužilaštvo BiH")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mimetype": "application/vnd.oasis.opendocument.presentation"}, "an OpenDocument file but not a spreadsheet"),
        ({"manifest_extra": "<manifest:encryption-data/>"}, "is encrypted"),
        ({"prolog": '<!DOCTYPE x [<!ENTITY a "aaaa">]>'}, "refused as unsafe"),
    ],
)
def test_ods_files_that_cannot_be_read(tmp_path: Path, kwargs: dict, message: str) -> None:
    path = write_ods(tmp_path / "list.ods", '<table:table table:name="S"/>', **kwargs)
    with pytest.raises(DirectoryError, match=message):
        read_workbook(path)


def test_excel_delimiter_line_is_read_not_imported(tmp_path: Path) -> None:
    """Excel's "sep=;" first line was taken for the event's title, and the delimiter sniffed instead of read."""
    path = tmp_path / "list.csv"
    path.write_text("sep=;\nSurname;Name;Organisation\nMarić;Ana;Ministry of Justice, Zagreb\n", encoding="utf-8")
    wb = read_workbook(path)
    assert wb.delimiter == ";" and wb.sheets[0].row_numbers == [2, 3]
    assert [cell_text(c.value) for c in wb.sheets[0].rows[1]] == ["Marić", "Ana", "Ministry of Justice, Zagreb"]
    assert plan_file(path).sheets[0].title_lines == []


INVITATION = """Dear colleagues,

On behalf of the OSCE Mission to Skopje, we are pleased to invite you to the regional workshop on joint
investigations, to be held in Ohrid on 12-13 March 2025. Participants from the prosecution, the police and
the border police of each country are expected, together with a contact point of the central authority.

Please send the names, e-mail addresses and phone numbers of your delegation by 20 February, and indicate
whether interpretation into English, Albanian or Macedonian is needed.

With kind regards,
The organising team
"""


def test_a_letter_or_readme_is_refused_not_read_as_people(tmp_path: Path) -> None:
    """A sentence naming "country" and "phones" was taken for a header and the lines below it for people."""
    for name, text in (("invitation.txt", INVITATION), ("README.md", "# Lists\n\n" + INVITATION.replace("\n\n", "\n"))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DirectoryError) as info:
            read_workbook(path)
        assert str(info.value).startswith(f"{name} is text, not a table") and "\n" not in str(info.value)


def test_tables_with_prose_around_them_and_lists_of_names_are_still_read(tmp_path: Path) -> None:
    preamble = "".join(INVITATION.splitlines(keepends=True)[2:5])
    table = "Surname,Name,E-mail\n" + "".join(f"Marić,Ana{i},ana{i}@example.org\n" for i in range(4))
    names = "Participants\nAna Marić\nMarko Petrović\nЈован Јовановић\nElira Hoxha\n"
    for name, text in (("with-letter.csv", preamble + table), ("names.txt", names)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert read_workbook(path).kind == "csv"
    plan = plan_file(tmp_path / "with-letter.csv").sheets[0]
    assert plan.headers == ["Surname", "Name", "E-mail"] and "email" in plan.mapping


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_its_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """It was refused as "a binary file"."""
    path = tmp_path / "list.txt"
    path.write_bytes("Prezime\tIme\r\nĐorđević\tĐurđa\r\nПетровић\tМарко\r\n".encode(encoding))
    wb = read_workbook(path)
    assert (wb.encoding, wb.delimiter) == (encoding, "\t")
    assert [[cell_text(c.value) for c in row] for row in wb.sheets[0].rows][2] == ["Петровић", "Марко"]


def test_xlsx_merged_hidden_and_formulas(tmp_path: Path) -> None:
    rows = [
        ["Participants"],
        ["Surname", "Name", "Country", "E-mail"],
        ["Marić", "Ana", "Croatia", "ana@example.org"],
        ["Horvat", "Ivo", None, "ivo@example.org"],  # Country merged down from the row above
        ["Kovač", '=UPPER("ivana")', "Croatia", "ivana@example.org"],
        ["Babić", '=LOWER("x")', "Croatia", "x@example.org"],
    ]
    path = write_xlsx(
        tmp_path / "f.xlsx", {"People": rows, "Lookups": [["BiH"], ["Srbija"]]},
        hidden_rows={"People": {4}}, hidden_sheets=["Lookups"], merges={"People": ["A1:D1", "C3:C4"]},
    )  # fmt: skip
    set_cached_values(path, {"B5": "IVANA"})
    wb = read_workbook(path)
    people, lookups = wb.sheets
    assert lookups.hidden and not people.hidden
    assert people.hidden_rows == {4}
    assert people.rows[3][2].value == "Croatia"  # merged down
    assert people.rows[0][1].value is None  # a title merged across is not copied into every column
    ivana = people.rows[4][1]
    assert ivana.value == "IVANA" and ivana.formula == '=UPPER("ivana")' and not ivana.missing_value
    babic = people.rows[5][1]
    assert babic.value is None and babic.missing_value


def _normal_mode_grid(path: Path) -> list[dict]:
    """The reference: what openpyxl's normal (non read-only) mode sees, reduced as the importer reduces cells."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        cells = {k: clean_value(c.value) for k, c in ws._cells.items() if c.value is not None}
        for rng in ws.merged_cells.ranges:  # merged down: the importer copies the top value into each row
            for r in range(rng.min_row + 1, rng.max_row + 1):
                cells[(r, rng.min_col)] = cells.get((rng.min_row, rng.min_col))
        cells = {k: v for k, v in cells.items() if v is not None}
        hidden_rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
        hidden_cols = set()
        for d in ws.column_dimensions.values():
            if d.hidden:
                hidden_cols.update(range(d.min - 1, d.max))
        out.append({"name": ws.title, "cells": cells, "rows": hidden_rows, "cols": hidden_cols,
                    "hidden": ws.sheet_state != "visible"})  # fmt: skip
    return out


def test_xlsx_reader_sees_what_openpyxl_normal_mode_sees(tmp_path: Path) -> None:
    """The importer parses sheets with openpyxl's parser directly (read-only speed); every fact a registration
    list needs must be what a normal-mode load gives: values of each type, merges, hidden rows and columns."""
    from datetime import date, datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Lista"
    ws.append(["Regional seminar, Tirana 2019"])
    ws.append(["Nr.", "PREZIME", "Ime", "Datum", "Telefon", "Potvrđeno", "Iznos", "Institucija"])
    ws.append([1, "ĐORĐEVIĆ", "Đurđa", date(2019, 5, 14), 38163123456, True, 12.5, "Tužilaštvo"])
    ws.append([2, "ŠĆEKIĆ", "Žarko", datetime(2019, 5, 15, 9, 30), "+382 67 123 456", False, 3.0, None])
    ws.append([3, "Јовановић", "Ана", None, None, None, None, None])
    ws.merge_cells("A1:H1")
    ws.merge_cells("H3:H4")  # one institution for two people
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions.group("F", "G", hidden=True)
    other = wb.create_sheet("Skriveno")
    other.append(["x"])
    other.sheet_state = "hidden"
    path = tmp_path / "types.xlsx"
    wb.save(path)

    expected = _normal_mode_grid(path)
    got = read_workbook(path).sheets
    assert [s.name for s in got] == [e["name"] for e in expected]
    for sheet, ref in zip(got, expected, strict=True):
        cells = {
            (r, c + 1): cell.value
            for r, row in zip(sheet.row_numbers, sheet.rows, strict=True)
            for c, cell in enumerate(row)
            if cell.value is not None
        }
        assert cells == ref["cells"]
        assert (
            sheet.hidden_rows == ref["rows"] and sheet.hidden_columns == ref["cols"] and sheet.hidden == ref["hidden"]
        )
    lista = got[0]
    assert lista.rows[2][3].value == datetime(2019, 5, 14) and lista.rows[2][4].value == 38163123456
    assert lista.rows[3][7].value == "Tužilaštvo" and lista.hidden_columns == {5, 6}


def test_inline_and_rich_text_strings_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    """Programs write text as inline strings, sometimes in rich-text runs with phonetic hints; the reader takes
    their text itself (openpyxl's rich-text model is slow) and must get what openpyxl gets."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Surname", "Name"])
    ws.append(["RICH", "Ana"])
    ws.append(["SPACED", "Ivo"])
    ws.append(["EMPTY", "Zoran"])
    path = tmp_path / "rich.xlsx"
    wb.save(path)
    rich = (
        '<is><r><rPr><b/></rPr><t>Marić</t></r><r><t xml:space="preserve"> Kovač</t></r>'
        '<rPh sb="0" eb="1"><t>まり</t></rPh></is>'
    )
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<is><t>RICH</t></is>", rich)
    sheet = sheet.replace("<is><t>SPACED</t></is>", '<is><t xml:space="preserve">  Đorđević </t></is>')
    sheet = sheet.replace("<is><t>EMPTY</t></is>", "<is><t></t></is>")
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)

    reference = openpyxl.load_workbook(path).active
    got = read_workbook(path).sheets[0]
    for r in range(1, 5):
        assert got.rows[r - 1][0].value == clean_value(reference.cell(r, 1).value)
    assert got.rows[1][0].value == "Marić Kovač"
    assert got.rows[2][0].value == "  Đorđević "
    assert got.rows[3][0].value is None


def test_every_sheet_examined_and_headerless_sheets_reported(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx",
        {"Notes": [["Bring your passport"], ["Hotel: Aleksandar Palace"]], "Empty": [], "People": NAMES},
    )
    fp = plan_file(path)
    assert [p.sheet.name for p in fp.usable] == ["People"]
    reasons = {sheet: reason for _f, sheet, reason in fp.skipped_sheets()}
    assert "no header row" in reasons["Notes"] and reasons["Empty"] == "empty sheet"


def test_old_xls_files(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")  # test-only dependency
    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("Lista")
    for r, row in enumerate(
        [["Prezime", "Ime", "Telefon", "E-mail"], ["Đorđević", "Đurđa", 38163222333.0, "d@example.org"]]
    ):
        for c, v in enumerate(row):
            sh.write(r, c, v)
    sh.row(1).hidden = True
    path = tmp_path / "old.xlsx"  # wrong extension on purpose
    book.save(str(path))
    wb = read_workbook(path)
    assert wb.kind == "xls"
    assert [cell_text(c.value) for c in wb.sheets[0].rows[1]] == ["Đorđević", "Đurđa", "38163222333", "d@example.org"]
    assert wb.sheets[0].hidden_rows == {2}


def test_an_xls_file_of_an_odd_size_reads_without_xlrd_printing(tmp_path: Path, capsys) -> None:
    """Some programs pad an .xls file: xlrd printed "WARNING *** file size (5732) not 512 + multiple of sector
    size (512)" into the command line's output."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("P")
    for r, row in enumerate([["Name", "Surname", "E-mail"], ["Ana", "Kola", "ana@example.al"]]):
        for c, v in enumerate(row):
            sheet.write(r, c, v)
    path = tmp_path / "padded.xls"
    book.save(str(path))
    with path.open("ab") as fh:
        fh.write(b"\0" * 100)
    assert [cell_text(c.value) for c in read_workbook(path).sheets[0].rows[1]] == ["Ana", "Kola", "ana@example.al"]
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("stream", "message"),
    [("WordDocument", "list.doc is an old Word document (.doc): save it in Word as a .docx to import its tables"),
     ("PowerPoint Document", "list.doc is a PowerPoint presentation, not a list"),
     ("Contents", "list.doc is an Office file but not an Excel workbook"),
     ("__substg1.0_0037001F",
      "list.doc is an Outlook message (.msg): save the list attached to it and import that file")],
)  # fmt: skip
def test_an_old_office_file_that_is_not_a_workbook_says_what_it_is(tmp_path: Path, stream: str, message: str) -> None:
    """A compound file written by xlwt, its one stream renamed as Word or PowerPoint name theirs (the directory
    entry's name and its length): what the reader sees of an old .doc or .ppt."""
    xlwt = pytest.importorskip("xlwt")  # test-only dependency
    book = xlwt.Workbook()
    book.add_sheet("Sheet1").write(0, 0, "x")
    path = tmp_path / "list.doc"
    book.save(str(path))
    data = bytearray(path.read_bytes())
    old, new = "Workbook\0".encode("utf-16-le"), (stream + "\0").encode("utf-16-le")
    at = data.index(old)
    data[at : at + 66] = new.ljust(64, b"\0") + len(new).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(DirectoryError) as error:
        read_workbook(path)
    assert str(error.value) == message


def test_an_address_in_a_cells_mail_link_is_the_e_mail(tmp_path: Path) -> None:
    """Lists copied from a web page or Outlook show "Send e-mail", or the person's name, with the address only in
    the cell's link: every such address was lost."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "Surname", "E-mail", "Country"])
    ws.append(["Ana", "Kola", "Send e-mail", "Albania"])
    ws["C2"].hyperlink = "mailto:ana.kola@asp.example.al?subject=Seminar"
    ws.append(["Ivo", "Ivić", "ivo@example.hr", "Croatia"])
    ws["C3"].hyperlink = "mailto:other@example.hr"  # the text is an address: it is the one kept
    ws.append(["Eva", "Novak", "", "Slovenia"])
    ws["A4"].hyperlink = "mailto:eva.novak%40example.si"  # the name links to the address
    ws.append(["Iva", "Babić", "", "Croatia"])
    ws["A5"].hyperlink = "https://www.example.hr/iva"  # a web page is not an address
    path = tmp_path / "links.xlsx"
    wb.save(path)
    rows = [r for r in plan_file(path).rows() if r.contact]
    assert [[e.address for e in r.contact.emails] for r in rows] == [
        ["ana.kola@asp.example.al"],
        ["ivo@example.hr"],
        ["eva.novak@example.si"],
        [],
    ]


@pytest.mark.parametrize(
    ("name", "members", "message"),
    [("list.xlsb", ["[Content_Types].xml", "xl/workbook.bin", "xl/worksheets/sheet1.bin"],
      "list.xlsb is an Excel binary workbook (.xlsb): save it in Excel as .xlsx first"),
     ("list.numbers", ["Index/Document.iwa", "Index/Tables/DataList.iwa", "Metadata/Properties.plist"],
      "list.numbers is an Apple Numbers or Pages document: export it from there as Excel (.xlsx) or Word (.docx)")],
)  # fmt: skip
def test_other_programs_workbooks_say_how_to_save_them(tmp_path: Path, name: str, members: list, message: str) -> None:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for member in members:
            zf.writestr(member, b"\x00\x01")
    with pytest.raises(DirectoryError, match=re.escape(message)):
        read_workbook(path)
