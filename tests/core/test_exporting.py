"""Excel and CSV export: layout, formula safety, atomic writes, privacy, and re-import through the importer."""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from directory_app.core import exporting
from directory_app.core.contacts import add_contact, get_contacts
from directory_app.core.exporting import (
    HEADERS,
    ExportPlan,
    export_contacts,
    format_for_path,
    plan_export,
    plan_exports,
    row_for,
    write_csv,
    write_xlsx,
)
from directory_app.core.phones import format_international
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search, search_ids
from tests.vcard_checks import read_cards, validate_vcf

EVIL = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def _contact(directory, **fields):
    data = ContactInput(
        given_name=fields.pop("given_name", "Ana"),
        family_name=fields.pop("family_name", "Marić"),
        country=fields.pop("country", "HR"),
        organisation=fields.pop("organisation", "Ministarstvo unutarnjih poslova"),
        position=fields.pop("position", "Police inspector"),
        emails=fields.pop("emails", [EmailEntry("ana.maric@example.org")]),
        phones=fields.pop(
            "phones", [PhoneEntry(None, "+385 1 234 5678"), PhoneEntry(None, "+385 91 234 567", "mobile")]
        ),
        **fields,
    )  # fmt: skip
    return add_contact(directory, data)


def test_xlsx_layout(demo_directory, tmp_path: Path) -> None:
    ids = search_ids(demo_directory, SearchQuery())
    result = export_contacts(demo_directory, ids, tmp_path / "all.xlsx", "xlsx")
    assert result.count == 300 and result.size == (tmp_path / "all.xlsx").stat().st_size
    wb = openpyxl.load_workbook(tmp_path / "all.xlsx")
    ws = wb.active
    assert ws.title == "Contacts"
    assert tuple(c.value for c in ws[1]) == HEADERS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(HEADERS))}301"
    assert ws.max_row == 301
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(HEADERS) + 1)]
    assert all(8 <= w <= 60 for w in widths)
    assert widths[HEADERS.index("Organisation")] > widths[HEADERS.index("Honorific")]
    records = search(demo_directory, SearchQuery())
    col = {h: i for i, h in enumerate(HEADERS)}
    for row, record in zip(ws.iter_rows(min_row=2, values_only=True), records, strict=True):
        assert row[col["UID"]] == record.uid
        assert (row[col["Given name"]], row[col["Family name"]]) == (record.given_name, record.family_name)
        assert (row[col["E-mail"]] or "") == "; ".join(e.address for e in record.emails if not e.private)


