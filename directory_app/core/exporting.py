"""Exporting contacts: what to export (selection, search, event), and the spreadsheet formats (.xlsx, .csv).

The vCard format lives in vcard.py; `export_contacts` is the one entry point the CLI and the GUI call for all
three formats. Contacts not to be shared (`shareable=False`) and private e-mails and phones are left out unless
the caller includes them on purpose.

Spreadsheet safety: a cell that begins with `=`, `+`, `-` or `@` is written as text, never as a formula. In the
.xlsx it is a string cell marked "quote prefix" (Excel keeps it text even when edited); in the .csv, which has
no cell types, it gets a leading apostrophe, the usual defence against formula injection (OWASP).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from directory_app.core import vocab
from directory_app.core.bulk import collector_paused, drop_gradually
from directory_app.core.contacts import list_events, load_records, raw_connection, split_postal_code
from directory_app.core.countries import country_name
from directory_app.core.fileio import ExportResult, Progress, atomic_path, check_target
from directory_app.core.phones import phone_text
from directory_app.core.records import ContactRecord, DirectoryError, EventRecord, plural
from directory_app.core.store import Directory
from directory_app.core.vcard import SplitMode, write_vcards

ExportFormat = Literal["vcard", "xlsx", "csv", "pdf", "qr"]
# "pdf" is the contact list to print, "qr" the sheet of QR codes to print (both .pdf; a .pdf named on the command
# line is the list: format_for_path)
FORMATS: dict[str, str] = {"vcard": ".vcf", "xlsx": ".xlsx", "csv": ".csv", "pdf": ".pdf", "qr": ".pdf"}
Cancel = Callable[[], bool]
K = TypeVar("K", bound=Hashable)

FORMULA_START = ("=", "+", "-", "@")
XLSX_CELL_LIMIT = 32_767  # Excel refuses longer cells
LOAD_CHUNK = 500


class ExportCancelled(DirectoryError):
    """The user cancelled: nothing was written."""


# ---------------------------------------------------------------------------------------------- what to export


@dataclass(frozen=True)
class ExportPlan:
    """The contacts an export will write (`ids`, in order) and how many were left out as not shareable."""

    ids: tuple[int, ...]
    withheld: int = 0

    @property
    def count(self) -> int:
        return len(self.ids)


def plan_exports(directory: Directory, scopes: Mapping[K, Sequence[int]]) -> dict[tuple[K, bool], ExportPlan]:
    """The plans for several sets of contacts at once (the selection, the search, each event), without and with
    the contacts not to be shared: `(key, include_private) -> plan`. Each contact's flag is read once, not once
    per set and choice (the export dialog with 100,000 contacts selected: 4.6 s -> 0.45 s)."""
    wanted = {key: list(dict.fromkeys(map(int, ids))) for key, ids in scopes.items()}
    every = list(dict.fromkeys(i for ids in wanted.values() for i in ids))
    shareable: dict[int, bool] = {}
    with directory.read() as session:
        conn = raw_connection(session)
        if len(every) <= LOAD_CHUNK:
            marks = ",".join("?" * len(every))
            rows = conn.execute(f"SELECT id, shareable FROM contact WHERE id IN ({marks})", every).fetchall()
        else:  # one scan of the table beats thousands of lookups by id (100,000 contacts: 0.03 s against 0.6 s)
            rows = conn.execute("SELECT id, shareable FROM contact").fetchall()
        shareable.update((cid, bool(flag)) for cid, flag in rows)
    plans: dict[tuple[K, bool], ExportPlan] = {}
    for key, ids in wanted.items():
        present = tuple(i for i in ids if i in shareable)
        shared = tuple(i for i in present if shareable[i])
        plans[(key, False)] = ExportPlan(shared, len(present) - len(shared))
        plans[(key, True)] = ExportPlan(present)
    return plans


def plan_export(directory: Directory, ids: Sequence[int], *, include_private: bool = False) -> ExportPlan:
    """Keep the order of `ids`, drop duplicates and contacts that no longer exist, and (unless `include_private`)
    those marked not to be shared."""
    return plan_exports(directory, {"": ids})[("", include_private)]


def plan_giving(directory: Directory, ids: Sequence[int], *, verb: str, limit: int, too_many: str) -> ExportPlan:
    """`plan_export` for copying or writing to the contacts `ids`: DirectoryError when none is left to give
    ("nothing to copy: the 2 chosen contacts are marked not to be shared", "no contacts to copy"), or more than
    `limit` (`too_many`, formatted with `count` and `limit`)."""
    plan = plan_export(directory, ids)
    if not plan.ids:
        if plan.withheld:
            raise DirectoryError(f"nothing to {verb}: {_all_withheld(plan.withheld)}")
        raise DirectoryError(f"no contacts to {verb}")
    if plan.count > limit:
        raise DirectoryError(too_many.format(count=plan.count, limit=limit))
    return plan


def _all_withheld(count: int) -> str:
    """Why nothing is left to give when every chosen contact is marked not to be shared."""
    if count == 1:
        return "the chosen contact is marked not to be shared"
    return f"the {count:,} chosen contacts are marked not to be shared"


def changed_since(directory: Directory, ids: Sequence[int], since: date) -> list[int]:
    """The contacts of `ids` added or changed on `since` or after, in the order of `ids`: what a colleague given
    the directory before that day does not have yet (their import merges the rest unchanged anyway)."""
    if not ids:
        return []
    with directory.read() as session:
        newer = {
            cid
            for (cid,) in raw_connection(session).execute(
                "SELECT id FROM contact WHERE id IN (SELECT value FROM json_each(?)) AND updated_at >= ?",
                (json.dumps(list(ids)), since.isoformat()),
            )
        }
    return [cid for cid in ids if cid in newer]


def load_for_export(
    directory: Directory, ids: Sequence[int], progress: Progress | None = None, cancel: Cancel | None = None
) -> list[ContactRecord]:
    """Full records of `ids`, in order, read in chunks (progress counts contacts read)."""
    out: list[ContactRecord] = []
    total = len(ids)
    with directory.read() as session:
        for start in range(0, total, LOAD_CHUNK):
            if cancel is not None and cancel():
                raise ExportCancelled("export cancelled; nothing was written")
            out.extend(load_records(session, ids[start : start + LOAD_CHUNK]))
            if progress is not None:
                progress(min(start + LOAD_CHUNK, total), total)
    return out


def format_for_path(path: str | os.PathLike[str]) -> ExportFormat:
    """The export format a file name asks for (.vcf/.vcard, .xlsx, .csv, .zip = vCards in a zip)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".vcf", ".vcard", ".zip"):
        return "vcard"
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    if suffix == ".pdf":
        return "pdf"
    raise DirectoryError(f"cannot tell the format of '{Path(path).name}': name it .vcf, .zip, .xlsx, .csv or .pdf")


