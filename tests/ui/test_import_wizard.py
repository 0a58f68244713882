"""The import wizard driven by qtbot on a real file and a real directory."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu, QWizard

from directory_app.core.contacts import contact_count, list_events
from directory_app.ui import gc_guard, import_wizard
from directory_app.ui.import_wizard import ImportWizard, install, load_mappings, preview_records
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


def go_to_preview(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page


def test_the_preview_counts_rows_while_it_checks_and_shows_the_first_ones(qtbot, directory, tmp_path, monkeypatch):
    """A long list: the progress bar counts the rows being checked, then hides; the table shows the first
    PREVIEW_ROWS rows, whose details were built off the GUI thread for those rows only."""
    monkeypatch.setattr(import_wizard, "PREVIEW_ROWS", 40)
    rows = [person(n, f"SURNAME{n}", "Ana", "Croatia", f"ana{n}@example.hr", f"01 4567 {n:03d}") for n in range(120)]
    path = write_xlsx(tmp_path / "long.xlsx", {"Participants": [HEADER, *rows]})
    wizard = ImportWizard(directory, None, str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.preview_page
    seen: list[tuple[int, int]] = []
    page.progress.valueChanged.connect(lambda value: seen.append((value, page.progress.maximum())))
    go_to_preview(qtbot, wizard)
    assert page.progress.isVisibleTo(wizard)
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    assert not page.progress.isVisibleTo(wizard)
    assert seen and seen[-1] == (120, 120) and [v for v, _ in seen] == sorted(v for v, _ in seen)
    assert page.table.rowCount() == 40 and "The first 40 rows are shown" in page.summary.text()
    assert "120 would be created" in page.summary.text()
    assert page.table.item(39, 7).text() == "+385 1 4567 039"  # phone formatted for the row shown

    records = preview_records(wizard.plan, page.report.outcomes[:3])
    assert sorted(k[2] for k in records) == [2, 3, 4] and records[("long.xlsx", "Participants", 2)]["country"] == "HR"

    wizard.reject()  # Cancel: the wizard lets go of the list (see gc_guard.hold)
    assert wizard.plan is None and page.report is None and gc_guard.frozen() == 0


def test_a_preview_left_and_entered_again_shows_only_the_newest(qtbot, directory, tmp_path) -> None:
    """Back then Next while the first check still runs: its late answer is dropped, the newest is shown once."""
    wizard = ImportWizard(directory, None, str(make_list(tmp_path)))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.preview_page
    shown: list[str] = []
    original_show = page._show
    page._show = lambda report, records: (shown.append(report.event), original_show(report, records))
    go_to_preview(qtbot, wizard)
    wizard.back()
    wizard.event_page.name.setText("Renamed workshop")
    wizard.next()
    qtbot.waitUntil(lambda: page.report is not None and not page._busy, timeout=10_000)
    qtbot.wait(300)  # time for the first job's answer to arrive, if it were to be shown
    assert shown == ["Renamed workshop"] and page.report.event == "Renamed workshop"
    assert page.table.rowCount() == 3


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
