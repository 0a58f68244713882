"""The import report as an .xlsx workbook: a summary sheet and every skipped or doubtful row with its values."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from directory_app.core.importing.mapping import ORIGINAL_SUFFIX, REPORT_HEADERS
from directory_app.core.importing.pipeline import NO_EVENT, ImportReport
from directory_app.core.importing.sources import NO_EVENT_OF_ITS_OWN, REPORT_SUMMARY_SHEET
from directory_app.core.records import DirectoryError

MAX_CELL = 32_000  # Excel's limit is 32,767 characters per cell


def _text(value: object) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = "" if value is None else str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL]


def write_report_xlsx(report: ImportReport, path: str | Path, *, all_rows: bool = False) -> Path:
    """Write the report (atomically: a temporary file, then renamed). Every value is written as text, so a
    cell beginning with "=" in a registration list stays text and never becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = REPORT_SUMMARY_SHEET
    bold = Font(bold=True)
    lines: list[tuple[str, object]] = [
        ("Files", ", ".join(report.files)),
        ("Event", report.event or (NO_EVENT_OF_ITS_OWN if report.rows_named_events else NO_EVENT)),
        ("Dry run (nothing written)" if report.dry_run else "Written", "yes"),
        ("Created", report.created),
        ("Updated", report.updated),
        ("Unchanged", report.unchanged),
        ("Skipped", report.skipped),
        ("Not people (ignored)", report.ignored),
        ("Possible duplicates", len(report.possible_duplicates)),
    ]
    for file, sheet, reason in report.skipped_sheets:
        lines.append(("Sheet skipped", f"{file} / {sheet}: {reason}"))
    for note in report.notes:
        lines.append(("Note", note))
    for label, value in lines:
        ws.append([label, value if isinstance(value, int) else _text(value)])
        ws.cell(ws.max_row, 1).font = bold
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90

    rows = report.outcomes if all_rows else report.doubtful
    original_keys: list[str] = []
    seen: set[str] = set()
    for o in rows:
        for k in o.original:
            if k not in seen:
                seen.add(k)
                original_keys.append(k)
    fixed = list(REPORT_HEADERS)  # the importer knows this layout: a report with its rows corrected imports
    rs = wb.create_sheet("Rows")
    rs.append(fixed + [f"{k.strip()}{ORIGINAL_SUFFIX}" for k in original_keys])
    for cell in rs[1]:
        cell.font = bold
    for o in rows:
        row = o.row if o.person else o.row_number  # a number, to sort by; "12, person 2" on a delegation form
        values = [o.file, o.sheet, row, o.status, o.name, o.reason_text, o.contact_id]
        values += [o.original.get(k, "") for k in original_keys]
        rs.append([None] * len(values))
        r = rs.max_row
        for c, value in enumerate(values, start=1):
            cell = rs.cell(r, c)
            if isinstance(value, int):
                cell.value = value
            elif value not in (None, ""):
                cell.value = _text(value)
                cell.data_type = "s"  # text even when it starts with "=": no formula injection
    rs.freeze_panes = "A2"
    rs.auto_filter.ref = rs.dimensions
    for c, width in enumerate([22, 16, 6, 11, 26, 70, 10], start=1):
        rs.column_dimensions[get_column_letter(c)].width = width
    for c in range(len(fixed) + 1, len(fixed) + len(original_keys) + 1):
        rs.column_dimensions[get_column_letter(c)].width = 22

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise DirectoryError(f"cannot write the report to {path}: {exc.strerror or exc}") from None
    return path
