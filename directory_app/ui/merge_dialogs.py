"""Duplicates in the window: the list of possible pairs (Edit > Find Duplicates…) and the merge of two contacts
(Edit > Merge Contacts…, or Merge… in that list). The finding and merging are core/merging.py; these dialogs only
show its results and collect the user's choices. Work on the directory runs on the window's worker."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from directory_app.core.merging import DuplicatePair, DuplicateScan, plan_merge
from directory_app.core.records import ContactRecord, plural
from directory_app.ui.discard import ask_to_discard_choices
from directory_app.ui.labels import country_label, phone_label
from directory_app.ui.screen_fit import fit_to_screen
from directory_app.ui.trust_dialogs import make_default, make_table, note_label, stretch_column, table_item

# ------------------------------------------------------------------------------------------------ merge


def _summary(record: ContactRecord) -> str:
    """A contact in a few lines, enough to tell two records apart."""
    lines = [f"<b>{escape(record.display_name) or '(no name)'}</b>"]
    if record.latin_display_name != record.display_name:
        lines[0] += f" ({escape(record.latin_display_name)})"
    work = ", ".join(p for p in (record.position, record.organisation) if p)
    place = ", ".join(p for p in (record.city, country_label(record.country)) if p)
    lines += [escape(text) for text in (work, place) if text]
    lines += [escape(e.address) for e in record.emails[:3]]
    lines += [escape(phone_label(p.text)) for p in record.phones[:3]]
    if record.events:
        lines.append(plural(len(record.events), "seminar"))
    return "<br>".join(lines)


class MergeDialog(QDialog):
    """Two contacts side by side: which one is kept, and for each field where they differ, which value.

    `mergeRequested(keep_id, other_id, fields)` names the fields where the other contact's value is taken; the
    window runs the merge and closes the dialog (`merged`), or shows the error in it (`merge_failed`).
    """

    mergeRequested = Signal(int, int, list)

    def __init__(self, first: ContactRecord, second: ContactRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge Contacts")
        self.plan = plan_merge(first, second)
        self.choices: dict[str, QButtonGroup] = {}

        self.intro = note_label(
            "The two records become one. The contact on the left is kept (its identity stays on phones that "
            "have its card); the one on the right is merged into it and removed. Undo (Ctrl+Z) puts both back."
        )
        self.keep_box, self.keep_label = self._side_box("Keep")
        self.other_box, self.other_label = self._side_box("Merge in and remove")
        self.swap_button = QPushButton("&Keep the Other One")
        self.swap_button.setObjectName("swapMergeButton")
        self.swap_button.setToolTip("Keep the contact on the right and merge the left one into it")
        self.swap_button.clicked.connect(self.swap)
        self.swap_button.setAutoDefault(False)  # Enter merges; it swapped the sides, being the dialog's first button
        sides = QGridLayout()
        sides.addWidget(self.keep_box, 0, 0)
        sides.addWidget(self.other_box, 0, 1)
        sides.setColumnStretch(0, 1)
        sides.setColumnStretch(1, 1)

        self.conflict_box = QGroupBox("Where they differ: the value to keep")
        self.conflict_grid = QGridLayout(self.conflict_box)
        self.conflict_note = note_label("The value not chosen is written into the notes, so nothing is lost.")
        self.additions = note_label()
        self.additions.setObjectName("mergeAdditions")
        self.additions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = note_label()
        self.error.setObjectName("mergeError")
        self.error.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 4px;")
        self.error.hide()

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(sides)
        body_layout.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignLeft)
        body_layout.addWidget(self.conflict_box)
        body_layout.addWidget(self.conflict_note)
        body_layout.addWidget(self.additions)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the dialog opened with the focus on the area, which did nothing

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.buttons.accepted.connect(self._merge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        make_default(self.merge_button)  # once in the dialog (see make_default): Enter merges
        self._show_plan()
        fit_to_screen(self, 760, 560)
        self._focus_first()
        self._as_opened = self.chosen()
        self._discarding = False
        self._merging = False
        self.discard_box: QMessageBox | None = None

    def _focus_first(self) -> None:
        """The first choice to make (where they differ) has the focus; with none, Merge (Enter merges anyway)."""
        first = next(iter(self.choices.values()), None)
        (first.button(0) if first is not None else self.merge_button).setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _side_box(title: str) -> tuple[QGroupBox, QLabel]:
        box = QGroupBox(title)
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(box).addWidget(label)
        return box, label

    def swap(self) -> None:
        self.plan = plan_merge(self.plan.other, self.plan.keep)
        self._show_plan()
        if self.focusWidget() is None or self.focusWidget() is not self.swap_button:
            self._focus_first()  # the choice that had the focus is gone with the old plan

    def _show_plan(self) -> None:
        self.keep_label.setText(_summary(self.plan.keep))
        self.other_label.setText(_summary(self.plan.other))
        while self.conflict_grid.count():
            item = self.conflict_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.choices = {}
        for row, conflict in enumerate(self.plan.conflicts):
            group = QButtonGroup(self)
            label = QLabel(f"{conflict.label[:1].upper()}{conflict.label[1:]}:")
            kept = QRadioButton(conflict.shown(conflict.kept))
            other = QRadioButton(conflict.shown(conflict.other))
            kept.setObjectName(f"keep_{conflict.field}")
            other.setObjectName(f"take_{conflict.field}")
            kept.setChecked(True)
            group.addButton(kept, 0)
            group.addButton(other, 1)
            self.conflict_grid.addWidget(label, row, 0)
            self.conflict_grid.addWidget(kept, row, 1)
            self.conflict_grid.addWidget(other, row, 2)
            self.choices[conflict.field] = group
        self.conflict_grid.setColumnStretch(1, 1)
        self.conflict_grid.setColumnStretch(2, 1)
        self.conflict_box.setVisible(bool(self.plan.conflicts))
        self.conflict_note.setVisible(bool(self.plan.conflicts))
        if self.plan.additions:
            shown = list(self.plan.additions[:12])
            if len(self.plan.additions) > 12:
                shown.append(f"and {len(self.plan.additions) - 12} more")
            self.additions.setText("The kept contact gains: " + "; ".join(shown) + ".")
        else:
            self.additions.setText("The kept contact gains nothing it does not already hold.")

    def taken_fields(self) -> list[str]:
        """The fields where the right-hand contact's value was chosen."""
        return [f for f, group in self.choices.items() if group.checkedId() == 1]

    def chosen(self) -> tuple[int, tuple[str, ...]]:
        """The user's choices: the contact kept, and the fields where the other one's value is taken."""
        return self.plan.keep.id, tuple(self.taken_fields())

    def _merge(self) -> None:
        self.error.hide()
        self.merge_button.setEnabled(False)
        self._merging = True
        self.mergeRequested.emit(self.plan.keep.id, self.plan.other.id, self.taken_fields())

    def merged(self) -> None:
        self._merging = False
        self.accept()

    def merge_failed(self, message: str) -> None:
        self._merging = False
        self.error.setText(f"The contacts were not merged: {message}")
        self.error.show()
        self.merge_button.setEnabled(True)

    def reject(self) -> None:
        """Esc, Cancel and the window's close button: once a choice was changed (the other contact kept, a value
        taken from it), asked first; with the choices as offered, or while the merge runs, closed at once."""
        if self._discarding or self._merging or self.chosen() == self._as_opened:
            super().reject()
            return
        ask_to_discard_choices(self, "The contacts have not been merged.")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not event.spontaneous():
            # Closed by the application (another merge opened, another directory), not by the user: not asked
            self._discarding = True
        super().closeEvent(event)


