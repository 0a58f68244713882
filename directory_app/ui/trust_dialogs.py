"""The dialogs of issue 7 (trust): import history, audit log, review list, erasure, passphrases, restore.

They only show what they are given and say what the user chose; `trust.py` runs the core calls on the window's
worker thread and feeds the results in. Each dialog has an objectName and named buttons so tests drive them.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import ClassVar, NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from directory_app.core.backup import KEEP, BackupInfo
from directory_app.core.batches import ImportBatchInfo
from directory_app.core.contacts import sort_key
from directory_app.core.dates import format_day, format_moment
from directory_app.core.folding import fold_variants
from directory_app.core.privacy import AuditRecord, Mention
from directory_app.core.records import ContactRecord, plural
from directory_app.core.store import MIN_PASSPHRASE
from directory_app.ui import gc_guard
from directory_app.ui.labels import country_label
from directory_app.ui.screen_fit import fit_to_screen

RowRole = Qt.ItemDataRole.UserRole + 1


# ------------------------------------------------------------------------------------------------ helpers


def local_time(value: datetime | None) -> str:
    """A UTC time from the directory (stored naive) as local time for the user, as the system writes dates:
    "14 May 2025, 14:00" (`dates.format_moment`)."""
    return format_moment(value)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    return f"{size / (1024 * 1024):,.1f} MB"


ACTION_LABELS = {
    "edit": "Edit",
    "delete": "Delete",
    "rollback": "Import undone",
    "erase": "Erasure",
    "consent": "Consent set",
    "event": "Event changed",
    "copy": "Copied as text",
    "copy-qr": "QR code copied",
    "copy-emails": "E-mail addresses copied",
    "show-qr": "QR codes shown on the screen",
    "mail": "E-mail written (addresses to the mail program)",
    "verify": "Marked as verified",
}
FORMAT_LABELS = {
    "vcard": "vCard",
    "xlsx": "Excel",
    "csv": "CSV",
    "pdf": "PDF",
    "qr": "QR codes to print",
    "qr-png": "QR code image",
    "qr-svg": "QR code image, SVG",
}


def action_label(action: str) -> str:
    """'export-csv' -> 'Export (CSV)', 'export-participants-xlsx' -> 'Participants export (Excel)', 'edit' -> 'Edit'."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("export-"):
        rest = action[len("export-") :]
        what = "Export"
        if rest.startswith("participants-"):
            what, rest = "Participants export", rest[len("participants-") :]
        return f"{what} ({FORMAT_LABELS.get(rest, rest)})"
    return action.replace("-", " ").capitalize()


def passphrase_strength(text: str) -> tuple[int, str]:
    """(0 too short, 1 weak, 2 fair, 3 strong) and a one-line hint: a rough estimate from length and variety."""
    if len(text) < MIN_PASSPHRASE:
        return 0, f"At least {MIN_PASSPHRASE} characters ({len(text)} so far)."
    pool = 0
    pool += 26 if any(c.islower() for c in text) else 0
    pool += 26 if any(c.isupper() for c in text) else 0
    pool += 10 if any(c.isdigit() for c in text) else 0
    pool += 33 if any(not c.isalnum() and c.isascii() for c in text) else 0
    pool += 100 if any(not c.isascii() for c in text) else 0
    distinct = len(set(text))
    bits = min(len(text), distinct * 2) * math.log2(max(pool, 2))
    if bits < 45:
        return 1, "Weak: easy to guess. Longer is better, e.g. four unrelated words."
    if bits < 70:
        return 2, "Fair. A few more words or characters would make it strong."
    return 3, "Strong."


def make_table(
    name: str, headers: Sequence[str], label: str = ""
) -> tuple[QTableView, QStandardItemModel, QSortFilterProxyModel]:
    """A read-only table of rows; `label` is its name for a screen reader (a table takes no buddy label)."""
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(list(headers))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    view = QTableView()
    view.setObjectName(name)
    if label:
        view.setAccessibleName(label)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setHighlightSections(False)
    return view, model, proxy


