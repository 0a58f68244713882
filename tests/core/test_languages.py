"""Languages typed by people (the contact dialog, a list's languages column) read back as ISO 639-1 codes."""

from __future__ import annotations

import json

import pytest

from directory_app.core import languages
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
        ("klingon", None),
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
    assert parse_languages("Albanian, Klingon") == (["sq"], ["Klingon"])
    assert parse_languages("") == ([], [])
    assert language_name("sr") == "Serbian" and language_name("xx") == "xx"


def test_the_index_is_kept_on_disk_and_rebuilt_when_damaged(tmp_path, monkeypatch) -> None:
    """Opening a contact for editing read 15 babel locales (0.28 s of frozen window) in every new process: the
    index is kept in the cache folder, read back with the same answers, and rebuilt when damaged."""
    from directory_app.core import cached_index

    monkeypatch.setenv("DIRECTORY_APP_DATA", str(tmp_path))
    languages._index.cache_clear()
    try:
        built = languages._index()
        path = cached_index.index_path("language-names", [languages.INDEX_FORMAT, languages.NAME_LOCALES])
        assert path.is_relative_to(tmp_path) and json.loads(path.read_text(encoding="utf-8")) == built
        languages._index.cache_clear()
        assert languages._index() == built  # read back from the file
        path.write_text('{"srpski": ', encoding="utf-8")  # a torn write
        languages._index.cache_clear()
        assert languages._index() == built
        assert resolve_language("Македонски") == "mk"
    finally:
        languages._index.cache_clear()
