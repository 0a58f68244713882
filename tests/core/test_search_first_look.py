"""What the window shows before the directory is open, and the searches that answer before the index is built:
they must give exactly what the index gives afterwards."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from directory_app.core import contacts
from directory_app.core.migrations import SCHEMA_VERSION
from directory_app.core.records import ContactInput
from directory_app.core.search import (
    SearchQuery,
    facet_counts,
    facet_counts_in,
    fetch_rows,
    first_look,
    index_is_current,
    search_ids,
    search_ids_in,
    whole_directory_counts_in,
)
from directory_app.core.store import open_directory
from tests.core.test_search_index import _queries


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_look_is_what_the_open_directory_shows(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "look.db"
    path.write_bytes(demo_db.read_bytes())
    look = first_look(path, page=25)
    assert look is not None
    with open_directory(path) as directory:
        with directory.read() as session:
            assert look.ids == search_ids_in(session, SearchQuery())
        assert look.ids == search_ids(directory, SearchQuery()), "the index's order, exactly"
        assert look.total == 300
        assert look.rows == fetch_rows(directory, look.ids[:25])
        assert look.counts == facet_counts(directory, SearchQuery())
        assert look.events == [(e.id, e.name) for e in contacts.list_events(directory)]


def test_first_look_reads_only(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "look.db"
    path.write_bytes(demo_db.read_bytes())
    before = _digest(path)
    assert first_look(path, page=100) is not None
    assert _digest(path) == before


def test_no_first_look_at_anything_unusual(demo_db: Path, tmp_path: Path) -> None:
    assert first_look(tmp_path / "missing.db", 100) is None
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n" * 100, encoding="utf-8")
    assert first_look(notes, 100) is None
    assert notes.read_text(encoding="utf-8").startswith("shopping list")

    secret = tmp_path / "secret.db"
    open_directory(secret, passphrase="correct horse battery").close()
    assert first_look(secret, 100) is None, "encrypted: the opening asks for the passphrase"

    empty = tmp_path / "empty.db"
    open_directory(empty).close()
    look = first_look(empty, 100)
    assert look is not None and look.total == 0 and look.rows == []

    older = tmp_path / "older.db"
    older.write_bytes(demo_db.read_bytes())
    conn = sqlite3.connect(older)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    assert first_look(older, 100) is None, "another schema version: the opening upgrades it first"


def test_sql_answers_exactly_as_the_index(demo_directory) -> None:
    for query in _queries(demo_directory):
        expected = search_ids(demo_directory, query)  # the index
        with demo_directory.read() as session:
            assert search_ids_in(session, query) == expected, query
            assert search_ids_in(session, query, limit=3) == expected[:3]


def test_whole_directory_counts_without_the_index(demo_directory) -> None:
    def check() -> None:
        with demo_directory.read() as session:
            counts = whole_directory_counts_in(session)
            assert counts == facet_counts_in(session, SearchQuery())
        assert counts == facet_counts(demo_directory, SearchQuery())

    check()
    # after writes that add, move and remove facet values (a contact without organisation or country too)
    added = contacts.add_contact(
        demo_directory,
        ContactInput(given_name="Ana", family_name="Aaberg", country="MT", roles=["judge"], expertise=["cybercrime"]),
    )
    contacts.add_contact(demo_directory, ContactInput(given_name="Nobody", family_name="Inparticular"))
    with demo_directory.write() as session:
        session.connection().exec_driver_sql("UPDATE organisation SET type = 'ngo' WHERE type = 'police'")
    check()
    contacts.delete_contacts(demo_directory, [added.id])
    check()


def test_search_without_waiting_for_the_index(demo_directory) -> None:
    query = SearchQuery(text="a", roles=("prosecutor", "judge"))
    with demo_directory.read() as session:
        expected = search_ids_in(session, query)
    assert not index_is_current(demo_directory)
    assert search_ids(demo_directory, query, build_index=False) == expected
    assert "search_index" not in demo_directory.extras, "answered from SQL, nothing built"

    assert search_ids(demo_directory, query) == expected  # builds the index
    assert index_is_current(demo_directory)
    assert search_ids(demo_directory, query, build_index=False) == expected

    added = contacts.add_contact(demo_directory, ContactInput(given_name="Ana", family_name="Aaberg", roles=["judge"]))
    assert not index_is_current(demo_directory), "a write makes it out of date"
    fresh = search_ids(demo_directory, query, build_index=False)
    assert added.id in fresh
    assert not index_is_current(demo_directory), "still from SQL: the rebuild is left to the caller"
    assert search_ids(demo_directory, query) == fresh
