"""Starting the desktop application: `run_gui(db_path)` is what `python main.py` and `main.py gui` call."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from directory_app import APP_ID, APP_NAME, __version__
from directory_app.core.paths import user_data_dir
from directory_app.ui.compat import guard_singleton_refcounts
from directory_app.ui.icons import app_icon
from directory_app.ui.main_window import MainWindow
from directory_app.ui.settings import SETTINGS_ORGANISATION

log = logging.getLogger(__name__)

# How long a thread waiting for Python's GIL waits before asking the running one to let go (Python's default:
# 5 ms). Each time Qt calls Python on the GUI thread (a model's data(), a delegate's paint, a timer) while a
# worker reads or imports a list, it waits that long; painting one view makes dozens of such calls, and the
# import wizard's preview page froze 0.36-0.46 s. With 1 ms: 0.08-0.12 s (benchmarks/gui_probe.py wizard, three
# runs each). The interval only matters while two threads want the GIL: an idle window costs nothing.
GUI_SWITCH_INTERVAL = 0.001


def application() -> tuple[QApplication, bool]:
    """The running QApplication (tests, automation) or a new one; True when it was created here."""
    guard_singleton_refcounts()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing, False
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(SETTINGS_ORGANISATION)
    app.setDesktopFileName(APP_ID)
    return app, True


def _log_path() -> Path | None:
    try:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "error.log"
    except OSError:
        return None


def install_excepthook(parent: QWidget | None = None) -> None:
    """An exception escaping a slot is logged to error.log and shown as one line, never as a traceback."""
    sys.excepthook = make_excepthook(parent)


def make_excepthook(parent: QWidget | None = None):  # -> Callable[[type, BaseException, TracebackType], None]
    """The hook `install_excepthook` installs (tests call it directly, leaving pytest's own hook in place)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        where = _log_path()
        try:
            if where is not None:
                with where.open("a", encoding="utf-8") as fh:
                    fh.write("".join(traceback.format_exception(kind, exc, tb)) + "\n")
        except OSError:
            where = None
        log.error("unexpected error", exc_info=(kind, exc, tb))
        text = " ".join(str(exc).split()) or kind.__name__
        hint = f" (details in {where})" if where else ""
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, f"Unexpected error: {text[:200]}{hint}", parent=parent)
        box.setObjectName("unexpectedErrorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    return hook


def start_gui(db_path: Path) -> MainWindow:
    """Create the application if needed and show the main window on `db_path`."""
    app, _created = application()
    app.setWindowIcon(app_icon())
    window = MainWindow(db_path)
    if window.start_maximised:
        window.showMaximized()
    else:
        window.show()
    window.search_edit.setFocus()
    return window


def run_gui(db_path: Path) -> int:
    """Open the window on the directory at `db_path` and run until it is closed; returns the exit status."""
    app, created = application()
    window = start_gui(db_path)
    if created:
        install_excepthook(window)  # not when a test runner owns the application and its exception handling
    status = app.exec()
    if shiboken_valid(window) and window.isVisible():
        window.close()
    from directory_app.ui.tasks import wait_for_jobs

    wait_for_jobs()
    return int(status)


def shiboken_valid(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
