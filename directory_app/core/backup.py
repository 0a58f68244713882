"""Backups of a directory: automatic ones (before each import, on the first open of each day) and on request.

Every backup is a consistent copy taken with SQLite's online backup API while the directory stays usable. The
backup of an encrypted directory is encrypted with the same key (the copy is keyed before a page is written; the
driver refuses to copy an encrypted database into a plain file). Automatic backups go to
<user data folder>/backups/<directory file name>/ and only the newest `KEEP` are kept.

Restoring checks the file first (a directory file of this app, integrity_check ok, readable with the passphrase,
a schema this version can read), backs up the current directory, and then copies the backup into the directory
through the same backup API, in one transaction: other windows see either the old or the restored directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from directory_app.core import migrations
from directory_app.core.paths import user_data_dir
from directory_app.core.records import DirectoryError
from directory_app.core.store import (
    APPLICATION_ID,
    BUSY_MESSAGE,
    DamagedDirectory,
    Directory,
    check_file,
    is_locked_error,
    raw_connect,
)

KEEP = 10
DRIVER_ERRORS = (sqlite3.Error, sqlcipher3.Error)
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9-]+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str  # daily, import, manual, before-restore, ...
    size: int


def backups_dir(db_path: Path) -> Path:
    """Where the automatic backups of the directory file `db_path` are kept: a folder per file, named after it
    and a digest of its full path, so that two directories with the same file name never share backups."""
    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return user_data_dir() / "backups" / f"{resolved.name}-{digest}"


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_to(directory: Directory, out: str | os.PathLike[str]) -> Path:
    """Write a backup of `directory` to the file `out` (replaced atomically when it exists); returns its path."""
    out = Path(out).expanduser().absolute()
    if out.is_dir():
        raise DirectoryError(f"{out} is a folder; give a file name for the backup")
    if not out.parent.is_dir():
        raise DirectoryError(f"cannot write {out}: the folder {out.parent} does not exist")
    if out.resolve() == directory.path.resolve():
        raise DirectoryError("a backup cannot overwrite the directory itself")
    tmp = out.with_name(f".{out.name}.part")
    tmp.unlink(missing_ok=True)
    try:
        directory.copy_to(tmp)
        _check_copy(directory, tmp)
        _fsync(tmp)
        os.replace(tmp, out)
    except DamagedDirectory:
        tmp.unlink(missing_ok=True)
        raise
    except DRIVER_ERRORS as exc:
        tmp.unlink(missing_ok=True)
        if is_locked_error(exc):
            raise DirectoryError(BUSY_MESSAGE) from None
        raise DirectoryError(f"cannot back up to {out}: {exc}") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DirectoryError(f"cannot back up to {out}: {exc.strerror or exc}") from None
    return out


def _check_copy(directory: Directory, copy: Path) -> None:
    """SQLite's quick check of a backup just written (the online backup copies pages as they are, damage too):
    DamagedDirectory when it fails. About 0.3 s for 100,000 contacts; the copy, not the directory, is read."""
    conn = directory.connect_raw(copy)
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check(3)").fetchall()]
    except DRIVER_ERRORS as exc:
        result = [str(exc)]
    finally:
        conn.close()
    if result != ["ok"]:
        found = [" ".join(line.split()) for r in result for line in r.splitlines() if not line.startswith("***")]
        raise DamagedDirectory(
            f"the directory file {directory.path.name} is damaged (SQLite's check: {(found or ['failed'])[0][:80]}): "
            "no backup was taken of it; restore one of its earlier backups"
        )


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The automatic backups of `db_path`, newest first."""
    folder = backups_dir(db_path)
    out: list[BackupInfo] = []
    if not folder.is_dir():
        return out
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or not p.is_file():
            continue
        out.append(BackupInfo(p, datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f"), m["reason"], p.stat().st_size))
    out.sort(key=lambda b: b.path.name, reverse=True)
    return out


def prune(db_path: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` automatic backups; returns what was deleted."""
    removed = []
    for info in list_backups(db_path)[keep:]:
        with contextlib.suppress(OSError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def backup_before(directory: Directory, reason: str) -> Path:
    """An automatic backup, taken before something that changes much (an import, a restore); keeps the last ten.

    Returns the backup file. DirectoryError when it cannot be written (the caller then does not go ahead).
    """
    reason = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    folder = backups_dir(directory.path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DirectoryError(f"cannot create the backup folder {folder}: {exc.strerror or exc}") from None
    now = datetime.now()
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}-{reason}.db"
    backup_to(directory, target)
    prune(directory.path)
    return target


def daily_backup(directory: Directory) -> Path | None:
    """Back up the directory unless an automatic backup was already taken today; returns the new backup, if any.

    Called on every open. A failure here must not stop anyone from opening their directory: it is swallowed
    (the next open tries again).
    """
    today = datetime.now().date()
    if any(b.taken_at.date() == today for b in list_backups(directory.path)):
        return None
    try:
        return backup_before(directory, "daily")
    except DamagedDirectory as exc:
        directory.damage = str(exc)  # said by the window and the command line; the good backups stay
        return None
    except DirectoryError:
        return None


# ------------------------------------------------------------------------------------------------- restore


def _inspect(conn: Any, path: Path) -> None:
    """The checks a file must pass before it replaces a directory."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(5)").fetchall()]
        has_contacts = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'contact'"
        ).fetchone()[0]
    except DRIVER_ERRORS as exc:
        raise DirectoryError(f"{path} cannot be read as a directory backup: {exc}") from None
    if app_id != APPLICATION_ID or not has_contacts:
        raise DirectoryError(f"{path} is not a backup of a directory of this app")
    if result != ["ok"]:
        raise DirectoryError(f"{path} is damaged (integrity check: {'; '.join(result)[:200]}); nothing was restored")
    if version > migrations.SCHEMA_VERSION:
        raise DirectoryError(f"{path} was written by a newer version of this app (schema {version})")


def check_backup(file: str | os.PathLike[str], passphrase: str | None = None) -> str:
    """Check that `file` can be restored: "plain" or "encrypted". DirectoryError (or WrongPassphrase) otherwise."""
    file = Path(file).expanduser()
    state = check_file(file, passphrase)
    if state in ("missing", "blank"):
        raise DirectoryError(f"{file} {'does not exist' if state == 'missing' else 'is empty'}; nothing was restored")
    if state == "encrypted" and passphrase is None:
        raise DirectoryError(f"{file} is encrypted: its passphrase is needed to restore it")
    conn = raw_connect(file, passphrase if state == "encrypted" else None)
    try:
        _inspect(conn, file)
    finally:
        conn.close()
    return "plain" if state == "ours" else "encrypted"


def restore_backup(
    db_path: str | os.PathLike[str],
    file: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
    backup_passphrase: str | None = None,
) -> Path | None:
    """Replace the directory at `db_path` by the backup `file`; returns the backup taken of the current directory.

    `passphrase` opens the current directory (when encrypted), `backup_passphrase` the backup (defaults to the
    same). An encrypted directory stays encrypted with its passphrase: a plain backup is encrypted on the way in.
    A plain directory cannot take an encrypted backup (the directory would have to be encrypted first).
    The directory must not be open in this process (close it first); other processes see the change at once.
    """
    from directory_app.core.store import open_directory

    db_path = Path(db_path).expanduser()
    file = Path(file).expanduser()
    if db_path.exists() and file.resolve() == db_path.resolve():
        raise DirectoryError("a directory cannot be restored from itself")
    key = backup_passphrase if backup_passphrase is not None else passphrase
    kind = check_backup(file, key)
    state = check_file(db_path, passphrase if passphrase is not None else None)
    encrypted_target = state == "encrypted" or (state in ("missing", "blank") and passphrase is not None)
    if kind == "encrypted" and not encrypted_target:
        raise DirectoryError(
            f"{file} is encrypted but {db_path} is not: encrypt the directory first (python main.py encrypt), "
            "then restore"
        )
    # The current directory is backed up (and brought to the current schema) before anything changes.
    before: Path | None = None
    with open_directory(db_path, passphrase=passphrase if encrypted_target else None, daily_backup=False) as current:
        if state in ("ours", "encrypted"):
            before = backup_before(current, "before-restore")
    staging: Path | None = None
    source, source_key = file, (key if kind == "encrypted" else None)
    try:
        if kind == "plain" and encrypted_target:
            from directory_app.core.encryption import export_encrypted

            staging = db_path.with_name(f".{db_path.name}.restoring")
            export_encrypted(file, None, staging, passphrase)  # type: ignore[arg-type]
            source, source_key = staging, passphrase
        src = raw_connect(source, source_key)
        try:
            dst = raw_connect(db_path, passphrase if encrypted_target else None)
            try:
                dst.execute(f"PRAGMA busy_timeout = {10_000}")
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except DRIVER_ERRORS as exc:
        if is_locked_error(exc):
            raise DirectoryError(BUSY_MESSAGE + "; nothing was restored") from None
        raise DirectoryError(f"cannot restore {file}: {exc}; the directory was left as it was") from None
    finally:
        if staging is not None:
            from directory_app.core.encryption import shred

            shred(staging)
    # Bring the restored directory to the current schema (an older backup), prove it opens, and record the restore
    # in its audit log (the log of the directory it replaced is in the backup taken before).
    with open_directory(db_path, passphrase=passphrase if encrypted_target else None, daily_backup=False) as restored:
        from directory_app.core.privacy import audit

        audit(restored, "restore", "the directory replaced by a backup", str(file), [])
    return before


def save_backup(directory: Directory, out: str | os.PathLike[str]) -> Path:
    """A backup of `directory` written to the file `out` on request (`backup_to`), recorded in the audit log as a
    copy of everyone, private details and people not to be shared too: it can be carried anywhere."""
    from directory_app.core.contacts import contact_count
    from directory_app.core.privacy import recorded_export

    target = Path(out).expanduser().absolute()
    detail = "a copy of the whole directory (everyone, private details included)"
    with recorded_export(directory, "backup", detail, target, [], count=contact_count(directory)):
        return backup_to(directory, target)
