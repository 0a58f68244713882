"""Issue 7 in the window: import history with undo, backup and restore, encryption, the audit log, erasure, the
review list, one window per directory and the busy message. Real widgets, real SQLite files in tmp_path."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox, QPushButton, QTableView
from sqlalchemy import event

from directory_app.core.backup import backups_dir, list_backups
from directory_app.core.contacts import contact_count, delete_contacts, get_contact, update_contact
from directory_app.core.exporting import export_contacts
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.locking import DirectoryLock
from directory_app.core.privacy import list_audit, not_verified_since
from directory_app.core.store import BUSY_MESSAGE, check_file
from directory_app.ui.main_window import MainWindow
from directory_app.ui.trust_dialogs import action_label, passphrase_strength
from tests.ui.conftest import wait_idle

PASSPHRASE = "correct horse battery staple"


def on_worker(qtbot, window: MainWindow, work: Callable[[], Any]) -> Any:
    """Run a core call on the window's worker thread (where all its database work runs) and return its result."""
    out: list[Any] = []
    window.runner.run(work, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10_000)
    wait_idle(qtbot, window)
    return out[0]


def click_box(qtbot, window: MainWindow, name: str, button: str | None = None) -> QMessageBox:
    """Wait for the message box `name` of the trust actions and click its button (default: its "Yes")."""

    def shown() -> bool:
        box = window.trust.message_box
        return box is not None and shiboken6.isValid(box) and box.objectName() == name and box.isVisible()

    qtbot.waitUntil(shown)
    box = window.trust.message_box
    if button is not None:
        box.findChild(QPushButton, button).click()
    return box


def choose_file(qtbot, window: MainWindow, name: str, path: Path) -> None:
    qtbot.waitUntil(lambda: window.trust.file_dialog is not None and window.trust.file_dialog.objectName() == name)
    dialog: QFileDialog = window.trust.file_dialog
    dialog.selectFile(str(path))
    dialog.accept()


