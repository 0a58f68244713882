"""Languages typed by people (the contact dialog, a list's languages column) read back as language codes."""

from __future__ import annotations

import pytest

from directory_app.core.languages import language_name, parse_languages, resolve_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("en", "en"),
        ("English", "en"),
        ("FRENCH", "fr"),
        ("Français", "fr"),
        ("srpski", "sr"),
        ("српски", "sr"),
        ("srpski jezik", "sr"),  # not Serbo-Croatian, which also begins "srpsk"
        ("English language", "en"),
        ("French (fluent)", "fr"),
        ("Македонски", "mk"),
        ("engleski", "en"),
        ("английский", "en"),
        ("Shqip", "sq"),
        ("Türkçe", "tr"),
        ("Ελληνικά", "el"),
        ("engleskog", "en"),  # inflected forms
        ("srpskog", "sr"),  # not Serbo-Croatian: "srpskohrvatski" is far longer
        ("Serbo-Croatian", "sh"),
        # Romani has no two-letter code: it is not Romansh or Romanian, whose names begin with the same letters
        ("Romani", "rom"),
        ("romski jezik", "rom"),
        ("ромски", "rom"),
        ("Romany", "rom"),
        ("Aromanian", "rup"),
        ("Romansh", "rm"),
        ("rumunski", "ro"),
        ("romanes", None),  # Romanian, Romansh or Romani: left unread, not guessed
        ("Farsi", "fa"),
        ("new", None),  # three-letter codes (Newari) are not read from words
        ("Dothraki", None),
        ("", None),
    ],
)
def test_a_language_in_any_of_the_regions_languages_and_scripts(text: str, code: str | None) -> None:
    assert resolve_language(text) == code


def test_a_list_of_languages() -> None:
    assert parse_languages("English, French") == (["en", "fr"], [])
    assert parse_languages("engleski i francuski") == (["en", "fr"], [])
    assert parse_languages("EN/FR; en") == (["en", "fr"], [])
    assert parse_languages("Deutsch und Englisch") == (["de", "en"], [])
    assert parse_languages("Bosanski, Hrvatski, Srpski") == (["bs", "hr", "sr"], [])
    assert parse_languages("Albanian, Dothraki") == (["sq"], ["Dothraki"])
    assert parse_languages("") == ([], [])
    assert language_name("sr") == "Serbian" and language_name("xx") == "xx"
    assert language_name("rom", "sr_Latn") == "romski"
    assert parse_languages("srpski, romski, Romanes") == (["sr", "rom"], ["Romanes"])
