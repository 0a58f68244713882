"""Command-line interface over the same core the GUI uses (a stable contract: scripts rely on it).

Exit status: 0 success, 2 a user error (bad file, unknown code...), 1 an unexpected failure (logged, never shown
as a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from directory_app import APP_NAME, __version__
from directory_app.core import vocab
from directory_app.core.countries import is_country_code, resolve_country
from directory_app.core.paths import resolve_db_path, user_data_dir
from directory_app.core.records import ContactRecord, DirectoryError, plural

log = logging.getLogger(__name__)


# ----------------------------------------------------------------------------------------------- shared pieces


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="directory file (default: $DIRECTORY_APP_DB, else the user data folder)",
    )


def add_filter_options(parser: argparse.ArgumentParser, *, with_text: bool = True) -> None:
    """The search filters, shared by `search` and every export command."""
    if with_text:
        parser.add_argument(
            "text", nargs="*", default=[], metavar="TEXT", help="free text: names in any script, organisation..."
        )
    parser.add_argument(
        "--country", action="append", default=[], metavar="CC", help="ISO code or name; repeat for several"
    )
    parser.add_argument("--role", action="append", default=[], metavar="CODE", help="role code; repeat for several")
    parser.add_argument(
        "--expertise", action="append", default=[], metavar="CODE", help="expertise code; repeat for several"
    )
    parser.add_argument(
        "--org-type", action="append", default=[], metavar="CODE", help="organisation type code; repeat"
    )
    parser.add_argument(
        "--event", action="append", default=[], metavar="EVENT", help="event name or id (`events` lists them); repeat"
    )
    parser.add_argument(
        "--saved",
        metavar="NAME",
        help="start from a saved search (`searches` lists them); a filter given replaces its own",
    )


def open_db(args: argparse.Namespace, *, create: bool = False):  # -> Directory
    """Open the --db directory; asks for the passphrase of an encrypted one (see cli_trust). Only the commands
    that add to a directory (`create`: import, event-new) make a new one where there is none."""
    from directory_app.cli_trust import open_db as _open_db

    return _open_db(args, create=create)


def parse_country(text: str) -> str:
    code = text.strip().upper()
    if is_country_code(code):
        return code
    resolved = resolve_country(text)
    if resolved:
        return resolved
    raise DirectoryError(f"unknown country '{text}'; give an ISO 3166 code such as RS, BA, MK, or a country name")


def _codes(vocabulary: str, values: Sequence[str]) -> tuple[str, ...]:
    """Codes given by their code, their label or the words the import reads them in, in any case ("prosecutor",
    "Prosecutor", "tužilac", "THB"), as --country takes names; an unknown one is an error naming the valid codes."""

    def code(value: str) -> str:
        named = vocab.expertise_named(value) if vocabulary == "expertise" else vocab.keyword_named(vocabulary, value)
        return vocab.parse_code(vocabulary, value) or named or value

    return tuple(vocab.check_codes(vocabulary, [code(v) for v in values]))


def build_query(args: argparse.Namespace, directory) -> object:  # -> SearchQuery
    from directory_app.cli_events import event_from_arg
    from directory_app.core.search import SearchQuery

    given = SearchQuery(
        text=" ".join(getattr(args, "text", None) or []),  # "search prosecutor serbia": the words, unquoted
        countries=tuple(dict.fromkeys(parse_country(c) for c in args.country)),
        roles=_codes("role", args.role),
        expertise=_codes("expertise", args.expertise),
        org_types=_codes("org_type", args.org_type),
        events=tuple(event_from_arg(directory, name).id for name in args.event),
    )
    if not getattr(args, "saved", None):
        return given
    from directory_app.core.saved_searches import get_saved_search

    search = get_saved_search(directory, args.saved)
    if not given.events:  # (an --event given replaces the events it named)
        search.check_runnable()
    saved = search.query
    # The words add to the saved search's; a filter given replaces the saved search's filter of that kind.
    return SearchQuery(
        text=" ".join(t for t in (saved.text, given.text) if t),
        countries=given.countries or saved.countries,
        roles=given.roles or saved.roles,
        expertise=given.expertise or saved.expertise,
        org_types=given.org_types or saved.org_types,
        events=given.events or saved.events,
    )


def contact_json(record: ContactRecord) -> dict[str, object]:
    """The JSON shape of a contact (documented in the README; scripts rely on it)."""
    return {
        "id": record.id,
        "uid": record.uid,
        "honorific": record.honorific,
        "given_name": record.given_name,
        "family_name": record.family_name,
        "display_name": record.display_name,
        "latin_name": record.latin_display_name,
        "country": record.country,
        "city": record.city,
        "address": record.address,
        "organisation": record.organisation,
        "organisation_type": record.organisation_type,
        "position": record.position,
        "roles": list(record.roles),
        "expertise": list(record.expertise),
        "keywords": list(record.keywords),
        # The private addresses and numbers apart, and whether the person may be shared: a script that mails or
        # passes on "emails" does not take what the person gave for the organisers only.
        "emails": [e.address for e in record.emails if not e.private],
        "phones": [p.text for p in record.phones if not p.private],
        "private_emails": [e.address for e in record.emails if e.private],
        "private_phones": [p.text for p in record.phones if p.private],
        "shareable": record.shareable,
        "languages": list(record.languages),
        "events": [e.name for e in record.events],
        "last_verified": record.last_verified.isoformat() if record.last_verified else None,
    }


JSON_KEYS = (
    "id", "uid", "honorific", "given_name", "family_name", "display_name", "latin_name", "country", "city", "address",
    "organisation", "organisation_type", "position", "roles", "expertise", "keywords", "emails", "phones",
    "private_emails", "private_phones", "shareable", "languages", "events", "last_verified",
)  # fmt: skip

TABLE_COLUMNS = ("name", "organisation", "country", "roles", "email", "phone")


def _table_cells(record: ContactRecord) -> list[str]:
    name = record.display_name
    if record.latin_display_name != name:
        name = f"{name} ({record.latin_display_name})"
    if not record.shareable:
        name = f"{name} [not to be shared]"
    # A work address or number first; a private one only when there is no other, marked so.
    email = next((e for e in sorted(record.emails, key=lambda e: e.private)), None)
    phone = next((p for p in sorted(record.phones, key=lambda p: p.private)), None)
    return [
        name,
        record.organisation,
        record.country or "",
        ", ".join(record.roles),
        (email.address + (" (private)" if email.private else "")) if email else "",
        (phone.text + (" (private)" if phone.private else "")) if phone else "",
    ]


def print_table(rows: Sequence[Sequence[str]], headers: Sequence[str], out: TextIO, limit: int = 42) -> None:
    """A plain aligned text table; long cells are cut with an ellipsis."""
    cut = [[c if len(c) <= limit else c[: limit - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(headers)]
    out.write("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for row in cut:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _csv_cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


# ----------------------------------------------------------------------------------------------- commands


def cmd_search(args: argparse.Namespace) -> int:
    from directory_app.core.search import named_facets_text, search

    with open_db(args) as directory:
        query = build_query(args, directory)
        records = search(directory, query, limit=args.limit)
        if args.save_as:
            from directory_app.core.saved_searches import save_search

            saved = save_search(directory, args.save_as, query)
            print(f"saved as '{saved.name}': `--saved \"{saved.name}\"` runs it again", file=sys.stderr)
    out = sys.stdout
    if args.format == "json":
        json.dump([contact_json(r) for r in records], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out)
        writer.writerow(JSON_KEYS)
        for r in records:
            row = contact_json(r)
            writer.writerow([_csv_cell(v) for v in row.values()])
    else:
        if records:
            print_table([_table_cells(r) for r in records], TABLE_COLUMNS, out)
        read_as = named_facets_text(query.text)
        also = f" (the words also read as {read_as})" if read_as else ""
        print(f"{len(records)} contact{'s' if len(records) != 1 else ''}{also}", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from directory_app.core.contacts import contact_count
    from directory_app.core.demo import fill_demo
    from directory_app.core.paths import demo_db_path

    path = Path(args.db).expanduser() if args.db else demo_db_path()
    from directory_app.core.store import open_directory

    with open_directory(path) as directory:
        existing = contact_count(directory)
        if existing:
            raise DirectoryError(
                f"{path} already holds {existing} contacts; the demo network goes into a new, empty directory file"
            )
        progress = _progress_printer("demo") if sys.stderr.isatty() else None
        n = fill_demo(directory, size=args.size, seed=args.seed, progress=progress)
    print(f"{n} fictional contacts written to {path}")
    return 0


def cmd_vocab(args: argparse.Namespace) -> int:
    """List the codes of a vocabulary (roles, expertise, organisation types, countries)."""
    out = sys.stdout
    if args.vocabulary == "country":
        from directory_app.core.countries import all_countries

        rows = [[c.code, c.name, c.osce or ""] for c in all_countries()]
        print_table(rows, ("code", "name", "osce"), out, limit=60)
        return 0
    codes = {"role": vocab.ROLES, "expertise": vocab.EXPERTISE, "org_type": vocab.ORG_TYPES}[args.vocabulary]
    print_table([[c, vocab.label(args.vocabulary, c)] for c in codes], ("code", "label"), out, limit=80)
    return 0


ENCODINGS = ("utf-8", "cp1250", "cp1251", "cp1252", "cp1254")


def _plan_import(path: Path, encoding: str | None):  # -> importing.FilePlan
    """A file planned for import; an encrypted directory file asks for its passphrase (the prompt, else
    $DIRECTORY_APP_SOURCE_PASSPHRASE)."""
    from directory_app.cli_trust import SOURCE_PASSPHRASE_ENV, read_passphrase
    from directory_app.core.importing import plan_file
    from directory_app.core.store import PassphraseNeeded

    try:
        return plan_file(path, encoding=encoding)
    except PassphraseNeeded:
        secret = read_passphrase(path, f"{path.name} (the directory to import)", env=SOURCE_PASSPHRASE_ENV)
        return plan_file(path, encoding=encoding, passphrase=secret)


def cmd_import(args: argparse.Namespace) -> int:
    """Import registration lists: every file read first (exit 2 if one cannot be), then one transaction."""

    from directory_app.core.importing import EventSpec, check_usable, import_plans, propose_event, write_report_xlsx

    plans = [_plan_import(Path(path), args.encoding) for path in args.files]
    check_usable(plans)
    proposed = propose_event(plans)
    start = proposed.start_date
    if args.event_date:
        start = _day(args.event_date, "--event-date")
    if args.no_event and (args.event or args.event_date):
        raise DirectoryError("--no-event cannot be given with --event or --event-date")
    if args.no_event:
        proposed = EventSpec("")
    if args.event_date and not (args.event or proposed.name):
        raise DirectoryError("--event-date needs --event: the list's people are recorded in no event of its own")
    event = EventSpec(
        name=args.event or proposed.name,
        start_date=start,
        end_date=proposed.end_date if not args.event_date else start,
        city=proposed.city if not args.event else "",
    )
    with open_db(args, create=True) as directory:
        if args.event and args.event.strip().lstrip("#").isdigit():
            # `--event 3` or `--event "#3"`: the event #3, as events, participants and search take it (it made a new
            # event called "3"); digits that are no event's id are a name.
            from directory_app.cli_events import event_from_arg

            try:
                known = event_from_arg(directory, args.event)
            except DirectoryError:
                if args.event.strip().startswith("#"):
                    raise
            else:
                event = replace(event, name=known.name, start_date=event.start_date or known.start_date)
        progress = _progress_printer("import") if sys.stderr.isatty() else None
        report = import_plans(
            directory,
            plans,
            event=event,
            dry_run=args.dry_run,
            progress=progress,
            take_list_values=args.take_list_values,
            take_newer_values=args.take_newer_values,
        )
    out = sys.stdout
    prefix = "Dry run, nothing written: " if args.dry_run else ""
    out.write(f"{prefix}{', '.join(report.files)} -> {report.event_text}\n")
    for note in report.notes:
        out.write(f"note: {note}\n")
    if proposed.doubt and not args.event_date:
        out.write(f"note: the event's date: {proposed.doubt} (--event-date sets it)\n")
    for file, sheet, reason in report.skipped_sheets:
        out.write(f"sheet skipped: {file}, {sheet}: {reason}\n")
    doubtful = report.doubtful
    if doubtful:
        rows = [[o.sheet, o.row, o.status, o.name or "", o.reason_text] for o in doubtful]
        print_table(rows, ("sheet", "row", "status", "name", "reason"), out, limit=100)
    out.write(report.summary() + "\n")
    if kept_rows := [o for o in report.outcomes if o.takeable and not o.taken]:
        kept = "would be" if args.dry_run else "were"
        newer = sum(1 for o in kept_rows if o.newer)
        also = f", --take-newer-values only those verified later than here ({newer:,})" if newer else ""
        out.write(
            f"note: where the list differs from the directory, the directory's values {kept} kept "
            f"(reported as conflicts); --take-list-values takes the list's{also}\n"
        )
    if args.report:
        path = write_report_xlsx(report, args.report)
        out.write(f"report written to {path}\n")
    return 0


def _coverage_query(args: argparse.Namespace, directory) -> object:  # -> SearchQuery
    from directory_app.cli_events import event_from_arg
    from directory_app.core.search import SearchQuery

    return SearchQuery(
        expertise=tuple(vocab.check_codes("expertise", args.expertise)),
        org_types=tuple(vocab.check_codes("org_type", args.org_type)),
        events=tuple(event_from_arg(directory, name).id for name in args.event),
    )


def cmd_coverage(args: argparse.Namespace) -> int:
    """Contacts per country x role (the same counts `search` gives), grouped by place on the routes."""
    from directory_app.core.contacts import list_events
    from directory_app.core.coverage import (
        ROUTE_SHORT,
        coverage_matrix,
        describe_query,
        role_abbreviation,
        write_coverage_pdf,
        write_coverage_xlsx,
    )

    with open_db(args) as directory:
        query = _coverage_query(args, directory)
        matrix = coverage_matrix(directory, query)
        names = {e.id: e.name for e in list_events(directory)} if args.event else {}
    filters = describe_query(matrix.query, names)
    if args.output:
        target = Path(args.output).expanduser()
        suffix = target.suffix.lower()
        if suffix == ".xlsx":
            write_coverage_xlsx(matrix, target, filters=filters)
        elif suffix == ".pdf":
            write_coverage_pdf(matrix, target, filters=filters)
        else:
            raise DirectoryError(f"cannot tell the format of {target.name}: give a file name ending in .xlsx or .pdf")
        print(f"coverage matrix ({len(matrix.countries)} countries, {len(matrix.gaps())} gaps) written to {target}")
        return 0
    out = sys.stdout
    if args.format == "json":
        json.dump(matrix.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out)
        writer.writerow(["country", "name", "route", *matrix.roles, "contacts"])
        for c in matrix.countries:
            counts = [matrix.count(c.code, r) for r in matrix.roles]
            writer.writerow([c.code, c.name, c.route or "", *counts, matrix.country_totals.get(c.code, 0)])
    else:
        headers = ["route", "country", *(role_abbreviation(r) for r in matrix.roles), "total"]
        rows = [
            [
                ROUTE_SHORT[c.route],
                f"{c.name} ({c.code})",
                *(str(matrix.count(c.code, r)) if not matrix.is_gap(c.code, r) else "-" for r in matrix.roles),
                str(matrix.country_totals.get(c.code, 0)),
            ]
            for c in matrix.countries
        ]
        rows.append(
            ["", "all countries", *(str(matrix.role_totals.get(r, 0)) for r in matrix.roles), str(matrix.total)]
        )
        print_table(rows, headers, out, limit=36)
        legend = ", ".join(f"{role_abbreviation(r)} {vocab.label('role', r)}" for r in matrix.roles)
        print(f"{filters}; {matrix.total} contacts; '-' marks a gap ({len(matrix.gaps())} gaps)", file=sys.stderr)
        print(legend, file=sys.stderr)
    return 0


def cmd_route(args: argparse.Namespace) -> int:
    """Show or set countries' places on the routes (origin, transit, destination)."""
    from directory_app.core.countries import country_name
    from directory_app.core.coverage import ROUTES, parse_route, routes, set_route

    with open_db(args) as directory:
        if args.country:
            code = parse_country(args.country)
            if args.route is None:
                raise DirectoryError("give the place on the routes: origin, transit, destination or none")
            route = parse_route(args.route)
            set_route(directory, code, route)
            print(f"{country_name(code)} ({code}): {route or 'place on the routes cleared'}")
            return 0
        current = routes(directory)
    order = {r: i for i, r in enumerate(ROUTES)}
    rows = sorted(([r, country_name(c), c] for c, r in current.items()), key=lambda row: (order[row[0]], row[1]))
    if rows:
        print_table(rows, ("route", "country", "code"), sys.stdout, limit=60)
    else:
        print("no country has a place on the routes yet; set one with: route CC origin|transit|destination")
    return 0


