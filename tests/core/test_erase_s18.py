"""Erasure leaves nothing of the person anywhere in the directory file: the event a one-person registration form's
import named after them, the saved searches for them, other contacts' import history, the audit log's descriptions,
the organisation named after them; an import's undo does not bring them back; the erasure says which backups still
hold them, and where. The last test reads every table of the SQLite file (and its bytes) after a real import."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from directory_app.core.backup import backup_before, backups_dir, save_backup
from directory_app.core.batches import list_imports, rollback_import
from directory_app.core.contacts import add_contact, list_events
from directory_app.core.folding import fold
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.merging import mark_not_duplicate
from directory_app.core.participants import export_participants
from directory_app.core.paths import user_cache_dir, user_data_dir
from directory_app.core.privacy import erase_contact, list_audit
from directory_app.core.qr import save_qr_image
from directory_app.core.records import ContactInput, EmailEntry
from directory_app.core.saved_searches import list_saved_searches, save_search
from directory_app.core.search import SearchQuery
from directory_app.core.store import Directory, open_directory
from tests.core.import_helpers import docx_paragraph, docx_table, write_csv, write_docx, write_xlsx

ANA = [
    ["Ime i prezime / Name and surname:", "Ana Kovač"],
    ["Institucija / Institution:", "Advokatska kancelarija Ana Kovač"],
    ["Funkcija / Position:", "Inspektorica"],
    ["Država / Country:", "Hrvatska"],
    ["E-mail:", "ana.kovac@mup.hr"],
    ["Tel.:", "+385 91 123 4567"],
]
HEADER = ["First name", "Last name", "Organisation", "E-mail", "Phone", "Country", "Position"]
MARKO = ["Marko", "Marković", "Ministry of Interior", "marko.markovic@mup.hr", "+385 98 765 4321", "Croatia"]


def _uid(d: Directory, family: str) -> tuple[int, str]:
    with sqlite3.connect(d.path) as c:
        return c.execute("SELECT id, uid FROM contact WHERE family_name = ?", (family,)).fetchone()


def _event_names(d: Directory) -> list[str]:
    return sorted(e.name for e in list_events(d))


# ------------------------------------------------------------------------------------------------ events


def test_the_event_a_one_person_form_was_named_after_is_renamed(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        form = write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))
        import_files(d, [form])  # the event is named after the file: "Form Ana Kovač"
        (named,) = _event_names(d)
        assert "ana kovac" in fold(named)  # "Form Ana Kovač"
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid)

        assert _event_names(d) == ["(erased)"]
        assert result.events_renamed == ("(erased)",)
        assert "1 event named after the person renamed: it is now “(erased)”" in result.notes
        assert [b.event for b in list_imports(d)] == ["(erased)"]


def test_the_folded_name_and_the_event_s_first_day_give_its_new_name(tmp_path: Path) -> None:
    """ "Kovac_Ana_registration.xlsx" names "Kovač" without its accent; an event with a date is called after it."""
    with open_directory(tmp_path / "d.db") as d:
        form = write_xlsx(tmp_path / "Kovac_Ana_registration.xlsx", {"Form": [["Registration form"], [], *ANA]})
        import_files(d, [form], event=EventSpec(name="Kovac Ana", start_date=date(2025, 3, 12)))
        other = write_docx(tmp_path / "form.docx", docx_paragraph("Registration form - Ana Kovač") + docx_table(ANA))
        import_files(d, [other])  # the same person again, into an event named from the form's title
        assert [fold(n) for n in _event_names(d)] == ["ana kovac", "kovac ana"]
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid)

        assert _event_names(d) == ["(erased)", "Event of 12 Mar 2025"]
        assert sorted(result.events_renamed) == ["(erased)", "Event of 12 Mar 2025"]


def test_a_cyrillic_name_is_found_in_a_latin_file_name(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        form = write_csv(
            tmp_path / "Petrovic Jovana - registracija.csv",
            [HEADER, ["Јована", "Петровић", "МУП", "jovana@mup.gov.rs", "", "Serbia", ""]],
        )
        import_files(d, [form])
        (named,) = _event_names(d)
        assert "petrovic jovana" in fold(named)  # the file's name, in Latin letters
        _id, uid = _uid(d, "Петровић")
        erase_contact(d, uid)
        assert _event_names(d) == ["(erased)"]


def test_an_event_with_others_in_it_loses_only_the_person_s_name(tmp_path: Path) -> None:
    """Everywhere its old name was written: the audit log, and the before-images of the others (a rollback puts
    their events back by id, and the old name must not stay in their history)."""
    with open_directory(tmp_path / "d.db") as d:
        listing = write_csv(tmp_path / "list.csv", [HEADER, ["Ana", "Kovač", "MUP", "ana.kovac@mup.hr", "", "HR", ""],
                                                    MARKO])  # fmt: skip
        spec = EventSpec(name="Workshop on JITs – Ana Kovač", organisers="Ana Kovač, OSCE")
        import_files(d, [listing], event=spec)
        export_participants(d, spec.name, tmp_path / "participants.pdf")
        again = write_csv(tmp_path / "again.csv", [HEADER, [*MARKO, "Inspector"]])
        import_files(d, [again], event=EventSpec(name="Skopje 2025"))  # Marko's before-image lists the workshop
        _id, uid = _uid(d, "Kovač")

        erase_contact(d, uid)

        (workshop,) = [e for e in list_events(d) if e.name != "Skopje 2025"]
        assert (workshop.name, workshop.organisers, workshop.participant_count) == ("Workshop on JITs", "OSCE", 1)
        assert [e.detail for e in list_audit(d, action="export-participants-pdf")] == [
            "participants of Workshop on JITs"
        ]
        with sqlite3.connect(d.path) as c:
            befores = " ".join(b for (b,) in c.execute('SELECT "before" FROM import_batch_item') if b)
        assert "Workshop on JITs" in befores and "kovac" not in fold(befores)
        rollback_import(d, list_imports(d)[0].id)  # Marko back in the workshop, found by its id
        assert [(e.name, e.participant_count) for e in list_events(d)] == [("Workshop on JITs", 1)]


@pytest.mark.parametrize(
    ("name", "left"),
    [("Workshop on JITs – Ana Kovač", "Workshop on JITs"), ("Meeting with Ana Kovač (Zagreb)", "Meeting (Zagreb)"),
     ("Kovač, Ana: expert meeting, Zagreb 2024", "expert meeting, Zagreb 2024"), ("Ana KOVAC 2024", "(erased)")],
)  # fmt: skip
def test_what_is_left_of_an_event_s_name(tmp_path: Path, name: str, left: str) -> None:
    with open_directory(tmp_path / "d.db") as d:
        listing = write_csv(tmp_path / "list.csv", [HEADER, ["Ana", "Kovač", "", "", "", "HR", ""], MARKO])
        import_files(d, [listing], event=EventSpec(name=name))
        _id, uid = _uid(d, "Kovač")
        erase_contact(d, uid)
        assert _event_names(d) == [left]


def test_an_event_not_named_after_the_person_keeps_its_name(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        form = write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))
        import_files(d, [form], event=EventSpec(name="Regional Workshop on JITs, Skopje 2025"))
        _id, uid = _uid(d, "Kovač")
        result = erase_contact(d, uid)
        assert _event_names(d) == ["Regional Workshop on JITs, Skopje 2025"] and result.events_renamed == ()


def test_an_event_made_by_hand_with_the_person_s_full_name_is_renamed_too(tmp_path: Path) -> None:
    """Not one she took part in: "Meeting with Ana Kovač" made by hand loses her name; "Kovač Foundation day" (a
    family name alone, and she was not there) stays."""
    from directory_app.core.events import create_event

    with open_directory(tmp_path / "d.db") as d:
        import_files(d, [write_docx(tmp_path / "form.docx", docx_table(ANA))], event=EventSpec(name="Zagreb 2024"))
        create_event(d, name="Preparatory meeting with Ana Kovač")
        create_event(d, name="Kovač Foundation day", organisers="OSCE; Ana Kovač")
        _id, uid = _uid(d, "Kovač")
        erase_contact(d, uid)
        assert sorted((e.name, e.organisers) for e in list_events(d)) == [
            ("Kovač Foundation day", "OSCE"), ("Preparatory meeting", ""), ("Zagreb 2024", "")
        ]  # fmt: skip


def test_a_family_name_that_is_a_word_is_left_where_it_is_a_word(tmp_path: Path) -> None:
    """Mei Long's family name alone: the event she alone came to from "Long_registration.csv" is renamed, and her
    saved search "long" goes; "Long-term cooperation workshop" (with others), its audit entries and a saved search
    called "Long-term cases" stay as they were."""
    from directory_app.core.events import create_event

    with open_directory(tmp_path / "d.db") as d:
        row = ["Mei", "Long", "", "mei.long@example.org", "", "Albania", ""]
        import_files(d, [write_csv(tmp_path / "Long_registration.csv", [HEADER, row])])
        workshop = create_event(d, name="Long-term cooperation workshop")
        listing = write_csv(tmp_path / "list.csv", [HEADER, row, MARKO])
        import_files(d, [listing], event=EventSpec(name=workshop.name))
        save_search(d, "Long-term cases", SearchQuery(text="trafficking"))
        save_search(d, "Mei", SearchQuery(text="long"))
        _id, uid = _uid(d, "Long")

        result = erase_contact(d, uid)

        assert _event_names(d) == ["(erased)", "Long-term cooperation workshop"]
        assert result.events_renamed == ("(erased)",)
        assert [s.name for s in list_saved_searches(d)] == ["Long-term cases"]
        details = [e.detail for e in list_audit(d, action="event")]
        assert "event #2 'Long-term cooperation workshop' created" in details


def test_a_new_name_another_event_has_is_made_unique(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        import_files(d, [write_csv(tmp_path / "x.csv", [HEADER, MARKO])], event=EventSpec(name="(erased)"))
        import_files(d, [write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))])
        _id, uid = _uid(d, "Kovač")
        erase_contact(d, uid)
        assert _event_names(d) == ["(erased)", "(erased) (2)"]


# ------------------------------------------------------------------------------------------------ other traces


def test_saved_searches_for_the_person_go_and_the_others_stay(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        listing = write_csv(tmp_path / "list.csv", [HEADER, ["Ana", "Kovač", "", "", "", "HR", ""], MARKO,
                                                    ["Ivo", "Novak", "", "", "", "HR", ""],
                                                    ["Petra", "Novak", "", "", "", "SI", ""]])  # fmt: skip
        import_files(d, [listing], event=EventSpec(name="Zagreb 2024"))
        save_search(d, "Ana", SearchQuery(text="ana kovac"))  # her name as typed
        save_search(d, "Kovač", SearchQuery(text="Kovač", countries=("HR",)))  # no one else is called so
        save_search(d, "Croatia", SearchQuery(countries=("HR",)))
        save_search(d, "Novaks", SearchQuery(text="novak"))  # Petra Novak is still there: kept
        _id, uid = _uid(d, "Novak")  # the first Novak, Ivo
        with sqlite3.connect(d.path) as c:
            (ivo,) = c.execute("SELECT uid FROM contact WHERE given_name = 'Ivo'").fetchone()
        assert erase_contact(d, ivo).saved_searches == 0
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid)

        assert result.saved_searches == 2 and "2 saved searches for the person removed" in result.notes
        assert [s.name for s in list_saved_searches(d)] == ["Croatia", "Novaks"]


def test_the_organisation_named_after_the_person_goes(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        import_files(d, [write_docx(tmp_path / "form.docx", docx_table(ANA))], event=EventSpec(name="Zagreb 2024"))
        add_contact(d, ContactInput(given_name="Ivo", family_name="Ivić", organisation="Ministry of Interior"))
        _id, uid = _uid(d, "Kovač")
        assert erase_contact(d, uid).organisations == 1
        with sqlite3.connect(d.path) as c:
            assert [n for (n,) in c.execute("SELECT name FROM organisation")] == ["Ministry of Interior"]


def test_the_erasure_says_which_backups_still_hold_the_person_and_where(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        add_contact(d, ContactInput(given_name="Ivo", family_name="Ivić"))
        backup_before(d, "daily")  # before she came: it never held her
        import_files(d, [write_docx(tmp_path / "form.docx", docx_table(ANA))], event=EventSpec(name="Zagreb 2024"))
        backup_before(d, "daily")
        save_backup(d, tmp_path / "my copy.db")
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid)

        folder = backups_dir(d.path)
        assert (result.backups, result.backup_folder, result.saved_backups) == (
            1, str(folder), (str(tmp_path / "my copy.db"),),
        )  # fmt: skip
        assert result.notes[-1] == (
            "backups taken before still hold the person, and erasing cannot change them: 1 automatic backup in "
            f"{folder} (until it rotates out); 1 backup saved by hand ({tmp_path / 'my copy.db'})"
        )


def test_the_command_line_says_what_the_erasure_did(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from directory_app.cli import main

    db = tmp_path / "d.db"
    with open_directory(db) as d:
        import_files(d, [write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))])
        backup_before(d, "daily")
        cid = _uid(d, "Kovač")[0]
    assert main(["erase", str(cid), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "1 event named after the person renamed: it is now “(erased)”" in out
    assert "backups taken before still hold the person" in out and "Kov" not in out


# ------------------------------------------------------------------------------------------------ everything


def _needles() -> list[str]:
    return ["kovac", "ana.kovac@mup.hr", "911234567"]


def _traces(db: Path) -> list[str]:
    """Every value of every table (shadow tables of the search index too) that holds the person's folded name,
    e-mail address or phone number."""
    hits = []
    with sqlite3.connect(db) as c:
        tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in c.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if value is None:
                        continue
                    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                    flat = fold(text)
                    digits = re.sub(r"[\s\-/().]", "", text)
                    hits += [f"{table}: {text[:120]!r}" for n in _needles() if n in flat or n in digits]
    return hits


def test_nothing_of_the_person_is_left_in_any_table(tmp_path: Path) -> None:
    """Everything the app does with a person, then the erasure: no table holds their name, e-mail or phone; the
    file's bytes neither; an undo of each import does not bring them back."""
    db = tmp_path / "d.db"
    with open_directory(db) as d:
        mira = add_contact(d, ContactInput(given_name="Mira", family_name="Horvat", country="HR"))
        form = write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))
        import_files(d, [form])  # a one-person form: its event is named after her
        listing = write_csv(
            tmp_path / "Kovač, Marković - JIT workshop.csv",  # Marko's source names her
            [HEADER, ["Ana", "Kovač", "MUP", "ana.kovac@mup.hr", "+385 91 123 4567", "Croatia", "Head of Unit"], MARKO],
        )
        import_files(d, [listing], event=EventSpec(name="JIT workshop – Ana Kovač", organisers="Ana Kovač"))
        cid, uid = _uid(d, "Kovač")
        _marko, marko_uid = _uid(d, "Marković")
        again = write_csv(tmp_path / "Kovac and Markovic update.csv",
                          [HEADER, ["Ana", "Kovač", "", "ana.kovac@mup.hr", "", "Croatia", "Chief Inspector"],
                           [*MARKO, "Inspector"]])  # fmt: skip
        import_files(d, [again], event=EventSpec(name="Zagreb follow-up 2025"))  # before-images of both
        save_search(d, "Ana Kovač", SearchQuery(text="kovac"))
        mark_not_duplicate(d, uid, marko_uid)
        mark_not_duplicate(d, uid, mira.uid)
        export_participants(d, "JIT workshop – Ana Kovač", tmp_path / "JIT participants.xlsx")
        save_qr_image(d, cid, tmp_path / "Ana Kovac QR.png")
        save_backup(d, tmp_path / "copy.db")
        assert len(_traces(db)) > 10

        result = erase_contact(d, uid)

        assert _traces(db) == []
    exported = (str(tmp_path / "JIT participants.xlsx"), str(tmp_path / "Ana Kovac QR.png"))
    assert result.exported_files == exported
    assert (
        f"2 files the person's details were exported to may still hold them, and erasing cannot change them: "
        f"{exported[0]}, {exported[1]}"
    ) in result.notes
    data = db.read_bytes()
    for needle in ("Kovač", "kovac", "ana.kovac@mup.hr", "911234567", "123 4567"):
        assert needle.encode() not in data, needle
    with open_directory(db) as d:
        for batch in list_imports(d):
            rollback_import(d, batch.id, force=True)
        assert _traces(db) == []
        with sqlite3.connect(db) as c:
            assert c.execute("SELECT given_name FROM contact ORDER BY 1").fetchall() == [("Mira",)]


