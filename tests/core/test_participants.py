"""Participants lists: grouped by country, every participant in the PDF (Cyrillic and Greek too), the workbook."""

from __future__ import annotations

import json
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from directory_app.core.contacts import add_contact, add_participation, ensure_event, list_events
from directory_app.core.participants import (
    export_participants,
    participant_list,
    participants_by,
    write_participants_pdf,
)
from directory_app.core.pdfdoc import format_date_range
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry
from directory_app.core.store import open_directory


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


@pytest.fixture
def seminar(directory):
    """A small event with Cyrillic, Greek and Latin names, a private e-mail and a contact not to be shared."""
    people = [
        ContactInput(
            given_name="Сања",
            family_name="Милошевић",
            country="RS",
            organisation="Тужилаштво за организовани криминал",
            position="Заменик тужиоца",
            roles=["prosecutor"],
            emails=[EmailEntry("sanja.milosevic@tuzilastvo.rs.example")],
        ),
        ContactInput(
            given_name="Βασιλική",
            family_name="Μακρή",
            country="GR",
            organisation="Hellenic Police",
            position="Police Major",
            roles=["law_enforcement"],
            emails=[EmailEntry("private@home.example", private=True), EmailEntry("v.makri@police.gr.example")],
        ),
        ContactInput(given_name="Ana", family_name="Kovač", country="RS", organisation="ASTRA", roles=["ngo"]),
        ContactInput(given_name="Dritan", family_name="Hoxha", country="AL", roles=["judge"]),
        ContactInput(given_name="Hidden", family_name="Person", country="AL", shareable=False),
    ]
    ids = [add_contact(directory, p).id for p in people]
    with directory.write() as session:
        event_id = ensure_event(
            session,
            "Regional Seminar, Sarajevo 2017",
            start_date=date(2017, 10, 17),
            end_date=date(2017, 10, 19),
            city="Sarajevo",
            country="BA",
            organisers="OSCE / UNODC",
        )
        for i, cid in enumerate(ids):
            add_participation(session, cid, event_id, "speaker" if i == 3 else "participant")
    return event_id


def test_list_groups_by_country_name_and_leaves_out_unshareable(directory, seminar) -> None:
    plist = participant_list(directory, "regional seminar, sarajevo 2017")
    assert [code for code, _ in plist.groups] == ["AL", "GR", "RS"]
    assert plist.count == 4 and plist.left_out == 1
    rs = dict(plist.groups)["RS"]
    assert [p.name for p in rs] == ["Ana Kovač", "Сања Милошевић"]  # by folded family name
    sanja = rs[1]
    assert sanja.latin_name == "Sanja Milošević"
    assert rs[0].latin_name == ""
    greek = dict(plist.groups)["GR"][0]
    assert greek.email == "v.makri@police.gr.example"  # the private address is never printed
    assert dict(plist.groups)["AL"][0].part == "speaker"
    everyone = participant_list(directory, seminar, include_unshareable=True)
    assert everyone.count == 5 and everyone.left_out == 0
    assert participants_by(plist, "country") == {"RS": 2, "AL": 1, "GR": 1}
    assert participants_by(plist, "role")["prosecutor"] == 1


def test_pdf_holds_every_participant_in_every_script(directory, seminar, tmp_path: Path) -> None:
    path = tmp_path / "participants.pdf"
    plist = export_participants(directory, "Regional Seminar, Sarajevo 2017", path)
    text = _pdf_text(path)
    assert text.startswith("Regional Seminar, Sarajevo 2017")
    assert "17–19 October 2017 · Sarajevo, Bosnia and Herzegovina" in text
    assert "Organised by OSCE / UNODC" in text
    for heading in ("Albania (1)", "Greece (1)", "Serbia (2)"):
        assert heading in text
    assert text.index("Albania (1)") < text.index("Greece (1)") < text.index("Serbia (2)")
    for p in plist.participants:
        assert p.name in text
        if p.latin_name:
            assert p.latin_name in text
    assert "Сања Милошевић" in text and "Βασιλική Μακρή" in text
    assert "Тужилаштво за организовани криминал" in text
    assert "v.makri@police.gr.example" in text and "private@home.example" not in text
    assert "Hidden" not in text
    assert "1 participant(s) did not agree to be shared" in text
    with directory.read() as session:
        conn = session.connection()
        action, count, target = conn.exec_driver_sql("SELECT action, count, target FROM audit_entry").one()
        uids = {r[0] for r in conn.exec_driver_sql("SELECT contact_uid FROM audit_contact")}
    assert (action, count, target) == ("export-participants-pdf", 4, str(path.absolute()))
    assert uids == {p.uid for p in plist.participants}


