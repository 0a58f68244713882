"""Reading and writing contacts, organisations, events and participations.

The tables are declared with SQLModel (models.py); the hot write and read paths use plain SQL on the session's
connection, because creating ORM objects for 100,000 contacts (the demo, large imports) is ten times slower and
the search index must be kept in step with every write anyway.

Functions taking a `Session` work inside the caller's unit of work (one transaction for a whole import);
functions taking a `Directory` open their own.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Protocol

from directory_app.core import vocab
from directory_app.core.bulk import collector_paused
from directory_app.core.countries import is_country_code, resolve_city, resolve_country
from directory_app.core.folding import (
    GREEK_COUNTRIES,
    fold,
    fold_index_text,
    greek_latin_keys,
    has_greek,
    is_latin,
    lang_for_country,
    transliterate,
)
from directory_app.core.phones import normalise_phone
from directory_app.core.records import (
    ContactInput,
    ContactRecord,
    DirectoryError,
    EmailEntry,
    EventRecord,
    EventRef,
    PhoneEntry,
    utcnow,
)
from directory_app.core.store import Directory, Session

CHUNK = 500  # ids per IN (...) query, well under SQLite's parameter limit


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _clean(text: str | None) -> str:
    """A one-line field: surrounding space trimmed, runs of white space (line breaks too) made one space."""
    return " ".join((text or "").split())


# A postal code as the region writes them: "11000", "71 000", "MD-2012", "HR-10000".
POSTAL_CODE = r"(?:[A-Z]{1,2}[- ]?)?\d[\d ]{2,6}\d"
_LAST_POSTAL_CODE = re.compile(rf"(.*?)(?:,\s*|\s+)({POSTAL_CODE})")


def split_postal_code(address: str) -> tuple[str, str]:
    """(street, postal code) of an address whose last part is a postal code ("Kneza Miloša 101, 11000")."""
    m = _LAST_POSTAL_CODE.fullmatch(address.strip())
    if m and "," in address:
        return m[1].strip(" ,"), m[2]
    return address, ""


_ADDRESS_SPLIT = re.compile(r"\s*[,;\n]\s*")
# A postal code beside the town at the end of an address: "11000 Beograd", "Sarajevo 71000", "MD-2012 Chișinău".
_POSTAL_CODE = re.compile(POSTAL_CODE)
_TOWN_AND_CODE = re.compile(rf"(?P<before>{POSTAL_CODE})?\s*(?P<town>[^\d]+?)\s*(?P<after>{POSTAL_CODE})?")


def tidy_address(texts: Sequence[str], city: str, country: str | None) -> tuple[str, str]:
    """(address, city) from an address's texts (a row's address cells, in their order; what the dialog's field
    holds): one line, the parts joined with commas.
    The town at its end goes to the city when the row has none and it is a known city, and is dropped when it is
    the row's city ("Nemanjina 22-26, 11000 Beograd" -> "Nemanjina 22-26, 11000" in Beograd); so is a country at
    its end that is the row's. Every save goes through it (`prepare`), so that the dialog and an import keep one
    address the same way."""
    if not texts:
        return "", city
    parts = [p for text in texts for p in _ADDRESS_SPLIT.split(text.strip()) if p.strip(" .")]
    if len(parts) > 1 and country and resolve_country(parts[-1]) == country:
        parts.pop()
    if (
        len(parts) > 1
        and _POSTAL_CODE.fullmatch(parts[-1])
        and not any(ch.isdigit() for ch in parts[-2])
        and (len(parts) > 2 or resolve_city(parts[-2]))  # not a street without a number: "Bul. Krste Misirkov bb"
    ):
        parts[-2:] = [f"{parts[-1]} {parts[-2]}"]  # "Address: ..., Beograd" and "Postal code: 11000"
    if parts and (m := _TOWN_AND_CODE.fullmatch(parts[-1])):
        town = m["town"].strip(" .")
        if town and ((city and fold(town) == fold(city)) or (not city and resolve_city(town))):
            city = city or town
            code = m["before"] or m["after"]
            if code:
                parts[-1] = code
            else:
                parts.pop()
    return ", ".join(" ".join(p.split()) for p in parts), city


def _clean_address(text: str | None) -> str:
    """An address on one line: the lines of a cell ("Kneza Miloša 101\n11000 Beograd") joined with commas."""
    if not text:
        return ""  # most contacts: every import row passes here
    parts = (_clean(line).strip(" ,;") for line in text.splitlines())
    return ", ".join(p for p in parts if p)


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        v = (v or "").strip()
        if v and v not in seen:
            seen[v] = None
    return list(seen)


# --------------------------------------------------------------------------------------------------- validation


def prepare(data: ContactInput) -> ContactInput:
    """Check and complete a contact before it is stored: codes, names, transliteration, phones.

    Raises DirectoryError with one line naming what is wrong.
    """
    given = _clean(data.given_name)
    family = _clean(data.family_name)
    if not given and not family:
        raise DirectoryError("a contact needs a given name or a family name")
    country = (data.country or "").strip().upper() or None
    if country and not is_country_code(country):
        raise DirectoryError(f"unknown country code '{data.country}'")
    vocab.check_codes("role", data.roles)
    vocab.check_codes("expertise", data.expertise)
    if data.organisation_type:
        vocab.check_codes("org_type", [data.organisation_type])
    for entry in (*data.emails, *data.phones):
        vocab.check_codes("contact_point_type", [entry.type])

    lang = lang_for_country(country)
    latin_given = _clean(data.latin_given_name)
    latin_family = _clean(data.latin_family_name)
    if not latin_given and given and not is_latin(given):
        latin_given = transliterate(given, lang)
    if not latin_family and family and not is_latin(family):
        latin_family = transliterate(family, lang)

    emails: list[EmailEntry] = []
    seen_emails: set[str] = set()
    for e in data.emails:
        address = e.address.strip()
        if address and address.lower() not in seen_emails:
            seen_emails.add(address.lower())
            emails.append(EmailEntry(address, e.type, e.private))

    phones: list[PhoneEntry] = []
    seen_phones: set[str] = set()
    for p in data.phones:
        e164, raw = p.e164, (p.raw or "").strip()
        if not e164 and raw:
            result = normalise_phone(raw, country)
            e164 = result.e164
        if e164 or raw:
            key = e164 or raw
            if key not in seen_phones:
                seen_phones.add(key)
                # The text as typed is kept only when it could not be read as a number.
                phones.append(PhoneEntry(e164, "" if e164 else raw, p.type, p.private))

    city, address = _clean(data.city), _clean_address(data.address)
    if address:
        address, city = tidy_address([address], city, country)

    return ContactInput(
        given_name=given,
        family_name=family,
        honorific=_clean(data.honorific),
        latin_given_name=latin_given if latin_given != given else "",
        latin_family_name=latin_family if latin_family != family else "",
        position=_clean(data.position),
        organisation=_clean(data.organisation),
        organisation_type=data.organisation_type or None,
        country=country,
        city=city,
        address=address,
        languages=_dedupe(code.lower() for code in data.languages),
        notes=(data.notes or "").strip(),
        source=_clean(data.source) or "manual",
        emails=emails,
        phones=phones,
        roles=_dedupe(data.roles),
        expertise=_dedupe(data.expertise),
        keywords=_dedupe(_clean(k) for k in data.keywords),
        last_verified=data.last_verified,
        uid=data.uid,
        shareable=data.shareable,
        consent_listed=data.consent_listed,
        consent_shared=data.consent_shared,
        consent_source=_clean(data.consent_source),
        consent_date=data.consent_date,
    )


def sort_key(given: str, family: str) -> str:
    return f"{fold(family)} {fold(given)}".strip()


def index_text(data: ContactInput) -> str:
    """The words the search finds a contact by (`folding.fold_index_text`), and the sound keys of a Greek person's
    name written in Latin letters (`_greek_latin_keys`)."""
    text = fold_index_text(
        data.given_name,
        data.family_name,
        data.latin_given_name,
        data.latin_family_name,
        data.organisation,
        data.position,
        data.city,
        *(e.address for e in data.emails),
        *data.keywords,
    )
    if keys := _greek_latin_keys(data):
        present = set(text.split())
        if extra := [key for key in keys if key not in present]:
            text = " ".join([text, *extra]) if text else " ".join(extra)
    return text


_GREEK_LANGUAGES = frozenset({"el", "ell", "gre"})


def _greek_latin_keys(data: ContactInput) -> list[str]:
    """Sound keys (`folding.greek_latin_keys`) of the Latin-letter name of a person of Greece or Cyprus ("Giorgos
    Oikonomou" found by "yorgos", "economou", as Γιώργος Οικονόμου is) unless the languages they speak, when given,
    leave Greek out (a Turkish Cypriot's "Ali Kaya" is no "kaja"); and of the Latin spelling beside a name in Greek
    letters, whatever the country ("Yiannis" beside "Γιάννης", "Oikonomou" after "Γιώργος")."""
    if not (has_greek(data.given_name) or has_greek(data.family_name)):
        if (data.country or "").upper() not in GREEK_COUNTRIES:
            return []
        if data.languages and not _GREEK_LANGUAGES.intersection(code.lower() for code in data.languages):
            return []
    return greek_latin_keys(data.given_name, data.family_name, data.latin_given_name, data.latin_family_name)


# --------------------------------------------------------------------------------------------------- writing


def raw_connection(session: Session) -> sqlite3.Connection:
    """The DB-API connection inside the session's transaction. Bulk writes (imports, the demo) go straight to it:
    SQLAlchemy's per-statement overhead is about three times SQLite's own work on these small statements."""
    raw = session.info.get("raw_connection")
    if raw is None:  # one transaction per session (Directory.read/write): the connection does not change
        raw = session.info["raw_connection"] = session.connection().connection.driver_connection
    return raw  # type: ignore[no-any-return]


def organisation_id(session: Session, name: str, country: str | None, org_type: str | None) -> int | None:
    """The id of the organisation called `name` in `country`, created when new (type filled in when missing)."""
    if not name:
        return None
    # Cached per unit of work: bulk writes (imports, the demo) ask for the same few hundred organisations.
    cache: dict[tuple[str, str | None], tuple[int, str | None]] = session.info.setdefault("organisations", {})
    conn = raw_connection(session)
    hit = cache.get((name, country))
    if hit is None:
        row = conn.execute(
            "SELECT id, type FROM organisation WHERE name = ? AND country_code IS ?", (name, country)
        ).fetchone()
        if row is None:
            if org_type is None:
                org_type = vocab.infer_org_type(name)
            cur = conn.execute(
                "INSERT INTO organisation (name, type, country_code) VALUES (?, ?, ?)",
                (name, org_type, country),
            )
            hit = (int(cur.lastrowid), org_type)
        else:
            hit = (int(row[0]), row[1])
        cache[(name, country)] = hit
    if org_type and not hit[1]:
        conn.execute("UPDATE organisation SET type = ? WHERE id = ?", (org_type, hit[0]))
        cache[(name, country)] = (hit[0], org_type)
    return hit[0]


_PENDING = "pending_inserts"


class _Pending:
    """Child rows and search text of contacts created or changed in a `bulk_inserts` block, held back to be
    written table by table."""

    __slots__ = ("changed", "ids", "new", "participations", "rows")

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {}  # statement -> parameter rows, in first-use order
        self.ids: set[int] = set()  # contacts with rows waiting
        self.new: set[int] = set()  # of which created in this block
        self.participations: set[tuple[int, int]] = set()  # (contact, event) waiting
        # Changed contacts: their child rows and search text are removed before the new ones are written.
        self.changed: list[int] = []


@contextlib.contextmanager
def bulk_inserts(session: Session) -> Iterator[None]:
    """Inside the block, the e-mails, phones, codes, search text and first participation of each new contact,
    and the child rows and search text of each changed one (its old ones removed first), are written in one
    `executemany` per table (when the block ends, or as soon as something reads one of those contacts back), not
    in six statements per contact.
    For imports and the demo: a 10,000-row import makes ~60,000 statements fewer.

    The search text goes in by ascending id. The full-text index writes what it has gathered each time it is
    given a smaller id than the last, so the merges of an import into a large directory (existing contacts
    changed between new ones) wrote 28,000 index blocks for 10,000 rows."""
    pending = session.info[_PENDING] = _Pending()
    try:
        yield
        flush_pending(session)
    finally:
        if session.info.get(_PENDING) is pending:
            del session.info[_PENDING]


def flush_pending(session: Session, ids: Iterable[int] | None = None) -> None:
    """Write what `bulk_inserts` holds back: all of it, or only if it concerns one of `ids` (then all of it)."""
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is None or not pending.ids:
        return
    if ids is not None and pending.ids.isdisjoint(ids):
        return
    conn = raw_connection(session)
    if pending.changed:
        changed = [(i,) for i in sorted(pending.changed)]
        for table in _CHILD_TABLES:
            conn.executemany(f"DELETE FROM {table} WHERE contact_id = ?", changed)
        conn.executemany("DELETE FROM contact_fts WHERE rowid = ?", changed)
    for sql, params in pending.rows.items():
        if sql == _FTS_INSERT:
            params.sort()
        conn.executemany(sql, params)
    pending.rows.clear()
    pending.ids.clear()
    pending.new.clear()
    pending.participations.clear()
    pending.changed.clear()


_FTS_INSERT = "INSERT INTO contact_fts (rowid, folded) VALUES (?, ?)"


def _insert_rows(session: Session, contact_id: int, sql: str, params: list[tuple]) -> None:
    """Insert now, or hold the rows back inside `bulk_inserts`."""
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is None:
        raw_connection(session).executemany(sql, params)
    else:
        pending.rows.setdefault(sql, []).extend(params)
        pending.ids.add(contact_id)


_CHILD_TABLES = ("contact_email", "contact_phone", "contact_role", "contact_expertise", "contact_keyword")


def _write_children(session: Session, contact_id: int, data: ContactInput, *, new: bool) -> None:
    pending: _Pending | None = session.info.get(_PENDING)
    if not new:
        flush_pending(session, (contact_id,))
        if pending is None:
            conn = raw_connection(session)
            for table in _CHILD_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact_id,))
            conn.execute("DELETE FROM contact_fts WHERE rowid = ?", (contact_id,))
        else:  # removed table by table when the block writes (flush_pending), before the new rows go in
            pending.changed.append(contact_id)
            pending.ids.add(contact_id)
    elif pending is not None:
        pending.new.add(contact_id)

    def add(sql: str, params: list[tuple]) -> None:
        _insert_rows(session, contact_id, sql, params)

    if data.emails:
        add(
            "INSERT INTO contact_email (contact_id, address, address_key, type, position, private) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(contact_id, e.address, e.address.lower(), e.type, i, e.private) for i, e in enumerate(data.emails)],
        )
    if data.phones:
        add(
            "INSERT INTO contact_phone (contact_id, e164, raw, type, position, private) VALUES (?, ?, ?, ?, ?, ?)",
            [(contact_id, p.e164, p.raw, p.type, i, p.private) for i, p in enumerate(data.phones)],
        )
    if data.roles:
        add("INSERT INTO contact_role (contact_id, role) VALUES (?, ?)", [(contact_id, r) for r in data.roles])
    if data.expertise:
        add(
            "INSERT INTO contact_expertise (contact_id, code) VALUES (?, ?)",
            [(contact_id, c) for c in data.expertise],
        )
    if data.keywords:
        add("INSERT INTO contact_keyword (contact_id, keyword) VALUES (?, ?)", [(contact_id, k) for k in data.keywords])
    add(_FTS_INSERT, [(contact_id, index_text(data))])


def _contact_values(session: Session, data: ContactInput) -> dict[str, object]:
    return {
        "honorific": data.honorific,
        "given_name": data.given_name,
        "family_name": data.family_name,
        "latin_given_name": data.latin_given_name,
        "latin_family_name": data.latin_family_name,
        "position": data.position,
        "organisation_id": organisation_id(session, data.organisation, data.country, data.organisation_type),
        "country_code": data.country,
        "city": data.city,
        "address": data.address,
        "languages": ",".join(data.languages),
        "notes": data.notes,
        "source": data.source,
        "last_verified": data.last_verified.isoformat() if data.last_verified else None,
        "sort_key": sort_key(data.latin_given_name or data.given_name, data.latin_family_name or data.family_name),
        "shareable": data.shareable,
        "consent_listed": data.consent_listed,
        "consent_shared": data.consent_shared,
        "consent_source": data.consent_source,
        "consent_date": data.consent_date.isoformat() if data.consent_date else None,
    }


def insert_contact(
    session: Session, data: ContactInput, *, prepared: bool = False, stamps: tuple[datetime, datetime] | None = None
) -> int:
    """Store a new contact in the session's transaction; returns its id.

    `stamps` (created, updated) are kept instead of now's: for a contact put back as it was."""
    if not prepared:
        data = prepare(data)
    values = _contact_values(session, data)
    now = utcnow().isoformat(sep=" ")
    created, updated = (stamp.isoformat(sep=" ") for stamp in stamps) if stamps else (now, now)
    values.update(uid=data.uid or str(uuid.uuid4()), created_at=created, updated_at=updated)
    cols = ", ".join(values)
    cur = raw_connection(session).execute(
        f"INSERT INTO contact ({cols}) VALUES ({_marks(len(values))})", tuple(values.values())
    )
    contact_id = int(cur.lastrowid)
    _write_children(session, contact_id, data, new=True)
    return contact_id


def replace_contact(session: Session, contact_id: int, data: ContactInput, *, prepared: bool = False) -> None:
    """Overwrite every field of an existing contact (uid and created_at stay)."""
    if not prepared:
        data = prepare(data)
    values = _contact_values(session, data)
    values["updated_at"] = utcnow().isoformat(sep=" ")
    sets = ", ".join(f"{k} = ?" for k in values)
    cur = raw_connection(session).execute(f"UPDATE contact SET {sets} WHERE id = ?", (*values.values(), contact_id))
    if cur.rowcount == 0:
        raise DirectoryError(f"contact {contact_id} no longer exists")
    _write_children(session, contact_id, data, new=False)


def delete_contact_rows(session: Session, ids: Sequence[int]) -> None:
    flush_pending(session, ids)
    conn = session.connection()
    for chunk in _chunks(list(ids)):
        conn.exec_driver_sql(f"DELETE FROM contact_fts WHERE rowid IN ({_marks(len(chunk))})", tuple(chunk))
        conn.exec_driver_sql(f"DELETE FROM contact WHERE id IN ({_marks(len(chunk))})", tuple(chunk))


def _audit(session: Session, action: str, detail: str, uids: Sequence[str]) -> None:
    """Edits go to the audit log (issue 7). The detail never names the person: erasing them must leave no trace."""
    from directory_app.core.privacy import record_audit

    record_audit(session, action, detail, "", uids)


def add_contact(directory: Directory, data: ContactInput) -> ContactRecord:
    with directory.write() as session:
        contact_id = insert_contact(session, data)
        return load_records(session, [contact_id])[0]


def update_contact(directory: Directory, contact_id: int, data: ContactInput) -> ContactRecord:
    with directory.write() as session:
        replace_contact(session, contact_id, data)
        record = load_records(session, [contact_id])[0]
        _audit(session, "edit", "contact edited", [record.uid])
        return record


def delete_contacts(directory: Directory, ids: Sequence[int]) -> list[ContactRecord]:
    """Delete contacts; returns what they were, so that `restore_contacts` can undo it."""
    with directory.write() as session:
        records = load_records(session, ids)
        delete_contact_rows(session, [r.id for r in records])
        if records:
            _audit(session, "delete", f"{len(records)} contacts deleted", [r.uid for r in records])
        return records


EVENT_MERGED_KEY = "event_merged:"  # setting "event_merged:<id>" = the id of the event it was merged into
# A participation put back (an undone deletion, a rolled-back import): (contact, part, event). An event merged since
# into another (core/events.py) is followed to the one it went into; one deleted since is left out.
RESTORE_PARTICIPATION = (
    "INSERT OR IGNORE INTO participation (contact_id, event_id, part) SELECT ?1, id, ?2 FROM event WHERE id = "
    f"coalesce((SELECT CAST(value AS INTEGER) FROM setting WHERE key = '{EVENT_MERGED_KEY}' || ?3), ?3)"
)


def restore_contacts(directory: Directory, records: Sequence[ContactRecord]) -> list[int]:
    """Put deleted contacts back exactly (same uid, timestamps and event history); returns their new ids."""
    new_ids: list[int] = []
    participations: list[tuple[int, str, int]] = []
    # Undoing the deletion of 11,000 contacts makes millions of short-lived objects and no cycles: collecting
    # meanwhile walked them all on the window's thread (a 0.13-0.2 s freeze, benchmarks/gui_probe.py bulk).
    with collector_paused(), directory.write() as session:
        with bulk_inserts(session):  # thousands come back at once when a large deletion is undone
            for record in records:
                contact_id = insert_contact(session, record.to_input(), stamps=(record.created_at, record.updated_at))
                participations.extend((contact_id, ev.part, ev.id) for ev in record.events)
                new_ids.append(contact_id)
        raw_connection(session).executemany(
            RESTORE_PARTICIPATION,
            participations,  # (contact, part, event)
        )
    return new_ids


def restore_record(session: Session, record: ContactRecord) -> int:
    """Put a contact back exactly as `record` (same id when it still exists, same uid, times and events): the undo
    of an import (core/batches.py) and of a merge (core/merging.py). Returns its id."""
    conn = session.connection()
    contact_id = find_by_uid(session, record.uid)
    data = record.to_input()
    if contact_id is None:
        contact_id = insert_contact(session, data)
    else:
        replace_contact(session, contact_id, data)
    conn.exec_driver_sql(
        "UPDATE contact SET created_at = ?, updated_at = ? WHERE id = ?",
        (record.created_at.isoformat(sep=" "), record.updated_at.isoformat(sep=" "), contact_id),
    )
    conn.exec_driver_sql("DELETE FROM participation WHERE contact_id = ?", (contact_id,))
    for ev in record.events:
        conn.exec_driver_sql(
            RESTORE_PARTICIPATION,
            (contact_id, ev.part, ev.id),
        )
    return contact_id


# --------------------------------------------------------------------------------------------------- events


def event_named(session: Session, name: str, *, other_than: int | None = None) -> tuple[int, str] | None:
    """(id, name) of the event called `name` in any case, spacing and punctuation ("skopje  2025" is "Skopje 2025",
    "... Teams Skopje, 12-14 March 2025" from a PDF's two title lines is "... Teams, Skopje, 12-14 March 2025"), the
    exact spelling first. Compared in Python: SQLite's lower() leaves Cyrillic and Greek letters as they are."""
    key = _event_key(name)
    found = None
    for event_id, existing in session.connection().exec_driver_sql("SELECT id, name FROM event"):
        if event_id == other_than:
            continue
        if existing == name:
            return event_id, existing
        if found is None and _event_key(existing) == key:
            found = (event_id, existing)
    return found


def _event_key(name: str) -> str:
    """An event's name as compared: lower case, words only (digits kept: "12-14" stays "12 14")."""
    return " ".join(re.findall(r"\w+", name.casefold()))


EVENT_ID_HIGH_KEY = "event_id_high"  # setting: the highest id an event was ever given


def new_event_id(session: Session) -> int:
    """The id for a new event: never one an event had before.

    SQLite gives a new row the highest id + 1, so deleting the newest event and creating another gave the new one
    the deleted one's id, and whatever still named that id meant the new event: a saved search for a deleted
    seminar, an event merged away (its alias), an import's rollback, the undo of the deletion. The highest id
    given is kept in the settings (a directory from before this also counts the ids its settings name).
    """
    conn = raw_connection(session)
    high = conn.execute("SELECT coalesce(max(id), 0) FROM event").fetchone()[0]
    for key, value in conn.execute(
        "SELECT key, value FROM setting WHERE key = ? OR key GLOB ? OR key GLOB 'saved_search:*'",
        (EVENT_ID_HIGH_KEY, EVENT_MERGED_KEY + "*"),
    ):
        named = [value] if key == EVENT_ID_HIGH_KEY else [key[len(EVENT_MERGED_KEY) :], value]
        if key.startswith("saved_search:"):
            try:
                named = [str(e) for e in json.loads(value).get("events", ())]
            except (ValueError, AttributeError):
                named = []
        high = max([high, *(int(n) for n in named if str(n).isdigit())])
    conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (EVENT_ID_HIGH_KEY, str(high + 1)))
    return high + 1


class EventDetails(Protocol):
    """What describes an event to find or create (importing.EventSpec, demo.DemoEvent)."""

    name: str
    start_date: date | None
    end_date: date | None
    city: str
    country: str | None
    organisers: str


def ensure_event_like(session: Session, spec: EventDetails) -> int:
    """`ensure_event` with the name, dates and place of `spec`."""
    return ensure_event(
        session,
        spec.name,
        start_date=spec.start_date,
        end_date=spec.end_date,
        city=spec.city,
        country=spec.country,
        organisers=spec.organisers,
    )


def ensure_event(
    session: Session,
    name: str,
    *,
    start_date: date | None = None,
    end_date: date | None = None,
    city: str = "",
    country: str | None = None,
    organisers: str = "",
) -> int:
    """The id of the event called `name` (in any case: "skopje 2025" is "Skopje 2025"), created when new; details
    fill what the event lacks."""
    name = _clean(name)
    if not name:
        raise DirectoryError("an event needs a name")
    conn = session.connection()
    row = event_named(session, name)
    if row:
        conn.exec_driver_sql(
            "UPDATE event SET start_date = coalesce(start_date, ?), end_date = coalesce(end_date, ?), "
            "city = CASE WHEN city = '' THEN ? ELSE city END, country_code = coalesce(country_code, ?), "
            "organisers = CASE WHEN organisers = '' THEN ? ELSE organisers END WHERE id = ?",
            (
                start_date.isoformat() if start_date else None,
                end_date.isoformat() if end_date else None,
                city,
                country,
                organisers,
                row[0],
            ),
        )
        return int(row[0])
    cur = conn.exec_driver_sql(
        "INSERT INTO event (id, name, start_date, end_date, city, country_code, organisers) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            new_event_id(session),
            name,
            start_date.isoformat() if start_date else None,
            end_date.isoformat() if end_date else None,
            city,
            country,
            organisers,
        ),
    )
    return int(cur.lastrowid)


