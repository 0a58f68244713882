"""A file as the importer sees it: its sheets planned (header + mapping), its rows, and a proposed event."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from directory_app.core.bulk import collector_paused
from directory_app.core.countries import country_name, resolve_country
from directory_app.core.dates import full_year, looks_like_day, numeric_day
from directory_app.core.dates import month_number as _month
from directory_app.core.folding import fold, proper_case
from directory_app.core.importing.forms import form_sheet
from directory_app.core.importing.groups import one_row_per_person
from directory_app.core.importing.mapping import SheetPlan, address_book, normalise_header, plan_sheet, split_sections
from directory_app.core.importing.names import name_order
from directory_app.core.importing.normalise import SourceRow, date_of, rows_of_sheet
from directory_app.core.importing.pipeline import NO_EVENT, EventSpec
from directory_app.core.importing.reading import Cell, Sheet, Workbook, cell_text, read_workbook
from directory_app.core.records import plural


@dataclass
class FilePlan:
    workbook: Workbook
    sheets: list[SheetPlan]
    selected: set[str] = field(default_factory=set)  # names of the sheets to import (default: every usable one)
    # The dates and places of events a sheet of the file lists (a directory's export), by sheet name.
    events: dict[str, list[EventSpec]] = field(default_factory=dict)
    # An import report (its rows corrected to be imported again): the name of its summary sheet, and the event
    # it names ("" when its rows named their own events); None for any other file.
    report: tuple[str, str] | None = None
    # Several files read as one (`combine_plans`): the file and sheet each of its sheets came from, by its name here.
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)
    # ... and what was said of each of those files (`_file_notes`: how a text file was read, an import report).
    file_notes: list[str] = field(default_factory=list)
    # The rows of each sheet plan as last normalised, with the plan and what of it they were read with.
    _normalised: dict[int, tuple[SheetPlan, tuple, list[SourceRow]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def name(self) -> str:
        if self.origins:
            files = list(dict.fromkeys(file for file, _sheet in self.origins.values()))
            return f"{files[0]} and {plural(len(files) - 1, 'other file')}" if len(files) > 1 else files[0]
        return self.workbook.name

    @property
    def file_names(self) -> list[str]:
        """The files the plan reads: one, or those it was combined from."""
        return list(dict.fromkeys(file for file, _sheet in self.origins.values())) or [self.workbook.name]

    @property
    def usable(self) -> list[SheetPlan]:
        return [p for p in self.sheets if p.usable and p.sheet.name in self.selected]

    def notes(self) -> list[str]:
        out = list(self.file_notes) if self.origins else self._file_notes()

        def where(plan: SheetPlan) -> str:
            file, sheet = self._origin(plan)
            return f"{file}, sheet {sheet}"

        headed = 0  # tables under a country's heading ("Croatia (3)"), each named after it
        for plan in self.sheets:
            if plan.usable and plan.sheet.hidden_columns:
                cols = sorted(plan.sheet.hidden_columns)
                names = [plan.headers[c] or f"column {c + 1}" for c in cols if c < len(plan.headers)]
                out.append(f"{where(plan)}: hidden columns read too: {', '.join(names)}")
            if plan.usable and plan.sheet.hidden:
                out.append(f"{where(plan)} is hidden; its rows were read and flagged")
            if plan.usable and plan.country and _headed_by_country(plan):
                headed += 1  # its name says the country: one note for them all, below
            elif plan.usable and plan.country:
                out.append(f"{where(plan)}: rows that name no country are in {country_name(plan.country)}")
            if plan.usable and plan.sheet.people_per_row > 1:
                out.append(
                    f"{where(plan)}: each row holds up to {plan.sheet.people_per_row} people "
                    "(numbered groups of columns): read as one row per person"
                )
            if plan.usable and (unread := _columns_not_read(plan)):
                what = (
                    f"column {unread[0]} not imported: its header is not one the importer knows"
                    if len(unread) == 1
                    else f"columns {', '.join(unread)} not imported: their headers are not ones the importer knows"
                )
                out.append(f"{where(plan)}: {what} (a field can be chosen in 'Check the columns')")
            # The order of full names, when the list told it (and the full names are read: no name columns).
            split = plan.usable and not {"given_name", "family_name"} & set(plan.mapping)
            for column, target in enumerate(plan.mapping if split else ()):
                if target == "full_name" and (reason := name_order(plan, column).reason):
                    header = plan.headers[column] if column < len(plan.headers) else f"column {column + 1}"
                    out.append(f"{where(plan)}: names in '{header}' {reason}")
        if headed:
            out.append(
                f"{self.name}: {plural(headed, 'table')} under a country's heading: their rows that name no country "
                "are in it"
            )
        return out

    def _file_notes(self) -> list[str]:
        """What is said of the file itself: what kind of file it is, how its text was read."""
        wb = self.workbook
        out = [f"{wb.name}: {note}" for note in wb.notes]
        if self.report is not None:
            into = f"the event '{self.report[1]}'" if self.report[1] else "the events they name"
            out.append(f"{wb.name} is an import report: its rows are imported again, into {into}")
        if wb.kind == "directory":
            people = sum(len(p.sheet.rows) - 1 for p in self.sheets if p.usable)
            out.append(
                f"{wb.name} is a directory: its {plural(people, 'contact')} and "
                f"{plural(sum(map(len, self.events.values())), 'event')} are imported, the same people merged"
            )
        for sheet, events in self.events.items() if wb.kind != "directory" else ():
            out.append(f"{wb.name}, sheet {sheet}: the dates and places of {plural(len(events), 'event')}")
        if wb.kind == "csv":
            how = "guessed" if wb.encoding_guessed else "read"
            delim = {"\t": "tab", ",": "comma", ";": "semicolon"}.get(wb.delimiter or ",", wb.delimiter)
            out.append(f"{wb.name}: text encoding {how} as {wb.encoding}, columns separated by {delim}")
        return out

    def skipped_sheets(self) -> list[tuple[str, str, str]]:
        explained = {*self.events, *(self.report[:1] if self.report else ())}  # said in the notes instead
        out = [(*self._origin(p), p.reason) for p in self.sheets if not p.usable and p.sheet.name not in explained]
        unselected = [p for p in self.sheets if p.usable and p.sheet.name not in self.selected]
        out += [(*self._origin(p), "not selected") for p in unselected]
        return out

    def _origin(self, plan: SheetPlan) -> tuple[str, str]:
        """(file, sheet) a sheet plan was read from."""
        return self.origins.get(plan.sheet.name, (self.name, plan.sheet.name))

    def bulk(self) -> list[list]:
        """The plan's large lists: each sheet's grid of cells and its normalised rows. For a caller done with the
        plan that frees them a slice at a time (`ui.gc_guard.drop_between_turns`): a 10,000-row list is about
        470,000 objects, and freeing them in one statement takes a tenth of a second or more."""
        lists: list[list] = [sheet.rows for sheet in self.workbook.sheets]
        lists += [rows for _plan, _key, rows in self._normalised.values()]
        return lists

    def rows(self) -> Iterator[SourceRow]:
        for plan in self.usable:
            yield from self._rows_of(plan)

    def _rows_of(self, plan: SheetPlan) -> list[SourceRow]:
        """A sheet's rows, normalised once for as long as its plan stays the same: the wizard's preview (a dry
        run), the records it shows and the import itself read the same rows, and normalising them is the larger
        part of an import's work (rows are not changed by importing them). A mapping corrected in the wizard
        makes a new plan, read anew."""
        key = (plan.header_index, tuple(plan.headers), tuple(plan.mapping), plan.part)
        hit = self._normalised.get(id(plan))
        if hit is not None and hit[0] is plan and hit[1] == key:
            return hit[2]
        file, sheet = self._origin(plan)
        with collector_paused():
            rows = list(rows_of_sheet(plan, file))
            if sheet != plan.sheet.name:
                rows = [replace(row, sheet=sheet) for row in rows]  # as the file names it, not "file – sheet"
        self._normalised[id(plan)] = (plan, key, rows)
        return rows


def _headed_by_country(plan: SheetPlan) -> bool:
    """Whether a table's country is the heading it was found under, which its name shows ("Table 1 – Croatia (3)")."""
    name = plan.sheet.name
    return " – " in name and resolve_country(name.rsplit(" – ", 1)[1]) == plan.country


