"""Edit > Events…: the events (seminars) of the directory, to correct, merge and delete. Thin wrappers over
core/events.py: every core call runs on the window's worker (`window.runner`), and each change is an undoable step
on the window's undo stack (ui/commands.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from directory_app.core import vocab
from directory_app.core.contacts import list_events
from directory_app.core.countries import country_name
from directory_app.core.dates import format_day, format_days
from directory_app.core.events import create_event, delete_event, events_of, merge_events, set_part, update_event
from directory_app.core.exporting import export_contacts
from directory_app.core.fileio import ExportResult
from directory_app.core.mailing import MailList, mail_list
from directory_app.core.participants import export_participants
from directory_app.core.records import EventRecord, plural
from directory_app.core.search import SearchQuery, search_ids
from directory_app.ui.a11y import name_clear_button
from directory_app.ui.commands import (
    CreateEventCommand,
    DeleteEventCommand,
    EditEventCommand,
    EventPartCommand,
    MergeEventsCommand,
)
from directory_app.ui.country_field import chosen_country, country_combo, is_country, set_country
from directory_app.ui.coverage_view import ask_save_path, participants_file_name
from directory_app.ui.discard import ask_to_discard
from directory_app.ui.export_actions import export_written
from directory_app.ui.facets import FacetModel
from directory_app.ui.labels import vocab_label
from directory_app.ui.menus import insert_after
from directory_app.ui.screen_fit import fit_to_screen
from directory_app.ui.tasks import error_message
from directory_app.ui.trust_dialogs import RowRole, empty_note, make_table, note_label, stretch_column, table_item

# ------------------------------------------------------------------------------------------------ widgets


# An event's day that is not known is the date edit's minimum, shown as "not known" (its special value text).
_NOT_KNOWN = QDate(1990, 1, 1)
_SEPARATORS = "-./ "


class DayEdit(QDateEdit):
    """A day that may be "not known": typed as 2024-03-05 (with or without the dashes), or picked from the
    calendar, which opens at the day, or at `near`'s day or this month while the day is not known; Delete (with the
    whole date selected) or the clear button makes it not known again.

    QDateEdit alone typed into "not known" ("not known2024…"), kept the old year when the whole date was selected
    and typed over, and opened its calendar at January 1990."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The event's other day: the calendar opens there while this one is not known.
        self.near: QDateEdit | None = None
        self._from_not_known = False  # typing started on "not known": an unfinished date falls back to it
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setSpecialValueText("not known")
        self.setMinimumDate(_NOT_KNOWN)
        self.setDate(_NOT_KNOWN)
        self.setToolTip("Type the day as year-month-day (2024-03-05), or pick it from the calendar (Alt+Down). "
                        "Delete makes it not known.")  # fmt: skip
        clear_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton)
        self.clear_action = self.lineEdit().addAction(clear_icon, QLineEdit.ActionPosition.TrailingPosition)
        self.clear_action.setObjectName(f"{self.objectName() or 'day'}Clear")
        self.clear_action.setText("Clear the day")  # what a screen reader says for the ✕
        self.clear_action.setToolTip("Not known (clear the day)")
        self.clear_action.triggered.connect(lambda _checked=False: self.clear_day())
        self.dateChanged.connect(lambda _day: self.clear_action.setVisible(self.is_known()))
        self.clear_action.setVisible(False)
        self.calendarWidget().installEventFilter(self)
        self.lineEdit().installEventFilter(self)

    def is_known(self) -> bool:
        return self.date() != self.minimumDate()

    def clear_day(self) -> None:
        """The day is not known."""
        self._from_not_known = False
        self.setDate(self.minimumDate())
        self.selectAll()

    def proposed_day(self) -> QDate:
        """Where typing or the calendar starts while the day is not known: the event's other day, else today."""
        near = self.near
        if near is not None and near.date() != near.minimumDate():
            return near.date()
        return QDate.currentDate()

    def open_calendar(self) -> None:
        """Open the calendar as a click on the arrow does: QDateEdit has no call for it, nor a key."""
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, self
        )
        pos = QPointF(arrow.center())
        button = Qt.MouseButton.LeftButton
        press = QMouseEvent(QEvent.Type.MouseButtonPress, pos, self.mapToGlobal(pos), button, button,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
        QApplication.sendEvent(self, press)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        whole = line.hasSelectedText() and line.selectedText() == line.text()
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            event.accept()
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and (whole or not self.is_known()):
            self.clear_day()
            event.accept()
            return
        if text.isdigit() and (whole or not self.is_known()):
            # A new date is typed from its year: typed over the whole selection, QDateEdit kept the old year.
            if not self.is_known():
                self._from_not_known = True
                self.setDate(self.proposed_day())
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        elif text and text in _SEPARATORS:
            # The year typed whole moved on to the month by itself: the dash typed next is not one more move.
            start = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
            if start > 0 and line.text()[start - 1] in _SEPARATORS:
                event.accept()
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        unfinished = self._from_not_known and not self.lineEdit().hasAcceptableInput()
        self._from_not_known = False
        super().focusOutEvent(event)
        if unfinished:  # a date begun on "not known" and left half typed is not today's: it stays not known
            self.setDate(self.minimumDate())

    def stepBy(self, steps: int) -> None:
        if self.is_known():
            super().stepBy(steps)
        else:  # up or down from "not known" is the proposed day, not 2 January 1990
            self.setDate(self.proposed_day())

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.is_known():
            return super().stepEnabled()
        return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and not self.is_known():
            # The calendar opens at the proposed day, marked but not chosen: Esc leaves the day not known.
            calendar, day = self.calendarWidget(), self.proposed_day()
            blocked = calendar.blockSignals(True)
            calendar.setSelectedDate(day)
            calendar.blockSignals(blocked)
            calendar.setCurrentPage(day.year(), day.month())
        elif (
            watched is self.lineEdit()
            and event.type() == QEvent.Type.MouseButtonRelease
            and self.is_known()
            and not self.lineEdit().hasSelectedText()
        ):
            # A click selects what typing replaces: the year, month or day clicked, or the whole date past its end.
            if self.lineEdit().cursorPosition() >= len(self.lineEdit().text()):
                self.selectAll()
            else:
                self.setSelectedSection(self.currentSection())
        return super().eventFilter(watched, event)


def day_edit(name: str) -> DayEdit:
    """A date field that can say "not known" (its minimum date): an event's first or last day."""
    edit = DayEdit()
    edit.setObjectName(name)
    edit.clear_action.setObjectName(f"{name}Clear")
    return edit


def set_day(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())


def day_of(edit: QDateEdit) -> date | None:
    return None if edit.date() == edit.minimumDate() else edit.date().toPython()


class UndoPassThrough(QObject):
    """Lets Ctrl+Z and the Redo keys in a filter field with no typing of its own to undo reach the window's Undo and
    Redo: a line edit takes those keys whether or not it has anything to undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            undo = event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable()
            redo = event.matches(QKeySequence.StandardKey.Redo) and not watched.isRedoAvailable()
            if undo or redo:
                event.ignore()
                return True
        return super().eventFilter(watched, event)


def pass_undo_keys(edit: QLineEdit) -> None:
    """Ctrl+Z in `edit` undoes its own typing, and once there is none the window's last change (UndoPassThrough)."""
    edit.installEventFilter(UndoPassThrough(edit))


class _EnterOpens(QObject):
    """Enter on a list's row opens it (as a double-click does)."""

    def __init__(self, view: QAbstractItemView, open_item: Callable[[], None]) -> None:
        super().__init__(view)
        self._open = open_item

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_enter(event):
            self._open()
            return True
        return super().eventFilter(watched, event)


def list_window_keys(
    buttons: QDialogButtonBox,
    view: QAbstractItemView,
    filter_edit: QLineEdit,
    open_item: Callable[[], None],
    select_first: Callable[[], None],
) -> None:
    """The keys of a window that lists things under a filter field (Events, Organisations): Enter on a row opens
    it, Enter in the filter goes to the list (choosing its first row when none is), Ctrl+Z in the filter undoes the
    window's last change once its own typing is undone, and Esc closes. Close is no default button: Enter anywhere
    pressed it."""
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAutoDefault(False)
    close.setDefault(False)
    view.installEventFilter(_EnterOpens(view, open_item))

    def to_list() -> None:
        select_first()
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    filter_edit.returnPressed.connect(to_list)
    pass_undo_keys(filter_edit)


def is_enter(event: QEvent) -> bool:
    """Enter or Return pressed without Ctrl, Alt or Shift (the keypad's Enter included)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers == Qt.KeyboardModifier.NoModifier


def when_text(event: EventRecord) -> str:
    """An event's days as the detail pane writes them ("12–14 May 2025", in the system's language)."""
    start, end = event.start_date, event.end_date
    if start is None and end is not None:
        return f"until {format_day(end)}"
    return format_days(start, end)


def place_text(event: EventRecord) -> str:
    return ", ".join(p for p in (event.city, country_name(event.country) if event.country else "") if p)


class EventEditDialog(QDialog):
    """An event's name, days, place and organisers. Save asks the window; a refusal (a name another event has,
    days in the wrong order) is shown here and the dialog stays open."""

    saveRequested = Signal(object, object)  # the event before (EventRecord), the fields (dict)

    def __init__(self, event: EventRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditDialog")
        self.setWindowTitle("Edit event" if event.id else "New event")
        self.event = event
        self.name_edit = QLineEdit(event.name)
        self.name_edit.setObjectName("eventNameEdit")
        self.start_edit, self.end_edit = day_edit("eventStartEdit"), day_edit("eventEndEdit")
        set_day(self.start_edit, event.start_date)
        set_day(self.end_edit, event.end_date)
        self.start_edit.near, self.end_edit.near = self.end_edit, self.start_edit
        self.city_edit = QLineEdit(event.city)
        self.city_edit.setObjectName("eventCityEdit")
        self.country_combo = country_combo("eventCountryCombo")
        set_country(self.country_combo, event.country)
        self.organisers_edit = QLineEdit(event.organisers)
        self.organisers_edit.setObjectName("eventOrganisersEdit")
        self.organisers_edit.setPlaceholderText("e.g. OSCE Mission to Skopje, Ministry of Interior")
        self.problem_label = QLabel()
        self.problem_label.setObjectName("eventProblemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.hide()

        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("&First day", self.start_edit)
        form.addRow("&Last day", self.end_edit)
        form.addRow("C&ity", self.city_edit)
        form.addRow("&Country", self.country_combo)
        form.addRow("&Organisers", self.organisers_edit)
        people = note_label(
            f"{plural(event.participant_count, 'person', 'people')} took part. To join this event with another "
            "that is the same seminar, select both in the list and choose Merge."
            if event.id
            else "No one is in it yet: select people in the main window and choose Edit > Add to Event…."
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("eventSaveButton")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._validate)
        self.country_combo.currentTextChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(people)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 560, self.sizeHint().height())
        self._validate()
        self._as_opened = self.fields()
        self._discarding = False
        self._discard_box: QMessageBox | None = None

    def reject(self) -> None:
        """Esc, Cancel and closing: with changes typed, asked first (they were thrown away without a word)."""
        if self._discarding or self.fields() == self._as_opened:
            super().reject()
            return

        def discard() -> None:
            self._discarding = True
            self.reject()

        what = f"Your changes to {self.event.name} have not been saved." if self.event.id else "The event is not added."
        # Kept while it is open: its Python side collected under the open box crashed the application
        self._discard_box = ask_to_discard(self, what, discard)
        self._discard_box.finished.connect(lambda _result: setattr(self, "_discard_box", None))

    def _validate(self) -> None:
        problem = ""
        if not self.name_edit.text().strip():
            problem = "Enter the event's name."
        elif not is_country(self.country_combo):
            problem = f"'{self.country_combo.currentText().strip()}' is not a country; choose one from the list."
        self.show_problem(problem)
        self.save_button.setEnabled(not problem)

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text[:1].upper() + text[1:])
        self.problem_label.setVisible(bool(text))

    def fields(self) -> dict[str, Any]:
        return {
            "name": self.name_edit.text(),
            "start_date": day_of(self.start_edit),
            "end_date": day_of(self.end_edit),
            "city": self.city_edit.text(),
            "country": chosen_country(self.country_combo),
            "organisers": self.organisers_edit.text(),
        }

    def _save(self) -> None:
        self.save_button.setEnabled(False)
        self.saveRequested.emit(self.event, self.fields())

    def save_failed(self, message: str) -> None:
        self.show_problem(message)
        self.save_button.setEnabled(True)


class EventsDialog(QDialog):
    """Every event with its days, place and number of participants; Edit, Merge, Delete and Show Participants."""

    editRequested = Signal(object)  # EventRecord (a new one has id 0)
    mergeRequested = Signal(object, object)  # keep, other (EventRecord)
    deleteRequested = Signal(object)  # EventRecord
    showRequested = Signal(object)  # EventRecord
    listRequested = Signal(object, str)  # EventRecord, "pdf" or "xlsx": its participants list to a file

    HEADERS = ("Event", "When", "Where", "Organisers", "People")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsDialog")
        self.setWindowTitle("Events")
        self.events: list[EventRecord] = []
        intro = note_label(
            "The seminars people took part in. Correct a name or a date an import guessed, merge two events that "
            "are the same seminar, or delete one (the people stay in the directory). Ctrl+Z undoes each change."
        )
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("eventsFilter")
        self.filter_edit.setPlaceholderText("Filter events")
        self.filter_edit.setAccessibleName("Filter events")
        name_clear_button(self.filter_edit, "Clear the filter")
        self.view, self.model, self.proxy = make_table("eventsTable", self.HEADERS)
        self.view.setAccessibleName("Events")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(False)
        # Long seminar names are cut (their tooltip holds them whole): days, place and people stay in sight.
        stretch_column(self.view, 3)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 440)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.view.doubleClicked.connect(lambda _index: self._edit())
        self.empty_label = empty_note("There are no events in this directory yet: importing a list creates one.")
        self.empty_label.setObjectName("eventsEmpty")

        self.new_button = self._button("&New…", "newEventButton", self._new)
        self.edit_button = self._button("&Edit…", "editEventButton", self._edit)
        self.merge_button = self._button("&Merge…", "mergeEventsButton", self._merge)
        self.merge_button.setToolTip("Select the two events that are the same seminar")
        self.delete_button = self._button("&Delete…", "deleteEventButton", self._delete)
        self.show_button = self._button("&Show Participants", "showEventButton", self._show)
        self.list_button = self._button("Participants &List", "eventListButton", lambda: None)
        list_menu = QMenu(self.list_button)
        list_menu.addAction("To &PDF (a handout)…", lambda: self._list("pdf"))
        list_menu.addAction("To &Excel (.xlsx)…", lambda: self._list("xlsx"))
        list_menu.addAction("&QR Codes to Print (.pdf)…", lambda: self._list("qr"))
        list_menu.addSeparator()
        list_menu.addAction("Copy E-&mail Addresses", lambda: self._list("emails"))
        self.list_button.setMenu(list_menu)
        self.list_button.setToolTip("The event's participants, grouped by country, for the seminar's folder")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.new_button, self.edit_button, self.merge_button, self.delete_button, self.show_button,
                       self.list_button):  # fmt: skip
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        list_window_keys(buttons, self.view, self.filter_edit, self._edit, self._select_first)  # Enter edits
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1120, 480)
        # On a small screen the names give up room first, so that the organisers keep a few words.
        header.resizeSection(0, min(440, self.width() * 2 // 5))
        self._update()

    def _select_first(self) -> None:
        if self.proxy.rowCount() and not self.selected():
            self.select_events([self.proxy.index(0, 0).data(RowRole)])

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def set_events(self, events: Sequence[EventRecord], select: Sequence[int] = ()) -> None:
        keep = list(select) or [e.id for e in self.selected()]
        self.events = list(events)
        self.model.removeRows(0, self.model.rowCount())
        for e in self.events:
            row = [
                table_item(e.name, e.name),
                table_item(when_text(e)),
                table_item(place_text(e)),
                table_item(e.organisers, e.organisers),
                table_item(f"{e.participant_count:,}", align_right=True),
            ]
            row[0].setData(e.id, RowRole)
            self.model.appendRow(row)
        self.view.setVisible(bool(self.events))
        self.empty_label.setVisible(not self.events)
        self.select_events(keep)
        self._update()

    def select_events(self, ids: Sequence[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        first = True
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RowRole) in ids:
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                if first:
                    flags |= selection.SelectionFlag.Current
                    self.view.scrollTo(index)
                    first = False
                selection.select(index, flags)

    def selected(self) -> list[EventRecord]:
        if self.view.selectionModel() is None:
            return []
        ids = [index.data(RowRole) for index in self.view.selectionModel().selectedRows()]
        by_id = {e.id: e for e in self.events}
        return [by_id[i] for i in ids if i in by_id]

    def _update(self) -> None:
        n = len(self.selected())
        self.edit_button.setEnabled(n == 1)
        self.delete_button.setEnabled(n == 1)
        self.show_button.setEnabled(n == 1)
        self.list_button.setEnabled(n == 1)
        self.merge_button.setEnabled(n == 2)

    def _one(self) -> EventRecord | None:
        selected = self.selected()
        return selected[0] if len(selected) == 1 else None

    def _edit(self) -> None:
        if (event := self._one()) is not None:
            self.editRequested.emit(event)

    def _new(self) -> None:
        self.editRequested.emit(EventRecord(0, "", None, None, "", None, ""))

    def _delete(self) -> None:
        if (event := self._one()) is not None:
            self.deleteRequested.emit(event)

    def _show(self) -> None:
        if (event := self._one()) is not None:
            self.showRequested.emit(event)

    def _list(self, fmt: str) -> None:
        if (event := self._one()) is not None:
            self.listRequested.emit(event, fmt)

    def _merge(self) -> None:
        selected = self.selected()
        if len(selected) == 2:
            chooser = MergeEventsDialog(selected[0], selected[1], self)
            chooser.accepted.connect(lambda: self.mergeRequested.emit(*chooser.keep_and_other()))
            chooser.open()


class MergeEventsDialog(QDialog):
    """Which of the two events to keep (its name stays; the other's participants join it)."""

    def __init__(self, first: EventRecord, second: EventRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeEventsDialog")
        self.setWindowTitle("Merge events")
        # The one more people took part in is proposed: usually the list of the whole seminar.
        self.pair = (first, second) if first.participant_count >= second.participant_count else (second, first)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label("The two events are one seminar. Keep the name of:"))
        for i, e in enumerate(self.pair):
            details = " · ".join(x for x in (when_text(e), place_text(e)) if x)
            radio = QRadioButton(f"{e.name}  ({plural(e.participant_count, 'person', 'people')})")
            radio.setObjectName(f"keepEvent{i}")
            radio.setToolTip(details)
            radio.setChecked(i == 0)
            self.group.addButton(radio, i)
            layout.addWidget(radio)
        layout.addWidget(
            note_label(
                "The other event's participants take part in the kept one (a speaker stays a speaker), its imports "
                "belong to it, and its days, place and organisers fill what the kept one lacks. Then it is removed."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        merge = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setObjectName("mergeEventsYes")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def keep_and_other(self) -> tuple[EventRecord, EventRecord]:
        keep = self.group.checkedId()
        return self.pair[keep], self.pair[1 - keep]


class EventPartDialog(QDialog):
    """Add the selected contacts to an event (with their part), or take them off one."""

    def __init__(
        self,
        remove: bool,
        events: Sequence[tuple[EventRecord, int]],
        selected: int,
        current: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.remove = remove
        self.setObjectName("eventPartDialog")
        self.setWindowTitle("Take off an event" if remove else "Add to an event")
        people = plural(selected, "selected contact")
        intro = (
            f"The {people} did not take part in (they stay in the directory):"
            if remove
            else f"The {people} took part in:"
        )
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("eventPartEvent")
        for event, n in events:
            label = f"{n} of {selected} — {event.name}" if remove else event.name  # the count stays in sight
            self.event_combo.addItem(label, event.id)
            self.event_combo.setItemData(self.event_combo.count() - 1, event.name, Qt.ItemDataRole.ToolTipRole)
        if current is not None and (row := self.event_combo.findData(current)) >= 0:
            self.event_combo.setCurrentIndex(row)
        self.event_combo.setMinimumContentsLength(70)
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.part_combo = QComboBox()
        self.part_combo.setObjectName("eventPartPart")
        for code in vocab.PARTS:
            self.part_combo.addItem(vocab_label("part", code), code)
        form = QFormLayout()
        form.addRow("&Event", self.event_combo)
        if not remove:
            form.addRow("&As", self.part_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("Take Off" if remove else "Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("eventPartOk")
        self.ok_button.setEnabled(self.event_combo.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(intro))
        layout.addLayout(form)
        if not events:
            layout.addWidget(
                note_label(
                    "None of them took part in any event."
                    if remove
                    else "There are no events yet: Edit > Events… > New… adds one."
                )
            )
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, str, str | None]:
        """(event id, event name, part; None to take them off)."""
        name = self.event_combo.currentData(Qt.ItemDataRole.ToolTipRole)
        return self.event_combo.currentData(), name, None if self.remove else self.part_combo.currentData()


# ------------------------------------------------------------------------------------------------ actions


class EventActions:
    """Edit > Events… of one main window (`window.events`)."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: EventsDialog | None = None
        self.edit_dialog: EventEditDialog | None = None
        self.part_dialog: EventPartDialog | None = None
        self.last_export: Path | None = None
        self.action = QAction("E&vents…", window)
        self.action.setObjectName("actionEvents")
        self.action.setStatusTip("Correct, merge or delete the events (seminars) people took part in")
        self.action.triggered.connect(lambda _checked=False: self.open())
        self.action_add_to = QAction("Add &to Event…", window)
        self.action_add_to.setObjectName("actionAddToEvent")
        self.action_add_to.setStatusTip("Record that the selected contacts took part in an event (undo with Ctrl+Z)")
        self.action_add_to.triggered.connect(lambda _checked=False: self.open_part(remove=False))
        self.action_take_off = QAction("Ta&ke Off Event…", window)
        self.action_take_off.setObjectName("actionTakeOffEvent")
        self.action_take_off.setStatusTip("Record that the selected contacts did not take part in an event after all")
        self.action_take_off.triggered.connect(lambda _checked=False: self.open_part(remove=True))
        anchor = window.findChild(QAction, "actionFindDuplicates")
        insert_after(window.edit_menu, anchor, self.action_add_to, self.action_take_off, self.action)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        # A right click on an event in the window's event filter: edit it, or show it in the events list.
        view = window.event_filter.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._filter_menu)
        window.searchFinished.connect(self._update_actions)
        window.directoryChanged.connect(self._directory_changed)
        # After an undo or redo the list follows: the reload is queued on the worker after the step's own work.
        window.undo_stack.indexChanged.connect(self._reload_if_open)
        self._directory_changed()

    def _directory_changed(self, *_args: object) -> None:
        for dialog in (self.edit_dialog, self.dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.close()
        self._update_actions()

    def _filter_menu(self, pos: QPoint) -> QMenu | None:
        view = self.window.event_filter.view
        index = view.indexAt(pos)
        if not index.isValid() or self.window.directory is None:
            return None
        event_id = index.data(FacetModel.KeyRole)
        menu = QMenu(view)
        menu.setObjectName("eventFilterMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction("&Show Only This Event", lambda: self.window.show_event(event_id))
        menu.addAction("&Edit Event…", lambda: self._edit_by_id(event_id))
        menu.addAction("&All Events…", lambda: self._open_at(event_id))
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def _edit_by_id(self, event_id: int) -> None:
        directory = self.window.directory
        if directory is None:
            return

        def loaded(events: list[EventRecord]) -> None:
            event = next((e for e in events if e.id == event_id), None)
            if event is None:
                self.window.show_error("that event is no longer in the directory")
            else:
                self.open_edit(event)

        self.window.runner.run(lambda: list_events(directory), loaded, self._failed)

    def _open_at(self, event_id: int) -> None:
        if self.open() is not None:
            self.reload([event_id])

    def _update_actions(self, *_args: object) -> None:
        has_directory = self.window.directory is not None
        selected = has_directory and bool(self.window.selected_contact_ids())
        self.action.setEnabled(has_directory)
        self.action_add_to.setEnabled(selected)
        self.action_take_off.setEnabled(selected)

    def open_part(self, remove: bool) -> None:
        """Add to Event… / Take Off Event… for the selected contacts; the event the window is filtered on, if one,
        comes first."""
        window, directory = self.window, self.window.directory
        ids = window.selected_contact_ids()
        if directory is None or not ids:
            return
        checked = window.event_filter.selected()
        current = checked[0] if len(checked) == 1 else None
        self.part_dialog = None  # the one before was closed (and deleted): the next comes once the events are read

        def loaded(events: list[tuple[EventRecord, int]]) -> None:
            dialog = EventPartDialog(remove, events, len(ids), current, window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self._set_part(ids, *dialog.choice()))
            self.part_dialog = dialog
            dialog.open()

        def work() -> list[tuple[EventRecord, int]]:
            if remove:
                return events_of(directory, ids)
            return [(e, 0) for e in list_events(directory)]

        window.runner.run(work, loaded, self._failed)

    def _set_part(self, ids: list[int], event_id: int, name: str, part: str | None) -> None:
        window, directory = self.window, self.window.directory
        if directory is None:
            return

        def done(change) -> None:  # PartChange
            window.undo_stack.push(EventPartCommand(window, directory, change, name))
            n = plural(change.changed, "contact")
            window.statusBar().showMessage(
                f"{n} taken off “{name}”" if part is None else f"{n} added to “{name}” as {part}", 6000
            )
            self.reload()
            window.refresh(select_ids=ids)

        window.runner.run(lambda: set_part(directory, ids, event_id, part), done, self._failed)

    def open(self) -> EventsDialog | None:
        if self.window.directory is None:
            return None
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = EventsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The window's Undo and Redo, with their keys, work in this window too (its list follows, see _reload_if_open).
        dialog.addActions([self.window.action_undo, self.window.action_redo])
        dialog.editRequested.connect(self.open_edit)
        dialog.mergeRequested.connect(self._merge)
        dialog.deleteRequested.connect(self._confirm_delete)
        dialog.showRequested.connect(self._show)
        dialog.listRequested.connect(lambda event, fmt: self.export_participants(event, fmt))
        self.dialog = dialog
        self.reload()
        dialog.show()
        return dialog

    def reload(self, select: Sequence[int] = ()) -> None:
        directory, dialog = self.window.directory, self.dialog
        if directory is None or dialog is None or not shiboken6.isValid(dialog):
            return

        def loaded(events: list[EventRecord]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_events(events, select)

        self.window.runner.run(lambda: list_events(directory), loaded, self._failed, key="events-dialog")

    def _reload_if_open(self, *_args: object) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.reload()

    def open_edit(self, event: EventRecord) -> EventEditDialog:
        if self.edit_dialog is not None and shiboken6.isValid(self.edit_dialog):
            self.edit_dialog.close()
        dialog = EventEditDialog(event, self.dialog or self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(True)
        dialog.saveRequested.connect(lambda before, fields: self._save(dialog, before, fields))
        self.edit_dialog = dialog
        dialog.show()
        return dialog

    def _save(self, dialog: EventEditDialog, before: EventRecord, fields: dict[str, Any]) -> None:
        window, directory = self.window, self.window.directory
        if directory is None:
            return

        def done(result: tuple[EventRecord | None, EventRecord]) -> None:
            old, new = result
            if shiboken6.isValid(dialog):
                dialog.accept()
            if old is None:
                window.undo_stack.push(CreateEventCommand(window, directory, new))
            else:
                window.undo_stack.push(EditEventCommand(window, directory, old, new))
            window.statusBar().showMessage(f"Event “{new.name}” saved", 6000)
            self.reload([new.id])
            window.refresh()

        def work() -> tuple[EventRecord | None, EventRecord]:
            if before.id == 0:
                return None, create_event(directory, **fields)
            return update_event(directory, before.id, **fields)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(dialog):
                dialog.save_failed(error_message(exc))
            else:
                window.show_error(error_message(exc))

        window.runner.run(work, done, failed)

    def _merge(self, keep: EventRecord, other: EventRecord) -> None:
        window, directory = self.window, self.window.directory
        if directory is None:
            return

        def done(merge) -> None:  # EventMerge
            window.undo_stack.push(MergeEventsCommand(window, directory, merge))
            window.statusBar().showMessage(f"“{other.name}” merged into “{keep.name}”", 6000)
            checked = window.event_filter.selected()
            if other.id in checked:  # the filter follows: the removed event's people are in the kept one
                window.event_filter.set_selected([keep.id if i == other.id else i for i in checked])
            self.reload([keep.id])
            window.refresh()

        window.runner.run(lambda: merge_events(directory, keep.id, other.id), done, self._failed)

    def _confirm_delete(self, event: EventRecord) -> None:
        people = plural(event.participant_count, "person", "people")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete event",
            f"Delete the event “{event.name}”?",
            parent=self.dialog or self.window,
        )
        box.setObjectName("confirmDeleteEventBox")
        box.setInformativeText(
            f"The record that {people} took part in it is removed; the people stay in the directory. "
            "Edit > Undo puts it back."
        )
        yes = box.addButton("Delete Event", QMessageBox.ButtonRole.DestructiveRole)
        yes.setObjectName("confirmDeleteEventBoxYes")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._delete(event) if box.clickedButton() is yes else None)
        box.open()

    def _delete(self, event: EventRecord) -> None:
        window, directory = self.window, self.window.directory
        if directory is None:
            return

        def done(deleted) -> None:  # DeletedEvent
            window.undo_stack.push(DeleteEventCommand(window, directory, deleted))
            window.statusBar().showMessage(f"Event “{event.name}” deleted", 6000)
            self.reload()
            window.refresh()

        window.runner.run(lambda: delete_event(directory, event.id), done, self._failed)

    def export_participants(self, event: EventRecord, fmt: str, path: Path | None = None) -> None:
        """The event's participants list to .pdf or .xlsx, or their QR codes to print ("qr", a .pdf), asking where
        when `path` is None; recorded in the audit log."""
        window, directory = self.window, self.window.directory
        if directory is None:
            return
        if fmt == "qr":
            self._export_codes(event, path)
            return
        if fmt == "emails":
            self._copy_addresses(event)
            return
        path = path or ask_save_path(self.dialog or window, "Save the participants list",
                                     participants_file_name(event, fmt), fmt)  # fmt: skip
        if path is None:
            return

        def done(target: Path) -> None:
            self.last_export = target
            export_written(target)
            window.statusBar().showMessage(f"Participants list of {event.name} saved to {target}", 8000)

        window.runner.run(lambda: (export_participants(directory, event.id, path), path)[1], done, self._failed)

    def _export_codes(self, event: EventRecord, path: Path | None) -> None:
        """The participants' QR codes to print, a card each (core.exporting, as Export > QR codes to print)."""
        window, directory = self.window, self.window.directory
        suggested = participants_file_name(event, "pdf").replace("Participants - ", "QR codes - ", 1)
        path = path or ask_save_path(self.dialog or window, "Save the participants' QR codes", suggested, "pdf")
        if path is None:
            return
        window.statusBar().showMessage(f"Making the QR codes of the participants of {event.name}…")

        def work() -> ExportResult:
            return export_contacts(directory, _participants(directory, event), path, "qr")

        def done(result: ExportResult) -> None:
            self.last_export = result.path
            export_written(result.path)
            window.statusBar().showMessage(f"QR codes of {plural(result.count, 'participant')} of {event.name} saved "
                                           f"to {result.path}", 8000)  # fmt: skip

        window.runner.run(work, done, self._failed)

    def _copy_addresses(self, event: EventRecord) -> None:
        """The participants' e-mail addresses on the clipboard, for the message after the seminar (core.mailing,
        as Edit > Copy E-mail Addresses)."""
        window, directory = self.window, self.window.directory

        def work() -> MailList:
            return mail_list(directory, _participants(directory, event))

        def done(mails: MailList) -> None:
            QGuiApplication.clipboard().setText(mails.text)
            what = f"Copied the e-mail addresses of {plural(mails.count, 'participant')} of {event.name}"
            window.statusBar().showMessage(what + (f"; {mails.notes}" if mails.notes else ""), 10_000)

        window.runner.run(work, done, self._failed)

    def _show(self, event: EventRecord) -> None:
        """The main window shows the event's participants; the events list closes."""
        window = self.window
        window.show_event(event.id)
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
        window.activateWindow()

    def _failed(self, exc: BaseException) -> None:
        message = error_message(exc)
        self.window.show_error(message)
        self.reload()


def _participants(directory, event: EventRecord) -> list[int]:
    """The ids of the event's participants, in the search's order (by name)."""
    return search_ids(directory, SearchQuery(events=(event.id,)))


def install(window: Any) -> EventActions:
    """Add Edit > Events…."""
    actions = EventActions(window)
    window.events = actions
    return actions
