"""Saved searches: kept in the directory file under a name, run again from the window or the command line;
events merged or deleted since are followed or dropped."""

from __future__ import annotations

import json

import pytest

from directory_app.core.contacts import add_contact
from directory_app.core.events import create_event, delete_event, merge_events
from directory_app.core.records import ContactInput, DirectoryError
from directory_app.core.saved_searches import (
    delete_saved_search,
    describe,
    get_saved_search,
    list_saved_searches,
    save_search,
)
from directory_app.core.search import SearchQuery, search_ids
from tests.core.cli_helpers import run_cli

JUDGES = SearchQuery(countries=("BA", "RS"), roles=("judge",))


def test_saved_searches_are_kept_replaced_by_name_and_forgotten(directory) -> None:
    save_search(directory, "  Judges,   Bosnia and Serbia ", JUDGES)
    save_search(directory, "Đorđević", SearchQuery(text="dordevic"))
    assert [s.name for s in list_saved_searches(directory)] == ["Đorđević", "Judges, Bosnia and Serbia"]
    assert get_saved_search(directory, "judges, bosnia AND serbia").query == JUDGES
    save_search(directory, "JUDGES, Bosnia and Serbia", SearchQuery(roles=("judge",)))  # the same name: replaced
    assert [(s.name, s.query.countries) for s in list_saved_searches(directory)] == [
        ("Đorđević", ()), ("JUDGES, Bosnia and Serbia", ()),
    ]  # fmt: skip
    assert delete_saved_search(directory, "đorđević").name == "Đorđević"
    with pytest.raises(DirectoryError, match=r"there is no saved search 'x' \(saved searches: 'JUDGES, Bosnia and"):
        get_saved_search(directory, "x")
    with pytest.raises(DirectoryError, match="nothing to save"):
        save_search(directory, "Everyone", SearchQuery(text="  "))
    with pytest.raises(DirectoryError, match="needs a name"):
        save_search(directory, "   ", JUDGES)
    with pytest.raises(DirectoryError, match="at most 80 characters"):
        save_search(directory, "x" * 81, JUDGES)
    assert describe(SearchQuery(text="jovanovic", countries=("RS",), roles=("judge", "prosecutor"))) == (
        "“jovanovic” · Serbia · Judge, Prosecutor"
    )


def test_an_event_merged_since_is_followed_and_one_deleted_is_dropped(directory) -> None:
    skopje = create_event(directory, name="Regional Workshop, Skopje 2025")
    again = create_event(directory, name="Regional Workshop Skopje 2025 (second list)")
    tirana = create_event(directory, name="Tirana 2019")
    save_search(directory, "Seminars", SearchQuery(events=(again.id, tirana.id), roles=("judge",)))
    merge_events(directory, skopje.id, again.id)
    delete_event(directory, tirana.id)
    [saved] = list_saved_searches(directory)
    assert saved.query.events == (skopje.id,) and saved.query.roles == ("judge",) and saved.events_gone == 1
    assert describe(saved.query, {skopje.id: "Skopje 2025"}, saved.events_gone) == (
        "Judge · Skopje 2025 (1 event of it deleted since)"
    )
    saved.check_runnable()  # one of its events is left: it runs (finding fewer, never more)

    # Every event of it deleted: run without them it would find everyone (an export of a seminar's participants
    # would be the whole directory's), so it is not run.
    tirana_2024 = create_event(directory, name="Tirana 2024")
    save_search(directory, "Tirana", SearchQuery(events=(tirana_2024.id,)))
    delete_event(directory, tirana_2024.id)
    gone = get_saved_search(directory, "Tirana")
    assert gone.events_all_gone and gone.query.events == ()
    assert describe(gone.query, {}, gone.events_gone) == "everyone (its event was deleted since: it cannot be run)"
    with pytest.raises(DirectoryError, match=r"'Tirana' was for 1 event deleted since: run without it, it would find"):
        gone.check_runnable()
    db = str(directory.path)
    refused = run_cli("export-vcard", str(directory.path.parent / "tirana.vcf"), "--saved", "Tirana", "--db", db)
    assert refused.returncode == 2 and "would find people who never took part" in refused.stderr
    assert not (directory.path.parent / "tirana.vcf").exists()
    with directory.write() as session:  # a value no version of the app wrote: skipped, not a failure
        session.connection().exec_driver_sql("INSERT INTO setting (key, value) VALUES ('saved_search:Odd', '{x')")
    assert [s.name for s in list_saved_searches(directory)] == ["Seminars", "Tirana"]


def test_saved_searches_on_the_command_line(directory) -> None:
    for given, family, country, position in (
        ("Kenan", "Šehić", "BA", "Judge"),
        ("Sanja", "Jovanović", "RS", "Judge"),
        ("Ivo", "Horvat", "HR", "Judge"),
        ("Ana", "Jovanović", "RS", "Prosecutor"),
    ):
        add_contact(directory, ContactInput(given_name=given, family_name=family, country=country, position=position,
                                            roles=["judge" if position == "Judge" else "prosecutor"]))  # fmt: skip
    db = str(directory.path)
    directory.close()
    saved = run_cli("search", "--country", "BA", "--country", "RS", "--role", "judge", "--save-as", "WB judges",
                    "--db", db)  # fmt: skip
    assert saved.returncode == 0 and "saved as 'WB judges'" in saved.stderr
    listed = run_cli("searches", "--db", db)
    assert "WB judges" in listed.stdout and "Bosnia and Herzegovina, Serbia · Judge" in listed.stdout
    found = run_cli("search", "--saved", "wb JUDGES", "--format", "json", "--db", db)
    assert sorted(c["family_name"] for c in json.loads(found.stdout)) == ["Jovanović", "Šehić"]
    narrowed = run_cli("search", "jovanovic", "--saved", "WB judges", "--format", "csv", "--db", db)
    assert len(narrowed.stdout.splitlines()) == 2 and "Sanja" in narrowed.stdout  # the words add to it
    other = run_cli("search", "--saved", "WB judges", "--country", "HR", "--format", "csv", "--db", db)
    assert "Horvat" in other.stdout and "Šehić" not in other.stdout  # a filter given replaces the saved one's
    assert run_cli("searches", "--delete", "wb judges", "--db", db).stdout == "saved search 'WB judges' forgotten\n"
    missing = run_cli("export-vcard", "out.vcf", "--saved", "WB judges", "--db", db)
    assert (
        missing.returncode == 2 and "there is no saved search 'WB judges' (saved searches: none yet)" in missing.stderr
    )


def test_the_saved_search_finds_what_it_found(directory) -> None:
    ids = [add_contact(directory, ContactInput(given_name="Kenan", family_name="Šehić", country="BA",
                                               roles=["judge"])).id]  # fmt: skip
    save_search(directory, "Judges", JUDGES)
    assert search_ids(directory, get_saved_search(directory, "Judges").query) == ids
