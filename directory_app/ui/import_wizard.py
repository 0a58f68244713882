"""The import wizard: choose a list, check the columns, see every row as it will be stored, import, keep a report.

A thin layer over `directory_app.core.importing`: reading, mapping, the dry-run preview and the import itself
are core calls, run on a thread of their own (`tasks.Job`); widgets are only touched on the GUI thread.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from directory_app.core import vocab
from directory_app.core.contacts import list_events
from directory_app.core.countries import resolve_city
from directory_app.core.importing import (
    ENCODING_CHOICES,
    FIELDS,
    EventSpec,
    FilePlan,
    ImportReport,
    RowKey,
    combine_plans,
    import_plans,
    plan_file,
    plan_sheet,
    propose_event,
    row_count,
    rows_name_events,
    write_report_xlsx,
)
from directory_app.core.importing.reading import LIST_SUFFIXES, cell_text
from directory_app.core.paths import user_data_dir
from directory_app.core.records import ContactInput, DirectoryError, EventRecord, plural
from directory_app.core.store import PassphraseNeeded, WrongPassphrase
from directory_app.ui import gc_guard
from directory_app.ui.country_field import chosen_country, country_combo, is_country, set_country
from directory_app.ui.coverage_view import ask_save_path
from directory_app.ui.event_actions import day_edit, day_of, set_day
from directory_app.ui.export_actions import export_written
from directory_app.ui.import_preview import DECISION_COLUMN, DecisionDelegate, PreviewModel, choices
from directory_app.ui.screen_fit import fit_to_screen
from directory_app.ui.table import ManyRowsTableView
from directory_app.ui.tasks import Job, abandon_jobs, abandoned

log = logging.getLogger(__name__)

MAPPINGS_FILE = "import_mappings.json"
_LIST_PATTERNS = " ".join(f"*{suffix}" for suffix in LIST_SUFFIXES)
SPREADSHEET_FILTER = (
    f"Lists and directories ({_LIST_PATTERNS} *.db);;Registration lists ({_LIST_PATTERNS});;"
    "Another focal point's directory (*.db *.bak);;All files (*)"
)


def _mappings_path() -> Path:
    return user_data_dir() / MAPPINGS_FILE


def load_mappings() -> dict[str, list[str | None]]:
    """Column mappings a user corrected, by header layout (`SheetPlan.header_key()`)."""
    try:
        data = json.loads(_mappings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) else {}


def save_mapping(key: str, mapping: list[str | None]) -> None:
    data = load_mappings()
    data[key] = mapping
    path = _mappings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot remember the column mapping: %s", exc)


def report_text(report: ImportReport) -> tuple[str, str]:
    """The report page's summary, and a line for each sheet skipped and each row to check."""
    lines = [f"Sheet skipped: {s} ({r})" for _f, s, r in report.skipped_sheets]
    lines += [f"{o.sheet}, row {o.row} ({o.status}) {o.name}: {o.reason_text}" for o in report.doubtful]
    return report.summary(), "\n".join(lines) or "Every row was imported without doubt."


# ------------------------------------------------------------------------------------------------ pages


