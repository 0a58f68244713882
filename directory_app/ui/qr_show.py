"""View > QR Codes on Screen: the selected contacts' codes (or the search's), large, one after another, for a room
to scan from a projector at the end of a seminar. Arrow keys move, F11 fills the screen, Esc closes.

Who may be shown follows the export's rules (core.qr.codes_to_show: contacts not to be shared left out, private
details kept out of the codes, recorded in the audit log as shown). Each code is made on the window's worker (segno
takes 30-60 ms) and the next one is made ahead, so that moving on does not wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QPalette, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from directory_app.core.records import ContactRecord, DirectoryError
from directory_app.ui.labels import country_label
from directory_app.ui.screen_fit import centre_on_screen, fit_to_screen
from directory_app.ui.tasks import error_message

if TYPE_CHECKING:
    from directory_app.core.qr import ContactQR


def _code_png(record: ContactRecord, qr: ContactQR | str | None, side: int) -> tuple[ContactQR | str, bytes | str]:
    """The contact's code (`qr` when it was made before: segno's choice of mask is the slow part, a PNG of another
    size is not) and its PNG about `side` pixels wide (whole pixels a module), or why there is none. Runs on the
    worker."""
    from directory_app.core.qr import contact_qr

    if qr is None:
        try:
            qr = contact_qr(record)
        except DirectoryError as exc:
            qr = str(exc)
    if isinstance(qr, str):
        return qr, qr
    return qr, qr.png(scale=max(2, side // (qr.modules + 8)), border=4)


class QRShowDialog(QDialog):
    def __init__(self, window: Any, records: list[ContactRecord], left_out: str = "") -> None:
        super().__init__(window)
        self.setObjectName("qrShowDialog")
        self.setWindowTitle("QR Codes on Screen")
        self.window_ = window
        self.records = records
        self.index = 0
        self.qrs: dict[int, ContactQR | str] = {}  # index -> the code, or why there is none
        self.codes: dict[tuple[int, int], bytes | str] = {}  # (index, side) -> its PNG at that size

        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.name_label = QLabel()
        self.name_label.setObjectName("qrShowName")
        self.name_label.setFont(big)
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        medium = QFont(self.font())
        medium.setPointSizeF(medium.pointSizeF() * 1.4)
        self.office_label = QLabel()
        self.office_label.setObjectName("qrShowOffice")
        self.office_label.setFont(medium)
        self.office_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.office_label.setWordWrap(True)
        self.image = QLabel()
        self.image.setObjectName("qrShowImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(200, 200)
        self.counter = QLabel()
        self.counter.setObjectName("qrShowCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = (
            "Point a phone's camera at the code to add the person. ← → or Enter move, F11 fills the screen, Esc closes."
        )
        if left_out:
            hint += f" ({left_out[:1].upper() + left_out[1:]})"
        self.hint = QLabel(hint)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.previous_button = QPushButton("◀ &Previous")
        self.previous_button.setObjectName("qrShowPrevious")
        self.previous_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button = QPushButton("&Next ▶")
        self.next_button.setObjectName("qrShowNext")
        self.previous_button.setAccessibleName("Previous contact")  # not "left-pointing triangle, Previous"
        self.next_button.setAccessibleName("Next contact")
        self.next_button.clicked.connect(lambda: self.go(self.index + 1))
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        for button in (self.previous_button, self.next_button, close):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys are the dialog's, not a button's
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addStretch(1)
        row.addWidget(self.counter)
        row.addStretch(1)
        row.addWidget(self.next_button)
        row.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.office_label)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.hint)
        layout.addLayout(row)

        full = QAction(self)
        full.setShortcut(QKeySequence(Qt.Key.Key_F11))
        full.triggered.connect(lambda: self.showNormal() if self.isFullScreen() else self.showFullScreen())
        self.addAction(full)
        # Shown maximised (open_codes); its normal size, which F11 twice or a window manager that does not maximise
        # dialogs gives, fits the screen too: 900x900 went 300 pixels below a 1024x600 screen's edge.
        fit_to_screen(self, 900, 900)
        centre_on_screen(self)
        self.go(0)

    # --------------------------------------------------------------------------------------------- moving

    def go(self, index: int) -> None:
        """Show the contact at `index` (kept within the list)."""
        self.index = max(0, min(index, len(self.records) - 1))
        record = self.records[self.index]
        self.name_label.setText(record.display_name)
        latin = record.latin_display_name if record.latin_display_name != record.display_name else ""
        country = country_label(record.country) if record.country else ""
        place = ", ".join(p for p in (record.organisation, country) if p)
        self.office_label.setText("\n".join(p for p in (latin, record.position, place) if p))
        self.counter.setText(f"{self.index + 1} of {len(self.records)}")
        self.image.setAccessibleName(f"QR code of {record.display_name}'s contact card")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.records) - 1)
        self._show_code()

    def _side(self) -> int:
        """The code's side in device pixels: as large as the space for it allows, in steps of 64 (a window dragged
        larger asks for a new picture now and then, not at every pixel)."""
        size = self.image.size()
        side = int(max(200, min(size.width(), size.height())) * (self.devicePixelRatioF() or 1.0))
        return side - side % 64

    def _show_code(self) -> None:
        side = self._side()
        made = self.codes.get((self.index, side))
        if made is None:
            self.image.clear()
            self._make(self.index, side, show=True)
        else:
            self._put(made)
        if self.index + 1 < len(self.records) and (self.index + 1, side) not in self.codes:
            self._make(self.index + 1, side, show=False)  # ahead: the next press shows it at once

    def _make(self, index: int, side: int, *, show: bool) -> None:
        record, qr = self.records[index], self.qrs.get(index)

        def made(result: tuple[ContactQR | str, bytes | str]) -> None:
            if not shiboken6.isValid(self.image):
                return  # the window was closed while the code was made (its widgets are gone)
            self.qrs[index], png = result
            self.codes[(index, side)] = png
            if show and index == self.index:
                if side == self._side():
                    self._put(png)
                else:  # made for the window as it was: make it for the window as it is
                    self._show_code()

        key = "qr-show" if show else "qr-show-ahead"
        self.window_.runner.run(lambda: _code_png(record, qr, side), made, key=key)

    def _put(self, made: bytes | str) -> None:
        if isinstance(made, str):
            self.image.setText(made)
            return
        pixmap = QPixmap()
        pixmap.loadFromData(made, "PNG")
        pixmap.setDevicePixelRatio(self.devicePixelRatioF() or 1.0)
        self.image.setPixmap(pixmap)

    def shown_code(self) -> QPixmap | None:
        pixmap = self.image.pixmap()
        return None if pixmap is None or pixmap.isNull() else pixmap

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        # Enter moves on too, as in a slide show (no button takes it: the buttons take no focus)
        forward = (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return)
        if key in (*forward, Qt.Key.Key_Enter):
            self.go(self.index + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.go(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.records) - 1)
        else:
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_code()  # the space for the code is known once the dialog is laid out on screen

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.records and self.isVisible():
            self._show_code()  # a larger window: a larger code


def open_codes(window: Any) -> None:
    """The selected contacts' codes on screen, or the search's when none is selected (read and audited on the
    worker)."""
    from directory_app.core.qr import codes_to_show
    from directory_app.core.search import search_ids

    directory = window.directory
    if directory is None:
        return
    selected = window.selected_contact_ids()
    query = window.current_query()

    def load() -> tuple[list[ContactRecord], str]:
        return codes_to_show(directory, selected or search_ids(directory, query))

    def loaded(result: tuple[list[ContactRecord], str]) -> None:
        dialog = QRShowDialog(window, *result)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.qr_show_dialog = dialog
        dialog.showMaximized()

    window.runner.run(load, loaded, lambda exc: window.show_error(error_message(exc), "QR Codes on Screen"))


def install(window: Any) -> QAction:
    """View > QR Codes on Screen (Ctrl+Shift+Q)."""
    action = QAction("&QR Codes on Screen…", window)
    action.setObjectName("actionShowCodes")
    action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
    action.setStatusTip("The selected contacts' QR codes (or the search's), large, one after another, for a room")
    action.triggered.connect(lambda _checked=False: open_codes(window))
    window.view_menu.addAction(action)
    window.addAction(action)
    window.action_show_codes = action
    window.qr_show_dialog = None
    return action
