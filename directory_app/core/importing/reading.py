"""Reading registration lists into plain grids of cells: .xlsx (openpyxl), .xls (xlrd) and .csv/.txt.

The format is decided from the file's first bytes, never from its extension: ZIP (an .xlsx, checked for
decompression bombs before openpyxl sees it), OLE2 (an old .xls, or an encrypted Office file), or text.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
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

LEGACY_ENCODINGS = ("cp1250", "cp1251", "cp1252", "cp1254")
ENCODING_CHOICES = ("utf-8", *LEGACY_ENCODINGS)
DELIMITERS = (",", ";", "\t")

CellValue = str | int | float | date | datetime | time | bool | None


@dataclass
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


@dataclass
class Workbook:
    path: Path
    kind: str  # "xlsx", "xls", "csv"
    sheets: list[Sheet]
    encoding: str | None = None  # text files: the encoding used
    encoding_guessed: bool = False  # text files: True when the encoding came from charset-normalizer
    delimiter: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


# ------------------------------------------------------------------------------------------------ detection


def sniff_format(path: Path) -> str:
    """ "xlsx", "xls", "csv" or "vcard" from the first bytes; DirectoryError for anything else."""
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
    for magic, what in (
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"{\\rtf", "an RTF document"),
        (b"SQLite format 3", "an SQLite database"),
    ):
        if head.startswith(magic):
            raise DirectoryError(f"{path.name} is {what}, not a spreadsheet")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DirectoryError(f"{path.name} is a binary file, not a spreadsheet (.xlsx, .xls or .csv)")
    stripped = head.lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if stripped.startswith(b"BEGIN:VCARD"):
        return "vcard"
    if stripped.startswith((b"<!DOCTYPE HTML", b"<HTML")):
        raise DirectoryError(f"{path.name} is a web page, not a spreadsheet; save it from Excel as .xlsx")
    return "csv"


def read_workbook(path: str | Path, *, encoding: str | None = None) -> Workbook:
    """Read every sheet of a registration list. `encoding` forces the code page of a text file."""
    path = Path(path)
    kind = sniff_format(path)
    if kind == "xlsx":
        return _read_xlsx(path)
    if kind == "xls":
        return _read_xls(path)
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


def check_zip(path: Path) -> None:
    """Refuse ZIP files that are not a workbook, broken, encrypted or that unpack to far too much (bombs)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        # NotImplementedError: a member that says it needs a newer ZIP version or an unknown compression
        raise DirectoryError(f"{path.name}: damaged file, cannot be opened as .xlsx ({exc})") from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        if any(n.startswith("word/") for n in names):
            raise DirectoryError(f"{path.name} is a Word document, not a spreadsheet")
        if "content.xml" in names:
            raise DirectoryError(f"{path.name} is an OpenDocument file; save it from LibreOffice as .xlsx")
        raise DirectoryError(f"{path.name} is a ZIP archive, not an Excel workbook")
    if any(i.flag_bits & 0x1 for i in infos):
        raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy first")
    total = sum(i.file_size for i in infos)
    packed = max(1, path.stat().st_size)
    if total > MAX_UNCOMPRESSED or (total > BOMB_MIN_SIZE and total / packed > BOMB_RATIO):
        raise DirectoryError(
            f"{path.name} would unpack to {total / 1024 / 1024:,.0f} MB from {packed / 1024:,.0f} KB: refused as "
            "unsafe (a decompression bomb or a sheet padded with millions of empty rows)"
        )


def _fill_merged_down(ws, grid: dict[tuple[int, int], object]) -> None:  # ws: openpyxl Worksheet
    # A value merged over several rows (one country or organisation for a group of people) belongs to each row.
    # Ranges spanning one row (titles across the top) are left as they are.
    for rng in ws.merged_cells.ranges:
        if rng.max_row == rng.min_row:
            continue
        top = grid.get((rng.min_row, rng.min_col))
        for r in range(rng.min_row + 1, rng.max_row + 1):
            grid[(r, rng.min_col)] = top


def _read_xlsx(path: Path) -> Workbook:
    check_zip(path)
    import openpyxl  # defusedxml installed: openpyxl parses the XML defensively

    try:
        # A file object, not the path: openpyxl would refuse a workbook by its extension (a list saved as ".xls").
        with path.open("rb") as fh:
            wb = openpyxl.load_workbook(fh, data_only=False, read_only=False)
    except DirectoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise DirectoryError(f"{path.name}: damaged or unsupported .xlsx file ({type(exc).__name__}: {exc})") from None
    # ws._cells holds only the cells present in the file; iter_rows() would create every empty cell of the stated
    # dimension (openpyxl has no public way to visit stored cells only).
    has_formulas = any(cell.data_type == "f" for ws in wb.worksheets for cell in ws._cells.values())
    cached = None
    if has_formulas:
        # Formulas: their last computed values are only in a data_only load (files saved by Excel have them; files
        # written by scripts often do not).
        try:
            with path.open("rb") as fh:
                cached = openpyxl.load_workbook(fh, data_only=True, read_only=False)
        except Exception as exc:
            raise DirectoryError(f"{path.name}: damaged .xlsx file ({type(exc).__name__}: {exc})") from None
    sheets: list[Sheet] = []
    for ws in wb.worksheets:
        grid: dict[tuple[int, int], object] = {}
        formulas: dict[tuple[int, int], str] = {}
        cws = cached[ws.title] if cached is not None else None
        max_row, max_col = 0, 0
        for (r, c), cell in ws._cells.items():
            value = cell.value
            if cell.data_type == "f":
                formulas[(r, c)] = str(value)
                value = cws.cell(r, c).value if cws is not None else None
            elif not isinstance(value, str | int | float | date | time | bool) and value is not None:
                value = str(value)  # array formulas, rich text objects
            if value is not None or (r, c) in formulas:
                grid[(r, c)] = value
                max_row, max_col = max(max_row, r), max(max_col, c)
        _fill_merged_down(ws, grid)
        hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden and r <= max_row}
        hidden_cols: set[int] = set()
        for key, dim in ws.column_dimensions.items():
            if dim.hidden:
                start, end = dim.min or 0, dim.max or 0
                if not start:
                    from openpyxl.utils import column_index_from_string

                    start = end = column_index_from_string(key)
                hidden_cols.update(range(start - 1, min(end, max_col)))
        rows: list[list[Cell]] = []
        numbers: list[int] = []
        for r in range(1, max_row + 1):
            row: list[Cell] = []
            for c in range(1, max_col + 1):
                formula = formulas.get((r, c))
                value = clean_value(grid.get((r, c)))
                row.append(Cell(value, formula, formula is not None and value is None))
            rows.append(row)
            numbers.append(r)
        sheets.append(Sheet(ws.title, rows, numbers, hidden_rows, hidden_cols, hidden=ws.sheet_state != "visible"))
    wb.close()
    if cached is not None:
        cached.close()
    return Workbook(path, "xlsx", sheets)


