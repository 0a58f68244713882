"""Trust in the main window (issue 7): import history with undo, backups and restore, encryption, the audit log,
"who was given this contact?", erasure, the review list, and one window per directory.

Thin wrappers over core.batches, core.backup, core.encryption, core.privacy and core.locking: every core call
runs on the window's worker thread (`window.runner`), widgets are only touched when the results come back.

One window per directory: `install` routes the window's `open_directory_file` through `TrustActions.open_file`,
which takes the directory's `DirectoryLock` before the file is opened. When another window (or another instance of
the app) holds it, the user is told so and chooses between "Open Anyway" (safe for the data, as SQLite serialises
writers; the two windows just do not see each other's changes until they search again) and Cancel (the current
directory stays open). The lock follows the directory shown and is released when the window closes.

Encrypting, changing the passphrase and restoring need the directory file to themselves: the window's connections
are closed on the worker thread first, and the directory is opened again afterwards (with the new passphrase).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from directory_app.core.backup import backup_before, check_backup, list_backups, restore_backup, save_backup
from directory_app.core.batches import ChangedSince, ImportBatchInfo, RollbackResult, list_imports, rollback_import
from directory_app.core.bulk import collector_paused, drop_gradually
from directory_app.core.contacts import get_contact
from directory_app.core.dates import format_moment
from directory_app.core.encryption import change_passphrase, encrypt_directory
from directory_app.core.fileio import atomic_write_bytes
from directory_app.core.locking import DirectoryLock
from directory_app.core.privacy import (
    AuditRecord,
    ErasureResult,
    Mention,
    VerifiedChange,
    audit_csv,
    audit_for_contact,
    erase_contact,
    find_mentions,
    list_audit,
    mark_verified,
    names_path,
    not_verified_since,
)
from directory_app.core.records import ContactRecord, DirectoryError, plural
from directory_app.core.store import WrongPassphrase, check_file
from directory_app.ui.commands import MarkVerifiedCommand
from directory_app.ui.screen_fit import fit_to_screen
from directory_app.ui.settings import app_settings
from directory_app.ui.tasks import error_message
from directory_app.ui.trust_dialogs import (
    AuditDialog,
    EraseDialog,
    ImportHistoryDialog,
    PassphraseDialog,
    RestoreDialog,
    ReviewDialog,
    ReviewRow,
    local_time,
    review_rows,
)

log = logging.getLogger(__name__)

REVIEW_YEARS = 3


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    return Path(a).expanduser().absolute().resolve() == Path(b).expanduser().absolute().resolve()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class TrustActions(QObject):
    """The actions and dialogs of issue 7 for one main window (`window.trust`)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.lock: DirectoryLock | None = None  # held for the directory the window shows
        self._pending: DirectoryLock | None = None  # taken for a directory being opened
        self._attempts: dict[Path, str | None] = {}  # passphrase of the last opening tried, per file
        self.passphrase: str | None = None  # of the open directory (restore needs it; never stored on disk)
        self._open_original: Callable[..., None] = window.open_directory_file
        # The latest dialogs and message boxes, for tests and to raise an open one instead of opening two.
        self.history_dialog: ImportHistoryDialog | None = None
        self.audit_dialog: AuditDialog | None = None
        self.contact_audit_dialog: AuditDialog | None = None
        self.review_dialog: ReviewDialog | None = None
        self.erase_dialog: EraseDialog | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.progress: QProgressDialog | None = None
        self._build_actions()
        window.directoryChanged.connect(self._directory_changed)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        window.searchFinished.connect(self.update_actions)
        window.detail.contactShown.connect(self._contact_shown)
        window.undo_stack.indexChanged.connect(lambda _index: self._reload_review())  # contacts edited
        window.installEventFilter(self)
        self.update_actions()

    # =========================================================================================== actions

    def _action(self, text: str, name: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        setattr(self.window, name, action)
        return action

    def _build_actions(self) -> None:
        w = self.window
        self.action_history = self._action(
            "Import &History…", "actionImportHistory", self.open_import_history,
            "The imports made into this directory; undo one of them",
        )  # fmt: skip
        self.action_backup = self._action(
            "&Back Up…", "actionBackUp", self.choose_backup_file, "Save a copy of the directory to a file"
        )
        self.action_restore = self._action(
            "Res&tore from Backup…", "actionRestore", self.open_restore,
            "Replace the directory by an automatic backup or a backup file",
        )  # fmt: skip
        self.action_encrypt = self._action(
            "&Encrypt Directory…", "actionEncrypt", self.open_encrypt,
            "Protect the directory and its backups with a passphrase",
        )  # fmt: skip
        self.action_change_passphrase = self._action(
            "Change &Passphrase…", "actionChangePassphrase", self.open_change_passphrase,
            "Change the passphrase of this encrypted directory",
        )  # fmt: skip
        self.action_who = self._action(
            "W&ho Was Given This Contact…", "actionWhoWasGiven", self.open_contact_audit,
            "The exports and edits that included the selected contact",
        )  # fmt: skip
        self.action_erase = self._action(
            "Erase &Person Completely…", "actionErasePerson", self.open_erase,
            "Remove every trace of the selected person from the directory",
        )  # fmt: skip
        self.action_audit = self._action(
            "&Audit Log…", "actionAuditLog", self.open_audit_log, "Who was given which contacts, and every edit"
        )
        self.action_review = self._action(
            "Contacts to Re&view…", "actionReview", self.open_review,
            "Contacts whose details were not verified for some years",
        )  # fmt: skip
        self.action_verified = self._action(
            "Mark as Verified Toda&y", "actionMarkVerified", self.mark_verified,
            "The selected contacts' details were checked today (called, or answered an e-mail)",
        )  # fmt: skip

        end = getattr(w, "file_menu_end", None)
        file_actions: list[QAction | None] = [
            self.action_history, None, self.action_backup, self.action_restore, None, self.action_encrypt,
            self.action_change_passphrase,
        ]  # fmt: skip
        for action in file_actions:
            if action is None:
                if end is not None:
                    w.file_menu.insertSeparator(end)
                else:
                    w.file_menu.addSeparator()
            elif end is not None:
                w.file_menu.insertAction(end, action)
            else:
                w.file_menu.addAction(action)
        w.edit_menu.addSeparator()
        w.edit_menu.addAction(self.action_verified)
        w.edit_menu.addAction(self.action_who)
        w.edit_menu.addAction(self.action_erase)
        w.view_menu.addSeparator()
        w.view_menu.addAction(self.action_audit)
        w.view_menu.addAction(self.action_review)

        self.who_button = QPushButton("Who was given this contact?")
        self.who_button.setObjectName("whoWasGivenButton")
        self.who_button.setToolTip("The exports and edits that included this contact, with when and to which file")
        self.who_button.setFlat(True)
        self.who_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.who_button.setStyleSheet("QPushButton { color: palette(link); text-align: left; padding: 2px 0; }")
        self.who_button.clicked.connect(self.open_contact_audit)
        self.who_button.hide()
        w.detail.extra_layout.insertWidget(0, self.who_button)  # right under the fields, above the QR code

    def update_actions(self) -> None:
        directory = self.window.directory
        has = directory is not None
        encrypted = has and directory.encrypted
        one = has and len(self.window.selected_contact_ids()) == 1
        for action in (self.action_history, self.action_backup, self.action_restore, self.action_audit,
                       self.action_review):  # fmt: skip
            action.setEnabled(has)
        self.action_encrypt.setEnabled(has and not encrypted)
        self.action_change_passphrase.setEnabled(bool(encrypted))
        self.action_who.setEnabled(one)
        self.action_erase.setEnabled(one)
        self.action_verified.setEnabled(has and bool(self.window.selected_contact_ids()))

    def _contact_shown(self, record: ContactRecord | None) -> None:
        self.who_button.setVisible(record is not None)

    # =========================================================================================== helpers

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        title: str = "Something went wrong",
        *,
        key: str | None = None,
    ) -> None:
        window = self.window

        def on_failure(exc: BaseException) -> None:
            if failed is not None:
                failed(exc)
            else:
                window.show_error(error_message(exc), title)

        window.runner.run(work, done, on_failure, key=key)

    def _box(
        self, icon: QMessageBox.Icon, title: str, text: str, info: str = "", name: str = "trustMessage"
    ) -> QMessageBox:
        box = QMessageBox(icon, title, text, parent=self.window)
        box.setObjectName(name)
        if info:
            box.setInformativeText(info)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        return box

    def _inform(self, title: str, text: str, info: str = "", name: str = "trustMessage") -> QMessageBox:
        box = self._box(QMessageBox.Icon.Information, title, text, info, name)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()
        return box

    def _confirm(
        self, title: str, text: str, info: str, button: str, name: str, on_yes: Callable[[], None],
        *, destructive: bool = True,
    ) -> QMessageBox:  # fmt: skip
        box = self._box(QMessageBox.Icon.Question if not destructive else QMessageBox.Icon.Warning,
                        title, text, info, name)  # fmt: skip
        role = QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
        yes = box.addButton(button, role)
        yes.setObjectName(f"{name}Yes")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel if destructive else yes)
        box.finished.connect(lambda _r: on_yes() if box.clickedButton() is yes else None)
        box.open()
        return box

    def _busy(self, text: str) -> None:
        progress = QProgressDialog(text, "", 0, 0, self.window)
        progress.setObjectName("trustProgress")
        progress.setWindowTitle("Please wait")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setValue(0)
        self.progress = progress

    def _done_busy(self) -> None:
        if self.progress is not None and shiboken6.isValid(self.progress):
            self.progress.reset()
            self.progress.deleteLater()
        self.progress = None

    def _file_dialog(self, title: str, name: str, mode: QFileDialog.AcceptMode, default: Path, filters: str,
                     on_file: Callable[[Path], None]) -> QFileDialog:  # fmt: skip
        dialog = QFileDialog(self.window, title, str(default.parent))
        dialog.setObjectName(name)
        dialog.setAcceptMode(mode)
        dialog.setFileMode(
            QFileDialog.FileMode.AnyFile
            if mode == QFileDialog.AcceptMode.AcceptSave
            else QFileDialog.FileMode.ExistingFile
        )
        dialog.setNameFilters(filters.split(";;"))
        if mode == QFileDialog.AcceptMode.AcceptSave:
            dialog.setDefaultSuffix(default.suffix.lstrip("."))
            dialog.selectFile(default.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: on_file(Path(name)) if name else None)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _folder(self, key: str) -> Path:
        folder = app_settings().value(key, "", str)
        if folder and Path(folder).is_dir():
            return Path(folder)
        path = self.window.directory_path
        return path.parent if path is not None else Path.home()

    def _reopen(self, path: Path, passphrase: str | None) -> None:
        self.window.open_directory_file(path, create=False, passphrase=passphrase)

    # =========================================================================================== one window per file

    def open_file(self, path: Path, *, create: bool = True, passphrase: str | None = None) -> None:
        """The window's `open_directory_file`, with the directory lock taken first (see the module notes)."""
        path = Path(path).expanduser()
        ours = (self.lock is not None and _same_file(self.lock.db_path, path)) or (
            self._pending is not None and _same_file(self._pending.db_path, path)
        )
        if not ours:
            lock = DirectoryLock(path)
            if create:  # a new directory in a new folder (the first start): the lock file goes there too
                with contextlib.suppress(OSError):
                    lock.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(lock.path.parent, os.W_OK):
                # No lock file can be made in a missing or read-only folder: opening says what is wrong, if anything.
                self._go_open(path, create, passphrase)
                return
            try:
                lock.acquire()
            except DirectoryError as exc:
                self._already_open(path, create, passphrase, str(exc))
                return
            if self._pending is not None:
                self._pending.release()
            self._pending = lock
        self._go_open(path, create, passphrase)

    def _go_open(self, path: Path, create: bool, passphrase: str | None) -> None:
        self._attempts[path.absolute()] = passphrase
        self._open_original(path, create=create, passphrase=passphrase)
        # Runs after the opening's own callbacks (tasks finish in order): a lock taken for a file that did not
        # open (wrong passphrase, not a directory, cancelled) is let go.
        self.window.runner.run(lambda: None, lambda _r: self._settle())

    def _settle(self) -> None:
        pending = self._pending
        if pending is not None and not _same_file(pending.db_path, self.window.directory_path):
            pending.release()
            self._pending = None

    def _already_open(self, path: Path, create: bool, passphrase: str | None, message: str) -> None:
        box = self._box(
            QMessageBox.Icon.Warning,
            "Directory already open",
            f"This directory is already open in another window: {path.name}",
            f"{_capital(message)}.\n\nYou can open it here as well: the data stays safe, as the two windows take "
            "turns to write, but each window only shows the other's changes after a new search.",
            "alreadyOpenBox",
        )
        anyway = box.addButton("Open Anyway", QMessageBox.ButtonRole.AcceptRole)
        anyway.setObjectName("openAnywayButton")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)

        def answered() -> None:
            if box.clickedButton() is anyway:
                self._go_open(path, create, passphrase)
            elif self.window.directory is None:
                w = self.window
                w.welcome.set_message(f"{path} is open in another window of the app; switch to that window.")
                w.welcome_add_button.setVisible(False)
                w.pages.setCurrentWidget(w.welcome)
                w.statusBar().showMessage(f"{path.name} was not opened", 4000)

        box.finished.connect(lambda _r: answered())
        box.open()

    def _directory_changed(self, directory: Any) -> None:
        path = getattr(directory, "path", None)
        self.passphrase = self._attempts.pop(Path(path).absolute(), None) if path is not None else None
        if self.lock is not None and not _same_file(self.lock.db_path, path):
            self.lock.release()
            self.lock = None
        if self._pending is not None and _same_file(self._pending.db_path, path):
            self.lock, self._pending = self._pending, None
        self.update_actions()
        self._reload_review()

    def release_locks(self) -> None:
        for lock in (self.lock, self._pending):
            if lock is not None:
                lock.release()
        self.lock = self._pending = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.release_locks()
        return super().eventFilter(watched, event)

    # =========================================================================================== import history

    def open_import_history(self) -> None:
        if self.window.directory is None:
            return
        dialog = ImportHistoryDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.undoRequested.connect(self._confirm_undo)
        self.history_dialog = dialog
        self._load_history()
        dialog.open()

    def _load_history(self, select: int | None = None) -> None:
        directory = self.window.directory
        dialog = self.history_dialog
        if directory is None or dialog is None:
            return

        def loaded(batches: list[ImportBatchInfo]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_batches(batches)
                if select is not None:
                    dialog.select_batch(select)

        self._run(lambda: list_imports(directory), loaded, title="Cannot read the import history")

    def _confirm_undo(self, batch: ImportBatchInfo) -> None:
        files = "; ".join(Path(f).name for f in batch.file.split("; ")) or "an import"
        parts = []
        if batch.created:
            parts.append(f"the {plural(batch.created, 'contact')} it created will be deleted")
        if batch.updated:
            parts.append(f"the {plural(batch.updated, 'contact')} it updated will be put back as they were before")
        if batch.event_created and batch.event:
            parts.append(f"the event “{batch.event}” it created will be removed unless something else uses it")
        if batch.events_created:
            parts.append(
                f"the {plural(batch.events_created, 'event')} its rows named that it created will be removed unless "
                "something else uses them"
            )
        what = _capital("; ".join(parts) or "nothing it did is still in place") + "."
        self._confirm(
            "Undo import",
            f"Undo the import of {files} made on {local_time(batch.created_at)}?",
            f"{what}\n\nA backup of the directory is taken first.",
            "Undo Import",
            "confirmUndoImportBox",
            lambda: self.undo_import(batch),
        )

    def undo_import(self, batch: ImportBatchInfo, force: bool = False) -> None:
        """Roll back `batch` (after a backup); when the core refuses because its contacts changed since, say so
        and offer to force it."""
        directory = self.window.directory
        if directory is None:
            return

        def work() -> RollbackResult:
            backup_before(directory, "rollback")
            return rollback_import(directory, batch.id, force=force)

        def done(result: RollbackResult) -> None:
            text = (
                f"Import undone: {plural(result.deleted, 'contact')} it created deleted, "
                f"{plural(result.restored, 'contact')} restored as they were" + result.events_text + "."
            )
            if result.discarded:
                text += f" Later changes discarded for: {', '.join(result.discarded)}."
            if result.left_merged:
                text += f" Left as they are: {', '.join(result.left_merged)}."
            self.window.undo_stack.clear()  # steps that refer to contacts the rollback removed or replaced
            self.window.statusBar().showMessage(text, 10_000)
            dialog = self.history_dialog
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.intro.setText(text)
            self._load_history(select=batch.id)
            self._reload_review()
            self.window.refresh()

        def failed(exc: BaseException) -> None:
            self.window.statusBar().clearMessage()  # not "Undoing the import…" while the question is open
            if isinstance(exc, ChangedSince) and not force:
                self._offer_force(batch, str(exc))
            else:
                self.window.show_error(error_message(exc), "Cannot undo the import")

        self.window.statusBar().showMessage("Undoing the import…")
        self._run(work, done, failed)

    def _offer_force(self, batch: ImportBatchInfo, message: str) -> None:
        parts = []
        if batch.created == 1:
            parts.append("deletes the contact the import created, with any edits made to it since")
        elif batch.created:
            parts.append(
                f"deletes the {batch.created:,} contacts the import created, with any edits made to them since"
            )
        if batch.updated == 1:
            parts.append("puts the contact it updated back as it was before, discarding the changes made to it since")
        elif batch.updated:
            parts.append(
                f"puts the {batch.updated:,} contacts it updated back as they were before, discarding the changes "
                "made to them since"
            )
        what = f"Undo Anyway {' and '.join(parts)}." if parts else "Undo Anyway discards the changes made since."
        self._confirm(
            "Undo import",
            _capital(message) + ".",
            f"{what} A backup of the directory is taken first.",
            "Undo Anyway",
            "undoRefusedBox",
            lambda: self.undo_import(batch, force=True),
        )

    # =========================================================================================== backups

    def choose_backup_file(self) -> None:
        path = self.window.directory_path
        if self.window.directory is None or path is None:
            return
        default = self._folder("files/backupFolder") / f"{path.stem}-backup-{date.today():%Y-%m-%d}.db"
        self._file_dialog(
            "Back up the directory", "backupFileDialog", QFileDialog.AcceptMode.AcceptSave, default,
            "Directory backups (*.db);;All files (*)", self.backup_to_file,
        )  # fmt: skip

    def backup_to_file(self, out: Path) -> None:
        directory = self.window.directory
        if directory is None:
            return
        app_settings().setValue("files/backupFolder", str(Path(out).parent))
        self.window.statusBar().showMessage("Backing up…")

        def done(written: Path) -> None:
            note = " It is encrypted with the directory's passphrase." if directory.encrypted else ""
            self.window.statusBar().showMessage(f"Backup written to {written}", 10_000)
            self._inform("Backup written", f"The directory was backed up to\n{written}", note.strip(), "backupDoneBox")

        self._run(lambda: save_backup(directory, out), done, title="Backup failed")

    # =========================================================================================== restore

    def open_restore(self) -> None:
        path = self.window.directory_path
        if self.window.directory is None or path is None:
            return
        dialog = RestoreDialog(path, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restoreRequested.connect(self.confirm_restore)
        dialog.otherFileRequested.connect(self._choose_restore_file)
        self.restore_dialog = dialog

        def loaded(backups: list) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_backups(backups)

        self._run(lambda: list_backups(path), loaded, title="Cannot list the backups")
        dialog.open()

    def _choose_restore_file(self) -> None:
        self._file_dialog(
            "Restore from a backup file", "restoreFileDialog", QFileDialog.AcceptMode.AcceptOpen,
            self._folder("files/backupFolder") / "backup.db",
            "Directory backups (*.db *.sqlite *.sqlite3);;All files (*)", self.confirm_restore,
        )  # fmt: skip

    def confirm_restore(self, file: Path) -> None:
        file = Path(file)
        path = self.window.directory_path
        if path is None:
            return
        known = self.restore_dialog.backups if self._restore_dialog_alive() else []
        info = next((b for b in known if b.path == file), None)
        what = f"the backup of {format_moment(info.taken_at, utc=False)}" if info is not None else str(file)
        self._confirm(
            "Restore from backup",
            f"Replace the contents of {path.name} by {what}?",
            "Every change made since that backup is replaced. The backup is checked first, and the directory as it "
            "is now is saved as an automatic backup (“Before a restore”), so you can go back to it.",
            "Restore",
            "confirmRestoreBox",
            lambda: self.restore_from(file),
        )

    def _restore_dialog_alive(self) -> bool:
        return self.restore_dialog is not None and shiboken6.isValid(self.restore_dialog)

    def restore_from(self, file: Path, backup_passphrase: str | None = None) -> None:
        """Check `file`, close the directory, restore it from `file` and open it again."""
        directory, path, passphrase = self.window.directory, self.window.directory_path, self.passphrase
        if directory is None or path is None:
            return
        closed = [False]

        def work() -> Path | None:
            if check_file(file) == "encrypted" and passphrase is None:
                raise DirectoryError(
                    f"{file.name} is an encrypted backup but this directory is not encrypted: encrypt the "
                    "directory first (File > Encrypt Directory…), then restore it"
                )
            check_backup(file, backup_passphrase if backup_passphrase is not None else passphrase)
            directory.close()
            closed[0] = True
            return restore_backup(path, file, passphrase=passphrase, backup_passphrase=backup_passphrase)

        def done(before: Path | None) -> None:
            self._done_busy()
            if self._restore_dialog_alive():
                self.restore_dialog.accept()
            self._reopen(path, passphrase)
            info = f"The directory as it was before is saved as the automatic backup {before.name}." if before else ""
            self.window.statusBar().showMessage(f"{path.name} restored from {file.name}", 10_000)
            self._inform("Directory restored", f"{path.name} was restored from\n{file}", info, "restoreDoneBox")

        def failed(exc: BaseException) -> None:
            self._done_busy()
            if closed[0]:
                self._reopen(path, passphrase)
            if isinstance(exc, WrongPassphrase) and not closed[0]:
                self._ask_backup_passphrase(file, backup_passphrase is not None)
                return
            self.window.show_error(error_message(exc), "Restore failed")

        self._busy(f"Restoring {path.name}…")
        self._run(work, done, failed)

    def _ask_backup_passphrase(self, file: Path, again: bool) -> None:
        dialog = QInputDialog(self.window)
        dialog.setObjectName("backupPassphraseDialog")
        dialog.setWindowTitle("Encrypted backup")
        dialog.setLabelText(
            ("That passphrase does not open it either. " if again else "")
            + f"{file.name} was encrypted with another passphrase. Enter the passphrase it was made with:"
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText("Restore")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(
            lambda result: (
                self.restore_from(file, dialog.textValue())
                if result == QDialog.DialogCode.Accepted and dialog.textValue()
                else None
            )
        )
        dialog.open()

    # =========================================================================================== encryption

    def open_encrypt(self) -> None:
        self._open_passphrase_dialog(change=False)

    def open_change_passphrase(self) -> None:
        self._open_passphrase_dialog(change=True)

    def _open_passphrase_dialog(self, change: bool) -> None:
        directory, path = self.window.directory, self.window.directory_path
        if directory is None or path is None or directory.encrypted != change:
            return
        dialog = PassphraseDialog(path, change=change, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda old, new: self._set_passphrase(dialog, old, new))
        self.passphrase_dialog = dialog
        dialog.open()

    def _set_passphrase(self, dialog: PassphraseDialog, old: str, new: str) -> None:
        """Encrypt (old == "") or change the passphrase: close the directory, do it, open it with the new one."""
        directory, path = self.window.directory, self.window.directory_path
        if directory is None or path is None:
            return
        change = dialog.change
        closed = [False]

        def work() -> int:
            if change:
                check_file(path, old)  # WrongPassphrase before anything is closed or changed
            directory.close()
            closed[0] = True
            return change_passphrase(path, old, new) if change else encrypt_directory(path, new)

        def done(backups: int) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_busy(False)
                dialog.accept()
            self._reopen(path, new)
            also = f" Its {plural(backups, 'automatic backup')} too." if backups else ""
            if change:
                title, text = "Passphrase changed", f"The passphrase of {path.name} was changed.{also}"
            else:
                title, text = "Directory encrypted", f"{path.name} is now encrypted.{also}"
            self.window.statusBar().showMessage(text, 10_000)
            self._inform(
                title, text, "Keep the passphrase safe: without it the directory cannot be opened.", "encryptDoneBox"
            )

        def failed(exc: BaseException) -> None:
            if closed[0]:
                self._reopen(path, old if change else None)
            if isinstance(exc, WrongPassphrase):
                message = "That is not the current passphrase; nothing was changed."
            else:
                message = error_message(exc)
            if shiboken6.isValid(dialog):
                dialog.failed(message)
            else:
                self.window.show_error(message, "Cannot change the passphrase" if change else "Cannot encrypt")

        dialog.set_busy(True, "Changing the passphrase…" if change else "Encrypting the directory and its backups…")
        self._run(work, done, failed)

    # =========================================================================================== audit log

    def open_audit_log(self) -> None:
        directory = self.window.directory
        if directory is None:
            return
        dialog = AuditDialog(
            "Audit log",
            "Every export (who was given which contacts, to which file) and every edit, newest first. Times are local.",
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exportRequested.connect(lambda: self._choose_audit_file(dialog))
        self.audit_dialog = dialog

        def loaded(entries: list[AuditRecord]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_entries(entries)

        self._run(lambda: list_audit(directory), loaded, title="Cannot read the audit log")
        dialog.open()

    def _choose_audit_file(self, dialog: AuditDialog) -> None:
        default = self._folder("files/lastExportFolder") / f"audit-log-{date.today():%Y-%m-%d}.csv"
        self._file_dialog(
            "Export the audit log", "auditExportFileDialog", QFileDialog.AcceptMode.AcceptSave, default,
            "CSV files (*.csv)", lambda path: self.export_audit(dialog.shown_entries(), path),
        )  # fmt: skip

    def export_audit(self, entries: list[AuditRecord], path: Path) -> None:
        """Write `entries` to the CSV file `path` (the core's format, with a BOM for spreadsheets)."""
        n = len(entries)

        def done(_written: int) -> None:
            text = f"{plural(n, 'audit entry', 'audit entries')} written to {path}"
            self.window.statusBar().showMessage(text, 10_000)
            self._inform("Audit log exported", text, name="auditExportDoneBox")

        self._run(lambda: atomic_write_bytes(path, audit_csv(entries).encode("utf-8-sig")), done,
                  title="Cannot export the audit log")  # fmt: skip

    def open_contact_audit(self) -> None:
        directory = self.window.directory
        ids = self.window.selected_contact_ids()
        if directory is None or len(ids) != 1:
            return
        contact_id = ids[0]

        def load() -> tuple[ContactRecord | None, list[AuditRecord]]:
            record = get_contact(directory, contact_id)
            return record, (audit_for_contact(directory, record.uid) if record is not None else [])

        def loaded(result: tuple[ContactRecord | None, list[AuditRecord]]) -> None:
            record, entries = result
            if record is None:
                self.window.show_error("this contact is no longer in the directory")
                return
            name = record.display_name or "this contact"
            intro = (
                f"Every export and edit that included {name}: who was given this record, when, and in which file."
                if entries
                else f"No export or edit has included {name} yet: the record was not given to anyone from here."
            )
            dialog = AuditDialog(f"Who was given {name}?", intro, name="contactAudit", filterable=False,
                                 exportable=False, parent=self.window)  # fmt: skip
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.set_entries(entries)
            if entries:
                fit_to_screen(dialog, 900, 360)
            else:
                dialog.count_label.hide()
                fit_to_screen(dialog, 520, dialog.sizeHint().height())
            self.contact_audit_dialog = dialog
            dialog.open()

        self._run(load, loaded, title="Cannot read the audit log")

    # =========================================================================================== erasure

    def open_erase(self) -> None:
        directory = self.window.directory
        ids = self.window.selected_contact_ids()
        if directory is None or len(ids) != 1:
            return
        contact_id = ids[0]

        def load() -> tuple[ContactRecord | None, tuple[Mention, ...]]:
            record = get_contact(directory, contact_id)
            return record, (find_mentions(directory, record.uid) if record is not None else ())

        def loaded(found: tuple[ContactRecord | None, tuple[Mention, ...]]) -> None:
            record, mentions = found
            if record is None:
                self.window.show_error("this contact is no longer in the directory")
                return
            dialog = EraseDialog(record, self.window, mentions)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.erase(record, also_mentions=dialog.also_mentions()))
            self.erase_dialog = dialog
            dialog.open()

        self._run(load, loaded)

    def erase(self, record: ContactRecord, *, also_mentions: bool = False) -> None:
        directory = self.window.directory
        if directory is None:
            return
        name = record.display_name or "The person"

        def done(result: ErasureResult) -> None:
            # Undo steps could bring the person back (an earlier delete or edit): they go. (The name replaced in
            # other contacts' texts has no undo either: it would write the erased name back.)
            self.window.undo_stack.clear()
            forgotten = forget_paths_of(record)
            self.window.refresh(select_ids=[])
            info = f"{plural(result.rows, 'row')} removed."
            if result.audit_entries:
                verb = "keeps" if result.audit_entries == 1 else "keep"
                info += f" {plural(result.audit_entries, 'audit entry', 'audit entries')} now {verb} only a count."
            if result.names_removed:
                reads = "reads" if result.names_removed == 1 else "read"
                info += (
                    f" {plural(result.names_removed, 'file name')} in the audit log and import history that named "
                    f"the person now {reads} “(erased)”."
                )
            info += "".join(f" {note[:1].upper()}{note[1:]}." for note in result.notes)  # events, backups and where
            if forgotten:
                what = "remembered folder or recent file" if forgotten == 1 else "remembered folders and recent files"
                info += f" {forgotten} {what} whose path named the person {'was' if forgotten == 1 else 'were'} " \
                        "forgotten."  # fmt: skip
            self._reload_review()
            self.window.statusBar().showMessage(f"{name} was erased", 10_000)
            box = self._box(QMessageBox.Icon.Information, "Person erased", f"{name} was erased from the directory.",
                            info, "eraseDoneBox")  # fmt: skip
            ids = result.mentioned_ids
            if ids:
                box.setDetailedText("\n".join(result.mention_lines))
                show = box.addButton("&Show Them", QMessageBox.ButtonRole.ActionRole)
                show.setObjectName("eraseShowMentions")
                show.setToolTip("Select the contacts that mention the person in the main window")
                box.finished.connect(lambda _r: self.show_contacts(ids) if box.clickedButton() is show else None)
            box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Ok))
            box.open()

        self._run(lambda: erase_contact(directory, record.uid, also_mentions=also_mentions), done,
                  title="Cannot erase")  # fmt: skip

    # =========================================================================================== review

    def open_review(self) -> None:
        if self.window.directory is None:
            return
        dialog = self.review_dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
            return
        dialog = ReviewDialog(REVIEW_YEARS, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The window's Undo and Redo, with their keys (Ctrl+Z), work here too, as in Events: a mark is undone where
        # it was made (the list follows, see _reload_review); in the years field once its own typing is undone
        # (ReviewDialog.eventFilter).
        dialog.addActions([self.window.action_undo, self.window.action_redo])
        dialog.yearsChanged.connect(self._load_review)
        dialog.contactActivated.connect(self.show_contact)
        dialog.verifyRequested.connect(self.mark_verified)
        self.review_dialog = dialog
        self._load_review(dialog.years())
        dialog.show()

    def mark_verified(self, ids: list[int] | None = None) -> None:
        """Record that the contacts' details (the selected ones', or `ids`) were checked today: undoable."""
        window, directory = self.window, self.window.directory
        ids = window.selected_contact_ids() if ids is None else ids
        if directory is None or not ids:
            return

        def done(change: VerifiedChange) -> None:
            window.undo_stack.push(MarkVerifiedCommand(window, directory, change))  # the review list reloads
            window.statusBar().showMessage(f"{plural(change.changed, 'contact')} marked as verified today", 6000)
            window.refresh()

        self._run(lambda: mark_verified(directory, ids), done, title="Cannot mark as verified")

    def _reload_review(self) -> None:
        dialog = self.review_dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            self._load_review(dialog.years())

    def _load_review(self, years: int) -> None:
        directory, dialog = self.window.directory, self.review_dialog
        if directory is None or dialog is None:
            return

        def work() -> list[ReviewRow]:
            # Seconds on a large directory (60,000 of 100,000 contacts), so the query and the rows shown are made
            # here. The collector is paused meanwhile: while it ran, the GUI thread's collections walked the
            # records being read, and the window froze 0.1-0.7 s at a time.
            with collector_paused():
                records = not_verified_since(directory, years)
                rows = review_rows(records)
                drop_gradually(records)  # freed a slice at a time: the window keeps its turns
                return rows

        def loaded(rows: list[ReviewRow]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_records(years, rows)

        self._run(work, loaded, key="review")  # a newer load (other years, another change) supersedes this one

    def show_contact(self, contact_id: int) -> None:
        """Select the contact in the main window, clearing the search and filters when they hide it."""
        window = self.window
        window.raise_()
        window.activateWindow()
        if window.model.row_of(contact_id) is not None:
            self._select(contact_id)
            return

        def after_search() -> None:
            window.searchFinished.disconnect(after_search)
            if window.model.row_of(contact_id) is None:
                window.statusBar().showMessage("That contact is no longer in the directory", 6000)
            else:
                self._select(contact_id)

        window.searchFinished.connect(after_search)
        window.clear_filters()

    def show_contacts(self, ids: list[int]) -> None:
        """Select the contacts `ids` in the main window, the search and filters cleared so that they all show."""
        window = self.window
        window.raise_()
        window.activateWindow()
        window.refresh(select_ids=ids)
        window.clear_filters()
        window.statusBar().showMessage(f"{plural(len(ids), 'contact')} that mention the erased person selected", 8000)

    def _select(self, contact_id: int) -> None:
        window = self.window
        row = window.model.row_of(contact_id)
        if row is None:
            return
        window.table.selectRow(row)
        window.table.scrollTo(window.model.index(row, 0))
        window.table.setFocus()


def forget_paths_of(record: ContactRecord) -> int:
    """Forget the remembered paths that name the person `record` (`privacy.names_path`): the folders last imported
    from, exported and backed up to, the recent directory files, and the Qt file dialog's history. Returns how many
    paths were forgotten."""
    forgotten = 0
    # The Qt file dialog's settings are shared with other Qt applications: only its own keys are looked at.
    for settings, group in ((app_settings(), ""), (QSettings(QSettings.Scope.UserScope, "QtProject"), "FileDialog/")):
        for key in settings.allKeys():
            if not key.startswith(group):
                continue
            value = settings.value(key)
            many = isinstance(value, list)
            paths = value if many else [value]
            texts = [v.toString() if isinstance(v, QUrl) else v for v in paths]
            if not texts or not all(isinstance(t, str) for t in texts):
                continue
            named = [bool(t) and ("/" in t or "\\" in t) and names_path(unquote(t), record) for t in texts]
            if not any(named):
                continue
            forgotten += sum(named)
            kept = [v for v, n in zip(paths, named, strict=True) if not n]
            if many and kept:
                settings.setValue(key, kept)
            else:
                settings.remove(key)
        settings.sync()
    return forgotten


def install(window: Any) -> TrustActions:
    """Add the trust actions (File, Edit and View menus, the detail pane) and the one-window-per-directory lock."""
    trust = TrustActions(window)
    window.trust = trust
    window.open_directory_file = trust.open_file
    return trust