def _columns_not_read(plan: SheetPlan) -> list[str]:
    """The headers of the columns the mapping leaves out although their cells hold something: a language's word
    for "e-mail" the importer does not know would lose every address without a word."""
    start = (plan.header_index or 0) + 1
    out = []
    for col, target in enumerate(plan.mapping):
        header = plan.headers[col].strip() if col < len(plan.headers) else ""
        if (
            target is None
            and header
            and any(col < len(row) and cell_text(row[col].value) for row in plan.sheet.rows[start:])
        ):
            out.append(f"'{header}'")
    return out


def plan_file(
    path: str | Path,
    *,
    encoding: str | None = None,
    mappings: Mapping[str, Sequence[str | None]] | None = None,
    passphrase: str | None = None,
) -> FilePlan:
    """Read a file (DirectoryError if it cannot be) and plan each of its sheets.

    `mappings` gives remembered or corrected column mappings by `SheetPlan.header_key()`; `passphrase` opens an
    encrypted directory file (store.PassphraseNeeded without it).
    """
    with collector_paused():
        workbook = read_workbook(path, encoding=encoding, passphrase=passphrase)
        plans: list[SheetPlan] = []
        for sheet in (section for whole in workbook.sheets for section in split_sections(whole)):
            plan = plan_sheet(sheet)
            if not plan.usable and (form := form_sheet(sheet)) is not None and (read := plan_sheet(form)).usable:
                plan = read  # one person's registration form: labels and answers, a pair a row
            if plan.usable and (per_person := one_row_per_person(plan)) is not None:
                plan = per_person  # a delegation on each row: one row per delegate
            if plan.usable and mappings and plan.header_key() in mappings:
                plan = plan_sheet(plan.sheet, mappings[plan.header_key()], plan.header_index)
            if not plan.usable and workbook.kind in _DOCUMENT_KINDS and (more := _continued(plans, sheet)):
                plan = more  # a document's table that goes on in a table of its own, without the header
            plans.append(plan)
        events = {p.sheet.name: found for p in plans if not p.usable and (found := event_table(p.sheet))}
        report = next((found for p in plans if not p.usable and (found := report_summary(p.sheet))), None)
    return FilePlan(workbook, plans, {p.sheet.name for p in plans if p.usable}, events, report)


