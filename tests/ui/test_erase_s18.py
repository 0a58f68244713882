"""Erase Person Completely, in the window: the box that says it is done tells what else went (the event named after
the person) and which backups still hold them, and where; the dialog and the box name the other contacts that
mention the person (the box shows them), whose texts lose the name when asked; remembered paths naming them go."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QMessageBox, QPushButton

from directory_app.core.backup import backup_before, backups_dir
from directory_app.core.contacts import list_events
from directory_app.core.importing import import_files
from directory_app.ui.main_window import MainWindow
from directory_app.ui.settings import RecentFiles, app_settings
from tests.core.import_helpers import docx_table, write_docx
from tests.core.test_erase_s18 import ANA, _colleagues
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


# ------------------------------------------------------------------------------------------------ mentions


def _erase_ana(qtbot, window: MainWindow, tmp_path: Path, *, also: bool) -> tuple[dict[str, int], QMessageBox]:
    """Ana Kovač and colleagues whose texts mention her, from a real file; Erase Person Completely on her, with
    "Also replace the name" ticked or not."""
    directory = window.directory
    ids = on_worker(qtbot, window, lambda: _colleagues(directory, tmp_path))
    window.refresh()
    wait_idle(qtbot, window)
    select_contact(qtbot, window, ids["Kovač"])
    window.actionErasePerson.trigger()
    qtbot.waitUntil(lambda: window.trust.erase_dialog is not None)
    dialog = window.trust.erase_dialog
    assert dialog.mentions_label is not None and dialog.also_mentions_check is not None
    assert dialog.mentions_label.text().startswith(
        "2 other contacts mention Ana Kovač: Marko Marić (notes), Јована Петровић (position, keywords)."
    )
    if os.environ.get("ERASE_S18_SHOT"):
        dialog.grab().save(os.environ["ERASE_S18_SHOT"].replace(".png", "-dialog.png"))
    dialog.also_mentions_check.setChecked(also)
    dialog.confirm_edit.setText("ana kovac")
    dialog.erase_button.click()
    box = click_box(qtbot, window, "eraseDoneBox")
    if os.environ.get("ERASE_S18_SHOT"):
        box.grab().save(os.environ["ERASE_S18_SHOT"].replace(".png", f"-{also}.png"))
    return ids, box


def _notes(window: MainWindow, contact_id: int) -> str:
    with sqlite3.connect(window.directory.path) as c:
        return c.execute("SELECT notes FROM contact WHERE id = ?", (contact_id,)).fetchone()[0]


def test_the_done_box_lists_the_contacts_that_mention_the_person_and_shows_them(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    ids, box = _erase_ana(qtbot, window, tmp_path, also=False)
    marko, jovana = ids["Marić"], ids["Петровић"]
    assert (f"2 other contacts mention Ana Kovač: #{marko} Marko Marić (notes), #{jovana} Јована Петровић (position, "
            "keywords) — edit them if the mention must go.") in box.informativeText()  # fmt: skip
    assert box.detailedText().splitlines()[0] == (
        f"#{marko} Marko Marić (notes): “Focal point since 2023: replaced Ana Kovač as focal point when she moved…”"
    )
    assert "replaced Ana Kovač" in _notes(window, marko)  # listed, not rewritten
    window.search_edit.setText("inspector")  # a search that hides Jovana
    wait_idle(qtbot, window)
    box.findChild(QPushButton, "eraseShowMentions").click()
    qtbot.waitUntil(lambda: sorted(window.selected_contact_ids()) == sorted([marko, jovana]))
    assert window.search_edit.text() == ""


def test_ticked_the_name_is_replaced_in_their_texts(qtbot, window: MainWindow, tmp_path: Path) -> None:
    ids, box = _erase_ana(qtbot, window, tmp_path, also=True)
    marko = ids["Marić"]
    assert "The person's name now reads “(erased)” in the texts of 2 other contacts: #" in box.informativeText()
    assert "edit them if the mention must go" not in box.informativeText()
    assert _notes(window, marko).startswith("Focal point since 2023: replaced (erased) as focal point")
    assert window.undo_stack.count() == 0  # no undo writes the erased name back
    box.accept()


def test_remembered_paths_that_name_the_person_are_forgotten(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The folder an import was last made from, a recent directory file named after her; the others stay."""
    settings = app_settings()
    kept = str(window.directory.path.resolve())
    settings.setValue("files/lastFolder", str(tmp_path / "Ana Kovač"))
    settings.setValue("export/folder", str(tmp_path / "exports"))
    settings.setValue(RecentFiles.KEY, [str(tmp_path / "Kovac_contacts.db"), kept])
    settings.sync()
    qt_dialog = QSettings(QSettings.Scope.UserScope, "QtProject")  # the Qt file dialog's history, as URLs
    qt_dialog.setValue("FileDialog/history", [QUrl.fromLocalFile(str(tmp_path / "Ана Ковач")).toString(
        QUrl.ComponentFormattingOption.FullyEncoded), QUrl.fromLocalFile(str(tmp_path)).toString()])  # fmt: skip
    qt_dialog.setValue("Other/path", str(tmp_path / "Ana Kovač"))  # another application's: left alone
    qt_dialog.sync()
    _ids, box = _erase_ana(qtbot, window, tmp_path, also=False)
    assert "3 remembered folders and recent files whose path named the person were forgotten." in box.informativeText()
    qt_dialog = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert qt_dialog.value("FileDialog/history") == [QUrl.fromLocalFile(str(tmp_path)).toString()]
    assert qt_dialog.value("Other/path") == str(tmp_path / "Ana Kovač")
    settings = app_settings()
    assert settings.value("files/lastFolder") is None
    assert settings.value("export/folder") == str(tmp_path / "exports")
    assert [str(p) for p in RecentFiles(settings).paths()] == [kept]
