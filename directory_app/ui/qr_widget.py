"""The QR code of the contact shown in the detail pane: a phone camera turns it into an address-book entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from directory_app.core.records import ContactRecord, DirectoryError

if TYPE_CHECKING:
    from directory_app.core.qr import ContactQR

LOGICAL_SIZE = 220  # side of the code on screen, in device-independent pixels


class QRWidget(QWidget):
    """Shows `contact_qr(record)` crisp at any screen scale, with a note when it holds the compact card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactQr")
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

    def set_record(self, record: ContactRecord | None) -> None:
        """Show the code of `record`; hide for None (nothing or several contacts selected)."""
        self.qr = None
        if record is None:
            self.setVisible(False)
            return
        from directory_app.core.qr import contact_qr  # segno loads with the first code shown (~30 ms off the start)

        notes: list[str] = []
        try:
            self.qr = contact_qr(record)
        except DirectoryError as exc:
            self.image.clear()
            self.note.setText(str(exc))
            self.setVisible(True)
            return
        self.image.setPixmap(self._pixmap(self.qr))
        if self.qr.compact:
            notes.append(self.qr.note)
        if not record.shareable:
            notes.append("This contact is marked not to be shared: show the code only with their agreement.")
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.setVisible(True)

    def _pixmap(self, qr: ContactQR) -> QPixmap:
        # Whole device pixels per module: a code scaled by a fraction blurs its edges and scans worse.
        dpr = self.devicePixelRatioF() or 1.0
        side_modules = qr.modules + 8  # with the quiet zone of 4 modules on each side
        scale = max(2, int(LOGICAL_SIZE * dpr) // side_modules)
        pixmap = QPixmap()
        pixmap.loadFromData(qr.png(scale=scale, border=4), "PNG")
        pixmap.setDevicePixelRatio(dpr)
        return pixmap


def install(window) -> QRWidget:
    """Put the QR code under the contact details and keep it in step with the contact shown."""
    widget = QRWidget()
    window.detail.add_extra_widget(widget)
    window.detail.contactShown.connect(widget.set_record)
    window.qr_widget = widget
    return widget
