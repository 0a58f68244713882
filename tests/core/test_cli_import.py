"""The `import` command: summary, exit codes, report file, dry run, event options."""

from __future__ import annotations

import json

import openpyxl

from directory_app.cli import main
from tests.core.import_helpers import HEADER, person, write_csv, write_xlsx


def test_cli_import_summary_event_and_report(tmp_path, capsys) -> None:
    db = tmp_path / "d.db"
    path = write_xlsx(
        tmp_path / "sarajevo_2017.xlsx",
        {"P": [HEADER, person(1, "MARIĆ", "Ana", "HR", "a@example.hr"), person(2, "", "", "HR", "x@example.hr")]},
    )
    report = tmp_path / "report.xlsx"
    code = main(["import", str(path), "--db", str(db), "--event", "Sarajevo 2017", "--event-date", "2017-05-12",
                 "--report", str(report)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "1 created, 0 updated, 0 unchanged, 1 skipped" in out and "no name" in out
    assert openpyxl.load_workbook(report)["Rows"].max_row == 2
    assert main(["events", "--db", str(db), "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert events[0]["name"] == "Sarajevo 2017" and events[0]["start_date"] == "2017-05-12"
    assert events[0]["participants"] == 1


def test_cli_dry_run_writes_nothing_and_csv_encoding(tmp_path, capsys) -> None:
    db = tmp_path / "d.db"
    path = write_csv(tmp_path / "lista.csv", [["Prezime", "Ime", "E-mail"], ["Đorđević", "Đurđa", "d@example.rs"]],
                     encoding="cp1250", delimiter=";")  # fmt: skip
    assert main(["import", str(path), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run, nothing written" in out and "1 would be created" in out and "cp1250" in out
    assert main(["search", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["import", str(path), "--db", str(db), "--encoding", "cp1250"]) == 0
    capsys.readouterr()
    assert main(["search", "Đorđević", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["family_name"] == "Đorđević"


def test_cli_unreadable_files_exit_2_with_one_line(tmp_path, capsys) -> None:
    db = tmp_path / "d.db"
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["import", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: photo.xlsx is a PNG image") and err.count("\n") == 1
    assert main(["import", str(tmp_path / "missing.csv"), "--db", str(db)]) == 2
    assert "no such file" in capsys.readouterr().err
    notes = tmp_path / "notes.txt"
    notes.write_text("Bring your passport.\nThe bus leaves at 9.\n", encoding="utf-8")
    assert main(["import", str(notes), "--db", str(db)]) == 2
    assert "no list of people found" in capsys.readouterr().err
    assert main(["import", str(notes), "--db", str(db), "--event-date", "12 May"]) == 2


def test_cli_take_list_values(tmp_path, capsys) -> None:
    """A newer list's positions: kept and reported unasked (with a note of the option), taken with
    --take-list-values, and the old one is in the notes."""
    db = tmp_path / "d.db"
    old = write_xlsx(tmp_path / "2024.xlsx", {"P": [HEADER, person(1, "Marić", "Ana", "HR", "a@example.hr")]})
    new = write_xlsx(
        tmp_path / "2026.xlsx",
        {"P": [HEADER, person(1, "Marić", "Ana", "HR", "a@example.hr", position="Chief Prosecutor")]},
    )
    assert main(["import", str(old), "--db", str(db), "--no-event"]) == 0
    capsys.readouterr()
    assert main(["import", str(new), "--db", str(db), "--no-event", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "position: kept 'Prosecutor', the list says 'Chief Prosecutor'" in out
    assert "the directory's values would be kept (reported as conflicts); --take-list-values takes" in out
    assert main(["import", str(new), "--db", str(db), "--no-event", "--take-list-values"]) == 0
    out = capsys.readouterr().out
    assert "Ana Marić  taken from the list: position (was 'Prosecutor')" in out
    assert "(1 took the list's values)" in out
    assert "note: --take-list-values" not in out
    assert main(["search", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["position"] == "Chief Prosecutor"


def test_cli_a_strict_open_xml_workbook_is_refused_in_one_line(tmp_path, capsys) -> None:
    """Excel's "Strict Open XML Spreadsheet" cannot be read: it said "no list of people found ()" after a Python
    warning from openpyxl. One line now says what to do."""
    import zipfile

    plain = write_xlsx(tmp_path / "plain.xlsx", {"P": [HEADER, person(1, "Kola", "Ana", "AL", "a@example.al")]})
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(plain) as z, zipfile.ZipFile(strict, "w") as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                data = data.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                )
            out.writestr(info, data)
    assert main(["import", str(strict), "--db", str(tmp_path / "d.db"), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "error: strict.xlsx: saved as a 'Strict Open XML Spreadsheet', which cannot be read: open it in Excel and "
        "save it as an 'Excel Workbook (.xlsx)'"
    ]


def test_cli_take_newer_values(tmp_path, capsys) -> None:
    """A colleague's export: only the rows verified later than here take their values; the note says how many
    rows that would be before the option is given."""
    from datetime import date

    db = tmp_path / "d.db"
    header = ["Given name", "Family name", "Country", "E-mail", "Position", "Last verified"]
    ours = write_xlsx(
        tmp_path / "ours.xlsx",
        {
            "C": [
                header,
                ["Ana", "Marić", "HR", "a@example.hr", "Deputy", date(2024, 4, 15)],
                ["Ivo", "Ivić", "HR", "i@example.hr", "Chief", date(2026, 9, 1)],
            ]
        },
    )
    theirs = write_xlsx(tmp_path / "theirs.xlsx", {"C": [header, ["Ana", "Marić", "HR", "a@example.hr", "Chief",
                                                              date(2026, 10, 1)],
                                                         ["Ivo", "Ivić", "HR", "i@example.hr", "Inspector",
                                                          date(2023, 1, 10)]]})  # fmt: skip
    assert main(["import", str(ours), "--db", str(db), "--no-event"]) == 0
    capsys.readouterr()
    assert main(["import", str(theirs), "--db", str(db), "--no-event", "--dry-run"]) == 0
    assert "--take-newer-values only those verified later than here (1)" in capsys.readouterr().out
    assert main(["import", str(theirs), "--db", str(db), "--no-event", "--take-newer-values"]) == 0
    capsys.readouterr()
    assert main(["search", "--db", str(db), "--format", "json"]) == 0
    assert {c["given_name"]: c["position"] for c in json.loads(capsys.readouterr().out)} == {
        "Ana": "Chief",
        "Ivo": "Chief",
    }


def test_an_event_given_by_its_id(tmp_path, capsys) -> None:
    """`import list.csv --event 1` made a new event called "1": `events`, `participants` and `search --event` take
    the id; digits no event has are a name, and "#7" must be an event's id."""
    db = tmp_path / "d.db"
    assert main(["event-new", "Regional Workshop, Skopje 2025", "--db", str(db)]) == 0
    path = tmp_path / "l.csv"
    path.write_text("Name,Surname,E-mail\nAna,Kola,ana@pp.gov.al\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(path), "--event", "1", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("l.csv -> event 'Regional Workshop, Skopje 2025'")
    assert main(["import", str(path), "--event", "#7", "--db", str(db)]) == 2
    assert "there is no event 7" in capsys.readouterr().err
    assert main(["import", str(path), "--event", "2026", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("l.csv -> event '2026'")
