"""Window settings (QSettings) and the list of recent directory files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from directory_app import APP_ID

SETTINGS_ORGANISATION = APP_ID
SETTINGS_APPLICATION = "desktop"
MAX_RECENT = 8


def app_settings() -> QSettings:
    """The user's settings for this app (tests point QSettings.setPath at a temporary folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORGANISATION, SETTINGS_APPLICATION)


class RecentFiles:
    """Most recently opened directory files first, at most MAX_RECENT, kept in the settings."""

    KEY = "files/recent"

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[Path]:
        value = self._settings.value(self.KEY, [])
        if isinstance(value, str):
            value = [value]
        return [Path(p) for p in (value or []) if p]

    def add(self, path: Path) -> None:
        path = Path(path).expanduser().resolve()
        paths = [path, *(p for p in self.paths() if p != path)][:MAX_RECENT]
        self._settings.setValue(self.KEY, [str(p) for p in paths])
        self._settings.sync()

    def clear(self) -> None:
        self._settings.remove(self.KEY)
        self._settings.sync()