def test_formula_like_cells_stay_text(directory, tmp_path: Path) -> None:
    record = _contact(directory, given_name=EVIL[0], family_name=EVIL[1], position=EVIL[2], notes=EVIL[3])
    write_xlsx([record], tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    cells = {h: ws.cell(row=2, column=i + 1) for i, h in enumerate(HEADERS)}
    for header, value in zip(("Given name", "Family name", "Position", "Notes"), EVIL, strict=True):
        assert cells[header].value == value
        assert cells[header].data_type == "s"
        assert cells[header].quotePrefix
    assert cells["Phone"].value == format_international("+38512345678") and cells["Phone"].data_type == "s"
    with zipfile.ZipFile(tmp_path / "x.xlsx") as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # not a single formula in the file

    write_csv([record], tmp_path / "x.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "x.csv").read_bytes().decode("utf-8-sig"))))
    by_header = dict(zip(rows[0], rows[1], strict=True))
    for header, value in zip(("Given name", "Family name", "Position", "Notes"), EVIL, strict=True):
        assert by_header[header] == "'" + value
    assert by_header["Phone"] == "'" + format_international("+38512345678")


def test_csv_is_utf8_with_bom_and_every_script(demo_directory, tmp_path: Path) -> None:
    records = search(demo_directory, SearchQuery())
    result = write_csv(records, tmp_path / "all.csv")
    data = (tmp_path / "all.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and result.size == len(data)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == HEADERS and len(rows) == 301
    text = data.decode("utf-8-sig")
    for record in records:
        assert record.family_name in text
    assert any("\u0400" <= ch <= "\u04ff" for ch in text) and any("\u0370" <= ch <= "\u03ff" for ch in text)


def test_control_characters_and_line_breaks(directory, tmp_path: Path) -> None:
    record = _contact(directory, notes="line one\r\nline two\x00\x07 end")
    record = replace(record, position="Head\x0bof unit")
    write_xlsx([record], tmp_path / "c.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    row = {h: ws.cell(row=2, column=i + 1) for i, h in enumerate(HEADERS)}
    assert row["Notes"].value == "line one\nline two end"
    assert row["Notes"].alignment.wrap_text
    assert row["Position"].value == "Headof unit"


@pytest.mark.parametrize("chunk", [500, 1], ids=["by id", "whole table read"])
def test_plans_for_several_sets_at_once(directory, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """The export dialog's plans (selection, search, events; with and without the contacts not to be shared) come
    from one read of the flags: looked up by id for a few contacts, the whole table read for many."""
    monkeypatch.setattr(exporting, "LOAD_CHUNK", chunk)
    ana = _contact(directory)
    ivo = _contact(directory, given_name="Ivo", shareable=False)
    eva = _contact(directory, given_name="Eva")
    plans = plan_exports(directory, {"selected": [eva.id, ivo.id, eva.id, 999_999], "event": [ana.id], "none": []})
    assert plans[("selected", False)] == ExportPlan((eva.id,), withheld=1)
    assert plans[("selected", True)] == ExportPlan((eva.id, ivo.id))
    assert plans[("event", False)] == plans[("event", True)] == ExportPlan((ana.id,))
    assert plans[("none", False)] == ExportPlan(())
    assert plan_export(directory, [ivo.id, ana.id]) == ExportPlan((ana.id,), withheld=1)


def test_private_and_not_shareable_are_left_out(directory, tmp_path: Path) -> None:
    shared = _contact(
        directory,
        emails=[EmailEntry("ana@example.org"), EmailEntry("ana.home@example.net", "other", private=True)],
    )
    hidden = _contact(directory, given_name="Ivo", shareable=False)
    plan = plan_export(directory, [hidden.id, shared.id, shared.id, 999_999])
    assert plan.ids == (shared.id,) and plan.withheld == 1
    assert plan_export(directory, [hidden.id, shared.id], include_private=True).count == 2
    export_contacts(directory, [shared.id, hidden.id], tmp_path / "s.csv", "csv")
    text = (tmp_path / "s.csv").read_bytes().decode("utf-8-sig")
    assert "ana@example.org" in text and "ana.home" not in text and "Ivo" not in text
    with pytest.raises(DirectoryError) as refused:
        export_contacts(directory, [hidden.id], tmp_path / "h.csv", "csv")
    assert str(refused.value) == "nothing to export: the chosen contact is marked not to be shared"
    assert not (tmp_path / "h.csv").exists()
    with pytest.raises(DirectoryError) as refused:
        export_contacts(directory, [hidden.id, _contact(directory, given_name="Eva", shareable=False).id],
                        tmp_path / "h.csv", "csv")  # fmt: skip
    assert str(refused.value) == "nothing to export: the 2 chosen contacts are marked not to be shared"
    from directory_app.core.privacy import list_audit

    # The audit says it in words too: one contact, one e-mail.
    assert list_audit(directory, action="export-csv")[0].detail == (
        "csv; private data left out; 1 contact not to be shared left out; 1 private e-mail left out"
    )
    export_contacts(directory, [shared.id, hidden.id], tmp_path / "all.vcf", "vcard", include_private=True)
    cards = read_cards((tmp_path / "all.vcf").read_bytes())
    assert [c.n.value.given for c in cards] == ["Ana", "Ivo"] and len(cards[0].email_list) == 2


def test_export_contacts_vcard_zip_and_progress(demo_directory, tmp_path: Path) -> None:
    ids = search_ids(demo_directory, SearchQuery(countries=("MK",)))
    seen: list[tuple[int, int]] = []
    result = export_contacts(
        demo_directory, ids, tmp_path / "mk.zip", "vcard", split="zip", progress=lambda d, t: seen.append((d, t))
    )
    assert result.files == result.count == len(ids)
    assert seen[-1] == (2 * len(ids), 2 * len(ids))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with zipfile.ZipFile(tmp_path / "mk.zip") as zf:
        assert sum(validate_vcf(zf.read(n)) for n in zf.namelist()) == len(ids)


def test_cancel_and_bad_targets_write_nothing(demo_directory, tmp_path: Path) -> None:
    ids = search_ids(demo_directory, SearchQuery())
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(DirectoryError, match="cancelled"):
        export_contacts(demo_directory, ids, target, "xlsx", cancel=lambda: True)
    with pytest.raises(DirectoryError, match="does not exist"):
        export_contacts(demo_directory, ids, tmp_path / "nope" / "x.csv", "csv")
    with pytest.raises(DirectoryError, match="no contacts"):
        export_contacts(demo_directory, [], target, "xlsx")
    with pytest.raises(DirectoryError, match="unknown export format"):
        export_contacts(demo_directory, ids, target, "docx")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "vcard"])
def test_cancel_while_writing_leaves_the_old_file(demo_directory, tmp_path: Path, fmt: str) -> None:
    ids = search_ids(demo_directory, SearchQuery())
    target = tmp_path / f"out.{ {'vcard': 'vcf'}.get(fmt, fmt) }"
    target.write_bytes(b"old")
    writing: list[int] = []

    def progress(done: int, total: int) -> None:
        if done > total // 2:
            writing.append(done)

    with pytest.raises(DirectoryError, match="cancelled"):
        export_contacts(demo_directory, ids, target, fmt, progress=progress, cancel=lambda: len(writing) >= 3)
    assert len(writing) == 3  # stopped in the middle of writing, not before it
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".", "out"))] == [target.name]


