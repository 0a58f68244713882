"""A printed contact list (.pdf): the chosen contacts by country, with their offices, e-mails and phones.

What a focal point takes to a meeting or keeps by the phone when the laptop is shut. The participants handout
(participants.py) is an event's and leaves phones out, as handouts go round a room; this list is the directory's
own, with the numbers people call, and says on every page that it is not to be passed on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from directory_app.core.countries import fold
from directory_app.core.fileio import ExportResult, check_target
from directory_app.core.phones import phone_text
from directory_app.core.records import ContactRecord, DirectoryError

CONFIDENTIAL = "Contact details of practitioners, for the work of the network only: do not pass them on."
# A list to print, not a book: laying out takes about 5 ms a person (2,000: 11 s, 160 pages), and 11,000 took
# 79 s and 565 MB. Larger sets are the spreadsheet's (export to Excel).
PRINT_LIMIT = 2_000
_PER_PAGE = 13  # people on a page, about: the layout's progress is counted in pages


def check_print_size(count: int) -> None:
    """DirectoryError when `count` contacts are too many for a list to print (`PRINT_LIMIT`)."""
    if count > PRINT_LIMIT:
        raise DirectoryError(
            f"{count:,} contacts are too many for a list to print (at most {PRINT_LIMIT:,}): narrow the search, "
            "or export them to Excel"
        )


def _groups(records: Sequence[ContactRecord]) -> list[tuple[str | None, list[ContactRecord]]]:
    """The records by country (by the country's name, no country last), each group in the records' order."""
    from directory_app.core.participants import group_label

    by_country: dict[str | None, list[ContactRecord]] = {}
    for record in records:
        by_country.setdefault(record.country, []).append(record)
    order = sorted(by_country, key=lambda code: (code is None, fold(group_label(code))))
    return [(code, by_country[code]) for code in order]


def write_contacts_pdf(
    records: Sequence[ContactRecord],
    path: str | os.PathLike[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    include_private: bool = False,
    today: date | None = None,
) -> ExportResult:
    """An A4 list of `records` by country: name (its Latin spelling, position), office and place, e-mails, phones
    (mobile and fax said). Private e-mails and phones only with `include_private`. Written atomically."""
    if not records:
        raise DirectoryError("no contacts to export")
    check_print_size(len(records))
    target = check_target(Path(path))
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from directory_app.core import pdfdoc
    from directory_app.core.participants import group_label

    st = pdfdoc.styles()

    t = pdfdoc.cell
    muted = "<font size=7.5 color='#5f6b7a'>{}</font>"
    margin = 12 * mm
    usable = A4[0] - 2 * margin
    widths = [usable * f for f in (0.24, 0.26, 0.30, 0.20)]
    groups = _groups(records)
    countries = sum(1 for code, _ in groups if code)
    people = f"{len(records):,} {'person' if len(records) == 1 else 'people'}"
    where = f" from {countries} {'country' if countries == 1 else 'countries'}" if countries else ""
    printed = pdfdoc.format_date_range(today or date.today(), None)
    story: list[object] = [
        Paragraph("Contact list", st.title),
        Paragraph(t(f"{people}{where} · printed {printed}"), st.subtitle),
        Paragraph(t(CONFIDENTIAL), st.small),
        Spacer(1, 4),
    ]
    tables: list[tuple[str, list[list[object]]]] = []
    done, total = 0, len(records)
    step = max(1, total // 100)
    pages = max(1, total // _PER_PAGE)

    def laid_out(page: int) -> None:  # the rows are a fifth of the work, the layout the rest
        if progress is not None:
            progress(min(total, total // 5 + total * 4 * page // (5 * pages)), total)

    for code, members in groups:
        rows: list[list[object]] = []
        for r in members:
            name = t(" ".join(p for p in (r.honorific, r.display_name) if p))
            if r.latin_display_name and r.latin_display_name != r.display_name:
                name += "<br/>" + muted.format(t(r.latin_display_name))
            if r.position:
                name += "<br/>" + muted.format(t(r.position))
            office = t(r.organisation)
            if r.city:  # the country is the group's heading
                office += ("<br/>" if office else "") + muted.format(t(r.city))
            emails = pdfdoc.clip_lines([e.address for e in r.emails if include_private or not e.private])
            phones = pdfdoc.clip_lines(
                [
                    t(phone_text(p)) + (" " + muted.format(p.type) if p.type in ("mobile", "fax") else "")
                    for p in r.phones
                    if include_private or not p.private
                ]
            )
            rows.append(
                [
                    Paragraph(name, st.cell_bold),
                    Paragraph(office, st.cell),
                    Paragraph("<br/>".join(pdfdoc.email_markup(e, widths[2] - 12) for e in emails), st.cell_email),
                    Paragraph("<br/>".join(phones), st.cell),
                ]
            )
            done += 1
            if progress is not None and (done % step == 0 or done == total):
                progress(done // 5, total)
        tables.append((f"{group_label(code)} ({len(members)})", rows))
    story += pdfdoc.grouped_tables(tables, ["Name", "Organisation", "E-mail", "Phone"], widths)
    pdfdoc.write_pdf(
        target,
        story,
        pagesize=A4,
        margin=margin,
        title="Contact list",
        footer_label=f"Contact list · {CONFIDENTIAL}",
        on_page=laid_out,
    )
    if progress is not None:
        progress(total, total)
    return ExportResult(target, len(records), files=1, size=target.stat().st_size)