PART_RANK = {code: rank for rank, code in enumerate(vocab.PARTS)}  # a stronger part wins: organiser over speaker


def add_participation(session: Session, contact_id: int, event_id: int, part: str = "participant") -> bool:
    """Record that a contact took part in an event; a stronger part (speaker, organiser) wins. True if changed."""
    if part not in PART_RANK:
        vocab.check_codes("part", [part])
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is not None and contact_id in pending.new:
        if (contact_id, event_id) not in pending.participations:
            # A contact created in this block has taken part in nothing yet, except what is waiting here.
            pending.participations.add((contact_id, event_id))
            _insert_rows(
                session,
                contact_id,
                "INSERT INTO participation (contact_id, event_id, part) VALUES (?, ?, ?)",
                [(contact_id, event_id, part)],
            )
            return True
        flush_pending(session)
    conn = raw_connection(session)
    row = conn.execute(
        "SELECT part FROM participation WHERE contact_id = ? AND event_id = ?", (contact_id, event_id)
    ).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO participation (contact_id, event_id, part) VALUES (?, ?, ?)",
            (contact_id, event_id, part),
        )
        return True
    if PART_RANK.get(part, 0) > PART_RANK.get(row[0], 0):
        conn.execute(
            "UPDATE participation SET part = ? WHERE contact_id = ? AND event_id = ?",
            (part, contact_id, event_id),
        )
        return True
    return False


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