_DOCUMENT_KINDS = frozenset({"docx", "odt"})


def _continued(plans: Sequence[SheetPlan], sheet: Sheet) -> SheetPlan | None:
    """A document's table with no header of its own, as wide as the table before it, read under that table's
    header: Word and Writer split a table where a page or a paragraph breaks it ("Table 2" holding the list's last
    rows), and those people were dropped ("no header row")."""
    before = next((p for p in reversed(plans) if p.usable and p.header_index is not None), None)
    if before is None or not plans or plans[-1] is not before or not sheet.rows:
        return None
    header = before.sheet.rows[before.header_index]
    if max(len(row) for row in sheet.rows) != len(header):
        return None
    more = replace(sheet, rows=[header, *sheet.rows], row_numbers=[0, *sheet.row_numbers])
    plan = plan_sheet(more, before.mapping, 0)
    return plan if plan.usable else None


def combine_plans(plans: Sequence[FilePlan]) -> FilePlan:
    """Several files' plans as one, for the import wizard's pages (thirty registration forms come back at once):
    their sheets side by side, each named after its file ("form_3.docx – Table 1"); each row still names its own
    file and sheet. One plan is returned as it is."""
    if len(plans) == 1:
        return plans[0]
    sheets: list[SheetPlan] = []
    origins: dict[str, tuple[str, str]] = {}
    events: dict[str, list[EventSpec]] = {}
    renamed: dict[tuple[int, str], str] = {}
    for n, fp in enumerate(plans):
        for plan in fp.sheets:
            name = f"{fp.name} – {plan.sheet.name}"
            if name in origins:
                name = f"{name} ({n + 1})"  # two files of one name from different folders
            renamed[(n, plan.sheet.name)] = name
            origins[name] = (fp.name, plan.sheet.name)
            sheets.append(replace(plan, sheet=replace(plan.sheet, name=name)))
        for sheet, found in fp.events.items():
            events[renamed[(n, sheet)]] = found
    report = next(((renamed[(n, fp.report[0])], fp.report[1]) for n, fp in enumerate(plans) if fp.report), None)
    workbook = Workbook(plans[0].workbook.path, "files", [plan.sheet for plan in sheets])
    selected = {renamed[(n, name)] for n, fp in enumerate(plans) for name in fp.selected}
    file_notes = [note for fp in plans for note in fp._file_notes()]
    return FilePlan(workbook, sheets, selected, events, report, origins, file_notes)


REPORT_SUMMARY_SHEET = "Summary"
NO_EVENT_OF_ITS_OWN = "the events each row names"  # the report's Event line for such an import


def report_summary(sheet: Sheet) -> tuple[str, str] | None:
    """(sheet name, event) of an import report's summary sheet (report.write_report_xlsx), else None."""
    if sheet.name != REPORT_SUMMARY_SHEET:
        return None
    lines = {cell_text(row[0].value): cell_text(row[1].value) for row in sheet.rows[:4] if len(row) >= 2}
    if "Files" not in lines or "Event" not in lines:
        return None
    event = lines["Event"]
    return sheet.name, "" if event in (NO_EVENT_OF_ITS_OWN, NO_EVENT) else event


_EVENT_HEADERS = {
    "name": ("event", "event name", "seminar", "name"),
    "start": ("first day", "start", "start date", "from", "date"),
    "end": ("last day", "end", "end date", "to", "until"),
    "city": ("city", "place", "venue"),
    "country": ("country",),
    "organisers": ("organisers", "organizers", "organised by", "organized by"),
}


