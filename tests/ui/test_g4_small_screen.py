"""The dialogs and windows of the contact dialog, import wizard, coverage view and Quick Guide fit the screen they
open on (the test platform's screen is smaller than any of them asks for), with their buttons on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget, QWizard

from directory_app.ui.contact_dialog import ContactDialog
from directory_app.ui.coverage_view import open_coverage
from directory_app.ui.help_guide import GuideDialog
from directory_app.ui.import_wizard import ImportWizard
from directory_app.ui.main_window import MainWindow
from directory_app.ui.screen_fit import available_area
from tests.ui.conftest import wait_idle


def _fits(widget: QWidget) -> None:
    area = available_area(widget)
    assert area is not None
    assert widget.width() <= area.width() and widget.height() <= area.height(), (widget.size(), area)
    assert widget.minimumWidth() <= area.width() and widget.minimumHeight() <= area.height()


def test_the_contact_dialog_scrolls_above_save_and_cancel(qtbot) -> None:
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _fits(dialog)
    form = dialog.form_scroll.widget()
    if form.minimumSizeHint().height() > dialog.form_scroll.viewport().height():
        assert dialog.form_scroll.verticalScrollBar().maximum() > 0, "the form is taller than the window: it scrolls"
    buttons = dialog.findChild(QDialogButtonBox, "dialogButtons")
    assert dialog.rect().contains(buttons.geometry()), "Save and Cancel are inside the window"


def test_the_import_wizard_and_its_buttons_fit(qtbot, directory) -> None:
    wizard = ImportWizard(directory, None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    _fits(wizard)
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        button = wizard.button(which)
        assert wizard.rect().contains(button.geometry().translated(button.parentWidget().mapTo(wizard, button.pos())
                                                                   - button.pos()))  # fmt: skip


def test_the_coverage_view_and_the_guide_fit_and_headers_are_not_cut(qtbot, window: MainWindow) -> None:
    view = open_coverage(window)
    qtbot.waitUntil(lambda: view.model.columnCount() > 1, timeout=10_000)
    wait_idle(qtbot, window)
    _fits(view)
    header = view.table.horizontalHeader()
    words = [
        w
        for c in range(1, view.model.columnCount())
        for w in view.model.headerData(c, Qt.Orientation.Horizontal).split()
    ]
    widest = max(header.fontMetrics().horizontalAdvance(w) for w in words)
    assert all(header.sectionSize(c) >= widest for c in range(1, view.model.columnCount())), (
        "whole words, or it scrolls"
    )
    view.close()

    guide = GuideDialog(window)
    qtbot.addWidget(guide)
    guide.show()
    qtbot.waitExposed(guide)
    _fits(guide)
    buttons = guide.findChild(QDialogButtonBox)
    assert guide.rect().contains(buttons.geometry()), "Close is inside the window"