def cmd_participants(args: argparse.Namespace) -> int:
    """Write the participants list of an event, grouped by country, to a PDF handout or a workbook."""
    from directory_app.cli_events import event_from_arg
    from directory_app.core.participants import export_participants

    with open_db(args, create=False) as directory:
        event = event_from_arg(directory, args.event).id
        plist = export_participants(
            directory, event, Path(args.output).expanduser(), include_unshareable=args.include_unshareable
        )
    note = f"; {plist.left_out} not shareable, left out" if plist.left_out else ""
    print(f"{plist.count} participants of {plist.event.name} written to {args.output}{note}")
    return 0


def _day(text: str, option: str):  # -> date
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DirectoryError(f"{option} '{text}' is not a date like 2026-06-01") from None


def _export(args: argparse.Namespace, fmt: str) -> int:
    """export-vcard / -xlsx / -csv / -pdf / -qr: the contacts matching the filters, in result order."""
    from directory_app.core.exporting import export_contacts
    from directory_app.core.search import search_ids

    split = getattr(args, "split", None) or False
    since = _day(args.changed_since, "--changed-since") if args.changed_since else None
    with open_db(args, create=False) as directory:
        ids = search_ids(directory, build_query(args, directory))
        if since is not None:
            from directory_app.core.exporting import changed_since

            matching, ids = len(ids), changed_since(directory, ids, since)
            if matching and not ids:
                raise DirectoryError(
                    f"none of the {matching} matching contacts changed since {since}; nothing was written"
                )
        if not ids:
            raise DirectoryError("no contacts match; nothing was written")
        progress = _progress_printer("export") if sys.stderr.isatty() else None
        result = export_contacts(
            directory, ids, args.out, fmt, split=split, include_private=args.include_private, progress=progress
        )
    where = f"{result.files} files in {result.path}" if result.files > 1 else str(result.path)
    print(f"{plural(result.count, 'contact')} written to {where}")
    withheld = len(ids) - result.count
    if withheld:
        print(
            f"{plural(withheld, 'contact')} marked not to be shared "
            f"{'were' if withheld != 1 else 'was'} left out (--include-private exports them)"
        )
    return 0


