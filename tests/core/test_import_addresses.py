"""Offices' postal addresses: read from registration lists and address books, kept on one line, the town given to
the city; a home address is never imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.importing import EventSpec, import_files, plan_file
from directory_app.core.importing.mapping import match_header
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv, write_xlsx


@pytest.mark.parametrize(
    ("header", "field"),
    [("Adresa institucije", "address"), ("Institution address", "address"), ("Address of your office", "address"),
     ("Adresse postale", "address"), ("Адрес", "address"), ("Poštanski broj", "address"), ("ZIP code", "address"),
     ("Business Street", "address"), ("Address 1 - Postal Code", "address"), ("Address 1 - City", "city"),
     ("Business Country/Region", "country"), ("Address 1 - Formatted", "ignore"), ("Address 1 - Type", "ignore"),
     ("Home Street", "ignore"), ("Home Postal Code", "ignore"), ("Kućna adresa", "ignore"),
     ("Adresa prebivališta", "ignore"), ("Ev adresi", "ignore"),
     # e-mail and web addresses are not postal ones
     ("Email adresa", "email"), ("Adresa elektronske pošte", "email"), ("Адрес электронной почты", "email"),
     ("Web address", "notes"), ("Institution", "organisation"),  # a web page: kept in the notes
     ("I agree that my name and address are shared with other participants", "consent_shared")],
)  # fmt: skip
def test_address_headers(header: str, field: str | None) -> None:
    assert match_header(header) == field


def test_registration_list_with_addresses(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "skopje.xlsx",
        {"Participants": [
            ["Ime", "Prezime", "Institucija", "Adresa institucije", "Poštanski broj", "Grad", "Država", "E-mail",
             "Kućna adresa"],
            ["Jelena", "Petrović", "Ministarstvo unutrašnjih poslova", "Kneza Miloša 101", 11000, "Beograd", "Srbija",
             "jelena.petrovic@mup.gov.rs", "Ulica Lipa 5, Zemun"],
            # the whole address in one cell, on two lines, the town at its end and no city column value
            ["Arben", "Hoxha", "Prokuroria e Përgjithshme", "Rruga e Durrësit 1\n1001 Tiranë", None, None, "Albania",
             "arben.hoxha@pp.gov.al", None],
            # the country at the end is the row's own: dropped; the town is the row's city: dropped too
            ["Ana", "Kovač", "Ministarstvo pravosuđa", "Ulica grada Vukovara 49, 10000 Zagreb, Hrvatska", None,
             "Zagreb", "Hrvatska", "ana.kovac@mpu.hr", None],
        ]},
    )  # fmt: skip
    (plan,) = plan_file(path).usable
    assert plan.mapping[3:6] == ["address", "address", "city"]
    assert plan.mapping[8] == "ignore"

    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "d.db") as directory:
        report = import_files(directory, [path], event=EventSpec("Skopje 2025"))
        assert report.created == 3, report.summary()
        people = {r.family_name: r for r in search(directory, SearchQuery())}
    assert (people["Petrović"].address, people["Petrović"].city) == ("Kneza Miloša 101, 11000", "Beograd")
    assert (people["Hoxha"].address, people["Hoxha"].city) == ("Rruga e Durrësit 1, 1001", "Tiranë")
    assert (people["Kovač"].address, people["Kovač"].city) == ("Ulica grada Vukovara 49, 10000", "Zagreb")
    # The home address is nowhere in the contact.
    assert all("Lipa" not in (r.address + r.notes) for r in people.values())


def test_address_book_business_address_not_home(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "contacts.csv",
        [["First Name", "Last Name", "Company", "Business Street", "Business City", "Business Postal Code",
          "Business Country/Region", "Home Street", "Home City", "Home Postal Code", "E-mail Address"],
         ["Marko", "Vuković", "Uprava policije", "Bulevar Svetog Petra Cetinjskog 22", "Podgorica", "81000",
          "Montenegro", "Njegoševa 7", "Cetinje", "81250", "marko.vukovic@policija.me"]],
    )  # fmt: skip
    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "d.db") as directory:
        import_files(directory, [path], event=EventSpec("Contacts"))
        (marko,) = search(directory, SearchQuery())
    assert (marko.address, marko.city) == ("Bulevar Svetog Petra Cetinjskog 22, 81000", "Podgorica")
    assert marko.country == "ME"
    assert "Njegoševa" not in marko.notes and "Cetinje" not in marko.notes


def test_an_address_column_of_email_addresses_is_email(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [["Ime i prezime", "Adresa"], ["Jelena Petrović", "jelena.petrovic@mup.gov.rs"],
         ["Arben Hoxha", "arben.hoxha@pp.gov.al"]],
    )  # fmt: skip
    (plan,) = plan_file(path).usable
    assert plan.mapping == ["full_name", "email"]


def test_a_new_address_fills_an_empty_one_and_a_different_one_is_a_conflict(directory, tmp_path: Path) -> None:
    header = ["Name", "Surname", "E-mail", "Address", "City"]
    first = write_csv(tmp_path / "a.csv", [header, ["Jelena", "Petrović", "jp@mup.gov.rs", "", "Beograd"]])
    second = write_csv(
        tmp_path / "b.csv", [header, ["Jelena", "Petrović", "jp@mup.gov.rs", "Kneza Miloša 101, 11000", "Beograd"]]
    )
    third = write_csv(
        tmp_path / "c.csv", [header, ["Jelena", "Petrović", "jp@mup.gov.rs", "Bulevar Mihajla Pupina 2", "Beograd"]]
    )
    import_files(directory, [first], event=EventSpec("One"))
    report = import_files(directory, [second], event=EventSpec("Two"))
    assert "address" in report.outcomes[0].changes
    report = import_files(directory, [third], event=EventSpec("Three"))
    assert report.outcomes[0].conflicts == [
        "address: kept 'Kneza Miloša 101, 11000', the list says 'Bulevar Mihajla Pupina 2'"
    ]
    (jelena,) = search(directory, SearchQuery())
    assert jelena.address == "Kneza Miloša 101, 11000"


def test_an_address_typed_in_the_dialog_is_kept_as_an_import_keeps_it(directory, tmp_path: Path) -> None:
    """Typed with its town ("Nemanjina 22, 11000 Beograd"), the address kept it; a later list's "Nemanjina 22,
    11000" in Beograd was then reported as a conflict with it."""
    from directory_app.core.contacts import add_contact
    from directory_app.core.records import ContactInput, EmailEntry

    typed = add_contact(
        directory,
        ContactInput(given_name="Jelena", family_name="Petrović", country="RS", city="Beograd",
                     address="Nemanjina 22\n11000 Beograd", emails=[EmailEntry("jp@mup.gov.rs")]),
    )  # fmt: skip
    assert (typed.address, typed.city) == ("Nemanjina 22, 11000", "Beograd")
    no_city = add_contact(
        directory, ContactInput(given_name="Ana", family_name="Marić", country="RS", address="Nemanjina 22, Beograd")
    )
    assert (no_city.address, no_city.city) == ("Nemanjina 22", "Beograd")  # the town is the city's
    listed = write_csv(
        tmp_path / "list.csv",
        [["Name", "Surname", "E-mail", "Address", "City"],
         ["Jelena", "Petrović", "jp@mup.gov.rs", "Nemanjina 22, 11000", "Beograd"]],
    )  # fmt: skip
    report = import_files(directory, [listed], event=EventSpec("Seminar"))
    assert report.outcomes[0].conflicts == [] and "address" not in report.outcomes[0].changes