def test_format_for_path() -> None:
    assert format_for_path("a.VCF") == "vcard" and format_for_path("x.zip") == "vcard"
    assert format_for_path("a.xlsx") == "xlsx" and format_for_path("b.csv") == "csv"
    assert format_for_path("list.PDF") == "pdf"
    with pytest.raises(DirectoryError, match=r"\.vcf, \.zip, \.xlsx, \.csv or \.pdf"):
        format_for_path("a.docx")


def test_row_for_keeps_phone_types_apart(directory) -> None:
    record = _contact(
        directory,
        phones=[PhoneEntry(None, "+385 1 234 5678"), PhoneEntry(None, "+385 91 234 5678", "mobile"),
                PhoneEntry(None, "+385 1 234 5679", "fax")],
    )  # fmt: skip
    row = dict(zip(HEADERS, row_for(record), strict=True))
    expected = tuple(format_international(n) for n in ("+38512345678", "+385912345678", "+38512345679"))
    assert (row["Phone"], row["Mobile phone"], row["Fax"]) == expected


# ------------------------------------------------------------------------------------------ re-import

# The fields a registration list carries, which the importer reads back.
IMPORTED_FIELDS = ("given_name", "family_name", "position", "organisation", "country", "city", "address", "notes")


def _comparable(record) -> tuple:
    return (
        *(getattr(record, f) for f in IMPORTED_FIELDS),
        record.honorific.rstrip("."),  # the importer writes honorifics without the full stop ("Prof.", "Prof")
        tuple(e.address for e in record.emails),
        # Phones are in one column per kind (phone, mobile, fax): their order across kinds is not kept.
        tuple(sorted((p.e164, p.type if p.type in ("mobile", "fax") else "work") for p in record.phones)),
        tuple(record.expertise),
        tuple(record.languages),
        tuple(record.keywords),  # read back as written (they were not read back at all before)
    )


def test_exported_xlsx_reimports_without_change(demo_directory, tmp_path: Path) -> None:
    from directory_app.core.importing import EventSpec, import_files

    ids = search_ids(demo_directory, SearchQuery())
    before = get_contacts(demo_directory, ids)
    assert all(r.address for r in before)  # every demo office has a postal address: they are compared too
    export_contacts(demo_directory, ids, tmp_path / "network.xlsx", "xlsx")

    # Into the directory it came from: every row is recognised as the contact it was; its data stay as they were
    # (the import adds the participation in the event, and may add roles it infers from the position).
    report = import_files(demo_directory, [tmp_path / "network.xlsx"], event=EventSpec("Re-import check"))
    assert (report.created, report.skipped, len(report.possible_duplicates)) == (0, 0, 0), report.summary()
    assert {o.contact_id for o in report.outcomes} == set(ids)
    after = get_contacts(demo_directory, ids)
    assert [(*_comparable(r), r.honorific) for r in after] == [(*_comparable(r), r.honorific) for r in before]
    assert all(set(b.roles) <= set(a.roles) for a, b in zip(after, before, strict=True))

    # Into an empty directory: the same people, fields and contact points come out (names compared without case:
    # see test_fresh_reimport_keeps_name_particles).
    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "fresh.db") as fresh:
        report = import_files(fresh, [tmp_path / "network.xlsx"], event=EventSpec("Re-import check"))
        assert report.created == len(ids), report.summary()
        copied = search(fresh, SearchQuery())

    def caseless(record) -> tuple:
        return (record.given_name.casefold(), record.family_name.casefold(), *_comparable(record)[2:])

    assert sorted(map(caseless, copied), key=str) == sorted(map(caseless, before), key=str)


