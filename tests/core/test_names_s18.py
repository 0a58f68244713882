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


# ------------------------------------------------------------------------ a row cut by a page break (PDF)

_HEADER = ["No.", "Name and surname", "Institution", "Position", "E-mail", "Phone"]
_WIDTHS = [30, 130, 190, 130, 170, 110]


def _word_pdf(path: Path, pages: list[list[list[str]]], repeat: bool = True, framed: bool = True) -> Path:
    """A ruled table as Word prints it, drawn line by line: each page's rows framed (or none, `framed`: a sheet
    printed without borders), the header repeated at the top of each page (`repeat`); a cell's lines apart by
    "\\n". (reportlab's own tables draw a cut row open: see below.)"""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from directory_app.core.pdfdoc import FONT, register_fonts

    register_fonts()
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height))
    for n, rows in enumerate(pages):
        top = height - 50
        if n == 0:
            canvas.setFont(FONT, 14)
            canvas.drawString(40, top, "Regional Workshop on Joint Investigation Teams")
            canvas.setFont(FONT, 9)
            canvas.drawString(40, top - 16, "Skopje, 12-14 March 2025 — List of participants")
            top -= 40
        canvas.setFont(FONT, 8)
        for row in [_HEADER, *rows] if n == 0 or repeat else rows:
            lines = max(len(cell.split("\n")) for cell in row)
            bottom = top - 6 - 10 * lines
            x = 40
            for cell, w in zip(row, _WIDTHS, strict=True):
                if framed:
                    canvas.rect(x, bottom, w, top - bottom)
                for k, line in enumerate(cell.split("\n")):
                    canvas.drawString(x + 3, top - 11 - 10 * k, line)
                x += w
            top = bottom
        canvas.showPage()
    canvas.save()
    return path


def _people_of(path: Path) -> list[tuple[str, str, str, list[str], list[str]]]:
    """(name, organisation, position, e-mails, phones) of each person the PDF's rows give."""
    out = []
    for row in plan_file(path).rows():
        if row.contact is not None:
            c = row.contact
            out.append(
                (
                    f"{c.given_name} {c.family_name}",
                    c.organisation,
                    c.position,
                    [e.address for e in c.emails],
                    [p.e164 or p.raw for p in c.phones],
                )
            )
    return out


_FIRST_PAGE = [
    ["1", "Jelena PETROVIĆ", "Republic Public Prosecutor's Office", "Deputy Public Prosecutor",
     "jelena.petrovic@rjt.gov.rs", "+381 11 3601 234"],
    ["2", "Arben KOLA", "General Prosecution Office", "Prosecutor", "arben.kola@pp.gov.al", "+355 69 222 3344"],
    # the row the page break cuts: its institution goes on over the page, its e-mail and phone are there
    ["3", "Marko MARIĆ", "Ministry of Interior\nGeneral Police Directorate", "Head of Unit", "", ""],
]  # fmt: skip
_SECOND_PAGE = [
    ["", "", "Border Police Sector", "", "marko.maric@mup.hr", "+385 1 234 5678"],
    ["4", "Ivana HORVAT", "Ministry of Interior", "Inspector", "ivana.horvat@mup.hr", "+385 91 123 4567"],
]
_READ = [
    ("Jelena Petrović", "Republic Public Prosecutor's Office", "Deputy Public Prosecutor",
     ["jelena.petrovic@rjt.gov.rs"], ["+381113601234"]),
    ("Arben Kola", "General Prosecution Office", "Prosecutor", ["arben.kola@pp.gov.al"], ["+355692223344"]),
    ("Marko Marić", "Ministry of Interior General Police Directorate Border Police Sector", "Head of Unit",
     ["marko.maric@mup.hr"], ["+38512345678"]),
    ("Ivana Horvat", "Ministry of Interior", "Inspector", ["ivana.horvat@mup.hr"], ["+385911234567"]),
]  # fmt: skip


def test_a_row_cut_by_the_page_break_is_one_person(tmp_path: Path) -> None:
    """Marko Marić's row begins at the foot of page 1 and ends at the head of page 2, under the repeated header.
    Before, he was stored without his e-mail and phone, and the rest of his row was a nameless row of its own."""
    path = _word_pdf(tmp_path / "Final list of participants.pdf", [_FIRST_PAGE, _SECOND_PAGE])
    assert _people_of(path) == _READ
    skipped = [(r.skip_reason, r.ignored) for r in plan_file(path).rows() if r.contact is None]
    assert skipped == [("the header row repeated", True)]  # the header on page 2 is no person


@pytest.mark.parametrize("framed", [True, False])
def test_a_row_cut_by_the_page_break_under_no_repeated_header(tmp_path: Path, framed: bool) -> None:
    path = _word_pdf(tmp_path / "list.pdf", [_FIRST_PAGE, _SECOND_PAGE], repeat=False, framed=framed)
    assert _people_of(path) == _READ


