from __future__ import annotations

import pycountry
import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from directory_app.core import countries
from directory_app.core.countries import (
    OSCE_PARTICIPATING,
    OSCE_PARTNERS,
    SEE_COUNTRIES,
    CountryInfo,
    all_countries,
    country_name,
    fold,
    get_country,
    is_country_code,
    resolve_city,
    resolve_country,
)

RESOLVES = [
    ("BiH", "BA"),
    ("B&H", "BA"),
    ("Bosna i Hercegovina", "BA"),
    ("Босна и Херцеговина", "BA"),
    ("Bosnia and Herzegovina", "BA"),
    ("Bosnia & Herzegovina", "BA"),
    ("FYROM", "MK"),
    ("FYR Macedonia", "MK"),
    ("Macedonia", "MK"),
    ("Северна Македонија", "MK"),
    ("North Macedonia", "MK"),
    ("Macédoine du Nord", "MK"),
    ("MKD", "MK"),
    ("Turkiye", "TR"),
    ("Türkiye", "TR"),
    ("TÜRKİYE", "TR"),
    ("Turkey", "TR"),
    ("Shqipëria", "AL"),
    ("Shqiperia", "AL"),
    # Albanian names with their article, as Albanian lists write them (CLDR has "Kroaci", "Francë", "Zvicër")
    ("Kroacia", "HR"),
    ("Greqia", "GR"),
    ("Gjermania", "DE"),
    ("Turqia", "TR"),
    ("Franca", "FR"),
    ("Bosnja dhe Hercegovina", "BA"),
    ("Bosnja-Hercegovina", "BA"),
    ("Zvicra", "CH"),
    ("Mal i Zia", None),  # not a spelling anyone writes
    # a state's words around its name, and the three-letter codes lists use besides ISO's
    ("Republic of Kosovo", "XK"),
    ("Republika Kosovo", "XK"),
    ("Republic of Turkey", "TR"),
    ("Türkiye Cumhuriyeti", "TR"),
    ("Republika Crna Gora", "ME"),
    ("Republic of Korea", None),  # which Korea: not guessed
    ("Republika", None),
    ("KOS", "XK"),
    ("ROM", "RO"),
    ("B i H", "BA"),
    ("Albanie", "AL"),
    ("Србија", "RS"),
    ("Srbija", "RS"),
    ("Serbia", "RS"),
    ("Сербия", "RS"),
    ("République de Moldavie", "MD"),
    ("Республика Молдова", "MD"),
    ("Молдова", "MD"),
    ("Republic of Moldova", "MD"),
    ("Hellenic Republic", "GR"),
    ("Ελλάδα", "GR"),
    ("ΕΛΛΆΔΑ", "GR"),
    ("Griechenland", "GR"),
    ("Kosovo", "XK"),
    ("Kosova", "XK"),
    ("Kosovo*", "XK"),
    ("XK", "XK"),
    ("Crna Gora", "ME"),
    ("Црна Гора", "ME"),
    ("Hrvatska", "HR"),
    ("Україна", "UA"),
    ("Украина", "UA"),
    ("Deutschland", "DE"),
    ("Österreich", "AT"),
    ("Oesterreich", None),  # folding strips diacritics, it does not spell them out
    ("Italia", "IT"),
    ("RS", "RS"),
    ("rs", "RS"),
    ("SRB", "RS"),
    ("  serbia  ", "RS"),
    ("Republic of Serbia", "RS"),
    ("Republika Srbija", "RS"),
    ("Република Србија", "RS"),
    ("Република Северна Македонија", "MK"),
    ("Serbia (host)", "RS"),
    ("Serbia [1]", "RS"),
    ("Serbia¹", "RS"),
    ("UK", "GB"),
    ("Great Britain", "GB"),
    ("Holland", "NL"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("Atlantis", None),
    ("", None),
    ("   ", None),
    ("N/A", None),
    ("-", None),
    ("***", None),
    # short and local forms seen on lists from Skopje, Tirana, Pristina, Chișinău
    ("Македонија", "MK"),
    ("Maqedonia", "MK"),
    ("Makedonya", "MK"),
    ("Македония", "MK"),
    ("RSM", "MK"),
    ("Mali i Zi", "ME"),
    ("БиХ", "BA"),
    ("Молдавия", "MD"),
    # a nationality or citizenship column; parts of a country; an article
    ("Serbian", "RS"),
    ("srpsko", "RS"),
    ("shqiptare", "AL"),
    ("Kosovar", "XK"),
    ("Türk", "TR"),
    ("Moldovan", "MD"),
    ("Republika Srpska", "BA"),
    ("UNMIK", "XK"),
    ("The Netherlands", "NL"),
    ("Roma", None),  # a people, and Rome in Italian: not a country
    # abbreviated: they were unknown, and the rows' local phone numbers kept as typed
    ("N. Macedonia", "MK"),
    ("Republic of N. Macedonia", "MK"),
    ("R. North Macedonia", "MK"),
    ("RNM", "MK"),
    ("Sev. Makedonija", "MK"),
    ("С. Македонија", "MK"),
    ("K. Makedonya", "MK"),
    ("Rep. of Moldova", "MD"),
    ("Moldova, Rep.", "MD"),
    ("R. Srbija", "RS"),
    ("Р. Србија", "RS"),
    ("R. Srpska", "BA"),
    ("Czech Rep.", "CZ"),
    ("U.K.", "GB"),
    ("N. Korea", "KP"),  # a direction is never left out
    ("S. Macedonia", None),
]


@pytest.mark.parametrize(("text", "code"), RESOLVES)
def test_resolve_country(text: str, code: str | None) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("Beograd", "RS"), ("Скопје", "MK"), ("Shkup", "MK"), ("Üsküp", "MK"), ("Tiranë", "AL"), ("Kishinev", "MD"),
     ("Αθήνα", "GR"), ("Wien", "AT"), ("Pristina", "XK"), ("Banja Luka", "BA"), ("Thessaloniki", "GR"),
     ("Bijeljina", "BA"), ("Horgos", "RS"), ("Šid", "RS"), ("Gevgelija", "MK"), ("Kapitan Andreevo", "BG"),
     ("Röszke", "HU"), ("Đakovica", "XK"), ("Serbia", None), ("Atlantis", None), ("", None)],
)  # fmt: skip
def test_resolve_city(text: str, code: str | None) -> None:
    """A city written in a country column: CLDR's time zone cities in every language, and the region's next
    largest. A country's name is not a city."""
    assert resolve_city(text) == code
    assert code is None or resolve_country(text) is None


