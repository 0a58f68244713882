"""The import wizard driven by qtbot on a real file and a real directory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from string import ascii_uppercase

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWizard

from directory_app.core.contacts import add_contact, contact_count, get_contacts, list_events
from directory_app.core.records import ContactInput
from directory_app.ui import gc_guard
from directory_app.ui.import_preview import DECISION_COLUMN, HEADERS
from directory_app.ui.import_wizard import ImportWizard, install, load_mappings
from tests.core.import_helpers import HEADER, person, write_xlsx


def jobs_ended(wizard) -> bool:
    """Every job the wizard started has ended and its answer, if it gave one, has been handled on the GUI thread
    (what a fixed wait hoped for, without guessing how long that takes)."""
    from directory_app.ui import tasks

    return not tasks.abandoned and all(job._ended for job in wizard.findChildren(tasks.Job))


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
    assert page.model.rowCount() == 3
    statuses = [cell(page, r, 0) for r in range(3)]
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


def previewed(qtbot, directory, path) -> tuple[ImportWizard, object]:
    """The wizard on `path`, shown and taken to its preview, once the preview's dry run has come."""
    wizard = ImportWizard(directory, None, str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.preview_page
    go_to_preview(qtbot, wizard)
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    return wizard, page


def croatian(directory, given: str, family: str, **fields):  # -> ContactRecord
    """A contact of Croatia already in the directory, as a list imported later finds it."""
    return add_contact(directory, ContactInput(given_name=given, family_name=family, country="HR", **fields))


def cell(page, row: int, column: int | str) -> str:
    return page.model.index(row, HEADERS.index(column) if isinstance(column, str) else column).data()


def test_the_preview_counts_rows_while_it_checks_then_shows_every_row(qtbot, directory, tmp_path) -> None:
    """A long list: the progress bar counts the rows being checked, then hides; every row is in the table, its
    details formatted when it comes into view; "Rows to check" keeps the doubtful ones."""

    # Without H, J and T: duplicate matching reads "dj", "sh", "tc" as one letter ("Djordjevic" is "Đorđević").
    letters = "".join(c for c in ascii_uppercase if c not in "HJT")

    def family(n: int) -> str:  # distinct first three letters: nobody resembles anybody else
        n += 1000  # from "BXN": no family name starts like the given name
        return "".join(letters[n // 23**k % 23] for k in (2, 1, 0)) + "OVIĆ"

    rows = [
        person(n, family(n), "Ana", "Croatia", "ana(at)example" if n % 40 == 0 else f"ana{n}@example.hr",
               f"01 4567 {n:03d}")
        for n in range(720)
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "long.xlsx", {"Participants": [HEADER, *rows]})
    wizard = ImportWizard(directory, None, str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.preview_page
    seen: list[tuple[int, int]] = []
    page.progress.valueChanged.connect(lambda value: seen.append((value, page.progress.maximum())))
    go_to_preview(qtbot, wizard)
    assert page.progress.isVisibleTo(wizard) and not page.show_combo.isEnabled()
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    assert not page.progress.isVisibleTo(wizard)
    assert seen and seen[-1] == (720, 720) and [v for v, _ in seen] == sorted(v for v, _ in seen)
    assert "720 would be created" in page.summary.text()
    assert page.model.rowCount() == 720
    assert cell(page, 719, 3) == "Ana Dfuović" and cell(page, 719, "Phone") == "+385 1 4567 719"
    assert len(page.model._details) < 720  # only rows that were shown (or asked for) were formatted

    assert [page.show_combo.itemText(i) for i in range(2)] == ["Every row (720)", "Rows to check (18)"]
    page.show_combo.setCurrentIndex(1)
    assert page.model.rowCount() == 18
    assert cell(page, 0, 2) == "2" and "is not a valid e-mail address" in cell(page, 0, "Notes")
    wizard.back()  # a preview made again keeps what was chosen
    wizard.next()
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    assert page.show_combo.currentIndex() == 1 and page.model.rowCount() == 18
    page.show_combo.setCurrentIndex(0)
    assert page.model.rowCount() == 720

    plan, preview = wizard.plan, page.report
    wizard.reject()  # Cancel: the wizard lets go of the list, freed a slice at a time (see gc_guard)
    assert wizard.plan is None and page.report is None and page.model.rowCount() == 0
    assert gc_guard.dropping() and len(preview.outcomes) == 720
    qtbot.waitUntil(lambda: not gc_guard.dropping(), timeout=10_000)
    assert preview.outcomes == [] and all(lists == [] for lists in plan.bulk()) and gc_guard.frozen() == 0


def test_possible_duplicates_are_answered_in_the_preview(qtbot, directory, tmp_path) -> None:
    """Each possible duplicate has a drop-down list in its row: merge into the contact it resembles, keep it
    as new, or leave it out. Rows not answered are imported as new and listed in the report to check."""
    ana = add_contact(directory, ContactInput(given_name="Ana", family_name="Marić", country="HR"))
    add_contact(directory, ContactInput(given_name="Besa", family_name="Hoxha", country="AL"))
    add_contact(directory, ContactInput(given_name="Ivo", family_name="Horvat", country="HR"))
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"Participants": [HEADER, person(1, "MARIĆ", "Ana", "Croatia", "ana@example.hr"),
                          person(2, "HOXHA", "Besa", "Albania", "besa@example.al"),
                          person(3, "HORVAT", "Ivo", "Croatia", "ivo@example.hr"),
                          person(4, "NOVAK", "Eva", "Croatia", "eva@example.hr")]},
    )  # fmt: skip
    wizard, page = previewed(qtbot, directory, path)
    assert [cell(page, r, 0) for r in range(4)] == ["possible duplicate"] * 3 + ["new"]
    assert cell(page, 0, DECISION_COLUMN) == "Keep as a new contact" and cell(page, 3, DECISION_COLUMN) == ""
    assert not page.model.flags(page.model.index(3, DECISION_COLUMN)) & Qt.ItemFlag.ItemIsEditable

    def answer(row: int, wanted) -> None:
        index = page.model.index(row, DECISION_COLUMN)
        page.table.setCurrentIndex(index)  # a click: the drop-down list opens
        combo = page.table.indexWidget(index)
        assert combo is not None and combo.count() == 3
        choice = combo.findData(wanted)
        combo.setCurrentIndex(choice)
        combo.activated.emit(choice)  # what choosing an entry of the open list does
        qtbot.waitUntil(lambda: page.table.indexWidget(index) is None)

    answer(0, ana.id)
    answer(1, "skip")
    assert cell(page, 0, DECISION_COLUMN) == "Same as Ana Marić (HR)"
    assert cell(page, 1, DECISION_COLUMN) == "Do not import this row"
    assert page.decisions() == {
        ("list.xlsx", "Participants", 2, 0): ana.id,
        ("list.xlsx", "Participants", 3, 0): "skip",
    }

    wizard.back()  # the event corrected: the answers survive the new preview
    wizard.event_page.name.setText("Sarajevo seminar 2017")
    wizard.next()
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    assert page.report.event == "Sarajevo seminar 2017"
    assert page.decisions() == {
        ("list.xlsx", "Participants", 2, 0): ana.id,
        ("list.xlsx", "Participants", 3, 0): "skip",
    }
    assert cell(page, 0, DECISION_COLUMN) == "Same as Ana Marić (HR)"

    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=20_000)
    report = wizard.final_report
    assert [o.status for o in report.outcomes] == ["updated", "skipped", "created", "created"]
    assert [o.name for o in report.possible_duplicates] == ["Ivo Horvat"]  # not answered: left to check
    assert contact_count(directory) == 5
    assert [e.address for e in get_contacts(directory, [ana.id])[0].emails] == ["ana@example.hr"]


def test_a_preview_left_and_entered_again_shows_only_the_newest(qtbot, directory, tmp_path) -> None:
    """Back then Next while the first check still runs: its late answer is dropped, the newest is shown once."""
    wizard = ImportWizard(directory, None, str(make_list(tmp_path)))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.preview_page
    shown: list[str] = []
    original_show = page._show
    page._show = lambda report, *rest: (shown.append(report.event), original_show(report, *rest))
    go_to_preview(qtbot, wizard)
    wizard.back()
    wizard.event_page.name.setText("Renamed workshop")
    wizard.next()
    qtbot.waitUntil(lambda: page.report is not None and not page._busy, timeout=10_000)
    qtbot.waitUntil(lambda: jobs_ended(wizard), timeout=10_000)  # the first job's answer arrived, if it were shown
    assert shown == ["Renamed workshop"] and page.report.event == "Renamed workshop"
    assert page.model.rowCount() == 3


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
    assert window.actionImportDirectory in window.file_menu.actions()


def test_a_colleague_s_directory_from_the_file_menu(qtbot, window, tmp_path, monkeypatch) -> None:
    """File > Import a Colleague's Directory…: a directory file chosen, the wizard opens on it."""
    from PySide6.QtWidgets import QFileDialog

    from directory_app.core.backup import backup_to
    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "theirs.db") as theirs:
        add_contact(theirs, ContactInput(given_name="Ana", family_name="Kovač", country="HR"))
        backup_to(theirs, tmp_path / "colleague.db")
    asked = []

    def choose(_parent, caption, _folder, filters):
        asked.append((caption, filters))
        return str(tmp_path / "colleague.db"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window.actionImportDirectory.trigger()
    assert asked == [("Import a colleague's directory", "Directory files (*.db *.bak);;All files (*)")]
    wizard = window.findChild(ImportWizard)
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    assert wizard.plan.workbook.kind == "directory"
    assert "colleague.db is a directory: its 1 contact" in wizard.file_page.status.text()
    wizard.reject()


@pytest.fixture(scope="session")
def _long_lists(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """The long lists written once per run (0.1-0.25 s each with openpyxl); each test reads its own copy."""
    folder = tmp_path_factory.mktemp("long-lists")
    built: dict[int, Path] = {}

    def get(rows: int) -> Path:
        if rows not in built:
            built[rows] = write_xlsx(
                folder / f"long-{rows}.xlsx",
                {
                    "Participants": [
                        HEADER,
                        *(person(n, f"NOVAK{n}", "Ana", "Croatia", f"ana{n}@example.hr") for n in range(rows)),
                    ]
                },
            )
        return built[rows]

    return get


@pytest.fixture
def long_list(_long_lists: Callable[[int], Path], tmp_path: Path) -> Callable[..., Path]:
    """long_list(name, rows): a list of `rows` participants in tmp_path / name."""

    def make(name: str = "long.xlsx", rows: int = 1_500) -> Path:
        return Path(shutil.copy(_long_lists(rows), tmp_path / name))

    return make


def _closed_while_busy(qtbot, directory, wizard: ImportWizard, caplog) -> None:
    """Cancel, as a user does, on a wizard deleted when it closes (as File ▸ Import opens it): the running job is
    abandoned, not destroyed under its thread (which took the application down), and nothing reaches the log."""
    from directory_app.ui import tasks

    assert any(job.isRunning() for job in wizard.findChildren(tasks.Job))
    destroyed: list[bool] = []
    wizard.destroyed.connect(lambda *_: destroyed.append(True))
    wizard.reject()
    qtbot.waitUntil(lambda: bool(destroyed) and not tasks.abandoned, timeout=30_000)
    qtbot.waitUntil(lambda: not gc_guard.dropping() and gc_guard.frozen() == 0, timeout=10_000)
    assert contact_count(directory) == 0
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_cancel_while_the_file_is_read(qtbot, directory, long_list, caplog) -> None:
    wizard = ImportWizard(directory, None, str(long_list()))  # reading starts at once
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    _closed_while_busy(qtbot, directory, wizard, caplog)


def test_cancel_while_the_preview_checks_the_rows(qtbot, directory, long_list, caplog) -> None:
    wizard = ImportWizard(directory, None, str(long_list()))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    page = wizard.preview_page
    checked: list[int] = []
    page.progress.valueChanged.connect(checked.append)
    go_to_preview(qtbot, wizard)
    qtbot.waitUntil(lambda: any(0 < n < 1_500 for n in checked), timeout=20_000)  # in the middle of the rows
    _closed_while_busy(qtbot, directory, wizard, caplog)


def test_back_stops_the_preview_and_another_file_replaces_one_being_read(qtbot, directory, tmp_path, long_list) -> None:
    """Back while the rows are checked stops that check (it is not shown later); a second file chosen while the
    first is read is the one planned, whichever read ends first."""
    wizard = ImportWizard(directory, None, str(long_list()))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.preview_page
    go_to_preview(qtbot, wizard)
    assert page._busy
    wizard.back()
    assert not page._busy and wizard.currentPage() is wizard.event_page
    qtbot.waitUntil(lambda: jobs_ended(wizard), timeout=30_000)  # the dry run stopped, rolled back
    assert page.report is None and page.model.rowCount() == 0

    wizard.file_page.load(str(long_list("first.xlsx", 3_000)))
    wizard.file_page.load(str(make_list(tmp_path)))
    qtbot.waitUntil(lambda: wizard.plan is not None and jobs_ended(wizard), timeout=30_000)
    assert wizard.plan.workbook.path.name == "skopje_2017.xlsx" and wizard.file_page.sheets.count() == 2


def test_wizard_imports_the_tables_of_a_word_document(qtbot, directory, tmp_path) -> None:
    from tests.core.import_helpers import docx_paragraph, docx_table, write_docx

    body = (
        docx_paragraph("Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025")
        + docx_table([["Name and surname", "Institution", "E-mail"], ["Ana MARIĆ", "MUP", "ana.maric@mup.hr"]])
        + docx_paragraph("Speakers")
        + docx_table([["Name", "E-mail"], ["Valiant Richey", "valiant.richey@osce.org"]])
    )
    wizard = ImportWizard(directory, None, str(write_docx(tmp_path / "LoP.docx", body)))
    qtbot.addWidget(wizard)
    wizard.show()
    go_to_preview(qtbot, wizard)
    assert wizard.file_page.status.text().startswith("LoP.docx: Word document, 2 tables.")
    assert wizard.file_page.sheets_label.text() == "Tables:"
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert [cell(page, r, "Sheet") for r in range(page.model.rowCount())] == ["Table 1", "Speakers"]
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    assert contact_count(directory) == 2
    (event,) = list_events(directory)
    assert event.name == "Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025"


def event_page(qtbot, directory, path) -> ImportWizard:
    """The wizard on `path`, at its event page."""
    wizard = ImportWizard(directory, None, str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.event_page
    return wizard


def test_the_event_page_offers_the_directory_s_events(qtbot, directory, tmp_path) -> None:
    """A list of the same seminar joins its event: the name completes, and the page says the event exists."""
    from directory_app.core.importing import EventSpec, import_files
    from tests.core.import_helpers import write_csv

    first = write_csv(tmp_path / "first.csv", [["Name", "Surname", "E-mail"], ["Ana", "Kovač", "ana@mpu.hr"]])
    import_files(directory, [first], event=EventSpec("Skopje JIT workshop 2017"))
    wizard = event_page(qtbot, directory, make_list(tmp_path))
    page = wizard.event_page
    qtbot.waitUntil(lambda: page.existing.text() == "A new event.")
    assert page.name_completer.model().stringList() == ["Skopje JIT workshop 2017"]
    page.name.setText("skopje jit  workshop 2017")
    assert page.existing.text() == "This event is in the directory already (1 person): the list's people join it."
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    (event,) = list_events(directory)
    assert (event.name, event.participant_count) == ("Skopje JIT workshop 2017", 3)


def test_the_event_page_says_when_the_date_may_be_read_wrong(qtbot, directory, tmp_path) -> None:
    from tests.core.import_helpers import write_csv

    path = write_csv(
        tmp_path / "list.csv",
        [["Regional meeting on JITs, 06/03/2025"], ["Name", "Surname", "E-mail"], ["Ana", "Kovač", "ana@mpu.hr"]],
    )
    page = event_page(qtbot, directory, path).event_page
    assert page.event_spec().start_date.isoformat() == "2025-03-06"
    assert page.doubt.isVisible()
    assert page.doubt.text() == "'06/03/2025' may be 6 March 2025 or 3 June 2025: check the event's first day."


def test_the_event_page_gives_the_event_s_country(qtbot, directory, tmp_path) -> None:
    """The country is proposed from the title's city (or the country it names), can be corrected, and is
    checked as it is typed."""
    from tests.core.import_helpers import write_csv

    rows = [["Regional seminar on THB - Durrës, 12 May 2025"], ["Name", "Surname", "E-mail"], ["Ana", "Kola", "a@b.al"]]
    wizard = event_page(qtbot, directory, write_csv(tmp_path / "list.csv", rows))
    page = wizard.event_page
    assert (page.city.text(), page.country.currentText()) == ("Durrës", "Albania")
    page.country.setEditText("Atlantis")
    assert not page.isComplete()
    assert page.country_problem.text() == "'Atlantis' is not a country."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.city.setText("Ohrid")
    page.country.setEditText("north macedonia")
    assert page.isComplete() and not page.country_problem.isVisible()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    (event,) = list_events(directory)
    assert (event.city, event.country) == ("Ohrid", "MK")


def test_a_directory_s_export_needs_no_event_of_its_own(qtbot, directory, tmp_path) -> None:
    """Another focal point's export: its rows name their events, and the page asks for no other."""
    from datetime import date

    from directory_app.core.events import create_event, set_part
    from directory_app.core.exporting import export_contacts
    from directory_app.core.search import SearchQuery, search
    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "theirs.db") as theirs:
        ana = add_contact(theirs, ContactInput(given_name="Ana", family_name="Kovač", country="HR"))
        event = create_event(theirs, name="Skopje JIT workshop 2017", start_date=date(2017, 5, 12), city="Skopje")
        set_part(theirs, [ana.id], event.id, "speaker")
        export_contacts(theirs, [ana.id], tmp_path / "theirs.xlsx", "xlsx")
    wizard = event_page(qtbot, directory, tmp_path / "theirs.xlsx")
    page = wizard.event_page
    assert page.name.text() == "" and page.isComplete()
    assert "names the events each person took part in" in page.subTitle()
    assert page.name.placeholderText() == "No other event"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    assert "Into the events each row names." in wizard.report_page.summary.text()
    (imported,) = list_events(directory)
    assert (imported.name, imported.start_date, imported.city, imported.participant_count) == (
        "Skopje JIT workshop 2017", date(2017, 5, 12), "Skopje", 1,
    )  # fmt: skip
    (record,) = search(directory, SearchQuery())
    assert record.uid == ana.uid and [(e.name, e.part) for e in record.events] == [
        ("Skopje JIT workshop 2017", "speaker")
    ]


def test_an_encrypted_directory_is_read_with_its_passphrase(qtbot, directory, tmp_path) -> None:
    from PySide6.QtWidgets import QInputDialog

    from directory_app.core.backup import backup_to
    from directory_app.core.encryption import encrypt_directory
    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "theirs.db") as theirs:
        add_contact(theirs, ContactInput(given_name="Ana", family_name="Kovač", country="HR"))
        backup_to(theirs, tmp_path / "copy.db")
    encrypt_directory(tmp_path / "copy.db", "correct horse battery")
    wizard = ImportWizard(directory, None, str(tmp_path / "copy.db"))
    qtbot.addWidget(wizard)
    wizard.show()

    def asked() -> QInputDialog:
        found = wizard.file_page.findChildren(QInputDialog, "importPassphraseDialog")
        assert found and found[-1].isVisible()
        return found[-1]

    qtbot.waitUntil(lambda: bool(asked()))
    dialog = asked()
    assert "copy.db is an encrypted directory" in dialog.labelText()
    dialog.setTextValue("not the passphrase")
    dialog.accept()
    qtbot.waitUntil(lambda: asked() is not dialog)
    assert asked().labelText().startswith("That passphrase does not open it.")
    asked().setTextValue("correct horse battery")
    asked().accept()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    assert wizard.file_page.status.text() == (
        "copy.db is a directory: its 1 contact and 0 events are imported, the same people merged"
    )


def test_the_event_may_be_left_empty_and_vcards_propose_none(qtbot, directory, tmp_path) -> None:
    """A phone's contacts are no seminar's participants: no event is proposed; a list's may be cleared too."""
    (tmp_path / "phone.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kovač;Ana;;;\r\nFN:Ana Kovač\r\nEMAIL:ana@mup.example.hr\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    wizard = event_page(qtbot, directory, tmp_path / "phone.vcf")
    page = wizard.event_page
    assert page.name.text() == "" and page.isComplete()
    assert page.name.placeholderText() == "No event: the people are only added"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    assert "1 created" in wizard.report_page.summary.text() and "Into no event." in wizard.report_page.summary.text()
    assert list_events(directory) == [] and contact_count(directory) == 1

    wizard = event_page(qtbot, directory, make_list(tmp_path))
    assert wizard.event_page.name.text() == "Workshop on JITs - Skopje, 12 May 2017"
    wizard.event_page.name.clear()
    assert wizard.event_page.isComplete()
    assert wizard.event_page.event_spec().name == ""


def test_a_newer_lists_values_taken_row_by_row_or_in_every_row(qtbot, directory, tmp_path) -> None:
    """People promoted since the last seminar: each row that differs from the directory offers to keep the
    directory's values (what an import does unasked) or take the list's, one row at a time or every row at once;
    the notes say what will happen."""
    ana = croatian(directory, "Ana", "Marić", position="Deputy Prosecutor", organisation="County Prosecutor's Office")
    ivo = croatian(directory, "Ivo", "Ivić", position="Inspector", organisation="Police")
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"Participants": [HEADER, person(1, "MARIĆ", "Ana", "Croatia", "", position="Chief Prosecutor",
                                         organisation="State Attorney's Office"),
                          person(2, "IVIĆ", "Ivo", "Croatia", "", position="Chief Inspector", organisation="Police"),
                          person(3, "NOVAK", "Eva", "Croatia", "eva@example.hr")]},
    )  # fmt: skip
    wizard, page = previewed(qtbot, directory, path)
    assert [cell(page, r, DECISION_COLUMN) for r in range(3)] == ["Keep the directory's values"] * 2 + [""]
    tip = page.model.index(0, DECISION_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "Position: 'Deputy Prosecutor' in the directory, 'Chief Prosecutor' in the list",
        "Organisation: 'County Prosecutor's Office' in the directory, 'State Attorney's Office' in the list",
    ]
    assert cell(page, 0, "Organisation") == "County Prosecutor's Office"  # what will be stored
    assert [cell(page, r, "Position") for r in range(3)] == ["Deputy Prosecutor", "Inspector", "Prosecutor"]
    assert page.differ_label.text() == "2 rows differ from the directory: the directory's values are kept."
    assert page.take_button.isVisible() and page.take_button.text() == "Take the list's values in every row"

    index = page.model.index(1, DECISION_COLUMN)
    page.table.setCurrentIndex(index)  # a click: the drop-down list opens
    combo = page.table.indexWidget(index)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Keep the directory's values",
        "Take the list's values",
    ]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    qtbot.waitUntil(lambda: page.table.indexWidget(index) is None)
    assert cell(page, 1, "Notes") == "taken from the list: position (was 'Inspector')"
    assert cell(page, 1, "Position") == "Chief Inspector"
    assert page.differ_label.text() == "2 rows differ from the directory: the list's values are taken in 1."

    page.take_button.click()
    assert cell(page, 0, DECISION_COLUMN) == "Take the list's values"
    assert cell(page, 0, "Organisation") == "State Attorney's Office"
    assert page.take_button.text() == "Keep the directory's values in every row"
    page.take_button.click()
    assert [cell(page, r, DECISION_COLUMN) for r in range(2)] == ["Keep the directory's values"] * 2
    assert cell(page, 1, "Notes") == "conflict: position: kept 'Inspector', the list says 'Chief Inspector'"
    page.take_button.click()
    assert page.differ_label.text() == "2 rows differ from the directory: the list's values are taken."

    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=20_000)
    assert "2 took the list's values" in wizard.report_page.summary.text()
    assert "row 3 (updated) Ivo Ivić: taken from the list: position (was 'Inspector')" in (
        wizard.report_page.details.toPlainText()
    )
    ana_now, ivo_now = get_contacts(directory, [ana.id, ivo.id])
    assert (ana_now.position, ana_now.organisation, ivo_now.position) == (
        "Chief Prosecutor",
        "State Attorney's Office",
        "Chief Inspector",
    )
    assert "Earlier position: Deputy Prosecutor" in ana_now.notes


