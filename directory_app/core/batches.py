"""Import batches: every import remembers what it created and the before-image of what it changed, so that
`rollback_import` can put the directory back exactly as it was before that import.

How the importer uses it (all inside the import's one transaction):

    batch = start_batch(session)            # before the event is looked up or created
    note_before(session, record)            # the first time the import touches an existing contact
    finish_batch(session, report, event_id) # after the last row: writes import_batch and its items

Rollback rules (decided for issue 7):
- contacts the import created are deleted; contacts it changed get their before-image back (every field, e-mails
  and phones with their private flags, roles, expertise, keywords, events with their part, created/updated
  times); an event the import created is removed when nothing else uses it; organisations it created and nothing
  uses any more are removed.
- Later changes to OTHER contacts are kept: the rollback only touches the batch's own contacts.
- When a contact of the batch was changed after the import (edited, or touched by a later import that is still in
  place, or deleted), the rollback is refused with a message naming them, because going on would throw those later
  changes away; `force=True` (CLI `--force`) goes on and discards them (a deleted contact the import had changed
  comes back as it was before the import).
- A batch is rolled back once; its record stays (with rolled_back_at) for the history.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from directory_app.core.contacts import delete_contact_rows, find_by_uid, restore_record
from directory_app.core.records import (
    ContactRecord,
    DirectoryError,
    EmailEntry,
    EventRef,
    PhoneEntry,
    plural,
    utcnow,
)
from directory_app.core.store import Directory, Session

_STATE_KEY = "import_batch_state"


class ChangedSince(DirectoryError):
    """`rollback_import` refused because contacts of the batch changed after the import (`force=True` goes on)."""


@dataclass(frozen=True)
class ImportBatchInfo:
    id: int
    created_at: datetime
    file: str
    event: str | None
    event_created: bool
    created: int
    updated: int
    unchanged: int
    skipped: int
    rolled_back_at: datetime | None
    events_created: int = 0  # events its rows named that it created, besides its own (`event_created`)

    @property
    def event_text(self) -> str:
        """Its event as the import history shows it: "Skopje 2025 (new)", "(its event was removed)", and the events
        its rows named that it created ("10 new events its rows named")."""
        if self.event:
            text = self.event + (" (new)" if self.event_created else "")
        else:
            text = "(its event was removed)" if self.event_created and self.rolled_back_at else ""
        if self.events_created:  # events its rows named (a directory's export)
            named = f"{plural(self.events_created, 'new event')} its rows named"
            text = f"{text}; {named}" if text else named[:1].upper() + named[1:]
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.created_at.isoformat(timespec="seconds"),
            "file": self.file,
            "event": self.event,
            "event_created": self.event_created,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "rolled_back_at": self.rolled_back_at.isoformat(timespec="seconds") if self.rolled_back_at else None,
            "events_created": self.events_created,
        }


@dataclass(frozen=True)
class RollbackResult:
    batch_id: int
    deleted: int  # contacts the import had created
    restored: int  # contacts put back as they were before the import
    event_removed: bool
    discarded: tuple[str, ...] = ()  # names of contacts whose later changes were discarded (force)
    events_removed: int = 0  # events its rows named that it had created, removed with it
    left_merged: tuple[str, ...] = ()  # contacts merged with another since, left as they are (forced rollback)

    @property
    def events_text(self) -> str:
        """How the rollback's message ends about events: "; its event removed", "; its event and 2 events its rows
        named removed", or nothing."""
        named = plural(self.events_removed, "event") + " its rows named"
        if self.event_removed and self.events_removed:
            return f"; its event and {named} removed"
        if self.event_removed or self.events_removed:
            return f"; {'its event' if self.event_removed else named} removed"
        return ""


# ------------------------------------------------------------------------------------------------ before-images


def record_to_json(record: ContactRecord) -> str:
    """The record as JSON, for its before-image (`record_from_json` reads it back). Built field by field:
    `dataclasses.asdict` deep-copies every value, and took 1.3 s of a 10,000-row import that changed 5,000
    contacts."""
    d = {name: getattr(record, name) for name in _RECORD_FIELDS}
    for key in ("emails", "phones", "events"):
        d[key] = [_entry_dict(entry) for entry in d[key]]
    return json.dumps(d, ensure_ascii=False, default=_iso)


_RECORD_FIELDS = tuple(f.name for f in fields(ContactRecord))


