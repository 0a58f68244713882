"""Phone numbers typed any way (or stored by Excel as numbers) read into E.164 with `phonenumbers`.

Decisions:
- An extension ("ext. 12", "x12", "lok. 12", "kućni 12", "dahili 12", "доб. 12") is kept after the number as RFC 3966
  writes it: "+38733280000;ext=123". E.164 itself has none; phonenumbers reads that form back and a `tel:` link
  takes it as it is. Before, the extension was dropped and a switchboard's number was all that was left. (A vCard
  gives the number alone and the extension in a note: see `vcard._tel`.)
- A number that cannot be read keeps its text in `raw` and a short human reason in `problem`.
- Empty input (None, "", whitespace, NaN) is PhoneResult(None, "", None): nothing to report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from directory_app.core.countries import country_name

if TYPE_CHECKING:
    from directory_app.core.records import PhoneEntry

__all__ = ["PhoneResult", "format_international", "is_extension", "normalise_phone", "phone_type_hint"]


@dataclass(frozen=True)
class PhoneResult:
    e164: str | None
    raw: str
    problem: str | None  # short human reason when e164 is None and raw is not empty
    # phonenumbers says MOBILE (the vCard TEL TYPE when a list says none); derived from e164, so not compared
    mobile: bool = field(default=False, compare=False)


# A remark in brackets with a letter in it: "(office)", "(Mr Petrović)". Not "(0)".
_REMARK = re.compile(r"\([^)]*[^\W\d_][^)]*\)")
# Letters after the first digit: phonenumbers reads letters as vanity digits ("mob" -> 662), which
# would silently turn "+381 11 1234567 mob" into a wrong but "valid" number.
_TEXT_AFTER_DIGITS = re.compile(r"(?<=\d)[^\d]*?[^\W\d_].*$", re.DOTALL)
# A number that went through a float on its way to a CSV ("381113012345.0"): read as digits, ".0" would be one.
_FLOAT_TEXT = re.compile(r"(\+?[\d ]*\d)\.0+")
# An extension in the words of the region's lists: "lok. 123" (lokal), "kućni 12", "int. 5", "dahili 123", "poste 12",
# "DW 12" (Durchwahl), "доб. 12", "вътр. 12", "локал 12". phonenumbers knows "ext", "x" and "доб" only; the others
# would be read as vanity letters or cut off. Written by hand: no library knows these words.
# Also "kl. 45" (klapka, Czech and Slovak), "interior 19876" (Romanian), "mellék 12" (Hungarian), "εσωτ. 12" (Greek).
_EXTENSION_WORDS = (
    r"(?:ext(?:ension|n)?|x|lok(?:al(?:ni)?)?|ku[cć]ni|int(?:erni|erno|erior)?|dahili|poste|durchwahl|dw|kl(?:apka)?"
    r"|mell[eé]k|εσωτ(?:ερικό)?|доб|вн(?:утр)?|вътр(?:ешен)?|локал|лок)"
)
_EXTENSION_WORD = rf"{_EXTENSION_WORDS}\.?\s*[:=]?\s*(\d{{1,6}})\s*$"
_EXTENSION = re.compile(rf"(?<=\d)\s*[,;]?\s*{_EXTENSION_WORD}", re.IGNORECASE)
# An extension in brackets, "(ext. 2345)", "(int. 12)": read before the brackets are taken for a remark.
_BRACKETED_EXTENSION = re.compile(rf"\(\s*({_EXTENSION_WORDS}\.?\s*[:=]?\s*\d{{1,6}})\s*\)", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_EXTENSION_ALONE = re.compile(rf"\s*{_EXTENSION_WORD}", re.IGNORECASE)
# A number a spreadsheet wrote in scientific notation ("3.81641234567E+11"): whole when every digit is there.
_SCIENTIFIC = re.compile(r"(\d)[.,](\d+)[eE]\+?(\d{1,2})")


def is_extension(text: str) -> bool:
    """Whether `text` is an extension alone ("lok. 124", "kućni 45"): a cell's numbers split at commas give it
    apart from the number it belongs to."""
    return _EXTENSION_ALONE.fullmatch(text) is not None


def _region(default_region: str | None) -> str | None:
    if not default_region:
        return None
    region = default_region.strip().upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def _kind(number: PhoneNumber) -> int | None:
    """The number's type when it is valid, else None.

    phonenumbers' is_valid_number() is `number_type(n) != UNKNOWN` worked out again: asking for the type once
    both validates the number and gives the TYPE hint (tests/core/test_phones.py checks the two agree)."""
    kind = phonenumbers.number_type(number)
    return None if kind == PhoneNumberType.UNKNOWN else kind


def _valid(text: str, region: str | None) -> tuple[PhoneNumber, int] | None:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    kind = _kind(number)
    return None if kind is None else (number, kind)


def _result(read: tuple[PhoneNumber, int], raw: str) -> PhoneResult:
    number, kind = read
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if number.extension:
        e164 += f";ext={number.extension}"
    return PhoneResult(e164, raw, None, kind == PhoneNumberType.MOBILE)


def _invalid_reason(text: str, region: str | None) -> str:
    """Why `text` is not a valid number, in a few words."""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            if region is None and not text.lstrip().startswith(("+", "00")):
                return "no country to read a local number"
            return "unknown country calling code"
        if exc.error_type == NumberParseException.TOO_SHORT_NSN:
            return "too short to be a phone number"
        if exc.error_type == NumberParseException.TOO_LONG:
            if len(list(phonenumbers.PhoneNumberMatcher(text, region or "ZZ"))) > 1:
                return "several numbers in one cell"
            return "too long to be a phone number"
        if len(list(phonenumbers.PhoneNumberMatcher(text, region or "ZZ"))) > 1:
            return "several numbers in one cell"
        return "not a phone number"
    where = phonenumbers.region_code_for_number(number) or region
    if where and where != "001":
        return f"not a valid number for {country_name(where)}"
    return f"unknown country calling code +{number.country_code}"


def _from_digits(digits: str, region: str | None) -> PhoneResult:
    """Digits Excel stored as a number: the leading "+" or "0" was lost on the way.

    International first (when the digits start with a country calling code and make a valid number),
    else a national number without its trunk prefix in `region` (phonenumbers accepts "61123456" for BA).
    """
    read = _valid("+" + digits, None) or (_valid(digits, region) if region else None)
    if read is not None:
        return _result(read, digits)
    if region is None:
        return PhoneResult(None, digits, "not a valid international number, and no country to read it")
    return PhoneResult(None, digits, _invalid_reason(digits, region))


def _number_to_digits(value: int | float) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer() or value < 0:
            return None
        value = int(value)  # exact: phone numbers have at most 15 digits, well under 2**53
    return str(value) if value > 0 else None


def normalise_phone(value: str | int | float | None, default_region: str | None) -> PhoneResult:
    """Read a phone number into E.164.

    `default_region` (ISO alpha-2, "XK" for Kosovo) is the country used to read local numbers.
    Accepts "+381 11 123 4567", "00381 11 1234567", "011/123-4567" (region RS), "(0)11 123 4567",
    "+389 (0)2 3111 222", "Tel.: ...", bracketed remarks, and numbers Excel stored as int/float.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return PhoneResult(None, "", None)
    region = _region(default_region)
    if isinstance(value, int | float):
        digits = _number_to_digits(value)
        if digits is None:
            return PhoneResult(None, str(value), "not a phone number")
        return _from_digits(digits, region)

    raw = str(value).strip()
    if not raw:
        return PhoneResult(None, "", None)
    text = _REMARK.sub(" ", _BRACKETED_EXTENSION.sub(r" \1", raw) if "(" in raw else raw).strip()
    if _LETTER.search(text):  # every extension word has a letter: most numbers skip the longer pattern
        text = _EXTENSION.sub(r" ext. \1", text)
    if m := _FLOAT_TEXT.fullmatch(text):
        text = m[1]
    if m := _SCIENTIFIC.fullmatch(text):
        if len(m[2]) < int(m[3]):  # "3.81641E+11": the last digits were dropped when it was saved
            return PhoneResult(None, raw, "saved in scientific notation, its last digits lost: type it again")
        if len(m[2]) == int(m[3]):
            return _from_digits(m[1] + m[2], region)
    if text.isdigit() and not text.startswith("0"):
        # Digits only, no "+" and no trunk "0": an Excel number exported as text (CSV) looks like this.
        return _from_digits(text, region)

    candidates = [text]
    try:
        with_ext = phonenumbers.parse(text, region)
        has_extension = bool(with_ext.extension)
    except NumberParseException:
        with_ext, has_extension = None, False
    if not has_extension:
        trimmed = _TEXT_AFTER_DIGITS.sub("", text).strip()
        if trimmed and trimmed != text:
            candidates = [trimmed]
        elif with_ext is not None and (kind := _kind(with_ext)) is not None:
            return _result((with_ext, kind), raw)  # the common case: read once, valid as typed
    for candidate in list(candidates):
        # "00" is the international prefix almost everywhere in Europe; read it so without a region too.
        stripped = candidate.lstrip("( ")
        if stripped.startswith("00"):
            candidates.append("+" + stripped[2:])

    for candidate in candidates:
        read = _valid(candidate, region)
        if read is not None:
            return _result(read, raw)
    return PhoneResult(None, raw, _invalid_reason(candidates[-1], region))


def _parse_e164(e164: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(e164, None)
    except NumberParseException:
        return None


def format_international(e164: str) -> str:
    """Format like "+381 11 1234567"; return the input unchanged when it cannot be read."""
    number = _parse_e164(e164)
    if number is None:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


@lru_cache(maxsize=65_536)  # exports and lists format the same numbers again and again
def _international(e164: str) -> str:
    return format_international(e164)


def phone_text(entry: PhoneEntry, *, with_type: bool = False) -> str:
    """A stored phone as people read it: "+381 11 1234567", or the text as typed when it could not be read;
    `with_type` adds "(mobile)" or "(fax)"."""
    text = _international(entry.e164) if entry.e164 else entry.raw
    return f"{text} ({entry.type})" if with_type and entry.type in ("mobile", "fax") else text


def phone_type_hint(e164: str) -> str:
    """Return "mobile" when phonenumbers says MOBILE, else "work" (vCard TEL TYPE when a list says none)."""
    number = _parse_e164(e164)
    if number is not None and phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
        return "mobile"
    return "work"