def test_fresh_reimport_keeps_name_particles(demo_directory, tmp_path: Path) -> None:
    from directory_app.core.importing import EventSpec, import_files
    from directory_app.core.store import open_directory

    before = search(demo_directory, SearchQuery())
    export_contacts(demo_directory, [r.id for r in before], tmp_path / "network.xlsx", "xlsx")
    with open_directory(tmp_path / "fresh.db") as fresh:
        import_files(fresh, [tmp_path / "network.xlsx"], event=EventSpec("Re-import check"))
        copied = search(fresh, SearchQuery())
    assert sorted((r.given_name, r.family_name) for r in copied) == sorted(
        (r.given_name, r.family_name) for r in before
    )


def test_exported_xlsx_reimport_keeps_roles(demo_directory, tmp_path: Path) -> None:
    from directory_app.core.importing import EventSpec, import_files

    ids = search_ids(demo_directory, SearchQuery())
    before = get_contacts(demo_directory, ids)
    export_contacts(demo_directory, ids, tmp_path / "network.xlsx", "xlsx")
    import_files(demo_directory, [tmp_path / "network.xlsx"], event=EventSpec("Re-import check"))
    assert [r.roles for r in get_contacts(demo_directory, ids)] == [r.roles for r in before]


def test_contacts_copied_as_text_as_an_export_gives_them(directory, monkeypatch) -> None:
    """Copy (Ctrl+C in the table): the lines one pastes into an e-mail, what an export leaves out left out."""
    sanja = add_contact(
        directory,
        ContactInput(
            honorific="Ms", given_name="Сања", family_name="Јанковић", position="Chief Prosecutor",
            organisation="Basic Public Prosecutor's Office Belgrade", country="RS", city="Belgrade",
            address="Kneza Miloša 56, 11000", emails=[EmailEntry("sanja@rjt.example.rs")],
            phones=[PhoneEntry(None, "+381 11 2721872"), PhoneEntry(None, "+381 64 1234567", "mobile"),
                    PhoneEntry(None, "+381 63 7654321", "mobile", private=True)],
        ),
    )  # fmt: skip
    hidden = add_contact(directory, ContactInput(given_name="Ana", family_name="Kovač", shareable=False))
    copied = exporting.copy_contacts(directory, [sanja.id, hidden.id])
    assert copied.text == (
        "Ms Сања Јанковић (Sanja Janković)\n"
        "Chief Prosecutor, Basic Public Prosecutor's Office Belgrade\n"
        "Kneza Miloša 56, 11000 Belgrade, Serbia\n"
        "sanja@rjt.example.rs\n"
        "+381 11 2721872\n"
        "+381 64 1234567 (mobile)"
    )
    assert (copied.count, copied.left_out) == (1, "left out: 1 contact marked not to be shared, 1 private phone")
    with pytest.raises(DirectoryError) as refused:
        exporting.copy_contacts(directory, [hidden.id])
    assert str(refused.value) == "nothing to copy: the chosen contact is marked not to be shared"
    monkeypatch.setattr(exporting, "COPY_LIMIT", 0)
    with pytest.raises(DirectoryError, match=r"too many to copy as text .*export them instead"):
        exporting.copy_contacts(directory, [sanja.id])


