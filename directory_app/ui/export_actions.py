"""Export menu: vCard (Ctrl+E), Excel, CSV, a contact list to print (Ctrl+P), QR codes to print. Thin wrappers over
core.exporting.export_contacts.

Each action asks what to export (the selected contacts, the current search, or the participants of an event),
says how many contacts that is, runs the export on the window's worker thread with a progress dialog, and says
where the file went (status bar, and a message with "Show in Folder"). The file is offered in the folder last
exported to, named after the event or saved search; a file already there is replaced only when the user says so.
A failed export leaves the dialog open as it was, to correct the path and try again.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from directory_app.core.contact_list import PRINT_LIMIT
from directory_app.core.contacts import list_events
from directory_app.core.exporting import (
    FORMATS,
    ExportCancelled,
    ExportPlan,
    changed_since,
    export_contacts,
    plan_exports,
)
from directory_app.core.fileio import ExportResult
from directory_app.core.qr_sheet import QR_SHEET_LIMIT
from directory_app.core.records import EventRecord, plural
from directory_app.core.saved_searches import list_saved_searches
from directory_app.core.search import SearchQuery, search_ids
from directory_app.ui.discard import ask_to_discard_choices
from directory_app.ui.screen_fit import fit_to_screen
from directory_app.ui.settings import app_settings
from directory_app.ui.tasks import error_message

TITLES = {
    "vcard": "Export vCards",
    "xlsx": "Export to Excel",
    "csv": "Export to CSV",
    "pdf": "Contact List to Print",
    "qr": "QR Codes to Print",
}
FILTERS = {
    "vcard": "vCard files (*.vcf)",
    "zip": "Zip archives (*.zip)",
    "xlsx": "Excel workbooks (*.xlsx)",
    "csv": "CSV files (*.csv)",
    "pdf": "PDF documents (*.pdf)",
    "qr": "PDF documents (*.pdf)",
}
FOLDER_KEY = "export/folder"  # settings: the folder last exported to, where the next export is offered
UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')  # not allowed in file names on Windows, macOS or Linux
# Formats with a size limit: what it is, and what the dialog says when the set is larger
LIMITS = {
    "pdf": (PRINT_LIMIT, "a list to print"),
    "qr": (QR_SHEET_LIMIT, "QR codes to print"),
}
PROGRESS_FROM = 500  # contacts: below this an export takes a blink, no progress dialog
# ... except where each contact takes long: a list to print lays out about 5 ms a person, a QR code takes 30-60 ms
PROGRESS_FROM_FORMAT = {"pdf": 100, "qr": 10}


@dataclass(frozen=True)
class Choices:
    """What the dialog needs to know, read on the worker thread before it opens."""

    selected: tuple[int, ...]
    search: tuple[int, ...]
    events: tuple[EventRecord, ...]
    event_ids: dict[int, tuple[int, ...]]
    search_name: str = ""  # the saved search the window shows, if it is one: the file is named after it


def _load_choices(directory, selected: list[int], query: SearchQuery) -> Choices:
    events = tuple(e for e in list_events(directory) if e.participant_count)
    return Choices(
        tuple(selected),
        tuple(search_ids(directory, query)),
        events,
        {e.id: tuple(search_ids(directory, SearchQuery(events=(e.id,)))) for e in events},
        _saved_search_name(directory, query),
    )


def _query_key(query: SearchQuery) -> tuple:
    facets = (query.countries, query.roles, query.expertise, query.org_types, query.events)
    return (" ".join(query.text.split()).casefold(), *(frozenset(f) for f in facets))


def _saved_search_name(directory, query: SearchQuery) -> str:
    """The name of the saved search whose results the window shows ("" when the search is no saved one)."""
    if query.is_empty:
        return ""
    wanted = _query_key(query)
    return next((s.name for s in list_saved_searches(directory) if _query_key(s.query) == wanted), "")


def file_stem(name: str) -> str:
    """`name` (an event's, a saved search's) as a file name: characters no file system takes and leading or
    trailing dots and spaces removed, at most 120 characters (cut between words); "" when nothing is left."""
    stem = " ".join(UNSAFE_IN_NAMES.sub(" ", name).split()).strip(" .")
    if len(stem) > 120:
        stem = stem[:121].rsplit(" ", 1)[0] if " " in stem[:121] else stem[:120]
    return stem.rstrip(" .,;")


def export_folder() -> Path:
    """The folder last exported to (kept in the settings), or the home folder when there is none or it is gone."""
    value = app_settings().value(FOLDER_KEY, "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else Path.home()


def remember_folder(folder: Path) -> None:
    settings = app_settings()
    settings.setValue(FOLDER_KEY, str(folder))
    settings.sync()


def export_written(path: Path) -> None:
    """A file (or folder of files) was written at `path`: its folder becomes the one the next export is offered in.

    The one place every export remembers its folder (Export menu, participants lists, QR codes, coverage, import
    report), and only once the file is there: a file dialog chosen then cancelled, or a write that failed, leaves
    the folder last exported to as it was."""
    path = Path(path)
    if path.exists():
        remember_folder(path.parent)


Recount = Callable[[date, Callable[[tuple[Choices, dict[str, ExportPlan]]], None]], None]


class ExportDialog(QDialog):
    """Which contacts, which file, and the format's options."""

    def __init__(
        self,
        fmt: str,
        choices: Choices,
        plans: dict[str, ExportPlan],
        parent: QWidget | None = None,
        recount: Recount | None = None,
    ):
        super().__init__(parent)
        self.fmt = fmt
        self.choices = choices
        self.plans = plans  # counts with and without private contacts, by scope key
        # "Only contacts added or changed since": `recount(day, done)` works the scopes out again on the worker;
        # `since` holds what it gave for the day shown (None: every contact of the scope).
        self.recount = recount
        self.since: tuple[date, Choices, dict[str, ExportPlan]] | None = None
        # Run by the Export button once the path is settled (start_export); `busy` while the export runs.
        self.on_export: Callable[[ExportDialog], None] | None = None
        self.busy = False
        self.replace_box: QMessageBox | None = None
        self._offered_stem = ""  # the file name offered for the scope, replaced when the scope changes
        self._confirmed: Path | None = None  # a file the user chose to replace in the Browse dialog
        self.setWindowTitle(TITLES[fmt])
        self.setObjectName("exportDialog")

        self.scope_group = QButtonGroup(self)
        self.radio_selected = QRadioButton(f"The se&lected contacts ({len(choices.selected):,})")
        self.radio_selected.setObjectName("scopeSelected")
        self.radio_search = QRadioButton(f"The contacts of the current &search ({len(choices.search):,})")
        self.radio_search.setObjectName("scopeSearch")
        self.radio_event = QRadioButton("The &participants of an event:")
        self.radio_event.setObjectName("scopeEvent")
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("eventCombo")
        # On a line of its own under its button, as wide as the dialog (which widens to the longest name, as far as
        # the screen allows): beside the button a long event's name was cut off in the middle of a word.
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_combo.setMinimumContentsLength(30)
        self.event_combo.setAccessibleName("Event")
        for event in choices.events:
            year = str(event.start_date.year) if event.start_date else ""
            when = f" ({year})" if year and year not in event.name else ""
            text = f"{event.name}{when} – {event.participant_count:,}"
            self.event_combo.addItem(text, event.id)
            self.event_combo.setItemData(self.event_combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.event_combo.currentIndexChanged.connect(
            lambda i: self.event_combo.setToolTip(self.event_combo.itemText(i) if i >= 0 else "")
        )
        self.event_combo.setToolTip(self.event_combo.currentText())
        for i, radio in enumerate((self.radio_selected, self.radio_search, self.radio_event)):
            self.scope_group.addButton(radio, i)
        self.radio_selected.setEnabled(bool(choices.selected))
        self.radio_event.setEnabled(bool(choices.events))
        self.event_combo.setEnabled(False)
        (self.radio_selected if choices.selected else self.radio_search).setChecked(True)

        self.split_check = QCheckBox("One file per contact (&zip), for phones that read only the first card")
        self.split_check.setObjectName("splitZip")
        self.split_check.setVisible(fmt == "vcard")
        self.private_check = QCheckBox("&Include contacts and details marked private")
        self.private_check.setObjectName("includePrivate")
        # What a workbook is also for: passing contacts to another focal point's directory (File > Import there).
        self.exchange_note = QLabel(
            "Another focal point can import this workbook into their directory (File > Import): the same people, "
            "the events they took part in, and what may not be shared come along."
        )
        self.exchange_note.setObjectName("exchangeNote")
        self.exchange_note.setWordWrap(True)
        self.exchange_note.setStyleSheet("color: palette(placeholder-text);")
        self.exchange_note.setVisible(fmt == "xlsx")
        # What a colleague given the directory before does not have yet.
        # Alt+H: Cancel is "&Cancel" where the platform gives its standard buttons keys (GNOME, KDE)
        self.since_check = QCheckBox("Only contacts added or c&hanged since")
        self.since_check.setObjectName("changedSinceCheck")
        self.since_edit = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since_edit.setObjectName("changedSince")
        self.since_edit.setAccessibleName("Added or changed since")
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("d MMMM yyyy")
        self.since_edit.setMaximumDate(QDate.currentDate())
        self.since_edit.setEnabled(False)
        since_row = QHBoxLayout()
        since_row.addWidget(self.since_check)
        since_row.addWidget(self.since_edit)
        since_row.addStretch(1)
        self.since_check.setVisible(recount is not None)
        self.since_edit.setVisible(recount is not None)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton("&Browse…")
        browse.setObjectName("browseButton")
        browse.setAutoDefault(False)  # Enter exports, whichever button was last clicked
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.count_label = QLabel()
        self.count_label.setObjectName("exportCount")
        self.count_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        # The dialog stays open until the file is written: a failed export is corrected here, not chosen again.
        self.buttons.accepted.connect(self._export_clicked)
        self.buttons.rejected.connect(self.reject)

        event_row = QHBoxLayout()
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        event_row.addSpacing(indent + self.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing))
        event_row.addWidget(self.event_combo, 1)
        form = QFormLayout()
        save_to = QLabel("Save &to:")
        save_to.setBuddy(self.path_edit)
        form.addRow(save_to, path_row)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Which contacts?</b>"))
        layout.addWidget(self.radio_selected)
        layout.addWidget(self.radio_search)
        layout.addWidget(self.radio_event)
        layout.addLayout(event_row)
        layout.addSpacing(6)
        layout.addWidget(self.split_check)
        layout.addWidget(self.private_check)
        layout.addLayout(since_row)
        layout.addWidget(self.exchange_note)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)

        self.scope_group.idToggled.connect(lambda *_: self._update())
        self.event_combo.currentIndexChanged.connect(lambda *_: self._update())
        self.split_check.toggled.connect(self._split_toggled)
        self.private_check.toggled.connect(lambda *_: self._update())
        self.since_check.toggled.connect(self._since_changed)
        self.since_edit.dateChanged.connect(self._since_changed)
        self._update()
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        fit_to_screen(self, max(560, self.sizeHint().width()), self.sizeHint().height())
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._as_opened = self.chosen()
        self._discarding = False
        self.discard_box: QMessageBox | None = None

    def chosen(self) -> tuple[object, ...]:
        """What the user can choose here: which contacts, the options, the day and the file."""
        return (
            self.scope_key(),
            self.split_check.isChecked(),
            self.private_check.isChecked(),
            self.since_day(),
            self.path_edit.text().strip(),
        )

    def scope_key(self) -> str:
        if self.radio_selected.isChecked():
            return "selected"
        if self.radio_event.isChecked():
            return f"event:{self.event_combo.currentData()}"
        return "search"

    def ids(self) -> tuple[int, ...]:
        key = self.scope_key()
        choices = self.since[1] if self.since is not None else self.choices
        if key == "selected":
            return choices.selected
        if key == "search":
            return choices.search
        return choices.event_ids.get(int(key.split(":")[1]), ())

    def plan(self) -> ExportPlan:
        plans = self.since[2] if self.since is not None else self.plans
        return plans[f"{self.scope_key()}|{int(self.private_check.isChecked())}"]

    def scope_name(self) -> str:
        """The event's or the saved search's name for the scope chosen ("" for the selection or a plain search)."""
        key = self.scope_key()
        if key == "search":
            return self.choices.search_name
        if key.startswith("event:"):
            event_id = int(key.split(":")[1])
            return next((e.name for e in self.choices.events if e.id == event_id), "")
        return ""

    def offered_stem(self) -> str:
        name = file_stem(self.scope_name())
        if self.fmt == "qr":
            return f"{name} QR codes" if name else "qr-codes"
        return name or "contacts"

    def _offer_name(self) -> None:
        """Name the file after the scope, unless the user named it: the folder shown is kept (at first the one last
        exported to)."""
        text = self.path_edit.text().strip()
        current = Path(text).expanduser() if text else export_folder() / "contacts"
        if text and self._offered_stem and current.stem != self._offered_stem:
            return  # a name of the user's own
        stem = self.offered_stem()
        self._offered_stem = stem
        suffix = ".zip" if self.split() == "zip" else FORMATS[self.fmt]
        self.path_edit.setText(str(current.with_name(stem + suffix)))

    def since_day(self) -> date | None:
        return self.since_edit.date().toPython() if self.since_check.isChecked() else None

    def _since_changed(self, *_args: object) -> None:
        self.since_edit.setEnabled(self.since_check.isChecked())
        day = self.since_day()
        if day is None or self.recount is None:
            self.since = None
            self._update()
            return
        self.since = None  # until the day's count comes, nothing is exported on another day's
        self.count_label.setText("Counting…")
        self.export_button.setEnabled(False)
        self.recount(day, lambda result: self._recounted(day, *result))

    def _recounted(self, day: date, choices: Choices, plans: dict[str, ExportPlan]) -> None:
        if day != self.since_day():
            return  # another day was chosen meanwhile (or none): its own count follows
        self.since = (day, choices, plans)
        self._update()

    def split(self) -> str | bool:
        return "zip" if self.fmt == "vcard" and self.split_check.isChecked() else False

    def suffix(self) -> str:
        """The file name ending of what will be written: .zip for vCards split into files, else the format's."""
        return ".zip" if self.split() == "zip" else FORMATS[self.fmt]

    def path(self) -> Path:
        """The file to write: a name typed without the format's ending gets it, as Browse… gives it (a file named
        "mylist" would not open in Excel, nor be found by double-clicking)."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser()
        if text and path.name and path.suffix.lower() != self.suffix():
            path = path.with_name(path.name + self.suffix())
        return path

    def _split_toggled(self, on: bool) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(".zip" if on else ".vcf")))
        self._update()

    def _browse(self) -> None:
        kind = "zip" if self.split() == "zip" else self.fmt
        name, _ = QFileDialog.getSaveFileName(self, TITLES[self.fmt], str(self.path()), FILTERS[kind])
        if name:
            suffix = self.suffix()
            path = Path(name)
            if path.suffix.lower() == suffix:
                # The file dialog itself asked whether to replace an existing file: not asked twice.
                self._confirmed = path if path.exists() else None
            else:
                path = path.with_name(path.name + suffix)  # another file than the one the dialog asked about
            self.path_edit.setText(str(path))

    def _export_clicked(self) -> None:
        path = self.path()
        if path.is_file() and path != self._confirmed:
            self._ask_replace(path)
            return
        self._start()

    def _ask_replace(self, path: Path) -> None:
        """Whether to replace the file already at `path` (Cancel is the default: nothing is lost by a slip)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            TITLES[self.fmt],
            f"“{path.name}” already exists. Do you want to replace it?",
            parent=self,
        )
        box.setObjectName("replaceBox")
        box.setInformativeText(f"The file in {path.parent} will be overwritten with this export.")
        replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
        replace.setObjectName("replaceButton")
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))

        def answered() -> None:
            if box.clickedButton() is replace:
                self._confirmed = path
                self._start()

        box.finished.connect(lambda _result: answered())
        self.replace_box = box
        box.open()

    def _start(self) -> None:
        if self.on_export is None:
            self.accept()
            return
        self.set_busy(True)
        self.on_export(self)

    def set_busy(self, busy: bool) -> None:
        """While the export runs the dialog stays as it is; Cancel and Escape wait for it (a large export has its
        own progress dialog with a Cancel button)."""
        self.busy = busy
        self.buttons.setEnabled(not busy)
        if not busy:
            self._update()

    def reject(self) -> None:
        """Esc, Cancel and the window's close button: with the choices as the dialog offered them, closed at once;
        with choices of the user's own (another scope, an option, a file), asked first. While the export runs,
        nothing (it has its own progress dialog with a Cancel button)."""
        if self.busy:
            return
        if self._discarding or self.chosen() == self._as_opened:
            super().reject()
            return
        ask_to_discard_choices(self, "Nothing has been exported.")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not event.spontaneous() and not self.busy:
            self._discarding = True  # closed by the application (close()), not by the user: nothing to ask
        super().closeEvent(event)

    def _update(self) -> None:
        self.event_combo.setEnabled(self.radio_event.isChecked())
        self._offer_name()
        if self.since_day() is not None and self.since is None:
            return  # counting
        plan = self.plan()
        n = plan.count
        files = f" in {n:,} files (zip)" if self.split() and n > 1 else ""
        verb = {"pdf": "listed", "qr": "given a card with a code"}.get(self.fmt, "written")
        text = f"{plural(n, 'contact')} will be {verb}{files}."
        if self.since is not None:
            text = f"{plural(n, 'contact')} added or changed since then will be {verb}{files}."
        if plan.withheld:
            text += f" {plan.withheld:,} marked not to be shared will be left out."
        limit, what = LIMITS.get(self.fmt, (n, ""))
        too_many = n > limit
        if too_many:
            text = f"{n:,} contacts are too many for {what} (at most {limit:,}): narrow the search."
        self.count_label.setText(text)
        self.export_button.setEnabled(n > 0 and not too_many and not self.busy)