def event_table(sheet: Sheet) -> list[EventSpec]:
    """The events a sheet lists with their dates and places, under a header row "Event | First day | Last day |
    City | Country | Organisers" (an export's "Events" sheet); [] when it is not such a table."""
    rows = [row for row in sheet.rows if any(cell_text(c.value) for c in row)]
    if not rows:
        return []
    header = [" ".join(cell_text(c.value).casefold().split()) for c in rows[0]]
    columns = {  # the first of a key's words the header has ("Event" before "Name")
        key: header.index(found)
        for key, words in _EVENT_HEADERS.items()
        if (found := next((word for word in words if word in header), None)) is not None
    }
    if "name" not in columns or "start" not in columns:
        return []

    def text(row: list[Cell], key: str) -> str:
        col = columns.get(key)
        return cell_text(row[col].value) if col is not None and col < len(row) else ""

    def day(row: list[Cell], key: str) -> date | None:
        col = columns.get(key)
        return date_of(row[col].value) if col is not None and col < len(row) else None

    events = []
    for row in rows[1:]:
        if name := " ".join(text(row, "name").split()):
            country = text(row, "country")
            events.append(
                EventSpec(
                    name,
                    day(row, "start"),
                    day(row, "end"),
                    text(row, "city"),
                    resolve_country(country) if country else None,
                    text(row, "organisers"),
                )
            )
    return events


# ------------------------------------------------------------------------------------------------ event

_ISO = re.compile(r"\b(20\d\d|19\d\d)[-_.](\d\d)[-_.](\d\d)\b")
# A date with a 12-hour time is written month first (US English: Teams' "6/3/25, 9:58:12 AM" is 3 June 2025).
_MDY_CLOCK = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?[Mm]\b")
# "12.03.2025", "12-14.03.2025", and as the region writes a range: "12. - 14.03.2025.", "12. – 14. 3. 2025."
_DMY = re.compile(r"\b(\d{1,2})(?:\.?\s*[-–]\s*(\d{1,2}))?\s*[./]\s*(\d{1,2})\s*[./]\s*(20\d\d|19\d\d|\d\d)\b")
# "14-05-25", "14-05-2025": hyphens between the day, the month and the year (not a range, which is "12-14.05.")
_DMY_DASHED = re.compile(r"(?<![\d.-])(\d{1,2})-(\d{1,2})-(20\d\d|19\d\d|\d\d)(?![\d-])")
# "12-14", "12. i 13.", "12 et 13", "12 to 14", "12. do 14."
_AND = r"(?:[-–—]|i|и|et|and|ve|dhe|und|e|y|to|do|до|deri|au|bis|al)"
_TH = r"(?:st|nd|rd|th)?"  # "12th-14th March"
# "12-14. mart 2024.", "12 - 14 марта 2024 г.", "5 maj 2024": the month is looked up in `_month_index`
_DAY_MONTH = re.compile(
    rf"(?<![\d.])(\d{{1,2}}){_TH}\.?(?:\s*{_AND}\s*(\d{{1,2}}){_TH}\.?)?\s+([^\W\d_]+)\.?,?\s+(20\d\d|19\d\d)(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(  # "March 12-14, 2024"
    rf"\b([^\W\d_]+)\.?\s+(\d{{1,2}}){_TH}(?:\s*{_AND}\s*(\d{{1,2}}){_TH})?,?\s+(20\d\d|19\d\d)(?!\d)",
    re.IGNORECASE,
)
# A range over two months: "30 May - 1 June 2025", "May 30 - June 1, 2025", "30 мај – 1 јуни 2025", "30.05. -
# 01.06.2025."
_DAY_MONTH_TWO = re.compile(
    rf"(?<![\d.])(\d{{1,2}}){_TH}\.?\s+([^\W\d_]+)\.?\s*{_AND}\s*(\d{{1,2}}){_TH}\.?\s+([^\W\d_]+)\.?,?\s+"
    r"(20\d\d|19\d\d)(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_TWO = re.compile(
    rf"\b([^\W\d_]+)\.?\s+(\d{{1,2}}){_TH}\s*{_AND}\s*([^\W\d_]+)\.?\s+(\d{{1,2}}){_TH},?\s+(20\d\d|19\d\d)(?!\d)",
    re.IGNORECASE,
)
_DMY_TWO = re.compile(
    r"\b(\d{1,2})\.\s*(\d{1,2})\.?\s*[-–]\s*(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(20\d\d|19\d\d|\d\d)\b"
)


# A date with slashes in any cell of a list ("05/28/2025 10:12:01" in a meeting report's registration times).
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(?:(?:20|19)\d\d|\d\d)\b")


def _slashed_orders(plans: Sequence[FilePlan], limit: int = 500) -> tuple[bool, bool]:
    """(some slashed date is written month first: "05/28/2025", some day first: "28/05/2025"), from each sheet's
    first `limit` rows. The lists write them month first when the first is seen and the second not."""
    month_first = day_first = False
    for fp in plans:
        for plan in fp.usable:
            for row in plan.sheet.rows[:limit]:
                for cell in row:
                    if isinstance(cell.value, str) and "/" in cell.value:
                        for m in _SLASHED.finditer(cell.value):
                            day_first = day_first or int(m[1]) > 12
                            month_first = month_first or int(m[2]) > 12
    return month_first, day_first


