"""An event's day field (event_actions.day_edit, also on the import wizard's Event page): typed, picked from a
calendar that opens at this month while the day is not known, and cleared back to "not known"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from directory_app.ui.event_actions import DayEdit, day_edit, day_of, set_day

_hosts: list[QWidget] = []  # the fields' windows, kept from the garbage collector for the test's length


def _edit(qtbot) -> DayEdit:
    host = QWidget()
    _hosts[:] = [host]
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    other = QLineEdit()
    other.setObjectName("otherField")
    layout.addWidget(other)
    edit = day_edit("eventStartEdit")
    layout.addWidget(edit)
    host.show()
    qtbot.waitExposed(host)
    return edit


def test_a_day_typed_on_not_known(qtbot) -> None:
    edit = _edit(qtbot)
    assert edit.text() == "not known" and day_of(edit) is None
    qtbot.keyClicks(edit, "2026-05-12")
    assert edit.text() == "2026-05-12" and day_of(edit) == date(2026, 5, 12)


def test_a_day_typed_over_another_with_or_without_dashes(qtbot) -> None:
    edit = _edit(qtbot)
    for typed, day in (
        ("2024-03-05", date(2024, 3, 5)),
        ("20190102", date(2019, 1, 2)),
        ("2021-7-9", date(2021, 7, 9)),
    ):
        set_day(edit, date(2020, 11, 30))
        edit.selectAll()
        qtbot.keyClicks(edit, typed)
        edit.interpretText()  # as leaving the field does
        assert day_of(edit) == day, typed


def test_a_day_half_typed_on_not_known_stays_not_known(qtbot) -> None:
    edit = _edit(qtbot)
    edit.window().activateWindow()
    qtbot.waitUntil(edit.window().isActiveWindow)
    edit.setFocus()
    qtbot.keyClicks(edit, "20")
    edit.window().findChild(QLineEdit, "otherField").setFocus()  # the next field: the date is left half typed
    assert day_of(edit) is None and edit.text() == "not known"


def test_a_day_cleared_by_delete_or_the_clear_button(qtbot) -> None:
    edit = _edit(qtbot)
    set_day(edit, date(2024, 3, 5))
    assert edit.clear_action.isVisible()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert day_of(edit) is None and edit.text() == "not known" and not edit.clear_action.isVisible()
    set_day(edit, date(2024, 3, 5))
    edit.clear_action.trigger()
    assert day_of(edit) is None and edit.text() == "not known"


def test_up_on_not_known_is_today(qtbot) -> None:
    edit = _edit(qtbot)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.date() == QDate.currentDate()


def test_the_calendar_opens_at_this_month_while_the_day_is_not_known(qtbot) -> None:
    edit = _edit(qtbot)
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert day_of(edit) is None, "opening the calendar chooses nothing"
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert day_of(edit) is None and edit.text() == "not known"

    qtbot.keyClick(edit, Qt.Key.Key_F4)
    qtbot.waitUntil(calendar.isVisible)
    view = calendar.findChild(QWidget, "qt_calendar_calendarview")
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the day marked, today, chosen
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert edit.date() == today


def test_the_calendar_opens_at_the_events_other_day_or_its_own(qtbot) -> None:
    start = _edit(qtbot)
    end = day_edit("eventEndEdit")
    start.parentWidget().layout().addWidget(end)
    end.near = start
    set_day(start, date(2019, 4, 23))
    qtbot.keyClick(end, Qt.Key.Key_F4)
    qtbot.waitUntil(end.calendarWidget().isVisible)
    assert (end.calendarWidget().yearShown(), end.calendarWidget().monthShown()) == (2019, 4)
    qtbot.keyClick(end.calendarWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not end.calendarWidget().isVisible())
    assert day_of(end) is None

    qtbot.keyClick(start, Qt.Key.Key_F4)
    qtbot.waitUntil(start.calendarWidget().isVisible)
    assert (start.calendarWidget().yearShown(), start.calendarWidget().monthShown()) == (2019, 4)
    qtbot.keyClick(start.calendarWidget(), Qt.Key.Key_Escape)
