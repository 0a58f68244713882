"""Reading registration lists into plain grids of cells: .xlsx (openpyxl), .xls (xlrd), .ods (opendocument.py),
Excel's XML Spreadsheet 2003 (spreadsheet2003.py), .csv/.txt, and the tables of a Word or Writer document (.docx,
worddoc.py; .odt, opendocument.py), of a PDF (pdftables.py) and of a web page (.html, .mht, webtables.py).

The format is decided from the file's first bytes, never from its extension: ZIP (an .xlsx, an .ods, a .docx or an
.odt, checked for decompression bombs before its XML is parsed), OLE2 (an old .xls, or an encrypted Office file), PDF,
markup (a web page, an XML spreadsheet), or text.

What comes out is a `Workbook` of `Sheet`s whose rows are lists of `Cell`s already reduced to the few value types
the rest of the importer handles (str, int, float, date/datetime, bool, None), with what a user should know about
a cell or row kept alongside (hidden row, formula without a cached value).
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from directory_app.core.records import DirectoryError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# An .xlsx is refused when it would unpack to more than this, or unpacks more than BOMB_RATIO times its size once
# past BOMB_MIN_SIZE. A real 10,000-row registration list unpacks to a few MB; a 290 KB bomb to hundreds.
MAX_UNCOMPRESSED = 80 * 1024 * 1024
BOMB_RATIO = 100
BOMB_MIN_SIZE = 16 * 1024 * 1024
MAX_TEXT_FILE = 64 * 1024 * 1024

# The code pages of the region's Windows machines, Latin-2 (ISO 8859-2: older Linux and web exports from Central
# Europe, whose Š, š, Ž and ž are elsewhere than cp1250's) and Greek.
LEGACY_ENCODINGS = ("cp1250", "cp1251", "cp1252", "cp1254", "iso8859_2", "cp1253")
ENCODING_CHOICES = ("utf-8", *LEGACY_ENCODINGS)
DELIMITERS = (",", ";", "\t")

CellValue = str | int | float | date | datetime | time | bool | None


@dataclass(slots=True)  # a list holds hundreds of thousands: 64 bytes each instead of 104
class Cell:
    value: CellValue
    formula: str | None = None  # the formula text when the cell holds one
    missing_value: bool = False  # a formula whose result was never saved (file written by a script, not Excel)


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    row_numbers: list[int]  # the number a user sees in the program (1-based) for each entry of `rows`
    hidden_rows: set[int] = field(default_factory=set)  # row numbers
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column indexes
    hidden: bool = False  # the whole sheet is hidden
    # (row number, 0-based column) of the cells that hold a value merged down from the row above or higher
    merged_below: set[tuple[int, int]] = field(default_factory=set)
    # Each row a record of its own (vCards): a nameless row is never a person's second row.
    separate_records: bool = False
    # What the reader found doubtful in a row (a vCard's), by row number: reported with the row.
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    # Up to how many people each row of the file held, when its rows were spread one per person (`groups.py`).
    people_per_row: int = 1
    # The e-mail address a cell links to ("mailto:"), by (row number, 0-based column): a list copied from a web page
    # or Outlook shows "Send e-mail", or the person's name, with the address only in the link.
    links: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Workbook:
    path: Path
    kind: str  # "xlsx", "xls", "ods", "docx", "odt", "pdf", "html", "email", "xml", "csv", "vcard", "directory"
    sheets: list[Sheet]
    encoding: str | None = None  # text files: the encoding used
    encoding_guessed: bool = False  # text files: True when the encoding came from charset-normalizer
    delimiter: str | None = None
    # What the reader says of the file beyond its sheets: an e-mail's or archive's lists that could not be read.
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


# ------------------------------------------------------------------------------------------------ detection


# The name endings of the lists the importer reads, for file dialogs and drops: the format itself is read from the
# file's bytes (an ".xls" exported by a web platform is a web page, and is read as one).
LIST_SUFFIXES = (
    ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".docx", ".odt", ".pdf", ".htm", ".html", ".mht", ".mhtml",
    ".xml", ".eml", ".zip", ".vcf",
)  # fmt: skip


def sniff_format(path: Path) -> str:
    """The kind of file from its first bytes: "xlsx" (any ZIP: `check_zip` tells which), "xls", "csv", "vcard",
    "pdf", "html", "message" (an e-mail, a single-file web page), "xml" (XML Spreadsheet 2003) or "directory" (a
    directory file of this app);
    DirectoryError for anything else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise DirectoryError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DirectoryError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise DirectoryError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not head:
        raise DirectoryError(f"{path.name}: the file is empty")
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.startswith((b"PK\x05\x06", b"PK\x07\x08")):
        raise DirectoryError(f"{path.name}: an empty or split ZIP archive, not a spreadsheet")
    if head.startswith(b"SQLite format 3\x00"):
        from directory_app.core.store import check_file

        check_file(path)  # another application's database is refused, and says so
        return "directory"  # another directory of this app (a colleague's, a backup): its contacts are imported
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"  # a list of participants handed out as a PDF: its tables are read
    for magic, what in (
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"{\\rtf", "an RTF document"),
    ):
        if head.startswith(magic):
            raise DirectoryError(f"{path.name} is {what}, not a spreadsheet")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not utf16_without_bom(head):
        from directory_app.core.store import check_file

        with contextlib.suppress(DirectoryError):
            if check_file(path) == "encrypted":
                return "directory"  # an encrypted directory: its passphrase opens it
        raise DirectoryError(f"{path.name} is a binary file, not a spreadsheet (.xlsx, .xls, .ods or .csv)")
    stripped = head.lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if stripped.startswith(b"BEGIN:VCARD"):
        return "vcard"
    if markup := _markup_kind(head, path.name):
        return markup
    return "csv"


