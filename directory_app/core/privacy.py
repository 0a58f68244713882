"""Data protection: consent, what may leave the directory, the audit log, erasure and review.

- Consent (stored per contact): listed / shared with other participants, with its source and date
  ("registration form, Sarajevo 2017"). `set_consent` sets it on many contacts at once (a whole event).
- `exportable` is the rule every export follows: contacts not to be shared, and private e-mails and phones, are left
  out unless the user includes them on purpose, and the export says what was left out.
- The audit log records exports and edits: when, what (filter or description), how many contacts, to which file,
  and which contacts (so that the owner of a record can see who was given it: `audit_for_contact`).
- `erase_contact` removes a person from every table, from the import history and from the audit log (entries keep
  only their count), overwriting the freed pages (secure_delete, FTS merge, WAL checkpoint).
- `not_verified_since` lists contacts not verified for a number of years, for review.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from directory_app.core.contacts import load_records, replace_contact
from directory_app.core.records import ContactRecord, DirectoryError, plural, utcnow
from directory_app.core.store import Directory, Session

# ------------------------------------------------------------------------------------------------ exports


@dataclass(frozen=True)
class ExportNote:
    """What an export left out to protect people; `text` is the sentence to show with the export."""

    contacts: int = 0  # whole contacts marked not to be shared
    emails: int = 0  # private e-mail addresses of exported contacts
    phones: int = 0  # private phone numbers of exported contacts

    @property
    def empty(self) -> bool:
        return not (self.contacts or self.emails or self.phones)

    @property
    def text(self) -> str:
        if self.empty:
            return ""
        return self.summary + " (include private data on purpose to export them)"

    @property
    def summary(self) -> str:
        """What was left out, without how to include it: "left out: 2 private phones"."""
        if self.empty:
            return ""
        parts = []
        if self.contacts:
            parts.append(f"{plural(self.contacts, 'contact')} marked not to be shared")
        if self.emails:
            parts.append(plural(self.emails, "private e-mail"))
        if self.phones:
            parts.append(plural(self.phones, "private phone"))
        return "left out: " + ", ".join(parts)


def exportable(
    records: Iterable[ContactRecord], include_private: bool = False
) -> tuple[list[ContactRecord], ExportNote]:
    """The records as an export may write them, and what was left out.

    Without `include_private`: contacts not `shareable` are dropped, and private e-mails and phones are removed
    from the others. With it, everything goes and the note is empty.
    """
    records = list(records)
    if include_private:
        return records, ExportNote()
    out: list[ContactRecord] = []
    contacts = emails = phones = 0
    for r in records:
        if not r.shareable:
            contacts += 1
            continue
        kept_e = tuple(e for e in r.emails if not e.private)
        kept_p = tuple(p for p in r.phones if not p.private)
        emails += len(r.emails) - len(kept_e)
        phones += len(r.phones) - len(kept_p)
        out.append(
            r
            if (len(kept_e), len(kept_p)) == (len(r.emails), len(r.phones))
            else replace(r, emails=kept_e, phones=kept_p)
        )
    return out, ExportNote(contacts, emails, phones)


# ------------------------------------------------------------------------------------------------ audit log


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    action: str
    detail: str
    target: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "action": self.action,
            "detail": self.detail,
            "target": self.target,
            "count": self.count,
        }


def record_audit(
    session: Session, action: str, detail: str, target: str, uids: Sequence[str], *, count: int | None = None
) -> int:
    """Log `action` (export-vcard, edit, delete, rollback, erase...) in the caller's transaction; returns its id.

    `detail` says what (the filter or a description), `target` the file written (if any), `uids` the contacts
    (`count` defaults to how many).
    """
    uids = list(dict.fromkeys(uids))
    conn = session.connection()
    cur = conn.exec_driver_sql(
        "INSERT INTO audit_entry (at, action, detail, target, count) VALUES (?, ?, ?, ?, ?)",
        (utcnow().isoformat(sep=" "), action, detail, str(target or ""), len(uids) if count is None else count),
    )
    audit_id = int(cur.lastrowid)
    if uids:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO audit_contact (audit_id, contact_uid) VALUES (?, ?)",
            [(audit_id, u) for u in uids],
        )
    return audit_id


def audit(
    directory: Directory, action: str, detail: str, target: str, uids: Sequence[str], *, count: int | None = None
) -> int:
    """`record_audit` in its own transaction (for callers outside a unit of work, e.g. after writing a file)."""
    with directory.write() as session:
        return record_audit(session, action, detail, target, uids, count=count)


@contextlib.contextmanager
def recorded_export(
    directory: Directory,
    action: str,
    detail: str,
    target: str | os.PathLike[str],
    uids: Sequence[str],
    *,
    count: int | None = None,
) -> Iterator[int]:
    """Record an export in the audit log before its file is written (the `with` block), and take the entry back
    when the block fails or is cancelled: no export is ever on disk unrecorded, and a directory that cannot record
    it (its file read-only) gets nothing written. Yields the entry's id."""
    from sqlalchemy.exc import DBAPIError

    try:
        entry = audit(directory, action, detail, str(target), uids, count=count)
    except DBAPIError as exc:
        reason = str(exc.orig or exc)
        if "readonly" in reason.lower():  # SQLite: "attempt to write a readonly database"
            raise DirectoryError(
                f"cannot export: the directory {directory.path} is read-only, and every export is recorded in it; "
                "nothing was written"
            ) from None
        raise DirectoryError(
            f"cannot export: recording it in the directory failed ({reason}); nothing was written"
        ) from None
    try:
        yield entry
    except BaseException:
        _take_back(directory, entry)  # nothing was written (or cancelled): nobody was given anything
        raise


