"""Edit > Events… in the real window on the demo network: correct, merge, delete, show; each undone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QRadioButton

from directory_app.core.contacts import contact_count, list_events
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from directory_app.ui.event_actions import EventsDialog, MergeEventsDialog
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _events(path: Path) -> dict[str, int]:
    with open_directory(path) as d:
        return {e.name: e.participant_count for e in list_events(d)}


def _open(qtbot, window: MainWindow) -> EventsDialog:
    window.findChild(type(window.action_add), "actionEvents").trigger()
    dialog = window.events.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    return dialog


def _part_dialog(window: MainWindow):
    dialog = window.events.part_dialog
    return dialog if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() else None


def _select(dialog: EventsDialog, *rows: int) -> None:
    selection = dialog.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(dialog.proxy.index(row, 0), flags)


def test_an_event_renamed_and_its_dates_corrected_then_undone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _events(demo_copy)
    dialog = _open(qtbot, window)
    assert dialog.model.rowCount() == len(before)
    _select(dialog, 0)
    old = dialog.selected()[0]
    edit_button = dialog.findChild(QPushButton, "editEventButton")
    assert edit_button.isEnabled() and not dialog.findChild(QPushButton, "mergeEventsButton").isEnabled()
    qtbot.mouseClick(edit_button, Qt.MouseButton.LeftButton)
    editor = window.events.edit_dialog
    name = editor.findChild(QLineEdit, "eventNameEdit")
    assert name.text() == old.name

    # Days in the wrong order: said in the dialog, which stays open; nothing is written.
    editor.end_edit.setDate(QDate(old.start_date.year, old.start_date.month, old.start_date.day).addDays(-2))
    qtbot.mouseClick(editor.findChild(QPushButton, "eventSaveButton"), Qt.MouseButton.LeftButton)
    problem = editor.findChild(QLabel, "eventProblemLabel")
    qtbot.waitUntil(problem.isVisible)
    assert problem.text().startswith("The event ends (") and editor.isVisible()
    assert _events(demo_copy) == before

    name.setText("Bucharest meeting 2026")
    editor.end_edit.setDate(editor.start_edit.date())
    qtbot.mouseClick(editor.findChild(QPushButton, "eventSaveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))  # saved: the dialog closed
    wait_idle(qtbot, window)
    after = _events(demo_copy)
    assert "Bucharest meeting 2026" in after and old.name not in after
    qtbot.waitUntil(lambda: dialog.proxy.index(0, 0).data() == "Bucharest meeting 2026")
    assert "Bucharest meeting 2026" in [window.event_filter.model.index(r).data(window.event_filter.model.LabelRole)
                                        for r in range(window.event_filter.model.rowCount())]  # fmt: skip

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before
    qtbot.waitUntil(lambda: dialog.proxy.index(0, 0).data() == old.name)


def test_two_events_merged_then_undone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _events(demo_copy)
    with open_directory(demo_copy) as d:
        people = contact_count(d)
    dialog = _open(qtbot, window)
    _select(dialog, 1, 2)
    first, second = dialog.selected()
    merge_button = dialog.findChild(QPushButton, "mergeEventsButton")
    assert merge_button.isEnabled() and not dialog.findChild(QPushButton, "editEventButton").isEnabled()
    qtbot.mouseClick(merge_button, Qt.MouseButton.LeftButton)
    chooser = dialog.findChild(MergeEventsDialog)
    qtbot.waitUntil(chooser.isVisible)
    chooser.findChild(QRadioButton, "keepEvent1").setChecked(True)
    keep, other = chooser.keep_and_other()
    qtbot.mouseClick(chooser.findChild(QPushButton, "mergeEventsYes"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    after = _events(demo_copy)
    assert other.name not in after and len(after) == len(before) - 1
    assert before[keep.name] < after[keep.name] <= before[first.name] + before[second.name]
    with open_directory(demo_copy) as d:
        assert contact_count(d) == people
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(before) - 1)

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before


def test_an_event_deleted_after_asking_then_undone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _events(demo_copy)
    dialog = _open(qtbot, window)
    _select(dialog, 3)
    (event,) = dialog.selected()
    qtbot.mouseClick(dialog.findChild(QPushButton, "deleteEventButton"), Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, "confirmDeleteEventBox")
    qtbot.waitUntil(box.isVisible)
    assert f"{event.participant_count} people took part" in box.informativeText()
    qtbot.mouseClick(box.findChild(QPushButton, "confirmDeleteEventBoxYes"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert event.name not in _events(demo_copy)
    assert window.model.rowCount() == 300, "the people stay"
    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before


def test_show_participants_filters_the_window(qtbot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    _select(dialog, 0)
    (event,) = dialog.selected()
    qtbot.mouseClick(dialog.findChild(QPushButton, "showEventButton"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.event_filter.selected() == (event.id,)
    assert window.model.rowCount() == event.participant_count
    assert not shiboken6.isValid(dialog), "the events list closed to show them"


def test_no_shows_taken_off_an_event_and_a_guest_added_then_undone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    """Filtered on an event, two of its people selected: Take Off Event… offers that event first."""
    from directory_app.ui.event_actions import EventPartDialog

    before = _events(demo_copy)
    with open_directory(demo_copy) as d:
        event = next(e for e in list_events(d) if e.participant_count >= 3)
    window.event_filter.set_selected([event.id])
    wait_idle(qtbot, window)
    assert window.model.rowCount() == event.participant_count
    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(1, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    wait_idle(qtbot, window)
    assert len(window.selected_contact_ids()) == 2
    window.findChild(type(window.action_add), "actionTakeOffEvent").trigger()
    qtbot.waitUntil(lambda: _part_dialog(window) is not None)
    dialog = window.events.part_dialog
    assert isinstance(dialog, EventPartDialog) and dialog.event_combo.currentData() == event.id
    assert dialog.event_combo.currentText() == f"2 of 2 — {event.name}"
    qtbot.mouseClick(dialog.findChild(QPushButton, "eventPartOk"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert _events(demo_copy)[event.name] == event.participant_count - 2
    assert window.model.rowCount() == event.participant_count - 2, "the filtered table follows"
    assert window.undo_stack.undoText() == f"Take 2 Contacts off {event.name}"

    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before

    # Someone who came and was not on the list: added as a speaker.
    window.event_filter.clear()
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as d:
        inside = set(search_ids(d, SearchQuery(events=(event.id,))))
    outsider = next(r for r in range(window.model.rowCount()) if window.model.contact_id(r) not in inside)
    window.table.selectRow(outsider)
    wait_idle(qtbot, window)
    window.findChild(type(window.action_add), "actionAddToEvent").trigger()
    qtbot.waitUntil(lambda: _part_dialog(window) is not None)
    dialog = window.events.part_dialog
    dialog.event_combo.setCurrentIndex(dialog.event_combo.findData(event.id))
    dialog.part_combo.setCurrentIndex(dialog.part_combo.findData("speaker"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "eventPartOk"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert _events(demo_copy)[event.name] == event.participant_count + 1
    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before


def test_a_new_event_made_in_the_window_then_undone_and_redone(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _events(demo_copy)
    dialog = _open(qtbot, window)
    qtbot.mouseClick(dialog.findChild(QPushButton, "newEventButton"), Qt.MouseButton.LeftButton)
    editor = window.events.edit_dialog
    assert editor.windowTitle() == "New event"
    save = editor.findChild(QPushButton, "eventSaveButton")
    editor.findChild(QLineEdit, "eventNameEdit").setText("")
    assert not save.isEnabled()
    editor.findChild(QLineEdit, "eventNameEdit").setText("Regional Meeting on JITs, Ohrid 2026")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))
    wait_idle(qtbot, window)
    assert _events(demo_copy) == {**before, "Regional Meeting on JITs, Ohrid 2026": 0}
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(before) + 1)
    window.action_undo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before
    window.action_redo.trigger()
    wait_idle(qtbot, window)
    assert _events(demo_copy) == {**before, "Regional Meeting on JITs, Ohrid 2026": 0}


def test_a_right_click_on_an_event_in_the_filter_edits_it(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QMenu

    view = window.event_filter.view
    index = view.model().index(0, 0)
    event_id = index.data(window.event_filter.model.KeyRole)

    def right_click() -> dict:
        view.customContextMenuRequested.emit(view.visualRect(index).center())  # what a right click does
        menu = window.findChildren(QMenu, "eventFilterMenu")[-1]
        qtbot.waitUntil(menu.isVisible)
        return {a.text().replace("&", ""): a for a in menu.actions()}

    actions = right_click()
    assert list(actions) == ["Show Only This Event", "Edit Event…", "All Events…"]
    actions["Edit Event…"].trigger()
    qtbot.waitUntil(lambda: window.events.edit_dialog is not None and shiboken6.isValid(window.events.edit_dialog))
    assert window.events.edit_dialog.event.id == event_id
    window.events.edit_dialog.reject()
    right_click()["Show Only This Event"].trigger()
    wait_idle(qtbot, window)
    assert window.event_filter.selected() == (event_id,)


def test_the_participants_list_of_the_selected_event(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from pypdf import PdfReader

    dialog = _open(qtbot, window)
    _select(dialog, 0)
    (event,) = dialog.selected()
    button = dialog.findChild(QPushButton, "eventListButton")
    assert button.isEnabled() and [a.text() for a in button.menu().actions()] == [
        "To &PDF (a handout)…", "To &Excel (.xlsx)…", "&QR Codes to Print (.pdf)…", "", "Copy E-&mail Addresses",
    ]  # fmt: skip
    window.events.export_participants(event, "pdf", tmp_path / "list.pdf")  # the path the file dialog would give
    wait_idle(qtbot, window)
    assert window.events.last_export == tmp_path / "list.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "list.pdf").pages)
    assert event.name.split(",")[0] in " ".join(text.split())
    assert f"Participants list of {event.name} saved" in window.statusBar().currentMessage()

    from directory_app.core.contacts import list_events

    smallest = min((e for e in list_events(window.directory) if e.participant_count), key=lambda e: e.participant_count)
    window.events.export_participants(smallest, "qr", tmp_path / "codes.pdf")  # a card each, for the seminar
    wait_idle(qtbot, window)
    assert window.events.last_export == tmp_path / "codes.pdf"
    assert "QR codes of" in window.statusBar().currentMessage() and smallest.name in window.statusBar().currentMessage()
    assert "QR codes" in PdfReader(tmp_path / "codes.pdf").pages[0].extract_text()

    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("before")
    window.events.export_participants(smallest, "emails")  # for the message after the seminar
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "before")
    assert QGuiApplication.clipboard().text().count("@") >= 1
    assert window.statusBar().currentMessage().startswith("Copied the e-mail addresses of ")


def _activate(qtbot, dialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _press(qtbot, widget, standard_key: QKeySequence.StandardKey) -> None:
    """The platform's keys for `standard_key` (Ctrl+Z, Ctrl+Shift+Z…), pressed in `widget`."""
    combination = QKeySequence.keyBindings(standard_key)[0][0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_days_typed_in_the_editor_are_saved(qtbot, window: MainWindow, demo_copy: Path) -> None:
    dialog = _open(qtbot, window)
    qtbot.mouseClick(dialog.findChild(QPushButton, "newEventButton"), Qt.MouseButton.LeftButton)
    editor = window.events.edit_dialog
    editor.findChild(QLineEdit, "eventNameEdit").setText("Workshop on financial investigations")
    assert editor.start_edit.text() == "not known" and editor.end_edit.text() == "not known"
    qtbot.keyClicks(editor.start_edit, "2026-05-12")
    qtbot.keyClicks(editor.end_edit, "2026-05-14")
    qtbot.mouseClick(editor.findChild(QPushButton, "eventSaveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as d:
        event = next(e for e in list_events(d) if e.name == "Workshop on financial investigations")
    assert (event.start_date, event.end_date) == (date(2026, 5, 12), date(2026, 5, 14))
    qtbot.waitUntil(lambda: dialog.selected() and dialog.selected()[0].id == event.id)
    row = dialog.view.selectionModel().selectedRows()[0].row()
    # As the details pane writes a day ("16 Aug 2020").
    assert dialog.proxy.index(row, 1).data() == "12\u2009–\u200914 May 2026"

    # A day cleared is not known again.
    _select(dialog, row)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    editor = window.events.edit_dialog
    assert editor.end_edit.text() == "2026-05-14"
    editor.end_edit.clear_action.trigger()
    assert editor.end_edit.text() == "not known"
    qtbot.mouseClick(editor.findChild(QPushButton, "eventSaveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))
    wait_idle(qtbot, window)
    with open_directory(demo_copy) as d:
        event = next(e for e in list_events(d) if e.id == event.id)
    assert (event.start_date, event.end_date) == (date(2026, 5, 12), None)


def test_enter_on_an_event_edits_it_and_esc_closes(qtbot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    _activate(qtbot, dialog)
    dialog.filter_edit.setFocus()
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # Enter in the filter goes to the list
    assert dialog.isVisible() and dialog.view.hasFocus() and len(dialog.selected()) == 1
    event = dialog.selected()[0]
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    editor = window.events.edit_dialog
    assert dialog.isVisible() and editor is not None and editor.isVisible() and editor.event.id == event.id
    editor.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))
    _activate(qtbot, dialog)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))


def test_undo_and_redo_keys_in_the_events_window(qtbot, window: MainWindow, demo_copy: Path) -> None:
    before = _events(demo_copy)
    dialog = _open(qtbot, window)
    _select(dialog, 0)
    old = dialog.selected()[0]
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    editor = window.events.edit_dialog
    editor.findChild(QLineEdit, "eventNameEdit").setText("Renamed seminar")
    qtbot.mouseClick(editor.findChild(QPushButton, "eventSaveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: dialog.proxy.index(0, 0).data() == "Renamed seminar")

    _activate(qtbot, dialog)
    dialog.filter_edit.setFocus()  # where the window opens: a filter with no typing of its own to undo
    _press(qtbot, dialog.filter_edit, QKeySequence.StandardKey.Undo)
    wait_idle(qtbot, window)
    assert _events(demo_copy) == before
    dialog.view.setFocus()
    qtbot.waitUntil(lambda: dialog.proxy.index(0, 0).data() == old.name)
    _press(qtbot, dialog.view, QKeySequence.StandardKey.Redo)
    wait_idle(qtbot, window)
    assert "Renamed seminar" in _events(demo_copy)
    qtbot.waitUntil(lambda: dialog.proxy.index(0, 0).data() == "Renamed seminar")


def test_the_events_window_and_editor_fit_a_small_screen(qtbot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    _select(dialog, 0)
    qtbot.mouseClick(dialog.findChild(QPushButton, "editEventButton"), Qt.MouseButton.LeftButton)
    area = dialog.screen().availableGeometry()
    for shown in (dialog, window.events.edit_dialog):
        assert shown.width() <= area.width() and shown.height() <= area.height(), shown.objectName()


def test_an_event_edited_then_cancelled_asks_before_throwing_the_changes_away(qtbot) -> None:
    """Esc in Edit Event threw away what was typed without a word; with nothing changed it closes at once."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from directory_app.core.records import EventRecord
    from directory_app.ui.event_actions import EventEditDialog

    def dialog() -> EventEditDialog:
        opened = EventEditDialog(EventRecord(0, "", None, None, "", None, ""))
        qtbot.addWidget(opened)
        opened.show()
        qtbot.waitExposed(opened)
        return opened

    def box(opened: EventEditDialog) -> QMessageBox:
        shown = lambda: [b for b in opened.findChildren(QMessageBox, "discardChangesBox") if b.isVisible()]  # noqa: E731
        qtbot.waitUntil(lambda: bool(shown()))
        qtbot.wait(20)  # shown, as a user sees it before clicking
        return shown()[0]

    untouched = dialog()
    untouched.reject()  # Esc, Cancel, closing
    assert not untouched.isVisible()  # nothing typed: closed at once
    edited = dialog()
    edited.name_edit.setText("Regional Workshop, Skopje 2026")
    edited.reject()
    box(edited).findChild(QPushButton, "keepEditingButton").click()
    qtbot.wait(20)
    assert edited.isVisible() and edited.name_edit.text() == "Regional Workshop, Skopje 2026"
    edited.reject()
    box(edited).findChild(QPushButton, "discardButton").click()
    qtbot.wait(20)
    assert not edited.isVisible()
