"""Header detection, multilingual column mapping, names, honorifics and row normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.importing import plan_file, propose_event, row_count
from directory_app.core.importing.mapping import (
    family_first,
    match_header,
    parse_attended,
    parse_consent,
    split_full_name,
    split_honorific,
)
from tests.core.import_helpers import set_cached_values, write_csv, write_xlsx


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("SURNAME", "family_name"), ("Last name", "family_name"), ("Nom", "family_name"), ("Фамилия", "family_name"),
        ("Prezime", "family_name"), ("Презиме", "family_name"), ("Mbiemri", "family_name"), ("Soyadı", "family_name"),
        ("Nachname", "family_name"), ("Prénom", "given_name"), ("Vorname", "given_name"), ("Имя", "given_name"),
        ("Ime", "given_name"), ("Emri", "given_name"), ("Adı", "given_name"), ("First name *", "given_name"),
        ("Ime i prezime", "full_name"), ("Име и презиме", "full_name"), ("Adı Soyadı", "full_name"),
        ("Nom et prénom", "full_name"), ("ФИО", "full_name"), ("Emri dhe mbiemri", "full_name"),
        ("Prezime i ime", "full_name"), ("Prénom et nom", "full_name"), ("Last name, First name", "full_name"),
        ("Vorname und Name", "full_name"), ("Soyadı Adı", "full_name"), ("Unvanı", "position"),
        ("Adresa e-pošte", "email"), ("Adresa elektronike", "email"), ("Nr. i telefonit", "phone"),
        ("Državljanstvo", "country"), ("Specijalizacija", "expertise"), ("Spol", "ignore"), ("Flight", "ignore"),
        ("E-mail address (work)", "email"), ("Courriel", "email"), ("Эл. почта", "email"), ("E-pošta", "email"),
        ("Е-пошта", "email"), ("Telefon", "phone"), ("Моб. телефон", "mobile"), ("Cep telefonu", "mobile"),
        ("Država", "country"), ("Држава", "country"), ("Страна", "country"), ("Ülke", "country"), ("Pays", "country"),
        ("Vendi", "country"), ("Institucija", "organisation"), ("Организација", "organisation"),
        ("Kurum", "organisation"), ("Behörde", "organisation"), ("Должность", "position"), ("Funkcija", "position"),
        ("Görevi", "position"), ("Fonction", "position"), ("Направление работы", "expertise"),
        ("Area of expertise", "expertise"), ("#", "ignore"), ("R.br.", "ignore"), ("№", "ignore"),
        ("Signature", "ignore"), ("Potpis", "ignore"), ("Hotel", "ignore"), ("Favourite colour", None),
        ("Country of your institution", "country"), ("Name of institution", "organisation"),
        ("Position of participant", "position"), ("Pays de l'institution", "country"),
        ("Nom de l'institution", "organisation"), ("Name of participant", "full_name"), ("Contact", "phone"),
        ("Coordonnées", "phone"), ("Contact person", None), ("Contact e-mail", "email"),
        ("I agree that my contact details are shared with other participants", "consent_shared"),
        ("GDPR consent", "consent_shared"), ("Saglasnost za dijeljenje kontakt podataka", "consent_shared"),
        ("KVKK onayı", "consent_shared"), ("I agree to be listed in the network directory", "consent_listed"),
        ("Согласие на обработку персональных данных", "consent_listed"), ("Katılım onayı", None),
        ("Nume", "family_name"), ("Prenume", "given_name"), ("Funcția", "position"), ("Instituția", "organisation"),
        ("Țara", "country"), ("Прізвище", "family_name"), ("Ім'я", "given_name"), ("Посада", "position"),
        ("ПІБ", "full_name"), ("Vezetéknév", "family_name"), ("Beosztás", "position"), ("Ország", "country"),
        ("Длъжност", "position"), ("Имейл", "email"), ("Ηλεκτρονικό ταχυδρομείο", "email"), ("Priimek", "family_name"),
        ("Ruolo", "position"), ("Paese", "country"),
    ],
)  # fmt: skip
def test_header_words(header: str, field: str | None) -> None:
    assert match_header(header) == field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ms. Ana MARIĆ", ("Ms", "Ana", "MARIĆ")),
        ("MARIĆ Ana", ("", "Ana", "MARIĆ")),
        ("Marić, Ana", ("", "Ana", "Marić")),
        ("Ana Marić", ("", "Ana", "Marić")),
        ("Dr Jan van der BERG", ("Dr", "Jan", "van der BERG")),
        ("Ludwig van Beethoven", ("", "Ludwig", "van Beethoven")),
        ("H.E. Mr. John SMITH", ("H.E. Mr", "John", "SMITH")),
        ("M. Jean DUPONT", ("M.", "Jean", "DUPONT")),
        ("Mme Hélène LEFÈVRE", ("Mme", "Hélène", "LEFÈVRE")),
        ("Г-жа Анна ИВАНОВА", ("г-жа", "Анна", "ИВАНОВА")),
        ("g. Petar PETROVIĆ", ("g.", "Petar", "PETROVIĆ")),
        ("gđa Maja Kovač", ("gđa", "Maja", "Kovač")),
        ("Bayan Zeynep ÖZDEMİR", ("Bayan", "Zeynep", "ÖZDEMİR")),
        ("Prof. Dr. Hans MÜLLER", ("Prof Dr", "Hans", "MÜLLER")),
        ("mr. sc. Ana KOVAČ", ("mr. sc.", "Ana", "KOVAČ")),  # a master's degree, not "Mr"
        ("Doc. dr. sc. Petra Novak", ("Doc. dr. sc.", "Petra", "Novak")),
        ("Av. Ayşe YILMAZ", ("Av.", "Ayşe", "YILMAZ")),
        ("г-дин Горан Стојановски", ("г-дин", "Горан", "Стојановски")),
        ("Doc Holliday", ("", "Doc", "Holliday")),  # without its dot, a name
        ("Mr", ("", "", "Mr")),  # a lone word is a name, never an empty honorific split
        ("Dr.Ivana KOVAČ", ("Dr", "Ivana", "KOVAČ")),  # glued by its dot
        ("Mr.Petar PETROVIĆ", ("Mr", "Petar", "PETROVIĆ")),
        ("M.PETROVIĆ Ana", ("", "Ana", "M.PETROVIĆ")),  # "M." is an initial here, not Monsieur
        ("Prof. dr. sc. Ana BABIĆ", ("Prof. dr. sc.", "Ana", "BABIĆ")),
        ("Col. Hakan DEMİR", ("Col.", "Hakan", "DEMİR")),  # ranks, with their dot
        ("Lt. Col. Ivan HORVAT", ("Lt. Col.", "Ivan", "HORVAT")),
        ("Insp. Ardit HOXHA", ("Insp.", "Ardit", "HOXHA")),
        ("Maj Kowalska", ("", "Maj", "Kowalska")),  # without it, a name
    ],
)
def test_full_name_split(text: str, expected: tuple[str, str, str]) -> None:
    assert split_full_name(text) == expected


@pytest.mark.parametrize(
    ("header", "first"),
    [
        ("Prezime i ime", True), ("Prezime i ime učesnika", True), ("ФИО", True), ("Ф.И.О.", True),
        ("Nom et prénom", True), ("Surname and name", True), ("Last name, First name", True), ("Soyadı Adı", True),
        ("Mbiemri dhe emri", True), ("Ime i prezime", False), ("Prénom et nom", False), ("Name and surname", False),
        ("Full name", False), ("Participant", False),
    ],
)  # fmt: skip
def test_a_header_that_puts_the_surname_first(header: str, first: bool) -> None:
    assert family_first(header) is first


def test_surname_first_split() -> None:
    assert split_full_name("Šehić Amra", surname_first=True) == ("", "Amra", "Šehić")
    assert split_full_name("Иванов Иван Иванович", surname_first=True) == ("", "Иван Иванович", "Иванов")
    assert split_full_name("van der Berg Jan", surname_first=True) == ("", "Jan", "van der Berg")
    # capitals and commas still say which is the surname
    assert split_full_name("Amra ŠEHIĆ", surname_first=True) == ("", "Amra", "ŠEHIĆ")
    assert split_full_name("Dr Šehić, Amra", surname_first=True) == ("Dr", "Amra", "Šehić")


def test_honorific_needs_a_dot_when_it_is_also_an_initial() -> None:
    assert split_honorific("M Jean") == ("", "M Jean")
    assert split_honorific("Mr/Ms Ana Ivić") == ("", "Ana Ivić")


def rows_of(path: Path):
    fp = plan_file(path)
    return fp, list(fp.rows())


def test_title_rows_blank_rows_total_numbering_and_name_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "seminar.xlsx",
        {
            "Registrations": [
                ["Regional seminar on THB - Sarajevo, 12-14 May 2017"],
                [],
                ["No.", "Title", "LAST NAME", "Name", "Country", "Institution", "Function", "E-mail", "Mobile"],
                [1, "Ms", "HADŽIĆ", "Amra", "BiH", "Tužilaštvo BiH", "", "amra@example.ba", "061 123 456"],
                [],
                [2, "Mr", "ÖZDEMİR", "Mehmet", "Turkiye", "Jandarma", "Captain", "m@example.tr", 905321234567],
                [3, "Mr", "VAN DER BERG", "Jan", "Netherlands", "Europol", "Liaison officer", "j@example.nl", ""],
                [None, None, "Total: 3"],
            ]
        },
        merges={"Registrations": ["A1:I1"]},
    )
    fp, rows = rows_of(path)
    plan = fp.usable[0]
    assert plan.header_row_number == 3
    assert plan.mapping == [
        "ignore", "honorific", "family_name", "given_name", "country", "organisation", "position", "email", "mobile"
    ]  # fmt: skip
    people = [r for r in rows if r.contact]
    assert [(r.contact.given_name, r.contact.family_name) for r in people] == [
        ("Amra", "Hadžić"),
        ("Mehmet", "Özdemir"),
        ("Jan", "Van der Berg"),  # the surname on its own: the first particle capitalised (folding.proper_case)
    ]
    amra, mehmet, jan = (r.contact for r in people)
    assert amra.country == "BA" and amra.roles == ["prosecutor"] and amra.phones[0].e164 == "+38761123456"
    assert amra.phones[0].type == "mobile"
    assert mehmet.country == "TR" and mehmet.phones[0].e164 == "+905321234567"
    assert "police_liaison" in jan.roles
    assert [r.row_number for r in rows if r.ignored] == [8]
    event = propose_event([fp])
    assert event.name.startswith("Regional seminar on THB")
    assert (event.start_date.isoformat(), event.end_date.isoformat()) == ("2017-05-12", "2017-05-14")


def test_single_full_name_column_and_sheet_parts(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx",
        {
            "Participants": [["Participant", "E-mail"], ["Ms. Ana MARIĆ", "ana@example.hr"]],
            "Speakers": [["Full name", "Email"], ["MARIĆ Ivo", "ivo@example.hr"], ["Horvat, Petra", "p@example.hr"]],
            "Organisers": [["Ime i prezime", "E-mail"], ["gđa Maja Kovač", "maja@example.hr"]],
            "Trainers": [["Prezime i ime", "E-mail"], ["Šehić Amra", "amra@example.ba"]],
            "Experts": [["ФИО", "E-mail"], ["Иванов Иван Иванович", "ivanov@example.md"]],
        },
    )
    _fp, rows = rows_of(path)
    got = [(r.sheet, r.part, r.contact.honorific, r.contact.given_name, r.contact.family_name) for r in rows]
    assert got == [
        ("Participants", "participant", "Ms", "Ana", "Marić"),
        ("Speakers", "speaker", "", "Ivo", "Marić"),
        ("Speakers", "speaker", "", "Petra", "Horvat"),
        ("Organisers", "organiser", "gđa", "Maja", "Kovač"),
        ("Trainers", "speaker", "", "Amra", "Šehić"),
        ("Experts", "speaker", "", "Иван Иванович", "Иванов"),
    ]


def test_emails_phones_countries_expertise_and_problems(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Prezime", "Ime", "Država", "E-mail", "Telefon", "Oblast rada", "Napomena"],
            ["Marić", "Ana", "Hrvatska", "MAILTO:Ana@Example.HR; ana2@example.hr", "01 4567 890",
             "trgovina ljudima; krijumčarenje migranata; gender", "vegetarian"],
            ["Petrović", "Ivo", "Srbija", "not-an-email", "call the office", "трговина људима", ""],
            ["Ivić", "Eva", "N/A", "eva@example.org", "+381 63 222 333", "JIT, MLA", ""],
            ["Babić", "Ana", "Narnia", "b@example.org", "", "", ""],
        ],
    )  # fmt: skip
    _fp, rows = rows_of(path)
    ana, ivo, eva, babic = rows
    assert [e.address for e in ana.contact.emails] == ["Ana@example.hr", "ana2@example.hr"]
    assert ana.contact.phones[0].e164 == "+38514567890"
    assert ana.contact.expertise[:2] == ["trafficking_in_human_beings", "smuggling_of_migrants"]
    assert ana.contact.keywords == ["gender"]
    assert "vegetarian" in ana.contact.notes
    assert ivo.contact.emails == [] and "not a valid e-mail" in " ".join(ivo.problems)
    assert "E-mail as written: not-an-email" in ivo.contact.notes
    assert ivo.contact.phones[0].e164 is None and ivo.contact.phones[0].raw == "call the office"
    assert any("kept as typed" in p for p in ivo.problems)
    assert ivo.contact.expertise == ["trafficking_in_human_beings"]
    assert eva.contact.country == "RS"  # "N/A" is empty (not Namibia); the country comes from the +381 phone
    assert babic.contact.country is None and any("unknown country 'Narnia'" in p for p in babic.problems)


def test_several_labelled_numbers_in_one_phone_cell_are_all_kept(tmp_path: Path) -> None:
    """Read whole, "tel. 01/4801-234; mob. 091 234 5678" gave the first number and took the rest for a remark:
    the mobile was lost without a word. A label gives the number's type."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Prezime", "Ime", "Država", "Telefon"],
            ["Marić", "Ana", "Hrvatska", "tel. 01/4801-234; mob. 091 234 5678"],
            ["Hodžić", "Amra", "BiH", "T: +387 33 221 599 F: +387 33 221 600"],
            ["Ivić", "Eva", "Srbija", "+381 11 1234567 mob"],
            ["Kovač", "Ivo", "Srbija", "011/123-4567 lok. 23"],
            ["Babić", "Ivan", "Hrvatska", "01 6122 111, kućni 45; 091 123 4567"],
            ["Demir", "Burak", "Türkiye", "+90 312 462 30 00 / 3045"],  # was kept as typed, "not a valid number"
            ["Horvat", "Ana", "Hrvatska", "01 6122 111 / 45, 091 123 4567"],  # "45" was a second number
            ["Babić", "Ivo", "Hrvatska", "+385 1 4801 234 ::: +385 91 234 5678"],  # Google Contacts' two numbers
        ],
    )  # fmt: skip
    _fp, rows = rows_of(path)
    phones = [[(p.e164, p.type) for p in row.contact.phones] for row in rows]
    assert phones == [
        [("+38514801234", "work"), ("+385912345678", "mobile")],
        [("+38733221599", "work"), ("+38733221600", "fax")],
        [("+381111234567", "work")],
        [("+381111234567;ext=23", "work")],  # the extension kept (dropped before the fourteenth session)
        [("+38516122111;ext=45", "work"), ("+385911234567", "mobile")],  # "kućni 45" is the first number's
        [("+903124623000;ext=3045", "work")],  # digits too few for a number after a slash: the extension
        [("+38516122111;ext=45", "work"), ("+385911234567", "mobile")],
        [("+38514801234", "work"), ("+385912345678", "mobile")],
    ]
    assert not any(row.problems for row in rows)