def cmd_export_vcard(args: argparse.Namespace) -> int:
    return _export(args, "vcard")


def cmd_emails(args: argparse.Namespace) -> int:
    """The matching contacts' e-mail addresses, "Name <address>; ...", for a message's To or Bcc."""
    from directory_app.core.mailing import mail_list
    from directory_app.core.search import search_ids

    with open_db(args, create=False) as directory:
        ids = search_ids(directory, build_query(args, directory))
        if not ids:
            raise DirectoryError("no contacts match")
        mails = mail_list(directory, ids, purpose="print")
    print(mails.text if args.separator == "; " else args.separator.join(a for _n, a in mails.recipients))
    if mails.notes:
        print(f"{plural(mails.count, 'address', 'addresses')}; {mails.notes}", file=sys.stderr)
    return 0


def cmd_qr(args: argparse.Namespace) -> int:
    """One contact's QR code saved as an image (.png or .svg)."""
    from directory_app.core.contacts import get_contact
    from directory_app.core.qr import save_qr_image

    with open_db(args, create=False) as directory:
        if get_contact(directory, args.contact) is None:
            raise DirectoryError(f"there is no contact {args.contact}; `search --format json` gives the ids")
        result = save_qr_image(directory, args.contact, args.out, include_private=args.include_private)
    print(f"QR code written to {result.path}")
    if result.note:
        print(result.note)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from directory_app.ui.app import run_gui

    return run_gui(resolve_db_path(args.db))