def rows(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


def write_list(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Surname", "Name", "Country", "Institution", "Function", "E-mail"])
        writer.writerow(["Hodžić", "Amra", "Bosnia and Herzegovina", "SIPA", "Analyst", "amra.hodzic@example.ba"])
        writer.writerow(["Krasniqi", "Arben", "Kosovo", "Kosovo Police", "Investigator", "arben.k@example.org"])
    return path


def select_contact(qtbot, window: MainWindow, contact_id: int) -> None:
    window.trust.show_contact(contact_id)
    qtbot.waitUntil(lambda: window.selected_contact_ids() == [contact_id])
    wait_idle(qtbot, window)


def test_actions_are_disabled_without_a_directory(qtbot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    for name in ("actionImportHistory", "actionBackUp", "actionRestore", "actionEncrypt", "actionChangePassphrase",
                 "actionAuditLog", "actionReview", "actionErasePerson", "actionWhoWasGiven"):  # fmt: skip
        assert not getattr(win, name).isEnabled(), name
    win.close()


def test_undo_an_import_from_the_history(qtbot, window: MainWindow, tmp_path: Path) -> None:
    directory = window.directory
    before = contact_count(directory)
    csv_file = write_list(tmp_path / "registration.csv")
    report = on_worker(qtbot, window, lambda: import_files(directory, [csv_file], event=EventSpec("Tirana 2019")))
    assert report.created == 2
    window.refresh()
    wait_idle(qtbot, window)
    assert window.actionImportHistory.isEnabled() and not window.actionChangePassphrase.isEnabled()

    window.actionImportHistory.trigger()
    dialog = window.trust.history_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    [row] = rows(dialog.view)
    assert row[1:8] == ["registration.csv", "Tirana 2019 (new)", "2", "0", "0", "0", "In place"]
    assert dialog.undo_button.isEnabled()

    dialog.undo_button.click()
    box = click_box(qtbot, window, "confirmUndoImportBox")
    assert "2 contacts it created will be deleted" in box.text() + box.informativeText()
    box.findChild(QPushButton, "confirmUndoImportBoxYes").click()
    qtbot.waitUntil(lambda: rows(dialog.view)[0][7].startswith("Undone"))
    wait_idle(qtbot, window)
    assert contact_count(directory) == before
    assert not dialog.undo_button.isEnabled()
    assert "2 contacts it created deleted" in dialog.intro.text()
    assert window.model.rowCount() == before
    assert any(b.reason == "rollback" for b in list_backups(window.directory_path))


def test_undo_refused_when_contacts_changed_then_undo_anyway(qtbot, window: MainWindow, tmp_path: Path) -> None:
    directory = window.directory
    before = contact_count(directory)
    csv_file = write_list(tmp_path / "registration.csv")
    report = on_worker(qtbot, window, lambda: import_files(directory, [csv_file]))
    new_id = next(o.contact_id for o in report.outcomes if o.status == "created")
    record = get_contact(directory, new_id)
    data = record.to_input()
    data.position = "Senior analyst"
    on_worker(qtbot, window, lambda: update_contact(directory, new_id, data))

    window.actionImportHistory.trigger()
    dialog = window.trust.history_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.undo_button.click()
    click_box(qtbot, window, "confirmUndoImportBox", "confirmUndoImportBoxYes")
    refused = click_box(qtbot, window, "undoRefusedBox")
    assert "changed since" in refused.text() and record.display_name in refused.text()
    # For a window user: the file, not "Import 1"; no later imports, no "force it"; the status bar does not say the
    # import is being undone while the question is open; Undo Anyway says the contacts it created go, edits and all.
    assert refused.text().startswith("The import of “registration.csv” on ")
    assert "later" not in refused.text() and "force" not in refused.text() and "Import 1" not in refused.text()
    assert refused.text().endswith("; undoing it anyway discards those changes.")
    assert "Undoing" not in window.statusBar().currentMessage()
    assert refused.informativeText().startswith(
        "Undo Anyway deletes the 2 contacts the import created, with any edits made to them since."
    )
    assert contact_count(directory) == before + 2  # nothing was undone yet
    refused.findChild(QPushButton, "undoRefusedBoxYes").click()
    qtbot.waitUntil(lambda: rows(dialog.view)[0][7].startswith("Undone"))
    wait_idle(qtbot, window)
    assert contact_count(directory) == before


def test_backup_and_restore_round_trip(qtbot, window: MainWindow, tmp_path: Path) -> None:
    directory = window.directory
    before = contact_count(directory)
    out = tmp_path / "saved" / "my-backup.db"
    out.parent.mkdir()
    window.actionBackUp.trigger()
    choose_file(qtbot, window, "backupFileDialog", out)
    click_box(qtbot, window, "backupDoneBox")
    assert out.is_file() and check_file(out) == "ours"

    # A mistake after the backup: a contact deleted (through the window, so the undo stack has it).
    first = window.model.contact_id(0)
    select_contact(qtbot, window, first)
    on_worker(qtbot, window, lambda: delete_contacts(directory, [first]))
    assert contact_count(directory) == before - 1

    window.actionRestore.trigger()
    dialog = window.trust.restore_dialog
    qtbot.waitUntil(lambda: len(dialog.backups) >= 1)  # the daily backup taken when the window opened it
    assert rows(dialog.view)[0][1] == "First opening of the day"
    dialog.other_button.click()
    choose_file(qtbot, window, "restoreFileDialog", out)
    box = click_box(qtbot, window, "confirmRestoreBox")
    assert str(out) in box.text()
    box.findChild(QPushButton, "confirmRestoreBoxYes").click()
    done = click_box(qtbot, window, "restoreDoneBox")
    wait_idle(qtbot, window)
    assert "before-restore" in done.informativeText()
    assert window.directory is not directory and window.directory is not None
    assert contact_count(window.directory) == before
    assert window.model.rowCount() == before
    assert any(b.reason == "before-restore" for b in list_backups(window.directory_path))
    assert window.trust.lock is not None and window.trust.lock.held


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, window: MainWindow, tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("not a database at all\n" * 100)
    window.trust.restore_from(junk)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    box = window.findChild(QMessageBox, "errorBox")
    assert "not a directory file" in box.text() and "\n" not in box.text()
    wait_idle(qtbot, window)
    assert window.directory is not None and contact_count(window.directory) == 300  # never closed


def test_encrypt_from_the_window_then_reopen_with_the_passphrase(qtbot, window: MainWindow, demo_copy: Path) -> None:
    assert passphrase_strength("short")[0] == 0
    assert passphrase_strength("aaaaaaaaaa")[0] == 1
    assert passphrase_strength(PASSPHRASE)[0] == 3
    window.actionEncrypt.trigger()
    dialog = window.trust.passphrase_dialog
    assert dialog.objectName() == "encryptDialog" and not dialog.ok_button.isEnabled()
    dialog.new_edit.setText(PASSPHRASE)
    dialog.repeat_edit.setText(PASSPHRASE + "x")
    assert not dialog.ok_button.isEnabled() and "differ" in dialog.problem_label.text()
    dialog.repeat_edit.setText(PASSPHRASE)
    assert dialog.ok_button.isEnabled() and dialog.strength_label.text() == "Strong."
    dialog.ok_button.click()
    click_box(qtbot, window, "encryptDoneBox")
    wait_idle(qtbot, window)
    assert window.directory.encrypted and window.model.rowCount() == 300
    assert check_file(demo_copy) == "encrypted"
    assert not demo_copy.read_bytes().startswith(b"SQLite format 3")
    assert not window.actionEncrypt.isEnabled() and window.actionChangePassphrase.isEnabled()

    # Change it: a wrong current passphrase is said in the dialog, and nothing changes.
    window.actionChangePassphrase.trigger()
    change = window.trust.passphrase_dialog
    change.current_edit.setText("not the passphrase")
    change.new_edit.setText("another long passphrase 42")
    change.repeat_edit.setText("another long passphrase 42")
    change.ok_button.click()
    qtbot.waitUntil(lambda: "not the current passphrase" in change.problem_label.text())
    wait_idle(qtbot, window)
    assert change.isVisible() and window.directory is not None
    change.current_edit.setText(PASSPHRASE)
    change.ok_button.click()
    click_box(qtbot, window, "encryptDoneBox")
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    window.close()

    again = MainWindow(demo_copy)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.findChild(QInputDialog, "passphraseDialog") is not None)
    prompt = again.findChild(QInputDialog, "passphraseDialog")
    prompt.setTextValue("another long passphrase 42")
    prompt.accept()
    qtbot.waitUntil(lambda: again.directory is not None and again.model.rowCount() == 300, timeout=10_000)
    assert again.directory.encrypted and again.actionChangePassphrase.isEnabled()
    wait_idle(qtbot, again)
    again.close()


def test_audit_log_lists_an_export_and_who_was_given_a_contact(qtbot, window: MainWindow, tmp_path: Path) -> None:
    directory = window.directory
    ids = [window.model.contact_id(r) for r in range(3)]
    target = tmp_path / "for-the-prosecutors.csv"
    on_worker(qtbot, window, lambda: export_contacts(directory, ids, target, "csv"))

    window.actionAuditLog.trigger()
    dialog = window.trust.audit_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1)
    exports = [r for r in rows(dialog.view) if r[1] == "Export (CSV)"]
    assert len(exports) == 1 and exports[0][3] == target.name and exports[0][4] == "3"
    dialog.filter_edit.setText("prosecutors")
    assert dialog.proxy.rowCount() == 1
    dialog.filter_edit.setText("no such thing")
    assert dialog.proxy.rowCount() == 0 and not dialog.export_button.isEnabled()
    assert (
        dialog.count_label.text()
        == f"0 of {dialog.model.rowCount()} entr{'y' if dialog.model.rowCount() == 1 else 'ies'}"
    )
    dialog.filter_edit.setText("export")
    out = tmp_path / "audit.csv"
    dialog.export_button.click()
    choose_file(qtbot, window, "auditExportFileDialog", out)
    click_box(qtbot, window, "auditExportDoneBox")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert [r["action"] for r in written] == ["export-csv"] and written[0]["target"] == str(target)
    dialog.reject()

    select_contact(qtbot, window, ids[1])
    assert window.trust.who_button.isVisible() and window.actionWhoWasGiven.isEnabled()
    window.trust.who_button.click()
    qtbot.waitUntil(lambda: window.trust.contact_audit_dialog is not None)
    mine = window.trust.contact_audit_dialog
    assert [r[1] for r in rows(mine.view)] == ["Export (CSV)"]
    assert rows(mine.view)[0][3] == target.name
    mine.reject()


def test_erase_removes_the_person(qtbot, window: MainWindow, tmp_path: Path) -> None:
    directory = window.directory
    contact_id = window.model.contact_id(5)
    record = get_contact(directory, contact_id)
    on_worker(qtbot, window, lambda: export_contacts(directory, [contact_id], tmp_path / "one.vcf", "vcard"))
    select_contact(qtbot, window, contact_id)
    window.actionErasePerson.trigger()
    qtbot.waitUntil(lambda: window.trust.erase_dialog is not None)
    dialog = window.trust.erase_dialog
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert record.display_name in text and "cannot be undone" in text and "rotate out" in text
    assert not dialog.erase_button.isEnabled()
    dialog.confirm_edit.setText("somebody else")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm_edit.setText("  " + record.display_name.upper() + " ")
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    done = click_box(qtbot, window, "eraseDoneBox")
    wait_idle(qtbot, window)
    assert get_contact(directory, contact_id) is None
    assert window.model.row_of(contact_id) is None and window.model.rowCount() == 299
    assert (
        "Backups taken before still hold the person, and erasing cannot change them: 1 automatic backup in "
        f"{backups_dir(directory.path)} (until it rotates out)."
    ) in done.informativeText()
    assert "1 audit entry now keeps only a count" in done.informativeText()  # the vCard export
    assert list_audit(directory)[0].action == "erase"
    assert window.undo_stack.count() == 0


def test_review_list_and_double_click_selects_the_contact(qtbot, window: MainWindow) -> None:
    directory = window.directory
    window.search_edit.setText("zzzz-nobody")  # the contact to show is hidden by the search
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    wait_idle(qtbot, window)
    window.actionReview.trigger()
    dialog = window.trust.review_dialog
    assert dialog.years() == 3
    expected = not_verified_since(directory, 3)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    assert expected and str(len(expected)) in dialog.count_label.text()
    dialog.years_spin.setValue(1)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(not_verified_since(directory, 1)))
    dialog.years_spin.setValue(40)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert "Every contact was verified" in dialog.count_label.text()
    dialog.years_spin.setValue(3)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    dialog.view.doubleClicked.emit(dialog.model.index(0, 1))
    qtbot.waitUntil(lambda: window.selected_contact_ids() == [expected[0].id])
    assert window.search_edit.text() == ""
    dialog.close()


