"""Where things live: the user's directory file, settings, backups. Every path can be overridden."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from directory_app import APP_ID

DB_ENV = "DIRECTORY_APP_DB"
DATA_ENV = "DIRECTORY_APP_DATA"  # overrides the whole user data folder (tests and portable installs)
DB_FILENAME = "directory.db"

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def user_data_dir() -> Path:
    """The platform's user data folder for the app (or $DIRECTORY_APP_DATA)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def user_cache_dir() -> Path:
    """Where rebuildable caches go (the platform's cache folder, or $DIRECTORY_APP_DATA/cache)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))


def default_db_path() -> Path:
    """The directory file used when neither --db nor $DIRECTORY_APP_DB says otherwise."""
    return user_data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--db beats $DIRECTORY_APP_DB beats the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def demo_db_path() -> Path:
    """The demo network lives in its own file, never mixed into the user's directory."""
    return user_data_dir() / "demo.db"