def test_a_list_kept_as_one_sheet_per_country(tmp_path: Path) -> None:
    """No country column: the sheet's name is the country, and local numbers are read in it. A row that names
    its own country keeps it; a sheet named "In" is not India."""
    header = ["Surname", "Name", "Phone", "Country"]
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "Serbia": [header, ["Jovanović", "Milica", "064/123-4567", ""], ["Hodžić", "Amra", "033 221 599", "BiH"]],
            "BiH": [header[:3], ["Delić", "Mirza", "061 123 456"]],
            "In": [header[:3], ["Kaya", "Ali", "+90 212 555 12 34"]],
            "Montenegro": [header[:3], ["Vuković", "Nenad", "+381 64 123 4567"], ["Radović", "Jovana", "069 123 456"]],
        },
    )
    fp = plan_file(path)
    assert [sheet.country for sheet in fp.sheets] == ["RS", "BA", None, "ME"]
    people = {row.contact.family_name: row.contact for row in fp.rows()}
    assert {name: (c.country, c.phones[0].e164) for name, c in people.items()} == {
        "Jovanović": ("RS", "+381641234567"),
        "Hodžić": ("BA", "+38733221599"),
        "Delić": ("BA", "+38761123456"),
        "Kaya": ("TR", "+902125551234"),  # from the phone number, as before
        "Vuković": ("RS", "+381641234567"),  # a guest on the host country's sheet: the phone says otherwise
        "Radović": ("ME", "+38269123456"),
    }
    guest = next(row for row in fp.rows() if row.contact.family_name == "Vuković")
    assert guest.problems == ["the sheet is named after Montenegro, the phone number is from Serbia: Serbia kept"]


