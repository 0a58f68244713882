"""vCard 3.0 export: validator-clean, re-read by vobject, safe against injection, atomic."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory_app.core.contacts import add_contact, split_postal_code
from directory_app.core.records import ContactInput, ContactRecord, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search
from directory_app.core.vcard import card_filename, escape, fold, vcard_for, vcards_text, write_vcards
from tests.vcard_checks import check_octets, read_cards, split_cards, validate_vcf

NAMES = [
    # (given, family, country, organisation)
    ("Đorđe", "Đorđević", "RS", "Viši javni tužilac u Beogradu – Posebno odeljenje za suzbijanje trgovine ljudima"),
    ("Ђорђе", "Ђорђевић", "RS", "Више јавно тужилаштво у Београду – Посебно одељење за сузбијање трговине људима"),
    ("Ѓорѓи", "Трајковски", "MK", "Министерство за внатрешни работи на Република Северна Македонија"),
    ("Алексей", "Щербаков", "RU", "Генеральная прокуратура Российской Федерации"),
    ("Ґалина", "Їжакевич", "UA", "Національна поліція України — Департамент протидії торгівлі людьми"),
    ("Χριστίνα", "Αλεξίου", "GR", "Υπουργείο Προστασίας του Πολίτη – Ελληνική Αστυνομία"),
    ("Çağrı", "Şahinoğlu", "TR", "İçişleri Bakanlığı Göç İdaresi Genel Müdürlüğü – Düzensiz Göçle Mücadele"),
    ("Ivana", "Kovačić-Šimunović", "HR", "Ministarstvo unutarnjih poslova – Ravnateljstvo policije"),
]


def _add(directory, given, family, country, org, **extra) -> ContactRecord:
    data = ContactInput(
        given_name=given,
        family_name=family,
        country=country,
        organisation=org,
        position=extra.pop("position", "Prosecutor"),
        city=extra.pop("city", "Beograd"),
        address=extra.pop("address", "Kneza Miloša 101, 11000"),
        emails=[EmailEntry("first.person@example.org", "work"), EmailEntry("p@example.net", "other")],
        phones=[PhoneEntry(None, "+381 63 123 4567", "mobile"), PhoneEntry(None, "+381 11 765 4321", "work")],
        roles=extra.pop("roles", ["prosecutor"]),
        expertise=extra.pop("expertise", ["trafficking_in_human_beings", "smuggling_of_migrants"]),
        notes=extra.pop("notes", "Met at the Ohrid seminar.\nSpeaks Serbian and English; prefers e-mail."),
        **extra,
    )  # fmt: skip
    return add_contact(directory, data)


TEL_TYPES_SEEN = (["CELL", "VOICE", "PREF"], ["WORK", "VOICE"])


@pytest.mark.parametrize(("given", "family", "country", "org"), NAMES)
def test_round_trip_through_vobject(directory, given, family, country, org) -> None:
    record = _add(directory, given, family, country, org)
    data = vcard_for(record).encode("utf-8")
    assert validate_vcf(data) == 1
    (card,) = read_cards(data)
    assert card.n.value.given == given
    assert card.n.value.family == family
    assert card.fn.value == f"{given} {family}"
    assert card.org.value == [org]
    assert card.title.value == "Prosecutor"
    assert [(e.value, e.params["TYPE"]) for e in card.email_list] == [
        ("first.person@example.org", ["INTERNET", "WORK", "PREF"]),
        ("p@example.net", ["INTERNET"]),
    ]
    phones = [(t.value, t.params["TYPE"]) for t in card.tel_list]
    assert phones == [(p.e164, t) for p, t in zip(record.phones, TEL_TYPES_SEEN, strict=True)]
    assert card.note.value == "Met at the Ohrid seminar.\nSpeaks Serbian and English; prefers e-mail."
    assert card.categories.value == ["Prosecutor", "Trafficking in human beings", "Smuggling of migrants"]
    assert card.uid.value == record.uid
    assert card.adr.value.city == "Beograd"
    assert (card.adr.value.street, card.adr.value.code) == ("Kneza Miloša 101", "11000")
    assert card.adr.value.country  # the country's name, e.g. "Serbia"
    assert card.rev.value == record.updated_at.isoformat(timespec="seconds") + "Z"
    if record.latin_family_name:  # not Latin: the transliteration rides along as the phonetic name
        assert card.x_phonetic_first_name.value == record.latin_given_name
        assert card.x_phonetic_last_name.value == record.latin_family_name
        assert card.x_phonetic_last_name.value.isascii() or "đ" in card.x_phonetic_last_name.value.lower()
    else:
        assert "x_phonetic_last_name" not in card.contents


def test_non_latin_names_carry_phonetic_latin(directory) -> None:
    record = _add(directory, "Χριστίνα", "Αλεξίου", "GR", "Ελληνική Αστυνομία")
    text = vcard_for(record)
    assert "X-PHONETIC-FIRST-NAME:Christina\r\n" in text
    assert "X-PHONETIC-LAST-NAME:Alexiou\r\n" in text


def test_long_cyrillic_lines_fold_at_75_octets_on_character_boundaries(directory) -> None:
    org = NAMES[1][3]
    assert len(org) < 90 < len(org.encode())  # vobject would leave this line unfolded
    record = _add(directory, "Ђорђе", "Ђорђевић", "RS", org)
    data = vcard_for(record).encode()
    check_octets(data)
    org_lines = data.split(b"ORG:")[1].split(b"\r\nTITLE")[0].split(b"\r\n")
    assert len(org_lines) >= 2
    assert all(line.startswith(b" ") for line in org_lines[1:])
    assert b"".join(line[1:] if i else line for i, line in enumerate(org_lines)).decode() == org


def test_fold_limits_and_escapes() -> None:
    assert fold("N:short") == "N:short"
    line = "NOTE:" + "ж" * 100
    folded = fold(line)
    pieces = folded.encode().split(b"\r\n")
    assert all(len(p) <= 75 for p in pieces)
    assert all(p.startswith(b" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line
    # A backslash stays with the character it escapes.
    for pad in range(70, 80):
        line = "NOTE:" + "a" * pad + "\\n" + "b" * 80
        folded = fold(line)
        for piece in folded.split("\r\n "):
            stripped = piece.rstrip("\\")
            assert (len(piece) - len(stripped)) % 2 == 0, piece
        assert folded.replace("\r\n ", "") == line
    # Four-octet characters (emoji, historic scripts) are never split either.
    line = "NOTE:" + "𝔊" * 40
    assert all(len(p) <= 75 for p in fold(line).encode().split(b"\r\n"))
    fold(line).encode().decode()


def test_escape_rules() -> None:
    assert escape("a;b,c\\d") == "a\\;b\\,c\\\\d"
    assert escape("x\r\ny\rz\nw\u2028v\u2029u\x85t") == "x\\ny\\nz\\nw\\nv\\nu\\nt"
    assert escape("bell\x07 nul\x00 del\x7f esc\x1b") == "bell nul del esc"
    assert escape("tab\there") == "tab here"
    assert escape("Gree\u037e") == "Gree\\;"  # NFC turns GREEK QUESTION MARK into ";": escaped after NFC
    assert escape("Đorđe\u0301") == unicodedata.normalize("NFC", "Đorđe\u0301")
    assert escape("Ђ\ud800") == "Ђ"  # a lone surrogate cannot be written as UTF-8
    assert escape("") == "" and escape(None) == ""


INJECTION = "Evil\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Forged\r\nTEL:+100"


@pytest.mark.parametrize("field", ["given_name", "family_name", "organisation", "position", "notes", "city", "address"])
def test_injection_stays_inside_its_field(directory, field) -> None:
    record = _add(directory, "Ana", "Marić", "HR", "Policija")
    record = replace(record, **{field: INJECTION})
    data = vcard_for(record).encode()
    assert validate_vcf(data) == 1
    (card,) = read_cards(data)
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VCARD") == 1 and lines.count(b"END:VCARD") == 1
    value = {
        "given_name": lambda: card.n.value.given,
        "family_name": lambda: card.n.value.family,
        "organisation": lambda: card.org.value[0],
        "position": lambda: card.title.value,
        "notes": lambda: card.note.value,
        "city": lambda: card.adr.value.city,
        "address": lambda: card.adr.value.street,
    }[field]()
    assert value == INJECTION.replace("\r\n", "\n")
    assert "Forged" not in [c.value for c in card.contents.get("fn", [])]
    assert len(card.tel_list) == 2


def test_injection_in_types_cannot_reach_a_parameter(directory) -> None:
    record = _add(directory, "Ana", "Marić", "HR", "Policija")
    evil = "work\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Forged"
    record = replace(
        record,
        emails=(EmailEntry("ana@example.org", evil),),
        phones=(PhoneEntry("+38512345678", "", evil), PhoneEntry(None, "0800;TYPE=X:\r\nEND:VCARD", "mobile")),
    )
    data = vcard_for(record).encode()
    assert validate_vcf(data) == 1
    (card,) = read_cards(data)
    assert card.email.params["TYPE"] == ["INTERNET"]
    assert [t.params["TYPE"] for t in card.tel_list] == [["VOICE", "PREF"], ["CELL", "VOICE"]]
    assert card.tel_list[1].value == "0800;TYPE=X:\nEND:VCARD"


def test_demo_network_exports_validator_clean(demo_directory, tmp_path: Path) -> None:
    records = search(demo_directory, SearchQuery())
    result = write_vcards(records, tmp_path / "all.vcf")
    data = (tmp_path / "all.vcf").read_bytes()
    assert result.count == len(records) == 300 and result.size == len(data)
    assert validate_vcf(data) == 300
    cards = read_cards(data)
    assert [c.uid.value for c in cards] == [r.uid for r in records]
    assert [(c.n.value.given, c.n.value.family) for c in cards] == [(r.given_name, r.family_name) for r in records]
    assert [[e.value for e in c.contents.get("email", [])] for c in cards] == [
        [e.address for e in r.emails] for r in records
    ]
    assert [[t.value for t in c.contents.get("tel", [])] for c in cards] == [
        [p.text for p in r.phones] for r in records
    ]
    assert data == vcards_text(records).encode()


def test_split_zip_and_folder(demo_directory, tmp_path: Path) -> None:
    records = search(demo_directory, SearchQuery(countries=("RS",)))
    assert len(records) > 3
    result = write_vcards(records, tmp_path / "cards.zip", split="zip")
    assert result.files == len(records)
    with zipfile.ZipFile(tmp_path / "cards.zip") as zf:
        names = zf.namelist()
        assert len(set(names)) == len(records) and all(n.endswith(".vcf") for n in names)
        for name in names:
            assert validate_vcf(zf.read(name)) == 1
    folder = tmp_path / "cards"
    result = write_vcards(records, folder, split="folder")
    files = sorted(folder.iterdir())
    assert len(files) == len(records) == result.files
    assert sorted(read_cards(f.read_bytes())[0].uid.value for f in files) == sorted(r.uid for r in records)
    # Writing again into the existing folder replaces the same-named files and leaves no temporary folder behind.
    write_vcards(records, folder, split="folder")
    assert sorted(folder.iterdir()) == files
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_card_filenames_are_safe_and_unique(directory) -> None:
    record = _add(directory, "Ђорђе", 'Ђор/ђе:вић*?"<>|', "RS", "X")
    taken: set[str] = set()
    first = card_filename(record, taken)
    second = card_filename(record, taken)
    assert first != second and second.endswith(" (2).vcf")
    assert not any(c in first for c in '/\\:*?"<>|')
    nameless = replace(record, latin_given_name="", latin_family_name="", given_name="CON", family_name="")
    assert card_filename(nameless, set()) == "CON contact.vcf"


def test_failed_export_leaves_existing_file_alone(directory, tmp_path: Path) -> None:
    target = tmp_path / "out.vcf"
    target.write_bytes(b"previous content")
    with pytest.raises(DirectoryError, match="no contacts"):
        write_vcards([], target)
    with pytest.raises(DirectoryError, match="does not exist"):
        write_vcards([_add(directory, "Ana", "Marić", "HR", "X")], tmp_path / "missing" / "out.vcf")
    with pytest.raises(DirectoryError, match="is a folder"):
        write_vcards([_add(directory, "Ivo", "Marić", "HR", "X")], tmp_path)
    assert target.read_bytes() == b"previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "directory.db",
        "directory.db-shm",
        "directory.db-wal",
        "out.vcf",
    ]


def _bare_record(**fields: object) -> ContactRecord:
    base = dict(
        id=1, uid="u-1", honorific="", given_name="", family_name="", latin_given_name="", latin_family_name="",
        position="", organisation="", organisation_type=None, country=None, city="", languages=(), notes="",
        source="manual", emails=(), phones=(), roles=(), expertise=(), keywords=(), events=(),
        created_at=datetime(2024, 5, 1, 9, 30), updated_at=datetime(2024, 5, 2, 10, 0), last_verified=None,
    )  # fmt: skip
    base.update(fields)
    return ContactRecord(**base)  # type: ignore[arg-type]


def _expected(text: str) -> str:
    """What a reader should get back: NFC, control characters removed, line breaks as LF."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in "\r\x85\u2028\u2029":
            out.append("\n")
        elif ch == "\t":
            out.append(" ")
        elif ch == "\n":
            out.append(ch)
        elif cp < 0x20 or 0x7F <= cp < 0xA0 or 0xD800 <= cp < 0xE000 or cp in (0xFEFF, 0xFFFE, 0xFFFF):
            continue
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    given_name=st.text(min_size=1, max_size=60),
    family_name=st.text(max_size=60),
    organisation=st.text(max_size=120),
    notes=st.text(max_size=200),
    city=st.text(max_size=30),
    address=st.text(max_size=40),
)
def test_any_text_makes_one_valid_card(given_name, family_name, organisation, notes, city, address) -> None:
    record = _bare_record(
        given_name=given_name, family_name=family_name, organisation=organisation, notes=notes, city=city,
        address=address, emails=(EmailEntry(given_name, "work"),), phones=(PhoneEntry(None, family_name, "mobile"),),
    )  # fmt: skip
    data = vcard_for(record).encode("utf-8")
    assert validate_vcf(data) == 1
    (card,) = read_cards(data)
    assert card.n.value.given == _expected(given_name)
    assert card.n.value.family == _expected(family_name)
    assert card.email.value == _expected(given_name)
    if organisation and _expected(organisation):
        assert card.org.value == [_expected(organisation)]
    if _expected(notes):
        assert card.note.value == _expected(notes)
    if _expected(city):
        assert card.adr.value.city == _expected(city)
    street, code = split_postal_code(address)
    if _expected(street):
        assert card.adr.value.street == _expected(street)
    if code:
        assert card.adr.value.code == code
    assert len(split_cards(data)) == 1


