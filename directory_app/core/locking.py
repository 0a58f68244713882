"""One window per directory: an OS file lock beside the directory file, held while a GUI window has it open.

The lock is the operating system's (fcntl.flock on Linux/macOS, msvcrt.locking on Windows), so it is released when
the process ends however it ends (even kill -9 or a crash): a stale lock file never blocks anyone.

    lock = DirectoryLock(path)
    lock.acquire()          # DirectoryError "... is already open in another window of the app (process 1234)"
    ...
    lock.release()

The CLI does not take it: commands are short, and SQLite's own locking (WAL, busy timeout) keeps them safe beside
a window. Encrypting and changing the passphrase need the file to themselves and check that separately.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from directory_app.core.records import DirectoryError


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path).expanduser().absolute()
    return db_path.with_name(f".{db_path.name}.lock")


class DirectoryLock:
    """An exclusive, non-blocking lock on a directory file (see the module notes)."""

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.db_path = Path(db_path).expanduser().absolute()
        self.path = lock_path(self.db_path)
        self._fh: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def holder(self) -> str:
        """What the lock file says about who holds it (a process id), or ""."""
        try:
            return self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return ""

    def acquire(self) -> None:
        if self._fh is not None:
            return
        try:
            fh = self.path.open("a+", encoding="ascii")
        except OSError as exc:
            raise DirectoryError(f"cannot create the lock file {self.path}: {exc.strerror or exc}") from None
        try:
            _lock(fh)
        except OSError:
            fh.close()
            who = self.holder()
            extra = f" (process {who})" if who.isdigit() else ""
            raise DirectoryError(
                f"{self.db_path} is already open in another window of the app{extra}; switch to that window"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        with contextlib.suppress(OSError):
            fh.seek(0)
            fh.truncate()
            fh.flush()
            _unlock(fh)
        fh.close()  # the empty lock file stays: deleting it could let two processes lock two different files

    def __enter__(self) -> DirectoryLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