def test_no_file_the_app_keeps_beside_the_directory_holds_the_person(tmp_path: Path) -> None:
    """The indexes of country, language, city and month names kept in the cache folder, and the data folder's
    files, as real processes leave them: an import and an erasure on the command line."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    db = tmp_path / "d.db"
    form = write_docx(tmp_path / "Registration form - Ana Kovač.docx", docx_table(ANA))
    for argv in (["import", str(form)], ["erase", "ana.kovac@mup.hr"]):
        if argv[0] == "erase":
            with open_directory(db) as d:
                argv[1] = _uid(d, "Kovač")[1]
        done = subprocess.run([sys.executable, "main.py", *argv, "--db", str(db)], cwd=root, env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    files = [p for p in user_data_dir().rglob("*") if p.is_file() and backups_dir(db) not in p.parents]
    assert any(p.parent == user_cache_dir() for p in files)  # the names' indexes were written
    for path in files:
        text = fold(path.read_text(encoding="utf-8", errors="replace"))
        assert not [n for n in _needles() if n in text], path
    assert _traces(db) == []


def test_a_contact_merged_into_the_person_is_erased_with_them(tmp_path: Path) -> None:
    """Two contacts of the person were merged: the one merged away left its import history (a before-image with
    its private e-mail) and its audit links under its own uid; they go with the person."""
    from directory_app.core.merging import merge_contacts

    db = tmp_path / "d.db"
    with open_directory(db) as d:
        first = add_contact(d, ContactInput(given_name="Ana", family_name="Kovač", country="HR",
                                            emails=[EmailEntry("ana.kovac@mup.hr")]))  # fmt: skip
        old = write_csv(tmp_path / "old.csv", [HEADER, ["Ana", "Kovač", "", "ana.kovac@mup.hr", "", "Croatia", "x"]])
        import_files(d, [old], event=EventSpec(name="Zagreb 2023"))  # her before-image under the first uid
        form = write_docx(tmp_path / "form.docx", docx_table([*ANA[:4], ["E-mail:", "a.k@gmail.com"]]))
        import_files(d, [form], event=EventSpec(name="Zagreb 2024"))
        with sqlite3.connect(db) as c:
            ids = [i for (i,) in c.execute("SELECT id FROM contact ORDER BY id")]
        assert len(ids) == 2  # the user finds them as duplicates, and merges them
        merge_contacts(d, ids[1], ids[0])
        _id, uid = _uid(d, "Kovač")

        erase_contact(d, uid)

        assert _traces(db) == []
        with sqlite3.connect(db) as c:
            links = c.execute("SELECT count(*) FROM audit_contact WHERE contact_uid = ?", (first.uid,)).fetchone()
        assert links == (0,)


# ------------------------------------------------------------------------------------------------ mentions


NOTES_HEADER = [*HEADER, "Notes"]
ANA_ROW = ["Ana", "Kovač", "Ministry of Interior", "ana.kovac@mup.hr", "+385 91 123 4567", "Croatia", "Inspector", ""]


STREET = "contact: 'Kovač Street 4 office'"


def _colleagues(d: Directory, tmp_path: Path) -> dict[str, int]:
    """Ana Kovač imported from a real file with colleagues whose texts mention her (in Latin and Cyrillic letters,
    by her full name or as "Ms Kovac"), and one whose notes hold her family name as a word only."""
    listing = write_csv(tmp_path / "Zagreb list.csv", [
        NOTES_HEADER, ANA_ROW,
        ["Marko", "Marić", "MUP", "marko.maric@mup.hr", "", "Croatia", "Inspector",
         "Focal point since 2023: replaced Ana Kovač as focal point when she moved to the bar.\n"
         "Ask Ms Kovac for the Sarajevo list."],
    ])  # fmt: skip
    import_files(d, [listing], event=EventSpec(name="Zagreb 2024"))
    add_contact(d, ContactInput(given_name="Јована", family_name="Петровић", country="RS",
                                position="Deputy of Ана Ковач", keywords=["Ana Kovač network", "JIT"]))  # fmt: skip
    add_contact(d, ContactInput(given_name="Ivo", family_name="Ivić", country="HR", notes="Kovač Street 4 office"))
    with sqlite3.connect(d.path) as c:
        return {f: i for i, f in c.execute("SELECT id, family_name FROM contact")}


def test_other_contacts_that_mention_the_person_are_listed_and_left_as_they_are(tmp_path: Path) -> None:
    """Her full name in any script, folded; her family name alone only after a title ("Ms Kovac"), not "Kovač
    Street" in Ivo's notes. The contacts keep their texts: erasing does not rewrite a colleague's notes unasked."""
    from directory_app.core.privacy import find_mentions

    with open_directory(tmp_path / "d.db") as d:
        ids = _colleagues(d, tmp_path)
        _id, uid = _uid(d, "Kovač")
        before = find_mentions(d, uid)

        result = erase_contact(d, uid)

        assert result.mentions == before
        marko, jovana = ids["Marić"], ids["Петровић"]
        assert [(m.contact_id, m.field, m.context) for m in result.mentions] == [
            (marko, "notes", "Focal point since 2023: replaced Ana Kovač as focal point when she moved…"),
            (jovana, "position", "Deputy of Ана Ковач"),
            (jovana, "keywords", "Ana Kovač network"),
        ]
        assert (
            f"2 other contacts mention Ana Kovač: #{marko} Marko Marić (notes), #{jovana} Јована Петровић (position, "
            "keywords) — edit them if the mention must go"
        ) in result.notes
        assert result.mention_lines[0] == (
            f"#{marko} Marko Marić (notes): “Focal point since 2023: replaced Ana Kovač as focal point when she moved…”"
        )
        assert result.mentions_erased == () and result.mentioned_ids == [marko, jovana]
        with sqlite3.connect(d.path) as c:
            notes = c.execute("SELECT notes FROM contact WHERE id = ?", (marko,)).fetchone()[0]
        assert "replaced Ana Kovač" in notes  # unchanged


