"""Start-up in steps: the first look fills the table before the directory is open, the first search comes from
SQL, and the facet counts follow once the index is built. Whatever the user does meanwhile must give exactly the
results and counts it gives once everything is loaded.

The slow steps are held back with events (not timed): `open_directory` or `facet_counts` waits in the worker
until the test lets it go.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from directory_app.core.records import DirectoryError
from directory_app.core.search import FacetCounts, SearchQuery, facet_counts_in, search_ids_in
from directory_app.core.store import open_directory
from directory_app.ui import main_window as main_window_module
from directory_app.ui.facets import FacetModel
from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle

SEARCH_WAIT_MS = main_window_module.SEARCH_DELAY_MS + 50  # the typing's search delay, passed


class Gate:
    """Holds a worker-side function until `release()` (or 10 s, so that a failing test cannot hang)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.event = threading.Event()
        self.calls = 0
        real: Callable = getattr(main_window_module, name)

        def held(*args: object, **kwargs: object) -> object:
            self.calls += 1
            self.event.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(main_window_module, name, held)

    def release(self) -> None:
        self.event.set()


@pytest.fixture
def start(qtbot) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def make(path: Path) -> MainWindow:
        window = MainWindow(path)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def expected(path: Path, query: SearchQuery) -> tuple[list[int], FacetCounts]:
    with open_directory(path, daily_backup=False) as directory, directory.read() as session:
        return search_ids_in(session, query), facet_counts_in(session, query)


def shown_counts(window: MainWindow) -> dict[str, dict]:
    out = {}
    for facet in window.facet_filters:
        model = facet.model
        out[facet.facet] = {
            model.index(row).data(FacetModel.KeyRole): model.index(row).data(FacetModel.CountRole)
            for row in range(model.rowCount())
        }
    return out


def assert_counts(window: MainWindow, counts: FacetCounts) -> None:
    shown = shown_counts(window)
    for facet in ("country", "role", "expertise", "event"):
        nonzero = {k: n for k, n in shown[facet].items() if n}
        assert nonzero == getattr(counts, facet), facet


def first_look_shown(window: MainWindow) -> bool:
    return window.model.rowCount() > 0 and window.model.is_loaded(0)


def test_results_and_counts_come_before_the_index(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    ids, counts = expected(demo_copy, SearchQuery())
    gate = Gate(monkeypatch, "facet_counts")  # the index is not built until the gate opens
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: window.directory is not None and gate.calls > 0 and first_look_shown(window))
        assert window.model.ids() == ids
        assert window.count_label.text() == "300 contacts"
        assert "search_index" not in window.directory.extras, "nothing waited for the index"
        assert not any(facet.counts_loading() for facet in window.facet_filters)
        assert_counts(window, counts)
    finally:
        gate.release()
    wait_idle(qtbot, window)
    assert_counts(window, counts)
    assert window.model.ids() == ids


def test_counts_waiting_for_the_index_show_as_loading(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    query = SearchQuery(countries=("RS",))
    ids, counts = expected(demo_copy, query)
    opening = Gate(monkeypatch, "open_directory")
    counting = Gate(monkeypatch, "facet_counts")
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: first_look_shown(window))
        window.country_filter.set_selected(["RS"])  # before the directory is open
        opening.release()
        qtbot.waitUntil(lambda: window.model.ids() == ids and counting.calls > 0)  # results from SQL
        for facet in window.facet_filters:
            assert facet.model.rowCount() > 0, f"{facet.facet}: values listed while counting"
            assert facet.counts_loading()
            first = facet.model.index(0)
            assert first.data().endswith("(…)"), "a count being made is not shown as zero"
            assert first.data(Qt.ItemDataRole.ForegroundRole) is None, "nor greyed as empty"
            assert first.data(FacetModel.CountRole) is None
    finally:
        opening.release()
        counting.release()
    wait_idle(qtbot, window)
    assert not any(facet.counts_loading() for facet in window.facet_filters)
    assert_counts(window, counts)
    assert window.model.ids() == ids