_EVENT_SELECT = (
    "SELECT e.id, e.name, e.start_date, e.end_date, e.city, e.country_code, e.organisers, "
    "(SELECT count(*) FROM participation p WHERE p.event_id = e.id) FROM event e "
)


def _event_record(r: Sequence) -> EventRecord:
    return EventRecord(r[0], r[1], _date(r[2]), _date(r[3]), r[4], r[5], r[6], int(r[7]))


def list_events(directory: Directory) -> list[EventRecord]:
    """Every event, newest first, with its number of participants."""
    with directory.read() as session:
        rows = (
            session.connection()
            .exec_driver_sql(_EVENT_SELECT + "ORDER BY e.start_date IS NULL, e.start_date DESC, e.name")
            .all()
        )
    return [_event_record(r) for r in rows]


def load_event(session: Session, event_id: int) -> EventRecord | None:
    """The event with its number of participants, inside the caller's unit of work."""
    row = session.connection().exec_driver_sql(_EVENT_SELECT + "WHERE e.id = ?", (event_id,)).first()
    return _event_record(row) if row is not None else None


def find_event(directory: Directory, name: str) -> EventRecord:
    """The event called `name` (case-insensitive); DirectoryError listing the known events otherwise."""
    events = list_events(directory)
    wanted = name.strip().casefold()
    for ev in events:
        if ev.name.casefold() == wanted:
            return ev
    if len(events) <= 5:
        known = "; ".join(e.name for e in events) or "none yet"
        raise DirectoryError(f"unknown event '{name}'; known events: {known}")
    # A directory kept for years holds dozens of seminars: the closest names, not a paragraph of all of them.
    from rapidfuzz import fuzz, process

    from directory_app.core.folding import fold

    close = process.extract(fold(name), [fold(e.name) for e in events], scorer=fuzz.token_set_ratio, limit=3,
                            score_cutoff=50)  # fmt: skip
    hint = f"; did you mean {' or '.join(repr(events[i].name) for _t, _s, i in close)}?" if close else ""
    raise DirectoryError(f"unknown event '{name}'{hint} (`events` lists all {len(events)})")


