"""Data protection: consent, what may leave the directory, the audit log, erasure and review.

- Consent (stored per contact): listed / shared with other participants, with its source and date
  ("registration form, Sarajevo 2017"). `set_consent` sets it on many contacts at once (a whole event).
- `exportable` is the rule every export follows: contacts not to be shared, and private e-mails and phones, are left
  out unless the user includes them on purpose, and the export says what was left out.
- The audit log records exports and edits: when, what (filter or description), how many contacts, to which file,
  and which contacts (so that the owner of a record can see who was given it: `audit_for_contact`).
- `erase_contact` removes a person from every table, from the import history and from the audit log (entries keep
  only their count), overwriting the freed pages (secure_delete, FTS merge, WAL checkpoint); what names them
  elsewhere goes too (file names, events named after them, saved searches for them), and the result says which
  backups and exported files still hold them, and where. Other contacts whose texts (notes, position, address,
  keywords) mention the person, or who are in an organisation named after them, are listed (`Mention`); with
  `also_mentions` the person's name in those texts becomes "(erased)". The data folder's error.log loses the name.
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from directory_app.core.contacts import load_records, replace_contact
from directory_app.core.dates import format_day
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
        when = format_day(record.consent_date)
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

ERASED = "(erased)"
MENTION_FIELDS = ("notes", "position", "address", "keywords")  # other contacts' texts that may mention the person


@dataclass(frozen=True)
class Mention:
    """Another contact's text that mentions the person being erased: its field (one of MENTION_FIELDS, or
    "organisation" for an organisation named after the person that the contact is in) and the words around it."""

    contact_id: int
    name: str  # the contact's name
    field: str
    context: str  # "…replaced Ana Kovač as focal point…", or the organisation's name

    @property
    def label(self) -> str:
        return f"#{self.contact_id} {self.name} ({self.field})"


def _labels(mentions: Sequence[Mention]) -> list[str]:
    """A contact once, with its fields: "#12 Marko Marić (notes, position)"; an organisation named after the person
    with its name: "#15 Petra Novak (organisation “Kovač & Partners”, not renamed)"."""
    fields: dict[tuple[int, str], list[str]] = {}
    for m in mentions:
        what = f"organisation “{m.context}”, not renamed" if m.field == "organisation" else m.field
        fields.setdefault((m.contact_id, m.name), []).append(what)
    return [f"#{cid} {name} ({', '.join(what)})" for (cid, name), what in fields.items()]


@dataclass(frozen=True)
class ErasureResult:
    uid: str
    rows: int  # rows removed across the tables
    audit_entries: int  # audit entries that named the person (they keep only their count)
    import_items: int  # import history items about the person
    backups: int  # automatic backups taken since the person was added: they hold the person until they rotate out
    names_removed: int = 0  # file names in the audit log and import history that named the person, now "(erased)"
    events_renamed: tuple[str, ...] = ()  # events that were named after the person, by their new names
    saved_searches: int = 0  # saved searches for the person (by name), removed
    organisations: int = 0  # organisations named after the person that no one else belonged to, removed
    backup_folder: str = ""  # where the automatic backups are
    saved_backups: tuple[str, ...] = ()  # backups saved by hand since the person was added (their files)
    exported_files: tuple[str, ...] = ()  # files the person's details were exported to (the audit log's targets)
    person: str = ""  # the person's name, as the mentions of them are written about (only when there are some)
    mentions: tuple[Mention, ...] = ()  # other contacts' texts that still mention the person (left as they were)
    mentions_erased: tuple[Mention, ...] = ()  # other contacts' texts where the person's name now reads "(erased)"
    log_lines: int = 0  # lines of the error log that named the person, now "(erased)"
    log_file: str = ""  # the error log

    @property
    def mentioned_ids(self) -> list[int]:
        """The other contacts that mention the person (or whose texts did), in the order listed."""
        return list(dict.fromkeys(m.contact_id for m in (*self.mentions, *self.mentions_erased)))

    @property
    def mention_lines(self) -> list[str]:
        """Each mention with the words around it, a line each: '#12 Marko Marić (notes): “…replaced (erased) as
        focal point…”'."""
        return [f"{m.label}: “{m.context}”" for m in (*self.mentions, *self.mentions_erased)]

    @property
    def notes(self) -> list[str]:
        """What else the erasure did, and what it could not do, a sentence each: the events renamed, the saved
        searches and organisations removed, and the backups that still hold the person, and where they are."""
        out = []
        if self.events_renamed:
            names = ", ".join(f"“{name}”" for name in self.events_renamed)
            one = len(self.events_renamed) == 1
            out.append(f"{plural(len(self.events_renamed), 'event')} named after the person renamed: "
                       f"{'it is' if one else 'they are'} now {names}")  # fmt: skip
        if self.saved_searches:
            out.append(f"{plural(self.saved_searches, 'saved search', 'saved searches')} for the person removed")
        if self.organisations:
            out.append(f"{plural(self.organisations, 'organisation')} named after the person, with no one else "
                       "in it, removed")  # fmt: skip
        if self.exported_files:
            out.append(
                f"{plural(len(self.exported_files), 'file')} the person's details were exported to may still hold "
                f"them, and erasing cannot change {'it' if len(self.exported_files) == 1 else 'them'}: "
                + _some(self.exported_files)
            )
        if self.mentions:
            n = len({m.contact_id for m in self.mentions})
            out.append(
                f"{plural(n, 'other contact')} {'mentions' if n == 1 else 'mention'} {self.person or 'the person'}: "
                f"{_some(_labels(self.mentions), 5)} — edit {'it' if n == 1 else 'them'} if the mention must go"
            )
        if self.mentions_erased:
            n = len({m.contact_id for m in self.mentions_erased})
            out.append(f"the person's name now reads “{ERASED}” in the texts of {plural(n, 'other contact')}: "
                       f"{_some(_labels(self.mentions_erased), 5)}")  # fmt: skip
        if self.log_lines:
            reads = "reads" if self.log_lines == 1 else "read"
            out.append(f"{plural(self.log_lines, 'line')} of the error log ({self.log_file}) that named the person "
                       f"now {reads} “{ERASED}”")  # fmt: skip
        held = []
        if self.backups:
            rotates = "it rotates" if self.backups == 1 else "they rotate"
            held.append(f"{plural(self.backups, 'automatic backup')} in {self.backup_folder} (until {rotates} out)")
        if self.saved_backups:
            held.append(f"{plural(len(self.saved_backups), 'backup')} saved by hand ({_some(self.saved_backups)})")
        if held:
            out.append("backups taken before still hold the person, and erasing cannot change them: " + "; ".join(held))
        return out


