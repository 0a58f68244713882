"""Help > Quick Guide (F1): the guide offline, every menu it names really there, and the window's shortcuts."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from directory_app.ui.help_guide import GUIDE, shortcuts


def _menu_texts(window) -> set[str]:
    """'File > Import registration list' for every action in the menus (no '&', no '…')."""
    found: set[str] = set()

    def walk(menu, path: str) -> None:
        for action in menu.actions():
            text = action.text().replace("&", "").rstrip("…").strip()
            if action.menu() is not None:
                found.add(f"{path} > {text}")
                walk(action.menu(), f"{path} > {text}")
            elif text:
                found.add(f"{path} > {text}")

    for top in window.menuBar().actions():
        walk(top.menu(), top.text().replace("&", ""))
    return found


def test_f1_opens_the_guide_with_the_window_s_shortcuts(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "guide_dialog", None) is not None and window.guide_dialog.isVisible())
    text = window.guide_dialog.browser.toPlainText()
    assert "Finding people" in text and "Taking contacts to a phone" in text and "Keyboard shortcuts" in text
    assert "Export ▸ vCards for Phones (.vcf)\nCtrl+E\n" in text  # a table row: the menu, then its keys
    listed = dict(shortcuts(window))
    assert listed["Edit > Copy Contact Details"] == "Ctrl+C in the table" and listed["Help > Quick Guide"] == "F1"
    window.guide_dialog.close()


def test_every_menu_the_guide_names_is_in_the_window(window) -> None:
    named = [" ".join(m.split()).replace("&gt;", ">").rstrip("…") for m in
             re.findall(r"<b>([A-Z][a-z]+\s+&gt;\s+[^<]+)</b>", GUIDE.read_text(encoding="utf-8"))]  # fmt: skip
    assert len(named) >= 10
    menus = _menu_texts(window)
    missing = [m for m in named if not any(item == m or item.startswith(m + " (") for item in menus)]
    assert missing == [], f"the guide names menu items the window does not have: {missing}"