# How a web page or an XML file begins, after its byte order mark, spaces and comments.
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body|meta|table|title)\b", re.S
)
_XML_START = re.compile(r"\s*<\?xml\b")
# A message's header block (an e-mail saved as .eml, a single-file web page): "Name: value" lines, folded lines
# indented, and among them a header only messages have.
_MESSAGE_START = re.compile(r"(?:from [^\n]*\n)?(?:[a-z][\w-]*:[^\n]*\n(?:[ \t][^\n]*\n)*){2,}")  # mbox's "From " first
_MESSAGE_HEADER = re.compile(r"^(?:mime-version|received|message-id|return-path|delivered-to|x-mozilla-status):", re.M)


def _markup_kind(head: bytes, name: str) -> str | None:
    """ "html" for a web page (a list saved from a browser or exported by a web platform as ".xls"), "message" for an
    e-mail or a single-file web page, "xml" for an XML Spreadsheet 2003; None when the file is none of them. Another
    XML file is refused."""
    from directory_app.core.importing.spreadsheet2003 import SPREADSHEET_NS

    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("latin-1").removeprefix("\xef\xbb\xbf")
    lowered = text.lower()
    if _HTML_START.match(lowered):
        return "html"
    if (block := _MESSAGE_START.match(lowered.replace("\r\n", "\n"))) and _MESSAGE_HEADER.search(block[0]):
        return "message"  # an e-mail (.eml) with the list attached or in its text, a single-file web page (.mht)
    if _XML_START.match(lowered):
        if SPREADSHEET_NS in text:
            return "xml"
        if "<html" in lowered:
            return "html"  # XHTML
        raise DirectoryError(f"{name} is an XML file but not a spreadsheet (Excel's XML Spreadsheet 2003 is read)")
    return None


def read_workbook(path: str | Path, *, encoding: str | None = None, passphrase: str | None = None) -> Workbook:
    """Read every sheet of a registration list. `encoding` forces the code page of a text file; `passphrase`
    opens an encrypted directory file."""
    path = Path(path)
    kind = sniff_format(path)
    if kind == "directory":
        from directory_app.core.importing.directory_file import read_directory_workbook

        return read_directory_workbook(path, passphrase)
    if kind == "xlsx":
        zipped = check_zip(path)
        if zipped == "archive":
            from directory_app.core.importing.messages import read_archive

            return read_archive(path)
        if zipped in ("ods", "odt"):
            from directory_app.core.importing.opendocument import read_ods

            return read_ods(path, zipped)
        if zipped == "docx":
            from directory_app.core.importing.worddoc import read_docx

            return read_docx(path)
        return _read_xlsx(path)
    if kind == "xls":
        return _read_xls(path)
    if kind == "pdf":
        from directory_app.core.importing.pdftables import read_pdf

        return read_pdf(path)
    if kind == "html":
        from directory_app.core.importing.webtables import read_html

        return read_html(path, encoding)
    if kind == "message":
        from directory_app.core.importing.messages import read_message

        return read_message(path)
    if kind == "xml":
        from directory_app.core.importing.spreadsheet2003 import read_spreadsheet_2003

        return read_spreadsheet_2003(path)
    if kind == "vcard":  # cards from phones and address books, as one sheet under our export's headers
        from directory_app.core.vcard_import import read_vcard_workbook

        return read_vcard_workbook(path)
    return _read_text(path, encoding)


# ------------------------------------------------------------------------------------------------ values


def clean_value(value: object) -> CellValue:
    """Reduce a cell value: integral floats become ints (never "1.0"), NaN and empty strings become None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    if isinstance(value, int | date | time):
        return value
    text = str(value)
    return text if text.strip() else None


def cell_text(value: CellValue) -> str:
    """A cell value as the text a user typed or sees."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


# ------------------------------------------------------------------------------------------------ xlsx


