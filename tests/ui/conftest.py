"""UI fixtures: settings in a temporary folder, a main window on a copy of the demo network."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from directory_app.ui import gc_guard
from directory_app.ui.compat import guard_singleton_refcounts
from directory_app.ui.main_window import MainWindow

# PySide6 6.12 on Python 3.11 drops references to None/True/False on every call (see ui/compat.py); without
# this a long UI test run aborts with "deallocating None".
guard_singleton_refcounts()


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings go to a fresh folder for every test, never the user's real settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))


@pytest.fixture(autouse=True)
def _drops_finished(qapp) -> Iterator[None]:
    """Every UI test runs with the application made (as the app always does), and the lists it left to
    `gc_guard.drop_between_turns` are emptied before the next test. A review model given new rows in a test that
    came first in the run (no application yet) left a drop whose timer never ran: the heap stayed frozen and the
    collector froze arrivals instead of collecting them, so tests/ui/test_gc_guard.py failed after it (as it can
    under pytest-randomly's orders)."""
    yield
    deadline = time.monotonic() + 10
    while gc_guard.dropping() and time.monotonic() < deadline:
        qapp.processEvents()
    assert not gc_guard.dropping(), "the lists given to drop_between_turns were still not emptied after 10 s"


def wait_idle(qtbot, window: MainWindow, timeout: int = 10_000) -> None:
    """Until every queued database task (search, counts, pages, details) has come back."""
    qtbot.waitUntil(window.is_idle, timeout=timeout)
    qtbot.wait(1)  # let queued signals that the last callback emitted be delivered
    qtbot.waitUntil(window.is_idle, timeout=timeout)


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "network.db"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture
def window(qtbot, demo_copy: Path) -> Iterator[MainWindow]:
    win = MainWindow(demo_copy)
    qtbot.addWidget(win)
    win.resize(1400, 850)
    win.show()
    qtbot.waitUntil(lambda: win.directory is not None and win.model.rowCount() > 0, timeout=10_000)
    wait_idle(qtbot, win)
    yield win
    win.close()