@cache
def _entry_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _entry_dict(entry: Any) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in _entry_fields(type(entry))}


def _iso(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def record_from_json(text: str) -> ContactRecord:
    d = json.loads(text)

    def day(v: str | None) -> date | None:
        return date.fromisoformat(v) if v else None

    d["emails"] = tuple(EmailEntry(**e) for e in d["emails"])
    d["phones"] = tuple(PhoneEntry(**p) for p in d["phones"])
    d["events"] = tuple(EventRef(**e) for e in d["events"])
    for key in ("languages", "roles", "expertise", "keywords"):
        d[key] = tuple(d[key])
    d["created_at"] = datetime.fromisoformat(d["created_at"])
    d["updated_at"] = datetime.fromisoformat(d["updated_at"])
    d["last_verified"] = day(d["last_verified"])
    d["consent_date"] = day(d["consent_date"])
    return ContactRecord(**d)


def rename_event(session: Session, event_id: int, name: str) -> int:
    """Give the event `event_id` its new `name` in the before-images that list it (they name their events: an
    erasure renames an event named after the person, whose old name must not stay in other contacts' history).
    A rollback finds the events by id either way. Returns how many before-images changed."""
    conn = session.connection()
    changed = []
    for item_id, before in conn.exec_driver_sql(
        'SELECT i.id, i."before" FROM import_batch_item i WHERE i."before" IS NOT NULL AND EXISTS '
        "(SELECT 1 FROM json_each(i.\"before\", '$.events') e WHERE json_extract(e.value, '$.id') = ?)",
        (event_id,),
    ).all():
        data = json.loads(before)
        for event in data["events"]:
            if event.get("id") == event_id:
                event["name"] = name
        changed.append((json.dumps(data, ensure_ascii=False), item_id))
    if changed:
        conn.exec_driver_sql('UPDATE import_batch_item SET "before" = ? WHERE id = ?', changed)
    return len(changed)


def rewrite_before_texts(session: Session, keys: Sequence[str], rewrite: Callable[[str], str]) -> int:
    """Rewrite the text fields `keys` ("source", "consent_source") of every before-image with `rewrite`, each distinct
    value once (an erasure takes the person's name out of the other contacts' history: "import: Registration list -
    Ana Kovač and others.xlsx"). Returns how many before-images changed."""
    conn = session.connection()
    changed = 0
    for name in keys:
        path = f"$.{name}"
        for (value,) in conn.exec_driver_sql(
            'SELECT DISTINCT json_extract("before", ?) FROM import_batch_item WHERE "before" IS NOT NULL', (path,)
        ).all():
            if isinstance(value, str) and value and (new := rewrite(value)) != value:
                changed += conn.exec_driver_sql(
                    'UPDATE import_batch_item SET "before" = json_set("before", ?, ?) '
                    'WHERE "before" IS NOT NULL AND json_extract("before", ?) = ?',
                    (path, new, path, value),
                ).rowcount
    return changed


# ------------------------------------------------------------------------------------------------ recording


def start_batch(session: Session) -> None:
    """Called at the start of an import's transaction, before its event is looked up or created."""
    conn = session.connection()
    session.info[_STATE_KEY] = {
        "event_max": conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM event").scalar_one(),
        "organisation_max": conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM organisation").scalar_one(),
        "before": {},
    }


def note_before(session: Session, record: ContactRecord) -> None:
    """The import is about to change the existing contact `record` (only its first state counts)."""
    state = session.info.get(_STATE_KEY)
    if state is not None:
        state["before"].setdefault(record.uid, record)


def finish_batch(session: Session, report: Any, event_id: int | None) -> int | None:
    """Write the batch of the import whose `report` (importing.ImportReport) is done; returns its id.

    Nothing is recorded for an import that changed nothing.
    """
    state = session.info.pop(_STATE_KEY, None)
    if state is None:
        return None
    conn = session.connection()
    created: dict[str, None] = {}
    updated: dict[str, None] = {}
    ids = [o.contact_id for o in report.outcomes if o.contact_id is not None and o.status in ("created", "updated")]
    uids = dict(
        conn.exec_driver_sql(
            "SELECT id, uid FROM contact WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        ).all()
    )
    for contact_id in ids:
        uid = uids[contact_id]
        if uid in state["before"]:
            updated[uid] = None
        else:
            created[uid] = None
    event_created = event_id is not None and event_id > state["event_max"]
    events_created = [
        eid
        for (eid,) in conn.exec_driver_sql("SELECT id FROM event WHERE id > ? ORDER BY id", (state["event_max"],))
        if eid != event_id
    ]
    if not created and not updated and not event_created and not events_created:
        return None
    cur = conn.exec_driver_sql(
        "INSERT INTO import_batch (created_at, file, event_id, event_created, created, updated, unchanged, skipped) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            utcnow().isoformat(sep=" "),
            "; ".join(str(f) for f in report.files),
            event_id,
            event_created,
            report.created,
            report.updated,
            report.unchanged,
            report.skipped,
        ),
    )
    batch_id = int(cur.lastrowid)
    items = [(batch_id, uid, "created", None) for uid in created]
    items += [(batch_id, uid, "updated", record_to_json(state["before"][uid])) for uid in updated]
    conn.exec_driver_sql(
        'INSERT INTO import_batch_item (batch_id, contact_uid, action, "before") VALUES (?, ?, ?, ?)', items
    )
    conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?)",
        (
            f"import_batch:{batch_id}",
            # The events the import created besides its own (those its rows name), for a rollback to remove.
            json.dumps({"organisation_max": state["organisation_max"], "events_created": events_created}),
        ),
    )
    return batch_id