@dataclass(frozen=True)
class _Locked:
    """An encrypted directory file chosen for import: its passphrase is asked for (`wrong`: one did not open it)."""

    path: str
    wrong: bool


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Choose a registration list")
        self.setSubTitle(
            "Excel, LibreOffice or CSV lists; the tables of a Word, PDF or web page; an e-mail with the list attached "
            "(.eml) or a ZIP of lists; vCards (.vcf); a colleague's directory (.db). Every sheet and table is "
            "examined; choose the ones to import."
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("Registration list file…")
        self.path_edit.setAccessibleName("Registration list file")
        self.path_edit.editingFinished.connect(self._path_edited)
        self._current: str | None = None  # the file read or being read (or asked a passphrase for)
        browse = QPushButton("B&rowse…")  # not &B: that is the wizard's < &Back
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        enc_row = QHBoxLayout()
        self.encoding_label = QLabel("Text encoding:")
        self.encoding = QComboBox()
        self.encoding.addItem("Detect automatically", None)
        for enc in ENCODING_CHOICES:
            self.encoding.addItem(enc, enc)
        self.encoding_label.setBuddy(self.encoding)
        self.encoding.currentIndexChanged.connect(lambda _i: self.load(self.path_edit.text()))
        enc_row.addWidget(self.encoding_label)
        enc_row.addWidget(self.encoding)
        enc_row.addStretch(1)
        layout.addLayout(enc_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.sheets_label = QLabel("Sheets:")
        layout.addWidget(self.sheets_label)
        self.sheets = QListWidget()
        self.sheets.setObjectName("importSheets")
        self.sheets.setAccessibleName("Sheets to import")
        self.sheets_label.setBuddy(self.sheets)
        self.sheets.itemChanged.connect(lambda _i: self.completeChanged.emit())
        layout.addWidget(self.sheets, 1)
        self._show_encoding(False)

    def _show_encoding(self, visible: bool) -> None:
        self.encoding_label.setVisible(visible)
        self.encoding.setVisible(visible)

    def _browse(self) -> None:
        # Several files can be chosen: registration forms come back one person a file.
        paths, _ = QFileDialog.getOpenFileNames(self, "Import registration lists", str(Path.home()), SPREADSHEET_FILTER)
        if paths:
            self.path_edit.setText(_shown_paths(paths))
            self.load(paths)

    def _path_edited(self) -> None:
        """Enter in the path field, or the focus leaving it (a dialog opening): read the files if they are others."""
        text = self.path_edit.text().strip()
        if text and text != self._current:
            self.load([p for p in (part.strip() for part in text.split(";")) if p])

    def load(self, paths: str | list[str], passphrase: str | None = None) -> None:
        """Read the file, or the files (planned one by one, then as one: `combine_plans`), on a worker thread."""
        paths = [paths.strip()] if isinstance(paths, str) else paths
        if not paths or not paths[0]:
            return
        self._current = _shown_paths(paths)
        self.status.setText("Reading…")
        self.w.plan = None
        self.sheets.clear()
        encoding = self.encoding.currentData()
        mappings = load_mappings()
        abandon_jobs(self)  # a file chosen before and still being read: its plan is not wanted now
        if len(paths) > 1:
            self._load_several(paths, encoding, mappings)
            return
        path = paths[0]

        def work(_job: Job) -> FilePlan | _Locked:
            try:
                return plan_file(path, encoding=encoding, mappings=mappings, passphrase=passphrase)
            except PassphraseNeeded:  # another directory, encrypted: asked for on the GUI thread
                return _Locked(path, wrong=False)
            except WrongPassphrase:
                return _Locked(path, wrong=True)

        job = Job(work, self)
        job.done.connect(self._loaded)
        job.failed.connect(self._failed)
        job.finished.connect(job.deleteLater)
        job.start()

    def _load_several(self, paths: list[str], encoding: str | None, mappings: dict) -> None:
        """Several files: each read on its own; one that cannot be (damaged, encrypted) is named and left out, so
        that one bad form of thirty does not stop the others."""

        def work(_job: Job) -> tuple[FilePlan | None, list[str]]:
            plans, failures = [], []
            for path in paths:
                try:
                    plans.append(plan_file(path, encoding=encoding, mappings=mappings))
                except PassphraseNeeded:
                    failures.append(f"{Path(path).name} is an encrypted directory: import it on its own")
                except DirectoryError as exc:
                    failures.append(str(exc))
            return (combine_plans(plans) if plans else None), failures

        def done(result: tuple[FilePlan | None, list[str]]) -> None:
            plan, failures = result
            if plan is None:
                self._failed(" ".join(failures))
                return
            self._loaded(plan, [f"Not read: {failure}" for failure in failures])

        job = Job(work, self)
        job.done.connect(done)
        job.failed.connect(self._failed)
        job.finished.connect(job.deleteLater)
        job.start()

    def _failed(self, message: str) -> None:
        self._current = None  # Enter in the path field tries it again
        self.status.setText(f"<b>This file cannot be imported.</b> {message}")
        self.completeChanged.emit()

    def _ask_passphrase(self, locked: _Locked) -> QInputDialog:
        """The passphrase of an encrypted directory file being imported; the file is read again with it."""
        dialog = QInputDialog(self)
        dialog.setObjectName("importPassphraseDialog")
        dialog.setWindowTitle("Encrypted directory")
        name = Path(locked.path).name
        dialog.setLabelText(
            ("That passphrase does not open it. " if locked.wrong else "")
            + f"{name} is an encrypted directory. Enter its passphrase to import its contacts:"
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText("Read")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.textValue():
                self.load(locked.path, dialog.textValue())
            else:
                self._failed(f"{name} is an encrypted directory: its passphrase is needed to read it.")

        dialog.finished.connect(answered)
        dialog.open()
        return dialog

    def _loaded(self, plan: FilePlan | _Locked, failures: list[str] | None = None) -> None:
        if isinstance(plan, _Locked):
            self.status.setText(f"{Path(plan.path).name} is encrypted.")
            self._ask_passphrase(plan)
            return
        self.w.plan = plan
        _warm_city_names(self.w)
        wb = plan.workbook
        self._show_encoding(wb.kind in ("csv", "html"))
        notes = [*(failures or []), *plan.notes()]
        n = len(wb.sheets)
        documents = {
            "docx": "Word document", "odt": "OpenDocument text", "pdf": "PDF document", "html": "Web page",
            "email": "E-mail", "archive": "ZIP archive",
        }  # fmt: skip
        if wb.kind in documents:
            n = len(plan.sheets)  # a table under each country's heading is a table of its own
        if wb.kind == "files":
            what = f"{len(plan.file_names)} files, {plural(len(plan.sheets), 'sheet or table', 'sheets and tables')}"
        elif wb.kind in documents:
            what = f"{documents[wb.kind]}, {n} table{'s' if n != 1 else ''}"
        else:
            kind = "XML Spreadsheet 2003" if wb.kind == "xml" else f"{wb.kind.upper()} file"
            what = f"{kind}, {n} sheet{'s' if n != 1 else ''}"
        if wb.kind == "directory":  # its note says what it is and holds
            self.status.setText(" ".join(notes))
        elif wb.kind == "files":
            self.status.setText("\n".join([f"{what}.", *notes]))
        else:
            self.status.setText("\n".join([f"{wb.name}: {what}.", *notes]))  # a note a line
        self.sheets_label.setText("Tables:" if wb.kind in documents else "Sheets:")
        self.sheets.blockSignals(True)
        for sp in plan.sheets:
            if sp.usable:
                n = row_count(sp)
                text = f"{sp.sheet.name}: {n} row{'s' if n != 1 else ''}, header on {sp.header_rows_text}"
                if sp.part != "participant":
                    text += f" ({vocab.part_label(sp.part).lower()}s)"
                if sp.sheet.hidden:
                    text += " (hidden sheet)"
            elif sp.sheet.name in plan.events:  # an export's Events sheet: read with the contacts
                text = f"{sp.sheet.name}: the dates and places of {plural(len(plan.events[sp.sheet.name]), 'event')}"
            elif plan.report is not None and sp.sheet.name == plan.report[0]:
                text = f"{sp.sheet.name}: the import report's summary, naming the event"
            else:
                text = f"{sp.sheet.name}: skipped, {sp.reason}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, sp.sheet.name)
            if sp.usable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.sheets.addItem(item)
        self.sheets.blockSignals(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.plan is not None and bool(self.selected())

    def selected(self) -> set[str]:
        out: set[str] = set()
        for i in range(self.sheets.count()):
            item = self.sheets.item(i)
            if item.checkState() == Qt.CheckState.Checked and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                out.add(item.data(Qt.ItemDataRole.UserRole))
        return out

    def validatePage(self) -> bool:
        if self.w.plan is not None:
            self.w.plan.selected = self.selected()
        return self.isComplete()


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Check the columns")
        self.setSubTitle("Each column was matched by its header. Correct any column with its list; corrections are "
                         "remembered for files with the same headers.")  # fmt: skip
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        sheet_label = QLabel("&Sheet:")
        top.addWidget(sheet_label)
        self.sheet_combo = QComboBox()
        sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet)
        top.addWidget(self.sheet_combo)
        self.info = QLabel()
        top.addWidget(self.info, 1)
        layout.addLayout(top)
        self.table = QTableWidget()
        self.table.setObjectName("importMapping")
        self.table.setAccessibleName("Columns of the sheet and what each is imported as")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(150)
        # Long headers ("Full name (as in passport)") end in "…", with the whole text in the tooltip: centred and
        # clipped, both ends were cut off.
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for sp in self.w.plan.usable if self.w.plan else []:
            self.sheet_combo.addItem(sp.sheet.name)
        self.sheet_combo.blockSignals(False)
        self._show_sheet()

    def _plan(self):
        name = self.sheet_combo.currentText()
        return next((p for p in self.w.plan.sheets if p.sheet.name == name), None) if self.w.plan else None

    def _show_sheet(self) -> None:
        sp = self._plan()
        self.table.clear()
        if sp is None:
            return
        width = max(len(sp.mapping), len(sp.headers))
        data_rows = [r for r in sp.sheet.rows[sp.header_index + 1 :] if any(c.value is not None for c in r)][:12]
        self.info.setText(f"Header found on {sp.header_rows_text}; the first rows below it:")
        self.table.setColumnCount(width)
        self.table.setRowCount(1 + len(data_rows))
        for col in range(width):
            header = sp.headers[col] if col < len(sp.headers) else ""
            item = QTableWidgetItem(" ".join(header.split()) or f"Column {col + 1}")
            item.setToolTip(header)
            self.table.setHorizontalHeaderItem(col, item)
        self.table.setVerticalHeaderLabels(["Import as"] + [str(i + 1) for i in range(len(data_rows))])
        for col in range(width):
            combo = QComboBox()
            combo.setObjectName(f"mappingCombo{col}")
            combo.setAccessibleName(f"Import “{self.table.horizontalHeaderItem(col).text()}” as")
            for value, label in FIELDS:
                combo.addItem(label, value)
            current = sp.mapping[col] if col < len(sp.mapping) else None
            combo.setCurrentIndex(max(0, combo.findData(current or "ignore")))
            combo.currentIndexChanged.connect(lambda _i, c=col, cb=combo: self._changed(c, cb.currentData()))
            self.table.setCellWidget(0, col, combo)
            if current in (None, "ignore"):
                combo.setStyleSheet("color: #777;")
        for r, row in enumerate(data_rows, start=1):
            for col in range(width):
                text = cell_text(row[col].value) if col < len(row) else ""
                self.table.setItem(r, col, QTableWidgetItem(text[:200]))

    def _changed(self, col: int, value: str) -> None:
        sp = self._plan()
        mapping = list(sp.mapping) + [None] * (len(sp.headers) - len(sp.mapping))
        mapping[col] = None if value == "ignore" else value
        new = plan_sheet(sp.sheet, mapping, sp.header_index)
        self.w.plan.sheets[self.w.plan.sheets.index(sp)] = new
        save_mapping(new.header_key(), mapping)


class EventPage(QWizardPage):
    SUBTITLE = (
        "Everyone on the list is recorded as having taken part in this event (speakers and organisers from sheets "
        "named so). Leave the name empty to add the people without an event."
    )

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("The event")
        self.setSubTitle(self.SUBTITLE)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("eventName")
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.start, self.end = day_edit("eventStart"), day_edit("eventEnd")
        # A day not known opens its calendar at the event's other day (the last day near the first), not today.
        self.start.near, self.end.near = self.end, self.start
        self.city = QLineEdit()
        self.country = country_combo("eventCountry")
        self.country.currentTextChanged.connect(lambda _t: self.completeChanged.emit())
        self.doubt = QLabel()
        self.doubt.setObjectName("eventDateDoubt")
        self.doubt.setWordWrap(True)
        self.doubt.setStyleSheet("color: #a15c00;")
        # The directory's events, to add the list to one of them (typed or picked): their names complete.
        self.events: dict[str, EventRecord] = {}
        self.name_completer = QCompleter([], self.name)
        self.name_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(self.name_completer)
        self.name.textChanged.connect(self._show_existing)
        self.existing = QLabel()
        self.existing.setObjectName("eventExisting")
        self.existing.setWordWrap(True)
        # Not &N, &F: the wizard's &Next and &Finish (Alt+N went to the name instead of the next page).
        form.addRow("Na&me:", self.name)
        form.addRow("", self.existing)
        form.addRow("Fi&rst day:", self.start)
        form.addRow("&Last day:", self.end)
        form.addRow("", self.doubt)
        form.addRow("&City:", self.city)
        form.addRow("C&ountry:", self.country)
        self.country_problem = QLabel()
        self.country_problem.setObjectName("eventCountryProblem")
        self.country_problem.setStyleSheet("color: #a15c00;")
        self.country_problem.setVisible(False)
        form.addRow("", self.country_problem)

    def isComplete(self) -> bool:
        known = is_country(self.country)
        self.country_problem.setText("" if known else f"'{self.country.currentText().strip()}' is not a country.")
        self.country_problem.setVisible(not known)
        return known

    def initializePage(self) -> None:
        proposed = propose_event([self.w.plan])
        # A directory's export names each person's events itself: no event of the list's own is needed.
        rows_name = rows_name_events([self.w.plan])
        self.setSubTitle(
            "The list names the events each person took part in (its Events column): they are recorded in those. "
            "Give a name here only to record everyone in one more event."
            if rows_name
            else self.SUBTITLE
        )
        self.name.setPlaceholderText("No other event" if rows_name else "No event: the people are only added")
        self.name.setText(proposed.name)
        directory = self.w.directory
        job = Job(lambda _job: list_events(directory), self)
        job.done.connect(self._events_loaded)
        job.finished.connect(job.deleteLater)
        job.start()
        set_day(self.start, proposed.start_date)
        set_day(self.end, proposed.end_date)
        self.doubt.setText(proposed.doubt[:1].upper() + proposed.doubt[1:] + "." if proposed.doubt else "")
        self.doubt.setVisible(bool(proposed.doubt))
        self.city.setText(proposed.city)
        # The country the title names, else its city's ("Durrës" is in Albania); an import fills it so too.
        set_country(self.country, proposed.country or (resolve_city(proposed.city) if proposed.city else None))

    def _events_loaded(self, events: list[EventRecord]) -> None:
        self.events = {" ".join(e.name.split()).casefold(): e for e in events}
        self.name_completer.model().setStringList([e.name for e in events])  # QStringListModel
        self._show_existing()

    def _show_existing(self, *_args: object) -> None:
        name = " ".join(self.name.text().split()).casefold()
        event = self.events.get(name)
        if not name:
            self.existing.setText("")
        elif event is None:
            self.existing.setText("A new event." if self.events else "")
        else:
            people = plural(event.participant_count, "person", "people")
            self.existing.setText(f"This event is in the directory already ({people}): the list's people join it.")

    def event_spec(self) -> EventSpec:
        return EventSpec(
            self.name.text().strip(),
            day_of(self.start),
            day_of(self.end),
            self.city.text().strip(),
            chosen_country(self.country),
        )


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Preview")
        self.setSubTitle("Every row as it will be stored. Orange: a possible duplicate (choose what to do); yellow: "
                         "a doubt, or values that differ from the directory's (choose which to keep); grey: not "
                         "imported.")  # fmt: skip
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        layout = QVBoxLayout(self)
        self.summary = QLabel("Checking the rows against the directory…")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.progress = QProgressBar()
        self.progress.setObjectName("previewProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        show_row = QHBoxLayout()
        show_label = QLabel("&Show:")
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("previewShow")
        self.show_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        show_label.setBuddy(self.show_combo)
        self.show_combo.currentIndexChanged.connect(self._filter)
        show_row.addWidget(show_label)
        show_row.addWidget(self.show_combo)
        show_row.addStretch(1)
        # A newer list's positions and organisations: taken row by row in the table, or all at once here.
        self.differ_label = QLabel()
        self.differ_label.setObjectName("previewDiffer")
        self.take_button = QPushButton()
        self.take_button.setObjectName("takeListEverywhere")
        self.take_button.clicked.connect(self._take_everywhere)
        show_row.addWidget(self.differ_label)
        show_row.addWidget(self.take_button)
        layout.addLayout(show_row)
        self.model = PreviewModel(self)
        self.model.dataChanged.connect(self._show_differing)
        self.model.modelReset.connect(self._show_differing)
        # The line above the table follows the answers (an import counts with them, not with the dry run's).
        self.model.dataChanged.connect(self._show_summary)
        self.table = ManyRowsTableView()
        self.table.setObjectName("importPreview")
        self.table.setAccessibleName("Rows to import")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(DECISION_COLUMN, DecisionDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Column widths from the first 30 rows (about a screenful): measuring thousands would freeze the window.
        self.table.horizontalHeader().setResizeContentsPrecision(30)
        layout.addWidget(self.table, 1)
        self.report: ImportReport | None = None
        self._busy = False
        self._earlier: dict[RowKey, int | str] = {}  # answers from the last preview shown
        self._show_choices(None)

    def _show_choices(self, report: ImportReport | None) -> None:
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        total = len(report.outcomes) if report else 0
        self.show_combo.addItem(f"Every row ({total:,})" if report else "Every row", False)
        to_check = self.model.to_check() if report else 0
        self.show_combo.addItem(f"Rows to check ({to_check:,})" if report else "Rows to check", True)
        self.show_combo.setCurrentIndex(1 if self.model.only_to_check else 0)  # kept across previews
        self.show_combo.setEnabled(report is not None)
        self.show_combo.blockSignals(False)

    def _filter(self) -> None:
        self.model.show_only_to_check(bool(self.show_combo.currentData()))

    def _show_differing(self) -> None:
        """How many rows differ from the directory, and which values they keep: beside the button for all."""
        rows, taking, newer = self.model.differing()
        self.differ_label.setVisible(rows > 0)
        self.take_button.setVisible(rows > 0)
        if not rows:
            return
        what = "1 row differs" if rows == 1 else f"{rows:,} rows differ"
        if taking == 0:
            kept = "the directory's values are kept"
        elif taking == rows:
            kept = "the list's values are taken"
        else:
            kept = f"the list's values are taken in {taking:,}"
        later = f", {newer:,} verified later in the list than here" if newer else ""
        self.differ_label.setText(f"{what} from the directory{later}: {kept}.")
        self.take_button.setText(
            "Keep the directory's values in every row" if taking == rows else "Take the list's values in every row"
        )

    def _take_everywhere(self) -> None:
        rows, taking, _newer = self.model.differing()
        self.table.setCurrentIndex(QModelIndex())  # an open drop-down list commits its choice first
        self.model.take_list_everywhere(taking < rows)

    def initializePage(self) -> None:
        abandon_jobs(self)  # a preview still running, of a page left and entered again: stopped, not shown
        self.report = None
        self._earlier = dict(self.model.decisions) or self._earlier  # answers kept for the next preview
        self.model.clear()
        self._show_choices(None)
        self.summary.setText("Reading the rows…")
        self.progress.setRange(0, 0)  # busy until the rows are read and the check starts counting
        self.progress.show()
        self.completeChanged.emit()
        plan, event, directory = self.w.plan, self.w.event_page.event_spec(), self.w.directory
        self._busy = True

        def work(job: Job) -> tuple[ImportReport, dict[RowKey, ContactInput]]:
            report = import_plans(
                directory, [plan], event=event, dry_run=True, progress=job.tell, cancel=job.cancelled.is_set
            )
            # What the table shows of each row comes from the rows themselves: the dry run rolled its writes back.
            contacts = {row.key: row.contact for row in plan.rows() if row.contact is not None}
            return report, contacts

        job = Job(work, self)
        job.progressed.connect(self._progressed)
        job.done.connect(lambda result: self._show(*result))
        job.failed.connect(self._failed)
        job.finished.connect(job.deleteLater)
        job.start()

    def cleanupPage(self) -> None:
        """Back: a preview still running is stopped (its dry run rolls back at once)."""
        abandon_jobs(self)
        self._busy = False
        super().cleanupPage()

    def _progressed(self, done: int, total: int) -> None:
        if not self._busy:
            return
        self.summary.setText(f"Checking the rows against the directory: {done:,} of {total:,}…")
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.progress.hide()
        self.summary.setText(f"<b>Cannot preview:</b> {message}")

    def _show(self, report: ImportReport, contacts: dict[RowKey, ContactInput]) -> None:
        self._busy = False
        self.progress.hide()
        self.report = report
        self.model.set_outcomes(report.outcomes, contacts, self._earlier)
        self._show_summary()  # with the answers kept from an earlier preview
        self._show_choices(report)
        self.table.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))
        if any(choices(o) for o in report.outcomes):
            self.table.setColumnWidth(DECISION_COLUMN, 260)  # room for "Same as <name>" in the drop-down's face
        self.completeChanged.emit()

    def _show_summary(self) -> None:
        if self.report is not None and not self._busy:
            self.summary.setText(f"If imported now: {self.model.summary(len(self.report.skipped_sheets))}.")

    def decisions(self) -> dict[RowKey, int | str]:
        """The user's answers about possible duplicates and differing values. A possible duplicate left as it is,
        is imported as a new contact and listed in the report as still to check; a row that differs keeps the
        directory's values."""
        return dict(self.model.decisions)

    def isComplete(self) -> bool:
        return self.report is not None and not self._busy

    def validatePage(self) -> bool:
        if self.w.final_report is not None:
            return True
        self.table.setCurrentIndex(QModelIndex())  # an open drop-down list commits its choice first
        self.w.run_import(self.decisions())
        return False


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Imported")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton("&Save Report…")
        self.save_button.setObjectName("saveReport")
        self.save_button.clicked.connect(lambda _checked=False: self._save())
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def initializePage(self) -> None:
        # The import is committed: there is nothing left to cancel (Cancel only closed, the contacts stayed) and
        # no way back. Finish closes; the page's own Save Report… stays.
        self.w.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.w.setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton])
        report = self.w.final_report
        summary, details = self.w.final_text
        self.summary.setText(f"<b>{summary}.</b> Into {html.escape(report.event_text)}.")
        self.details.setPlainText(details)

    def _save(self, path: Path | None = None) -> None:
        """The report to an .xlsx (asks where when `path` is None: `ask_save_path` adds the suffix, asks before
        replacing a file, and starts in the folder last exported to)."""
        name = f"import report - {Path(self.w.final_report.files[0]).stem}.xlsx"
        path = path or ask_save_path(self, "Save the import report", name, "xlsx")
        if path is None:
            return
        try:
            write_report_xlsx(self.w.final_report, path)
        except DirectoryError as exc:
            QMessageBox.warning(self, "Report not saved", str(exc))
            return
        export_written(path)
        self.summary.setText(self.summary.text() + f"<br>Report saved to {html.escape(str(path))}.")


# ------------------------------------------------------------------------------------------------ wizard


class ImportWizard(QWizard):
    imported = Signal(object)  # ImportReport, after a committed import

    def __init__(self, directory, parent: QWidget | None = None, path: str | list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import a registration list")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        fit_to_screen(self, 1100, 680)  # a 1024x600 screen's too: Back, Next and Cancel stay on it
        self.directory = directory
        self.plan: FilePlan | None = None
        self.final_report: ImportReport | None = None
        self.final_text = ("", "")  # the report's summary and details, built with it on the worker
        self.status_text = ""  # what the main window's status bar says when the wizard closes after an import
        self.status_event = ""  # the event's name in it, elided there to fit
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.event_page = EventPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        for page in (self.file_page, self.mapping_page, self.event_page, self.preview_page, self.report_page):
            self.addPage(page)
        self.progress: QProgressDialog | None = None
        # The list's rows, preview and report live as long as the wizard: kept out of garbage collections (a
        # 10,000-row list is about 470,000 objects), and let go of as soon as it closes.
        gc_guard.hold(self, until_finished=False)  # held until _let_go has dropped them
        self.finished.connect(self._let_go)
        paths = [path] if isinstance(path, str) else list(path or [])
        if paths:
            self.file_page.path_edit.setText(_shown_paths(paths))
            self.file_page.load(paths)

    def _let_go(self) -> None:
        """Let go of the list, its preview and its report, freed a slice at a time while the window keeps
        painting: at once, a 10,000-row list's objects froze it 0.13-0.14 s when the wizard closed.

        A job still running (the file read, the preview) is abandoned: it stops as soon as it can, and the
        list is left to it, not emptied under it."""
        abandon_jobs(self)
        # Cancel cleans up the current page first, so the preview's job may have been abandoned already.
        # A job abandoned after it had finished stays in `abandoned` though Qt deleted it: not running either.
        running = any(shiboken6.isValid(job) and job.isRunning() for job in abandoned)
        bulk = self.plan.bulk() if self.plan is not None and not running else []
        bulk += [report.outcomes for report in (self.final_report, self.preview_page.report) if report is not None]
        self.plan = self.final_report = None
        self.preview_page.report = None
        self.preview_page.model.clear()  # what it shows is in the lists above: nothing freed here
        key = id(self)
        gc_guard.drop_between_turns(bulk, then=lambda: gc_guard.unhold(key))

    def run_import(self, decisions: dict[RowKey, int | str]) -> None:
        plan, event, directory = self.plan, self.event_page.event_spec(), self.directory
        progress = QProgressDialog("Importing…", "Cancel", 0, 100, self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Importing")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        self.progress = progress

        def work(job: Job) -> tuple[ImportReport, tuple[str, str]]:
            report = import_plans(
                directory,
                [plan],
                event=event,
                decisions=decisions,
                progress=job.tell,
                cancel=job.cancelled.is_set,
            )
            return report, report_text(report)  # here: thousands of lines are not built on the GUI thread

        job = Job(work, self)
        progress.canceled.connect(job.cancelled.set)
        job.progressed.connect(lambda done, total: progress.setValue(int(100 * done / max(1, total))))
        job.done.connect(self._imported)
        job.failed.connect(self._import_failed)
        job.finished.connect(job.deleteLater)
        self.button(QWizard.WizardButton.CommitButton).setEnabled(False)
        job.start()

    def _imported(self, result: tuple[ImportReport, tuple[str, str]]) -> None:
        report, self.final_text = result
        if self.progress is not None:
            self.progress.close()
        self.final_report = report
        self.status_text, self.status_event = imported_text(report), report.event
        self.imported.emit(report)
        self.next()

    def _import_failed(self, message: str) -> None:
        if self.progress is not None:
            self.progress.close()
        self.button(QWizard.WizardButton.CommitButton).setEnabled(True)
        cancelled = "cancelled" in message
        title = "Import cancelled" if cancelled else "Import failed"
        QMessageBox.information(self, title, f"{message}\nThe directory was left as it was.")


# ------------------------------------------------------------------------------------------------ main window


STATUS_FILE_CHARS = 40  # a list's file name in the status bar's line, elided past this


def imported_text(report: ImportReport) -> str:
    """The status bar's line after an import: which list and what it did first, then into which event (whose name
    `_fitted` elides to the room there is; the whole report is on the wizard's last page)."""
    names = [Path(f).name for f in report.files]
    files = (
        _elided(names[0], STATUS_FILE_CHARS, keep_end=True)
        if len(names) == 1
        else (f"{len(names):,} files" if names else "the list")
    )
    counts = [f"{report.created:,} created", f"{report.updated:,} updated"]
    if report.skipped:
        counts.append(f"{report.skipped:,} skipped")
    if duplicates := len(report.possible_duplicates):
        counts.append(plural(duplicates, "possible duplicate"))
    into = f"; into {report.event_text}" if report.event or report.rows_named_events else ""
    return f"Imported {files}: {', '.join(counts)}{into}."


def _fitted(bar: QStatusBar, text: str, event: str) -> str:
    """`text` with the event's name in it elided to fit beside the status bar's permanent widgets: whole, a long
    name ran into the contact count at 1024 px, and the line was cut without a sign."""
    metrics = bar.fontMetrics()
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    others = sum(w.sizeHint().width() + 8 for w in bar.findChildren(QWidget, options=direct) if w.isVisible())
    room = bar.width() - others - 24
    if not event or event not in text or metrics.horizontalAdvance(text) <= room:
        return text
    rest = metrics.horizontalAdvance(text) - metrics.horizontalAdvance(event)
    short = metrics.elidedText(event, Qt.TextElideMode.ElideRight, max(room - rest, metrics.horizontalAdvance("W" * 8)))
    before, _event, after = text.rpartition(event)
    return before + short + after


def _elided(text: str, limit: int, keep_end: bool = False) -> str:
    """`text` cut to `limit` characters with "…"; `keep_end`: a file name keeps its last characters (its suffix)."""
    if len(text) <= limit:
        return text
    if keep_end:
        tail = Path(text).suffix[-8:] or text[-6:]
        return text[: limit - len(tail) - 1].rstrip() + "…" + tail
    return text[: limit - 1].rstrip() + "…"


_city_names_warming: list[bool] = []  # True once a job loading the city names has started (once a session)


def _warm_city_names(wizard: QWizard) -> None:
    """Load the city names (`resolve_city`: built in about 0.3 s the first time, 26 ms from their cache file) on a
    thread of their own while the user checks the sheets and columns: the Event page reads the list's city with
    them, and froze the window 0.25-0.35 s when they were loaded there, on the GUI thread."""
    if _city_names_warming:
        return
    job = Job(lambda _job: resolve_city("Skopje"), wizard)
    job.finished.connect(job.deleteLater)
    _city_names_warming.append(True)
    job.start()


def _shown_paths(paths: list[str]) -> str:
    """The files in the path field: one path, or several separated by semicolons."""
    return "; ".join(paths)


def _tell_window(window: QWidget, text: str, event: str = "") -> None:
    status = getattr(window, "statusBar", None)
    if text and callable(status):
        bar = status()
        bar.showMessage(_fitted(bar, text, event), 15_000)


def _after_import(window) -> None:
    # Undo steps from before the import would now change what the import did without its history knowing (a
    # contact it updated put back as deleted, an event it filled split again, an organisation it named renamed):
    # they go, as after rolling back an import or erasing a person. The import itself is undone from its history.
    stack = getattr(window, "undo_stack", None)
    if stack is not None:
        stack.clear()
    window.refresh()


def open_import_wizard(window, path: str | list[str] | None = None) -> ImportWizard | None:
    directory = getattr(window, "directory", None)
    if directory is None:
        QMessageBox.information(window, "Import", "Open or create a directory first.")
        return None
    wizard = ImportWizard(directory, window, path)
    wizard.imported.connect(lambda _report: _after_import(window))
    # The report page closes with the wizard: the window keeps a line saying what was imported (the count
    # changing alone did not say whether it worked, nor where the people went).
    wizard.finished.connect(lambda _result: _tell_window(window, wizard.status_text, wizard.status_event))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


# File ▸ Import and dropped files live in import_actions (light to import at start-up); kept here for callers.
from directory_app.ui.import_actions import install  # noqa: E402

__all__ = ["ImportWizard", "install", "load_mappings", "open_import_wizard"]