def test_no_town_of_the_list_is_also_a_country_or_a_nationality() -> None:
    """A country cell is read as a country first: a town spelled like one (or like a demonym) would never be found."""
    from directory_app.core.countries import _CITIES

    assert [(name, code) for code, names in _CITIES.items() for name in names if resolve_country(name)] == []


def test_resolve_country_non_string() -> None:
    assert resolve_country(None) is None
    assert resolve_country(42) is None  # type: ignore[arg-type]


# The region's abbreviations that shadow an ISO code: a Montenegrin list's "CG" read as Congo dialled its
# participants' local numbers in Africa (+242).
SHADOWED = {"CG": "ME", "BH": "BA", "SH": "AL"}


@pytest.mark.parametrize(
    ("text", "code"),
    [*SHADOWED.items(), ("NMK", "MK"), ("RKS", "XK"), ("RSH", "AL"), ("SLO", "SI"), ("CRO", "HR"), ("EL", "GR"),
     ("RM", "MD"), ("Bahrain", "BH"), ("Congo", "CG"), ("Saint Helena", "SH")],
)  # fmt: skip
def test_the_regions_abbreviations_over_the_iso_codes_they_shadow(text: str, code: str) -> None:
    assert resolve_country(text) == code


def test_every_country_resolves_from_its_names_and_codes() -> None:
    for info in all_countries():
        assert resolve_country(info.code) == SHADOWED.get(info.code, info.code)
        assert resolve_country(info.name) == info.code, info
    for c in pycountry.countries:
        assert resolve_country(c.alpha_3) == c.alpha_2
        assert resolve_country(c.name) == c.alpha_2