def test_a_colleagues_row_verified_later_is_proposed_with_its_values(qtbot, directory, tmp_path) -> None:
    """A colleague's export says when each contact was last verified: the row verified later than the contact here
    is proposed with the list's values, the older one keeps ours; both can be changed."""
    from datetime import date

    ana = croatian(directory, "Ana", "Marić", position="Deputy Prosecutor", last_verified=date(2024, 4, 15))
    ivo = croatian(directory, "Ivo", "Ivić", position="Chief Inspector", last_verified=date(2026, 9, 1))
    path = write_xlsx(tmp_path / "colleague.xlsx", {"Contacts": [
        ["Given name", "Family name", "Country", "Position", "Last verified"],
        ["Ana", "Marić", "Croatia", "Chief Prosecutor", date(2026, 10, 1)],
        ["Ivo", "Ivić", "Croatia", "Inspector", date(2023, 1, 10)]]})  # fmt: skip
    wizard, page = previewed(qtbot, directory, path)
    assert [cell(page, r, DECISION_COLUMN) for r in range(2)] == [
        "Take the list's values",
        "Keep the directory's values",
    ]
    assert page.differ_label.text() == (
        "2 rows differ from the directory, 1 verified later in the list than here: the list's values are taken in 1."
    )
    assert "Verified later in the list" in page.model.index(0, DECISION_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=20_000)
    ana_now, ivo_now = get_contacts(directory, [ana.id, ivo.id])
    assert (ana_now.position, ivo_now.position) == ("Chief Prosecutor", "Chief Inspector")


