"""Indexes of names kept in the cache folder between runs (core/cached_index.py): countries and languages."""

from __future__ import annotations

import json

import pytest

from directory_app.core import cached_index, countries, languages


@pytest.mark.parametrize(
    ("index", "path", "lookup"),
    [
        (
            countries._index,
            countries._index_cache_path,
            lambda: countries.resolve_country("Србија") == "RS",
        ),
        (
            languages._index,
            lambda: cached_index.index_path("language-names", languages._index_ident()),
            lambda: languages.resolve_language("Македонски") == "mk",
        ),
    ],
    ids=["countries", "languages"],
)
def test_an_index_is_kept_on_disk_read_back_and_rebuilt_when_damaged(tmp_path, monkeypatch, index, path, lookup):
    """Building them reads babel's locale data in every new process (0.7-0.9 s for countries; 0.28 s of frozen
    window for languages, the first time a contact was opened for editing). The saved copy gives the same
    answers, and a damaged copy is rebuilt instead of being trusted."""
    monkeypatch.setenv("DIRECTORY_APP_DATA", str(tmp_path))
    index.cache_clear()
    try:
        built = index()
        saved = path()
        assert saved.is_relative_to(tmp_path) and json.loads(saved.read_text(encoding="utf-8")) == built
        index.cache_clear()
        assert index() == built  # read back from the file
        saved.write_text('{"serbia": ', encoding="utf-8")  # a torn write
        index.cache_clear()
        assert index() == built
        assert lookup()
    finally:
        index.cache_clear()


def test_the_file_name_changes_with_what_the_index_is_built_from() -> None:
    assert cached_index.index_path("x", [1]) != cached_index.index_path("x", [2])
    assert cached_index.index_path("x", [1]) == cached_index.index_path("x", [1])
