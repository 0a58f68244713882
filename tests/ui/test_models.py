"""The item models (checked with pytest-qt's model tester) and the worker that feeds them."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from directory_app.core.records import DirectoryError
from directory_app.core.search import ContactRow, SearchQuery, fetch_rows, search_ids
from directory_app.ui.contact_model import ContactTableModel
from directory_app.ui.facets import FacetModel
from directory_app.ui.tasks import TaskRunner, error_message


def test_contact_model_passes_the_model_tester(qtmodeltester, demo_directory) -> None:
    model = ContactTableModel(lambda ids, deliver: deliver(fetch_rows(demo_directory, ids)))
    ids = search_ids(demo_directory, SearchQuery())
    model.set_results(ids, fetch_rows(demo_directory, ids[: model.PAGE_SIZE]))
    qtmodeltester.check(model)
    assert model.rowCount() == 300 and model.columnCount() == 7
    assert model.headerData(ContactTableModel.EMAIL, Qt.Orientation.Horizontal) == "E-mail"


def test_contact_model_loads_pages_lazily(qtbot, demo_directory) -> None:
    requests: list[tuple[list[int], object]] = []
    model = ContactTableModel(lambda ids, deliver: requests.append((ids, deliver)))
    ids = search_ids(demo_directory, SearchQuery())
    model.set_results(ids)
    row = 250
    index = model.index(row, ContactTableModel.NAME)
    assert index.data(ContactTableModel.ContactIdRole) == ids[row], "ids are there at once"
    assert index.data() is None, "the row is blank until its page arrives"
    index.data()
    assert len(requests) == 1, "a page is asked for once"
    page_ids, deliver = requests[0]
    assert page_ids == ids[200:300]
    with qtbot.waitSignal(model.dataChanged) as changed:
        deliver(fetch_rows(demo_directory, page_ids))
    assert changed.args[0].row() == 200 and changed.args[1].row() == 299
    expected = fetch_rows(demo_directory, [ids[row]])[0]
    assert index.data() == expected.display_name
    assert index.data(ContactTableModel.RowRole) == expected


def test_a_page_for_an_older_search_is_dropped(demo_directory) -> None:
    requests = []
    model = ContactTableModel(lambda ids, deliver: requests.append((ids, deliver)))
    ids = search_ids(demo_directory, SearchQuery())
    model.set_results(ids)
    model.index(150, 0).data()
    model.set_results(ids[:10])  # a new search before the page came back
    page_ids, deliver = requests[0]
    deliver(fetch_rows(demo_directory, page_ids))
    assert model.rowCount() == 10
    assert model.index(5, 0).data() is None


def test_latin_spelling_is_offered_for_other_scripts() -> None:
    model = ContactTableModel()
    rows = [
        ContactRow(1, "Тамара", "Ђорђевић", "Tamara Đorđević", "MUP", "Inspector", "RS", ("law_enforcement",), "", ""),
        ContactRow(2, "Ana", "Kovač", "", "Court", "Judge", "HR", ("judge",), "a@b.example", "+38512345678"),
    ]
    model.set_results([1, 2], rows)
    cyrillic = model.index(0, ContactTableModel.NAME)
    assert cyrillic.data() == "Тамара Ђорђевић"
    assert cyrillic.data(ContactTableModel.LatinNameRole) == "Tamara Đorđević"
    assert "Tamara Đorđević" in cyrillic.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, ContactTableModel.NAME).data(ContactTableModel.LatinNameRole) == ""
    assert model.index(0, ContactTableModel.COUNTRY).data() == "Serbia"
    assert model.index(0, ContactTableModel.ROLES).data() == "Law enforcement"
    assert model.index(1, ContactTableModel.PHONE).data() == "+385 1 2345 678"


def test_facet_model_passes_the_model_tester(qtmodeltester) -> None:
    model = FacetModel()
    model.set_values([("RS", "Serbia"), ("BA", "Bosnia and Herzegovina"), ("AL", "Albania")])
    model.set_counts({"RS": 41, "AL": 3})
    qtmodeltester.check(model)
    assert model.index(0).data() == "Serbia (41)"
    assert model.index(1).data() == "Bosnia and Herzegovina (0)"
    assert model.index(1).data(Qt.ItemDataRole.ForegroundRole) is not None, "no contact: greyed"
    assert model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked() == ("BA",)
    assert model.index(1).data(Qt.ItemDataRole.ForegroundRole) is None, "a checked value is never greyed"
    model.set_values([("RS", "Serbia")])  # BA has no contact left in the directory
    assert model.row_of("BA") is not None, "a checked value stays visible"
    qtmodeltester.check(model)


def test_facet_counts_being_made_are_not_shown_as_zero(qtmodeltester) -> None:
    model = FacetModel()
    model.set_values([("RS", "Serbia"), ("AL", "Albania")])
    model.set_counts(None)
    qtmodeltester.check(model)
    assert model.counts_loading()
    assert model.index(0).data() == "Serbia (…)"
    assert model.index(0).data(FacetModel.CountRole) is None
    assert model.index(0).data(Qt.ItemDataRole.ForegroundRole) is None, "not greyed as if empty"
    assert "counting" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "counting" in model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    model.set_counts({"RS": 41})
    assert not model.counts_loading()
    assert model.index(1).data() == "Albania (0)"


def test_runner_runs_off_the_gui_thread_and_drops_superseded_results(qtbot) -> None:
    runner = TaskRunner()
    gui_thread = threading.get_ident()
    threads, results = [], []
    gate = threading.Event()

    def slow(value: int) -> int:
        gate.wait(5)
        threads.append(threading.get_ident())
        return value

    for n in range(5):
        runner.run(lambda n=n: slow(n), results.append, key="search")
    gate.set()
    qtbot.waitUntil(runner.is_idle)
    assert results == [4], "only the last search's result is used"
    assert threads and gui_thread not in threads

    errors = []
    runner.run(lambda: (_ for _ in ()).throw(DirectoryError("no such contact")), None, errors.append)
    qtbot.waitUntil(runner.is_idle)
    assert [str(e) for e in errors] == ["no such contact"]
    with qtbot.waitSignal(runner.failed) as failed:
        runner.run(lambda: 1 / 0)
    assert failed.args == ["unexpected error: division by zero"]
    assert error_message(DirectoryError("bad file")) == "bad file"
    runner.stop()
    assert runner.run(lambda: 1) == 0, "nothing runs after stop"


def test_preview_model_shows_what_a_row_taking_the_lists_values_will_do(qtmodeltester) -> None:
    """A row the dry run left unchanged (the directory's values kept) is an update once the list's are taken;
    its organisation is the directory's until then."""
    from directory_app.core.importing import TAKE_LIST, RowOutcome
    from directory_app.core.importing.pipeline import Conflict
    from directory_app.core.records import ContactInput
    from directory_app.ui.import_preview import DECISION_COLUMN, HEADERS, PreviewModel

    outcome = RowOutcome("list.xlsx", "P", 2, "unchanged", "Ana Marić", {}, contact_id=7)
    outcome.conflicts = ["organisation: kept 'Police', the list says 'Border Police'"]
    outcome.takeable = [Conflict("organisation", "organisation", "Police", "Border Police")]
    model = PreviewModel()
    row = ContactInput(given_name="Ana", family_name="Marić", organisation="Border Police")
    model.set_outcomes([outcome], {outcome.key: row})
    qtmodeltester.check(model)

    def text(column: str) -> str:
        return model.index(0, HEADERS.index(column)).data()

    assert (text("Status"), text("Organisation")) == ("unchanged", "Police")
    assert model.setData(model.index(0, DECISION_COLUMN), TAKE_LIST)
    assert (text("Status"), text("Organisation")) == ("update", "Border Police")
    assert text("Notes") == "taken from the list: organisation (was 'Police')"
    assert not model.setData(model.index(0, DECISION_COLUMN), "skip")  # not an answer this row offers
