"""Facet filters: a checkable list per facet with the number of contacts each value would give ("Serbia (41)").

Values stay in a stable order while counts change under the user's typing; values with no contact for the
current search are greyed, and a checked value always stays visible. While counts are being made (the first
seconds after a large directory is opened) each value shows "…" in place of its count, never a zero.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
LOADING = "…"  # in place of a count that is still being made


class FacetModel(QAbstractListModel):
    KeyRole = Qt.ItemDataRole.UserRole + 1
    CountRole = Qt.ItemDataRole.UserRole + 2
    LabelRole = Qt.ItemDataRole.UserRole + 3

    checkedChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Hashable, str]] = []
        self._counts: dict[Hashable, int] | None = {}  # None while they are being counted
        self._checked: list[Hashable] = []  # in the order the user checked them
        self._labels: dict[Hashable, str] = {}

    # ------------------------------------------------------------------------------------------- contents

    def set_values(self, items: Iterable[tuple[Hashable, str]]) -> None:
        """The values to offer, in display order (checked values missing from it are kept at the end)."""
        items = list(items)
        self._labels.update(dict(items))
        keys = {k for k, _ in items}
        items += [(k, self._labels.get(k, str(k))) for k in self._checked if k not in keys]
        if items == self._items:
            return
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def set_counts(self, counts: dict | None) -> None:
        """Contacts per value; None while they are being counted (shown as "…", never as zero)."""
        self._counts = None if counts is None else dict(counts)
        if self._items:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self._items) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, self.CountRole],
            )

    def counts_loading(self) -> bool:
        return self._counts is None

    def checked(self) -> tuple:
        return tuple(self._checked)

    def set_checked(self, keys: Sequence[Hashable]) -> None:
        keys = list(dict.fromkeys(keys))
        if keys == self._checked:
            return
        self._checked = keys
        known = {k for k, _ in self._items}
        if any(k not in known for k in keys):
            self.set_values([item for item in self._items if item[0] in known])
        elif self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
        self.checkedChanged.emit()

    def toggle(self, row: int) -> None:
        if not 0 <= row < len(self._items):
            return
        key = self._items[row][0]
        keys = [k for k in self._checked if k != key] if key in self._checked else [*self._checked, key]
        self.set_checked(keys)

    def row_of(self, key: Hashable) -> int | None:
        for row, (k, _) in enumerate(self._items):
            if k == key:
                return row
        return None

    # ------------------------------------------------------------------------------------------- Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        key, label = self._items[index.row()]
        count = None if self._counts is None else self._counts.get(key, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label} ({LOADING if count is None else f'{count:,}'})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if key in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if count == 0 and key not in self._checked:
                return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if count is None:
                return f"{label}: counting contacts…"
            noun = "contact" if count == 1 else "contacts"
            return f"{label}: {count:,} {noun} with the other filters and the search applied"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "checked" if key in self._checked else "not checked"
            return f"{label}, {'counting' if count is None else f'{count:,}'} contacts, {state}"
        if role == self.KeyRole:
            return key
        if role == self.CountRole:
            return count  # None while counting
        if role == self.LabelRole:
            return label
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self._items[index.row()][0]
        want = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if want == (key in self._checked):
            return True
        self.toggle(index.row())
        return True


def fitted_text(painter: QPainter, rect: QRect, flags: int, text: str, mode: Qt.TextElideMode) -> str:
    """`text` elided so that the painter draws it whole inside `rect`. elidedText measures in whole pixels while
    the text is laid out in fractions of one: a name it said fits ("... Bucharest 2025") came out a pixel wider
    than the rect and lost its last character to the clip."""
    metrics = QFontMetrics(painter.font())
    width = rect.width()
    elided = metrics.elidedText(text, mode, width)
    while width > 0 and elided and painter.boundingRect(rect, flags, elided).width() > rect.width():
        width -= 1
        elided = metrics.elidedText(text, mode, width)
    return elided


class _FacetDelegate(QStyledItemDelegate):
    """Paints the value elided on the left and its count, dimmed, on the right ("Serbia ...... 41").

    A click anywhere on a value toggles it (not only on the small check box); Space toggles too.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label = str(index.data(FacetModel.LabelRole) or "")
        number = index.data(FacetModel.CountRole)
        count = LOADING if number is None else f"{int(number):,}"
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(2, 0, -4, 0)
        metrics = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        active = opt.state & QStyle.StateFlag.State_Active
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        zero = count == "0" and index.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked
        if selected:
            text_color = opt.palette.color(group, QPalette.ColorRole.HighlightedText)
            count_color = text_color
        elif zero:
            text_color = opt.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            count_color = text_color
        else:
            text_color = opt.palette.color(group, QPalette.ColorRole.Text)
            count_color = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        count_width = metrics.horizontalAdvance(count)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(count_color)
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignRight), count)
        label_rect = rect.adjusted(0, 0, -(count_width + metrics.averageCharWidth() * 2), 0)
        painter.setPen(text_color)
        flags = int(align | Qt.AlignmentFlag.AlignLeft)
        painter.drawText(label_rect, flags, fitted_text(painter, label_rect, flags, label, opt.textElideMode))
        painter.restore()

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton and option.rect.contains(event.position().toPoint()):
                model.toggle(index.row())
                return True
            return False
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # a double click is two toggles' worth of clicks; do not open anything
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                model.toggle(index.row())
                return True
        return False


