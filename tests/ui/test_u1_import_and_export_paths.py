"""Saving a participants list, a coverage matrix or an import report: a file already there under the name with the
suffix added after the file dialog is asked about, and the dialog opens in the folder last exported to. The import
wizard's preview line follows the answers, its Last day opens near the First day, the city names are loaded off
the GUI thread, and the status bar's line after an import fits a small window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget, QWizard

from directory_app.core import countries
from directory_app.core.contacts import add_contact
from directory_app.core.importing import EventSpec, import_plans, plan_file
from directory_app.core.records import ContactInput
from directory_app.ui import import_wizard
from directory_app.ui.coverage_view import ask_save_path
from directory_app.ui.export_actions import FOLDER_KEY, export_written
from directory_app.ui.import_preview import DECISION_COLUMN
from directory_app.ui.import_wizard import ImportWizard, imported_text
from directory_app.ui.settings import app_settings
from tests.core.import_helpers import HEADER, person, write_xlsx
from tests.ui.test_import_wizard import event_page


class Chooser:
    """The file dialog's answers, in turn ("" is Cancel), and the names it was opened with."""

    def __init__(self, monkeypatch, *answers: str) -> None:
        self.answers, self.opened_at = list(answers), []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, _parent, _title, proposed, _filters):
        self.opened_at.append(proposed)
        return (self.answers.pop(0) if self.answers else ""), ""


def answer_replace(qtbot, button: str, seen: list[str]) -> None:
    """Answer the next "Replace?" question with `button` ("Replace" or "Cancel") once it is shown (it is modal)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        assert box.defaultButton().text() == "Cancel"
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()

    QTimer.singleShot(0, answer)


def test_a_suffixed_name_already_there_is_asked_about_and_cancel_goes_back(qtbot, tmp_path, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    existing = tmp_path / "plist.xlsx"
    existing.write_bytes(b"the list of last week")
    chooser = Chooser(monkeypatch, str(tmp_path / "plist"), "")
    seen: list[str] = []
    answer_replace(qtbot, "Cancel", seen)
    assert ask_save_path(parent, "Save the participants list", "Participants - X.xlsx", "xlsx") is None
    assert seen == ["“plist.xlsx” already exists. Do you want to replace it?"]
    assert chooser.opened_at[1] == str(existing)  # back in the file dialog, at the file asked about
    assert existing.read_bytes() == b"the list of last week"

    Chooser(monkeypatch, str(tmp_path / "plist"))
    answer_replace(qtbot, "Replace", seen)
    assert ask_save_path(parent, "Save the participants list", "Participants - X.xlsx", "xlsx") == existing

    Chooser(monkeypatch, str(tmp_path / "new"))  # no file there: nothing to ask
    assert ask_save_path(parent, "Save", "coverage.pdf", "pdf") == tmp_path / "new.pdf"


def test_the_dialog_opens_in_the_folder_last_exported_to(qtbot, tmp_path, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    app_settings().setValue(FOLDER_KEY, str(tmp_path))  # as the Export dialog leaves it
    chooser = Chooser(monkeypatch, str(tmp_path / "lists" / "plist.xlsx"))
    (tmp_path / "lists").mkdir()
    chosen = ask_save_path(parent, "Save the participants list", "Participants - X.xlsx", "xlsx")
    assert chooser.opened_at == [str(tmp_path / "Participants - X.xlsx")]
    assert app_settings().value(FOLDER_KEY) == str(tmp_path)  # chosen, not yet written: not remembered
    chosen.write_bytes(b"the list")
    export_written(chosen)  # as the export does once the file is written (tests/ui/test_dialogs_s18.py)
    assert app_settings().value(FOLDER_KEY) == str(tmp_path / "lists")  # where the next one starts
    chooser = Chooser(monkeypatch)
    ask_save_path(parent, "Save the participants' QR codes", "QR codes - X.pdf", "pdf")
    assert chooser.opened_at == [str(tmp_path / "lists" / "QR codes - X.pdf")]


def duplicates_list(directory, tmp_path: Path):
    ana = add_contact(directory, ContactInput(given_name="Ana", family_name="Marić", country="HR"))
    add_contact(directory, ContactInput(given_name="Ivo", family_name="Horvat", country="HR"))
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"Participants": [["Workshop on JITs - Durrës, 12-14 May 2017"], HEADER,
                          person(1, "MARIĆ", "Ana", "Croatia", "ana@example.hr"),
                          person(2, "HORVAT", "Ivo", "Croatia", "ivo@example.hr"),
                          person(3, "NOVAK", "Eva", "Croatia", "eva@example.hr")]},
    )  # fmt: skip
    return ana, path


def to_preview(qtbot, directory, path) -> ImportWizard:
    wizard = event_page(qtbot, directory, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    return wizard


def answer(qtbot, page, row: int, wanted) -> None:
    """Choose `wanted` in a row's drop-down list, as a click and a choice do."""
    index = page.model.index(row, DECISION_COLUMN)
    page.table.setCurrentIndex(index)
    combo = page.table.indexWidget(index)
    choice = combo.findData(wanted)
    combo.setCurrentIndex(choice)
    combo.activated.emit(choice)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None)