def test_an_email_and_tel_column_keeps_both(tmp_path: Path) -> None:
    """The number in an "E-mail / Tel" cell was dropped without a word, and an address in a phone cell was kept
    as a broken number."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Emri", "Mbiemri", "Shteti", "E-mail / Tel", "Telefon"],
            ["Arben", "Hoxha", "Shqipëri", "arben.hoxha@spak.al\n+355 69 123 4567", ""],
            ["Elira", "Kola", "Shqipëri", "elira.kola@asp.gov.al (tel. 068 765 4321)", ""],
            ["Besnik", "Gashi", "Kosovë", "B. Gashi <besnik.gashi@gjyqesori-rks.org>", "044 123 456, bg@gmail.com"],
            # a date beside the address is no number ("(until 31.12.2025)" was kept as a broken phone)
            ["Jörg", "Müller", "Germany",
             "joerg.mueller@bka.bund.de (until 31.12.2025), j.mueller@polizei.de from 2026", ""],
        ],
    )  # fmt: skip
    _fp, rows = rows_of(path)
    found = [([e.address for e in r.contact.emails], [p.e164 for p in r.contact.phones]) for r in rows]
    assert found == [
        (["arben.hoxha@spak.al"], ["+355691234567"]),
        (["elira.kola@asp.gov.al"], ["+355687654321"]),
        (["besnik.gashi@gjyqesori-rks.org", "bg@gmail.com"], ["+38344123456"]),
        (["joerg.mueller@bka.bund.de", "j.mueller@polizei.de"], []),
    ]
    assert not any(r.problems for r in rows)


def test_a_person_written_over_two_rows_is_one_person(tmp_path: Path) -> None:
    """Lists copied from a document put the phone on the row below the name, with the name merged over both rows
    or left empty. The merged second row was a second person; the nameless one was skipped and its phone lost.
    A nameless row that could be somebody else's stays a row of its own."""
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "S": [
                ["Name", "Institution", "Contact"],
                ["Ana MARIĆ", "Ministarstvo pravosuđa", "ana.maric@pravosudje.hr"],  # 2
                [None, None, "+385 1 3710 666"],  # 3: name and institution merged from row 2
                ["Jelena PETROVIĆ", "Tužilaštvo", "jelena.petrovic@rjt.rs"],  # 4
                ["", "", "+381 64 111 2222"],  # 5: a phone, and she has none
                ["Marko JOVIĆ", "MUP", "+381 64 333 4444"],  # 6
                ["", "", "+381 64 555 6666"],  # 7: a second phone: maybe somebody else's
                ["", "", "ivan.kos@mup.rs"],  # 8: not his address
            ]
        },
        merges={"S": ["A2:A3", "B2:B3"]},
    )
    _fp, rows = rows_of(path)
    people = [r for r in rows if r.contact is not None]
    found = [(r.row_number, [e.address for e in r.contact.emails], [p.e164 for p in r.contact.phones]) for r in people]
    assert found == [
        (2, ["ana.maric@pravosudje.hr"], ["+38513710666"]),
        (4, ["jelena.petrovic@rjt.rs"], ["+381641112222"]),
        (6, [], ["+381643334444"]),
    ]
    assert people[0].contact.country == "HR"
    reasons = {r.row_number: r.skip_reason for r in rows if r.contact is None}
    assert reasons == {
        3: "the second row of Ana Marić (row 2, name merged): added to them",
        5: "the e-mail or phone of Jelena Petrović (row 4): added to them",
        7: "no name (an e-mail or phone without a person)",
        8: "no name (an e-mail or phone without a person)",
    }
    assert [r.ignored for r in rows if r.contact is None] == [True, True, False, False]


@pytest.mark.parametrize(
    ("answer", "value"),
    [("Yes", True), ("yes, I agree", True), ("Da", True), ("Да", True), ("Evet", True), ("Po", True), ("x", True),
     ("✓", True), ("Slažem se", True), ("No", False), ("Ne", False), ("Нет", False), ("Hayır", False), ("Jo", False),
     ("I do not agree", False), ("Ne slažem se", False), ("Не согласен", False), ("maybe", None), ("", None),
     # a form's boxes: the one ticked is the answer, the words beside them say both
     ("☐ Yes   ☒ No", False), ("☒ Yes ☐ No", True), ("[ ] Da [x] Ne", False), ("Yes ☐ No ☒", False),
     ("(x) I agree ( ) I do not agree", True), ("☐ Yes ☐ No", None), ("☒ Yes ☒ No", None), ("☒", True), ("☐", False)],
)  # fmt: skip
def test_consent_answers(answer: str, value: bool | None) -> None:
    assert parse_consent(answer) is value


@pytest.mark.parametrize(
    ("header", "answer", "value"),
    [("Attended", "Yes", True), ("Attended", "No", False), ("Present", "x", True), ("Prisutan", "Ne", False),
     ("Approval Status", "approved", None), ("Approval Status", "denied", False), ("Attendee Status", "Attending",
     True), ("Attendee Status", "Not Attending", False), ("Attendee Status", "Checked In", True),
     ("Присутствие", "отсутствовал", False), ("Attendance", "online", None), ("Approval Status", "pending", False),
     ("Registration Status", "Waitlisted", False), ("Registration Status", "Awaiting approval", False)],
)  # fmt: skip
def test_attendance_answers(header: str, answer: str, value: bool | None) -> None:
    assert match_header(header) == "attended"
    assert parse_attended(answer) is value


