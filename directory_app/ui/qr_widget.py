"""The QR code of the contact shown in the detail pane: a phone camera turns it into an address-book entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from directory_app.core.records import ContactRecord, DirectoryError

if TYPE_CHECKING:
    from directory_app.core.qr import ContactQR
    from directory_app.ui.tasks import TaskRunner

LOGICAL_SIZE = 220  # side of the code on screen, in device-independent pixels
BUILD_DELAY_MS = 150  # the selection rests this long before the code is built


class QRWidget(QWidget):
    """Shows `contact_qr(record)` crisp at any screen scale, with a note when it holds the compact card.

    The code is built on the window's worker thread once the selection has rested for BUILD_DELAY_MS: segno
    (pure Python) takes 30-60 ms for a full card, and building one on the GUI thread for every contact selected
    made moving through the table with the arrow keys stutter (so did building them on the worker while the
    window painted: both want Python's lock). Until it arrives the space stays blank, at its size; a code
    that arrives for a contact no longer shown is dropped."""

    def __init__(self, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactQr")
        self.runner = runner
        self.record: ContactRecord | None = None
        self.qr: ContactQR | None = None
        self.title = QLabel("Scan with a phone camera to add this contact")
        self.title.setWordWrap(True)
        self.image = QLabel()
        self.image.setObjectName("qrImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.note = QLabel()
        self.note.setObjectName("qrNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.image)
        layout.addWidget(self.note)
        self.setVisible(False)
        self.delay = QTimer(self)
        self.delay.setSingleShot(True)
        self.delay.setInterval(BUILD_DELAY_MS)
        self.delay.timeout.connect(self._build)

    def set_record(self, record: ContactRecord | None) -> None:
        """Show the code of `record` (shortly); hide for None (nothing or several contacts selected)."""
        self.record, self.qr = record, None
        if self.runner is not None:
            self.runner.cancel(_TASK_KEY)
        if record is None:
            self.delay.stop()
            self.setVisible(False)
            return
        self._blank()
        if self.runner is None:
            self._build()
        else:
            self.delay.start()

    def _build(self) -> None:
        record = self.record
        if record is None:
            return
        dpr = self.devicePixelRatioF() or 1.0
        if self.runner is None:
            self._show(record, _build(record, dpr))
        else:
            self.runner.run(lambda: _build(record, dpr), lambda built: self._show(record, built), key=_TASK_KEY)

    def _blank(self) -> None:
        """The image's place kept, empty, while the code is built; the last contact's note goes."""
        self.note.setVisible(False)
        current = self.image.pixmap()
        if current is not None and not current.isNull():
            blank = QPixmap(current.size())
            blank.setDevicePixelRatio(current.devicePixelRatio())
            blank.fill(self.palette().window().color())
            self.image.setPixmap(blank)

    def _show(self, record: ContactRecord, built: tuple[ContactQR, bytes] | str) -> None:
        if record is not self.record:  # another contact was selected meanwhile
            return
        notes: list[str] = []
        if isinstance(built, str):  # even the compact card is too large
            self.image.clear()
            self.note.setText(built)
            self.note.setVisible(True)
            self.setVisible(True)
            return
        self.qr, png = built
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        pixmap.setDevicePixelRatio(self.devicePixelRatioF() or 1.0)
        self.image.setPixmap(pixmap)
        if self.qr.compact:
            notes.append(self.qr.note)
        if not record.shareable:
            notes.append("This contact is marked not to be shared: show the code only with their agreement.")
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.setVisible(True)


_TASK_KEY = "contact-qr"


def _build(record: ContactRecord, dpr: float) -> tuple[ContactQR, bytes] | str:
    """The code and its PNG, whole device pixels per module (a code scaled by a fraction blurs its edges and
    scans worse); or why there is none. Runs on the worker thread."""
    from directory_app.core.qr import contact_qr  # segno loads with the first code shown (~30 ms off the start)

    try:
        qr = contact_qr(record)
    except DirectoryError as exc:
        return str(exc)
    side_modules = qr.modules + 8  # with the quiet zone of 4 modules on each side
    scale = max(2, int(LOGICAL_SIZE * dpr) // side_modules)
    return qr, qr.png(scale=scale, border=4)


def install(window) -> QRWidget:
    """Put the QR code under the contact details and keep it in step with the contact shown."""
    widget = QRWidget(getattr(window, "runner", None))
    window.detail.add_extra_widget(widget)
    window.detail.contactShown.connect(widget.set_record)
    window.qr_widget = widget
    return widget
