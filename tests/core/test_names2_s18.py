"""What online meetings' reports and lists write beside a participant's name (task "names2", session 18): a
country after a comma or in brackets, a Teams guest's ID for an e-mail address, a position after a dash, and a row
whose own e-mail address says which of its words is the first name against the list's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.emails import check_email, split_emails
from directory_app.core.importing import EventSpec, import_files, plan_file
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv, write_xlsx

_TEAMS_TOP = [
    ["1. Summary"],
    ["Meeting title", "Regional Meeting on Joint Investigation Teams"],
    ["Start time", "6/3/25, 9:58:12 AM"],
    [],
    ["2. Participants"],
    ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"],
    ["OSCE Secretariat TNTD", "6/3/25, 9:58 AM", "6/3/25, 12:02 PM", "2h 4m", "tntd@osce.org", "tntd@osce.org",
     "Organizer"],
    ["Jelena Petrović", "6/3/25, 9:59 AM", "6/3/25, 12:01 PM", "2h 1m", "jelena.petrovic@rjt.gov.rs",
     "jelena.petrovic@rjt.gov.rs", "Attendee"],
]  # fmt: skip


def _teams(path: Path, people: list[tuple[str, str, str]]) -> Path:
    """A Teams attendance report (UTF-16, tab-separated): (name, e-mail, participant ID) of each participant."""
    rows = [*_TEAMS_TOP]
    rows += [
        [name, "6/3/25, 10:05 AM", "6/3/25, 12:00 PM", "1h 55m", email, upn, "Attendee"] for name, email, upn in people
    ]
    return write_csv(path, rows, encoding="utf-16", delimiter="\t")


def _stored(directory) -> dict[str, tuple]:
    """Name as displayed -> (given, family, country, organisation, position, roles, e-mails, notes)."""
    return {
        " ".join(filter(None, [r.given_name, r.family_name])): (
            r.given_name,
            r.family_name,
            r.country,
            r.organisation,
            r.position,
            tuple(r.roles),
            [e.address for e in r.emails],
            r.notes,
        )
        for r in search(directory, SearchQuery(), limit=None)
    }


def _import(directory, path: Path) -> dict[str, tuple]:
    import_files(directory, [path], event=EventSpec("Online meeting"))
    return _stored(directory)


# ------------------------------------------------------------------------ a country beside the name


def test_a_country_after_a_comma_is_no_first_name(directory, tmp_path: Path) -> None:
    """ "Ivan Kovač, Kosovo" was stored as a person whose first name is Kosovo ("Surname, First name" read)."""
    path = _teams(
        tmp_path / "meetingAttendanceReport.csv",
        [
            ("Ivan Kovač, Kosovo", "", ""),
            ("Kovač Goran, Kosovo", "goran.kovac@kosovopolice.com", ""),  # his address says which is his first name
            ("KRASNIQI Luan, Kosova", "", ""),  # Albanian
            ("Марко Јовановић, Србија", "", ""),
            ("Elira Hoxha, Shqipëria", "", ""),
            ("Ana Horvat, Hrvatska", "", ""),
            ("Kovač, Marija, Bosnia and Herzegovina", "", ""),  # "Surname, First name, Country"
            ("Petrov, Jordan", "", ""),  # a first name that is also a country's: one word before the comma
        ],
    )
    stored = {name: value[:3] for name, value in _import(directory, path).items()}
    assert stored["Ivan Kovač"] == ("Ivan", "Kovač", "XK")
    assert stored["Goran Kovač"] == ("Goran", "Kovač", "XK")
    assert stored["Марко Јовановић"] == ("Марко", "Јовановић", "RS")
    assert stored["Luan Krasniqi"] == ("Luan", "Krasniqi", "XK")
    assert stored["Elira Hoxha"] == ("Elira", "Hoxha", "AL")
    assert stored["Ana Horvat"] == ("Ana", "Horvat", "HR")
    assert stored["Marija Kovač"] == ("Marija", "Kovač", "BA")
    assert stored["Jordan Petrov"] == ("Jordan", "Petrov", None)


def test_a_country_with_the_office_in_brackets(directory, tmp_path: Path) -> None:
    """ "Marko Marić (MUP Srbije, Serbia)": the office and the country were stored together as the organisation."""
    path = _teams(
        tmp_path / "meetingAttendanceReport.csv",
        [
            ("Marko Marić (MUP Srbije, Serbia)", "", ""),
            ("Ana Kovač (Croatia)", "", ""),
            ("Luan Krasniqi - Kosovo", "", ""),
            ("Ivo Babić (Ministry of Interior, Zagreb, Croatia)", "", ""),
            ("Arben Kola (Ministry of Interior, Border Police)", "", ""),  # no country: one office, as written
        ],
    )
    stored = {name: value[2:4] for name, value in _import(directory, path).items()}
    assert stored["Marko Marić"] == ("RS", "MUP Srbije")
    assert stored["Ana Kovač"] == ("HR", "")
    assert stored["Luan Krasniqi"] == ("XK", "")
    assert stored["Ivo Babić"] == ("HR", "Ministry of Interior")
    assert stored["Arben Kola"] == (None, "Ministry of Interior, Border Police")


def test_a_country_beside_the_name_and_another_in_the_country_column(directory, tmp_path: Path) -> None:
    """The row's own country column is kept; the country beside the name goes to the notes, never into the name
    nor into the organisation ("(BiH)", capitals, was taken for an office's initials)."""
    rows = [
        ["Name", "Country", "E-mail"],
        ["Ivan Kovač, Kosovo", "Serbia", ""],
        ["Amra Šehić (BIH)", "Croatia", ""],
        ["Ana Horvat, Croatia", "Croatia", ""],  # the same country: nothing more to say
    ]
    stored = _import(directory, write_csv(tmp_path / "participants.csv", rows))
    given, family, country, organisation, *_rest, notes = stored["Ivan Kovač"]
    assert (given, family, country, organisation) == ("Ivan", "Kovač", "RS", "")
    assert "Kosovo" in notes
    given, family, country, organisation, *_rest, notes = stored["Amra Šehić"]
    assert (given, family, country, organisation) == ("Amra", "Šehić", "HR", "")
    assert "BIH" in notes
    assert stored["Ana Horvat"][:4] == ("Ana", "Horvat", "HR", "")
    assert "Croatia" not in stored["Ana Horvat"][-1]


# ------------------------------------------------------------------------ a Teams guest's ID


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("ana.kovac_mup.hr#EXT#@osceorg.onmicrosoft.com", "ana.kovac@mup.hr"),
        ("ivo_babic_pravosudje.hr#EXT#@osceorg.onmicrosoft.com", "ivo_babic@pravosudje.hr"),  # the last "_"
        ("Jelena.Petrovic_RJT.gov.rs#ext#@OSCEorg.onmicrosoft.com", "Jelena.Petrovic@rjt.gov.rs"),
        ("luan_gmail.com#EXT#@unodc.onmicrosoft.com", "luan@gmail.com"),
    ],
)
def test_a_teams_guest_s_id_is_read_as_the_guest_s_address(written: str, address: str) -> None:
    result = check_email(written)
    assert (result.address, result.raw, result.problem) == (address, written, None)
    assert [r.address for r in split_emails(f"{written}; marko@mup.hr")] == [address, "marko@mup.hr"]


