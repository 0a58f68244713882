"""A directory passed between focal points: this app's own export imported into another directory (or back into
the one it came from) keeps who people are (their uid), their events with dates and places, what they may share,
and everything else the export holds."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from directory_app.core.batches import list_imports, rollback_import
from directory_app.core.contacts import add_contact, get_contacts, list_events
from directory_app.core.events import create_event, set_part
from directory_app.core.exporting import EVENTS_SHEET, HEADERS, export_contacts
from directory_app.core.importing import import_files, plan_file, propose_event, rows_name_events
from directory_app.core.importing.mapping import resolve_mapping
from directory_app.core.records import ContactInput, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search
from directory_app.core.store import open_directory
from tests.core.cli_helpers import run_cli


@pytest.fixture
def network(directory):
    """Three people with what a directory holds beyond a registration list."""
    skopje = create_event(
        directory, name="Regional Workshop on JITs, Skopje 2025", start_date=date(2025, 3, 12),
        end_date=date(2025, 3, 13), city="Skopje", country="MK", organisers="OSCE Mission to Skopje",
    )  # fmt: skip
    online = create_event(directory, name="Case Review (online)", start_date=date(2024, 11, 5))
    marija = add_contact(
        directory,
        ContactInput(
            honorific="Ms", given_name="Марија", family_name="Петровска", latin_given_name="Marija",
            latin_family_name="Petrovska", position="Public Prosecutor", organisation="Public Prosecutor's Office",
            organisation_type="prosecution", country="MK", city="Skopje", roles=["prosecutor"],
            expertise=["trafficking_in_human_beings"], keywords=["JIT"], languages=["mk", "en"],
            emails=[EmailEntry("m.petrovska@jorm.gov.mk"), EmailEntry("marija.home@example.mk", private=True)],
            phones=[PhoneEntry(None, "+389 2 3219 800"), PhoneEntry(None, "+389 70 123 456", "mobile", private=True)],
            last_verified=date(2025, 3, 12), consent_shared=True, consent_source="registration form, Skopje 2025",
            consent_date=date(2025, 3, 1), notes="Focal point for JITs.",
        ),
    )  # fmt: skip
    luan = add_contact(
        directory,
        ContactInput(
            given_name="Luan", family_name="Krasniqi", position="Investigator", organisation="Kosovo Police",
            country="XK", emails=[EmailEntry("luan.krasniqi@kosovopolice.example")], shareable=False,
            consent_shared=False, consent_source="asked at the seminar",
        ),
    )  # fmt: skip
    ana = add_contact(
        directory,
        ContactInput(
            honorific="Prof.",
            given_name="Ana",
            family_name="Kovač",
            country="HR",
            emails=[EmailEntry("ana@mup.example.hr")],
        ),
    )
    set_part(directory, [marija.id], skopje.id, "speaker")
    set_part(directory, [ana.id], skopje.id, "participant")
    set_part(directory, [marija.id, ana.id], online.id, "participant")
    return directory, [marija.id, luan.id, ana.id]


def _as_kept(record) -> tuple:
    """Everything of a contact an export carries (phones in their columns' order: work, mobile, fax, private;
    honorifics as the importer writes them, "Prof" for "Prof.")."""
    order = {"work": 0, "mobile": 1, "fax": 2}
    phones = sorted(record.phones, key=lambda p: (p.private, order.get(p.type, 0)))
    fields = {
        name: getattr(record, name)
        for name in record.__dataclass_fields__
        if name not in ("id", "created_at", "updated_at", "source", "events", "phones")
    }
    fields["honorific"] = record.honorific.rstrip(".")
    return (
        tuple(sorted(fields.items())),
        tuple(phones),
        tuple(sorted((e.name, e.part) for e in record.events)),
    )


def _events(directory) -> list[tuple]:
    return sorted((e.name, e.start_date, e.end_date, e.city, e.country, e.organisers) for e in list_events(directory))


def test_every_column_of_an_export_is_read_back() -> None:
    mapping = dict(zip(HEADERS, resolve_mapping(HEADERS), strict=True))
    assert None not in mapping.values(), [h for h, m in mapping.items() if m is None]
    assert {h: mapping[h] for h in ("Given (Latin script)", "Sector", "Events", "Private e-mail", "Shareable",
                                    "Consent source", "UID", "Created")} == {
        "Given (Latin script)": "latin_given_name", "Sector": "org_type", "Events": "events",
        "Private e-mail": "email", "Shareable": "shareable", "Consent source": "consent_source", "UID": "uid",
        "Created": "ignore",
    }  # fmt: skip


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_export_imported_into_another_directory_is_the_same_directory(network, tmp_path: Path, kind) -> None:
    directory, ids = network
    before = get_contacts(directory, ids)
    path = tmp_path / f"network.{kind}"
    export_contacts(directory, ids, path, kind, include_private=True)

    plans = [plan_file(path)]
    assert rows_name_events(plans) and propose_event(plans).name == ""  # no seminar of its own
    with open_directory(tmp_path / "other.db") as other:
        report = import_files(other, [path])
        assert (report.created, report.skipped, report.event) == (3, 0, ""), report.summary()
        after = {r.uid: r for r in search(other, SearchQuery())}
        assert sorted(after) == sorted(r.uid for r in before)  # the same people: a later exchange finds them
        assert [_as_kept(after[r.uid]) for r in before] == [_as_kept(r) for r in before]
        luan = after[before[1].uid]
        assert not luan.shareable  # still kept out of exports
        assert [e.private for e in after[before[0].uid].emails] == [False, True]
        if kind == "xlsx":  # the workbook's Events sheet gives the events' dates, places and organisers
            assert _events(other) == _events(directory)
        else:
            assert sorted(e.name for e in list_events(other)) == sorted(e.name for e in list_events(directory))


def test_the_export_reimported_where_it_came_from_changes_nothing(network, tmp_path: Path) -> None:
    directory, ids = network
    before = get_contacts(directory, ids)
    export_contacts(directory, ids, tmp_path / "network.xlsx", "xlsx", include_private=True)
    report = import_files(directory, [tmp_path / "network.xlsx"])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3), report.summary()
    assert not any(o.conflicts for o in report.outcomes)  # "Prof." and "Prof" are not a conflict either
    assert [_as_kept(r) for r in get_contacts(directory, ids)] == [_as_kept(r) for r in before]
    assert len(list_events(directory)) == 2
    assert list_imports(directory) == []  # nothing changed, nothing recorded


def test_the_uid_finds_a_person_whose_address_changed_and_a_copied_row_is_someone_new(network, tmp_path: Path) -> None:
    directory, ids = network
    export_contacts(directory, ids, tmp_path / "network.xlsx", "xlsx")
    wb = openpyxl.load_workbook(tmp_path / "network.xlsx")
    ws = wb["Contacts"]
    col = {c.value: c.column for c in ws[1]}
    ana_row = next(r for r in range(2, 5) if ws.cell(r, col["Given name"]).value == "Ana")
    ws.cell(ana_row, col["E-mail"]).value = "ana.kovac@new-ministry.example.hr"
    ws.cell(ana_row, col["Last verified"]).value = date(2026, 6, 1)
    # A colleague added by copying Ana's row: her uid came along.
    for c in range(1, ws.max_column + 1):
        ws.cell(5, c).value = ws.cell(ana_row, c).value
    ws.cell(5, col["Given name"]).value, ws.cell(5, col["Family name"]).value = "Ivan", "Horvat"
    ws.cell(5, col["E-mail"]).value = "ivan.horvat@mup.example.hr"
    wb.save(tmp_path / "network.xlsx")

    report = import_files(directory, [tmp_path / "network.xlsx"])
    by_name = {o.name: o for o in report.outcomes}
    assert by_name["Ana Kovač"].status == "updated" and by_name["Ana Kovač"].contact_id == ids[2]
    assert "e-mail ana.kovac@new-ministry.example.hr" in by_name["Ana Kovač"].changes
    assert "last verified" in by_name["Ana Kovač"].changes
    ivan = by_name["Ivan Horvat"]
    assert ivan.status == "created" and "has the UID of Ana Kovač" in " ".join(ivan.reasons)
    ana, new = get_contacts(directory, [ids[2], ivan.contact_id])
    assert ana.last_verified == date(2026, 6, 1)
    assert new.uid != ana.uid and [e.name for e in new.events] == [e.name for e in ana.events]


def test_rolling_back_the_import_removes_the_events_it_created(network, tmp_path: Path) -> None:
    directory, ids = network
    export_contacts(directory, ids, tmp_path / "network.xlsx", "xlsx")
    with open_directory(tmp_path / "other.db") as other:
        kept = create_event(other, name="Case Review (online)")  # this one was there before
        import_files(other, [tmp_path / "network.xlsx"])
        assert len(list_events(other)) == 2
        (batch,) = list_imports(other)
        assert (batch.event, batch.events_created, batch.event_text) == (None, 1, "1 new event its rows named")
        result = rollback_import(other, batch.id)
        assert result.events_text == "; 1 event its rows named removed"
        assert [e.id for e in list_events(other)] == [kept.id]
        assert search(other, SearchQuery()) == []


def test_an_event_named_in_brackets_keeps_them_and_parts_are_read(tmp_path: Path) -> None:
    path = tmp_path / "exchange.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Given name", "Family name", "Country", "E-mail", "Events", "Last verified", "Shareable"])
        w.writerow(["Jelena", "Marković", "RS", "jelena@example.rs", "Case Review (online); Ohrid 2024 (Speaker)",
                    "17.03.2025", "no"])  # fmt: skip
        w.writerow(["Petar", "Ilić", "RS", "petar@example.rs", "Ohrid 2024 (Organiser)", "soon", "yes"])
    with open_directory(tmp_path / "d.db") as d:
        report = import_files(d, [path])
        jelena, petar = sorted(search(d, SearchQuery()), key=lambda r: r.given_name)
        assert sorted((e.name, e.part) for e in jelena.events) == [
            ("Case Review (online)", "participant"),
            ("Ohrid 2024", "speaker"),
        ]
        assert [(e.name, e.part) for e in petar.events] == [("Ohrid 2024", "organiser")]
        assert (jelena.last_verified, jelena.shareable, petar.last_verified, petar.shareable) == (
            date(2025, 3, 17), False, None, True,
        )  # fmt: skip
        petar_row = next(o for o in report.outcomes if o.name == "Petar Ilić")
        assert "Last verified 'soon' is not a date (kept in the notes)" in petar_row.reasons
        assert "Last verified: soon" in petar.notes


def test_the_command_line_says_where_the_rows_go(network, tmp_path: Path) -> None:
    directory, ids = network
    export_contacts(directory, ids, tmp_path / "network.xlsx", "xlsx")
    db = str(tmp_path / "other.db")
    done = run_cli("import", str(tmp_path / "network.xlsx"), "--db", db)
    assert done.returncode == 0, done.stderr
    assert "network.xlsx -> the events each row names" in done.stdout
    assert f"sheet {EVENTS_SHEET}: the dates and places of 2 events" in done.stdout
    assert "sheet skipped" not in done.stdout
    refused = run_cli("import", str(tmp_path / "network.xlsx"), "--event-date", "2025-03-12", "--db", db)
    assert refused.returncode != 0 and "--event-date needs --event" in refused.stderr
    # --event still records everyone in one more event.
    again = run_cli("import", str(tmp_path / "network.xlsx"), "--event", "Focal points' exchange", "--db", db)
    assert again.returncode == 0 and "-> event 'Focal points' exchange'" in again.stdout
    with open_directory(tmp_path / "other.db") as other:
        counts = {e.name: e.participant_count for e in list_events(other)}
    # (Luan, not to be shared, was left out of the export.)
    assert counts["Focal points' exchange"] == 2 and counts["Regional Workshop on JITs, Skopje 2025"] == 2


def test_vcards_exported_and_imported_again_find_their_contacts_by_uid(network, tmp_path: Path) -> None:
    directory, ids = network
    export_contacts(directory, ids, tmp_path / "cards.vcf", "vcard")
    before = get_contacts(directory, ids)
    with open_directory(tmp_path / "phone.db") as phone:
        import_files(phone, [tmp_path / "cards.vcf"])
        assert sorted(r.uid for r in search(phone, SearchQuery())) == sorted(r.uid for r in before[::2])
    # Back into the directory, under a changed name spelling and address: the uid says who it is.
    text = (tmp_path / "cards.vcf").read_text(encoding="utf-8")
    text = text.replace("ana@mup.example.hr", "ana.kovac@mup.example.hr").replace("N:Kovač;Ana", "N:Kovac;Ana")
    (tmp_path / "cards.vcf").write_text(text, encoding="utf-8")
    report = import_files(directory, [tmp_path / "cards.vcf"])
    assert report.created == 0 and {o.contact_id for o in report.outcomes} == {ids[0], ids[2]}
    assert [e.address for e in get_contacts(directory, [ids[2]])[0].emails] == [
        "ana@mup.example.hr",
        "ana.kovac@mup.example.hr",
    ]


def test_an_import_report_with_its_rows_corrected_imports_them_into_the_same_event(tmp_path: Path) -> None:
    """Rows that could not be imported are saved in the report; corrected there, the report is imported."""
    from directory_app.core.importing import write_report_xlsx

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Participants"
    ws.append(["Regional Workshop on THB, Tirana 2024"])
    ws.append(["No", "Surname", "Name", "Institution", "Position", "Country", "E-mail", "Phone"])
    ws.append([1, "HOXHA", "Elira", "Prokuroria e Përgjithshme", "Prosecutor", "Albania", "elira@pp.gov.al", None])
    ws.append([2, None, None, "Policia e Shtetit", "Inspector", "Albania", None, "+355 69 123 4567"])
    ws.append([3, "KOLA", "Blerta", "Policia e Shtetit", "Inspector", "Albania", "blerta.kola@asp.gov.al@", None])
    wb.save(tmp_path / "tirana.xlsx")
    with open_directory(tmp_path / "d.db") as d:
        report = import_files(d, [tmp_path / "tirana.xlsx"])
        assert (report.created, report.skipped) == (2, 1)
        write_report_xlsx(report, tmp_path / "report.xlsx")

        wb = openpyxl.load_workbook(tmp_path / "report.xlsx")
        rows = wb["Rows"]
        col = {c.value: c.column for c in rows[1]}
        assert [rows.cell(r, col["Status"]).value for r in (2, 3)] == ["skipped", "created"]
        rows.cell(2, col["Surname (original)"]).value, rows.cell(2, col["Name (original)"]).value = "DERVISHI", "Gent"
        rows.cell(3, col["E-mail (original)"]).value = "blerta.kola@asp.gov.al"
        wb.save(tmp_path / "report.xlsx")

        plans = [plan_file(tmp_path / "report.xlsx")]
        assert propose_event(plans).name == "Regional Workshop on THB, Tirana 2024"
        assert plans[0].skipped_sheets() == []  # its summary is said in a note, not skipped
        again = import_files(d, [tmp_path / "report.xlsx"])
        assert (again.created, again.updated, again.skipped) == (1, 1, 0), again.summary()
        (event,) = list_events(d)
        assert (event.name, event.participant_count) == ("Regional Workshop on THB, Tirana 2024", 3)
        gent = next(r for r in search(d, SearchQuery()) if r.given_name == "Gent")
        assert (gent.family_name, gent.organisation, gent.country) == ("Dervishi", "Policia e Shtetit", "AL")
        blerta = next(o for o in again.outcomes if o.name == "Blerta Kola")
        assert blerta.changes == ["e-mail blerta.kola@asp.gov.al"]
        assert "Reason" not in " ".join(next(iter(again.outcomes)).original)  # the report's own columns are not
    # In another directory its contact ids are other people's: they are not merged into.
    with open_directory(tmp_path / "other.db") as other:
        add_contact(other, ContactInput(given_name="Ana", family_name="Kovač", country="HR"))
        add_contact(other, ContactInput(given_name="Ivo", family_name="Horvat", country="HR"))
        elsewhere = import_files(other, [tmp_path / "report.xlsx"])
        assert (elsewhere.created, elsewhere.updated) == (2, 0), elsewhere.summary()


# ------------------------------------------------------------------------------------------ another directory file


def test_another_directory_file_imports_whole_and_is_left_untouched(network, tmp_path: Path) -> None:
    import hashlib

    directory, ids = network
    before = get_contacts(directory, ids)
    source = Path(directory.path)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    with open_directory(tmp_path / "mine.db") as mine:
        plans = [plan_file(source)]
        assert plans[0].workbook.kind == "directory" and propose_event(plans).name == ""
        report = import_files(mine, [source])
        assert (report.created, report.skipped) == (3, 0), report.summary()
        after = {r.uid: r for r in search(mine, SearchQuery())}
        # Everyone, Luan (not to be shared) and private details included, each still marked so.
        assert [_as_kept(after[r.uid]) for r in before] == [_as_kept(r) for r in before]
        assert _events(mine) == _events(directory)
        assert import_files(mine, [source]).unchanged == 3  # merged again: nothing new
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest


def test_an_encrypted_directory_file_needs_its_passphrase(network, tmp_path: Path) -> None:
    from directory_app.core.backup import backup_to
    from directory_app.core.encryption import encrypt_directory
    from directory_app.core.store import PassphraseNeeded, WrongPassphrase

    directory, _ids = network
    backup_to(directory, tmp_path / "theirs.db")  # a colleague's directory, copied whole
    encrypt_directory(tmp_path / "theirs.db", "correct horse battery")
    with pytest.raises(PassphraseNeeded, match=r"theirs\.db is encrypted"):
        plan_file(tmp_path / "theirs.db")
    with pytest.raises(WrongPassphrase, match=r"wrong passphrase for theirs\.db"):
        plan_file(tmp_path / "theirs.db", passphrase="not it at all")
    assert plan_file(tmp_path / "theirs.db", passphrase="correct horse battery").workbook.kind == "directory"

    db = str(tmp_path / "mine.db")
    refused = run_cli("import", str(tmp_path / "theirs.db"), "--db", db)
    assert refused.returncode == 2 and "set DIRECTORY_APP_SOURCE_PASSPHRASE" in refused.stderr
    done = run_cli(
        "import", str(tmp_path / "theirs.db"), "--db", db,
        env={"DIRECTORY_APP_SOURCE_PASSPHRASE": "correct horse battery"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "theirs.db is a directory: its 3 contacts and 2 events are imported" in done.stdout


def test_another_application_s_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    from directory_app.core.records import DirectoryError

    with sqlite3.connect(tmp_path / "firefox.sqlite") as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    with pytest.raises(DirectoryError, match="an SQLite database of another application"):
        plan_file(tmp_path / "firefox.sqlite")


def test_no_event_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Surname,E-mail\nAna,Kovač,ana@mup.example.hr\n", encoding="utf-8")
    db = str(tmp_path / "d.db")
    done = run_cli("import", str(path), "--no-event", "--db", db)
    assert done.returncode == 0 and "list.csv -> no event" in done.stdout, done.stderr
    refused = run_cli("import", str(path), "--no-event", "--event", "Skopje 2025", "--db", db)
    assert refused.returncode == 2 and "--no-event cannot be given with --event" in refused.stderr
    with open_directory(tmp_path / "d.db") as d:
        assert list_events(d) == [] and len(search(d, SearchQuery())) == 1


def test_dates_as_lists_and_re_saved_csv_files_write_them() -> None:
    from datetime import datetime

    from directory_app.core.importing.normalise import date_of

    assert date_of(datetime(2020, 3, 17, 0, 0)) == date_of("2020-03-17") == date_of("17.03.2020.") == date(2020, 3, 17)
    assert date_of("17/03/2020") == date_of("3/17/2020") == date(2020, 3, 17)  # the second as US Excel saves a CSV
    assert date_of("05.06.2020") == date(2020, 6, 5)  # both readings are dates: day first, as the region writes
    assert date_of("31/31/2020") is None and date_of("soon") is None and date_of(None) is None


def test_a_sector_column_gives_the_type_of_organisation_when_it_says_one(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Name", "Surname", "Organisation", "Sector", "Country"])
        w.writerow(["Ana", "Kovač", "La Strada", "Civil society", "HR"])
        w.writerow(["Ivo", "Horvat", "PU zagrebačka", "Police", "HR"])
        w.writerow(["Mia", "Babić", "Ministarstvo pravosuđa", "Public", "HR"])
    with open_directory(tmp_path / "d.db") as d:
        report = import_files(d, [path])
        assert not report.doubtful  # a sector the vocabulary does not know is no doubt about the person
        types = {r.given_name: (r.organisation_type, r.notes) for r in search(d, SearchQuery())}
    assert types == {
        "Ana": ("ngo", ""),
        "Ivo": ("police", ""),
        "Mia": ("ministry", "Sector: Public"),  # from the office's name ("Ministarstvo"); the column's word kept
    }


def test_an_empty_directory_file_says_so(tmp_path: Path) -> None:
    from directory_app.core.records import DirectoryError

    open_directory(tmp_path / "empty.db").close()
    with pytest.raises(DirectoryError, match=r"^empty\.db is a directory with no contacts in it: nothing to import$"):
        plan_file(tmp_path / "empty.db")


def test_a_damaged_directory_file_is_refused_in_one_line(network, demo_db: Path, tmp_path: Path) -> None:
    from directory_app.core.backup import backup_to
    from directory_app.core.records import DirectoryError

    directory, _ids = network
    backup_to(directory, tmp_path / "theirs.db")
    data = bytearray((tmp_path / "theirs.db").read_bytes())
    for start in range(4096, len(data) - 4096, 8192):  # every other page overwritten, as a bad disk leaves them
        data[start : start + 4096] = bytes(range(256)) * 16
    (tmp_path / "theirs.db").write_bytes(bytes(data))
    with pytest.raises(DirectoryError, match=r"theirs\.db.*(damaged|malformed)") as refused:
        plan_file(tmp_path / "theirs.db")
    assert "\n" not in str(refused.value) and str(tmp_path) not in str(refused.value)  # one line, no temporary copy
    # The demo's pages, one overwritten in the middle: the file opens, reading its contacts fails.
    data = bytearray(demo_db.read_bytes())
    data[40960:49152] = bytes(range(256)) * 32
    (tmp_path / "demo.db").write_bytes(bytes(data))
    with pytest.raises(DirectoryError, match=r"^demo\.db: the directory file is damaged \(.+\); nothing was read$"):
        plan_file(tmp_path / "demo.db")


def test_export_only_what_changed_since_a_day(network, tmp_path: Path) -> None:
    directory, ids = network
    with directory.write() as session:
        session.connection().exec_driver_sql("UPDATE contact SET updated_at = '2025-01-10 09:00:00'")
        session.connection().exec_driver_sql(
            "UPDATE contact SET updated_at = '2026-02-01 12:00:00' WHERE id = ?", (ids[2],)
        )
    db = str(directory.path)
    done = run_cli("export-xlsx", str(tmp_path / "new.xlsx"), "--changed-since", "2026-01-15", "--db", db)
    assert done.returncode == 0 and "1 contact written" in done.stdout, done.stderr
    none = run_cli("export-csv", str(tmp_path / "none.csv"), "--changed-since", "2026-03-01", "--db", db)
    assert none.returncode == 2 and "none of the 3 matching contacts changed since 2026-03-01" in none.stderr
    bad = run_cli("export-vcard", str(tmp_path / "x.vcf"), "--changed-since", "March", "--db", db)
    assert bad.returncode == 2 and "--changed-since 'March' is not a date like 2026-06-01" in bad.stderr
    assert not (tmp_path / "none.csv").exists() and not (tmp_path / "x.vcf").exists()