# --------------------------------------------------------------------------------------------------- reading


def load_records(session: Session, ids: Sequence[int]) -> list[ContactRecord]:
    """Full records for `ids`, in the order given (ids that do not exist are left out)."""
    ids = list(ids)
    if not ids:
        return []
    flush_pending(session, ids)
    # The DB-API cursor, not SQLAlchemy's result rows: 90,000 rows for 11,000 records (undoing a large deletion,
    # an export) cost 0.6 s more through SQLAlchemy.
    conn = raw_connection(session)
    base: dict[int, tuple] = {}
    emails: dict[int, list[EmailEntry]] = {}
    phones: dict[int, list[PhoneEntry]] = {}
    roles: dict[int, list[str]] = {}
    expertise: dict[int, list[str]] = {}
    keywords: dict[int, list[str]] = {}
    events: dict[int, list[EventRef]] = {}
    for chunk in _chunks(ids):
        marks, params = _marks(len(chunk)), tuple(chunk)
        for r in conn.execute(
            "SELECT c.id, c.uid, c.honorific, c.given_name, c.family_name, c.latin_given_name, "
            "c.latin_family_name, c.position, o.name, o.type, c.country_code, c.city, c.languages, c.notes, "
            "c.source, c.created_at, c.updated_at, c.last_verified, c.shareable, c.consent_listed, c.consent_shared, "
            "c.consent_source, c.consent_date, c.address "
            f"FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.id IN ({marks})",
            params,
        ):
            base[r[0]] = tuple(r)
        for cid, address, etype, private in conn.execute(
            f"SELECT contact_id, address, type, private FROM contact_email WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position",
            params,
        ):
            emails.setdefault(cid, []).append(EmailEntry(address, etype, bool(private)))
        for cid, e164, raw, ptype, private in conn.execute(
            f"SELECT contact_id, e164, raw, type, private FROM contact_phone WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position",
            params,
        ):
            phones.setdefault(cid, []).append(PhoneEntry(e164, raw, ptype, bool(private)))
        for cid, role in conn.execute(
            f"SELECT contact_id, role FROM contact_role WHERE contact_id IN ({marks})", params
        ):
            roles.setdefault(cid, []).append(role)
        for cid, code in conn.execute(
            f"SELECT contact_id, code FROM contact_expertise WHERE contact_id IN ({marks})", params
        ):
            expertise.setdefault(cid, []).append(code)
        for cid, kw in conn.execute(
            f"SELECT contact_id, keyword FROM contact_keyword WHERE contact_id IN ({marks}) ORDER BY rowid",
            params,
        ):
            keywords.setdefault(cid, []).append(kw)
        for cid, eid, ename, part in conn.execute(
            "SELECT p.contact_id, e.id, e.name, p.part FROM participation p JOIN event e ON e.id = p.event_id "
            f"WHERE p.contact_id IN ({marks}) ORDER BY e.start_date, e.name",
            params,
        ):
            events.setdefault(cid, []).append(EventRef(eid, ename, part))

    role_order = {code: i for i, code in enumerate(vocab.ROLES)}
    exp_order = {code: i for i, code in enumerate(vocab.EXPERTISE)}
    out: list[ContactRecord] = []
    for cid in ids:
        r = base.get(cid)
        if r is None:
            continue
        out.append(
            ContactRecord(
                id=r[0],
                uid=r[1],
                honorific=r[2],
                given_name=r[3],
                family_name=r[4],
                latin_given_name=r[5],
                latin_family_name=r[6],
                position=r[7],
                organisation=r[8] or "",
                organisation_type=r[9],
                country=r[10],
                city=r[11],
                languages=tuple(x for x in (r[12] or "").split(",") if x),
                notes=r[13],
                source=r[14],
                emails=tuple(emails.get(cid, ())),
                phones=tuple(phones.get(cid, ())),
                roles=tuple(sorted(roles.get(cid, ()), key=lambda c: role_order.get(c, 99))),
                expertise=tuple(sorted(expertise.get(cid, ()), key=lambda c: exp_order.get(c, 99))),
                keywords=tuple(keywords.get(cid, ())),
                events=tuple(events.get(cid, ())),
                created_at=_datetime(r[15]),
                updated_at=_datetime(r[16]),
                last_verified=_date(r[17]),
                shareable=bool(r[18]),
                consent_listed=None if r[19] is None else bool(r[19]),
                consent_shared=None if r[20] is None else bool(r[20]),
                consent_source=r[21] or "",
                consent_date=_date(r[22]),
                address=r[23] or "",
            )
        )
    return out


def get_contacts(directory: Directory, ids: Sequence[int]) -> list[ContactRecord]:
    with directory.read() as session:
        return load_records(session, ids)


def get_contact(directory: Directory, contact_id: int) -> ContactRecord | None:
    records = get_contacts(directory, [contact_id])
    return records[0] if records else None


def contact_count(directory: Directory) -> int:
    with directory.read() as session:
        return int(session.connection().exec_driver_sql("SELECT count(*) FROM contact").scalar_one())


def find_by_uid(session: Session, uid: str) -> int | None:
    row = session.connection().exec_driver_sql("SELECT id FROM contact WHERE uid = ?", (uid,)).first()
    return int(row[0]) if row else None
