"""The list of participants as a PDF: a ruled table printed from Word or Excel, this app's own handout (a table
without frames, a country's heading above each group), and the PDFs that cannot be read, each refused in one line.
The PDFs are written with reportlab, as real ones are, and read back through the whole import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from directory_app.core.contacts import list_events
from directory_app.core.importing import EventSpec, import_files, plan_file, propose_event
from directory_app.core.participants import export_participants
from directory_app.core.pdfdoc import FONT, register_fonts
from directory_app.core.records import DirectoryError
from directory_app.core.search import SearchQuery, search
from directory_app.core.store import open_directory
from tests.core.import_helpers import PDF_PEOPLE as PEOPLE
from tests.core.import_helpers import stored_people, write_fillable_pdf, write_ruled_pdf


def test_a_ruled_table_printed_to_pdf(directory, tmp_path: Path) -> None:
    path = write_ruled_pdf(tmp_path / "Final list of participants.pdf", PEOPLE)
    fp = plan_file(path)
    assert fp.workbook.kind == "pdf"
    event = propose_event([fp])
    assert (event.name, str(event.start_date), str(event.end_date), event.city) == (
        "Regional Workshop on Joint Investigation Teams",
        "2025-03-12",
        "2025-03-14",
        "Skopje",
    )
    report = import_files(directory, [path], event=event)
    assert report.created == 7
    assert stored_people(directory) == {
        "Jelena Petrović": ("RS", "Republic Public Prosecutor's Office", "Deputy Public Prosecutor",
                            ["jelena.petrovic@rjt.gov.rs"], ["+381113601234"]),
        "Ана Трајковска": ("MK", "Министерство за внатрешни работи", "Инспектор", ["a.trajkovska@mvr.gov.mk"],
                           ["+38970123456"]),
        "Florian Kelmendi": ("AL", "General Prosecution Office", "Prosecutor", ["florian.kelmendi@pp.gov.al"],
                             ["+355692223344"]),
        "Aleksandra Stojanovska-Petrovska": ("MK", "Ministry of Interior", "Head of Unit",
                                             ["a.stojanovska@mvr.gov.mk"], ["+38971555666"]),
        "Eleni Karagianni": ("GR", "Hellenic Coast Guard", "Lieutenant", ["e.karagianni@sample-gr.org"],
                             ["+306977123456"]),
        "Nemanja Lekić": ("ME", "Supreme State Prosecutor's Office", "Special Prosecutor",
                          ["nemanja.lekic@tuzilastvo.me", "n.lekic@gmail.com"], ["+38268111222"]),
        "Maria del Carmen García López": ("AT", "UNODC Regional Office", "Programme Officer", ["maria.garcia@un.org"],
                                          ["+431260604000"]),
    }  # fmt: skip


def test_a_table_over_several_pages_is_one_table(directory, tmp_path: Path) -> None:
    """The header repeated at the top of each page: one sheet, the repeats not read as people."""
    rows = [(str(i), f"Ana KOVAČ{i:02}", "MUP", "Inspector", "Croatia", f"ana{i}@mup.hr", "") for i in range(1, 61)]
    rows = [(n, name.replace("0", "o").replace("1", "l"), *rest) for n, name, *rest in rows]  # letters, not digits
    path = write_ruled_pdf(tmp_path / "list.pdf", rows)
    fp = plan_file(path)
    assert [p.sheet.name for p in fp.usable] == ["Table 1"]
    report = import_files(directory, [path], event=EventSpec("Workshop"))
    assert report.created == 60 and report.skipped == 0


def test_this_app_s_own_handout_reads_back(demo_directory, directory, tmp_path: Path) -> None:
    """The participants handout (a table without frames, a country's heading above each group, the Latin spelling
    below a Cyrillic name, a speaker marked under the name) gives back every participant, with their country,
    office, position, e-mail and part, and the event with its dates and place."""
    event = max(list_events(demo_directory), key=lambda e: e.participant_count)
    handout = tmp_path / "handout.pdf"
    plist = export_participants(demo_directory, event.name, handout)
    expected = {(p.email or None, p.country) for p in plist.participants}
    fp = plan_file(handout)
    groups = len({p.country for p in plist.participants})
    assert [n for n in fp.notes() if "country" in n] == [
        f"handout.pdf: {groups} tables under a country's heading: their rows that name no country are in it"
    ]
    proposed = propose_event([fp])
    assert (proposed.start_date, proposed.city) == (event.start_date, event.city)
    report = import_files(directory, [handout], event=proposed)
    assert report.created == plist.count and report.skipped == 0
    people = search(directory, SearchQuery(), limit=None)
    assert {(r.emails[0].address if r.emails else None, r.country) for r in people} == expected
    speakers = {p.name for p in plist.participants if p.part == "speaker"}
    assert speakers
    assert {r.display_name for r in people if any(e.part == "speaker" for e in r.events)} == speakers


def test_this_app_s_own_pdfs_give_no_one_who_is_not_in_them(directory, tmp_path: Path) -> None:
    """The handout's closing line ("1 participant(s) did not agree to be shared and are not listed") became a
    person, a page's footer ("Skopje 2025 · list of ...") another, and the contact list's "(mobile)" wrapped onto a
    line of its own a phone number "mobile"."""
    from directory_app.core.exporting import export_contacts
    from tests.core.import_helpers import write_csv

    people = write_csv(tmp_path / "list.csv", [
        ["Name", "Surname", "Country", "Organisation", "E-mail", "Phone", "Mobile", "Consent to be shared"],
        ["Ana", "Kovač", "Serbia", "Ministry of Interior, Department for Combating Trafficking in Human Beings",
         "ana.kovac@mup.gov.rs", "011 306 2000", "064 123 4567", "Yes"],
        ["Ivo", "Horvat", "Serbia", "MUP", "ivo.horvat@mup.gov.rs", "011 306 2001", "064 765 4321", "Yes"],
        ["Neda", "Skrivena", "Serbia", "MUP", "neda@mup.gov.rs", "", "", "No"],
    ])  # fmt: skip
    import_files(directory, [people], event=EventSpec("Test Seminar, Skopje 2025"))
    handout, contact_list = tmp_path / "handout.pdf", tmp_path / "contacts.pdf"
    assert export_participants(directory, "Test Seminar, Skopje 2025", handout).count == 2
    ids = [r.id for r in search(directory, SearchQuery())]
    export_contacts(directory, ids, contact_list, "pdf")
    for pdf in (handout, contact_list):
        with open_directory(tmp_path / f"{pdf.stem}.db") as other:
            report = import_files(other, [pdf], event=EventSpec("Again"))
            back = search(other, SearchQuery())
            assert sorted(r.family_name for r in back) == ["Horvat", "Kovač"], pdf.name
            assert all(p.e164 for r in back for p in r.phones), [p.text for r in back for p in r.phones]
            assert report.skipped == 0


@pytest.mark.parametrize("centred", [False, True])
def test_a_table_without_frames_or_rules(directory, tmp_path: Path, centred: bool) -> None:
    """Columns told apart by where the header's words stand (or, for a header centred over its column, where the
    rows' text begins), rows by the gaps between lines."""
    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    register_fonts()
    canvas.setFont(FONT, 14)
    canvas.drawString(50, 800, "Expert meeting on financial investigations, Tirana 2024")
    canvas.setFont(FONT, 9)
    columns = [(50, 190), (200, 370), (380, 560)]
    header = ("Name and surname", "Institution", "E-mail")
    for (left, right), text in zip(columns, header, strict=True):
        canvas.drawCentredString((left + right) / 2, 760, text) if centred else canvas.drawString(left, 760, text)
    y = 744
    rows = [("Besnik Hoxha", "General Prosecution Office", "b.hoxha@pp.gov.al"),
            ("Elira Kola", "State Police", "e.kola@asp.gov.al"), ("Ana Kovač", "MUP", "ana.kovac@mup.hr")]  # fmt: skip
    for row in rows:
        for (left, _right), text in zip(columns, row, strict=True):
            canvas.drawString(left, y, text)
        y -= 16
    canvas.save()
    event = propose_event([plan_file(path)])
    assert (event.name, event.city) == ("Expert meeting on financial investigations, Tirana 2024", "Tirana")
    import_files(directory, [path], event=event)
    assert {k: v[1:4:2] for k, v in stored_people(directory).items()} == {
        "Besnik Hoxha": ("General Prosecution Office", ["b.hoxha@pp.gov.al"]),
        "Elira Kola": ("State Police", ["e.kola@asp.gov.al"]),
        "Ana Kovač": ("MUP", ["ana.kovac@mup.hr"]),
    }