def export_contacts(
    directory: Directory,
    ids: Sequence[int],
    path: str | os.PathLike[str],
    fmt: ExportFormat,
    *,
    split: SplitMode = False,
    include_private: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Export the contacts `ids` (in that order) to `path` as vCards, Excel, CSV, a list to print or QR codes to print.

    Progress runs over twice the number of contacts: reading them, then writing them. The export is recorded in
    the audit log before the file is written (and the entry taken back when the file is not written after all).
    Raises DirectoryError (nothing written) for an empty export, a bad path, a cancelled one, a file that cannot
    be written, or a directory that cannot record it (a read-only directory file).
    """
    if fmt not in FORMATS:
        raise DirectoryError(f"unknown export format '{fmt}'; use vcard, xlsx, csv, pdf or qr")
    plan = plan_export(directory, ids, include_private=include_private)
    if not plan.ids:
        if plan.withheld:
            raise DirectoryError(f"nothing to export: {_all_withheld(plan.withheld)}")
        raise DirectoryError("no contacts to export")
    total = plan.count
    if fmt == "pdf":  # before reading thousands of records for a list that will not be printed
        from directory_app.core.contact_list import check_print_size

        check_print_size(total)
    elif fmt == "qr":
        from directory_app.core.qr_sheet import check_sheet_size

        check_sheet_size(total)
    target = Path(path).expanduser()
    if split != "folder":
        check_target(target)

    def reading(done: int, _n: int) -> None:
        if progress is not None:
            progress(done, 2 * total)

    def writing(done: int, _n: int) -> None:
        if cancel is not None and cancel():
            raise ExportCancelled("export cancelled; nothing was written")
        if progress is not None:
            progress(total + done, 2 * total)

    # 100,000 contacts are millions of small objects and no cycles: collecting while they are read and written
    # froze the window 0.5 s (its collector runs on the GUI thread) and slowed the export.
    with collector_paused():
        records = load_for_export(directory, plan.ids, reading, cancel)
        # Issue 7: who was given what. The audit names the file and the contacts, and says what was left out. It is
        # recorded before the file is written, so that no export is ever on disk unrecorded: a directory that
        # cannot record it (a read-only file) gets nothing written.
        from directory_app.core.privacy import exportable, recorded_export

        left = exportable(records, include_private)[1]
        detail = f"{fmt}; " + ("private data included on purpose" if include_private else "private data left out")
        if plan.withheld:
            detail += f"; {plural(plan.withheld, 'contact')} not to be shared left out"
        if not left.empty:
            private = [
                plural(n, f"private {kind}") for n, kind in ((left.emails, "e-mail"), (left.phones, "phone")) if n
            ]
            detail += f"; {' and '.join(private)} left out"
        uids = [r.uid for r in records]
        with recorded_export(directory, f"export-{fmt}", detail, target.absolute(), uids):
            if fmt == "vcard":
                result = write_vcards(records, target, split, writing, include_private=include_private)
            elif fmt == "xlsx":
                named = {ref.id for r in records for ref in r.events}
                events = [e for e in list_events(directory) if e.id in named] if named else []
                result = write_xlsx(records, target, progress=writing, include_private=include_private, events=events)
            elif fmt == "pdf":
                from directory_app.core.contact_list import write_contacts_pdf

                result = write_contacts_pdf(records, target, progress=writing, include_private=include_private)
            elif fmt == "qr":
                from directory_app.core.qr_sheet import write_qr_sheet

                result = write_qr_sheet(records, target, progress=writing, include_private=include_private)
            else:
                result = write_csv(records, target, progress=writing, include_private=include_private)
        drop_gradually(records)  # freed by reference counting before the collector resumes
    return result


# ---------------------------------------------------------------------------------------------- as text

COPY_LIMIT = 1_000  # contacts copied as text at once; more are a file's work (the Export menu)


@dataclass(frozen=True)
class CopiedContacts:
    """Contacts as text for the clipboard (`text`), how many, and what was left out to protect people."""

    text: str
    count: int
    left_out: str  # the sentence saying what was left out ("" when nothing was)


def contact_text(record: ContactRecord) -> str:
    """One contact as the lines one pastes into an e-mail or a message: name (and its Latin spelling), position
    and office, place, e-mails, phones (mobile and fax said). Private entries are the caller's to remove."""
    name = " ".join(p for p in (record.honorific, record.display_name) if p)
    if record.latin_display_name and record.latin_display_name != record.display_name:
        name += f" ({record.latin_display_name})"
    street, postal_code = split_postal_code(record.address)
    town = " ".join(p for p in (postal_code, record.city) if p)  # "11000 Belgrade", as letters are addressed
    place = [street, town, country_name(record.country) if record.country else ""]
    lines = [name, ", ".join(p for p in (record.position, record.organisation) if p), ", ".join(p for p in place if p)]
    lines.extend(e.address for e in record.emails)
    lines.extend(phone_text(phone, with_type=True) for phone in record.phones)
    return "\n".join(line for line in lines if line)


def copy_contacts(directory: Directory, ids: Sequence[int]) -> CopiedContacts:
    """The contacts `ids` as text (`contact_text`, a blank line between two), as an export gives them: contacts
    not to be shared and private e-mails and phones left out. Recorded in the audit log like an export (the
    clipboard is where they went). DirectoryError when there is nothing to copy or too much."""
    too_many = "{count:,} contacts are too many to copy as text (at most {limit:,}): export them instead"
    records, left_out = give_records(
        directory, ids, verb="copy", limit=COPY_LIMIT, too_many=too_many, action="copy", what="text",
        target="clipboard",
    )  # fmt: skip
    return CopiedContacts("\n\n".join(contact_text(r) for r in records), len(records), left_out)


def give_records(
    directory: Directory,
    ids: Sequence[int],
    *,
    verb: str,
    limit: int,
    too_many: str,
    action: str,
    what: str,
    target: str,
) -> tuple[list[ContactRecord], str]:
    """The records of `ids` as an export gives them (`plan_giving`, then contacts not to be shared and private
    e-mails and phones left out), recorded in the audit log as `action` (`what` went to `target`). Returns the
    records and what was left out ("" when nothing was)."""
    from directory_app.core.privacy import ExportNote, audit, exportable

    plan = plan_giving(directory, ids, verb=verb, limit=limit, too_many=too_many)
    records, left = exportable(load_for_export(directory, plan.ids))
    note = ExportNote(plan.withheld, left.emails, left.phones)
    detail = f"{what}; private data left out" + (f"; {note.summary}" if not note.empty else "")
    audit(directory, action, detail, target, [r.uid for r in records])
    return records, note.summary


# ---------------------------------------------------------------------------------------------- table shape

# The header texts are the ones the spreadsheet importer recognises, so that an exported file imports back.
COLUMNS: tuple[tuple[str, int], ...] = (
    # (header, width in characters)
    ("Honorific", 10),
    ("Given name", 18),
    ("Family name", 20),
    ("Given (Latin script)", 18),
    ("Family (Latin script)", 20),
    ("Position", 30),
    ("Organisation", 40),
    ("Sector", 22),
    ("Country", 18),
    ("City", 16),
    ("Postal address", 30),
    ("E-mail", 34),
    ("Phone", 22),
    ("Mobile phone", 20),
    ("Fax", 18),
    # Filled only when private details are included on purpose: a header that says "private" imports them back
    # as private (mapping.private_header), so that the next export leaves them out again.
    ("Private e-mail", 30),
    ("Private phone", 20),
    ("Roles", 24),
    ("Expertise", 40),
    ("Languages", 12),
    ("Keywords", 24),
    ("Events", 40),
    ("Notes", 50),
    ("Last verified", 13),
    ("Shareable", 10),
    ("Consent to be listed", 12),
    ("Consent to be shared", 12),
    ("Consent source", 24),
    ("Consent date", 13),
    ("Source", 14),
    ("Created", 18),
    ("Updated", 18),
    ("UID", 38),
)
HEADERS = tuple(h for h, _ in COLUMNS)
# The workbook's second sheet: the events its contacts took part in (importing.sources.event_table reads it).
EVENTS_SHEET = "Events"
EVENT_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Event", 60),
    ("First day", 12),
    ("Last day", 12),
    ("City", 16),
    ("Country", 9),
    ("Organisers", 40),
)
LIST_SEPARATOR = "; "

