"""Network coverage: the country x role matrix with its gaps, charts, and the documents organisers hand out.

Everything it shows comes from the core (`coverage.coverage_matrix`, `search.facet_counts`,
`participants.export_participants`); the database work runs on a worker thread and only the results touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from directory_app.core import vocab
from directory_app.core.contacts import list_events
from directory_app.core.coverage import (
    ROUTE_LABELS,
    ROUTES,
    CoverageCountry,
    CoverageMatrix,
    coverage_matrix,
    describe_query,
    set_route,
    write_coverage_pdf,
    write_coverage_xlsx,
)
from directory_app.core.participants import export_participants
from directory_app.core.records import DirectoryError, EventRecord
from directory_app.core.search import FacetCounts, SearchQuery, facet_counts
from directory_app.core.store import Directory
from directory_app.ui.export_actions import export_folder, export_written
from directory_app.ui.screen_fit import fit_to_screen, scrolling

log = logging.getLogger(__name__)


def ask_save_path(parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
    """Where to save an .xlsx or .pdf; None when cancelled. The dialog opens in the folder last exported to (the
    Export dialog's); the chosen one becomes it once the file is written there (`export_written`).

    The suffix is added when the user left it out: the file dialog asked about replacing the name as typed
    ("plist"), not the file written ("plist.xlsx"), so a file already there under that name is asked about here;
    Cancel (the default) goes back to the file dialog."""
    filters = {"xlsx": "Excel workbook (*.xlsx)", "pdf": "PDF document (*.pdf)"}
    proposed = export_folder() / suggested
    while True:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(proposed), filters[fmt])
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() == f".{fmt}":
            break  # the file dialog itself asked whether to replace it
        path = path.with_name(path.name + f".{fmt}")
        if not path.exists() or _replace_asked(parent, title, path):
            break
        proposed = path
    return path


def _replace_asked(parent: QWidget, title: str, path: Path) -> bool:
    """Whether to replace the file already at `path` (Cancel is the default: nothing is lost by a slip)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, f"“{path.name}” already exists. Do you want to replace it?", parent=parent
    )
    box.setObjectName("replaceBox")
    box.setInformativeText(f"The file in {path.parent} will be overwritten.")
    replace = box.addButton("Replace", QMessageBox.ButtonRole.AcceptRole)
    replace.setObjectName("replaceButton")
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    replaced = box.clickedButton() is replace
    box.deleteLater()
    return replaced


def participants_file_name(event: EventRecord, fmt: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in " -_," else "_" for ch in event.name).strip()
    return f"Participants - {safe}.{fmt}"


GAP_RED = QColor(200, 60, 50)


# ------------------------------------------------------------------------------------------------ background work


class _Signals(QObject):
    done = Signal(int, object, object)  # generation, result, exception


