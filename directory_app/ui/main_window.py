"""The main window: search as you type, facet filters with counts, the results table, the detail pane.

Every database call goes through `self.runner` (one worker thread); widgets are only touched here, on the GUI
thread, when results come back. Searches carry a generation number and a task key, so a result that arrives
after a newer search was started is dropped.

Start-up on a large directory comes in steps, so that the window is usable before everything is loaded: a first
look at the file with the bare SQLite driver (`search.first_look`: every contact in name order, the first page of
rows, the whole directory's facet counts) fills the table and the filters while SQLAlchemy loads and the directory
is opened; the first search then comes from SQL; the in-memory index is built last, by the first facet counts
asked for. Typing, filtering or sorting before the directory is open is kept and searched as soon as it is; counts
for a query that wait for the index show "…", never a zero.

Other features plug in through: `file_menu`, `edit_menu`, `view_menu`, `help_menu`, `current_query()`,
`selected_contact_ids()`, `directory`, `refresh()`, `detail.add_extra_widget()` / `detail.contactShown`,
`welcome.add_action_button()` and the `directoryChanged` signal.
"""

from __future__ import annotations

import errno
import itertools
import logging
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from directory_app import APP_NAME, __version__
from directory_app.core import vocab
from directory_app.core.contacts import add_contact, contact_count, delete_contacts, get_contact, list_events
from directory_app.core.exporting import CopiedContacts, copy_contacts
from directory_app.core.ordering import sorted_ids
from directory_app.core.paths import demo_db_path
from directory_app.core.records import ContactInput, ContactRecord, DirectoryError, EventRecord
from directory_app.core.search import (
    FacetCounts,
    FirstLook,
    SearchQuery,
    facet_counts,
    fetch_rows,
    first_look,
    named_facets_text,
    search_ids,
    whole_directory_counts_in,
)
from directory_app.core.store import Directory, PassphraseNeeded, WrongPassphrase, open_directory
from directory_app.core.suggestions import Suggestions, load_suggestions
from directory_app.ui.a11y import name_clear_button
from directory_app.ui.commands import AddContactCommand, DeleteContactsCommand, EditContactCommand
from directory_app.ui.compat import guard_singleton_refcounts
from directory_app.ui.contact_model import ContactTableModel
from directory_app.ui.coverage_view import install as install_coverage
from directory_app.ui.detail import ContactDetail
from directory_app.ui.event_actions import install as install_events
from directory_app.ui.export_actions import install as install_export
from directory_app.ui.facets import FacetFilter
from directory_app.ui.help_guide import install as install_guide
from directory_app.ui.icons import app_icon, themed_icon
from directory_app.ui.import_actions import install as install_import
from directory_app.ui.labels import count_text, country_label, phone_label, vocab_label
from directory_app.ui.mail_actions import install as install_mail
from directory_app.ui.merge_actions import install as install_merging
from directory_app.ui.organisation_actions import install as install_organisations
from directory_app.ui.qr_show import install as install_qr_show
from directory_app.ui.qr_widget import install as install_qr
from directory_app.ui.saved_search_actions import install as install_saved_searches
from directory_app.ui.settings import RecentFiles, app_settings
from directory_app.ui.table import ContactTable
from directory_app.ui.tasks import TaskRunner, error_message
from directory_app.ui.trust import install as install_trust
from directory_app.ui.welcome import WelcomePanel

if TYPE_CHECKING:
    from directory_app.ui.contact_dialog import ContactDialog

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
FIRST_LOOK_WAIT_S = 1.0  # the opening waits at most this long for the first look to be shown
COUNTS_LOADING_MS = 250  # counts slower than this (the index is being built) show "…" until they come
WARM_UP_DELAY_MS = 1000  # after everything is loaded: what the first Edit needs is loaded on the worker (_warm_up)
DEMO_SIZE = 300
SMALL_SCREEN_WIDTH = 1280  # narrower screens get the whole of their width on first start
FILE_FILTER = "Directory files (*.db *.sqlite *.sqlite3);;All files (*)"


