"""vCard import: 2.1 (quoted-printable, CHARSET), 3.0 and 4.0 through the importer's pipeline."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

from directory_app.cli import main
from directory_app.core.contacts import add_contact
from directory_app.core.exporting import export_contacts
from directory_app.core.importing import EventSpec, import_files, plan_file
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search
from directory_app.core.vcard import write_vcards
from directory_app.core.vcard_import import read_vcards


def _qp(text: str, charset: str = "utf-8") -> str:
    return quopri.encodestring(text.encode(charset)).decode()


V21 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Ђорђевић')};{_qp('Ана')};;;\r\n"
    f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Ана Ђорђевић')}\r\n"
    "TEL;CELL;PREF:+381 63 123 456\r\nTEL;WORK;VOICE:011 123 456\r\nTEL;FAX:011 123 457\r\n"
    "EMAIL;INTERNET:ana@example.rs\r\n"
    "ADR;WORK:;;;Beograd;;;Serbia\r\nTITLE:Prosecutor\r\nORG:Republic Public Prosecutor's Office\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Met in Ohrid=0D=0Asecond line that is quite long and so =\r\n"
    "continues on the next line\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    f"N;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:{_qp('Петровић', 'cp1251')};Marko;;;\r\n"
    "TEL;HOME:+381 11 222 333\r\nEND:VCARD\r\n"
)
V40 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ristovska;Elena;;;\r\nFN:Elena Ristovska\r\n"
    "TEL;TYPE=cell,voice;VALUE=uri:tel:+389-70-123-456\r\nEMAIL;TYPE=work:elena@example.mk\r\n"
    "ADR;TYPE=work:;;1 Main St;Skopje;;1000;North Macedonia\r\nORG:Ministry of Interior;Border Police\r\n"
    "END:VCARD\r\n"
)


def test_vcard_21_quoted_printable_and_charsets(tmp_path: Path) -> None:
    path = tmp_path / "phone.vcf"
    path.write_bytes(V21.encode("ascii"))
    first, second = read_vcards(path)
    assert (first.contact.given_name, first.contact.family_name) == ("Ана", "Ђорђевић")
    assert first.contact.country == "RS" and first.contact.city == "Beograd"
    assert [(p.e164, p.type) for p in first.contact.phones] == [
        ("+38111123456", "work"), ("+38163123456", "mobile"), ("+38111123457", "fax"),
    ]  # fmt: skip
    assert [e.address for e in first.contact.emails] == ["ana@example.rs"]
    assert first.contact.notes == "Met in Ohrid\nsecond line that is quite long and so continues on the next line"
    assert first.original["FN"] == "Ана Ђорђевић"
    assert second.contact.family_name == "Петровић"  # windows-1251 decoded


def test_vcard_40_and_8bit_code_page(tmp_path: Path) -> None:
    path = tmp_path / "v4.vcf"
    path.write_bytes(V40.encode())
    (entry,) = read_vcards(path)
    assert entry.contact.organisation == "Ministry of Interior – Border Police"
    assert entry.contact.country == "MK" and entry.contact.phones[0].e164 == "+38970123456"
    assert (entry.contact.address, entry.contact.city) == ("1 Main St, 1000", "Skopje")
    assert entry.contact.phones[0].type == "mobile"
    legacy = tmp_path / "legacy.vcf"
    legacy.write_bytes(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=windows-1250:Šimić;Željka\r\nEND:VCARD\r\n".encode("cp1250")
    )
    (entry,) = read_vcards(legacy)
    assert (entry.contact.given_name, entry.contact.family_name) == ("Željka", "Šimić")


def test_our_export_reads_back(demo_directory, tmp_path: Path) -> None:
    records = search(demo_directory, SearchQuery())[:60]
    write_vcards(records, tmp_path / "out.vcf")
    entries = read_vcards(tmp_path / "out.vcf")
    assert len(entries) == len(records)
    for record, entry in zip(records, entries, strict=True):
        assert (entry.contact.given_name, entry.contact.family_name) == (record.given_name, record.family_name)
        assert [e.address for e in entry.contact.emails] == [e.address for e in record.emails]
        assert sorted(p.e164 for p in entry.contact.phones) == sorted(p.e164 for p in record.phones)
        assert entry.contact.country == record.country
        assert entry.contact.organisation == record.organisation
        assert (entry.contact.address, entry.contact.city) == (record.address, record.city)


def test_vcf_goes_through_the_import_pipeline(directory, tmp_path: Path) -> None:
    add_contact(
        directory,
        ContactInput(given_name="Ана", family_name="Ђорђевић", country="RS", emails=[EmailEntry("ana@example.rs")],
                     phones=[PhoneEntry(None, "+381 63 123 456", "mobile")]),
    )  # fmt: skip
    path = tmp_path / "seminar.vcf"
    path.write_bytes((V21 + V40).encode())
    report = import_files(directory, [path], event=EventSpec("Ohrid seminar"))
    assert (report.created, report.updated) == (2, 1), report.summary()  # Ana is merged, not duplicated
    people = search(directory, SearchQuery())
    assert len(people) == 3
    ana = next(p for p in people if p.family_name == "Ђорђевић")
    assert ana.position == "Prosecutor" and ana.latin_family_name == "Đorđević"
    assert [e.name for e in ana.events] == ["Ohrid seminar"]


def test_a_card_without_a_name_is_not_the_card_before(tmp_path: Path) -> None:
    """Cards are records of their own: a nameless card is skipped, never added to the card above, as a nameless
    row of a spreadsheet would be. Its local number is read in the country of the card's other number."""
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kovač;Ivo;;;\r\nTEL;TYPE=cell:+381 64 123 4567\r\nTEL:011/3012-345\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Marić;Ana;;;\r\nEMAIL:ana@example.hr\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nTEL:+387 61 123 456\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    ivo, ana, nameless = plan_file(path).rows()
    assert ana.contact.phones == []
    assert [p.e164 for p in ivo.contact.phones] == ["+381113012345", "+381641234567"]
    assert ivo.contact.country == "RS" and ivo.problems == ["no country given: RS taken from the phone number"]
    assert nameless.contact is None and nameless.skip_reason == "no name (an e-mail or phone without a person)"