def test_qr_variant_marks_non_ascii_only(directory) -> None:
    record = _add(directory, "Ђорђе", "Ђорђевић", "RS", "Police")
    text = vcard_for(record, qr=True)
    assert "N;CHARSET=UTF-8:Ђорђевић;Ђорђе;;;" in text
    assert "ORG:Police\r\n" in text
    assert "PRODID" not in text and "REV" not in text and "NOTE" not in text
    assert "CHARSET" not in vcard_for(record)
    compact = vcard_for(record, qr=True, compact=True)
    assert [line.split(":")[0].split(";")[0] for line in compact.split("\r\n") if line] == [
        "BEGIN", "VERSION", "N", "FN", "ORG", "TEL", "EMAIL", "END",
    ]  # fmt: skip
    assert "TEL;TYPE=CELL,VOICE:+381631234567" in compact  # the mobile is the one phone kept


def test_private_contact_points_are_left_out_unless_included(directory) -> None:
    record = _add(directory, "Ana", "Marić", "HR", "Policija")
    record = replace(
        record,
        emails=(EmailEntry("ana@example.org"), EmailEntry("ana.home@example.net", "other", private=True)),
        phones=(PhoneEntry("+385911234567", "", "mobile", private=True), PhoneEntry("+38512345678")),
    )
    (card,) = read_cards(vcard_for(record).encode())
    assert [e.value for e in card.email_list] == ["ana@example.org"]
    assert [t.value for t in card.tel_list] == ["+38512345678"]
    compact = vcard_for(record, qr=True, compact=True)
    assert "+385911234567" not in compact and "ana.home" not in compact
    (card,) = read_cards(vcard_for(record, include_private=True).encode())
    assert len(card.email_list) == 2 and len(card.tel_list) == 2


