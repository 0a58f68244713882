"""Spoken languages of a contact: ISO 639-1 codes, their display names (babel/CLDR) and reading a name back."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError

DEFAULT_LOCALE = "en"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@cache
def _names(locale: str) -> dict[str, str]:
    try:
        names = Locale.parse(locale.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError, TypeError):
        names = Locale.parse(DEFAULT_LOCALE).languages
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


def language_name(code: str, locale: str = DEFAULT_LOCALE) -> str:
    """ "sr" -> "Serbian"; an unknown code is returned as it is."""
    key = (code or "").strip().lower()
    return _names(locale).get(key) or _names(DEFAULT_LOCALE).get(key) or code


def all_languages(locale: str = DEFAULT_LOCALE) -> list[tuple[str, str]]:
    """(code, name) for every ISO 639-1 language, sorted by name."""
    return sorted(_names(locale).items(), key=lambda item: (_fold(item[1]), item[0]))


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for locale in (DEFAULT_LOCALE, "fr", "de", "sr", "sr_Latn", "bs", "hr", "mk", "sq", "bg", "ro", "tr", "el", "ru"):
        for code, name in _names(locale).items():
            index.setdefault(_fold(name), code)
    for code in _names(DEFAULT_LOCALE):
        index[code] = code
    return index


def resolve_language(text: str) -> str | None:
    """An ISO 639-1 code from a code or a language name in English or a regional language; None if unknown.

    "en", "English", "srpski", "Македонски" all resolve.
    """
    key = _fold(text or "")
    if not key:
        return None
    return _index().get(key)
