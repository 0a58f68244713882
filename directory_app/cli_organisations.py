"""CLI commands for organisations: list them, rename one or merge it into another of that name (registered by
cli.build_parser; the work is done by core/organisations.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from directory_app.core.records import DirectoryError, plural


def cmd_organisations(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db, print_table
    from directory_app.core.organisations import list_organisations

    with open_db(args) as directory:
        organisations = list_organisations(directory)
    if args.format == "json":
        rows = [{"id": o.id, "name": o.name, "country": o.country, "type": o.type, "contacts": o.contacts}
                for o in organisations]  # fmt: skip
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        rows = [[f"#{o.id}", o.name, o.country or "", o.type or "", str(o.contacts)] for o in organisations]
        print_table(rows, ("id", "organisation", "country", "type", "contacts"), sys.stdout, limit=80)
    return 0


def cmd_organisation_rename(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.organisations import rename_organisation

    text = args.organisation.strip().lstrip("#")
    if not text.isdigit():
        raise DirectoryError(f"'{args.organisation}' is not an organisation id; `organisations` lists them")
    with open_db(args) as directory:
        change = rename_organisation(directory, int(text), args.name, args.type)
    verb = "merged into" if change.merged else "renamed"
    print(f"'{change.before.name}' {verb} '{change.name}' ({plural(len(change.contacts), 'contact')})")
    return 0


def register(sub: argparse._SubParsersAction, add_db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    from directory_app.core import vocab

    p = sub.add_parser("organisations", help="list the organisations with their country, type and contacts")
    add_db_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_organisations)

    p = sub.add_parser(
        "organisation-rename",
        help="rename an organisation, or merge it into another of that name in the same country",
        description="Give organisation ID (from `organisations`) another name, and with --type another type. When "
        "another organisation of the same country has that name, the two become one. Its contacts follow.",
    )
    add_db_option(p)
    p.add_argument("organisation", metavar="ID", help="the organisation's id")
    p.add_argument("name", metavar="NAME", help="its new name")
    p.add_argument("--type", choices=vocab.ORG_TYPES, help="its type")
    p.set_defaults(func=cmd_organisation_rename)