# ------------------------------------------------------------------------------------------------ history


def _dt(value: Any) -> datetime | None:
    if value is None:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def list_imports(directory: Directory) -> list[ImportBatchInfo]:
    """Every recorded import, newest first."""
    with directory.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT b.id, b.created_at, b.file, e.name, b.event_created, b.created, b.updated, b.unchanged, "
            "b.skipped, b.rolled_back_at, coalesce(json_array_length(s.value, '$.events_created'), 0) "
            "FROM import_batch b LEFT JOIN event e ON e.id = b.event_id "
            "LEFT JOIN setting s ON s.key = 'import_batch:' || b.id ORDER BY b.id DESC"
        )
        return [
            ImportBatchInfo(r[0], _dt(r[1]), r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], _dt(r[9]), r[10])
            for r in rows
        ]


def batch_contacts(directory: Directory, batch_id: int) -> list[tuple[str, str, str]]:
    """(uid, action, name as it is now or was before) of every contact of a batch."""
    with directory.read() as session:
        conn = session.connection()
        out = []
        for uid, action, before in conn.exec_driver_sql(
            'SELECT contact_uid, action, "before" FROM import_batch_item WHERE batch_id = ? ORDER BY id', (batch_id,)
        ):
            row = conn.exec_driver_sql(
                "SELECT trim(given_name || ' ' || family_name) FROM contact WHERE uid = ?", (uid,)
            ).first()
            name = row[0] if row else (record_from_json(before).display_name if before else "(deleted)")
            out.append((uid, action, name))
        return out


# ------------------------------------------------------------------------------------------------ rollback


def _merged_since(session: Session, uid: str, since: str) -> list[str]:
    """The uids merged with `uid` after `since` (core/merging.py logs both uids of a merge; an undone merge logs
    'unmerge', and both contacts exist again then)."""
    return [
        other
        for (other,) in session.connection().exec_driver_sql(
            "SELECT y.contact_uid FROM audit_contact x "
            "JOIN audit_entry e ON e.id = x.audit_id AND e.action = 'merge' AND e.at > ? "
            "JOIN audit_contact y ON y.audit_id = e.id AND y.contact_uid != x.contact_uid "
            "WHERE x.contact_uid = ? ORDER BY e.id DESC",
            (since, uid),
        )
    ]


def _name_of(session: Session, uid: str) -> str | None:
    row = (
        session.connection()
        .exec_driver_sql("SELECT trim(given_name || ' ' || family_name) FROM contact WHERE uid = ?", (uid,))
        .first()
    )
    return None if row is None else (row[0] or uid)


def _stricter_consent(record: ContactRecord, current: ContactRecord) -> ContactRecord:
    """`record` (a before-image put back by force) with the stricter answers of `current`: a "no" to sharing or to
    being listed given since, or "not to be shared", is never turned back into a yes by a rollback."""
    out = record
    if not current.shareable:
        out = replace(out, shareable=False)
    said_no = False
    if current.consent_shared is False and out.consent_shared is not False:
        out, said_no = replace(out, consent_shared=False), True
    if current.consent_listed is False and out.consent_listed is not False:
        out, said_no = replace(out, consent_listed=False), True
    if said_no:  # where the "no" came from
        out = replace(out, consent_source=current.consent_source, consent_date=current.consent_date)
    return out