@pytest.mark.parametrize(
    ("header", "private"),
    [("Home Phone", True), ("Personal e-mail", True), ("E-mail (private)", True), ("Privatni mobilni", True),
     ("Kućni telefon", True), ("Личный телефон", True), ("Ev telefonu", True), ("Business Phone", False),
     ("Službeni telefon", False), ("E-mail", False), ("Mobile", False)],
)  # fmt: skip
def test_headers_that_call_a_phone_or_an_e_mail_private(header: str, private: bool) -> None:
    from directory_app.core.importing.mapping import private_header

    assert private_header(header) is private


def test_home_phones_and_personal_e_mails_are_imported_as_private(tmp_path: Path) -> None:
    """An address book's "Home Phone" and a form's "Personal e-mail" are the person's own: kept, but marked private,
    so that exports leave them out unless included on purpose."""
    from directory_app.core.exporting import export_contacts

    path = write_csv(
        tmp_path / "contacts.csv",
        [["First Name", "Last Name", "E-mail Address", "Personal e-mail", "Business Phone", "Home Phone"],
         ["Marko", "Vuković", "marko.vukovic@policija.me", "marko78@example.com", "+382 20 241 421",
          "+382 67 123 456"]],
    )  # fmt: skip
    from directory_app.core.store import open_directory

    with open_directory(tmp_path / "d.db") as directory:
        import_files(directory, [path], event=EventSpec("Contacts"))
        (marko,) = search(directory, SearchQuery())
        assert [(e.address, e.private) for e in marko.emails] == [
            ("marko.vukovic@policija.me", False), ("marko78@example.com", True),
        ]  # fmt: skip
        assert [(p.e164, p.private) for p in marko.phones] == [("+38220241421", False), ("+38267123456", True)]
        export_contacts(directory, [marko.id], tmp_path / "out.vcf", "vcard")
    card = (tmp_path / "out.vcf").read_text(encoding="utf-8")
    assert "marko.vukovic@policija.me" in card and "+38220241421" in card
    assert "marko78@example.com" not in card and "+38267123456" not in card