def _some(files: Sequence[str], shown: int = 3) -> str:
    """ "a, b, c and 2 more"."""
    return ", ".join(files[:shown]) + (f" and {len(files) - shown} more" if len(files) > shown else "")


def erase_contact(directory: Directory, uid: str, *, also_mentions: bool = False) -> ErasureResult:
    """Remove the person `uid` completely: contact, e-mails, phones, roles, expertise, keywords, participations,
    search index, import batch items (with their before-images) and audit links; audit entries keep their count.

    What names the person elsewhere goes too: the file names in the audit log and import history ("Registration
    form - Ana Kovač.docx" becomes "(erased)"), the events named after them (an import names a one-person form's
    event after its file or title: renamed, `_unname_events`) wherever their names were written (audit entries,
    other contacts' before-images), the saved searches for them, and an organisation named after them that no one
    else is in.

    Other contacts whose notes, position, address or keywords mention the person ("replaced Ana Kovač as focal
    point"), or who are in an organisation named after them ("Kovač & Partners"), are listed in the result
    (`mentions`): erasing does not rewrite a colleague's notes unasked. With `also_mentions` the person's name in
    those texts becomes "(erased)", recorded in the audit log as an edit of those contacts; the organisation keeps
    its name. Their import history's before-images lose the name either way (an undone import must not bring it
    back). The error log in the user data folder loses the person's name.

    The freed pages are overwritten (secure_delete) and the search index merged, so the person's data does not
    linger in the file. Backups taken before keep the person: the result says which, and where.
    """
    from directory_app.core.backup import backups_dir, list_backups

    uid = uid.strip()
    with directory.write() as session:
        conn = session.connection()
        row = conn.exec_driver_sql("SELECT id, created_at, organisation_id FROM contact WHERE uid = ?", (uid,)).first()
        # The person's uids: theirs, and those of the contacts merged into theirs (the same person; their import
        # history and audit links stay under their own uids).
        uids = _merged_into(conn, uid)
        items = conn.exec_driver_sql(
            f"SELECT count(*) FROM import_batch_item WHERE contact_uid {_IN}", (uids,)
        ).scalar_one()
        links = conn.exec_driver_sql(
            f"SELECT count(DISTINCT audit_id) FROM audit_contact WHERE contact_uid {_IN}", (uids,)
        ).scalar_one()
        if row is None and not items and not links:
            raise DirectoryError(f"no contact with uid {uid}")
        cid = None if row is None else int(row[0])
        names, family = _names_of(conn, uids, row)
        since = _since(conn, uids, row)
        person, phrases = _person_of(conn, uids, row, names, family, exclude=cid)
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        renamed = _unname_events(session, cid, uids, names, family)
        rows = 0
        if cid is not None:
            for table in ("contact_email", "contact_phone", "contact_role", "contact_expertise", "contact_keyword"):
                rows += conn.exec_driver_sql(f"DELETE FROM {table} WHERE contact_id = ?", (cid,)).rowcount
            rows += conn.exec_driver_sql("DELETE FROM participation WHERE contact_id = ?", (cid,)).rowcount
            conn.exec_driver_sql("DELETE FROM contact_fts WHERE rowid = ?", (cid,))
            rows += conn.exec_driver_sql("DELETE FROM contact WHERE id = ?", (cid,)).rowcount
        exported = tuple(
            dict.fromkeys(
                target
                for (target,) in conn.exec_driver_sql(
                    f"SELECT target FROM audit_entry WHERE id IN (SELECT audit_id FROM audit_contact WHERE contact_uid "
                    f"{_IN}) AND action != 'backup' ORDER BY at, id",
                    (uids,),
                )
                if target and os.path.isabs(target)
            )
        )
        files = _files_of(conn, uids)
        names_removed = _erase_names(conn, uids, names)
        rows += conn.exec_driver_sql(f"DELETE FROM import_batch_item WHERE contact_uid {_IN}", (uids,)).rowcount
        rows += conn.exec_driver_sql(f"DELETE FROM audit_contact WHERE contact_uid {_IN}", (uids,)).rowcount
        rows += conn.exec_driver_sql(
            f"DELETE FROM not_duplicate WHERE uid_a {_IN} OR uid_b {_IN}", (uids, uids)
        ).rowcount
        full = [name for name in names if name not in family]
        _erase_from_details(conn, full)
        _erase_from_sources(session, full, names, files)
        searches = _forget_searches(conn, names, family)
        organisations = _forget_organisation(conn, None if row is None else row[2], names)
        mentions = _mentions(conn, None if row is None else row[2], names, family, phrases)
        erased: tuple[Mention, ...] = ()
        if also_mentions:
            erased = tuple(m for m in mentions if m.field != "organisation")
            mentions = tuple(m for m in mentions if m.field == "organisation")  # it keeps its name
            _erase_mentions(session, erased, phrases)
        _erase_from_history(session, phrases)
        if cid is not None or erased:  # the search index's old segments, holding the words taken out, merged away
            conn.exec_driver_sql("INSERT INTO contact_fts (contact_fts) VALUES ('optimize')")
        saved = _saved_backups(conn, since)
        # The entry says a person was erased, not who.
        record_audit(session, "erase", "a person was erased from the directory", "", [], count=1)
        conn.exec_driver_sql("PRAGMA secure_delete = OFF")  # the deletes are done; the pooled connection goes back
    # Old copies of the pages may still sit in the WAL: copy it back into the file and empty it.
    with directory.engine.connect() as c, contextlib.suppress(Exception):
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    # A backup taken before the person was added (the one before the import that brought them) never held them.
    backups = [b for b in list_backups(directory.path) if since is None or b.taken_at.astimezone(UTC) >= since]
    log_lines, log_file = _scrub_error_log([*phrases, *full], names, files)
    return ErasureResult(
        uid,
        rows,
        links,
        items,
        len(backups),
        names_removed,
        events_renamed=renamed,
        saved_searches=searches,
        organisations=organisations,
        backup_folder=str(backups_dir(directory.path)),
        saved_backups=saved,
        exported_files=exported,
        person=person if mentions or erased else "",
        mentions=mentions,
        mentions_erased=tuple(_erased_context(m, phrases) for m in erased),
        log_lines=log_lines,
        log_file=log_file,
    )


