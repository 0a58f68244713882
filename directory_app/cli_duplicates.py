"""CLI commands for duplicates already in the directory: list them, merge two contacts, mark two as different
people (registered by cli.build_parser; the work is done by core/merging.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict

from directory_app.core.records import DirectoryError


def _contact_id(directory, text: str) -> int:  # directory: Directory
    """A contact named on the command line by its id (`duplicates` and import reports show them) or its uid."""
    from directory_app.core.contacts import find_by_uid

    text = text.strip().lstrip("#")
    with directory.read() as session:
        if text.isdigit():
            # An id no contact has (a typo, a contact deleted meanwhile) is said, not taken as "already so".
            row = session.connection().exec_driver_sql("SELECT id FROM contact WHERE id = ?", (int(text),)).first()
            if row is None:
                raise DirectoryError(f"no contact with id {text} (`search` shows the ids)")
            return int(text)
        found = find_by_uid(session, text)
    if found is None:
        raise DirectoryError(f"no contact with id or uid {text!r}")
    return found


def cmd_duplicates(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db, print_table
    from directory_app.core.merging import find_duplicates

    with open_db(args) as directory:
        scan = find_duplicates(directory, limit=args.limit)
    if args.format == "json":
        json.dump([asdict(p) for p in scan.pairs], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif scan.pairs:
        rows = [
            [f"#{p.first.id}", p.first.name, p.first.organisation, f"#{p.second.id}", p.second.name,
             p.second.organisation, p.first.country or "", p.reason if p.certain else f"{p.reason} ({p.score:.0f}%)"]
            for p in scan.pairs
        ]  # fmt: skip
        headers = ("id", "name", "organisation", "id", "name", "organisation", "country", "why")
        print_table(rows, headers, sys.stdout, 32)
    shown = f"{len(scan.pairs):,} of {scan.total:,}" if scan.total > len(scan.pairs) else f"{scan.total:,}"
    print(
        f"{shown} possible duplicate pair{'s' if scan.total != 1 else ''}"
        + (": merge with `merge KEEP OTHER`, or `duplicates --different A B`" if scan.pairs else ""),
        file=sys.stderr,
    )
    return 0


def cmd_different(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.contacts import get_contacts
    from directory_app.core.merging import mark_not_duplicate

    with open_db(args) as directory:
        ids = [_contact_id(directory, t) for t in args.different]
        records = get_contacts(directory, ids)
        if len(records) != 2:
            missing = [i for i in ids if i not in {r.id for r in records}]
            raise DirectoryError(f"no contact with id {missing[0]}" if missing else "name two different contacts")
        mark_not_duplicate(directory, records[0].uid, records[1].uid)
    print(f"{records[0].display_name} and {records[1].display_name} are different people: no longer listed as a pair")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.merging import merge_contacts, preview_merge

    with open_db(args) as directory:
        keep_id, other_id = _contact_id(directory, args.keep), _contact_id(directory, args.other)
        plan = preview_merge(directory, keep_id, other_id)
        fields = {c.field for c in plan.conflicts}
        labels = {c.label.replace(" ", "-"): c.field for c in plan.conflicts}
        take = []
        for name in args.take or ():
            field = labels.get(name) or (name if name in fields else None)
            if field is None:
                choices = ", ".join(sorted(labels)) or "none: the two agree"
                raise DirectoryError(f"--take {name}: not a field where the two differ ({choices})")
            take.append(field)
        out = sys.stdout
        for word, record in (("keep ", plan.keep), ("merge", plan.other)):
            out.write(f"{word} #{record.id} {record.display_name} ({record.organisation or 'no organisation'})\n")
        for line in plan.additions:
            out.write(f"  adds {line}\n")
        for c in plan.conflicts:
            kept, dropped = (c.other, c.kept) if c.field in take else (c.kept, c.other)
            out.write(f"  {c.label}: keeps '{c.shown(kept)}'; '{c.shown(dropped)}' goes to the notes\n")
        if args.dry_run:
            print("dry run: nothing was changed", file=sys.stderr)
            return 0
        result = merge_contacts(directory, keep_id, other_id, take)
    print(f"merged into #{result.merged.id} {result.merged.display_name}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, add_db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "duplicates",
        help="list contacts that may be the same person (same e-mail or phone, or a close name in one country)",
        description="List pairs of contacts that may be the same person, the most likely first. Merge a pair "
        "with `merge KEEP OTHER`; `--different A B` says two contacts are different people, so that the pair "
        "is not listed again.",
    )
    add_db_option(p)
    p.add_argument("--limit", type=int, default=200, metavar="N", help="list at most N pairs (default 200)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--different", nargs=2, metavar=("A", "B"), help="mark two contacts (ids or uids) as different")
    p.set_defaults(func=lambda args: cmd_different(args) if args.different else cmd_duplicates(args))

    p = sub.add_parser(
        "merge",
        help="merge two contacts into one (the second into the first)",
        description="Merge contact OTHER into KEEP (ids from `duplicates`, or uids). KEEP keeps its uid; empty "
        "fields are filled and e-mails, phones, roles, expertise, languages and seminars added. Where the two "
        "differ, KEEP's value stays (or OTHER's, with --take) and the other value is written into the notes.",
    )
    add_db_option(p)
    p.add_argument("keep", metavar="KEEP", help="the contact to keep (id or uid)")
    p.add_argument("other", metavar="OTHER", help="the contact merged into it and removed (id or uid)")
    p.add_argument(
        "--take",
        action="append",
        metavar="FIELD",
        help="keep OTHER's value of a field where they differ (position, organisation, given-name, ...); repeatable",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    p.set_defaults(func=cmd_merge)
