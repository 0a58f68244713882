"""The detail pane: every field of the selected contact, e-mails and phones as links with copy buttons."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from directory_app.core.dates import format_day, format_days, format_moment
from directory_app.core.languages import language_name
from directory_app.core.privacy import consent_text
from directory_app.core.records import ContactRecord, EventRecord
from directory_app.ui.icons import themed_icon
from directory_app.ui.labels import country_label, phone_label, vocab_label, vocab_labels


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _secondary(label: QLabel) -> None:
    """Dimmed text, from the palette (PlaceholderText is the theme's secondary text colour)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


class _ValueLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


_BREAK = "\u200b"  # zero-width space: where a long address may wrap
_BREAK_AFTER = str.maketrans({c: c + _BREAK for c in "@.-_/"})


def breakable(text: str) -> str:
    """`text` with places to wrap after @ . - _ /: Qt wraps only at spaces and hyphens, so a long e-mail address
    ("mimoza.ahmeti@labourinspectorate.xk.example") would otherwise set the pane's narrowest width."""
    return text.translate(_BREAK_AFTER)


def unbreakable(text: str) -> str:
    return text.replace(_BREAK, "")


class _PointLabel(QLabel):
    """An e-mail address or phone number that wraps inside itself (see `breakable`). What is copied from it,
    with Ctrl+C or its menu, is the address as it is, without the wrapping places."""

    def __init__(self, text: str, noun: str) -> None:
        super().__init__()
        self._plain = text
        self._noun = noun

    def sizeHint(self) -> QSize:
        """The whole text on one line: a wrapped QLabel asks for a guessed width, narrower than the text, and
        would wrap the address even where the pane has room for it (it still wraps when there is none)."""
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        document.setHtml(unbreakable(self.text()))
        margins = self.contentsMargins()
        width = math.ceil(document.idealWidth()) + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(width))

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's name for the argument
        """Tab and Shift+Tab leave the label: it holds one link, which has the focus when the label has it
        (QLabel's own stepping between links kept Shift+Tab inside it)."""
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            QGuiApplication.clipboard().setText(unbreakable(self.selectedText()))
            event.accept()
            return
        super().keyPressEvent(event)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        selected = unbreakable(self.selectedText()) if self.hasSelectedText() else ""
        if selected and selected != self._plain:
            menu.addAction("&Copy", lambda: QGuiApplication.clipboard().setText(selected))
        noun = " ".join(word[:1].upper() + word[1:] for word in self._noun.split())  # Title Case: "E-mail"
        menu.addAction(f"Copy the {noun}", lambda: QGuiApplication.clipboard().setText(self._plain))
        menu.addAction("Select &All", lambda: self.setSelection(0, len(breakable(self._plain))))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_menu().exec(event.globalPos())
        event.accept()


