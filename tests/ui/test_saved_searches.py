"""Saved searches in the window: the current search and filters kept under a name, run again from the menu beside
the search field, and forgotten after a question."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from directory_app.core.saved_searches import list_saved_searches
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory
from tests.ui.conftest import wait_idle


def _menu_action(saved, text: str):
    saved.menu.aboutToShow.emit()  # what opening the menu does: it is filled from the searches loaded
    for action in saved.menu.actions():
        if action.menu() is not None and action.text().replace("&", "") == text:
            return action.menu()
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in saved.menu.actions()]}")


def test_a_search_is_saved_run_again_and_forgotten(qtbot, window) -> None:
    saved = window.saved_searches
    assert not _menu_action(saved, "Save This Search…").isEnabled()  # nothing typed or ticked: nothing to save
    assert not _menu_action(saved, "No saved searches yet").isEnabled()
    window.show_filtered(countries=["BA", "RS"], roles=["judge"])
    wait_idle(qtbot, window)
    expected = window.model.rowCount()
    dialog = saved.ask_name()
    assert dialog.textValue() == "Bosnia and Herzegovina, Serbia · Judge"
    dialog.setTextValue("Judges, Bosnia and Serbia")
    dialog.accept()
    qtbot.waitUntil(lambda: [s.name for s, _w in saved.saved] == ["Judges, Bosnia and Serbia"], timeout=10_000)
    assert "saved" in window.statusBar().currentMessage()
    with open_directory(window.directory_path) as d:
        [kept] = list_saved_searches(d)
        assert kept.query == SearchQuery(countries=("BA", "RS"), roles=("judge",))
        assert len(search_ids(d, kept.query)) == expected

    window.clear_filters()
    wait_idle(qtbot, window)
    assert window.model.rowCount() > expected
    run = _menu_action(saved, "Judges, Bosnia and Serbia")
    assert run.toolTip() == "Bosnia and Herzegovina, Serbia · Judge"
    run.trigger()
    wait_idle(qtbot, window)
    assert window.current_query() == SearchQuery(countries=("BA", "RS"), roles=("judge",))
    assert window.model.rowCount() == expected

    forget = _menu_action(saved, "Forget a Saved Search").actions()[0]
    forget.trigger()
    box = saved.forget_box
    assert "Forget the saved search 'Judges, Bosnia and Serbia'?" in box.text()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    qtbot.waitUntil(lambda: saved.saved == [], timeout=10_000)
    assert window.statusBar().currentMessage() == "Saved search 'Judges, Bosnia and Serbia' forgotten"


def test_a_saved_search_whose_event_was_deleted_is_not_run(qtbot, window) -> None:
    """Run without its event it would show everyone, and an export of it would give the whole directory."""
    from directory_app.core.contacts import list_events
    from directory_app.core.events import delete_event
    from directory_app.core.saved_searches import save_search

    with open_directory(window.directory_path) as d:
        event = list_events(d)[0]
        save_search(d, "Last seminar", SearchQuery(events=(event.id,)))
        delete_event(d, event.id)
    saved = window.saved_searches
    saved.load()
    qtbot.waitUntil(lambda: [s.name for s, _w in saved.saved] == ["Last seminar"], timeout=10_000)
    window.show_filtered(countries=["RS"])
    wait_idle(qtbot, window)
    shown = window.model.rowCount()
    run = _menu_action(saved, "Last seminar")
    assert run.toolTip() == "everyone (its event was deleted since: it cannot be run)"
    run.trigger()
    box = window.findChild(QMessageBox, "savedSearchGoneBox")
    assert box is not None and box.isVisible()
    assert "was for an event deleted since" in box.text() and "people who never took part" in box.informativeText()
    box.accept()
    wait_idle(qtbot, window)
    assert window.current_query() == SearchQuery(countries=("RS",)) and window.model.rowCount() == shown
