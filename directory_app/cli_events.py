"""CLI commands for events (seminars): list them, correct one, merge two, delete one (registered by
cli.build_parser; the work is done by core/events.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date

from directory_app.core.records import DirectoryError, EventRecord, plural


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DirectoryError(f"{option} '{text}' is not a date like 2017-05-12") from None


def _event_json(e: EventRecord) -> dict[str, object]:
    return {
        "id": e.id,
        "name": e.name,
        "start_date": e.start_date.isoformat() if e.start_date else None,
        "end_date": e.end_date.isoformat() if e.end_date else None,
        "city": e.city,
        "country": e.country,
        "organisers": e.organisers,
        "participants": e.participant_count,
    }


def cmd_events(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db, print_table
    from directory_app.core.contacts import list_events

    with open_db(args) as directory:
        events = list_events(directory)
    if args.format == "json":
        json.dump([_event_json(e) for e in events], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        rows = [
            [f"#{e.id}", e.name, e.start_date.isoformat() if e.start_date else "", e.city, e.country or "",
             str(e.participant_count)]
            for e in events
        ]  # fmt: skip
        print_table(rows, ("id", "event", "date", "city", "country", "people"), sys.stdout, limit=80)
    return 0


def event_from_arg(directory, text: str) -> EventRecord:  # directory: Directory
    """An event named on the command line by its id (`events` shows them, "#3" or "3") or its name."""
    from directory_app.core.participants import resolve_event

    text = text.strip()
    if text.lstrip("#").isdigit():
        return resolve_event(directory, int(text.lstrip("#")))
    return resolve_event(directory, text)


def _detail_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--start", metavar="YYYY-MM-DD", help="the first day")
    p.add_argument("--end", metavar="YYYY-MM-DD", help="the last day")
    p.add_argument("--city", help="where it took place")
    p.add_argument("--country", help="the country (name in any language, or ISO code)")
    p.add_argument("--organisers", help="who organised it")


def _country_option(text: str | None, default: str | None) -> str | None:
    from directory_app.core.countries import resolve_country

    if text is None:
        return default
    if not text.strip():
        return None
    code = resolve_country(text)
    if code is None:
        raise DirectoryError(f"--country '{text}' is not a country")
    return code


def cmd_event_new(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.events import create_event

    with open_db(args, create=True) as directory:
        event = create_event(
            directory, name=args.name, start_date=_day(args.start, "--start"), end_date=_day(args.end, "--end"),
            city=args.city or "", country=_country_option(args.country, None), organisers=args.organisers or "",
        )  # fmt: skip
    print(f"event #{event.id}: {event.name}")
    return 0


def cmd_event_edit(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.events import update_event

    with open_db(args) as directory:
        event = event_from_arg(directory, args.event)
        country = _country_option(args.country, event.country)
        _before, after = update_event(
            directory,
            event.id,
            name=event.name if args.name is None else args.name,
            start_date=event.start_date if args.start is None else _day(args.start, "--start"),
            end_date=event.end_date if args.end is None else _day(args.end, "--end"),
            city=event.city if args.city is None else args.city,
            country=country,
            organisers=event.organisers if args.organisers is None else args.organisers,
        )
    print(f"event #{after.id}: {after.name}")
    return 0


def cmd_event_merge(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.events import merge_events

    with open_db(args) as directory:
        merge = merge_events(
            directory, event_from_arg(directory, args.keep).id, event_from_arg(directory, args.other).id
        )
    print(
        f"'{merge.other.name}' merged into '{merge.keep.name}': {plural(len(merge.other_parts), 'participant')} "
        f"moved, {plural(len(merge.batches), 'import')} now belonging to it"
    )
    return 0


def cmd_event_delete(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.core.events import delete_event

    with open_db(args) as directory:
        deleted = delete_event(directory, event_from_arg(directory, args.event).id)
    n = len(deleted.parts)
    who = "the person who took part stays" if n == 1 else f"the {n} people who took part stay"
    print(f"event '{deleted.event.name}' deleted; {who} in the directory")
    return 0


def cmd_event_part(args: argparse.Namespace) -> int:
    from directory_app.cli import open_db
    from directory_app.cli_duplicates import _contact_id
    from directory_app.core.events import set_part

    part = None if args.remove else args.part
    with open_db(args) as directory:
        event = event_from_arg(directory, args.event)
        ids = [_contact_id(directory, text) for text in args.contacts]
        change = set_part(directory, ids, event.id, part)
    done = "taken off" if part is None else f"added as {part} to"
    print(f"{plural(change.changed, 'contact')} {done} '{event.name}' ({len(ids) - change.changed} already so)")
    return 0


def register(sub: argparse._SubParsersAction, add_db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    from directory_app.core import vocab

    p = sub.add_parser("events", help="list the events (seminars) in the directory")
    add_db_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser(
        "event-edit",
        help="correct an event's name, dates, place or organisers",
        description="Correct an event (its id from `events`, or its name). Only the options given change; an empty "
        "value clears a field. The name must stay unique: two names for one seminar are merged with `event-merge`.",
    )
    add_db_option(p)
    p.add_argument("event", metavar="EVENT", help="the event's id or name")
    p.add_argument("--name", help="the new name")
    _detail_options(p)
    p.set_defaults(func=cmd_event_edit)

    p = sub.add_parser(
        "event-new",
        help="add an event no list was imported for (people are then added with `event-part`)",
        description="Add an event, with no one in it yet. Its name must be new.",
    )
    add_db_option(p)
    p.add_argument("name", metavar="NAME", help="the event's name, e.g. 'Regional Meeting on JITs, Ohrid 2026'")
    _detail_options(p)
    p.set_defaults(func=cmd_event_new)

    p = sub.add_parser(
        "event-merge",
        help="merge two events that are one seminar (the second into the first)",
        description="Merge event OTHER into KEEP: OTHER's participants take part in KEEP (a speaker stays a "
        "speaker), its imports belong to KEEP, KEEP's empty details are filled from OTHER's, and OTHER is removed.",
    )
    add_db_option(p)
    p.add_argument("keep", metavar="KEEP", help="the event to keep (id or name)")
    p.add_argument("other", metavar="OTHER", help="the event merged into it and removed (id or name)")
    p.set_defaults(func=cmd_event_merge)

    p = sub.add_parser(
        "event-part",
        help="add contacts to an event's participants (as speakers, organisers) or take them off it",
        description="Record that contacts (their ids or uids, as `search --format json` prints them; ids as "
        "`duplicates` shows them) took part in EVENT, as participants unless --as says otherwise; with --remove, "
        "that they did not (on the list, never came).",
    )
    add_db_option(p)
    p.add_argument("event", metavar="EVENT", help="the event's id or name")
    p.add_argument("contacts", metavar="CONTACT", nargs="+", help="contact uids or ids")
    p.add_argument("--as", dest="part", choices=vocab.PARTS, default="participant")
    p.add_argument("--remove", action="store_true", help="take them off the event instead")
    p.set_defaults(func=cmd_event_part)

    p = sub.add_parser(
        "event-delete",
        help="delete an event (its participants stay in the directory)",
        description="Delete an event and the record of who took part in it. The contacts stay in the directory.",
    )
    add_db_option(p)
    p.add_argument("event", metavar="EVENT", help="the event's id or name")
    p.set_defaults(func=cmd_event_delete)
