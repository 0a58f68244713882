"""Plain data objects handed between the store, the importers, the exporters and the UI.

The UI never receives live ORM rows: it gets these frozen records, read in one session per unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Now, in UTC, without a time zone (how the directory stores times)."""
    return datetime.now(UTC).replace(tzinfo=None)


class DirectoryError(Exception):
    """An error a user can act on. Its message is one clear line, shown as is (no traceback)."""


@dataclass(frozen=True)
class EmailEntry:
    address: str
    type: str = "work"  # one of vocab.CONTACT_POINT_TYPES
    private: bool = False  # not to be shared: left out of exports unless included on purpose


@dataclass(frozen=True)
class PhoneEntry:
    """A phone number: `e164` when it could be parsed, `raw` as typed (kept when it could not)."""

    e164: str | None
    raw: str = ""
    type: str = "work"  # one of vocab.CONTACT_POINT_TYPES
    private: bool = False  # not to be shared (a private mobile, say)

    @property
    def text(self) -> str:
        return self.e164 or self.raw


# Each name field of a contact, and the field that holds its Latin spelling (a Cyrillic or Greek name's).
LATIN_NAME_FIELDS = {"given_name": "latin_given_name", "family_name": "latin_family_name"}


@dataclass
class ContactInput:
    """What it takes to create or update a contact (from a form, an import row, a vCard, the demo)."""

    given_name: str = ""
    family_name: str = ""
    honorific: str = ""
    # Latin transliteration of the names; computed by the store when the name is not Latin and these are empty.
    latin_given_name: str = ""
    latin_family_name: str = ""
    position: str = ""
    organisation: str = ""
    organisation_type: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    city: str = ""
    address: str = ""  # street and number, postal code: the office's, never a home address
    languages: list[str] = field(default_factory=list)  # ISO 639-1, else 639-2/3 ("rom"): core/languages.py
    notes: str = ""
    source: str = "manual"
    emails: list[EmailEntry] = field(default_factory=list)
    # Phones as typed or already E.164; the store normalises them with the contact's country.
    phones: list[PhoneEntry] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    last_verified: date | None = None
    uid: str | None = None
    # Data protection: a contact not `shareable` is left out of exports unless included on purpose.
    shareable: bool = True
    consent_listed: bool | None = None  # agreed to be listed in the directory
    consent_shared: bool | None = None  # agreed to be shared with other participants
    consent_source: str = ""  # e.g. "registration form, Sarajevo 2017"
    consent_date: date | None = None


@dataclass(frozen=True)
class EventRef:
    id: int
    name: str
    part: str  # participant / speaker / organiser


@dataclass(frozen=True)
class ContactRecord:
    """A contact as read from the directory: every field, ready to show or export."""

    id: int
    uid: str
    honorific: str
    given_name: str
    family_name: str
    latin_given_name: str
    latin_family_name: str
    position: str
    organisation: str
    organisation_type: str | None
    country: str | None
    city: str
    languages: tuple[str, ...]
    notes: str
    source: str
    emails: tuple[EmailEntry, ...]
    phones: tuple[PhoneEntry, ...]
    roles: tuple[str, ...]
    expertise: tuple[str, ...]
    keywords: tuple[str, ...]
    events: tuple[EventRef, ...]
    created_at: datetime
    updated_at: datetime
    last_verified: date | None
    shareable: bool = True
    consent_listed: bool | None = None
    consent_shared: bool | None = None
    consent_source: str = ""
    consent_date: date | None = None
    address: str = ""

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p).strip()

    @property
    def latin_display_name(self) -> str:
        given = self.latin_given_name or self.given_name
        family = self.latin_family_name or self.family_name
        return " ".join(p for p in (given, family) if p).strip()

    def to_input(self) -> ContactInput:
        """An editable copy (for the edit dialog and merges)."""
        return ContactInput(
            given_name=self.given_name,
            family_name=self.family_name,
            honorific=self.honorific,
            latin_given_name=self.latin_given_name,
            latin_family_name=self.latin_family_name,
            position=self.position,
            organisation=self.organisation,
            organisation_type=self.organisation_type,
            country=self.country,
            city=self.city,
            address=self.address,
            languages=list(self.languages),
            notes=self.notes,
            source=self.source,
            emails=list(self.emails),
            phones=list(self.phones),
            roles=list(self.roles),
            expertise=list(self.expertise),
            keywords=list(self.keywords),
            last_verified=self.last_verified,
            uid=self.uid,
            shareable=self.shareable,
            consent_listed=self.consent_listed,
            consent_shared=self.consent_shared,
            consent_source=self.consent_source,
            consent_date=self.consent_date,
        )


@dataclass(frozen=True)
class EventRecord:
    id: int
    name: str
    start_date: date | None
    end_date: date | None
    city: str
    country: str | None
    organisers: str
    participant_count: int = 0


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 contact", "2 contacts", "3 people" (with `many`)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