def test_a_table_without_frames_whose_cells_wrap(directory, tmp_path: Path) -> None:
    """A Word table without borders, printed: a long office's name wraps onto the next line, as close below as the
    next row is. The numbering column, filled only on each row's first line, tells where a row begins."""
    path = tmp_path / "wrapped.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    register_fonts()
    canvas.setFont(FONT, 9)
    columns = (40, 70, 190, 380)
    lines = [
        ("No.", "Name", "Institution", "E-mail"),
        ("1", "Besnik Hoxha", "General Prosecution Office", "b.hoxha@"),
        ("", "", "of the Republic of Albania", "pp.gov.al"),
        ("2", "Elira Kola", "State Police", "e.kola@asp.gov.al"),
        ("3", "Ana Kovač", "Ministry of the Interior,", "ana.kovac@mup.hr"),
        ("", "", "Police Directorate", ""),
    ]
    for n, line in enumerate(lines):
        for x, text in zip(columns, line, strict=True):
            canvas.drawString(x, 760 - 12 * n, text)
    canvas.save()
    import_files(directory, [path], event=EventSpec("Meeting"))
    assert {k: v[1:4:2] for k, v in stored_people(directory).items()} == {
        "Besnik Hoxha": ("General Prosecution Office of the Republic of Albania", ["b.hoxha@pp.gov.al"]),
        "Elira Kola": ("State Police", ["e.kola@asp.gov.al"]),
        "Ana Kovač": ("Ministry of the Interior, Police Directorate", ["ana.kovac@mup.hr"]),
    }