def _progress_printer(label: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label}: {done:,}/{total:,}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


# ----------------------------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=f"{APP_NAME}: the offline contact network of practitioners against trafficking in human beings "
        "and migrant smuggling. With no command, the desktop window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the desktop window (the default)")
    add_db_option(p)
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("search", help="search the directory by text and facets")
    add_db_option(p)
    add_filter_options(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N results")
    p.add_argument("--save-as", metavar="NAME", help="also keep this search under NAME, to run again with --saved")
    p.set_defaults(func=cmd_search)

    from directory_app.cli_saved import register as register_saved_commands

    register_saved_commands(sub, add_db_option)

    from directory_app.cli_events import register as register_event_commands

    register_event_commands(sub, add_db_option)
    from directory_app.cli_organisations import register as register_organisation_commands

    register_organisation_commands(sub, add_db_option)

    p = sub.add_parser("vocab", help="list the codes of a vocabulary: role, expertise, org_type, country")
    p.add_argument("vocabulary", choices=("role", "expertise", "org_type", "country"))
    p.set_defaults(func=cmd_vocab)

    p = sub.add_parser("demo", help="fill a new directory with a synthetic, fictional network")
    p.add_argument("--db", metavar="PATH", help="directory file to fill (default: demo.db in the user data folder)")
    p.add_argument("--size", type=int, default=300, metavar="N", help="number of contacts (default 300)")
    p.add_argument("--seed", type=int, default=2017, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "import",
        help="import registration lists (.xlsx, .xls, .xml, .ods, .csv), lists of participants in a document or web "
        "page (.docx, .odt, .pdf, .html) or vCards (.vcf)",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="registration list(s); all go in one transaction")
    add_db_option(p)
    p.add_argument("--event", metavar="NAME", help="the event (default: proposed from the title row or file name)")
    p.add_argument("--no-event", action="store_true", help="add the people without recording them in an event")
    p.add_argument("--event-date", metavar="YYYY-MM-DD", help="the event's (first) day")
    p.add_argument("--report", metavar="OUT.xlsx", help="save the report (every skipped or doubtful row) as .xlsx")
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("--encoding", choices=ENCODINGS, help="force the code page of a CSV file")
    p.add_argument(
        "--take-list-values",
        action="store_true",
        help="where the list gives someone already in the directory another position, organisation, name, "
        "country, city or address, take the list's (the directory's goes into the notes); without it they are "
        "kept and reported. A consent 'no' is never undone",
    )
    p.add_argument(
        "--take-newer-values",
        action="store_true",
        help="the same, only from rows verified later than the contact in the directory (another directory's "
        "export says when each was last verified)",
    )
    p.set_defaults(func=cmd_import)

    private_help = "also export contacts marked not to be shared, and private e-mails and phones"
    export_epilog = "Free text goes right after the file name: export-csv OUT.csv Petrović --country RS"
    p = sub.add_parser(
        "export-vcard", help="export contacts as vCards (.vcf) for phones and address books", epilog=export_epilog
    )
    p.add_argument("out", metavar="OUT.vcf", help="file to write (with --split zip: a .zip; folder: a folder)")
    add_db_option(p)
    add_filter_options(p)
    p.add_argument(
        "--split",
        nargs="?",
        const="zip",
        choices=("zip", "folder"),
        help="one .vcf per contact, in a zip (default) or a folder",
    )
    p.add_argument("--include-private", action="store_true", help=private_help)
    p.add_argument("--changed-since", metavar="YYYY-MM-DD", help="only contacts added or changed on that day or after")
    p.set_defaults(func=cmd_export_vcard)

    for fmt, help_text in (
        ("xlsx", "export contacts to an Excel workbook (.xlsx)"),
        ("csv", "export contacts to a CSV file (UTF-8 with BOM, opens right in Excel)"),
        ("pdf", "a contact list to print (.pdf): by country, with e-mails and phones"),
        ("qr", "QR codes to print (.pdf): a card per contact that a phone camera adds to its contacts"),
    ):
        p = sub.add_parser(f"export-{fmt}", help=help_text, epilog=export_epilog)
        p.add_argument("out", metavar="OUT.pdf" if fmt == "qr" else f"OUT.{fmt}", help="file to write")
        add_db_option(p)
        add_filter_options(p)
        p.add_argument("--include-private", action="store_true", help=private_help)
        p.add_argument(
            "--changed-since", metavar="YYYY-MM-DD", help="only contacts added or changed on that day or after"
        )
        p.set_defaults(func=lambda args, fmt=fmt: _export(args, fmt))

    p = sub.add_parser(
        "emails", help="the matching contacts' e-mail addresses, for a message's To or Bcc", epilog=export_epilog
    )
    add_db_option(p)
    add_filter_options(p)
    p.add_argument(
        "--separator", default="; ", help='between addresses; anything but "; " prints the bare addresses (e.g. ",")'
    )
    p.set_defaults(func=cmd_emails)

    p = sub.add_parser("qr", help="save a contact's QR code as an image (.png or .svg), for a badge, slide or message")
    p.add_argument("contact", type=int, metavar="ID", help="the contact's id (search --format json gives it)")
    p.add_argument("out", metavar="OUT.png", help="image to write: OUT.png or OUT.svg")
    add_db_option(p)
    p.add_argument("--include-private", action="store_true", help=private_help)
    p.set_defaults(func=cmd_qr)

    p = sub.add_parser("coverage", help="contacts per country and role: where the network has gaps")
    add_db_option(p)
    p.add_argument(
        "--expertise", action="append", default=[], metavar="CODE", help="expertise code; repeat for several"
    )
    p.add_argument("--org-type", action="append", default=[], metavar="CODE", help="organisation type code; repeat")
    p.add_argument(
        "--event", action="append", default=[], metavar="EVENT", help="only the participants of an event (name or id)"
    )
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--output", "-o", metavar="FILE", help="write the matrix to FILE.xlsx or FILE.pdf instead")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("route", help="show or set countries' places on the routes (origin, transit, destination)")
    add_db_option(p)
    p.add_argument("country", nargs="?", help="ISO code or name of the country to set")
    p.add_argument("route", nargs="?", help="origin, transit, destination, or none to clear")
    p.set_defaults(func=cmd_route)

    p = sub.add_parser("participants", help="write an event's participants list to a .pdf handout or an .xlsx")
    add_db_option(p)
    p.add_argument("event", metavar="EVENT", help="event name or id (see the events command)")
    p.add_argument("output", metavar="OUT", help="file to write: OUT.pdf or OUT.xlsx")
    p.add_argument(
        "--include-unshareable", action="store_true", help="also list participants who did not agree to be shared"
    )
    p.set_defaults(func=cmd_participants)

    from directory_app.cli_duplicates import register as register_duplicate_commands
    from directory_app.cli_trust import register as register_trust_commands

    register_duplicate_commands(sub, add_db_option)
    register_trust_commands(sub, add_db_option)
    return parser


def _log_unexpected(exc: BaseException) -> Path | None:
    try:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "error.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)) + "\n")
        return path
    except OSError:
        return None


def _command_first(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`--db PATH` may come before the command, as global options do in git: `main.py --db my.db import list.xlsx`
    is `main.py import list.xlsx --db my.db`; with no command it opens the window (`main.py --db my.db`)."""
    if not argv:
        return ["gui"]
    if argv[0] == "--db" and len(argv) >= 2:
        option, rest = argv[:2], argv[2:]
    elif argv[0].startswith("--db="):
        option, rest = argv[:1], argv[1:]
    else:
        return argv
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if rest and rest[0] in commands:
        return [rest[0], *option, *rest[1:]]
    return ["gui", *option, *rest]


def _text_streams() -> None:
    """Output any name can be written to. Redirected to a file or a pipe (`emails ... > to.txt`), Python writes in
    the locale's code page on Windows (cp1252), where a Cyrillic or Greek name ended the command with "'charmap'
    codec can't encode": write UTF-8 there, as scripts and Excel read it. A console keeps its own encoding, and a
    letter it cannot show becomes "?" on screen rather than an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue  # replaced by a test or an embedding program: left as it is
        try:
            if stream.isatty():
                reconfigure(errors="replace")
            elif (stream.encoding or "").replace("-", "").lower() != "utf8":
                reconfigure(encoding="utf-8")
        except (OSError, ValueError):
            pass


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _text_streams()
    parser = build_parser()
    args = parser.parse_args(_command_first(parser, argv))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except DirectoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # no traceback reaches a user: it goes to the log file
        from directory_app.core.store import storage_problem

        if (problem := storage_problem(exc)) is not None:  # read-only, disk full, damaged: not a bug
            print(f"error: {problem}", file=sys.stderr)
            return 2
        where = _log_unexpected(exc)
        hint = f" (details in {where})" if where else ""
        print(f"error: unexpected failure: {exc}{hint}", file=sys.stderr)
        return 1
