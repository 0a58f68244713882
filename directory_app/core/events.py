"""Events (seminars) after their import: correct one, merge two that are the same seminar, delete one; each undoable.

An import names its event from the list's title or file name ("Addr", "Lista ucesnika"), and the same seminar
imported from two lists may have two names. Here the organiser puts that right:

- `update_event` changes an event's name, dates, place and organisers; `restore_event` puts them back.
  `create_event` makes one no list was imported for (people are then added with `set_part`).
- `merge_events` moves the participants of one event into another (a speaker stays a speaker) and removes it. The
  import history follows: imports of the removed event now point at the kept one, and contacts put back later (an
  import rolled back, a deletion undone) take part in the kept event, through an `event_merged:<id>` setting that
  `contacts.restore_record` and `restore_contacts` read. `undo_merge_events` puts everything back.
- `delete_event` removes an event and its participations; the contacts stay. `undo_delete_event` puts it back with
  the same id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from directory_app.core.contacts import EVENT_MERGED_KEY as MERGED_KEY
from directory_app.core.contacts import (
    PART_RANK,
    _chunks,
    _marks,
    event_named,
    list_events,
    load_event,
    new_event_id,
    raw_connection,
)
from directory_app.core.countries import is_country_code
from directory_app.core.privacy import record_audit
from directory_app.core.records import DirectoryError, EventRecord, utcnow
from directory_app.core.store import Directory, Session


def _event(session: Session, event_id: int) -> EventRecord:
    record = load_event(session, event_id)
    if record is None:
        raise DirectoryError(f"there is no event {event_id} (deleted meanwhile?); `events` lists them")
    return record


def _check(session: Session, record: EventRecord, clash: str = "merge the two instead") -> EventRecord:
    """The record as it can be stored: a name no other event has (`clash` says what to do then), dates in order, a
    known country."""
    name = " ".join(record.name.split())
    if not name:
        raise DirectoryError("an event needs a name")
    if len(name) > 300:
        raise DirectoryError(f"the event's name is {len(name):,} characters long; at most 300")
    if record.start_date and record.end_date and record.end_date < record.start_date:
        raise DirectoryError(
            f"the event ends ({record.end_date:%d %b %Y}) before it starts ({record.start_date:%d %b %Y})"
        )
    if record.country and not is_country_code(record.country):
        raise DirectoryError(f"'{record.country}' is not a country code")
    same = event_named(session, name, other_than=record.id)
    if same is not None:
        raise DirectoryError(f"another event is called '{same[1]}' (#{same[0]}): {clash}")
    return EventRecord(
        record.id,
        name,
        record.start_date,
        record.end_date,
        " ".join(record.city.split()),
        record.country or None,
        " ".join(record.organisers.split()),
        record.participant_count,
    )


def _write(session: Session, record: EventRecord) -> None:
    session.connection().exec_driver_sql(
        "UPDATE event SET name = ?, start_date = ?, end_date = ?, city = ?, country_code = ?, organisers = ? "
        "WHERE id = ?",
        (*_columns(record), record.id),
    )


def _columns(record: EventRecord) -> tuple[object, ...]:
    """An event's values for the columns name, start_date, end_date, city, country_code, organisers."""
    return (
        record.name,
        record.start_date.isoformat() if record.start_date else None,
        record.end_date.isoformat() if record.end_date else None,
        record.city,
        record.country,
        record.organisers,
    )


def update_event(
    directory: Directory,
    event_id: int,
    *,
    name: str,
    start_date: date | None,
    end_date: date | None,
    city: str = "",
    country: str | None = None,
    organisers: str = "",
) -> tuple[EventRecord, EventRecord]:
    """Change an event's details; returns (before, after). The name must stay unique (merge two events instead)."""
    with directory.write() as session:
        before = _event(session, event_id)
        after = _check(
            session,
            EventRecord(event_id, name, start_date, end_date, city, country, organisers, before.participant_count),
        )
        _write(session, after)
        record_audit(session, "event", _change_text(before, after), "", [], count=0)
        return before, after


def create_event(
    directory: Directory,
    *,
    name: str,
    start_date: date | None = None,
    end_date: date | None = None,
    city: str = "",
    country: str | None = None,
    organisers: str = "",
) -> EventRecord:
    """A new event, with no one in it yet (a meeting no list was imported for); its name must be new."""
    with directory.write() as session:
        record = EventRecord(0, name, start_date, end_date, city, country, organisers)
        record = _check(session, record, clash="add the people to that one")
        created = _event(session, _insert_event(session, record))
        record_audit(session, "event", f"event #{created.id} '{created.name}' created", "", [], count=0)
        return created


