"""The store: creation, identification of foreign files, contact CRUD, cascades, paths."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from directory_app.core import contacts, migrations, paths
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import APPLICATION_ID, open_directory


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_directory_is_stamped_versioned_and_seeded(db_path: Path) -> None:
    with open_directory(db_path) as d:
        assert d.schema_version() == migrations.SCHEMA_VERSION
        with d.read() as s:
            conn = s.connection()
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            names = dict(conn.exec_driver_sql("SELECT code, name FROM country").all())
            osce = dict(conn.exec_driver_sql("SELECT code, osce FROM country").all())
    assert names["RS"] == "Serbia"
    assert names["MK"] == "North Macedonia"
    assert "XK" in names
    assert osce["RS"] == "participating" and osce["JP"] == "partner" and osce["BR"] is None
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    raw.close()


def test_missing_file_not_created_when_asked(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="does not exist"):
        open_directory(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


def test_text_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Dear colleagues,\nplease find attached the list of participants.\n" * 5)
    before = _digest(path)
    with pytest.raises(DirectoryError, match="not a directory file of this app"):
        open_directory(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_other_applications_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contact (name) VALUES ('someone')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(DirectoryError, match="another application"):
        open_directory(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_empty_file_becomes_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with open_directory(path) as d:
        assert d.schema_version() == migrations.SCHEMA_VERSION


def test_the_files_own_problems_are_said_in_a_users_words(tmp_path: Path) -> None:
    """A read-only directory file gave "unexpected failure: attempt to write a readonly database" and the SQL; a
    damaged one "database disk image is malformed". Real SQLite errors, from a file opened read-only and a file
    whose pages were overwritten."""
    import sqlite3

    from directory_app.core.store import storage_problem

    path = tmp_path / "d.db"
    open_directory(path).close()
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        read_only.execute("INSERT INTO event (name) VALUES ('x')")
    read_only.close()
    assert storage_problem(raised.value).startswith("the directory file or its folder is read-only")
    damaged = tmp_path / "damaged.db"
    data = path.read_bytes()
    probe = sqlite3.connect(path)
    (page,) = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contact'").fetchone()
    (size,) = probe.execute("PRAGMA page_size").fetchone()
    probe.close()
    damaged.write_bytes(data[: (page - 1) * size] + b"\xff" * size + data[page * size :])  # the table's first page
    with pytest.raises(sqlite3.DatabaseError) as raised:
        sqlite3.connect(damaged).execute("SELECT * FROM contact").fetchall()
    assert storage_problem(raised.value).startswith("the directory file is damaged")
    assert storage_problem(ValueError("something else")) is None


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_directory(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(DirectoryError, match="newer version"):
        open_directory(db_path)


def _ana() -> ContactInput:
    return ContactInput(
        honorific="Ms",
        given_name="Ana",
        family_name="Marić",
        position="Public Prosecutor",
        organisation="State Attorney's Office",
        organisation_type="prosecution",
        country="HR",
        city="Zagreb",
        languages=["hr", "en"],
        emails=[EmailEntry("ana.maric@dorh.example.hr"), EmailEntry("ANA.MARIC@dorh.example.hr")],
        phones=[
            PhoneEntry(None, "01 4591 888"),
            PhoneEntry(None, "091 234 5678", "mobile"),
            PhoneEntry(None, "12"),
        ],
        roles=["prosecutor"],
        expertise=["trafficking_in_human_beings", "cross_border_cooperation"],
        keywords=["JIT Danube"],
        last_verified=date(2025, 3, 1),
    )


def test_contact_round_trip(directory) -> None:
    rec = contacts.add_contact(directory, _ana())
    assert rec.uid and len(rec.uid) == 36
    assert rec.display_name == "Ana Marić"
    assert rec.organisation == "State Attorney's Office" and rec.organisation_type == "prosecution"
    assert [e.address for e in rec.emails] == ["ana.maric@dorh.example.hr"]  # same address twice kept once
    assert [p.e164 for p in rec.phones] == ["+38514591888", "+385912345678", None]
    assert rec.phones[2].raw == "12"  # unparseable: kept as typed
    assert rec.phones[1].type == "mobile"
    assert rec.roles == ("prosecutor",)
    assert rec.languages == ("hr", "en")
    assert rec.last_verified == date(2025, 3, 1)
    again = contacts.get_contact(directory, rec.id)
    assert again == rec


def test_cyrillic_name_gets_a_latin_transliteration(directory) -> None:
    rec = contacts.add_contact(directory, ContactInput(given_name="Јелена", family_name="Јовановић", country="RS"))
    assert (rec.latin_given_name, rec.latin_family_name) == ("Jelena", "Jovanović")
    latin = contacts.add_contact(directory, ContactInput(given_name="Ana", family_name="Marić"))
    assert latin.latin_family_name == ""


def test_update_keeps_uid_and_created(directory) -> None:
    rec = contacts.add_contact(directory, _ana())
    data = rec.to_input()
    data.position = "Deputy Chief Prosecutor"
    data.emails = [EmailEntry("a.maric@dorh.example.hr")]
    updated = contacts.update_contact(directory, rec.id, data)
    assert updated.uid == rec.uid and updated.created_at == rec.created_at
    assert updated.position == "Deputy Chief Prosecutor"
    assert [e.address for e in updated.emails] == ["a.maric@dorh.example.hr"]
    assert updated.updated_at >= rec.updated_at


def test_delete_cascades_and_restore_brings_back_everything(directory) -> None:
    rec = contacts.add_contact(directory, _ana())
    with directory.write() as s:
        ev = contacts.ensure_event(s, "Zagreb seminar 2024", start_date=date(2024, 5, 6), country="HR")
        contacts.add_participation(s, rec.id, ev, "speaker")
    rec = contacts.get_contact(directory, rec.id)
    deleted = contacts.delete_contacts(directory, [rec.id])
    assert deleted == [rec]
    assert contacts.get_contact(directory, rec.id) is None
    with directory.read() as s:
        conn = s.connection()
        for table in ("contact_email", "contact_phone", "contact_role", "contact_expertise", "participation"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0, table
    (new_id,) = contacts.restore_contacts(directory, deleted)
    back = contacts.get_contact(directory, new_id)
    assert back is not None
    assert back.uid == rec.uid and back.created_at == rec.created_at
    assert back.events[0].name == "Zagreb seminar 2024" and back.events[0].part == "speaker"
    assert (back.emails, back.phones, back.roles, back.keywords) == (
        rec.emails,
        rec.phones,
        rec.roles,
        rec.keywords,
    )


def test_many_contacts_restored_at_once_keep_their_own_events_dates_and_search_text(directory) -> None:
    """Undoing a large deletion puts every contact back in one go: each keeps its own participations, both
    timestamps, and is found by search again."""
    people = [
        contacts.add_contact(directory, replace(_ana(), given_name=given, family_name=family, emails=[]))
        for given, family in (("Ana", "Marić"), ("Jovan", "Јовановић"), ("Emre", "Öztürk"))
    ]
    with directory.write() as s:
        zagreb = contacts.ensure_event(s, "Zagreb seminar 2024", start_date=date(2024, 5, 6))
        skopje = contacts.ensure_event(s, "Skopje workshop 2025", start_date=date(2025, 3, 3))
        contacts.add_participation(s, people[0].id, zagreb, "speaker")
        contacts.add_participation(s, people[1].id, zagreb, "participant")
        contacts.add_participation(s, people[1].id, skopje, "organiser")
    before = contacts.get_contacts(directory, [p.id for p in people])
    deleted = contacts.delete_contacts(directory, [p.id for p in people])
    assert contacts.contact_count(directory) == 0

    new_ids = contacts.restore_contacts(directory, deleted)
    after = contacts.get_contacts(directory, new_ids)
    assert [replace(r, id=0) for r in after] == [replace(r, id=0) for r in before]  # new ids, nothing else new
    assert [[(e.name, e.part) for e in r.events] for r in after] == [
        [("Zagreb seminar 2024", "speaker")],
        [("Zagreb seminar 2024", "participant"), ("Skopje workshop 2025", "organiser")],
        [],
    ]
    assert search_ids(directory, SearchQuery(text="jovanovic")) == [new_ids[1]]
    assert search_ids(directory, SearchQuery(text="ozturk")) == [new_ids[2]]


def test_changes_and_new_contacts_held_back_in_bulk_are_all_searchable_after(directory) -> None:
    """Inside `bulk_inserts` the search text of changed contacts waits too, and is written by ascending id after
    the old text is removed: each contact ends with exactly one, current, search entry."""
    old = [contacts.add_contact(directory, replace(_ana(), family_name=f"Marić{i}", emails=[])) for i in range(3)]
    with directory.write() as s, contacts.bulk_inserts(s):
        for i, record in enumerate(reversed(old)):  # changed in descending id order, new ones in between
            contacts.replace_contact(s, record.id, replace(record.to_input(), family_name=f"Öztürk{i}"))
            contacts.insert_contact(s, replace(_ana(), given_name="Jovan", family_name=f"Јовановић{i}", emails=[]))
        contacts.replace_contact(s, old[0].id, replace(old[0].to_input(), family_name="Öztürk9"))  # twice
    assert search_ids(directory, SearchQuery(text="maric")) == []
    assert sorted(search_ids(directory, SearchQuery(text="ozturk"))) == [r.id for r in old]
    assert len(search_ids(directory, SearchQuery(text="jovanovic"))) == 3
    assert search_ids(directory, SearchQuery(text="ozturk9")) == [old[0].id]
    with directory.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM contact_fts").scalar_one() == 6
    changed = contacts.get_contact(directory, old[1].id)  # its phones and roles were held back and written too
    assert (changed.family_name, changed.phones, changed.roles) == ("Öztürk1", old[1].phones, old[1].roles)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"given_name": "", "family_name": " "}, "needs a given name or a family name"),
        ({"roles": ["judg"]}, "judge"),
        ({"expertise": ["thb"]}, "trafficking_in_human_beings"),
        ({"country": "ZZ"}, "unknown country code"),
    ],
)
def test_invalid_contacts_are_refused_and_nothing_is_written(directory, change, message) -> None:
    data = _ana()
    for k, v in change.items():
        setattr(data, k, v)
    with pytest.raises(DirectoryError, match=message):
        contacts.add_contact(directory, data)
    assert contacts.contact_count(directory) == 0
    with directory.read() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM organisation").scalar_one() == 0


def test_participation_keeps_the_strongest_part(directory) -> None:
    rec = contacts.add_contact(directory, _ana())
    with directory.write() as s:
        ev = contacts.ensure_event(s, "Skopje workshop")
        assert contacts.add_participation(s, rec.id, ev, "speaker")
        assert not contacts.add_participation(s, rec.id, ev, "participant")
        assert contacts.add_participation(s, rec.id, ev, "organiser")
    assert contacts.get_contact(directory, rec.id).events[0].part == "organiser"
    events = contacts.list_events(directory)
    assert [(e.name, e.participant_count) for e in events] == [("Skopje workshop", 1)]
    assert contacts.find_event(directory, "skopje WORKSHOP").name == "Skopje workshop"
    with pytest.raises(DirectoryError, match="known events: Skopje workshop"):
        contacts.find_event(directory, "Tirana")


def test_db_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIRECTORY_APP_DATA", str(tmp_path / "data"))
    assert paths.resolve_db_path() == tmp_path / "data" / "directory.db"
    monkeypatch.setenv("DIRECTORY_APP_DB", str(tmp_path / "env.db"))
    assert paths.resolve_db_path() == tmp_path / "env.db"
    assert paths.resolve_db_path(str(tmp_path / "flag.db")) == tmp_path / "flag.db"
    monkeypatch.delenv("DIRECTORY_APP_DATA")
    monkeypatch.delenv("DIRECTORY_APP_DB")
    assert paths.resolve_db_path().name == "directory.db"
    assert "practitioner-directory" in str(paths.resolve_db_path())


def test_consent_and_private_contact_points_round_trip(directory) -> None:
    data = _ana()
    data.shareable = False
    data.consent_listed = True
    data.consent_shared = False
    data.consent_source = "registration form, Sarajevo 2017"
    data.consent_date = date(2017, 10, 3)
    data.phones = [PhoneEntry(None, "091 234 5678", "mobile", private=True), PhoneEntry(None, "01 4591 888")]
    data.emails = [EmailEntry("ana@private.example", "other", private=True)]
    rec = contacts.add_contact(directory, data)
    assert (rec.shareable, rec.consent_listed, rec.consent_shared) == (False, True, False)
    assert rec.consent_source == "registration form, Sarajevo 2017" and rec.consent_date == date(2017, 10, 3)
    assert [p.private for p in rec.phones] == [True, False]
    assert rec.emails[0].private
    assert contacts.get_contact(directory, rec.id) == rec
    assert rec.to_input().consent_source == rec.consent_source


def test_an_unknown_event_among_many_names_the_closest(directory) -> None:
    from directory_app.core.contacts import find_event
    from directory_app.core.events import create_event

    for place, year in (("Sarajevo", 2017), ("Skopje", 2018), ("Tirana", 2019), ("Vienna", 2020),
                        ("Chișinău", 2021), ("Thessaloniki", 2022)):  # fmt: skip
        create_event(directory, name=f"Regional Seminar, {place} {year}")
    with pytest.raises(DirectoryError) as raised:
        find_event(directory, "Regional seminar Skopje")
    message = str(raised.value)
    assert message.startswith("unknown event 'Regional seminar Skopje'; did you mean 'Regional Seminar, Skopje 2018'")
    assert message.endswith("(`events` lists all 6)") and "Tirana" not in message.split(" or ")[0]
