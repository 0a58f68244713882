"""Undo in the real window after later changes: the undo steps find contacts by uid, never by an id that a
restored or new contact may have taken, and refuse rather than overwrite what changed since."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from directory_app.core.batches import rollback_import
from directory_app.core.contacts import add_contact, get_contact, list_events
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.records import ContactInput
from directory_app.core.store import open_directory
from directory_app.ui.main_window import MainWindow
from tests.core.import_helpers import write_csv
from tests.ui.conftest import wait_idle


def _parts(path: Path, uid: str) -> set[str]:
    """The names of the events the contact `uid` takes part in."""
    with sqlite3.connect(path) as c:
        rows = c.execute(
            "SELECT e.name FROM participation p JOIN event e ON e.id = p.event_id "
            "JOIN contact c ON c.id = p.contact_id WHERE c.uid = ?",
            (uid,),
        )
        return {name for (name,) in rows}


def _participants(path: Path, event_id: int) -> set[str]:
    with sqlite3.connect(path) as c:
        rows = c.execute(
            "SELECT c.uid FROM participation p JOIN contact c ON c.id = p.contact_id WHERE p.event_id = ?", (event_id,)
        )
        return {uid for (uid,) in rows}


def _undo(qtbot, window: MainWindow) -> None:
    window.undo_stack.undo()
    wait_idle(qtbot, window)


def _one_event_member(path: Path, event_id: int, other_id: int) -> tuple[int, str]:
    """(id, uid) of a contact of `event_id` who is not in `other_id`."""
    with sqlite3.connect(path) as c:
        return c.execute(
            "SELECT c.id, c.uid FROM participation p JOIN contact c ON c.id = p.contact_id WHERE p.event_id = ? "
            "AND c.id NOT IN (SELECT contact_id FROM participation WHERE event_id = ?) ORDER BY c.id LIMIT 1",
            (event_id, other_id),
        ).fetchone()


def test_undo_of_an_event_merge_after_a_deleted_participant_was_put_back(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    """Merge Events (B into A), Delete a participant of B, Undo, Undo: the participant is in B again (the
    restored contact has a new id; the merge's undo used to look for the old one and drop them)."""
    keep, other = list_events(window.directory)[:2]
    before = {keep.id: _participants(demo_copy, keep.id), other.id: _participants(demo_copy, other.id)}
    cid, uid = _one_event_member(demo_copy, other.id, keep.id)
    window.events._merge(keep, other)
    wait_idle(qtbot, window)
    assert keep.name in _parts(demo_copy, uid)
    window._delete(window.directory, [cid])
    wait_idle(qtbot, window)
    assert not _parts(demo_copy, uid)

    _undo(qtbot, window)  # the deletion: the contact comes back with a new id, in the kept event
    assert keep.name in _parts(demo_copy, uid)
    _undo(qtbot, window)  # the merge
    assert other.name in _parts(demo_copy, uid) and keep.name not in _parts(demo_copy, uid)
    assert {keep.id: _participants(demo_copy, keep.id), other.id: _participants(demo_copy, other.id)} == before


def test_undo_of_an_event_deletion_never_adds_a_new_contact_that_took_a_freed_id(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    """Delete an event, delete its participant with the highest id, a new person is added elsewhere (another
    program on the file takes the freed id), Undo, Undo: the participant is back in the event, the new person
    is not."""
    with sqlite3.connect(demo_copy) as c:
        cid, uid, event_id = c.execute(
            "SELECT c.id, c.uid, p.event_id FROM contact c JOIN participation p ON p.contact_id = c.id "
            "ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
    event = next(e for e in list_events(window.directory) if e.id == event_id)
    before = _participants(demo_copy, event_id)
    window.events._delete(event)
    wait_idle(qtbot, window)
    window._delete(window.directory, [cid])
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as other_program:
        newcomer = add_contact(other_program, ContactInput(given_name="Petar", family_name="Novodosli"))
    assert newcomer.id == cid, "the freed id is taken"

    _undo(qtbot, window)
    _undo(qtbot, window)
    assert _participants(demo_copy, event_id) == before
    assert newcomer.uid not in _participants(demo_copy, event_id)
    assert _parts(demo_copy, uid) >= {event.name}


def _merge_first_two(qtbot, window: MainWindow) -> tuple[int, int]:
    """Merge the first two contacts of the list through Merge Contacts…; returns (kept id, removed id)."""
    ids = window.model.ids()[:2]
    selection = window.table.selectionModel()
    for contact_id in ids:
        row = window.model.row_of(contact_id)
        selection.select(window.model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    wait_idle(qtbot, window)
    window.actionMergeContacts.trigger()
    qtbot.waitUntil(lambda: window.merging.merge_dialog is not None and window.merging.merge_dialog.isVisible())
    merge = window.merging.merge_dialog
    keep, other = merge.plan.keep.id, merge.plan.other.id
    qtbot.mouseClick(merge.findChild(QPushButton, "mergeButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not merge.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    return keep, other


def test_undo_of_a_merge_refuses_when_the_merged_contact_changed_since(
    qtbot, window: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:
    """Merge, an import elsewhere (another program on the file) gives the merged contact a new phone, Undo: the
    undo is refused with a message and the phone stays; the import can still be rolled back exactly."""
    keep, other = _merge_first_two(qtbot, window)
    merged = get_contact(window.directory, keep)
    assert get_contact(window.directory, other) is None
    row = ["First name", "Last name", "E-mail", "Phone", "Country"]
    person = [merged.given_name, merged.family_name, merged.emails[0].address, "+381 64 7654321", merged.country]
    path = write_csv(tmp_path / "list.csv", [row, person])
    with open_directory(demo_copy) as other_program:
        report = import_files(other_program, [path], event=EventSpec(name="Seminar K 2025"))
    assert report.updated == 1

    window.undo_stack.undo()
    wait_idle(qtbot, window)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "was changed after the merge" in box.text()
    now = get_contact(window.directory, keep)
    assert "+381647654321" in [p.e164 for p in now.phones], "the import's phone is kept"
    with sqlite3.connect(demo_copy) as c:
        assert c.execute("SELECT count(*) FROM contact WHERE uid = ?", (merged.uid,)).fetchone()[0] == 1
    box.close()
    result = rollback_import(window.directory, 1)
    assert result.restored == 1 and get_contact(window.directory, keep).phones == merged.phones


def test_undo_of_a_merge_with_nothing_changed_since_puts_both_back(qtbot, window: MainWindow) -> None:
    keep, other = _merge_first_two(qtbot, window)
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert window.findChild(QMessageBox, "errorBox") is None
    assert window.model.rowCount() == 300
    assert get_contact(window.directory, keep) is not None and keep != other


def _updated_at(path: Path, contact_id: int) -> str:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT updated_at FROM contact WHERE id = ?", (contact_id,)).fetchone()[0]


def _imported_elsewhere(demo_copy: Path, tmp_path: Path) -> int:
    """An import by another program on the file that updates a contact (a new phone); returns the contact's id."""
    with sqlite3.connect(demo_copy) as c:
        cid, given, family, email, country = c.execute(
            "SELECT c.id, c.given_name, c.family_name, e.address, c.country_code FROM contact c "
            "JOIN contact_email e ON e.contact_id = c.id ORDER BY c.id LIMIT 1"
        ).fetchone()
    row = ["First name", "Last name", "E-mail", "Phone", "Country"]
    path = write_csv(tmp_path / "list.csv", [row, [given, family, email, "+381 64 7654321", country]])
    with open_directory(demo_copy) as other_program:
        assert import_files(other_program, [path], event=EventSpec(name="Seminar K 2025")).updated == 1
    return cid


def test_undone_mark_verified_is_no_change_for_a_rollback(
    qtbot, window: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:
    cid = _imported_elsewhere(demo_copy, tmp_path)
    before = _updated_at(demo_copy, cid)
    window.trust.mark_verified([cid])
    wait_idle(qtbot, window)
    assert _updated_at(demo_copy, cid) != before
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert _updated_at(demo_copy, cid) == before
    assert rollback_import(window.directory, 1).restored == 1  # not refused as "changed since"


def test_an_event_part_given_then_undone_is_no_change_for_a_rollback(
    qtbot, window: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:
    """A part in an event counts as a change to the contact (a rollback is refused after it); undone, it does not."""
    cid = _imported_elsewhere(demo_copy, tmp_path)
    before = _updated_at(demo_copy, cid)
    event = next(e for e in list_events(window.directory) if e.name != "Seminar K 2025")
    window.events._set_part([cid], event.id, event.name, "speaker")
    wait_idle(qtbot, window)
    assert _updated_at(demo_copy, cid) != before
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert _updated_at(demo_copy, cid) == before
    assert rollback_import(window.directory, 1).restored == 1
