"""Names a screen reader says for the parts of Qt's widgets that have no text of their own."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

_CLEAR_ACTION = "_q_qlineeditclearaction"  # the action of the ✕ that QLineEdit.setClearButtonEnabled shows


def name_clear_button(edit: QLineEdit, text: str) -> None:
    """Turn on the field's clear button (✕) and give it `text` ("Clear the search"): Qt leaves it nameless, so a
    screen reader said only "button". The text is also its tooltip; the button still shows only its icon."""
    edit.setClearButtonEnabled(True)
    action = edit.findChild(QAction, _CLEAR_ACTION)
    if action is not None:
        action.setText(text)
        action.setToolTip(text)
