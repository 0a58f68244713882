"""A damaged directory file is said when it is opened, while good backups of it remain."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from directory_app.ui.main_window import MainWindow


def test_opening_a_damaged_directory_says_so(qtbot, demo_db: Path, tmp_path: Path) -> None:
    """Nothing was said: the table showed what the damaged pages left, and the day's backup copied the damage."""
    path = tmp_path / "network.db"
    shutil.copy(demo_db, path)
    probe = sqlite3.connect(path)
    (page,) = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contact'").fetchone()
    (size,) = probe.execute("PRAGMA page_size").fetchone()
    probe.close()
    with path.open("r+b") as fh:  # the contact table's first page overwritten, as a failed disk leaves it
        fh.seek((page - 1) * size + 100)
        fh.write(b"\xff" * (size - 100))
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "errorBox")
    assert box.windowTitle() == "The directory file is damaged"
    assert box.text().startswith("The directory file network.db is damaged")
    assert "File > Restore from Backup…" in box.text()
    box.close()
    window.close()
