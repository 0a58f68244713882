"""Every earlier schema version opens, is backed up, and ends with exactly the schema a new directory gets."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from directory_app.core import contacts, migrations
from directory_app.core.records import ContactInput
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import open_directory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAST_VERSIONS = sorted(int(p.stem.split("_v")[1]) for p in FIXTURES.glob("schema_v*.db"))


def _schema(path: Path) -> dict[str, object]:
    """Tables with their columns (name, type, not null, default, pk), foreign keys and index columns."""
    conn = sqlite3.connect(path)
    try:
        out: dict[str, object] = {}
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contact_fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ):
            cols = sorted(tuple(r[1:]) for r in conn.execute(f'PRAGMA table_info("{name}")'))
            fks = sorted(tuple(r[2:]) for r in conn.execute(f'PRAGMA foreign_key_list("{name}")'))
            indexes = sorted(
                (ix[1], tuple(c[2] for c in conn.execute(f'PRAGMA index_info("{ix[1]}")')), ix[2])
                for ix in conn.execute(f'PRAGMA index_list("{name}")')
            )
            out[name] = (cols, fks, indexes)
        out["fts"] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'contact_fts'").fetchone()
        return out
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_past_version() -> None:
    assert list(range(1, migrations.SCHEMA_VERSION)) == PAST_VERSIONS


@pytest.mark.parametrize("version", PAST_VERSIONS)
def test_old_directory_upgrades_to_the_current_schema(tmp_path: Path, version: int) -> None:
    old = tmp_path / f"v{version}.db"
    shutil.copy(FIXTURES / f"schema_v{version}.db", old)
    before = sqlite3.connect(old)
    n_before = before.execute("SELECT count(*) FROM contact").fetchone()[0]
    uids_before = sorted(r[0] for r in before.execute("SELECT uid FROM contact"))
    before.close()

    with open_directory(old) as d:
        assert d.schema_version() == migrations.SCHEMA_VERSION
        assert contacts.contact_count(d) == n_before
        ids = search_ids(d, SearchQuery(text="stojanovska"))
        records = contacts.get_contacts(d, ids)
        assert [r.keywords for r in records if "fixture v1" in r.keywords]
        every = contacts.get_contacts(d, search_ids(d, SearchQuery()))
        assert sorted(r.uid for r in every) == uids_before

    fresh = tmp_path / "fresh.db"
    open_directory(fresh).close()
    assert _schema(old) == _schema(fresh)
    backups = list(tmp_path.glob(f"v{version}.db.v{version}-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == n_before
    conn.close()


def test_a_failing_step_leaves_the_directory_at_its_version(tmp_path: Path, monkeypatch) -> None:
    old = tmp_path / "v1.db"
    shutil.copy(FIXTURES / "schema_v1.db", old)

    def broken(conn) -> None:
        conn.exec_driver_sql("ALTER TABLE country ADD COLUMN route VARCHAR")
        conn.exec_driver_sql("SELECT * FROM no_such_table")

    monkeypatch.setitem(migrations.STEPS, 2, broken)
    with pytest.raises(Exception, match="no_such_table"):
        open_directory(old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    cols = [r[1] for r in conn.execute("PRAGMA table_info(country)")]
    assert "route" not in cols
    conn.close()


def test_moldovan_names_take_the_latin_spelling_moldova_writes(tmp_path: Path) -> None:
    """Version 5: a Cyrillic name of Moldova spelt from the Russian ("Chobanu") is spelt the Romanian way
    ("Ciobanu"), and found so; a Latin spelling someone gave ("Muntyanu-Own" in the fixture) is kept. A Ukrainian's
    name written the Russian way ("Наталия") is "Nataliya", no longer "Natalyia". A Greek name with ξ is found written
    with ks."""
    old = tmp_path / "v4.db"
    shutil.copy(FIXTURES / "schema_v4.db", old)
    with open_directory(old) as d:
        every = contacts.get_contacts(d, search_ids(d, SearchQuery(countries=("MD",))))
        names = sorted((r.family_name, r.latin_given_name, r.latin_family_name) for r in every)
        assert names == [
            ("Иванов", "Serghei", "Ivanov"),
            ("Мунтяну", "Natalia", "Muntyanu-Own"),
            ("Чобану", "Ion", "Ciobanu"),
        ]
        found = contacts.get_contacts(d, search_ids(d, SearchQuery(text="ciobanu")))
        assert [r.family_name for r in found] == ["Чобану"]
        assert [r.family_name for r in contacts.get_contacts(d, search_ids(d, SearchQuery(text="chobanu")))] == [
            "Чобану"
        ]
        # and a Greek ξ is found written ks
        ukrainian = contacts.get_contacts(d, search_ids(d, SearchQuery(text="petrenko")))
        assert [(r.latin_given_name, r.latin_family_name) for r in ukrainian] == [("Nataliya", "Petrenko")]
        found = contacts.get_contacts(d, search_ids(d, SearchQuery(text="aleksiou")))
        assert sorted(r.given_name for r in found) == ["Χρήστος", "Χριστίνα"]


@pytest.mark.parametrize(
    ("text", "family"),
    [("kosevski", "Ќосевски"), ("ćosevski", "Ќосевски"), ("gorgi", "Ќосевски"), ("zvezdoski", "Ѕвездоски"),
     ("vasilios", "Οικονόμου"), ("ikonomou", "Οικονόμου"), ("ekaterini", "Μπακογιάννη")],
)  # fmt: skip
def test_macedonian_and_greek_names_as_people_type_them(tmp_path: Path, text: str, family: str) -> None:
    """Version 6: Ќосевски was found only as "kjosevski" and Βασίλειος only as "vasileios"; a directory of
    version 5 gains the spellings people type, as a new one has them."""
    old = tmp_path / "v5.db"
    shutil.copy(FIXTURES / "schema_v5.db", old)
    with open_directory(old) as d:
        assert d.schema_version() == migrations.SCHEMA_VERSION
        found = contacts.get_contacts(d, search_ids(d, SearchQuery(text=text)))
        assert [r.family_name for r in found] == [family]
    with open_directory(tmp_path / "new.db") as d:
        people = (("Ѓорѓи", "Ќосевски", "MK"), ("Зоран", "Ѕвездоски", "MK"), ("Βασίλειος", "Οικονόμου", "GR"),
                  ("Αικατερίνη", "Μπακογιάννη", "GR"))  # fmt: skip
        for given, name, country in people:
            contacts.add_contact(d, ContactInput(given_name=given, family_name=name, country=country))
        found = contacts.get_contacts(d, search_ids(d, SearchQuery(text=text)))
        assert [r.family_name for r in found] == [family]