def _dates(text: str, month_first: bool = False) -> tuple[date | None, date | None, int]:
    """(first day, last day, where the dates begin in `text`), or (None, None, -1). `month_first`: slashed dates
    are written month first ("06/03/2025" is 3 June), as the list's other dates show (`_slashed_orders`)."""
    try:
        if m := _ISO.search(text):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, m.start()
        if m := _MDY_CLOCK.search(text):
            d = date(full_year(m[3]), int(m[1]), int(m[2]))
            return d, d, m.start()
        if (m := _DMY_TWO.search(text)) and (two := _two_months(*map(int, m.groups()[:4]), full_year(m[5]))):
            return *two, m.start()
        for m in _DAY_MONTH_TWO.finditer(text):  # day, month, day, month, year
            if two := _two_months(int(m[1]), _month(m[2]), int(m[3]), _month(m[4]), int(m[5])):
                return *two, m.start()
        for m in _MONTH_DAY_TWO.finditer(text):  # month, day, month, day, year
            if two := _two_months(int(m[2]), _month(m[1]), int(m[4]), _month(m[3]), int(m[5])):
                return *two, m.start()
        if m := _DMY.search(text) or _DMY_DASHED.search(text):
            us = month_first and "/" in m[0]  # the list writes its slashed dates month first
            first = end = None
            if m.re is _DMY and m[2]:  # "12-14.05.25"
                year, month = full_year(m[4]), int(m[3])
                first, end = date(year, month, int(m[1])), date(year, month, int(m[2]))
                if end < first:  # "30.05. - 01.06.": not one month's days (read above when its months are written)
                    first = end
            else:  # one day: "05/14/2025" is 14 May (`numeric_day`); "31.02.25" none, nor "30-60-21" (a phone)
                day, month, year = (m[1], m[3], m[4]) if m.re is _DMY else m.groups()
                first = end = numeric_day(int(day), int(month), full_year(year), month_first=us)
            if first is not None and end is not None:
                if (later := _DMY.search(text, m.end())) and not later[2]:  # "12/03/2024 - 14/03/2024"
                    last = numeric_day(int(later[1]), int(later[3]), full_year(later[4]), month_first=us)
                    end = max(end, last or end)
                return first, end, m.start()
        for m in _DAY_MONTH.finditer(text):
            if month := _month(m[3]):
                year = int(m[4])
                return date(year, month, int(m[1])), date(year, month, int(m[2] or m[1])), m.start()
        for m in _MONTH_DAY.finditer(text):
            if month := _month(m[1]):
                year = int(m[4])
                return date(year, month, int(m[2])), date(year, month, int(m[3] or m[2])), m.start()
    except ValueError:
        pass
    return None, None, -1


def _two_months(day1: int, month1: int | None, day2: int, month2: int | None, year: int) -> tuple[date, date] | None:
    """(first day, last day) of a range over two months of one year, or None when they are not one (a word that
    is no month's name: None)."""
    if month1 is None or month2 is None:
        return None
    first, last = date(year, month1, day1), date(year, month2, day2)
    return (first, last) if first < last and (last - first).days <= 31 else None


_NOISE_WORDS = re.compile(
    r"\b(registrations?|registration list|list of participants|participants? list|participants|attendance|"
    r"attendees|list|final|draft|copy|registratsiya|registracija|spisak|lista|список|v\d+)\b",
    re.IGNORECASE,
)


# What the list calls itself before or after the event's name: "Participants – Regional meeting ...", "List of
# participants: ...", "... - spisak učesnika". The event is the meeting, not the list.
_LIST_NAME = (
    r"(?:(?:final\s+|draft\s+)?(?:list\s+of\s+participants|participants?['’]?\s+list|participants|attendees"
    r"|registration\s+list|registrations?|attendance(?:\s+list)?|liste\s+des\s+participants|participants?\s+:"
    r"|spisak\s+u[čc]esnika|popis\s+sudionika|lista\s+e\s+pjes[ëe]marr[ëe]sve|список\s+участников"
    r"|списак\s+учесника|листа\s+на\s+учесници|kat[ıi]l[ıi]mc[ıi]\s+listesi"
    # a participant's registration form: "Registration form – Regional Workshop ..."
    r"|registration\s+form|application\s+form|formulaire\s+d['’]inscription|prijavni\s+(?:obrazac|formular|list)"
    r"|prijavnica|пријавни\s+(?:образац|формулар)|регистрационная\s+форма|анкета\s+участника"
    r"|formular(?:ul)?\s+de\s+(?:[îi]nregistrare|participare)|formulari\s+i\s+regjistrimit|kay[ıi]t\s+formu))"
)
_LIST_PREFIX = re.compile(rf"^\s*{_LIST_NAME}\s*(?:[:–—]|\s-)\s*", re.IGNORECASE)
_LIST_SUFFIX = re.compile(rf"\s*(?:[:–—,]|-\s)\s*{_LIST_NAME}\s*$", re.IGNORECASE)
_LIST_ONLY = re.compile(rf"^\s*{_LIST_NAME}\s*[:.]?\s*$", re.IGNORECASE)
# A place written before the dates after the event's name: "Regional meeting, Thessaloniki, 3-4 June 2025".
_PLACE = re.compile(r"[^\W\d_][^\W\d_.'-]*(?:[ .'-]+[^\W\d_]+){0,2}")