class _AfterPaint(QObject):
    """Calls `callback` once `widget` has been painted (then removes itself)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)  # once this paint is done
            self.deleteLater()
        return False


def _after_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    _AfterPaint(widget, callback)


@dataclass(frozen=True)
class _Overview:
    """What the window needs to know about a directory besides the current search."""

    baseline: FacetCounts  # counts for the whole directory: which facet values exist, and the empty query's counts
    events: list[EventRecord]

    @property
    def total(self) -> int:
        return self.baseline.total


_READ_ONLY_ERRORS = (errno.EROFS, errno.EACCES, errno.EPERM)
# What the core's DirectoryError says when SQLite could not open or write the file (not a wrong file, say).
_WRITE_FAILED = re.compile(r"unable to open|readonly|read-only|permission denied|cannot create", re.IGNORECASE)


def read_only_reason(path: Path) -> str | None:
    """Why the directory file at `path` cannot be opened, in a user's words, when its folder or the file itself
    cannot be written to (a CD, a write-protected USB stick, a shared folder one may only read, a file marked
    read-only); None when both can be. SQLite keeps its journal beside the file, so a directory needs both.
    Only tries: a nameless temporary file in the folder, and opening the file for writing without writing."""
    advice = "Copy it to a folder on your disk and open the copy"
    try:
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        if exc.errno in _READ_ONLY_ERRORS:
            return (
                f"the folder holding {path.name} is read-only (a CD, a locked USB stick or a folder you may only "
                f"read), and the app needs to write beside the file while it is open. {advice}."
            )
        return None
    try:
        with path.open("r+b"):
            pass
    except OSError as exc:
        if exc.errno in _READ_ONLY_ERRORS:
            return (
                f"the file {path.name} is read-only. {advice}, or make the file writable (in its properties) "
                "and open it again."
            )
    return None


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of adjacent rows: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class MainWindow(QMainWindow):
    directoryChanged = Signal(object)  # the newly open Directory (or None)
    searchFinished = Signal()  # results and counts for the current query are shown

    def __init__(self, db_path: Path | None = None, parent: QWidget | None = None) -> None:
        guard_singleton_refcounts()  # before any Qt call from Python can wear them down (see compat.py)
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.directory: Directory | None = None
        self.directory_path: Path | None = None
        self.runner = TaskRunner(self)
        self.runner.failed.connect(self.show_error)
        self.undo_stack = QUndoStack(self)
        self.recent = RecentFiles(app_settings())
        self.contact_dialog: ContactDialog | None = None
        self._overview: _Overview | None = None
        self._total = 0  # contacts in the directory shown (the status bar's "12 of 3,480 contacts")
        self._read_as = ""  # what the search's words were also read as ("Serbia (country)"), after the count
        self._first_look_path: Path | None = None  # a file shown from its first look, not open yet
        self._keep_first_look = False  # its first search keeps the rows on screen when it lists the same ids
        self._pages_waiting: list[tuple[list[int], Callable[[list], None]]] = []  # asked for before the opening
        self._first_look_shown = threading.Event()  # the opening waits for it (see open_directory_file)
        self._suggestions: Suggestions | None = None
        self._warmed_up = False  # see _warm_up
        self._results_text = ""  # the text of the search the table shows (see _fetch_page)
        self._generation = 0
        self._results_generation = 0
        self._counts_generation = 0
        self._search_query: SearchQuery | None = None  # of the latest search started
        self._counts_query: SearchQuery | None = None  # whose counts the filters show (None: "…", or nothing)
        self._sort = (ContactTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self._select_after: list[int] | None = None
        self._after_search: list[Callable[[], None]] = []
        self._closing = False
        self.start_maximised = False  # first start on a small screen: the application shows it maximised

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        install_coverage(self)  # View > Network coverage (issue 8)
        install_import(self)  # File > Import Registration List, drop a file (issue 4)
        install_export(self)  # Export menu: vCard (Ctrl+E), Excel, CSV (issue 5)
        install_mail(self)  # Edit > Copy E-mail Addresses, Write E-mail…: the selected contacts' addresses
        install_saved_searches(self)  # Saved searches beside the search field, Edit > Saved Searches
        install_qr(self)  # the selected contact's QR code in the detail pane (issue 5)
        install_qr_show(self)  # View > QR Codes on Screen: a room scans them from a projector
        install_merging(self)  # Edit > Merge Contacts…, Find Duplicates… (duplicates already in the directory)
        install_events(self)  # Edit > Events…: correct, merge, delete the events imports made
        install_organisations(self)  # Edit > Organisations…: one office under several names made one
        install_trust(self)  # import history, backups, encryption, audit, erasure, one window per file (issue 7)
        install_guide(self)  # Help > Quick Guide (F1), with the shortcuts of every menu installed above
        self._set_tab_order()  # once the installers have added their buttons to the search row
        self._keep_help_menu_last()
        self._restore_layout()
        self._update_actions()
        self._update_title()
        if db_path is not None:
            self.open_directory_file(Path(db_path))
        else:
            self._show_welcome("No directory is open.")

    # =========================================================================================== building

    def _build_widgets(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName("Search contacts")
        self.search_edit.setPlaceholderText(
            "Search names in any script, organisations, countries, roles, e-mails, phone numbers… (Ctrl+F)"
        )
        name_clear_button(self.search_edit, "Clear the search")
        self.search_edit.addAction(
            themed_icon("search", self.palette()), QLineEdit.ActionPosition.LeadingPosition
        ).setText("Search")  # the magnifier: a button to a screen reader, named so
        self.search_edit.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_LOADING_MS)
        self._counts_timer.timeout.connect(self._counts_loading)

        self.clear_filters_button = QPushButton("Clear Filters")
        self.clear_filters_button.setObjectName("clearFiltersButton")
        self.clear_filters_button.setToolTip("Clear the search and every filter (Ctrl+Shift+L)")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.add_button = QPushButton(themed_icon("contact-add", self.palette()), "Add Contact…")
        self.add_button.setObjectName("addContactButton")
        self.add_button.setToolTip("Add a contact (Ctrl+N)")
        self.add_button.clicked.connect(self.add_contact)

        top = QHBoxLayout()
        top.setContentsMargins(8, 8, 8, 4)
        top.setSpacing(6)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.clear_filters_button)
        top.addWidget(self.add_button)
        self.search_row = top  # installers add their buttons here (Saved searches)

        self.country_filter = FacetFilter("country", "Country", "countryFilter")
        self.role_filter = FacetFilter("role", "Role", "roleFilter")
        self.expertise_filter = FacetFilter("expertise", "Expertise", "expertiseFilter")
        # Event names end with what tells them apart ("Regional Seminar on ..., Sarajevo 2017"): their start is
        # elided, never the place and year (the whole name is the value's tooltip).
        self.event_filter = FacetFilter("event", "Event", "eventFilter", elide=Qt.TextElideMode.ElideLeft)
        self.facet_filters = (self.country_filter, self.role_filter, self.expertise_filter, self.event_filter)
        self.facet_splitter = QSplitter(Qt.Orientation.Vertical)
        self.facet_splitter.setObjectName("facetSplitter")
        self.facet_splitter.setChildrenCollapsible(False)
        for facet in self.facet_filters:
            facet.selectionChanged.connect(self._filters_changed)
            self.facet_splitter.addWidget(facet)
        self.facet_splitter.setMinimumWidth(self.fontMetrics().averageCharWidth() * 20)

        self.model = ContactTableModel(self._fetch_page, self)
        self.model.sortRequested.connect(self._sort_requested)
        self.table = ContactTable(self.model)
        self.table.openRequested.connect(self.edit_contact)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)

        self.detail = ContactDetail()
        self.detail.editRequested.connect(self.edit_contact)
        self.detail.deleteRequested.connect(self.delete_contacts)
        self.detail.copied.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.detail.eventRequested.connect(self.show_event)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.facet_splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.installEventFilter(self)  # resized: `_keep_table_room`
        self._layout_restored = False
        self._facet_sizes_pending = False

        browse = QWidget()
        browse.setObjectName("browsePage")
        column = QVBoxLayout(browse)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(top)
        column.addWidget(self.splitter, 1)

        self.welcome = WelcomePanel()
        self.welcome_demo_button = self.welcome.add_action_button(
            "Open the Demo Network",
            self.open_demo,
            f"{DEMO_SIZE} fictional practitioners to try the search and filters; kept in a file of its own.",
        )
        self.welcome_add_button = self.welcome.add_action_button(
            "Add a Contact…", self.add_contact, "Type in the first person of your network.", needs_directory=True
        )
        self.welcome_open_button = self.welcome.add_action_button(
            "Open a Directory File…",
            self.choose_directory_to_open,
            "A directory file you made before, or one a colleague shared with you.",
        )
        self.welcome_new_button = self.welcome.add_action_button(
            "Create a New Directory…",
            self.choose_new_directory,
            "An empty directory file, in a folder you choose, for the people of your network.",
        )

        self.pages = QStackedWidget()
        self.pages.addWidget(browse)
        self.pages.addWidget(self.welcome)
        # Whoever shows the welcome page (an opening that failed, a passphrase not given, another window's file),
        # its buttons match whether a directory is open.
        self.pages.currentChanged.connect(lambda _index: self.welcome.set_directory_open(self.directory is not None))
        self.browse_page = browse
        self.setCentralWidget(self.pages)

        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setAccessibleName("Number of contacts shown")
        self.busy_label = QLabel("Searching…")
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(self._show_busy)
        self._awaiting_results = False  # a search was started and its results have not come
        self.runner.busyChanged.connect(self._busy_changed)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _action(
        self,
        text: str,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        if icon:
            action.setIcon(themed_icon(icon, self.palette()))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.action_new_directory = self._action(
            "&New Directory…", "actionNewDirectory", self.choose_new_directory, "Ctrl+Shift+N",
            "Create an empty directory file",
        )  # fmt: skip
        self.action_open_directory = self._action(
            "&Open Directory…", "actionOpenDirectory", self.choose_directory_to_open, QKeySequence.StandardKey.Open,
            "Open another directory file",
        )  # fmt: skip
        self.action_open_demo = self._action(
            "Open the &Demo Network", "actionOpenDemo", self.open_demo, None,
            "A fictional network to try the app, in a file of its own",
        )  # fmt: skip
        self.action_quit = self._action("&Quit", "actionQuit", self.close, QKeySequence.StandardKey.Quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.action_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.action_undo.setObjectName("actionUndo")
        self.action_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.action_redo.setObjectName("actionRedo")
        self.action_redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        self.action_add = self._action(
            "&Add Contact…", "actionAddContact", self.add_contact, "Ctrl+N", "Add a contact", "contact-add"
        )
        # Enter and Delete only act in the table: in the search field they edit the text.
        self.action_edit = self._action("&Edit Contact…", "actionEditContact", self.edit_contact, None, "", "edit")
        self.action_edit.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.action_edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action_delete = self._action(
            "&Delete Contacts…", "actionDeleteContacts", self.delete_contacts, QKeySequence.StandardKey.Delete,
            "Delete the selected contacts (undo with Ctrl+Z)", "delete",
        )  # fmt: skip
        self.action_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.action_delete)
        # Ctrl+C copies contacts in the table only: in the search field and the details it copies their text.
        self.action_copy = self._action(
            "&Copy Contact Details", "actionCopyContacts", self.copy_contacts, QKeySequence.StandardKey.Copy,
            "Copy the selected contacts as text, to paste into an e-mail or a message", "copy",
        )  # fmt: skip
        self.action_copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.action_copy)
        self.action_find = self._action("&Find", "actionFind", self.focus_search, QKeySequence.StandardKey.Find)
        self.action_clear_filters = self._action(
            "C&lear Search and Filters", "actionClearFilters", self.clear_filters, "Ctrl+Shift+L"
        )
        self.action_select_all = self._action("Select All Co&ntacts", "actionSelectAll", self._select_all, None)

        self.action_show_filters = QAction("&Filters", self, checkable=True, checked=True)
        self.action_show_filters.setObjectName("actionShowFilters")
        self.action_show_filters.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.action_show_filters.toggled.connect(self.facet_splitter.setVisible)
        self.action_show_details = QAction("&Details", self, checkable=True, checked=True)
        self.action_show_details.setObjectName("actionShowDetails")
        self.action_show_details.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.action_show_details.toggled.connect(self.detail.setVisible)
        self.action_reset_columns = self._action("&Reset Columns", "actionResetColumns", self._reset_columns)
        self.column_actions: list[QAction] = []
        for column, title in enumerate(ContactTableModel.HEADERS):
            action = QAction(title, self, checkable=True, checked=True)
            action.setObjectName(f"actionColumn{column}")
            action.setEnabled(column != ContactTableModel.NAME)
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
            self.column_actions.append(action)

        self.action_about = self._action("&About", "actionAbout", self.show_about)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.action_about_qt = self._action("About Q&t", "actionAboutQt", QApplication.aboutQt)
        self.action_about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)

        # Window-wide shortcuts must work while the menu bar is hidden or a menu is not open.
        for action in (self.action_add, self.action_find, self.action_clear_filters, self.action_undo,
                       self.action_redo, self.action_quit, self.action_open_directory, self.action_new_directory,
                       self.action_show_filters, self.action_show_details):  # fmt: skip
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.action_new_directory)
        self.file_menu.addAction(self.action_open_directory)
        self.recent_menu = QMenu("Open &Recent", self.file_menu)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.action_open_demo)
        self.file_menu.addSeparator()
        self.file_menu_end = self.file_menu.addSeparator()  # import/export actions go before this
        self.file_menu.addAction(self.action_quit)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.action_undo)
        self.edit_menu.addAction(self.action_redo)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.action_copy)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.action_add)
        self.edit_menu.addAction(self.action_edit)
        self.edit_menu.addAction(self.action_delete)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.action_select_all)
        self.edit_menu.addAction(self.action_find)
        self.edit_menu.addAction(self.action_clear_filters)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.action_show_filters)
        self.view_menu.addAction(self.action_show_details)
        self.columns_menu = self.view_menu.addMenu("Co&lumns")
        for action in self.column_actions:
            self.columns_menu.addAction(action)
        self.columns_menu.addSeparator()
        self.columns_menu.addAction(self.action_reset_columns)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.action_about)
        self.help_menu.addAction(self.action_about_qt)

    def _keep_help_menu_last(self) -> None:
        """Menus that features add (Export...) go before Help, which stays last by convention."""
        bar = self.menuBar()
        bar.removeAction(self.help_menu.menuAction())
        bar.addAction(self.help_menu.menuAction())

    # =========================================================================================== public API

    def current_query(self) -> SearchQuery:
        """The search and filters as the user set them."""
        return SearchQuery(
            text=self.search_edit.text().strip(),
            countries=tuple(self.country_filter.selected()),
            roles=tuple(self.role_filter.selected()),
            expertise=tuple(self.expertise_filter.selected()),
            events=tuple(self.event_filter.selected()),
        )

    def selected_rows(self) -> list[int]:
        """The selected rows, in table order.

        Read from the selection's ranges (the table selects whole rows), not with `selectedRows()`: that asks the
        Python model for its row count, column count and flags of every selected cell, and took 8 s per call with
        all 100,000 contacts selected (Select All froze the window 22 s)."""
        rows: set[int] = set()
        for selected in self.table.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def selected_contact_ids(self) -> list[int]:
        """Ids of the selected contacts, in table order."""
        return self.model.ids_of_rows(self.selected_rows())

    def refresh(self, select_ids: Sequence[int] | None = None) -> None:
        """Run the search and counts again (after the directory changed); keeps or sets the selection."""
        if self.directory is None:
            return
        if select_ids is not None:
            self._select_after = list(select_ids)
        directory = self.directory

        def overview() -> _Overview:
            # From SQL (50 ms at 100,000 contacts), not from the index, which may have to be (re)built first.
            with directory.read() as session:
                baseline = whole_directory_counts_in(session)
            return _Overview(baseline, list_events(directory))

        self._suggestions = None
        self.runner.run(overview, lambda result: self._overview_loaded(directory, result), key="overview")

    def is_idle(self) -> bool:
        """True when no database work is queued or running (tests and automation wait for this)."""
        return self.runner.is_idle() and not self._search_timer.isActive()

    def show_error(self, message: str, title: str = "Something went wrong") -> QMessageBox:
        """A one-line message in a (window-modal, non-blocking) message box."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message[:1].upper() + message[1:], parent=self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.browse_page:
            return
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear_filters(self) -> None:
        blocked = [f.blockSignals(True) for f in self.facet_filters]
        try:
            for facet in self.facet_filters:
                facet.clear()
        finally:
            for facet, was in zip(self.facet_filters, blocked, strict=True):
                facet.blockSignals(was)
        self.search_edit.clear()
        self._search_timer.stop()
        self._start_search()

    def show_filtered(
        self,
        *,
        countries: Sequence[str] = (),
        roles: Sequence[str] = (),
        expertise: Sequence[str] = (),
        events: Sequence[int] = (),
        text: str = "",
    ) -> None:
        """List the contacts with these facet values (a click on a coverage cell lands here)."""
        blocked = [f.blockSignals(True) for f in self.facet_filters]
        try:
            for facet, values in zip(self.facet_filters, (countries, roles, expertise, events), strict=True):
                facet.set_selected(list(values))
        finally:
            for facet, was in zip(self.facet_filters, blocked, strict=True):
                facet.blockSignals(was)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)
        self._search_timer.stop()
        self._start_search()

    # =========================================================================================== directories

    def open_directory_file(self, path: Path, *, create: bool = True, passphrase: str | None = None) -> None:
        """Open (in the worker) the directory file at `path`; errors are shown, the current one stays open.

        An encrypted directory asks for its passphrase (kept for this opening only, never stored)."""
        path = Path(path).expanduser()
        self.statusBar().showMessage(f"Opening {path}…")
        shown = self._first_look_shown = threading.Event()  # set once the first look is on screen (or there is none)
        if self.directory is None and passphrase is None:
            # Nothing on screen yet (start-up): show the file's first look while it is being opened.
            def look() -> FirstLook | None:
                result = first_look(path, ContactTableModel.PAGE_SIZE)
                if result is not None:
                    # The labels it shows are cached here, off the GUI thread (CLDR's country names take 0.1 s).
                    for code in result.counts.country:
                        country_label(code)
                    for row in result.rows:
                        phone_label(row.phone)
                return result

            def looked(result: FirstLook | None) -> None:
                self._first_look_ready(path, result)
                if self._first_look_path == path and self.table.isVisible():
                    _after_paint(self.table.viewport(), shown.set)
                else:
                    shown.set()

            self.runner.run(look, looked, lambda _exc: shown.set())  # the opening reports what is wrong
        else:
            shown.set()

        def open_it() -> Directory:
            # SQLAlchemy's import (0.4 s of Python) would take half of the GIL from the GUI thread while it fills
            # and paints the first look: wait until it is on screen.
            shown.wait(FIRST_LOOK_WAIT_S)
            try:
                return open_directory(path, create=create, passphrase=passphrase)
            except (PassphraseNeeded, WrongPassphrase):
                raise
            except DirectoryError as exc:
                # SQLite says "unable to open database file" for a file on a CD or a locked USB stick: say why.
                why = read_only_reason(path) if _WRITE_FAILED.search(str(exc)) else None
                if why is None:
                    raise
                raise DirectoryError(why) from exc

        self.runner.run(
            open_it,
            lambda directory: self._directory_opened(path, directory),
            lambda exc: self._open_failed(path, exc, create),
        )

    def _ask_passphrase(self, path: Path, create: bool, wrong: bool) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setObjectName("passphraseDialog")
        dialog.setWindowTitle("Encrypted directory")
        prompt = f"{path.name} is encrypted. Enter its passphrase:"
        dialog.setLabelText(("That passphrase does not open it. " if wrong else "") + prompt)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText("Open")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.textValue():
                self.open_directory_file(path, create=create, passphrase=dialog.textValue())
            else:
                self.statusBar().showMessage(f"{path.name} was not opened", 4000)
                if self.directory is None:
                    self._show_welcome(f"{path} is encrypted; open it again with its passphrase.")

        dialog.finished.connect(answered)
        dialog.open()
        return dialog

    def choose_directory_to_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a directory file", self._file_dialog_folder(), FILE_FILTER)
        if path:
            self.open_directory_file(Path(path), create=False)

    def choose_new_directory(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Create a new directory file",
            str(Path(self._file_dialog_folder()) / "directory.db"),
            FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".db")
        if target.exists() and target.stat().st_size > 0:
            self.show_error(f"{target} already exists; use File > Open Directory to open it", "Cannot create")
            return
        self.open_directory_file(target, create=True)

    def open_demo(self) -> None:
        """Open the demo network, building it first (in its own file, never the user's directory)."""
        path = demo_db_path()
        if self.directory is not None and self.directory_path == path:
            self.statusBar().showMessage("The demo network is already open", 4000)
            return

        def build() -> Path:
            from directory_app.core.demo import fill_demo  # its name lists load when the demo is made

            with open_directory(path) as directory:
                if contact_count(directory) == 0:
                    fill_demo(directory, size=DEMO_SIZE)
            return path

        self.statusBar().showMessage("Preparing the demo network…")
        self.runner.run(build, lambda built: self.open_directory_file(built))

    def _first_look_ready(self, path: Path, look: FirstLook | None) -> None:
        if look is None or look.total == 0 or self.directory is not None or self._closing:
            return  # an empty directory gets the welcome panel once it is open
        self._first_look_path = path
        self._total = look.total
        self.model.set_results(look.ids, look.rows)
        self._set_facet_values(look.counts, look.events)
        self._show_whole_directory_counts(look.counts, first=True)
        if self.pages.currentWidget() is not self.browse_page:
            self.pages.setCurrentWidget(self.browse_page)
            self.search_edit.setFocus()
        self.clear_filters_button.setEnabled(not self.current_query().is_empty)
        self._update_count()
        self._update_actions()

    def _drop_first_look(self) -> None:
        """Forget what the first look put on screen (another file is opened, or this one failed to open)."""
        self._first_look_path = None
        self._keep_first_look = False
        self._pages_waiting.clear()
        self._total = 0
        self.model.clear()
        self.detail.show_record(None)
        blocked = [f.blockSignals(True) for f in self.facet_filters]
        for facet in self.facet_filters:
            facet.clear()
            facet.set_values([])
        self._show_counts(FacetCounts(), None)
        for facet, was in zip(self.facet_filters, blocked, strict=True):
            facet.blockSignals(was)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)

    def _directory_opened(self, path: Path, directory: Directory) -> None:
        old = self.directory
        if old is not None:
            self.runner.run(old.close)  # after any task still using it
        self.directory = directory
        self.directory_path = path
        self._overview = None
        self._suggestions = None
        self.undo_stack.clear()
        if self._first_look_path == path:
            # The table, the filters and whatever the user typed or checked meanwhile stay; the search that
            # follows the overview brings them up to date.
            self._first_look_path = None
            self._keep_first_look = True
            waiting, self._pages_waiting = self._pages_waiting, []
            for ids, deliver in waiting:
                self._fetch_page(ids, deliver)
        else:
            self._drop_first_look()
        self.recent.add(path)
        app_settings().setValue("files/lastFolder", str(path.parent))
        self.statusBar().showMessage(f"Opened {path}", 4000)
        self._update_title()
        self._update_actions()
        self.directoryChanged.emit(directory)
        self.refresh()
        if directory.damage:  # found by the day's first backup (core/backup.py): said while good backups remain
            self.show_error(
                f"{directory.damage}. File > Restore from Backup… puts one back; until then, what the directory shows "
                "may be incomplete.",
                "The directory file is damaged",
            )

    def _open_failed(self, path: Path, exc: BaseException, create: bool = False) -> None:
        if isinstance(exc, PassphraseNeeded | WrongPassphrase):  # no first look was shown: it skips encrypted files
            self.statusBar().clearMessage()
            self._ask_passphrase(path, create, wrong=isinstance(exc, WrongPassphrase))
            return
        message = error_message(exc)
        self.statusBar().clearMessage()
        if self._first_look_path == path:
            self._drop_first_look()
        if self.directory is None:
            self._show_welcome(f"Could not open {path}: {message}")
        self.show_error(message, "Cannot open the directory")

    def _file_dialog_folder(self) -> str:
        folder = app_settings().value("files/lastFolder", "", str)
        if folder and Path(folder).is_dir():
            return folder
        return str(self.directory_path.parent) if self.directory_path else str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for n, path in enumerate(paths, 1):
            exists = path.exists()
            name, folder = path.name.replace("&", "&&"), str(path.parent).replace("&", "&&")  # "R&D.db" is no key
            label = f"&{n} {name}" if n < 10 else name
            action = self.recent_menu.addAction(f"{label}  —  {folder}" + ("" if exists else " (missing)"))
            action.setEnabled(exists and path != self.directory_path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_directory_file(p, create=False))
        if not paths:
            self.recent_menu.addAction("No recent directories").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear Menu")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.recent.clear)

    def _update_title(self) -> None:
        if self.directory_path is None:
            self.setWindowTitle(APP_NAME)
        elif self.directory_path == demo_db_path():
            self.setWindowTitle(f"Demo network (fictional people) — {APP_NAME}")
        else:
            self.setWindowTitle(f"{self.directory_path.name} — {APP_NAME}")
        self.setWindowFilePath(str(self.directory_path or ""))

    def _show_welcome(self, message: str) -> None:
        self.welcome.set_message(message)
        self.welcome.set_directory_open(self.directory is not None)
        self.pages.setCurrentWidget(self.welcome)
        self.count_label.clear()
        self._update_actions()

    # =========================================================================================== search

    def _overview_loaded(self, directory: Directory, overview: _Overview) -> None:
        if directory is not self.directory:
            return
        first = self._overview is None
        self._overview = overview
        self._total = overview.total
        self._set_facet_values(overview.baseline, [(e.id, e.name) for e in overview.events])
        self._show_whole_directory_counts(overview.baseline, first=first)
        self.detail.set_events(overview.events)
        if overview.total == 0:
            self._show_welcome(
                f"The directory {self.directory_path} is empty. Add the people of your network, or look around "
                "in the demo network first: it is made of fictional people and lives in a file of its own."
            )
        else:
            if self.pages.currentWidget() is not self.browse_page:
                self.pages.setCurrentWidget(self.browse_page)
                self.search_edit.setFocus()
        self._update_actions()
        self._start_search()

    def _set_facet_values(self, base: FacetCounts, events: Sequence[tuple[int, str]]) -> None:
        """The values each filter offers (those the whole directory has), in display order."""
        self.country_filter.set_values(
            sorted(((code, country_label(code)) for code in base.country), key=lambda item: item[1])
        )
        self.role_filter.set_values([(c, vocab_label("role", c)) for c in vocab.ROLES if c in base.role])
        self.expertise_filter.set_values(
            [(c, vocab_label("expertise", c)) for c in vocab.EXPERTISE if c in base.expertise]
        )
        self.event_filter.set_values([(i, name) for i, name in events if i in base.event])
        if self._facet_sizes_pending:
            # First start: each filter list as tall as its values, within reason.
            self._facet_sizes_pending = False
            rows = [max(4, min(f.model.rowCount(), 14)) + 2 for f in self.facet_filters]
            height = self.facet_splitter.height()
            self.facet_splitter.setSizes([height * n // sum(rows) for n in rows])

    def _filters_changed(self) -> None:
        self._search_timer.stop()
        self._start_search()

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if (column, order) == self._sort:
            return
        self._sort = (column, order)
        self._start_search()

    def _start_search(self) -> None:
        self._search_timer.stop()
        directory = self.directory
        if directory is None or self._overview is None:
            return
        query = self.current_query()
        self._generation += 1
        generation = self._generation
        column, order = self._sort
        sort_key = ContactTableModel.SORT_KEYS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        page = ContactTableModel.PAGE_SIZE

        def results() -> tuple[list[int], list]:
            if sort_key == "name" and not descending:
                # From SQL while the index is not built (just opened) or out of date (just written to): the
                # counts task queued next builds it.
                ids = search_ids(directory, query, build_index=False)
            else:
                ids = sorted_ids(directory, query, sort_key, descending)
            return ids, fetch_rows(directory, ids[:page], query.text)

        self._awaiting_results = True
        self.runner.run(results, lambda r: self._results_ready(generation, directory, *r, query.text), key="search")
        self.runner.run(
            lambda: facet_counts(directory, query),
            lambda c: self._counts_ready(generation, directory, query, c),
            key="facets",
        )
        self._search_query = query
        if query != self._counts_query and not self._counts_timer.isActive():
            self._counts_timer.start()  # counts for this query still missing after a moment show "…"
        self.clear_filters_button.setEnabled(not query.is_empty)

    def _results_ready(self, generation: int, directory: Directory, ids: list[int], rows: list, text: str = "") -> None:
        if generation != self._generation or directory is not self.directory:
            return
        self._awaiting_results = False
        self._results_text = text  # the pages fetched later show the phone number that matched, as these rows do
        # "serbia" also lists the contacts in Serbia: say so. (The worker's search loaded the country names.)
        self._read_as = named_facets_text(self.current_query().text)
        keep = self._select_after if self._select_after is not None else self.selected_contact_ids()
        current = self.table.currentIndex().data(ContactTableModel.ContactIdRole)
        self._select_after = None
        if self._keep_first_look and self.model.same_ids(ids):
            self.model.update_page(0, rows)  # the first look listed the same: no reset, the view stays where it is
        else:
            self.model.set_results(ids, rows)
        self._keep_first_look = False
        self._results_generation = generation
        self._restore_selection(keep, current)
        self._update_count()
        self._finish_search_if_done()

    def _counts_ready(self, generation: int, directory: Directory, query: SearchQuery, counts: FacetCounts) -> None:
        if generation != self._generation or directory is not self.directory:
            return
        if not self._warmed_up:
            self._warmed_up = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up)
        self._counts_timer.stop()
        self._show_counts(counts, query)
        self._counts_generation = generation
        self._finish_search_if_done()

    def _show_counts(self, counts: FacetCounts | None, query: SearchQuery | None) -> None:
        """The filters' counts, those of `query`; None shows "…" (being counted)."""
        self._counts_query = query if counts is not None else None
        for facet in self.facet_filters:
            facet.set_counts(None if counts is None else getattr(counts, facet.facet))

    def _show_whole_directory_counts(self, base: FacetCounts, *, first: bool) -> None:
        """The whole directory's counts are the empty query's: shown at once, without waiting for the index."""
        query = self.current_query()
        if query.is_empty:
            self._show_counts(base, query)
        elif first:  # typed or checked before the directory was shown: its counts come with its search
            self._show_counts(None, None)

    def _counts_loading(self) -> None:
        if self._counts_generation != self._generation and self._counts_query != self._search_query:
            self._show_counts(None, None)

    def _finish_search_if_done(self) -> None:
        if self._results_generation == self._counts_generation == self._generation:
            callbacks, self._after_search = self._after_search, []
            for callback in callbacks:
                callback()
            self.searchFinished.emit()

    def _restore_selection(self, ids: Sequence[int], current: int | None) -> None:
        selection = QItemSelection()
        last_column = ContactTableModel.COLUMN_COUNT - 1
        rows = sorted(r for r in (self.model.row_of(i) for i in ids) if r is not None)
        # One range per run of adjacent rows, not one per row: Qt compares the old and new selection range by
        # range, and 11,000 single rows (undoing a deletion) froze the window 23 s. The ranges span whole rows
        # already, made with createIndex: `index()` and the Rows flag would ask the Python model for its row and
        # column counts several times per range (one country's contacts scattered through 100,000: 11,000 runs).
        create = self.model.createIndex
        for first, last in _runs(rows):
            selection.select(create(first, 0), create(last, last_column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        selection_model = self.table.selectionModel()
        if rows:
            current_row = self.model.row_of(current) if current is not None else None
            if current_row is None or current_row not in rows:
                current_row = rows[0]
            selection_model.setCurrentIndex(
                self.model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            selection_model.select(selection, flags)
            self.table.scrollTo(self.model.index(current_row, 0))
        else:
            selection_model.clearSelection()
        self._update_detail(force=True)

    def _update_empty_message(self) -> None:
        """What the table says when it lists nobody: why, and what to do about it."""
        if self.model.rowCount() > 0:
            self.table.set_empty_message("")
            return
        if self._total == 0:
            self.table.set_empty_message(
                "The directory has no contacts yet.",
                "Import a registration list (File > Import Registration List…, Ctrl+I) or add a contact (Ctrl+N).",
            )
            return
        query = self.current_query()
        text = " ".join(query.text.split())
        filters = bool(query.countries or query.roles or query.expertise or query.org_types or query.events)
        if text:
            title = f"No contact matches “{text[:80]}”" + (" with the filters chosen." if filters else ".")
            hint = "Check the spelling, or type the first letters of a name, an organisation or a country."
        else:
            title = "No contact has all the filters chosen."
            hint = "Several values of one filter widen the search; different filters narrow it."
        button = self.clear_filters_button.text().replace("&", "")
        self.table.set_empty_message(title, f"{hint} {button} (Ctrl+Shift+L) lists everyone.")

    def _update_count(self, selected: int | None = None) -> None:
        """The status bar's count; `selected`: how many rows are selected, when the caller already knows."""
        self._update_empty_message()
        text = count_text(self.model.rowCount(), self._total)
        if selected is None:
            selected = len(self.selected_rows())
        if selected > 1:
            text += f" · {selected:,} selected"
        self.count_label.setText(text + (f" · also read as {self._read_as}" if self._read_as else ""))

    def _fetch_page(self, ids: list[int], deliver: Callable[[list], None]) -> None:
        directory = self.directory
        if directory is None:
            if self._first_look_path is not None:
                self._pages_waiting.append((ids, deliver))  # scrolled before the opening: fetched once it is open
            return
        text = self._results_text
        self.runner.run(lambda: fetch_rows(directory, ids, text), deliver)

    def _show_busy(self) -> None:
        # The worker also exports, imports, merges...: "Searching…" during a 12-second export misled.
        self.busy_label.setText("Searching…" if self._awaiting_results else "Working…")
        self.busy_label.show()

    def _busy_changed(self, busy: bool) -> None:
        if busy and self.directory is None:
            return  # the worker is opening the file: the status bar already says "Opening …", not "Searching…"
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy_label.hide()

    # =========================================================================================== selection

    def _selection_changed(self, *_args: object) -> None:
        self._update_detail(force=False)

    def _update_detail(self, force: bool) -> None:
        """Show the selected contact; `force` reads it again even when it is already shown (it may have changed)."""
        rows = self.selected_rows()  # once: 100,000 selected rows take a few tens of milliseconds to read
        ids = self.model.ids_of_rows(rows)
        self._update_actions(len(rows))
        self._update_count(len(rows))
        directory = self.directory
        if len(ids) == 1 and directory is not None:
            contact_id = ids[0]
            shown = self.detail.record()
            if not force and shown is not None and shown.id == contact_id:
                return
            self.runner.run(
                lambda: get_contact(directory, contact_id), lambda record: self._show_detail(contact_id, record),
                key="detail",
            )  # fmt: skip
        elif len(ids) > 1:
            self.runner.cancel("detail")
            self.detail.show_message(f"{len(ids):,} contacts selected.")
        else:
            self.runner.cancel("detail")
            self.detail.show_record(None)

    def _show_detail(self, contact_id: int, record: ContactRecord | None) -> None:
        if self.selected_contact_ids() != [contact_id]:
            return
        if record is None:
            self.detail.show_message("This contact is no longer in the directory.")
        else:
            self.detail.show_record(record)

    def _select_all(self) -> None:
        self.table.setFocus()
        self.table.selectAll()

    def _update_actions(self, selected: int | None = None) -> None:
        """Enable the actions for what is selected; `selected` as in `_update_count`."""
        has_directory = self.directory is not None
        browsing = self.pages.currentWidget() is self.browse_page
        if selected is None:
            selected = len(self.selected_rows()) if browsing else 0
        count = selected if browsing else 0
        self.action_add.setEnabled(has_directory)
        self.add_button.setEnabled(has_directory)
        self.action_edit.setEnabled(has_directory and count == 1)
        self.action_delete.setEnabled(has_directory and count >= 1)
        self.action_copy.setEnabled(has_directory and count >= 1)
        self.action_copy.setText("&Copy Contact Details" if count <= 1 else f"&Copy {count:,} Contacts' Details")
        self.action_delete.setText("&Delete Contact…" if count <= 1 else f"&Delete {count:,} Contacts…")
        self.action_select_all.setEnabled(browsing and self.model.rowCount() > 0)
        self.action_find.setEnabled(browsing)
        self.action_clear_filters.setEnabled(browsing)
        # Actions the other modules add that work on the directory: with none open (a passphrase cancelled) they
        # only answered "open a directory first".
        for name in self.NEEDS_DIRECTORY:
            action = self.findChild(QAction, name)
            if action is not None:
                action.setEnabled(has_directory)

    NEEDS_DIRECTORY = (
        "actionImport", "actionImportDirectory", "actionCoverage", "actionShowCodes",
        "actionExportVCard", "actionExportExcel", "actionExportCsv", "actionExportPdf", "actionExportQr",
    )  # fmt: skip

    # =========================================================================================== add / edit / delete

    # What a right click on the contacts offers: the menus' actions that work on the selected contacts.
    TABLE_MENU = (
        ("", ("actionEditContact", "actionCopyContacts", "actionDeleteContacts", "actionMergeContacts")),
        ("", ("actionCopyEmails", "actionWriteEmail")),
        ("", ("actionAddToEvent", "actionTakeOffEvent")),
        ("E&xport", ("actionExportVCard", "actionExportExcel", "actionExportCsv", "actionExportPdf", "actionExportQr")),
        ("", ("actionMarkVerified", "actionWhoWasGiven")),
    )

    def _table_menu(self, pos: QPoint) -> QMenu | None:
        """The contacts' context menu; a right click on a row outside the selection selects that row first."""
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setObjectName("contactsMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for title, names in self.TABLE_MENU:
            actions = [a for name in names if (a := self.findChild(QAction, name)) is not None]
            if actions and menu.actions():
                menu.addSeparator()
            if title:
                menu.addMenu(title).addActions(actions)
            else:
                menu.addActions(actions)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        return menu

    def copy_contacts(self) -> None:
        """Put the selected contacts on the clipboard as text (core `copy_contacts`: read and audited on the
        worker), and say how many were copied and what was left out to protect people."""
        ids = self.selected_contact_ids()
        if not ids or self.directory is None:
            return
        directory = self.directory

        def done(copied: CopiedContacts) -> None:
            QGuiApplication.clipboard().setText(copied.text)
            message = f"Copied {copied.count:,} contact{'s' if copied.count != 1 else ''} to the clipboard"
            self.statusBar().showMessage(message + (f"; {copied.left_out}" if copied.left_out else ""), 8000)

        self.runner.run(
            lambda: copy_contacts(directory, ids), done, lambda exc: self.show_error(error_message(exc), "Copy")
        )

    def show_event(self, event_id: int) -> None:
        """List the people who took part in an event: the event filter set to it alone, the search kept."""
        self.event_filter.set_selected([event_id])

    def run_command(self, label: str, work: Callable[[], list[int]]) -> None:
        """Undo/redo steps: run `work` on the worker, then show the directory again with its result selected."""
        self.statusBar().showMessage(f"{label}…")

        def done(ids: list[int]) -> None:
            self.statusBar().showMessage(label, 4000)
            self.refresh(select_ids=ids or None)

        def failed(exc: BaseException) -> None:
            # The step was rolled back; the history no longer matches the directory, so it is dropped.
            self.undo_stack.clear()
            self.show_error(f"{label} failed: {error_message(exc)}")
            self.refresh()

        self.runner.run(work, done, failed)

    def _warm_up(self) -> None:
        """Load, on the worker, what opening a contact for editing needs the first time: the dialog's module
        (55 ms, most of it email-validator) and the language names its field completes and reads. Loaded when
        the dialog first opened, they froze the window about 0.1 s of its 0.15-0.17 s."""
        if self._closing:
            return

        def load() -> None:
            import directory_app.ui.contact_dialog  # noqa: F401  (classes only: no widget is made here)
            from directory_app.core.languages import all_languages, resolve_language
            from directory_app.core.search import load_query_words

            all_languages()
            resolve_language("en")
            load_query_words()  # the search reads typed words as countries and expertise ("smuggling serbia"), once

        # Nothing for the user to see if it fails: the dialog loads the same when it first opens.
        self.runner.run(load, on_failure=lambda exc: log.warning("loading ahead for the contact dialog: %s", exc))

    def add_contact(self) -> None:
        if self.directory is None:
            return
        countries = self.country_filter.selected()
        default_country = countries[0] if len(countries) == 1 else None
        self._open_dialog(None, default_country)

    def edit_contact(self) -> None:
        ids = self.selected_contact_ids()
        if len(ids) != 1 or self.directory is None:
            return
        directory, contact_id = self.directory, ids[0]
        self.runner.run(lambda: get_contact(directory, contact_id), lambda record: self._edit_loaded(record))

    def _edit_loaded(self, record: ContactRecord | None) -> None:
        if record is None:
            self.show_error("this contact is no longer in the directory")
            self.refresh()
            return
        self._open_dialog(record, None)

    def _open_dialog(self, record: ContactRecord | None, default_country: str | None) -> None:
        if self.contact_dialog is not None and shiboken6.isValid(self.contact_dialog):
            self.contact_dialog.raise_()
            self.contact_dialog.activateWindow()
            return
        from directory_app.ui.contact_dialog import open_contact_dialog  # loaded on first use: faster start

        dialog = open_contact_dialog(self, record, self._suggestions, self._save_contact, default_country)
        self.contact_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        if self._suggestions is None and self.directory is not None:
            directory = self.directory
            self.runner.run(lambda: load_suggestions(directory), lambda s: self._suggestions_loaded(dialog, s))

    def _dialog_closed(self, dialog: ContactDialog) -> None:
        if self.contact_dialog is dialog:
            self.contact_dialog = None

    def _suggestions_loaded(self, dialog: ContactDialog, suggestions: Suggestions) -> None:
        self._suggestions = suggestions
        if shiboken6.isValid(dialog):
            dialog.set_suggestions(suggestions)

    def _save_contact(self, dialog: ContactDialog, data: ContactInput, *, checked: bool = False) -> None:
        directory = self.directory
        if directory is None:
            dialog.save_failed("no directory is open")
            return
        before = dialog.record
        if not checked:
            # Someone typed in by hand may be someone an import brought in (another spelling, another script),
            # and an e-mail or phone given in an edit may be another contact's: ask before a second record.
            from directory_app.core.importing.pipeline import already_there

            def not_checked(exc: BaseException) -> None:  # the check failing stops nothing: the save says its own
                log.warning("looking for the person before adding them: %s", exc)
                self._save_contact(dialog, data, checked=True)

            self.runner.run(
                lambda: already_there(directory, data, editing=before),
                lambda found: self._ask_if_new(dialog, data, found),
                not_checked,
            )
            return

        def save() -> ContactRecord:
            from directory_app.core.contacts import update_contact

            if before is None:
                return add_contact(directory, data)
            return update_contact(directory, before.id, data)

        def saved(record: ContactRecord) -> None:
            if shiboken6.isValid(dialog):
                dialog.saved()
            if before is None:
                self.undo_stack.push(AddContactCommand(self, directory, record))
                message = f"Added {record.display_name}"
            else:
                self.undo_stack.push(EditContactCommand(self, directory, before, record))
                message = f"Saved {record.display_name}"
            self.statusBar().showMessage(message, 5000)
            self._after_search.append(lambda: self._check_visible(record))
            self.refresh(select_ids=[record.id])

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(dialog):
                dialog.save_failed(error_message(exc))
            else:
                self.show_error(error_message(exc))

        self.runner.run(save, saved, failed)

    def _ask_if_new(self, dialog: ContactDialog, data: ContactInput, found: list) -> None:
        """Add the contact, or first ask whether one of `found` (AlreadyThere) is the same person."""
        if not shiboken6.isValid(dialog):
            return
        if not found:
            self._save_contact(dialog, data, checked=True)
            return
        lines = []
        for match in found:
            r = match.record
            where = ", ".join(p for p in (r.organisation, country_label(r.country) if r.country else "") if p)
            lines.append(f"• {r.display_name}" + (f" – {where}" if where else "") + f" ({match.reason})")
        who = "this person" if len(found) == 1 else "one of these people"
        adding = dialog.record is None
        question = "Add a new contact all the same?" if adding else "Save the changes all the same?"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Already in the directory?",
            f"The directory already has {who}:\n\n" + "\n".join(lines) + f"\n\n{question}",
            QMessageBox.StandardButton.Cancel,
            dialog,
        )
        box.setObjectName("alreadyThereBox")
        # Access keys as beside the form (contact_dialog's panel): Alt+A adds or saves, Alt+S shows (Cancel is Esc)
        add = box.addButton("&Add Anyway" if adding else "Save &Anyway", QMessageBox.ButtonRole.AcceptRole)
        add.setObjectName("addAnywayBoxButton")
        show = box.addButton("&Show Existing", QMessageBox.ButtonRole.ActionRole)
        show.setObjectName("showExistingButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def answered(button: QAbstractButton) -> None:
            if not shiboken6.isValid(dialog):
                return
            if button is add:
                self._save_contact(dialog, data, checked=True)
            elif button is show:
                dialog.show_existing([(match.record, match.reason) for match in found])
            else:
                dialog.save_failed(("not added" if dialog.record is None else "not saved")
                                   + " yet: is it one of the contacts the directory already has?")  # fmt: skip

        box.buttonClicked.connect(answered)
        self.already_there_box = box
        box.open()

    def _check_visible(self, record: ContactRecord) -> None:
        if self.model.row_of(record.id) is None:
            self.statusBar().showMessage(
                f"{record.display_name} is saved but hidden by the current search or filters", 8000
            )

    def delete_contacts(self) -> None:
        ids = self.selected_contact_ids()
        if not ids or self.directory is None:
            return
        if len(ids) == 1:
            row = self.model.row_data(self.model.row_of(ids[0]) or 0)
            who = row.display_name if row is not None and row.display_name else "this contact"
            question = f"Delete {who}?"
        else:
            question = f"Delete {len(ids):,} contacts?"
        box = QMessageBox(QMessageBox.Icon.Question, "Delete contacts", question, parent=self)
        box.setObjectName("confirmDeleteBox")
        box.setInformativeText("You can undo this with Edit > Undo (Ctrl+Z).")
        delete_button = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        delete_button.setObjectName("confirmDeleteButton")
        cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
        # Enter deletes one contact, as Delete then Enter does in a file manager; for several (Ctrl+A, Del, Enter
        # could take the whole directory) Enter cancels and deleting takes a deliberate click or Alt+D.
        box.setDefaultButton(delete_button if len(ids) == 1 else cancel_button)
        box.setEscapeButton(cancel_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        directory = self.directory

        def answered() -> None:
            if box.clickedButton() is delete_button and directory is self.directory:
                self._delete(directory, ids)

        box.finished.connect(lambda _result: answered())
        box.open()

    def _delete(self, directory: Directory, ids: list[int]) -> None:
        next_id = self._neighbour_of(ids)

        def deleted(records: list[ContactRecord]) -> None:
            if records:
                command = DeleteContactsCommand(self, directory, records)
                self.undo_stack.push(command)
                self.statusBar().showMessage(f"{command.text()} · Ctrl+Z to undo", 8000)
            self.refresh(select_ids=[next_id] if next_id is not None else [])

        self.runner.run(lambda: delete_contacts(directory, ids), deleted)

    def _neighbour_of(self, ids: list[int]) -> int | None:
        """The contact to select after deleting `ids`: the one after the last of them, else the one before."""
        rows = sorted(r for r in (self.model.row_of(i) for i in ids) if r is not None)
        if not rows:
            return None
        gone = set(ids)
        for row in [*range(rows[-1] + 1, self.model.rowCount()), *range(rows[0] - 1, -1, -1)]:
            contact_id = self.model.contact_id(row)
            if contact_id is not None and contact_id not in gone:
                return contact_id
        return None

    # =========================================================================================== misc

    def show_about(self) -> None:
        where = f"<p>Directory file: {self.directory_path}</p>" if self.directory_path else ""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>The offline contact network of criminal-justice practitioners who fight trafficking in human "
            "beings and migrant smuggling.</p>"
            f"{where}",
        )

    def _reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for logical in range(ContactTableModel.COLUMN_COUNT):
            header.moveSection(header.visualIndex(logical), logical)
            self.column_actions[logical].setChecked(True)
        self.table.reset_column_widths()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._keep_table_room)  # after the splitter has shared out its new width
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape and (self.search_edit.text() or not self.current_query().is_empty):
                self.clear_filters()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                self._search_timer.stop()
                if self.search_edit.text().strip() != self.current_query().text or not self.runner.is_idle():
                    self._start_search()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.selectionModel().hasSelection():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # =========================================================================================== keyboard

    def _tab_chain(self, *, welcome: bool | None = None) -> list[QWidget]:
        """What Tab visits, in order: the search row left to right (search field, Saved searches, Clear Filters,
        Add Contact…), each filter (its Clear button, its list), the table, the detail pane's buttons and links;
        then back to the search field. On the welcome page: its buttons."""
        if welcome is None:
            welcome = self.pages.currentWidget() is self.welcome
        if welcome:
            return list(self.welcome.buttons)
        row = [item.widget() for i in range(self.search_row.count()) if (item := self.search_row.itemAt(i))]
        facets = [w for facet in self.facet_filters for w in (facet.clear_button, facet.view)]
        return [w for w in row if w is not None] + facets + [self.table, *self.detail.focus_widgets()]

    def _set_tab_order(self) -> None:
        """The same order in Qt's focus chain, for what walks it rather than pressing Tab (the detail pane's
        buttons come and go with the contact shown: `focusNextPrevChild` takes them as they are)."""
        chain = self._tab_chain(welcome=False)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's name for the argument
        """Tab and Shift+Tab follow `_tab_chain` and wrap around, rather than Qt's focus chain: widgets made later
        (the detail pane's copy buttons, a feature's button) join that chain at its end, so Tab skipped them or
        wrapped from the details to a filter."""
        chain = self._tab_chain()
        current = QApplication.focusWidget()
        position = None
        widget = current
        while widget is not None and position is None:  # the focus may be inside a listed widget
            position = chain.index(widget) if widget in chain else None
            widget = widget.parentWidget()
        if position is None and current is not None and (current is self.detail or self.detail.isAncestorOf(current)):
            position = chain.index(self.table) + (0 if next else 1)  # the pane itself: between the table and it
        if position is None:
            return super().focusNextPrevChild(next)
        step = 1 if next else -1
        for k in range(1, len(chain) + 1):
            candidate = chain[(position + step * k) % len(chain)]
            if candidate.isVisible() and candidate.isEnabled() and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
                reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                candidate.setFocus(reason)
                return True
        return super().focusNextPrevChild(next)

    # =========================================================================================== layout memory

    def _restore_layout(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None:
                self.resize(min(1400, int(screen.width() * 0.9)), min(850, int(screen.height() * 0.9)))
                # A small laptop's screen: every pixel is worth having (a tenth of 1024 is a column of the table).
                self.start_maximised = screen.width() < SMALL_SCREEN_WIDTH
        for key, splitter in (("window/splitter", self.splitter), ("window/facetSplitter", self.facet_splitter)):
            state = settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                self._layout_restored = splitter.restoreState(state) or self._layout_restored
        header_state = settings.value("table/header")
        if isinstance(header_state, QByteArray) and not header_state.isEmpty():
            self.table.restore_header(header_state)
            for column, action in enumerate(self.column_actions):
                action.setChecked(not self.table.isColumnHidden(column))
            self.table.horizontalHeader().setSortIndicator(ContactTableModel.NAME, Qt.SortOrder.AscendingOrder)
            # Widths the user set are kept; a state saved before the columns were fitted holds the defaults
            # unless the user sized a column.
            fit = settings.value("table/fitColumns")
            self.table.set_fit_columns(
                str(fit).lower() == "true" if fit is not None else self.table.widths_are_defaults()
            )
        self.action_show_filters.setChecked(settings.value("window/showFilters", True, bool))
        self.action_show_details.setChecked(settings.value("window/showDetails", True, bool))

    def save_layout(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/facetSplitter", self.facet_splitter.saveState())
        settings.setValue("table/header", self.table.horizontalHeader().saveState())
        settings.setValue("table/fitColumns", self.table.fits_columns())
        settings.setValue("window/showFilters", self.action_show_filters.isChecked())
        settings.setValue("window/showDetails", self.action_show_details.isChecked())
        settings.sync()

    TABLE_SHARE = 0.4

    def _keep_table_room(self) -> None:
        """The table keeps at least `TABLE_SHARE` of the width. QSplitter takes a narrower window's width from its
        stretching child, the table, so panes made wide in a big window (remembered), or a window made smaller,
        would squeeze it to a sliver: the filters and the details give back width in proportion instead."""
        if shiboken6.isValid(self) and len(sizes := self.splitter.sizes()) == 3:
            total, want = sum(sizes), int(sum(sizes) * self.TABLE_SHARE)
            panes = sizes[0] + sizes[2]
            if sizes[1] < want and panes > 0:
                left = sizes[0] * (total - want) // panes
                right = sizes[2] * (total - want) // panes
                self.splitter.setSizes([left, total - left - right, right])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            # First start: filters and details at a readable width, the table gets the rest.
            self._layout_restored = True
            char = self.fontMetrics().averageCharWidth()
            # Narrower on a small screen (a fifth and a quarter of 1024 pixels), so that the table has room for
            # every column; never narrower than the details' card needs.
            side = min(char * 36, max(char * 26, self.width() // 5))
            detail = min(char * 50, max(self.detail.minimumSizeHint().width(), self.width() // 4))
            self.splitter.setSizes([side, max(self.width() - side - detail, char * 40), detail])
            self._facet_sizes_pending = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self._closing = True
            self.save_layout()
            self._first_look_shown.set()  # an opening waiting for it must not hold up the worker's end
            self.runner.stop()
            if self.directory is not None:
                self.directory.close()
        super().closeEvent(event)