def _take_back(directory: Directory, entry: int) -> None:
    """Remove the audit entry of an export that was not written after all."""
    # Best effort: the export's own failure is what the caller must hear about, and an entry left behind says more
    # was given than was, never less.
    with contextlib.suppress(Exception), directory.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("DELETE FROM audit_contact WHERE audit_id = ?", (entry,))
        conn.exec_driver_sql("DELETE FROM audit_entry WHERE id = ?", (entry,))


def _dt(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def list_audit(
    directory: Directory, *, contact_uid: str | None = None, action: str | None = None, limit: int | None = None
) -> list[AuditRecord]:
    """The audit log, newest first; only the entries about one contact, or of one action, when asked."""
    sql = "SELECT a.id, a.at, a.action, a.detail, a.target, a.count FROM audit_entry a"
    where, params = [], []
    if contact_uid is not None:
        where.append("a.id IN (SELECT audit_id FROM audit_contact WHERE contact_uid = ?)")
        params.append(contact_uid)
    if action is not None:
        where.append("a.action = ?")
        params.append(action)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.at DESC, a.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with directory.read() as session:
        rows = session.connection().exec_driver_sql(sql, tuple(params)).all()
    return [AuditRecord(r[0], _dt(r[1]), r[2], r[3], r[4], r[5]) for r in rows]


def audit_for_contact(directory: Directory, uid: str) -> list[AuditRecord]:
    """Every export and edit that concerned the contact `uid`: who was given the record, and when."""
    return list_audit(directory, contact_uid=uid)


def audit_json(entries: Sequence[AuditRecord]) -> str:
    return json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2) + "\n"


def audit_csv(entries: Sequence[AuditRecord]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "at", "action", "detail", "target", "count"])
    for e in entries:
        row = e.to_json()
        # Formula-safe: a cell opened in a spreadsheet never runs as a formula.
        writer.writerow(["'" + v if isinstance(v, str) and v[:1] in "=+-@\t\r" else v for v in row.values()])
    return buf.getvalue()


# ------------------------------------------------------------------------------------------------ consent


