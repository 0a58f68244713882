"""Names as meetings' reports and lists write them (task "names", session 18): a platform's label after a guest's
name, a surname that is also a role word, and a ruled PDF table whose row goes on over a page break."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.importing import EventSpec, import_files, plan_file
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv


def _stored(directory) -> dict[str, tuple[str, str, str, tuple[str, ...], str]]:
    """Name as displayed -> (given name, organisation, position, roles, notes)."""
    return {
        " ".join(filter(None, [r.given_name, r.family_name])): (
            r.given_name,
            r.organisation,
            r.position,
            tuple(r.roles),
            r.notes,
        )
        for r in search(directory, SearchQuery(), limit=None)
    }


def _names(path: Path) -> list[tuple[str, str]]:
    return [(r.contact.given_name, r.contact.family_name) for r in plan_file(path).rows() if r.contact]


# ------------------------------------------------------------------------------------ a meeting's labels

_TEAMS_TOP = [
    ["1. Summary"],
    ["Meeting title", "Regional Meeting on Joint Investigation Teams"],
    ["Start time", "6/3/25, 9:58:12 AM"],
    [],
    ["2. Participants"],
    ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Role"],
]


def _teams(path: Path, names: list[str]) -> Path:
    rows = [*_TEAMS_TOP]
    rows += [
        ["OSCE Secretariat TNTD", "6/3/25, 9:58 AM", "6/3/25, 12:02 PM", "2h 4m", "tntd@osce.org", "Organizer"],
        ["Jelena Petrović", "6/3/25, 9:59 AM", "6/3/25, 12:01 PM", "2h 1m", "jelena.petrovic@rjt.gov.rs", "Attendee"],
    ]
    rows += [[name, "6/3/25, 10:05 AM", "6/3/25, 12:00 PM", "1h 55m", "", "Attendee"] for name in names]
    return write_csv(path, rows, encoding="utf-16", delimiter="\t")


@pytest.mark.parametrize(
    ("written", "organisation", "notes"),
    [
        ("Ana Kovač (Gast)", "", ""),
        ("Kovač, Ana (Guest)", "", ""),
        ("Ana Kovač (extern)", "", ""),
        ("Ana Kovač (External)", "", ""),
        ("Ana Kovač [Invité]", "", ""),
        ("Ana Kovač (Гость)", "", ""),
        ("Ana Kovač (Unverified)", "", ""),
        ("Ana Kovač (Nicht überprüft)", "", ""),
        ("Ana Kovač (Misafir)", "", ""),
        ("Ana Kovač (she/her)", "", "Beside the name: (she/her)"),  # the person's own: kept
        ("Ana Kovač - OSCE", "OSCE", ""),
        ("Ana Kovač | Ministry of Interior", "Ministry of Interior", ""),
        ("Ana Kovač (Gast) - IOM", "IOM", ""),
    ],
)
def test_a_meeting_platform_s_label_is_neither_the_name_nor_a_note(
    directory, tmp_path: Path, written: str, organisation: str, notes: str
) -> None:
    """Before, "[Invité]", "(Гость)", "(Nicht überprüft)" went to the notes as "Beside the name: (Гость)"."""
    import_files(directory, [_teams(tmp_path / "meetingAttendanceReport.csv", [written])], event=EventSpec("Online"))
    assert _stored(directory)["Ana Kovač"] == ("Ana", organisation, "", _stored_roles(organisation), notes)


def _stored_roles(organisation: str) -> tuple[str, ...]:
    return {"": (), "OSCE": ("international_organisation",), "IOM": ("international_organisation",),
            "Ministry of Interior": ("law_enforcement", "central_authority")}[organisation]  # fmt: skip


def test_what_is_written_beside_the_names_does_not_turn_the_list_s_order(tmp_path: Path) -> None:
    """The surnames in capitals say the list writes the surname first. Before, a row with an office after a dash or
    a bar ("PETROVIĆ Jelena - MUP Srbije") was left out of the count as an office's name, and with them all the
    rows that showed the order: "Kovač Ana" was stored with Kovač as her first name."""
    rows = [
        ["Name", "Email"],
        ["PETROVIĆ Jelena - MUP Srbije", ""],
        ["HORVAT Ivana | Ministry of Interior", ""],
        ["KOLA Arben - OSCE", ""],
        ["Kovač Ana (Gast)", ""],
        ["Marić Marko", ""],
    ]
    assert _names(write_csv(tmp_path / "participants.csv", rows)) == [
        ("Jelena", "Petrović"),
        ("Ivana", "Horvat"),
        ("Arben", "Kola"),
        ("Ana", "Kovač"),
        ("Marko", "Marić"),
    ]


def test_a_label_in_capitals_beside_a_name_is_not_its_surname(tmp_path: Path) -> None:
    """Addresses show the surname first; "- EXTERN" in capitals after a name was read as a surname in capitals at
    the end, the count came out even, and the header's order (first name first) was taken for the whole list."""
    rows = [
        ["Name", "Email"],
        ["Petrović Jelena - EXTERN", "jelena.petrovic@rjt.gov.rs"],
        ["Horvat Ivana - EXTERN", "ivana.horvat@mup.hr"],
        ["Kovač Ana - EXTERN", ""],
        ["Marić Marko (she / her)", ""],
    ]
    assert _names(write_csv(tmp_path / "participants.csv", rows)) == [
        ("Jelena", "Petrović"),
        ("Ivana", "Horvat"),
        ("Ana", "Kovač"),
        ("Marko", "Marić"),
    ]


def test_a_pronoun_in_brackets_with_spaces_is_no_second_spelling(tmp_path: Path) -> None:
    """ "(she / her)": its spaced slash split the cell as two spellings of a name, and the rows' addresses that show
    the surname first were not counted."""
    rows = [
        ["Name", "Email"],
        ["Petrović Jelena (she / her)", "jelena.petrovic@rjt.gov.rs"],
        ["Horvat Ivana (she / her)", "ivana.horvat@mup.hr"],
        ["Kovač Ana", ""],
    ]
    assert _names(write_csv(tmp_path / "participants.csv", rows))[-1] == ("Ana", "Kovač")
