"""Correcting events after their import: edit, merge two that are one seminar, delete; each undone exactly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from directory_app.core.batches import list_imports, rollback_import
from directory_app.core.contacts import delete_contacts, list_events, restore_contacts
from directory_app.core.events import (
    create_event,
    delete_event,
    merge_events,
    restore_event,
    undo_delete_event,
    undo_merge_events,
    update_event,
)
from directory_app.core.importing import EventSpec, import_files
from directory_app.core.records import DirectoryError
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv

HEADER = ["Name", "Surname", "E-mail", "Role"]


def _import(directory, tmp_path: Path, name: str, rows: list[list[str]]) -> int:
    path = write_csv(tmp_path / f"{name}.csv", [HEADER, *rows])
    import_files(directory, [path], event=EventSpec(name))
    return next(e.id for e in list_events(directory) if e.name == name)


def _events(directory) -> dict[str, dict[str, str]]:
    """Event name -> {person: part}."""
    out: dict[str, dict[str, str]] = {e.name: {} for e in list_events(directory)}
    for r in search(directory, SearchQuery()):
        for ev in r.events:
            out[ev.name][r.display_name] = ev.part
    return out


JELENA = ["Jelena", "Petrović", "jelena@mup.gov.rs", "participant"]
ARBEN = ["Arben", "Hoxha", "arben@pp.gov.al", "participant"]
ANA = ["Ana", "Kovač", "ana@mpu.hr", "speaker"]


def test_an_event_s_details_are_corrected_and_put_back(directory, tmp_path: Path) -> None:
    event_id = _import(directory, tmp_path, "Lista ucesnika", [JELENA])
    before, after = update_event(
        directory, event_id, name="  Regional Seminar on  JITs, Skopje 2025 ", start_date=date(2025, 3, 12),
        end_date=date(2025, 3, 13), city="Skopje", country="MK", organisers="OSCE",
    )  # fmt: skip
    assert before.name == "Lista ucesnika"
    assert (after.name, after.city, after.country, after.participant_count) == (
        "Regional Seminar on JITs, Skopje 2025", "Skopje", "MK", 1,
    )  # fmt: skip
    assert _events(directory) == {"Regional Seminar on JITs, Skopje 2025": {"Jelena Petrović": "participant"}}
    restore_event(directory, before)
    (event,) = list_events(directory)
    assert (event.name, event.start_date, event.city) == ("Lista ucesnika", None, "")


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"name": " "}, "an event needs a name"),
     ({"name": "other seminar"}, "another event is called 'Other seminar' (#2): merge the two instead"),
     ({"start_date": date(2025, 3, 13), "end_date": date(2025, 3, 12)},
      "the event ends (12 Mar 2025) before it starts (13 Mar 2025)"),
     ({"country": "ZZ"}, "'ZZ' is not a country code")],
)  # fmt: skip
def test_a_wrong_change_is_refused_and_nothing_changes(directory, tmp_path: Path, changes, message) -> None:
    event_id = _import(directory, tmp_path, "Seminar", [JELENA])
    _import(directory, tmp_path, "Other seminar", [ARBEN])
    fields = {"name": "Seminar", "start_date": None, "end_date": None} | changes
    with pytest.raises(DirectoryError) as error:
        update_event(directory, event_id, **fields)
    assert str(error.value) == message
    assert sorted(e.name for e in list_events(directory)) == ["Other seminar", "Seminar"]


def test_two_events_merged_and_the_merge_undone(directory, tmp_path: Path) -> None:
    keep = _import(directory, tmp_path, "Skopje 2025", [JELENA, ARBEN])
    update_event(directory, keep, name="Skopje 2025", start_date=date(2025, 3, 12), end_date=None)
    # the same seminar's speakers' list, imported under another name: Arben spoke, Ana too
    other = _import(directory, tmp_path, "Speakers", [[*ARBEN[:3], "speaker"], ANA])
    update_event(directory, other, name="Speakers", start_date=None, end_date=None, city="Skopje", organisers="OSCE")
    before = _events(directory)

    merge = merge_events(directory, keep, other)
    assert _events(directory) == {
        "Skopje 2025": {"Jelena Petrović": "participant", "Arben Hoxha": "speaker", "Ana Kovač": "speaker"}
    }
    (event,) = list_events(directory)
    assert (event.start_date, event.city, event.organisers) == (date(2025, 3, 12), "Skopje", "OSCE")
    assert {b.event for b in list_imports(directory)} == {"Skopje 2025"}

    undo_merge_events(directory, merge)
    assert _events(directory) == before
    assert sorted((e.id, e.name, e.city) for e in list_events(directory)) == [
        (keep, "Skopje 2025", ""), (other, "Speakers", "Skopje"),
    ]  # fmt: skip
    assert sorted(b.event for b in list_imports(directory)) == ["Skopje 2025", "Speakers"]


def test_after_a_merge_contacts_put_back_take_part_in_the_kept_event(directory, tmp_path: Path) -> None:
    """A deletion undone, or an import rolled back, after the merge: the removed event's participations go to the
    kept one, and the kept event is not removed with the import that created the other."""
    keep = _import(directory, tmp_path, "Skopje 2025", [JELENA])
    other = _import(directory, tmp_path, "Speakers", [ANA])
    # a later list updates Jelena (a new phone) and names her as a speaker of "Speakers"
    path = write_csv(tmp_path / "late.csv", [[*HEADER, "Phone"], [*JELENA[:3], "speaker", "+381 64 123 4567"]])
    import_files(directory, [path], event=EventSpec("Speakers"))
    people = {r.display_name: r for r in search(directory, SearchQuery())}
    deleted = delete_contacts(directory, [people["Ana Kovač"].id])

    merge_events(directory, keep, other)
    restore_contacts(directory, deleted)
    assert _events(directory) == {"Skopje 2025": {"Jelena Petrović": "speaker", "Ana Kovač": "speaker"}}

    late = max(b.id for b in list_imports(directory))
    rollback_import(directory, late)  # Jelena as she was before the late list: only in Skopje 2025
    assert _events(directory) == {"Skopje 2025": {"Jelena Petrović": "participant", "Ana Kovač": "speaker"}}
    first_speakers_import = sorted(b.id for b in list_imports(directory))[1]
    rollback_import(directory, first_speakers_import)  # deletes Ana, whom it created; the kept event stays
    assert _events(directory) == {"Skopje 2025": {"Jelena Petrović": "participant"}}


def test_an_event_deleted_and_put_back(directory, tmp_path: Path) -> None:
    event_id = _import(directory, tmp_path, "Test import", [JELENA, ANA])
    before = _events(directory)
    deleted = delete_event(directory, event_id)
    assert _events(directory) == {}
    assert len(search(directory, SearchQuery())) == 2, "the contacts stay"
    assert [b.event for b in list_imports(directory)] == [None]
    undo_delete_event(directory, deleted)
    assert _events(directory) == before
    assert [b.event for b in list_imports(directory)] == ["Test import"]


def test_an_event_cannot_be_merged_with_itself_or_a_missing_one(directory, tmp_path: Path) -> None:
    event_id = _import(directory, tmp_path, "Seminar", [JELENA])
    with pytest.raises(DirectoryError, match="cannot be merged with itself"):
        merge_events(directory, event_id, event_id)
    with pytest.raises(DirectoryError, match="there is no event 99"):
        merge_events(directory, event_id, 99)


def test_the_command_line_corrects_merges_and_deletes_events(tmp_path: Path, capsys) -> None:
    from directory_app.cli import main
    from directory_app.core.store import open_directory

    db = tmp_path / "d.db"
    with open_directory(db) as directory:
        _import(directory, tmp_path, "Addr", [JELENA])
        _import(directory, tmp_path, "Speakers", [ANA])
    assert main(["event-edit", "#1", "--db", str(db), "--name", "Skopje 2025", "--start", "2025-03-12",
                 "--country", "Sjeverna Makedonija"]) == 0  # fmt: skip
    assert main(["event-merge", "Skopje 2025", "2", "--db", str(db)]) == 0
    assert main(["event-edit", "1", "--db", str(db), "--end", "2025-03-01"]) == 2
    assert main(["event-edit", "9", "--db", str(db), "--city", "Ohrid"]) == 2
    out, err = capsys.readouterr()
    assert "'Speakers' merged into 'Skopje 2025': 1 participant moved, 1 import now belonging to it" in out
    assert err.splitlines() == [
        "error: the event ends (01 Mar 2025) before it starts (12 Mar 2025)",
        "error: there is no event 9 (deleted meanwhile?); `events` lists them",
    ]
    assert main(["events", "--db", str(db), "--format", "json"]) == 0
    (event,) = json.loads(capsys.readouterr().out)
    assert (event["id"], event["name"], event["country"], event["participants"]) == (1, "Skopje 2025", "MK", 2)
    with open_directory(db) as directory:
        ana = next(r.uid for r in search(directory, SearchQuery()) if r.family_name == "Kovač")
    assert main(["event-part", "1", ana, "--db", str(db), "--remove"]) == 0
    assert "1 contact taken off 'Skopje 2025' (0 already so)" in capsys.readouterr().out
    # an id no contact has was counted "already so", as if it were one
    assert main(["event-part", "1", "99999", "--db", str(db)]) == 2
    assert capsys.readouterr().err == "error: no contact with id 99999 (`search` shows the ids)\n"
    assert main(["event-delete", "1", "--db", str(db)]) == 0
    assert "the person who took part stays in the directory" in capsys.readouterr().out


def test_an_import_joins_an_event_of_the_same_name_in_other_punctuation(directory, tmp_path: Path) -> None:
    """A PDF's two title lines read as "... Teams Skopje, 12-14 March 2025": a second event beside "... Teams,
    Skopje, 12-14 March 2025" of the same seminar."""
    _import(directory, tmp_path, "Regional Workshop on JITs, Skopje, 12-14 March 2025", [JELENA])
    path = write_csv(tmp_path / "more.csv", [HEADER, ANA])
    import_files(directory, [path], event=EventSpec("Regional Workshop on JITs Skopje 12-14 March 2025"))
    assert list(_events(directory)) == ["Regional Workshop on JITs, Skopje, 12-14 March 2025"]


