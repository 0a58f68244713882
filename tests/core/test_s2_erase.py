"""Erasure leaves no file name that names the person: a QR code's path in the audit log, a one-person form's file
name in the import history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from directory_app.core.batches import list_imports
from directory_app.core.contacts import add_contact
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.privacy import audit, erase_contact, list_audit
from directory_app.core.records import ContactInput
from directory_app.core.store import open_directory
from tests.core.import_helpers import write_csv

HEADER = ["First name", "Last name", "E-mail", "Country", "Position"]


def test_erase_replaces_the_file_names_that_named_the_person(tmp_path: Path) -> None:
    with open_directory(tmp_path / "directory.db") as d:
        mira = add_contact(d, ContactInput(given_name="Mira", family_name="Novakova", country="MK"))
        form = write_csv(
            tmp_path / "Registration form - Zoran Testović.csv",
            [HEADER, ["Zoran", "Testović", "zoran.testovic@mup.gov.rs", "Serbia", ""]],
        )
        import_files(d, [form], event=EventSpec(name="Seminar A 2025"))
        both = write_csv(
            tmp_path / "list.csv",
            [
                HEADER,
                ["Zoran", "Testović", "zoran.testovic@mup.gov.rs", "Serbia", "Inspector"],
                ["Ana", "Probna", "ana@example.ba", "Bosnia", "Judge"],
            ],
        )
        import_files(d, [both], event=EventSpec(name="Seminar B 2025"))
        with sqlite3.connect(d.path) as c:
            (uid,) = c.execute("SELECT uid FROM contact WHERE family_name = 'Testović'").fetchone()
        audit(d, "export-qr", "QR code", tmp_path / "Zoran Testovic QR.png", [uid])
        audit(d, "export-vcard", "2 contacts", tmp_path / "team.vcf", [uid, mira.uid])  # names no one: stays
        audit(d, "export-vcard", "2 contacts", tmp_path / "testovic and novakova.vcf", [uid, mira.uid])

        result = erase_contact(d, uid)

        assert result.names_removed == 3
        assert sorted(b.file for b in list_imports(d)) == ["(erased)", both.name]
        targets = sorted(e.target for e in list_audit(d) if e.action.startswith("export"))
        assert targets == ["(erased)", "(erased)", str(tmp_path / "team.vcf")]
        with sqlite3.connect(d.path) as c:
            dump = "\n".join(c.iterdump()).casefold()
        assert "testovi" not in dump