def test_a_whole_name_in_the_first_name_column(tmp_path: Path) -> None:
    """The surname in capitals is the surname, wherever it is written; without capitals the row is marked."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Name", "Surname", "E-mail"],
            ["Mr. Nenad ĐORĐEVIĆ", "", "n@example.org"],
            ["Nenad Petrović", "", "p@example.org"],
            ["Kola, Ana", "", "x@example.org"],  # the comma puts the surname first
        ],
    )
    _fp, (dordevic, petrovic, kola) = rows_of(path)
    assert (kola.contact.given_name, kola.contact.family_name) == ("Ana", "Kola") and not kola.problems
    c = dordevic.contact
    assert (c.honorific, c.given_name, c.family_name) == ("Mr", "Nenad", "Đorđević") and not dordevic.problems
    assert (petrovic.contact.given_name, petrovic.contact.family_name) == ("Nenad Petrović", "")
    assert petrovic.problems == ["no family name: the given name 'Nenad Petrović' may hold both names"]


def test_a_whole_name_in_one_name_cell_is_split_as_the_row_s_address_shows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "form.csv",
        [
            ["First name", "Last name", "E-mail"],
            ["Nenad Petrović", "", "nenad.petrovic@example.org"],
            ["", "Marković Jelena", "jmarkovic@example.org"],
        ],
    )
    _fp, (petrovic, markovic) = rows_of(path)
    assert (petrovic.contact.given_name, petrovic.contact.family_name) == ("Nenad", "Petrović")
    assert petrovic.problems == ["no family name: the given name 'Nenad Petrović' split as the e-mail address shows"]
    assert (markovic.contact.given_name, markovic.contact.family_name) == ("Jelena", "Marković")
    assert markovic.problems == ["no given name: the family name 'Marković Jelena' split as the e-mail address shows"]


@pytest.mark.parametrize(
    ("lines", "name", "city", "start"),
    [
        (["Participants – Regional meeting, Thessaloniki, 3-4 June 2025"],
         "Regional meeting, Thessaloniki, 3-4 June 2025", "Thessaloniki", "2025-06-03"),
        (["List of participants", "Regional Workshop on THB - Banja Luka, 5-6 May 2025"],
         "Regional Workshop on THB - Banja Luka, 5-6 May 2025", "Banja Luka", "2025-05-05"),
        (["Regionalni seminar - spisak učesnika", "Seminar on THB, 5-6 May 2025"], "Regionalni seminar", "",
         "2025-05-05"),
        (["REGIONAL WORKSHOP ON JITS AND THB, SKOPJE, 12-14 MAY 2017"],
         "Regional Workshop on JITs and THB, Skopje, 12-14 May 2017", "Skopje", "2017-05-12"),
    ],
)  # fmt: skip
def test_the_event_is_the_meeting_not_the_list(tmp_path: Path, lines: list[str], name, city, start) -> None:
    rows = [[line] for line in lines] + [["Name", "Surname", "E-mail"], ["Ana", "Marić", "a@example.hr"]]
    event = propose_event([plan_file(write_xlsx(tmp_path / "list.xlsx", {"S": rows}))])
    assert (event.name, event.city, str(event.start_date)) == (name, city, start)


def test_formulas_hidden_rows_and_hostile_values(tmp_path: Path) -> None:
    long_text = "x" * 5000
    path = write_xlsx(
        tmp_path / "f.xlsx",
        {
            "People": [
                ["Surname", "Name", "Organisation", "E-mail"],
                ["Kovač", '=PROPER("ivana")', "MUP", "ivana@example.org"],
                ["Babić", '=PROPER("marko")', "MUP", "marko@example.org"],
                ["Line\nBreak\r\nEND:VCARD\r\nBEGIN:VCARD", "Ana", "Org\nEND:VCARD", "a@example.org"],
                [long_text, "Long", long_text, "long@example.org"],
                ["Hidden", "Row", "MUP", "hidden@example.org"],
            ]
        },
        hidden_rows={"People": {6}},
    )
    set_cached_values(path, {"B2": "Ivana"})
    _fp, rows = rows_of(path)
    ivana, marko, hostile, long_row, hidden = rows
    assert ivana.contact.given_name == "Ivana" and not ivana.problems
    assert marko.contact.given_name == "" and any("has no saved result" in p for p in marko.problems)
    assert hostile.contact is not None and "\n" not in hostile.contact.family_name
    assert any("unusual" in p for p in hostile.problems)
    assert long_row.contact is None and "5,000 characters" in long_row.skip_reason
    assert long_row.original["Surname"] == long_text  # kept for the report
    assert any("hidden row" in p for p in hidden.problems) and hidden.contact is not None


@pytest.mark.parametrize(
    ("file_name", "event"),
    [
        ("registration-tirana-2019.csv", "Tirana 2019"),
        ("chisinau_registratsiya_cp1251.csv", "Chisinau"),
        ("list_utf-8_Belgrade.csv", "Belgrade"),
    ],
)
def test_event_proposed_from_a_file_name_without_its_noise(tmp_path, file_name: str, event: str) -> None:
    from directory_app.core.importing import plan_file, propose_event

    path = tmp_path / file_name
    path.write_text("Surname,Name,Country\\nMarić,Ana,HR\\n", encoding="utf-8")
    assert propose_event([plan_file(path)]).name == event


@pytest.mark.parametrize(
    ("line", "start", "end", "city"),
    [
        ("Sarajevo, 12-14. mart 2024.", "2024-03-12", "2024-03-14", "Sarajevo"),
        ("Zagreb, 12.-14. ožujka 2024.", "2024-03-12", "2024-03-14", "Zagreb"),
        ("Кишинёв, 12-14 марта 2024 г.", "2024-03-12", "2024-03-14", "Кишинёв"),
        ("Скопје, 12-14 март 2024", "2024-03-12", "2024-03-14", "Скопје"),
        ("Beograd, 12. i 13. novembar 2024.", "2024-11-12", "2024-11-13", "Beograd"),
        ("Ankara, 12-14 Mart 2024", "2024-03-12", "2024-03-14", "Ankara"),
        ("Athens, 12-14 Μαρτίου 2024", "2024-03-12", "2024-03-14", "Athens"),
        ("March 12-14, 2024", "2024-03-12", "2024-03-14", ""),
        ("12/03/2024 - 14/03/2024", "2024-03-12", "2024-03-14", ""),
        # a range as the region writes it in figures: it gave the last day alone and no place
        ("Sarajevo, 12. - 14.03.2024.", "2024-03-12", "2024-03-14", "Sarajevo"),
        ("Podgorica, 12. – 14. 3. 2024.", "2024-03-12", "2024-03-14", "Podgorica"),
        ("Seminar 12-14.03.2024 Skopje", "2024-03-12", "2024-03-14", "Skopje"),  # not a place called "Seminar"
        # the place after the dates, as this app's handout writes it
        ("17–19 October 2024 · Sarajevo, Bosnia and Herzegovina", "2024-10-17", "2024-10-19", "Sarajevo"),
        ("12-14 March 2024, Skopje", "2024-03-12", "2024-03-14", "Skopje"),
        ("12-14 March 2024, Hotel Bristol, Sarajevo", "2024-03-12", "2024-03-14", "Sarajevo"),  # not the venue
        ("12-14 March 2024, Hotel Holiday", "2024-03-12", "2024-03-14", ""),
        ("12-14 March 2024, Mavrovo", "2024-03-12", "2024-03-14", "Mavrovo"),  # a resort the cities do not know
        # over two months, with ordinals, with "to": each gave the last day alone and no place
        ("Skopje, 30 May - 1 June 2024", "2024-05-30", "2024-06-01", "Skopje"),
        ("Skopje, May 30 - June 1, 2024", "2024-05-30", "2024-06-01", "Skopje"),
        ("Скопје, 30 мај – 1 јуни 2024", "2024-05-30", "2024-06-01", "Скопје"),
        ("Skopje, 30.05. - 01.06.2024.", "2024-05-30", "2024-06-01", "Skopje"),
        ("Skopje, 12th-14th March 2024", "2024-03-12", "2024-03-14", "Skopje"),
        ("Skopje, 12 to 14 March 2024", "2024-03-12", "2024-03-14", "Skopje"),
        ("Ohrid, 12. do 14. maj 2024.", "2024-05-12", "2024-05-14", "Ohrid"),
        ("Zagreb, 3.-5. listopada 2024.", None, None, ""),  # October in Croatian, November in Ukrainian or Polish
        ("Sala 3, 2024", None, None, ""),
    ],
)
def test_event_dates_and_place_from_a_line_above_the_header(tmp_path, line, start, end, city) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"S": [["Regional seminar on THB"], [line], ["Name", "Surname", "E-mail"], ["Ana", "Marić", "a@example.hr"]]},
    )
    event = propose_event([plan_file(path)])
    assert event.name == "Regional seminar on THB"
    assert (str(event.start_date) if start else None, str(event.end_date) if end else None) == (start, end)
    assert event.city == city


def test_a_header_in_two_rows(tmp_path: Path) -> None:
    """Column names under merged groups ("Ime i prezime" over "Ime | Prezime", "Kontakt" over "Telefon | E-mail"):
    the lower row was imported as a person, and the columns named only in it (the surname, the e-mail) were
    left out."""
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "Lista učesnika": [
                ["REGIONALNI SEMINAR O BORBI PROTIV TRGOVINE LJUDIMA"],
                ["Sarajevo, 12-14. mart 2024."],
                [],
                ["R.br.", "Ime i prezime", None, "Institucija", "Država", "Kontakt", None],
                [None, "Ime", "Prezime", None, None, "Telefon", "E-mail"],
                [1, "Amra", "ŠEHIĆ", "Sud BiH", "BiH", 38733707100, "mailto:amra.sehic@example.ba"],
                [2, "Nikola", "Petrović", "MUP RS", "BiH", "065/123-456", "nikola@example.ba"],
            ],
            # the same headers in two languages, one row under the other
            "Speakers": [
                ["Name", "Surname", "Country", "E-mail"],
                ["Ime", "Prezime", "Država", "E-pošta"],
                ["Ana", "Marić", "Hrvatska", "ana@example.hr"],
            ],
        },
        merges={"Lista učesnika": ["A1:G1", "A2:G2", "B4:C4", "F4:G4"]},
    )
    fp, rows = rows_of(path)
    lista, speakers = fp.sheets
    assert (lista.header_rows_text, speakers.header_rows_text) == ("rows 4-5", "rows 1-2")
    assert lista.mapping == ["ignore", "given_name", "family_name", "organisation", "country", "phone", "email"]
    people = [(r.contact.given_name, r.contact.family_name, [e.address for e in r.contact.emails]) for r in rows]
    assert people == [
        ("Amra", "Šehić", ["amra.sehic@example.ba"]),
        ("Nikola", "Petrović", ["nikola@example.ba"]),
        ("Ana", "Marić", ["ana@example.hr"]),
    ]
    event = propose_event([fp])
    assert event.name == "Regionalni Seminar o Borbi protiv Trgovine Ljudima" and event.city == "Sarajevo"
    assert str(event.start_date) == "2024-03-12"


def test_a_first_person_row_is_not_a_second_header_row(tmp_path: Path) -> None:
    """Its organisation and position hold header words ("Office"), not enough to read it as headers."""
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {
            "S": [
                ["Name", "Surname", "Organisation", "Position"],
                ["Ana", "Marić", "Prosecutor's Office", "Head of Office"],
            ]
        },
    )
    fp, rows = rows_of(path)
    assert fp.sheets[0].header_rows == 1 and len(rows) == 1


def test_a_city_and_its_country_in_one_cell(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Prezime", "Ime", "Grad, država", "E-mail"],
            ["Babić", "Stjepan", "Zagreb, Hrvatska", "s@example.hr"],
            ["Kovačević", "Željko", "Novi Sad / Serbia", "z@example.rs"],
            ["Hasani", "Besnik", "Prishtinë (Kosovë)", "b@example.org"],
            ["Trajkovski", "Ana", "Skopje - North Macedonia", "a@example.mk"],
            ["Đukić", "Ivana", "Beograd", "i@example.rs"],
            ["Marković Jelena", "", "Beograd, Srbija", "j@example.rs"],
        ],
    )
    _fp, rows = rows_of(path)
    jelena = rows.pop()
    assert (jelena.contact.given_name, jelena.contact.family_name) == ("", "Marković Jelena")
    assert jelena.problems == ["no given name: the family name 'Marković Jelena' may hold both names"]
    assert [(r.contact.country, r.contact.city) for r in rows] == [
        ("HR", "Zagreb"),
        ("RS", "Novi Sad"),
        ("XK", "Prishtinë"),
        ("MK", "Skopje"),
        ("RS", "Beograd"),  # a city alone: its country is known (it was "unknown country 'Beograd'")
    ]
    assert not any("country" in p for r in rows for p in r.problems)


def test_a_microsoft_forms_export(tmp_path: Path) -> None:
    """Forms writes the respondent's sign-in ("anonymous" when there was none) beside the answers: not an address
    to report, and the same address twice is one address."""
    header = ["ID", "Start time", "Email", "Name", "First name", "Last name", "E-mail address", "Country"]
    path = write_xlsx(
        tmp_path / "Registration(1-2).xlsx",
        {
            "Sheet1": [
                header,
                [1, "5/20/25 9:00:00", "anonymous", "", "Jelena", "Petrović", "jelena.petrovic@rjt.gov.rs", "Serbia"],
                [2, "5/20/25 9:05:00", "ana.kovac@mup.hr", "Ana Kovač", "Ana", "Kovač", "Ana.Kovac@mup.hr", "Croatia"],
            ]
        },
    )
    _fp, (jelena, ana) = rows_of(path)
    assert [e.address for e in jelena.contact.emails] == ["jelena.petrovic@rjt.gov.rs"]
    assert [e.address for e in ana.contact.emails] == ["ana.kovac@mup.hr"]
    assert jelena.problems == ana.problems == [] and jelena.contact.notes == ""


def test_a_microsoft_forms_export_with_a_full_name_question(tmp_path: Path) -> None:
    """The form's own "Email" and "Name" (who answered: "anonymous", or the organiser's colleague who filled it in)
    give way to its questions. Before, the question's "Full name" was kept out as a second name column: the
    anonymous rows had no name and were skipped."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              "Full name / Ime i prezime", "Institution / Institucija", "E-mail address"]  # fmt: skip
    path = write_xlsx(
        tmp_path / "Registration form(1-3).xlsx",
        {
            "Sheet1": [
                header,
                [1, "4/2/25 10:00", "4/2/25 10:04", "anonymous", "", "", "Amra Hadžić", "Tužilaštvo BiH",
                 "amra.hadzic@tuzilastvobih.gov.ba"],
                [2, "4/2/25 10:01", "4/2/25 10:09", "sekretarijat@osce.org", "Sekretarijat OSCE", "",
                 "Goran Stojanovski", "Ministry of Interior", "g.stojanovski@moi.gov.mk"],
            ]
        },
    )  # fmt: skip
    fp, (amra, goran) = rows_of(path)
    assert fp.notes() == []  # the form's times are not columns left out
    assert [(r.contact.given_name, r.contact.family_name) for r in (amra, goran)] == [
        ("Amra", "Hadžić"),
        ("Goran", "Stojanovski"),
    ]
    assert [e.address for e in goran.contact.emails] == ["g.stojanovski@moi.gov.mk"]  # not the one who filled it in
    assert goran.contact.notes == ""


