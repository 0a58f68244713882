"""The question a dialog with unsaved changes asks before they are thrown away (Esc, Cancel, closing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def ask_to_discard(parent: QWidget, detail: str, discard: Callable[[], None]) -> QMessageBox:
    """ "Discard your changes?" over `parent` (window-modal, not blocking): Discard calls `discard`; Keep Editing,
    Enter and Esc keep what was typed (losing it takes a deliberate choice). Returns the box, open."""
    box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(), "Discard your changes?", parent=parent)
    box.setObjectName("discardChangesBox")
    box.setInformativeText(detail)
    discard_button = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    discard_button.setObjectName("discardButton")
    keep = box.addButton("Keep Editing", QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepEditingButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: QAbstractButton) -> None:
        if button is discard_button:
            discard()

    box.buttonClicked.connect(answered)
    box.open()
    return box
