"""Undo of an organisation renamed, after its old name was used again: never a raw database error; the contacts
under the old name are back in the one organisation of that name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from directory_app.core.contacts import add_contact, get_contact, update_contact
from directory_app.core.organisations import list_organisations
from directory_app.core.records import ContactInput
from directory_app.core.store import open_directory
from directory_app.ui.commands import EditContactCommand
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _organisations(path: Path, name: str, country: str | None) -> list[tuple[int, int]]:
    """(id, contacts) of the organisations called `name` in `country`."""
    with sqlite3.connect(path) as c:
        return c.execute(
            "SELECT o.id, (SELECT count(*) FROM contact WHERE organisation_id = o.id) FROM organisation o "
            "WHERE o.name = ? AND o.country_code IS ?",
            (name, country),
        ).fetchall()


def _rename_first(qtbot, window: MainWindow):  # -> OrganisationRecord
    org = next(o for o in list_organisations(window.directory) if o.contacts >= 2)
    window.organisations._rename(org, org.name + " (renamed)", None)
    wait_idle(qtbot, window)
    return org


def test_undo_a_rename_after_an_edit_that_used_the_old_name_was_undone(
    qtbot, window: MainWindow, demo_copy: Path
) -> None:
    """Rename, edit a contact of another organisation into the old name, Undo, Undo: the edit's organisation row
    stays behind with the old name; the rename's undo used to fail on it (UNIQUE constraint failed)."""
    org = _rename_first(qtbot, window)
    with sqlite3.connect(demo_copy) as c:
        (cid,) = c.execute(
            "SELECT id FROM contact WHERE country_code IS ? AND organisation_id != ? LIMIT 1", (org.country, org.id)
        ).fetchone()
    before = get_contact(window.directory, cid)
    data = before.to_input()
    data.organisation = org.name
    after = update_contact(window.directory, cid, data)
    window.undo_stack.push(EditContactCommand(window, window.directory, before, after))  # as the dialog does

    window.undo_stack.undo()
    wait_idle(qtbot, window)
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert window.findChild(QMessageBox, "errorBox") is None
    assert _organisations(demo_copy, org.name, org.country) == [(org.id, org.contacts)]


def test_undo_a_rename_after_another_program_named_the_old_name(qtbot, window: MainWindow, demo_copy: Path) -> None:
    org = _rename_first(qtbot, window)
    with open_directory(demo_copy) as other_program:  # an import from the command line, say
        newcomer = add_contact(
            other_program,
            ContactInput(given_name="Petar", family_name="Novodosli", country=org.country, organisation=org.name),
        )
    window.undo_stack.undo()
    wait_idle(qtbot, window)
    assert window.findChild(QMessageBox, "errorBox") is None
    assert _organisations(demo_copy, org.name, org.country) == [(org.id, org.contacts + 1)]
    assert get_contact(window.directory, newcomer.id).organisation == org.name