def test_a_family_name_alone_after_a_title_is_no_mention_when_another_bears_it(tmp_path: Path) -> None:
    """ "Ms Kovac" may be Ivana Kovač, who stays: only the full name counts then."""
    with open_directory(tmp_path / "d.db") as d:
        ids = _colleagues(d, tmp_path)
        add_contact(d, ContactInput(given_name="Ivana", family_name="Kovač", country="HR"))
        with sqlite3.connect(d.path) as c:
            (uid,) = c.execute("SELECT uid FROM contact WHERE given_name = 'Ana'").fetchone()
        result = erase_contact(d, uid, also_mentions=True)
        with sqlite3.connect(d.path) as c:
            notes = c.execute("SELECT notes FROM contact WHERE id = ?", (ids["Marić"],)).fetchone()[0]
        assert notes.endswith("replaced (erased) as focal point when she moved to the bar.\nAsk Ms Kovac for the "
                              "Sarajevo list.")  # fmt: skip
        assert len(result.mentions_erased) == 3


def test_also_mentions_replaces_the_name_as_an_edit_and_in_the_import_history(tmp_path: Path) -> None:
    """With also_mentions the texts read "(erased)" (the notes keep their lines), the contacts count as edited
    (audit log, updated_at), and no before-image gives the name back: an undone import brings "(erased)". Nothing
    else holds her name ("Kovač Street" is a street)."""
    db = tmp_path / "d.db"
    with open_directory(db) as d:
        ids = _colleagues(d, tmp_path)
        marko = ids["Marić"]
        row = ["Marko", "Marić", "MUP", "marko.maric@mup.hr", "+385 98 111 2222", "Croatia", "", ""]
        update = write_csv(tmp_path / "update.csv", [NOTES_HEADER, row])
        import_files(d, [update], event=EventSpec(name="Skopje 2025"))  # Marko's before-image holds the notes
        with sqlite3.connect(db) as c:
            assert "Ana Kovač" in c.execute('SELECT "before" FROM import_batch_item WHERE "before" IS NOT NULL'
                                            ).fetchone()[0]  # fmt: skip
            c.execute("UPDATE contact SET updated_at = '2020-01-01 00:00:00'")
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid, also_mentions=True)

        assert result.mentions == ()
        assert [(m.contact_id, m.field, m.context) for m in result.mentions_erased] == [
            (marko, "notes", "Focal point since 2023: replaced (erased) as focal point when she moved…"),
            (ids["Петровић"], "position", "Deputy of (erased)"),
            (ids["Петровић"], "keywords", "(erased) network"),
        ]
        assert any(n.startswith("the person's name now reads “(erased)” in the texts of 2 other contacts: #")
                   for n in result.notes)  # fmt: skip
        assert _traces(db) == [STREET]
        with sqlite3.connect(db) as c:
            rows = c.execute("SELECT notes, position, updated_at > '2020' FROM contact WHERE id IN (?, ?) ORDER BY id",
                             (marko, ids["Петровић"])).fetchall()  # fmt: skip
            keywords = [k for (k,) in c.execute("SELECT keyword FROM contact_keyword ORDER BY keyword")]
            uids = {u for (u,) in c.execute("SELECT uid FROM contact WHERE id IN (?, ?)", (marko, ids["Петровић"]))}
        assert rows == [
            ("Focal point since 2023: replaced (erased) as focal point when she moved to the bar.\n"
             "Ask (erased) for the Sarajevo list.", "Inspector", 1),
            ("", "Deputy of (erased)", 1),
        ]  # fmt: skip
        assert keywords == ["(erased) network", "JIT"]
        (edit,) = [e for e in list_audit(d, action="edit")]
        assert edit.count == 2 and "kovac" not in fold(edit.detail)
        with sqlite3.connect(db) as c:
            linked = {u for (u,) in c.execute("SELECT contact_uid FROM audit_contact WHERE audit_id = ?", (edit.id,))}
        assert linked == uids
        rollback_import(d, list_imports(d)[0].id, force=True)  # Skopje undone: Marko's notes as they were before
        with sqlite3.connect(db) as c:
            notes = c.execute("SELECT notes FROM contact WHERE id = ?", (marko,)).fetchone()[0]
        assert "replaced (erased) as focal point" in notes
        assert _traces(db) == [STREET]


