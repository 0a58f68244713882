"""Opening a directory file: identification, connection settings, schema creation and migrations.

A directory is one SQLite file (WAL, foreign keys on). It is stamped with our `application_id` so that a file
that is not ours is refused before anything is written to it.

A directory can be encrypted at rest (SQLCipher 4 through `sqlcipher3`): the whole file, its WAL and every backup
of it are then unreadable without the passphrase. An encrypted file has no SQLite header, so `check_file` tells it
apart from other files by its shape (whole pages of random-looking bytes) and only tries a key when given one.
Encrypting an existing directory and changing the passphrase live in `encryption.py`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

# SQLAlchemy is imported when a directory is opened (on the window's worker thread), not with this module: the
# window paints while it loads.
if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

from directory_app.core import migrations
from directory_app.core.records import DirectoryError

APPLICATION_ID = 0x504E4449  # "PNDI": Practitioner Network DIrectory
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MIN_PASSPHRASE = 8  # characters, when a passphrase is set (any passphrase is tried when opening)
BUSY_MESSAGE = "the directory is busy: another window or command is writing to it; try again in a moment"


class PassphraseNeeded(DirectoryError):
    """The directory is encrypted and no passphrase was given (the GUI asks for one, the CLI prompts)."""


class DamagedDirectory(DirectoryError):
    """The directory file fails SQLite's integrity check: pages overwritten or cut short (a disk or a copy that
    failed). Found when a backup is taken (backup.backup_to), so that no damaged copy pushes out a good one."""


class WrongPassphrase(DirectoryError):
    """The passphrase does not open the directory; nothing was written."""


def check_new_passphrase(passphrase: str) -> str:
    """A passphrase about to be set: DirectoryError when it is too weak to protect anything."""
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        raise DirectoryError(f"a passphrase needs at least {MIN_PASSPHRASE} characters")
    if passphrase != passphrase.strip():
        raise DirectoryError("a passphrase cannot begin or end with a space")
    return passphrase


# SQLCipher 4 derives the page key from the passphrase with PBKDF2-HMAC-SHA512 (256,000 rounds) and the file's
# 16-byte salt, on every new connection (about 0.2 s). We derive it once per file and passphrase, exactly as SQLCipher
# does, and hand SQLCipher the raw key with its salt: the file stays readable with the passphrase by any SQLCipher 4
# tool, and connections (pool, backups, checks) open in a millisecond.
KDF_ITERATIONS = 256_000
_derived: dict[tuple[bytes, bytes], str] = {}


def _raw_key(passphrase: str, salt: bytes) -> str:
    ident = (hashlib.sha256(passphrase.encode("utf-8")).digest(), salt)
    key = _derived.get(ident)
    if key is None:
        key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32).hex() + salt.hex()
        _derived[ident] = key
    return f"x'{key}'"


def sqlcipher_key(path: Path, passphrase: str) -> str:
    """The raw SQLCipher key (x'key+salt') for the file at `path` and `passphrase` (a new salt for a new file)."""
    salt = b""
    with contextlib.suppress(OSError), Path(path).open("rb") as fh:
        salt = fh.read(16)
    if len(salt) < 16 or salt == SQLITE_MAGIC:
        salt = os.urandom(16)
    return _raw_key(passphrase, salt)


def _key_pragma(key: str) -> str:
    return "PRAGMA key = '{}'".format(key.replace("'", "''"))


def raw_connect(path: Path, passphrase: str | None = None, *, read_only: bool = False) -> Any:
    """A DB-API connection to the directory file (sqlite3, or sqlcipher3 keyed with `passphrase`).

    For the few things that need the driver itself: backups, encryption, checks. Raises the driver's errors.
    """
    if passphrase is None:
        if read_only:
            return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        return sqlite3.connect(path)
    key = sqlcipher_key(path, passphrase)
    if read_only:
        conn = sqlcipher3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key must not print SQLCipher's log to stderr
        conn.execute(_key_pragma(key))
    except BaseException:
        conn.close()
        raise
    return conn


def is_locked_error(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "busy" (from SQLAlchemy or either driver)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    return "database is locked" in text or "database table is locked" in text or "database is busy" in text


def storage_problem(exc: BaseException) -> str | None:
    """What went wrong with the directory file, in a user's words, for SQLite's errors that are about the file or
    the disk rather than a bug: read-only, disk full, damaged, busy. None for any other error."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    if is_locked_error(exc):
        return BUSY_MESSAGE
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return (
            "the directory file or its folder is read-only: nothing was changed (copy the file to a folder you "
            "can write to, or ask for write access)"
        )
    if "disk is full" in text or "no space left" in text or getattr(orig, "errno", None) == errno.ENOSPC:
        return "the disk is full: nothing was changed (free some space and try again)"
    if "malformed" in text or "not a database" in text:
        return "the directory file is damaged: restore a backup of it (`backups` lists them, `restore` puts one back)"
    if "disk i/o error" in text:
        return "the disk could not be read or written (disk I/O error): nothing was changed"
    return None


