from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory_app.core.phones import PhoneResult, format_international, normalise_phone, phone_type_hint

BELGRADE = "+381111234567"

VALID = [
    ("+381 11 123 4567", None, BELGRADE),
    ("+381 11 123 4567", "BA", BELGRADE),
    ("00381 11 1234567", None, BELGRADE),
    ("00381 11 1234567", "RS", BELGRADE),
    ("011/123-4567", "RS", BELGRADE),
    ("011/123-4567", "rs", BELGRADE),
    ("(0)11 123 4567", "RS", BELGRADE),
    ("(011) 123-4567", "RS", BELGRADE),
    ("+381 (0)11 123 4567", None, BELGRADE),
    ("+389 (0)2 3111 222", None, "+38923111222"),
    ("+389 (0)2 3111 222", "RS", "+38923111222"),
    ("Tel.: +381 11 1234567", None, BELGRADE),
    ("Mob. 064/123-4567", "RS", "+381641234567"),
    ("381111234567", None, BELGRADE),  # Excel number exported as text: "+" lost
    ("061 123 456", "BA", "+38761123456"),
    ("+383 44 123 456", None, "+38344123456"),
    ("044 123 456", "XK", "+38344123456"),
    ("\u00a0+381\u00a011 123 4567\u00a0", None, BELGRADE),
]


@pytest.mark.parametrize(("value", "region", "e164"), VALID)
def test_text_numbers(value: str, region: str | None, e164: str) -> None:
    result = normalise_phone(value, region)
    assert result == PhoneResult(e164, value.strip(), None)


@pytest.mark.parametrize(
    "value",
    [
        "+381 11 1234567 (office)",
        "+381 11 1234567 office",
        "+381 11 1234567 mob",  # letters are not vanity digits here
        "+381 11 1234567 int",  # a word without a number after it is no extension
    ],
)
def test_remarks_dropped_from_e164_kept_in_raw(value: str) -> None:
    result = normalise_phone(value, "RS")
    assert result.e164 == BELGRADE
    assert result.raw == value
    assert result.problem is None


@pytest.mark.parametrize(
    ("value", "extension"),
    [
        ("+381 11 123 4567 ext. 12", "12"),
        ("+381 11 123 4567 x12", "12"),
        ("+381 11 1234567 lok. 5", "5"),  # lokal
        ("011 1234567 lokal 123", "123"),
        ("011/123-4567, kućni 45", "45"),
        ("+381 11 1234567 int. 7", "7"),
        ("+381 11 1234567 dahili 123", "123"),
        ("+381 11 1234567 DW 12", "12"),  # Durchwahl
        ("+381 11 1234567 доб. 123", "123"),
        ("+381 11 1234567 вътр. 123", "123"),
        ("+381 11 1234567 локал 12", "12"),
        ("+381111234567;ext=12", "12"),  # as stored (RFC 3966), pasted back
        # in brackets, and in Czech, Romanian, Hungarian and Greek: the extension was dropped
        ("+381 11 1234567 (ext. 2345)", "2345"),
        ("+381 11 1234567 (int. 12)", "12"),
        ("+381 11 1234567 kl. 45", "45"),
        ("+381 11 1234567 interior 19876", "19876"),
        ("+381 11 1234567 mellék 12", "12"),
        ("+381 11 1234567 εσωτ. 12", "12"),
    ],
)
def test_an_extension_is_kept_after_the_number(value: str, extension: str) -> None:
    """A switchboard's number without its extension reaches the switchboard, not the person: the extension was
    dropped until the fourteenth session."""
    result = normalise_phone(value, "RS")
    assert result.e164 == f"{BELGRADE};ext={extension}" and result.problem is None
    assert format_international(result.e164) == f"+381 11 1234567 ext. {extension}"
    assert normalise_phone(format_international(result.e164), None).e164 == result.e164  # an export reads back


def test_remark_with_name() -> None:
    assert normalise_phone("064 1234567 (Mr Petrović)", "RS").e164 == "+381641234567"


@pytest.mark.parametrize(
    ("value", "region", "e164", "raw"),
    [
        (381111234567, None, BELGRADE, "381111234567"),
        (381111234567.0, None, BELGRADE, "381111234567"),
        (381111234567, "BA", BELGRADE, "381111234567"),  # international wins when valid
        (381111234567.0, "RS", BELGRADE, "381111234567"),
        (61123456, "BA", "+38761123456", "61123456"),  # leading 0 lost: national in region
        (61123456.0, "BA", "+38761123456", "61123456"),
        (44123456, "XK", "+38344123456", "44123456"),
        (111234567, "RS", BELGRADE, "111234567"),
    ],
)
def test_excel_numbers(value: float, region: str | None, e164: str, raw: str) -> None:
    assert normalise_phone(value, region) == PhoneResult(e164, raw, None)