class ContactDetail(QScrollArea):
    """Shows one ContactRecord. Other features add widgets below the fields with `add_extra_widget`, or follow
    `contactShown(record)` (None when nothing or several contacts are selected)."""

    VALUE_CHARS = 22  # the narrowest column of values beside their labels, in average characters

    contactShown = Signal(object)
    editRequested = Signal()
    deleteRequested = Signal()
    copied = Signal(str)  # a status line such as "Copied ana@example.org"
    eventRequested = Signal(int)  # an event's name clicked: show who took part in it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetail")
        self.setAccessibleName("Contact details")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._record: ContactRecord | None = None
        self._events: dict[int, EventRecord] = {}

        body = QWidget()
        body.setObjectName("contactDetailBody")
        self.setWidget(body)
        body.installEventFilter(self)  # its layout changes: see _claim_width
        outer = self._outer = QVBoxLayout(body)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(8)

        # In the middle of the empty pane, as the message of an empty list is: at its top edge it read as a
        # heading over nothing, and the pane looked broken.
        self.placeholder = QLabel("Select a contact to see the details.")
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        _secondary(self.placeholder)
        outer.addWidget(self.placeholder, 1)

        self.card = QWidget()
        card = QVBoxLayout(self.card)
        card.setContentsMargins(0, 0, 0, 0)
        card.setSpacing(6)
        outer.addWidget(self.card)

        self.name_label = QLabel()
        self.name_label.setObjectName("detailName")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name_label.setFont(font)
        self.latin_label = QLabel()
        self.latin_label.setObjectName("detailLatinName")
        self.latin_label.setWordWrap(True)
        self.latin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _secondary(self.latin_label)
        self.headline_label = _ValueLabel()
        self.headline_label.setObjectName("detailHeadline")
        self.headline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.latin_label.setTextFormat(Qt.TextFormat.PlainText)
        card.addWidget(self.name_label)
        card.addWidget(self.latin_label)
        card.addWidget(self.headline_label)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("detailEditButton")
        self.edit_button.setAccessibleName("Edit this contact")
        self.edit_button.clicked.connect(self.editRequested)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("detailDeleteButton")
        self.delete_button.setAccessibleName("Delete this contact")
        self.delete_button.clicked.connect(self.deleteRequested)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        card.addLayout(buttons)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        card.addWidget(line)

        # A grid rather than a QFormLayout: its height-for-width of wrapped values is exact, so no gap opens
        # under the fields in a narrow pane.
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(7)
        self.form.setColumnStretch(1, 1)
        self._row_labels: dict[QWidget, QLabel] = {}  # each value's label, in the order of the rows
        self._stacked = False  # labels above their values (a narrow pane), not beside them
        card.addLayout(self.form)

        self._fields: dict[str, _ValueLabel] = {}
        self.emails_box = self._list_box("detailEmails")
        self.phones_box = self._list_box("detailPhones")
        self._add_row("email", "E-mail", self.emails_box)
        self._add_row("phone", "Phone", self.phones_box)
        for key, title in (
            ("organisation", "Organisation"),
            ("org_type", "Type"),
            ("country", "Country"),
            ("city", "City"),
            ("address", "Address"),
            ("roles", "Roles"),
            ("expertise", "Expertise"),
            ("keywords", "Keywords"),
            ("languages", "Languages"),
            ("events", "Events"),
            ("notes", "Notes"),
            ("consent", "Consent"),
            ("verified", "Last verified"),
            ("source", "Source"),
            ("updated", "Updated"),
        ):
            label = _ValueLabel()
            label.setObjectName(f"detail_{key}")
            self._fields[key] = label
            self._add_row(key, title, label)
        self._fields["notes"].setTextFormat(Qt.TextFormat.PlainText)
        events = self._fields["events"]
        events.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )  # fmt: skip
        events.setToolTip("Click an event to list everyone who took part in it")
        events.linkActivated.connect(self._event_link)

        self.extra_area = QWidget()
        self.extra_area.setObjectName("contactDetailExtras")
        self.extra_layout = QVBoxLayout(self.extra_area)
        self.extra_layout.setContentsMargins(0, 6, 0, 0)
        self.extra_layout.setSpacing(6)
        card.addWidget(self.extra_area)
        outer.addStretch(1)

        self.show_record(None)

    def minimumSizeHint(self) -> QSize:
        """Never narrower than the card needs (the QR code, the buttons): the pane scrolls only up and down, and a
        pane dragged or remembered narrower cut the values at its right edge."""
        hint = super().minimumSizeHint()
        body = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), body + 2 * self.frameWidth()), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._claim_width)  # the card changed: a QR code arrived, a longer name
        return super().eventFilter(watched, event)

    def _claim_width(self) -> None:
        """A splitter does not widen a pane whose minimum grew (a layout remembered from a narrower card, a QR code
        arriving): the width the card needs is taken from the neighbour on the left, the table."""
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or not self.isVisible():
            return
        sizes, index = splitter.sizes(), splitter.indexOf(self)
        missing = self.minimumSizeHint().width() - sizes[index]
        if index < 1 or missing <= 0 or sizes[index - 1] <= missing:
            return
        sizes[index - 1] -= missing
        sizes[index] += missing
        splitter.setSizes(sizes)

    # ------------------------------------------------------------------------------------------- public

    def record(self) -> ContactRecord | None:
        return self._record

    def focus_widgets(self) -> list[QWidget]:
        """What Tab visits in the pane, top to bottom and left to right: Edit…, Delete…, each e-mail address and
        phone number and its copy button, the event links, then the widgets features added (the QR code's
        buttons...). Empty while no contact is shown. The main window puts them in its Tab order after the table."""
        if self.card.isHidden():
            return []
        found: list[QWidget] = []

        def visit(widget: QWidget) -> None:
            if widget.isHidden():
                return
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
                found.append(widget)
            if widget.layout() is not None:
                walk(widget.layout())

        def walk(layout: QLayout) -> None:
            order = list(range(layout.count()))
            if isinstance(layout, QGridLayout):  # the fields: in the order of their rows, whatever their placing
                order.sort(key=lambda i: layout.getItemPosition(i)[:2])
            for item in (layout.itemAt(i) for i in order):
                if item.widget() is not None:
                    visit(item.widget())
                elif item.layout() is not None:
                    walk(item.layout())

        walk(self.card.layout())
        return found

    def add_extra_widget(self, widget: QWidget) -> None:
        """Add a widget under the fields (e.g. a QR code); it stays there for every contact shown."""
        self.extra_layout.addWidget(widget)

    def set_events(self, events: list[EventRecord]) -> None:
        """Event details (dates, places) used to describe a contact's event history."""
        self._events = {e.id: e for e in events}
        if self._record is not None:
            self._fill_events(self._record)

    def show_message(self, text: str) -> None:
        """No contact: a centred message instead (nothing selected, several selected, loading)."""
        self._record = None
        self.placeholder.setText(text)
        self.placeholder.show()
        self.card.hide()
        self._outer.setStretch(self._outer.count() - 1, 0)  # the message takes the pane's height, centred in it
        self.contactShown.emit(None)

    def show_record(self, record: ContactRecord | None) -> None:
        if record is None:
            self.show_message("Select a contact to see the details.")
            return
        self._record = record
        self.placeholder.hide()
        self.card.show()
        self._outer.setStretch(self._outer.count() - 1, 1)  # the card at the top

        self.name_label.setText(" ".join(p for p in (record.honorific, record.display_name) if p) or "(no name)")
        latin = record.latin_display_name
        self.latin_label.setText(latin)
        self.latin_label.setVisible(bool(latin) and latin != record.display_name)
        self.headline_label.setText(record.position)
        self.headline_label.setVisible(bool(record.position))

        self._fill_links(self.emails_box, [(f"mailto:{e.address}", e.address, e.type) for e in record.emails], "e-mail")
        self._fill_links(
            self.phones_box,
            [(f"tel:{p.e164}" if p.e164 else "", phone_label(p.text), p.type) for p in record.phones],
            "phone number",
        )
        self._set("organisation", record.organisation)
        self._set("org_type", vocab_label("org_type", record.organisation_type) if record.organisation_type else "")
        self._set("country", country_label(record.country))
        self._set("city", record.city)
        self._set("address", record.address)
        self._set("roles", vocab_labels("role", record.roles))
        self._set("expertise", "\n".join(vocab_label("expertise", c) for c in record.expertise))
        self._set("keywords", ", ".join(record.keywords))
        self._set("languages", ", ".join(language_name(c) for c in record.languages))
        self._fill_events(record)
        self._set("notes", record.notes)
        self._set("consent", consent_text(record))
        self._set("verified", format_day(record.last_verified))
        self._set("source", record.source)
        self._set("updated", format_moment(record.updated_at))  # stored in UTC: shown in local time
        self._arrange()
        self.verticalScrollBar().setValue(0)
        self.contactShown.emit(record)

    # ------------------------------------------------------------------------------------------- internals

    def _list_box(self, name: str) -> QWidget:
        box = QWidget()
        box.setObjectName(name)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        return box

    def _add_row(self, key: str, title: str, widget: QWidget) -> None:
        label = QLabel(title)
        _secondary(label)
        label.setBuddy(widget)
        self._place(len(self._row_labels), label, widget)
        self._row_labels[widget] = label

    def _place(self, index: int, label: QLabel, widget: QWidget) -> None:
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if self._stacked:
            label.setContentsMargins(0, 5 if index else 0, 0, 0)  # a little air above each label
            self.form.addWidget(label, 2 * index, 0, 1, 2, top)
            self.form.addWidget(widget, 2 * index + 1, 0, 1, 2)
        else:
            label.setContentsMargins(0, 0, 0, 0)
            self.form.addWidget(label, index, 0, top)
            self.form.addWidget(widget, index, 1)

    def _fits_side_by_side(self) -> bool:
        shown = [(label, widget) for widget, label in self._row_labels.items() if not widget.isHidden()]
        if not shown:
            return True
        labels = max(label.sizeHint().width() for label, _ in shown)
        values = max(widget.minimumSizeHint().width() for _, widget in shown)
        # Beside their labels, the values need room for an e-mail address or phone number on one line, and for a
        # few words a line: in a quarter of a 1024-pixel window the address broke over three lines and an
        # organisation's name over four, beside a column of labels, where above them they had the pane's width.
        boxes = [box.layout() for box in (self.emails_box, self.phones_box) if not box.isHidden()]
        # The rows in the layouts: the ones replaced are still the boxes' children until deleteLater
        whole = [layout.itemAt(i).sizeHint().width() for layout in boxes for i in range(layout.count())]
        wanted = max(values, *whole, self.fontMetrics().averageCharWidth() * self.VALUE_CHARS)
        margins = self.widget().layout().contentsMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        return labels + self.form.horizontalSpacing() + wanted <= room

    def _arrange(self) -> None:
        """Labels beside their values; above them when the pane is too narrow for both, so that nothing is cut at
        the pane's right edge (the pane scrolls only up and down)."""
        stacked = not self._fits_side_by_side()
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for widget, label in self._row_labels.items():
            self.form.removeWidget(label)
            self.form.removeWidget(widget)
        self.form.setVerticalSpacing(2 if stacked else 7)
        for index, (widget, label) in enumerate(self._row_labels.items()):
            self._place(index, label, widget)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _show_row(self, widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        self._row_labels[widget].setVisible(visible)

    def _set(self, key: str, text: str) -> None:
        label = self._fields[key]
        label.setText(text if label.textFormat() == Qt.TextFormat.PlainText else _esc(text).replace("\n", "<br>"))
        self._show_row(label, bool(text))

    def _fill_events(self, record: ContactRecord) -> None:
        lines = []
        for ref in record.events:
            event = self._events.get(ref.id)
            when = format_days(event.start_date, event.end_date) if event else ""
            part = vocab_label("part", ref.part)
            detail = " · ".join(p for p in (part, when) if p)
            lines.append(f'<a href="event:{ref.id}">{_esc(ref.name)}</a><br><small>{_esc(detail)}</small>')
        label = self._fields["events"]
        label.setText("<br>".join(lines))
        self._show_row(label, bool(lines))

    def _event_link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "event" and value.isdigit():
            self.eventRequested.emit(int(value))

    def _fill_links(self, box: QWidget, entries: list[tuple[str, str, str]], noun: str) -> None:
        layout = box.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for href, text, kind in entries:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(4)
            link = _PointLabel(text, noun)
            link.setObjectName("detailLink")
            kind_text = vocab_label("contact_point_type", kind) if kind and kind != "work" else ""
            suffix = f' <span style="font-size:small">({_esc(kind_text.lower())})</span>' if kind_text else ""
            link.setWordWrap(True)
            shown = _esc(breakable(text))
            if href:
                link.setText(f'<a href="{_esc(href)}">{shown}</a>{suffix}')
                link.setOpenExternalLinks(True)
                link.setTextInteractionFlags(
                    Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByMouse
                )
                link.setToolTip(f"Open {href}")
            else:
                link.setText(f"{shown}{suffix}")
                link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                link.setToolTip(f"Not a valid {noun}: kept as it was typed")
            link.setAccessibleName(f"{noun} {text}")
            copy = QToolButton()
            copy.setObjectName("detailCopyButton")
            copy.setIcon(themed_icon("copy", self.palette()))
            copy.setAutoRaise(True)
            spoken = "e-mail address" if noun == "e-mail" else noun  # the button says what it copies
            copy.setToolTip(f"Copy the {spoken}")
            copy.setAccessibleName(f"Copy {spoken} {text}")
            copy.clicked.connect(self._copier(text))
            line.addWidget(link)
            line.addWidget(copy)
            line.addStretch(1)
            layout.addWidget(row)
            row.show()  # now, not on the next turn of the event loop: `_arrange` measures it right after
        self._show_row(box, bool(entries))

    def _copier(self, text: str) -> Callable[[], None]:
        def copy() -> None:
            QGuiApplication.clipboard().setText(text)
            self.copied.emit(f"Copied {text}")

        return copy

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._record is not None:
            self.show_record(self._record)  # repaint the icons in the new theme's colours
