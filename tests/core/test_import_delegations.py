"""A form where an institution registers its delegation: several people on one row, each in a numbered group of
columns ("Participant 1 - Name and surname", ..., "Participant 2 - E-mail"). Before, only the first was imported,
with the sender's address, and the others went to her notes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from directory_app.core.importing import EventSpec, import_files, plan_file
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv, write_xlsx

HEADER = ["Timestamp", "Institution", "Country", "Contact person e-mail", "Participant 1 - Name and surname",
          "Participant 1 - Position", "Participant 1 - E-mail", "Participant 1 - Phone",
          "Participant 2 - Name and surname", "Participant 2 - Position", "Participant 2 - E-mail",
          "Participant 2 - Phone"]  # fmt: skip
ROWS = [
    ["2025/05/02 10:11", "Prosecutor's Office of BiH", "Bosnia and Herzegovina", "info@tuzilastvobih.gov.ba",
     "Amra Šehić", "Prosecutor", "amra.sehic@tuzilastvobih.gov.ba", "+387 33 707 100",
     "Emir Delić", "Legal Advisor", "emir.delic@tuzilastvobih.gov.ba", "+387 61 111 222"],
    ["2025/05/03 09:00", "Ministry of Interior", "Montenegro", "", "Marko Vuković", "Police Inspector",
     "marko.vukovic@mup.gov.me", "+382 67 123 456", "", "", "", ""],
    ["2025/05/04 08:00", "La Strada", "Ukraine", "office@lastrada.org.ua", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def test_one_person_per_delegate(tmp_path: Path) -> None:
    fp = plan_file(write_csv(tmp_path / "registrations.csv", [HEADER, *ROWS]))
    (plan,) = fp.usable
    assert plan.headers[3:] == ["Contact person e-mail", "Name and surname", "Position", "E-mail", "Phone"]
    assert plan.mapping[3:] == ["notes", "full_name", "position", "email", "phone"]
    assert "registrations.csv, sheet registrations: each row holds up to 2 people" in " ".join(fp.notes())
    rows = list(fp.rows())
    people = [
        (r.row_number, c.given_name, c.family_name, c.organisation, c.country, [e.address for e in c.emails],
         [p.e164 for p in c.phones])
        for r in rows if (c := r.contact)
    ]  # fmt: skip
    assert people == [
        (2, "Amra", "Šehić", "Prosecutor's Office of BiH", "BA", ["amra.sehic@tuzilastvobih.gov.ba"], ["+38733707100"]),
        (2, "Emir", "Delić", "Prosecutor's Office of BiH", "BA", ["emir.delic@tuzilastvobih.gov.ba"], ["+38761111222"]),
        (3, "Marko", "Vuković", "Ministry of Interior", "ME", ["marko.vukovic@mup.gov.me"], ["+38267123456"]),
    ]
    # The sender's address is in each delegate's notes, not given to them as theirs.
    assert rows[0].contact.notes == "Contact person e-mail: info@tuzilastvobih.gov.ba"
    # A row that names nobody is reported, not dropped.
    assert (rows[-1].row_number, rows[-1].contact, rows[-1].skip_reason) == (4, None, "no name")


@pytest.mark.parametrize(
    "header",
    [
        ["Institution", "Name 1", "E-mail 1", "Name 2", "E-mail 2"],
        ["Institution", "1. Ime i prezime", "1. E-mail", "2. Ime i prezime", "2. E-mail"],
        ["Institution", "Name (participant 1)", "E-mail (participant 1)", "Name (participant 2)",
         "E-mail (participant 2)"],
        ["Institution", "Učesnik 1 - Ime i prezime", "Učesnik 1 - E-mail", "Učesnik 2 - Ime i prezime",
         "Učesnik 2 - E-mail"],
        # numbered in words, or the second delegate optional: they went into the first one's notes, or were lost
        ["Institution", "First participant - Name and surname", "First participant - E-mail",
         "Second participant (if any) - Name and surname", "Second participant (if any) - E-mail"],
        ["Institution", "Prvi učesnik - Ime i prezime", "Prvi učesnik - E-mail", "Drugi učesnik - Ime i prezime",
         "Drugi učesnik - E-mail"],
        ["Institution", "Participant 1 - Name", "Participant 1 - E-mail", "Participant 2 (optional) - Name",
         "Participant 2 (optional) - E-mail"],
    ],
)  # fmt: skip
def test_the_ways_forms_number_their_delegates(tmp_path: Path, header: list[str]) -> None:
    row = ["MUP", "Ana Kovač", "ana@mup.hr", "Ivo Horvat", "ivo@mup.hr"]
    fp = plan_file(write_xlsx(tmp_path / "form.xlsx", {"Form": [header, row]}))
    assert [(r.contact.family_name, r.contact.emails[0].address) for r in fp.rows()] == [
        ("Kovač", "ana@mup.hr"),
        ("Horvat", "ivo@mup.hr"),
    ]


def test_two_phones_or_two_addresses_of_one_person_are_not_two_people(tmp_path: Path) -> None:
    header = ["Name", "Surname", "E-mail 1", "E-mail 2", "Phone 1", "Phone 2"]
    row = ["Ana", "Kovač", "ana@mup.hr", "ana.kovac@gmail.com", "+385 1 123 4567", "+385 91 123 4567"]
    (only,) = plan_file(write_csv(tmp_path / "list.csv", [header, row])).rows()
    assert (len(only.contact.emails), len(only.contact.phones)) == (2, 2)


def test_a_delegation_imported(directory, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "registrations.csv", [HEADER, *ROWS])
    report = import_files(directory, [path], event=EventSpec("Regional meeting 2025"))
    assert (report.created, report.skipped) == (3, 1)
    names = sorted(f"{r.given_name} {r.family_name}" for r in search(directory, SearchQuery(), limit=None))
    assert names == ["Amra Šehić", "Emir Delić", "Marko Vuković"]


def test_nothing_of_the_row_is_left_out(tmp_path: Path) -> None:
    """A column beyond the header and a second phone of a delegate are kept; a hidden column stays hidden."""
    header = ["Institution", "Participant 1 - Name", "Participant 1 - Phone", "Participant 1 - Phone",
              "Participant 2 - Name", "Participant 2 - Phone", "Participant 2 - Phone"]  # fmt: skip
    row = ["MUP", "Ana Kovač", "+385 1 123 4567", "+385 91 123 4567", "Ivo Horvat", "", "+385 98 765 4321",
           "sent late"]  # fmt: skip
    path = write_xlsx(tmp_path / "form.xlsx", {"Form": [header, row]})

    wb = openpyxl.load_workbook(path)
    wb["Form"].column_dimensions["A"].hidden = True
    wb.save(path)
    fp = plan_file(path)
    ana, ivo = fp.rows()
    assert [p.e164 for p in ana.contact.phones] == ["+38511234567", "+385911234567"]
    assert [p.e164 for p in ivo.contact.phones] == ["+385987654321"]
    assert "sent late" in ana.original.values() and "sent late" in ivo.original.values()
    assert any("hidden columns read too: Institution" in note for note in fp.notes())


def test_an_answer_about_one_delegate_is_not_taken_for_the_other(directory, tmp_path: Path) -> None:
    """Both delegates of a row had the row's key: the wizard's answer about the first (the same person as a
    contact) was taken for the second too, and merged her into that contact."""
    from directory_app.core.contacts import add_contact, contact_count
    from directory_app.core.importing import import_plans
    from directory_app.core.records import ContactInput

    amra = add_contact(directory, ContactInput(given_name="Amra", family_name="Sehic", country="BA"))
    add_contact(directory, ContactInput(given_name="Emir", family_name="Delic", country="BA"))
    fp = plan_file(write_csv(tmp_path / "registrations.csv", [HEADER, ROWS[0]]))
    preview = import_plans(directory, [fp], dry_run=True)
    asked = [o for o in preview.outcomes if o.candidates]
    assert [o.name for o in asked] == ["Amra Šehić", "Emir Delić"]
    assert len({o.key for o in asked}) == 2, "each delegate is answered about on its own"
    assert [o.row for o in asked] == ["2, person 1", "2, person 2"]  # as the preview and the report show them
    answers = {asked[0].key: amra.id, asked[1].key: "new"}  # Amra is Amra; Emir is someone new
    report = import_plans(directory, [fp], decisions=answers)
    assert (report.created, report.updated) == (1, 1)
    assert contact_count(directory) == 3
