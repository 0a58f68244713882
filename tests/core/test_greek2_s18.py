"""A Greek name written in Latin letters is found however else it is put in Latin letters ("yorgos", "economou" for
Giorgos Oikonomou of Greece), as the same name in Greek letters is; and a directory of schema 7 gains the sound keys
it lacked (Greek keywords, Latin-letter names of Greek people) when it is opened."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from directory_app.core import contacts, migrations
from directory_app.core.folding import greek_latin_keys
from directory_app.core.records import ContactInput
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import Directory, open_directory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PEOPLE = [  # given, family, country, languages, Latin spelling beside a Greek name
    ("Giorgos", "Oikonomou", "GR", ["el", "en"], ("", "")),
    ("Vasileios", "Bakogiannis", "CY", [], ("", "")),
    ("Dimitrios", "Papadopoulos", "GR", ["el"], ("", "")),
    ("Eleni", "Georgiou", "GR", [], ("", "")),
    ("Ali", "Kaya", "CY", ["tr", "en"], ("", "")),  # a Turkish Cypriot: not read the Greek way
    ("Emre", "Yılmaz", "CY", [], ("", "")),  # nor a name with letters no Greek name is written with
    ("Ντόρα", "Μπακογιάννη", "BE", ["el", "fr"], ("Dora", "Bakoyannis")),
    ("Γιάννης", "Chatzidakis", "DE", ["de"], ("", "")),  # a Greek given name beside a family name in Latin letters
    ("Ivan", "Ivanov", "BG", ["bg"], ("", "")),
    ("Kaja", "Novak", "SI", ["sl"], ("", "")),
    ("Andreas", "Economides", "DE", ["de"], ("", "")),  # of another country: found as written only
]


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    with open_directory(tmp_path_factory.mktemp("greek2") / "d.db") as d:
        for given, family, country, languages, (latin_given, latin_family) in PEOPLE:
            contacts.add_contact(
                d,
                ContactInput(
                    given_name=given,
                    family_name=family,
                    country=country,
                    languages=languages,
                    latin_given_name=latin_given,
                    latin_family_name=latin_family,
                ),
            )
        yield d


def _found(d: Directory, text: str) -> list[str]:
    return sorted(r.family_name for r in contacts.get_contacts(d, search_ids(d, SearchQuery(text=text))))


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("economou", "Oikonomou"),
        ("ikonomou", "Oikonomou"),
        ("oikonomou", "Oikonomou"),
        ("yorgos", "Oikonomou"),
        ("yorgos ekonomou", "Oikonomou"),
        ("vasilios", "Bakogiannis"),
        ("vasilios bakoyannis", "Bakogiannis"),
        ("papadopulos", "Papadopoulos"),
        ("dimitrios", "Papadopoulos"),
        ("yeoryiou", "Georgiou"),
        ("eleni yeoryiou", "Georgiou"),
    ],
)
def test_a_greek_name_in_latin_letters_is_found_by_sound(directory: Directory, text: str, family: str) -> None:
    assert _found(directory, text) == [family]


def test_the_latin_spelling_beside_a_greek_name_is_keyed(directory: Directory) -> None:
    """Her Latin spelling "Bakoyannis" beside Μπακογιάννη: "bakojannis" is its sound (the Greek gives "bakojani");
    a family name in Latin letters after a Greek given name, whatever the country."""
    assert _found(directory, "bakojannis") == ["Bakogiannis", "Μπακογιάννη"]
    assert _found(directory, "bakoyannis") == ["Bakogiannis", "Μπακογιάννη"]
    assert _found(directory, "hadjidakis") == _found(directory, "hatzidakis") == ["Chatzidakis"]


def test_a_different_name_form_is_not_found(directory: Directory) -> None:
    """Dimitris is another form of the name than Dimitrios: not found by it (nor Papadopoulos by "papadopoulou")."""
    assert _found(directory, "dimitris") == []
    assert _found(directory, "papadopoulou") == []


def test_people_of_other_countries_and_languages_are_not_read_the_greek_way(directory: Directory) -> None:
    assert _found(directory, "ivan") == ["Ivanov"]
    assert _found(directory, "kaja") == ["Novak"]  # not Ali Kaya, a Turkish Cypriot
    assert _found(directory, "jilmaz") == []
    assert _found(directory, "ekonomides") == []  # Economides of Germany: as written only
    assert _found(directory, "economides") == ["Economides"]
    assert greek_latin_keys("Doğan") == []
    assert greek_latin_keys("Γιώργος") == []


def test_a_changed_contact_keeps_its_keys(directory: Directory) -> None:
    """Editing the contact writes its search text again, with the keys (and without them once no longer Greek)."""
    found = search_ids(directory, SearchQuery(text="Georgiou"))
    record = contacts.get_contacts(directory, found)[0]
    for country in ("IT", "GR"):
        contacts.update_contact(
            directory, record.id, ContactInput(given_name="Eleni", family_name="Georgiou", country=country)
        )
        assert _found(directory, "yeoryiou") == ([] if country == "IT" else ["Georgiou"])


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("economou", "Oikonomou"),  # a name in Latin letters of a person of Greece (written at version 7)
        ("yorgos", "Oikonomou"),
        ("bakoyannis", "Bakogiannis"),
        ("vasilios", "Bakogiannis"),
        ("yeoryiou", "Georgiou"),
        ("bakojannis", "Μπακογιάννη"),  # the Latin spelling beside a Greek name
        ("igumenitsa", "Marković"),  # a Greek keyword of a contact written at version 6
        ("kalabaka", "Ιωάννου"),  # of a Greek-named one: version 7 keyed the names alone
    ],
)
def test_a_directory_of_schema_7_gains_the_keys(tmp_path: Path, text: str, family: str) -> None:
    """Version 8: the fixture was written by the app: its v6 fixture opened at version 6, two contacts with a Greek
    keyword added; then opened at version 7 (upgraded) and six contacts added, four with Greek names in Latin letters.
    Opened now, it is backed up first, and finds them as a new directory does."""
    old = tmp_path / "v7.db"
    shutil.copy(FIXTURES / "schema_v7.db", old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    conn.close()
    with open_directory(old) as d:
        assert d.schema_version() == migrations.SCHEMA_VERSION == 8
        assert family in _found(d, text)
        assert "Kaya" not in _found(d, "kaja")
        assert _found(d, "dimitris") == []
    backups = list(tmp_path.glob("v7.db.v7-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    conn.close()


def test_the_upgrade_gives_what_a_new_contact_gets(tmp_path: Path) -> None:
    """Every contact of the upgraded fixture has every word of the search text the app writes for it now."""
    old = tmp_path / "v7.db"
    shutil.copy(FIXTURES / "schema_v7.db", old)
    with open_directory(old) as d:
        every = contacts.get_contacts(d, search_ids(d, SearchQuery()))
        conn = sqlite3.connect(old)
        stored = dict(conn.execute("SELECT rowid, folded FROM contact_fts").fetchall())
        conn.close()
        for record in every:
            want = contacts.index_text(record.to_input()).split()
            assert set(want) <= set(stored[record.id].split()), (record.family_name, want, stored[record.id])