def test_an_empty_name_column_gives_way_to_a_filled_one(tmp_path: Path) -> None:
    rows = [["No.", "Name", "Participant's full name", "E-mail"], [1, "", "Ana Kovač", "ana@mup.hr"]]
    _fp, (ana,) = rows_of(write_csv(tmp_path / "list.csv", rows))
    assert (ana.contact.given_name, ana.contact.family_name) == ("Ana", "Kovač")


def test_a_list_grouped_under_country_headings(tmp_path: Path) -> None:
    """ "ALBANIA", then its participants: the heading is not a person, and gives its country to the rows below it
    that name none (a guest's foreign number wins, and the row says so)."""
    path = write_xlsx(
        tmp_path / "lop.xlsx",
        {
            "LoP": [
                ["Name", "Surname", "Institution", "E-mail", "Phone"],
                ["ALBANIA"],
                ["Besnik", "Hoxha", "Prokuroria e Përgjithshme", "b.hoxha@pp.gov.al", "069 222 3344"],
                ["Sjeverna Makedonija"],
                ["Ana", "Trajkovska", "MVR", "a.trajkovska@mvr.gov.mk", "070 123 456"],
                ["Ivo", "Kovač", "MUP", "ivo@mup.hr", "+385 91 123 4567"],
            ]
        },
        merges={"LoP": ["A2:E2"]},
    )
    fp, rows = rows_of(path)
    assert row_count(fp.usable[0]) == 3  # the import wizard's "LoP: 3 rows": the headings are not counted
    assert [(r.row_number, r.ignored, r.skip_reason) for r in rows if r.contact is None] == [
        (2, True, "a heading: the rows below it are in Albania"),
        (4, True, "a heading: the rows below it are in North Macedonia"),
    ]
    people = [(r.contact.family_name, r.contact.country, [p.e164 for p in r.contact.phones]) for r in rows if r.contact]
    assert people == [
        ("Hoxha", "AL", ["+355692223344"]),
        ("Trajkovska", "MK", ["+38970123456"]),
        ("Kovač", "HR", ["+385911234567"]),
    ]
    assert rows[-1].problems == ["listed under 'Sjeverna Makedonija', the phone number is from Croatia: Croatia kept"]


