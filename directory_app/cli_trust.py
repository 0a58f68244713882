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
from directory_app.core.records import DirectoryError, plural

PASSPHRASE_ENV = "DIRECTORY_APP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "DIRECTORY_APP_NEW_PASSPHRASE"
SOURCE_PASSPHRASE_ENV = "DIRECTORY_APP_SOURCE_PASSPHRASE"  # an encrypted directory file being imported
PROMPT_TRIES = 3


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_passphrase(path: Path, what: str = "", env: str = PASSPHRASE_ENV) -> str:
    """The passphrase of an encrypted file: prompted on a terminal, `env` ($DIRECTORY_APP_PASSPHRASE) otherwise."""
    if _interactive():
        value = getpass.getpass(f"Passphrase for {what or path}: ")
        if not value:
            raise DirectoryError("no passphrase given")
        return value
    value = os.environ.get(env)
    if not value:
        raise DirectoryError(
            f"{what or path} is encrypted: set {env} to its passphrase (or run in a terminal to be asked)"
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

    state = check_file(path)
    if not create and state in ("missing", "blank"):
        # A mistyped --db made a new, empty directory, and "0 contacts" looked like an empty network.
        what = "an empty file" if state == "blank" else "no directory there"
        raise DirectoryError(f"{path}: {what} (check --db; `import` creates a directory from a list)")
    if state != "encrypted":
        return _said_if_damaged(open_directory(path, create=create, daily_backup=daily_backup))
    tries = PROMPT_TRIES if _interactive() else 1
    for attempt in range(tries):
        try:
            return _said_if_damaged(
                open_directory(path, create=create, passphrase=read_passphrase(path), daily_backup=daily_backup)
            )
        except WrongPassphrase:
            if attempt == tries - 1:
                raise
            print("wrong passphrase, try again", file=sys.stderr)
    raise AssertionError("unreachable")


def _said_if_damaged(directory):  # -> Directory
    if directory.damage:
        print(f"warning: {directory.damage} (`backups` lists them, `restore` puts one back)", file=sys.stderr)
    return directory


def open_db(args: argparse.Namespace, *, create: bool = False):  # -> Directory
    """The --db directory (else the default one); only the commands that add to it (`create`) make a new one."""
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
    from directory_app.core.backup import save_backup

    with open_db(args, create=False) as directory:
        out = save_backup(directory, args.out)
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


def cmd_imports(args: argparse.Namespace) -> int:
    import json

    from directory_app.core.batches import list_imports

    with open_db(args, create=False) as directory:
        batches = list_imports(directory)
    if args.format == "json":
        json.dump([b.to_json() for b in batches], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not batches:
        print("no imports recorded yet", file=sys.stderr)
        return 0
    from directory_app.cli import print_table

    rows = [
        [
            str(b.id),
            b.created_at.strftime("%Y-%m-%d %H:%M"),
            b.file,
            b.event_text,
            f"{b.created}/{b.updated}/{b.unchanged}/{b.skipped}",
            b.rolled_back_at.strftime("rolled back %Y-%m-%d %H:%M") if b.rolled_back_at else "",
        ]
        for b in batches
    ]
    print_table(rows, ("id", "time", "file", "event", "new/upd/same/skip", "state"), sys.stdout, limit=60)
    return 0


def cmd_rollback_import(args: argparse.Namespace) -> int:
    from directory_app.core.backup import backup_before
    from directory_app.core.batches import ChangedSince, rollback_import

    with open_db(args, create=False) as directory:
        backup_before(directory, "rollback")
        try:
            result = rollback_import(directory, args.id, force=args.force)
        except ChangedSince as exc:  # "... or force it": say how, on the command line
            raise DirectoryError(f"{exc} (`rollback-import {args.id} --force`)") from None
    print(
        f"import {result.batch_id} rolled back: {result.deleted} contacts it created deleted, "
        f"{result.restored} restored as they were{result.events_text}"
    )
    if result.discarded:
        print(f"later changes discarded for: {', '.join(result.discarded)}")
    if result.left_merged:
        print(f"left as they are (merged with another contact since): {', '.join(result.left_merged)}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from directory_app.core.privacy import audit_csv, audit_json, list_audit

    with open_db(args, create=False) as directory:
        entries = list_audit(directory, contact_uid=args.contact, action=args.action, limit=args.limit)
    if args.format == "json":
        text = audit_json(entries)
    elif args.format == "csv":
        text = audit_csv(entries)
    else:
        from directory_app.cli import print_table

        if not entries:
            print("the audit log is empty", file=sys.stderr)
            return 0
        rows = [[e.at.strftime("%Y-%m-%d %H:%M"), e.action, str(e.count), e.detail, e.target] for e in entries]
        print_table(rows, ("when (UTC)", "action", "contacts", "what", "file"), sys.stdout, limit=70)
        return 0
    if args.output:
        from directory_app.core.fileio import atomic_write_bytes

        atomic_write_bytes(Path(args.output), text.encode("utf-8"))
        print(f"{len(entries)} audit entries written to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    import json

    from directory_app.core.privacy import not_verified_since

    if args.years < 0:
        raise DirectoryError("--years cannot be negative")
    with open_db(args, create=False) as directory:
        records = not_verified_since(directory, args.years)
    if args.format == "json":
        from directory_app.cli import contact_json

        json.dump([contact_json(r) for r in records], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from directory_app.cli import print_table

        rows = [
            [
                r.display_name,
                r.organisation,
                r.country or "",
                r.last_verified.isoformat() if r.last_verified else f"never (added {r.created_at:%Y-%m-%d})",
                r.uid,
            ]
            for r in records
        ]
        if rows:
            print_table(rows, ("name", "organisation", "country", "last verified", "uid"), sys.stdout)
    print(f"{len(records)} contacts not verified for {args.years} years", file=sys.stderr)
    return 0


def cmd_verified(args: argparse.Namespace) -> int:
    from directory_app.cli import _day
    from directory_app.cli_duplicates import _contact_id
    from directory_app.core.privacy import mark_verified

    day = _day(args.on, "--on") if args.on else None
    with open_db(args, create=False) as directory:
        ids = [_contact_id(directory, text) for text in args.contacts]
        change = mark_verified(directory, ids, day)
    unknown = len(set(ids)) - len(change.before)
    already = len(change.before) - change.changed
    more = [f"{already} already so"] if already else []
    more += [f"{plural(unknown, 'id')} not found"] if unknown else []
    extra = f" ({', '.join(more)})" if more else ""
    print(f"{plural(change.changed, 'contact')} marked as verified on {change.day.isoformat()}{extra}")
    return 0 if not unknown else 2


def cmd_erase(args: argparse.Namespace) -> int:
    from directory_app.cli_duplicates import _contact_id
    from directory_app.core.privacy import erase_contact

    with open_db(args, create=False) as directory:
        uid = args.uid
        if uid.strip().lstrip("#").isdigit():  # an id, as merge, verified and event-part take them
            from directory_app.core.contacts import get_contact

            record = get_contact(directory, _contact_id(directory, uid))
            uid = record.uid if record is not None else uid
        result = erase_contact(directory, uid, also_mentions=args.also_mentions)
    print(f"erased {result.uid}: {result.rows} rows removed, {result.audit_entries} audit entries keep only a count")
    if result.names_removed:
        reads = "reads" if result.names_removed == 1 else "read"
        print(f"{plural(result.names_removed, 'file name')} in the audit log and import history that named the person "
              f"now {reads} \"(erased)\"")  # fmt: skip
    for note in result.notes:  # events renamed, saved searches removed, the backups that still hold the person
        print(note)
    for line in result.mention_lines:  # the other contacts that mention the person, with the words around it
        print(f"  {line}")
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

    p = sub.add_parser("imports", help="list the imports recorded (each can be rolled back)")
    add_db_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_imports)

    p = sub.add_parser(
        "rollback-import",
        help="undo an import: delete what it created, restore what it changed",
        description="Refused when contacts of the import changed since (edited, or touched by a later import); "
        "--force discards those later changes. The directory is backed up first.",
    )
    add_db_option(p)
    p.add_argument("id", type=int, metavar="ID", help="the import's id (see `imports`)")
    p.add_argument("--force", action="store_true", help="roll back even if its contacts changed since")
    p.set_defaults(func=cmd_rollback_import)

    p = sub.add_parser("audit", help="show or export the audit log of exports and edits")
    add_db_option(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--contact", metavar="UID", help="only the entries about this contact")
    p.add_argument("--action", metavar="ACTION", help="only this action (export-vcard, edit, erase...)")
    p.add_argument("--limit", type=int, metavar="N", help="the newest N entries")
    p.add_argument("-o", "--output", metavar="FILE", help="write the json/csv to FILE instead of the screen")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("review", help="list contacts not verified for a number of years")
    add_db_option(p)
    p.add_argument("--years", type=int, default=2, metavar="N", help="not verified for N years (default 2)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser(
        "verified",
        help="record that contacts' details were checked (today, or --on a day)",
        description="Record that the contacts' details were checked: called, or answered an e-mail. The date travels "
        "with exports; `review` lists the contacts not verified for some years.",
    )
    add_db_option(p)
    p.add_argument("contacts", metavar="CONTACT", nargs="+", help="contact uids or ids (search --format json)")
    p.add_argument("--on", metavar="DATE", help="the day they were checked, e.g. 2026-11-20 (default: today)")
    p.set_defaults(func=cmd_verified)

    p = sub.add_parser("erase", help="erase a person completely (all tables, import history, audit links)")
    add_db_option(p)
    p.add_argument("uid", metavar="CONTACT", help="the contact's uid or id (see search --format json)")
    p.add_argument(
        "--also-mentions",
        action="store_true",
        help="also replace the person's name with \"(erased)\" in other contacts' notes, position, address and "
        "keywords (without it they are only listed)",
    )
    p.set_defaults(func=cmd_erase)