def test_a_contact_list_to_print_groups_by_country_and_keeps_private_numbers_out(directory, tmp_path: Path) -> None:
    """export-pdf: the directory's own printed list (the participants handout is an event's, without phones)."""
    from pypdf import PdfReader

    from directory_app.cli import main
    from directory_app.core.privacy import list_audit

    people = [
        add_contact(directory, ContactInput(
            given_name="Сања", family_name="Јанковић", country="RS", city="Beograd", position="Chief Prosecutor",
            organisation="Basic Public Prosecutor's Office", emails=[EmailEntry("sanja@rjt.example.rs")],
            phones=[PhoneEntry(None, "+381 64 1234567", "mobile"),
                    PhoneEntry(None, "+381 63 7654321", "mobile", private=True)],
        )),
        add_contact(directory, ContactInput(given_name="Amra", family_name="Šehić", country="BA",
                                            phones=[PhoneEntry(None, "+387 33 221 599")])),
        add_contact(directory, ContactInput(given_name="Ivo", family_name="Horvat")),
    ]  # fmt: skip
    ids = [p.id for p in people]
    out = tmp_path / "list.pdf"
    result = exporting.export_contacts(directory, ids, out, "pdf")
    assert (result.count, result.files) == (3, 1)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    order = [text.index(s) for s in ("Bosnia and Herzegovina (1)", "Serbia (1)", "Country not recorded (1)")]
    assert order == sorted(order)
    assert "Сања Јанковић" in text and "Sanja Janković" in text and format_international("+381641234567") in text
    assert format_international("+381637654321") not in text  # private
    assert "3 people from 2 countries" in text
    exporting.export_contacts(directory, ids, out, "pdf", include_private=True)
    assert format_international("+381637654321") in "".join(page.extract_text() for page in PdfReader(out).pages)
    assert [e.action for e in list_audit(directory)][:2] == ["export-pdf", "export-pdf"]
    db = str(directory.path)
    directory.close()
    assert main(["export-pdf", str(tmp_path / "rs.pdf"), "--country", "RS", "--db", db]) == 0
    assert "Serbia (1)" in PdfReader(tmp_path / "rs.pdf").pages[0].extract_text()


def test_a_contact_list_to_print_shows_progress_can_be_cancelled_and_has_a_size_limit(
    directory, tmp_path: Path, monkeypatch
) -> None:
    from directory_app.core import contact_list

    ids = [add_contact(directory, ContactInput(given_name="Ana", family_name=f"Marić {i}", country="HR")).id
           for i in range(40)]  # fmt: skip
    seen: list[tuple[int, int]] = []
    exporting.export_contacts(directory, ids, tmp_path / "list.pdf", "pdf", progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _t in seen]
    assert done == sorted(done) and seen[-1] == (80, 80)  # reading, then writing: twice the contacts
    assert any(40 < d < 80 for d in done), "the layout reports its pages, not only the rows"

    target = tmp_path / "cancelled.pdf"
    pages = []

    def cancel_on_the_second_page(done: int, _total: int) -> None:
        pages.append(done)
        if done > 40 + 8:
            raise exporting.ExportCancelled("export cancelled; nothing was written")

    with pytest.raises(exporting.ExportCancelled):
        exporting.export_contacts(directory, ids, target, "pdf", progress=cancel_on_the_second_page)
    assert not target.exists() and not list(tmp_path.glob(".cancelled.pdf.*"))

    monkeypatch.setattr(contact_list, "PRINT_LIMIT", 39)
    with pytest.raises(DirectoryError, match=r"40 contacts are too many for a list to print .*export them to Excel"):
        exporting.export_contacts(directory, ids, target, "pdf")


def test_a_contact_too_long_for_a_page_is_clipped_in_the_printed_lists(directory, tmp_path: Path) -> None:
    """An organisation pasted 600 times over made a row taller than the page: reportlab's LayoutError, a
    traceback instead of a list."""
    from pypdf import PdfReader

    from directory_app.core.contacts import add_participation, ensure_event
    from directory_app.core.participants import export_participants

    long = add_contact(
        directory,
        ContactInput(given_name="Ana", family_name="Long", organisation="Ministry " * 600, position="Head " * 300,
                     emails=[EmailEntry(f"a{i}@example.org") for i in range(120)]),
    )  # fmt: skip
    with directory.write() as session:
        add_participation(session, long.id, ensure_event(session, "Seminar"))
    exporting.export_contacts(directory, [long.id], tmp_path / "list.pdf", "pdf")
    text = PdfReader(tmp_path / "list.pdf").pages[0].extract_text()
    assert "Ministry Ministry" in text and "…" in text and "and 114 more" in text
    assert export_participants(directory, "Seminar", tmp_path / "handout.pdf").count == 1