def test_a_list_with_its_programme_totals_and_a_heading_that_is_no_country(tmp_path: Path) -> None:
    """Breaks, a remark, the interpreters and subtotals written in the name column became people on the event; a
    "Status" of "Cancelled" kept the person among its participants; the people under "INTERNATIONAL ORGANISATIONS"
    were put in the country of the heading before it; "Coffee break" over the header repeated on a new page was
    taken for a second table's title."""
    header = ["No", "Name and surname", "Institution", "E-mail", "Tel.", "Status"]
    path = write_xlsx(
        tmp_path / "lop.xlsx",
        {
            "LoP": [
                header,
                ["ALBANIA"],
                [1, "Arta Dervishi", "Prokuroria", "arta.dervishi@pp.gov.al", "+355 69 201 1111", "Confirmed"],
                [2, "Gentian Hoxha", "State Police", "gentian.hoxha@asp.gov.al", "+355 69 202 2222", "Cancelled"],
                [None, "Subtotal Albania: 2"],
                [None, "Ukupno Crna Gora", None, 1],
                [None, "Coffee break 11:00-11:30"],
                header,
                [None, "Ručak 13:00 - Hotel Europe"],
                [None, "Prevodioci: Selma Hadžić, Ana Lovrić"],
                [None, "Napomena: lista nije konačna"],
                ["INTERNATIONAL ORGANISATIONS"],
                [3, "Sophie Laurent", "OSCE Presence in Albania", "sophie.laurent@osce.org", "", "Speaker"],
            ]
        },
    )
    fp, rows = rows_of(path)
    assert len(fp.usable) == 1 and fp.usable[0].sheet.name == "LoP"  # one table
    assert [(r.row_number, r.skip_reason) for r in rows if r.contact is None] == [
        (2, "a heading: the rows below it are in Albania"),
        (5, "a total line, not a person"),
        (6, "a total line, not a person"),
        (7, "a line of the programme or a remark, not a participant"),
        (8, "the header row repeated"),
        (9, "a line of the programme or a remark, not a participant"),
        (10, "a line of the programme or a remark, not a participant"),
        (11, "a line of the programme or a remark, not a participant"),
        (12, "a heading: the rows below it are not in Albania"),
    ]
    arta, gentian, sophie = (r for r in rows if r.contact)
    assert (arta.attended is not False, gentian.attended) == (True, False)
    assert gentian.problems == ["Status 'Cancelled': imported, not among the event's participants"]
    assert (sophie.contact.country, sophie.part) == (None, "speaker")


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (["First Name", "Middle Name", "Last Name", "Title", "Suffix", "Company", "Department", "Job Title",
          "Business Country/Region", "Business Phone", "Mobile Phone", "E-mail Address", "E-mail Type",
          "E-mail Display Name", "Categories"],
         ["Jelena", "", "Petrović", "Ms.", "", "Republic Public Prosecutor's Office", "Department for THB",
          "Deputy Public Prosecutor", "Serbia", "+381 11 3601 234", "+381 64 123 4567", "jelena.petrovic@rjt.gov.rs",
          "SMTP", "Jelena Petrović (jelena.petrovic@rjt.gov.rs)", "THB;Prosecutors"]),
        (["First Name", "Last Name", "Name Prefix", "Name Suffix", "Organization Name", "Organization Title",
          "Organization Department", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value",
          "Phone 2 - Label", "Phone 2 - Value", "Address 1 - Country", "Labels"],
         ["Jelena", "Petrović", "Ms.", "", "Republic Public Prosecutor's Office", "Deputy Public Prosecutor",
          "Department for THB", "* Work", "jelena.petrovic@rjt.gov.rs", "Work", "+381 11 3601 234", "Mobile",
          "+381 64 123 4567", "Serbia", "* myContacts ::: THB"]),
    ],
    ids=["outlook", "google-contacts"],
)  # fmt: skip
def test_an_address_book_s_export(tmp_path: Path, header: list[str], row: list[str]) -> None:
    """Contacts shared between focal points as Outlook's or Google's CSV: the company is the organisation, the
    department goes to the notes, and an address's label or type is not an address."""
    _fp, (only,) = rows_of(write_csv(tmp_path / "contacts.csv", [header, row]))
    c = only.contact
    assert (c.honorific, c.given_name, c.family_name, c.organisation, c.position, c.country) == (
        "Ms", "Jelena", "Petrović", "Republic Public Prosecutor's Office", "Deputy Public Prosecutor", "RS",
    )  # fmt: skip
    assert [e.address for e in c.emails] == ["jelena.petrovic@rjt.gov.rs"]
    assert sorted(p.e164 for p in c.phones) == ["+381113601234", "+381641234567"]
    assert "Department for THB" in c.notes and only.problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ana Kovač, dipl. iur.", ("dipl. iur.", "Ana", "Kovač")),
        ("Ivo HORVAT, univ. spec. crim.", ("univ. spec. crim.", "Ivo", "HORVAT")),
        ("KOVAČ, Ana, dipl.iur.", ("dipl.iur.", "Ana", "KOVAČ")),
        ("mr. sc. Ivo Horvat, dipl. ing.", ("mr. sc. dipl. ing.", "Ivo", "Horvat")),
        ("Dr. Hans Müller, LL.M.", ("Dr LL.M.", "Hans", "Müller")),
        ("Jelena Petrović, PhD", ("PhD", "Jelena", "Petrović")),
        ("Ana Kovač dipl. iur.", ("dipl. iur.", "Ana", "Kovač")),
        # Not degrees: a surname, a given name after the comma, an initial.
        ("Li Ma", ("", "Li", "Ma")),
        ("Kovač, Ana", ("", "Ana", "Kovač")),
        ("Ana Kovač M.", ("", "Ana Kovač", "M.")),
    ],
)
def test_degrees_written_after_the_name(text: str, expected: tuple[str, str, str]) -> None:
    """ "Ana Kovač, dipl. iur." was read as the surname "Ana Kovač" and the given name "dipl. iur."."""
    assert split_full_name(text) == expected


def test_degrees_after_the_name_in_its_own_cell(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [["Ime", "Prezime", "E-mail"], ["Ana", "KOVAČ, dipl. iur.", "ana@example.org"], ["Ivo", "Ma", "i@example.org"]],
    )
    _fp, (ana, ivo) = rows_of(path)
    assert (ana.contact.honorific, ana.contact.given_name, ana.contact.family_name) == ("dipl. iur.", "Ana", "Kovač")
    assert (ivo.contact.honorific, ivo.contact.family_name) == ("", "Ma") and not ana.problems