def _read_header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(100)


def _looks_encrypted(path: Path) -> bool:
    """An SQLCipher file: whole pages (at least one of 512 bytes or more) of bytes that look random.

    A text file, a spreadsheet or a truncated database fails this; a file of pure random bytes of page size
    passes (it cannot be told from an encrypted one without the key).
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    if size < 1024 or size % 512:
        return False
    return len(set(head)) >= 180  # random bytes: about 250 distinct values in 1024; text: under 100


def _check_key(path: Path, passphrase: str) -> None:
    """Try `passphrase` on the encrypted file `path`, reading only; WrongPassphrase when it does not open it."""
    try:
        conn = raw_connect(path, passphrase)
    except sqlcipher3.Error as exc:
        raise DirectoryError(f"cannot read {path}: {exc}") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        raise WrongPassphrase(f"wrong passphrase for {path}; nothing was changed") from None
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        raise DirectoryError(f"{path} is an encrypted database of another application; it was left untouched")


def check_file(path: Path, passphrase: str | None = None) -> str:
    """Say what `path` is without modifying it: "missing", "blank" (safe to initialise), "ours" or "encrypted".

    "encrypted" means the file looks like an encrypted directory; only when `passphrase` is given is it tried
    (WrongPassphrase when it does not open the file). Raises DirectoryError for anything else; the file is only
    read.
    """
    path = Path(path)
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
    if not header.startswith(SQLITE_MAGIC) and _looks_encrypted(path):
        if passphrase is not None:
            _check_key(path, passphrase)
        return "encrypted"
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DirectoryError(
            f"{path} is not a directory file of this app (not an SQLite database); it was left untouched"
        )
    app_id = struct.unpack(">I", header[68:72])[0]
    if app_id == APPLICATION_ID:
        return "ours"
    page_count = struct.unpack(">I", header[28:32])[0]
    if app_id == 0 and page_count <= 1 and not Path(f"{path}-wal").exists():
        return "blank"  # an empty SQLite file with no tables
    raise DirectoryError(f"{path} is an SQLite database of another application; it was left untouched")


def _configure_engine(engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from pysqlite so that BEGIN/COMMIT are ours (see "begin" below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
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


class Session:
    """One unit of work: a connection inside one transaction, and a dict for what the work keeps meanwhile.

    Written by hand instead of SQLAlchemy's ORM Session: the core only ever asks a session for its connection
    (SQL through `exec_driver_sql`, or the DB-API connection under it) and its `info`, and importing the ORM
    would add a fifth of a second to every start of the window.
    """

    __slots__ = ("_connection", "info")

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.info: dict[str, Any] = {}

    def connection(self) -> Connection:
        return self._connection


class Directory:
    """An open directory file. Use `read()` / `write()` for one session per unit of work."""

    def __init__(self, path: Path, engine: Engine, passphrase: str | None = None) -> None:
        self.path = path
        self.engine = engine
        self._passphrase = passphrase
        self._write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        self.extras: dict[str, object] = {}  # per-directory caches kept by core modules (the search index)
        # Set when the day's first backup found the file damaged (DamagedDirectory's message): the window and the
        # command line say so once it is open, so that the damage is seen while good backups are still kept.
        self.damage: str | None = None
        self._on_close: list[Callable[[], None]] = []

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    def connect_raw(self, path: Path | None = None, *, read_only: bool = False) -> Any:
        """A DB-API connection to this directory (or to `path`, e.g. a backup) with this directory's key."""
        return raw_connect(path or self.path, self._passphrase, read_only=read_only)

    def copy_to(self, target: Path) -> None:
        """SQLite's online backup of the directory into the new file `target`, keyed like the directory (so the
        copy of an encrypted directory is encrypted)."""
        src = self.connect_raw()
        try:
            dst = self.connect_raw(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """One read transaction (a consistent view of the directory); nothing it does is kept."""
        with self.engine.connect() as conn:
            try:
                conn.begin()
                yield Session(conn)
            except DirectoryError:
                raise
            except Exception as exc:
                if is_locked_error(exc):
                    raise DirectoryError(BUSY_MESSAGE) from None
                raise
            finally:
                conn.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing written) if it raises.

        When another process holds the write lock for longer than the busy timeout, DirectoryError(BUSY_MESSAGE).
        """
        with self._write_engine.connect() as conn:
            try:
                transaction = conn.begin()  # BEGIN IMMEDIATE: waits up to the busy timeout for the write lock
                yield Session(conn)
                transaction.commit()
            except BaseException as exc:
                if conn.in_transaction():
                    conn.rollback()
                if not isinstance(exc, DirectoryError) and isinstance(exc, Exception) and is_locked_error(exc):
                    raise DirectoryError(BUSY_MESSAGE) from None
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


def _initialise_blank(path: Path, passphrase: str | None = None) -> None:
    # Stamp the application id while still in rollback-journal mode, so it is in the main file's header at once
    # (in WAL mode header changes wait for a checkpoint).
    conn = raw_connect(path, passphrase)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.commit()
    finally:
        conn.close()


def _make_engine(path: Path, passphrase: str | None, busy_timeout_ms: int) -> Engine:
    from sqlalchemy import URL, create_engine
    from sqlalchemy.pool import QueuePool

    connect_args = {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
    if passphrase is None:
        engine = create_engine(f"sqlite:///{path}", connect_args=connect_args)
    else:
        # The pysqlcipher dialect runs PRAGMA key (the passphrase quoted) first on every new connection.
        url = URL.create("sqlite+pysqlcipher", password=sqlcipher_key(path, passphrase), database=str(path))
        engine = create_engine(url, connect_args=connect_args, poolclass=QueuePool)
    _configure_engine(engine, busy_timeout_ms)
    return engine


def open_directory(
    path: str | os.PathLike[str],
    *,
    create: bool = True,
    passphrase: str | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    daily_backup: bool = True,
) -> Directory:
    """Open (creating on first use, migrating when older) the directory file at `path`.

    An encrypted directory needs its `passphrase` (PassphraseNeeded without one, WrongPassphrase with a wrong one;
    nothing is written either way). A new directory is created encrypted when a passphrase is given. On the
    first open of each day an existing directory is backed up (see backup.py) unless `daily_backup` is False.
    """
    path = Path(path).expanduser()
    state = check_file(path)
    if state == "missing" and not create:
        raise DirectoryError(f"{path} does not exist")
    if state in ("missing", "blank"):
        if passphrase is not None:
            check_new_passphrase(passphrase)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _initialise_blank(path, passphrase)
        except (OSError, sqlite3.Error, sqlcipher3.Error) as exc:
            raise DirectoryError(f"cannot create a directory at {path}: {exc}") from None
    elif state == "encrypted":
        if passphrase is None:
            raise PassphraseNeeded(f"{path} is encrypted: its passphrase is needed to open it")
        _check_key(path, passphrase)
    elif passphrase is not None:
        raise DirectoryError(f"{path} is not encrypted; encrypt it first (python main.py encrypt)")
    from sqlalchemy.exc import DBAPIError

    engine = _make_engine(path, passphrase, busy_timeout_ms)
    directory = Directory(path, engine, passphrase)
    try:
        migrations.upgrade(directory)
    except DirectoryError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error, sqlcipher3.Error) as exc:
        engine.dispose()
        if (problem := storage_problem(exc)) is not None:
            raise DirectoryError(f"cannot open {path}: {problem}") from None
        raise DirectoryError(f"cannot open {path}: {getattr(exc, 'orig', exc)}") from None
    if daily_backup and state in ("ours", "encrypted"):
        from directory_app.core.backup import daily_backup as _daily_backup

        _daily_backup(directory)
    return directory
