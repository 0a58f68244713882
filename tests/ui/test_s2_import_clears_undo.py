"""An import committed from the wizard clears the window's undo steps (as rolling back an import and erasing a
person do): an older step undone afterwards would change what the import did behind its history's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QWizard

from directory_app.ui.import_wizard import ImportWizard, open_import_wizard
from directory_app.ui.main_window import MainWindow
from tests.core.import_helpers import write_csv
from tests.ui.conftest import wait_idle


def test_an_import_from_the_wizard_clears_the_undo_steps(
    qtbot, window: MainWindow, demo_copy: Path, tmp_path: Path
) -> None:
    """Delete a contact, import a list holding the same person (a new contact), then no Undo can bring the
    deleted one back beside the imported one."""
    with sqlite3.connect(demo_copy) as c:
        cid, given, family, email = c.execute(
            "SELECT c.id, c.given_name, c.family_name, e.address FROM contact c "
            "JOIN contact_email e ON e.contact_id = c.id ORDER BY c.id LIMIT 1"
        ).fetchone()
    window._delete(window.directory, [cid])
    wait_idle(qtbot, window)
    assert window.undo_stack.canUndo()

    path = write_csv(tmp_path / "list.csv", [["First name", "Last name", "E-mail"], [given, family, email]])
    wizard = open_import_wizard(window, str(path))
    assert isinstance(wizard, ImportWizard)
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    while wizard.currentPage() is not wizard.preview_page:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    wait_idle(qtbot, window)

    assert not window.undo_stack.canUndo()
    window.action_undo.trigger()  # disabled: nothing happens
    wait_idle(qtbot, window)
    with sqlite3.connect(demo_copy) as c:
        assert c.execute("SELECT count(*) FROM contact_email WHERE address = ?", (email,)).fetchone()[0] == 1
    wizard.accept()