def test_the_import_history_loses_the_name_even_where_the_texts_keep_it(tmp_path: Path) -> None:
    """Other contacts' before-images (their notes, keywords as an import found them) are history, not their texts:
    the name leaves them whether or not the texts are changed, and an undone import does not write it back."""
    db = tmp_path / "d.db"
    with open_directory(db) as d:
        ids = _colleagues(d, tmp_path)
        luka = add_contact(d, ContactInput(given_name="Luka", family_name="Lukić", country="HR", notes="Deputy to "
                                           "Ana Kovač", emails=[EmailEntry("luka@mup.hr")],
                                           keywords=["Ana Kovač network", "JIT"]))  # fmt: skip
        update = write_csv(tmp_path / "update.csv", [
            NOTES_HEADER, ["Luka", "Lukić", "MUP", "luka@mup.hr", "+385 98 111 2222", "Croatia", "", ""],
            ["Marko", "Marić", "MUP", "marko.maric@mup.hr", "+385 98 111 3333", "Croatia", "", ""],
        ])  # fmt: skip
        import_files(d, [update], event=EventSpec(name="Skopje 2025"))

        def befores() -> str:
            with sqlite3.connect(db) as c:
                return " ".join(b for (b,) in c.execute('SELECT "before" FROM import_batch_item') if b)

        assert "Deputy to Ana Kovač" in befores() and '"Ana Kovač network"' in befores()
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid)

        assert {m.contact_id for m in result.mentions} == {ids["Marić"], ids["Петровић"], luka.id}
        assert "kovac" not in fold(befores())
        assert "Deputy to (erased)" in befores() and '"(erased) network"' in befores()
        assert _notes_of(db, luka.id) == "Deputy to Ana Kovač"  # the texts themselves are left as they are
        rollback_import(d, list_imports(d)[0].id, force=True)
        assert _notes_of(db, luka.id) == "Deputy to (erased)"
        assert _notes_of(db, ids["Marić"]).startswith("Focal point since 2023: replaced (erased) as focal point")