def test_an_office_card_and_categories_of_ones_own(tmp_path: Path) -> None:
    """An office's card was split into a person ("Office of the National / Coordinator"); categories that are
    neither roles nor expertise ("VIP", "Skopje 2017") were left out without a word. They are keywords now."""
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Office of the National Coordinator\r\n"
        "ORG:Office of the National Coordinator for THB\r\nEMAIL:info@nc.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kovač;Ivo;;;\r\nCATEGORIES:Prosecutor,VIP,Skopje 2017\r\n"
        "EMAIL:ivo@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    office, ivo = plan_file(path).rows()
    assert (office.contact.given_name, office.contact.family_name) == ("", "Office of the National Coordinator")
    assert office.problems == ["an organisation's card, not a person's: its name is kept whole"]
    assert ivo.contact.keywords == ["VIP", "Skopje 2017"] and not ivo.problems
    assert ivo.contact.roles == ["prosecutor"]  # a role category is the role (it was dropped and inferred again)


def test_bad_vcf_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.vcf"
    broken.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nthis is not a property\r\nEND:VCARD\r\n")
    with pytest.raises(DirectoryError, match=r"broken\.vcf: not a readable vCard file"):
        read_vcards(broken)
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    with pytest.raises(DirectoryError):
        read_vcards(empty)


