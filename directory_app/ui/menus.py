"""Menus the installers of the main window's parts add to (Edit, File...)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def insert_after(menu: QMenu, anchor: QAction | None, *actions: QAction) -> None:
    """Put `actions` in `menu` right after `anchor`, in their order (at the end when the anchor is not there)."""
    items = menu.actions()
    following = items[items.index(anchor) + 1 :] if anchor in items else []
    before = following[0] if following else None
    for action in actions:
        menu.insertAction(before, action)
