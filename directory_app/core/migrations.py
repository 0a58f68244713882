"""Versioned schema: a numbered ladder of upgrade steps, run when a directory is opened.

`PRAGMA user_version` holds the schema version. A new directory is created at `SCHEMA_VERSION` straight from the
models; an older one is first backed up (SQLite online backup, beside the file) and then taken up the ladder one
step at a time, each step in its own transaction. tests/core/test_migrations.py opens a fixture directory of every
earlier version and checks that it ends with exactly the schema a new directory gets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from directory_app.core import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from directory_app.core.records import DirectoryError

if TYPE_CHECKING:
    from directory_app.core.store import Directory

SCHEMA_VERSION = 1

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS contact_fts USING fts5("
    "folded, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
)


def seed_countries(conn: Connection) -> None:
    from directory_app.core.countries import all_countries

    rows = [(c.code, c.name, c.osce) for c in all_countries("en")]
    conn.exec_driver_sql(
        "INSERT INTO country (code, name, osce) VALUES (?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, osce = excluded.osce",
        rows,
    )


def create_schema(conn: Connection) -> None:
    """The whole current schema on an empty database."""
    SQLModel.metadata.create_all(conn)
    conn.exec_driver_sql(FTS_DDL)
    seed_countries(conn)


# version -> step that upgrades a directory from version - 1 to version.
STEPS: dict[int, Callable[[Connection], None]] = {}


def _backup(directory: Directory, version: int) -> None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = directory.path.with_name(f"{directory.path.name}.v{version}-{stamp}.bak")
    src = sqlite3.connect(directory.path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def upgrade(directory: Directory) -> None:
    """Bring the directory to SCHEMA_VERSION (create it when it is empty)."""
    with directory.engine.connect() as conn:
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
        has_tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'contact'"
        ).scalar_one()
    if version > SCHEMA_VERSION:
        raise DirectoryError(
            f"{directory.path} was written by a newer version of this app (schema {version}); "
            f"this version reads up to schema {SCHEMA_VERSION}. Please update the app."
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        if has_tables:
            raise DirectoryError(f"{directory.path} has no schema version; it was left untouched")
        with directory.engine.connect() as conn, conn.begin():
            create_schema(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    _backup(directory, version)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        step = STEPS[target]
        with directory.engine.connect() as conn, conn.begin():
            step(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {target}")