# Words that name a meeting: a title line with one is the event's, before a letterhead ("OSCE", "Ministry of ...")
# written above it.
_MEETING_WORDS = re.compile(
    r"\b(?:workshop|seminar|meeting|conference|training|course|round ?table|webinar|forum|session|consultation"
    r"|study visit|exercise|radionic\w*|sastan\w*|konferencij\w*|obuk\w*|okrugl\w* sto\w*|sjednic\w*|sednic\w*"
    r"|семинар\w*|совещани\w*|конференци\w*|тренинг\w*|встреч\w*|работилниц\w*|средб\w*|состан\w*|обук\w*"
    r"|punëtori\w*|punetori\w*|takim\w*|konferenc\w*|trajnim\w*|çalıştay\w*|calistay\w*|toplantı\w*|toplanti\w*"
    r"|eğitim\w*|egitim\w*|atelier\w*|réunion\w*|reunion\w*|conférence\w*|formation\w*|séminaire\w*"
    r"|seminaire\w*|συνάντηση|σεμινάριο|εργαστήριο|întâlnire|intalnire|curs\w*)\b",
    re.IGNORECASE,
)


def _cover_lines(fp: FilePlan) -> list[str]:
    """The first lines of a workbook's first sheet when it is no list (a cover or a summary: "Regional Seminar on
    ..., Durrës, 14-16 October 2025" above counts per country) and other sheets are: the seminar they list."""
    if len(fp.sheets) < 2 or fp.sheets[0].usable or not any(p.usable for p in fp.sheets[1:]):
        return []
    lines = []
    for row in fp.sheets[0].sheet.rows[:6]:
        texts = [t for c in row if (t := " ".join(cell_text(c.value).split()))]
        if len(texts) == 1 and len(texts[0]) >= 12:
            lines.append(texts[0])
    return lines


def _event_title(lines: Sequence[str]) -> str:
    """The title line that names the meeting (else the first that names more than the list itself), without
    "Participants –" and the like."""
    titles = [_LIST_SUFFIX.sub("", _LIST_PREFIX.sub("", line)).strip() for line in lines if not _LIST_ONLY.match(line)]
    titles = [t for t in titles if t]
    title = next((t for t in titles if _MEETING_WORDS.search(t)), titles[0] if titles else "")
    return _from_capitals(title) if title else ""


# Kept in capitals when a title in capitals is put right: the region's acronyms, and words without a vowel (THB).
_ACRONYMS = {
    word: word for word in (
        "THB", "OSCE", "ODIHR", "IOM", "UNODC", "UNHCR", "UNICEF", "UNDP", "UN", "EU", "JIT", "SELEC", "EUROPOL",
        "INTERPOL", "FRONTEX", "MARRI", "RACVIAC", "ICMPD", "GRETA", "NGO", "MUP", "SPAK", "SIPA", "CTHB", "OSR",
        "EMPACT", "ECTEG", "CEPOL", "BIH", "SEE", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    )
} | {"JITS": "JITs", "NGOS": "NGOs"}  # fmt: skip
_SMALL_WORDS = frozenset({
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with", "against", "de", "des", "du", "et",
    "la", "le", "les", "en", "sur", "pour", "contre", "i", "u", "na", "za", "od", "o", "sa", "protiv", "e", "te",
    "dhe", "ne", "per", "ve", "ile", "и", "на", "за", "о", "у", "в", "по", "од", "со", "против",
})  # fmt: skip
_TITLE_WORD = re.compile(r"[^\W\d_]+")


def _from_capitals(title: str) -> str:
    """ "REGIONAL WORKSHOP ON THB, SKOPJE" -> "Regional Workshop on THB, Skopje"; a title with small letters is
    left as written."""
    if any(ch.islower() for ch in title) or sum(ch.isalpha() for ch in title) < 4:
        return title
    cased = proper_case(title)
    seen_first = False

    def word(m: re.Match[str]) -> str:
        nonlocal seen_first
        text, upper, first = m[0], m[0].upper(), not seen_first
        seen_first = True
        if upper in _ACRONYMS:
            return _ACRONYMS[upper]
        if len(text) <= 4 and not re.search(r"[AEIOUYАЕИОУЯЮЫЭЁІЇЄΑΕΗΙΟΥΩ]", upper):
            return upper
        return text.lower() if not first and text.lower() in _SMALL_WORDS else text

    return _TITLE_WORD.sub(word, cased)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b\.?")


# A venue named after the dates is no city: "12-14 March 2025, Hotel Bristol, Sarajevo".
_VENUE = re.compile(
    r"(?i)\b(?:hotel|otel|хотел|hall|centre|center|room|sala|salla|dvorana|sal[aă]|building|premises|resort|"
    r"campus|university|univerzitet|faculty|fakultet|embassy|ambasada)\b"
)


