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
     ("I agree that my name and address are shared with other participants", "consent_shared"),
     # Outlook in German, Russian and French: the part and whose address it is, in either order
     ("Straße geschäftlich", "address"), ("Postleitzahl geschäftlich", "address"), ("Ort geschäftlich", "city"),
     ("Land/Region geschäftlich", "country"), ("Straße privat", "ignore"), ("Ort privat", "ignore"),
     ("Рабочий адрес, почтовый индекс", "address"), ("Рабочий адрес, страна или регион", "country"),
     ("Домашний адрес, город", "ignore"), ("Rue (bureau)", "address"), ("Ville (bureau)", "city"),
     ("Ville (domicile)", "ignore"), ("Code postal (domicile)", "ignore"), ("Work ZipCode", "address")],
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


def test_a_cell_that_calls_one_of_its_numbers_or_addresses_private(tmp_path: Path) -> None:
    """ "(private)", "privatni:", "(home)" beside one number or address in the cell: read only for the phone's
    type, the private mobile and gmail address were shared with everybody."""
    rows = [["First name", "Last name", "Country", "E-mail", "Phone"],
            ["Can", "Yıldız", "Türkiye", "can.yildiz@egm.gov.tr (office), canyildiz@hotmail.com (private)",
             "0312 462 30 00 (office), 0532 111 22 33 (private)"],
            ["Goran", "Ristić", "Serbia", "goran.ristic@mup.gov.rs, privatno: goranr@gmail.com",
             "011 306 2000, privatni: 064 555 4444"],
            ["Tanja", "Vuković", "Montenegro", "personal: tanja@gmail.com", "067 111 222 (home)"],
            ["Ivo", "Horvat", "Croatia", "ivo.horvat@mup.hr", "01 6122 111, kućni 45"]]  # fmt: skip
    can, goran, tanja, ivo = (r.contact for r in plan_file(write_xlsx(tmp_path / "l.xlsx", {"P": rows})).rows())
    assert [(e.address, e.private) for e in can.emails] == [
        ("can.yildiz@egm.gov.tr", False), ("canyildiz@hotmail.com", True),
    ]  # fmt: skip
    assert [(p.e164, p.private) for p in can.phones] == [("+903124623000", False), ("+905321112233", True)]
    assert [e.private for e in goran.emails] == [False, True] and [p.private for p in goran.phones] == [False, True]
    assert [e.private for e in tanja.emails] == [True] and [p.private for p in tanja.phones] == [True]
    # "kućni 45" is the office number's extension, not a home number
    assert [(p.e164, p.private) for p in ivo.phones] == [("+38516122111;ext=45", False)]


GOOGLE_HEADER = [
    "First Name", "Last Name", "Organization Name", "Organization Title", "Labels", "E-mail 1 - Label",
    "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label",
    "Phone 2 - Value", "Address 1 - Label", "Address 1 - Street", "Address 1 - City", "Address 1 - Postal Code",
    "Address 1 - Country", "Address 2 - Label", "Address 2 - Street", "Address 2 - City", "Address 2 - Postal Code",
    "Address 2 - Country",
]  # fmt: skip


def test_google_contacts_labels_say_what_is_private(directory, tmp_path: Path) -> None:
    """Google Contacts' export says in a label beside each address, number and postal address whose it is: a "Home"
    e-mail or phone is the person's own (imported as private), a "Work Fax" a fax, and a "Home" address is never
    imported while the "Work" one is. Its people are someone's contacts: no event is proposed."""
    from directory_app.core.importing import propose_event

    path = write_csv(
        tmp_path / "contacts.csv",
        [GOOGLE_HEADER,
         ["Ana", "Kovač", "Ministry of Interior", "Police Inspector", "* myContacts ::: THB", "* Work",
          "ana.kovac@mup.hr", "Home", "ana.k@gmail.com", "Work Fax", "+385 1 612 2112", "Home", "+385 1 234 5678",
          "Home", "Lipa 7", "Samobor", "10430", "Croatia", "Work", "Ilica 335", "Zagreb", "10000", "Croatia"],
         ["Besnik", "Hoxha", "Prokuroria e Përgjithshme", "Prosecutor", "", "Work", "b.hoxha@pp.gov.al", "", "",
          "Mobile", "+355 69 123 4567", "", "", "", "", "", "", "", "", "", "", "", ""]],
    )  # fmt: skip
    assert propose_event([plan_file(path)]).name == ""
    import_files(directory, [path], event=EventSpec(""))
    people = {c.family_name: c for c in search(directory, SearchQuery())}
    ana, besnik = people["Kovač"], people["Hoxha"]
    assert [(e.address, e.private) for e in ana.emails] == [("ana.kovac@mup.hr", False), ("ana.k@gmail.com", True)]
    assert [(p.e164, p.type, p.private) for p in ana.phones] == [
        ("+38516122112", "fax", False), ("+38512345678", "work", True),
    ]  # fmt: skip
    assert (ana.address, ana.city) == ("Ilica 335, 10000", "Zagreb")
    assert all(word not in ana.address + ana.city + ana.notes for word in ("Lipa", "Samobor", "10430"))
    assert [(p.e164, p.type, p.private) for p in besnik.phones] == [("+355691234567", "mobile", False)]


