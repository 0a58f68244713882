"""Versioned schema: a numbered ladder of upgrade steps, run when a directory is opened.

`PRAGMA user_version` holds the schema version. A new directory is created at `SCHEMA_VERSION` straight from the
models; an older one is first backed up (SQLite online backup, beside the file) and then taken up the ladder one
step at a time, each step in its own transaction. tests/core/test_migrations.py opens a fixture directory of every
earlier version and checks that it ends with exactly the schema a new directory gets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from directory_app.core.records import DirectoryError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from directory_app.core.store import Directory

SCHEMA_VERSION = 8

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS contact_fts USING fts5("
    "folded, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
)


def seed_countries(conn: Connection) -> None:
    from directory_app.core.countries import all_countries

    rows = [(c.code, c.name, c.osce) for c in all_countries("en")]
    conn.exec_driver_sql(
        "INSERT INTO country (code, name, osce) VALUES (?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, osce = excluded.osce",
        rows,
    )


def create_schema(conn: Connection) -> None:
    """The whole current schema on an empty database."""
    # SQLModel (with pydantic) is imported only here: opening an existing directory does not need the models,
    # and leaving them out takes a third of a second off the start of the window.
    from sqlmodel import SQLModel

    from directory_app.core import models  # noqa: F401  (registers the tables on SQLModel.metadata)

    SQLModel.metadata.create_all(conn)
    conn.exec_driver_sql(FTS_DDL)
    seed_countries(conn)


# Each step's DDL is frozen here as literal SQL (what the models generated when the step was written), so that a
# later change to a model cannot change what an old step does.
_V2_SQL = """
CREATE TABLE setting (
    "key" VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY ("key")
);
CREATE TABLE import_batch (
    id INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    file VARCHAR NOT NULL,
    event_id INTEGER,
    event_created BOOLEAN NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    rolled_back_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE SET NULL
);
CREATE INDEX ix_import_batch_event_id ON import_batch (event_id);
CREATE TABLE import_batch_item (
    id INTEGER NOT NULL,
    batch_id INTEGER NOT NULL,
    contact_uid VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    "before" VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);
