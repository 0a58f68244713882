"""Ctrl+Z (and the Redo keys) in Possible Duplicates and Contacts to Review undo the window's last change, as in
Events: the Merge dialog says "Undo (Ctrl+Z) puts both back", and nothing happened there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton, QTableView

from directory_app.core.contacts import get_contact
from directory_app.core.merging import find_duplicates
from directory_app.core.privacy import not_verified_since
from directory_app.core.store import open_directory
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _press(qtbot, widget, standard_key: QKeySequence.StandardKey) -> None:
    combination = QKeySequence.keyBindings(standard_key)[0][0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def _activate(qtbot, dialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _pairs(path: Path) -> int:
    with open_directory(path) as d:
        return len(find_duplicates(d).pairs)


def test_ctrl_z_in_possible_duplicates_undoes_and_the_pair_comes_back(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    window.actionFindDuplicates.trigger()
    dialog = window.merging.duplicates_dialog
    table = dialog.findChild(QTableView, "duplicatesTable")
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10_000)
    before = table.model().rowCount()
    qtbot.mouseClick(dialog.findChild(QPushButton, "differentPairButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.model().rowCount() == before - 1, timeout=10_000)
    wait_idle(qtbot, window)
    _activate(qtbot, dialog)
    table.setFocus()
    _press(qtbot, table, QKeySequence.StandardKey.Undo)
    wait_idle(qtbot, window)
    assert _pairs(demo_copy) == before
    qtbot.waitUntil(lambda: table.model().rowCount() == before, timeout=10_000)  # looked for again
    _press(qtbot, table, QKeySequence.StandardKey.Redo)
    wait_idle(qtbot, window)
    assert _pairs(demo_copy) == before - 1
    qtbot.waitUntil(lambda: table.model().rowCount() == before - 1, timeout=10_000)
    dialog.close()


def test_ctrl_z_in_contacts_to_review_undoes_the_mark(qtbot, window: MainWindow) -> None:
    directory = window.directory
    window.actionReview.trigger()
    dialog = window.trust.review_dialog
    expected = not_verified_since(directory, 3)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    dialog.view.selectionModel().select(
        dialog.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = dialog.selected_ids()
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected) - 1)
    wait_idle(qtbot, window)
    assert get_contact(directory, chosen[0]).last_verified == date.today()
    _activate(qtbot, dialog)
    dialog.view.setFocus()
    _press(qtbot, dialog.view, QKeySequence.StandardKey.Undo)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    assert get_contact(directory, chosen[0]).last_verified != date.today()
    # in the years field too, which has no typing of its own to undo
    dialog.years_spin.setFocus()
    _press(qtbot, dialog.years_spin, QKeySequence.StandardKey.Redo)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected) - 1)
    wait_idle(qtbot, window)
    assert get_contact(directory, chosen[0]).last_verified == date.today()
    dialog.close()
