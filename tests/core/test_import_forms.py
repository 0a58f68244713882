"""Registration forms: one person's details as label and answer, a pair a row, in Word or Excel, as participants
send them back before a seminar. They have no header row and were refused as "no list of people"."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core.importing import check_usable, import_files, plan_file, propose_event
from directory_app.core.records import DirectoryError
from tests.core.import_helpers import docx_paragraph, docx_table, stored_people, write_docx, write_xlsx

ANA = [
    ["Ime i prezime / Name and surname:", "Ana Kovač"],
    ["Institucija / Institution:", "Ministarstvo unutarnjih poslova, Ravnateljstvo policije"],
    ["Funkcija / Position:", "Inspektorica"],
    ["Država / Country:", "Hrvatska"],
    ["E-mail:", "ana.kovac@mup.hr"],
    ["Tel.:", "+385 91 123 4567"],
    ["Dietary requirements:", ""],
    ["Signature:", ""],
]


def test_a_word_registration_form(directory, tmp_path: Path) -> None:
    body = (
        docx_paragraph("REGISTRATION FORM")
        + docx_paragraph("Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025")
        + docx_table(ANA)
    )
    path = write_docx(tmp_path / "Registration form - Kovac.docx", body)
    event = propose_event([plan_file(path)])
    assert (event.name, str(event.start_date), event.city) == (
        "Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025",
        "2025-03-12",
        "Skopje",
    )
    report = import_files(directory, [path], event=event)
    assert (report.created, report.skipped) == (1, 0)
    assert stored_people(directory, events=True) == {
        "Ana Kovač": ("HR", "Ministarstvo unutarnjih poslova, Ravnateljstvo policije", "Inspektorica",
                      ["ana.kovac@mup.hr"], ["+385911234567"], [event.name]),
    }  # fmt: skip


def test_forms_of_several_people_imported_together(directory, tmp_path: Path) -> None:
    """Thirty forms come back by e-mail: imported at once, into one event. An Excel form with its labels after a
    numbering column and an answer merged across three cells reads the same."""
    word = write_docx(tmp_path / "kovac.docx", docx_paragraph("Registration form – Workshop on JITs") + docx_table(ANA))
    excel = write_xlsx(
        tmp_path / "hoxha.xlsx",
        {
            "Form": [
                ["Registration form – Workshop on JITs"],
                [],
                [1, "Full name", "Besnik Hoxha", None, None],
                [2, "Institution", "General Prosecution Office", None, None],
                [3, "E-mail", "b.hoxha@pp.gov.al", None, None],
                [4, "Country", "Albania", None, None],
            ]
        },
        merges={"Form": ["C3:E3", "C4:E4", "C5:E5", "C6:E6"]},
    )
    report = import_files(directory, [word, excel], event=propose_event([plan_file(word)]))
    assert (report.created, report.skipped) == (2, 0)
    people = stored_people(directory, events=True)
    assert sorted(people) == ["Ana Kovač", "Besnik Hoxha"]
    assert people["Besnik Hoxha"][:4] == ("AL", "General Prosecution Office", "", ["b.hoxha@pp.gov.al"])
    assert {p[5][0] for p in people.values()} == {"Workshop on JITs"}


def test_a_form_with_several_people_side_by_side(directory, tmp_path: Path) -> None:
    """A delegation's form: the labels down the first column, each delegate's answers in a column of their own."""
    rows = [
        ["Name", "Ana Kovač", "Ivo Horvat"],
        ["Institution", "MUP", "DORH"],
        ["E-mail", "ana.kovac@mup.hr", "ivo.horvat@dorh.hr"],
        ["Country", "Croatia", "Croatia"],
    ]
    path = write_xlsx(tmp_path / "delegation.xlsx", {"Delegation": rows})
    report = import_files(directory, [path], event=propose_event([plan_file(path)]))
    assert report.created == 2
    assert {k: v[1] for k, v in stored_people(directory, events=True).items()} == {
        "Ana Kovač": "MUP",
        "Ivo Horvat": "DORH",
    }


def test_a_document_with_a_few_labels_is_no_form(tmp_path: Path) -> None:
    rows = [["Dear colleagues,"], ["Date:", "12 March 2025"], ["Place:", "Skopje"], ["Signature:", ""]]
    with pytest.raises(DirectoryError, match="no list of people found"):
        check_usable([plan_file(write_xlsx(tmp_path / "letter.xlsx", {"Letter": rows}))])


def test_files_read_together_keep_their_own_notes(tmp_path: Path) -> None:
    """Several files in one import (`combine_plans`, the wizard's several files): each note names its own file."""
    from directory_app.core.importing import combine_plans
    from tests.core.import_helpers import write_csv

    first = write_csv(tmp_path / "a.csv", [["Name", "E-mail"], ["Ana Kovač", "ana@mup.hr"]])
    second = write_csv(
        tmp_path / "b.csv", [["Имя", "Эл. почта", "Хобби"], ["Ион Чобану", "ion@procuratura.md", "шахматы"]],
        encoding="cp1251", delimiter=";",
    )  # fmt: skip
    plan = combine_plans([plan_file(first), plan_file(second)])
    assert plan.name == "a.csv and 1 other file"
    assert plan.notes() == [
        "a.csv: text encoding read as utf-8, columns separated by comma",
        "b.csv: text encoding guessed as cp1251, columns separated by semicolon",
        "b.csv, sheet b: column 'Хобби' not imported: its header is not one the importer knows (a field can be "
        "chosen in 'Check the columns')",
    ]
    assert [(r.file, r.sheet) for r in plan.rows()] == [("a.csv", "a"), ("b.csv", "b")]


def test_forms_sent_as_a_zipped_folder(directory, tmp_path: Path) -> None:
    """The forms come back as one ZIP (a folder zipped by Windows or macOS): each form in it is read as its own file
    would be; what macOS and Word leave beside the files is passed by, a damaged form is named in the notes."""
    import zipfile

    word = write_docx(tmp_path / "kovac.docx", docx_paragraph("Registration form – Workshop on JITs") + docx_table(ANA))
    excel = write_xlsx(
        tmp_path / "hoxha.xlsx",
        {
            "Form": [
                ["Full name", "Besnik Hoxha"],
                ["Institution", "PPO"],
                ["E-mail", "b.hoxha@pp.gov.al"],
                ["Country", "Albania"],
            ]
        },
    )
    path = tmp_path / "Registration forms.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Registration forms/", b"")
        zf.write(word, "Registration forms/Croatia/kovac.docx")
        zf.write(excel, "Registration forms/Albania/hoxha.xlsx")
        zf.writestr("__MACOSX/Registration forms/Croatia/._kovac.docx", b"\0\5\26\7 resource fork")
        zf.writestr("Registration forms/Croatia/~$kovac.docx", b"lock")
        zf.writestr("Registration forms/damaged.xlsx", b"PK\3\4 cut short")
        zf.writestr("Registration forms/readme.txt", b"Forms received by 10 March")
    fp = plan_file(path)
    assert fp.workbook.kind == "archive"
    assert [p.sheet.name for p in fp.usable] == ["hoxha.xlsx – Form", "kovac.docx – Table 1"]
    assert any(note.startswith("Registration forms.zip: the file damaged.xlsx cannot be read") for note in fp.notes())
    report = import_files(directory, [path], event=propose_event([fp]))
    assert (report.created, report.skipped) == (2, 0)
    assert sorted(stored_people(directory)) == ["Ana Kovač", "Besnik Hoxha"]