def table_item(text: object, tip: str = "", align_right: bool = False) -> QStandardItem:
    item = QStandardItem(str(text))
    if tip:
        item.setToolTip(tip)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def make_default(button: QPushButton) -> None:
    """Make `button` the default of the dialog it is in: Enter presses it, and does nothing while it is disabled.

    Call it once the button is in the dialog. QPushButton.setDefault() on a button not yet in a dialog is not
    recorded by the dialog, which then makes the first button of its focus chain (often Cancel) a default too,
    and Enter pressed that one."""
    button.setDefault(False)  # setDefault(True) on a button already marked default does not reach the dialog
    button.setDefault(True)


def no_default(*buttons: QPushButton) -> None:
    """No button is pressed by Enter (a dialog whose Enter belongs to a field: a filter, a number)."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


def note_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def empty_note(text: str) -> QLabel:
    """What a dialog's list says when there is nothing in it: at the top, where the list would start, taking the
    list's room (added with a stretch), so that the dialog's lines do not spread over its height."""
    label = note_label(text)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def stretch_column(view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


# ------------------------------------------------------------------------------------------------ import history


class ImportHistoryDialog(QDialog):
    """Every recorded import, newest first, with Undo for the one selected."""

    undoRequested = Signal(object)  # ImportBatchInfo
    reloadRequested = Signal()

    HEADERS = ("Imported", "File", "Event", "New", "Updated", "Unchanged", "Skipped", "State")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistory")
        self.setWindowTitle("Import history")
        self.batches: list[ImportBatchInfo] = []
        self.intro = note_label(
            "Every import is recorded. Undo deletes the contacts an import created and puts the contacts it "
            "updated back as they were; a backup of the directory is taken first."
        )
        self.view, self.model, self.proxy = make_table("importHistoryTable", self.HEADERS, "Imports")
        stretch_column(self.view, 2)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.view.doubleClicked.connect(lambda _index: self._undo())
        self.empty_label = empty_note("No import has been recorded in this directory yet.")
        self.empty_label.setObjectName("importHistoryEmpty")
        self.undo_button = QPushButton("Undo Import…")
        self.undo_button.setObjectName("undoImportButton")
        self.undo_button.setToolTip("Delete what the selected import created and restore what it changed")
        self.undo_button.clicked.connect(self._undo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(buttons)
        # Enter closes, whatever has the focus; undoing an import takes the button (or a double-click).
        make_default(buttons.button(QDialogButtonBox.StandardButton.Close))
        fit_to_screen(self, 980, 420)
        self._update()

    def set_batches(self, batches: Sequence[ImportBatchInfo]) -> None:
        selected = self.selected()
        self.batches = list(batches)
        self.model.removeRows(0, self.model.rowCount())
        for b in self.batches:
            file_names = "; ".join(Path(f).name for f in b.file.split("; ")) if b.file else ""
            event = b.event_text
            state = f"Undone {local_time(b.rolled_back_at)}" if b.rolled_back_at else "In place"
            row = [
                table_item(local_time(b.created_at)),
                table_item(file_names, b.file),
                table_item(event, event),
                table_item(b.created, align_right=True),
                table_item(b.updated, align_right=True),
                table_item(b.unchanged, align_right=True),
                table_item(b.skipped, align_right=True),
                table_item(state),
            ]
            row[0].setData(b.id, RowRole)
            if b.rolled_back_at:
                for item in row:
                    item.setForeground(self.palette().placeholderText())
            self.model.appendRow(row)
        self.view.setVisible(bool(self.batches))
        self.empty_label.setVisible(not self.batches)
        if self.batches:
            ids = [b.id for b in self.batches]
            self.select_batch(selected.id if selected is not None and selected.id in ids else ids[0])
        self._update()

    def select_batch(self, batch_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(RowRole) == batch_id:
                self.view.selectRow(row)
                return

    def selected(self) -> ImportBatchInfo | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        batch_id = rows[0].data(RowRole)
        return next((b for b in self.batches if b.id == batch_id), None)

    def _update(self) -> None:
        batch = self.selected()
        self.undo_button.setEnabled(batch is not None and batch.rolled_back_at is None)

    def _undo(self) -> None:
        batch = self.selected()
        if batch is not None and batch.rolled_back_at is None:
            self.undoRequested.emit(batch)


# ------------------------------------------------------------------------------------------------ audit log


class AuditDialog(QDialog):
    """The audit log (or one contact's part of it): when, action, what, file, how many contacts."""

    exportRequested = Signal()

    HEADERS = ("When", "Action", "What", "File", "Contacts")

    def __init__(self, title: str, intro: str, *, name: str = "auditLog", filterable: bool = True,
                 exportable: bool = True, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.entries: list[AuditRecord] = []
        self.intro = note_label(intro)
        self.intro.setObjectName(f"{name}Intro")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("auditFilter")
        self.filter_edit.setAccessibleName(f"Filter the {title.lower()}")
        self.filter_edit.setPlaceholderText("Filter by any text: action, file, what was exported…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.setVisible(filterable)
        self.view, self.model, self.proxy = make_table(f"{name}Table", self.HEADERS, title)
        stretch_column(self.view, 2)
        self.view.setSortingEnabled(False)
        self.count_label = QLabel()
        self.count_label.setObjectName(f"{name}Count")
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("auditExportButton")
        self.export_button.setToolTip("Write the entries shown to a CSV file")
        self.export_button.clicked.connect(self.exportRequested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if exportable:
            buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.export_button.setParent(self)
            self.export_button.hide()
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if filterable:
            # Enter in the filter (which applies as it is typed) closed the dialog: it does nothing now.
            no_default(close, self.export_button)
        else:
            make_default(close)
        fit_to_screen(self, 1000, 480)

    def set_entries(self, entries: Sequence[AuditRecord]) -> None:
        self.entries = list(entries)
        self.model.removeRows(0, self.model.rowCount())
        for e in self.entries:
            row = [
                table_item(local_time(e.at)),
                table_item(action_label(e.action), e.action),
                table_item(e.detail, e.detail),
                table_item(Path(e.target).name if e.target else "", e.target),
                table_item(e.count, align_right=True),
            ]
            row[0].setData(e.id, RowRole)
            self.model.appendRow(row)
        self.view.setVisible(bool(self.entries) or self.filter_edit.isVisible())
        self._filter(self.filter_edit.text())

    def shown_entries(self) -> list[AuditRecord]:
        """The entries the filter lets through, in the order shown."""
        by_id = {e.id: e for e in self.entries}
        return [by_id[self.proxy.index(r, 0).data(RowRole)] for r in range(self.proxy.rowCount())]

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown, total = self.proxy.rowCount(), len(self.entries)
        if not total:
            self.count_label.setText("No entries yet.")
        elif shown == total:
            self.count_label.setText(plural(total, "entry", "entries"))
        else:
            self.count_label.setText(f"{shown:,} of {plural(total, 'entry', 'entries')}")
        self.export_button.setEnabled(shown > 0)


# ------------------------------------------------------------------------------------------------ review


class ReviewRow(NamedTuple):
    """One contact of the review list, as shown, with the keys it sorts by: made on the worker thread."""

    contact_id: int
    name: str
    organisation: str
    country: str
    verified: str
    name_key: str
    organisation_key: str
    country_key: str
    order: int  # place in the core's order: longest unverified first


def review_rows(records: Sequence[ContactRecord]) -> list[ReviewRow]:
    """The rows of the review list for `records` (in their order). Slow for many contacts (0.8 s for 60,000, the
    names' sort keys mostly): call it on the worker thread, with the query."""
    rows = []
    for order, r in enumerate(records):
        name = r.display_name or "(no name)"
        country = country_label(r.country)
        when = format_day(r.last_verified) if r.last_verified else f"never (added {format_day(r.created_at)})"
        rows.append(
            ReviewRow(r.id, name, r.organisation, country, when, sort_key(r.given_name, r.family_name) or "\uffff",
                      r.organisation.casefold() or "\uffff", country.casefold() or "\uffff", order)
        )  # fmt: skip
    return rows


def sort_review_rows(rows: list[ReviewRow], column: int, order: Qt.SortOrder) -> list[ReviewRow]:
    """`rows`, in the core's order, sorted by `column` (a ReviewModel column). The sort is stable, also in reverse,
    so ties stay in the core's order; 0.02 s for 60,000 rows (a key tuple with the tie-breaker took 0.06 s)."""
    key = ReviewModel.SORT_KEYS[column]
    return sorted(rows, key=attrgetter(key), reverse=order == Qt.SortOrder.DescendingOrder)


# The overload of layout(AboutToBe)Changed that takes a hint: the bare signal only emits the one without arguments.
_PERSISTENT_LIST = "QList<QPersistentModelIndex>"
_HINT = QAbstractItemModel.LayoutChangeHint


class ReviewModel(QAbstractTableModel):
    """The review list over plain rows (`ReviewRow`): cells are made when the view asks for them, so 60,000
    contacts are shown at once (four QStandardItems a row froze the window over a second). Sorted here, in
    Python: a QSortFilterProxyModel would call data() a million times to sort as many rows."""

    NAME, ORGANISATION, COUNTRY, VERIFIED = range(4)
    HEADERS = ("Name", "Organisation", "Country", "Last verified")
    ContactIdRole = RowRole  # int: the contact's id, in every column
    SortRole = Qt.ItemDataRole.UserRole + 2  # the key the column sorts by

    _TEXT: ClassVar[tuple[str, ...]] = ("name", "organisation", "country", "verified")
    SORT_KEYS: ClassVar[tuple[str, ...]] = ("name_key", "organisation_key", "country_key", "order")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewRow] = []  # as shown
        self._core: list[ReviewRow] = []  # in the core's order, which every sort starts from
        self._row_of: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] = (self.VERIFIED, Qt.SortOrder.AscendingOrder)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            return getattr(row, self._TEXT[index.column()])
        if role == self.ContactIdRole:
            return row.contact_id
        if role == self.SortRole:
            return getattr(row, self.SORT_KEYS[index.column()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def set_rows(self, rows: list[ReviewRow]) -> None:
        """Show `rows` (in the core's order), sorted as the list is sorted."""
        old = self._core
        self.beginResetModel()
        self._core = list(rows)  # its own list: the one it lets go of is emptied in place
        self._rows = sort_review_rows(rows, *self._sort)
        self._row_of = {r.contact_id: n for n, r in enumerate(self._rows)}
        self.endResetModel()
        gc_guard.drop_between_turns([old])  # freeing 60,000 rows at once held the window 30 ms

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS) or (column, order) == self._sort:
            return  # the rows are kept sorted (QTableView.sortByColumn asks twice)
        self._sort = (column, order)
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        self.layoutAboutToBeChanged[_PERSISTENT_LIST, _HINT].emit([], hint)
        before = self.persistentIndexList()  # the selection and the current row, which follow their contacts
        ids = [self._rows[i.row()].contact_id for i in before]
        self._rows = sort_review_rows(self._core, column, order)
        self._row_of = {r.contact_id: n for n, r in enumerate(self._rows)}
        after = [self.index(self._row_of[c], i.column()) for c, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged[_PERSISTENT_LIST, _HINT].emit([], hint)

    def row_of(self, contact_id: int) -> int | None:
        return self._row_of.get(contact_id)

    def contact_ids(self, first: int, last: int) -> list[int]:
        """The ContactIdRole of rows `first` to `last`, read at once: through data() one index at a time, the
        60,000 rows of Select All took 0.25 s."""
        return [r.contact_id for r in self._rows[first : last + 1]]


def _merged_rows(selection: QItemSelection) -> list[tuple[int, int]]:
    """The rows of a selection as (first, last) spans, sorted and without overlaps (ranges may overlap)."""
    spans: list[tuple[int, int]] = []
    for top, bottom in sorted((r.top(), r.bottom()) for r in selection):
        if spans and top <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], bottom))
        else:
            spans.append((top, bottom))
    return spans


class ReviewDialog(QDialog):
    """Contacts not verified for N years; a double-click shows the contact in the main window."""

    yearsChanged = Signal(int)
    contactActivated = Signal(int)  # contact id
    verifyRequested = Signal(list)  # the ids of the contacts chosen, checked today

    HEADERS = ReviewModel.HEADERS

    def __init__(self, years: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle("Contacts to review")
        self.years_spin = QSpinBox()
        self.years_spin.setObjectName("reviewYears")
        self.years_spin.setRange(0, 50)
        self.years_spin.setValue(years)
        self.years_spin.setSuffix(" years")
        self.years_spin.valueChanged.connect(self._years_changed)
        top = QHBoxLayout()
        years_label = QLabel("Contacts not verified for at &least")
        years_label.setBuddy(self.years_spin)
        top.addWidget(years_label)
        top.addWidget(self.years_spin)
        top.addStretch(1)
        self.model = ReviewModel(self)
        self._shown_once = False  # a list was shown: later ones keep the user's choice, or choose nothing
        self.view = QTableView()
        self.view.setObjectName("reviewTable")
        self.view.setAccessibleName("Contacts to review")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(ReviewModel.VERIFIED, Qt.SortOrder.AscendingOrder)  # the core's order
        self.view.setSortingEnabled(True)
        stretch_column(self.view, ReviewModel.ORGANISATION)
        # Columns fit the first rows, not 60,000 of them: sizing from the default 1,000 rows a column cost 0.1 s
        # on every load of the list.
        header.setResizeContentsPrecision(100)
        # The header gets a selection of its own, always empty. Sharing the list's, it asked for every row's
        # index at each paint to tell whether a whole column was selected, which a Python model answers slowly:
        # with all 60,000 rows selected (Ctrl+A) the window froze 0.35 s at each repaint.
        header.setSelectionModel(QItemSelectionModel(self.model, header))
        self.view.doubleClicked.connect(self._activated)
        self.count_label = note_label()
        self.count_label.setObjectName("reviewCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.verify_button = buttons.addButton("Mark as Verified Today", QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.setObjectName("reviewVerifyButton")
        self.verify_button.setToolTip("Their details were checked today (called, or answered an e-mail)")
        self.verify_button.clicked.connect(lambda: self.verifyRequested.emit(self.selected_ids()))
        self.show_button = buttons.addButton("Show in Directory", QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.setObjectName("reviewShowButton")
        self.show_button.clicked.connect(self._show_selected)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)
        # Enter in the list shows the contact selected, as a double-click does (nothing when several are chosen);
        # Close was the default, and Enter after typing a number of years closed the dialog.
        make_default(self.show_button)
        self.years_spin.installEventFilter(self)
        fit_to_screen(self, 820, 480)
        self._update_buttons()

    def years(self) -> int:
        return self.years_spin.value()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.years_spin and event.type() == QEvent.Type.ShortcutOverride:
            # Ctrl+Z and the Redo keys reach the window's Undo and Redo (added to this dialog) once the field has
            # no typing of its own to undo: a spin box takes those keys whether or not it has any.
            assert isinstance(event, QKeyEvent)
            edit = self.years_spin.lineEdit()
            undo = event.matches(QKeySequence.StandardKey.Undo) and not edit.isUndoAvailable()
            redo = event.matches(QKeySequence.StandardKey.Redo) and not edit.isRedoAvailable()
            if undo or redo:
                event.ignore()
                return True
        if (
            watched is self.years_spin
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.years_spin.interpretText()  # Enter in the years applies them, and stays in the dialog
            return True
        return super().eventFilter(watched, event)

    def _years_changed(self, years: int) -> None:
        # Reading a large directory again takes seconds: the list shown stays until the new one comes.
        self.count_label.setText(f"Looking for the contacts not verified for {plural(years, 'year')}…")
        self.yearsChanged.emit(years)

    def set_records(self, years: int, rows: list[ReviewRow]) -> None:
        """The list for `years` (rows from `review_rows`); an answer for other years than shown is dropped."""
        if years != self.years():
            return  # an older answer
        keep = set(self.selected_ids())  # kept chosen when the list is read again
        self.model.set_rows(rows)
        n = self.model.rowCount()
        self.count_label.setText(
            f"{plural(n, 'contact')} not verified for {plural(years, 'year')}. Check their details (call, write), "
            "then mark them as verified; double-click one to show it in the directory and edit it."
            if n
            else f"Every contact was verified in the last {plural(years, 'year')}."
        )
        kept = sorted(row for c in keep if (row := self.model.row_of(c)) is not None)
        if not kept and n and not self._shown_once:
            kept = [0]  # the first list opens on its top row, for the keyboard
        self._shown_once = True
        if kept:
            self._select_rows(kept)
        else:
            # After a mark the contacts marked leave the list: nothing is chosen then, so that Enter (or a second
            # click on Mark) does not mark the next person, whom the user never chose. Selecting the new top row
            # did, with Mark still the default button.
            self.view.selectionModel().clearSelection()
            if self.verify_button.hasFocus():
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()

    def _select_rows(self, rows: list[int]) -> None:
        """Select `rows` (sorted) as a few ranges, and make the first current and visible."""
        last = self.model.columnCount() - 1
        selection = QItemSelection()
        start = previous = rows[0]
        for row in [*rows[1:], None]:
            if row is not None and row == previous + 1:
                previous = row
                continue
            selection.select(self.model.index(start, 0), self.model.index(previous, last))
            if row is not None:
                start = previous = row
        flags = QItemSelectionModel.SelectionFlag
        selections = self.view.selectionModel()
        selections.select(selection, flags.ClearAndSelect | flags.Rows)
        first = self.model.index(rows[0], 0)
        selections.setCurrentIndex(first, flags.NoUpdate)
        self.view.scrollTo(first)

    def _selected_spans(self) -> list[tuple[int, int]]:
        return _merged_rows(self.view.selectionModel().selection())

    def selected_ids(self) -> list[int]:
        """The ids of the contacts chosen, in the order shown (the model's ContactIdRole, read a span at a time)."""
        return [
            contact_id for top, bottom in self._selected_spans() for contact_id in self.model.contact_ids(top, bottom)
        ]

    def _update_buttons(self) -> None:
        # Counted from the selection's ranges: reading 60,000 ids after Select All froze the window half a second.
        chosen = sum(bottom - top + 1 for top, bottom in self._selected_spans())
        self.show_button.setEnabled(chosen == 1)
        self.verify_button.setEnabled(chosen > 0)
        self.verify_button.setText("Mark as Verified Today" if chosen < 2 else f"Mark {chosen:,} as Verified Today")

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.contactActivated.emit(ids[0])

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            contact_id = index.siblingAtColumn(0).data(ReviewModel.ContactIdRole)
            if contact_id is not None:
                self.contactActivated.emit(int(contact_id))


# ------------------------------------------------------------------------------------------------ erasure


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _spellings(text: str) -> set[str]:
    """The ways the search reads `text` ("Hüseyin" as "huseyin" and "hueseyin"; "Ђорђевић" as "djordjevic"…)."""
    return set(fold_variants(_fold(text))) if text.strip() else set()


class EraseDialog(QDialog):
    """A strong confirmation: the user types the person's name before Erase is enabled."""

    def __init__(self, record: ContactRecord, parent: QWidget | None = None, mentions: Sequence[Mention] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.mentions = tuple(mentions)
        self.setWindowTitle("Erase person completely")
        self.record = record
        self.expected = record.display_name.strip() or "ERASE"
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b>Erase {record.display_name or 'this person'} from the directory for good?</b>")
        title.setWordWrap(True)
        text = note_label(
            "Everything about this person is removed: the contact, e-mails, phones, event participations, the "
            "import history entries about them and their links in the audit log (audit entries keep only a "
            "count). This cannot be undone, and it is not the same as Delete, which can be undone.\n\n"
            f"Automatic backups taken before keep the person until they rotate out (the last {KEEP} are kept); "
            "backups you saved yourself keep them until you delete those files."
        )
        prompt = QLabel(f"To confirm, type the name: <b>{html.escape(self.expected)}</b>")
        if not self.expected.isascii():
            hint = " (accents may be left out, and a Cyrillic or Greek name typed in Latin letters)"
            prompt.setText(prompt.text() + hint)
        prompt.setWordWrap(True)
        prompt.setTextFormat(Qt.TextFormat.RichText)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("eraseConfirmEdit")
        self.confirm_edit.setAccessibleName("Type the person's name to confirm")
        prompt.setBuddy(self.confirm_edit)
        self.confirm_edit.setPlaceholderText(self.expected)
        self.confirm_edit.textChanged.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton("Erase Completely", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.addWidget(title)
        body.addWidget(text)
        # Other contacts whose texts mention the person: said before, and their texts rewritten only when asked.
        self.mentions_label: QLabel | None = None
        self.also_mentions_check: QCheckBox | None = None
        if self.mentions:
            body.addSpacing(6)
            self.mentions_label = note_label(_mentions_text(record, self.mentions))
            self.mentions_label.setObjectName("eraseMentionsLabel")
            body.addWidget(self.mentions_label)
            if any(m.field != "organisation" for m in self.mentions):
                check = QCheckBox("&Also replace the name with “(erased)” in their texts")
                check.setObjectName("eraseAlsoMentions")
                check.setToolTip("Their notes, positions, addresses and keywords; recorded in the audit log as an "
                                 "edit of those contacts.")  # fmt: skip
                self.also_mentions_check = check
                body.addWidget(check)
        body.addSpacing(6)
        body.addWidget(prompt)
        body.addWidget(self.confirm_edit)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(body, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        # Enter after typing the name erases, as the typed name is the confirmation; while the name is not typed
        # Erase is disabled and Enter does nothing (with Cancel the default, Enter closed the dialog silently).
        make_default(self.erase_button)
        fit_to_screen(self, 540, self.sizeHint().height())
        self._update()

    def confirmed(self) -> bool:
        """The name typed as the search would find it: accents may be left out ("Huseyin Aksoy" for "Hüseyin
        Aksoy"), and a Cyrillic or Greek name typed in Latin letters, as the contact's Latin name or as the search
        spells it; a keyboard without the script or the accents could not confirm at all."""
        typed = self.confirm_edit.text()
        if _fold(typed) == _fold(self.expected):
            return True
        return bool(_spellings(typed) & (_spellings(self.expected) | _spellings(self.record.latin_display_name)))

    def _update(self) -> None:
        self.erase_button.setEnabled(self.confirmed())

    def also_mentions(self) -> bool:
        """Whether the person's name is to be replaced in the other contacts' texts that mention it."""
        check = self.also_mentions_check
        return check is not None and check.isChecked()

    def accept(self) -> None:
        if self.confirmed():
            super().accept()


def _mentions_text(record: ContactRecord, mentions: Sequence[Mention], shown: int = 5) -> str:
    """ "2 other contacts mention Ana Kovač: Marko Marić (notes), Jovana Petrović (position, keywords).", and what
    of them erasing leaves as it is."""
    fields: dict[tuple[int, str], list[str]] = {}
    for m in mentions:
        what = f"in “{m.context}”" if m.field == "organisation" else m.field
        fields.setdefault((m.contact_id, m.name), []).append(what)
    names = [f"{name} ({', '.join(what)})" for (_cid, name), what in fields.items()]
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    n, person = len(names), record.display_name or "this person"
    text = (f"{plural(n, 'other contact')} {'mentions' if n == 1 else 'mention'} {person}: "
            f"{', '.join(names[:shown])}{more}.")  # fmt: skip
    if any(m.field == "organisation" for m in mentions):
        text += " An organisation named after the person keeps its name."
    if all(m.field == "organisation" for m in mentions):
        return text
    return text + " Erasing lists them afterwards, for you to edit; their texts are changed only if you tick:"


# ------------------------------------------------------------------------------------------------ passphrases


class PassphraseDialog(QDialog):
    """A new passphrase typed twice, with a strength hint; the current one too when changing it.

    It stays open while the work runs (`set_busy`), so a wrong current passphrase is said right here.
    """

    submitted = Signal(str, str)  # current ("" when encrypting), new

    def __init__(self, path: Path, *, change: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.change = change
        self.setObjectName("changePassphraseDialog" if change else "encryptDialog")
        self.setWindowTitle("Change passphrase" if change else "Encrypt directory")
        if change:
            intro = (
                f"Choose a new passphrase for {path.name}. Its automatic backups are re-encrypted with it; "
                "backups you saved elsewhere keep the old one."
            )
        else:
            intro = (
                f"{path.name} and its automatic backups will be encrypted: nobody can read them without the "
                "passphrase. <b>Without it the directory cannot be opened, by anyone, not even you</b>: write "
                "it down and keep it somewhere safe."
            )
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.current_edit = self._field("currentPassphrase")
        self.new_edit = self._field("newPassphrase")
        self.repeat_edit = self._field("repeatPassphrase")
        self.strength_label = QLabel()
        self.strength_label.setObjectName("passphraseStrength")
        self.strength_label.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("passphraseProblem")
        self.problem_label.setWordWrap(True)
        self.problem_icon = QLabel()
        self.problem_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(16, 16)
        )
        self.problem_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem_icon)
        problem_row.addWidget(self.problem_label, 1)
        form = QFormLayout()
        if change:
            form.addRow("Current passphrase:", self.current_edit)
        else:
            self.current_edit.hide()
        form.addRow("New passphrase:", self.new_edit)
        form.addRow("", self.strength_label)
        form.addRow("Type it again:", self.repeat_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            "Change Passphrase" if change else "Encrypt", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("passphraseOkButton")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(problem_row)
        layout.addWidget(self.buttons)
        # Enter runs Encrypt / Change Passphrase, and does nothing while it is disabled. Made default before the
        # buttons were in the dialog, it was not the dialog's default, and Enter cancelled silently.
        make_default(self.ok_button)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.textChanged.connect(self._update)
        self._busy = False
        fit_to_screen(self, 520, self.sizeHint().height())
        self._update()

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def problem(self) -> str:
        new, again = self.new_edit.text(), self.repeat_edit.text()
        if len(new) < MIN_PASSPHRASE:
            return ""  # the strength line says it
        if new != new.strip():
            return "A passphrase cannot begin or end with a space."
        if again and again != new:
            return "The two passphrases differ."
        if self.change and new == self.current_edit.text():
            return "The new passphrase is the same as the current one."
        return ""

    def _update(self) -> None:
        new = self.new_edit.text()
        level, hint = passphrase_strength(new)
        self.strength_label.setText(hint if new else f"At least {MIN_PASSPHRASE} characters.")
        problem = self.problem()
        if not self._busy:
            self._say(problem, warning=True)
        ready = level > 0 and not problem and self.repeat_edit.text() == new
        if self.change and not self.current_edit.text():
            ready = False
        self.ok_button.setEnabled(ready and not self._busy)

    def _say(self, text: str, *, warning: bool) -> None:
        self.problem_label.setText(text)
        self.problem_icon.setVisible(bool(text) and warning)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While the work runs: fields and Cancel disabled, `text` says what is going on."""
        self._busy = busy
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self._update()
        if busy:
            self._say(text, warning=False)

    def failed(self, message: str) -> None:
        self.set_busy(False)
        self._say(message[:1].upper() + message[1:], warning=True)

    def _submit(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit(self.current_edit.text() if self.change else "", self.new_edit.text())

    def reject(self) -> None:
        if not self._busy:
            super().reject()


# ------------------------------------------------------------------------------------------------ restore


class RestoreDialog(QDialog):
    """Pick an automatic backup (time, reason, size) or another file to restore."""

    restoreRequested = Signal(object)  # Path
    otherFileRequested = Signal()

    HEADERS = ("Taken", "Why", "Size")
    REASONS: ClassVar[dict[str, str]] = {
        "daily": "First opening of the day",
        "import": "Before an import",
        "rollback": "Before undoing an import",
        "before-restore": "Before a restore",
        "manual": "Backup on request",
    }

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.backups: list[BackupInfo] = []
        self.intro = note_label(
            f"Replace the contents of {path.name} by a backup. The backup is checked first, and the directory "
            "as it is now is backed up before it is replaced, so a restore can itself be undone."
        )
        self.view, self.model, self.proxy = make_table("backupTable", self.HEADERS, "Backups")
        stretch_column(self.view, 1)
        self.view.doubleClicked.connect(lambda _index: self._restore())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.empty_label = empty_note("There are no automatic backups of this directory yet.")
        self.empty_label.setObjectName("restoreEmpty")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.other_button = self.buttons.addButton("Other File…", QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.setObjectName("restoreOtherButton")
        self.other_button.clicked.connect(self.otherFileRequested)
        self.restore_button = self.buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.buttons.accepted.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.buttons)
        # Enter asks to restore the backup selected (a confirmation follows), as a double-click does; Cancel was
        # the default and Enter closed the dialog.
        make_default(self.restore_button)
        fit_to_screen(self, 620, 400)
        self.set_backups([])

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.backups = list(backups)
        self.model.removeRows(0, self.model.rowCount())
        for n, b in enumerate(self.backups):
            row = [
                table_item(format_moment(b.taken_at, utc=False), str(b.path)),  # taken in local time
                table_item(self.REASONS.get(b.reason, b.reason.replace("-", " ").capitalize())),
                table_item(size_text(b.size), align_right=True),
            ]
            row[0].setData(n, RowRole)
            self.model.appendRow(row)
        self.view.setVisible(bool(self.backups))
        self.empty_label.setVisible(not self.backups)
        if self.backups:
            self.view.selectRow(0)
            # The list is empty (hidden) when the dialog opens, so Cancel had the focus, and Enter pressed it.
            self.view.setFocus()
        self._update()

    def selected(self) -> BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.backups[rows[0].data(RowRole)]

    def select_path(self, path: Path) -> None:
        for n, b in enumerate(self.backups):
            if b.path == path:
                self.view.selectRow(n)

    def _update(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _restore(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restoreRequested.emit(chosen.path)