CREATE INDEX ix_import_batch_item_batch_id ON import_batch_item (batch_id);
CREATE INDEX ix_import_batch_item_contact_uid ON import_batch_item (contact_uid);
CREATE TABLE audit_entry (
    id INTEGER NOT NULL,
    at DATETIME NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_audit_entry_at ON audit_entry (at);
CREATE TABLE audit_contact (
    audit_id INTEGER NOT NULL,
    contact_uid VARCHAR NOT NULL,
    PRIMARY KEY (audit_id, contact_uid),
    FOREIGN KEY(audit_id) REFERENCES audit_entry (id) ON DELETE CASCADE
);
CREATE INDEX ix_audit_contact_contact_uid ON audit_contact (contact_uid);
ALTER TABLE country ADD COLUMN route VARCHAR;
ALTER TABLE contact ADD COLUMN shareable BOOLEAN DEFAULT '1' NOT NULL;
ALTER TABLE contact ADD COLUMN consent_listed BOOLEAN;
ALTER TABLE contact ADD COLUMN consent_shared BOOLEAN;
ALTER TABLE contact ADD COLUMN consent_source VARCHAR DEFAULT '' NOT NULL;
ALTER TABLE contact ADD COLUMN consent_date DATE;
ALTER TABLE contact_email ADD COLUMN private BOOLEAN DEFAULT '0' NOT NULL;
ALTER TABLE contact_phone ADD COLUMN private BOOLEAN DEFAULT '0' NOT NULL;
"""


def _run_script(conn: Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.exec_driver_sql(statement)


def _to_v2(conn: Connection) -> None:
    """Data protection (consent, private e-mails/phones, shareable), import batches, audit log, settings, routes."""
    _run_script(conn, _V2_SQL)


_V3_SQL = """
CREATE TABLE not_duplicate (
    uid_a VARCHAR NOT NULL,
    uid_b VARCHAR NOT NULL,
    at DATETIME NOT NULL,
    PRIMARY KEY (uid_a, uid_b)
);
CREATE INDEX ix_not_duplicate_uid_b ON not_duplicate (uid_b);
"""


def _to_v3(conn: Connection) -> None:
    """Pairs of contacts a user said are different people (core/merging.py)."""
    _run_script(conn, _V3_SQL)


def _to_v4(conn: Connection) -> None:
    """Contacts' postal addresses."""
    conn.exec_driver_sql("ALTER TABLE contact ADD COLUMN address VARCHAR DEFAULT '' NOT NULL")


def _to_v5(conn: Connection) -> None:
    """Moldovans' names in Cyrillic take the Latin spelling Moldova writes (Чобану: Ciobanu, not Chobanu), so that
    a Romanian-language list finds them. Only a spelling the app made from the Russian is replaced: one a user or a
    list gave stays. The search text gains the new spelling (the old one, a reading of the Cyrillic, stays too).
    A Ukrainian's name written the Russian way ("Наталия") is spelt as written ("Nataliya", not "Natalyia").
    Greek names with ξ gain its other spelling, ks ("Αλεξίου": aleksiou as well as alexiou)."""
    import unicodedata

    from directory_app.core.contacts import sort_key
    from directory_app.core.folding import (
        _translit_cyrillic,
        fold_index_text,
        is_latin,
        lang_for_country,
        transliterate,
    )

    def before(name: str, country: str) -> str:
        """The Latin spelling schema 4's code made (Moldova's names the Russian way, Ukraine's with its table)."""
        if country == "UA":
            return _translit_cyrillic(unicodedata.normalize("NFC", name), "uk")
        return transliterate(name, "ru")

    rows = conn.exec_driver_sql(
        "SELECT id, given_name, family_name, latin_given_name, latin_family_name, country_code FROM contact "
        "WHERE country_code IN ('MD', 'RO', 'UA')"
    ).fetchall()
    for contact_id, given, family, latin_given, latin_family, country in rows:
        spelt = [
            transliterate(name, lang_for_country(country))
            if name and not is_latin(name) and latin == before(name, country)
            else latin
            for name, latin in ((given, latin_given), (family, latin_family))
        ]
        if spelt == [latin_given, latin_family]:
            continue
        conn.exec_driver_sql(
            "UPDATE contact SET latin_given_name = ?, latin_family_name = ?, sort_key = ? WHERE id = ?",
            (*spelt, sort_key(spelt[0] or given, spelt[1] or family), contact_id),
        )
        _add_search_words(conn, contact_id, fold_index_text(*spelt))
    for contact_id, given, family in conn.exec_driver_sql(
        "SELECT id, given_name, family_name FROM contact WHERE given_name || family_name GLOB '*[ξΞ]*'"
    ).fetchall():
        _add_search_words(conn, contact_id, fold_index_text(given, family))


def _to_v6(conn: Connection) -> None:
    """Macedonian names are found as people type ќ ѓ ѕ (k g z: "kosevski" for Ќосевски, or ć đ as Serbian Latin
    writes them) and Greek names as they sound ("vasilios" for Βασίλειος, "ikonomou" for Οικονόμου, "ekaterini"
    for Αικατερίνη): the search text of such names gains those spellings (folding.fold_variants)."""
    from directory_app.core.folding import fold_index_text

    for contact_id, given, family in conn.exec_driver_sql(
        "SELECT id, given_name, family_name FROM contact WHERE given_name || family_name GLOB '*[ѓќѕЃЌЅͰ-Ͽἀ-῾]*'"
    ).fetchall():
        _add_search_words(conn, contact_id, fold_index_text(given, family))


def _to_v7(conn: Connection) -> None:
    """Greek names are found however they are put in Latin letters ("economou" for Οικονόμου, "bakoyanni" and
    "bakojani" for Μπακογιάννη, "yeoryiou" for Γεωργίου): the search text of a contact with Greek in its names,
    organisation, position or city gains the sound key of each Greek word (folding.sound_key)."""
    from directory_app.core.folding import SOUND_KEY_MARK, fold_index_text

    for contact_id, *texts in conn.exec_driver_sql(
        "SELECT c.id, c.given_name, c.family_name, c.position, c.city, coalesce(o.name, '') FROM contact c "
        "LEFT JOIN organisation o ON o.id = c.organisation_id "
        "WHERE c.given_name || c.family_name || c.position || c.city || coalesce(o.name, '') GLOB '*[Ͱ-Ͽἀ-῾]*'"
    ).fetchall():
        keys = [t for t in fold_index_text(*texts).split() if t.startswith(SOUND_KEY_MARK) and t[1:].isalpha()]
        if keys:
            _add_search_words(conn, contact_id, " ".join(keys))


def _to_v8(conn: Connection) -> None:
    """Greek words of keywords are found by sound too ("igumenitsa" for a keyword Ηγουμενίτσα), and so is a Greek
    name written in Latin letters: a person of Greece or Cyprus ("yorgos", "economou" for Giorgos Oikonomou) or the
    Latin spelling beside a Greek name. Version 7 keyed the Greek names, organisations, positions and cities only.
    The search text of such contacts gains what `contacts.index_text` gives a new contact and it lacks."""
    from directory_app.core.contacts import index_text
    from directory_app.core.records import ContactInput, EmailEntry

    greek = "GLOB '*[Ͱ-Ͽἀ-῾]*'"
    rows = conn.exec_driver_sql(
        "SELECT c.id, c.given_name, c.family_name, c.latin_given_name, c.latin_family_name, c.position, c.city, "
        "coalesce(o.name, ''), c.country_code, c.languages, "
        "(SELECT group_concat(k.keyword, char(31)) FROM contact_keyword k WHERE k.contact_id = c.id), "
        "(SELECT group_concat(e.address, char(31)) FROM contact_email e WHERE e.contact_id = c.id), "
        "(SELECT f.folded FROM contact_fts f WHERE f.rowid = c.id) "
        "FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id "
        f"WHERE c.country_code IN ('GR', 'CY') OR c.given_name || c.family_name {greek} "
        f"OR EXISTS (SELECT 1 FROM contact_keyword k WHERE k.contact_id = c.id AND k.keyword {greek})"
    ).fetchall()
    for row in rows:
        contact_id, given, family, latin_given, latin_family, position, city, org, country, langs, kws, mails = row[:12]
        data = ContactInput(
            given_name=given,
            family_name=family,
            latin_given_name=latin_given,
            latin_family_name=latin_family,
            position=position,
            organisation=org,
            country=country,
            city=city,
            languages=[code for code in (langs or "").split(",") if code],
            emails=[EmailEntry(address) for address in (mails or "").split("\x1f") if address],
            keywords=[keyword for keyword in (kws or "").split("\x1f") if keyword],
        )
        present = set((row[12] or "").split())
        if missing := [token for token in dict.fromkeys(index_text(data).split()) if token not in present]:
            _add_search_words(conn, contact_id, " ".join(missing))


def _add_search_words(conn: Connection, contact_id: int, words: str) -> None:
    """Add `words` to the stored search text of a contact (the upgrades that make more spellings findable)."""
    conn.exec_driver_sql("UPDATE contact_fts SET folded = folded || ' ' || ? WHERE rowid = ?", (words, contact_id))


# version -> step that upgrades a directory from version - 1 to version.
STEPS: dict[int, Callable[[Connection], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
}


def _backup(directory: Directory, version: int) -> None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = directory.path.with_name(f"{directory.path.name}.v{version}-{stamp}.bak")
    directory.copy_to(target)  # keyed like the directory: the backup of an encrypted one is encrypted


def upgrade(directory: Directory) -> None:
    """Bring the directory to SCHEMA_VERSION (create it when it is empty)."""
    with directory.engine.connect() as conn:
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
        has_tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'contact'"
        ).scalar_one()
    if version > SCHEMA_VERSION:
        raise DirectoryError(
            f"{directory.path} was written by a newer version of this app (schema {version}); "
            f"this version reads up to schema {SCHEMA_VERSION}. Please update the app."
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        if has_tables:
            raise DirectoryError(f"{directory.path} has no schema version; it was left untouched")
        with directory.engine.connect() as conn, conn.begin():
            create_schema(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    _backup(directory, version)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        step = STEPS[target]
        with directory.engine.connect() as conn, conn.begin():
            step(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {target}")