def test_typing_and_filtering_before_the_directory_is_open(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    query = SearchQuery(text="jovanovic", countries=("RS",))
    ids, counts = expected(demo_copy, query)
    assert ids, "the demo has Jovanovićs in Serbia"
    gate = Gate(monkeypatch, "open_directory")
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: first_look_shown(window))
        assert window.directory is None, "the first look, before the opening"
        assert window.model.rowCount() == 300
        qtbot.keyClicks(window.search_edit, "jovanovic")
        window.country_filter.set_selected(["RS"])
        qtbot.wait(SEARCH_WAIT_MS)  # the search delay passes while the directory is still opening
    finally:
        gate.release()
    wait_idle(qtbot, window)
    assert window.search_edit.text() == "jovanovic", "what was typed is kept"
    assert window.country_filter.selected() == ("RS",)
    assert window.model.ids() == ids
    assert window.count_label.text() == f"{len(ids)} of 300 contacts"
    assert_counts(window, counts)


def test_a_search_typed_while_the_index_is_built(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    query = SearchQuery(text="dordevic")
    ids, counts = expected(demo_copy, query)
    gate = Gate(monkeypatch, "facet_counts")
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: window.directory is not None and gate.calls > 0)
        qtbot.keyClicks(window.search_edit, "dordevic")
        qtbot.wait(SEARCH_WAIT_MS)
    finally:
        gate.release()
    wait_idle(qtbot, window)
    assert window.model.ids() == ids
    assert_counts(window, counts)


def test_rows_scrolled_to_before_the_opening_load_after_it(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    ids, _ = expected(demo_copy, SearchQuery())
    gate = Gate(monkeypatch, "open_directory")
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: first_look_shown(window))
        window.table.scrollToBottom()
        window.table.grab()  # paints: the view asks for the last rows
        last = window.model.rowCount() - 1
        assert not window.model.is_loaded(last)
        position = window.table.verticalScrollBar().value()
        assert position > 0
    finally:
        gate.release()
    wait_idle(qtbot, window)
    assert window.model.is_loaded(last)
    assert window.model.row_data(last).id == ids[-1]
    assert window.table.verticalScrollBar().value() == position, "the same list: the view stays where it was"


def test_a_first_look_whose_opening_fails_is_taken_back(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    gate = Gate(monkeypatch, "open_directory")

    def busy(*_args: object, **_kwargs: object) -> object:
        gate.event.wait(10)
        raise DirectoryError("the directory is busy: try again in a moment")

    monkeypatch.setattr(main_window_module, "open_directory", busy)
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: first_look_shown(window))
    finally:
        gate.release()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    assert "busy" in window.findChild(QMessageBox, "errorBox").text()
    assert window.pages.currentWidget() is window.welcome
    assert window.model.rowCount() == 0
    assert all(facet.model.rowCount() == 0 for facet in window.facet_filters)
    assert window.directory is None


def test_the_status_bar_says_opening_not_searching(qtbot, start, demo_copy: Path, monkeypatch) -> None:
    gate = Gate(monkeypatch, "open_directory")
    try:
        window = start(demo_copy)
        qtbot.waitUntil(lambda: gate.calls > 0)
        # The busy label shows only when its delay's timer fires: once that timer is not running, it would have.
        qtbot.waitUntil(lambda: not window._busy_timer.isActive(), timeout=5_000)
        assert window.statusBar().currentMessage().startswith("Opening ")
        assert not window.busy_label.isVisible()  # the user has not searched
    finally:
        gate.release()
    wait_idle(qtbot, window)
    search = Gate(monkeypatch, "search_ids")
    try:
        window.search_edit.setText("jovanovic")  # a search that takes long: the window says so
        qtbot.waitUntil(window.busy_label.isVisible)
        assert window.busy_label.text() == "Searching…"
    finally:
        search.release()
    wait_idle(qtbot, window)
    assert not window.busy_label.isVisible()
    other = threading.Event()
    window.runner.run(lambda: other.wait(10))  # other work (an export, a merge): not called a search
    try:
        qtbot.waitUntil(window.busy_label.isVisible)
        assert window.busy_label.text() == "Working…"
    finally:
        other.set()
    wait_idle(qtbot, window)
    assert not window.busy_label.isVisible()