def test_cli_import_accepts_vcf(directory, db_path: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "cards.vcf"
    path.write_bytes(V40.encode())
    directory.close()
    code = main(["import", str(path), "--db", str(db_path), "--event", "Skopje meeting"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "1 created" in out


def test_a_home_address_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "home.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kovač;Ana;;;\r\nFN:Ana Kovač\r\nEMAIL;TYPE=work:ana.kovac@mpu.hr\r\n"
        "ADR;TYPE=home:;;Ulica Lipa 5;Zagreb;;10000;Croatia\r\n"
        "ADR;TYPE=work:;;Ulica grada Vukovara 49;Zagreb;;10000;Croatia\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    (entry,) = read_vcards(path)
    assert (entry.contact.address, entry.contact.city) == ("Ulica grada Vukovara 49, 10000", "Zagreb")
    assert entry.problems == ["a home address was left out"]
    assert "Lipa" not in entry.contact.notes


def test_a_card_with_only_a_home_address_gives_its_country_not_its_town(tmp_path: Path) -> None:
    """The town someone lives in is theirs, not the office's: it went to the city when the card had no other."""
    path = tmp_path / "home.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Petrović;Ivana;;;\r\nFN:Ivana Petrović\r\nTEL;TYPE=cell:064 123 4567\r\n"
        "ADR;TYPE=home:;;Bulevar 12;Sremski Karlovci;;21205;Serbia\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    (entry,) = read_vcards(path)
    assert (entry.contact.city, entry.contact.address, entry.contact.country) == ("", "", "RS")
    assert entry.contact.phones[0].e164 == "+381641234567"  # the country still reads the local number
    assert entry.problems == ["a home address was left out"]
    assert "Karlovci" not in entry.contact.notes


def test_our_vcards_imported_where_they_came_from_change_nothing(demo_directory, tmp_path: Path) -> None:
    """The cards carry the contacts' uids and roles (as categories): found again, nothing added. Before, role
    categories were dropped and roles inferred again from the positions: 48 of the demo's 300 got a role more."""
    ids = [r.id for r in search(demo_directory, SearchQuery())]
    export_contacts(demo_directory, ids, tmp_path / "all.vcf", "vcard")
    report = import_files(demo_directory, [tmp_path / "all.vcf"])
    assert (report.created, report.updated, report.unchanged, report.event) == (0, 0, len(ids), ""), [
        (o.name, o.changes) for o in report.outcomes if o.changes
    ][:5]


def test_a_vcard_export_with_everyone_keeps_who_is_private_in_the_directory_it_goes_to(directory, tmp_path) -> None:
    """An export made on purpose with the people not to be shared and the private details (--include-private),
    imported into another directory: they came back shareable, the private gmail address and mobile public, and
    the languages, the day last verified, the keywords and the organisation's type were lost."""
    from datetime import date

    from directory_app.core.store import open_directory
    from directory_app.core.vcard import vcards_text
    from tests.vcard_checks import validate_vcf

    record = add_contact(
        directory,
        ContactInput(
            given_name="Ivan", family_name="Stojanov", country="MK", organisation="MVR", organisation_type="police",
            shareable=False, consent_shared=False, keywords=["VIP", "child protection"], languages=["mk", "en"],
            last_verified=date(2025, 3, 1),
            emails=[EmailEntry("ivan@mvr.gov.mk"), EmailEntry("ivan77@gmail.com", private=True)],
            phones=[PhoneEntry(None, "02 3111 111"), PhoneEntry(None, "070 999 888", "mobile", private=True)],
        ),
    )  # fmt: skip
    data = vcards_text([record], include_private=True).encode()
    assert validate_vcf(data) == 1
    assert b"EMAIL;TYPE=INTERNET,HOME:ivan77@gmail.com" in data and b"TEL;TYPE=CELL,VOICE,HOME:+38970999888" in data
    (tmp_path / "all.vcf").write_bytes(data)
    with open_directory(tmp_path / "other.db") as other:
        import_files(other, [tmp_path / "all.vcf"])
        (back,) = search(other, SearchQuery())
    assert (back.shareable, back.consent_shared, back.organisation_type) == (False, False, "police")
    assert (back.keywords, back.languages, back.last_verified) == (("VIP", "child protection"), ("mk", "en"),
                                                                   date(2025, 3, 1))  # fmt: skip
    assert [(e.address, e.private) for e in back.emails] == [("ivan@mvr.gov.mk", False), ("ivan77@gmail.com", True)]
    assert [(p.e164, p.private) for p in back.phones] == [("+38923111111", False), ("+38970999888", True)]


def test_an_iphone_or_android_label_that_calls_an_address_private(tmp_path: Path) -> None:
    """Home, "Privat", "personal" as a group's label (item2.X-ABLabel), or TYPE=X-Private: imported as work
    addresses and numbers, shared with everybody."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kovačević;Jasmina;;;\r\nFN:Jasmina Kovačević\r\n"
        "item1.EMAIL;type=INTERNET:jasmina.kovacevic@msb.gov.ba\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
        "item2.EMAIL;type=INTERNET:jasmina.k@gmail.com\r\nitem2.X-ABLabel:_$!<Home>!$_\r\n"
        "TEL;type=WORK:+387 33 213 624\r\nitem3.TEL:+387 61 111 222\r\nitem3.X-ABLabel:Privat\r\n"
        "TEL;TYPE=X-Private:+387 62 333 444\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "card.vcf"
    path.write_text(card, encoding="utf-8")
    [entry] = read_vcards(path)
    assert [(e.address, e.private) for e in entry.contact.emails] == [
        ("jasmina.kovacevic@msb.gov.ba", False), ("jasmina.k@gmail.com", True),
    ]  # fmt: skip
    assert [p.private for p in entry.contact.phones] == [False, True, True]


@pytest.mark.parametrize("pause", [",", "p", "P", "w", ";", ",,"])
def test_an_extension_after_any_pause_a_phone_writes(tmp_path: Path, pause: str) -> None:
    """Android writes a pause "p", an iPhone ","; and two office numbers of one kind were joined into one cell and
    split at the pause: the extension became a junk phone "245" ("not a valid number")."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Babić;Ivo;;;\r\nFN:Ivo Babić\r\n"
        f"TEL;TYPE=WORK:+381 11 306 2000{pause}245\r\nTEL;TYPE=WORK:+381 11 306 2001\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "card.vcf"
    path.write_text(card, encoding="utf-8")
    [entry] = read_vcards(path)
    assert [p.e164 for p in entry.contact.phones] == ["+381113062000;ext=245", "+381113062001"]
    assert entry.problems == ["no country given: RS taken from the phone number"]


def test_a_phones_card_with_a_damaged_photo_and_an_extension_after_a_pause(tmp_path: Path) -> None:
    """An iPhone's card: grouped properties, a photo cut short (vobject refused the whole file: "not a readable
    vCard file"), and an office number with its extension after a pause, unescaped (vobject kept the number
    alone)."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\nN:Petrović;Ana;;;\r\n"
        "FN:Ana Petrović\r\nORG:MUP Srbije;Služba za borbu protiv organizovanog kriminala;\r\n"
        "item1.EMAIL;type=INTERNET;type=pref:ana.petrovic@mup.example.rs\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
        "TEL;type=CELL;type=VOICE;type=pref:+381 64 123 4567\r\nitem2.TEL:+381 11 306 2000,245\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a\r\n"
        " I8AAAAA\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "iphone.vcf"
    path.write_text(card, encoding="utf-8")
    [entry] = read_vcards(path)
    assert [p.e164 for p in entry.contact.phones] == ["+381113062000;ext=245", "+381641234567"]
    assert entry.contact.emails[0].address == "ana.petrovic@mup.example.rs"
    assert "PHOTO" not in entry.original
