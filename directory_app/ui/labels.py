"""Display text for codes (countries, vocabularies, phones), cached: table cells ask for them on every paint."""

from __future__ import annotations

from functools import cache

from directory_app.core import vocab
from directory_app.core.countries import country_name
from directory_app.core.phones import format_international


@cache
def country_label(code: str | None) -> str:
    return country_name(code) if code else ""


@cache
def vocab_label(vocabulary: str, code: str) -> str:
    return vocab.label(vocabulary, code)


def vocab_labels(vocabulary: str, codes: tuple[str, ...] | list[str]) -> str:
    return ", ".join(vocab_label(vocabulary, c) for c in codes)


@cache
def phone_label(text: str) -> str:
    """E.164 numbers in international format ("+381 11 1234567"); text that is not a number as it is."""
    return format_international(text) if text.startswith("+") else text


def count_text(shown: int, total: int) -> str:
    """The status bar's "12 of 3,480 contacts"."""
    noun = "contact" if total == 1 else "contacts"
    if shown == total:
        return f"{total:,} {noun}"
    return f"{shown:,} of {total:,} {noun}"
