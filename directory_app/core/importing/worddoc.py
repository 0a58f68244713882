"""Reading the tables of a Word document (.docx): the list of participants as it is handed out after a seminar.

Each table is a sheet; the paragraphs above it are its title rows (where the event is named: "List of participants
- Regional Workshop ..., Skopje, 12-14 March 2025"), and a short heading just above a table ("Speakers") names it.
Cells merged across (gridSpan) and down (vMerge) are read as merged cells of a spreadsheet.

Written by hand over defusedxml's iterparse, like the .ods reader: python-docx would bring lxml, which openpyxl
then also uses in place of the defused parser, and still leaves merged cells to the caller. The part of
WordprocessingML a table needs is small (ECMA-376 part 1, 17.4: tbl, tr, tc, tcPr/gridSpan and vMerge; text in
w:t, tabs and breaks).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from directory_app.core.countries import resolve_country
from directory_app.core.importing.mapping import part_for_sheet
from directory_app.core.importing.reading import Sheet, Workbook, apply_merges, grid_sheet, zipped_xml_errors
from directory_app.core.records import DirectoryError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Paragraphs kept above a table as its title rows (the last ones before it), and the longest a heading that names
# the table may be.
TITLE_PARAGRAPHS = 6
_HEADING_LENGTH = 40
# Word's tables have at most 63 columns: spans and skipped cells beyond it are a damaged or hostile file's, and
# would make rows of millions of cells.
_MAX_COLUMNS = 63


def read_docx(path: Path) -> Workbook:
    """The tables of a .docx file (already checked by `check_zip`), one sheet each."""
    with zipped_xml_errors(path, "Word document"), zipfile.ZipFile(path) as zf, zf.open("word/document.xml") as fh:
        sheets = _Reader().read(fh)
    if not sheets:
        raise DirectoryError(f"{path.name}: a Word document without a table (a list is read from its tables)")
    return Workbook(path, "docx", sheets)


class _Reader:
    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self.paragraphs: list[str] = []  # the body's paragraphs since the last table
        self.depth = 0  # tables open (a table in a cell is read as the cell's text)

    def read(self, fh) -> list[Sheet]:
        from defusedxml.ElementTree import iterparse

        for event, elem in iterparse(fh, events=("start", "end"), forbid_dtd=True):
            tag = elem.tag
            if event == "start":
                if tag == f"{_W}tbl":
                    self.depth += 1
                    if self.depth == 1:
                        self._start_table()
                elif self.depth == 1 and tag == f"{_W}tr":
                    self.row += 1
                    self.col = 1
                continue
            if tag == f"{_W}tbl":
                self.depth -= 1
                if self.depth == 0:
                    self._end_table()
                    elem.clear()
            elif self.depth == 1 and tag == f"{_W}tc":
                self._end_cell(elem)
                elem.clear()
            elif self.depth == 1 and tag == f"{_W}trPr":
                self.col = min(self.col + _int(elem.find(f"{_W}gridBefore"), 0), _MAX_COLUMNS + 1)
                if elem.find(f"{_W}hidden") is not None:
                    self.hidden_rows.add(self.row)
            elif self.depth == 0 and tag == f"{_W}p":
                if text := " ".join(_text(elem).split()):
                    self.paragraphs.append(text)
                    del self.paragraphs[:-TITLE_PARAGRAPHS]  # only the last ones can be a table's title
                elem.clear()
        return self.sheets

    def _start_table(self) -> None:
        self.grid: dict[tuple[int, int], object] = {}
        self.ranges: list[tuple[int, int, int, int]] = []
        self.open_merges: dict[int, list[int]] = {}  # column -> [first row, last row] of a merge going down
        self.hidden_rows: set[int] = set()
        self.name, titles = table_titles(self.paragraphs, len(self.sheets))
        for text in titles:
            self.grid[(len(self.grid) + 1, 1)] = text
        self.row = len(self.grid)
        self.title_rows = self.row
        self.paragraphs = []

    def _end_cell(self, tc) -> None:
        props = tc.find(f"{_W}tcPr")
        span = min(_int(props.find(f"{_W}gridSpan") if props is not None else None, 1), _MAX_COLUMNS)
        merge = props.find(f"{_W}vMerge") if props is not None else None
        col = self.col
        if col > _MAX_COLUMNS:
            return  # beyond the last column a table can have
        if merge is not None and merge.get(f"{_W}val", "continue") != "restart" and col in self.open_merges:
            self.open_merges[col][1] = self.row  # merged down from the cell above: its value is theirs
        else:
            self._close_merge(col)
            text = "\n".join(t for p in tc.iter(f"{_W}p") if (t := _text(p).strip()))
            if text:
                self.grid[(self.row, col)] = text
            if merge is not None:
                self.open_merges[col] = [self.row, self.row]
            if span > 1:
                self.ranges.append((col, self.row, col + span - 1, self.row))
        self.col += span

    def _close_merge(self, col: int) -> None:
        if (rows := self.open_merges.pop(col, None)) is not None and rows[1] > rows[0]:
            self.ranges.append((col, rows[0], col, rows[1]))

    def _end_table(self) -> None:
        for col in list(self.open_merges):
            self._close_merge(col)
        merged_below = apply_merges(self.grid, self.ranges)
        sheet = grid_sheet(self.name, self.grid, {}, self.hidden_rows, set(), False, merged_below)
        if any(r > self.title_rows for r, _c in self.grid):
            self.sheets.append(sheet)


def table_titles(paragraphs: list[str], tables_before: int) -> tuple[str, list[str]]:
    """A document's table's name and its title rows, from the paragraphs above it (a Word, OpenDocument or web
    page's): the last of them names the table when it is a short heading, the others are the title rows."""
    titles = paragraphs[-TITLE_PARAGRAPHS:]
    heading = titles[-1] if titles and len(titles[-1]) <= _HEADING_LENGTH else ""
    # A heading names the table ("Speakers", "ALBANIA": the part, the country), except above the first table
    # where a short line can be the document's own title or letterhead.
    if heading and not tables_before and not (resolve_country(heading) or part_for_sheet(heading) != "participant"):
        heading = ""
    return heading or f"Table {tables_before + 1}", titles[:-1] if heading else titles


def _int(elem, default: int) -> int:
    try:
        return max(1 if default else 0, int(elem.get(f"{_W}val"))) if elem is not None else default
    except (TypeError, ValueError):
        return default


def _text(paragraph) -> str:
    """A paragraph's text: its runs (in links, fields and tracked insertions too), tabs and line breaks; deleted
    text (w:delText) and hidden text left out."""
    parts: list[str] = []
    for run in paragraph.iter(f"{_W}r"):
        props = run.find(f"{_W}rPr")
        if props is not None and props.find(f"{_W}vanish") is not None:
            continue
        for elem in run:
            tag = elem.tag
            if tag == f"{_W}t":
                parts.append(elem.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}sym":
                parts.append(_symbol(elem.get(f"{_W}char", "")))
            elif tag == f"{_W}fldChar" and (box := elem.find(f"{_W}ffData/{_W}checkBox")) is not None:
                parts.append("☒" if _box_checked(box) else "☐")  # an old form's check box field (FORMCHECKBOX)
    return "".join(parts)


# A form's check boxes as symbols of a symbol font (ECMA-376 part 1, 17.3.3.30): Wingdings' ticked and empty boxes
# and MS Gothic's ☒ and ☐ (Word's check box content control), read as the ☒ and ☐ a consent answer is read from.
_SYMBOLS = {0xF0FE: "☒", 0xF0FD: "☒", 0xF078: "☒", 0xF0A8: "☐", 0xF06F: "☐", 0x2612: "☒", 0x2611: "☑", 0x2610: "☐"}


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return _SYMBOLS.get(value, chr(value) if 0x20 <= value < 0xE000 else "")


def _box_checked(box) -> bool:  # box: a w:checkBox element
    """Whether an old form's check box is ticked: its w:checked, else its w:default."""
    for name in ("checked", "default"):
        if (elem := box.find(f"{_W}{name}")) is not None:
            return elem.get(f"{_W}val", "1") not in ("0", "false", "off")
    return False