_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def check_zip(path: Path) -> str:
    """ "xlsx", "ods", "docx" or "odt" for a ZIP file that is a workbook or a document (its tables are read),
    "archive" for a ZIP of lists; refused when it is another document, broken, encrypted or would unpack to far too
    much (a bomb)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            mime = zf.read("mimetype")[:200] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        # NotImplementedError: a member that says it needs a newer ZIP version or an unknown compression
        raise DirectoryError(f"{path.name}: damaged file, cannot be opened as .xlsx ({exc})") from None
    kind = "xlsx"
    if "xl/workbook.bin" in names:
        raise DirectoryError(f"{path.name} is an Excel binary workbook (.xlsb): save it in Excel as .xlsx first")
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
        raise DirectoryError(
            f"{path.name} is an Apple Numbers or Pages document: export it from there as Excel (.xlsx) or Word (.docx)"
        )
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        if "word/document.xml" in names:
            kind = "docx"  # a list of participants handed out as a Word document: its tables are read
        elif any(n.startswith("word/") for n in names):
            raise DirectoryError(f"{path.name} is a damaged Word document")
        elif "content.xml" in names and mime.strip().startswith(_ODS_MIME):
            kind = "ods"  # its encryption is declared in the manifest: opendocument.read_ods checks it
        elif "content.xml" in names and mime.strip() in (_ODT_MIME, _ODT_MIME + b"-template"):
            kind = "odt"  # a list of participants written in LibreOffice Writer: its tables are read
        elif "content.xml" in names:
            raise DirectoryError(f"{path.name} is an OpenDocument file but not a spreadsheet")
        elif "[Content_Types].xml" in names or any(n.startswith(("xl/", "_rels/", "docProps/")) for n in names):
            raise DirectoryError(f"{path.name}: damaged file, cannot be opened as .xlsx (parts of it are missing)")
        elif any(archived_list(n) for n in names):
            kind = "archive"  # a folder of lists sent zipped (the registration forms, one a participant)
        else:
            raise DirectoryError(f"{path.name} is a ZIP archive without a list in it (no spreadsheet, document or PDF)")
    if any(i.flag_bits & 0x1 for i in infos):
        raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy first")
    total = sum(i.file_size for i in infos)
    packed = max(1, path.stat().st_size)
    if total > MAX_UNCOMPRESSED or (total > BOMB_MIN_SIZE and total / packed > BOMB_RATIO):
        raise DirectoryError(
            f"{path.name} would unpack to {total / 1024 / 1024:,.0f} MB from {packed / 1024:,.0f} KB: refused as "
            "unsafe (a decompression bomb or a sheet padded with millions of empty rows)"
        )
    return kind


def archived_list(name: str) -> bool:
    """Whether a ZIP archive's member is a list to read: not a folder, nor what macOS and Word leave beside files
    ("__MACOSX/._form.docx", "~$form.docx"), nor another archive."""
    base = name.rsplit("/", 1)[-1]
    return (
        not name.startswith("__MACOSX/")
        and not base.startswith(("._", "~$"))
        and base.lower().endswith((*LIST_SUFFIXES, ".doc"))  # a Word 97-2003 form: refused saying how to save it
        and not base.lower().endswith((".txt", ".zip", ".xml"))  # an XML file in a ZIP is a program's, not a list
    )


def _true(attrs: dict[str, str], key: str) -> bool:
    return attrs.get(key, "").strip().lower() in ("1", "true")


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_IS, _T, _R, _F = (f"{_MAIN_NS}{tag}" for tag in ("is", "t", "r", "f"))


def _inline_text(element) -> str:  # element: the <is> of a cell
    """The text of an inline string: its <t>, then the <t> of each rich-text run <r>; phonetic runs (<rPh>) are
    not part of it (ECMA-376 part 1, 18.3.1.53 and 18.4.4). openpyxl reads the same text through its rich-text
    object model, which costs ~25 us a cell: most of the reading time of a list written by a program."""
    parts = []
    plain = element.find(_T)
    if plain is not None and plain.text:
        parts.append(plain.text)
    for run in element.iterfind(_R):
        text = run.find(_T)
        if text is not None and text.text:
            parts.append(text.text)
    return "".join(parts)


_XML_CHUNK = 64 * 1024


class _RootReached(Exception):
    pass


class _UnsafeXml(Exception):
    """A part declares a DTD (entities): refused, as defusedxml refuses it in the parts openpyxl reads."""


def _prolog(source) -> bytes:  # source: a binary file object
    """The bytes read up to and including the root element's start tag, once expat has seen there is no DTD.

    A DTD can only come before the root element, so expat is stopped there; any error is left to the parser
    that reads the whole part, which meets it again."""
    from xml.parsers import expat

    def refuse(*_args: object) -> None:
        raise _UnsafeXml

    def stop(*_args: object) -> None:
        raise _RootReached

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = stop
    read: list[bytes] = []
    while True:
        chunk = source.read(_XML_CHUNK)
        read.append(chunk)
        try:
            parser.Parse(chunk, not chunk)
        except (_RootReached, expat.ExpatError):
            break
        if not chunk:
            break
    return b"".join(read)


def _sheet_events(source):  # source: the sheet's XML as a binary file object
    """("end", element) for each element of a sheet's XML, from the standard library's C parser.

    Why not openpyxl's own `iterparse`: with defusedxml installed it is defusedxml's parser, which runs a Python
    handler for every start and end tag, about a fifth of the time of reading a list. What defusedxml guards
    against (entities that expand a billion-fold, external entities that read local files) needs a DTD to
    declare them, and a worksheet never has one: `_prolog` refuses a DTD, which shuts out the same attacks.
    """
    from xml.etree.ElementTree import XMLPullParser

    parser = XMLPullParser(events=("end",))
    chunk = _prolog(source)
    while chunk:
        parser.feed(chunk)
        yield from parser.read_events()
        chunk = source.read(_XML_CHUNK)
    parser.close()
    yield from parser.read_events()


@cache
def _parser_class() -> type:  # defined on first use: openpyxl loads only when a workbook is read
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import COL_TAG, HYPERLINK_TAG, MERGE_TAG, ROW_TAG, WorkSheetParser
    from openpyxl.worksheet.hyperlink import HyperlinkList
    from openpyxl.worksheet.merge import MergeCells

    class SheetParser(WorkSheetParser):
        """openpyxl's parser over `_sheet_events`, keeping what a list needs (cells, hidden rows and columns,
        merged ranges), with inline strings read directly (see `_inline_text`) and a formula's saved result read
        in the same pass (`"cached"`), not by parsing the sheet a second time."""

        def parse(self):  # type: ignore[no-untyped-def]
            for _event, element in _sheet_events(self.source):
                tag = element.tag
                if tag == ROW_TAG:
                    row = self.parse_row(element)
                    element.clear()
                    yield row
                elif tag == COL_TAG:
                    self.parse_column_dimensions(element)
                    element.clear()
                elif tag == MERGE_TAG:
                    self.merged_cells = MergeCells.from_tree(element)
                    element.clear()
                elif tag == HYPERLINK_TAG:
                    self.hyperlinks = HyperlinkList.from_tree(element)
                    element.clear()

        def parse_cell(self, element):  # type: ignore[no-untyped-def]
            if element.find(_F) is not None:
                counter = self.col_counter
                cell = super().parse_cell(element)  # the formula
                after, self.col_counter, self.data_only = self.col_counter, counter, True
                try:
                    cell["cached"] = super().parse_cell(element)["value"]  # what Excel computed when it saved
                finally:
                    self.col_counter, self.data_only = after, False
                return cell
            if element.get("t") != "inlineStr":
                return super().parse_cell(element)
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            child = element.find(_IS)
            value = _inline_text(child) if child is not None else None
            style = element.get("s", 0)
            return {
                "row": row,
                "column": column,
                "value": value,
                "data_type": "s" if child is not None else "inlineStr",
                "style_id": int(style) if style else 0,
            }

    return SheetParser


def _parse_sheet(wb, ws):  # wb, ws: openpyxl read-only Workbook and ReadOnlyWorksheet
    """openpyxl's own sheet parser, run once over the sheet's XML: its cells, and what it collected on the way
    (row and column dimensions, merged ranges).

    Why not a plain load: openpyxl's normal mode builds a styled Cell object per cell and costs about 1.7x its
    read-only pass, and read-only mode hides hidden rows and merged ranges, which a registration list needs
    (titles merged across the top, one organisation merged down a group of people). `WorkSheetParser` is the
    parser under both modes; using it directly gives read-only speed with everything the normal mode knows.
    tests/core/test_import_reading.py checks merged, hidden, formula, date and rich-text cells against the
    normal mode.
    """
    with ws._get_source() as src:
        parser = _parser_class()(
            src,
            wb.shared_strings,
            data_only=False,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        cells = [cell for _number, row in parser.parse() for cell in row]
    return parser, cells


def _merged_ranges(parser) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range the parser saw."""
    from openpyxl.utils.cell import range_boundaries

    merged = getattr(parser, "merged_cells", None)
    out = []
    for merge in getattr(merged, "mergeCell", None) or ():
        with contextlib.suppress(ValueError, TypeError):
            bounds = range_boundaries(merge.ref)
            if None not in bounds:
                out.append(bounds)
    return out