def consent_text(record: ContactRecord) -> str:
    """What is known of a contact's consent, in a few lines for a person to read; "" when nothing is."""
    lines = []
    if not record.shareable:
        lines.append("Not to be shared: left out of exports")
    for answer, what in ((record.consent_shared, "shared with other participants"), (record.consent_listed, "listed")):
        if answer is not None:
            lines.append(f"Agreed to be {what}" if answer else f"Did not agree to be {what}")
    if lines and (record.consent_source or record.consent_date):
        when = record.consent_date.strftime("%d %b %Y") if record.consent_date else ""
        lines.append("from " + ", ".join(p for p in (record.consent_source, when) if p))
    return "\n".join(lines)


def set_consent(
    directory: Directory,
    ids: Sequence[int],
    *,
    listed: bool | None = None,
    shared: bool | None = None,
    source: str | None = None,
    on: date | None = None,
    shareable: bool | None = None,
) -> int:
    """Set consent (and/or shareability) on the contacts `ids`; None leaves a field as it is. Returns how many
    contacts changed. Recorded in the audit log."""
    changed: list[str] = []
    with directory.write() as session:
        for record in load_records(session, ids):
            data = record.to_input()
            if listed is not None:
                data.consent_listed = listed
            if shared is not None:
                data.consent_shared = shared
            if source is not None:
                data.consent_source = " ".join(source.split())
            if on is not None:
                data.consent_date = on
            if shareable is not None:
                data.shareable = shareable
            if data != record.to_input():
                replace_contact(session, record.id, data)
                changed.append(record.uid)
        if changed:
            what = [
                f"{k}={v}"
                for k, v in (
                    ("listed", listed),
                    ("shared", shared),
                    ("source", source),
                    ("date", on),
                    ("shareable", shareable),
                )
                if v is not None
            ]
            record_audit(session, "consent", "consent set: " + ", ".join(what), "", changed)
    return len(changed)


# ------------------------------------------------------------------------------------------------ erasure


@dataclass(frozen=True)
class ErasureResult:
    uid: str
    rows: int  # rows removed across the tables
    audit_entries: int  # audit entries that named the person (they keep only their count)
    import_items: int  # import history items about the person
    backups: int  # automatic backups that still hold the person until they rotate out
    names_removed: int = 0  # file names in the audit log and import history that named the person, now "(erased)"


def erase_contact(directory: Directory, uid: str) -> ErasureResult:
    """Remove the person `uid` completely: contact, e-mails, phones, roles, expertise, keywords, participations,
    search index, import batch items (with their before-images) and audit links; audit entries keep their count.

    The freed pages are overwritten (secure_delete) and the search index merged, so the person's data does not
    linger in the file. Backups taken before keep the person until they rotate out (the result says how many).
    """
    from directory_app.core.backup import list_backups

    uid = uid.strip()
    with directory.write() as session:
        conn = session.connection()
        row = conn.exec_driver_sql("SELECT id FROM contact WHERE uid = ?", (uid,)).first()
        items = conn.exec_driver_sql(
            "SELECT count(*) FROM import_batch_item WHERE contact_uid = ?", (uid,)
        ).scalar_one()
        links = conn.exec_driver_sql("SELECT count(*) FROM audit_contact WHERE contact_uid = ?", (uid,)).scalar_one()
        if row is None and not items and not links:
            raise DirectoryError(f"no contact with uid {uid}")
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        rows = 0
        if row is not None:
            cid = int(row[0])
            for table in ("contact_email", "contact_phone", "contact_role", "contact_expertise", "contact_keyword"):
                rows += conn.exec_driver_sql(f"DELETE FROM {table} WHERE contact_id = ?", (cid,)).rowcount
            rows += conn.exec_driver_sql("DELETE FROM participation WHERE contact_id = ?", (cid,)).rowcount
            conn.exec_driver_sql("DELETE FROM contact_fts WHERE rowid = ?", (cid,))
            rows += conn.exec_driver_sql("DELETE FROM contact WHERE id = ?", (cid,)).rowcount
            conn.exec_driver_sql("INSERT INTO contact_fts (contact_fts) VALUES ('optimize')")
        names_removed = _erase_names(conn, uid, _names_of(conn, uid, row))
        rows += conn.exec_driver_sql("DELETE FROM import_batch_item WHERE contact_uid = ?", (uid,)).rowcount
        rows += conn.exec_driver_sql("DELETE FROM audit_contact WHERE contact_uid = ?", (uid,)).rowcount
        rows += conn.exec_driver_sql("DELETE FROM not_duplicate WHERE ? IN (uid_a, uid_b)", (uid,)).rowcount
        # The entry says a person was erased, not who.
        record_audit(session, "erase", "a person was erased from the directory", "", [], count=1)
        conn.exec_driver_sql("PRAGMA secure_delete = OFF")  # the deletes are done; the pooled connection goes back
    # Old copies of the pages may still sit in the WAL: copy it back into the file and empty it.
    with directory.engine.connect() as c, contextlib.suppress(Exception):
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return ErasureResult(uid, rows, links, items, len(list_backups(directory.path)), names_removed)


