"""Table views that hold tens of thousands of rows: what Qt does per row must not call into Python per row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from directory_app.ui.table import ManyRowsTableView


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