def test_a_cancelled_workbook_leaves_no_temporary_files_and_no_audit_entry(
    demo_directory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XlsxWriter keeps rows in temporary files until the workbook is closed: a cancelled (or failed) export left
    them, contacts and all, in the system's temporary folder."""
    from directory_app.core.privacy import list_audit

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(system_tmp))
    ids = search_ids(demo_directory, SearchQuery())
    before = len(list_audit(demo_directory))
    done: list[int] = []  # progress runs over reading, then writing: cancelled half-way through the rows
    with pytest.raises(DirectoryError, match="cancelled"):
        export_contacts(demo_directory, ids, tmp_path / "out.xlsx", "xlsx", progress=lambda n, _total: done.append(n),
                        cancel=lambda: bool(done) and done[-1] > 1.5 * len(ids))  # fmt: skip
    assert list(system_tmp.iterdir()) == [] and not (tmp_path / "out.xlsx").exists()
    assert len(list_audit(demo_directory)) == before  # nobody was given anything
    export_contacts(demo_directory, ids[:3], tmp_path / "out.xlsx", "xlsx")
    assert list(system_tmp.iterdir()) == []
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Contacts"].max_row == 4


def _read_only(path: Path):
    """The directory file without write permission, as a user opens it. Root writes to a file whatever its
    permissions say, so there SQLite is asked for a read-only connection (the same refusal SQLite gives a user
    who may not write the file)."""
    import os

    from sqlalchemy import create_engine

    from directory_app.core.store import Directory, open_directory

    path.chmod(0o444)
    if os.geteuid() != 0:
        return open_directory(path, daily_backup=False)
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"check_same_thread": False})
    return Directory(path, engine)


def test_an_export_the_directory_cannot_record_is_not_written(demo_db: Path, tmp_path: Path) -> None:
    """Every export is recorded before it is written: a read-only directory file gets a clear one-line refusal
    and no file, not a file on disk that the audit log knows nothing of."""
    import shutil

    copy = tmp_path / "read-only.db"
    shutil.copy(demo_db, copy)
    directory = _read_only(copy)
    try:
        ids = search_ids(directory, SearchQuery())
        for fmt, name in (("vcard", "all.vcf"), ("xlsx", "all.xlsx"), ("csv", "all.csv")):
            with pytest.raises(DirectoryError) as refused:
                export_contacts(directory, ids, tmp_path / name, fmt)
            assert str(refused.value) == (
                f"cannot export: the directory {copy} is read-only, and every export is recorded in it; "
                "nothing was written"
            )
            assert not (tmp_path / name).exists()
        # The participants handout and a contact's QR image were written first, then refused by the audit.
        from directory_app.core.contacts import list_events
        from directory_app.core.participants import export_participants
        from directory_app.core.qr import save_qr_image

        event = max(list_events(directory), key=lambda e: e.participant_count)
        for write, name in ((lambda p: export_participants(directory, event.id, p), "handout.pdf"),
                            (lambda p: save_qr_image(directory, ids[0], p), "code.png")):  # fmt: skip
            with pytest.raises(DirectoryError, match="is read-only, and every export is recorded in it"):
                write(tmp_path / name)
            assert not (tmp_path / name).exists()
    finally:
        directory.close()
        copy.chmod(0o644)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


FULL_DISK_SCRIPT = """
import resource, signal, sys
from pathlib import Path
from directory_app.core.exporting import load_for_export, write_xlsx
from directory_app.core.records import DirectoryError
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory

with open_directory(sys.argv[1], daily_backup=False) as d:
    records = load_for_export(d, search_ids(d, SearchQuery())[:100])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as a full disk does
resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, resource.RLIM_INFINITY))
try:
    write_xlsx(records, Path(sys.argv[2]))
except DirectoryError as exc:
    print(exc)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits (RLIMIT_FSIZE) are POSIX")
def test_a_workbook_that_cannot_be_written_fails_in_one_line_and_leaves_nothing(demo_db: Path, tmp_path: Path) -> None:
    """A full disk during export-xlsx printed a traceback and "Exception ignored in: ZipFile.__del__"; the rows'
    temporary files stayed behind. A limit on file sizes in a process of its own stands in for the full disk."""
    import os
    import subprocess

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    target = tmp_path / "out" / "all.xlsx"
    target.parent.mkdir()
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(system_tmp)}
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK_SCRIPT, str(demo_db), str(target)],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == f"cannot write {target}: File too large\n"
    assert list(target.parent.iterdir()) == [] and list(system_tmp.iterdir()) == []