def test_demo_event_pdf_lists_all_its_participants(demo_directory, tmp_path: Path) -> None:
    event = max(list_events(demo_directory), key=lambda e: e.participant_count)
    path = tmp_path / "event.pdf"
    plist = export_participants(demo_directory, event.name, path)
    assert plist.count == event.participant_count
    text = _pdf_text(path)
    for p in plist.participants:
        assert p.name in text, p.name
    assert len(PdfReader(path).pages) >= 2


def test_xlsx_has_bold_frozen_header_and_filter(directory, seminar, tmp_path: Path) -> None:
    path = tmp_path / "participants.xlsx"
    export_participants(directory, seminar, path)
    ws = load_workbook(path)["Participants"]
    assert ws["A1"].value == "Regional Seminar, Sarajevo 2017"
    assert "17–19 October 2017" in ws["A2"].value and "Organised by OSCE / UNODC" in ws["A2"].value
    header = [c.value for c in ws[5]]
    assert header[:4] == ["Country", "Name", "Name (Latin)", "Organisation"]
    assert all(c.font.bold for c in ws[5])
    assert ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == "A5:I9"
    assert ws.column_dimensions["B"].width >= 20
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert [r[1] for r in rows] == ["Dritan Hoxha", "Βασιλική Μακρή", "Ana Kovač", "Сања Милошевић"]
    assert rows[3][2] == "Sanja Milošević" and rows[3][0] == "Serbia"
    assert rows[0][8] == "Speaker"


def test_bad_inputs_are_clear_errors(directory, seminar, tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match=r"\.pdf or \.xlsx"):
        export_participants(directory, seminar, tmp_path / "list.docx")
    with pytest.raises(DirectoryError, match="unknown event"):
        export_participants(directory, "Nonexistent meeting", tmp_path / "list.pdf")
    with pytest.raises(DirectoryError, match="does not exist"):
        export_participants(directory, seminar, tmp_path / "missing" / "list.pdf")


def test_an_event_without_participants_still_makes_a_document(directory, tmp_path: Path) -> None:
    with directory.write() as session:
        ensure_event(session, "Empty Meeting 2030")
    plist = participant_list(directory, "Empty Meeting 2030")
    path = write_participants_pdf(plist, tmp_path / "empty.pdf")
    assert "No participant is recorded for this event." in _pdf_text(path)


def test_date_ranges_read_naturally() -> None:
    assert format_date_range(date(2017, 10, 17), date(2017, 10, 19)) == "17–19 October 2017"
    assert format_date_range(date(2017, 9, 30), date(2017, 10, 2)) == "30 September – 2 October 2017"
    assert format_date_range(date(2017, 12, 30), date(2018, 1, 2)) == "30 December 2017 – 2 January 2018"
    assert format_date_range(date(2017, 10, 17), None) == "17 October 2017"
    assert format_date_range(None, None) == ""


def test_cli_participants(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from directory_app.cli import main

    event = "Regional Workshop on Joint Investigation Teams against Migrant Smuggling, Skopje 2018"
    out_pdf, out_xlsx = tmp_path / "list.pdf", tmp_path / "list.xlsx"
    db = str(tmp_path / "demo.db")
    shutil.copy(demo_db, db)  # the export is written to the audit log: never into the shared demo file
    assert main(["participants", "--db", db, event, str(out_pdf)]) == 0
    assert f"22 participants of {event} written to" in capsys.readouterr().out
    assert event in _pdf_text(out_pdf)
    assert main(["participants", "--db", db, event, str(out_xlsx)]) == 0
    ws = load_workbook(out_xlsx)["Participants"]
    assert ws.max_row == 5 + 22
    # by its id, as `events` shows it and the other event commands take it ("unknown event '2'" before)
    with open_directory(Path(db)) as directory:
        event_id = next(e.id for e in list_events(directory) if e.name == event)
    assert main(["participants", "--db", db, f"#{event_id}", str(out_pdf)]) == 0
    assert f"22 participants of {event} written to" in capsys.readouterr().out
    assert main(["search", "--db", db, "--event", str(event_id), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 22
    assert main(["participants", "--db", db, event, str(tmp_path / "list.txt")]) == 2
    assert capsys.readouterr().err.startswith("error: cannot tell the format of list.txt")
    assert main(["participants", "--db", str(tmp_path / "none.db"), event, str(out_pdf)]) == 2
    assert "no directory there" in capsys.readouterr().err
