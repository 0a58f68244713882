"""Saved searches in the window: a "Saved Searches" button beside the search field and the same menu under Edit,
to keep the current search and filters under a name, run a kept one again, or forget one. Thin wrappers over
core.saved_searches, run on the window's worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QToolButton

from directory_app.core.contacts import list_events
from directory_app.core.saved_searches import (
    NAME_LIMIT,
    SavedSearch,
    delete_saved_search,
    describe,
    list_saved_searches,
    save_search,
)
from directory_app.ui.menus import insert_after
from directory_app.ui.tasks import error_message


class SavedSearches:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.saved: list[tuple[SavedSearch, str]] = []  # each with its description, loaded on the worker
        self.name_dialog: QInputDialog | None = None
        self.forget_box: QMessageBox | None = None
        self.menu = QMenu("&Saved Searches", window)
        self.menu.setObjectName("savedSearchesMenu")
        self.menu.aboutToShow.connect(self._fill)
        self.button = QToolButton()
        self.button.setObjectName("savedSearchesButton")
        self.button.setText("Saved Searches")
        self.button.setToolTip("Keep this search and its filters under a name, or run a kept one again")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        row = window.search_row  # search field, Clear filters, Add contact: this goes before Clear filters
        row.insertWidget(row.indexOf(window.clear_filters_button), self.button)
        self.action_save = QAction("&Save This Search…", window)
        self.action_save.setObjectName("actionSaveSearch")
        self.action_save.triggered.connect(lambda _checked=False: self.ask_name())
        anchor = window.findChild(QAction, "actionClearFilters")
        insert_after(window.edit_menu, anchor, self.menu.menuAction())
        window.directoryChanged.connect(lambda *_: self.load())
        self.load()

    # --------------------------------------------------------------------------------------------- the menu

    def load(self) -> None:
        """Read the saved searches and put them in words (worker), for the menu."""
        directory = self.window.directory
        self.button.setEnabled(directory is not None)
        self.menu.menuAction().setEnabled(directory is not None)
        if directory is None:
            self.saved = []
            return

        def read() -> list[tuple[SavedSearch, str]]:
            saved = list_saved_searches(directory)
            names = {e.id: e.name for e in list_events(directory)} if any(s.query.events for s in saved) else {}
            return [(s, describe(s.query, names, s.events_gone)) for s in saved]

        def loaded(saved: list[tuple[SavedSearch, str]]) -> None:
            if directory is self.window.directory:
                self.saved = saved

        self.window.runner.run(read, loaded, key="saved-searches")

    def _fill(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.action_save)
        self.action_save.setEnabled(self.window.directory is not None and not self.window.current_query().is_empty)
        if not self.saved:
            empty = menu.addAction("No saved searches yet")
            empty.setEnabled(False)
            return
        menu.addSeparator()
        for search, words in self.saved:
            action = menu.addAction(search.name.replace("&", "&&"))
            action.setToolTip(words)
            action.setStatusTip(words)
            action.triggered.connect(lambda _checked=False, s=search: self.run(s))
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        forget = menu.addMenu("&Forget a Saved Search")
        forget.setObjectName("forgetSavedSearchMenu")
        for search, _words in self.saved:
            action = forget.addAction(search.name.replace("&", "&&"))
            action.triggered.connect(lambda _checked=False, s=search: self.ask_forget(s))

    # --------------------------------------------------------------------------------------------- actions

    def run(self, search: SavedSearch) -> None:
        """Show the saved search's results: its words in the search field, its values ticked in the filters."""
        if search.events_all_gone:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Saved search",
                f"The saved search “{search.name}” was for an event deleted since.",
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("savedSearchGoneBox")
            box.setInformativeText(
                "Run without it, it would find people who never took part. Choose the filters again and save the "
                "search again, or forget it (Saved Searches > Forget a Saved Search)."
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        q = search.query
        self.window.show_filtered(countries=q.countries, roles=q.roles, expertise=q.expertise, events=q.events,
                                  text=q.text)  # fmt: skip
        note = "; it also asks for a kind of office, which the window has no filter for" if q.org_types else ""
        self.window.statusBar().showMessage(f"Saved search '{search.name}'{note}", 8000)

    def ask_name(self) -> QInputDialog | None:
        """Ask what to call the current search, then save it."""
        window = self.window
        query = window.current_query()
        if window.directory is None or query.is_empty:
            return None
        dialog = QInputDialog(window)
        dialog.setObjectName("saveSearchDialog")
        dialog.setWindowTitle("Save This Search")
        dialog.setLabelText(f"A name for this search ({describe(query)}):")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(describe(query).replace("“", "").replace("”", "")[:NAME_LIMIT])
        dialog.findChild(QLineEdit).setMaxLength(NAME_LIMIT)
        dialog.textValueSelected.connect(lambda name: self.save(name, query))
        self.name_dialog = dialog
        dialog.open()
        return dialog

    def save(self, name: str, query) -> None:
        directory = self.window.directory
        replaced = any(s.name.casefold() == " ".join(name.split()).casefold() for s, _w in self.saved)

        def done(saved: SavedSearch) -> None:
            verb = "replaced" if replaced else "saved"
            self.window.statusBar().showMessage(f"Search '{saved.name}' {verb}: Saved Searches runs it again", 8000)
            self.load()

        self.window.runner.run(
            lambda: save_search(directory, name, query),
            done,
            lambda exc: self.window.show_error(error_message(exc), "Save This Search"),
        )

    def ask_forget(self, search: SavedSearch) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Forget a Saved Search",
            f"Forget the saved search '{search.name}'? The contacts it finds stay in the directory.",
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("forgetSavedSearchBox")
        forget = box.addButton("Forget", QMessageBox.ButtonRole.DestructiveRole)
        forget.clicked.connect(lambda: self.forget(search))
        self.forget_box = box
        box.open()
        return box

    def forget(self, search: SavedSearch) -> None:
        directory = self.window.directory

        def done(gone: SavedSearch) -> None:
            self.window.statusBar().showMessage(f"Saved search '{gone.name}' forgotten", 8000)
            self.load()

        self.window.runner.run(
            lambda: delete_saved_search(directory, search.name),
            done,
            lambda exc: self.window.show_error(error_message(exc), "Forget a Saved Search"),
        )


def install(window: Any) -> SavedSearches:
    """The Saved searches button beside Clear filters, and Edit > Saved Searches."""
    saved = SavedSearches(window)
    window.saved_searches = saved
    return saved
