"""Dialogs fit the screen they open on (a 1024x600 netbook's too)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from directory_app.ui.screen_fit import available_area, fit_to_screen, scrolling


def test_a_dialog_larger_than_the_screen_is_made_to_fit(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(4000, 3000)
    area = available_area(dialog)
    assert area is not None
    fit_to_screen(dialog, 5000, 4000)
    assert dialog.width() < area.width() and dialog.height() < area.height()
    assert dialog.minimumWidth() < area.width() and dialog.minimumHeight() < area.height()


def test_a_dialog_smaller_than_the_screen_gets_the_size_it_asks_for(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, 300, 200)
    assert (dialog.width(), dialog.height()) == (300, 200)


def test_content_taller_than_its_window_scrolls(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    content = QLabel("\n".join(f"line {n}" for n in range(200)))
    area = scrolling(content)
    QVBoxLayout(dialog).addWidget(area)
    dialog.resize(300, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.verticalScrollBar().maximum() > 0 and area.widget() is content