@pytest.mark.parametrize("written", ["kovac#EXT#@osceorg.onmicrosoft.com", "_mup.hr#EXT#@osceorg.onmicrosoft.com",
                                     "ana.kovac_#EXT#@osceorg.onmicrosoft.com"])  # fmt: skip
def test_a_teams_guest_s_id_that_holds_no_address(written: str) -> None:
    result = check_email(written)
    assert result.address is None
    assert result.problem == "a Teams guest's ID without a readable address"


def test_teams_guests_ids_in_an_attendance_report(directory, tmp_path: Path) -> None:
    """A guest's e-mail and participant ID in a Teams report are "ana.kovac_mup.hr#EXT#@osceorg.onmicrosoft.com":
    the ID went to the notes, and the ID in the e-mail column was stored as the guest's address."""
    path = _teams(
        tmp_path / "meetingAttendanceReport.csv",
        [
            ("Ana Kovač", "", "ana.kovac_mup.hr#EXT#@osceorg.onmicrosoft.com"),
            ("Ivo Babić", "ivo_babic_pravosudje.hr#EXT#@osceorg.onmicrosoft.com",
             "ivo_babic_pravosudje.hr#EXT#@osceorg.onmicrosoft.com"),
            ("Luka Horvat", "", "horvat#EXT#@osceorg.onmicrosoft.com"),  # no address in it: kept as written
        ],
    )  # fmt: skip
    report = import_files(directory, [path], event=EventSpec("Online meeting"))
    stored = _stored(directory)
    assert stored["Ana Kovač"][6:] == (["ana.kovac@mup.hr"], "")
    assert stored["Ivo Babić"][6:] == (["ivo_babic@pravosudje.hr"], "")
    emails, notes = stored["Luka Horvat"][6:]
    assert emails == [] and "horvat#EXT#@osceorg.onmicrosoft.com" in notes
    # The members' ID is their address: said once, not again in the notes.
    assert stored["Jelena Petrović"][6:] == (["jelena.petrovic@rjt.gov.rs"], "")
    assert stored["OSCE Secretariat TNTD"][6:] == (["tntd@osce.org"], "")
    (reasons,) = [o.reasons for o in report.outcomes if o.name == "Luka Horvat"]
    assert any("a Teams guest's ID without a readable address" in r for r in reasons)


# ------------------------------------------------------------------------ a position after the name