def test_an_extension_is_written_beside_the_number_never_after_a_pause(directory, tmp_path: Path) -> None:
    """A switchboard's number with the person's extension. Written "+38733280000\\,123" (a pause), Android's reader
    dropped the comma and saved +38733280000123, a wrong number; an iPhone reads a "p" pause as the letter 7. The
    TEL value is the switchboard's number, right on every phone; the extension is a note line beside it, in QR
    codes too, and this app's vCard import gives it back to the number."""
    from directory_app.core.importing import import_files
    from directory_app.core.store import open_directory

    record = add_contact(
        directory,
        ContactInput(
            given_name="Nedžad",
            family_name="Karić",
            country="BA",
            phones=[PhoneEntry(None, "033 280 000 lok. 123"), PhoneEntry(None, "+387 61 123 456", "mobile")],
            notes="Met in Skopje",
        ),
    )
    assert [p.e164 for p in record.phones] == ["+38733280000;ext=123", "+38761123456"]
    data = vcards_text([record]).encode("utf-8")
    assert validate_vcf(data) == 1
    assert b"TEL;TYPE=WORK,VOICE,PREF:+38733280000\r\n" in data
    [card] = read_cards(data)
    assert [t.value for t in card.contents["tel"]] == ["+38733280000", "+38761123456"]
    assert card.note.value == "Extension for +387 33 280-000: 123\nMet in Skopje"
    for qr_card in (vcard_for(record, qr=True), vcard_for(record, qr=True, compact=True)):
        assert "\\," not in qr_card and ",123" not in qr_card
    assert "NOTE:Extension for +387 33 280-000: 123\r\n" in vcard_for(record, qr=True)
    (tmp_path / "card.vcf").write_bytes(data)
    with open_directory(tmp_path / "other.db") as other:
        import_files(other, [tmp_path / "card.vcf"], event=None)
        (back,) = search(other, SearchQuery())
        assert [p.e164 for p in back.phones] == ["+38733280000;ext=123", "+38761123456"]
        assert back.notes == "Met in Skopje"
