"""A name typed in another common spelling than the stored one finds it, on a real directory file."""

from __future__ import annotations

import pytest

from directory_app.core import contacts
from directory_app.core.folding import query_alternatives
from directory_app.core.records import ContactInput
from directory_app.core.search import SearchQuery, search

NAMES = [
    ("Мария", "Соколова", "RU"),  # Mariya
    ("Марія", "Бондаренко", "UA"),  # Mariia
    ("Наталия", "Морозова", "RU"),
    ("Анастасия", "Попова", "RU"),
    ("Виктория", "Ильина", "RU"),
    ("Ксения", "Волкова", "RU"),
    ("Юлия", "Щербакова", "RU"),
    ("Алексей", "Кузнецов", "RU"),
    ("Arben", "Krasniqi", "XK"),
    ("Besnik", "Krasnići", "ME"),
    ("Enver", "Hoxha", "AL"),
    ("Филип", "Ѓорѓиев", "MK"),
    ("Nenad", "Djordjevic", "RS"),
    ("Klaus", "Mueller", "AT"),
    ("Giulia", "De Luca", "IT"),
    ("Pieter", "van der Berg", "NL"),
    ("Βασίλειος", "Ευαγγέλου", "GR"),
]


@pytest.fixture
def people(directory):
    for given, family, country in NAMES:
        contacts.add_contact(directory, ContactInput(given_name=given, family_name=family, country=country))
    return directory


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("maria", ["Бондаренко", "Соколова"]),
        ("natalia", ["Морозова"]),
        ("anastasia", ["Попова"]),
        ("viktoria", ["Ильина"]),
        ("victoria", ["Ильина"]),
        ("ksenia", ["Волкова"]),
        ("xenia", ["Волкова"]),
        ("yulia", ["Щербакова"]),
        ("alexey", ["Кузнецов"]),
        ("alexei", ["Кузнецов"]),
        ("krasnici", ["Krasniqi", "Krasnići"]),
        ("krasniqi", ["Krasniqi", "Krasnići"]),
        ("hodza", ["Hoxha"]),
        ("Hodža", ["Hoxha"]),
        ("Хоџа", ["Hoxha"]),
        ("djordjiev", ["Ѓорѓиев"]),
        ("đorđiev", ["Ѓорѓиев"]),
        ("dordevic", ["Djordjevic"]),
        ("muller", ["Mueller"]),
        ("deluca", ["De Luca"]),
        ("vanderberg", ["van der Berg"]),
        ("Ευαγ", ["Ευαγγέλου"]),  # a prefix ending inside γγ, typed on the way
        ("Ευα", ["Ευαγγέλου"]),
        ("Ευαγγ", ["Ευαγγέλου"]),
    ],
)
def test_a_name_in_another_common_spelling_is_found(people, text: str, found: list[str]) -> None:
    assert sorted(r.family_name for r in search(people, SearchQuery(text=text))) == found


def test_short_words_and_plain_names_keep_one_spelling() -> None:
    """The first letters typed are a prefix of much: no other spellings tried for them (and none for words with
    nothing to spell otherwise)."""
    assert query_alternatives("jov dar") == [("jov",), ("dar",)]
    assert query_alternatives("jovanovic prosecutor") == [("jovanovic",), ("prosecutor",)]