def apply_merges(grid: dict[tuple[int, int], object], ranges: list[tuple[int, int, int, int]]) -> set[tuple[int, int]]:
    """Excel keeps a merged range's value in its top-left cell (openpyxl's normal mode drops anything a script
    left in the others; so do we). A value merged over several rows (one country or organisation for a group
    of people) belongs to each row; ranges spanning one row (titles across the top) are left as they are.
    Returns the cells given a value from above, as `Sheet.merged_below` keeps them."""
    below: set[tuple[int, int]] = set()
    for min_col, min_row, max_col, max_row in ranges:
        top = grid.get((min_row, min_col))
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    grid.pop((r, c), None)
        if max_row > min_row:
            for r in range(min_row + 1, max_row + 1):
                grid[(r, min_col)] = top
                below.add((r, min_col - 1))
    return below


_STRICT_OOXML = b"http://purl.oclc.org/ooxml/spreadsheetml/main"


def _is_strict_ooxml(path: Path) -> bool:
    """Whether the workbook was saved as Excel's "Strict Open XML Spreadsheet", which openpyxl cannot read."""
    try:
        with zipfile.ZipFile(path) as z:
            return _STRICT_OOXML in z.read("xl/workbook.xml")[:4096]
    except Exception:  # a damaged file (a bad zip, a broken deflate stream): openpyxl's reading says so
        return False