def restore_event(directory: Directory, record: EventRecord) -> None:
    """Put an event's details back as `record` (the undo of `update_event`)."""
    with directory.write() as session:
        _event(session, record.id)
        _write(session, _check(session, record))


def _change_text(before: EventRecord, after: EventRecord) -> str:
    if before.name != after.name:
        return f"event #{after.id} renamed from '{before.name}' to '{after.name}'"
    return f"event #{after.id} '{after.name}' edited"


# ------------------------------------------------------------------------------------------------ merging


@dataclass(frozen=True)
class EventMerge:
    """What `undo_merge_events` needs to put both events back as they were."""

    keep: EventRecord  # the kept event before the merge
    other: EventRecord  # the removed one
    # Participants by uid, never by id: a contact deleted and put back by Undo meanwhile has a new id, and its old id
    # may be a new contact's by then.
    other_parts: tuple[tuple[str, str], ...]  # (contact uid, part) of the removed event
    keep_parts: tuple[tuple[str, str], ...]  # the kept event's participations before the merge
    batches: tuple[tuple[int, bool], ...]  # imports of the removed event: (batch id, event_created)
    aliases: tuple[str, ...]  # setting keys that pointed at the removed event and now point at the kept one


def merge_events(directory: Directory, keep_id: int, other_id: int) -> EventMerge:
    """Merge event `other_id` into `keep_id` (see the module notes); one transaction. The kept event's empty details
    are filled from the other's."""
    if keep_id == other_id:
        raise DirectoryError("an event cannot be merged with itself")
    with directory.write() as session:
        keep, other = _event(session, keep_id), _event(session, other_id)
        conn = raw_connection(session)
        keep_ids = tuple(conn.execute("SELECT contact_id, part FROM participation WHERE event_id = ?", (keep_id,)))
        other_ids = tuple(conn.execute("SELECT contact_id, part FROM participation WHERE event_id = ?", (other_id,)))
        keep_parts, other_parts = _by_uid(session, keep_ids), _by_uid(session, other_ids)
        batches = _batches(session, other_id)
        aliases = tuple(
            key for (key,) in conn.execute("SELECT key FROM setting WHERE key LIKE ? AND value = ?",
                                           (MERGED_KEY + "%", str(other_id)))
        )  # fmt: skip

        held = dict(keep_ids)
        add = [(cid, keep_id, part) for cid, part in other_ids if cid not in held]
        stronger = [(part, cid, keep_id) for cid, part in other_ids
                    if cid in held and PART_RANK.get(part, 0) > PART_RANK.get(held[cid], 0)]  # fmt: skip
        conn.executemany("INSERT INTO participation (contact_id, event_id, part) VALUES (?, ?, ?)", add)
        conn.executemany("UPDATE participation SET part = ? WHERE contact_id = ? AND event_id = ?", stronger)
        # The kept event's import no longer created it alone: rolling back an import of the removed one must not
        # delete the kept event.
        conn.execute("UPDATE import_batch SET event_id = ?, event_created = 0 WHERE event_id = ?", (keep_id, other_id))
        keep_key, other_key = str(keep_id), str(other_id)
        conn.execute(
            "UPDATE setting SET value = ? WHERE key LIKE ? AND value = ?", (keep_key, MERGED_KEY + "%", other_key)
        )
        conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (MERGED_KEY + other_key, keep_key))
        conn.execute("DELETE FROM event WHERE id = ?", (other_id,))
        filled = EventRecord(
            keep.id,
            keep.name,
            keep.start_date or other.start_date,
            keep.end_date or other.end_date,
            keep.city or other.city,
            keep.country or other.country,
            keep.organisers or other.organisers,
        )
        _write(session, filled)
        record_audit(
            session, "event", f"event #{other_id} '{other.name}' merged into #{keep_id} '{keep.name}'", "", [], count=0
        )
        return EventMerge(keep, other, keep_parts=keep_parts, other_parts=other_parts, batches=batches, aliases=aliases)


def undo_merge_events(directory: Directory, merge: EventMerge) -> None:
    """Put both events back as they were before `merge_events` (same ids, participants and import history)."""
    with directory.write() as session:
        conn = raw_connection(session)
        if conn.execute("SELECT 1 FROM event WHERE id = ?", (merge.other.id,)).fetchone():
            raise DirectoryError(f"event {merge.other.id} exists again: the merge cannot be undone")
        _event(session, merge.keep.id)
        _insert_event(session, _check(session, merge.other))
        _write(session, merge.keep)
        conn.execute("DELETE FROM participation WHERE event_id = ?", (merge.keep.id,))
        _insert_parts(session, merge.keep.id, merge.keep_parts)
        _insert_parts(session, merge.other.id, merge.other_parts)
        conn.executemany(
            "UPDATE import_batch SET event_id = ?, event_created = ? WHERE id = ?",
            [(merge.other.id, created, bid) for bid, created in merge.batches],
        )
        conn.execute("DELETE FROM setting WHERE key = ?", (f"{MERGED_KEY}{merge.other.id}",))
        conn.executemany(
            "UPDATE setting SET value = ? WHERE key = ?", [(str(merge.other.id), k) for k in merge.aliases]
        )


