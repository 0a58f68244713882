"""Erase Person Completely, in the window: the box that says it is done tells what else went (the event named after
the person) and which backups still hold them, and where."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from directory_app.core.backup import backup_before, backups_dir
from directory_app.core.contacts import list_events
from directory_app.core.importing import import_files
from directory_app.ui.main_window import MainWindow
from tests.core.import_helpers import docx_table, write_docx
from tests.core.test_erase_s18 import ANA
from tests.ui.conftest import wait_idle
from tests.ui.test_trust import click_box, on_worker, select_contact


def test_the_done_box_names_the_renamed_event_and_where_the_backups_are(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    directory = window.directory
    form = write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))
    on_worker(qtbot, window, lambda: import_files(directory, [form]))
    on_worker(qtbot, window, lambda: backup_before(directory, "daily"))
    window.refresh()
    wait_idle(qtbot, window)
    with sqlite3.connect(directory.path) as c:
        (contact_id,) = c.execute("SELECT contact_id FROM contact_email WHERE address = 'ana.kovac@mup.hr'").fetchone()
    select_contact(qtbot, window, contact_id)
    window.actionErasePerson.trigger()
    qtbot.waitUntil(lambda: window.trust.erase_dialog is not None)
    dialog = window.trust.erase_dialog
    dialog.confirm_edit.setText("ana kovac")
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    box = click_box(qtbot, window, "eraseDoneBox")
    if os.environ.get("ERASE_S18_SHOT"):
        box.grab().save(os.environ["ERASE_S18_SHOT"])
    text = box.informativeText()
    assert "1 event named after the person renamed: it is now “(erased)”." in text
    assert f"Backups taken before still hold the person, and erasing cannot change them: 1 automatic backup in " \
           f"{backups_dir(directory.path)} (until it rotates out)." in text  # fmt: skip
    assert "Ana" not in text
    box.accept()
    wait_idle(qtbot, window)
    assert "Form Ana Kovač" not in [e.name for e in list_events(directory)]
