"""Every menu of the real main window: no two items share an access key (Alt+letter then only highlighted them)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QMenu

from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def mnemonic(text: str) -> str | None:
    """The access key of a menu text ("Find &Duplicates…" -> "d"; "&&" is a plain ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].casefold()
            i += 1
        i += 1
    return None


def clashes(menu: QMenu, path: str) -> list[str]:
    menu.aboutToShow.emit()  # menus filled when shown (Open Recent, Saved Searches)
    keys: dict[str, list[str]] = defaultdict(list)
    found: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        key = mnemonic(action.text())
        if key is not None:
            keys[key].append(action.text())
        if action.menu() is not None:
            found += clashes(action.menu(), f"{path} > {action.text()}")
    found += [f"{path}: {' / '.join(texts)}" for texts in keys.values() if len(texts) > 1]
    return found


def test_mnemonic_reads_the_access_key() -> None:
    assert mnemonic("Find &Duplicates…") == "d" and mnemonic("R&&D list") is None and mnemonic("Name") is None
    assert mnemonic("Tom && &Jerry") == "j"


def test_no_two_items_of_a_menu_share_an_access_key(qtbot, window: MainWindow) -> None:
    wait_idle(qtbot, window)
    bar = window.menuBar()
    menus = [a for a in bar.actions() if a.menu() is not None]
    assert len(menus) >= 5
    found = [c for a in menus for c in clashes(a.menu(), a.text())]
    top: dict[str, list[str]] = defaultdict(list)
    for action in menus:
        top[mnemonic(action.text()) or ""].append(action.text())
    found += [f"menu bar: {' / '.join(t)}" for k, t in top.items() if k and len(t) > 1]
    assert found == []


def test_no_clashes_with_no_directory_open_either(qtbot) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    found = [c for a in window.menuBar().actions() if a.menu() is not None for c in clashes(a.menu(), a.text())]
    assert found == []
    window.close()
