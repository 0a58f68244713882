"""The participants list of an event, as organisers hand it out: a PDF grouped by country, and a workbook.

Data protection: a contact marked not shareable is left out unless included on purpose, and private e-mail
addresses are never printed. Every list written is recorded in the audit log (who was given what).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from directory_app.core import vocab
from directory_app.core.contacts import find_event, list_events, load_records
from directory_app.core.countries import country_name, fold
from directory_app.core.records import DirectoryError, EventRecord
from directory_app.core.store import Directory

FORMATS = ("pdf", "xlsx")
NO_COUNTRY = "Country not recorded"


@dataclass(frozen=True)
class Participant:
    contact_id: int
    uid: str
    name: str  # in the original script
    latin_name: str  # Latin transliteration; "" when the name is already Latin
    organisation: str
    organisation_type: str | None
    position: str
    country: str | None
    email: str  # the first e-mail that is not private
    roles: tuple[str, ...]
    part: str  # participant / speaker / organiser


@dataclass(frozen=True)
class ParticipantList:
    event: EventRecord
    groups: tuple[tuple[str | None, tuple[Participant, ...]], ...]  # (country code, people), by country name
    left_out: int = 0  # participants not shareable, left out

    @property
    def participants(self) -> list[Participant]:
        return [p for _, people in self.groups for p in people]

    @property
    def count(self) -> int:
        return sum(len(people) for _, people in self.groups)

    @property
    def place(self) -> str:
        return ", ".join(
            p for p in (self.event.city, country_name(self.event.country) if self.event.country else "") if p
        )


def group_label(code: str | None) -> str:
    return country_name(code) if code else NO_COUNTRY


def resolve_event(directory: Directory, event: str | int) -> EventRecord:
    """An event by id or by name (case-insensitive); DirectoryError when there is none."""
    if isinstance(event, int):
        for record in list_events(directory):
            if record.id == event:
                return record
        raise DirectoryError(f"there is no event {event} (deleted meanwhile?); `events` lists them")
    return find_event(directory, event)


def participant_list(directory: Directory, event: str | int, *, include_unshareable: bool = False) -> ParticipantList:
    """Who took part in `event`, grouped by country (ordered by country name, no country last), then by name."""
    record = resolve_event(directory, event)
    with directory.read() as session:
        rows = (
            session.connection()
            .exec_driver_sql(
                "SELECT c.id, p.part, c.shareable FROM participation p JOIN contact c ON c.id = p.contact_id "
                "WHERE p.event_id = ? ORDER BY c.sort_key, c.id",
                (record.id,),
            )
            .all()
        )
        keep = [r for r in rows if include_unshareable or r[2] in (1, True, None)]
        parts = {r[0]: r[1] for r in keep}
        records = load_records(session, [r[0] for r in keep])
    by_country: dict[str | None, list[Participant]] = {}
    for rec in records:
        latin = rec.latin_display_name
        by_country.setdefault(rec.country, []).append(
            Participant(
                contact_id=rec.id,
                uid=rec.uid,
                name=rec.display_name,
                latin_name=latin if latin != rec.display_name else "",
                organisation=rec.organisation,
                organisation_type=rec.organisation_type,
                position=rec.position,
                country=rec.country,
                email=next((e.address for e in rec.emails if not e.private), ""),
                roles=rec.roles,
                part=parts.get(rec.id, "participant"),
            )
        )
    order = sorted(by_country, key=lambda code: (code is None, fold(group_label(code))))
    return ParticipantList(
        event=record,
        groups=tuple((code, tuple(by_country[code])) for code in order),
        left_out=len(rows) - len(keep),
    )


def event_summary(event: EventRecord) -> tuple[str, str, str]:
    """(dates, place, organisers) in words, '' for what is not recorded."""
    from directory_app.core.pdfdoc import format_date_range

    place = ", ".join(p for p in (event.city, country_name(event.country) if event.country else "") if p)
    return format_date_range(event.start_date, event.end_date), place, event.organisers


# ------------------------------------------------------------------------------------------------ documents


def write_participants_pdf(plist: ParticipantList, path: Path) -> Path:
    """A handout: the event's title, dates, place and organisers, then the participants by country."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from directory_app.core import pdfdoc

    st = pdfdoc.styles()

    t = pdfdoc.cell
    event = plist.event
    dates, place, organisers = event_summary(event)
    story: list[object] = [Paragraph(t(event.name), st.title)]
    line = " · ".join(p for p in (dates, place) if p)
    if line:
        story.append(Paragraph(t(line), st.subtitle))
    if organisers:
        story.append(Paragraph(t(f"Organised by {organisers}"), st.subtitle))
    countries = sum(1 for code, _ in plist.groups if code)
    summary = (
        f"List of participants: {plist.count} {'person' if plist.count == 1 else 'people'}"
        f" from {countries} {'country' if countries == 1 else 'countries'}"
    )
    story += [Spacer(1, 4), Paragraph(t(summary), st.body), Spacer(1, 4)]

    margin = 16 * mm
    usable = A4[0] - 2 * margin
    widths = [usable * f for f in (0.25, 0.28, 0.18, 0.29)]
    if not plist.groups:
        story.append(Paragraph("No participant is recorded for this event.", st.body))
    groups: list[tuple[str, list[list[object]]]] = []
    for code, people in plist.groups:
        rows: list[list[object]] = []
        for p in people:
            name = t(p.name)
            if p.latin_name:
                name += f"<br/><font size=7.5 color='#5f6b7a'>{t(p.latin_name)}</font>"
            if p.part != "participant":
                name += f"<br/><font size=7.5 color='#5f6b7a'>{t(vocab.label('part', p.part))}</font>"
            rows.append(
                [
                    Paragraph(name, st.cell_bold),
                    Paragraph(t(p.organisation), st.cell),
                    Paragraph(t(p.position), st.cell),
                    Paragraph(pdfdoc.email_markup(p.email, widths[3] - 12), st.cell_email),
                ]
            )
        groups.append((f"{group_label(code)} ({len(people)})", rows))
    story += pdfdoc.grouped_tables(groups, ["Name", "Organisation", "Position", "E-mail"], widths)
    if plist.left_out:
        story += [
            Spacer(1, 8),
            Paragraph(t(f"{plist.left_out} participant(s) did not agree to be shared and are not listed."), st.small),
        ]

    return pdfdoc.write_pdf(
        path,
        story,
        pagesize=A4,
        margin=margin,
        title=f"Participants: {event.name}",
        footer_label=f"{event.name} · list of participants",
    )


