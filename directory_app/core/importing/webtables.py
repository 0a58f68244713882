"""Reading the tables of a web page: a list saved from a browser or an e-mail (.html, .htm; a single-file web page,
.mht, is read by messages.py), and the ".xls" files that registration platforms and older web applications export,
which are HTML tables under an Excel name (Excel opens them with a warning; so do we, without one).

Each table is a sheet under the paragraphs above it, as in a Word document (`worddoc.table_titles`). A table whose
cells hold tables is the page's layout: the tables inside it are read, its own text is paragraphs. Cells spanning
columns and rows (colspan, rowspan) are merged cells; a row hidden with `display:none` (Excel's own web pages hide
rows so) is a hidden row; an address behind "Send e-mail" (mailto:) is the cell's e-mail.

Written by hand over the standard library's HTMLParser: pandas.read_html needs lxml or BeautifulSoup with html5lib,
and none of them place rowspans, colspans and implied end tags in a grid either: that grid is what is kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from directory_app.core.importing.reading import (
    Sheet,
    Workbook,
    apply_merges,
    check_size,
    decode_text,
    grid_sheet,
)
from directory_app.core.importing.worddoc import table_titles
from directory_app.core.records import DirectoryError

# Elements whose end is a line break in the text they hold (HTML's block elements that lists put in cells), elements
# whose content is never shown as text, and elements without an end tag (a hidden one must not wait for its end).
# fmt: off
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "ul",
))
_UNSHOWN = frozenset((
    "head", "script", "style", "template", "title", "noscript", "object", "select", "button", "svg", "math", "iframe",
))
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
))
# fmt: on
# HTML's own limits on spans (the HTML Standard, 4.9.11): larger values are read as these.
_MAX_COLSPAN, _MAX_ROWSPAN = 1000, 65534
# A table this wide is not a list of people; beyond it cells are dropped (a hostile colspan would make millions).
_MAX_COLUMNS = 256
# Tables nested deeper than this are read as the text of the table around them (a page's layout is a few deep; a
# hostile page thousands, which would exhaust the stack).
_MAX_NESTING = 20
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
# The row numbers and column letters of a spreadsheet saved as a web page (Google Sheets' "Web page" download).
_SHEET_FRAME = re.compile(r"(?<![\w-])(?:row|column)-headers?-background(?![\w-])|(?<![\w-])row-header(?![\w-])")
# A number Excel's web page shows in scientific notation ("3.85E+10"), whose digits are in its x:num attribute.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?E[+-]?\d+", re.IGNORECASE)


# The document is a flow of paragraphs (str) and tables (_Table), and so is each cell of a layout table.
_Flow = list


@dataclass
class _Cell:
    col_span: int
    row_span: int
    hidden: bool
    number: str | None  # Excel's x:num: the value behind the text shown
    lines: _Flow = field(default_factory=list)  # its text by line, and the tables in it (a layout table's)
    line: list[str] = field(default_factory=list)
    link: str | None = None  # the address of a mailto: link in the cell
    has_table: bool = False


@dataclass
class _Table:
    rows: list[tuple[bool, list[_Cell]]] = field(default_factory=list)  # (hidden, cells)
    caption: _Flow = field(default_factory=list)  # its caption, and text and tables between its rows
    frame_rows: set[int] = field(default_factory=set)  # rows that held a spreadsheet's row numbers or column letters

    @property
    def layout(self) -> bool:
        return any(cell.has_table for _hidden, cells in self.rows for cell in cells)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body: _Flow = []
        self.line: list[str] = []  # text outside tables since the last line break
        self.tables: list[_Table] = []  # open tables, innermost last
        self.cells: list[_Cell | None] = []  # the open cell of each open table
        self.unshown = 0  # depth inside elements whose text is not shown
        self.hidden_tags: list[str] = []  # hidden elements open (display:none), innermost last
        self.pre = 0
        self.link: str | None = None
        self.too_deep = 0  # tables open beyond _MAX_NESTING

    # --------------------------------------------------------------------------------------------- tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNSHOWN:
            self.unshown += tag not in _VOID
            return
        if self.hidden_tags:  # inside a hidden element: only its end is looked for
            if tag not in _VOID:
                self.hidden_tags.append(tag)
            return
        values = {k: v or "" for k, v in attrs}
        hidden = bool(_HIDDEN_STYLE.search(values.get("style", ""))) or "hidden" in values
        if hidden and tag not in ("tr", "td", "th") and tag not in _VOID:
            self.hidden_tags.append(tag)  # a hidden row or cell is read, and marked hidden
        elif tag == "table" and len(self.tables) >= _MAX_NESTING:
            self.too_deep += 1
        elif tag == "table":
            self._break()  # a table in a cell: the cell's text so far is a paragraph above it
            if self.cells and self.cells[-1] is not None:
                self.cells[-1].has_table = True
            self.tables.append(_Table())
            self.cells.append(None)
        elif tag == "tr" and self.tables:
            self._close_cell()
            self.tables[-1].rows.append((hidden, []))
        elif tag in ("td", "th") and self.tables:
            self._close_cell()
            table = self.tables[-1]
            if not table.rows:
                table.rows.append((False, []))
            cell = _Cell(
                _span(values.get("colspan"), _MAX_COLSPAN),
                _span(values.get("rowspan"), _MAX_ROWSPAN),
                hidden,
                values.get("x:num") or None,
            )
            if _SHEET_FRAME.search(values.get("class", "")):
                table.frame_rows.add(len(table.rows) - 1)  # a spreadsheet's row number or column letter: dropped
            else:
                table.rows[-1][1].append(cell)
            self.cells[-1] = cell
        elif tag == "br":
            self._break()
        elif tag in _BLOCKS:
            self._break()
            self.pre += tag == "pre"
        elif tag == "a":
            href = values.get("href", "").strip()
            self.link = href[7:].split("?", 1)[0].strip() if href.lower().startswith("mailto:") else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNSHOWN:
            self.unshown = max(0, self.unshown - (tag not in _VOID))
            return
        if self.hidden_tags:
            if tag in self.hidden_tags:
                del self.hidden_tags[len(self.hidden_tags) - 1 - self.hidden_tags[::-1].index(tag) :]
            return
        if tag == "table" and self.too_deep:
            self.too_deep -= 1
        elif tag == "table" and self.tables:
            self._close_cell()
            table = self.tables.pop()
            self.cells.pop()
            self._flow().append(table)
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "caption" and self.tables:
            self.tables[-1].caption.extend(self._take_line())
        elif tag in _BLOCKS or tag == "br":
            self._break()
            self.pre -= tag == "pre" and self.pre > 0
        elif tag == "a":
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.unshown or self.hidden_tags:
            return
        cell = self.cells[-1] if self.cells else None
        if cell is not None and self.link and "@" in self.link:
            cell.link = cell.link or self.link
        (cell.line if cell is not None else self.line).append(data)

    # --------------------------------------------------------------------------------------------- text

    def _take_line(self) -> list[str]:
        """The text since the last line break, whitespace collapsed as a browser shows it (kept inside <pre>)."""
        cell = self.cells[-1] if self.cells else None
        parts = cell.line if cell is not None else self.line
        text = "".join(parts)
        parts.clear()
        if self.pre:
            return [t for t in (line.strip() for line in text.splitlines()) if t]
        return [text] if (text := " ".join(text.split())) else []

    def _break(self) -> None:
        lines = self._take_line()
        cell = self.cells[-1] if self.cells else None
        if cell is not None:
            cell.lines.extend(lines)
        elif self.tables:
            self.tables[-1].caption.extend(lines)  # text in a table outside its cells: shown above it
        else:
            self.body.extend(lines)

    def _flow(self) -> _Flow:
        """Where a finished table goes: the open cell's lines (a table in a cell), or the document's flow."""
        cell = self.cells[-1] if self.cells else None
        if cell is None:
            if self.tables:
                return self.tables[-1].caption  # a table between the rows of another: kept beside its text
            return self.body
        return cell.lines

    def _close_cell(self) -> None:
        cell = self.cells[-1] if self.cells else None
        if cell is not None:
            self._break()
            self.cells[-1] = None

    def close(self) -> None:
        super().close()
        self.hidden_tags.clear()
        while self.tables:
            self.handle_endtag("table")
        self._break()


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int((value or "1").strip().rstrip(";")), limit))
    except ValueError:
        return 1


# ------------------------------------------------------------------------------------------------ to sheets


class _Sheets:
    """The document's flow made sheets: each data table under the paragraphs above it."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self.paragraphs: list[str] = []

    def add_flow(self, flow: _Flow) -> None:
        for item in flow:
            if isinstance(item, str):
                self.paragraphs.append(item)
            else:
                self.add_flow(item.caption)
                if item.layout or _one_cell(item):
                    for _hidden, cells in item.rows:
                        for cell in cells:
                            self.add_flow(cell.lines)
                else:
                    self._add_table(item)

    def _add_table(self, table: _Table) -> None:
        if table.frame_rows:  # the row of column letters is not a row of the sheet
            table.rows = [row for i, row in enumerate(table.rows) if row[1] or i not in table.frame_rows]
        name, titles = table_titles(self.paragraphs, len(self.sheets))
        self.paragraphs = []
        grid: dict[tuple[int, int], object] = {(r, 1): text for r, text in enumerate(titles, 1)}
        ranges: list[tuple[int, int, int, int]] = []
        links: dict[tuple[int, int], str] = {}
        hidden_rows: set[int] = set()
        shown_in: dict[int, bool] = {}  # column -> whether any cell in it is shown
        taken: set[tuple[int, int]] = set()  # slots covered by a span from an earlier row
        first = len(titles) + 1
        last = first + len(table.rows) - 1
        for r, (hidden, cells) in enumerate(table.rows, first):
            if hidden:
                hidden_rows.add(r)
            c = 1
            for cell in cells:
                while (r, c) in taken:
                    c += 1
                if c > _MAX_COLUMNS:
                    break
                cols = min(cell.col_span, _MAX_COLUMNS - c + 1)
                rows = min(cell.row_span, last - r + 1)  # a rowspan ends with its table
                text = "\n".join(cell.lines)
                if cell.number and _SCIENTIFIC.fullmatch(text.strip()):
                    text = cell.number.strip()
                if text:
                    grid[(r, c)] = text
                if cell.link:
                    links[(r, c - 1)] = cell.link
                for col in range(c, c + cols):
                    shown_in[col] = shown_in.get(col, False) or not cell.hidden
                if cols > 1 or rows > 1:
                    ranges.append((c, r, c + cols - 1, r + rows - 1))
                    taken.update((rr, cc) for rr in range(r + 1, r + rows) for cc in range(c, c + cols))
                c += cols
        if not any(r > len(titles) for r, _c in grid):
            return  # a table without text: a frame or a spacer
        merged_below = apply_merges(grid, ranges)
        hidden_columns = {col - 1 for col, shown in shown_in.items() if not shown}
        self.sheets.append(grid_sheet(name, grid, {}, hidden_rows, hidden_columns, False, merged_below, links))


