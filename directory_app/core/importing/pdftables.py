"""Reading the tables of a PDF document: the final list of participants, as organisers send it after a seminar.

A ruled table (a Word or Excel table printed to PDF, its cells framed) is found by pdfplumber from its lines. A
table without frames (this app's own participants handout, many printed lists) is rebuilt from where its words
stand: the header line (the line whose parts name the most known columns: "Name", "Institution", "E-mail") gives
where each column begins (or the rows' text, under a centred header), and the rules under the rows, else the
first column (the numbering, the name), where each row begins. Text wrapped to fit a
cell is joined again (`_cell_text`). The text above the first table gives the title rows, where the event is named.
A table that goes on over the next page (the same columns, the header repeated or not) stays one sheet; running
heads, footers and page numbers are left out.

pdfplumber (over pdfminer.six) reads the text and the lines with their positions; what no library does is read a
list of people out of them, so that part is written here. A scanned list (pictures, no text) and a list locked
with a password are refused in one line each.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from directory_app.core.importing.forms import form_sheet
from directory_app.core.importing.mapping import match_header
from directory_app.core.importing.reading import Cell, Sheet, Workbook
from directory_app.core.records import DirectoryError

log = logging.getLogger(__name__)

# A list of participants is a few pages; a report of hundreds is not one, and reading it would take minutes.
MAX_PAGES = 200
# Lines above the first table kept as its title rows (the last ones: a letterhead can come first).
_TITLE_LINES = 6
# Words further apart than this (points) on one line are in different columns of a table without frames.
_COLUMN_GAP = 7.0
# Lines this close to the top or bottom of a page (a share of its height) can be its running head or footer.
_MARGIN = 0.1
_NAME_FIELDS = frozenset({"_name", "full_name", "given_name", "family_name", "email"})


@dataclass
class _Line:
    top: float
    bottom: float
    words: list[dict[str, Any]]

    def chunks(self) -> list[tuple[float, float, str]]:
        """(left edge, right edge, text) of each group of words separated by a column's gap."""
        out: list[tuple[float, float, str]] = []
        for word in self.words:
            if out and word["x0"] - out[-1][1] <= _COLUMN_GAP:
                x0, _x1, text = out[-1]
                out[-1] = (x0, word["x1"], f"{text} {word['text']}")
            else:
                out.append((word["x0"], word["x1"], word["text"]))
        return out

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def read_pdf(path: Path) -> Workbook:
    """The tables of a PDF document, one sheet per table (a table over several pages is one)."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its notes on odd fonts are not the user's business
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise DirectoryError(f"{path.name}: a PDF document of {len(pdf.pages):,} pages is not a list of people")
            pages = []
            for page in pdf.pages:
                pages.append(_read_page(page))
                page.close()  # frees the page's parsed objects: a long document stays small
        has_text = any(read.lines for read in pages)
        _drop_furniture(pages)
        if (form := _form_sheet(pages)) is not None and form_sheet(form) is not None:
            return Workbook(path, "pdf", [form])  # a form filled in: its fields, not its printed labels' table
        reader = _Reader()
        for read in pages:
            reader.page(read)
        sheets = reader.sheets()
    except DirectoryError:
        raise
    except PdfminerException as exc:
        reason = exc.args[0] if exc.args else exc
        if type(reason).__name__ == "PDFPasswordIncorrect":
            raise DirectoryError(
                f"{path.name}: the PDF document is locked with a password; open it, print it to a new PDF "
                "without one, and import that"
            ) from None
        raise DirectoryError(
            f"{path.name}: the PDF document is damaged ({type(reason).__name__}); nothing was read"
        ) from None
    except Exception as exc:  # a malformed document can fail anywhere in pdfminer's parser
        raise DirectoryError(
            f"{path.name}: the PDF document cannot be read ({type(exc).__name__}); nothing was read"
        ) from None
    if not has_text:
        raise DirectoryError(
            f"{path.name}: a PDF document without text (a scan, or pictures of the list): import the Word or Excel "
            "file it was made from"
        )
    if not sheets and any(read.fields for read in pages):
        raise DirectoryError(f"{path.name}: a fillable PDF form with nothing filled in (a blank registration form)")
    if not sheets:
        raise DirectoryError(f"{path.name}: no table of people found in the PDF document")
    return Workbook(path, "pdf", sheets)


@dataclass
class _Page:
    """What the import needs of a page: its lines, its ruled tables (top, rows) and its horizontal rules."""

    width: float
    height: float
    lines: list[_Line]
    ruled: list[tuple[float, list[list[str]]]]
    rules: list[tuple[float, float]]  # (top, length)
    fields: list[tuple[float, str, str]]  # a fillable form's fields: (top, label, value)


def _read_page(page) -> _Page:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])
    ruled = []
    if words:
        closing = _closing_lines(page)
        for table in page.find_tables({"explicit_horizontal_lines": closing} if closing else None):
            rows = table.extract()
            if _size(rows) >= (2, 2):
                ruled.append((table.bbox[1], [[_cell_text(c) for c in row] for row in rows]))
    rules = [(e["top"], e["x1"] - e["x0"]) for e in page.horizontal_edges] if words and not ruled else []
    lines = _lines(words)
    try:
        fields = _fields(page, lines)
    except Exception:  # pdfminer's errors on a malformed annotation are of any kind: the page's text is still read
        log.debug("form fields not read", exc_info=True)
        fields = []
    return _Page(page.width, page.height, lines, sorted(ruled, key=lambda t: t[0]), rules, fields)


def _closing_lines(page) -> list[dict[str, Any]]:
    """The lines that close a ruled table where a page break cut it: a row that goes on over the page is drawn
    open at the break (its cells' side lines run to the foot of the page, and from the head of the next, with no
    line across), and without one its part on either page is no cell and is lost. One across the ends of the side
    lines, where a table ruled across (three lines at least) has none."""
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    horizontal = [e for e in page.edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 3:
        return []
    out: list[dict[str, Any]] = []
    for end in ("top", "bottom"):
        ends: dict[int, list[dict[str, Any]]] = {}
        for edge in vertical:
            ends.setdefault(round(edge[end]), []).append(edge)
        for y, group in ends.items():
            x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
            across = [h for h in horizontal if h["x0"] <= x0 + 3 and h["x1"] >= x1 - 3]
            if len(group) < 2 or len(across) < 3 or any(abs(h["top"] - y) <= 3 for h in across):
                continue
            out.append({"object_type": "line", "x0": x0, "x1": x1, "top": float(y), "bottom": float(y),
                        "width": x1 - x0, "height": 0.0})  # fmt: skip
    return out


# ------------------------------------------------------------------------------------------------ form fields

# A form field's flags (PDF 32000-1, 12.7.4.2): a push button is not an answer; a radio button's group is one.
_PUSH_BUTTON, _RADIO = 1 << 16, 1 << 15


def _fields(page, lines: list[_Line]) -> list[tuple[float, str, str]]:
    """(top, label, value) of the page's fillable form fields, as a participant filled them in: the label is the
    text printed before the field on its line (else above it), else the field's own description or name."""
    from pdfminer.pdftypes import resolve1

    out: list[tuple[float, str, str]] = []
    seen: set[int] = set()  # radio groups: one answer for their buttons
    for annot in page.annots:
        data = annot.get("data") or {}
        if getattr(data.get("Subtype"), "name", None) != "Widget":
            continue
        field = data
        if data.get("T") is None and data.get("Parent") is not None:
            parent = data["Parent"]
            if getattr(parent, "objid", None) in seen:
                continue
            seen.add(getattr(parent, "objid", 0))
            field = resolve1(parent) or data
        kind = getattr(resolve1(field.get("FT", data.get("FT"))), "name", "")
        flags = resolve1(field.get("Ff")) or 0
        if kind not in ("Tx", "Btn", "Ch") or (kind == "Btn" and isinstance(flags, int) and flags & _PUSH_BUTTON):
            continue
        value = _field_value(resolve1(field.get("V")), kind, isinstance(flags, int) and bool(flags & _RADIO))
        box = (annot["x0"], annot["top"], annot["x1"], annot["bottom"])
        label = _label_beside(lines, box) or _pdf_text(field.get("TU")) or _pdf_text(field.get("T")).replace("_", " ")
        out.append((annot["top"], label.strip().rstrip(":").strip(), value))
    return sorted(out, key=lambda f: f[0])


