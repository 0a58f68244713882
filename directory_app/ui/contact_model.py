"""The results table model: it holds only the ordered ids of a search and fetches rows a page at a time.

Rows come from `search.fetch_rows` through a fetcher the owner provides (the window runs it on the worker
thread); until a page arrives its cells are blank and the page is asked for once. Selections are read through
`ContactIdRole`, never by row number, so a new search or order cannot point them at the wrong person.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from directory_app.core.search import ContactRow
from directory_app.ui.labels import country_label, phone_label, vocab_labels

Index = QModelIndex | QPersistentModelIndex
# fetch(ids, deliver): get the rows for `ids` (on any thread) and call deliver(rows) on the GUI thread.
Fetcher = Callable[[list[int], Callable[[list[ContactRow]], None]], None]


class ContactTableModel(QAbstractTableModel):
    NAME, ORGANISATION, POSITION, COUNTRY, ROLES, EMAIL, PHONE = range(7)
    COLUMN_COUNT = 7
    HEADERS = ("Name", "Organisation", "Position", "Country", "Roles", "E-mail", "Phone")
    # Names the core's ordering.sorted_ids understands, per column.
    SORT_KEYS = ("name", "organisation", "position", "country", "roles", "email", "phone")

    ContactIdRole = Qt.ItemDataRole.UserRole + 1
    LatinNameRole = Qt.ItemDataRole.UserRole + 2
    RowRole = Qt.ItemDataRole.UserRole + 3  # the ContactRow, or None while its page is loading

    PAGE_SIZE = 100
    MAX_PAGES = 200  # pages kept in memory (20,000 rows); older pages are fetched again when scrolled back to

    sortRequested = Signal(int, Qt.SortOrder)

    def __init__(self, fetcher: Fetcher | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, list[ContactRow]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0

    # ------------------------------------------------------------------------------------------- contents

    def set_fetcher(self, fetcher: Fetcher | None) -> None:
        self._fetcher = fetcher

    def set_results(self, ids: Sequence[int], first_rows: Sequence[ContactRow] = ()) -> None:
        """Show a new result list; `first_rows` (the first page, fetched with the ids) avoids a blank flash."""
        self.beginResetModel()
        self._generation += 1
        self._ids = list(ids)
        self._row_of = None
        self._pages.clear()
        self._requested.clear()
        by_id = {r.id: r for r in first_rows}
        page_count = (len(self._ids) + self.PAGE_SIZE - 1) // self.PAGE_SIZE
        for page in range(min(page_count, max(1, (len(first_rows) + self.PAGE_SIZE - 1) // self.PAGE_SIZE))):
            page_ids = self._page_ids(page)
            if page_ids and all(i in by_id for i in page_ids):
                self._pages[page] = [by_id[i] for i in page_ids]
        self.endResetModel()

    def clear(self) -> None:
        self.set_results([])

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, contact_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {cid: row for row, cid in enumerate(self._ids)}
        return self._row_of.get(contact_id)

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def ids_of_rows(self, rows: Iterable[int]) -> list[int]:
        """The contact ids of `rows` (rows out of range left out)."""
        ids, n = self._ids, len(self._ids)
        return [ids[row] for row in rows if 0 <= row < n]

    def row_data(self, row: int) -> ContactRow | None:
        """The loaded row, or None (and its page is asked for) while it is loading."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return rows[row - page * self.PAGE_SIZE]

    def is_loaded(self, row: int) -> bool:
        return (row // self.PAGE_SIZE) in self._pages

    def _page_ids(self, page: int) -> list[int]:
        return self._ids[page * self.PAGE_SIZE : (page + 1) * self.PAGE_SIZE]

    def _request(self, page: int) -> None:
        if page in self._requested or self._fetcher is None:
            return
        self._requested.add(page)
        generation = self._generation
        self._fetcher(self._page_ids(page), lambda rows: self._deliver(generation, page, rows))

    def _deliver(self, generation: int, page: int, rows: list[ContactRow]) -> None:
        if generation != self._generation:
            return  # a newer search replaced the rows this page was for
        self._requested.discard(page)
        page_ids = self._page_ids(page)
        by_id = {r.id: r for r in rows}
        # A contact deleted since the search still gets a (blank) row so that the row count stays right.
        self._pages[page] = [by_id.get(i) or _missing(i) for i in page_ids]
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * self.PAGE_SIZE
        last = first + len(page_ids) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.COLUMN_COUNT - 1))

    def same_ids(self, ids: Sequence[int]) -> bool:
        """True when `ids` is the list shown, in the same order."""
        return len(ids) == len(self._ids) and list(ids) == self._ids

    def update_page(self, page: int, rows: Sequence[ContactRow]) -> None:
        """Replace a page's rows in place (fresher copies of the same contacts) without a reset."""
        page_ids = self._page_ids(page)
        if page_ids and [r.id for r in rows] == page_ids:
            self._pages[page] = list(rows)
            first = page * self.PAGE_SIZE
            self.dataChanged.emit(self.index(first, 0), self.index(first + len(rows) - 1, self.COLUMN_COUNT - 1))
        else:
            self.update_rows(rows)

    def update_rows(self, rows: Sequence[ContactRow]) -> None:
        """Replace loaded rows in place (after an edit) without a reset."""
        for row in rows:
            position = self.row_of(row.id)
            if position is None:
                continue
            page = position // self.PAGE_SIZE
            if page in self._pages:
                self._pages[page][position - page * self.PAGE_SIZE] = row
                self.dataChanged.emit(self.index(position, 0), self.index(position, self.COLUMN_COUNT - 1))

    # ------------------------------------------------------------------------------------------- Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Sort by {self.HEADERS[section].lower()}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every painted cell: the roles we do not serve leave first, as plain ints.
        role = int(role)
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        position = index.row()
        if not 0 <= position < len(self._ids):
            return None
        if role == _ID_ROLE:
            return self._ids[position]
        row = self.row_data(position)
        if role == _ROW_ROLE:
            return row
        if row is None:
            return "Loading…" if role == _ACCESSIBLE_ROLE else None
        column = index.column()
        if role == _LATIN_ROLE:
            return _latin(row)
        if role == _TOOLTIP_ROLE:
            return _tooltip(row, column)
        return _cell(row, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The order comes from the core (a new search); the owner runs it and calls set_results.
        if 0 <= column < self.COLUMN_COUNT:
            self.sortRequested.emit(column, order)


_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ID_ROLE = int(ContactTableModel.ContactIdRole)
_ROW_ROLE = int(ContactTableModel.RowRole)
_LATIN_ROLE = int(ContactTableModel.LatinNameRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole.value)
_ACCESSIBLE_ROLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_SERVED_ROLES = frozenset(
    (int(Qt.ItemDataRole.DisplayRole.value), _TOOLTIP_ROLE, _ACCESSIBLE_ROLE, _ID_ROLE, _ROW_ROLE, _LATIN_ROLE)
)


def _missing(contact_id: int) -> ContactRow:
    return ContactRow(contact_id, "", "", "", "", "", None, (), "", "")


def _latin(row: ContactRow) -> str:
    """The Latin spelling when it differs from the name as written, else ""."""
    latin = row.latin_name
    return latin if latin and latin != row.display_name else ""


def _cell(row: ContactRow, column: int) -> str:
    if column == ContactTableModel.NAME:
        return row.display_name
    if column == ContactTableModel.ORGANISATION:
        return row.organisation
    if column == ContactTableModel.POSITION:
        return row.position
    if column == ContactTableModel.COUNTRY:
        return country_label(row.country)
    if column == ContactTableModel.ROLES:
        return vocab_labels("role", row.roles)
    if column == ContactTableModel.EMAIL:
        return row.email
    if column == ContactTableModel.PHONE:
        return phone_label(row.phone)
    return ""


def _tooltip(row: ContactRow, column: int) -> str | None:
    if column == ContactTableModel.NAME:
        latin = _latin(row)
        return f"{row.display_name}\n{latin}" if latin else row.display_name or None
    text = _cell(row, column)
    return text if len(text) > 24 else None
