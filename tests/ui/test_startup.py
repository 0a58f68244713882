"""Start-up: run_gui on the real QApplication, the welcome panel, the demo network, opening errors."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCommandLinkButton, QMessageBox

from directory_app.core.contacts import contact_count
from directory_app.core.paths import demo_db_path
from directory_app.core.store import open_directory
from directory_app.ui.app import run_gui
from directory_app.ui.main_window import MainWindow, read_only_reason
from directory_app.ui.welcome import WelcomePanel
from tests.ui.conftest import wait_idle


def _visible_main_window() -> MainWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def run_gui_and(qtbot, path: Path, check) -> int:
    """run_gui(path) with `check(window)` run inside its event loop; the window is closed afterwards."""
    outcome: dict[str, BaseException] = {}

    def inside() -> None:
        window = None
        try:
            qtbot.waitUntil(lambda: _visible_main_window() is not None)
            window = _visible_main_window()
            wait_idle(qtbot, window)
            check(window)
        except BaseException as exc:  # re-raised after the loop ends
            outcome["error"] = exc
        finally:
            if window is not None:
                window.close()  # the last window closing ends run_gui's event loop

    QTimer.singleShot(0, inside)
    status = run_gui(path)
    if "error" in outcome:
        raise outcome["error"]
    return status


def test_run_gui_opens_the_directory_in_the_existing_application(qtbot, demo_copy: Path) -> None:
    def check(window: MainWindow) -> None:
        assert window.objectName() == "MainWindow"
        assert window.model.rowCount() == 300
        assert window.windowTitle().startswith("network.db")
        assert not window.windowIcon().isNull()
        assert QApplication.focusWidget() in (window.search_edit, None)
        # First start on a small screen (the offscreen platform's is 800x600): the whole screen for the window.
        assert window.start_maximised and window.windowState() & Qt.WindowState.WindowMaximized

    assert run_gui_and(qtbot, demo_copy, check) == 0


def test_a_file_that_is_not_a_directory_is_reported_not_raised(qtbot, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("shopping list: milk, bread\n" * 20, encoding="utf-8")

    def check(window: MainWindow) -> None:
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
        box = window.findChild(QMessageBox, "errorBox")
        assert "not a directory file of this app" in box.text()
        assert "\n" not in box.text()
        assert window.pages.currentWidget() is window.welcome
        box.close()

    assert run_gui_and(qtbot, bogus, check) == 0
    assert bogus.read_text(encoding="utf-8").startswith("shopping list"), "the file was left untouched"


def test_empty_directory_shows_the_welcome_panel(qtbot, db_path: Path) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    panel = window.findChild(WelcomePanel, "welcomePanel")
    assert panel.isVisible()
    texts = [b.text() for b in panel.buttons]
    mine = ["Import a Registration List…", "Open the Demo Network", "Add a Contact…", "Open a Directory File…",
            "Create a New Directory…"]  # fmt: skip
    assert [t for t in texts if t in mine] == mine
    assert all(b.isVisibleTo(panel) for b in panel.findChildren(QCommandLinkButton))
    assert "is empty" in panel.message.text()

    clicked = []
    button = panel.add_action_button("Say hello", lambda: clicked.append(1), "A feature's own button", index=0)
    assert panel.buttons[0] is button
    button.click()
    assert clicked == [1]

    window.welcome_add_button.click()
    qtbot.waitUntil(lambda: window.contact_dialog is not None)
    window.contact_dialog.given_edit.setText("Ana")
    window.contact_dialog.save_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.browse_page)
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 1
    assert window.count_label.text() == "1 contact"


def test_opening_the_demo_network_keeps_it_apart(qtbot, db_path: Path) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    window.welcome_demo_button.click()
    qtbot.waitUntil(lambda: window.directory_path == demo_db_path(), timeout=20_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 300, timeout=10_000)
    wait_idle(qtbot, window)
    assert window.pages.currentWidget() is window.browse_page
    assert "Demo network" in window.windowTitle()
    with open_directory(db_path) as own:
        assert contact_count(own) == 0, "the demo never goes into the user's directory"
    assert [p.name for p in window.recent.paths()[:2]] == ["demo.db", db_path.name]

    # Back to the user's directory through Open Recent.
    window.recent_menu.aboutToShow.emit()
    own_action = next(a for a in window.recent_menu.actions() if db_path.name in a.text())
    own_action.trigger()
    qtbot.waitUntil(lambda: window.directory_path == db_path)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)


def test_an_encrypted_directory_asks_for_its_passphrase(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "secret.db"
    open_directory(path, passphrase="correct horse battery").close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()

    def dialog() -> QInputDialog | None:
        found = [d for d in window.findChildren(QInputDialog, "passphraseDialog") if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: dialog() is not None)
    ask = dialog()
    assert "secret.db is encrypted" in ask.labelText()
    ask.setTextValue("wrong guess")
    ask.accept()
    qtbot.waitUntil(lambda: dialog() is not None and dialog() is not ask)
    ask = dialog()
    assert ask.labelText().startswith("That passphrase does not open it.")
    ask.setTextValue("correct horse battery")
    ask.accept()
    qtbot.waitUntil(lambda: window.directory is not None)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    assert window.directory_path == path


def test_an_unexpected_error_is_logged_and_shown_in_one_line(window: MainWindow) -> None:
    import os

    from directory_app.ui.app import make_excepthook

    try:
        raise RuntimeError("boom\nsecond line")
    except RuntimeError as exc:
        make_excepthook(window)(RuntimeError, exc, exc.__traceback__)
    box = window.findChild(QMessageBox, "unexpectedErrorBox")
    assert box.text().startswith("Unexpected error: boom second line (details in ")
    assert "\n" not in box.text()
    log = Path(os.environ["DIRECTORY_APP_DATA"]) / "error.log"
    assert "Traceback" in log.read_text(encoding="utf-8")
    box.close()


def test_ctrl_f_focuses_the_search(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    window.search_edit.setText("abc")
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    assert window.search_edit.selectedText() == "abc"


def _offered(window: MainWindow) -> list[str]:
    return [b.text() for b in window.welcome.buttons if b.isVisibleTo(window.welcome)]


NO_DIRECTORY_BUTTONS = ["Open the Demo Network", "Open a Directory File…", "Create a New Directory…"]


def test_a_passphrase_not_given_leaves_a_welcome_that_offers_only_what_works(qtbot, tmp_path: Path) -> None:
    """Cancelling the passphrase prompt: no directory is open, so the welcome page offers the demo, Open and New,
    not an import or a new contact that could only answer "open a directory first"."""
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "secret.db"
    open_directory(path, passphrase="correct horse battery").close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "passphraseDialog") is not None)
    window.findChild(QInputDialog, "passphraseDialog").reject()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    assert window.directory is None
    assert _offered(window) == NO_DIRECTORY_BUTTONS
    assert "open it again with its passphrase" in window.welcome.message.text()


def _lock(target: Path) -> Callable[[], None]:
    """Make a file or folder read-only for real, and return what undoes it: chmod for a user; for root, whom chmod
    does not stop, the immutable attribute. Skips the test where neither is possible."""
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        return lambda: target.chmod(mode)
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
        pytest.skip("no way to make a file read-only for root here")
    return lambda: subprocess.run(["chattr", "-i", str(target)], check=True)


def test_a_read_only_file_or_folder_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "network.db"
    path.write_bytes(b"x")
    assert read_only_reason(path) is None
    unlock = _lock(path)
    try:
        assert read_only_reason(path) == (
            "the file network.db is read-only. Copy it to a folder on your disk and open the copy, or make the "
            "file writable (in its properties) and open it again."
        )
    finally:
        unlock()


def test_a_directory_in_a_read_only_folder_says_why_it_cannot_be_opened(qtbot, demo_db: Path, tmp_path: Path):
    folder = tmp_path / "cd-rom"
    folder.mkdir()
    path = folder / "network.db"
    shutil.copy(demo_db, path)
    unlock = _lock(folder)
    try:
        assert read_only_reason(path) is not None
        window = MainWindow(path)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert box.text().startswith("The folder holding network.db is read-only (a CD, a locked USB stick")
        assert "Copy it to a folder on your disk and open the copy" in box.text()
        assert "unable to open database file" not in box.text()
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
        assert "read-only" in window.welcome.message.text()
        assert _offered(window) == NO_DIRECTORY_BUTTONS
        box.close()
        window.close()
    finally:
        unlock()
