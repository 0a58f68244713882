"""With no directory open, what needs one is disabled rather than answering "open a directory first"."""

from __future__ import annotations

from PySide6.QtGui import QAction

from directory_app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle

NEEDS = (
    "actionImport", "actionImportDirectory", "actionCoverage", "actionShowCodes",
    "actionExportVCard", "actionExportExcel", "actionExportCsv", "actionExportPdf", "actionExportQr",
)  # fmt: skip


def test_what_needs_a_directory_is_disabled_until_one_is_open(qtbot, window: MainWindow) -> None:
    empty = MainWindow(None)
    qtbot.addWidget(empty)
    for name in NEEDS:
        action = empty.findChild(QAction, name)
        assert action is not None and not action.isEnabled(), name
    assert all(empty.findChild(QAction, n).isEnabled() for n in ("actionOpenDirectory", "actionNewDirectory"))
    empty.close()

    wait_idle(qtbot, window)  # the demo network open
    for name in NEEDS:
        assert window.findChild(QAction, name).isEnabled(), name