def test_the_preview_line_follows_the_answers_and_the_import_says_the_same(qtbot, directory, tmp_path) -> None:
    ana, path = duplicates_list(directory, tmp_path)
    wizard = to_preview(qtbot, directory, path)
    page = wizard.preview_page
    assert page.summary.text() == (
        "If imported now: 3 would be created, 0 would be updated, 0 unchanged, 0 skipped "
        "(2 possible duplicates to check)."
    )
    answer(qtbot, page, 0, ana.id)
    assert page.summary.text() == (
        "If imported now: 2 would be created, 1 would be updated, 0 unchanged, 0 skipped "
        "(1 possible duplicate to check)."
    )
    answer(qtbot, page, 1, "skip")
    expected = "1 would be created, 1 would be updated, 0 unchanged, 1 skipped"
    assert page.summary.text() == f"If imported now: {expected}."
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    assert wizard.final_report.summary() == expected.replace("would be ", "")


def test_the_report_saved_without_its_suffix_asks_before_replacing(qtbot, directory, tmp_path, monkeypatch) -> None:
    _ana, path = duplicates_list(directory, tmp_path)
    wizard = to_preview(qtbot, directory, path)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    existing = tmp_path / "report.xlsx"
    existing.write_bytes(b"last week's report")
    chooser = Chooser(monkeypatch, str(tmp_path / "report"), "")
    seen: list[str] = []
    answer_replace(qtbot, "Cancel", seen)
    wizard.report_page.save_button.click()
    assert seen and existing.read_bytes() == b"last week's report"
    assert Path(chooser.opened_at[0]).name == "import report - list.xlsx"
    Chooser(monkeypatch, str(tmp_path / "report"))
    answer_replace(qtbot, "Replace", seen)
    wizard.report_page.save_button.click()
    assert existing.read_bytes()[:2] == b"PK"  # the report, an .xlsx
    assert f"Report saved to {existing}." in wizard.report_page.summary.text()
    assert app_settings().value(FOLDER_KEY) == str(tmp_path)


def test_the_last_day_calendar_opens_near_the_first_day(qtbot, directory, tmp_path) -> None:
    _ana, path = duplicates_list(directory, tmp_path)
    wizard = event_page(qtbot, directory, path)
    end = wizard.event_page.end
    end.clear_day()  # the list gave the first day only
    qtbot.keyClick(end, Qt.Key.Key_F4)
    qtbot.waitUntil(end.calendarWidget().isVisible)
    assert (end.calendarWidget().yearShown(), end.calendarWidget().monthShown()) == (2017, 5)
    qtbot.keyClick(end.calendarWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not end.calendarWidget().isVisible())


def test_the_city_names_are_loaded_while_the_file_is_checked(qtbot, directory, tmp_path, monkeypatch) -> None:
    _ana, path = duplicates_list(directory, tmp_path)
    countries._cities.cache_clear()
    monkeypatch.setattr(import_wizard, "_city_names_warming", [])  # as in a session that has not loaded them
    wizard = ImportWizard(directory, None, str(path))
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.plan is not None)
    # Loaded without the Event page asking (its Next would have waited for them on the GUI thread).
    qtbot.waitUntil(lambda: countries._cities.cache_info().currsize == 1, timeout=10_000)
    assert wizard.currentPage() in (None, wizard.file_page)


def test_the_status_line_after_an_import_fits_a_small_window(qtbot, window, tmp_path) -> None:
    """The file name and the counts first; the event's name elided to the room left beside the contact count."""
    name = "Regional Practitioners' Meeting on Technology-Facilitated Trafficking, Bucharest 2026.xlsx"
    path = write_xlsx(tmp_path / name, {"Participants": [HEADER, person(1, "NOVAK", "Eva", "Croatia", "e@x.hr")]})
    event = "Workshop on Joint Investigation Teams in Trafficking Cases of the Western Balkans, Skopje 2025"
    report = import_plans(window.directory, [plan_file(path)], event=EventSpec(event))
    text = imported_text(report)
    assert text == f"Imported Regional Practitioners' Meeting on….xlsx: 1 created, 0 updated; into event '{event}'."
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    import_wizard._tell_window(window, text, event)
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Imported Regional Practitioners' Meeting on….xlsx: 1 created, 0 updated; into event 'Wo")
    assert shown.endswith("…'.") and len(shown) < len(text)
    bar = window.statusBar()
    assert bar.fontMetrics().horizontalAdvance(shown) < bar.width() - window.count_label.width()
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: window.width() > 1024)
    import_wizard._tell_window(window, text, event)
    assert window.statusBar().currentMessage() == text  # room enough: whole