def test_a_position_after_a_dash_or_a_comma(directory, tmp_path: Path) -> None:
    """A name and a position beside it: the whole cell was stored as an office's name ("Ali Savcı - Deputy
    Prosecutor", "Ahmed Hakim, Deputy Prosecutor"), or the position's first words as the first name ("Ana Kovač -
    Legal" and "Advisor")."""
    rows = [
        ["Name", "Email"],
        ["Ahmed Hakim - Deputy Prosecutor", ""],
        ["Ali Savcı - Deputy Prosecutor", ""],
        ["Ana Prokuror - Head of Unit", ""],
        ["Jan Richter, Judge", ""],
        ["Mehmet Hakim, Deputy Prosecutor", ""],
        ["Ana Kovač - Legal Advisor", ""],
        ["Ivo Babić - Programme Officer", ""],
        ["Marija Horvat – Project Coordinator", ""],
        ["Vesna Lekić - Zamjenica tužioca", ""],
        ["Goran Ilić - Policijski službenik", ""],
        ["Ana Kovač-Horvat - Judge", ""],
        ["Ivana Marić - Horvat", ""],  # two surnames: one name
        ["Public Prosecutor - MUP", ""],  # an account's name, kept whole
    ]
    imported = _import(directory, write_csv(tmp_path / "participants.csv", rows))
    stored = {name: value[:2] + value[3:6] for name, value in imported.items()}
    assert stored == {
        "Ahmed Hakim": ("Ahmed", "Hakim", "", "Deputy Prosecutor", ("prosecutor",)),
        "Ali Savcı": ("Ali", "Savcı", "", "Deputy Prosecutor", ("prosecutor",)),
        "Ana Prokuror": ("Ana", "Prokuror", "", "Head of Unit", ()),
        "Jan Richter": ("Jan", "Richter", "", "Judge", ("judge",)),
        "Mehmet Hakim": ("Mehmet", "Hakim", "", "Deputy Prosecutor", ("prosecutor",)),
        "Ana Kovač": ("Ana", "Kovač", "", "Legal Advisor", ()),
        "Ivo Babić": ("Ivo", "Babić", "", "Programme Officer", ()),
        "Marija Horvat": ("Marija", "Horvat", "", "Project Coordinator", ()),
        "Vesna Lekić": ("Vesna", "Lekić", "", "Zamjenica tužioca", ("prosecutor",)),
        "Goran Ilić": ("Goran", "Ilić", "", "Policijski službenik", ("law_enforcement",)),
        "Ana Kovač-Horvat": ("Ana", "Kovač-Horvat", "", "Judge", ("judge",)),
        "Ivana Marić - Horvat": ("Ivana", "Marić - Horvat", "", "", ()),
        "Public Prosecutor - MUP": ("", "Public Prosecutor - MUP", "", "", ()),
    }


# ------------------------------------------------------------------------ a row's own address and the list's order


def _names(path: Path) -> list[tuple[str, str]]:
    return [(r.contact.given_name, r.contact.family_name) for r in plan_file(path).rows() if r.contact]


def test_a_row_s_own_address_decides_its_order_against_the_list_s(tmp_path: Path) -> None:
    """Two rows written surname first, as their addresses show, against one: "Marko Marić"
    (marko.maric@mup.hr) was stored as "Marić Marko"."""
    rows = [
        ["Name", "Email"],
        ["Petrović Jelena", "jelena.petrovic@rjt.gov.rs"],
        ["Horvat Ivana", "ivana.horvat@mup.hr"],
        ["Marko Marić", "marko.maric@mup.hr"],
        ["Kola Arben", ""],  # no address: the list's order
    ]
    assert _names(write_csv(tmp_path / "list.csv", rows)) == [
        ("Jelena", "Petrović"),
        ("Ivana", "Horvat"),
        ("Marko", "Marić"),
        ("Arben", "Kola"),
    ]


@pytest.mark.parametrize("address", ["m.maric@mup.hr", "maricm@mup.hr", "maric.m@mup.hr", "mmaric@mup.hr",
                                     "marko.maric@mup.hr", "markomaric@mup.hr"])  # fmt: skip
def test_a_row_s_own_address_with_an_initial_decides_its_order(tmp_path: Path, address: str) -> None:
    rows = [
        ["Participant", "E-mail"],
        ["Petrović Jelena", "jelena.petrovic@rjt.gov.rs"],
        ["Đorđević Nenad", "ndjordjevic@rjt.gov.rs"],
        ["Horvat Ivana", "ivana.horvat@mup.hr"],
        ["Marko Marić", address],
    ]
    path = write_xlsx(tmp_path / "list.xlsx", {"Participants": rows})
    assert _names(path)[-1] == ("Marko", "Marić")
    # written the list's way, the same address reads it the list's way
    rows[-1] = ["Marić Marko", address]
    assert _names(write_xlsx(tmp_path / "list2.xlsx", {"Participants": rows}))[-1] == ("Marko", "Marić")


def test_an_address_in_full_words_the_other_way_round_leaves_the_list_s_order(tmp_path: Path) -> None:
    """ "novak.ivan@" beside "Ivan Novak" says only that the address and the cell differ: an office that writes
    addresses surname first, or a cell written surname first. The list, written first name first, tells."""
    rows = [["Name", "E-mail"]]
    rows += [[f"Ana {s}", f"ana.{s.lower()}@example.org"] for s in ("Horvat", "Kovač", "Babić")]
    rows += [["Ivan Novak", "novak.ivan@office.example"]]
    assert _names(write_csv(tmp_path / "list.csv", rows))[-1] == ("Ivan", "Novak")