Cell = str | date | datetime | None


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def row_for(record: ContactRecord, *, include_private: bool = False) -> list[Cell]:
    """One contact as one table row, in the order of COLUMNS (lists joined with "; ")."""
    emails = [e.address for e in record.emails if not e.private]
    private_emails = [e.address for e in record.emails if e.private and include_private]
    by_type: dict[str, list[str]] = {"work": [], "mobile": [], "fax": [], "private": []}
    for p in record.phones:
        if p.private and not include_private:
            continue
        text = phone_text(p)
        kind = "private" if p.private else "fax" if p.type == "fax" else "mobile" if p.type == "mobile" else "work"
        by_type[kind].append(text)
    join = LIST_SEPARATOR.join
    return [
        record.honorific,
        record.given_name,
        record.family_name,
        record.latin_given_name,
        record.latin_family_name,
        record.position,
        record.organisation,
        vocab.label("org_type", record.organisation_type) if record.organisation_type else "",
        country_name(record.country) if record.country else "",
        record.city,
        record.address,
        join(emails),
        join(by_type["work"]),
        join(by_type["mobile"]),
        join(by_type["fax"]),
        join(private_emails),
        join(by_type["private"]),
        join(vocab.label("role", c) for c in record.roles),
        join(vocab.label("expertise", c) for c in record.expertise),
        ", ".join(record.languages),
        join(record.keywords),
        join(f"{e.name} ({vocab.label('part', e.part)})" if e.part != "participant" else e.name for e in record.events),
        record.notes,
        record.last_verified,
        _yes_no(record.shareable),
        _yes_no(record.consent_listed),
        _yes_no(record.consent_shared),
        record.consent_source,
        record.consent_date,
        record.source,
        record.created_at.replace(microsecond=0),
        record.updated_at.replace(microsecond=0),
        record.uid,
    ]


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Characters no spreadsheet can hold (XML 1.0 forbids them) are removed; line breaks become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL_XML.sub("", text) if _ILLEGAL_XML.search(text) else text


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


