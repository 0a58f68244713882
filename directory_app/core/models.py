"""The directory's tables (SQLModel on SQLite).

Schema changes go through `migrations.py`: bump `SCHEMA_VERSION` there and add a step; never edit a table here
without a migration that brings older directories to the same shape.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from directory_app.core.records import utcnow


def new_uid() -> str:
    return str(uuid.uuid4())


def _fk(target: str, *, nullable: bool = True, ondelete: str = "CASCADE", index: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


class Country(SQLModel, table=True):
    __tablename__ = "country"

    code: str = Field(primary_key=True, max_length=2)  # ISO 3166-1 alpha-2 (XK for Kosovo)
    name: str  # English short name, from babel
    osce: str | None = None  # "participating" | "partner" | None
    # v2: the country's place on the routes, as the user sets it: "origin" | "transit" | "destination" | None
    route: str | None = None


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("name", "country_code", name="uq_organisation_name_country"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    type: str | None = None  # vocab.ORG_TYPES
    country_code: str | None = Field(default=None, foreign_key="country.code", index=True)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_sort", "sort_key", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, unique=True, index=True)
    honorific: str = ""
    given_name: str = ""  # in the original script
    family_name: str = ""
    latin_given_name: str = ""  # transliteration, empty when the name is already Latin
    latin_family_name: str = ""
    position: str = ""
    organisation_id: int | None = Field(default=None, sa_column=_fk("organisation.id", ondelete="SET NULL"))
    country_code: str | None = Field(default=None, foreign_key="country.code", index=True)
    city: str = ""
    # v4: the office's postal address as written (street and number, postal code), without the city and country,
    # which have fields of their own.
    address: str = Field(default="", sa_column_kwargs={"server_default": ""})
    languages: str = ""  # comma-separated ISO 639-1 codes
    notes: str = ""
    source: str = "manual"
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    last_verified: date | None = None
    sort_key: str = ""  # folded "family given": results are ordered by it
    # v2: data protection. `shareable` False keeps the whole contact out of exports unless included on purpose;
    # consent records what the person agreed to and where (e.g. "registration form, Sarajevo 2017").
    shareable: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    consent_listed: bool | None = None
    consent_shared: bool | None = None
    consent_source: str = Field(default="", sa_column_kwargs={"server_default": ""})
    consent_date: date | None = None


class ContactEmail(SQLModel, table=True):
    __tablename__ = "contact_email"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    address: str
    address_key: str = Field(index=True)  # lower-cased, for duplicate detection
    type: str = "work"
    position: int = 0
    private: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})  # v2: not to be shared


class ContactPhone(SQLModel, table=True):
    __tablename__ = "contact_phone"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    e164: str | None = Field(default=None, index=True)
    raw: str = ""  # as typed, kept when it could not be parsed
    type: str = "work"
    position: int = 0
    private: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})  # v2: not to be shared


class ContactRole(SQLModel, table=True):
    __tablename__ = "contact_role"
    __table_args__ = (Index("ix_contact_role_role", "role", "contact_id"),)

    contact_id: int = Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True))
    role: str = Field(primary_key=True)


class ContactExpertise(SQLModel, table=True):
    __tablename__ = "contact_expertise"
    __table_args__ = (Index("ix_contact_expertise_code", "code", "contact_id"),)

    contact_id: int = Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True))
    code: str = Field(primary_key=True)


class ContactKeyword(SQLModel, table=True):
    __tablename__ = "contact_keyword"

    contact_id: int = Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True))
    keyword: str = Field(primary_key=True)


class Event(SQLModel, table=True):
    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    start_date: date | None = None
    end_date: date | None = None
    city: str = ""
    country_code: str | None = Field(default=None, foreign_key="country.code")
    organisers: str = ""


class Participation(SQLModel, table=True):
    __tablename__ = "participation"
    __table_args__ = (Index("ix_participation_event", "event_id", "contact_id"),)

    contact_id: int = Field(sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True))
    event_id: int = Field(sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), primary_key=True))
    part: str = "participant"  # vocab.PARTS


# ------------------------------------------------------------------------------------------------ schema v2


class Setting(SQLModel, table=True):
    """Per-directory settings (key/value, JSON in value)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str = ""


class ImportBatch(SQLModel, table=True):
    """One import (a spreadsheet or vCard file): what it did, so that it can be rolled back."""

    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    file: str = ""
    event_id: int | None = Field(default=None, sa_column=_fk("event.id", ondelete="SET NULL"))
    event_created: bool = False  # the import created the event (rollback removes it when it is left empty)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rolled_back_at: datetime | None = None


class ImportBatchItem(SQLModel, table=True):
    """A contact an import created or changed; `before` is the JSON before-image of a changed contact."""

    __tablename__ = "import_batch_item"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(sa_column=_fk("import_batch.id", nullable=False))
    contact_uid: str = Field(index=True)
    action: str  # "created" | "updated"
    before: str | None = None


class AuditEntry(SQLModel, table=True):
    """Who was given what: exports and edits (when, what filter, how many contacts, to which file)."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    action: str  # export-vcard, export-xlsx, export-csv, edit, delete, import, rollback, erase, ...
    detail: str = ""  # the filter or a short description
    target: str = ""  # the file written, when there is one
    count: int = 0


class AuditContact(SQLModel, table=True):
    """The contacts an audit entry concerns (erasing a person removes these rows; the entry keeps its count)."""

    __tablename__ = "audit_contact"

    audit_id: int = Field(sa_column=Column(Integer, ForeignKey("audit_entry.id", ondelete="CASCADE"), primary_key=True))
    contact_uid: str = Field(primary_key=True, index=True)


class NotDuplicate(SQLModel, table=True):
    """Two contacts a user said are different people, so that looking for duplicates stops showing them as a
    pair. Kept by uid (`uid_a` < `uid_b`): a deleted contact restored by Undo is still known; erasing a person
    removes their rows."""

    __tablename__ = "not_duplicate"

    uid_a: str = Field(primary_key=True)
    uid_b: str = Field(primary_key=True, index=True)
    at: datetime = Field(default_factory=utcnow)
