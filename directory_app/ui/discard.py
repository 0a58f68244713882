"""The question a dialog with unsaved changes asks before they are thrown away (Esc, Cancel, closing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def ask_to_discard(parent: QWidget, detail: str, discard: Callable[[], None], *, choices: bool = False) -> QMessageBox:
    """ "Discard your changes?" over `parent` (window-modal, not blocking): Discard calls `discard`; Keep Editing,
    Enter and Esc keep what was typed (losing it takes a deliberate choice). `choices`: a dialog of choices rather
    than typed values (Export, Merge) asks "Discard your choices?", and its other button goes back to them.
    Returns the box, open."""
    question = "Discard your choices?" if choices else "Discard your changes?"
    box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(), question, parent=parent)
    box.setObjectName("discardChangesBox")
    box.setInformativeText(detail)
    discard_button = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    discard_button.setObjectName("discardButton")
    keep = box.addButton("&Back to the Choices" if choices else "&Keep Editing", QMessageBox.ButtonRole.RejectRole)
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