ERASED = "(erased)"


def _names_of(conn: Any, uid: str, row: Any) -> list[str]:
    """The person's names as texts may hold them (folded): "zoran testovic", "testovic zoran", and each family name
    alone; from the contact, or from the import history's before-images when the contact is gone."""
    from directory_app.core.batches import record_from_json

    pairs: set[tuple[str, str]] = set()
    if row is not None:
        pairs |= {
            (g, f)
            for g, f, lg, lf in conn.exec_driver_sql(
                "SELECT given_name, family_name, latin_given_name, latin_family_name FROM contact WHERE uid = ?",
                (uid,),
            )
            for g, f in ((g, f), (lg, lf))
        }
    for (before,) in conn.exec_driver_sql(
        'SELECT "before" FROM import_batch_item WHERE contact_uid = ? AND "before" IS NOT NULL', (uid,)
    ):
        record = record_from_json(before)
        pairs |= {(record.given_name, record.family_name), (record.latin_given_name, record.latin_family_name)}
    names: set[str] = set()
    for given, family in pairs:
        given, family = _words(given or ""), _words(family or "")
        if family and given:
            names |= {f"{given} {family}", f"{family} {given}"}
        if len(family) >= 3:
            names.add(family)
    return sorted(names, key=len, reverse=True)


def _words(text: str) -> str:
    """The text folded (case, accents, script) to its words with one space between: "zoran testovic qr png"."""
    from directory_app.core.folding import fold

    return " ".join(w for w in re.split(r"[\W_]+", fold(text)) if w)


def _names_in(text: str, names: Sequence[str]) -> bool:
    words = f" {_words(text)} "
    return any(f" {name} " in words for name in names)


def _erase_names(conn: Any, uid: str, names: Sequence[str]) -> int:
    """Replace with "(erased)" the file names in the audit log and the import history that name the person or
    concerned them alone ("Zoran Testovic QR.png", "Registration form - Zoran Testovic.csv"); returns how many.
    Called before the person's links and import items are removed."""
    changed = 0
    # (table, its file name's column, the table of the contacts it concerned, that table's link to it)
    for table, column, links, link in (("audit_entry", "target", "audit_contact", "audit_id"),
                                       ("import_batch", "file", "import_batch_item", "batch_id")):  # fmt: skip
        for row_id, text, others in conn.exec_driver_sql(
            f"SELECT t.id, t.{column}, (SELECT count(*) FROM {links} o WHERE o.{link} = t.id AND o.contact_uid != ?) "
            f"FROM {table} t WHERE t.{column} != '' AND t.id IN (SELECT {link} FROM {links} WHERE contact_uid = ?)",
            (uid, uid),
        ).all():
            if not others or _names_in(text, names):
                conn.exec_driver_sql(f"UPDATE {table} SET {column} = ? WHERE id = ?", (ERASED, row_id))
                changed += 1
    return changed


# ------------------------------------------------------------------------------------------------ review