def test_a_zip_without_a_list(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("seminar/photo1.jpg", b"\xff\xd8\xff")
    with pytest.raises(DirectoryError, match=r"photos\.zip is a ZIP archive without a list in it"):
        plan_file(path)


@pytest.mark.parametrize(
    ("answer", "shared"),
    [
        ('<w:r><w:t xml:space="preserve">☐ Yes   ☒ No</w:t></w:r>', False),  # Word's check box content control
        ('<w:r><w:t xml:space="preserve">☒ Yes   ☐ No</w:t></w:r>', True),
        # the same boxes as Wingdings symbols, the word after each
        ('<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r><w:r><w:t xml:space="preserve"> Da </w:t></w:r>'
         '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r><w:r><w:t xml:space="preserve"> Ne</w:t></w:r>', False),
        # an old form's check box fields (FORMCHECKBOX), ticked by default or not
        ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="1"/></w:checkBox></w:ffData>'
         '</w:fldChar></w:r><w:r><w:t xml:space="preserve"> Yes </w:t></w:r><w:r><w:fldChar w:fldCharType="begin">'
         '<w:ffData><w:checkBox><w:default w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r>'
         '<w:r><w:t xml:space="preserve"> No</w:t></w:r>', True),
    ],
)  # fmt: skip
def test_a_consent_ticked_in_a_forms_check_boxes(tmp_path: Path, answer: str, shared: bool) -> None:
    """ "☐ Yes ☒ No": the person said no, and was imported as agreeing to be shared (both words were read, the
    first won). The box ticked is the answer, in each way Word writes check boxes."""
    rows = [*ANA[:5], ["I agree that my contact details are shared with other participants:", "CONSENT"]]
    body = docx_table(rows).replace('<w:r><w:t xml:space="preserve">CONSENT</w:t></w:r>', answer)
    path = write_docx(tmp_path / "form.docx", docx_paragraph("Registration form") + body)
    (person,) = [r.contact for r in plan_file(path).rows() if r.contact]
    assert (person.consent_shared, person.shareable) == (shared, shared)