def _pdf_text(value) -> str:
    """A PDF text string (PDFDocEncoding or UTF-16 with its mark) or name as text."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    return str(getattr(value, "name", value or ""))


def _field_value(value, kind: str, radio: bool) -> str:
    """What a participant put in a field: its text, the option chosen ("No"), or a check box as ☒ or ☐."""
    if isinstance(value, list):  # a list box's several choices
        return "; ".join(_pdf_text(v) for v in value)
    text = _pdf_text(value)
    if kind == "Btn":
        text = text.lstrip("/")  # an option's name, written by some programs with its slash ("/No")
    if kind == "Btn" and not radio:
        return "☐" if text in ("", "Off") else "☒"
    return "" if kind == "Btn" and text == "Off" else text


def _label_beside(lines: list[_Line], box: tuple[float, float, float, float]) -> str:
    """The text printed before a field on its line ("Name and surname:"), else just above it, else after a check
    box on its line ("☐ I agree that ...")."""
    x0, top, x1, bottom = box
    same = [line for line in lines if line.top < bottom and line.bottom > top]
    for line in same:
        before = [chunk for chunk in line.chunks() if chunk[1] <= x0 + 1]
        if before:
            return before[-1][2]
    above = [line for line in lines if line.bottom <= top + 1 and top - line.bottom < 14]
    if above:
        chunks = [chunk for chunk in above[-1].chunks() if chunk[0] < x1 and chunk[1] > x0 - 40]
        if chunks:
            return " ".join(c[2] for c in chunks)
    for line in same:
        after = [chunk for chunk in line.chunks() if chunk[0] >= x1 - 1]
        if after:
            return after[0][2]
    return ""


def _form_sheet(pages: list[_Page]) -> Sheet | None:
    """A filled-in form's fields as a label-and-answer sheet (read as a form of one person, `forms.form_sheet`),
    the lines above its first field as its title rows; None when no field holds an answer."""
    filled = [(n, top, label, value) for n, page in enumerate(pages) for top, label, value in page.fields]
    if not any(value.strip() and value != "☐" for *_rest, value in filled):
        return None
    first_page, first_top = filled[0][0], filled[0][1]
    titles = [line.text for line in pages[first_page].lines if line.bottom <= first_top][-_TITLE_LINES:]
    rows = [[Cell(text)] for text in titles] + [
        [Cell(label or None), Cell(value or None)] for *_r, label, value in filled
    ]
    width = max(len(row) for row in rows)
    rows = [row + [Cell(None)] * (width - len(row)) for row in rows]
    return Sheet("Form", rows, list(range(1, len(rows) + 1)))


# A footer that ends with its page number, on a document of one page too: "Skopje 2025 · list of participants
# page 1", "Contact list · ... page 1 of 1".
_ENDS_WITH_PAGE_NUMBER = re.compile(
    r"(?:^|\s|·)(?:(?:page|p\.|str\.?|strana|stranica|страница|стр\.?|faqe|faqja|sayfa|seite|pagina|σελίδα)\s*#"
    r"(?:\s*(?:of|/|od|из|од|nga|от|von|di|από)\s*#)?)$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|str\.?|strana|stranica|страница|стр\.?|faqe|faqja|sayfa|seite|pagina|σελίδα)?\s*#"
    r"(?:\s*(?:of|/|od|из|од|nga|от|von|di|από)\s*#)?|-\s*#\s*-",
    re.IGNORECASE,
)


def _drop_furniture(pages: list[_Page]) -> None:
    """Takes out each page's running head and footer: a line near the top or bottom edge that recurs on other
    pages (its numbers aside: "Regional Seminar ... · page 2 of 3"), or that ends with its page number."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))

    def edge(line: _Line, page: _Page) -> bool:
        if not (line.bottom < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN)):
            return False
        # A table's header repeated at the top of each page, or a country's heading, is the list's own.
        return _known_columns(line) < 2 and not _heading(line.text)

    seen: dict[str, set[int]] = {}
    for n, page in enumerate(pages):
        for line in page.lines:
            if edge(line, page):
                seen.setdefault(key(line), set()).add(n)
    for page in pages:
        page.lines = [
            line
            for line in page.lines
            if not (
                edge(line, page)
                and (
                    len(seen[key(line)]) > 1
                    or _PAGE_NUMBER.fullmatch(key(line))
                    or _ENDS_WITH_PAGE_NUMBER.search(key(line))
                )
            )
        ]