# ---------------------------------------------------------------------------------------------- xlsx


def write_xlsx(
    records: Sequence[ContactRecord],
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    include_private: bool = False,
    events: Sequence[EventRecord] = (),
) -> ExportResult:
    """An .xlsx workbook: one sheet "Contacts", bold frozen header with autofilter, sized columns, one row per
    contact, and a sheet "Events" with the dates and places of the `events` the contacts took part in (the
    importer reads it: a directory imported from this file gets its events whole). Written atomically.

    Written with XlsxWriter, not openpyxl (which reads the lists): openpyxl's write-only mode serialises every
    cell through pure-Python XML code: 6.6-8.4 s for 10,000 contacts against 2.8-3.5 s. XlsxWriter's
    `constant_memory` writes each row out as it goes, so 100,000 contacts do not sit in memory as cells.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    if not records:
        raise DirectoryError("no contacts to export")
    target = check_target(Path(path))
    total = len(records)
    step = max(1, total // 100)
    # XlsxWriter keeps the rows (constant_memory) and the workbook's parts in temporary files until it zips them;
    # a failed or cancelled export left them, contacts and all, in the system's temporary folder. Here they live
    # in a folder of their own that goes whatever happens.
    with (
        atomic_path(target) as tmp,
        tempfile.TemporaryDirectory(prefix="directory-xlsx-", ignore_cleanup_errors=True) as parts,
        _ZipOutput(tmp) as output,
    ):
        wb = xlsxwriter.Workbook(
            output,
            {
                "constant_memory": True,
                "tmpdir": parts,
                # Cells are written as they are: text stays text, never a formula, number or link.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        try:
            _write_contacts_sheet(wb, records, progress, include_private, step)
            if events:
                _write_events_sheet(wb, events)
            wb.close()
        except FileCreateError as exc:
            # XlsxWriter wraps the OSError of writing the file (a full disk) in its own exception, which is no
            # OSError: raised as the OSError it is, atomic_path says "cannot write …" as for every other format.
            raise (exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else OSError(str(exc))) from None
        finally:
            for sheet in wb.worksheets():  # the row files of a workbook never closed (the folder removal needs it)
                with contextlib.suppress(Exception):
                    sheet._opt_close()
    return ExportResult(target, total, files=1, size=target.stat().st_size)


class _ZipOutput:
    """The file XlsxWriter writes the workbook's zip to.

    When writing the zip fails (a full disk), XlsxWriter leaves its ZipFile open; Python closes it when it is
    collected, which writes the zip's end again and prints "Exception ignored in: ZipFile.__del__ … No space left
    on device" long after the export was reported failed. Once the block ends with an error, the file is closed
    and whatever that ZipFile still writes goes nowhere.
    """

    def __init__(self, path: Path) -> None:
        self._file: io.BufferedWriter | None = path.open("wb")
        self._position = 0  # once abandoned

    def __enter__(self) -> _ZipOutput:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        file, self._file = self._file, None
        if file is None:
            return
        if exc_type is None:
            file.close()  # may raise OSError (the last bytes could not be written): atomic_path reports it
            return
        with contextlib.suppress(OSError):
            file.close()

    def write(self, data: bytes) -> int:
        if self._file is None:
            self._position += len(data)
            return len(data)
        return self._file.write(data)

    def tell(self) -> int:
        return self._position if self._file is None else self._file.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._file is not None:
            return self._file.seek(offset, whence)
        self._position = offset if whence == io.SEEK_SET else self._position + offset
        return self._position

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()


def _write_contacts_sheet(
    wb: Any, records: Sequence[ContactRecord], progress: Progress | None, include_private: bool, step: int
) -> None:
    total = len(records)
    ws = wb.add_worksheet("Contacts")
    first = [row_for(r, include_private=include_private) for r in records[:500]]  # sizes the columns
    for i, (header, width) in enumerate(COLUMNS):
        longest = max((len(str(row[i])) for row in first if row[i]), default=0)
        ws.set_column(i, i, max(len(header) + 4, min(width, longest + 2), 8))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, total, len(COLUMNS) - 1)
    ws.write_row(0, 0, HEADERS, wb.add_format({"bold": True}))
    formats = {
        "text": wb.add_format({"quote_prefix": True}),  # Excel keeps it text when the cell is edited
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "text_wrap": wb.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"}),
        "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
    }
    write_string, write_datetime, write = ws.write_string, ws.write_datetime, ws.write
    # Rows are made as they are written: constant_memory keeps one row, and so does this loop.
    for n, record in enumerate(records, 1):
        row = first[n - 1] if n <= len(first) else row_for(record, include_private=include_private)
        for col, value in enumerate(row):
            if isinstance(value, str):
                if not value:
                    continue
                value = _clean(value)[:XLSX_CELL_LIMIT]
                formula_like, multiline = is_formula_like(value), "\n" in value
                if formula_like and multiline:
                    write_string(n, col, value, formats["text_wrap"])
                elif formula_like or multiline:
                    write_string(n, col, value, formats["text" if formula_like else "wrap"])
                else:
                    write_string(n, col, value)
            elif isinstance(value, datetime):
                write_datetime(n, col, value, formats["datetime"])
            elif isinstance(value, date):
                write_datetime(n, col, datetime(value.year, value.month, value.day), formats["date"])
            elif value is not None:
                write(n, col, value)
        if progress is not None and (n % step == 0 or n == total):
            progress(n, total)  # may raise (a cancelled export): the temporary files are then removed


def _write_events_sheet(wb: Any, events: Sequence[EventRecord]) -> None:
    ws = wb.add_worksheet(EVENTS_SHEET)
    bold = wb.add_format({"bold": True})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for col, (header, width) in enumerate(EVENT_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(0, col, header, bold)
    ws.freeze_panes(1, 0)
    for n, event in enumerate(events, 1):
        for col, value in enumerate(
            (event.name, event.start_date, event.end_date, event.city, event.country or "", event.organisers)
        ):
            if isinstance(value, date):
                ws.write_datetime(n, col, datetime(value.year, value.month, value.day), date_format)
            elif value:
                ws.write_string(n, col, _clean(value)[:XLSX_CELL_LIMIT])


# ---------------------------------------------------------------------------------------------- csv


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = _clean(value)
    return "'" + text if is_formula_like(text) else text


def write_csv(
    records: Sequence[ContactRecord],
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    include_private: bool = False,
) -> ExportResult:
    """A .csv file, UTF-8 with a byte-order mark (so that Excel reads it as UTF-8), comma-separated, CRLF rows.
    Written atomically."""
    if not records:
        raise DirectoryError("no contacts to export")
    target = check_target(Path(path))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    total = len(records)
    step = max(1, total // 100)
    for n, record in enumerate(records, 1):
        writer.writerow([_csv_text(v) for v in row_for(record, include_private=include_private)])
        if progress is not None and (n % step == 0 or n == total):
            progress(n, total)
    data = buffer.getvalue().encode("utf-8-sig")
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return ExportResult(target, len(records), files=1, size=len(data))