# ------------------------------------------------------------------------------------------------ duplicates


class DuplicatesDialog(QDialog):
    """The pairs that may be the same person, the most likely first, with Merge… and Not the Same Person."""

    mergeRequested = Signal(object)  # DuplicatePair
    differentRequested = Signal(object)  # DuplicatePair

    HEADERS = ("Name", "Organisation", "Name", "Organisation", "Country", "Why")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Possible Duplicates")
        self.pairs: list[DuplicatePair] = []
        self.total: int | None = None  # every pair found; None while looking
        self.intro = note_label(
            "Contacts that may be the same person: the same e-mail or phone under names that agree, or close "
            "names in one country, across scripts and spellings. Merge a pair, or say they are different people "
            "so that the pair is not shown again."
        )
        self.status = note_label("Looking for duplicates…")
        self.status.setObjectName("duplicatesStatus")
        self.view, self.model, self.proxy = make_table("duplicatesTable", self.HEADERS)
        self.view.setAccessibleName("Possible duplicates")
        stretch_column(self.view, 3)
        # Columns fit the first 100 rows, not all 2,000: measuring every row froze the window 0.33 s when the
        # list came in (0.07 s now).
        self.view.horizontalHeader().setResizeContentsPrecision(100)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.view.doubleClicked.connect(lambda _index: self._merge())
        self.merge_button = QPushButton("&Merge…")
        self.merge_button.setObjectName("mergePairButton")
        self.merge_button.clicked.connect(self._merge)
        self.different_button = QPushButton("&Not the Same Person")
        self.different_button.setObjectName("differentPairButton")
        self.different_button.setToolTip("Remember that these two are different people: the pair is not shown again")
        self.different_button.clicked.connect(self._different)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.different_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        # Enter opens the merge of the pair selected, as a double-click does (Close was the default).
        make_default(self.merge_button)
        fit_to_screen(self, 1040, 480)
        self._update()

    def set_scan(self, scan: DuplicateScan) -> None:
        self.pairs = list(scan.pairs)
        self.total = scan.total
        self._fill()
        if self.pairs:
            self.view.selectRow(0)
            self.view.setFocus()

    def set_error(self, message: str) -> None:
        self.status.setText(f"Could not look for duplicates: {message}")

    def _fill(self) -> None:
        """One table row per pair, in the order of `pairs` (the table is not sorted: row i is pairs[i])."""
        self.model.removeRows(0, self.model.rowCount())
        for pair in self.pairs:
            why = pair.reason if pair.certain else f"{pair.reason} ({pair.score:.0f}%)"
            row = [
                table_item(pair.first.name),
                table_item(pair.first.organisation),
                table_item(pair.second.name),
                table_item(pair.second.organisation),
                table_item(country_label(pair.first.country)),
                table_item(why),
            ]
            self.model.appendRow(row)
        self._update()

    def _update(self) -> None:
        if self.total is None:
            self._enable(False)
            return
        shown = len(self.pairs)
        if not shown:
            self.status.setText("No possible duplicates: every contact looks like a different person.")
        elif self.total > shown:
            self.status.setText(f"The {shown:,} most likely of {plural(self.total, 'possible pair')}.")
        else:
            self.status.setText(f"{plural(shown, 'possible pair')}.")
        self._enable(self.selected() is not None)

    def _enable(self, on: bool) -> None:
        self.merge_button.setEnabled(on)
        self.different_button.setEnabled(on)

    def selected(self) -> DuplicatePair | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.pairs[self.proxy.mapToSource(rows[0]).row()]

    def _merge(self) -> None:
        pair = self.selected()
        if pair is not None:
            self.mergeRequested.emit(pair)

    def _different(self) -> None:
        pair = self.selected()
        if pair is not None:
            self.differentRequested.emit(pair)

    def drop(self, contact_ids: Sequence[int] = (), pair: DuplicatePair | None = None) -> None:
        """Take out a pair marked as different people, or every pair with a contact merged away."""
        row = self.view.selectionModel().selectedRows()
        at = row[0].row() if row else 0
        gone = set(contact_ids)
        out = [i for i, p in enumerate(self.pairs) if p is pair or {p.first.id, p.second.id} & gone]
        # Row by row from the bottom, not the whole table again: refilling 2,000 rows froze the window 0.12 s.
        for index in reversed(out):
            self.model.removeRow(index)
            del self.pairs[index]
        self.total = (self.total or 0) - len(out)
        self._update()
        if self.pairs:
            self.view.selectRow(min(at, len(self.pairs) - 1))