def _refuse_strict_ooxml(path: Path) -> None:
    if _is_strict_ooxml(path):
        raise DirectoryError(
            f"{path.name}: saved as a 'Strict Open XML Spreadsheet', which cannot be read: open it in Excel and save "
            "it as an 'Excel Workbook (.xlsx)'"
        )


def _read_xlsx(path: Path) -> Workbook:
    import warnings

    import openpyxl  # defusedxml installed: openpyxl parses the XML defensively

    try:
        # A file object, not the path: openpyxl would refuse a workbook by its extension (a list saved as ".xls").
        with path.open("rb") as fh, warnings.catch_warnings():
            # openpyxl warns about parts it does not read (data validation, conditional formatting, an extension):
            # nothing of a list's people, and a Python warning is no message for a user.
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(fh, data_only=False, read_only=True)
            try:
                sheets = [_read_xlsx_sheet(wb, ws) for ws in wb.worksheets]
            finally:
                wb.close()
    except DirectoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        if unsafe_xml(exc):
            raise DirectoryError(
                f"{path.name}: refused as unsafe: its XML declares a DTD or entities, which no workbook saved by a "
                "spreadsheet program has"
            ) from None
        _refuse_strict_ooxml(path)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())  # openpyxl's messages run over several lines
        raise DirectoryError(f"{path.name}: damaged or unsupported .xlsx file ({detail})") from None
    if not any(sheet.rows for sheet in sheets):  # openpyxl reads a Strict Open XML workbook as empty: looked into then
        _refuse_strict_ooxml(path)
    return Workbook(path, "xlsx", sheets)


def unsafe_xml(exc: BaseException | None) -> bool:
    """Whether `exc`, or what caused it, is a refused DTD (ours, or defusedxml's in the parts openpyxl reads)."""
    from defusedxml import DefusedXmlException

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, _UnsafeXml | DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@contextlib.contextmanager
def zipped_xml_errors(path: Path, damaged: str) -> Iterator[None]:
    """What goes wrong reading an XML document (from a ZIP file: an .ods, a .docx; or an XML spreadsheet), as one
    line that names the file: a refused DTD, or a damaged `damaged` (".ods file", "Word document")."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    try:
        yield
    except DirectoryError:
        raise
    except (DefusedXmlException, ParseError) as exc:
        if unsafe_xml(exc):
            raise DirectoryError(
                f"{path.name}: refused as unsafe: its XML declares a DTD or entities, which no file saved by a "
                "program has"
            ) from None
        raise DirectoryError(f"{path.name}: damaged {damaged} ({type(exc).__name__}: {exc})") from None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DirectoryError(f"{path.name}: damaged {damaged} ({type(exc).__name__}: {exc})") from None


def _read_xlsx_sheet(wb, ws) -> Sheet:  # wb, ws: openpyxl read-only Workbook and ReadOnlyWorksheet
    parser, cells = _parse_sheet(wb, ws)
    grid: dict[tuple[int, int], object] = {}
    formulas: dict[tuple[int, int], str] = {}
    for cell in cells:
        value = cell["value"]
        key = (cell["row"], cell["column"])
        if cell["data_type"] == "f":
            formulas[key] = str(value)
            # The result Excel saved with the formula (files written by scripts often have none).
            value = cell.get("cached")
        if value is not None:
            if not isinstance(value, str | int | float | date | time | bool):
                value = str(value)  # rich text objects
            grid[key] = value
    merged_below = apply_merges(grid, _merged_ranges(parser))
    hidden_rows: set[int] = set()
    for key, attrs in parser.row_dimensions.items():
        with contextlib.suppress(ValueError):
            if _true(attrs, "hidden"):
                hidden_rows.add(int(key))
    hidden_cols: set[int] = set()
    for attrs in parser.column_dimensions.values():
        if _true(attrs, "hidden"):
            with contextlib.suppress(ValueError, KeyError):
                start, end = int(attrs["min"]), int(attrs.get("max") or attrs["min"])
                hidden_cols.update(range(start - 1, min(end, 16_384)))
    hidden = ws.sheet_state != "visible"
    links = _mail_links(wb, ws, parser)
    return grid_sheet(ws.title, grid, formulas, hidden_rows, hidden_cols, hidden, merged_below, links)


def _mail_links(wb, ws, parser) -> dict[tuple[int, int], str]:  # openpyxl's Workbook, ReadOnlyWorksheet, parser
    """The e-mail addresses the sheet's cells link to, by (row number, 0-based column). A link's target is in the
    sheet's relationships part, read only when the sheet has links."""
    links = getattr(getattr(parser, "hyperlinks", None), "hyperlink", None)
    if not links:
        return {}
    from urllib.parse import unquote

    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.utils.cell import range_boundaries

    try:
        targets = {r.Id: r.Target for r in get_dependents(wb._archive, get_rels_path(ws._worksheet_path))}
    except (KeyError, OSError, ValueError):
        return {}
    out: dict[tuple[int, int], str] = {}
    for link in links:
        target = str(targets.get(link.id) or link.target or "")
        if not target.lower().startswith("mailto:") or not link.ref:
            continue
        address = unquote(target[7:].split("?", 1)[0]).strip()
        with contextlib.suppress(ValueError, TypeError):
            min_col, min_row, max_col, max_row = range_boundaries(link.ref)
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    out[(row, col - 1)] = address
    return out


