"""Opening a directory file: identification, connection settings, schema creation and migrations.

A directory is one SQLite file (WAL, foreign keys on). It is stamped with our `application_id` so that a file
that is not ours is refused before anything is written to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from directory_app.core import migrations
from directory_app.core.records import DirectoryError

APPLICATION_ID = 0x504E4449  # "PNDI": Practitioner Network DIrectory
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def _read_header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(100)


def check_file(path: Path) -> str:
    """Say what `path` is without modifying it: "missing", "blank" (safe to initialise) or "ours".

    Raises DirectoryError for anything else; the file is only read.
    """
    if not path.exists():
        return "missing"
    if path.is_dir():
        raise DirectoryError(f"{path} is a folder, not a directory file")
    try:
        header = _read_header(path)
    except OSError as exc:
        raise DirectoryError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        return "blank"
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DirectoryError(
            f"{path} is not a directory file of this app (not an SQLite database, or encrypted); it was left untouched"
        )
    app_id = struct.unpack(">I", header[68:72])[0]
    if app_id == APPLICATION_ID:
        return "ours"
    page_count = struct.unpack(">I", header[28:32])[0]
    if app_id == 0 and page_count <= 1 and not Path(f"{path}-wal").exists():
        return "blank"  # an empty SQLite file with no tables
    raise DirectoryError(f"{path} is an SQLite database of another application; it was left untouched")


def _configure_engine(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from pysqlite so that BEGIN/COMMIT are ours (see "begin" below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that later upgrades can fail with
        # SQLITE_BUSY without waiting for the busy timeout.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


class Directory:
    """An open directory file. Use `read()` / `write()` for one session per unit of work."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        self.extras: dict[str, object] = {}  # per-directory caches kept by core modules (the search index)
        self._on_close: list[Callable[[], None]] = []

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing written) if it raises."""
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())

    def on_close(self, callback: Callable[[], None]) -> None:
        self._on_close.append(callback)

    def close(self) -> None:
        while self._on_close:
            self._on_close.pop()()
        self.extras.clear()
        self.engine.dispose()

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _initialise_blank(path: Path) -> None:
    # Stamp the application id while still in rollback-journal mode, so it is in the main file's header at once
    # (in WAL mode header changes wait for a checkpoint).
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.commit()
    finally:
        conn.close()


def open_directory(path: str | os.PathLike[str], *, create: bool = True) -> Directory:
    """Open (creating on first use, migrating when older) the directory file at `path`."""
    path = Path(path).expanduser()
    state = check_file(path)
    if state == "missing" and not create:
        raise DirectoryError(f"{path} does not exist")
    if state in ("missing", "blank"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _initialise_blank(path)
        except (OSError, sqlite3.Error) as exc:
            raise DirectoryError(f"cannot create a directory at {path}: {exc}") from None
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    _configure_engine(engine)
    directory = Directory(path, engine)
    try:
        migrations.upgrade(directory)
    except DirectoryError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        raise DirectoryError(f"cannot open {path}: {getattr(exc, 'orig', exc)}") from None
    return directory