def test_a_country_alone_in_the_country_column_is_a_person_s_row_not_a_heading(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [["Name", "Surname", "Country", "E-mail"], ["", "", "Albania", ""], ["Ivo", "Kovač", "", "ivo@mup.hr"]],
    )
    _fp, (row, ivo) = rows_of(path)
    assert (row.ignored, row.skip_reason) == (False, "no name")
    assert ivo.contact.country == "HR"  # from the address's domain, not the lone "Albania" above


def test_a_remark_beside_a_full_name_is_placed_not_lost(tmp_path: Path) -> None:
    """ "Mr. Ivan Petrov (Head of Unit)": the remark was dropped with its brackets, and the position lost."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Full name", "Position", "Organisation", "Country"],
            ["Mr. Ivan Petrov (Head of Unit)", "", "Ministry of Interior", "Bulgaria"],
            ["Jelena Petrović (RJT)", "Deputy Prosecutor", "", "Serbia"],
            ["Ana Kovač (Croatia)", "", "", ""],
            ["Luan Krasniqi (Guest)", "", "Kosovo Police", "Kosovo"],
            ["Elira Hoxha (speaker)", "", "", "Albania"],
            ["Marko Babić (Zagreb)", "", "", "Croatia"],
            ["Vesna Lukić (arrives on Tuesday)", "Judge", "", "Serbia"],
            ["Ms. Drita HOXHA (KOLA)", "", "", "Albania"],  # her maiden name, not an office's initials
            ["Goran Ilić (Serbia)", "", "", "Serbia"],  # the row's country again: nothing to keep
        ],
    )
    _fp, (petrov, jelena, ana, luan, elira, marko, vesna, drita, goran) = rows_of(path)
    assert (petrov.contact.family_name, petrov.contact.position) == ("Petrov", "Head of Unit")
    assert (jelena.contact.family_name, jelena.contact.organisation) == ("Petrović", "RJT")
    assert (ana.contact.family_name, ana.contact.country, ana.contact.notes) == ("Kovač", "HR", "")
    assert (luan.contact.family_name, luan.contact.notes) == ("Krasniqi", "")  # Teams' mark: nothing to keep
    assert (elira.contact.family_name, elira.part) == ("Hoxha", "speaker")
    assert (marko.contact.family_name, marko.contact.city) == ("Babić", "Zagreb")
    assert (vesna.contact.family_name, vesna.contact.notes) == ("Lukić", "Beside the name: (arrives on Tuesday)")
    assert (drita.contact.organisation, drita.contact.notes) == ("", "Beside the name: (KOLA)")
    assert (goran.contact.family_name, goran.contact.country, goran.contact.notes) == ("Ilić", "RS", "")


@pytest.mark.parametrize(
    ("cell", "organisation", "position"),
    [
        ("Kosovo Police, Investigator", "Kosovo Police", "Investigator"),
        ("DIICOT – Prosecutor", "DIICOT", "Prosecutor"),
        ("Göç İdaresi Genel Müdürlüğü - Uzman", "Göç İdaresi Genel Müdürlüğü", "Uzman"),
        ("Judge, Basic Court Belgrade", "Basic Court Belgrade", "Judge"),
        ("Tužilaštvo BiH / Tužilac", "Tužilaštvo BiH", "Tužilac"),
        ("Prosecutor's Office of BiH, Prosecutor", "Prosecutor's Office of BiH", "Prosecutor"),
        ("Ministry of Interior, Border Police Directorate", "Ministry of Interior, Border Police Directorate", ""),
        ("Public Prosecutor's Office, Skopje", "Public Prosecutor's Office, Skopje", ""),
        ("Ministry of Interior, Department of Border Police Inspectors",
         "Ministry of Interior, Department of Border Police Inspectors", ""),
    ],
)  # fmt: skip
def test_one_cell_for_the_office_and_the_position(tmp_path: Path, cell: str, organisation: str, position: str) -> None:
    """An "Institution / Position" column: "Kosovo Police, Investigator" was all organisation, and no position."""
    path = write_csv(tmp_path / "list.csv", [["Name", "Surname", "Institution / Position"], ["Ana", "Marić", cell]])
    _fp, (row,) = rows_of(path)
    assert (row.contact.organisation, row.contact.position) == (organisation, position)


def test_an_office_and_position_cell_is_left_whole_when_the_other_is_given(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        [["Name", "Surname", "Institution", "Position"], ["Ana", "Marić", "Kosovo Police, Investigator", "Head"]],
    )
    _fp, (row,) = rows_of(path)
    assert (row.contact.organisation, row.contact.position) == ("Kosovo Police, Investigator", "Head")


def test_a_name_in_two_spellings_gives_the_name_and_its_latin_spelling(tmp_path: Path) -> None:
    """ "Ion Ceban / Ion Ciobanu" was read as given name "Ion Ceban / Ion", family name "Ciobanu"; a list giving
    each name in Cyrillic and in Latin lost the Latin spelling the same way."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Full name", "Country"],
            ["МАРИЈА ПЕТРОВИЋ / Marija Petrović", "Serbia"],
            ["Jovan Ilić / Јован Илић", "Serbia"],
            ["Ion Ceban / Ion Ciobanu", "Moldova"],
            ["Ana Marić", "Croatia"],
        ],
    )
    _fp, (marija, jovan, ion, ana) = rows_of(path)
    names = [(r.contact.given_name, r.contact.family_name, r.contact.latin_given_name, r.contact.latin_family_name)
             for r in (marija, jovan, ion, ana)]  # fmt: skip
    assert names == [("Марија", "Петровић", "Marija", "Petrović"), ("Јован", "Илић", "Jovan", "Ilić"),
                     ("Ion", "Ceban", "", ""), ("Ana", "Marić", "", "")]  # fmt: skip
    assert ion.contact.notes == "Also written: Ion Ciobanu"