# An empty stretch of a sheet longer than this many rows is left out: a value typed by accident at its foot (row
# 1,048,576, after Ctrl+Down) made a million empty rows, which filled the memory. The rows kept keep their numbers.
EMPTY_ROWS_KEPT = 50
# A sheet wider than this many columns (a value typed by accident in column XFD) keeps only its columns that hold a
# value: a list has a few dozen.
WIDEST_SHEET = 512


def grid_sheet(
    name: str,
    grid: dict[tuple[int, int], object],
    formulas: dict[tuple[int, int], str],
    hidden_rows: set[int],
    hidden_cols: set[int],
    hidden: bool,
    merged_below: set[tuple[int, int]],
    links: dict[tuple[int, int], str] | None = None,
) -> Sheet:
    """A `Sheet` from the values of a sheet by (row, column), both 1-based: rows and columns up to the last value,
    hidden rows (row numbers) and columns (0-based) beyond it left out; `links` (e-mail addresses by row number and
    0-based column) kept with their cells. Long empty stretches and, in an absurdly wide sheet, empty columns are
    left out (`EMPTY_ROWS_KEPT`, `WIDEST_SHEET`)."""
    columns_used = {c for _r, c in grid}
    max_col = max(columns_used, default=0)
    if max_col > WIDEST_SHEET:
        columns = sorted(columns_used)
        position = {c: i for i, c in enumerate(columns)}
        hidden_cols = {position[c + 1] for c in hidden_cols if c + 1 in position}
        merged_below = {(r, position[c + 1]) for r, c in merged_below if c + 1 in position}
        links = {(r, position[c + 1]): a for (r, c), a in (links or {}).items() if c + 1 in position}
    else:
        columns = list(range(1, max_col + 1))
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    previous = 0
    for r in sorted({r for r, _c in grid}):
        for empty in range(previous + 1, min(r, previous + 1 + EMPTY_ROWS_KEPT)):
            rows.append([Cell(None) for _c in columns])
            numbers.append(empty)
        row: list[Cell] = []
        for c in columns:
            key = (r, c)
            formula = formulas.get(key)
            value = clean_value(grid.get(key))
            row.append(Cell(value, formula, formula is not None and value is None))
        rows.append(row)
        numbers.append(r)
        previous = r
    hidden_rows = {r for r in hidden_rows if r <= previous}
    hidden_cols = {c for c in hidden_cols if c < len(columns)}
    return Sheet(name, rows, numbers, hidden_rows, hidden_cols, hidden, merged_below, links=links or {})


# ------------------------------------------------------------------------------------------------ xls


# Streams that name the program of an old Office file (a compound file's directory holds them in UTF-16).
_OLD_OFFICE_STREAMS = (
    ("__substg1.0_", "an Outlook message (.msg): save the list attached to it and import that file"),
    ("WordDocument", "an old Word document (.doc): save it in Word as a .docx to import its tables"),
    ("PowerPoint Document", "a PowerPoint presentation, not a list"),
)


def _old_office_kind(data: bytes) -> str:
    for stream, kind in _OLD_OFFICE_STREAMS:  # a name ending in "_" begins the names of a kind's streams
        if (stream if stream.endswith("_") else stream + "\0").encode("utf-16-le") in data:
            return kind
    return "an Office file but not an Excel workbook"


def _read_xls(path: Path) -> Workbook:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy first")
    import xlrd

    try:
        # xlrd prints its warnings ("WARNING *** file size not 512 + multiple of sector size") to stdout: kept out
        # of the command line's output and the user's sight.
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False, logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "encrypt" in text.lower():
            raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy") from None
        if "workbook" in text.lower() and "ole2" in text.lower():
            raise DirectoryError(f"{path.name} is {_old_office_kind(data)}") from None
        raise DirectoryError(f"{path.name}: damaged or unsupported .xls file ({text})") from None
    except Exception as exc:  # xlrd raises assertion and struct errors on damaged files
        if path.suffix.lower() == ".doc":  # by its name a Word 97-2003 document, and no workbook inside
            raise DirectoryError(f"{path.name} is {dict(_OLD_OFFICE_STREAMS)['WordDocument']}") from None
        raise DirectoryError(f"{path.name}: damaged .xls file ({type(exc).__name__}: {exc})") from None
    sheets: list[Sheet] = []
    for sh in book.sheets():
        grid: dict[tuple[int, int], object] = {}
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                ctype = sh.cell_type(r, c)
                value = sh.cell_value(r, c)
                if ctype == xlrd.XL_CELL_DATE:
                    with contextlib.suppress(ValueError, OverflowError):
                        value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    value = None
                if value not in (None, ""):
                    grid[(r + 1, c + 1)] = value
        merged_below: set[tuple[int, int]] = set()
        for r0, r1, c0, _c1 in sh.merged_cells:
            if r1 - r0 > 1:
                top = grid.get((r0 + 1, c0 + 1))
                for r in range(r0 + 2, r1 + 1):
                    grid[(r, c0 + 1)] = top
                    merged_below.add((r, c0))
        hidden_rows = {r + 1 for r, info in sh.rowinfo_map.items() if info.hidden and r < sh.nrows}
        hidden_cols = {c for c, info in sh.colinfo_map.items() if info.hidden and c < sh.ncols}
        rows = [[Cell(clean_value(grid.get((r, c)))) for c in range(1, sh.ncols + 1)] for r in range(1, sh.nrows + 1)]
        sheets.append(
            Sheet(
                sh.name, rows, list(range(1, sh.nrows + 1)), hidden_rows, hidden_cols, bool(sh.visibility), merged_below
            )
        )
    return Workbook(path, "xls", sheets)


