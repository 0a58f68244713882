"""Contacts to Review: after a mark nothing is chosen, so Enter does not mark the next person."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from directory_app.core.contacts import get_contact
from directory_app.core.privacy import not_verified_since
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _enter(widget) -> None:
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))


def test_after_a_mark_nothing_is_chosen_and_enter_marks_no_one(qtbot, window: MainWindow) -> None:
    directory = window.directory
    window.actionReview.trigger()
    dialog = window.trust.review_dialog
    expected = not_verified_since(directory, 3)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    assert len(dialog.selected_ids()) == 1  # the first list opens on its top row
    rows = QItemSelectionModel.SelectionFlag.Rows
    dialog.view.selectionModel().select(
        dialog.model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | rows
    )
    chosen = dialog.selected_ids()
    dialog.verify_button.setFocus()
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected) - 1)
    wait_idle(qtbot, window)
    assert get_contact(directory, chosen[0]).last_verified == date.today()
    assert dialog.selected_ids() == []
    assert not dialog.verify_button.isEnabled() and not dialog.show_button.isEnabled()
    for widget in (dialog.verify_button, dialog.view, dialog):
        _enter(widget)
    wait_idle(qtbot, window)
    assert window.undo_stack.count() == 1  # the one mark, no second
    assert dialog.model.rowCount() == len(expected) - 1 and dialog.isVisible()

    # Undo brings the contact back into the list; still nothing chosen until the user chooses
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    assert dialog.selected_ids() == [] and not dialog.verify_button.isEnabled()
    dialog.view.selectionModel().select(
        dialog.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | rows
    )
    assert dialog.verify_button.isEnabled() and dialog.verify_button.text() == "Mark as Verified Today"
    dialog.close()
