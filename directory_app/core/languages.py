"""Spoken languages of a contact: language codes, their display names (babel/CLDR) and reading names back.

Codes are ISO 639-1 where the language has one, else the three-letter ISO 639-2/3 code (as BCP 47 does):
Romani ("rom") and Aromanian ("rup") are spoken along the routes and have no two-letter code.

One reader for every place a person types languages: the contact dialog's field and the languages column of a
registration list ("English, French", "engleski i francuski", "EN/FR", "Македонски").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError

from directory_app.core import cached_index
from directory_app.core.folding import fold

DEFAULT_LOCALE = "en"
# The locales whose language names are read back: English first (it wins a name two languages share), then
# French and German, then the languages of the region.
NAME_LOCALES = ("en", "fr", "de", "sr", "sr_Latn", "bs", "hr", "mk", "sq", "bg", "ro", "tr", "el", "ru", "uk")
INDEX_FORMAT = 2  # raise when the index's content changes without a change of what it is built from
# Between the languages of a list: separators, and "and" in the region's languages.
_INFLECTION = 3  # letters an inflected form may add or drop ("engleski" -> "engleskoga")
# Names in everyday use that CLDR does not give as a language's name (written by hand for that reason).
_ALIASES = {"farsi": "fa"}
_LIST_SPLIT = re.compile(r"\s*(?:[;,/\n|]|\s+and\s+|\s+i\s+|\s+и\s+|\s+et\s+|\s+und\s+|\s+ve\s+|\s+dhe\s+)\s*")


@cache
def _names(locale: str) -> dict[str, str]:
    try:
        names = Locale.parse(locale.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError, TypeError):
        names = Locale.parse(DEFAULT_LOCALE).languages
    # CLDR's three-letter codes are the languages without an ISO 639-1 code; longer keys are variants ("en_GB").
    return {code: name for code, name in names.items() if len(code) in (2, 3) and code.isalpha()}


def language_name(code: str, locale: str = DEFAULT_LOCALE) -> str:
    """ "sr" -> "Serbian"; an unknown code is returned as it is."""
    key = (code or "").strip().lower()
    return _names(locale).get(key) or _names(DEFAULT_LOCALE).get(key) or code


def all_languages(locale: str = DEFAULT_LOCALE) -> list[tuple[str, str]]:
    """(code, name) for every language CLDR names, sorted by name."""
    return sorted(_names(locale).items(), key=lambda item: (fold(item[1]), item[0]))


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    # Two-letter codes first: a name CLDR gives to a two-letter and a three-letter language keeps the first.
    for two_letters in (True, False):
        for locale in NAME_LOCALES:
            for code, name in _names(locale).items():
                if (len(code) == 2) == two_letters:
                    index.setdefault(fold(name), code)
    for name, code in _ALIASES.items():
        index.setdefault(name, code)
    for code in _names(DEFAULT_LOCALE):
        if len(code) == 2:  # not three-letter ones: typed alone they are words ("new", "war", "men")
            index[code] = code
    return index


@cache
def _index() -> dict[str, str]:
    """Folded name (in any of NAME_LOCALES, any script) or code -> ISO 639-1 code; kept in the cache folder
    between runs (see `cached_index`)."""
    return cached_index.load_index("language-names", _index_ident(), _build_index)


def _index_ident() -> list[object]:
    """Everything the index is built from besides babel (see `cached_index.index_path`)."""
    return [INDEX_FORMAT, NAME_LOCALES, _ALIASES]


@cache
def _stems() -> dict[str, list[tuple[int, str]]]:
    """The index's names by their first five letters (four for a four-letter name): (length, code) each."""
    stems: dict[str, list[tuple[int, str]]] = {}
    for name, code in _index().items():
        if len(name) >= 4:
            stems.setdefault(name[:5], []).append((len(name), code))
    return stems


@lru_cache(maxsize=4096)
def resolve_language(text: str) -> str | None:
    """A language code from a code or a language name in English or a regional language; None if unknown.

    "en", "English", "srpski", "Македонски", "romski" resolve; so does a name followed by other words ("English
    language", "srpski jezik", "French (fluent)"), and adjectival forms of the region's languages
    ("engleskog", "srpskog"), which begin with the same five letters as a name in the index of about their length
    (not "srpskohrvatski"). When those letters begin the names of several languages ("romanes": Romanian,
    Romansh, Romani), the text is not read: a wrong language on a contact is worse than one kept in the notes.
    """
    key = fold(text or "").strip(" .()")
    if not key:
        return None
    index = _index()
    words = key.split()
    for n in range(len(words), 0, -1):  # the whole text, then shorter runs of its first words
        code = index.get(" ".join(words[:n]))
        if code is not None:
            return code
    if len(key) >= 5:
        stems = _stems()
        codes = {
            code
            for length, code in (*stems.get(key[:5], ()), *stems.get(key[:4], ()))
            if abs(length - len(key)) <= _INFLECTION
        }
        common = {c for c in codes if len(c) == 2}
        if len(common) == 1:
            return common.pop()
        if not common and len(codes) == 1:
            return codes.pop()
    return None


def parse_languages(text: str) -> tuple[list[str], list[str]]:
    """(ISO 639-1 codes, the parts not recognised) from a list: "English, French", "engleski i francuski",
    "EN/FR". Each code once, in the order written."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in _LIST_SPLIT.split(text or ""):
        part = part.strip(" .()")
        if not part:
            continue
        code = resolve_language(part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown
