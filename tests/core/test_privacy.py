"""Data protection: what leaves the directory, the audit log, consent, erasure, review; and their CLI commands."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from directory_app.core import contacts, privacy
from directory_app.core.exporting import export_contacts
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.store import Directory, open_directory
from tests.core.cli_helpers import run_cli as run


def _people(directory: Directory) -> list[int]:
    people = [
        ContactInput(
            given_name="Ana",
            family_name="Marić",
            country="HR",
            emails=[EmailEntry("ana@example.hr"), EmailEntry("ana.private@example.hr", "other", private=True)],
            phones=[PhoneEntry(None, "+385 91 234 5678", "mobile", private=True), PhoneEntry(None, "+385 1 4567 890")],
            last_verified=date(2015, 5, 1),
        ),
        ContactInput(
            given_name="Ivo", family_name="Ivić", country="HR", shareable=False, last_verified=date(2024, 1, 1)
        ),
        ContactInput(
            given_name="Quintessa",
            family_name="Eraseova",
            country="RS",
            organisation="Erasable Shelter Foundation",
            emails=[EmailEntry("quintessa.eraseova@example.rs")],
            last_verified=date(2012, 3, 3),
        ),
    ]
    return [contacts.add_contact(directory, p).id for p in people]


def test_exportable_leaves_out_what_is_not_to_be_shared(directory: Directory) -> None:
    records = contacts.get_contacts(directory, _people(directory))
    kept, note = privacy.exportable(records)
    assert [r.family_name for r in kept] == ["Marić", "Eraseova"]
    ana = kept[0]
    assert [e.address for e in ana.emails] == ["ana@example.hr"]
    assert [p.e164 for p in ana.phones] == ["+38514567890"]
    assert (note.contacts, note.emails, note.phones) == (1, 1, 1)
    assert "1 contact marked not to be shared" in note.text and "1 private e-mail" in note.text
    everything, none = privacy.exportable(records, include_private=True)
    assert everything == records and none.empty and none.text == ""


def test_exports_and_edits_are_audited(directory: Directory, tmp_path: Path) -> None:
    ids = _people(directory)
    out = tmp_path / "list.csv"
    export_contacts(directory, ids, out, "csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "ana.private@example.hr" not in text and "Ivić" not in text
    record = contacts.get_contact(directory, ids[0])
    data = record.to_input()
    data.position = "Chief Inspector"
    contacts.update_contact(directory, ids[0], data)
    log = privacy.list_audit(directory)
    assert [e.action for e in log[:2]] == ["edit", "export-csv"]
    export = log[1]
    assert export.target == str(out.absolute()) and export.count == 2
    assert "1 contact not to be shared left out" in export.detail and "private data left out" in export.detail
    # The owner of Ana's record sees who was given it.
    mine = privacy.audit_for_contact(directory, record.uid)
    assert {e.action for e in mine} == {"export-csv", "edit"}
    ivo_uid = contacts.get_contact(directory, ids[1]).uid
    assert "export-csv" not in {e.action for e in privacy.audit_for_contact(directory, ivo_uid)}
    # Exported to CSV for a spreadsheet: formula-safe.
    with directory.write() as s:
        privacy.record_audit(s, "export-csv", "=HYPERLINK(1)", "x", [])
    rows = list(csv.reader(io.StringIO(privacy.audit_csv(privacy.list_audit(directory, limit=1)))))
    assert rows[1][3] == "'=HYPERLINK(1)"
    assert json.loads(privacy.audit_json(privacy.list_audit(directory, limit=1)))[0]["detail"] == "=HYPERLINK(1)"


def test_the_consent_date_is_written_in_the_system_s_language(directory: Directory, monkeypatch) -> None:
    from directory_app.core import dates

    ids = _people(directory)
    privacy.set_consent(directory, ids[:1], shared=True, source="form", on=date(2017, 5, 12))
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    dates.display_locale.cache_clear()
    try:
        last = privacy.consent_text(contacts.get_contact(directory, ids[0])).splitlines()[-1]
    finally:
        monkeypatch.undo()
        dates.display_locale.cache_clear()
    assert last == "from form, 12. Mai 2017"  # was "12 May 2017" whatever the system's language


def test_consent_set_for_many(directory: Directory) -> None:
    ids = _people(directory)
    n = privacy.set_consent(directory, ids[:2], listed=True, shared=True, source="registration form, Sarajevo 2017",
                            on=date(2017, 5, 12))  # fmt: skip
    assert n == 2
    ana = contacts.get_contact(directory, ids[0])
    assert (ana.consent_listed, ana.consent_shared, ana.consent_source, ana.consent_date) == (
        True,
        True,
        "registration form, Sarajevo 2017",
        date(2017, 5, 12),
    )
    assert privacy.set_consent(directory, ids[:2], listed=True) == 0  # nothing changes, nothing logged
    assert privacy.list_audit(directory, action="consent")[0].count == 2
    assert privacy.consent_text(ana).splitlines() == [
        "Agreed to be shared with other participants",
        "Agreed to be listed",
        "from registration form, Sarajevo 2017, 12 May 2017",
    ]
    privacy.set_consent(directory, ids[1:2], shared=False, shareable=False)
    assert privacy.consent_text(contacts.get_contact(directory, ids[1])).splitlines()[:2] == [
        "Not to be shared: left out of exports",
        "Did not agree to be shared with other participants",
    ]
    assert privacy.consent_text(contacts.get_contact(directory, ids[2])) == ""  # nothing known: no row shown


def test_erase_removes_the_person_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "directory.db"
    secrets = (b"Quintessa", b"Eraseova", b"quintessa.eraseova")
    with open_directory(db) as d:
        ids = _people(d)
        uid = contacts.get_contact(d, ids[2]).uid
        export_contacts(d, ids, tmp_path / "out.vcf", "vcard")
        count_before = privacy.list_audit(d, action="export-vcard")[0].count
        assert any(s in db.read_bytes() + Path(f"{db}-wal").read_bytes() for s in secrets)
        result = privacy.erase_contact(d, uid)
        assert result.audit_entries == 1  # the export
        assert contacts.get_contact(d, ids[2]) is None
        with d.read() as s:
            conn = s.connection()
            assert (
                conn.exec_driver_sql("SELECT count(*) FROM audit_contact WHERE contact_uid = ?", (uid,)).scalar() == 0
            )
            assert (
                conn.exec_driver_sql("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'quintessa'").scalar()
                == 0
            )
        assert privacy.list_audit(d, action="export-vcard")[0].count == count_before  # the entry keeps its count
        assert privacy.list_audit(d)[0].action == "erase"
        with pytest.raises(DirectoryError, match="no contact with uid"):
            privacy.erase_contact(d, uid)
    files = [p for p in tmp_path.iterdir() if p.name.startswith("directory.db")]
    for f in files:
        data = f.read_bytes()
        assert not any(s in data for s in secrets), f.name
    with open_directory(db) as d:
        assert contacts.contact_count(d) == 2


def test_review_lists_contacts_not_verified(directory: Directory) -> None:
    _people(directory)
    names = [r.family_name for r in privacy.not_verified_since(directory, 5, today=date(2025, 6, 1))]
    assert names == ["Eraseova", "Marić"]  # longest unverified first; Ivo was verified in 2024
    assert [r.family_name for r in privacy.not_verified_since(directory, 12, today=date(2025, 6, 1))] == ["Eraseova"]
    with pytest.raises(DirectoryError, match="negative"):
        privacy.not_verified_since(directory, -1)


def test_contacts_marked_as_verified_leave_the_review_and_come_back_on_undo(directory: Directory) -> None:
    """After calling or writing to them, a focal point records that their details were checked: the date travels
    with exports, so the contacts count as changed; an undo puts back the dates they had."""
    ana, ivo, quintessa = _people(directory)
    stamp = contacts.get_contact(directory, ana).updated_at
    change = privacy.mark_verified(directory, [ana, quintessa, ana], date(2025, 5, 30))
    assert change.changed == 2 and change.day == date(2025, 5, 30)
    assert privacy.not_verified_since(directory, 5, today=date(2025, 6, 1)) == []
    assert contacts.get_contact(directory, ana).updated_at > stamp  # exported with --changed-since
    entry = privacy.list_audit(directory)[0]
    assert (entry.action, entry.count, entry.detail) == ("verify", 2, "details verified on 2025-05-30")
    again = privacy.mark_verified(directory, [ana, ivo], date(2025, 5, 30))
    assert again.changed == 1  # Ana already was
    privacy.undo_mark_verified(directory, again)
    assert contacts.get_contact(directory, ivo).last_verified == date(2024, 1, 1)
    assert sorted(privacy.undo_mark_verified(directory, change)) == [ana, quintessa]
    names = [r.family_name for r in privacy.not_verified_since(directory, 5, today=date(2025, 6, 1))]
    assert names == ["Eraseova", "Marić"]
    assert contacts.get_contact(directory, ana).last_verified == date(2015, 5, 1)
    with pytest.raises(DirectoryError, match="in the future"):
        privacy.mark_verified(directory, [ana], date(2999, 1, 1))


def test_cli_marks_contacts_as_verified(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with open_directory(db) as d:
        ana, _ivo, quintessa = _people(d)
        uid = contacts.get_contact(d, quintessa).uid
    done = run("verified", str(ana), uid, "--on", "2025-05-30", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2 contacts marked as verified on 2025-05-30\n"
    again = run("verified", str(ana), "99", "--db", str(db))  # an id no contact has is an error: nothing is marked
    assert again.returncode == 2 and "no contact with id 99" in again.stderr and not again.stdout
    assert "not a date" in run("verified", str(ana), "--on", "yesterday", "--db", str(db)).stderr


def test_cli_imports_rollback_audit_review_erase(tmp_path: Path) -> None:
    from tests.core.import_helpers import write_xlsx

    db = tmp_path / "d.db"
    with open_directory(db) as d:
        ids = _people(d)
        uid = contacts.get_contact(d, ids[2]).uid
    sheet = write_xlsx(
        tmp_path / "sarajevo.xlsx",
        {"P": [["Surname", "Name", "Country", "E-mail"], ["Hodžić", "Amra", "BA", "amra@example.ba"]]},
    )
    assert run("import", str(sheet), "--db", str(db), "--event", "Sarajevo 2017").returncode == 0
    listed = run("imports", "--db", str(db), "--format", "json")
    [batch] = json.loads(listed.stdout)
    assert {"id", "time", "file", "event", "created", "updated"} <= set(batch)
    assert batch["event"] == "Sarajevo 2017" and batch["created"] == 1
    done = run("rollback-import", str(batch["id"]), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "1 contacts it created deleted" in done.stdout
    again = run("rollback-import", str(batch["id"]), "--db", str(db))
    assert again.returncode == 2 and again.stderr.startswith("error: import") and "already rolled back" in again.stderr
    table = run("imports", "--db", str(db))
    assert "rolled back" in table.stdout
    log = json.loads(run("audit", "--db", str(db), "--format", "json").stdout)
    assert log[0]["action"] == "rollback"
    out = tmp_path / "audit.csv"
    assert run("audit", "--db", str(db), "--format", "csv", "-o", str(out)).returncode == 0
    assert out.read_text().startswith("id,at,action")
    review = run("review", "--db", str(db), "--years", "5", "--format", "json")
    assert {c["family_name"] for c in json.loads(review.stdout)} >= {"Eraseova", "Marić"}
    erased = run("erase", uid, "--db", str(db))
    assert erased.returncode == 0, erased.stderr
    assert "no contact with uid" in run("erase", uid, "--db", str(db)).stderr