XLSX_COLUMNS = (
    ("Country", 22),
    ("Name", 28),
    ("Name (Latin)", 28),
    ("Organisation", 40),
    ("Organisation type", 22),
    ("Position", 32),
    ("E-mail", 34),
    ("Roles", 28),
    ("Part", 13),
)


def write_participants_xlsx(plist: ParticipantList, path: Path) -> Path:
    """The list as a workbook: event details on top, then a bold frozen header with a filter, one row a person."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from directory_app.core.fileio import atomic_path

    event = plist.event
    dates, place, organisers = event_summary(event)
    wb = Workbook()
    ws = wb.active
    ws.title = "Participants"
    ws["A1"] = event.name
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = " · ".join(p for p in (dates, place, f"Organised by {organisers}" if organisers else "") if p)
    ws["A3"] = f"{plist.count} participants" + (
        f" ({plist.left_out} not shareable, left out)" if plist.left_out else ""
    )
    ws["A3"].font = Font(italic=True)
    header_row = 5
    fill = PatternFill("solid", fgColor="E8EDF3")
    for col, (title, width) in enumerate(XLSX_COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    row = header_row
    for code, people in plist.groups:
        for p in people:
            row += 1
            values = (
                group_label(code),
                p.name,
                p.latin_name,
                p.organisation,
                vocab.label("org_type", p.organisation_type) if p.organisation_type else "",
                p.position,
                p.email,
                ", ".join(vocab.label("role", r) for r in p.roles),
                vocab.label("part", p.part),
            )
            for col, value in enumerate(values, start=1):
                ws.cell(row=row, column=col, value=value)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(XLSX_COLUMNS))}{max(row, header_row + 1)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def export_format(path: Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise DirectoryError(f"cannot tell the format of {Path(path).name}: give a file name ending in .pdf or .xlsx")
    return suffix


def export_participants(
    directory: Directory, event: str | int, path: Path, *, include_unshareable: bool = False
) -> ParticipantList:
    """Write the participants list of `event` to `path` (.pdf or .xlsx, by its suffix) and log it in the audit."""
    from directory_app.core.privacy import recorded_export

    fmt = export_format(path)
    plist = participant_list(directory, event, include_unshareable=include_unshareable)
    action, detail = f"export-participants-{fmt}", f"participants of {plist.event.name}"
    with recorded_export(directory, action, detail, Path(path).absolute(), [p.uid for p in plist.participants]):
        write_participants_pdf(plist, path) if fmt == "pdf" else write_participants_xlsx(plist, path)
    return plist


def participants_by(plist: ParticipantList, facet: str) -> dict[str, int]:
    """Participants per 'country', 'role' or 'org_type' (code -> count; '' for not recorded), for the charts."""
    counts: dict[str, int] = {}
    for p in plist.participants:
        keys: Sequence[str]
        if facet == "country":
            keys = [p.country or ""]
        elif facet == "role":
            keys = list(p.roles) or [""]
        elif facet == "org_type":
            keys = [p.organisation_type or ""]
        else:
            raise DirectoryError(f"unknown facet '{facet}'; use country, role or org_type")
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
