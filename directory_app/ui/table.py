"""The results table view: the lazy model, a name column showing the Latin spelling beside the original."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
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

_C = ContactTableModel
# Column widths, in average character widths. Until the user sizes a column by hand, the columns share the table's
# width (`fit_columns`): each gets its contents' width (measured on the first rows shown; DEFAULT_WIDTHS before),
# room to spare goes to the long texts in proportion to GROW, and a narrow table takes width from each column
# down to MIN_WIDTHS, so that every column stays in sight on a 1024-pixel screen.
DEFAULT_WIDTHS = {_C.NAME: 32, _C.ORGANISATION: 28, _C.POSITION: 20, _C.COUNTRY: 14, _C.ROLES: 17, _C.EMAIL: 29,
                  _C.PHONE: 17}  # fmt: skip
MIN_WIDTHS = {_C.NAME: 20, _C.ORGANISATION: 12, _C.POSITION: 10, _C.COUNTRY: 10, _C.ROLES: 10, _C.EMAIL: 14,
              _C.PHONE: 12}  # fmt: skip
MAX_WIDTHS = {_C.NAME: 44, _C.ORGANISATION: 44, _C.POSITION: 32, _C.COUNTRY: 20, _C.ROLES: 26, _C.EMAIL: 36,
              _C.PHONE: 24}  # fmt: skip
GROW = {_C.NAME: 2, _C.ORGANISATION: 3, _C.POSITION: 2, _C.ROLES: 1, _C.EMAIL: 2}  # Country, Phone: short
# How readily a column gives up width in a narrow table: long texts read well cut; a cut phone number or country
# does not.
SHRINK = {_C.NAME: 1.0, _C.ORGANISATION: 1.5, _C.POSITION: 1.5, _C.COUNTRY: 0.4, _C.ROLES: 1.0, _C.EMAIL: 1.0,
          _C.PHONE: 0.3}  # fmt: skip
MEASURED_ROWS = 200  # the rows whose texts size the columns (the first pages, loaded with the results)
MEASURED_SHARE = 0.85  # a column is as wide as this share of its texts need: one long name does not set it


def _shrunk(natural: dict[int, int], minimum: dict[int, int], missing: int) -> dict[int, int]:
    """`natural` widths less `missing` pixels in all, each column giving in proportion to its room above its
    `minimum` and its SHRINK; a column at its minimum gives no more and the others give the rest."""
    widths = dict(natural)
    for _ in range(len(widths)):
        giving = {c: (widths[c] - minimum[c]) * SHRINK.get(c, 1.0) for c in widths if widths[c] > minimum[c]}
        weight = sum(giving.values())
        if missing <= 0 or not weight:
            break
        taken = 0
        for column, share in giving.items():
            take = min(widths[column] - minimum[column], int(missing * share / weight))
            widths[column] -= take
            taken += take
        missing -= taken
        if taken == 0:  # rounding left a few pixels: from the column with the most room
            column = max(giving, key=lambda c: widths[c] - minimum[c])
            take = min(missing, widths[column] - minimum[column])
            widths[column] -= take
            missing -= take
    return widths


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
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._fit = True  # the columns share the width (see fit_columns) until the user sizes one
        self._fitting = False  # the widths being set here, not by the user
        self._natural: dict[int, int] = {}  # measured widths of the columns' texts, in pixels
        self._measure_pending = False
        header.sectionResized.connect(self._section_resized)
        model.modelReset.connect(self._measure_soon)
        model.dataChanged.connect(self._measure_soon)
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

    # ------------------------------------------------------------------------------------------- column widths

    def reset_column_widths(self) -> None:
        """Back to widths from the contents, shared out over the table's width (View > Columns > Reset)."""
        char = self.fontMetrics().averageCharWidth()
        self._natural = {}
        self._fitting = True
        try:
            for column, chars in DEFAULT_WIDTHS.items():
                self.setColumnWidth(column, chars * char)
        finally:
            self._fitting = False
        self.set_fit_columns(True)
        self._measure_soon()

    def fits_columns(self) -> bool:
        """True while the columns share the table's width; False once the user has sized one by hand."""
        return self._fit

    def set_fit_columns(self, fit: bool) -> None:
        self._fit = fit
        # The user's own widths: the last column fills what they leave, as before (nothing to fill when fitting).
        self._fitting = True
        try:
            self.horizontalHeader().setStretchLastSection(not fit)
        finally:
            self._fitting = False
        self.fit_columns()

    def restore_header(self, state: QByteArray) -> bool:
        """The header's remembered order, hidden columns and widths (not a reason to stop fitting them: the caller
        says with `set_fit_columns` whether they are the user's)."""
        self._fitting = True
        try:
            done = self.horizontalHeader().restoreState(state)
        finally:
            self._fitting = False
        self._fitting = True
        try:
            self.horizontalHeader().setStretchLastSection(not self._fit)  # the state carries its own
        finally:
            self._fitting = False
        return done

    def widths_are_defaults(self) -> bool:
        """True when every shown column but the last (which stretched) has its DEFAULT_WIDTHS width: what a header
        state saved before the columns were fitted holds when the user never sized one."""
        header = self.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        shown = sorted((header.visualIndex(c), c) for c in DEFAULT_WIDTHS if not header.isSectionHidden(c))
        return all(abs(header.sectionSize(c) - DEFAULT_WIDTHS[c] * char) <= 1 for _, c in shown[:-1])

    def _section_resized(self, column: int, old: int, new: int) -> None:
        if self._fitting or not self._fit:
            return
        if old == 0 or new == 0 or self.horizontalHeader().isSectionHidden(column):
            QTimer.singleShot(0, self, self.fit_columns)  # a column hidden or shown again: the others make room
            return
        # A column's edge dragged or double-clicked: the user's widths from now on, kept as they are.
        self.set_fit_columns(False)

    def _measure_soon(self, *_args: object) -> None:
        if not self._natural and not self._measure_pending:
            self._measure_pending = True
            QTimer.singleShot(0, self, self._measure)  # once for the signals of one turn of the event loop

    def _measure(self) -> None:
        """Each column's width from the texts of the first rows (once: later searches keep the widths steady)."""
        self._measure_pending = False
        model = self.model()
        rows = [r for r in range(min(model.rowCount(), MEASURED_ROWS)) if model.is_loaded(r)]
        if self._natural or not rows:
            return
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        padding = char * 2 + 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        header_metrics = self.horizontalHeader().fontMetrics()
        for column in DEFAULT_WIDTHS:
            widths = []
            for row in rows:
                index = model.index(row, column)
                width = metrics.horizontalAdvance(str(index.data() or ""))
                if column == ContactTableModel.NAME and index.data(ContactTableModel.LatinNameRole):
                    width += char * 6  # the start of the Latin spelling beside it; the rest if there is room
                widths.append(width)
            widths.sort()
            text = widths[min(len(widths) - 1, int(len(widths) * MEASURED_SHARE))] + padding
            title = header_metrics.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal)))
            title += padding + char * 3  # the sort arrow
            self._natural[column] = max(MIN_WIDTHS[column] * char, min(MAX_WIDTHS[column] * char, max(text, title)))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the table's width among the shown columns: each its contents' width, what is left over to the
        long texts (GROW), what is missing taken from each down to MIN_WIDTHS (then the table scrolls sideways).
        Nothing happens once the user has sized a column by hand."""
        header = self.horizontalHeader()
        available = self.viewport().width()
        shown = [c for c in DEFAULT_WIDTHS if not header.isSectionHidden(c)]
        if not self._fit or self._fitting or available <= 0 or not shown:
            return
        char = self.fontMetrics().averageCharWidth()
        natural = {c: self._natural.get(c, DEFAULT_WIDTHS[c] * char) for c in shown}
        total = sum(natural.values())
        if total <= available:
            weights = {c: GROW.get(c, 0) for c in shown}
            if not any(weights.values()):
                weights = dict.fromkeys(shown, 1)
            weight = sum(weights.values())
            widths = {c: natural[c] + (available - total) * weights[c] // weight for c in shown}
            widest = max(shown, key=lambda c: weights[c])
            widths[widest] += available - sum(widths.values())  # the pixels rounding left over
        else:
            widths = _shrunk(natural, {c: min(natural[c], MIN_WIDTHS[c] * char) for c in shown}, total - available)
        self._fitting = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the vertical scroll bar came or went
            QTimer.singleShot(0, self, self.fit_columns)
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and plain and self.selectionModel().hasSelection():
            self.openRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
