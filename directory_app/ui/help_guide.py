"""Help > Quick Guide (F1): how to find people, bring in lists, take contacts to a phone and keep people safe,
offline (resources/help/guide.html), with the keyboard shortcuts read from the window's own actions so that the
list stays true."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from directory_app.core.paths import RESOURCES
from directory_app.ui.screen_fit import fit_to_screen

GUIDE = RESOURCES / "help" / "guide.html"


def shortcuts(window: Any) -> list[tuple[str, str]]:
    """(menu path, shortcut) of every menu action with a shortcut, in the menus' order: ("Edit > Undo", "Ctrl+Z")."""
    out: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {_plain(action.text())}")
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
                    key += " in the table"  # Enter, Delete and Ctrl+C are the search field's own elsewhere
                out.append((f"{path} > {_plain(action.text())}", key))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    return out


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def guide_html(window: Any) -> str:
    """The guide, and a table of the window's shortcuts under it."""
    try:
        text = GUIDE.read_text(encoding="utf-8")
    except OSError:  # a damaged installation: the shortcuts are still worth showing
        text = "<h2>Quick guide</h2><p>The guide's text is missing; reinstall the application.</p>"
    rows = "".join(
        f"<tr><td>{escape(path).replace(' &gt; ', ' ▸ ')}</td><td style='padding-left:16px'><b>{escape(key)}</b>"
        "</td></tr>"
        for path, key in shortcuts(window)
    )
    return f"{text}<h3>Keyboard shortcuts</h3><table>{rows}</table>"


class GuideDialog(QDialog):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("guideDialog")
        self.setWindowTitle("Quick Guide")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(guide_html(window))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 720)  # the text scrolls in its own browser; Close stays on a 1024x600 screen


def install(window: Any) -> QAction:
    """Help > Quick Guide (F1), before About."""
    action = QAction("&Quick Guide", window)
    action.setObjectName("actionGuide")
    action.setShortcut(QKeySequence.StandardKey.HelpContents)
    action.setStatusTip("How to find people, bring in lists, take contacts to a phone and keep people safe")

    def show() -> None:
        dialog = getattr(window, "guide_dialog", None)
        if dialog is None:
            dialog = window.guide_dialog = GuideDialog(window)
        else:
            dialog.browser.setHtml(guide_html(window))  # menus may have changed since
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    action.triggered.connect(lambda _checked=False: show())
    first = window.help_menu.actions()[0] if window.help_menu.actions() else None
    window.help_menu.insertAction(first, action)
    window.help_menu.insertSeparator(first)
    window.addAction(action)  # F1 works with the menu bar hidden too
    window.action_guide = action
    return action
