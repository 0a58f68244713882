"""Test helpers: check exported vCard bytes with the `vcard` validator and re-read them with vobject.

`vcard` is AGPL-3.0 and a test-only dependency: only the tests import it, never `directory_app`.
"""

from __future__ import annotations

import warnings

import vobject
from vcard.vcard_errors import VCardError
from vcard.vcard_validator import VCard

CRLF = b"\r\n"


class _CRLFText(str):
    """A card's text whose lines split at CRLF only.

    The validator splits with `str.splitlines`, which also breaks at U+0085, U+001C..U+001E, U+000B and U+000C.
    Fed the file's octets decoded as Latin-1 (one character per octet, the way the validator reads RFC 2425
    octets), the UTF-8 continuation octet 0x85 of a letter such as Cyrillic "х" (D1 85) or Polish "ą" (C4 85)
    would be taken for a line break. A vCard's only line separator is CRLF, so that is where we split.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        parts = str(self).split("\r\n")
        tail = parts.pop()
        lines = [p + "\r\n" if keepends else p for p in parts]
        if tail:
            lines.append(tail)
        return lines


def split_cards(data: bytes) -> list[bytes]:
    """The cards of a .vcf file's bytes, each from its BEGIN:VCARD line to its END:VCARD line and CRLF."""
    cards: list[bytes] = []
    current: list[bytes] = []
    for line in data.split(CRLF)[:-1] if data.endswith(CRLF) else data.split(CRLF):
        current.append(line + CRLF)
        if line == b"END:VCARD":
            cards.append(b"".join(current))
            current = []
    assert not current, "the file must end with an END:VCARD line and CRLF"
    return cards


def check_octets(data: bytes) -> None:
    """CRLF line ends only; no physical line over 75 octets; folds never split a UTF-8 sequence."""
    assert data.endswith(CRLF)
    lines = data[:-2].split(CRLF)
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, f"bare CR or LF in {line!r}"
        assert len(line) <= 75, f"line of {len(line)} octets: {line!r}"
        line.decode("utf-8")  # raises if a fold split a character


def validate_vcf(data: bytes) -> int:
    """Run the `vcard` validator over every card of `data`; returns the number of cards. Fails on any error
    and on the validator's "Long line" warning."""
    check_octets(data)
    cards = split_cards(data)
    for i, card in enumerate(cards):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                VCard(_CRLFText(card.decode("latin-1")))
            except VCardError as exc:
                raise AssertionError(f"card {i + 1} rejected by the validator: {exc}\n{card.decode()}") from None
        long_lines = [str(w.message) for w in caught if "Long line" in str(w.message)]
        assert not long_lines, long_lines
    return len(cards)


def read_cards(data: bytes) -> list[vobject.base.Component]:
    """Parse with vobject (the independent reader)."""
    return list(vobject.readComponents(data.decode("utf-8")))
