"""The review list's model (View > Contacts to Review…): a table over plain rows made on the worker thread, sorted
in Python, with the chosen contacts kept through sorting and reloading. Real records from the demo network."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from directory_app.core.privacy import not_verified_since
from directory_app.ui.main_window import MainWindow
from directory_app.ui.trust_dialogs import ReviewDialog, ReviewModel, review_rows, sort_review_rows
from tests.ui.conftest import wait_idle

ROWS = QItemSelectionModel.SelectionFlag.Rows
SELECT = QItemSelectionModel.SelectionFlag.Select | ROWS
CLEAR_AND_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | ROWS


def test_review_model_passes_the_model_tester(qtmodeltester, demo_directory) -> None:
    records = not_verified_since(demo_directory, 3)
    model = ReviewModel()
    model.set_rows(review_rows(records))
    qtmodeltester.check(model, force_py=True)  # and it keeps watching the sorts and resets below
    assert model.rowCount() == len(records) and model.columnCount() == 4
    first = records[0]
    assert model.index(0, ReviewModel.NAME).data() == first.display_name
    assert model.index(0, ReviewModel.COUNTRY).data(ReviewModel.ContactIdRole) == first.id
    assert model.headerData(ReviewModel.VERIFIED, Qt.Orientation.Horizontal) == "Last verified"
    for column in range(4):
        model.sort(column, Qt.SortOrder.DescendingOrder)
        keys = [model.index(r, column).data(ReviewModel.SortRole) for r in range(model.rowCount())]
        assert keys == sorted(keys, reverse=True)
    model.set_rows([])
    assert model.rowCount() == 0
    model.set_rows(review_rows(records))


def test_ties_keep_the_core_order_both_ways(demo_directory) -> None:
    rows = review_rows(not_verified_since(demo_directory, 3))
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        by_country = sort_review_rows(rows, ReviewModel.COUNTRY, order)
        for a, b in pairwise(by_country):
            if a.country_key == b.country_key:
                assert a.order < b.order  # longest unverified first within a country
    assert sort_review_rows(rows, ReviewModel.VERIFIED, Qt.SortOrder.AscendingOrder) == rows


def test_sorting_by_a_column_header_keeps_the_contacts_chosen(qtbot, demo_directory) -> None:
    dialog = ReviewDialog(3)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_records(3, review_rows(not_verified_since(demo_directory, 3)))
    model = dialog.model
    assert dialog.view.isSortingEnabled() and dialog.view.horizontalHeader().sortIndicatorSection() == 3
    selections = dialog.view.selectionModel()
    selections.select(model.index(1, 0), CLEAR_AND_SELECT)
    selections.select(model.index(4, 0), SELECT)
    chosen = sorted(dialog.selected_ids())
    assert len(chosen) == 2 and dialog.verify_button.text() == "Mark 2 as Verified Today"

    dialog.view.horizontalHeader().setSortIndicator(ReviewModel.NAME, Qt.SortOrder.AscendingOrder)  # a click
    names = [model.index(r, 0).data(ReviewModel.SortRole) for r in range(model.rowCount())]
    assert names == sorted(names)
    assert sorted(dialog.selected_ids()) == chosen  # the same contacts, wherever they went

    # Read again (an undo, another window's change): still sorted by name, the same two still chosen.
    dialog.set_records(3, review_rows(not_verified_since(demo_directory, 3)))
    assert [model.index(r, 0).data(ReviewModel.SortRole) for r in range(model.rowCount())] == names
    assert sorted(dialog.selected_ids()) == chosen


def test_select_all_counts_and_marks_every_contact_shown(qtbot, demo_directory) -> None:
    dialog = ReviewDialog(3)
    qtbot.addWidget(dialog)
    dialog.show()
    records = not_verified_since(demo_directory, 3)
    dialog.set_records(3, review_rows(records))
    dialog.view.horizontalHeader().setSortIndicator(ReviewModel.COUNTRY, Qt.SortOrder.DescendingOrder)
    # Overlapping ranges (a Ctrl+click over a Shift+click) count each contact once.
    selections = dialog.view.selectionModel()
    last = dialog.model.rowCount() - 1
    selections.select(QItemSelection(dialog.model.index(0, 0), dialog.model.index(last, 3)), CLEAR_AND_SELECT)
    selections.select(QItemSelection(dialog.model.index(2, 0), dialog.model.index(5, 3)), SELECT)
    assert dialog.verify_button.text() == f"Mark {len(records):,} as Verified Today"
    assert not dialog.show_button.isEnabled()
    with qtbot.waitSignal(dialog.verifyRequested) as sent:
        dialog.verify_button.click()
    assert sorted(sent.args[0]) == sorted(r.id for r in records)


def test_an_answer_for_other_years_is_dropped_and_years_typed_say_the_list_is_read(qtbot, demo_directory) -> None:
    dialog = ReviewDialog(3)
    qtbot.addWidget(dialog)
    dialog.set_records(3, review_rows(not_verified_since(demo_directory, 3)))
    shown = dialog.model.rowCount()
    with qtbot.waitSignal(dialog.yearsChanged):
        dialog.years_spin.setValue(1)
    assert dialog.count_label.text() == "Looking for the contacts not verified for 1 year…"
    dialog.set_records(3, [])  # the answer for 3 years, come late
    assert dialog.model.rowCount() == shown


def test_the_list_reloads_in_the_window_after_an_undo_and_keeps_its_sorting(qtbot, window: MainWindow) -> None:
    window.actionReview.trigger()
    dialog = window.trust.review_dialog
    expected = not_verified_since(window.directory, 3)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    dialog.view.horizontalHeader().setSortIndicator(ReviewModel.ORGANISATION, Qt.SortOrder.AscendingOrder)
    dialog.view.selectionModel().select(dialog.model.index(0, 0), CLEAR_AND_SELECT)
    [chosen] = dialog.selected_ids()
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected) - 1)
    wait_idle(qtbot, window)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(expected))
    wait_idle(qtbot, window)
    keys = [dialog.model.index(r, 1).data(ReviewModel.SortRole) for r in range(dialog.model.rowCount())]
    assert keys == sorted(keys) and dialog.model.row_of(chosen) is not None
    dialog.close()