def _notes_of(db: Path, contact_id: int) -> str:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT notes FROM contact WHERE id = ?", (contact_id,)).fetchone()[0]


def test_the_organisation_named_after_the_person_that_others_are_in_is_listed_not_renamed(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as d:
        listing = write_csv(tmp_path / "list.csv", [HEADER, ["Ana", "Kovač", "Kovač & Partners", "", "", "HR", ""],
                                                    ["Petra", "Novak", "Kovač & Partners", "", "", "HR", "Associate"],
                                                    MARKO])  # fmt: skip
        import_files(d, [listing], event=EventSpec(name="Zagreb 2024"))
        petra = _uid(d, "Novak")[0]
        _id, uid = _uid(d, "Kovač")

        result = erase_contact(d, uid, also_mentions=True)

        assert [(m.contact_id, m.field, m.context) for m in result.mentions] == [
            (petra, "organisation", "Kovač & Partners")
        ]
        assert result.organisations == 0
        assert (f"1 other contact mentions Ana Kovač: #{petra} Petra Novak (organisation “Kovač & Partners”, not "
                "renamed) — edit it if the mention must go") in result.notes  # fmt: skip
        with sqlite3.connect(d.path) as c:
            assert c.execute("SELECT name FROM organisation ORDER BY name").fetchall() == [
                ("Kovač & Partners",), ("Ministry of Interior",)
            ]  # fmt: skip


def test_the_error_log_loses_the_person_s_name(tmp_path: Path) -> None:
    """A traceback in the data folder's error.log names the file the person came from; its other lines stay as
    they were, bytes that are not UTF-8 too."""
    log = user_data_dir() / "error.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    lines = [b"Traceback (most recent call last):\n",
             "FileNotFoundError: [Errno 2] No such file: '/home/u/Registration form - Kovač.docx'\n".encode(),
             "ValueError: 'Ana Kovač' is not a date\n".encode(), b"odd \xff byte, Kovac Street\n"]  # fmt: skip
    log.write_bytes(b"".join(lines))
    with open_directory(tmp_path / "d.db") as d:
        import_files(d, [write_docx(tmp_path / "Registration form - Kovač.docx", docx_table(ANA))])
        _id, uid = _uid(d, "Kovač")
        result = erase_contact(d, uid)
    assert log.read_bytes().split(b"\n") == [
        lines[0].rstrip(),
        b"FileNotFoundError: [Errno 2] No such file: '/home/u/Registration form - (erased).docx'",
        b"ValueError: '(erased)' is not a date",
        b"odd \xff byte, Kovac Street",
        b"",
    ]
    assert (result.log_lines, result.log_file) == (2, str(log))
    assert f"2 lines of the error log ({log}) that named the person now read “(erased)”" in result.notes