def test_a_row_cut_by_the_page_break_in_a_table_without_frames(tmp_path: Path) -> None:
    path = _word_pdf(tmp_path / "list.pdf", [_FIRST_PAGE, _SECOND_PAGE], framed=False)
    assert _people_of(path) == _READ


def test_a_person_at_the_head_of_the_next_page_is_not_joined_to_the_last(tmp_path: Path) -> None:
    """Each has a name: two people, though the last of page 1 has no e-mail or phone."""
    second = [["4", "Ivana HORVAT", "Ministry of Interior", "Inspector", "ivana.horvat@mup.hr", "+385 91 123 4567"]]
    second_unnumbered = [["", "Ivana HORVAT", "Ministry of Interior", "Inspector", "ivana.horvat@mup.hr", ""]]
    for n, page in enumerate((second, second_unnumbered)):
        path = _word_pdf(tmp_path / f"list{n}.pdf", [_FIRST_PAGE, page])
        people = _people_of(path)
        assert [p[0] for p in people] == ["Jelena Petrović", "Arben Kola", "Marko Marić", "Ivana Horvat"]
        assert people[2] == ("Marko Marić", "Ministry of Interior General Police Directorate", "Head of Unit", [], [])


def test_a_row_reportlab_cuts_open_at_the_page_break(tmp_path: Path) -> None:
    """reportlab (and some printers) draw a cut row open at the break: no line under its part on page 1, none
    between the repeated header and its part on page 2. Before, the part on page 1 was no cell and was lost, and
    the header with the row's last lines in it was stored as a person named "Name and Surname"."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from directory_app.core.pdfdoc import FONT, register_fonts

    register_fonts()
    style = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
    people = [[str(i), f"Ana {chr(64 + i)}KOVAČ", "MUP", "Inspector", f"ana{i}@mup.hr", ""] for i in range(1, 22)]
    institution = "<br/>".join(["Ministry of Interior", "General Police Directorate", "Border Police Sector",
                                "Department for", "Combating Irregular Migration", "and Trafficking",
                                "in Human Beings", "Unit 3"])  # fmt: skip
    people.append(["22", "Marko MARIĆ", institution, "Head of Unit", "marko.maric@mup.hr", "+385 1 234 5678"])
    people.append(["23", "Ivana HORVAT", "MUP", "Inspector", "ivana.horvat@mup.hr", ""])
    body = [[Paragraph(text, style) for text in row] for row in people]
    table = Table([_HEADER, *body], repeatRows=1, colWidths=_WIDTHS, splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    path = tmp_path / "list.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    read = _people_of(path)
    assert [p[0] for p in read][-3:] == ["Ana Ukovač", "Marko Marić", "Ivana Horvat"]
    assert read[-2] == (
        "Marko Marić",
        "Ministry of Interior General Police Directorate Border Police Sector Department for Combating Irregular "
        "Migration and Trafficking in Human Beings Unit 3",
        "Head of Unit",
        ["marko.maric@mup.hr"],
        ["+38512345678"],
    )


# -------------------------------------------------------------------- a surname that is also a role word


def test_a_surname_in_capitals_wrapped_under_the_name_brings_no_role(directory, tmp_path: Path) -> None:
    """A name column too narrow for "Mehmet Ali HAKIM": the surname goes onto a line of its own. "HAKIM" (a judge,
    in Turkish) was kept apart as a position under the name, and the person stored as a judge called Mehmet Ali.
    A position that says judge still gives the role."""
    page = [
        ["1", "Mehmet Ali\nHAKIM", "Ministry of Interior", "Inspector", "mehmet.hakim@egm.gov.tr", ""],
        ["2", "Maria Ana\nSUDAC", "Ministry of Interior", "Inspector", "maria.sudac@mup.hr", ""],
        ["3", "Hans RICHTER", "Landgericht Wien", "Richter am Landgericht", "hans.richter@justiz.gv.at", ""],
        ["4", "Ana KOVAČ\nJudge", "Municipal Court Zagreb", "", "ana.kovac@oszg.pravosudje.hr", ""],
    ]
    import_files(directory, [_word_pdf(tmp_path / "list.pdf", [page])], event=EventSpec("Workshop"))
    stored = _stored(directory)
    assert stored["Mehmet Ali Hakim"][1:4] == ("Ministry of Interior", "Inspector", ("law_enforcement",
                                                                                     "central_authority"))  # fmt: skip
    assert stored["Maria Ana Sudac"][2:4] == ("Inspector", ("law_enforcement", "central_authority"))
    assert stored["Hans Richter"][2:4] == ("Richter am Landgericht", ("judge",))
    assert stored["Ana Kovač"][2:4] == ("Judge", ("judge",))  # a position under a name in capitals stays one


def test_a_law_office_named_after_its_partner_brings_no_judge(directory, tmp_path: Path) -> None:
    """ "Kanzlei Richter", "Hakim Hukuk Bürosu": a partner's name, not a judge's office."""
    rows = [
        ["First name", "Last name", "Organisation", "Position"],
        ["Eva", "Bauer", "Kanzlei Richter", ""],
        ["Ayşe", "Demir", "Hakim Hukuk Bürosu", ""],
        ["Luka", "Babić", "Advokatska kancelarija Sudac", ""],
        ["Hans", "Richter", "", ""],
        ["Jan", "Novak", "Landgericht Wien", ""],
        ["Ivo", "Marić", "", "Richter am Landgericht"],
    ]
    import_files(directory, [write_csv(tmp_path / "list.csv", rows)], event=EventSpec("Workshop"))
    roles = {name: value[3] for name, value in _stored(directory).items()}
    assert roles == {
        "Eva Bauer": (),
        "Ayşe Demir": (),
        "Luka Babić": (),
        "Hans Richter": (),
        "Jan Novak": ("judge",),
        "Ivo Marić": ("judge",),
    }


def test_a_name_in_two_scripts_whose_surname_is_a_judge_s_word(directory, tmp_path: Path) -> None:
    """ "Ахмед Хаким / Ahmed Hakim": the Latin spelling was read as a position written beside the name (hakim: a
    judge in Turkish), stored as his position, and he was stored as a judge."""
    rows = [
        ["Name", "Email"],
        ["Ахмед Хаким / Ahmed Hakim", ""],
        ["Hans Richter / Ханс Рихтер", ""],
        ["Ана Трајковска / MVR", ""],  # an office beside the name: its initials go to the organisation
    ]
    import_files(directory, [write_csv(tmp_path / "participants.csv", rows)], event=EventSpec("Online meeting"))
    stored = {
        r.given_name: (r.family_name, r.latin_given_name, r.latin_family_name, r.position, tuple(r.roles))
        for r in search(directory, SearchQuery(), limit=None)
    }
    assert stored["Ахмед"] == ("Хаким", "Ahmed", "Hakim", "", ())
    assert stored["Ханс"] == ("Рихтер", "Hans", "Richter", "", ())
    family, _latin, _latin_family, position, roles = stored["Ана"]
    assert (family, position, roles) == ("Трајковска", "", ("law_enforcement", "central_authority"))


def test_an_office_beside_a_name_whose_surname_is_a_judge_s_word(directory, tmp_path: Path) -> None:
    """ "Ahmed Hakim - OSCE": both parts were read as what is beside a name (a position and an office), none as the
    name, and the whole cell was stored as an office's name. A position beside an office is still no person."""
    rows = [
        ["Name", "Email"],
        ["Ahmed Hakim - OSCE", ""],
        ["Maria Sudac | Ministry of Interior", ""],
        ["Marko Sudija - Kosovo Police", ""],
        ["Hans Richter (Gast) - IOM", ""],
        ["Public Prosecutor - MUP", ""],
    ]
    import_files(directory, [write_csv(tmp_path / "participants.csv", rows)], event=EventSpec("Online meeting"))
    stored = {name: value[:3] for name, value in _stored(directory).items()}
    assert stored == {
        "Ahmed Hakim": ("Ahmed", "OSCE", ""),
        "Maria Sudac": ("Maria", "Ministry of Interior", ""),
        "Marko Sudija": ("Marko", "Kosovo Police", ""),
        "Hans Richter": ("Hans", "IOM", ""),
        "Public Prosecutor - MUP": ("", "", ""),  # an account's name, kept whole as before
    }
    assert all("judge" not in value[3] for value in _stored(directory).values())


def test_a_surname_that_is_a_prosecutor_s_word_is_no_office(directory, tmp_path: Path) -> None:
    """ "Ali Savcı" (savcı: a prosecutor, in Turkish) was stored whole as an office's name, with no first name."""
    rows = [
        ["Name", "Email"],
        ["Ali Savcı", ""],
        ["Ayşe Savcı (Misafir)", ""],
        ["Cumhuriyet Savcısı", ""],  # a position typed as an account's name: kept whole as before
        ["Policija Crne Gore", ""],
    ]
    import_files(directory, [write_csv(tmp_path / "participants.csv", rows)], event=EventSpec("Online meeting"))
    stored = {name: value[0] for name, value in _stored(directory).items()}
    assert stored == {"Ali Savcı": "Ali", "Ayşe Savcı": "Ayşe", "Cumhuriyet Savcısı": "", "Policija Crne Gore": ""}