def not_verified_since(directory: Directory, years: int, *, today: date | None = None) -> list[ContactRecord]:
    """Contacts whose details were not verified for `years` years (never verified: counted from when they were
    added), longest unverified first."""
    if years < 0:
        raise DirectoryError("the number of years cannot be negative")
    today = today or date.today()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    with directory.read() as session:
        ids = [
            r[0]
            for r in session.connection().exec_driver_sql(
                "SELECT id FROM contact WHERE coalesce(last_verified, date(created_at)) < ? "
                "ORDER BY coalesce(last_verified, date(created_at)), sort_key, id",
                (cutoff.isoformat(),),
            )
        ]
        return load_records(session, ids)


@dataclass(frozen=True)
class VerifiedChange:
    """Contacts marked as verified on `day`, with the date each had before (by uid): what an undo puts back."""

    day: date
    before: tuple[tuple[str, date | None], ...]
    # When it was written, and (uid, updated_at before) of the contacts it changed: its undo puts the older time
    # back, so that the contact no longer counts as changed (a rollback, `--changed-since`).
    stamp: str = ""
    updated: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> int:
        return sum(1 for _uid, was in self.before if was != self.day)


def mark_verified(directory: Directory, contact_ids: Sequence[int], day: date | None = None) -> VerifiedChange:
    """Record that the contacts' details were checked on `day` (today): called, or answered an e-mail. The date
    travels with exports (a colleague's import prefers the later one), so the contacts count as changed."""
    day = day or date.today()
    if day > date.today():
        raise DirectoryError(f"{day:%d %b %Y} is in the future: details can only have been verified by today")
    ids = list(dict.fromkeys(contact_ids))
    with directory.write() as session:
        conn = session.connection()
        before: list[tuple[str, date | None]] = []
        times: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = conn.exec_driver_sql(
                f"SELECT uid, last_verified, updated_at FROM contact WHERE id IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            ).fetchall()
            before += [(uid, date.fromisoformat(was) if was else None) for uid, was, _t in rows]
            times.update((uid, str(t)) for uid, _was, t in rows)
        changed = [uid for uid, was in before if was != day]
        updated = tuple((uid, times[uid]) for uid in changed)
        stamp = _set_verified(session, [(uid, day) for uid in changed])
        if changed:
            record_audit(session, "verify", f"details verified on {day.isoformat()}", "", changed)
        return VerifiedChange(day, tuple(before), stamp, updated)


def undo_mark_verified(directory: Directory, change: VerifiedChange) -> list[int]:
    """Put back the dates the contacts had before `mark_verified`; returns their ids (those still here). A contact
    not changed since gets its older updated_at back too: the undone verification counts as no change (a rollback
    of its import is not refused for it, `--changed-since` does not list it); one changed since stays changed."""
    with directory.write() as session:
        conn = session.connection()
        back = [(uid, was) for uid, was in change.before if was != change.day]
        was_updated = dict(change.updated)
        untouched = [
            (uid, was_updated[uid])
            for uid, _was in back
            if change.stamp
            and uid in was_updated
            and conn.exec_driver_sql(
                "SELECT 1 FROM contact WHERE uid = ? AND updated_at = ?", (uid, change.stamp)
            ).first()
            is not None
        ]
        _set_verified(session, back)
        if untouched:
            conn.exec_driver_sql(
                "UPDATE contact SET updated_at = ? WHERE uid = ?", [(updated, uid) for uid, updated in untouched]
            )
        ids = []
        for uid, _was in change.before:
            row = conn.exec_driver_sql("SELECT id FROM contact WHERE uid = ?", (uid,)).fetchone()
            if row is not None:
                ids.append(row[0])
        return ids


def _set_verified(session: Session, dates: Sequence[tuple[str, date | None]]) -> str:
    """Write the verification dates, the contacts changed now; returns the time written ("" when none)."""
    if not dates:
        return ""  # every one of them already verified that day
    stamp = utcnow().isoformat(sep=" ")
    session.connection().exec_driver_sql(
        "UPDATE contact SET last_verified = ?, updated_at = ? WHERE uid = ?",
        [(day.isoformat() if day else None, stamp, uid) for uid, day in dates],
    )
    return stamp