@pytest.mark.parametrize(
    ("rows", "notes"),
    [
        # Thunderbird's address book: a "ZipCode" is a postal code, the screen name and web page go to the notes
        ([["First Name", "Last Name", "Primary Email", "Secondary Email", "Screen Name", "Work Phone", "Home Phone",
           "Work Address", "Work City", "Work ZipCode", "Work Country", "Organization", "Web Page 1", "Birth Year"],
          ["Marija", "Petrovska", "marija.petrovska@jorm.gov.mk", "", "mpetrovska", "+389 2 3219 800",
           "+389 2 3111 222", "Bul. Krste Misirkov bb", "Skopje", "1000", "North Macedonia",
           "Public Prosecutor's Office", "https://jorm.gov.mk", "1980"]],
         ["Screen Name: mpetrovska", "Web Page 1: https://jorm.gov.mk"]),
        # LinkedIn's connections: a note above the header, the profile's address kept, the day of connecting not
        ([["Notes:"], ["When exporting your connection data, you may notice that some of the email addresses are "
                       "missing."], [],
          ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
          ["Marija", "Petrovska", "https://www.linkedin.com/in/mpetrovska", "marija.petrovska@jorm.gov.mk",
           "Public Prosecutor's Office", "Public Prosecutor", "12 Mar 2024"]],
         ["URL: https://www.linkedin.com/in/mpetrovska"]),
    ],
)  # fmt: skip
def test_other_address_books_propose_no_event(directory, tmp_path: Path, rows: list, notes: list[str]) -> None:
    from directory_app.core.importing import propose_event

    path = write_csv(tmp_path / "export.csv", rows)
    plan = plan_file(path)
    assert propose_event([plan]).name == "" and not any("not imported" in note for note in plan.notes())
    import_files(directory, [path], event=EventSpec(""))
    (marija,) = search(directory, SearchQuery())
    assert marija.notes.splitlines() == notes and "1980" not in marija.notes
    if "Work ZipCode" in rows[0]:
        assert (marija.address, marija.city, marija.country) == ("Bul. Krste Misirkov bb, 1000", "Skopje", "MK")
        assert [(p.e164, p.private) for p in marija.phones] == [("+38923219800", False), ("+38923111222", True)]


def test_outlook_in_german_keeps_the_office_and_leaves_the_home_out(directory, tmp_path: Path) -> None:
    """Outlook's export in German: the office's street was not read ("Straße geschäftlich"), the mobile was lost
    ("Mobiltelefon"), and the home town went into the notes ("Ort privat: Mainz")."""
    from directory_app.core.importing import propose_event

    path = write_csv(
        tmp_path / "Kontakte.csv",
        [["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Firma", "Abteilung", "Position", "Straße geschäftlich",
          "Ort geschäftlich", "Postleitzahl geschäftlich", "Land/Region geschäftlich", "Straße privat", "Ort privat",
          "Telefon geschäftlich", "Telefon privat", "Mobiltelefon", "Fax geschäftlich", "E-Mail-Adresse",
          "Geburtstag", "Kategorien"],
         ["Frau", "Sabine", "Maria", "Müller", "Bundeskriminalamt", "SO 12", "Kriminalhauptkommissarin",
          "Thaerstraße 11", "Wiesbaden", "65193", "Deutschland", "Rosenweg 3", "Mainz", "+49 611 55 12345",
          "+49 6131 987654", "+49 170 1234567", "+49 611 55 45000", "sabine.mueller@bka.bund.de", "1.1.1975", "THB"]],
    )  # fmt: skip
    plan = plan_file(path)
    assert propose_event([plan]).name == "" and not any("not imported" in note for note in plan.notes())
    import_files(directory, [path], event=EventSpec(""))
    (sabine,) = search(directory, SearchQuery())
    assert (sabine.address, sabine.city, sabine.country) == ("Thaerstraße 11, 65193", "Wiesbaden", "DE")
    assert [(p.e164, p.type, p.private) for p in sabine.phones] == [
        ("+496115512345", "work", False), ("+496131987654", "work", True), ("+491701234567", "mobile", False),
        ("+496115545000", "fax", False),
    ]  # fmt: skip
    assert list(sabine.expertise) == ["trafficking_in_human_beings"]
    assert all(word not in sabine.notes for word in ("Rosenweg", "Mainz", "1975"))
