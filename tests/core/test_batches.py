"""Undo of imports: every real import (spreadsheet files through the importer) is a batch that rolls back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory_app.core import backup, batches, contacts
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.store import Directory, open_directory
from tests.core.import_helpers import write_xlsx

HEADER = ["Surname", "Name", "Country", "Institution", "Function", "E-mail", "Mobile"]
HISTORY = ("import_batch", "import_batch_item", "audit_entry", "audit_contact", "setting")


def snapshot(directory: Directory) -> dict[str, list[tuple]]:
    """Every row of every table (the search index included), except the history tables themselves."""
    out: dict[str, list[tuple]] = {}
    with directory.read() as session:
        conn = session.connection()
        tables = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'contact_fts_%'"
            )
        ]
        for t in tables:
            if t in HISTORY:
                continue
            cols = "rowid, *" if t == "contact_fts" else "*"
            if t in ("contact_email", "contact_phone"):
                # Their own row ids are internal (rewritten whenever a contact is saved); everything else counts.
                names = [c[1] for c in conn.exec_driver_sql(f'PRAGMA table_info("{t}")') if c[1] != "id"]
                cols = ", ".join(names)
            out[t] = sorted(tuple(r) for r in conn.exec_driver_sql(f'SELECT {cols} FROM "{t}"'))
    return out


def _seed(directory: Directory) -> list[int]:
    people = [
        ContactInput(
            given_name="Ana",
            family_name="Marić",
            country="HR",
            organisation="Ministry of Interior",
            position="Inspector",
            emails=[EmailEntry("ana.maric@example.hr"), EmailEntry("ana.home@example.hr", "other", private=True)],
            roles=["law_enforcement"],
            keywords=["shelters"],
            consent_listed=True,
            consent_source="registration form, Sarajevo 2017",
        ),
        ContactInput(given_name="Ivo", family_name="Ivić", country="HR", emails=[EmailEntry("ivo@example.hr")]),
        ContactInput(
            given_name="Jelena",
            family_name="Petrović",
            country="RS",
            phones=[PhoneEntry(None, "+381 63 123 4567", "mobile", private=True)],
        ),
    ]
    with directory.write() as session:
        ev = contacts.ensure_event(session, "Skopje workshop 2016", city="Skopje")
        ids = [contacts.insert_contact(session, p) for p in people]
        contacts.add_participation(session, ids[0], ev, "speaker")
    return ids


def _list(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    return write_xlsx(tmp_path / name, {"Participants": [HEADER, *rows]})


def _first_import(directory: Directory, tmp_path: Path):
    path = _list(
        tmp_path,
        "sarajevo.xlsx",
        [
            # Ana again: new position, a mobile and an extra e-mail -> updated.
            ["Marić", "Ana", "Croatia", "Ministry of Interior", "Chief Inspector", "ana.maric@example.hr",
             "091 234 5678"],
            # Ivo unchanged apart from taking part -> updated (participation).
            ["Ivić", "Ivo", "Croatia", "", "", "ivo@example.hr", ""],
            ["Hodžić", "Amra", "Bosnia and Herzegovina", "State Investigation and Protection Agency", "Analyst",
             "amra.hodzic@example.ba", "061 123 456"],
            ["Krasniqi", "Arben", "Kosovo", "Kosovo Police", "Investigator", "arben.k@example.org", ""],
        ],
    )  # fmt: skip
    return import_files(directory, [path], event=EventSpec("Sarajevo seminar 2017"))


def test_rollback_restores_the_directory_exactly(directory: Directory, tmp_path: Path) -> None:
    _seed(directory)
    before = snapshot(directory)
    report = _first_import(directory, tmp_path)
    assert (report.created, report.updated) == (2, 2), report.summary()
    assert snapshot(directory) != before
    [info] = batches.list_imports(directory)
    assert (info.created, info.updated, info.event, info.event_created) == (2, 2, "Sarajevo seminar 2017", True)
    assert info.file.endswith("sarajevo.xlsx") and info.rolled_back_at is None
    assert {a for _u, a, _n in batches.batch_contacts(directory, info.id)} == {"created", "updated"}
    # The automatic backup taken before the import.
    assert [b.reason for b in backup.list_backups(directory.path)] == ["import"]

    result = batches.rollback_import(directory, info.id)
    assert (result.deleted, result.restored, result.event_removed) == (2, 2, True)
    assert snapshot(directory) == before
    [info] = batches.list_imports(directory)
    assert info.rolled_back_at is not None
    with pytest.raises(DirectoryError, match="already rolled back"):
        batches.rollback_import(directory, info.id)
    with pytest.raises(DirectoryError, match="there is no import 99"):
        batches.rollback_import(directory, 99)


def test_later_edits_to_other_contacts_are_kept(directory: Directory, tmp_path: Path) -> None:
    ids = _seed(directory)
    jelena = ids[2]  # not in the import
    report = _first_import(directory, tmp_path)
    batch_id = batches.list_imports(directory)[0].id
    data = contacts.get_contact(directory, jelena).to_input()
    data.position = "Prosecutor"
    contacts.update_contact(directory, jelena, data)
    expected = snapshot(directory)
    batches.rollback_import(directory, batch_id)
    after = snapshot(directory)
    assert contacts.get_contact(directory, jelena).position == "Prosecutor"
    # Everything about Jelena is as edited; the imported people are gone; Ana and Ivo are as before the import.
    assert [r for r in after["contact"] if r[0] == jelena] == [r for r in expected["contact"] if r[0] == jelena]
    created = {o.contact_id for o in report.outcomes if o.status == "created"}
    assert not any(r[0] in created for r in after["contact"])


def test_rollback_refused_when_its_contacts_changed_since_unless_forced(directory: Directory, tmp_path: Path) -> None:
    _seed(directory)
    before = snapshot(directory)
    report = _first_import(directory, tmp_path)
    batch_id = batches.list_imports(directory)[0].id
    amra = next(o.contact_id for o in report.outcomes if o.name.startswith("Amra"))
    data = contacts.get_contact(directory, amra).to_input()
    data.notes = "met again in Tirana"
    contacts.update_contact(directory, amra, data)
    untouched = snapshot(directory)
    with pytest.raises(DirectoryError, match=r"1 of its contacts changed since \(Amra Hodžić\)") as refused:
        batches.rollback_import(directory, batch_id)
    # In words for the window too: the import by its file and time, not its id; no "later imports" (there are none),
    # and what undoing it anyway does (the command line appends "(`rollback-import N --force`)" to it).
    message = str(refused.value)
    assert message.startswith("the import of “sarajevo.xlsx” on ") and " cannot be undone as it is: " in message
    assert message.endswith("(Amra Hodžić); undoing it anyway discards those changes")
    assert "later" not in message and "force" not in message and f"import {batch_id}" not in message
    assert snapshot(directory) == untouched
    result = batches.rollback_import(directory, batch_id, force=True)
    assert result.discarded == ("Amra Hodžić",)
    assert snapshot(directory) == before


def test_two_imports_roll_back_in_reverse_order(directory: Directory, tmp_path: Path) -> None:
    _seed(directory)
    before = snapshot(directory)
    _first_import(directory, tmp_path)
    middle = snapshot(directory)
    second = _list(
        tmp_path,
        "tirana.xlsx",
        [
            ["Hodžić", "Amra", "Bosnia and Herzegovina", "SIPA", "Head of Unit", "amra.hodzic@example.ba", ""],
            [
                "Dimitrova",
                "Elena",
                "North Macedonia",
                "Public Prosecutor's Office",
                "Prosecutor",
                "elena@example.mk",
                "",
            ],
        ],
    )
    import_files(directory, [second], event=EventSpec("Tirana meeting 2018"))
    newest, oldest = batches.list_imports(directory)
    with pytest.raises(DirectoryError, match="changed since") as refused:
        batches.rollback_import(directory, oldest.id)
    assert str(refused.value).endswith("; undo the later import first, or undo it anyway to discard those changes")
    batches.rollback_import(directory, newest.id)
    assert snapshot(directory) == middle
    batches.rollback_import(directory, oldest.id)
    assert snapshot(directory) == before


def test_dry_run_and_empty_imports_leave_no_batch(directory: Directory, tmp_path: Path) -> None:
    _seed(directory)
    path = _list(tmp_path, "l.xlsx", [["Novak", "Tina", "Slovenia", "Police", "", "tina@example.si", ""]])
    import_files(directory, [path], event=EventSpec("Ljubljana 2019"), dry_run=True)
    assert batches.list_imports(directory) == []
    assert backup.list_backups(directory.path) == []


def test_encrypted_directory_import_and_rollback(tmp_path: Path) -> None:
    with open_directory(tmp_path / "secure.db", passphrase="kesten-lipa-2017") as d:
        _seed(d)
        before = snapshot(d)
        _first_import(d, tmp_path)
        batches.rollback_import(d, batches.list_imports(d)[0].id)
        assert snapshot(d) == before
        [saved] = backup.list_backups(d.path)
        data = saved.path.read_bytes()
        # Whole words of the contacts, not "Ivo": three bytes turn up in random ciphertext about once in a hundred
        # backups of this size (a clean-clone CI run failed on it).
        assert "Ivić".encode() not in data and b"Ministry of Interior" not in data and b"example.hr" not in data


def test_before_image_round_trip(directory: Directory) -> None:
    ids = _seed(directory)
    record = contacts.get_contact(directory, ids[0])
    assert batches.record_from_json(batches.record_to_json(record)) == record
