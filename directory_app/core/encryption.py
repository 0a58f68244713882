"""Encrypting a plain directory and changing the passphrase of an encrypted one (SQLCipher 4).

Encrypting writes an encrypted copy next to the file (`sqlcipher_export`), checks it (integrity, the same number
of rows in every table, schema version, application id), keeps a copy of the original until the encrypted file
has replaced it and opened with the passphrase, and only then overwrites the plaintext (the original's blocks, the
safety copy, and every plain backup of the directory, which are encrypted with the same passphrase). If anything
fails before that, the plain directory is left as it was.

Both operations need the directory to themselves: they take SQLite's exclusive lock and refuse with a clear
message while another window or command has it open.

Overwriting plaintext is best effort: on SSDs and copy-on-write file systems old blocks can survive; encrypt a
directory before its data is first stored on a laptop when that matters (create it encrypted).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

from directory_app.core.records import DirectoryError
from directory_app.core.store import (
    APPLICATION_ID,
    _check_key,
    _key_pragma,
    check_file,
    check_new_passphrase,
    is_locked_error,
    open_directory,
    raw_connect,
    sqlcipher_key,
)

DRIVER_ERRORS = (sqlite3.Error, sqlcipher3.Error)
LOCK_TIMEOUT_MS = 1000


def _busy(path: Path) -> DirectoryError:
    return DirectoryError(f"{path} is open in another window or command; close it there and try again")


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it and delete it (best effort; see the module note)."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        with path.open("r+b") as fh:
            _zero(fh, size)
    with contextlib.suppress(OSError):
        path.unlink()


def _zero(fh: Any, size: int) -> None:
    fh.seek(0)
    block = b"\0" * 65536
    left = size
    while left > 0:
        n = min(left, len(block))
        fh.write(block[:n])
        left -= n
    fh.flush()
    os.fsync(fh.fileno())


def _table_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        ).fetchall()
    ]
    return {n: conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def _verify(path: Path, passphrase: str, counts: dict[str, int], version: int) -> None:
    conn = raw_connect(path, passphrase)
    try:
        check = [r[0] for r in conn.execute("PRAGMA integrity_check(5)").fetchall()]
        if check != ["ok"]:
            raise DirectoryError(f"the encrypted copy failed its integrity check ({'; '.join(check)[:200]})")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise DirectoryError("the encrypted copy lost the application id")
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            raise DirectoryError("the encrypted copy has another schema version")
        if _table_counts(conn) != counts:
            raise DirectoryError("the encrypted copy does not hold the same rows")
    finally:
        conn.close()


def export_encrypted(src: Path, src_key: str | None, dst: Path, passphrase: str, *, exclusive: bool = False) -> None:
    """Write an encrypted copy of the database `src` (plain when `src_key` is None) to the new file `dst`, checked.

    With `exclusive`, the source must not be open anywhere else (DirectoryError otherwise) and is left in rollback
    journal mode with no -wal file (the caller replaces it).
    """
    dst.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(src), timeout=LOCK_TIMEOUT_MS / 1000)
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA cipher_log_level = NONE")
        if src_key is not None:
            conn.execute(_key_pragma(sqlcipher_key(src, src_key)))
        conn.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_MS}")
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            try:
                conn.execute("BEGIN EXCLUSIVE")
                conn.execute("COMMIT")
                # Leaving WAL needs sole access, and leaves no -wal or -shm file holding plaintext behind.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            except DRIVER_ERRORS as exc:
                if is_locked_error(exc):
                    raise _busy(src) from None
                raise
            if mode != "delete":
                raise _busy(src)
        conn.execute("ATTACH DATABASE ? AS enc KEY ?", (str(dst), sqlcipher_key(dst, passphrase)))
        conn.execute("BEGIN")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA main.application_id").fetchone()[0]
        counts = _table_counts(conn)
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute(f"PRAGMA enc.application_id = {int(app_id)}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE enc")
    except DRIVER_ERRORS as exc:
        conn.close()
        dst.unlink(missing_ok=True)
        if is_locked_error(exc):
            raise _busy(src) from None
        raise DirectoryError(f"cannot encrypt {src}: {exc}") from None
    except BaseException:
        conn.close()
        dst.unlink(missing_ok=True)
        raise
    conn.close()
    try:
        tmp = raw_connect(dst, passphrase)
        try:
            tmp.execute("PRAGMA journal_mode = WAL")
        finally:
            tmp.close()
        _verify(dst, passphrase, counts, version)
    except BaseException:
        dst.unlink(missing_ok=True)
        raise


def _plain_copies(path: Path) -> list[Path]:
    """Every file holding a plain copy of the directory: automatic backups and the migration backups beside it."""
    from directory_app.core.backup import list_backups

    files = [b.path for b in list_backups(path)]
    files += sorted(path.parent.glob(f"{path.name}.v*.bak"))
    return files


def _encrypt_copies(path: Path, passphrase: str) -> int:
    done = 0
    for copy in _plain_copies(path):
        try:
            if check_file(copy) != "ours":
                continue
        except DirectoryError:
            continue
        tmp = copy.with_name(f".{copy.name}.encrypting")
        try:
            export_encrypted(copy, None, tmp, passphrase)
        except DirectoryError:
            tmp.unlink(missing_ok=True)
            shred(copy)  # a plain copy that cannot be encrypted must not stay behind
            continue
        with contextlib.suppress(OSError), copy.open("r+b") as fh:
            _zero(fh, copy.stat().st_size)
        os.replace(tmp, copy)
        done += 1
    return done


def encrypt_directory(path: str | os.PathLike[str], passphrase: str) -> int:
    """Encrypt the plain directory at `path` with `passphrase` (a missing or empty file becomes a new encrypted
    directory); returns how many backups were encrypted along with it. The directory must be closed everywhere.
    """
    path = Path(path).expanduser()
    check_new_passphrase(passphrase)
    state = check_file(path)
    if state == "encrypted":
        raise DirectoryError(f"{path} is already encrypted; use change-passphrase to change its passphrase")
    if state in ("missing", "blank"):
        open_directory(path, passphrase=passphrase, daily_backup=False).close()
        return 0
    open_directory(path, daily_backup=False).close()  # bring it to the current schema first
    tmp = path.with_name(f".{path.name}.encrypting")
    keep = path.with_name(f".{path.name}.before-encryption")
    export_encrypted(path, None, tmp, passphrase, exclusive=True)
    try:
        shutil.copy2(path, keep)
        original = path.open("r+b")
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        keep.unlink(missing_ok=True)
        raise DirectoryError(f"cannot encrypt {path}: {exc.strerror or exc}") from None
    with original:
        size = path.stat().st_size
        try:
            os.replace(tmp, path)
            open_directory(path, passphrase=passphrase, daily_backup=False).close()
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.replace(keep, path)
            tmp.unlink(missing_ok=True)
            if isinstance(exc, DirectoryError | OSError):
                raise DirectoryError(f"cannot encrypt {path}: {exc}; it was left unencrypted") from None
            raise
        # The encrypted directory is in place and opens: overwrite the plaintext it replaced.
        with contextlib.suppress(OSError):
            _zero(original, size)
    shred(keep)
    return _encrypt_copies(path, passphrase)


def _rekey(file: Path, old: str, new: str, *, exclusive: bool) -> None:
    conn = raw_connect(file, old)
    try:
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout = {LOCK_TIMEOUT_MS}")
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA rekey = '{}'".format(new.replace("'", "''")))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DRIVER_ERRORS as exc:
        if is_locked_error(exc):
            raise _busy(file) from None
        raise DirectoryError(f"cannot change the passphrase of {file}: {exc}") from None
    finally:
        conn.close()


def change_passphrase(path: str | os.PathLike[str], old: str, new: str) -> int:
    """Change the passphrase of the encrypted directory at `path` (PRAGMA rekey), and of its backups that the old
    passphrase opens; returns how many backups were re-keyed. WrongPassphrase when `old` is wrong (nothing changes).
    """
    path = Path(path).expanduser()
    check_new_passphrase(new)
    if check_file(path) != "encrypted":
        raise DirectoryError(f"{path} is not encrypted; use encrypt to encrypt it")
    _check_key(path, old)
    _rekey(path, old, new, exclusive=True)
    open_directory(path, passphrase=new, daily_backup=False).close()
    done = 0
    for copy in _plain_copies(path):
        try:
            if check_file(copy, old) != "encrypted":
                continue
        except DirectoryError:
            continue  # another passphrase (an older one): left as it is
        with contextlib.suppress(DirectoryError):
            _rekey(copy, old, new, exclusive=False)
            done += 1
    return done