@pytest.mark.parametrize("writer", ["docx", "xlsx"])
@pytest.mark.parametrize(
    ("options", "shared"),
    [(["☐ Yes", "☒ No"], False), (["☒ Da", "☐ Ne"], True), (["Yes", "☐", "No", "☒"], False)],
)
def test_a_forms_choice_over_several_cells(tmp_path: Path, writer: str, options: list[str], shared: bool) -> None:
    """The consent's options in cells of their own: read as one answer, not as a second person (a ticked "No"
    became a heading for people from Norway, and the consent was not understood: shared)."""
    rows = [[*row, *[""] * (len(options) - 1)] for row in ANA[:5]]
    rows.append(["I agree that my contact details are shared with other participants:", *options])
    if writer == "docx":
        path = write_docx(tmp_path / "form.docx", docx_paragraph("Registration form") + docx_table(rows))
    else:
        path = write_xlsx(tmp_path / "form.xlsx", {"Form": [["Registration form"], *rows]})
    plan = plan_file(path)
    assert [(r.contact.family_name, r.contact.consent_shared, r.contact.shareable) for r in plan.rows()] == [
        ("Kovač", shared, shared)
    ]


def test_delegates_side_by_side_each_tick_their_own_box(directory, tmp_path: Path) -> None:
    rows = [
        ["Name", "Ana Kovač", "Ivo Horvat"],
        ["E-mail", "ana.kovac@mup.hr", "ivo.horvat@dorh.hr"],
        ["Country", "Croatia", "Croatia"],
        ["I agree that my contact details are shared with other participants", "☒ Yes ☐ No", "☐ Yes ☒ No"],
    ]
    path = write_xlsx(tmp_path / "delegation.xlsx", {"Delegation": rows})
    assert [(r.contact.family_name, r.contact.shareable) for r in plan_file(path).rows()] == [
        ("Kovač", True), ("Horvat", False),
    ]  # fmt: skip


def test_a_zip_whose_form_is_damaged_inside(tmp_path: Path) -> None:
    """A member whose compressed bytes are damaged (a download broken off): named, in one line, not a crash."""
    import zipfile

    word = write_docx(tmp_path / "kovac.docx", docx_paragraph("Registration form") + docx_table(ANA))
    path = tmp_path / "forms.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(word, "kovac.docx")
    data = bytearray(path.read_bytes())
    start = 30 + len("kovac.docx")  # the member's data, after its local header
    data[start + 40 : start + 200] = bytes(160)
    path.write_bytes(bytes(data))
    with pytest.raises(DirectoryError, match=r"forms\.zip: kovac\.docx cannot be unpacked") as caught:
        plan_file(path)
    assert "\n" not in str(caught.value)