def _refusal(
    conn: Any, batch_id: int, file: str, created_at: datetime | None, listed: list[str], merged: bool, items: list[Any]
) -> str:
    """Why the import cannot be rolled back, in words for the window as for the command line: the import named by
    its file and time (its id means nothing in the window), the contacts changed, and what to do. "Later imports"
    only when some later import touched its contacts. The command line appends how to force it
    ("(`rollback-import N --force`)"), so the message ends with what forcing does."""
    files = "; ".join(f"“{Path(f).name}”" for f in str(file or "").split("; ") if f) or f"import {batch_id}"
    when = created_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if created_at else ""
    shown = ", ".join(listed[:5]) + (f" and {len(listed) - 5} more" if len(listed) > 5 else "")
    uids = [uid for uid, _action, _before in items]
    later: set[int] = set()
    for start in range(0, len(uids), 500):  # SQLite's limit on parameters
        chunk = uids[start : start + 500]
        later.update(
            batch
            for (batch,) in conn.exec_driver_sql(
                "SELECT DISTINCT i.batch_id FROM import_batch_item i JOIN import_batch b ON b.id = i.batch_id "
                f"WHERE b.id > ? AND b.rolled_back_at IS NULL AND i.contact_uid IN ({','.join('?' * len(chunk))})",
                (batch_id, *chunk),
            )
        )
    first = []
    if merged:
        first.append("undo those merges")
    if later:
        later_text = "the later import" if len(later) == 1 else f"the {len(later)} later imports"
        first.append(later_text if merged else f"undo {later_text}")
    if merged:  # undoing merges comes first, always
        advice = f"{' and '.join(first)} first, or undo it anyway: merged contacts are then left as they are and "
        advice += "the other changes discarded"
    elif first:
        advice = f"{first[0]} first, or undo it anyway to discard those changes"
    else:
        advice = "undoing it anyway discards those changes"
    return (
        f"the import of {files}{' on ' + when if when else ''} cannot be undone as it is: "
        f"{len(listed)} of its contacts changed since ({shown}); {advice}"
    )


