"""Importing registration lists (and, through the same pipeline, any other source of people).

The pipeline, one module per stage:

1. `reading`   - `read_workbook(path, encoding=None) -> Workbook`: the format from the file's bytes (ZIP -> .xlsx
   after a decompression-bomb check, OLE2 -> .xls, else text -> CSV with BOM / UTF-8 / cp1250-1-2-4 detection and
   `,` `;` tab detection). Every sheet as a grid of `Cell`s; hidden rows, hidden sheets, formulas kept as facts.
2. `mapping`   - `plan_sheet(sheet) -> SheetPlan`: the header row and the field of each column (multilingual
   header words; `FIELDS` lists the targets), title lines above it, the part from the sheet's name.
3. `normalise` - `rows_of_sheet(plan, file_name)` yields a `SourceRow` per non-blank row: the `ContactInput` as
   it will be stored (names split and cased, e-mails, E.164 phones, country code, roles, expertise) and problems.
4. `pipeline`  - `import_rows(directory, rows, event=EventSpec(...), dry_run=False, progress=None, cancel=None,
   decisions=None) -> ImportReport`: duplicates (same e-mail or E.164 phone = same person; similar folded name in
   the same country = possible duplicate), merge (fills empty fields, adds e-mails/phones/roles/expertise, never
   overwrites: conflicts are reported), the participation in the event, all in ONE transaction.
5. `report`    - `write_report_xlsx(report, path)`.

`sources.plan_file(path)` ties 1 and 2 together per file (`FilePlan.rows()`), `propose_event(plans)` proposes the
event from a title row or the file name, and `import_files(directory, paths, ...)` runs everything (the CLI).

Other sources (vCards) feed the same pipeline by building `SourceRow`s themselves::

    rows = [SourceRow(file="contacts.vcf", sheet="vCard", row_number=i, original={"FN": fn, ...},
                      contact=ContactInput(...), part="participant", problems=[...]) for i, card in ...]
    report = import_rows(directory, rows, event=EventSpec("Sarajevo seminar 2017"))

`SourceRow.contact` may be None with `skip_reason` set (reported as skipped, values kept in the report).
`import_rows` calls `prepare()` on each contact, so a source only has to fill what it knows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from directory_app.core.bulk import collector_paused
from directory_app.core.importing.mapping import FIELD_LABELS, FIELDS, SheetPlan, plan_sheet
from directory_app.core.importing.normalise import RowKey, SourceRow, row_count
from directory_app.core.importing.pipeline import (
    KEEP_DIRECTORY,
    TAKE_LIST,
    Cancel,
    Candidate,
    Decision,
    EventSpec,
    ImportCancelled,
    ImportReport,
    Progress,
    RowOutcome,
    import_rows,
    merge_contact,
)
from directory_app.core.importing.reading import ENCODING_CHOICES, Workbook, read_workbook
from directory_app.core.importing.report import write_report_xlsx
from directory_app.core.importing.sources import (
    FilePlan,
    combine_plans,
    plan_file,
    propose_event,
    rows_name_events,
)
from directory_app.core.records import DirectoryError
from directory_app.core.store import Directory

__all__ = [
    "ENCODING_CHOICES",
    "FIELDS",
    "FIELD_LABELS",
    "KEEP_DIRECTORY",
    "TAKE_LIST",
    "Candidate",
    "Decision",
    "EventSpec",
    "FilePlan",
    "ImportCancelled",
    "ImportReport",
    "RowKey",
    "RowOutcome",
    "SheetPlan",
    "SourceRow",
    "Workbook",
    "check_usable",
    "combine_plans",
    "import_files",
    "import_plans",
    "import_rows",
    "merge_contact",
    "plan_file",
    "plan_sheet",
    "propose_event",
    "read_workbook",
    "row_count",
    "rows_name_events",
    "write_report_xlsx",
]


def import_plans(
    directory: Directory,
    plans: Sequence[FilePlan],
    *,
    event: EventSpec | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    decisions: Mapping[RowKey, Decision] | None = None,
    take_list_values: bool = False,
    take_newer_values: bool = False,
) -> ImportReport:
    """Import planned files in one transaction (the wizard's last step and the CLI). `take_list_values`,
    `take_newer_values`: see `import_rows`."""
    event = event or propose_event(plans)
    with collector_paused():
        rows = [row for fp in plans for row in fp.rows()]
        report = import_rows(
            directory,
            rows,
            event=event,
            dry_run=dry_run,
            progress=progress,
            cancel=cancel,
            decisions=decisions,
            files=[name for fp in plans for name in fp.file_names],
            event_details=[e for fp in plans for events in fp.events.values() for e in events],
            take_list_values=take_list_values,
            take_newer_values=take_newer_values,
        )
    for fp in plans:
        report.skipped_sheets.extend(fp.skipped_sheets())
        report.notes.extend(fp.notes())
    return report


def check_usable(plans: Sequence[FilePlan]) -> None:
    """DirectoryError, one line naming each file and sheet and why, when no file holds a list of people."""
    if any(fp.usable for fp in plans):
        return
    reasons = "; ".join(f"{f}, sheet {s}: {r}" for fp in plans for f, s, r in fp.skipped_sheets())
    files = ", ".join(fp.name for fp in plans)
    raise DirectoryError(f"no list of people found ({reasons or f'{files}: no sheet with rows'})")


def import_files(
    directory: Directory,
    paths: Sequence[str | Path],
    *,
    event: EventSpec | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Read every file first (DirectoryError, nothing written, if one cannot be read), then import them all."""
    plans = [plan_file(p, encoding=encoding) for p in paths]
    check_usable(plans)
    return import_plans(directory, plans, event=event, dry_run=dry_run, progress=progress, cancel=cancel)