def test_contacts_checked_are_marked_as_verified_from_the_review_and_the_edit_menu(qtbot, window: MainWindow) -> None:
    """Three stale contacts called today: chosen in the review list and marked at once; the list shrinks, Undo puts
    them back. Edit > Mark as Verified Today does the same for the contacts selected in the window."""
    directory = window.directory
    wait_idle(qtbot, window)
    window.actionReview.trigger()
    dialog = window.trust.review_dialog
    expected = not_verified_since(directory, 3)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)  # no other load of the list to come and reset the selection
    # Through the selection model: selectRow() obeys the keyboard modifiers an earlier test may have left pressed.
    rows = QItemSelectionModel.SelectionFlag.Rows
    dialog.view.selectionModel().select(
        dialog.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | rows
    )
    dialog.view.selectionModel().select(dialog.model.index(2, 0), QItemSelectionModel.SelectionFlag.Select | rows)
    assert dialog.verify_button.text() == "Mark 2 as Verified Today" and not dialog.show_button.isEnabled()
    chosen = dialog.selected_ids()
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected) - 2)
    wait_idle(qtbot, window)
    assert all(get_contact(directory, i).last_verified == date.today() for i in chosen)
    assert window.undo_stack.undoText() == "Mark 2 Contacts as Verified"
    assert action_label(list_audit(directory)[0].action) == "Marked as verified"  # as the audit log shows it
    assert "2 contacts marked as verified today" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    assert [get_contact(directory, i).last_verified for i in chosen] == [
        r.last_verified for r in expected if r.id in chosen
    ]
    dialog.close()
    window.table.selectionModel().select(
        window.table.model().index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | rows
    )
    first = window.selected_contact_ids()
    assert len(first) == 1 and window.actionMarkVerified.isEnabled()
    window.actionMarkVerified.trigger()
    wait_idle(qtbot, window)
    assert get_contact(directory, first[0]).last_verified == date.today()


