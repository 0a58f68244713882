"""File ▸ Import, dropped files and the welcome panel's import button.

Kept apart from the wizard so that starting the window does not import the wizard and the importing core
(a tenth of a second): they load when an import is first asked for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from directory_app.core.importing.reading import LIST_SUFFIXES


def open_import_wizard(window: Any, path: str | list[str] | None = None) -> Any:
    """The import wizard on `path` (None: it asks), or None when there is no directory to import into. Once it
    closes after an import, the wizard leaves a line in the window's status bar saying what came in."""
    from directory_app.ui.import_wizard import open_import_wizard as open_wizard

    return open_wizard(window, path)


DIRECTORY_FILTER = "Directory files (*.db *.bak);;All files (*)"


def choose_directory_to_import(window: Any) -> Any:
    """Ask for another directory file, then open the import wizard on it (None when no file was chosen)."""
    from PySide6.QtWidgets import QFileDialog

    start = window._file_dialog_folder() if hasattr(window, "_file_dialog_folder") else ""
    path, _ = QFileDialog.getOpenFileName(window, "Import a colleague's directory", start, DIRECTORY_FILTER)
    return open_import_wizard(window, path) if path else None


class _DropFilter(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
            if any(u.isLocalFile() and u.toLocalFile().lower().endswith(LIST_SUFFIXES) for u in urls):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
            files = [f for f in urls if f.lower().endswith(LIST_SUFFIXES)]
            if files:
                event.acceptProposedAction()
                open_import_wizard(self.window, files)  # several: read together, in one import
                return True
        return False


def install(window) -> None:
    """Add File > Import (Ctrl+I), accept dropped lists on the window, and a welcome-panel button."""
    action = QAction("&Import Registration List…", window)
    action.setObjectName("actionImport")
    action.setShortcut(QKeySequence("Ctrl+I"))
    action.setStatusTip(
        "Import the people of a registration list (.xlsx, .xls, .ods, .csv, a Word or PDF list of participants), "
        "of vCards (.vcf) or of another focal point's directory (.db)"
    )
    action.triggered.connect(lambda: open_import_wizard(window))
    before = getattr(window, "file_menu_end", None)
    if before is not None:
        window.file_menu.insertAction(before, action)
    else:
        window.file_menu.addAction(action)
    window.actionImport = action
    # Merging directories is an import too, but nobody looks for a colleague's directory under "registration list".
    colleague = QAction("Import a &Colleague's Directory…", window)
    colleague.setObjectName("actionImportDirectory")
    colleague.setStatusTip(
        "Merge another focal point's directory file (.db, or a backup) into this one: the same people are merged, "
        "the others added, with their events"
    )
    colleague.triggered.connect(lambda: choose_directory_to_import(window))
    if before is not None:
        window.file_menu.insertAction(before, colleague)
    else:
        window.file_menu.addAction(colleague)
    window.actionImportDirectory = colleague
    window.setAcceptDrops(True)
    window._import_drop_filter = _DropFilter(window)
    window.installEventFilter(window._import_drop_filter)
    welcome = getattr(window, "welcome", None)
    if welcome is not None and hasattr(welcome, "add_action_button"):
        window.welcome_import_button = welcome.add_action_button(
            "Import a Registration List…",
            lambda: open_import_wizard(window),
            "Excel, CSV, Word or PDF lists from a seminar, the organiser's e-mail with the list attached, filled-in "
            "registration forms, or an online meeting's report, in any of the region's languages (or drop the "
            "files here).",
            0,
            needs_directory=True,  # with none open it could only answer "open or create a directory first"
        )