@pytest.mark.parametrize(
    ("value", "region", "e164"),
    [
        ("381111234567.0", None, BELGRADE),
        ("381111234567.0", "RS", BELGRADE),  # read whole as a Serbian number, it was +381 1112345670
        ("011 1234567.0", "RS", BELGRADE),
        ("+381 11 123 4567.0", None, BELGRADE),
        ("3.81111234567E+11", "RS", BELGRADE),
        ("3,81111234567E+11", None, BELGRADE),
    ],
)
def test_numbers_that_went_through_a_float_on_their_way_to_a_csv(value: str, region: str | None, e164: str) -> None:
    assert normalise_phone(value, region).e164 == e164


def test_a_number_whose_last_digits_scientific_notation_dropped() -> None:
    """ "3.81641E+11" was read as "3.81641" and reported as "not a valid number for Serbia"."""
    result = normalise_phone("3.81641E+11", "RS")
    assert result == PhoneResult(
        None, "3.81641E+11", "saved in scientific notation, its last digits lost: type it again"
    )


def test_float_never_scientific() -> None:
    result = normalise_phone(3.81e20, "RS")
    assert result.e164 is None
    assert "e" not in result.raw.lower()
    assert result.raw == "381000000000000000000"


def test_excel_number_without_region() -> None:
    result = normalise_phone(61123456, None)
    assert result.e164 is None
    assert result.raw == "61123456"
    assert result.problem


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_empty(value: object) -> None:
    assert normalise_phone(value, "RS") == PhoneResult(None, "", None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "region", "problem"),
    [
        ("011/123-4567", None, "no country to read a local number"),
        ("+381 11 123", "RS", "not a valid number for Serbia"),
        ("011 12", "RS", "not a valid number for Serbia"),
        ("044 12", "XK", "not a valid number for Kosovo"),
        ("+999 123456", None, "unknown country calling code"),
        ("abc", "RS", "not a phone number"),
        ("+381 64 1234567, +381 11 1234567", "RS", "several numbers in one cell"),
        ("+381 64 1234567 / 011 1234567", "RS", "several numbers in one cell"),
        (3.5, "RS", "not a phone number"),
        (-5, "RS", "not a phone number"),
        (True, "RS", "not a phone number"),
    ],
)
def test_invalid_keeps_raw_and_says_why(value: object, region: str | None, problem: str) -> None:
    result = normalise_phone(value, region)  # type: ignore[arg-type]
    assert result.e164 is None
    assert result.raw == str(value).strip()
    assert result.problem == problem


def test_unknown_region_treated_as_none() -> None:
    assert normalise_phone("011/123-4567", "QQ").problem == "no country to read a local number"
    assert normalise_phone("+381 11 123 4567", "QQ").e164 == BELGRADE


def test_format_international() -> None:
    assert format_international(BELGRADE) == "+381 11 1234567"
    assert format_international("+38923111222") == "+389 2 311 1222"  # phonenumbers groups it so
    assert format_international("not a number") == "not a number"


@given(st.integers(min_value=1, max_value=10**15), st.sampled_from([None, "RS", "BA", "XK", "MK", "TR", "UA"]))
def test_validity_is_a_known_number_type(digits: int, region: str | None) -> None:
    """normalise_phone validates by asking the number's type once: the same answer as is_valid_number()."""
    from phonenumbers import NumberParseException, PhoneNumberType

    for text in (f"+{digits}", f"0{digits}", str(digits)):
        try:
            number = phonenumbers.parse(text, region)
        except NumberParseException:
            continue
        known = phonenumbers.number_type(number) != PhoneNumberType.UNKNOWN
        assert phonenumbers.is_valid_number(number) == known


def test_mobile_is_told_from_the_same_reading() -> None:
    assert normalise_phone("+381 64 123 4567", None).mobile
    assert normalise_phone(38761123456, "BA").mobile
    assert not normalise_phone("011 123 4567", "RS").mobile


def test_phone_type_hint() -> None:
    assert phone_type_hint("+381641234567") == "mobile"
    assert phone_type_hint("+38761123456") == "mobile"
    assert phone_type_hint(BELGRADE) == "work"
    assert phone_type_hint("garbage") == "work"


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789 +()-/.x"),
        st.integers(),
        st.floats(),
    ),
    st.sampled_from([None, "RS", "BA", "XK", "MK", "DE", "QQ", ""]),
)
def test_never_raises_and_e164_is_valid(value: object, region: str | None) -> None:
    result = normalise_phone(value, region)  # type: ignore[arg-type]
    if result.e164 is not None:
        assert result.problem is None
        assert phonenumbers.is_valid_number(phonenumbers.parse(result.e164, None))
        assert result.mobile == (phone_type_hint(result.e164) == "mobile")
    elif result.raw:
        assert result.problem
    else:
        assert result.problem is None