def test_two_windows_on_one_file_show_the_notice(qtbot, window: MainWindow, demo_copy: Path) -> None:
    assert window.trust.lock is not None and window.trust.lock.held
    second = MainWindow(demo_copy)
    qtbot.addWidget(second)
    box = click_box(qtbot, second, "alreadyOpenBox")
    assert "already open in another window" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    wait_idle(qtbot, second)
    assert second.directory is None and second.pages.currentWidget() is second.welcome
    assert not second.actionBackUp.isEnabled()

    third = MainWindow(demo_copy)
    qtbot.addWidget(third)
    click_box(qtbot, third, "alreadyOpenBox", "openAnywayButton")
    qtbot.waitUntil(lambda: third.directory is not None and third.model.rowCount() == 300)
    wait_idle(qtbot, third)
    assert third.trust.lock is None  # opened anyway, without the lock: the first window keeps it

    window.close()  # the lock goes with the window
    assert window.trust.lock is None
    with DirectoryLock(demo_copy) as lock:
        assert lock.held
    for w in (second, third):
        w.close()


def test_lock_follows_the_directory_shown(qtbot, window: MainWindow, tmp_path: Path, demo_copy: Path) -> None:
    other = tmp_path / "other.db"
    window.open_directory_file(other, create=True)
    qtbot.waitUntil(lambda: window.directory_path == other)
    wait_idle(qtbot, window)
    assert window.trust.lock is not None and window.trust.lock.db_path == other.absolute()
    with DirectoryLock(demo_copy) as lock:  # the first directory is free again
        assert lock.held
    # A file that does not open leaves no lock behind and keeps the current directory.
    bad = tmp_path / "bad.db"
    bad.write_text("hello\n" * 200)
    window.open_directory_file(bad, create=False)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    wait_idle(qtbot, window)
    assert window.directory_path == other and window.trust._pending is None
    with DirectoryLock(bad) as lock:
        assert lock.held