def _insert_event(session: Session, record: EventRecord) -> int:
    """Insert the event with its id (put back), or a new id when it has none (0); returns the id."""
    cur = raw_connection(session).execute(
        "INSERT INTO event (id, name, start_date, end_date, city, country_code, organisers) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (record.id or new_event_id(session), *_columns(record)),
    )
    return int(cur.lastrowid)


def _batches(session: Session, event_id: int) -> tuple[tuple[int, bool], ...]:
    """The imports of an event: (batch id, whether the import created the event)."""
    rows = raw_connection(session).execute(
        "SELECT id, event_created FROM import_batch WHERE event_id = ? ORDER BY id", (event_id,)
    )
    return tuple((bid, bool(created)) for bid, created in rows)


def _by_uid(session: Session, parts: Sequence[tuple[int, str]]) -> tuple[tuple[str, str], ...]:
    """(contact id, part) as (contact uid, part), for an undo to find the contacts again whatever their ids are then."""
    conn = raw_connection(session)
    uids: dict[int, str] = {}
    ids = [cid for cid, _part in parts]
    for chunk in _chunks(ids):
        uids.update(conn.execute(f"SELECT id, uid FROM contact WHERE id IN ({_marks(len(chunk))})", tuple(chunk)))
    return tuple((uids[cid], part) for cid, part in parts if cid in uids)


def _insert_parts(session: Session, event_id: int, parts: Sequence[tuple[str, str]]) -> None:
    """Participations back, by uid: a contact deleted and put back since (a new id) is found again; one deleted
    meanwhile is not brought back, and a new contact that took a freed id is never added."""
    raw_connection(session).executemany(
        "INSERT OR IGNORE INTO participation (contact_id, event_id, part) SELECT id, ?, ? FROM contact WHERE uid = ?",
        [(event_id, part, uid) for uid, part in parts],
    )


# ------------------------------------------------------------------------------------------------ deleting


@dataclass(frozen=True)
class DeletedEvent:
    """What `undo_delete_event` needs."""

    event: EventRecord
    parts: tuple[tuple[str, str], ...]  # (contact uid, part): by uid, as a contact's id can change (see EventMerge)
    batches: tuple[tuple[int, bool], ...]  # imports of the event: (batch id, event_created)


def delete_event(directory: Directory, event_id: int) -> DeletedEvent:
    """Remove an event and who took part in it; the contacts stay in the directory."""
    with directory.write() as session:
        event = _event(session, event_id)
        conn = raw_connection(session)
        parts = _by_uid(
            session, tuple(conn.execute("SELECT contact_id, part FROM participation WHERE event_id = ?", (event_id,)))
        )
        batches = _batches(session, event_id)
        conn.execute("DELETE FROM event WHERE id = ?", (event_id,))  # participations cascade, imports keep no event
        record_audit(
            session, "event", f"event #{event_id} '{event.name}' deleted ({len(parts)} participants)", "", [], count=0
        )
        return DeletedEvent(event, parts, batches)


def undo_delete_event(directory: Directory, deleted: DeletedEvent) -> None:
    with directory.write() as session:
        conn = raw_connection(session)
        if conn.execute("SELECT 1 FROM event WHERE id = ?", (deleted.event.id,)).fetchone():
            raise DirectoryError(f"event {deleted.event.id} exists again: its deletion cannot be undone")
        _insert_event(session, _check(session, deleted.event))
        _insert_parts(session, deleted.event.id, deleted.parts)
        conn.executemany(
            "UPDATE import_batch SET event_id = ?, event_created = ? WHERE id = ?",
            [(deleted.event.id, created, bid) for bid, created in deleted.batches],
        )


# ------------------------------------------------------------------------------------------------ who took part


@dataclass(frozen=True)
class PartChange:
    """Contacts added to an event (with their part) or taken off it; what `undo_set_part` needs."""

    event_id: int
    part: str | None  # the part they were given; None: taken off the event
    before: tuple[tuple[str, str | None], ...]  # (contact uid, part before, None when not in it)
    # When it was done, and (contact uid, updated_at before) of those it changed: the change counts as a change to
    # the contact (an import's rollback is refused after it); its undo puts the older time back.
    stamp: str = ""
    updated: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> int:
        return sum(1 for _uid, was in self.before if was != self.part)