def rollback_import(directory: Directory, batch_id: int, *, force: bool = False) -> RollbackResult:
    """Undo the import `batch_id` (see the module notes for the rules); one transaction."""
    from directory_app.core.contacts import load_records
    from directory_app.core.privacy import record_audit

    with directory.write() as session:
        conn = session.connection()
        row = conn.exec_driver_sql(
            "SELECT created_at, file, event_id, event_created, rolled_back_at FROM import_batch WHERE id = ?",
            (batch_id,),
        ).first()
        if row is None:
            raise DirectoryError(f"there is no import {batch_id}; `imports` lists them")
        created_text, file, event_id, event_created, rolled_back_at = row
        if rolled_back_at is not None:
            raise DirectoryError(f"import {batch_id} was already rolled back on {str(rolled_back_at)[:16]}")
        created_at = _dt(created_text)
        since = str(created_text)
        items = conn.exec_driver_sql(
            'SELECT contact_uid, action, "before" FROM import_batch_item WHERE batch_id = ? ORDER BY id', (batch_id,)
        ).all()
        later = {
            uid
            for (uid,) in conn.exec_driver_sql(
                "SELECT i.contact_uid FROM import_batch_item i JOIN import_batch b ON b.id = i.batch_id "
                "WHERE b.id > ? AND b.rolled_back_at IS NULL",
                (batch_id,),
            )
        }
        # Contacts another import created and that import was rolled back since (in any order): they are gone for
        # good, and this rollback never brings one back.
        gone = {
            uid
            for (uid,) in conn.exec_driver_sql(
                "SELECT i.contact_uid FROM import_batch_item i JOIN import_batch b ON b.id = i.batch_id "
                "WHERE i.action = 'created' AND b.id != ? AND b.rolled_back_at IS NOT NULL",
                (batch_id,),
            )
        }
        created_here = {uid for uid, action, _b in items if action == "created"}
        # Which contacts of the batch changed after the import? Those merged with another contact since are left
        # as they are even by force: deleting or putting back one of them would destroy the other contact (one
        # that existed before the import, or one the import had changed) or bring it back beside itself.
        changed: list[str] = []
        merged: list[str] = []
        leave: set[str] = set()
        for uid, action, before in items:
            current = conn.exec_driver_sql(
                "SELECT trim(given_name || ' ' || family_name), updated_at FROM contact WHERE uid = ?", (uid,)
            ).first()
            partners = _merged_since(session, uid, since)
            if current is None:
                into = next((n for n in (_name_of(session, u) for u in partners) if n), None)
                if into is not None:  # what the import brought now lives in that contact
                    if before:
                        merged.append(f"{record_from_json(before).display_name} (merged into {into} since)")
                    else:
                        merged.append(f"a contact merged into {into} since")
                    leave.add(uid)
                elif action == "updated" and uid not in gone:
                    changed.append(f"{record_from_json(before).display_name} (deleted since)")
                continue
            name = current[0] or uid
            merged_in = [u for u in partners if u not in created_here and _name_of(session, u) is None]
            if merged_in:
                merged.append(f"{name} ({plural(len(merged_in), 'other contact')} merged into it since)")
                leave.add(uid)
            elif uid in later or _dt(current[1]) > created_at:
                changed.append(name)
        if (changed or merged) and not force:
            raise ChangedSince(_refusal(conn, batch_id, file, created_at, merged + changed, bool(merged), items))
        deleted = restored = 0
        to_delete = []
        for uid, action, before in items:
            if uid in leave:
                continue
            if action == "created":
                cid = find_by_uid(session, uid)
                if cid is not None:
                    to_delete.append(cid)
                continue
            cid = find_by_uid(session, uid)
            if cid is None and uid in gone:
                continue  # the import that created the contact was rolled back: it stays gone
            record = record_from_json(before)
            if cid is not None:
                record = _stricter_consent(record, load_records(session, [cid])[0])
            restore_record(session, record)
            restored += 1
        delete_contact_rows(session, to_delete)
        deleted = len(to_delete)
        event_removed, events_removed = False, 0
        setting = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (f"import_batch:{batch_id}",)
        ).scalar_one_or_none()
        extra = json.loads(setting) if setting else {}
        # Its event was created by an import when this one created it, or when the event it created was merged into
        # this one (core/events.py marks the merged import's event as not its own, so that rolling it back alone
        # never removes an event that existed before): then the last rollback of the two removes it when unused.
        made_by_import = event_created or (
            event_id is not None
            and conn.exec_driver_sql(
                "SELECT 1 FROM import_batch WHERE event_id = ? AND event_created AND id != ?", (event_id, batch_id)
            ).first()
            is not None
        )
        created_events = [event_id] if made_by_import and event_id is not None else []
        for eid in (*created_events, *extra.get("events_created", ())):
            # An event the import created goes with it, unless someone took part in it since or another import
            # is tied to it.
            used = conn.exec_driver_sql(
                "SELECT (SELECT count(*) FROM participation WHERE event_id = ?) + "
                "(SELECT count(*) FROM import_batch WHERE event_id = ? AND id != ? AND rolled_back_at IS NULL)",
                (eid, eid, batch_id),
            ).scalar_one()
            if not used:
                conn.exec_driver_sql("DELETE FROM event WHERE id = ?", (eid,))
                if eid == event_id:
                    event_removed = True
                else:
                    events_removed += 1
        if setting:
            org_max = int(extra.get("organisation_max", 0))
            conn.exec_driver_sql(
                "DELETE FROM organisation WHERE id > ? AND id NOT IN "
                "(SELECT organisation_id FROM contact WHERE organisation_id IS NOT NULL)",
                (org_max,),
            )
        conn.exec_driver_sql(
            "UPDATE import_batch SET rolled_back_at = ? WHERE id = ?", (utcnow().isoformat(sep=" "), batch_id)
        )
        record_audit(
            session,
            "rollback",
            f"import {batch_id} rolled back: {deleted} created contacts deleted, {restored} restored"
            + (f"; later changes to {len(changed)} discarded" if changed else ""),
            file or "",
            [uid for uid, _a, _b in items],
        )
    return RollbackResult(batch_id, deleted, restored, event_removed, tuple(changed), events_removed, tuple(merged))
