"""The coverage view on the demo network: the matrix agrees with the core, gaps, routes, clicks, charts, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QMainWindow

from directory_app.core.coverage import coverage_matrix, routes, set_routes
from directory_app.core.demo import DEMO_ROUTES
from directory_app.core.search import SearchQuery, count
from directory_app.ui.coverage_view import CoverageModel, CoverageView, install


@pytest.fixture
def view(qtbot, demo_directory) -> CoverageView:
    v = CoverageView(demo_directory)
    qtbot.addWidget(v)
    if v.model.matrix is None:
        with qtbot.waitSignal(v.loaded, timeout=20_000):
            pass
    return v


def _reload(qtbot, view: CoverageView, action) -> None:
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        action()


def _find(model: CoverageModel, code: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(CoverageModel.CountryRole) == code)


def test_cells_show_the_core_counts_and_gaps(view: CoverageView, demo_directory) -> None:
    assert view.objectName() == "coverageView"
    model = view.model
    matrix = coverage_matrix(demo_directory)
    assert model.columnCount() == len(matrix.roles) + 2
    assert model.index(0, 0).data() == "Countries of origin (6)"  # the demo's places on the routes
    checked = 0
    for r in range(model.rowCount()):
        code = model.index(r, 0).data(CoverageModel.CountryRole)
        if not code:
            continue
        for c, role in enumerate(matrix.roles, start=1):
            index = model.index(r, c)
            n = count(demo_directory, SearchQuery(countries=(code,), roles=(role,)))
            if matrix.is_gap(code, role):
                assert index.data() == "—" and index.data(CoverageModel.GapRole) is True
                assert "0 · gap" in index.data(Qt.ItemDataRole.ToolTipRole)
                assert index.data(Qt.ItemDataRole.BackgroundRole).style() == Qt.BrushStyle.BDiagPattern
            else:
                assert index.data() == str(n)
            checked += 1
    assert checked == len(matrix.countries) * len(matrix.roles)
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "All countries"
    assert model.index(last, model.columnCount() - 1).data() == "300"
    assert "300 contacts in 20 of 20 countries" in view.summary.text()
    assert f"{len(matrix.gaps())} gaps" in view.summary.text()


def test_colours_follow_the_count_and_the_palette(view: CoverageView) -> None:
    model = view.model
    row = _find(model, "BA")
    prosecutor, judge = model.index(row, 2), model.index(row, 1)  # 8 and 1 in the demo
    assert int(prosecutor.data()) > int(judge.data())
    deep = prosecutor.data(Qt.ItemDataRole.BackgroundRole)
    pale = judge.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(deep, QBrush) and isinstance(pale, QBrush)
    base = view.palette().base().color()

    def distance(brush: QBrush) -> int:
        c = brush.color()
        return abs(c.red() - base.red()) + abs(c.green() - base.green()) + abs(c.blue() - base.blue())

    assert distance(deep) > distance(pale) > 0


def test_filters_apply_and_group_rows_follow_routes(qtbot, view: CoverageView, demo_directory) -> None:
    _reload(qtbot, view, lambda: view.set_filters(expertise="smuggling_of_migrants"))
    q = SearchQuery(expertise=("smuggling_of_migrants",))
    assert view.model.matrix is not None and view.model.matrix.total == count(demo_directory, q)
    row = _find(view.model, "RS")
    n = count(demo_directory, SearchQuery(countries=("RS",), roles=("prosecutor",), expertise=q.expertise))
    assert view.model.index(row, 2).data() in (str(n), "—")

    set_routes(demo_directory, dict.fromkeys(DEMO_ROUTES))  # as a new directory: no place set yet
    _reload(qtbot, view, view.refresh)
    assert view.model.index(0, 0).data() == "Place on the routes not set (20)"  # one group heading
    _reload(qtbot, view, lambda: view.set_country_route("RS", "transit"))
    assert routes(demo_directory) == {"RS": "transit"}
    assert view.model.index(0, 0).data() == "Transit countries (1)"
    assert view.model.index(1, 0).data() == "Serbia (RS)"
    assert view.table.columnSpan(0, 0) == view.model.columnCount()
    country = view.model.row_info(1).country
    menu = view.route_menu(country)
    checked = [a.text() for a in menu.actions() if a.isChecked()]
    assert checked == ["&Transit country"]
    origin = next(a for a in menu.actions() if a.data() == "origin")
    _reload(qtbot, view, origin.trigger)
    assert routes(demo_directory) == {"RS": "origin"}
    assert view.model.index(0, 0).data() == "Countries of origin (1)"


def test_event_charts_and_participants_export(qtbot, view: CoverageView, tmp_path: Path) -> None:
    assert not view.participants_button.isEnabled()
    event = next(e for e in view._events if "Skopje" in e.name)
    _reload(qtbot, view, lambda: view.set_filters(event_id=event.id))
    assert view.participants_button.isEnabled()
    assert view.model.matrix is not None and view.model.matrix.total == event.participant_count
    titles = [v.chart().title() for v in view.chart_views]
    assert titles == ["Participants per country", "Participants per role", "Participants per organisation type"]
    bars = view.chart_views[0].chart().series()[0].barSets()[0]
    assert sum(bars.at(i) for i in range(bars.count())) == event.participant_count

    target = tmp_path / "list.pdf"
    with qtbot.waitSignal(view.message, timeout=20_000) as blocker:
        view.export_participants("pdf", target)
    assert blocker.args[0].startswith(f"Participants list of {event.name} saved to")
    assert event.name[:30] in PdfReader(target).pages[0].extract_text()

    target = tmp_path / "matrix.xlsx"
    with qtbot.waitSignal(view.message, timeout=20_000):
        view.export_matrix("xlsx", target)
    ws = load_workbook(target)["Coverage"]
    assert "Skopje 2018" in ws["A2"].value


def test_a_click_on_a_cell_asks_for_that_country_and_role(qtbot, view: CoverageView) -> None:
    row = _find(view.model, "AL")
    index = view.model.index(row, 3)  # law enforcement
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.cellActivated) as blocker:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["AL", "law_enforcement"]


class _Window(QMainWindow):
    """The few things the coverage view needs from the main window (directory, view_menu, show_filtered)."""

    def __init__(self, directory) -> None:
        super().__init__()
        self.directory = directory
        self.view_menu = self.menuBar().addMenu("&View")
        self.filtered: list[tuple[list[str], list[str]]] = []

    def show_filtered(
        self, *, countries: list[str], roles: list[str], expertise: list[str] = (), events: list[int] = ()
    ) -> None:
        self.filtered.append((countries, roles, list(expertise)))


def test_install_adds_the_view_menu_action(qtbot, demo_directory) -> None:
    window = _Window(demo_directory)
    qtbot.addWidget(window)
    install(window)
    action = next(a for a in window.view_menu.actions() if a.objectName() == "actionCoverage")
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    action.trigger()
    view = window.findChild(CoverageView, "coverageView")
    assert view is not None and view.isVisible() and view.isWindow()
    if view.model.matrix is None:
        with qtbot.waitSignal(view.loaded, timeout=20_000):
            pass
    index = view.model.index(_find(view.model, "BA"), 2)
    view.table.clicked.emit(index)
    assert window.filtered == [(["BA"], ["prosecutor"], [])]
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.set_filters(expertise="child_protection")
    view.table.clicked.emit(index)  # the list gets the view's filters too, so that it shows the cell's count
    assert window.filtered[-1] == (["BA"], ["prosecutor"], ["child_protection"])
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        action.trigger()  # opening again reuses the window and refreshes it
    assert window.findChildren(CoverageView) == [view]
    view.close()
    view.wait()


def test_install_without_an_open_directory_says_so(qtbot) -> None:
    window = _Window(None)
    qtbot.addWidget(window)
    install(window)
    window.actionCoverage.trigger()
    assert window.findChild(CoverageView) is None
    assert window.statusBar().currentMessage().startswith("Open a directory first")


def test_a_cell_click_lists_that_cells_contacts_in_the_real_window(qtbot, window) -> None:
    from tests.ui.conftest import wait_idle

    window.findChild(type(window.file_menu.actions()[0]), "actionCoverage").trigger()
    view = window.findChild(CoverageView, "coverageView")
    if view.model.matrix is None:
        with qtbot.waitSignal(view.loaded, timeout=20_000):
            pass
    row = _find(view.model, "BA")
    expected = view.model.matrix.count("BA", "prosecutor")
    assert expected > 0
    view.table.clicked.emit(view.model.index(row, 2))  # the prosecutor column
    wait_idle(qtbot, window)
    assert window.current_query().countries == ("BA",) and window.current_query().roles == ("prosecutor",)
    assert window.model.rowCount() == expected == count(window.directory, window.current_query())
    view.close()
    view.wait()