def names_path(path: str, record: ContactRecord) -> bool:
    """Whether a file's or folder's path names the person `record`: their full name anywhere in it ("…/Ana Kovač
    QR.png"), or their family name in a file or folder name with at most one other word ("Kovac_registration.xlsx",
    "…/Kovač/"), but not "Long-term cases" for Mei Long. Settings that remember such paths are forgotten when the
    person is erased."""
    names, family = _phrases_of(
        {(record.given_name, record.family_name), (record.latin_given_name, record.latin_family_name)}
    )
    full = [name for name in names if name not in family]
    if _names_in(path, full):
        return True
    parts = [Path(part).stem if i == 0 else part for i, part in enumerate(reversed(re.split(r"[\\/]", path)))]
    return any(
        _names_in(part, sorted(family)) and len(re.findall(r"[^\W\d_]{2,}", _strip_names(part, sorted(family)))) <= 1
        for part in parts
        if part
    )


def find_mentions(directory: Directory, uid: str) -> tuple[Mention, ...]:
    """What an erasure of the person `uid` would list (`ErasureResult.mentions`): the other contacts whose texts
    mention them, or who are in an organisation named after them. Erase Person Completely shows it beforehand."""
    with directory.read() as session:
        conn = session.connection()
        row = conn.exec_driver_sql(
            "SELECT id, created_at, organisation_id FROM contact WHERE uid = ?", (uid.strip(),)
        ).first()
        if row is None:
            return ()
        uids = _merged_into(conn, uid.strip())
        names, family = _names_of(conn, uids, row)
        _person, phrases = _person_of(conn, uids, row, names, family, exclude=int(row[0]))
        return _mentions(conn, row[2], names, family, phrases, exclude=int(row[0]))


# Words written before a family name alone that make it name a person ("ask Ms Kovač", "sutkinja Kovač"), folded.
_TITLES = (
    "mr", "mrs", "ms", "miss", "dr", "prof", "judge", "prosecutor", "inspector", "colleague", "gda", "gdja",
    "gospoda", "gospodja", "gospodin", "sudija", "sudac", "sutkinja", "tuzilac", "tuziteljica", "kolega", "kolegica",
    "kolegu", "kolegice", "madame", "monsieur", "herr", "frau",
)  # fmt: skip