class _Job(QRunnable):
    def __init__(self, generation: int, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.generation, self.fn, self.signals = generation, fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, shown as one line
            if not isinstance(exc, DirectoryError):
                log.exception("coverage task failed")
            self.signals.done.emit(self.generation, None, exc)
        else:
            self.signals.done.emit(self.generation, result, None)


class _Runner(QObject):
    """One job at a time on a private pool thread; a newer job of the same kind supersedes an older one's result."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # SQLite: one unit of work at a time, in order
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._generation = 0
        self._callbacks: dict[int, tuple[str, Callable[[Any], None], Callable[[BaseException], None]]] = {}
        self._latest: dict[str, int] = {}

    def run(
        self, key: str, fn: Callable[[], Any], ok: Callable[[Any], None], fail: Callable[[BaseException], None]
    ) -> None:
        self._generation += 1
        self._latest[key] = self._generation
        self._callbacks[self._generation] = (key, ok, fail)
        self._pool.start(_Job(self._generation, fn, self._signals))

    def wait(self) -> None:
        self._pool.waitForDone()

    @Slot(int, object, object)
    def _done(self, generation: int, result: object, exc: object) -> None:
        key, ok, fail = self._callbacks.pop(generation)
        if self._latest.get(key) != generation:
            return  # superseded
        if exc is not None:
            fail(exc)  # type: ignore[arg-type]
        else:
            ok(result)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, DirectoryError):
        return str(exc)
    return f"unexpected error: {' '.join(str(exc).split())[:200] or type(exc).__name__}"


# ------------------------------------------------------------------------------------------------ the matrix model


@dataclass(frozen=True)
class _Row:
    kind: str  # "group" | "country" | "total"
    route: str | None = None
    country: CoverageCountry | None = None


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class CoverageModel(QAbstractTableModel):
    """Rows: route group headings, countries, a total row. Columns: country, one per role, contacts."""

    CountryRole = Qt.ItemDataRole.UserRole + 1  # the row's country code
    RoleCodeRole = Qt.ItemDataRole.UserRole + 2  # the column's role code
    GapRole = Qt.ItemDataRole.UserRole + 3  # True for a gap cell

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix: CoverageMatrix | None = None
        self._rows: list[_Row] = []
        self._palette = QPalette()

    def set_palette(self, palette: QPalette) -> None:
        self._palette = palette
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def set_matrix(self, matrix: CoverageMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._rows = []
        for route, members in matrix.groups():
            self._rows.append(_Row("group", route))
            self._rows += [_Row("country", route, c) for c in members]
        self._rows.append(_Row("total"))
        self.endResetModel()

    def row_info(self, row: int) -> _Row:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.roles) + 2

    def role_at(self, column: int) -> str | None:
        if self.matrix is None or not 1 <= column <= len(self.matrix.roles):
            return None
        return self.matrix.roles[column - 1]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        code = self.role_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Country"
            if code is None:
                return "Contacts"
            return vocab.label("role", code).replace(" / ", "/\n").replace(" ", "\n", 1)
        if role == Qt.ItemDataRole.ToolTipRole and code:
            return vocab.label("role", code)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = self._rows[index.row()]
        if row.kind == "country" and self.role_at(index.column()):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        m = self.matrix
        row = self._rows[index.row()]
        col = index.column()
        code = self.role_at(col)
        if row.kind == "group":
            if role == Qt.ItemDataRole.DisplayRole and col == 0:
                n = sum(1 for c in m.countries if c.route == row.route)
                return f"{ROUTE_LABELS[row.route]} ({n})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._palette.color(QPalette.ColorRole.AlternateBase)
            return None
        if row.kind == "total":
            if role == Qt.ItemDataRole.DisplayRole:
                if col == 0:
                    return "All countries"
                return str(m.role_totals.get(code, 0)) if code else str(m.total)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.TextAlignmentRole and col:
                return Qt.AlignmentFlag.AlignCenter
            if role == Qt.ItemDataRole.ToolTipRole and code:
                return f"{vocab.label('role', code)}: {m.role_totals.get(code, 0)} contacts in all countries"
            return None
        country = row.country
        assert country is not None
        if role == self.CountryRole:
            return country.code
        if role == self.RoleCodeRole:
            return code
        if col == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{country.name} ({country.code})"
            if role == Qt.ItemDataRole.ToolTipRole:
                place = ROUTE_LABELS[country.route] if country.route else "place on the routes not set"
                return f"{country.name}: {place}. Right-click to set its place on the routes."
            return None
        if code is None:  # the contacts column
            n = m.country_totals.get(country.code, 0)
            if role == Qt.ItemDataRole.DisplayRole:
                return str(n)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{country.name}: {n} contacts (a person with several roles counts once)"
            return None
        n = m.count(country.code, code)
        gap = m.is_gap(country.code, code)
        if role == self.GapRole:
            return gap
        if role == Qt.ItemDataRole.DisplayRole:
            return "—" if gap else str(n)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            label = vocab.label("role", code)
            if gap:
                return f"{country.name} · {label}: 0 · gap (no contact in this role)"
            return f"{country.name} · {label}: {n} contact{'s' if n != 1 else ''}. Click to list them."
        base = self._palette.color(QPalette.ColorRole.Base)
        if role == Qt.ItemDataRole.BackgroundRole:
            if gap:
                return QBrush(_mix(base, GAP_RED, 0.45), Qt.BrushStyle.BDiagPattern)
            if n == 0:
                return None
            t = 0.18 + 0.72 * min(1.0, n / max(1, m.max_count)) ** 0.7
            return QBrush(_mix(base, self._palette.color(QPalette.ColorRole.Highlight), t))
        if role == Qt.ItemDataRole.ForegroundRole:
            if gap:
                return QBrush(_mix(self._palette.color(QPalette.ColorRole.Text), GAP_RED, 0.7))
            t = 0.18 + 0.72 * min(1.0, n / max(1, m.max_count)) ** 0.7 if n else 0
            if t > 0.55:
                return QBrush(self._palette.color(QPalette.ColorRole.HighlightedText))
            return None
        return None


# ------------------------------------------------------------------------------------------------ charts


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return max(1, top // 6)


def _bar_chart(
    title: str, items: list[tuple[str, int]], colour: QColor, theme: QChart.ChartTheme, *, horizontal: bool = False
) -> QChart:
    """A bar chart of counts, with whole-number ticks and the value on each bar."""
    chart = QChart()
    chart.setTheme(theme)  # first: a theme resets colours and labels set before it
    chart.setTitle(title)
    chart.legend().hide()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    bars = QBarSet("contacts")
    bars.setColor(colour)
    bars.setBorderColor(colour)
    bars.setLabelColor(chart.titleBrush().color())
    for _, n in items:
        bars.append(n)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    names = [name for name, _ in items] or [""]
    categories.append(list(reversed(names)) if horizontal else names)
    if horizontal:
        bars.remove(0, bars.count())
        for _, n in reversed(items):
            bars.append(n)
    elif len(items) > 12:
        categories.setLabelsAngle(-60)
    values = QValueAxis()
    top = max((n for _, n in items), default=0)
    step = _nice_step(max(1, top))
    values.setRange(0, step * (top // step + 1))
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(step)
    values.setLabelFormat("%d")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart


# ------------------------------------------------------------------------------------------------ the view


@dataclass(frozen=True)
class _Loaded:
    matrix: CoverageMatrix
    facets: FacetCounts
    events: list[EventRecord]


class CoverageView(QWidget):
    """The coverage window: filters, the matrix, charts, and exports."""

    cellActivated = Signal(str, str)  # country code, role code: "list these contacts"
    loaded = Signal()  # the matrix and charts show the current filters
    message = Signal(str)  # a one-line status (saved a file, an error)

    def __init__(
        self,
        directory: Directory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coverageView")
        self.directory = directory
        self._runner = _Runner(self)
        self._events: list[EventRecord] = []
        self._loaded: _Loaded | None = None
        self.last_export: Path | None = None

        self.expertise_combo = QComboBox(objectName="coverageExpertise")
        self.expertise_combo.addItem("Any expertise", None)
        for code in vocab.EXPERTISE:
            self.expertise_combo.addItem(vocab.label("expertise", code), code)
        self.expertise_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.expertise_combo.setMinimumContentsLength(16)
        self.event_combo = QComboBox(objectName="coverageEvent")
        self.event_combo.addItem("All contacts (any event)", None)
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_combo.setMinimumContentsLength(16)  # long names elide: the bar fits a small screen
        self.summary = QLabel(objectName="coverageSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QToolButton(objectName="coverageExportMatrix", text="Export Matrix")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.action_matrix_xlsx = menu.addAction("Matrix to Excel (.xlsx)…", lambda: self.export_matrix("xlsx"))
        self.action_matrix_pdf = menu.addAction("Matrix to PDF…", lambda: self.export_matrix("pdf"))
        self.export_button.setMenu(menu)
        self.participants_button = QToolButton(objectName="coverageExportParticipants", text="Participants List")
        self.participants_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.participants_button)
        self.action_participants_pdf = menu.addAction("Participants to PDF…", lambda: self.export_participants("pdf"))
        self.action_participants_xlsx = menu.addAction(
            "Participants to Excel (.xlsx)…", lambda: self.export_participants("xlsx")
        )
        self.participants_button.setMenu(menu)
        self.participants_button.setToolTip("Choose an event first: its participants list, grouped by country")

        bar = QHBoxLayout()
        expertise_label = QLabel("Expertise:")
        expertise_label.setBuddy(self.expertise_combo)
        event_label = QLabel("Event:")
        event_label.setBuddy(self.event_combo)
        bar.addWidget(expertise_label)
        bar.addWidget(self.expertise_combo)
        bar.addSpacing(12)
        bar.addWidget(event_label)
        bar.addWidget(self.event_combo, 1)
        bar.addSpacing(12)
        bar.addWidget(self.export_button)
        bar.addWidget(self.participants_button)

        self.model = CoverageModel(self)
        self.model.set_palette(self.palette())
        self.table = QTableView(objectName="coverageTable")
        self.table.setAccessibleName("Coverage by country and role")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # the whole region fits
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.table.setMouseTracking(True)
        self.table.setCornerButtonEnabled(False)
        self.table.setWordWrap(False)

        legend = QLabel(
            "Each cell counts contacts of that role in that country; hatched “—” cells are gaps. Click a cell to "
            "list its contacts. Right-click a country to set its place on the routes."
        )
        legend.setWordWrap(True)
        legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        matrix_page = QWidget()
        matrix_layout = QVBoxLayout(matrix_page)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.table, 1)
        matrix_layout.addWidget(legend)

        self.charts_page = QWidget(objectName="coverageCharts")
        self.charts_grid = QGridLayout(self.charts_page)
        self.chart_views = [QChartView() for _ in range(3)]
        for i, view in enumerate(self.chart_views):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            self.charts_grid.addWidget(view, 0 if i == 0 else 1, 0 if i < 2 else 1, 1, 2 if i == 0 else 1)

        self.tabs = QTabWidget(objectName="coverageTabs")
        self.tabs.addTab(matrix_page, "Matrix")
        # The three charts want 520 pixels of height: on a 1024x600 screen they scroll rather than making the
        # window taller than the screen.
        self.tabs.addTab(scrolling(self.charts_page), "Charts")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        self.refresh_action = QAction("Refresh", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

        self.expertise_combo.currentIndexChanged.connect(self.refresh)
        self.event_combo.currentIndexChanged.connect(self.refresh)
        self._update_buttons()
        self.refresh()

    # -------------------------------------------------------------------------------------------- state

    def current_event(self) -> EventRecord | None:
        event_id = self.event_combo.currentData()
        return next((e for e in self._events if e.id == event_id), None)

    def query(self) -> SearchQuery:
        expertise = self.expertise_combo.currentData()
        event_id = self.event_combo.currentData()
        return SearchQuery(expertise=(expertise,) if expertise else (), events=(event_id,) if event_id else ())

    def set_filters(self, *, expertise: str | None = None, event_id: int | None = None) -> None:
        """Choose the filters (the event must be in the list already loaded)."""
        self.expertise_combo.setCurrentIndex(max(0, self.expertise_combo.findData(expertise)))
        self.event_combo.setCurrentIndex(max(0, self.event_combo.findData(event_id)))

    def busy(self) -> bool:
        return bool(self._runner._callbacks)

    def wait(self) -> None:
        """Block until background work is done (tests, closing)."""
        self._runner.wait()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.PaletteChange:
            self.model.set_palette(self.palette())
            if self._loaded:
                self._show_charts(self._loaded)
        super().changeEvent(event)

    # -------------------------------------------------------------------------------------------- loading

    @Slot()
    def refresh(self) -> None:
        """Recompute the matrix and charts for the current filters, off the GUI thread."""
        query = self.query()
        directory = self.directory

        def work() -> _Loaded:
            return _Loaded(coverage_matrix(directory, query), facet_counts(directory, query), list_events(directory))

        self.summary.setText("Counting…")
        self._runner.run("load", work, self._show, self._failed)

    def _show(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        self._set_events(loaded.events)
        m = loaded.matrix
        self.model.set_matrix(m)
        self.table.clearSpans()
        for row in range(self.model.rowCount()):
            if self.model.row_info(row).kind == "group":
                self.table.setSpan(row, 0, 1, self.model.columnCount())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(1, self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        # The role columns share the width, but none narrower than its headers' longest word: on a small screen
        # ("Law enforcement", "International organisation" at 1024 pixels) the words were cut at both ends; now the
        # matrix scrolls sideways instead.
        words = [
            word
            for col in range(1, self.model.columnCount())
            for word in str(self.model.headerData(col, Qt.Orientation.Horizontal) or "").split()
        ]
        widest = max((header.fontMetrics().horizontalAdvance(word) for word in words), default=0)
        header.setMinimumSectionSize(max(header.minimumSectionSize(), widest + 16))
        header.setMinimumHeight(44)
        names = {e.id: e.name for e in loaded.events}
        filters = describe_query(m.query, names)
        gaps = len(m.gaps())
        countries = sum(1 for c in m.countries if m.country_totals.get(c.code))
        self.summary.setText(
            f"{m.total:,} contacts in {countries} of {len(m.countries)} countries · {gaps} gaps · {filters}"
            + (f" · {m.without_country} without a country" if m.without_country else "")
        )
        self._show_charts(loaded)
        self._update_buttons()
        self.loaded.emit()

    def _set_events(self, events: list[EventRecord]) -> None:
        self._events = events
        current = self.event_combo.currentData()
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        self.event_combo.addItem("All contacts (any event)", None)
        for e in events:
            self.event_combo.addItem(f"{e.name} ({e.participant_count})", e.id)
        self.event_combo.setCurrentIndex(max(0, self.event_combo.findData(current)))
        self.event_combo.blockSignals(False)

    def _show_charts(self, loaded: _Loaded) -> None:
        facets = loaded.facets
        event = next((e for e in loaded.events if e.id in loaded.matrix.query.events), None)
        who = "Participants" if event else "Contacts"
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        by_country = sorted(
            ((c.code, facets.country.get(c.code, 0)) for c in loaded.matrix.countries), key=lambda kv: (-kv[1], kv[0])
        )
        theme = QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        charts = [
            _bar_chart(f"{who} per country", by_country, accent, theme),
            _bar_chart(
                f"{who} per role",
                [(vocab.label("role", r), facets.role.get(r, 0)) for r in vocab.ROLES],
                accent,
                theme,
                horizontal=True,
            ),
            _bar_chart(
                f"{who} per organisation type",
                [(vocab.label("org_type", t), facets.org_type.get(t, 0)) for t in vocab.ORG_TYPES],
                accent,
                theme,
                horizontal=True,
            ),
        ]
        for view, chart in zip(self.chart_views, charts, strict=True):
            old = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        text = _one_line(exc)
        self.summary.setText(text)
        self.message.emit(text)

    def _update_buttons(self) -> None:
        has_event = self.current_event() is not None
        self.participants_button.setEnabled(has_event)
        self.export_button.setEnabled(self._loaded is not None)

    # -------------------------------------------------------------------------------------------- interaction

    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        code = index.data(CoverageModel.CountryRole)
        role = index.data(CoverageModel.RoleCodeRole)
        if code and role:
            self.cellActivated.emit(code, role)

    def _context_menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        code = index.data(CoverageModel.CountryRole) if index.isValid() else None
        if not code:
            return
        row = self.model.row_info(index.row())
        assert row.country is not None
        menu = self.route_menu(row.country)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def route_menu(self, country: CoverageCountry) -> QMenu:
        """'Place on the routes' choices for a country (checked: its current place)."""
        menu = QMenu(f"{country.name}: place on the routes", self)
        menu.setObjectName("coverageRouteMenu")
        title = menu.addAction(f"{country.name} on the routes:")
        title.setEnabled(False)
        for route in (*ROUTES, None):
            label = {"origin": "Country of &origin", "transit": "&Transit country", "destination": "&Destination"}
            action = menu.addAction(label.get(route or "", "&Not set"))
            action.setCheckable(True)
            action.setChecked(country.route == route)
            action.setData(route)
            action.triggered.connect(lambda _=False, r=route, c=country.code: self.set_country_route(c, r))
        return menu

    def set_country_route(self, code: str, route: str | None) -> None:
        directory = self.directory
        self._runner.run(
            "route", lambda: set_route(directory, code, route), lambda _result: self.refresh(), self._failed
        )

    # -------------------------------------------------------------------------------------------- exports

    def _ask_path(self, title: str, suggested: str, fmt: str) -> Path | None:
        return ask_save_path(self, title, suggested, fmt)

    def export_matrix(self, fmt: str, path: Path | None = None) -> None:
        """Write the matrix shown to .xlsx or .pdf (asks where when `path` is None)."""
        if self._loaded is None:
            return
        path = path or self._ask_path("Export the coverage matrix", f"coverage.{fmt}", fmt)
        if path is None:
            return
        matrix = self._loaded.matrix
        filters = describe_query(matrix.query, {e.id: e.name for e in self._loaded.events})
        writer = write_coverage_xlsx if fmt == "xlsx" else write_coverage_pdf
        self._runner.run(
            "export",
            lambda: writer(matrix, path, filters=filters),
            lambda target: self._saved(target, f"Coverage matrix saved to {target}"),
            self._failed,
        )

    def export_participants(self, fmt: str, path: Path | None = None) -> None:
        """Write the chosen event's participants list to .pdf or .xlsx (asks where when `path` is None)."""
        event = self.current_event()
        if event is None:
            self.message.emit("choose an event first")
            return
        path = path or self._ask_path("Save the participants list", participants_file_name(event, fmt), fmt)
        if path is None:
            return
        directory = self.directory
        self._runner.run(
            "export",
            lambda: (export_participants(directory, event.id, path), path)[1],
            lambda target: self._saved(target, f"Participants list of {event.name} saved to {target}"),
            self._failed,
        )

    def _saved(self, target: Path, text: str) -> None:
        self.last_export = Path(target)
        export_written(self.last_export)
        self.summary.setText(text)
        self.message.emit(text)


# ------------------------------------------------------------------------------------------------ main window


def _show_in_window(window: Any, view: CoverageView, code: str, role: str) -> None:
    """Ask the main window to list the contacts of a cell: its country and role, under the view's filters."""
    query = view.query()
    window.show_filtered(countries=[code], roles=[role], expertise=list(query.expertise), events=list(query.events))
    window.raise_()
    window.activateWindow()


def open_coverage(window: Any) -> CoverageView | None:
    """Show the coverage window of `window` (created once per directory, refreshed each time it is opened)."""
    view: CoverageView | None = getattr(window, "_coverage_view", None)
    if window.directory is None:
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage("Open a directory first: the coverage view shows its contacts", 8000)
        return None
    if view is None or view.directory is not window.directory:
        if view is not None:
            view.close()
            view.deleteLater()
        view = CoverageView(window.directory, window)
        view.cellActivated.connect(lambda code, role, v=view: _show_in_window(window, v, code, role))
        view.setWindowFlag(Qt.WindowType.Window, True)
        view.setWindowTitle("Network Coverage")
        fit_to_screen(view, 1280, 800)  # on a 1024x600 screen too: the matrix scrolls inside the window
        status = getattr(window, "statusBar", None)
        if callable(status):
            view.message.connect(lambda text: status().showMessage(text, 8000))
        window._coverage_view = view
    else:
        view.refresh()
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def _directory_changed(window: Any) -> None:
    """Another directory was opened (or it was closed): an open coverage window follows, a hidden one goes."""
    view: CoverageView | None = getattr(window, "_coverage_view", None)
    if view is None or view.directory is window.directory:
        return
    visible = view.isVisible()
    view.close()
    view.deleteLater()
    window._coverage_view = None
    if visible and window.directory is not None:
        open_coverage(window)


def install(window: Any) -> None:
    """Add View ▸ Network coverage (Ctrl+Shift+C) to a main window with `directory` and `show_filtered()`."""
    menu = getattr(window, "view_menu", None) or window.menuBar().addMenu("&View")
    action = QAction("Network &Coverage", window)
    action.setObjectName("actionCoverage")
    action.setShortcut(QKeySequence("Ctrl+Shift+C"))
    action.setStatusTip("Contacts per country and role: where the network has gaps; participants lists")
    action.triggered.connect(lambda: open_coverage(window))
    menu.addAction(action)
    window.actionCoverage = action
    changed = getattr(window, "directoryChanged", None)
    if changed is not None:
        changed.connect(lambda *_: _directory_changed(window))
