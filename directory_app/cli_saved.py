"""CLI commands for saved searches: list them, forget one (registered by cli.build_parser). `search --save-as NAME`
saves one, and every command with the search filters takes `--saved NAME`; the work is core/saved_searches.py's."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable


def cmd_searches(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db, print_table
    from directory_app.core.contacts import list_events
    from directory_app.core.saved_searches import delete_saved_search, describe, list_saved_searches

    with open_db(args, create=False) as directory:
        if args.delete:
            gone = delete_saved_search(directory, args.delete)
            print(f"saved search '{gone.name}' forgotten")
            return 0
        saved = list_saved_searches(directory)
        names = {e.id: e.name for e in list_events(directory)} if any(s.query.events for s in saved) else {}
    if args.format == "json":
        rows = [{"name": s.name, "text": s.query.text, "countries": list(s.query.countries),
                 "roles": list(s.query.roles), "expertise": list(s.query.expertise),
                 "org_types": list(s.query.org_types), "events": list(s.query.events)} for s in saved]  # fmt: skip
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif saved:
        rows = [[s.name, describe(s.query, names, s.events_gone)] for s in saved]
        print_table(rows, ("name", "search"), sys.stdout, limit=90)
    else:
        print("no saved searches yet: `search ... --save-as NAME` saves one", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, add_db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("searches", help="list the saved searches (search ... --save-as NAME saves one)")
    add_db_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--delete", metavar="NAME", help="forget the saved search NAME")
    p.set_defaults(func=cmd_searches)