def _one_cell(table: _Table) -> bool:
    """A table of one cell (a framed title, a box of text) is text, not a list."""
    return sum(len(cells) for _hidden, cells in table.rows) <= 1


# ------------------------------------------------------------------------------------------------ files


def read_html(path: Path, encoding: str | None = None) -> Workbook:
    """The tables of a web page (already told apart by `reading.sniff_format`), one sheet each; Excel's web page
    of several sheets (a frameset) gives the sheets saved in the folder beside it."""
    check_size(path)
    text, used = decode_page(path, path.read_bytes(), encoding)
    sheets = tables_of(text)
    if not sheets and _FRAMESET.search(text):
        sheets = _excel_sheets(path, text, encoding)
        if not sheets:
            raise DirectoryError(
                f"{path.name} is a web page of frames: its lists are in the pages it shows (import those), or save "
                "the workbook from Excel as .xlsx"
            )
    if not sheets:
        raise DirectoryError(f"{path.name}: a web page without a table (a list is read from its tables)")
    return Workbook(path, "html", sheets, encoding=used)


def tables_of(html: str) -> list[Sheet]:
    """The data tables of an HTML document as sheets."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    out = _Sheets()
    out.add_flow(parser.body)
    return out.sheets


_FRAMESET = re.compile(r"<frameset\b", re.IGNORECASE)
# Excel's web page of several sheets names each sheet's file in a link, and the sheets' names in a script.
_SHEET_LINK = re.compile(r"""<link\s+id=["']?shLink["']?\s+href=["']?([^"'\s>]+)""", re.IGNORECASE)
_SHEET_NAME = re.compile(r'c_rgszSh\[(\d+)\]\s*=\s*"([^"]*)"')


def _excel_sheets(path: Path, html: str, encoding: str | None) -> list[Sheet]:
    """The sheets of Excel's web page of several sheets, read from their files in the folder Excel saved beside
    the page ("List_files/sheet001.htm"); only files inside the page's own folder are read."""
    from urllib.parse import unquote

    folder = path.parent.resolve()
    names = {int(n): name for n, name in _SHEET_NAME.findall(html)}
    sheets: list[Sheet] = []
    for n, link in enumerate(_SHEET_LINK.findall(html)):
        sheet_path = (path.parent / unquote(link)).resolve()
        if not sheet_path.is_relative_to(folder) or not sheet_path.is_file():
            folder_name = Path(unquote(link)).parent
            raise DirectoryError(
                f"{path.name} is Excel's web page of several sheets, and its sheets' folder ({folder_name}) is not "
                "beside it: import the page with its folder, or save the workbook from Excel as .xlsx"
            )
        check_size(sheet_path)
        text, _used = decode_page(sheet_path, sheet_path.read_bytes(), encoding)
        for i, sheet in enumerate(tables_of(text)):
            sheet.name = names.get(n, f"Sheet{n + 1}") + (f" ({i + 1})" if i else "")
            sheets.append(sheet)
    return sheets


def decode_page(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """The page's text: in the encoding given, its byte order mark's, its <meta charset>'s, else as a text file's
    (UTF-8, then the region's code pages)."""
    bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if not encoding and not bom and (declared := _CHARSET.search(data[:4096])) is not None:
        name = declared[1].decode("ascii").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a page that says one encoding and is written in another: read as if it said none
    try:
        text, used, _guessed = decode_text(data, encoding)
    except DirectoryError as exc:
        raise DirectoryError(f"{path.name}: {exc}") from None
    return text, used
