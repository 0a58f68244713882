"""Writing export files safely: a temporary file beside the target, then one atomic replace.

A failed or interrupted export never leaves a half-written file where the user expects a complete one, and
never destroys the file that was there before.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from directory_app.core.records import DirectoryError

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: where (a file or a folder), how many contacts, how many files and bytes."""

    path: Path
    count: int
    files: int = 1
    size: int = 0
    note: str = ""  # a line for the user about what was written (a QR code that holds less than the whole card)


def os_error_text(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_target(path: Path) -> Path:
    """The absolute target path of a file export; DirectoryError when its folder is missing or it is a folder."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise DirectoryError(f"{path} is a folder; give a file name to export to")
    parent = path.parent if str(path.parent) else Path.cwd()
    if not parent.is_dir():
        raise DirectoryError(f"cannot write {path}: the folder {parent} does not exist")
    return path.absolute()


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `path` in one step.

    On any failure the temporary file is removed and `path` is left as it was.
    """
    path = check_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise DirectoryError(f"cannot write to {path.parent}: {os_error_text(exc)}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if path.exists():
            # Keep the permissions of the file being replaced (mkstemp creates it private to the user).
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DirectoryError(f"cannot write {path}: {os_error_text(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> int:
    """Write `data` to `path` atomically; returns the number of bytes written."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return len(data)