@pytest.mark.parametrize("locale", ["de", "fr", "ru", "sr", "sr_Latn", "sq", "mk", "tr", "el", "bs", "hr"])
def test_localised_names_of_region_resolve(locale: str) -> None:
    for code in SEE_COUNTRIES:
        assert resolve_country(country_name(code, locale)) == code, (locale, code)


def test_fold() -> None:
    assert fold("TÜRKİYE") == fold("Türkiye") == fold("Turkiye") == fold("türkıye") == "turkiye"
    assert fold("  B&H ") == "b h"
    assert fold("Đakovica") == "dakovica"
    assert fold("Côte d’Ivoire") == "cote d ivoire"


@given(st.text())
def test_fold_idempotent_and_resolve_never_raises(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    result = resolve_country(text)
    assert result is None or is_country_code(result)


def test_index_builds_once() -> None:
    countries._index.cache_clear()
    index = countries._index()
    assert len(index) > 10_000
    assert countries._index() is index


def test_index_build_leaves_babel_cache_intact() -> None:
    countries._index.cache_clear()
    countries._index()
    # A regional locale must still inherit its parent's names (i.e. no unmerged data cached).
    assert Locale.parse("de_AT").territories["RS"] == "Serbien"
    assert Locale.parse("sr_Latn_BA").territories["RS"] == "Srbija"


def test_country_name() -> None:
    assert country_name("BA") == "Bosnia and Herzegovina"
    assert country_name("ba") == "Bosnia and Herzegovina"
    assert country_name("MK") == "North Macedonia"
    assert country_name("TR") in {"Türkiye", "Turkey"}
    assert country_name("XK") == "Kosovo"
    assert country_name("RS", "sr") == "Србија"
    assert country_name("RS", "sr_Latn") == "Srbija"
    assert country_name("RS", "sr-Latn") == "Srbija"
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("RS", "no-such-locale") == "Serbia"
    assert country_name("QQ") == "QQ"
    assert " & " not in "".join(c.name for c in all_countries())


def test_all_countries() -> None:
    result = all_countries()
    codes = [c.code for c in result]
    assert len(codes) == len(set(codes)) == len(pycountry.countries) + 1
    assert "XK" in codes
    names = [fold(c.name) for c in result]
    assert names == sorted(names)
    assert all(isinstance(c, CountryInfo) for c in result)
    de = all_countries("de")
    assert next(c for c in de if c.code == "DE").name == "Deutschland"
    assert all_countries() is not all_countries()  # callers may mutate their list


def test_get_country_and_osce() -> None:
    assert get_country("RS") == CountryInfo("RS", "Serbia", "participating")
    assert get_country("mn") == CountryInfo("MN", "Mongolia", "participating")
    assert get_country("VA").osce == "participating"  # type: ignore[union-attr]
    assert get_country("AD").osce == "participating"  # type: ignore[union-attr]
    assert get_country("JP").osce == "partner"  # type: ignore[union-attr]
    assert get_country("KR").osce == "partner"  # type: ignore[union-attr]
    assert get_country("XK").osce is None  # type: ignore[union-attr]
    assert get_country("BR").osce is None  # type: ignore[union-attr]
    assert get_country("ZZ") is None
    assert get_country("") is None


def test_osce_lists() -> None:
    assert len(OSCE_PARTICIPATING) == 57
    assert len(OSCE_PARTNERS) == 11
    assert not OSCE_PARTICIPATING & OSCE_PARTNERS
    assert all(is_country_code(c) for c in OSCE_PARTICIPATING | OSCE_PARTNERS)


def test_see_countries() -> None:
    assert len(SEE_COUNTRIES) == len(set(SEE_COUNTRIES))
    assert all(is_country_code(c) for c in SEE_COUNTRIES)
    assert {"AL", "BA", "XK", "MK", "RS", "TR", "UA"} <= set(SEE_COUNTRIES)


def test_is_country_code() -> None:
    assert is_country_code("RS")
    assert is_country_code("xk")
    assert not is_country_code("SRB")
    assert not is_country_code("EU")
    assert not is_country_code("")