def _person_of(
    conn: Any, uids: str, row: Any, names: Sequence[str], family: set[str], *, exclude: int | None = None
) -> tuple[str, list[str]]:
    """The person's name as the list of mentions speaks of them ("Ana Kovač"), and the phrases that mention them in
    a colleague's text: their full names in every spelling, and a family name alone after a title ("Ms Kovač",
    "sutkinja Kovač") when no other contact (than `exclude`) bears it. A family name alone elsewhere may be
    another's, or a word ("Long")."""
    person = ""
    if row is not None:
        found = conn.exec_driver_sql("SELECT given_name, family_name FROM contact WHERE id = ?", (row[0],)).first()
        person = " ".join(p for p in (found or ()) if p)
    if not person:
        from directory_app.core.batches import record_from_json

        before = conn.exec_driver_sql(
            f'SELECT "before" FROM import_batch_item WHERE contact_uid {_IN} AND "before" IS NOT NULL', (uids,)
        ).first()
        person = record_from_json(before[0]).display_name if before else ""
    shared = {
        f
        for f in family
        if conn.exec_driver_sql(
            "SELECT 1 FROM contact WHERE (sort_key = ? OR sort_key LIKE ? ESCAPE '\\') AND id != ? LIMIT 1",
            (f, f.replace("%", "\\%").replace("_", "\\_") + " %", -1 if exclude is None else exclude),
        ).first()
    }
    full = [name for name in names if name not in family]
    titled = [f"{title} {f}" for f in sorted(family - shared) for title in _TITLES]
    return person, sorted({*full, *titled}, key=lambda n: (-len(n), n))


def _stems(phrases: Sequence[str]) -> set[str]:
    """The longest word of each phrase: a folded text without any of them mentions none (a quick first look)."""
    return {max(p.split(), key=len) for p in phrases}


def _mentions(
    conn: Any, org_id: int | None, names: Sequence[str], family: set[str], phrases: Sequence[str],
    *, exclude: int | None = None,
) -> tuple[Mention, ...]:  # fmt: skip
    """The other contacts' texts that mention the person (`phrases`), and the contacts in an organisation named
    after them: their own organisation by any of their names ("Kovač & Partners"), any other by their full name."""
    from directory_app.core.folding import fold

    if not phrases:
        return ()
    stems = _stems(phrases)
    full = [name for name in names if name not in family]

    def mentioned(text: str | None) -> bool:
        if not text:
            return False
        folded = fold(text)
        return any(stem in folded for stem in stems) and _names_in(text, phrases)

    skip = -1 if exclude is None else exclude
    keywords: dict[int, list[str]] = {}  # read once for all contacts, not a query per contact
    for contact_id, keyword in conn.exec_driver_sql(
        "SELECT contact_id, keyword FROM contact_keyword WHERE contact_id != ? ORDER BY rowid", (skip,)
    ).all():
        if mentioned(keyword):
            keywords.setdefault(contact_id, []).append(keyword)
    org_names = {
        oid: name
        for oid, name in conn.exec_driver_sql("SELECT id, name FROM organisation WHERE name != ''")
        if _names_in(name, names if oid == org_id else full)
    }
    found: list[Mention] = []
    for cid, given, fam, notes, position, address, oid in conn.exec_driver_sql(
        "SELECT id, given_name, family_name, notes, position, address, organisation_id FROM contact "
        "WHERE id != ? ORDER BY sort_key, id",
        (skip,),
    ).all():
        name = " ".join(p for p in (given, fam) if p) or f"contact #{cid}"
        for field, text in (("notes", notes), ("position", position), ("address", address)):
            if mentioned(text):
                found.append(Mention(cid, name, field, _context(text, phrases)))
        if cid in keywords:
            found.append(Mention(cid, name, "keywords", "; ".join(_context(k, phrases) for k in keywords[cid])))
        if oid in org_names:
            found.append(Mention(cid, name, "organisation", org_names[oid]))
    return tuple(found)


_IN = "IN (SELECT value FROM json_each(?))"  # a JSON array of uids as one parameter


def _merged_into(conn: Any, uid: str) -> str:
    """The uids of the person `uid` as a JSON array: theirs, and those of the contacts merged into it since
    (core/merging.py logs both uids of a merge; a merge undone since gave the other contact back, and that one,
    in the directory again, is someone else)."""
    found = [uid]
    for current in found:  # grows as merged contacts are found, each of them merged into others before
        found += [
            other
            for (other,) in conn.exec_driver_sql(
                "SELECT DISTINCT y.contact_uid FROM audit_contact x JOIN audit_entry e ON e.id = x.audit_id "
                "AND e.action = 'merge' JOIN audit_contact y ON y.audit_id = e.id AND y.contact_uid != x.contact_uid "
                "WHERE x.contact_uid = ? AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.uid = y.contact_uid)",
                (current,),
            )
            if other not in found
        ]
    return json.dumps(found)


