"""The question a dialog with unsaved changes asks before they are thrown away (Esc, Cancel, closing)."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget


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


def ask_to_discard_choices(dialog: QDialog, detail: str) -> None:
    """The question of a dialog of choices (Export, Merge) whose choices differ from how it opened: "Discard your
    choices?"; Discard sets the dialog's `_discarding` and rejects it again (its reject() then closes at once). Asked
    once: while the box is open (the dialog's `discard_box`), it is raised instead.

    The box holds a weak reference to the dialog, not the dialog: its connections kept a dialog without a parent
    alive until the box was deleted, which then deleted the dialog, and the box with it a second time. The box is
    kept in `discard_box` while it is open (its Python side collected under it crashed, see event_actions)."""
    box = getattr(dialog, "discard_box", None)
    if box is not None:
        box.raise_()
        return
    me = weakref.ref(dialog)

    def discard() -> None:
        if (owner := me()) is not None:
            owner._discarding = True
            owner.reject()

    def closed(_result: int) -> None:
        if (owner := me()) is not None:
            owner.discard_box = None

    box = ask_to_discard(dialog, detail, discard, choices=True)
    box.finished.connect(closed)
    dialog.discard_box = box
