"""After an import, the main window's status bar says what came in (the wizard's report, in one line), whichever
way the wizard was opened (File > Import, a dropped file, the welcome page: all through import_actions)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from directory_app.ui.import_actions import open_import_wizard
from directory_app.ui.main_window import MainWindow
from tests.core.import_helpers import HEADER, person, write_xlsx
from tests.ui.conftest import wait_idle


def test_the_status_bar_says_what_an_import_brought(qtbot, window: MainWindow, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "skopje_2017.xlsx",
        {
            "Participants": [
                ["Workshop on JITs - Skopje, 12 May 2017"],
                HEADER,
                person(1, "MARIĆ", "Ana", "Croatia", "ana@example.hr", "01 4567 890"),
                person(2, "HORVAT", "Ivo", "Croatia", "ivo@example.hr"),
                person(3, "", "", "Croatia", "nobody@example.hr"),
            ]
        },
    )
    wizard = open_import_wizard(window, str(path))
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete(), timeout=10_000)
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 302
    wizard.close()
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported skopje_2017.xlsx: 2 created, 0 updated"), message