def events_of(directory: Directory, contact_ids: Sequence[int]) -> list[tuple[EventRecord, int]]:
    """The events any of the contacts took part in, newest first, each with how many of them did."""
    with directory.read() as session:
        counts: dict[int, int] = {}
        for chunk in _chunks(contact_ids):
            for event_id, n in session.connection().exec_driver_sql(
                f"SELECT event_id, count(*) FROM participation WHERE contact_id IN ({_marks(len(chunk))}) "
                "GROUP BY event_id",
                tuple(chunk),
            ):
                counts[event_id] = counts.get(event_id, 0) + n
    return [(e, counts[e.id]) for e in list_events(directory) if e.id in counts]  # in list_events' order


def set_part(directory: Directory, contact_ids: Sequence[int], event_id: int, part: str | None) -> PartChange:
    """Record that the contacts took part in the event as `part` (participant, speaker, organiser), or, with None,
    that they did not: someone on the list who never came, someone who came and was not on it."""
    if part is not None and part not in PART_RANK:
        raise DirectoryError(f"'{part}' is not a part in an event (participant, speaker or organiser)")
    with directory.write() as session:
        event = _event(session, event_id)
        conn = raw_connection(session)
        before: list[tuple[str, str | None]] = []
        for chunk in _chunks(contact_ids):
            before += conn.execute(
                f"SELECT c.uid, p.part FROM contact c LEFT JOIN participation p ON p.contact_id = c.id "
                f"AND p.event_id = ? WHERE c.id IN ({_marks(len(chunk))})",
                (event_id, *chunk),
            ).fetchall()
        _apply_parts(session, event_id, [(uid, part) for uid, _was in before])
        stamp, updated = _touch(session, [uid for uid, was in before if was != part])
        n = sum(1 for _uid, was in before if was != part)
        what = f"taken off event #{event_id} '{event.name}'" if part is None else (
            f"added to event #{event_id} '{event.name}' as {part}")  # fmt: skip
        record_audit(session, "event", f"{n} contacts {what}", "", [uid for uid, was in before if was != part])
        return PartChange(event_id, part, tuple(before), stamp, updated)


def undo_set_part(directory: Directory, change: PartChange) -> list[int]:
    """Put the contacts' parts in the event back as they were; returns their ids (those still in the directory)."""
    with directory.write() as session:
        _event(session, change.event_id)
        ids = _apply_parts(session, change.event_id, list(change.before))
        untouch(session, change.stamp, change.updated)
        return ids


def _touch(session: Session, uids: Sequence[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Mark the contacts `uids` as changed now; returns (the time written, their (uid, updated_at) before)."""
    conn = raw_connection(session)
    stamp = utcnow().isoformat(sep=" ")
    updated: list[tuple[str, str]] = []
    for uid in uids:
        row = conn.execute("SELECT updated_at FROM contact WHERE uid = ?", (uid,)).fetchone()
        if row is not None:
            updated.append((uid, str(row[0])))
    conn.executemany("UPDATE contact SET updated_at = ? WHERE uid = ?", [(stamp, uid) for uid, _was in updated])
    return stamp, tuple(updated)


def untouch(session: Session, stamp: str, updated: Sequence[tuple[str, str]]) -> None:
    """The undo of `_touch`: each contact gets its older updated_at back, unless it changed again since (its time is
    no longer `stamp`), so that an undone change no longer counts as a change, and a later one still does."""
    raw_connection(session).executemany(
        "UPDATE contact SET updated_at = ? WHERE uid = ? AND updated_at = ?",
        [(was, uid, stamp) for uid, was in updated],
    )


def _apply_parts(session: Session, event_id: int, parts: Sequence[tuple[str, str | None]]) -> list[int]:
    conn = raw_connection(session)
    ids: list[int] = []
    for uid, part in parts:
        row = conn.execute("SELECT id FROM contact WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            continue  # deleted meanwhile
        ids.append(row[0])
        if part is None:
            conn.execute("DELETE FROM participation WHERE contact_id = ? AND event_id = ?", (row[0], event_id))
        else:
            conn.execute(
                "INSERT INTO participation (contact_id, event_id, part) VALUES (?, ?, ?) "
                "ON CONFLICT (contact_id, event_id) DO UPDATE SET part = excluded.part",
                (row[0], event_id, part),
            )
    return ids