def _names_of(conn: Any, uids: str, row: Any) -> tuple[list[str], set[str]]:
    """The person's names as texts may hold them, folded, in every spelling the search knows ("ana kovac", "kovac
    ana", and each family name alone), longest first; and the family names alone among them. From the contact, or
    from the import history's before-images when the contact is gone."""
    from directory_app.core.batches import record_from_json

    pairs: set[tuple[str, str]] = set()
    if row is not None:
        pairs |= {
            (g, f)
            for g, f, lg, lf in conn.exec_driver_sql(
                "SELECT given_name, family_name, latin_given_name, latin_family_name FROM contact WHERE id = ?",
                (row[0],),
            )
            for g, f in ((g, f), (lg, lf))
        }
    for (before,) in conn.exec_driver_sql(
        f'SELECT "before" FROM import_batch_item WHERE contact_uid {_IN} AND "before" IS NOT NULL', (uids,)
    ):
        record = record_from_json(before)
        pairs |= {(record.given_name, record.family_name), (record.latin_given_name, record.latin_family_name)}
    return _phrases_of(pairs)


def _phrases_of(pairs: Iterable[tuple[str, str]]) -> tuple[list[str], set[str]]:
    """`_names_of` from (given, family) pairs."""
    names: set[str] = set()
    family_only: set[str] = set()
    for given, family in pairs:
        for f in _spellings(family or ""):
            for g in _spellings(given or ""):
                names |= {f"{g} {f}", f"{f} {g}"}
            if len(f) >= 3:
                family_only.add(f)
    names |= family_only
    return sorted(names, key=lambda n: (-len(n), n)), family_only


def _since(conn: Any, uids: str, row: Any) -> datetime | None:
    """When the person came into the directory (UTC): their contact's creation, or their first import; None when
    not known."""
    text = row[1] if row is not None else None
    if text is None:
        text = conn.exec_driver_sql(
            "SELECT min(b.created_at) FROM import_batch b JOIN import_batch_item i ON i.batch_id = b.id "
            f"WHERE i.contact_uid {_IN}",
            (uids,),
        ).scalar_one()
    if text is None:
        return None
    return _dt(text).replace(tzinfo=UTC)


def _words(text: str) -> str:
    """The text folded (case, accents, script) to its words with one space between: "zoran testovic qr png"."""
    from directory_app.core.folding import fold

    return " ".join(w for w in re.split(r"[\W_]+", fold(text)) if w)


def _spellings(text: str) -> list[str]:
    """`_words` of each of the text's folded spellings (folding.fold_variants: "petrovic", "petrovich")."""
    from directory_app.core.folding import fold_variants

    if not text.strip():
        return []
    return list(dict.fromkeys(w for v in fold_variants(text) if (w := " ".join(re.split(r"[\W_]+", v)).strip())))


def _names_in(text: str, names: Sequence[str]) -> bool:
    if not text or not names:
        return False
    spelt = [f" {words} " for words in _spellings(text)]
    return any(f" {name} " in words for words in spelt for name in names)


def _name_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where in `text` the words spell one of `names` (folded, as `_names_of` gives them): (start, end) of each."""
    tokens = list(re.finditer(r"[^\W_]+", text))
    spelt = [set(_spellings(t.group())) for t in tokens]
    phrases = sorted((name.split() for name in names), key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        for words in phrases:
            n = len(words)
            if i + n <= len(tokens) and all(words[k] in spelt[i + k] for k in range(n)):
                spans.append((tokens[i].start(), tokens[i + n - 1].end()))
                i += n
                break
        else:
            i += 1
    return spans


def _replace_names(text: str, names: Sequence[str]) -> str:
    """`text` with each mention of `names` replaced by "(erased)", everything else as it was (line breaks too)."""
    out, last = [], 0
    for start, end in _name_spans(text, names):
        out += [text[last:start], ERASED]
        last = end
    return "".join(out) + text[last:] if out else text


_CONTEXT_WORDS = 6  # words shown on either side of a mention


def _context(text: str, names: Sequence[str]) -> str:
    """The words around the first mention of `names` in `text`, on one line: "…replaced Ana Kovač as focal
    point…"."""
    spans = _name_spans(text, names)
    if not spans:
        return " ".join(text.split())
    start, end = spans[0]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    first = next(i for i, (_s, e) in enumerate(words) if e > start)  # the word the mention begins in
    last = max(i for i, (s_, _e) in enumerate(words) if s_ < end)  # and the one it ends in
    lo, hi = max(0, first - _CONTEXT_WORDS), min(len(words), last + 1 + _CONTEXT_WORDS)
    shown = " ".join(text[words[lo][0] : words[hi - 1][1]].split())
    return ("…" if lo else "") + shown + ("…" if hi < len(words) else "")


def _erased_context(mention: Mention, names: Sequence[str]) -> Mention:
    """The mention as its text now reads: the person's name "(erased)"."""
    return replace(mention, context=_replace_names(mention.context, names))


def _erase_mentions(session: Session, mentions: Sequence[Mention], names: Sequence[str]) -> None:
    """Replace the person's name with "(erased)" in the other contacts' texts that mention it (notes, position,
    address, keywords), as an edit of those contacts (recorded in the audit log; they count as changed)."""
    ids = list(dict.fromkeys(m.contact_id for m in mentions))
    changed: list[str] = []
    for record in load_records(session, ids):
        data = record.to_input()
        data.notes = _replace_names(data.notes, names)
        data.position = _replace_names(data.position, names)
        data.address = _replace_names(data.address, names)
        data.keywords = list(dict.fromkeys(k for k in (_replace_names(k, names) for k in data.keywords) if k != ERASED))
        if data != record.to_input():
            replace_contact(session, record.id, data)
            changed.append(record.uid)
    if changed:
        record_audit(session, "edit", "the name of an erased person replaced with '(erased)' in other contacts' texts",
                     "", changed)  # fmt: skip


