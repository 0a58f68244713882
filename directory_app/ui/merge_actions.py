"""Edit > Merge Contacts… and Edit > Find Duplicates… in the main window: thin wrappers over core/merging.py.

Every core call runs on the window's worker (`window.runner`), except the search for duplicates, which reads
through a connection of its own on a thread of its own (`tasks.Job`); the dialogs are only touched when results
come back. A merge and a "not the same person" are undoable steps on the window's undo stack (ui/commands.py).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from directory_app.core.contacts import get_contacts
from directory_app.core.merging import DuplicatePair, MergeResult, find_duplicates, mark_not_duplicate, merge_contacts
from directory_app.core.records import ContactRecord
from directory_app.ui.commands import MarkDifferentCommand, MergeContactsCommand
from directory_app.ui.menus import insert_after
from directory_app.ui.merge_dialogs import DuplicatesDialog, MergeDialog
from directory_app.ui.tasks import Job, error_message


class MergeActions(QObject):
    """The merge actions and dialogs of one main window (`window.merging`)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.merge_dialog: MergeDialog | None = None
        self.duplicates_dialog: DuplicatesDialog | None = None
        self._scans = 0  # duplicate scans started
        self.action_merge = QAction("Mer&ge Contacts…", window)
        self.action_merge.setObjectName("actionMergeContacts")
        self.action_merge.setStatusTip("Merge the two selected contacts into one (undo with Ctrl+Z)")
        self.action_merge.triggered.connect(lambda _checked=False: self.merge_selected())
        self.action_duplicates = QAction("F&ind Duplicates…", window)
        self.action_duplicates.setObjectName("actionFindDuplicates")
        self.action_duplicates.setStatusTip("Contacts that may be the same person: merge them, or keep them apart")
        self.action_duplicates.triggered.connect(lambda _checked=False: self.open_duplicates())
        window.actionMergeContacts = self.action_merge
        window.actionFindDuplicates = self.action_duplicates
        insert_after(window.edit_menu, window.action_delete, self.action_merge, self.action_duplicates)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        window.searchFinished.connect(self.update_actions)
        window.directoryChanged.connect(self._directory_changed)
        window.action_undo.triggered.connect(lambda _checked=False: self._rescan_after_step())
        window.action_redo.triggered.connect(lambda _checked=False: self._rescan_after_step())
        self.update_actions()

    def update_actions(self) -> None:
        has_directory = self.window.directory is not None
        self.action_merge.setEnabled(has_directory and len(self.window.selected_contact_ids()) == 2)
        self.action_duplicates.setEnabled(has_directory)

    def _directory_changed(self, *_args: object) -> None:
        for dialog in (self.merge_dialog, self.duplicates_dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.close()
        self.update_actions()

    # =========================================================================================== merge

    def merge_selected(self) -> None:
        ids = self.window.selected_contact_ids()
        if len(ids) == 2 and self.window.directory is not None:
            self._load_and_merge(ids[0], ids[1], self.window)

    def _load_and_merge(self, first: int, second: int, parent: Any) -> None:
        directory = self.window.directory

        def loaded(records: list[ContactRecord]) -> None:
            if len(records) != 2:
                self.window.show_error("one of the two contacts is no longer in the directory")
                return
            by_id = {r.id: r for r in records}
            self.open_merge(by_id[first], by_id[second], parent)

        self.window.runner.run(lambda: get_contacts(directory, [first, second]), loaded, self._failed)

    def open_merge(self, first: ContactRecord, second: ContactRecord, parent: Any = None) -> MergeDialog:
        if self.merge_dialog is not None and shiboken6.isValid(self.merge_dialog):
            self.merge_dialog.close()
        dialog = MergeDialog(first, second, parent or self.window)
        dialog.setModal(True)
        dialog.mergeRequested.connect(lambda keep, other, take: self._merge(dialog, keep, other, take))
        self.merge_dialog = dialog
        dialog.show()
        return dialog

    def _merge(self, dialog: MergeDialog, keep: int, other: int, take: list[str]) -> None:
        window = self.window
        directory = window.directory
        if directory is None:
            dialog.merge_failed("no directory is open")
            return

        def done(result: MergeResult) -> None:
            if shiboken6.isValid(dialog):
                dialog.merged()
            window.undo_stack.push(MergeContactsCommand(window, directory, result, take))
            window.statusBar().showMessage(
                f"Merged {result.other.display_name or 'a contact'} into {result.merged.display_name}", 6000
            )
            if self.duplicates_dialog is not None and shiboken6.isValid(self.duplicates_dialog):
                self.duplicates_dialog.drop([other])
            window.refresh(select_ids=[result.merged.id])

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(dialog):
                dialog.merge_failed(error_message(exc))
            else:
                window.show_error(error_message(exc))

        window.runner.run(lambda: merge_contacts(directory, keep, other, take), done, failed)

    # =========================================================================================== duplicates

    def open_duplicates(self) -> DuplicatesDialog | None:
        window = self.window
        directory = window.directory
        if directory is None:
            return None
        if self.duplicates_dialog is not None and shiboken6.isValid(self.duplicates_dialog):
            self.duplicates_dialog.close()
        dialog = DuplicatesDialog(window)
        # The window's Undo and Redo, with their keys (Ctrl+Z), work in this window too, as in Events: a merge or
        # "not the same person" is undone where it was done. The list is looked for again after the step.
        dialog.addActions([window.action_undo, window.action_redo])
        dialog.mergeRequested.connect(lambda pair: self._load_and_merge(pair.first.id, pair.second.id, dialog))
        dialog.differentRequested.connect(lambda pair: self._different(dialog, pair))
        self.duplicates_dialog = dialog
        dialog.show()
        self._scan(dialog)
        return dialog

    def _rescan_after_step(self) -> None:
        """After an undo or redo (from any window) the open list of duplicates is looked for again: a merge undone
        brings its pair back. The scan starts once the step's own work on the worker is done."""
        dialog = self.duplicates_dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return
        self.window.runner.run(lambda: None, lambda _none: self._scan(dialog) if shiboken6.isValid(dialog) else None)

    def _scan(self, dialog: DuplicatesDialog) -> None:
        directory = self.window.directory
        if directory is None:
            return

        self._scans += 1
        scan_id = self._scans  # a scan started later (after another undo) supersedes this one

        def found(scan) -> None:  # DuplicateScan
            if shiboken6.isValid(dialog) and scan_id == self._scans:
                dialog.set_scan(scan)

        def failed(message: str) -> None:
            if shiboken6.isValid(dialog) and scan_id == self._scans:
                dialog.set_error(message)

        # Beside the worker, through a connection of its own: searches typed meanwhile are not held up.
        job = Job(lambda _job: find_duplicates(directory))
        job.done.connect(found)
        job.failed.connect(failed)
        job.start()

    def _different(self, dialog: DuplicatesDialog, pair: DuplicatePair) -> None:
        window = self.window
        directory = window.directory
        if directory is None:
            return
        uids = (pair.first.uid, pair.second.uid)

        def done(_result: object) -> None:
            names = f"{pair.first.name} and {pair.second.name}"
            window.undo_stack.push(MarkDifferentCommand(window, directory, uids, names))
            window.statusBar().showMessage(f"{names} are different people: no longer shown as a pair", 6000)
            if shiboken6.isValid(dialog):
                dialog.drop(pair=pair)

        window.runner.run(lambda: mark_not_duplicate(directory, *uids), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.window.show_error(error_message(exc))


def install(window: Any) -> MergeActions:
    """Add Edit > Merge Contacts… and Edit > Find Duplicates…."""
    merging = MergeActions(window)
    window.merging = merging
    return merging