class _Reader:
    def __init__(self) -> None:
        self.tables: list[dict[str, Any]] = []  # {"rows": [[text, ...], ...], "title": [...], "columns": n}
        self.titles: list[_Line] = []  # the document's lines before its first table
        self.columns: list[float] | None = None  # a frameless table's column starts, for its next page

    def page(self, page: _Page) -> None:
        if page.ruled:
            above = [line for line in page.lines if line.bottom <= page.ruled[0][0]]
            for i, (_top, rows) in enumerate(page.ruled):
                self._add(rows, above if i == 0 else [], first_on_page=i == 0)
            self.columns = None
            return
        if page.lines:
            self._frameless(page, page.lines)

    def _frameless(self, page, lines: list[_Line]) -> None:
        header = _header_index(lines)
        if header is None and self.columns is None:
            if not self.tables:
                self.titles = (self.titles + lines)[-_TITLE_LINES * 2 :]
            return
        above: list[_Line] = []
        if header is not None:
            self.columns = _column_starts(lines[header], lines[header + 1 :])
            above, lines = lines[:header], lines[header:]
        elif not _in_columns(lines, self.columns or []):
            self.columns = None  # a page of text after the list (its agenda, a report): the table has ended
            return
        columns = self.columns or []
        rules = sorted({round(top, 1) for top, length in page.rules if length > 0.5 * (page.width - columns[0])})
        rows: list[list[str]] = []
        segment: list[_Line] = []
        for line in lines:
            if len(line.chunks()) == 1 and _heading(line.text):  # "Bosnia and Herzegovina (3)" between the rows
                rows += [_row(band, columns) for band in _bands(segment, rules, columns)] + [[line.text]]
                segment = []
            else:
                segment.append(line)
        rows += [_row(band, columns) for band in _bands(segment, rules, columns)]
        self._add(rows, above, first_on_page=True)

    def _add(self, rows: list[list[str]], above: list[_Line], first_on_page: bool) -> None:
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        width = max(len(row) for row in rows)
        last = self.tables[-1] if self.tables else None
        if last is not None and first_on_page and last["columns"] == width and all(_heading(a.text) for a in above):
            # The table goes on over the page; a country's heading above its header ("Croatia (3)") is a row.
            if not above:
                rows = _go_on(last["rows"], rows)
            last["rows"].extend([[a.text] for a in above] + rows)
            return
        if not self.tables:
            above = self.titles + above
        # A country's heading just above the header ("Albania (4)") is the first section's, not the title's.
        headings = []
        while above and _heading(above[-1].text):
            headings.insert(0, [above.pop().text])
        title = _paragraphs(above)[-_TITLE_LINES:]
        self.tables.append({"rows": headings + rows, "title": title, "columns": width})

    def sheets(self) -> list[Sheet]:
        out: list[Sheet] = []
        for n, table in enumerate(self.tables, start=1):
            width = table["columns"]
            grid = [[Cell(line)] + [Cell(None)] * (width - 1) for line in table["title"]]
            grid += [[Cell(text or None) for text in row] + [Cell(None)] * (width - len(row)) for row in table["rows"]]
            out.append(Sheet(f"Table {n}", grid, list(range(1, len(grid) + 1))))
        return out