class _Relay(QObject):
    """Carries progress from the worker thread to the GUI thread (a queued signal)."""

    progressed = Signal(int, int)


def _plans(directory, choices: Choices) -> dict[str, ExportPlan]:
    scopes = {"selected": choices.selected, "search": choices.search}
    scopes.update({f"event:{eid}": ids for eid, ids in choices.event_ids.items()})
    return {f"{key}|{int(private)}": plan for (key, private), plan in plan_exports(directory, scopes).items()}


def open_export(window, fmt: str) -> None:
    """Read what there is to export (worker thread), then show the dialog."""
    directory = getattr(window, "directory", None)
    if directory is None:
        window.statusBar().showMessage("Open a directory first", 4000)
        return
    selected = list(window.selected_contact_ids())
    query = window.current_query()

    def load() -> tuple[Choices, dict[str, ExportPlan]]:
        choices = _load_choices(directory, selected, query)
        return choices, _plans(directory, choices)

    window.runner.run(load, lambda result: _show_dialog(window, fmt, *result), lambda exc: _failed(window, exc))


def _show_dialog(window, fmt: str, choices: Choices, plans: dict[str, ExportPlan]) -> None:
    directory = window.directory

    def recount(day: date, done: Callable[[tuple[Choices, dict[str, ExportPlan]]], None]) -> None:
        def work() -> tuple[Choices, dict[str, ExportPlan]]:
            def newer(ids: tuple[int, ...]) -> tuple[int, ...]:
                return tuple(changed_since(directory, ids, day))

            since = Choices(
                newer(choices.selected),
                newer(choices.search),
                choices.events,
                {eid: newer(ids) for eid, ids in choices.event_ids.items()},
            )
            return since, _plans(directory, since)

        window.runner.run(work, done, lambda exc: _failed(window, exc))

    dialog = ExportDialog(fmt, choices, plans, window, recount)
    window.export_dialog = dialog
    dialog.on_export = lambda d: start_export(window, d)
    dialog.open()