def test_the_command_line_lists_the_mentions_and_erases_them_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from directory_app.cli import main

    db = tmp_path / "d.db"
    with open_directory(db) as d:
        ids = _colleagues(d, tmp_path)
        cid = _uid(d, "Kovač")[0]
    assert main(["erase", str(cid), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    marko = ids["Marić"]
    assert f"2 other contacts mention Ana Kovač: #{marko} Marko Marić (notes)" in out
    assert f"  #{marko} Marko Marić (notes): “Focal point since 2023: replaced Ana Kovač as focal point" in out

    with open_directory(db) as d:
        listing = write_csv(tmp_path / "again.csv", [NOTES_HEADER, ANA_ROW])
        import_files(d, [listing], event=EventSpec(name="Zagreb 2025"))
        cid = _uid(d, "Kovač")[0]
    assert main(["erase", str(cid), "--also-mentions", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "the person's name now reads “(erased)” in the texts of 2 other contacts:" in out
    assert f"  #{marko} Marko Marić (notes): “Focal point since 2023: replaced (erased) as focal point" in out
    with sqlite3.connect(db) as c:
        assert "Kovač" not in c.execute("SELECT notes FROM contact WHERE id = ?", (marko,)).fetchone()[0]


@pytest.mark.parametrize(
    ("path", "named"),
    [("/home/u/Registration form - Ana Kovač.docx", True), ("/home/u/forms/Kovac_registration.xlsx", True),
     ("C:\\Users\\u\\Kovač\\", True), ("/home/u/Ана Ковач/list.csv", True), ("/home/u/Long-term cases", False),
     ("/home/u/Kovač Street office/list.csv", False), ("/home/u/exports", False)],
)  # fmt: skip
def test_which_paths_name_the_person(path: str, named: bool) -> None:
    from directory_app.core.privacy import names_path
    from directory_app.core.records import ContactRecord

    def person(given: str, family: str) -> ContactRecord:
        from datetime import datetime

        now = datetime(2025, 1, 1)
        return ContactRecord(1, "u", "", given, family, "", "", "", "", None, None, "", (), "", "", (), (), (), (),
                             (), (), now, now, None)  # fmt: skip

    assert names_path(path, person("Ana", "Kovač")) is named
    assert names_path("/home/u/Long-term cases", person("Mei", "Long")) is False
