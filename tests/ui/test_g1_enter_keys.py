"""Enter in the trust and merge dialogs does what the user is about to do, and never silently the opposite: it
encrypts, changes the passphrase, merges, erases (once the name is typed), and does nothing while that is not
possible yet. Real widgets driven by key presses, real SQLite files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget

from directory_app.core.backup import backup_before
from directory_app.core.contacts import contact_count, get_contact, get_contacts
from directory_app.core.privacy import not_verified_since
from directory_app.core.store import check_file
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.test_trust import PASSPHRASE, click_box, on_worker, select_contact


def press_enter(widget: QWidget) -> None:
    """Enter as the user presses it: to the widget with the focus (a field, the list), which passes it on."""
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_enter_encrypts_and_changes_the_passphrase(qtbot, window: MainWindow, demo_copy: Path) -> None:
    window.actionEncrypt.trigger()
    dialog = window.trust.passphrase_dialog
    qtbot.keyClicks(dialog.new_edit, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat_edit, PASSPHRASE[:-1])
    press_enter(dialog.repeat_edit)  # not the same passphrase yet: Enter does nothing, and never cancels
    assert dialog.isVisible() and dialog.result() == 0 and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.repeat_edit, PASSPHRASE[-1])
    press_enter(dialog.repeat_edit)
    click_box(qtbot, window, "encryptDoneBox")
    wait_idle(qtbot, window)
    assert not demo_copy.read_bytes().startswith(b"SQLite format 3")
    assert check_file(demo_copy) == "encrypted" and window.directory.encrypted

    window.actionChangePassphrase.trigger()
    change = window.trust.passphrase_dialog
    qtbot.keyClicks(change.current_edit, PASSPHRASE)
    press_enter(change.current_edit)  # no new passphrase yet
    assert change.isVisible() and change.result() == 0
    qtbot.keyClicks(change.new_edit, "another long passphrase 42")
    qtbot.keyClicks(change.repeat_edit, "another long passphrase 42")
    press_enter(change.new_edit)
    click_box(qtbot, window, "encryptDoneBox")
    wait_idle(qtbot, window)
    assert check_file(demo_copy, "another long passphrase 42") == "encrypted"
    assert window.trust.passphrase == "another long passphrase 42"


def test_enter_merges_the_two_contacts(qtbot, window: MainWindow) -> None:
    first, second = get_contacts(window.directory, window.model.ids()[:2])
    merge = window.merging.open_merge(first, second)
    qtbot.waitUntil(merge.isVisible)
    press_enter(merge.focusWidget() or merge)
    qtbot.waitUntil(lambda: not merge.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    assert merge.result() == QDialog.DialogCode.Accepted
    assert get_contacts(window.directory, [second.id]) == [] and contact_count(window.directory) == 299
    assert window.undo_stack.undoText().startswith("Merge")


def test_enter_in_the_duplicates_list_opens_the_merge(qtbot, window: MainWindow) -> None:
    window.actionFindDuplicates.trigger()
    dialog = window.merging.duplicates_dialog
    qtbot.waitUntil(lambda: dialog.view.model().rowCount() > 0, timeout=10_000)
    pair = dialog.selected()
    press_enter(dialog.view)
    qtbot.waitUntil(lambda: window.merging.merge_dialog is not None and window.merging.merge_dialog.isVisible())
    assert {window.merging.merge_dialog.plan.keep.id, window.merging.merge_dialog.plan.other.id} == {
        pair.first.id,
        pair.second.id,
    }
    assert dialog.isVisible()  # not closed, and no pair marked as different people
    window.merging.merge_dialog.reject()
    assert not window.undo_stack.canUndo()


def test_enter_erases_only_once_the_name_is_typed(qtbot, window: MainWindow) -> None:
    contact_id = window.model.contact_id(4)
    record = get_contact(window.directory, contact_id)
    select_contact(qtbot, window, contact_id)
    window.actionErasePerson.trigger()
    qtbot.waitUntil(lambda: window.trust.erase_dialog is not None)
    dialog = window.trust.erase_dialog
    press_enter(dialog.confirm_edit)
    assert dialog.isVisible() and dialog.result() == 0
    dialog.confirm_edit.setText(record.display_name)  # keyClicks cannot type the letters beyond Latin-1
    press_enter(dialog.confirm_edit)
    click_box(qtbot, window, "eraseDoneBox")
    wait_idle(qtbot, window)
    assert get_contact(window.directory, contact_id) is None


def test_enter_in_the_review_years_stays_and_in_the_list_shows_the_contact(qtbot, window: MainWindow) -> None:
    window.actionReview.trigger()
    dialog = window.trust.review_dialog
    expected = not_verified_since(window.directory, 3)
    qtbot.waitUntil(lambda: dialog.view.model().rowCount() == len(expected))
    wait_idle(qtbot, window)
    dialog.years_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.years_spin, "1")
    press_enter(dialog.years_spin)
    assert dialog.isVisible() and dialog.years() == 1
    qtbot.waitUntil(lambda: dialog.view.model().rowCount() == len(not_verified_since(window.directory, 1)))
    wait_idle(qtbot, window)
    model = dialog.view.model()
    dialog.view.selectionModel().select(
        model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    dialog.view.setCurrentIndex(model.index(0, 0))
    chosen = dialog.selected_ids()
    assert len(chosen) == 1
    press_enter(dialog.view)
    qtbot.waitUntil(lambda: window.selected_contact_ids() == chosen)
    assert not window.undo_stack.canUndo()  # shown, not marked as verified
    dialog.close()


def test_enter_in_the_audit_filter_keeps_the_log_open(qtbot, window: MainWindow) -> None:
    window.actionAuditLog.trigger()
    dialog = window.trust.audit_dialog
    wait_idle(qtbot, window)
    qtbot.keyClicks(dialog.filter_edit, "export")
    press_enter(dialog.filter_edit)
    assert dialog.isVisible() and dialog.result() == 0
    dialog.reject()


def test_enter_in_the_restore_list_asks_to_restore_the_backup_selected(qtbot, window: MainWindow) -> None:
    directory = window.directory
    on_worker(qtbot, window, lambda: backup_before(directory, "manual"))
    window.actionRestore.trigger()
    dialog = window.trust.restore_dialog
    qtbot.waitUntil(lambda: dialog.selected() is not None)
    press_enter(dialog.focusWidget() or dialog)
    box = click_box(qtbot, window, "confirmRestoreBox")
    assert dialog.isVisible()
    box.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible())
    dialog.reject()
