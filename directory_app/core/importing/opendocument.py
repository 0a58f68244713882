"""Reading OpenDocument spreadsheets (.ods, LibreOffice's own format) into the same grids as .xlsx, and the tables of
an OpenDocument text (.odt, a list of participants written in LibreOffice Writer) as a Word document's are read.

Written by hand over defusedxml's iterparse: openpyxl reads only Office Open XML, and the OpenDocument libraries
(odfpy, pyexcel-ods) load the whole document into a DOM with the standard XML parser (no protection against
entity bombs) and still leave walking the table to the caller. The table model is small: rows and cells with
repeat counts, spans for merged cells, and a typed value per cell (OpenDocument 1.2, part 1, section 9).
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from directory_app.core.importing.reading import (
    CellValue,
    Sheet,
    Workbook,
    apply_merges,
    grid_sheet,
    zipped_xml_errors,
)
from directory_app.core.importing.worddoc import TITLE_PARAGRAPHS, table_titles
from directory_app.core.records import DirectoryError

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FORM = "{urn:oasis:names:tc:opendocument:xmlns:form:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"

_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
# Repeat counts of empty rows and columns run to the sheet's end (1,048,576 rows): values are copied at most this
# many times, and empty rows and cells are only counted.
_MAX_REPEAT = 1000


def read_ods(path: Path, kind: str = "ods") -> Workbook:
    """Every sheet of an .ods file (already checked by `check_zip`): values, merged cells, hidden rows, columns
    and sheets, formulas with their saved results. With `kind` "odt", the tables of a text document, each under
    the paragraphs above it as its title rows (a short heading names it), as in a Word document."""
    what = ".ods file" if kind == "ods" else "OpenDocument text"
    with zipped_xml_errors(path, what), zipfile.ZipFile(path) as zf:
        manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in zf.namelist() else b""
        if b"encryption-data" in manifest:
            raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy first")
        with zf.open("content.xml") as fh:
            sheets = _Reader(document=kind == "odt").read(fh)
    if not sheets:
        if kind == "odt":
            raise DirectoryError(f"{path.name}: a text document without a table (a list is read from its tables)")
        raise DirectoryError(f"{path.name}: an OpenDocument file without a spreadsheet in it")
    return Workbook(path, kind, sheets)


_PARAGRAPHS = (f"{_TEXT}p", f"{_TEXT}h")


class _Reader:
    def __init__(self, document: bool = False) -> None:
        self.hidden_styles: set[str] = set()  # automatic table styles with table:display="false"
        self.sheets: list[Sheet] = []
        self.document = document  # a text document: its tables, under their paragraphs
        self.paragraphs: list[str] = []  # a text document's paragraphs since its last table
        self.tables = 0  # tables open (a table in a cell is read as the cell's text)
        # A form's check boxes and option buttons (office:forms), by id: the text a draw:control in a cell shows,
        # the box ticked or not ("☒ No"), as Word's check boxes are read (mapping._BOX).
        self.controls: dict[str, str] = {}

    def read(self, fh) -> list[Sheet]:
        from defusedxml.ElementTree import iterparse

        depth_in_cell = 0
        for event, elem in iterparse(fh, events=("start", "end"), forbid_dtd=True):
            tag = elem.tag
            if event == "start":
                if depth_in_cell:
                    depth_in_cell += tag in _CELLS  # a table in a cell: read as the cell's text
                elif tag == f"{_TABLE}table":
                    self.tables += 1
                    self._start_table(elem)
                elif tag == f"{_TABLE}table-row":
                    self.row_repeat = min(int(elem.get(f"{_TABLE}number-rows-repeated", "1")), 1_048_576)
                    self.row_hidden = elem.get(f"{_TABLE}visibility", "visible") != "visible"
                    self.col = 1
                    self.row_cells: list[tuple[int, CellValue, str | None, int, int]] = []
                elif tag in _CELLS:
                    depth_in_cell += 1
                continue
            if tag in (f"{_FORM}checkbox", f"{_FORM}radio"):
                ticked = (elem.get(f"{_FORM}current-state") or elem.get(f"{_FORM}state")) == "checked" or (
                    elem.get(f"{_FORM}current-selected") or elem.get(f"{_FORM}selected")
                ) == "true"
                label = " ".join((elem.get(f"{_FORM}label") or "").split())
                for key in (elem.get(f"{_FORM}id"), elem.get("{http://www.w3.org/XML/1998/namespace}id")):
                    if key:
                        self.controls[key] = f"{'☒' if ticked else '☐'} {label}".strip()
                continue
            if tag in _CELLS:
                depth_in_cell -= 1
                if depth_in_cell == 0:
                    self._end_cell(elem)
                    elem.clear()
            elif depth_in_cell:
                continue  # paragraphs inside a cell: read with the cell
            elif tag == f"{_TABLE}table-row":
                self._end_row()
                elem.clear()
            elif tag == f"{_TABLE}table-column":
                self._column(elem)
            elif tag == f"{_TABLE}table":
                self.tables -= 1
                self._end_table()
                elem.clear()
            elif self.document and not self.tables and tag in _PARAGRAPHS:
                if text := " ".join(_text(elem).split()):
                    self.paragraphs.append(text)
                    del self.paragraphs[:-TITLE_PARAGRAPHS]  # only the last ones can be a table's title
                elem.clear()
            elif tag == f"{_STYLE}style" and elem.get(f"{_STYLE}family") == "table":
                props = elem.find(f"{_STYLE}table-properties")
                if props is not None and props.get(f"{_TABLE}display") == "false":
                    self.hidden_styles.add(elem.get(f"{_STYLE}name", ""))
        return self.sheets

    def _start_table(self, elem) -> None:
        self.name = elem.get(f"{_TABLE}name", f"Sheet{len(self.sheets) + 1}")
        self.hidden = elem.get(f"{_TABLE}style-name", "") in self.hidden_styles
        self.grid: dict[tuple[int, int], object] = {}
        self.formulas: dict[tuple[int, int], str] = {}
        self.ranges: list[tuple[int, int, int, int]] = []
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self.row = 1
        self.next_column = 0
        self.title_rows = 0
        if self.document:
            self.name, titles = table_titles(self.paragraphs, len(self.sheets))
            for text in titles:
                self.grid[(self.row, 1)] = text
                self.row += 1
            self.title_rows = len(titles)
            self.paragraphs = []

    def _column(self, elem) -> None:
        repeat = min(int(elem.get(f"{_TABLE}number-columns-repeated", "1")), 16_384)
        if elem.get(f"{_TABLE}visibility", "visible") != "visible":
            self.hidden_cols.update(range(self.next_column, self.next_column + min(repeat, _MAX_REPEAT)))
        self.next_column += repeat

    def _end_cell(self, elem) -> None:
        repeat = min(int(elem.get(f"{_TABLE}number-columns-repeated", "1")), 16_384)
        value = _value(elem, self.controls)
        formula = elem.get(f"{_TABLE}formula")
        if formula:
            formula = formula.split(":", 1)[1] if formula[:3] in ("of:", "oo") else formula
        if value is not None or formula:
            spans = (
                int(elem.get(f"{_TABLE}number-columns-spanned", "1")),
                int(elem.get(f"{_TABLE}number-rows-spanned", "1")),
            )
            for i in range(min(repeat, _MAX_REPEAT)):
                self.row_cells.append((self.col + i, value, formula, *spans))
        self.col += repeat

    def _end_row(self) -> None:
        copies = min(self.row_repeat, _MAX_REPEAT) if self.row_cells else 0
        for offset in range(copies):
            r = self.row + offset
            for c, value, formula, col_span, row_span in self.row_cells:
                if value is not None:
                    self.grid[(r, c)] = value
                if formula:
                    self.formulas[(r, c)] = formula
                if col_span > 1 or row_span > 1:
                    self.ranges.append((c, r, c + col_span - 1, r + row_span - 1))
            if self.row_hidden:
                self.hidden_rows.add(r)
        self.row += self.row_repeat

    def _end_table(self) -> None:
        merged_below = apply_merges(self.grid, self.ranges)
        sheet = grid_sheet(
            self.name, self.grid, self.formulas, self.hidden_rows, self.hidden_cols, self.hidden, merged_below
        )
        if not self.document or any(r > self.title_rows for r, _c in self.grid):
            self.sheets.append(sheet)


def _value(cell, controls: dict[str, str] | None = None) -> CellValue:
    """A cell's value by its office:value-type; the text of its paragraphs for strings and unknown types."""
    kind = cell.get(f"{_OFFICE}value-type")
    try:
        if kind in ("float", "percentage", "currency"):
            return float(cell.get(f"{_OFFICE}value", ""))
        if kind == "date":
            text = cell.get(f"{_OFFICE}date-value", "")
            return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
        if kind == "boolean":
            return cell.get(f"{_OFFICE}boolean-value", "").lower() == "true"
    except ValueError:
        pass  # a value attribute a program wrote wrong: the text shown is what the user typed
    paragraphs = [_text(p, controls) for p in cell if p.tag == f"{_TEXT}p"]
    text = "\n".join(paragraphs)
    return text if text.strip() else (cell.get(f"{_OFFICE}string-value") or None)


def _text(elem, controls: dict[str, str] | None = None) -> str:
    """A paragraph's text: spans and links read through, runs of spaces (text:s), tabs and line breaks restored,
    comments (office:annotation) left out, a form's check box as the box and its label (`_Reader.controls`)."""
    parts = [elem.text or ""]
    for child in elem:
        tag = child.tag
        if tag == f"{_DRAW}control":
            parts.append(f" {(controls or {}).get(child.get(f'{_DRAW}control', ''), '')} ")
        elif tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif tag != f"{_OFFICE}annotation":
            parts.append(_text(child, controls))
        parts.append(child.tail or "")
    return "".join(parts)