# ------------------------------------------------------------------------------------------------ text


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text saved as UTF-16 without its byte order mark, else None: mostly
    Latin and Cyrillic text has a zero in every other byte (the high byte of each character), and only there."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """(text, encoding, guessed). BOM, then strict UTF-8, then charset-normalizer among the legacy code pages.

    Only `LEGACY_ENCODINGS` are considered: the code pages of the region's Windows machines, Latin-2 and Greek.
    Any byte string decodes "successfully" in a wrong one, so the choice must be made by likelihood, not by
    absence of errors.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding, False
        except (UnicodeDecodeError, LookupError) as exc:
            raise DirectoryError(f"the file cannot be read as {encoding}: {exc}") from None
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), "utf-8" if enc == "utf-8-sig" else enc, False
            except UnicodeDecodeError as exc:
                raise DirectoryError(f"broken {enc} text: {exc}") from None
    if order := utf16_without_bom(data):
        try:
            return data.decode(order), order, True
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    return _guess_legacy(data)


# Letters beyond ASCII of the Latin alphabets met in the region's lists (and in its partners'). A word decoded in
# the right code page uses letters of one alphabet; in a wrong one it mixes them ("Hélčne", "Ðorðeviæ", "Soyadý").
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "čćđšž",  # Bosnian, Croatian, Montenegrin, Serbian (Latin), Slovenian
        "ăâîșțşţ",  # Romanian
        "áéíóöőúüű",  # Hungarian
        "ąćęłńóśźż",  # Polish
        "çğıöşüi\u0307",  # Turkish ("İ".lower() is i + combining dot)
        "çë",  # Albanian
        "àâçéèêëîïôœùûüÿ",  # French (without æ, met in Latin phrases only: in cp1252 it is the ć of "Babić")
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíòóù",  # Italian
        "ëïéèöü",  # Dutch
    )
)
_WORD = re.compile(r"[^\W\d_]+")


def _incoherent_words(text: str) -> int:
    bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        letters = {ch for ch in word.lower() if not ch.isascii()}
        if all(ch in _CYRILLIC_LETTERS for ch in word) or all(ch in _GREEK_LETTERS for ch in word):
            continue  # a word of one alphabet that is not Latin: charset-normalizer's chaos tells its code page
        if letters & _NON_LATIN_LETTERS or not any(letters <= a for a in _ALPHABETS):
            bad += 1
    return bad


def _words_beyond_one_alphabet(text: str) -> int:
    """How many words (beyond ASCII, Cyrillic aside) the alphabet holding most of them does not hold; 0 below
    two. A French list read in cp1250 has words each of one alphabet ("Ministčre", "ętres", "Procčs") but,
    together, of several; a Croatian list may name one "Renée", and two letters cannot tell its code page."""
    words = [
        letters
        for word in _WORD.findall(text)
        if not word.isascii()
        and (letters := frozenset(ch for ch in word.lower() if not ch.isascii()))
        and not letters <= _CYRILLIC_LETTERS
        and not letters <= _GREEK_LETTERS
    ]
    if not words:
        return 0
    outside = min(sum(1 for letters in words if not letters <= alphabet) for alphabet in _ALPHABETS)
    return outside if outside >= 2 else 0


_C1_CONTROLS = re.compile("[\x80-\x9f]")
_CYRILLIC_LETTERS = frozenset(map(chr, range(0x400, 0x500)))
_GREEK_LETTERS = frozenset(map(chr, range(0x370, 0x400)))
# Letters of alphabets that are not Latin: a word of them is neither coherent nor not by the Latin alphabets above,
# and charset-normalizer's chaos decides between the code pages that give them (cp1251 or cp1253).
_NON_LATIN_LETTERS = _CYRILLIC_LETTERS | _GREEK_LETTERS