def _erase_from_history(session: Session, names: Sequence[str]) -> None:
    """The person's name (`names`: the phrases that mention them) out of the other contacts' texts in the import
    history's before-images (notes, position, address, keywords): "(erased)" there, so that no undone import writes
    it back, and no hidden copy of a colleague's old notes keeps it. The contacts themselves are not changed."""
    from directory_app.core.batches import rewrite_before_texts
    from directory_app.core.folding import fold

    stems = _stems(names)

    def rewrite(value: str) -> str:
        folded = fold(value)
        return _replace_names(value, names) if any(stem in folded for stem in stems) else value

    rewrite_before_texts(session, ("notes", "position", "address"), rewrite)
    conn = session.connection()
    for (value,) in conn.exec_driver_sql(
        """SELECT DISTINCT json_extract("before", '$.keywords') FROM import_batch_item WHERE "before" IS NOT NULL"""
    ).all():
        try:
            keywords = [str(k) for k in json.loads(value or "[]")]
        except (ValueError, TypeError):
            continue
        new = list(dict.fromkeys(k for k in (rewrite(k) for k in keywords) if k != ERASED))
        if new != keywords:
            conn.exec_driver_sql(
                """UPDATE import_batch_item SET "before" = json_set("before", '$.keywords', json(?)) """
                """WHERE "before" IS NOT NULL AND json_extract("before", '$.keywords') = ?""",
                (json.dumps(new, ensure_ascii=False), value),
            )


def _scrub_error_log(phrases: Sequence[str], names: Sequence[str], files: set[str]) -> tuple[int, str]:
    """Replace the person's name with "(erased)" in the lines of the error log (the user data folder's error.log,
    where an unexpected error's traceback may name a file: "Registration form - Ana Kovač.docx"): their full names,
    and a family name alone in the lines naming a file that brought them. Returns how many lines changed, and the
    log's path. The log is rewritten whole, atomically; one that cannot be read or written is left as it was."""
    from directory_app.core.fileio import atomic_write_bytes
    from directory_app.core.folding import fold
    from directory_app.core.paths import user_data_dir

    path = user_data_dir() / "error.log"
    try:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
    except OSError:
        return 0, str(path)
    stems = _stems([*phrases, *names])
    lines = text.splitlines(keepends=True)
    changed = 0
    for i, line in enumerate(lines):
        folded = fold(line)
        if not any(stem in folded for stem in stems):
            continue
        spelt = names if any(f in line for f in files) else phrases
        if _names_in(line, spelt):
            lines[i] = _replace_names(line, spelt)
            changed += 1
    if changed:
        try:
            atomic_write_bytes(path, "".join(lines).encode("utf-8", "surrogateescape"))
        except OSError:
            return 0, str(path)
    return changed, str(path)


def _strip_names(text: str, names: Sequence[str], put: str = "") -> str:
    """`text` with the words that spell one of `names` (folded, as `_names_of` gives them) replaced by `put`, or
    taken out with the commas, dashes and joining words ("with", "and") they leave at the ends: "Workshop on JITs
    - Ana Kovač" is "Workshop on JITs"."""
    spans = _name_spans(text, names)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], put]
        last = end
    parts.append(text[last:])
    return " ".join("".join(parts).split()) if put else _tidy("".join(parts))


_SEPARATORS = r",;:/&\-–—|·"
_EDGES = re.compile(
    rf"^(?:[\s{_SEPARATORS}.]+|(?:with|and|by|for|of|from)\b)+|(?:[\s{_SEPARATORS}]+|\b(?:with|and|by|for|of|from))+$",
    re.IGNORECASE,
)


def _tidy(text: str) -> str:
    """What is left of a name once words were taken out of it: no empty brackets, doubled separators or dangling
    ones at the ends."""
    text = re.sub(r"\(\s*\)|\[\s*\]|“\s*”|\"\s*\"|'\s*'", " ", text)
    text = " ".join(text.split())
    text = re.sub(r"\s+([,;:.)\]])", r"\1", text)
    text = re.sub(rf"([{_SEPARATORS}])(?:\s*[{_SEPARATORS}])+", r"\1", text)
    text = re.sub(rf"\s(?:with|and|by|for|of|from)(?=\s*[{_SEPARATORS}(\[])", "", text, flags=re.IGNORECASE)
    before = None
    while before != text:
        before, text = text, _EDGES.sub("", text).strip()
    return text


