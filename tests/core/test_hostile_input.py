"""Hostile input: property-based tests and a bounded fuzz run (hypothesis) over the file readers of the import.

Whatever the bytes, reading and planning a file either works or raises DirectoryError with one line: no other
exception, no hang (hypothesis' deadline catches a slow example), nothing written. Oversized files and zip bombs
are refused before they fill memory (tracemalloc measures what was allocated).
"""

from __future__ import annotations

import functools
import io
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory_app.core.importing import plan_file
from directory_app.core.records import DirectoryError
from tests.core.import_helpers import PDF_PEOPLE, write_ruled_pdf, write_xlsx

FUZZ = settings(
    max_examples=150,
    deadline=2000,  # ms per example: a reader that hangs on some input fails here
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def _read_all(path: Path) -> None:
    """Read and plan a file the way the import does, and walk every row it would import."""
    try:
        plan = plan_file(path)
        for _row in plan.rows():
            pass
    except DirectoryError as exc:
        text = str(exc)
        assert text and "\n" not in text and "Traceback" not in text


def _valid_xlsx(tmp: Path) -> bytes:
    path = write_xlsx(
        tmp / "valid.xlsx",
        {"Participants": [["Surname", "Name", "Country", "E-mail"], ["Marić", "Ana", "Croatia", "ana@example.hr"]]},
    )
    return path.read_bytes()


def _damaged(path: Path, valid: bytes, flips: list[tuple[int, int]], cut: int | None) -> Path:
    """`valid` with some bytes changed, and cut short where `cut` says (a download broken off), written to `path`."""
    data = bytearray(valid)
    for pos, value in flips:
        data[pos % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    path.write_bytes(bytes(data))
    return path


def _refused(path: Path) -> str:
    """Plan `path`, which must be refused in one line without filling memory (tracemalloc): the message."""
    tracemalloc.start()
    try:
        with pytest.raises(DirectoryError) as caught:
            plan_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert "\n" not in message and peak < 50 * 1024 * 1024
    return message


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".txt", ".vcf"]))
def test_arbitrary_bytes_never_crash_a_reader(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    _read_all(path)


_cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=1+1", '=HYPERLINK("http://x")', "+381 11 123", "@SUM(A1)", "\x00", "\ufeff", "а" * 300]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
)


@FUZZ
@given(
    rows=st.lists(st.lists(_cell, max_size=12), max_size=30),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1250", "cp1251"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_with_any_cells_and_encodings(
    tmp_path: Path, rows: list[list[object]], encoding: str, delimiter: str
) -> None:
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows([["Surname", "Name", "E-mail", "Country"], *rows])
    path = tmp_path / "list.csv"
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    _read_all(path)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=20),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_damaged_xlsx_is_refused_or_read(tmp_path: Path, flips: list[tuple[int, int]], cut: int | None) -> None:
    _read_all(_damaged(tmp_path / "damaged.xlsx", _valid_xlsx(tmp_path), flips, cut))


@FUZZ
@given(
    members=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "[Content_Types].xml",
                    "xl/workbook.xml",
                    "xl/worksheets/sheet1.xml",
                    "xl/sharedStrings.xml",
                    "x",
                    "word/document.xml",
                ]
            ),
            st.binary(max_size=600),
        ),
        max_size=5,
        unique_by=lambda member: member[0],
    )
)
def test_zip_with_hostile_members(tmp_path: Path, members: list[tuple[str, bytes]]) -> None:
    path = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members:
            zf.writestr(name, body)
    _read_all(path)


def test_xml_entity_expansion_is_refused(tmp_path: Path) -> None:
    """A "billion laughs" shared-strings part: defused, never expanded."""
    src = tmp_path / "ok.xlsx"
    src.write_bytes(_valid_xlsx(tmp_path))
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    )
    evil = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = laughs.encode() if info.filename == "xl/sharedStrings.xml" else zin.read(info.filename)
            zout.writestr(info, body)
    tracemalloc.start()
    try:
        _read_all(evil)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def _with_sheet(tmp: Path, name: str, sheet: bytes) -> Path:
    src = tmp / "ok.xlsx"
    src.write_bytes(_valid_xlsx(tmp))
    out = tmp / name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = sheet if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info.filename)
            zout.writestr(info, body)
    return out


_SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


_DTDS = [
    # billion laughs
    '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>",
    '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # an external entity: a local file
    '<!-- a comment <with a bracket --><!DOCTYPE w SYSTEM "http://example.org/x.dtd">',  # DTD retrieval
]


@pytest.mark.parametrize("dtd", _DTDS)
def test_a_worksheet_with_a_dtd_is_refused_in_one_line(tmp_path: Path, dtd: str) -> None:
    """Sheets are parsed with the standard library's C parser (not defusedxml's slower one): a DTD, which no
    worksheet has and which every entity attack needs, is refused before any of it is read."""
    ref = "&a9;" if "a9" in dtd else "&x;" if 'SYSTEM "file' in dtd else "Marić"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{dtd}<worksheet {_SHEET_NS}><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>Surname</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t>'
        f'</is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>{ref}</t></is></c><c r="B2" t="inlineStr">'
        "<is><t>Ana</t></is></c></row></sheetData></worksheet>"
    ).encode()
    message = _refused(_with_sheet(tmp_path, "dtd.xlsx", sheet))
    assert message.startswith("dtd.xlsx: refused as unsafe") and "DTD" in message


@pytest.mark.parametrize("dtd", _DTDS)
def test_the_sheet_parser_itself_refuses_a_dtd(dtd: str) -> None:
    """openpyxl's load happens to meet a sheet's DTD first (defusedxml, while it looks for the sheet's size);
    the importer's own sheet parser refuses it too instead of relying on that."""
    from directory_app.core.importing import reading

    xml = f'<?xml version="1.0"?>{dtd}<worksheet {_SHEET_NS}><sheetData/></worksheet>'.encode()
    with pytest.raises(reading._UnsafeXml):
        list(reading._sheet_events(io.BytesIO(xml)))
    assert [e.tag for _, e in reading._sheet_events(io.BytesIO(xml.replace(dtd.encode(), b"")))][-1].endswith(
        "worksheet"
    )


def test_a_worksheet_in_utf16_reads_like_utf8(tmp_path: Path) -> None:
    """XML may be UTF-16 (with a byte-order mark); the DTD check reads the prolog with expat, which knows."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-16"?><worksheet {_SHEET_NS}><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Surname</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t>'
        '</is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Đorđević</t></is></c><c r="B2" t="inlineStr">'
        "<is><t>Ана</t></is></c></row></sheetData></worksheet>"
    )
    path = _with_sheet(tmp_path, "utf16.xlsx", sheet.encode("utf-16"))
    rows = [r.contact for r in plan_file(path).rows() if r.contact is not None]
    assert [(c.family_name, c.given_name) for c in rows] == [("Đorđević", "Ана")]


def test_zip_bomb_refused_before_it_fills_memory(tmp_path: Path) -> None:
    src = tmp_path / "ok.xlsx"
    src.write_bytes(_valid_xlsx(tmp_path))
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of spaces, about 300 KB compressed
                fh.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    assert "bomb.xlsx" in _refused(bomb)


def test_oversized_text_file_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as fh:
        fh.write(b"Surname,Name,E-mail\n")
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    assert "huge.csv" in _refused(big)


def test_zip_entry_needing_a_newer_zip_version_is_refused_in_one_line(tmp_path: Path) -> None:
    """Found by the fuzz run: zipfile raises NotImplementedError("zip file version 6.4") on such an entry."""
    data = bytearray(_valid_xlsx(tmp_path))
    start = 0
    while (entry := data.find(b"PK\x01\x02", start)) >= 0:
        data[entry + 6] = 64  # "version needed to extract" of the central directory entry
        start = entry + 4
    path = tmp_path / "newer.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(DirectoryError, match=r"newer.xlsx: damaged file.*zip file version 6.4"):
        plan_file(path)


@functools.cache
def _valid_pdf() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_ruled_pdf(Path(folder) / "list.pdf", PDF_PEOPLE[:3]).read_bytes()


@settings(FUZZ, max_examples=40)
@given(
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=20),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_damaged_pdf_is_refused_or_read(tmp_path: Path, flips: list[tuple[int, int]], cut: int | None) -> None:
    """A list of participants as a PDF, bytes changed or cut short (a download broken off): read, or refused in one
    line; pdfminer's own errors never reach the user."""
    _read_all(_damaged(tmp_path / "damaged.pdf", _valid_pdf(), flips, cut))