def _guess_legacy(data: bytes) -> tuple[str, str, bool]:
    """charset-normalizer ranks the candidates by chaos; on short lists several legacy code pages tie (any byte
    decodes in any of them), so the tie is broken by how many words mix letters of different alphabets, then by
    how many words are of another alphabet than most."""
    from charset_normalizer import from_bytes

    aliases = {"windows_1250": "cp1250", "windows_1251": "cp1251", "windows_1252": "cp1252", "windows_1254": "cp1254",
               "windows_1253": "cp1253", "latin_2": "iso8859_2", "iso8859_2": "iso8859_2"}  # fmt: skip
    ranked: list[tuple[int, int, int, float, int, str, str]] = []
    matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    names = [aliases.get(m.encoding, m.encoding) for m in matches] or list(LEGACY_ENCODINGS)
    chaos = {aliases.get(m.encoding, m.encoding): m.chaos for m in matches}
    for order, enc in enumerate(dict.fromkeys([*names, *LEGACY_ENCODINGS])):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:200_000]
        # C1 control characters (U+0080-U+009F) are what Latin-2 makes of cp1250's and cp1252's Š, š, Ž, ž, "…"
        # and the quotes: no list holds one, so a code page that gives them is wrong first of all.
        controls = len(_C1_CONTROLS.findall(sample))
        ranked.append(
            (controls, _incoherent_words(sample), _words_beyond_one_alphabet(sample), chaos.get(enc, 1.0), order, enc,
             text)
        )  # fmt: skip
    if not ranked:
        return data.decode("cp1252", errors="replace"), "cp1252", True
    ranked.sort(key=lambda t: t[:5])
    *_ranks, enc, text = ranked[0]
    return text, enc, True


def sniff_delimiter(text: str) -> str:
    """`,` `;` or tab: the one splitting the first lines into the most equal, largest number of fields."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        pass
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delim))) for line in lines]
        common = max(set(counts), key=counts.count)
        score = (common - 1) * counts.count(common)
        if score > best_score:
            best, best_score = delim, score
    return best


def _prose(records: list[list[str]]) -> bool:
    """A letter, an agenda or a README chosen by mistake: its lines split into different numbers of long pieces.

    A table's rows mostly share one number of fields (a title line or a total above or below it aside); a list
    of names alone has one short field a line. Prose has neither: no number of fields shared by most of its
    lines (a sentence's commas often make two, so two fields must be nearly every line's), and pieces of
    several words each. Without this check a sentence naming "country" and "phones" was taken for a header
    and the lines below it for people.
    """
    rows = [r for r in records[:300] if any(c.strip() for c in r)]
    if len(rows) < 3:
        return False
    counts: dict[int, int] = {}
    for r in rows:
        counts[len(r)] = counts.get(len(r), 0) + 1
    width, times = max(counts.items(), key=lambda item: (item[1], item[0]))
    if (width >= 3 and times * 2 >= len(rows)) or (width == 2 and times * 5 >= len(rows) * 4):
        return False
    cells = [c for r in rows for c in r if c.strip()]
    return sum(len(c.split()) for c in cells) >= 4 * len(cells)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SEP_HINT = re.compile(r"[ \t]*sep=([^\r\n])[ \t]*\r?\n", re.IGNORECASE)


def check_size(path: Path) -> None:
    """Refuse a text file (a CSV, a web page, an XML spreadsheet, an e-mail) too large to be a list, unread."""
    size = path.stat().st_size
    if size > MAX_TEXT_FILE:
        raise DirectoryError(f"{path.name}: {size / 1024 / 1024:,.0f} MB is too large for a registration list")


def _read_text(path: Path, encoding: str | None) -> Workbook:
    check_size(path)
    data = path.read_bytes()
    try:
        text, used, guessed = decode_text(data, encoding)
    except DirectoryError as exc:
        raise DirectoryError(f"{path.name}: {exc}") from None
    if not text.strip():
        raise DirectoryError(f"{path.name}: the file is empty")
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise DirectoryError(f"{path.name} is not a text table (.csv): it holds binary data")
    first_line = 1
    if hint := _SEP_HINT.match(text):  # "sep=;": the line Excel writes and reads to know the delimiter
        delimiter, text, first_line = hint[1], text[hint.end() :], 2
    else:
        delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise DirectoryError(f"{path.name}: not a readable CSV table ({exc})") from None
    if _prose(records):
        raise DirectoryError(
            f"{path.name} is text, not a table: its lines are sentences, not columns separated by commas, "
            "semicolons or tabs"
        )
    width = max((len(r) for r in records), default=0)
    rows = [[Cell(clean_value(v)) for v in rec] + [Cell(None)] * (width - len(rec)) for rec in records]
    sheet = Sheet(path.stem, rows, list(range(first_line, len(rows) + first_line)))
    return Workbook(path, "csv", [sheet], encoding=used, encoding_guessed=guessed, delimiter=delimiter)


def iter_nonempty(cells: Iterable[Cell]) -> Iterable[tuple[int, Cell]]:
    for i, cell in enumerate(cells):
        if cell.value is not None or cell.missing_value:
            yield i, cell
