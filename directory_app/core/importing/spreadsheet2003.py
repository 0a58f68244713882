"""Reading Excel's XML Spreadsheet 2003 (SpreadsheetML, an .xml file, often named .xls by the web applications and
HR or case-management systems that export it) into the same grids as .xlsx.

Written by hand over defusedxml's iterparse: openpyxl, xlrd and LibreOffice's Python bindings do not read this
format, and no maintained library on PyPI does. Its model is small (Microsoft's "XML Spreadsheet Reference"):
Worksheet > Table > Row > Cell > Data, with ss:Index to skip rows and cells, ss:MergeAcross and ss:MergeDown for
merged cells, ss:Hidden rows and columns, and a sheet hidden in its WorksheetOptions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from directory_app.core.importing.reading import (
    CellValue,
    Sheet,
    Workbook,
    apply_merges,
    check_size,
    grid_sheet,
    zipped_xml_errors,
)
from directory_app.core.records import DirectoryError

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = "{" + SPREADSHEET_NS + "}"
_X = "{urn:schemas-microsoft-com:office:excel}"
# The largest sheet Excel has (rows, columns): an index beyond is a damaged or hostile file's.
_MAX_ROW, _MAX_COL = 1_048_576, 16_384


def read_spreadsheet_2003(path: Path) -> Workbook:
    """Every sheet of an XML Spreadsheet 2003 file: values, merged cells, hidden rows, columns and sheets,
    formulas with their saved results."""
    from defusedxml.ElementTree import iterparse

    check_size(path)
    reader = _Reader()
    with zipped_xml_errors(path, "XML spreadsheet"), path.open("rb") as fh:
        for event, elem in iterparse(fh, events=("start", "end"), forbid_dtd=True):
            reader.step(event, elem)
    if not reader.sheets:
        raise DirectoryError(f"{path.name}: an XML spreadsheet without a worksheet in it")
    return Workbook(path, "xml", reader.sheets)


class _Reader:
    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._start_sheet("")  # what stands outside a worksheet (in a damaged file) is read into none

    def _start_sheet(self, name: str) -> None:
        self.name = name
        self.grid: dict[tuple[int, int], object] = {}
        self.formulas: dict[tuple[int, int], str] = {}
        self.ranges: list[tuple[int, int, int, int]] = []
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self.hidden = False
        self.row = self.column = self.col = 0

    def step(self, event: str, elem) -> None:  # elem: an ElementTree element
        tag = elem.tag
        if event == "start":
            if tag == f"{_SS}Worksheet":
                self._start_sheet(elem.get(f"{_SS}Name") or f"Sheet{len(self.sheets) + 1}")
            elif tag == f"{_SS}Row":
                self.row = _index(elem, self.row + 1, _MAX_ROW)
                self.col = 0
                if elem.get(f"{_SS}Hidden") in ("1", "true"):
                    span = min(_int(elem.get(f"{_SS}Span"), 0), 1000)
                    self.hidden_rows.update(range(self.row, self.row + span + 1))
            return
        if tag == f"{_SS}Column":
            self.column = _index(elem, self.column + 1, _MAX_COL)
            span = min(_int(elem.get(f"{_SS}Span"), 0), 1000)
            if elem.get(f"{_SS}Hidden") in ("1", "true"):
                self.hidden_cols.update(range(self.column - 1, self.column + span))
            self.column += span
        elif tag == f"{_SS}Cell":
            self._cell(elem)
            elem.clear()
        elif tag == f"{_SS}Row":
            self.row += min(_int(elem.get(f"{_SS}Span"), 0), _MAX_ROW)
            elem.clear()
        elif tag == f"{_X}Visible":
            self.hidden = (elem.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
        elif tag == f"{_SS}Worksheet" and self.name:
            merged_below = apply_merges(self.grid, self.ranges)
            sheet = grid_sheet(
                self.name, self.grid, self.formulas, self.hidden_rows, self.hidden_cols, self.hidden, merged_below
            )
            self.sheets.append(sheet)
            elem.clear()

    def _cell(self, cell) -> None:
        self.col = _index(cell, self.col + 1, _MAX_COL)
        across = min(_int(cell.get(f"{_SS}MergeAcross"), 0), _MAX_COL - self.col)
        down = min(_int(cell.get(f"{_SS}MergeDown"), 0), _MAX_ROW - self.row)
        key = (self.row, self.col)
        data = cell.find(f"{_SS}Data")
        value = _value(data) if data is not None else None
        if value is not None:
            self.grid[key] = value
        if formula := cell.get(f"{_SS}Formula"):
            self.formulas[key] = formula.lstrip("=")
        if across or down:
            self.ranges.append((self.col, self.row, self.col + across, self.row + down))
        self.col += across


def _int(text: str | None, default: int) -> int:
    try:
        return max(0, int(text)) if text is not None else default
    except ValueError:
        return default


def _index(elem, default: int, limit: int) -> int:
    """A row's or cell's ss:Index (1-based), where it skips ahead; never backwards, never beyond Excel's sheet."""
    index = _int(elem.get(f"{_SS}Index"), default)
    return min(max(index, default), limit)


def _value(data) -> CellValue:
    """A Data element's value by its ss:Type; rich text (html:Font runs inside ss:Data) read as its text."""
    kind = data.get(f"{_SS}Type", "String")
    text = "".join(data.itertext())
    try:
        if kind == "Number":
            return float(text)
        if kind == "DateTime":
            stamp = datetime.fromisoformat(text.strip())
            return stamp.date() if stamp.time() == datetime.min.time() else stamp
        if kind == "Boolean":
            return text.strip() in ("1", "true", "TRUE")
        if kind == "Error":
            return None
    except ValueError:
        pass  # a value a program wrote wrong: its text is what there is
    return text if text.strip() else None