def start_export(window, dialog: ExportDialog) -> None:
    """Run the export the dialog describes on the worker thread, with progress for large sets. The dialog closes
    when the file is written; when it is not, the dialog stays as it was and says why."""
    directory = window.directory
    ids, path, fmt, split = dialog.ids(), dialog.path(), dialog.fmt, dialog.split()
    include_private = dialog.private_check.isChecked()
    count = dialog.plan().count
    cancel_flag = threading.Event()
    relay = _Relay(window)
    progress: QProgressDialog | None = None
    if count >= PROGRESS_FROM_FORMAT.get(fmt, PROGRESS_FROM):
        progress = QProgressDialog(f"Writing {plural(count, 'contact')}…", "Cancel", 0, 2 * count, dialog)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle(TITLES[fmt])
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(cancel_flag.set)
        relay.progressed.connect(lambda done, total: progress.setValue(min(done, total)))
    window.statusBar().showMessage(f"Exporting {plural(count, 'contact')}…")

    def work() -> ExportResult:
        return export_contacts(
            directory, ids, path, fmt, split=split, include_private=include_private,
            progress=relay.progressed.emit, cancel=cancel_flag.is_set,
        )  # fmt: skip

    def done(result: ExportResult) -> None:
        if progress is not None:
            progress.reset()
        relay.deleteLater()
        export_written(result.path)
        dialog.set_busy(False)
        dialog.accept()
        _report(window, result)

    def failed(exc: BaseException) -> None:
        if progress is not None:
            progress.reset()
        relay.deleteLater()
        dialog.set_busy(False)
        if isinstance(exc, ExportCancelled):  # the user's own choice: no warning, the dialog as it was
            window.statusBar().showMessage("Export cancelled; nothing was written", 10_000)
            return
        _failed(window, exc, dialog if dialog.isVisible() else None)

    window.runner.run(work, done, failed)