def _unname_events(
    session: Session, cid: int | None, uids: str, names: Sequence[str], family: set[str]
) -> tuple[str, ...]:
    """Rename the events named after the person: those they took part in, those of the imports that brought them,
    and any other that bears their full name. An import names the event of a one-person form after its file or
    title ("Registration form - Ana Kovač.docx" makes "Form Ana Kovač"): with no one else in it, it becomes "Event
    of 12 Mar 2025" (its first day) or "(erased)"; with others, it loses the person's name ("Workshop - Ana Kovač"
    is "Workshop"). The person's name leaves its organisers too. The old name goes wherever it was written: the
    audit log, and the before-images of other contacts (`batches.rename_event`). Returns the new names. Called
    before the person's participations and import items are removed."""
    from directory_app.core.batches import rename_event

    conn = session.connection()
    ids: set[int] = set()
    if cid is not None:
        ids |= {e for (e,) in conn.exec_driver_sql("SELECT event_id FROM participation WHERE contact_id = ?", (cid,))}
    for event_id, extra in conn.exec_driver_sql(
        "SELECT b.event_id, s.value FROM import_batch b LEFT JOIN setting s ON s.key = 'import_batch:' || b.id "
        f"WHERE b.id IN (SELECT batch_id FROM import_batch_item WHERE contact_uid {_IN})",
        (uids,),
    ).all():
        ids |= {event_id} if event_id is not None else set()
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            ids |= {int(e) for e in json.loads(extra or "{}").get("events_created", ())}
    # And any other event that bears the person's full name (one made by hand: "Meeting with Ana Kovač"); it loses
    # the name, and only the full name (a family name alone there may be someone else's).
    full = [name for name in names if name not in family]
    unlinked = {
        event_id
        for event_id, name, organisers in conn.exec_driver_sql("SELECT id, name, organisers FROM event").all()
        if event_id not in ids and (_names_in(name, full) or _names_in(organisers, full))
    }
    renamed = []
    for event_id in sorted(ids | unlinked):
        event = conn.exec_driver_sql("SELECT name, start_date, organisers FROM event WHERE id = ?", (event_id,)).first()
        if event is None:
            continue
        name, start, organisers = event
        new_name, new_organisers = name, organisers
        alone = (
            event_id not in unlinked
            and not conn.exec_driver_sql(
                "SELECT count(*) FROM participation WHERE event_id = ? AND contact_id != ?", (event_id, cid or -1)
            ).scalar_one()
        )
        # A family name alone names the person only in the name of an event they were alone in, with little else
        # ("Form Kovač", "Kovac registration 2024"): elsewhere it may be another's, or a word ("Long-term ...").
        if _names_in(name, full) or (alone and _names_in(name, names) and _few_words(_strip_names(name, names))):
            left = "" if alone else _strip_names(name, full)
            if not re.search(r"[^\W\d_]", left):  # nothing but the person's name (and a year) was in it
                day = date.fromisoformat(str(start)[:10]) if start else None
                left = f"Event of {day:%d %b %Y}" if day else ERASED
            new_name = _free_event_name(session, left, event_id)
        if organisers and _names_in(organisers, full):
            new_organisers = _strip_names(organisers, full)
        if (new_name, new_organisers) == (name, organisers):
            continue
        conn.exec_driver_sql(
            "UPDATE event SET name = ?, organisers = ? WHERE id = ?", (new_name, new_organisers, event_id)
        )
        if new_name != name:
            # The audit log writes an event's name in quotes ("event #4 'Form Ana Kovač' created"), and a
            # participants list's as "participants of Form Ana Kovač" (core/participants.py).
            quoted, new_quoted = f"'{name}'", f"'{new_name}'"
            conn.exec_driver_sql(
                "UPDATE audit_entry SET detail = replace(detail, ?, ?) WHERE instr(detail, ?)",
                (quoted, new_quoted, quoted),
            )
            conn.exec_driver_sql(
                "UPDATE audit_entry SET detail = ? WHERE detail = ?",
                (f"participants of {new_name}", f"participants of {name}"),
            )
            rename_event(session, event_id, new_name)
            renamed.append(new_name)
    return tuple(renamed)


def _few_words(text: str) -> bool:
    """At most two words of letters: what a file's name adds to a person's ("Form", "registration")."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) <= 2


def _free_event_name(session: Session, name: str, event_id: int) -> str:
    """`name`, or "name (2)", "(3)"...: the first no other event has (event names are unique)."""
    from directory_app.core.contacts import event_named

    candidate, n = name, 1
    while event_named(session, candidate, other_than=event_id) is not None:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def _erase_names(conn: Any, uids: str, names: Sequence[str]) -> int:
    """Replace with "(erased)" the file names in the audit log and the import history that name the person or
    concerned them alone ("Zoran Testovic QR.png", "Registration form - Zoran Testovic.csv"); returns how many.
    Called before the person's links and import items are removed."""
    changed = 0
    # (table, its file name's column, the table of the contacts it concerned, that table's link to it)
    for table, column, links, link in (("audit_entry", "target", "audit_contact", "audit_id"),
                                       ("import_batch", "file", "import_batch_item", "batch_id")):  # fmt: skip
        for row_id, text, others in conn.exec_driver_sql(
            f"SELECT t.id, t.{column}, (SELECT count(*) FROM {links} o WHERE o.{link} = t.id "
            f"AND o.contact_uid NOT {_IN}) FROM {table} t WHERE t.{column} != '' "
            f"AND t.id IN (SELECT {link} FROM {links} WHERE contact_uid {_IN})",
            (uids, uids),
        ).all():
            if not others or _names_in(text, names):
                conn.exec_driver_sql(f"UPDATE {table} SET {column} = ? WHERE id = ?", (ERASED, row_id))
                changed += 1
    return changed