def test_a_pdf_list_of_participants(qtbot, directory, tmp_path) -> None:
    """The final list of participants as a PDF: its table read, its title giving the event."""
    from tests.core.import_helpers import PDF_PEOPLE, write_ruled_pdf

    wizard = ImportWizard(directory, None, str(write_ruled_pdf(tmp_path / "Final list.pdf", PDF_PEOPLE)))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    assert wizard.file_page.status.text() == "Final list.pdf: PDF document, 1 table."
    assert wizard.file_page.sheets_label.text() == "Tables:"
    wizard.next()
    wizard.next()
    assert wizard.event_page.name.text() == "Regional Workshop on Joint Investigation Teams"
    assert (wizard.event_page.city.text(), wizard.event_page.country.currentText()) == ("Skopje", "North Macedonia")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    assert [cell(wizard.preview_page, r, 0) for r in range(4)] == ["new"] * 4


def test_a_platforms_excel_export_that_is_a_web_page(qtbot, directory, tmp_path) -> None:
    """A registration platform's ".xls" that is an HTML table: read as the web page it is, in its code page (the
    encoding can still be chosen), its heading giving the event."""
    from tests.core.test_import_webpages import PLATFORM_EXPORT

    path = tmp_path / "prijave.xls"
    path.write_bytes(PLATFORM_EXPORT.encode("cp1250"))
    wizard = ImportWizard(directory, None, str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete())
    assert wizard.file_page.status.text() == "prijave.xls: Web page, 1 table."
    assert wizard.file_page.sheets_label.text() == "Tables:" and wizard.file_page.encoding.isVisible()
    wizard.next()
    wizard.next()
    assert (wizard.event_page.city.text(), wizard.event_page.country.currentText()) == (
        "Sarajevo", "Bosnia and Herzegovina",
    )  # fmt: skip
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    assert [cell(wizard.preview_page, r, 0) for r in range(5)] == ["new", "new", "new", "ignored", "new"]  # "Srbija"


