"""Edit > Organisations…: the organisations of the directory, to rename or merge (one office under several names).
Thin wrappers over core/organisations.py: the core calls run on the window's worker, each change is an undoable step
on the window's undo stack."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from directory_app.core import vocab
from directory_app.core.organisations import (
    OrganisationChange,
    OrganisationRecord,
    list_organisations,
    rename_organisation,
    undo_organisation_change,
)
from directory_app.core.records import plural
from directory_app.ui.a11y import name_clear_button
from directory_app.ui.commands import CommandHost, DirectoryCommand
from directory_app.ui.event_actions import list_window_keys
from directory_app.ui.labels import country_label, vocab_label
from directory_app.ui.menus import insert_after
from directory_app.ui.screen_fit import fit_to_screen
from directory_app.ui.tasks import error_message
from directory_app.ui.trust_dialogs import RowRole, make_table, note_label, stretch_column, table_item


class OrganisationCommand(DirectoryCommand):
    """An organisation renamed or merged: undo puts it and its contacts back."""

    def __init__(self, host: CommandHost, directory, change: OrganisationChange) -> None:
        verb = "Merge" if change.merged else "Rename"
        super().__init__(host, directory, f"{verb} Organisation {change.before.name}", self.forward, self.backward)
        self.change = change

    def forward(self) -> list[int]:
        c = self.change
        self.change = rename_organisation(self.directory, c.before.id, c.name, c.type)
        return [r.id for r in self.change.contacts]

    def backward(self) -> list[int]:
        return undo_organisation_change(self.directory, self.change)


class RenameOrganisationDialog(QDialog):
    """A new name (another organisation's of the same country merges the two) and the type."""

    def __init__(self, org: OrganisationRecord, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renameOrganisationDialog")
        self.setWindowTitle("Rename organisation")
        self.org = org
        self.names = {n.casefold(): n for n in names if n != org.name}  # the country's other organisations
        self.name_edit = QLineEdit(org.name)
        self.name_edit.setObjectName("organisationNameEdit")
        completer = QCompleter(sorted(self.names.values()), self.name_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name_edit.setCompleter(completer)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("organisationTypeCombo")
        self.type_combo.addItem("(not set)", None)
        for code in vocab.ORG_TYPES:
            self.type_combo.addItem(vocab_label("org_type", code), code)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(org.type), 0))
        self.hint = QLabel()
        self.hint.setObjectName("organisationHint")
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("&Type", self.type_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("Rename", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("renameOrganisationYes")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(f"{org.name} ({country_label(org.country) or 'no country'}, {plural(org.contacts, 'contact')})")
        )
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.name_edit.textChanged.connect(self._update)
        self.type_combo.currentIndexChanged.connect(self._update)
        fit_to_screen(self, 560, self.sizeHint().height())
        self._update()

    def _update(self, *_args: object) -> None:
        name = " ".join(self.name_edit.text().split())
        existing = self.names.get(name.casefold())
        if not name:
            self.hint.setText("Enter the organisation's name.")
        elif existing:
            self.hint.setText(f"“{existing}” is in the directory for this country: the two become one.")
        else:
            self.hint.setText("")
        self.ok_button.setText("Merge" if existing else "Rename")
        changed = name != self.org.name or self.type_combo.currentData() != self.org.type
        self.ok_button.setEnabled(bool(name) and changed)

    def choice(self) -> tuple[str, str | None]:
        """(name, type): an existing organisation's name in its own spelling."""
        name = " ".join(self.name_edit.text().split())
        return self.names.get(name.casefold(), name), self.type_combo.currentData()


class OrganisationsDialog(QDialog):
    """Every organisation with its country, type and number of contacts; Rename for the one selected."""

    renameRequested = Signal(object)  # OrganisationRecord

    HEADERS = ("Organisation", "Country", "Type", "Contacts")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisationsDialog")
        self.setWindowTitle("Organisations")
        self.organisations: list[OrganisationRecord] = []
        intro = note_label(
            "Lists spell one office many ways. Rename an organisation, or give it the name of another of the same "
            "country to make the two one; its contacts follow. Ctrl+Z undoes each change."
        )
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("organisationsFilter")
        self.filter_edit.setPlaceholderText("Filter organisations")
        self.filter_edit.setAccessibleName("Filter organisations")
        name_clear_button(self.filter_edit, "Clear the filter")
        self.view, self.model, self.proxy = make_table("organisationsTable", self.HEADERS)
        self.view.setAccessibleName("Organisations")
        stretch_column(self.view, 0)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.view.doubleClicked.connect(lambda _index: self._rename())
        self.rename_button = QPushButton("&Rename…")
        self.rename_button.setObjectName("renameOrganisationButton")
        self.rename_button.setAutoDefault(False)
        self.rename_button.clicked.connect(lambda _checked=False: self._rename())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.rename_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        list_window_keys(buttons, self.view, self.filter_edit, self._rename, self._select_first)  # Enter renames
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 560)
        self._update()

    def _select_first(self) -> None:
        if self.proxy.rowCount() and self.selected() is None:
            self._select_row(0)

    def _select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def set_organisations(self, organisations: Sequence[OrganisationRecord], select: int | None = None) -> None:
        current = self.selected()
        keep = select if select is not None else (current.id if current else None)
        self.organisations = list(organisations)
        self.model.removeRows(0, self.model.rowCount())
        for o in self.organisations:
            row = [
                table_item(o.name, o.name),
                table_item(country_label(o.country)),
                table_item(vocab_label("org_type", o.type) if o.type else ""),
                table_item(f"{o.contacts:,}", align_right=True),
            ]
            row[0].setData(o.id, RowRole)
            self.model.appendRow(row)
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(RowRole) == keep:
                self._select_row(r)
        self._update()

    def selected(self) -> OrganisationRecord | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        org_id = rows[0].data(RowRole)
        return next((o for o in self.organisations if o.id == org_id), None)

    def _update(self) -> None:
        self.rename_button.setEnabled(self.selected() is not None)

    def _rename(self) -> None:
        if (org := self.selected()) is not None:
            self.renameRequested.emit(org)


class OrganisationActions:
    """Edit > Organisations… of one main window (`window.organisations`)."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: OrganisationsDialog | None = None
        self.rename_dialog: RenameOrganisationDialog | None = None
        self.action = QAction("&Organisations…", window)
        self.action.setObjectName("actionOrganisations")
        self.action.setStatusTip("Rename organisations, or make one of an office listed under several names")
        self.action.triggered.connect(lambda _checked=False: self.open())
        insert_after(window.edit_menu, window.findChild(QAction, "actionEvents"), self.action)
        window.directoryChanged.connect(self._directory_changed)
        window.undo_stack.indexChanged.connect(lambda _i: self._reload_if_open())
        self._directory_changed()

    def _directory_changed(self, *_args: object) -> None:
        for dialog in (self.rename_dialog, self.dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.close()
        self.action.setEnabled(self.window.directory is not None)

    def open(self) -> OrganisationsDialog | None:
        if self.window.directory is None:
            return None
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = OrganisationsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The window's Undo and Redo, with their keys, work in this window too (its list follows, see _reload_if_open).
        dialog.addActions([self.window.action_undo, self.window.action_redo])
        dialog.renameRequested.connect(self.open_rename)
        self.dialog = dialog
        self.reload()
        dialog.show()
        return dialog

    def reload(self, select: int | None = None) -> None:
        directory, dialog = self.window.directory, self.dialog
        if directory is None or dialog is None or not shiboken6.isValid(dialog):
            return

        def loaded(organisations: list[OrganisationRecord]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_organisations(organisations, select)

        self.window.runner.run(lambda: list_organisations(directory), loaded, self._failed, key="organisations")

    def _reload_if_open(self) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.reload()

    def open_rename(self, org: OrganisationRecord) -> RenameOrganisationDialog:
        names = [o.name for o in (self.dialog.organisations if self.dialog else []) if o.country == org.country]
        dialog = RenameOrganisationDialog(org, names, self.dialog or self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._rename(org, *dialog.choice()))
        self.rename_dialog = dialog
        dialog.open()
        return dialog

    def _rename(self, org: OrganisationRecord, name: str, org_type: str | None) -> None:
        window, directory = self.window, self.window.directory
        if directory is None:
            return

        def done(change: OrganisationChange) -> None:
            window.undo_stack.push(OrganisationCommand(window, directory, change))
            verb = "merged into" if change.merged else "renamed"
            window.statusBar().showMessage(f"“{org.name}” {verb} “{change.name}”", 6000)
            window.refresh()

        window.runner.run(lambda: rename_organisation(directory, org.id, name, org_type), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.window.show_error(error_message(exc))
        self.reload()


def install(window: Any) -> OrganisationActions:
    """Add Edit > Organisations…."""
    actions = OrganisationActions(window)
    window.organisations = actions
    return actions
