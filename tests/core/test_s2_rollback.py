"""Rollback of an import after later merges, event changes and other rollbacks: it never destroys a contact that
existed before the import, never brings back one that is gone for good, and never turns a later "no" into a yes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from directory_app.core.batches import ChangedSince, rollback_import
from directory_app.core.contacts import add_contact, find_by_uid, get_contact, list_events
from directory_app.core.events import merge_events, set_part
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.merging import merge_contacts
from directory_app.core.records import ContactInput, EmailEntry, PhoneEntry
from directory_app.core.store import Directory, open_directory
from tests.core.import_helpers import write_csv

HEADER = ["First name", "Last name", "E-mail", "Phone", "Country", "Organisation", "Position"]
ZORAN = ["Zoran", "Testovic", "zoran.testovic@mup.gov.rs", "", "Serbia", "Ministry of Interior", "Inspector"]
ANA = [
    "Ana",
    "Probna",
    "ana.probna@pravosudje.ba",
    "",
    "Bosnia and Herzegovina",
    "Prosecutor's Office BiH",
    "Prosecutor",
]


@pytest.fixture
def directory(tmp_path: Path) -> Iterator[Directory]:
    with open_directory(tmp_path / "directory.db") as d:
        add_contact(
            d,
            ContactInput(
                given_name="Ivana",
                family_name="Radulović",
                country="ME",
                organisation="Higher Public Prosecutor's Office Podgorica",
                emails=[EmailEntry("ivana.radulovic@prosecution.me.example")],
            ),
        )
        add_contact(
            d,
            ContactInput(
                given_name="Milena",
                family_name="Popović",
                country="ME",
                organisation="Ministry of Labour and Social Affairs",
                emails=[EmailEntry("milena.popovic@labour.me.example")],
                phones=[PhoneEntry("+382 20 264 882")],
            ),
        )
        yield d


def _import(directory: Directory, tmp_path: Path, name: str, *rows: list[str], event: str) -> int:
    path = write_csv(tmp_path / f"{name}.csv", [HEADER, *rows])
    import_files(directory, [path], event=EventSpec(name=event))
    with directory.read() as session:
        return session.connection().exec_driver_sql("SELECT max(id) FROM import_batch").scalar_one()


def _id(directory: Directory, family: str) -> int | None:
    with directory.read() as session:
        row = session.connection().exec_driver_sql("SELECT id FROM contact WHERE family_name = ?", (family,)).first()
    return row[0] if row else None


def _uid(directory: Directory, family: str) -> str:
    with directory.read() as session:
        return session.connection().exec_driver_sql("SELECT uid FROM contact WHERE family_name = ?", (family,)).one()[0]


def test_a_contact_that_existed_before_the_import_merged_into_one_it_created_is_never_deleted(
    directory: Directory, tmp_path: Path
) -> None:
    batch = _import(directory, tmp_path, "A", ZORAN, ANA, event="Seminar A 2025")
    ivana = _id(directory, "Radulović")
    merge_contacts(directory, _id(directory, "Probna"), ivana)  # Ivana, older than the import, into Ana
    refusal = r"Ana Probna \(1 other contact merged into it since\)\); undo those merges first, or undo it anyway"
    with pytest.raises(ChangedSince, match=refusal):
        rollback_import(directory, batch)

    result = rollback_import(directory, batch, force=True)
    assert result.left_merged == ("Ana Probna (1 other contact merged into it since)",)
    assert result.deleted == 1 and _id(directory, "Testovic") is None  # what only the import brought goes
    kept = get_contact(directory, _id(directory, "Probna"))
    assert "ivana.radulovic@prosecution.me.example" in [e.address for e in kept.emails], "Ivana's details stay"


def test_a_contact_the_import_updated_then_merged_into_another_is_not_brought_back_beside_it(
    directory: Directory, tmp_path: Path
) -> None:
    milena = ["Milena", "Popović", "milena.popovic@labour.me.example", "+382 69 777 888", "Montenegro",
              "Ministry of Labour and Social Affairs", "Senior Adviser"]  # fmt: skip
    batch = _import(directory, tmp_path, "M2", milena, event="Seminar M2 2025")
    merge_contacts(directory, _id(directory, "Radulović"), _id(directory, "Popović"))
    with pytest.raises(ChangedSince, match=r"Milena Popović \(merged into Ivana Radulović since\)") as refused:
        rollback_import(directory, batch)
    assert "deleted since" not in str(refused.value)

    result = rollback_import(directory, batch, force=True)
    assert result.left_merged == ("Milena Popović (merged into Ivana Radulović since)",)
    with directory.read() as session:
        holders = (
            session.connection()
            .exec_driver_sql(
                "SELECT count(DISTINCT contact_id) FROM contact_email "
                "WHERE address = 'milena.popovic@labour.me.example'"
            )
            .scalar_one()
        )
    assert holders == 1 and _id(directory, "Popović") is None, "no second Milena beside the merged contact"


def test_rolling_back_both_imports_out_of_order_never_brings_back_what_the_first_created(
    directory: Directory, tmp_path: Path
) -> None:
    first = _import(directory, tmp_path, "A", ZORAN, event="Seminar A 2025")
    zoran_b = [*ZORAN[:3], "+381 64 1112223", *ZORAN[4:]]
    second = _import(directory, tmp_path, "B", zoran_b, event="Seminar B 2025")
    uid = _uid(directory, "Testovic")
    rollback_import(directory, first, force=True)  # discards B's change to Zoran: he goes
    rollback_import(directory, second, force=True)
    with directory.read() as session:
        assert find_by_uid(session, uid) is None
    with sqlite3.connect(directory.path) as c:
        assert c.execute("SELECT count(*) FROM contact").fetchone()[0] == 2


def test_a_forced_rollback_never_makes_shareable_again_someone_who_said_no_later(
    directory: Directory, tmp_path: Path
) -> None:
    zoran = add_contact(
        directory, ContactInput(given_name="Zoran", family_name="Testovic", country="RS",
                                emails=[EmailEntry("zoran.testovic@mup.gov.rs")])
    ).id  # fmt: skip
    header = [*HEADER, "Share contact details with participants?"]
    yes = write_csv(tmp_path / "yes.csv", [header, [*ZORAN, "Yes"]])
    import_files(directory, [yes], event=EventSpec(name="Seminar C 2025"))
    assert get_contact(directory, zoran).consent_shared is True
    no = write_csv(tmp_path / "no.csv", [header, [*ZORAN, "No"]])
    import_files(directory, [no], event=EventSpec(name="Seminar D 2025"))
    said_no = get_contact(directory, zoran)
    assert said_no.consent_shared is False

    rollback_import(directory, 1, force=True)  # out of order: back to before the "yes", the later "no" stays
    after = get_contact(directory, zoran)
    assert after.consent_shared is False and after.shareable == said_no.shareable
    assert (after.consent_source, after.consent_date) == (said_no.consent_source, said_no.consent_date)
    assert [e.name for e in after.events] == ["Seminar D 2025"] or "Seminar C 2025" not in [
        e.name for e in after.events
    ]


def test_event_merge_then_both_rollbacks_leave_no_empty_event(directory: Directory, tmp_path: Path) -> None:
    first = _import(directory, tmp_path, "A", ZORAN, ANA, event="Seminar A 2025")
    mira = ["Mira", "Novakova", "mira.novakova@mvr.gov.mk", "", "North Macedonia", "MVR", "Police Officer"]
    second = _import(directory, tmp_path, "B", [*ZORAN[:3], "+381 64 1112223", *ZORAN[4:]], mira,
                     event="Seminar B 2025")  # fmt: skip
    ids = {e.name: e.id for e in list_events(directory)}
    merge_events(directory, ids["Seminar B 2025"], ids["Seminar A 2025"])  # keep B
    rollback_import(directory, second)
    rollback_import(directory, first)
    assert [e.name for e in list_events(directory)] == []


def test_a_later_change_to_the_events_of_a_contact_stops_the_rollback(directory: Directory, tmp_path: Path) -> None:
    _import(directory, tmp_path, "A", ZORAN, ANA, event="Seminar A 2025")
    second = _import(directory, tmp_path, "B", [*ZORAN[:3], "+381 64 1112223", *ZORAN[4:]], event="Seminar B 2025")
    other = {e.name: e.id for e in list_events(directory)}["Seminar A 2025"]
    set_part(directory, [_id(directory, "Testovic")], other, "speaker")
    with pytest.raises(ChangedSince, match="Zoran Testovic"):
        rollback_import(directory, second)