def test_an_import_joins_an_event_of_the_same_name_in_another_case(directory, tmp_path: Path) -> None:
    _import(directory, tmp_path, "Семинар Скопје 2025", [JELENA])
    path = write_csv(tmp_path / "more.csv", [HEADER, ANA])
    import_files(directory, [path], event=EventSpec("семинар  скопје 2025"))
    assert _events(directory) == {"Семинар Скопје 2025": {"Jelena Petrović": "participant", "Ana Kovač": "speaker"}}
    (event,) = list_events(directory)
    with pytest.raises(DirectoryError, match="another event is called"):
        _import(directory, tmp_path, "Other", [ARBEN])
        other = next(e.id for e in list_events(directory) if e.name == "Other")
        update_event(directory, other, name="СЕМИНАР СКОПЈЕ 2025", start_date=None, end_date=None)
    assert event.participant_count == 2


def test_contacts_added_to_an_event_and_taken_off_it_then_put_back(directory, tmp_path: Path) -> None:
    """Someone who came and was not on the list; someone on the list who never came."""
    from directory_app.core.events import events_of, set_part, undo_set_part

    seminar = _import(directory, tmp_path, "Skopje 2025", [JELENA, ANA])
    other = _import(directory, tmp_path, "Ohrid 2024", [ARBEN])
    people = {r.display_name: r.id for r in search(directory, SearchQuery())}
    everyone = list(people.values())
    assert [(e.name, n) for e, n in events_of(directory, everyone)] == [("Ohrid 2024", 1), ("Skopje 2025", 2)]

    added = set_part(directory, [people["Arben Hoxha"], people["Jelena Petrović"]], seminar, "speaker")
    assert added.changed == 2  # Arben added, Jelena a participant made a speaker
    assert _events(directory)["Skopje 2025"] == {
        "Jelena Petrović": "speaker", "Arben Hoxha": "speaker", "Ana Kovač": "speaker",
    }  # fmt: skip
    removed = set_part(directory, [people["Ana Kovač"]], seminar, None)
    assert _events(directory)["Skopje 2025"] == {"Jelena Petrović": "speaker", "Arben Hoxha": "speaker"}

    assert undo_set_part(directory, removed) == [people["Ana Kovač"]]
    undo_set_part(directory, added)
    assert _events(directory) == {
        "Skopje 2025": {"Jelena Petrović": "participant", "Ana Kovač": "speaker"},
        "Ohrid 2024": {"Arben Hoxha": "participant"},
    }
    with pytest.raises(DirectoryError, match="'host' is not a part"):
        set_part(directory, everyone, other, "host")