def _place_after_dates(after: str) -> str:
    """The place a line names after its dates: "Sarajevo" in "17–19 October 2017 · Sarajevo, Bosnia and
    Herzegovina". A city the importer knows among the first parts wins ("Hotel Bristol, Sarajevo"); else the first
    part, when every word of it starts with a capital and it names no venue (a resort: "Mavrovo")."""
    from directory_app.core.countries import resolve_city  # its index is loaded only for a line with dates

    parts = [p.strip() for p in re.split(r",|\s[-–—·|]\s", after.strip(" \t·•|,-–—()")) if p.strip()][:3]
    place = next((p for p in parts if resolve_city(p)), parts[0] if parts else "")
    capitals = all(word[:1].isupper() for word in re.split(r"[ .'-]+", place) if word)
    if _PLACE.fullmatch(place) and capitals and not _MEETING_WORDS.search(place) and not _month(place):
        return "" if _VENUE.search(place) else proper_case(place) if place.isupper() else place
    return ""


def _place_before_dates(before: str) -> str:
    """The place in what a line says before its dates: all of it ("Sarajevo, "), or its last part after the
    event's name ("Regional meeting, Thessaloniki, "), when every word of it starts with a capital."""
    parts = [part.strip() for part in re.split(r",|\s[-–—]\s", before) if part.strip()]
    place = parts[-1] if parts else ""
    if _MEETING_WORDS.search(place):
        return ""  # "Seminar 12-14.03.2025 Skopje": the meeting's word, not its place
    if _PLACE.fullmatch(place) and all(word[:1].isupper() for word in re.split(r"[ .'-]+", place) if word):
        return proper_case(place) if place.isupper() else place
    return ""


# Labels of the event's name and first day written as "label | value" above a list, or the label with its value
# below: online meetings' reports ("Topic", "Meeting title", "Actual Start Time"), forms' exports, some lists.
_NAME_LABELS = frozenset({
    "topic", "meeting title", "meeting name", "webinar", "webinar name", "webinar title", "event", "event name",
    "event title", "title of the event", "name of the event", "meeting", "title", "naziv", "naziv dogadaja",
    "naziv skupa", "naziv dogadjaja", "tema", "dogadaj", "dogadjaj", "nom de l evenement", "titre", "intitule",
    "besprechungstitel", "titel der besprechung", "titre de la reunion", "titolo della riunione",
    "evenement", "sujet", "название", "название мероприятия", "мероприятие", "тема", "назив", "назив на настанот",
    "настан", "emri i ngjarjes", "ngjarja", "titulli", "etkinlik", "etkinlik adi", "konu", "toplanti",
})  # fmt: skip
_DATE_LABELS = frozenset({
    "date", "dates", "start time", "actual start time", "scheduled time", "start date", "meeting date", "datum",
    "datum odrzavanja", "date de l evenement", "дата", "датум", "data", "tarih", "baslangic tarihi", "startzeit",
    "heure de debut", "ora di inizio",
})  # fmt: skip


def _labelled(plan: SheetPlan, labels: frozenset[str]) -> str:
    """The value written beside (or under) one of `labels` above the sheet's header, or ""."""
    return _labelled_at(plan, labels)[0]


def _labelled_at(plan: SheetPlan, labels: frozenset[str]) -> tuple[str, int]:
    """(`_labelled`'s value, the number of the row it is on), or ("", 0)."""
    if plan.header_index is None:
        return "", 0
    rows = [[cell_text(c.value) for c in row] for row in plan.sheet.rows[: plan.header_index - plan.header_rows + 1]]
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            if not text or normalise_header(text.rstrip(":")) not in labels:
                continue
            below = rows[r + 1] if r + 1 < len(rows) else []
            under = below[c] if c < len(below) else ""
            beside = next((t for t in texts[c + 1 :] if t), "")
            # A row of three labels or more is a table's header, with its values on the row below (Zoom's "Topic |
            # Webinar ID | Actual Start Time ..."); otherwise the value is beside its label ("Meeting title | ...").
            below_it = bool(under) and (sum(1 for t in texts if t) >= 3 or not beside)
            if value := under if below_it else beside:
                return " ".join(value.split()), plan.sheet.row_numbers[r + 1 if below_it else r]
    return "", 0


def rows_name_events(plans: Sequence[FilePlan]) -> bool:
    """Whether every sheet to import has a column of the events its people took part in (a directory's export)."""
    sheets = [plan for fp in plans for plan in fp.usable]
    return bool(sheets) and all("events" in plan.mapping for plan in sheets)


