"""The QR code of the contact shown in the detail pane: a phone camera turns it into an address-book entry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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

    saveRequested = Signal()  # Save Image… (the window asks where)
    copyRequested = Signal()  # Copy Image

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
        # To put the code on a badge, a slide or in a message: the same actions on a right click on the code.
        # Alt+S and Alt+C: no menu of the window's (File, Edit, View, Export, Help) begins with either.
        self.save_button = QPushButton("&Save Image…")
        self.save_button.setObjectName("qrSave")
        self.save_button.setToolTip("Save the code as an image (PNG or SVG)")
        self.save_button.clicked.connect(self.saveRequested)
        self.copy_button = QPushButton("&Copy Image")
        self.copy_button.setObjectName("qrCopy")
        self.copy_button.setToolTip("Copy the code, to paste it into a document or a message")
        self.copy_button.clicked.connect(self.copyRequested)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        self.buttons = QWidget()
        self.buttons.setLayout(buttons)
        self.buttons.setVisible(False)
        for text, signal in (("Save Image…", self.saveRequested), ("Copy Image", self.copyRequested)):
            action = QAction(text, self.image)
            action.triggered.connect(signal)
            self.image.addAction(action)
        self.image.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.image)
        layout.addWidget(self.buttons)
        layout.addWidget(self.note)
        self.setVisible(False)
        self.delay = QTimer(self)
        self.delay.setSingleShot(True)
        self.delay.setInterval(BUILD_DELAY_MS)
        self.delay.timeout.connect(self._build)

    def set_record(self, record: ContactRecord | None) -> None:
        """Show the code of `record` (shortly); hide for None (nothing or several contacts selected)."""
        self.record, self.qr = record, None
        self.buttons.setVisible(False)
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
        self.image.setAccessibleName(f"QR code of {record.display_name}'s contact card")
        self.buttons.setVisible(True)
        # Saving or copying the code gives the contact out: as an export, not for someone not to be shared.
        for button in (self.save_button, self.copy_button):
            button.setEnabled(record.shareable)
        for action in self.image.actions():
            action.setEnabled(record.shareable)
        self.buttons.setToolTip("" if record.shareable else "Marked not to be shared: the code is not given out")
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
    widget.saveRequested.connect(lambda: choose_image_file(window))
    widget.copyRequested.connect(lambda: copy_image(window))
    window.qr_widget = widget
    window.qr_file_dialog = None
    return widget


IMAGE_FILTERS = {"png": "PNG image (*.png)", "svg": "SVG image, for print and slides (*.svg)"}


def choose_image_file(window) -> QFileDialog | None:
    """Ask where to save the code of the contact shown (PNG, or SVG), then save it (`save_image`). The dialog opens
    in the folder last exported to, as every export's does."""
    from directory_app.core.vcard import card_filename
    from directory_app.ui.export_actions import export_folder

    record = window.qr_widget.record
    if record is None or window.qr_widget.qr is None:
        return None
    name = card_filename(record, set()).removesuffix(".vcf")
    dialog = QFileDialog(window, "Save QR Code", str(export_folder()))
    dialog.setObjectName("qrFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters(list(IMAGE_FILTERS.values()))
    dialog.setDefaultSuffix("png")
    dialog.selectFile(f"{name} QR.png")
    dialog.filterSelected.connect(
        lambda chosen: dialog.setDefaultSuffix("svg" if chosen == IMAGE_FILTERS["svg"] else "png")
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda chosen: save_image(window, record, Path(chosen)) if chosen else None)
    window.qr_file_dialog = dialog
    dialog.open()
    return dialog


def save_image(window, record: ContactRecord, path: Path) -> None:
    """Save the code of `record` to `path` on the worker thread (core.qr.save_qr_image: recorded in the audit log
    like any export); the status bar says where it went, a message why it did not. Its folder is remembered for
    the next export once the file is written (`export_written`), not when it was chosen."""
    from directory_app.core.qr import save_qr_image
    from directory_app.ui.export_actions import export_written

    directory = window.directory

    def done(result) -> None:
        export_written(result.path)
        window.statusBar().showMessage(f"QR code of {record.display_name} saved to {result.path}", 10_000)

    window.runner.run(
        lambda: save_qr_image(directory, record.id, path), done, lambda exc: _failed(window, "Save QR code", exc)
    )


def copy_image(window) -> None:
    """Put the code of the contact shown on the clipboard as an image (core.qr.qr_image: recorded in the audit
    log as copied)."""
    from directory_app.core.qr import qr_image

    record = window.qr_widget.record
    if record is None or window.qr_widget.qr is None:
        return
    directory = window.directory

    def done(made: tuple[ContactRecord, bytes]) -> None:
        QApplication.clipboard().setImage(QImage.fromData(made[1], "PNG"))
        window.statusBar().showMessage(f"QR code of {record.display_name} copied", 10_000)

    window.runner.run(lambda: qr_image(directory, record.id), done, lambda exc: _failed(window, "Copy QR code", exc))


def _failed(window, title: str, exc: BaseException) -> None:
    from directory_app.ui.tasks import error_message

    message = error_message(exc)
    window.statusBar().showMessage(f"{title}: {message}", 10_000)
    window.qr_failed_box = window.show_error(message, title)