def _forms(tmp_path) -> list[str]:
    """Two participants' registration forms (Word), and a file that is no spreadsheet at all."""
    from tests.core.import_helpers import docx_paragraph, docx_table, write_docx

    paths = []
    for name, email in (("Ana Kovač", "ana.kovac@mup.hr"), ("Besnik Hoxha", "b.hoxha@pp.gov.al")):
        rows = [["Name and surname:", name], ["Institution:", "MUP"], ["E-mail:", email], ["Country:", "Croatia"]]
        body = docx_paragraph("Registration form – Workshop on JITs, Skopje, 12 May 2025") + docx_table(rows)
        paths.append(str(write_docx(tmp_path / f"{email.split('@')[0]}.docx", body)))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    return [*paths, str(broken)]


def test_several_files_at_once(qtbot, directory, tmp_path) -> None:
    """Forms come back one person a file: chosen together, read together, imported in one go; a file that cannot
    be read is named, and the others are imported."""
    wizard = ImportWizard(directory, None, _forms(tmp_path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.file_page.isComplete(), timeout=10_000)
    status = wizard.file_page.status.text().splitlines()
    assert status[0] == "2 files, 2 sheets and tables."
    assert status[1].startswith("Not read: broken.xlsx")
    assert wizard.file_page.sheets.count() == 2
    wizard.next()
    wizard.next()
    assert wizard.event_page.name.text() == "Workshop on JITs, Skopje, 12 May 2025"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    assert [cell(wizard.preview_page, r, 0) for r in range(2)] == ["new", "new"]
    # which file each row is from
    assert sorted(cell(wizard.preview_page, r, 1) for r in range(2)) == [
        "ana.kovac.docx – Table 1",
        "b.hoxha.docx – Table 1",
    ]
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    assert contact_count(directory) == 2
    assert sorted((o.file, o.sheet) for o in wizard.final_report.outcomes) == [
        ("ana.kovac.docx", "Table 1"),
        ("b.hoxha.docx", "Table 1"),
    ]


def test_files_dropped_together_open_one_wizard(qtbot, window, tmp_path) -> None:
    """Before, only the first of several dropped files was read, the others left out without a word."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    paths = _forms(tmp_path)[:2]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(p) for p in paths])
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), copy, data, left, none)  # Qt delivers a drop where a drag entered
    assert QApplication.sendEvent(window, enter) and enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(10, 10), copy, data, left, none))
    wizards = window.findChildren(ImportWizard)
    assert len(wizards) == 1
    qtbot.waitUntil(lambda: wizards[0].plan is not None, timeout=10_000)
    assert wizards[0].plan.file_names == ["ana.kovac.docx", "b.hoxha.docx"]
    wizards[0].reject()


def _mnemonics(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            out.append(text.replace("&&", "")[at + 1].lower())
    return out


def test_no_two_mnemonics_of_a_page_or_its_buttons_clash(qtbot, directory) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    wizard = ImportWizard(directory, None)
    qtbot.addWidget(wizard)
    buttons = [QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton,
               QWizard.WizardButton.CancelButton]  # fmt: skip
    for page in (wizard.file_page, wizard.mapping_page, wizard.event_page, wizard.preview_page, wizard.report_page):
        texts = [wizard.buttonText(b) for b in buttons]
        if page.isCommitPage():
            texts.append(page.buttonText(QWizard.WizardButton.CommitButton))
        texts += [w.text() for w in page.findChildren(QAbstractButton)] + [w.text() for w in page.findChildren(QLabel)]
        letters = _mnemonics(texts)
        assert len(letters) == len(set(letters)), f"{type(page).__name__}: {sorted(letters)}"


def test_alt_n_on_the_event_page_goes_to_the_next_page(qtbot, directory, tmp_path) -> None:
    wizard = event_page(qtbot, directory, make_list(tmp_path))
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    wizard.event_page.city.setFocus()
    qtbot.keyClick(wizard.event_page.city, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is not wizard.event_page.name, "Alt+N is Next, not the Name field"
    # A button's mnemonic clicks it the way a mouse would, pressed then released a moment later.
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page)


def test_after_the_import_only_finish_is_offered_and_the_window_says_what_was_imported(qtbot, window, tmp_path) -> None:
    from directory_app.ui.import_wizard import open_import_wizard

    before = window.model.rowCount()
    wizard = open_import_wizard(window, str(make_list(tmp_path)))
    go_to_preview(qtbot, wizard)
    assert wizard.button(QWizard.WizardButton.CancelButton).isVisible(), "nothing imported yet: Cancel"
    qtbot.waitUntil(lambda: wizard.preview_page.report is not None, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.report_page, timeout=10_000)
    standard = [QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton]  # fmt: skip
    visible = [b for b in standard if wizard.button(b) is not None and wizard.button(b).isVisible()]
    assert visible == [QWizard.WizardButton.FinishButton], "imported: nothing left to cancel, no way back"
    assert wizard.report_page.save_button.isVisible()
    qtbot.waitUntil(lambda: window.model.rowCount() == before + 2)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported skopje_2017.xlsx: 2 created, 0 updated")
    assert message.endswith("into event 'Workshop on JITs - Skopje, 12 May 2017'.")