def test_an_event_no_list_was_imported_for_then_people_added(directory, tmp_path: Path, capsys) -> None:
    from directory_app.cli import main
    from directory_app.core.events import create_event, set_part

    _import(directory, tmp_path, "Skopje 2025", [JELENA])
    event = create_event(directory, name="  Ohrid  meeting 2026 ", start_date=date(2026, 5, 4), country="MK")
    assert (event.name, event.participant_count, event.country) == ("Ohrid meeting 2026", 0, "MK")
    with pytest.raises(DirectoryError, match="another event is called 'Skopje 2025'"):
        create_event(directory, name="skopje 2025")
    (jelena,) = search(directory, SearchQuery())
    set_part(directory, [jelena.id], event.id, "organiser")
    assert _events(directory)["Ohrid meeting 2026"] == {"Jelena Petrović": "organiser"}

    db = str(directory.path)
    assert main(["event-new", "Tirana 2027", "--db", db, "--start", "2027-02-01", "--country", "Albania"]) == 0
    assert capsys.readouterr().out.strip().endswith(": Tirana 2027")
    assert main(["event-new", "Tirana 2027", "--db", db]) == 2
    assert "another event is called 'Tirana 2027'" in capsys.readouterr().err


def test_an_event_s_id_is_never_given_again(directory) -> None:
    """SQLite gives a new row the highest id + 1: the newest event deleted, the next one created took its id, and
    what still named it (a saved search, the undo of the deletion) meant the new event."""
    from directory_app.core.saved_searches import get_saved_search, save_search
    from directory_app.core.search import SearchQuery

    create_event(directory, name="Regional Workshop, Skopje 2025")
    tirana = create_event(directory, name="Tirana 2019")
    save_search(directory, "Tirana", SearchQuery(events=(tirana.id,)))
    deleted = delete_event(directory, tirana.id)
    ohrid = create_event(directory, name="Ohrid 2026")
    assert ohrid.id != tirana.id
    assert get_saved_search(directory, "Tirana").events_all_gone  # not Ohrid's participants
    undo_delete_event(directory, deleted)  # refused before: "event 2 exists again"
    assert sorted(e.name for e in list_events(directory)) == [
        "Ohrid 2026", "Regional Workshop, Skopje 2025", "Tirana 2019",
    ]  # fmt: skip
    delete_event(directory, ohrid.id)
    with directory.write() as session:  # an import's event, created the other way (contacts.ensure_event)
        from directory_app.core.contacts import ensure_event

        assert ensure_event(session, "Struga 2027") > ohrid.id
