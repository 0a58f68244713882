"""Tab goes through the window in the order it reads: search row, filters, table, the detail pane, back."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton, QWidget

from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


def _tab_round(qtbot, window: MainWindow, key=Qt.Key.Key_Tab) -> list[QWidget]:
    """Focus the search field, then press `key` until the focus comes back to it (at most 60 times)."""
    window.search_edit.setFocus()
    seen: list[QWidget] = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), key)
        focused = QApplication.focusWidget()
        if focused is window.search_edit:
            return seen
        seen.append(focused)
    raise AssertionError(f"Tab never came back to the search field: {[w.objectName() for w in seen]}")


def test_tab_visits_the_search_row_filters_table_and_detail_buttons_then_the_search(qtbot, window: MainWindow):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    window.table.selectionModel().select(window.model.index(3, 0), flags)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.detail.record() is not None)
    qr_texts = ("Save Image…", "Copy Image")
    qr_buttons = [b for b in window.detail.findChildren(QPushButton) if b.text().replace("&", "") in qr_texts]
    assert len(qr_buttons) == 2
    qtbot.waitUntil(lambda: all(b.isVisible() for b in qr_buttons), timeout=5_000)

    visited = _tab_round(qtbot, window)
    saved = window.findChild(QToolButton, "savedSearchesButton")
    filters = [f.view for f in window.facet_filters]
    assert not window.clear_filters_button.isEnabled()  # nothing to clear: Tab passes it by
    assert visited[: 3 + len(filters)] == [saved, window.add_button, *filters, window.table]
    details = visited[3 + len(filters) :]
    assert details[:2] == [window.detail.edit_button, window.detail.delete_button]
    assert any(w.objectName() == "detailCopyButton" for w in details), "the copy buttons of e-mails and phones"
    assert all(b in details for b in qr_buttons)
    assert all(window.detail.isAncestorOf(w) for w in details)

    backwards = _tab_round(qtbot, window, Qt.Key.Key_Backtab)
    assert backwards == visited[::-1]


def test_tab_from_the_table_with_no_contact_shown_goes_back_to_the_search(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.search_edit