def test_a_busy_directory_says_so_in_one_line(qtbot, window: MainWindow) -> None:
    """Another process holds the write lock: saving a contact says the directory is busy, no traceback."""
    engine = window.directory.engine

    def short_timeout(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout = 100")

    event.listen(engine, "connect", short_timeout)
    on_worker(qtbot, window, lambda: engine.dispose())
    contact_id = window.model.contact_id(0)
    select_contact(qtbot, window, contact_id)
    other = sqlite3.connect(window.directory_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        window.edit_contact()
        qtbot.waitUntil(lambda: window.contact_dialog is not None)
        dialog = window.contact_dialog
        wait_idle(qtbot, window)
        dialog.notes_edit.setPlainText("Met in Tirana")
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.problem_label.text() != "")
        wait_idle(qtbot, window)
        assert dialog.problem_label.text() == BUSY_MESSAGE[:1].upper() + BUSY_MESSAGE[1:]
        assert dialog.isVisible()  # what was typed is kept
    finally:
        other.execute("ROLLBACK")
        other.close()
    dialog.reject()


def test_restore_an_encrypted_directory_keeps_it_encrypted(qtbot, demo_copy: Path, tmp_path: Path) -> None:
    from directory_app.core.encryption import encrypt_directory

    encrypt_directory(demo_copy, PASSPHRASE)
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_directory_file(demo_copy, create=False, passphrase=PASSPHRASE)
    qtbot.waitUntil(lambda: win.directory is not None and win.model.rowCount() == 300, timeout=10_000)
    wait_idle(qtbot, win)
    out = tmp_path / "encrypted-backup.db"
    win.trust.backup_to_file(out)
    done = click_box(qtbot, win, "backupDoneBox")
    assert "encrypted with the directory's passphrase" in done.informativeText()
    assert check_file(out) == "encrypted"
    directory = win.directory
    on_worker(qtbot, win, lambda: delete_contacts(directory, [win.model.contact_id(0)]))

    win.trust.confirm_restore(out)
    click_box(qtbot, win, "confirmRestoreBox", "confirmRestoreBoxYes")
    click_box(qtbot, win, "restoreDoneBox")
    wait_idle(qtbot, win)
    assert win.directory is not directory and win.directory.encrypted
    assert contact_count(win.directory) == 300 and check_file(demo_copy) == "encrypted"
    win.close()


def test_first_start_in_a_new_folder_takes_the_lock(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "directory.db"
    win = MainWindow(path)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.directory is not None)
    wait_idle(qtbot, win)
    assert win.trust.lock is not None and win.trust.lock.held and win.trust.message_box is None
    win.close()