def test_a_spreadsheet_printed_without_borders(directory, tmp_path: Path) -> None:
    """As LibreOffice or Excel print a sheet: a shaded header (its edges are no rules under rows), a header name
    wrapped ("Mobile" / "phone"), one line a person, and a column filled for some people only ("Name (Latin)")."""
    path = tmp_path / "printed.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    register_fonts()
    canvas.setFillGray(0.85)
    canvas.rect(40, 742, 520, 28, stroke=1, fill=1)
    canvas.setFillGray(0)
    canvas.setFont(FONT, 8)
    columns = (45, 150, 250, 380, 480)
    for x, text in zip(columns, ("Country", "Name", "Name (Latin)", "E-mail", "Mobile"), strict=True):
        canvas.drawString(x, 760, text)
    canvas.drawString(480, 748, "phone")
    rows = [
        ("Serbia", "Јелена Јовановић", "Jelena Jovanović", "jelena@rjt.gov.rs", "064 123 4567"),
        ("Croatia", "Ana Kovač", "", "ana.kovac@mup.hr", "091 123 4567"),
        ("Albania", "Besnik Hoxha", "", "b.hoxha@pp.gov.al", "069 222 3344"),
    ]
    for n, row in enumerate(rows):
        for x, text in zip(columns, row, strict=True):
            canvas.drawString(x, 730 - 11 * n, text)
    canvas.save()
    report = import_files(directory, [path], event=EventSpec("Seminar"))
    assert (report.created, report.skipped) == (3, 0)
    assert {k: (v[0], v[4]) for k, v in stored_people(directory).items()} == {
        "Јелена Јовановић": ("RS", ["+381641234567"]),
        "Ana Kovač": ("HR", ["+385911234567"]),
        "Besnik Hoxha": ("AL", ["+355692223344"]),
    }


def test_a_page_of_text_after_the_list_is_not_read_as_people(directory, tmp_path: Path) -> None:
    """A seminar's PDF goes on with its agenda after the participants: the table ended with its page."""
    path = tmp_path / "seminar.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    register_fonts()
    canvas.setFont(FONT, 9)
    for n, row in enumerate([("Name", "Institution", "E-mail"), ("Besnik Hoxha", "Prosecution", "b.hoxha@pp.gov.al")]):
        for x, text in zip((50, 200, 380), row, strict=True):
            canvas.drawString(x, 760 - 16 * n, text)
    canvas.showPage()
    canvas.setFont(FONT, 9)
    agenda = ["Agenda", "Day 1: opening remarks by the host and the organisers", "Session on joint investigation teams"]
    for n, text in enumerate(agenda):
        canvas.drawString(50, 760 - 16 * n, text)
    canvas.save()
    report = import_files(directory, [path], event=EventSpec("Seminar"))
    assert (report.created, report.skipped) == (1, 0)
    assert list(stored_people(directory)) == ["Besnik Hoxha"]


