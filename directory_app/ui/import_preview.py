"""The import wizard's preview table: every row of the list as it will be stored, and what to do with each
possible duplicate.

A model over the dry run's outcomes, not a table of widgets: a 10,000-row list is shown whole (the table of
widgets showed the first 500 rows and froze the window while it was built), and a row's details are formatted
only when it comes into view. The user's answers about possible duplicates are kept in the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from directory_app.core import vocab
from directory_app.core.importing import KEEP_DIRECTORY, TAKE_LIST, Decision, RowKey, RowOutcome
from directory_app.core.phones import phone_text
from directory_app.core.records import ContactInput, plural

# The answer to a possible duplicate, or to values that differ from the directory's, comes right after the name,
# where it is seen without scrolling sideways.
HEADERS = ("Status", "Sheet", "Row", "Name", "What to do", "Position", "Organisation", "Country", "E-mail",
           "Phone", "Roles", "Notes")  # fmt: skip
DECISION_COLUMN = HEADERS.index("What to do")
NOTES_COLUMN = HEADERS.index("Notes")
_DETAILS = {name: i for i, name in enumerate(("Position", "Organisation", "Country", "E-mail", "Phone", "Roles"))}
_TAKEABLE = {"Position": "position", "Organisation": "organisation", "Country": "country"}  # column -> field
DOUBT = QColor("#fff3c4")
DUPLICATE = QColor("#ffd8a8")
SKIPPED = QColor("#f1f1f1")
KEEP_NEW = "Keep as a new contact"
SKIP = "Do not import this row"
KEEP_DIRECTORY_VALUES = "Keep the directory's values"
TAKE_LIST_VALUES = "Take the list's values"

Key = RowKey
Index = QModelIndex | QPersistentModelIndex


def choices(outcome: RowOutcome) -> list[tuple[str, Decision]]:
    """What can be done with a possible duplicate, or with a row whose values differ from its contact's in the
    directory: (label, decision for `import_rows`); the first is what an import does unasked. None for others."""
    if outcome.takeable and not outcome.candidates:
        return [(KEEP_DIRECTORY_VALUES, KEEP_DIRECTORY), (TAKE_LIST_VALUES, TAKE_LIST)]
    if not outcome.candidates:
        return []
    out: list[tuple[str, Decision]] = [(KEEP_NEW, "new")]
    for cand in outcome.candidates:
        where = ", ".join(x for x in (cand.organisation, cand.country or "") if x)
        out.append((f"Same as {cand.name} ({where})" if where else f"Same as {cand.name}", cand.contact_id))
    out.append((SKIP, "skip"))
    return out


class PreviewModel(QAbstractTableModel):
    """The dry run's outcomes, every row or only those to check, with the user's decisions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes: list[RowOutcome] = []
        self.several_files = False
        self.contacts: Mapping[Key, ContactInput] = {}
        self.shown: list[int] = []  # indexes into outcomes
        self.only_to_check = False
        self.decisions: dict[Key, Decision] = {}  # only what the user chose
        self._details: dict[Key, tuple[str, ...]] = {}

    def set_outcomes(
        self,
        outcomes: Sequence[RowOutcome],
        contacts: Mapping[Key, ContactInput],
        decisions: Mapping[Key, Decision] | None = None,
    ) -> None:
        """Show a dry run's outcomes. `decisions` made on an earlier preview of the same list are kept where the
        row still offers that answer (a user who goes back to correct the event keeps what was chosen)."""
        self.beginResetModel()
        self.outcomes = list(outcomes)
        self.several_files = len({o.file for o in self.outcomes}) > 1  # the Sheet column names the file too
        self.contacts = contacts
        self.decisions = {}
        for o in self.outcomes:
            earlier = (decisions or {}).get(o.key)
            if earlier is not None and earlier in [d for _label, d in choices(o)]:
                self.decisions[o.key] = earlier
            elif o.newer and not o.candidates:
                self.decisions[o.key] = TAKE_LIST  # verified later than its contact here: the newer values
        self._details = {}
        self._filter()
        self.endResetModel()

    def clear(self) -> None:
        self.set_outcomes([], {})

    def show_only_to_check(self, only: bool) -> None:
        self.beginResetModel()
        self.only_to_check = only
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        if self.only_to_check:
            # to check: a possible duplicate, a doubt, or a row that will not be imported
            self.shown = [i for i, o in enumerate(self.outcomes) if o.doubtful]
        else:
            self.shown = list(range(len(self.outcomes)))

    def to_check(self) -> int:
        return sum(1 for o in self.outcomes if o.doubtful)

    def outcome(self, row: int) -> RowOutcome:
        return self.outcomes[self.shown[row]]

    # ------------------------------------------------------------------------------------------- Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == DECISION_COLUMN and choices(self.outcome(index.row())):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self.outcome(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == DECISION_COLUMN and o.takeable and not o.candidates:
            lines = [
                f"{c.label[:1].upper()}{c.label[1:]}: '{c.shown(c.kept)}' in the directory, '{c.shown(c.other)}' "
                "in the list" for c in o.takeable
            ]  # fmt: skip
            if o.newer:
                lines.append("Verified later in the list than in the directory: the list's values are proposed.")
            return "\n".join(lines)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(o, column)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 30 else None  # columns are capped in width: the whole text on hover
            return text
        if role == Qt.ItemDataRole.EditRole and column == DECISION_COLUMN:
            return self.decision(o)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _colour(o)
            return QBrush(colour) if colour is not None else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != DECISION_COLUMN:
            return False
        o = self.outcome(index.row())
        if value not in [decision for _label, decision in choices(o)]:
            return False
        self.decisions[o.key] = value
        # The whole row: its status, organisation and country and its notes follow the answer.
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(NOTES_COLUMN))
        return True

    def decision(self, o: RowOutcome) -> Decision | None:
        """The answer for a row that asks one (the user's, or what an import does unasked); None for others."""
        offered = choices(o)
        return self.decisions.get(o.key, offered[0][1]) if offered else None

    def differing(self) -> tuple[int, int, int]:
        """(rows whose values differ from the directory's, of which those taking the list's, and those verified
        later in the list than in the directory)."""
        rows = [o for o in self.outcomes if o.takeable and not o.candidates]
        taking = sum(1 for o in rows if self.decisions.get(o.key) == TAKE_LIST)
        return len(rows), taking, sum(1 for o in rows if o.newer)

    def summary(self, skipped_sheets: int = 0) -> str:
        """What an import would do with the answers given so far, in the words of `ImportReport.summary`: counted
        from the dry run's outcomes and the decisions (one pass, no second dry run), so that the line above the
        table follows each answer. A row answered "Same as …" is counted as updated (it joins that contact)."""
        counts: Counter[str] = Counter()
        duplicates = taken = kept = 0
        for o in self.outcomes:
            status = o.status
            decision = self.decisions.get(o.key)
            if o.candidates:
                if decision is None:
                    duplicates += 1  # imported as new unanswered, and listed in the report to check
                status = "skipped" if decision == "skip" else "updated" if isinstance(decision, int) else "created"
            elif o.takeable:
                take = decision == TAKE_LIST
                if take:
                    taken += 1
                    status = "updated" if status == "unchanged" else status
                else:
                    kept += 1
                    if o.taken and len(o.changes) <= len(o.taken):
                        status = "unchanged"  # the dry run took the list's values, and that was all it changed
            counts[status] += 1
        text = (
            f"{counts['created']:,} would be created, {counts['updated']:,} would be updated, "
            f"{counts['unchanged']:,} unchanged, {counts['skipped']:,} skipped"
        )
        extra = []
        if duplicates:
            extra.append(f"{plural(duplicates, 'possible duplicate')} to check")
        if taken:
            extra.append(f"{taken:,} would take the list's values")
        if kept:
            extra.append(f"{kept:,} where the list differs from the directory")
        if ignored := counts["ignored"]:
            what = "line that is not a person" if ignored == 1 else "lines that are not people"
            extra.append(f"{ignored:,} {what} ignored")
        if skipped_sheets:
            extra.append(f"{plural(skipped_sheets, 'sheet')} skipped")
        return text + (f" ({'; '.join(extra)})" if extra else "")

    def take_list_everywhere(self, take: bool) -> None:
        """Every row whose values differ from the directory's takes the list's (or keeps the directory's)."""
        for o in self.outcomes:
            if o.takeable and not o.candidates:
                self.decisions[o.key] = TAKE_LIST if take else KEEP_DIRECTORY
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.shown) - 1, NOTES_COLUMN))

    # ------------------------------------------------------------------------------------------- text

    def _text(self, o: RowOutcome, column: int) -> str:
        if column == 0:
            if o.candidates:
                return "possible duplicate"
            if o.status == "unchanged" and o.takeable and self.decisions.get(o.key) == TAKE_LIST:
                return "update"  # the dry run kept the directory's values; the import takes the list's
            return {"created": "new", "updated": "update"}.get(o.status, o.status)
        if column == 1:
            return f"{o.file} – {o.sheet}" if self.several_files else o.sheet
        if column == 2:
            return o.row
        if column == 3:
            return o.name or " ".join(o.original.values())[:60]
        if column == DECISION_COLUMN:
            current = self.decision(o)
            return next((label for label, decision in choices(o) if decision == current), "")
        if column == NOTES_COLUMN:
            return o.describe(take_list=self.decisions.get(o.key) == TAKE_LIST)
        if HEADERS[column] in _TAKEABLE and o.takeable and self.decisions.get(o.key) != TAKE_LIST:
            # The row's own value is the list's; the directory's is the one kept.
            kept = next((c.kept for c in o.takeable if c.field == _TAKEABLE[HEADERS[column]]), None)
            if kept is not None:
                return kept
        return self._row_details(o)[_DETAILS[HEADERS[column]]]

    def _row_details(self, o: RowOutcome) -> tuple[str, ...]:
        """Position, organisation, country, e-mails, phones, roles: formatted when the row is first shown."""
        hit = self._details.get(o.key)
        if hit is None:
            c = self.contacts.get(o.key)
            if c is None:
                hit = ("", "", "", "", "", "")
            else:
                hit = (
                    c.position,
                    c.organisation,
                    c.country or "",
                    ", ".join(e.address for e in c.emails),
                    ", ".join(phone_text(p) for p in c.phones),
                    ", ".join(vocab.role_label(r) for r in c.roles),
                )
            self._details[o.key] = hit
        return hit


def _colour(o: RowOutcome) -> QColor | None:
    if o.status in ("skipped", "ignored"):
        return SKIPPED
    if o.candidates:
        return DUPLICATE
    if o.reasons or o.conflicts:
        return DOUBT
    return None


class DecisionDelegate(QStyledItemDelegate):
    """The decision cell looks like a drop-down list and opens one when clicked (or F2 / a key)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            super().paint(painter, option, index)
            return
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QBrush):
            painter.fillRect(option.rect, background)
        style = option.widget.style() if option.widget else QApplication.style()
        box = QStyleOptionComboBox()
        box.rect = option.rect.adjusted(2, 2, -2, -2)
        box.state = option.state | QStyle.StateFlag.State_Enabled
        box.currentText = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        box.palette = option.palette
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, option.widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, option.widget)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("duplicateDecision")
        model = index.model()
        outcome = model.outcome(index.row()) if isinstance(model, PreviewModel) else None
        for label, decision in choices(outcome) if outcome is not None else []:
            combo.addItem(label, decision)
        # A choice is stored as soon as it is made, and the list closes.
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        QTimer.singleShot(0, combo, combo.showPopup)  # one click opens the list (cancelled if the editor goes)
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