def _report(window, result: ExportResult) -> None:
    what = plural(result.count, "contact")
    where = f"{result.files:,} files in {result.path}" if result.files > 1 else str(result.path)
    window.statusBar().showMessage(f"{what} written to {where}", 10_000)
    box = QMessageBox(QMessageBox.Icon.Information, "Export finished", f"{what} written to\n{where}", parent=window)
    box.setObjectName("exportDone")
    if result.path.suffix.lower() == ".pdf":  # a list to print: open it in the PDF reader, which prints it
        opened = box.addButton("&Open", QMessageBox.ButtonRole.ActionRole)
        opened.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path))))
    show = box.addButton("&Show in Folder", QMessageBox.ButtonRole.ActionRole)
    # OK of its own (the standard one is "&OK" on GNOME, sharing Alt+O with Open); Enter and Esc press it
    ok = box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    folder = result.path if result.path.is_dir() else result.path.parent
    show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    window.export_done_box = box
    window.last_export = result
    box.open()


def _failed(window, exc: BaseException, over: QWidget | None = None) -> None:
    """Say why an export failed, in a box over `over` (the export dialog, which stays open) or the window."""
    message = error_message(exc)
    window.statusBar().showMessage(f"Export failed: {message}", 10_000)
    # Core's messages begin in lower case, for "error: …" on the command line; here the message is a sentence.
    sentence = message[:1].upper() + message[1:]
    box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", sentence, parent=over or window)
    box.setObjectName("exportFailed")
    window.export_failed_box = box
    box.open()


def install(window) -> None:
    """Add the Export menu (vCard Ctrl+E, Excel, CSV, PDF list Ctrl+P, QR codes) to the window's menu bar."""
    menu = window.menuBar().addMenu("E&xport")
    menu.setObjectName("exportMenu")
    specs = (
        ("actionExportVCard", "&vCards for Phones (.vcf)…", "vcard", QKeySequence("Ctrl+E")),
        ("actionExportExcel", "&Excel Workbook (.xlsx)…", "xlsx", None),
        ("actionExportCsv", "&CSV File (.csv)…", "csv", None),
        ("actionExportPdf", "Contact List to &Print (.pdf)…", "pdf", QKeySequence.StandardKey.Print),
        ("actionExportQr", "&QR Codes to Print (.pdf)…", "qr", None),
    )
    for name, text, fmt, shortcut in specs:
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setStatusTip(f"{TITLES[fmt]}: the selected contacts, the current search or an event's participants")
        action.triggered.connect(lambda _checked=False, f=fmt: open_export(window, f))
        menu.addAction(action)
        setattr(window, name, action)
    window.export_menu = menu
