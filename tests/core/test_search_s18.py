"""Search as people type it: a city by any of its names (local, English, the neighbours'), Greek names however they
are put in Latin letters; and a directory of schema 6 gains the Greek names' sound keys when it is opened."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from directory_app.core import contacts, migrations
from directory_app.core.folding import fold_index_text
from directory_app.core.records import ContactInput
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import Directory, open_directory
from tests.core.cli_helpers import run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PEOPLE = [  # given, family, country, city as it was stored
    ("Petar", "Petrović", "RS", "Belgrade"),
    ("Ana", "Jovanović", "RS", "Beograd"),
    ("Ion", "Rusu", "MD", "Chișinău"),
    ("Sergei", "Lungu", "MD", "Кишинёв"),
    ("Marko", "Markovski", "MK", "Скопје"),
    ("Goran", "Trajkov", "MK", "Skopje"),
    ("Arben", "Leka", "AL", "Tiranë"),
    ("Valon", "Krasniqi", "XK", "Priština"),
    ("Nina", "Radulović", "ME", "Подгорица"),
    ("Amra", "Šehić", "BA", "Sarajevo"),
    ("Ante", "Matić", "HR", "Zagreb"),
    ("Ivan", "Ivanov", "BG", "Sofia"),
    ("Maria", "Ionescu", "RO", "București"),
    ("Eleni", "Dimou", "GR", "Αθήνα"),
    ("Nikos", "Samaras", "GR", "Thessaloniki"),
    ("Mehmet", "Öztürk", "TR", "Istanbul"),
    ("Hans", "Bauer", "AT", "Wien"),
    ("Mojca", "Kovač", "SI", "Ljubljana"),
    ("Zsolt", "Nagy", "HU", "Budapest"),
    ("Luca", "Rossi", "IT", "Roma"),
    ("Giulia", "Gallo", "CH", "Genève"),
    ("Radu", "Popa", "RO", "Constanța"),  # of the Romanian Border Police: "rome" must not find him
    ("Βασίλειος", "Οικονόμου", "GR", ""),
    ("Αικατερίνη", "Μπακογιάννη", "GR", ""),
    ("Νίκος", "Παπαδόπουλος", "GR", ""),
    ("Γεώργιος", "Γεωργίου", "CY", "Λευκωσία"),
    ("Andreas", "Ekonomidis", "DE", ""),  # of Germany, in Latin letters: found as written, not by sound
    ("Ευάγγελος", "Σταύρου", "GR", ""),
    ("Ανδρέας", "Δημητρίου", "CY", ""),
    ("Μάνος", "Χατζηδάκης", "GR", ""),
    ("Ιωάννης", "Παπαγεωργίου", "GR", ""),
]


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    with open_directory(tmp_path_factory.mktemp("s18") / "d.db") as d:
        for given, family, country, city in PEOPLE:
            organisation = "Romanian Border Police" if family == "Popa" else ""
            contacts.add_contact(
                d,
                ContactInput(
                    given_name=given, family_name=family, country=country, city=city, organisation=organisation
                ),
            )
        yield d


def _found(d: Directory, text: str) -> list[str]:
    return sorted(r.family_name for r in contacts.get_contacts(d, search_ids(d, SearchQuery(text=text))))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("beograd", ["Jovanović", "Petrović"]),
        ("Београд", ["Jovanović", "Petrović"]),
        ("belgrade", ["Jovanović", "Petrović"]),
        ("kishinev", ["Lungu", "Rusu"]),
        ("chisinau", ["Lungu", "Rusu"]),
        ("Кишинёв", ["Lungu", "Rusu"]),
        ("Скопје", ["Markovski", "Trajkov"]),
        ("skopje", ["Markovski", "Trajkov"]),
        ("tirana", ["Leka"]),
        ("prishtina", ["Krasniqi"]),
        ("priştine", ["Krasniqi"]),
        ("podgorica", ["Radulović"]),
        ("Сарајево", ["Šehić"]),
        ("Загреб", ["Matić"]),
        ("София", ["Ivanov"]),
        ("bucharest", ["Ionescu"]),
        ("athens", ["Dimou"]),
        ("athina", ["Dimou"]),
        ("solun", ["Samaras"]),
        ("selanik", ["Samaras"]),
        ("Θεσσαλονίκη", ["Samaras"]),
        ("carigrad", ["Öztürk"]),
        ("vienna", ["Bauer"]),
        ("beč", ["Bauer"]),
        ("Љубљана", ["Kovač"]),
        ("budimpešta", ["Nagy"]),
        ("rome", ["Rossi"]),
        ("geneva", ["Gallo"]),
        ("ženeva", ["Gallo"]),
        ("nicosia", ["Γεωργίου"]),
        ("nikos", ["Samaras", "Παπαδόπουλος"]),  # a city by its whole name only: Nikos is no Nikosia
        ("beograd jovanovic", ["Jovanović"]),
    ],
)
def test_a_city_is_found_by_its_other_names(directory: Directory, text: str, found: list[str]) -> None:
    assert _found(directory, text) == found


def test_a_citys_other_names_are_whole_words(directory: Directory) -> None:
    """Rome's "Rom" (German) is no prefix of "Romanian"; "bec" typed in ASCII is the start of Becker, not Beč."""
    assert _found(directory, "rome") == ["Rossi"]
    assert _found(directory, "border police") == ["Popa"]
    assert _found(directory, "bec") == []


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("economou", "Οικονόμου"),
        ("ikonomou", "Οικονόμου"),
        ("oikonomou", "Οικονόμου"),
        ("econo", "Οικονόμου"),
        ("bakoyanni", "Μπακογιάννη"),
        ("bakogianni", "Μπακογιάννη"),
        ("bakojani", "Μπακογιάννη"),
        ("bakog", "Μπακογιάννη"),
        ("papadopoulos", "Παπαδόπουλος"),
        ("papadopulos", "Παπαδόπουλος"),
        ("georgiou", "Γεωργίου"),
        ("yeoryiou", "Γεωργίου"),
        ("yeoryios yeoryiou", "Γεωργίου"),
        ("ekaterini bakojani", "Μπακογιάννη"),
        ("demetriou", "Δημητρίου"),
        ("dimitriou", "Δημητρίου"),
        ("hadjidakis", "Χατζηδάκης"),
        ("chatzidakis", "Χατζηδάκης"),
    ],
)
def test_a_greek_name_is_found_however_it_is_put_in_latin_letters(directory: Directory, text: str, family: str) -> None:
    assert _found(directory, text) == [family]


