"""Edit > Find Duplicates… and Edit > Merge Contacts… in the real window on the demo network."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton, QTableView

from directory_app.core.contacts import contact_count, get_contacts
from directory_app.core.merging import find_duplicates
from directory_app.core.store import open_directory
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _row_of(window: MainWindow, contact_id: int) -> int:
    row = window.model.row_of(contact_id)
    assert row is not None
    return row


def test_find_duplicates_merge_a_pair_with_a_choice_then_undo(qtbot, window: MainWindow, demo_copy: Path) -> None:
    with open_directory(demo_copy) as d:
        expected = find_duplicates(d).pairs
    assert len(expected) >= 2  # the demo network holds a few people twice, in two scripts or two organisations

    window.actionFindDuplicates.trigger()
    assert window.runner.is_idle()  # the scan is beside the worker: searches typed meanwhile do not wait for it
    dialog = window.merging.duplicates_dialog
    table = dialog.findChild(QTableView, "duplicatesTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == len(expected), timeout=10_000)
    assert dialog.findChild(QLabel, "duplicatesStatus").text() == f"{len(expected)} possible pairs."
    pair = expected[0]
    assert table.model().index(0, 0).data() == pair.first.name

    qtbot.mouseClick(dialog.findChild(QPushButton, "mergePairButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.merging.merge_dialog is not None and window.merging.merge_dialog.isVisible())
    merge = window.merging.merge_dialog
    assert merge.plan.keep.id == pair.first.id and merge.plan.other.id == pair.second.id
    [organisation] = [c for c in merge.plan.conflicts if c.field == "organisation"]
    merge.findChild(QRadioButton, "take_organisation").setChecked(True)
    qtbot.mouseClick(merge.findChild(QPushButton, "mergeButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not merge.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)

    assert window.model.rowCount() == 299
    assert window.selected_contact_ids() == [pair.first.id]
    assert table.model().rowCount() == len(expected) - 1  # the pair is gone from the list
    [merged] = get_contacts(window.directory, [pair.first.id])
    assert merged.organisation == organisation.other
    assert f"Organisation also recorded as: {organisation.kept}" in merged.notes
    assert "Merged" in window.statusBar().currentMessage()

    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 300
    with open_directory(demo_copy) as d:
        assert contact_count(d) == 300
        assert get_contacts(d, [pair.first.id])[0].organisation == organisation.kept


def test_merge_two_selected_contacts_the_other_way_round(qtbot, window: MainWindow) -> None:
    ids = window.model.ids()[:2]
    window.table.setFocus()
    window.table.selectRow(_row_of(window, ids[0]))
    window.table.selectionModel().select(
        window.model.index(_row_of(window, ids[1]), 0),
        window.table.selectionModel().SelectionFlag.Select | window.table.selectionModel().SelectionFlag.Rows,
    )
    wait_idle(qtbot, window)
    assert window.actionMergeContacts.isEnabled()
    window.actionMergeContacts.trigger()
    qtbot.waitUntil(lambda: window.merging.merge_dialog is not None and window.merging.merge_dialog.isVisible())
    merge = window.merging.merge_dialog
    qtbot.mouseClick(merge.findChild(QPushButton, "swapMergeButton"), Qt.MouseButton.LeftButton)
    assert merge.plan.keep.id == ids[1]
    assert "The kept contact gains:" in merge.findChild(QLabel, "mergeAdditions").text()
    qtbot.mouseClick(merge.findChild(QPushButton, "mergeButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not merge.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    assert window.selected_contact_ids() == [ids[1]] and ids[0] not in window.model.ids()


def test_not_the_same_person_is_remembered_and_undoable(qtbot, window: MainWindow, demo_copy: Path) -> None:
    window.actionFindDuplicates.trigger()
    dialog = window.merging.duplicates_dialog
    table = dialog.findChild(QTableView, "duplicatesTable")
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10_000)
    before = table.model().rowCount()
    qtbot.mouseClick(dialog.findChild(QPushButton, "differentPairButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.model().rowCount() == before - 1, timeout=10_000)
    with open_directory(demo_copy) as d:
        assert len(find_duplicates(d).pairs) == before - 1
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as d:
        assert len(find_duplicates(d).pairs) == before


def test_a_merge_that_fails_says_why_in_the_dialog_and_changes_nothing(qtbot, window: MainWindow) -> None:
    from directory_app.core.contacts import delete_contacts

    first, second = get_contacts(window.directory, window.model.ids()[:2])
    merge = window.merging.open_merge(first, second)
    delete_contacts(window.directory, [second.id])  # gone meanwhile (another window, say)
    qtbot.mouseClick(merge.findChild(QPushButton, "mergeButton"), Qt.MouseButton.LeftButton)
    error = merge.findChild(QLabel, "mergeError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == f"The contacts were not merged: no contact with id {second.id} (deleted meanwhile?)"
    assert merge.isVisible() and merge.findChild(QPushButton, "mergeButton").isEnabled()
    assert get_contacts(window.directory, [first.id]) == [first]
    assert not window.undo_stack.canUndo()