def _erase_from_details(conn: Any, names: Sequence[str]) -> None:
    """The person's full `names` out of the audit log's descriptions: by design they name no one, but they name
    events and organisations, and an earlier name of an event ("event #4 renamed from 'Form Ana Kovač' to ...")
    may still be there. (A family name alone may be anyone's, or a word: "Long", "Can".)"""
    for entry_id, detail in conn.exec_driver_sql("SELECT id, detail FROM audit_entry WHERE detail != ''").all():
        if _names_in(detail, names):
            conn.exec_driver_sql(
                "UPDATE audit_entry SET detail = ? WHERE id = ?", (_strip_names(detail, names, ERASED), entry_id)
            )


def _erase_from_sources(session: Session, full: Sequence[str], names: Sequence[str], files: set[str]) -> None:
    """The person's name out of where other contacts came from: an import records its file's name as each
    contact's source (and consent source), "import: Kovač, Marković - JIT workshop.csv"; in their before-images
    too. The name becomes "(erased)"; the contacts do not count as changed. The person's full names anywhere;
    a family name alone (`names`) only in the names of the files that brought the person (`files`)."""
    from directory_app.core.batches import rewrite_before_texts

    def erased(value: str) -> str:
        spelt = names if any(f in value for f in files) else full
        return _strip_names(value, spelt, ERASED) if _names_in(value, spelt) else value

    conn = session.connection()
    for column in ("source", "consent_source"):
        for (value,) in conn.exec_driver_sql(f"SELECT DISTINCT {column} FROM contact WHERE {column} != ''").all():
            if (new := erased(value)) != value:
                conn.exec_driver_sql(f"UPDATE contact SET {column} = ? WHERE {column} = ?", (new, value))
    rewrite_before_texts(session, ("source", "consent_source"), erased)


def _files_of(conn: Any, uids: str) -> set[str]:
    """The names of the files whose imports brought the person (before `_erase_names` replaces them)."""
    return {
        Path(name).name
        for (text,) in conn.exec_driver_sql(
            "SELECT file FROM import_batch WHERE id IN "
            f"(SELECT batch_id FROM import_batch_item WHERE contact_uid {_IN})",
            (uids,),
        )
        for name in str(text or "").split("; ")
        if name.strip()
    }


def _only_names(text: str, names: Sequence[str]) -> bool:
    """Whether the text is nothing but the person's names ("kovac", "Ana Kovač"), in one of its spellings."""
    words = {w for name in names for w in name.split()}
    return any(set(spelling.split()) <= words for spelling in _spellings(text))


def _forget_searches(conn: Any, names: Sequence[str], family: set[str]) -> int:
    """Remove the saved searches for the person: their name or their text holds the person's full name, or their
    text is nothing but the person's family name, unless other contacts still have it (a search for them too).
    Returns how many."""
    from directory_app.core.saved_searches import KEY

    shared: set[str] | None = None
    removed = 0
    for key, value in conn.exec_driver_sql("SELECT key, value FROM setting WHERE key GLOB ?", (KEY + "*",)).all():
        try:
            text = str(json.loads(value).get("text", ""))
        except (ValueError, TypeError, AttributeError):
            text = ""
        full = [n for n in names if n not in family]
        named = [n for n in family if _names_in(text, [n])] if _only_names(text, names) else []
        if not (_names_in(text, full) or _names_in(key[len(KEY) :], full)):
            if not named:
                continue
            if shared is None:  # the family names still in the directory, found once
                shared = {
                    s
                    for f, lf in conn.exec_driver_sql("SELECT family_name, latin_family_name FROM contact")
                    for s in (*_spellings(f or ""), *_spellings(lf or ""))
                    if s in family
                }
            if all(n in shared for n in named):
                continue
        conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))
        removed += 1
    return removed


def _forget_organisation(conn: Any, org_id: int | None, names: Sequence[str]) -> int:
    """Remove the person's organisation when it is named after them ("Law office Ana Kovač") and no one else is
    in it; returns 1 if it was removed."""
    if org_id is None:
        return 0
    row = conn.exec_driver_sql(
        "SELECT name FROM organisation WHERE id = ? AND NOT EXISTS (SELECT 1 FROM contact WHERE organisation_id = ?)",
        (org_id, org_id),
    ).first()
    if row is None or not _names_in(row[0], names):
        return 0
    return conn.exec_driver_sql("DELETE FROM organisation WHERE id = ?", (org_id,)).rowcount


def _saved_backups(conn: Any, since: datetime | None) -> tuple[str, ...]:
    """The backups saved by hand (recorded in the audit log) since the person came in: they hold the person."""
    rows = conn.exec_driver_sql(
        "SELECT target, at FROM audit_entry WHERE action = 'backup' AND target NOT IN ('', ?) ORDER BY at, id",
        (ERASED,),
    ).all()
    return tuple(dict.fromkeys(t for t, at in rows if since is None or _dt(at).replace(tzinfo=UTC) >= since))


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
