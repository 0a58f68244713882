"""Edit > Organisations… in the real window on the demo network: a rename that merges two, then undone."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from directory_app.core.organisations import list_organisations
from directory_app.core.store import open_directory
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _orgs(path: Path) -> dict[tuple[str, str | None], int]:
    with open_directory(path) as d:
        return {(o.name, o.country): o.contacts for o in list_organisations(d)}


def test_two_organisations_made_one_then_undone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _orgs(demo_copy)
    justice, interior = ("Ministry of Justice", "RS"), ("Ministry of Interior", "RS")
    assert before[justice] and before[interior]
    window.findChild(type(window.action_add), "actionOrganisations").trigger()
    dialog = window.organisations.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(before))
    dialog.filter_edit.setText("Ministry of Justice")
    row = next(r for r in range(dialog.proxy.rowCount()) if dialog.proxy.index(r, 1).data() == "Serbia")
    rows = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    dialog.view.selectionModel().select(dialog.proxy.index(row, 0), rows)
    qtbot.mouseClick(dialog.findChild(QPushButton, "renameOrganisationButton"), Qt.MouseButton.LeftButton)
    rename = window.organisations.rename_dialog
    qtbot.waitUntil(rename.isVisible)
    ok = rename.findChild(QPushButton, "renameOrganisationYes")
    assert not ok.isEnabled(), "nothing changed yet"
    rename.findChild(QLineEdit, "organisationNameEdit").setText("ministry of interior")
    assert ok.text() == "Merge" and ok.isEnabled()
    assert "the two become one" in rename.findChild(QLabel, "organisationHint").text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    after = _orgs(demo_copy)
    assert justice not in after and after[interior] == before[interior] + before[justice]

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _orgs(demo_copy) == before


def _press(qtbot, widget, standard_key: QKeySequence.StandardKey) -> None:
    """The platform's keys for `standard_key` (Ctrl+Z, Ctrl+Shift+Z…), pressed in `widget`."""
    combination = QKeySequence.keyBindings(standard_key)[0][0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_enter_renames_and_undo_keys_work_in_the_organisations_window(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    before = _orgs(demo_copy)
    window.findChild(type(window.action_add), "actionOrganisations").trigger()
    dialog = window.organisations.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(before))
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.filter_edit.setText("Ministry of Justice")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # to the list, its first row selected; the window stays
    assert dialog.isVisible() and dialog.view.hasFocus() and dialog.selected() is not None
    org = dialog.selected()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    rename = window.organisations.rename_dialog
    qtbot.waitUntil(rename.isVisible)
    assert rename.org.id == org.id and dialog.isVisible()
    rename.findChild(QLineEdit, "organisationNameEdit").setText("Ministry of Justice (renamed)")
    qtbot.mouseClick(rename.findChild(QPushButton, "renameOrganisationYes"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert ("Ministry of Justice (renamed)", org.country) in _orgs(demo_copy)
    dialog.filter_edit.setText("renamed")
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == 1)

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.view.setFocus()
    _press(qtbot, dialog.view, QKeySequence.StandardKey.Undo)
    wait_idle(qtbot, window)
    assert _orgs(demo_copy) == before
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == 0)  # the list follows
    _press(qtbot, dialog.view, QKeySequence.StandardKey.Redo)
    wait_idle(qtbot, window)
    assert ("Ministry of Justice (renamed)", org.country) in _orgs(demo_copy)
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == 1)

    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