def test_a_row_without_a_known_country_takes_its_office_s_e_mail_domain(tmp_path: Path) -> None:
    """Without a country, "078/234-567" was kept as typed and the contact had no country, though the office's
    address under jorm.gov.mk said where it is. "N. Macedonia" was an unknown country."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["Name", "Surname", "Country", "Phone", "E-mail", "Personal e-mail"],
            ["Marija", "Stojanovska", "N. Macedonia", "078/234-567", "marija.s@jorm.gov.mk", ""],
            ["Ana", "Popescu", "", "0722 123 456", "ana.popescu@mpublic.ro", ""],
            ["Vesna", "Rakočević", "", "", "vesna@mup.gov.me", ""],
            ["Ivan", "Ivanov", "Xanadu", "", "i.ivanov@mvr.bg", ""],
            ["Jan", "Novak", "", "", "jan@novak.me", ""],  # a personal page's domain
            ["Ola", "Hansen", "", "", "ola@iom.int", "ola@online.no"],  # a private address says nothing
        ],
    )
    _fp, (marija, ana, vesna, ivan, jan, ola) = rows_of(path)
    assert (marija.contact.country, [p.e164 for p in marija.contact.phones]) == ("MK", ["+38978234567"])
    assert not marija.problems
    assert (ana.contact.country, [p.e164 for p in ana.contact.phones]) == ("RO", ["+40722123456"])
    assert ana.problems == ["no country given: RO taken from the e-mail address (mpublic.ro)"]
    assert vesna.contact.country == "ME"
    assert ivan.contact.country == "BG"
    assert ivan.problems == [
        "unknown country 'Xanadu' (kept in the notes)",
        "country unknown: BG taken from the e-mail address (mvr.bg)",
    ]
    assert (jan.contact.country, ola.contact.country) == (None, None)


@pytest.mark.parametrize(
    "header",
    ["Phone Type", "E-mail 1 - Label", "Vrsta telefona", "Tip e-pošte", "Type of phone", "Lloji i telefonit",
     "Telefon türü", "Тип телефона",
     # Outlook's in German: read as e-mail columns, every row got "E-mail as written: SMTP"
     "E-Mail-Typ", "E-Mail: Angezeigter Name", "E-Mail 2: Typ"],
)  # fmt: skip
def test_a_column_saying_what_kind_of_phone_or_e_mail_is_not_imported(header: str) -> None:
    """Its values ("Work", "Mobilni", "SMTP") are not numbers or addresses to be read and reported as bad ones."""
    assert match_header(header) == "ignore"


def test_a_column_of_addresses_under_an_unknown_header_is_the_e_mail_and_other_unknown_columns_are_named(
    tmp_path: Path,
) -> None:
    """A Bulgarian list's "Ел. поща" was not known: every address was dropped without a word. Its words are known
    now; a column of addresses under a header the importer does not know is read as the e-mail by its values; any
    other column left out with something in it is named in a note."""
    rows = [
        ["Име", "Фамилия", "Ел. поща", "Служебен адрес", "Размер на тениска"],
        ["Иван", "Петров", "i.petrov@example.bg", "ivan.petrov@dans.example.bg", "XL"],
        ["Мария", "Георгиева", "m.georgieva@example.bg", "", ""],
    ]
    fp = plan_file(write_xlsx(tmp_path / "sofia.xlsx", {"Участници": rows}))
    [plan] = fp.usable
    assert plan.mapping[2:4] == ["email", "email"]  # "Служебен адрес" (office address): its values are addresses
    assert [[e.address for e in r.contact.emails] for r in fp.rows()] == [
        ["i.petrov@example.bg", "ivan.petrov@dans.example.bg"],
        ["m.georgieva@example.bg"],
    ]
    assert fp.notes() == [
        "sofia.xlsx, sheet Участници: column 'Размер на тениска' not imported: its header is not one the importer "
        "knows (a field can be chosen in 'Check the columns')"
    ]


@pytest.mark.parametrize(
    "header",
    ["Datum rođenja", "Broj pasoša", "JMBG", "ID number", "Doğum tarihi", "Датум рођења", "Дата на раѓање",
     "Datëlindja", "Passport No.", "Подпис", "Visa required"],
)  # fmt: skip
def test_personal_data_a_form_asks_for_is_never_imported(header: str) -> None:
    """A registration form asks for a date of birth or a passport number (for the hotel, the visa); a directory
    of contacts keeps neither. Before, a header in the region's languages was not known, and the wizard offered
    to choose a field for it."""
    assert match_header(header) == "ignore"


def test_a_spreadsheets_error_values_and_runs_of_dashes_are_empty_cells(tmp_path: Path) -> None:
    """A lookup formula that failed shows "#N/A" or "#REF!": it was stored as the organisation, the phone ("kept
    as typed") or an e-mail said to be invalid. It is an empty cell, said so in the row's doubts; "---" is empty."""
    path = write_xlsx(
        tmp_path / "list.xlsx",
        {"P": [["Name", "Surname", "Email", "Phone", "Country", "Organisation"],
               ["Ana", "Kola", "#N/A", "#REF!", "Albania", "#VALUE!"],
               ["Eva", "Novak", "eva@example.si", "---", "Slovenia", "....."]]},
    )  # fmt: skip
    _fp, (ana, eva) = rows_of(path)
    for row in (ana, eva):
        assert (row.contact.emails[1:], row.contact.phones, row.contact.organisation) == ([], [], "")
    assert ana.problems == [
        "Email: the spreadsheet's error #N/A (left empty)",
        "Phone: the spreadsheet's error #REF! (left empty)",
        "Organisation: the spreadsheet's error #VALUE! (left empty)",
    ]
    assert not eva.problems


@pytest.mark.parametrize(
    ("header", "field"),
    [("Celulari", "mobile"), ("Telefon mobil", "mobile"), ("Ιδιότητα", "position"), ("Zanimanje", "position"),
     ("Sjedište", "city"), ("Отчество", "notes"), ("WhatsApp", "notes"), ("Website", "notes")],
)  # fmt: skip
def test_more_headers_of_the_regions_lists(header: str, field: str) -> None:
    """Headers found in lists that were not known: an Albanian or Romanian mobile, a Greek capacity, a Russian
    patronymic (kept in the notes under its header, as a web page or a messenger is)."""
    assert match_header(header) == field


def test_an_international_organisations_country_cell_is_no_country_and_no_doubt(tmp_path: Path) -> None:
    """IOM's or UNODC's staff write "International" or "Regional" where a country goes: no country, kept in the
    notes as written, and the row is not marked doubtful for it (an unknown country still is)."""
    rows = [
        ["Name", "Surname", "Country", "Organisation", "E-mail"],
        ["Ana", "Kola", "International", "IOM", "akola@example.org"],
        ["Ivo", "Ivić", "Међународна", "UNODC", "iivic@example.org"],
        ["Eva", "Novak", "Narnia", "Wardrobe", "enovak@example.org"],
    ]
    _fp, (ana, ivo, eva) = rows_of(write_csv(tmp_path / "io.csv", rows))
    for row, written in ((ana, "International"), (ivo, "Међународна")):
        assert row.contact.country is None and not row.problems
        assert f"Country as written: {written}" in row.contact.notes
    assert eva.problems == ["unknown country 'Narnia' (kept in the notes)"]


def test_a_column_of_parts_in_the_event_under_any_header(tmp_path: Path) -> None:
    """An event platform's "Ticket Type" (Participant, Speaker) says the part each one took."""
    rows = [
        ["First Name", "Last Name", "Email", "Ticket Type", "Order Type"],
        ["Nikola", "Jovanović", "nikola.jovanovic@mup.gov.rs", "Participant", "Free Order"],
        ["Maria", "Ionescu", "maria.ionescu@mai.gov.ro", "Speaker", "Free Order"],
    ]
    fp, rows_read = rows_of(write_csv(tmp_path / "attendees.csv", rows))
    assert fp.usable[0].mapping[3:] == ["part", None]
    assert [r.part for r in rows_read] == ["participant", "speaker"]


def test_a_workbooks_cover_sheet_names_the_seminar(tmp_path: Path) -> None:
    """A summary sheet titled with the seminar, then a sheet per country: the event was named after the file
    ("Durres Multisheet") or a country sheet's own title ("Albania - delegation")."""
    title = "Regional Seminar on Financial Investigations and Asset Recovery, Durrës, 14-16 October 2025"
    header = ["Name", "Surname", "E-mail"]
    path = write_xlsx(tmp_path / "durres_multisheet.xlsx", {
        "Summary": [[title], [], ["Country", "Participants"], ["Albania", 1], ["Kosovo", 1]],
        "Albania": [["Albania - delegation"], header, ["Arta", "Kola", "arta.kola@pp.gov.al"]],
        "Kosovo": [["Kosovo - delegation"], header, ["Besa", "Gashi", "besa.gashi@rks-gov.net"]],
    })  # fmt: skip
    event = propose_event([plan_file(path)])
    assert (event.name, event.start_date.isoformat(), event.city) == (title, "2025-10-14", "Durrës")


def test_a_speakers_list_names_them_under_their_part(tmp_path: Path) -> None:
    """ "Speaker" over the names of a speakers' list: every row was skipped ("no name"). A yes-or-no column of that
    name beside the names is no name column."""
    rows = [["Speaker", "Organisation", "E-mail"], ["Dr. Klaus MÜLLER", "Eurojust", "kmueller@eurojust.europa.eu"]]
    speakers = write_csv(tmp_path / "speakers.csv", rows)
    (row,) = plan_file(speakers).rows()
    assert (row.contact.given_name, row.contact.family_name) == ("Klaus", "Müller")
    flagged = write_csv(tmp_path / "list.csv", [["Name", "Surname", "Speaker"], ["Ana", "Kovač", "Yes"],
                                                ["Ivo", "Horvat", "No"]])  # fmt: skip
    assert [r.contact.family_name for r in plan_file(flagged).rows()] == ["Kovač", "Horvat"]
