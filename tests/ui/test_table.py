"""Table views that hold tens of thousands of rows (what Qt does per row must not call into Python per row), and
the contacts table's column widths."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from directory_app.ui.contact_model import ContactTableModel
from directory_app.ui.main_window import MainWindow
from directory_app.ui.settings import app_settings
from directory_app.ui.table import DEFAULT_WIDTHS, MIN_WIDTHS, ManyRowsTableView
from tests.ui.conftest import wait_idle


class CountingModel(QAbstractTableModel):
    """A plain table model that counts how often the view asks for its row count (a call into Python)."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.calls = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        self.calls += 1
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return f"row {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return f"Column {section}" if role == Qt.ItemDataRole.DisplayRole else None


def test_painting_the_headers_with_every_row_selected_does_not_visit_the_rows(qtbot) -> None:
    """With every row selected, a plain QTableView's header asks its selection model whether each column is
    selected as a whole, and the selection model asks the model about every row: about 12,000 calls into Python
    for these 2,000 rows, 2 s of frozen window at 100,000. The view keeps the selection; its headers do not ask."""
    view = ManyRowsTableView()
    qtbot.addWidget(view)
    view.setModel(CountingModel(10))
    model = CountingModel(2000)
    view.setModel(model)  # a second model: the headers are kept off the new selection too
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)

    view.selectAll()
    model.calls = 0
    view.horizontalHeader().grab()  # paints every section
    assert model.calls < 20, model.calls

    selection = view.selectionModel().selection()
    assert sum(r.height() for r in selection) == 2000  # the rows are still selected in the view
    assert not view.horizontalHeader().selectionModel().hasSelection()


# ----------------------------------------------------------------------------------------- column widths


def _shown(window) -> list[int]:
    return [c for c in range(ContactTableModel.COLUMN_COUNT) if not window.table.isColumnHidden(c)]


def _widths(window) -> dict[int, int]:
    return {c: window.table.columnWidth(c) for c in _shown(window)}


def test_the_columns_share_the_table_s_width_and_every_one_stays_in_sight(qtbot, window) -> None:
    """No column is cut off at the right edge and no width is left to the last column alone: the columns fill the
    table exactly, from a wide window to a 1024-pixel screen's table."""
    table = window.table
    qtbot.waitUntil(lambda: bool(table._natural))  # measured from the first rows
    char = table.fontMetrics().averageCharWidth()
    window.resize(1600, 700)
    qtbot.waitUntil(lambda: sum(_widths(window).values()) == table.viewport().width())
    widths = _widths(window)
    assert widths[ContactTableModel.ORGANISATION] > widths[ContactTableModel.COUNTRY]
    assert widths[ContactTableModel.PHONE] < widths[ContactTableModel.EMAIL], "the last column no longer takes all"

    window.resize(1024, 600)  # what a small laptop's table gets: about 550 pixels
    window.splitter.setSizes([204, sum(window.splitter.sizes()) - 204 - 256, 256])
    qtbot.waitUntil(lambda: sum(_widths(window).values()) == table.viewport().width())
    assert 520 < table.viewport().width() < 600
    widths = _widths(window)
    assert all(widths[c] >= MIN_WIDTHS[c] * char for c in widths)
    assert table.horizontalScrollBar().maximum() == 0, "no column off to the right"


def test_a_hidden_column_gives_its_width_to_the_others(qtbot, window) -> None:
    table = window.table
    before = _widths(window)
    window.column_actions[ContactTableModel.POSITION].setChecked(False)
    qtbot.waitUntil(lambda: _widths(window)[ContactTableModel.ORGANISATION] > before[ContactTableModel.ORGANISATION])
    assert sum(_widths(window).values()) == table.viewport().width()
    window.column_actions[ContactTableModel.POSITION].setChecked(True)
    qtbot.waitUntil(lambda: _widths(window) == before)


def test_a_column_the_user_sizes_keeps_its_width_and_is_remembered(qtbot, window, demo_copy) -> None:
    """Dragging a column's edge: from then on the widths are the user's, through a resized window and a restart;
    View > Columns > Reset Columns fits them again."""
    table = window.table
    header = table.horizontalHeader()
    column = ContactTableModel.ORGANISATION
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + 60, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 60, y))
    assert not table.fits_columns()
    dragged = table.columnWidth(column)
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: table.viewport().width() < 700)
    assert table.columnWidth(column) == dragged
    window.close()

    again = MainWindow(demo_copy)
    qtbot.addWidget(again)
    again.show()
    wait_idle(qtbot, again)
    assert not again.table.fits_columns() and again.table.columnWidth(column) == dragged
    again.resize(1400, 700)
    again.action_reset_columns.trigger()
    qtbot.waitUntil(lambda: sum(_widths(again).values()) == again.table.viewport().width())
    assert again.table.fits_columns()
    again.close()


def test_a_header_saved_before_the_columns_were_fitted(qtbot, window, demo_copy) -> None:
    """A header state from an earlier version holds no word on fitting: default widths are fitted, widths the
    user set are kept."""
    table = window.table
    table.reset_column_widths()
    table.set_fit_columns(False)
    char = table.fontMetrics().averageCharWidth()
    for column, chars in DEFAULT_WIDTHS.items():
        table.setColumnWidth(column, chars * char)
    assert table.widths_are_defaults()
    table.setColumnWidth(ContactTableModel.EMAIL, 345)
    assert not table.widths_are_defaults()
    settings = app_settings()
    settings.setValue("table/header", table.horizontalHeader().saveState())
    settings.remove("table/fitColumns")
    settings.sync()

    again = MainWindow(demo_copy)
    qtbot.addWidget(again)
    assert not again.table.fits_columns() and again.table.columnWidth(ContactTableModel.EMAIL) == 345
    again.close()