# A header's columns that hold a person's name: a row without one of its own is no person.
_PERSON_NAME = frozenset({"_name", "full_name", "given_name", "family_name"})


def _go_on(table: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """The rows of a table's next page, the row a page break cut given back to its person.

    A person's row begun at the foot of a page goes on at the head of the next, after the header repeated there:
    a row with no number and no name of its own (the first column and the name columns empty), its cells the
    rest of the last row's ("Department for" / "Combating Irregular Migration", the phone). Its cells are added to
    that row's. A row with a name is a person of its own, never joined. A header drawn with the row's next lines in
    its cells (no line between them) is parted from them first."""
    header = _header_row(table)
    if header is None or not rows:
        return rows
    rows = list(rows)
    i = 0
    while i < len(rows) and _same_row(rows[i], header):
        i += 1
    if i < len(rows) and (rest := _below_header(rows[i], header)) is not None:
        rows[i : i + 1] = [list(header), rest]
        i += 1
    if i >= len(rows):
        return rows
    keys = {0} | {c for c, text in enumerate(header) if text and match_header(text) in _PERSON_NAME}
    after = rows[i]
    before = next((r for r in reversed(table) if len(r) > 1 and not _same_row(r, header)), None)
    if (
        before is None
        or not any(after)
        or any(c < len(after) and after[c] for c in keys)
        or not any(c < len(before) and before[c] for c in keys)
    ):
        return rows
    width = max(len(before), len(after))
    cells = [(before + [""] * width)[:width], (after + [""] * width)[:width]]
    before[:] = [_cell_text("\n".join(filter(None, pair))) for pair in zip(*cells, strict=True)]
    del rows[i]
    return rows


def _header_row(rows: list[list[str]]) -> list[str] | None:
    """A table's header: its first row naming two known columns, a person's name among them."""
    for row in rows[:_TITLE_LINES]:
        fields = {f for text in row if text and (f := match_header(text)) and f != "ignore"}
        if len(fields) >= 2 and fields & _PERSON_NAME:
            return row
    return None


def _same_row(row: list[str], other: list[str]) -> bool:
    def key(cells: list[str]) -> list[str]:
        out = [" ".join(c.split()).casefold() for c in cells]
        while out and not out[-1]:
            out.pop()
        return out

    return key(row) == key(other)


def _below_header(row: list[str], header: list[str]) -> list[str] | None:
    """The rest of a row whose every cell begins with the header's own ("Institution" / "Combating Irregular
    Migration"), a page's repeated header and the cut row's next lines drawn as one row; None for any other row."""
    rest: list[str] = []
    more = False
    for c, name in enumerate(header):
        cell = row[c] if c < len(row) else ""
        name = " ".join(name.split())
        flat = " ".join(cell.split())
        if not name:
            if cell:
                return None
            rest.append("")
        elif flat == name:
            rest.append("")
        elif flat.startswith(name + " "):
            lines = cell.split("\n")
            taken = " ".join(" ".join(lines[:1]).split())
            # The header's name on lines of its own ("Name and" / "surname"), or joined to the next line.
            n = 1
            while taken != name and n < len(lines) and len(taken) < len(name):
                taken = f"{taken} {' '.join(lines[n].split())}"
                n += 1
            rest.append("\n".join(lines[n:]) if taken == name else flat[len(name) :].strip())
            more = True
        else:
            return None
    return rest + [""] * (len(row) - len(rest)) if more else None


def _heading(text: str) -> bool:
    """A line that heads a country's part of a list: "ALBANIA", "Croatia (3)"."""
    from directory_app.core.countries import resolve_country

    return len(text) <= 60 and resolve_country(text) is not None


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Title lines, a title wrapped over two lines joined again: lines of one size (a heading's), close together."""
    out: list[tuple[_Line, str]] = []
    for line in lines:
        if out and _one_paragraph(out[-1][0], line):
            out[-1] = (line, f"{out[-1][1]} {line.text}")
        else:
            out.append((line, line.text))
    return [text for _line, text in out]


def _one_paragraph(above: _Line, below: _Line) -> bool:
    size_above, size_below = above.words[0].get("size", 0), below.words[0].get("size", 0)
    return size_above >= 11 and abs(size_above - size_below) < 0.3 and below.top - above.top < 1.6 * size_above


def _size(rows: list[list[str | None]]) -> tuple[int, int]:
    return (len(rows), max((sum(1 for c in row if c) for row in rows), default=0))


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    """The page's words grouped into lines (tops within 2 points), top to bottom, each line's words left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) <= 2:
            lines[-1].words.append(word)
            lines[-1].bottom = max(lines[-1].bottom, word["bottom"])
        else:
            lines.append(_Line(word["top"], word["bottom"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _header_index(lines: list[_Line]) -> int | None:
    """The line of a frameless table's header: the one with the most parts naming known columns (two at least, a
    name or an e-mail among them)."""
    best: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        known = _known_fields(line)
        if len(known) >= 2 and _NAME_FIELDS & set(known) and (best is None or len(known) > best[0]):
            best = (len(known), i)
    return best[1] if best else None


def _column_starts(header: _Line, body: list[_Line]) -> list[float]:
    """Where each column begins: where the header's part stands, or, for a header centred over its column, where
    the rows' text begins, left of it (a place where two rows' parts begin, after the header's part before)."""
    starts = Counter(round(x0) for line in body for x0, _x1, _text in line.chunks())
    common = sorted(x for x, n in starts.items() if n >= 2)
    columns: list[float] = []
    before = float("-inf")  # where the header's part before ends
    for x0, x1, _text in header.chunks():
        found = [x for x in common if before < x <= x0 + 2]
        columns.append(min(found) if found else x0)
        before = x1
    return columns


def _in_columns(lines: list[_Line], columns: list[float]) -> bool:
    """Whether most lines of a page without a header go on with the table before: parts of them begin where two of
    its columns do."""

    def aligned(line: _Line) -> bool:
        return sum(1 for x0, _x1, _text in line.chunks() if any(abs(x0 - c) <= 3 for c in columns)) >= 2

    return sum(1 for line in lines if aligned(line)) * 3 >= len(lines)


def _known_fields(line: _Line) -> list[str]:
    """The fields a line's parts name as a header's would ("Name", "Institution", "E-mail")."""
    return [f for _x0, _x1, text in line.chunks() if (f := match_header(text)) and f != "ignore"]


def _known_columns(line: _Line) -> int:
    return len(_known_fields(line))


def _bands(lines: list[_Line], rules: list[float], columns: list[float]) -> list[list[_Line]]:
    """The lines grouped into rows: between the rules drawn under rows; else a row begins where the first column
    has text (the numbering, the name: a wrapped cell's next lines leave it empty)."""
    if not lines:
        return []
    # Rules under the rows (two at least below the first line's top): a shaded header's edges are not such rules.
    if sum(1 for r in rules if lines[0].top < r <= lines[-1].bottom + 6) >= 2:
        bands: list[list[_Line]] = []
        edges = [*rules, float("inf")]
        current, limit = [], None
        for line in lines:
            edge = next(e for e in edges if e > line.top)
            if limit is not None and edge != limit and current:
                bands.append(current)
                current = []
            current.append(line)
            limit = edge
        if current:
            bands.append(current)
        return bands
    filled = [[bool(cell) for cell in _row([line], columns)] for line in lines]
    # The header is a row of its own, with the lines of its names wrapped below it ("Mobile" / "phone"): lines that
    # fill fewer than half the columns, before the first that fills more (the first person's).
    start = 0
    if _known_columns(lines[0]) >= 2:
        start = 1
        while start < len(lines) and 2 * sum(filled[start]) < len(columns):
            start += 1
    body = filled[start:]
    # The first column the first person's line fills (the numbering, the name) begins each row: a wrapped cell's
    # next lines leave it empty.
    anchor = next((c for c in range(len(columns)) if body and body[0][c]), 0)
    bands = [lines[:start]] if start else []
    for line, cells in zip(lines[start:], body, strict=True):
        if cells[anchor] or len(bands) == (1 if start else 0):
            bands.append([line])
        else:
            bands[-1].append(line)  # a wrapped cell's next line
    return bands


def _row(band: list[_Line], columns: list[float]) -> list[str]:
    """A row's cells: each word goes to the last column that begins at or before it; a cell's lines are kept."""
    cells: list[list[str]] = [[] for _ in columns]
    for line in band:
        parts: list[list[str]] = [[] for _ in columns]
        for word in line.words:
            index = max((i for i, x0 in enumerate(columns) if word["x0"] >= x0 - 3), default=0)
            parts[index].append(word["text"])
        for cell, part in zip(cells, parts, strict=True):
            if part:
                cell.append(" ".join(part))
    return [_cell_text("\n".join(lines)) for lines in cells]


def _cell_text(text: str | None) -> str:
    """A cell's text, its lines joined where the text was wrapped to fit the column: a word broken anywhere
    ("NIKOLOVSK" / "A", "Stojanovska-" / "Petrovska"), an e-mail address ("florian.kelmendi@" / "prosecution.al",
    "jelena.petrovic" / "@rjt.gov.rs"), a phone number ("071 234" / "567"), words ("Republic Public" /
    "Prosecutor's Office"). A line that says something of its own stays one: a second address or number, and what
    is written under a name (`_says_more`)."""
    if not text:
        return ""
    out: list[str] = []
    for line in (" ".join(line.split()) for line in text.splitlines() if line.strip()):
        joiner = _joiner(out[-1], line) if out else None
        if joiner is None:
            out.append(line)
        else:
            out[-1] += joiner + line
    return "\n".join(out)


_ADDRESS_PART = re.compile(r"[\w.-]+[;,]?")
_PHONE_LINE = re.compile(r"[\d\s()+/.-]*\d[\d\s()+/.-]*")
_FRAGMENT = re.compile(r"[^\W\d_]{1,2}")  # a word's last letters: "A" of "NIKOLOVSK" / "A"


def _joiner(before: str, after: str) -> str | None:
    """What joins `after` to the line before it in one cell: "" when it goes on with the word `before` ends with,
    " " when it goes on with its phone number, None when it is a line of its own."""
    last = before.rsplit(" ", 1)[-1]
    if after.startswith("@"):
        return None if "@" in last else ""  # "jelena.petrovic" / "@rjt.gov.rs"
    if "@" in last and " " not in after:
        # "ion.ciobanu@procuratura." / "md", or a word broken anywhere to fit: "a.kola@mvr.gov.m" / "k"
        ends = last.endswith((".", "@", "-", "_")) or ("@" not in after and _ADDRESS_PART.fullmatch(after))
        return "" if ends and not last.endswith((";", ",")) else None
    if "@" in after and " " not in after and last.endswith((".", "-", "_")):
        return ""  # "ion.ciobanu." / "long@procuratura.md"
    if "@" in after and " " not in after and before == last and _ADDRESS_START.fullmatch(last):
        # An address Excel broke anywhere to fit the column: "a.stefanovska-trajk" / "ovska@jorm.gov.mk". A line
        # of its own would be a name (capitals, spaces), not a lower-case word with the marks of an address.
        local = after.split("@", 1)[0]
        return "" if local and local == local.lower() else None
    if last[-1:] == "-" and last[-2:-1].isalpha() and after[:1].isalpha():
        return ""  # "Stojanovska-" / "Petrovska"
    if _FRAGMENT.fullmatch(after) and last[-1:].isalpha() and last[-1:].isupper() == after.isupper():
        return ""  # "KARAGIAN" / "NI", "Montenegr" / "o": no name or word is a letter or two on its own
    if _PHONE_LINE.fullmatch(before) and _PHONE_LINE.fullmatch(after):
        one_number = sum(ch.isdigit() for ch in before + after) <= 13 and not after.startswith(("+", "00"))
        # "071 234" / "567", "+381 (0)63" / "222 333": one number; a second begins with its own code
        return " " if one_number else None
    if "@" in before or "@" in after or _says_more(before, after):
        return None
    return " "  # a line wrapped to fit: "Republic Public" / "Prosecutor's Office", "asylum; victim" / "identification"


# The start of an e-mail address cut before its "@": lower case, with a dot, hyphen or underscore in it.
_ADDRESS_START = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]*)+")


def _says_more(before: str, after: str) -> bool:
    """Whether a line under another says something of its own, as lines under a name do: the name in another
    script ("Калоян Петров" / "Kaloyan Petrov"), a part in the event ("Speaker"), a position ("Head of Unit"), a
    remark in brackets."""
    from directory_app.core.folding import is_latin
    from directory_app.core.importing.mapping import part_from_text
    from directory_app.core.importing.normalise import a_position

    return (
        is_latin(before) != is_latin(after)
        or after.startswith(("(", "["))
        or part_from_text(after) is not None
        or (a_position(after) and not _surname_wrapped(before, after))
    )


def _surname_wrapped(before: str, after: str) -> bool:
    """Whether `after` is the surname in capitals of the name `before` begins, wrapped to fit its column: "Mehmet
    Ali" / "HAKIM", "Maria Ana" / "SUDAC". A surname that is also a judge's word ("hakim", "sudac", "Richter") was
    read as a position under the name, and brought the role."""
    words, more = before.split(), after.split()
    return (
        len(more) <= 2
        and len(words) + len(more) <= 5
        and after.isupper()
        and not any(len(w) > 1 and w.isupper() for w in words)
        and all(w[:1].isupper() for w in words)
    )
