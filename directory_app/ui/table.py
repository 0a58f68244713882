"""The results table view: the lazy model, a name column showing the Latin spelling beside the original."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from directory_app.ui.contact_model import ContactTableModel

DEFAULT_WIDTHS = {  # in average character widths
    ContactTableModel.NAME: 32,
    ContactTableModel.ORGANISATION: 28,
    ContactTableModel.POSITION: 20,
    ContactTableModel.COUNTRY: 14,
    ContactTableModel.ROLES: 17,
    ContactTableModel.EMAIL: 29,
    ContactTableModel.PHONE: 17,
}


class NameDelegate(QStyledItemDelegate):
    """Paints "Ђорђе Ђорђевић  Đorđe Đorđević": the name as written, then its Latin spelling, dimmed."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex):
        latin = index.data(ContactTableModel.LatinNameRole)
        if not latin:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        else:
            rect = opt.rect
        rect = rect.adjusted(3, 0, -3, 0)
        metrics = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        main_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, main_role))
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        used = metrics.horizontalAdvance(shown) + metrics.averageCharWidth() * 2
        rest = QRect(rect.left() + used, rect.top(), rect.width() - used, rect.height())
        if rest.width() > metrics.averageCharWidth() * 3:
            dim = opt.palette.color(group, main_role if selected else QPalette.ColorRole.PlaceholderText)
            painter.setPen(dim)
            painter.drawText(
                rest,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                metrics.elidedText(latin, Qt.TextElideMode.ElideRight, rest.width()),
            )
        painter.restore()


class ManyRowsTableView(QTableView):
    """A table view that stays responsive with tens of thousands of rows selected.

    When Qt paints a header section it asks whether the neighbouring columns are selected as a whole
    (`QItemSelectionModel.isColumnSelected`), even with section highlighting off. The selection model answers by
    visiting every row of the column, calling the model's `rowCount` and `index` for each: every one of them a call
    into Python. With the 100,000 rows of Select All that froze the window for 1.7 s on each header repaint.
    The headers here get an empty selection model of their own, so they never ask. Nothing is lost: rows are
    selected in the view, and the headers' highlighting of selected sections is off.
    """

    def setSelectionModel(self, selection_model: QItemSelectionModel) -> None:
        super().setSelectionModel(selection_model)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setHighlightSections(False)
            earlier = header.selectionModel()
            header.setSelectionModel(QItemSelectionModel(selection_model.model(), header))
            if earlier is not selection_model and earlier.parent() is header:
                earlier.deleteLater()  # the header's own, from an earlier model


class ContactTable(ManyRowsTableView):
    """Enter opens the current contact (`openRequested`), as a double click does."""

    openRequested = Signal()

    def __init__(self, model: ContactTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactTable")
        self._empty_message = ("", "")
        self.setAccessibleName("Contacts")
        self.setAccessibleDescription("Search results; Enter edits the selected contact, Delete deletes it")
        self.setModel(model)
        self.setItemDelegateForColumn(ContactTableModel.NAME, NameDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.reset_column_widths()
        self.setSortingEnabled(True)
        header.setSortIndicator(ContactTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.doubleClicked.connect(lambda _index: self.openRequested.emit())

    def set_empty_message(self, title: str, hint: str = "") -> None:
        """What the table says while it lists nobody ("No contact matches …" and what to try); "" says nothing."""
        if (title, hint) != self._empty_message:
            self._empty_message = (title, hint)
            self.viewport().update()

    def empty_message(self) -> tuple[str, str]:
        return self._empty_message

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        title, hint = self._empty_message
        if not title or self.model().rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        area = self.viewport().rect().adjusted(24, 0, -24, 0)
        area.setTop(area.top() + self.fontMetrics().height() * 3)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        used = painter.boundingRect(area, flags, title)
        painter.drawText(area, flags, title)
        if hint:
            painter.setFont(self.font())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area.setTop(used.bottom() + self.fontMetrics().height() // 2)
            painter.drawText(area, flags, hint)
        painter.end()

    def reset_column_widths(self) -> None:
        char = self.fontMetrics().averageCharWidth()
        for column, chars in DEFAULT_WIDTHS.items():
            self.setColumnWidth(column, chars * char)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and plain and self.selectionModel().hasSelection():
            self.openRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
