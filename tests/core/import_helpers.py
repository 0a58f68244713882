"""Writing real registration files for the import tests (openpyxl, csv, xlwt)."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    hidden_rows: dict[str, set[int]] | None = None,
    hidden_sheets: Sequence[str] = (),
    merges: dict[str, Sequence[str]] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for r in (hidden_rows or {}).get(name, set()):
            ws.row_dimensions[r].hidden = True
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
        if name in hidden_sheets:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, str], sheet_xml: str = "xl/worksheets/sheet1.xml") -> None:
    """Give formula cells a saved result, as Excel does (openpyxl writes formulas without one)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == sheet_xml:
                text = data.decode()
                for ref, value in values.items():
                    text = re.sub(
                        rf'<c r="{ref}"><f>(.*?)</f><v\s*/>', rf'<c r="{ref}" t="str"><f>\1</f><v>{value}</v>', text
                    )
                data = text.encode()
            dst.writestr(info, data)
    shutil.move(tmp, path)


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


HEADER = ["#", "Mr/Ms", "SURNAME", "First name", "Country", "Organisation", "Position", "E-mail", "Phone", "Expertise"]


def person(
    n: int,
    family: str,
    given: str,
    country: str,
    email: str,
    phone: object = "",
    *,
    honorific: str = "Ms",
    organisation: str = "Prosecutor's Office",
    position: str = "Prosecutor",
    expertise: str = "THB",
) -> list:
    return [n, honorific, family, given, country, organisation, position, email, phone, expertise]