_HTML_PIECES = st.sampled_from([
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td colspan='3'>", "<td rowspan=2>",
    "<td colspan='x'>", "<tr style='display:none'>", "<caption>", "</caption>", "<br>", "<p>", "</p>",
    "<div hidden>", "</div>", "<pre>", "</pre>", "<script>", "</script>", "<a href='mailto:a@b.hr'>", "</a>",
    "<frameset>", "&nbsp;", "&#0;", "Name", "E-mail", "Ana Marić", "ana@mup.hr", "+385 1 612 2111", "\n",
])  # fmt: skip
_XML_PIECES = st.sampled_from([
    "<Worksheet ss:Name='S'>", "</Worksheet>", "<Table>", "</Table>", "<Row>", "</Row>", "<Row ss:Index='9'>",
    "<Row ss:Hidden='1' ss:Span='3'>", "<Cell>", "</Cell>", "<Cell ss:Index='4'>", "<Cell ss:MergeAcross='99999'>",
    "<Cell ss:MergeDown='-2'>", "<Cell ss:Index='99999999'>", "<Data ss:Type='String'>", "<Data ss:Type='Number'>",
    "<Data ss:Type='DateTime'>", "</Data>", "<Column ss:Hidden='1' ss:Span='7'/>", "Name", "Ana Marić", "12.5",
    "2024-05-20T00:00:00.000", "ana@mup.hr",
])  # fmt: skip


@FUZZ
@given(pieces=st.lists(_HTML_PIECES, max_size=60))
def test_any_mixture_of_table_tags_is_read_or_refused(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body>" + "".join(pieces), encoding="utf-8")
    _read_all(path)


@FUZZ
@given(pieces=st.lists(_XML_PIECES, max_size=60))
def test_any_mixture_of_spreadsheet_2003_elements_is_read_or_refused(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "export.xml"
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' + "".join(pieces) + "</Workbook>",
        encoding="utf-8",
    )
    _read_all(path)


def test_a_value_typed_by_accident_far_from_the_list(tmp_path: Path) -> None:
    """A value at the foot of the sheet (row 1,048,576, after Ctrl+Down) and one in its last column (XFD) made a
    million empty rows sixteen thousand cells wide: the read was killed for want of memory. The empty stretch is
    left out, the list read as it is, its rows keeping their numbers."""
    import openpyxl

    path = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Surname", "Name", "Country", "E-mail"], ["Marić", "Ana", "Croatia", "Send e-mail"],
                ["Kovač", "Ivo", "Croatia", "ivo.kovac@mup.hr"]):  # fmt: skip
        ws.append(row)
    ws["D2"].hyperlink = "mailto:ana.maric@mup.hr"
    ws["J1048576"] = "x"
    ws["XFD3"] = "?"
    wb.save(path)
    tracemalloc.start()
    try:
        plan = plan_file(path)
        people = [(r.row_number, r.contact.family_name, [e.address for e in r.contact.emails])
                  for r in plan.rows() if r.contact]  # fmt: skip
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert people == [(2, "Marić", ["ana.maric@mup.hr"]), (3, "Kovač", ["ivo.kovac@mup.hr"])]
    sheet = plan.workbook.sheets[0]
    assert (len(sheet.rows), sheet.row_numbers[-1], len(sheet.rows[0])) == (54, 1_048_576, 6)
    assert peak < 50 * 1024 * 1024
