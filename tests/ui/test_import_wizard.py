"""The import wizard driven by qtbot on a real file and a real directory."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu, QWizard

from directory_app.core.contacts import contact_count, list_events
from directory_app.ui.import_wizard import ImportWizard, install, load_mappings
from tests.core.import_helpers import HEADER, person, write_xlsx


def make_list(tmp_path):
    return write_xlsx(
        tmp_path / "skopje_2017.xlsx",
        {
            "Participants": [
                ["Workshop on JITs - Skopje, 12 May 2017"],
                HEADER,
                person(1, "MARIĆ", "Ana", "Croatia", "ana@example.hr", "01 4567 890"),
                person(2, "", "", "Croatia", "nobody@example.hr"),
            ],
            "Speakers": [["Full name", "E-mail"], ["Mr. Ivo HORVAT", "ivo@example.hr"]],
        },
    )


def test_wizard_imports_a_list(qtbot, directory, tmp_path) -> None:
    wizard = ImportWizard(directory, None, str(make_list(tmp_path)))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    assert wizard.file_page.sheets.count() == 2
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    combo = wizard.mapping_page.table.cellWidget(0, 2)
    assert combo.currentData() == "family_name"
    # Correct a column: "Expertise" is not to be imported. The correction is remembered for this layout.
    wizard.mapping_page.table.cellWidget(0, 9).setCurrentIndex(combo.findData("ignore"))
    assert any(m[9] is None for m in load_mappings().values())
    wizard.next()
    assert wizard.event_page.name.text() == "Workshop on JITs - Skopje, 12 May 2017"
    assert wizard.event_page.event_spec().start_date.isoformat() == "2017-05-12"
    wizard.event_page.name.setText("Skopje JIT workshop 2017")
    wizard.next()
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert page.table.rowCount() == 3
    statuses = [page.table.item(r, 0).text() for r in range(3)]
    assert statuses == ["new", "skipped", "new"]
    assert contact_count(directory) == 0  # the preview wrote nothing
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    assert contact_count(directory) == 2
    assert list_events(directory)[0].name == "Skopje JIT workshop 2017"
    assert "2 created" in wizard.report_page.summary.text()
    assert "no name" in wizard.report_page.details.toPlainText()


def test_install_adds_the_action_and_accepts_drops(qtbot, directory) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.file_menu = QMenu("&File", window)
    window.directory = directory
    refreshed = []
    window.refresh = lambda: refreshed.append(1)
    install(window)
    action = window.findChild(type(window.actionImport), "actionImport")
    assert action is not None and action.shortcut().toString() == "Ctrl+I"
    assert action in window.file_menu.actions()
    assert window.acceptDrops()