def test_a_name_in_latin_letters_is_not_found_by_sound(directory: Directory) -> None:
    assert _found(directory, "ekonomidis") == ["Ekonomidis"]
    assert _found(directory, "ikonomidis") == []


def test_a_name_typed_in_greek_is_found_as_typed(directory: Directory) -> None:
    """Its sound key would find more: "Παπαδ" is no Παπαγεωργίου (the key of "papa" begins both)."""
    assert _found(directory, "Παπαδ") == ["Παπαδόπουλος"]
    assert _found(directory, "papad") == ["Παπαδόπουλος"]


def test_sounds_apart_stay_apart(directory: Directory) -> None:
    """e and i are kept apart: "ivan" is not Ευάγγελος (evangelos), who is found as people write him."""
    assert _found(directory, "ivan") == ["Ivanov"]
    assert _found(directory, "evaggelos stavrou") == ["Σταύρου"]
    assert _found(directory, "evangelos stavru") == ["Σταύρου"]


def test_one_sound_key_per_greek_word() -> None:
    from directory_app.core.folding import sound_key, sound_query

    assert sound_key("oikonomou") == sound_key("ikonomou")
    assert fold_index_text("Οικονόμου").split()[-2:] == [f"0{sound_key('ikonomou')}", f"0{sound_key('economou')}"]
    assert sound_key("bakoyanni") == sound_key("mpakogianni") == sound_key("bakojani")
    assert sound_query("jov") is None  # the first letters typed are a prefix of too much
    assert fold_index_text("Μπακογιάννη").split() == ["mpakogianni", "bakogianni", "0vakojani", "0vakojane"]  # η: e
    assert fold_index_text("Bakoyanni").split() == ["bakoyanni"]  # nothing for text in Latin letters


def test_the_cli_finds_a_city_and_a_greek_name(directory: Directory) -> None:
    for text, family in (("beograd", "Petrović"), ("bakojani", "Μπακογιάννη")):
        done = run_cli("search", text, "--db", str(directory.path), "--format", "json")
        assert done.returncode == 0, done.stderr
        assert family in {p["family_name"] for p in json.loads(done.stdout)}


@pytest.mark.parametrize(
    ("text", "family"),
    [("economou", "Οικονόμου"), ("bakojani", "Μπακογιάννη"), ("papadopulos", "Παπαδόπουλος"),
     ("yeoryiou", "Γεωργίου"), ("belgrade", "Petrović"), ("kishinev", "Rusu")],
)  # fmt: skip
def test_a_directory_of_schema_6_finds_greek_names_by_sound(tmp_path: Path, text: str, family: str) -> None:
    """Version 7: the Greek names of a directory of version 6 gain their sound keys, as a new one has them (the
    fixture was written by the app at schema 6: its v5 fixture opened, four contacts added)."""
    old = tmp_path / "v6.db"
    shutil.copy(FIXTURES / "schema_v6.db", old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    conn.close()
    with open_directory(old) as d:
        assert d.schema_version() == migrations.SCHEMA_VERSION
        assert family in _found(d, text)
