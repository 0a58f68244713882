"""The demo network generator: deterministic, fictional, consistent with the vocabularies."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

import pytest

from directory_app.core.demo import DEMO_EVENTS, DemoEvent, generate_demo
from directory_app.core.records import ContactInput

# The vocabulary codes, written out on purpose (the demo must not depend on vocab.py).
ROLES = {
    "judge", "prosecutor", "law_enforcement", "police_liaison", "central_authority", "ngo",
    "osce_field_operation", "international_organisation", "labour_inspector", "other",
}  # fmt: skip
EXPERTISE = {
    "trafficking_in_human_beings", "smuggling_of_migrants", "victim_assistance", "cross_border_cooperation",
    "financial_investigation", "cybercrime", "document_fraud", "border_management", "child_protection",
    "labour_exploitation", "asylum_migration",
}  # fmt: skip
ORG_TYPES = {
    "court", "prosecution", "police", "ministry", "ngo", "osce_field_operation", "international_organisation",
    "other",
}  # fmt: skip
PARTS = {"participant", "speaker", "organiser"}
ROLE_FOR_ORG_TYPE = {
    "court": {"judge"},
    "prosecution": {"prosecutor"},
    "police": {"law_enforcement", "police_liaison"},
    "ministry": {"central_authority", "labour_inspector"},
    "ngo": {"ngo"},
    "osce_field_operation": {"osce_field_operation"},
    "international_organisation": {"international_organisation"},
    "other": {"other"},
}
SEE_AND_ROUTES = {
    "AL", "BA", "BG", "HR", "CY", "GR", "XK", "ME", "MK", "MD", "RO", "RS", "SI", "TR", "UA", "HU", "AT",
    "IT", "DE", "CH",
}  # fmt: skip

Item = tuple[ContactInput, list[tuple[str, str]]]


@pytest.fixture(scope="module")
def demo() -> list[Item]:
    return list(generate_demo())


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}


def _is_example_domain(address: str) -> bool:
    domain = address.rpartition("@")[2]
    return (
        domain.endswith(".example")
        or domain in {"example.org", "example.com", "example.net"}
        or any(domain.endswith("." + d) for d in ("example.org", "example.com", "example.net"))
    )


def test_events_are_fictional_regional_seminars() -> None:
    assert 8 <= len(DEMO_EVENTS) <= 12
    assert len({e.name for e in DEMO_EVENTS}) == len(DEMO_EVENTS)
    for event in DEMO_EVENTS:
        assert isinstance(event, DemoEvent)
        assert date(2017, 1, 1) <= event.start_date <= event.end_date <= date(2026, 12, 31)
        assert event.country in SEE_AND_ROUTES
        assert event.city and event.organisers
        assert event.city in event.name


def test_default_size_and_determinism(demo: list[Item]) -> None:
    assert len(demo) == 300
    assert list(generate_demo()) == demo
    assert list(generate_demo(300, seed=2017)) == demo
    assert list(generate_demo(300, seed=1)) != demo


def test_small_and_empty_sizes() -> None:
    assert list(generate_demo(0)) == []
    assert len(list(generate_demo(3))) == 3
    with pytest.raises(ValueError):
        list(generate_demo(-1))


@pytest.mark.parametrize("seed", [0, 1, 2017, 99991])
@pytest.mark.parametrize("size", [20, 57, 300])
def test_required_people_present(size: int, seed: int) -> None:
    contacts = [c for c, _ in generate_demo(size, seed)]
    by_family = {c.family_name: c for c in contacts}

    assert by_family["Đorđević"].country in {"RS", "BA"}
    assert by_family["Šehić"].country == "BA"
    assert by_family["Јовановић"].country == "RS"
    assert by_family["Özdemir"].country == "TR"
    assert any("GREEK" in _scripts(c.family_name) for c in contacts)
    # Ukrainian or Russian Cyrillic (letters Serbian/Macedonian/Bulgarian do not use, or country UA/MD)
    assert any("CYRILLIC" in _scripts(c.family_name) and c.country in {"UA", "MD"} for c in contacts)


def test_names_in_their_own_scripts_latin_left_to_the_store() -> None:
    contacts = [c for c, _ in generate_demo(3000, 5)]
    for c in contacts:
        assert c.given_name and c.family_name
        assert c.latin_given_name == "" and c.latin_family_name == ""
    serbian = [c for c in contacts if c.country == "RS"]
    cyrillic = sum("CYRILLIC" in _scripts(c.family_name) for c in serbian)
    latin = sum(_scripts(c.family_name) == {"LATIN"} for c in serbian)
    assert cyrillic > latin > 0
    for code in ("GR", "MK", "BG", "UA"):
        names = [c.family_name for c in contacts if c.country == code]
        script = "GREEK" if code == "GR" else "CYRILLIC"
        assert names and sum(script in _scripts(n) for n in names) / len(names) > 0.6
    turkish = {c.family_name for c in contacts if c.country == "TR"}
    assert {"Özdemir", "Yılmaz"} <= turkish


def test_countries_and_distribution(demo: list[Item]) -> None:
    countries = Counter(c.country for c, _ in demo)
    assert len(countries) >= 15
    assert set(countries) <= SEE_AND_ROUTES
    org_types = Counter(c.organisation_type for c, _ in demo)
    assert org_types["police"] > org_types["court"]
    assert org_types["prosecution"] > org_types["court"]
    assert org_types["ngo"] > 0 and org_types["international_organisation"] > 0
    assert org_types["osce_field_operation"] > 0
    expertise = Counter(code for c, _ in demo for code in c.expertise)
    assert expertise.most_common(1)[0][0] == "trafficking_in_human_beings"
    assert expertise["smuggling_of_migrants"] > expertise["document_fraud"]
    # International staff in Vienna and Geneva
    big = [c for c, _ in generate_demo(3000, 3)]
    assert any(c.country == "AT" and c.organisation_type == "international_organisation" for c in big)
    assert any(c.country == "CH" and c.organisation_type == "international_organisation" for c in big)


def test_codes_within_vocabularies_and_consistent(demo: list[Item]) -> None:
    for contact, events in demo:
        assert contact.source == "demo"
        assert contact.organisation and contact.city and contact.position
        assert contact.organisation_type in ORG_TYPES
        assert contact.roles and set(contact.roles) <= ROLES
        assert set(contact.roles) <= ROLE_FOR_ORG_TYPE[contact.organisation_type]
        assert 1 <= len(contact.expertise) <= 3
        assert len(set(contact.expertise)) == len(contact.expertise)
        assert set(contact.expertise) <= EXPERTISE
        assert contact.honorific in {"", "Mr", "Ms", "Dr", "Prof."}
        assert contact.languages and all(re.fullmatch(r"[a-z]{2}", lang) for lang in contact.languages)
        assert len(set(contact.languages)) == len(contact.languages)
        assert len(contact.keywords) <= 3
        if contact.last_verified is not None:
            assert date(2018, 1, 1) <= contact.last_verified <= date(2026, 12, 31)
        assert len(events) <= 3
        names = [name for name, _ in events]
        assert len(set(names)) == len(names)
        for name, part in events:
            assert name in {e.name for e in DEMO_EVENTS}
            assert part in PARTS
    parts = Counter(part for _, events in demo for _, part in events)
    assert parts["participant"] > parts["speaker"] > 0
    assert parts["organiser"] > 0
    assert any(not events for _, events in demo)


def test_emails_unique_and_on_reserved_domains() -> None:
    items = list(generate_demo(5000, 11))
    addresses = [e.address for c, _ in items for e in c.emails]
    assert len(addresses) == len(set(addresses))
    for address in addresses:
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+", address), address
        assert _is_example_domain(address), address
    counts = Counter(len(c.emails) for c, _ in items)
    assert counts[0] > 0 and counts[1] > counts[2] > 0 and max(counts) <= 2


def test_phones_e164_and_valid() -> None:
    phonenumbers = pytest.importorskip("phonenumbers")
    items = list(generate_demo(5000, 13))
    counts = Counter(len(c.phones) for c, _ in items)
    assert counts[0] > 0 and counts[1] > 0 and counts[2] > 0 and max(counts) <= 2
    types = Counter(p.type for c, _ in items for p in c.phones)
    assert set(types) == {"work", "mobile"}
    for contact, _ in items:
        for phone in contact.phones:
            assert phone.e164 is not None
            assert re.fullmatch(r"\+[0-9]{8,15}", phone.e164), phone
            parsed = phonenumbers.parse(phone.e164)
            assert phonenumbers.is_valid_number(parsed), phone
            assert phonenumbers.region_code_for_number(parsed) == contact.country


def test_large_size_runs() -> None:
    # The generator is meant to produce 100 000 contacts in a few seconds; keep the test cheap.
    count = 0
    addresses: set[str] = set()
    for contact, _ in generate_demo(5000, 42):
        count += 1
        for email in contact.emails:
            assert email.address not in addresses
            addresses.add(email.address)
    assert count == 5000