class FacetFilter(QWidget):
    """A titled, checkable value list for one facet; `selectionChanged` when the user checks or clears."""

    selectionChanged = Signal()

    def __init__(
        self,
        facet: str,
        title: str,
        object_name: str,
        parent: QWidget | None = None,
        *,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self.facet = facet
        self.title = title
        self.setObjectName(object_name)
        self.setAccessibleName(f"{title} filter")
        self.model = FacetModel(self)

        self.title_label = QLabel(title)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName(f"{object_name}Clear")
        self.clear_button.setText("Clear")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(f"Show every {title.lower()}")
        self.clear_button.setAccessibleName(f"Clear the {title.lower()} filter")
        self.clear_button.clicked.connect(self.clear)
        policy = self.clear_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the header keeps its height when the button comes and goes
        self.clear_button.setSizePolicy(policy)

        self.view = QListView()
        self.view.setObjectName(f"{object_name}List")
        self.view.setModel(self.model)
        self.view.setItemDelegate(_FacetDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(elide)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(f"Filter by {title.lower()}")
        self.view.setAccessibleDescription("Check one or more values; Space checks or unchecks the current one")
        self.title_label.setBuddy(self.view)
        self.setFocusProxy(self.view)

        header = QHBoxLayout()
        header.setContentsMargins(2, 0, 0, 0)
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

        self.model.checkedChanged.connect(self._checked_changed)
        self._update_title()

    def selected(self) -> tuple:
        return self.model.checked()

    def set_selected(self, keys: Sequence[Hashable]) -> None:
        self.model.set_checked(keys)

    def clear(self) -> None:
        self.model.set_checked([])

    def set_values(self, items: Iterable[tuple[Hashable, str]]) -> None:
        self.model.set_values(items)

    def set_counts(self, counts: dict | None) -> None:
        """Contacts per value; None while they are being counted."""
        self.model.set_counts(counts)

    def counts_loading(self) -> bool:
        return self.model.counts_loading()

    def _checked_changed(self) -> None:
        self._update_title()
        self.selectionChanged.emit()

    def _update_title(self) -> None:
        """ "Country · 2 selected", or "Country · 2" where that does not fit beside Clear (the filter column is
        narrow: it read "Country · 2 selecte")."""
        n = len(self.model.checked())
        self.clear_button.setVisible(n > 0)
        if not n:
            self.title_label.setText(self.title)
            self.title_label.setToolTip("")
            return
        text = f"{self.title} · {n} selected"
        margins = self.layout().contentsMargins() if self.layout() else None
        room = self.width() - self.clear_button.sizeHint().width() - 12 - (margins.left() if margins else 0)
        if self.title_label.fontMetrics().horizontalAdvance(text) > room:
            text = f"{self.title} · {n}"
        self.title_label.setText(text)
        self.title_label.setToolTip(f"{n} selected")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_title()