def propose_event(plans: Sequence[FilePlan]) -> EventSpec:
    """An event proposed from the first title line above a header (else the file name), with dates and place
    when they are written there ("Workshop on ... - Skopje, 12-14 May 2017").

    No event (a nameless EventSpec) for lists whose rows name their own events, as a directory's export does,
    and for vCards and address books' exports (a phone's or a mailbox's contacts: nothing in them names a
    seminar); one can be given.
    """
    if rows_name_events(plans) or (plans and all(fp.workbook.kind == "vcard" for fp in plans)):
        return EventSpec(name="")
    sheets = [plan for fp in plans for plan in fp.usable]
    if sheets and all(address_book(plan.headers) for plan in sheets):
        return EventSpec(name="")
    if reported := next((fp.report for fp in plans if fp.report is not None), None):
        return EventSpec(name=reported[1])  # an import report's rows go where the import it reports put them
    title = ""
    texts: list[str] = []
    unread = ""  # a date written beside its label ("Date") that is no day
    for fp in plans:
        cover = _cover_lines(fp)
        if cover and (named := _event_title(cover)) and _MEETING_WORDS.search(named):
            title = title or named  # a workbook's cover sheet names the seminar its other sheets list
            texts.extend(cover)
        for plan in fp.usable:
            when, row = _labelled_at(plan, _DATE_LABELS)
            if when:
                texts.append(when)
                if not unread and looks_like_day(when):  # "Date: 31.02.25": said, not left out in silence
                    unread = f"'{when[:40]}' ({fp.name}, sheet {plan.sheet.name}, row {row}) is no day of the calendar"
            texts.extend(plan.title_lines)
            if not title:
                title = _labelled(plan, _NAME_LABELS) or _event_title(plan.title_lines)
    first = plans[0].workbook.path if plans else Path("import")
    texts.append(first.stem)
    if not title:
        stem = first.stem.replace("_", " ")
        stem = re.sub(r"\bcp\d{3,4}\b|\butf-?8\b", " ", stem, flags=re.IGNORECASE)
        stem = re.sub(r"[\-.]+", " ", stem)  # in file names hyphens and dots separate words too
        stem = _NOISE_WORDS.sub(" ", stem)
        title = " ".join(stem.split()) or first.stem
        if title == title.lower():  # "regional workshop tirana 2019" -> "Regional Workshop Tirana 2019"
            title = " ".join(w[:1].upper() + w[1:] for w in title.split())
        title = title[:1].upper() + title[1:]
    start = end = None
    month_first, day_first = _slashed_orders(plans)
    before = ""  # what the dates line says before the dates: "Sarajevo, " in "Sarajevo, 12-14. mart 2024."
    after = ""  # and after them: "· Sarajevo, Bosnia and Herzegovina" in "17–19 October 2017 · Sarajevo, ..."
    doubt = ""
    for text in texts:
        start, end, where = _dates(text, month_first and not day_first)
        if start:
            before = text[:where]
            if year := _YEAR.search(text, where):
                after = text[year.end() :]
            slashed = _SLASHED.match(text, where)
            unsure = not (month_first or day_first or _MDY_CLOCK.match(text, where))  # "6/3/25, 9:58 AM" is US
            if slashed and unsure and max(int(slashed[1]), int(slashed[2])) <= 12 and slashed[1] != slashed[2]:
                # Nothing in the lists tells whether "06/03/2025" is 6 March or 3 June: read day first, said so.
                from babel.dates import format_date  # English month names whatever the system's locale

                one, two = (format_date(d, "d MMMM y", locale="en") for d in (start, start.replace(
                    month=start.day, day=start.month)))  # fmt: skip
                doubt = f"'{slashed[0]}' may be {one} or {two}: check the event's first day"
            break
    if start is None and unread:
        doubt = f"{unread}: give the event's first day"
    # The title's last part, a year after it or not: "..., Sarajevo 2017", "... - Skopje"
    m = re.search(r"(?:\s[-–—]\s|,\s*)([^\W\d_][^,\-–—\d]{1,40}?)(?:\s+(?:19|20)\d\d)?$", title)
    city = m[1].strip() if m and len(m[1].split()) <= 3 and not _month(m[1].strip()) else ""
    city = city or _place_before_dates(before) or _place_after_dates(after)
    country = None
    if _NO_PLACE.fullmatch(fold(city)):
        city = ""  # "... - Western Balkans", "..., online": the region or the medium, not a city
    elif city and (country := resolve_country(city)):
        city = ""  # "Regional seminar, Albania": the country
    return EventSpec(
        name=" ".join(title.split())[:200], start_date=start, end_date=end, city=city, country=country, doubt=doubt
    )


# What a title names after its dash or comma that is no city: the region, or a meeting held online.
_NO_PLACE = re.compile(
    r"(?:the )?(?:western |south[- ]?eastern |south[- ]?east |eastern |central )?(?:balkans?|europe|region|see)"
    r"|zapadni balkan|zapadnog balkana|ballkani perendimor|западен балкан|западни балкан|регион|region[i]?"
    r"|online|on-line|virtual|virtually|remote|zoom|teams|webex|webinar|hybrid|hibrid|онлайн|онлајн"
)
