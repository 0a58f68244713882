"""contacts.bulk_inserts holds new contacts' child rows back and writes them table by table; whatever happens in
the block, the directory must end exactly as without it."""

from __future__ import annotations

from pathlib import Path

from directory_app.core import contacts
from directory_app.core.records import ContactInput, EmailEntry, PhoneEntry
from directory_app.core.search import SearchQuery, search_ids
from directory_app.core.store import Directory, Session, open_directory


def _work(session: Session, event_id: int, bulk_ids: list[int]) -> None:
    a = contacts.insert_contact(
        session,
        ContactInput("Ana", "Marić", country="HR", emails=[EmailEntry("ana@example.hr")], roles=["judge"]),
    )
    b = contacts.insert_contact(session, ContactInput("Ivo", "Ivić", phones=[PhoneEntry("+38598123456")]))
    assert contacts.add_participation(session, a, event_id)
    assert not contacts.add_participation(session, a, event_id)  # the held-back row counts
    assert contacts.add_participation(session, b, event_id, "speaker")
    assert contacts.add_participation(session, b, event_id, "organiser")  # a stronger part wins
    (record,) = contacts.load_records(session, [a])  # reads the held-back rows
    assert [e.address for e in record.emails] == ["ana@example.hr"] and record.roles == ("judge",)
    merged = record.to_input()
    merged.emails.append(EmailEntry("ana.maric@example.hr"))
    contacts.replace_contact(session, a, merged)
    c = contacts.insert_contact(session, ContactInput("Vesna", "Vesić", keywords=["JIT"]))
    contacts.delete_contact_rows(session, [c])
    bulk_ids.extend([a, b])


def _state(directory: Directory) -> object:
    ids = search_ids(directory, SearchQuery())
    with directory.read() as session:
        records = contacts.load_records(session, ids)
    return [
        (r.given_name, r.emails, r.phones, r.roles, r.keywords, [(e.name, e.part) for e in r.events]) for r in records
    ]


def test_bulk_inserts_end_as_single_inserts(tmp_path: Path) -> None:
    states = []
    for bulk in (False, True):
        with open_directory(tmp_path / f"{bulk}.db") as directory:
            with directory.write() as session:
                event_id = contacts.ensure_event(session, "Seminar")
                ids: list[int] = []
                if bulk:
                    with contacts.bulk_inserts(session):
                        _work(session, event_id, ids)
                else:
                    _work(session, event_id, ids)
            states.append(_state(directory))
            assert search_ids(directory, SearchQuery(text="ana.maric")) == ids[:1]  # the search text was written
    assert states[0] == states[1]
    assert len(states[0]) == 2


def test_nothing_held_back_survives_a_failed_block(tmp_path: Path) -> None:
    with open_directory(tmp_path / "d.db") as directory:
        try:
            with directory.write() as session, contacts.bulk_inserts(session):
                contacts.insert_contact(session, ContactInput("Ana", "Marić", emails=[EmailEntry("a@example.hr")]))
                raise RuntimeError("the import failed")
        except RuntimeError:
            pass
        assert _state(directory) == []
        with directory.write() as session:  # the session's info is clean: later writes go straight in
            contacts.insert_contact(session, ContactInput("Ivo", "Ivić", emails=[EmailEntry("i@example.hr")]))
        assert len(_state(directory)) == 1