# ------------------------------------------------------------------------------------------------ xls


def _read_xls(path: Path) -> Workbook:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy first")
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "encrypt" in text.lower():
            raise DirectoryError(f"{path.name} is encrypted (password-protected); save an unprotected copy") from None
        if "workbook" in text.lower() and "ole2" in text.lower():
            raise DirectoryError(f"{path.name} is an Office file but not an Excel workbook") from None
        raise DirectoryError(f"{path.name}: damaged or unsupported .xls file ({text})") from None
    except Exception as exc:  # xlrd raises assertion and struct errors on damaged files
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
        for r0, r1, c0, _c1 in sh.merged_cells:
            if r1 - r0 > 1:
                top = grid.get((r0 + 1, c0 + 1))
                for r in range(r0 + 2, r1 + 1):
                    grid[(r, c0 + 1)] = top
        hidden_rows = {r + 1 for r, info in sh.rowinfo_map.items() if info.hidden and r < sh.nrows}
        hidden_cols = {c for c, info in sh.colinfo_map.items() if info.hidden and c < sh.ncols}
        rows = [[Cell(clean_value(grid.get((r, c)))) for c in range(1, sh.ncols + 1)] for r in range(1, sh.nrows + 1)]
        sheets.append(
            Sheet(sh.name, rows, list(range(1, sh.nrows + 1)), hidden_rows, hidden_cols, hidden=bool(sh.visibility))
        )
    return Workbook(path, "xls", sheets)


# ------------------------------------------------------------------------------------------------ text


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """(text, encoding, guessed). BOM, then strict UTF-8, then charset-normalizer among the legacy code pages.

    Only cp1250/1251/1252/1254 are considered: the code pages of the region's Windows machines. Any byte string
    decodes "successfully" in a wrong one, so the choice must be made by likelihood, not by absence of errors.
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
        "àâæçéèêëîïôœùûüÿ",  # French
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
        if all("\u0400" <= ch <= "\u04ff" for ch in word):
            continue
        if any("\u0400" <= ch <= "\u04ff" for ch in letters) or not any(letters <= a for a in _ALPHABETS):
            bad += 1
    return bad


def _guess_legacy(data: bytes) -> tuple[str, str, bool]:
    """charset-normalizer ranks the candidates by chaos; on short lists several legacy code pages tie (any byte
    decodes in any of them), so the tie is broken by how many words mix letters of different alphabets."""
    from charset_normalizer import from_bytes

    aliases = {"windows_1250": "cp1250", "windows_1251": "cp1251", "windows_1252": "cp1252", "windows_1254": "cp1254"}
    ranked: list[tuple[int, float, int, str, str]] = []
    matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    names = [aliases.get(m.encoding, m.encoding) for m in matches] or list(LEGACY_ENCODINGS)
    chaos = {aliases.get(m.encoding, m.encoding): m.chaos for m in matches}
    for order, enc in enumerate(dict.fromkeys([*names, *LEGACY_ENCODINGS])):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ranked.append((_incoherent_words(text[:200_000]), chaos.get(enc, 1.0), order, enc, text))
    if not ranked:
        return data.decode("cp1252", errors="replace"), "cp1252", True
    ranked.sort(key=lambda t: t[:3])
    _bad, _chaos, _order, enc, text = ranked[0]
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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _read_text(path: Path, encoding: str | None) -> Workbook:
    size = path.stat().st_size
    if size > MAX_TEXT_FILE:
        raise DirectoryError(f"{path.name}: {size / 1024 / 1024:,.0f} MB is too large for a registration list")
    data = path.read_bytes()
    try:
        text, used, guessed = decode_text(data, encoding)
    except DirectoryError as exc:
        raise DirectoryError(f"{path.name}: {exc}") from None
    if not text.strip():
        raise DirectoryError(f"{path.name}: the file is empty")
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise DirectoryError(f"{path.name} is not a text table (.csv): it holds binary data")
    delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise DirectoryError(f"{path.name}: not a readable CSV table ({exc})") from None
    width = max((len(r) for r in records), default=0)
    rows = [[Cell(clean_value(v)) for v in rec] + [Cell(None)] * (width - len(rec)) for rec in records]
    sheet = Sheet(path.stem, rows, list(range(1, len(rows) + 1)))
    return Workbook(path, "csv", [sheet], encoding=used, encoding_guessed=guessed, delimiter=delimiter)


def iter_nonempty(cells: Iterable[Cell]) -> Iterable[tuple[int, Cell]]:
    for i, cell in enumerate(cells):
        if cell.value is not None or cell.missing_value:
            yield i, cell
