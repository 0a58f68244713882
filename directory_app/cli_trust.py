"""CLI commands for trust: passphrases, encryption, backups and restore (registered by cli.build_parser).

Passphrases: typed at a hidden prompt when stdin is a terminal, read from $DIRECTORY_APP_PASSPHRASE otherwise
(scripts); a new passphrase is typed twice, or read from $DIRECTORY_APP_NEW_PASSPHRASE when changing it in a
script. A passphrase is never taken from the command line (it would stay in the shell history and process list).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from directory_app.core.paths import resolve_db_path
from directory_app.core.records import DirectoryError

PASSPHRASE_ENV = "DIRECTORY_APP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "DIRECTORY_APP_NEW_PASSPHRASE"
PROMPT_TRIES = 3


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_passphrase(path: Path, what: str = "") -> str:
    """The passphrase of an encrypted file: prompted on a terminal, $DIRECTORY_APP_PASSPHRASE otherwise."""
    if _interactive():
        value = getpass.getpass(f"Passphrase for {what or path}: ")
        if not value:
            raise DirectoryError("no passphrase given")
        return value
    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        raise DirectoryError(
            f"{what or path} is encrypted: set {PASSPHRASE_ENV} to its passphrase (or run in a terminal to be asked)"
        )
    return value


def read_new_passphrase(env: str = PASSPHRASE_ENV) -> str:
    """A passphrase about to be set: typed twice on a terminal, read from `env` otherwise; checked for strength."""
    from directory_app.core.store import check_new_passphrase

    if _interactive():
        first = getpass.getpass("New passphrase (8 characters or more): ")
        check_new_passphrase(first)
        if getpass.getpass("Type it again: ") != first:
            raise DirectoryError("the two passphrases differ; nothing was changed")
        return first
    value = os.environ.get(env)
    if not value:
        raise DirectoryError(f"set {env} to the new passphrase (or run in a terminal to be asked)")
    return check_new_passphrase(value)


def open_path(path: Path, *, create: bool = True, daily_backup: bool = True):  # -> Directory
    """Open the directory at `path`, asking for its passphrase when it is encrypted (three tries on a terminal)."""
    from directory_app.core.store import WrongPassphrase, check_file, open_directory

    if check_file(path) != "encrypted":
        return open_directory(path, create=create, daily_backup=daily_backup)
    tries = PROMPT_TRIES if _interactive() else 1
    for attempt in range(tries):
        try:
            return open_directory(path, create=create, passphrase=read_passphrase(path), daily_backup=daily_backup)
        except WrongPassphrase:
            if attempt == tries - 1:
                raise
            print("wrong passphrase, try again", file=sys.stderr)
    raise AssertionError("unreachable")


def open_db(args: argparse.Namespace, *, create: bool = True):  # -> Directory
    return open_path(resolve_db_path(getattr(args, "db", None)), create=create)


def _db_path(args: argparse.Namespace) -> Path:
    return resolve_db_path(getattr(args, "db", None))


# ----------------------------------------------------------------------------------------------- commands


def cmd_encrypt(args: argparse.Namespace) -> int:
    from directory_app.core.encryption import encrypt_directory
    from directory_app.core.store import check_file

    path = _db_path(args)
    if check_file(path) == "encrypted":
        raise DirectoryError(f"{path} is already encrypted; use change-passphrase to change its passphrase")
    passphrase = read_new_passphrase(PASSPHRASE_ENV)
    n = encrypt_directory(path, passphrase)
    extra = f" (and {n} backup{'s' if n != 1 else ''} of it)" if n else ""
    print(f"{path} is now encrypted{extra}; keep the passphrase safe: without it the directory cannot be opened")
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from directory_app.core.encryption import change_passphrase
    from directory_app.core.store import _check_key, check_file

    path = _db_path(args)
    if check_file(path) != "encrypted":
        raise DirectoryError(f"{path} is not encrypted; use encrypt to encrypt it")
    old = read_passphrase(path, f"{path} (current)")
    _check_key(path, old)  # before asking for the new one
    new = read_new_passphrase(NEW_PASSPHRASE_ENV)
    n = change_passphrase(path, old, new)
    extra = f" (and of {n} backup{'s' if n != 1 else ''})" if n else ""
    print(f"passphrase of {path} changed{extra}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from directory_app.core.backup import backup_to

    with open_db(args, create=False) as directory:
        out = backup_to(directory, args.out)
        encrypted = directory.encrypted
    note = " (encrypted with the directory's passphrase)" if encrypted else ""
    print(f"backup written to {out}{note}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    import json

    from directory_app.core.backup import backups_dir, list_backups

    path = _db_path(args)
    backups = list_backups(path)
    if args.format == "json":
        rows = [
            {"file": str(b.path), "taken_at": b.taken_at.isoformat(timespec="seconds"), "reason": b.reason}
            for b in backups
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not backups:
        print(f"no automatic backups yet (they go to {backups_dir(path)})", file=sys.stderr)
        return 0
    from directory_app.cli import print_table

    rows = [
        [b.taken_at.strftime("%Y-%m-%d %H:%M:%S"), b.reason, f"{b.size // 1024:,} KB", str(b.path)] for b in backups
    ]
    print_table(rows, ("taken", "reason", "size", "file"), sys.stdout, limit=200)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from directory_app.core.backup import check_backup, restore_backup
    from directory_app.core.store import check_file, open_directory

    path = _db_path(args)
    file = Path(args.file).expanduser()
    state = check_file(path)
    passphrase = read_passphrase(path) if state == "encrypted" else None
    if passphrase is not None:
        open_directory(path, passphrase=passphrase, daily_backup=False).close()  # the passphrase is right
    backup_key = passphrase
    if check_file(file) == "encrypted" and passphrase is None:
        backup_key = read_passphrase(file, f"the backup {file}")
    check_backup(file, backup_key)
    before = restore_backup(path, file, passphrase=passphrase, backup_passphrase=backup_key)
    print(f"{path} restored from {file}")
    if before:
        print(f"the directory as it was before is saved in {before}")
    return 0


def register(sub: argparse._SubParsersAction, add_db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the trust commands to the CLI's sub-commands."""
    p = sub.add_parser(
        "encrypt",
        help="encrypt the directory with a passphrase (a new directory is created encrypted)",
        description="Encrypt the directory and its backups. The passphrase is asked twice on a terminal, "
        f"or read from ${PASSPHRASE_ENV}. Close the directory in every window first.",
    )
    add_db_option(p)
    p.set_defaults(func=cmd_encrypt)

    p = sub.add_parser(
        "change-passphrase",
        help="change the passphrase of an encrypted directory",
        description=f"The current passphrase is asked on a terminal or read from ${PASSPHRASE_ENV}; the new one is "
        f"asked twice or read from ${NEW_PASSPHRASE_ENV}. Backups are re-keyed too.",
    )
    add_db_option(p)
    p.set_defaults(func=cmd_change_passphrase)

    p = sub.add_parser("backup", help="write a backup copy of the directory to a file")
    add_db_option(p)
    p.add_argument("out", metavar="OUT", help="the backup file to write")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help="list the automatic backups of the directory")
    add_db_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser(
        "restore",
        help="replace the directory by a backup (the current one is backed up first)",
        description="The backup is checked first: a directory file of this app, intact, readable with the "
        "passphrase. The current directory is backed up before it is replaced.",
    )
    add_db_option(p)
    p.add_argument("file", metavar="FILE", help="the backup file to restore")
    p.set_defaults(func=cmd_restore)