@pytest.mark.parametrize("kind", ["locked", "damaged", "scanned", "no table"])
def test_a_pdf_that_cannot_be_read_is_refused_in_one_line(directory, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "list.pdf"
    if kind == "locked":
        writer = PdfWriter(clone_from=write_ruled_pdf(tmp_path / "open.pdf", PEOPLE))
        writer.encrypt("secret")
        writer.write(path)
    elif kind == "damaged":
        path.write_bytes(write_ruled_pdf(tmp_path / "whole.pdf", PEOPLE).read_bytes()[:2000])
    else:
        canvas = Canvas(str(path), pagesize=A4)
        if kind == "scanned":
            canvas.rect(50, 50, 400, 600, fill=1)  # a picture of the list: no text
        else:
            canvas.drawString(50, 800, "Dear colleagues, please find the agenda attached.")
        canvas.save()
    expected = {
        "locked": "list.pdf: the PDF document is locked with a password",
        "damaged": "list.pdf: the PDF document is damaged",
        "scanned": "list.pdf: a PDF document without text (a scan, or pictures of the list)",
        "no table": "list.pdf: no table of people found in the PDF document",
    }[kind]
    with pytest.raises(DirectoryError, match=expected.replace("(", r"\(").replace(")", r"\)")) as caught:
        plan_file(path)
    assert "\n" not in str(caught.value)
    with open_directory(directory.path) as same:
        assert search(same, SearchQuery(), limit=None) == []


_CELL_TEXT = st.text(alphabet="abcčdđ ABCŠŽ Жжќ αβ@.-+()0123456789;,/\n", max_size=30)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL_TEXT, min_size=2, max_size=5), min_size=1, max_size=8), framed=st.booleans())
def test_any_table_in_a_pdf_reads_or_is_refused_in_one_line(tmp_path: Path, rows, framed: bool) -> None:
    """Whatever a PDF's table holds, reading it gives a plan or one line saying why not: never a traceback."""
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    register_fonts()
    path = tmp_path / "any.pdf"
    width = max(len(row) for row in rows)
    cells = [
        ["Name", "E-mail", "Country", "Phone", "Notes"][:width],
        *(row + [""] * (width - len(row)) for row in rows),
    ]
    table = Table(cells)
    table.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), FONT), *([("GRID", (0, 0), (-1, -1), 0.5, "black")] if framed else [])]
        )
    )
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    try:
        fp = plan_file(path)
    except DirectoryError as exc:
        assert "\n" not in str(exc)
    else:
        list(fp.rows())


FORM_ANSWERS = {"Name and surname": "Ana Kovač", "Institution": "Ministarstvo unutarnjih poslova",
                "Position": "Inspektorica", "Country": "Hrvatska", "E-mail": "ana.kovac@mup.hr",
                "Telephone": "+385 91 123 4567"}  # fmt: skip


@pytest.mark.parametrize("names", [True, False])
@pytest.mark.parametrize(("consent", "shared"), [("No", False), ("Yes", True), (None, None)])
def test_a_fillable_pdf_form_filled_in(tmp_path: Path, names: bool, consent: str | None, shared: bool | None) -> None:
    """The registration form as a fillable PDF, filled in and sent back: its answers are in its fields, not in the
    page's text, and it was refused as "no table of people found". Each field's label is the text printed before
    it (Acrobat names fields "Text1", "Text2"); the consent is the radio button chosen."""
    path = write_fillable_pdf(tmp_path / "form.pdf", FORM_ANSWERS, consent=consent, names=names)
    fp = plan_file(path)
    (row,) = list(fp.rows())
    person = row.contact
    assert (person.given_name, person.family_name, person.organisation, person.position, person.country) == (
        "Ana", "Kovač", "Ministarstvo unutarnjih poslova", "Inspektorica", "HR",
    )  # fmt: skip
    assert ([e.address for e in person.emails], [p.e164 for p in person.phones]) == (
        ["ana.kovac@mup.hr"], ["+385911234567"],
    )  # fmt: skip
    assert (person.consent_shared, person.shareable) == (shared, shared is not False)
    assert propose_event([fp]).name == "Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025"


def test_a_blank_fillable_form_says_so(tmp_path: Path) -> None:
    path = write_fillable_pdf(tmp_path / "blank.pdf", dict.fromkeys(FORM_ANSWERS, ""))
    with pytest.raises(DirectoryError, match="a fillable PDF form with nothing filled in"):
        plan_file(path)


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [("a.stefanovska-trajk", "ovska@jorm.gov.mk", ""), ("mirela.dumitresc", "u@procuratura.md", ""),
     ("ion.ciobanu.", "long@procuratura.md", ""), ("jelena.petrovic", "@rjt.gov.rs", ""),
     ("Jelena Petrović", "jelena@rjt.gov.rs", None), ("Head of Unit", "ana@mup.hr", None)],
)  # fmt: skip
def test_an_address_broken_to_fit_its_column_is_one_address(before: str, after: str, joined: str | None) -> None:
    """Excel breaks a long address anywhere when its column wraps: "a.stefanovska-trajk" / "ovska@jorm.gov.mk" was
    stored as ovska@jorm.gov.mk, another person's address perhaps. A name or a position above an address is its
    own line."""
    from directory_app.core.importing.pdftables import _joiner

    assert _joiner(before, after) == joined
