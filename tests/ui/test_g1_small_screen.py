"""The trust and merge dialogs fit the screen they open on, with their buttons in the window: the test platform's
screen (800 wide) is narrower than most of them ask for, as a 1024x600 netbook is than the duplicates list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QPushButton

from directory_app.core.contacts import get_contacts
from directory_app.ui.main_window import MainWindow
from directory_app.ui.merge_dialogs import DuplicatesDialog, MergeDialog
from directory_app.ui.screen_fit import available_area
from directory_app.ui.trust_dialogs import (
    AuditDialog,
    EraseDialog,
    ImportHistoryDialog,
    PassphraseDialog,
    RestoreDialog,
    ReviewDialog,
)
from tests.ui.conftest import wait_idle
from tests.ui.test_trust import select_contact


def _fits_with_its_buttons(qtbot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = available_area(dialog)
    assert area is not None
    assert dialog.width() <= area.width() - 48 and dialog.height() <= area.height() - 48, (dialog.size(), area)
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            corner = button.mapTo(dialog, button.rect().bottomRight())
            assert dialog.rect().contains(corner), button.text()
    dialog.reject()


def test_the_dialogs_fit_the_screen(qtbot, demo_directory) -> None:
    first, second = get_contacts(demo_directory, [1, 2])
    for dialog in (
        ImportHistoryDialog(),
        AuditDialog("Audit log", "Every export."),
        ReviewDialog(),
        EraseDialog(first),
        PassphraseDialog(Path("network.db"), change=False),
        PassphraseDialog(Path("network.db"), change=True),
        RestoreDialog(Path("network.db")),
        MergeDialog(first, second),
        DuplicatesDialog(),
    ):
        _fits_with_its_buttons(qtbot, dialog)


def test_who_was_given_this_contact_fits(qtbot, window: MainWindow) -> None:
    select_contact(qtbot, window, window.model.contact_id(0))
    window.actionWhoWasGiven.trigger()
    qtbot.waitUntil(lambda: window.trust.contact_audit_dialog is not None)
    wait_idle(qtbot, window)
    dialog = window.trust.contact_audit_dialog
    area = available_area(dialog)
    assert dialog.width() <= area.width() - 48 and dialog.height() <= area.height() - 48
    dialog.reject()
