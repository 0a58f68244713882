"""Storing `SourceRow`s: duplicate detection, merging, the event, one transaction, and the report."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from directory_app.core.backup import backup_before
from directory_app.core.batches import finish_batch, note_before, start_batch
from directory_app.core.bulk import collector_paused
from directory_app.core.contacts import (
    add_participation,
    bulk_inserts,
    ensure_event_like,
    insert_contact,
    load_records,
    raw_connection,
    replace_contact,
)
from directory_app.core.folding import SOUTH_SLAVIC_COUNTRIES, fold, fold_variants, south_slavic_fold
from directory_app.core.importing.normalise import RowKey, SourceRow, row_label
from directory_app.core.records import LATIN_NAME_FIELDS, ContactInput, ContactRecord, DirectoryError, plural
from directory_app.core.store import Directory, Session

NO_EVENT = "no event"  # an import whose people took part in no event (the report's Event line says so too)
POSSIBLE_DUPLICATE_SCORE = 88  # rapidfuzz token_sort_ratio on folded names, same country

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
# A user's answer about a row, by SourceRow.key: for a possible duplicate, a contact id to merge with, "new" or
# "skip"; for a row whose values differ from its contact's, TAKE_LIST (or KEEP_DIRECTORY, the default).
Decision = int | str
TAKE_LIST = "take-list"  # where the list's position, organisation, name... differ from the directory's, take them
KEEP_DIRECTORY = "keep"  # ... keep the directory's and report the list's as conflicts (what an import does unasked)


class ImportCancelled(DirectoryError):
    """The user cancelled: nothing was written."""


class _DryRunDone(Exception):
    pass


@dataclass(frozen=True)
class EventSpec:
    name: str
    start_date: date | None = None
    end_date: date | None = None
    city: str = ""
    country: str | None = None
    organisers: str = ""
    # Why the proposed dates may be wrong, for the user to check ("06/03/2025 may be 6 March or 3 June"); "" if not.
    doubt: str = ""


@dataclass(frozen=True)
class Candidate:
    contact_id: int
    name: str
    organisation: str
    country: str | None
    emails: tuple[str, ...]
    score: float


def _shown(attr: str, value: str) -> str:
    """A field's value as a user reads it: a country by its name, not its code."""
    if attr != "country" or not value:
        return value
    from directory_app.core.countries import country_name  # not loaded by an import that never needs it

    return country_name(value)


@dataclass(frozen=True)
class Conflict:
    """A field where two records of one person hold different values: a contact and a list's row, or two contacts
    being merged. The kept value stays unless the user takes the other's; the value not taken goes into the
    notes."""

    field: str  # ContactInput attribute: given_name, position, country, ...
    label: str  # "position"
    kept: str  # the directory's value (of the contact kept, in a merge)
    other: str  # the list's value (of the other contact)

    def shown(self, value: str) -> str:
        return _shown(self.field, value)


@dataclass
class RowOutcome:
    file: str
    sheet: str
    row_number: int
    status: str  # created / updated / unchanged / skipped / ignored
    name: str
    original: dict[str, str]
    part: str = "participant"
    person: int = 0  # which of a delegation row's people (SourceRow.person)
    contact_id: int | None = None
    reasons: list[str] = field(default_factory=list)  # why skipped, or doubts about an imported row
    conflicts: list[str] = field(default_factory=list)  # differing values kept as they were in the directory
    takeable: list[Conflict] = field(default_factory=list)  # the directory's values the list's could replace
    # The row was verified later than its contact (a directory's export says when): its values are the newer.
    newer: bool = False
    taken: list[str] = field(default_factory=list)  # the directory's values the list's replaced: "position (was 'X')"
    candidates: list[Candidate] = field(default_factory=list)  # possible duplicates (not merged)
    changes: list[str] = field(default_factory=list)  # what an update added

    @property
    def key(self) -> RowKey:
        return (self.file, self.sheet, self.row_number, self.person)

    @property
    def row(self) -> str:
        """The row as the user finds it: '12', or '12, person 2' on a form that registers delegations."""
        return row_label(self.row_number, self.person)

    @property
    def doubtful(self) -> bool:
        """A row to check, which the report lists: a doubt, a conflict, a possible duplicate, a value of the
        directory's replaced by the list's, or not imported."""
        if self.status in ("skipped", "ignored"):
            return True
        return bool(self.reasons or self.conflicts or self.candidates or self.taken)

    @property
    def reason_text(self) -> str:
        return self.describe()

    def describe(self, take_list: bool = False) -> str:
        """Why the row is as it is, in one line. `take_list`: as it will be once imported with TAKE_LIST (the
        preview's dry run kept the directory's values)."""
        conflicts, taken = self.conflicts, self.taken
        if take_list and self.takeable and not taken:
            replaced = tuple(f"{c.label}: " for c in self.takeable)
            conflicts = [c for c in conflicts if not c.startswith(replaced)]
            taken = [f"{c.label} (was '{c.shown(c.kept)}')" for c in self.takeable]
        parts = list(self.reasons)
        parts += [f"conflict: {c}" for c in conflicts]
        if taken:
            parts.append(f"taken from the list: {', '.join(taken)}")
        if self.candidates:
            names = "; ".join(f"{c.name} (#{c.contact_id}, {c.score:.0f}%)" for c in self.candidates)
            parts.append(f"possible duplicate of {names}")
        return "; ".join(parts)


@dataclass
class ImportReport:
    files: list[str]
    event: str
    dry_run: bool = False
    outcomes: list[RowOutcome] = field(default_factory=list)
    skipped_sheets: list[tuple[str, str, str]] = field(default_factory=list)  # (file, sheet, reason)
    notes: list[str] = field(default_factory=list)  # about the files (encoding guessed, hidden columns...)
    seconds: float = 0.0
    rows_named_events: bool = False  # some rows named the events their people took part in (an export's)

    @property
    def event_text(self) -> str:
        """Where the import put its people, for the report, the wizard and the command line: "event 'Skopje
        2025'", "the events each row names", or "no event"."""
        if self.event:
            return f"event '{self.event}'"
        return "the events each row names" if self.rows_named_events else NO_EVENT

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def ignored(self) -> int:
        return self.count("ignored")

    @property
    def possible_duplicates(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.candidates]

    @property
    def doubtful(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.doubtful]

    def summary(self) -> str:
        verb = "would be " if self.dry_run else ""
        counts = Counter(o.status for o in self.outcomes)  # one pass: the wizard shows this for 10,000 rows
        text = (
            f"{counts['created']:,} {verb}created, {counts['updated']:,} {verb}updated, "
            f"{counts['unchanged']:,} unchanged, {counts['skipped']:,} skipped"
        )
        extra = []
        duplicates = sum(1 for o in self.outcomes if o.candidates)
        if duplicates:
            extra.append(f"{plural(duplicates, 'possible duplicate')} to check")
        if taken := sum(1 for o in self.outcomes if o.taken):
            extra.append(f"{taken:,} {'would take' if self.dry_run else 'took'} the list's values")
        if kept := sum(1 for o in self.outcomes if o.takeable and not o.taken):
            extra.append(f"{kept:,} where the list differs from the directory")
        if ignored := counts["ignored"]:
            what = "line that is not a person" if ignored == 1 else "lines that are not people"
            extra.append(f"{ignored:,} {what} ignored")
        if self.skipped_sheets:
            extra.append(f"{plural(len(self.skipped_sheets), 'sheet')} skipped")
        return text + (f" ({'; '.join(extra)})" if extra else "")


# ------------------------------------------------------------------------------------------------ matching


_fold_name = lru_cache(maxsize=1 << 16)(fold)  # names repeat: a directory's 100,000 have far fewer spellings


def folded_names(given: str, family: str, latin_given: str | None, latin_family: str | None) -> tuple[str, str]:
    """(given, family) as duplicates are matched: the Latin spelling when there is one, folded."""
    return _fold_name(latin_given or given), _fold_name(latin_family or family)


def _name_parts(data: ContactInput) -> tuple[str, str]:
    return folded_names(data.given_name, data.family_name, data.latin_given_name, data.latin_family_name)


def name_key(given: str, family: str) -> str:
    return " ".join(sorted(f"{given} {family}".split()))


# Transliterations write one letter as two: Đ as "dj", Ш as "sh", Ч as "ch" or "tch", Ж as "zh". A consonant's
# h or j is dropped (and "tc" read as "c") before taking a name's first letters, so that "Djordjevic" and
# "Đorđević" (folded "dordevic"), or "Shevchenko" and "Шевченко", fall in one block.
_DIGRAPH_TAIL = re.compile(r"(?<=[bcdfgklmnprstvz])[hj]|t(?=c)")


@lru_cache(maxsize=1 << 14)
def block_prefix(name: str) -> str:
    """The first letters of a folded name, as duplicate matching blocks names (see `_DIGRAPH_TAIL`)."""
    return _DIGRAPH_TAIL.sub("", name[:8])[:3]


Block = tuple[str | None, str]  # (country, first letters of a folded name)


def home_block(country: str | None, given: str, family: str) -> Block:
    """The one block a name is kept in: its country and the first letters of the family name (else given)."""
    return (country, block_prefix(family or given))


def blocks_to_search(country: str | None, given: str, family: str) -> list[Block]:
    """The blocks a name is compared in: its own, and that of its given name (lists that swapped the columns)."""
    return [(country, prefix) for prefix in dict.fromkeys(block_prefix(p) for p in (family, given) if p)]


NAME_PART_AGREES = 80  # rapidfuzz ratio of two folded given (or family) names that may be one spelling
_WORDS = re.compile(r"\w+")


# A man's and a woman's form of one name (folded): "ivan"/"ivana", "petrov"/"petrova", "nikolovski"/"nikolovska",
# "novak"/"novakova", "novotny"/"novotna", "papadopoulos"/"papadopoulou", "aleksandar"/"aleksandra". Close in
# spelling, they are two people: a brother and sister, or two colleagues given one switchboard number. Written by
# hand: no library has them.
_GENDER_ENDINGS = (
    ("", "a"), ("", "ova"), ("ski", "ska"), ("cki", "cka"), ("ov", "ova"), ("ev", "eva"), ("in", "ina"),
    ("iy", "aya"), ("ii", "aia"), ("ij", "aja"), ("yi", "aya"), ("y", "a"), ("os", "ou"), ("os", "a"), ("is", "i"),
    ("as", "a"), ("ar", "ra"), ("io", "ia"),
)  # fmt: skip


def _gender_forms(a: str, b: str) -> bool:
    """Whether two folded words are a man's and a woman's form of one name (see `_GENDER_ENDINGS`)."""
    if a == b:
        return False
    for male, female in _GENDER_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(male) and y.endswith(female):
                stem = x[: len(x) - len(male)]
                if len(stem) >= 3 and stem == y[: len(y) - len(female)]:
                    return True
    return False


def _parts_agree(a: str, b: str) -> bool:
    """Two folded given names, or two family names, that can be the same: one missing, an initial ("a."), a
    second name on one side only ("hodzic-delic"), or a close spelling ("marko", "marco"); not a man's and a
    woman's form of one name ("ivan", "ivana")."""
    if not a or not b or a == b:
        return True
    words_a, words_b = _WORDS.findall(a), _WORDS.findall(b)
    if not words_a or not words_b:
        return True
    if len(words_a[0]) == 1 or len(words_b[0]) == 1:  # an initial
        return words_a[0][0] == words_b[0][0]
    if len(words_a) == len(words_b) and any(_gender_forms(x, y) for x, y in zip(words_a, words_b, strict=True)):
        return False
    set_a, set_b = set(words_a), set(words_b)
    if set_a <= set_b or set_b <= set_a or fuzz.ratio(a, b) >= NAME_PART_AGREES:
        return True
    # A Slavic name in Albanian spelling ("Gjorgjeviq" for Đorđević, "Hoxhiq" for Hodžić): q, gj, xh for ć, đ, dž.
    return fuzz.ratio(_ALBANIAN_SPELLING.sub(_slavic_letter, a), _ALBANIAN_SPELLING.sub(_slavic_letter, b)) >= (
        NAME_PART_AGREES
    )


_ALBANIAN_SPELLING = re.compile("gj|xh|q|dj")
_SLAVIC_FOR_ALBANIAN = {"gj": "d", "xh": "dz", "q": "c", "dj": "d"}


def _slavic_letter(m: re.Match[str]) -> str:
    return _SLAVIC_FOR_ALBANIAN[m[0]]


def names_agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two folded (given, family) names can be one person's: the test a shared e-mail or phone must
    pass before two records are taken as the same person. Colleagues share an office's switchboard number or
    mailbox, and a registration list gives it for all of them; "Blerta Kola" and "Blerta Leka", or "Florian"
    and "Elira Gjoni", at one number are two people.

    Both the given and the family names must agree (`_parts_agree`), as they are or swapped (lists that put the
    surname first in the first-name column).
    """
    (given_a, family_a), (given_b, family_b) = a, b
    if _parts_agree(given_a, given_b) and _parts_agree(family_a, family_b):
        return True
    return bool(given_a and family_a) and _parts_agree(given_a, family_b) and _parts_agree(family_a, given_b)


class _Matcher:
    """Finds who a row is: same e-mail or phone (indexed tables), else names in the same country.

    Names are blocked by (country, first three letters of the folded family name). A row looks in the block of
    its family name and in the block of its given name (lists that swapped the two columns), so it is compared
    with a handful of contacts, not with everyone: matching stays near-linear.
    """

    def __init__(self, session: Session) -> None:
        self.conn = raw_connection(session)  # one lookup per row: SQLAlchemy's overhead would double the import
        self.loaded: set[str | None] = set()
        # (country, first three letters of the folded family name) -> the contacts there and their name keys
        self.blocks: dict[Block, tuple[list[int], list[str]]] = {}
        self.named: set[int] = set()  # contacts in a block
        self.emails: dict[str, list[int]] = {}  # address key -> contacts (see preload)
        # What the report shows of contacts this import created or changed (name, organisation, country, e-mails),
        # so that listing them as possible duplicates reads nothing back from the file.
        self.cards: dict[int, tuple[str, str, str | None, tuple[str, ...]]] = {}
        self.phones: dict[str, list[int]] = {}  # E.164 -> contacts
        self.names: dict[int, tuple[str, str]] = {}  # folded names of contacts met through a shared point
        self.uids: dict[str, list[int]] = {}  # uid -> the contact that has it (a list, as the other indexes)

    def preload(self, rows: Sequence[ContactInput]) -> None:
        """Look up every e-mail, phone and uid of the incoming rows at once (one query per 500), instead of
        queries per row; `note_points` keeps the answers current as the import adds contacts."""
        emails = list({e.address.lower() for data in rows for e in data.emails})
        phones = list({p.e164 for data in rows for p in data.phones if p.e164})
        uids = list({data.uid for data in rows if data.uid})
        for keys, sql, target in (
            (emails, "SELECT address_key, contact_id FROM contact_email WHERE address_key IN ", self.emails),
            (phones, "SELECT e164, contact_id FROM contact_phone WHERE e164 IN ", self.phones),
            (uids, "SELECT uid, id FROM contact WHERE uid IN ", self.uids),
        ):
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                for key, cid in self.conn.execute(f"{sql}({','.join('?' * len(chunk))})", chunk):
                    target.setdefault(key, []).append(cid)

    def named_as(self, cid: int, data: ContactInput) -> bool:
        """Whether the contact `cid` exists under a name that agrees with the row's (an import report's row names
        the contact it became; in another directory that number is someone else's)."""
        exists = cid in self.names or self.conn.execute("SELECT 1 FROM contact WHERE id = ?", (cid,)).fetchone()
        return bool(exists) and names_agree(_name_parts(data), self._names_of(cid))

    def by_uid(self, data: ContactInput) -> tuple[int | None, int | None]:
        """(the contact whose uid the row carries, None) when its name agrees; (None, that contact) when the
        name is another's: a row copied in an exported sheet to add a colleague keeps the copied row's uid."""
        cid = self.uids[data.uid][0] if data.uid and data.uid in self.uids else None
        if cid is None:
            return None, None
        if names_agree(_name_parts(data), self._names_of(cid)):
            return cid, None
        return None, cid

    def note_points(self, cid: int, data: ContactInput) -> None:
        """The contact `cid` is now `data` (created or merged by this import)."""
        self.cards[cid] = (_display(data), data.organisation, data.country, tuple(e.address for e in data.emails))
        self.names[cid] = _name_parts(data)
        for key in dict.fromkeys(e.address.lower() for e in data.emails):
            ids = self.emails.setdefault(key, [])
            if cid not in ids:
                ids.append(cid)
        for key in dict.fromkeys(p.e164 for p in data.phones if p.e164):
            ids = self.phones.setdefault(key, [])
            if cid not in ids:
                ids.append(cid)

    def by_contact_points(self, data: ContactInput) -> tuple[list[int], list[tuple[int, str]]]:
        """(contacts sharing an e-mail or phone with `data` under a name that agrees, most shared first;
        (contact, address) for a shared e-mail under another name).

        A shared point under another name is another person: colleagues given the office's number or mailbox.
        """
        ids: dict[int, int] = {}
        other_names: dict[int, str] = {}
        names = _name_parts(data)
        for kind, keys, index in (
            ("e-mail", {e.address.lower() for e in data.emails}, self.emails),
            ("phone", {p.e164 for p in data.phones if p.e164}, self.phones),
        ):
            for key in keys:
                for cid in index.get(key, ()):
                    if cid in ids or names_agree(names, self._names_of(cid)):
                        ids[cid] = ids.get(cid, 0) + 1
                    elif kind == "e-mail":
                        other_names.setdefault(cid, key)
        matched = sorted(ids, key=lambda cid: (-ids[cid], cid))
        return matched, [(cid, key) for cid, key in other_names.items() if cid not in ids]

    def display_name(self, cid: int) -> str:
        if cid in self.cards:
            return self.cards[cid][0]
        row = self.conn.execute("SELECT trim(given_name || ' ' || family_name) FROM contact WHERE id = ?", (cid,))
        return (row.fetchone() or ("",))[0]

    def _names_of(self, cid: int) -> tuple[str, str]:
        """The folded names of a contact with a shared point (read once; kept current by `note_points`)."""
        names = self.names.get(cid)
        if names is None:
            row = self.conn.execute(
                "SELECT given_name, family_name, latin_given_name, latin_family_name FROM contact WHERE id = ?", (cid,)
            ).fetchone()
            names = self.names[cid] = folded_names(*row) if row else ("", "")
        return names

    def _load(self, country: str | None) -> None:
        if country in self.loaded:
            return
        self.loaded.add(country)
        rows = self.conn.execute(
            "SELECT id, given_name, family_name, latin_given_name, latin_family_name FROM contact "
            "WHERE country_code IS ?",
            (country,),
        )
        for cid, given, family, lgiven, lfamily in rows:  # every name of the country: 12,000 at 100,000 contacts
            self._add(cid, country, *folded_names(given, family, lgiven, lfamily))

    def add(self, cid: int, country: str | None, data: ContactInput) -> None:
        self._add(cid, country, *_name_parts(data))

    def _add(self, cid: int, country: str | None, given: str, family: str) -> None:
        key = name_key(given, family)
        if cid in self.named or not key:
            return
        self.named.add(cid)
        ids, keys = self.blocks.setdefault(home_block(country, given, family), ([], []))
        ids.append(cid)
        keys.append(key)

    def similar(self, data: ContactInput) -> list[tuple[int, float]]:
        self._load(data.country)
        given, family = _name_parts(data)
        found = self._similar(data.country, given, family)
        # A Serbian or Macedonian name as a Russian-speaking organiser writes it ("Джорджевич Ненад" for Nenad
        # Đorđević): also read back the South-Slavic way, as the stored name was folded.
        if data.country in SOUTH_SLAVIC_COUNTRIES and not (data.given_name + data.family_name).isascii():
            south = (south_slavic_fold(data.given_name), south_slavic_fold(data.family_name))
            reading = (south[0] or given, south[1] or family)
            if south != (None, None) and reading != (given, family):
                best = dict(found)
                for cid, score in self._similar(data.country, *reading):
                    best[cid] = max(score, best.get(cid, 0.0))
                found = list(best.items())
        return sorted(found, key=lambda t: (-t[1], t[0]))[:5]

    def _similar(self, country: str | None, given: str, family: str) -> list[tuple[int, float]]:
        key = name_key(given, family)
        if not key:
            return []
        ids: list[int] = []
        keys: list[str] = []
        for block in blocks_to_search(country, given, family):  # a contact is in one block only
            block_ids, block_keys = self.blocks.get(block, ((), ()))
            ids += block_ids
            keys += block_keys
        if not ids:
            return []
        found = process.extract(
            key,
            keys,
            # Name keys are their words sorted (`name_key`), so the plain ratio scores them exactly as
            # token_sort_ratio does, without sorting every key again on every call: 4x faster.
            scorer=fuzz.ratio,
            score_cutoff=POSSIBLE_DUPLICATE_SCORE,
            limit=5,
        )
        return [(ids[index], float(score)) for _text, score, index in found]


@dataclass(frozen=True)
class AlreadyThere:
    """A contact in the directory who may be the person about to be added, and why."""

    record: ContactRecord
    reason: str  # "the same e-mail", "the same phone", "a similar name in Serbia"


def already_there(
    directory: Directory, data: ContactInput, *, editing: ContactRecord | None = None, limit: int = 3
) -> list[AlreadyThere]:
    """Contacts already in the directory who may be the person `data` describes, by the import's own test: an
    e-mail or phone they share under a name that agrees, else a close name in the same country (any script or
    spelling). What the contact dialog asks about before adding someone by hand, so that a person an import
    brought in is not typed in a second time.

    `editing`: the contact `data` is an edit of. Then only the e-mails and phones the edit adds are looked for,
    in other contacts (a namesake already there was there before the edit, and is not asked about again)."""
    from directory_app.core.contacts import get_contacts
    from directory_app.core.countries import country_name

    if editing is not None:
        had_emails = {e.address.lower() for e in editing.emails}
        had_phones = {p.e164 for p in editing.phones if p.e164}
        data = replace(
            data,
            emails=[e for e in data.emails if e.address.lower() not in had_emails],
            phones=[p for p in data.phones if p.e164 and p.e164 not in had_phones],
        )
        if not data.emails and not data.phones:
            return []
    with directory.read() as session:
        matcher = _Matcher(session)
        matcher.preload([data])
        by_points, _colleagues = matcher.by_contact_points(data)
        close = [] if editing is not None else [cid for cid, _s in matcher.similar(data) if cid not in by_points]
    if editing is not None:
        by_points = [cid for cid in by_points if cid != editing.id]
    emails = {e.address.lower() for e in data.emails}
    why = {cid: "the same e-mail" if any(cid in matcher.emails.get(k, ()) for k in emails) else "the same phone"
           for cid in by_points}  # fmt: skip
    if close:
        where = f" in {country_name(data.country)}" if data.country else ""
        why.update((cid, f"a similar name{where}") for cid in close)
    ids = [*by_points, *close][:limit]
    return [AlreadyThere(record, why[record.id]) for record in get_contacts(directory, ids)]


# ------------------------------------------------------------------------------------------------ merging

SCALAR_FIELDS = (
    ("honorific", "honorific"),
    ("given_name", "given name"),
    ("family_name", "family name"),
    ("position", "position"),
    ("organisation", "organisation"),
    ("country", "country"),
    ("city", "city"),
    ("address", "address"),
)


def same_text(a: str, b: str) -> bool:
    """The same text in another spelling: case, diacritics, "Djordjevic" for "Đorđević", the Latin for the
    Cyrillic ("Ђорђевић")."""
    if not (fold(a) or fold(b)):
        return a.casefold() == b.casefold()
    return not _spellings(a).isdisjoint(_spellings(b))


@lru_cache(maxsize=8192)
def _spellings(text: str) -> frozenset[str]:
    """A text's folded spellings (`fold_variants`, the first is fold() itself), and, for Cyrillic, its reading as a
    South-Slavic name written the Russian way: "Джорджевич" on a Russian list is Đorđević, no other name."""
    variants = set(fold_variants(text))
    if (south := south_slavic_fold(text)) is not None:
        variants.add(south)
    return frozenset(variants)


_HONORIFIC_SPELLING = re.compile(r"[.\s]+")


def differing_fields(existing: object, incoming: object) -> Iterator[tuple[str, str, str, str]]:
    """(attribute, label, existing value, incoming value) of each of `SCALAR_FIELDS` where the incoming record
    holds something the existing one does not: an empty field to fill, or a conflict (not another spelling)."""
    for attr, label in SCALAR_FIELDS:
        old, new = getattr(existing, attr) or "", getattr(incoming, attr) or ""
        if attr == "honorific" and _HONORIFIC_SPELLING.sub("", old) == _HONORIFIC_SPELLING.sub("", new):
            continue  # "Prof." and "Prof" (the importer writes honorifics without the full stop)
        if new and not same_text(old, new) and not _latin_spelling(existing, incoming, attr):
            yield attr, label, old, new


def _latin_spelling(existing: object, incoming: object, attr: str) -> bool:
    """Whether one record's name is the other's Latin spelling: "Ciobanu" for a Moldovan written "Чобану" (the
    Latin spelling stored with it), which folding alone does not tell."""
    if attr not in LATIN_NAME_FIELDS:
        return False
    latin = LATIN_NAME_FIELDS[attr]
    ours = [getattr(existing, attr) or "", getattr(existing, latin, "") or ""]
    theirs = [getattr(incoming, attr) or "", getattr(incoming, latin, "") or ""]
    return any(same_text(a, b) for a in ours if a for b in theirs if b)


def merge_contact(
    existing: ContactInput, incoming: ContactInput, *, take_incoming: bool = False
) -> tuple[ContactInput, list[str], list[str]]:
    """(merged, what was added, conflicts). Empty fields are filled and lists extended; differing values are
    kept as they are in the directory and reported as conflicts, never overwritten, unless `take_incoming`: then
    the incoming name, position, organisation, country, city or address replaces the directory's, which goes
    into the notes ("Earlier position: ..."), so nothing is lost. Consent is never taken: a "no" stays."""
    merged = replace(
        existing,
        emails=list(existing.emails),
        phones=list(existing.phones),
        roles=list(existing.roles),
        expertise=list(existing.expertise),
        keywords=list(existing.keywords),
        languages=list(existing.languages),
    )
    changes: list[str] = []
    conflicts: list[str] = []
    earlier: list[str] = []  # note lines for the values the incoming ones replaced
    for attr, label, old, new in differing_fields(existing, incoming):
        if old and not take_incoming:
            conflicts.append(f"{label}: kept '{_shown(attr, old)}', the list says '{_shown(attr, new)}'")
            continue
        setattr(merged, attr, new)
        if attr in ("given_name", "family_name"):
            merged.latin_given_name = merged.latin_family_name = ""  # recomputed by prepare()
        if old:
            changes.append(f"{label} (was '{_shown(attr, old)}')")
            earlier.append(f"Earlier {label}: {_shown(attr, old)}")
        else:
            changes.append(label)
    if not existing.organisation_type and incoming.organisation_type:
        merged.organisation_type = incoming.organisation_type
    for attr, label in (("consent_shared", "consent to be shared"), ("consent_listed", "consent to be listed")):
        old_answer, new_answer = getattr(existing, attr), getattr(incoming, attr)
        if new_answer is None or new_answer == old_answer:
            continue
        if old_answer is None or new_answer is False:  # a first answer, or a "no": the stricter answer wins
            setattr(merged, attr, new_answer)
            merged.consent_source = incoming.consent_source or merged.consent_source
            merged.consent_date = incoming.consent_date or merged.consent_date
            changes.append(label)
        else:
            conflicts.append(f"{label}: kept 'no', the list says 'yes'")
    merged.consent_source = merged.consent_source or incoming.consent_source
    merged.consent_date = merged.consent_date or incoming.consent_date
    if incoming.last_verified and (not existing.last_verified or incoming.last_verified > existing.last_verified):
        merged.last_verified = incoming.last_verified
        changes.append("last verified")
    if merged.shareable and not incoming.shareable:
        merged.shareable = False
        changes.append("not to be shared")
    elif not merged.shareable and incoming.consent_shared and merged.consent_shared is not False:
        # Withheld by hand, or for an answer not understood: a list's "yes" does not share them unasked.
        conflicts.append("not to be shared: kept, the list says they agree (edit the contact to share them)")
    # A list that calls an address or number private makes it private (never the other way): as a "no" to being
    # shared, the stricter answer wins.
    private_emails = {e.address.lower() for e in incoming.emails if e.private}
    for i, e in enumerate(merged.emails):
        if not e.private and e.address.lower() in private_emails:
            merged.emails[i] = replace(e, private=True)
            changes.append(f"e-mail {e.address} private")
    private_phones = {p.e164 or p.raw for p in incoming.phones if p.private}
    for i, p in enumerate(merged.phones):
        if not p.private and (p.e164 or p.raw) in private_phones:
            merged.phones[i] = replace(p, private=True)
            changes.append(f"phone {p.text} private")
    have = {e.address.lower() for e in merged.emails}
    for e in incoming.emails:
        if e.address.lower() not in have:
            merged.emails.append(e)
            have.add(e.address.lower())
            changes.append(f"e-mail {e.address}")
    have = {p.e164 or p.raw for p in merged.phones}
    for p in incoming.phones:
        if (p.e164 or p.raw) not in have:
            merged.phones.append(p)
            have.add(p.e164 or p.raw)
            changes.append(f"phone {p.text}")
    if take_incoming:
        # A newer list's addresses come first: the first is the one invitations, handouts and phones use (a vCard's
        # PREF). The directory's others stay, after them.
        newer = {e.address.lower(): n for n, e in enumerate(incoming.emails) if not e.private}
        first = sorted((e for e in merged.emails if e.address.lower() in newer), key=lambda e: newer[e.address.lower()])
        if first and merged.emails[: len(first)] != first:
            merged.emails = first + [e for e in merged.emails if e.address.lower() not in newer]
            changes.append(f"e-mail {first[0].address} first")
    for attr, label in (("roles", "role"), ("expertise", "expertise"), ("languages", "language")):
        target = getattr(merged, attr)
        for code in getattr(incoming, attr):
            if code not in target:
                target.append(code)
                changes.append(f"{label} {code}")
    have_kw = {k.casefold() for k in merged.keywords}
    for k in incoming.keywords:
        if k.casefold() not in have_kw:
            merged.keywords.append(k)
            have_kw.add(k.casefold())
            changes.append(f"keyword {k}")
    new_notes = [line for line in incoming.notes.splitlines() if line.strip() and line not in existing.notes]
    new_notes += [line for line in earlier if line not in existing.notes]
    if new_notes:
        merged.notes = "\n".join([existing.notes, *new_notes]).strip()
        changes.append("notes")
    return merged, changes, conflicts


# ------------------------------------------------------------------------------------------------ import


def _display(data: ContactInput) -> str:
    return " ".join(p for p in (data.given_name, data.family_name) if p)


def import_rows(
    directory: Directory,
    rows: Iterable[SourceRow],
    *,
    event: EventSpec,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    decisions: Mapping[RowKey, Decision] | None = None,
    files: Sequence[str] = (),
    total: int | None = None,
    event_details: Sequence[EventSpec] = (),
    take_list_values: bool = False,
    take_newer_values: bool = False,
) -> ImportReport:
    """Store `rows` in ONE transaction tied to `event`; returns what happened to each row.

    An `event` without a name ties the rows to no event of the list's own: they name theirs (`SourceRow.events`),
    and `event_details` give those events' dates and places (a directory's export lists them on a sheet).

    `dry_run` does everything and rolls back (the preview uses it). `cancel()` returning True stops the import
    and rolls back (ImportCancelled). `decisions` answers possible duplicates by row key: a contact id to merge
    with, "new" to create the row as a new contact, "skip"; without an answer a possible duplicate is created as
    a new contact and listed in the report. A row of a contact already there whose values differ from the
    directory's keeps the directory's, reported as conflicts, unless its decision is TAKE_LIST (or
    `take_list_values`, or `take_newer_values` and the row was verified later than its contact: `RowOutcome.newer`;
    and its decision is not KEEP_DIRECTORY): see `merge_contact`.
    """
    with collector_paused():
        details = {fold(e.name) or e.name.casefold(): e for e in event_details}
        take = _Take(take_list_values, take_newer_values)
        return _import_rows(
            directory, rows, event, dry_run, progress, cancel, decisions or {}, files, total, details, take
        )


def _import_rows(
    directory: Directory,
    rows: Iterable[SourceRow],
    event: EventSpec,
    dry_run: bool,
    progress: Progress | None,
    cancel: Cancel | None,
    decisions: Mapping[RowKey, Decision],
    files: Sequence[str],
    total: int | None,
    details: Mapping[str, EventSpec],
    take: _Take,
) -> ImportReport:
    started = time.perf_counter()
    rows = list(rows)
    total = total if total is not None else len(rows)
    report = ImportReport(files=list(files) or sorted({r.file for r in rows}), event=event.name, dry_run=dry_run)
    if not dry_run:
        backup_before(directory, "import")  # issue 7: an automatic backup before each import
    try:
        with directory.write() as session:
            start_batch(session)  # issue 7: the import is recorded as a batch that can be rolled back
            # No event of its own: a list whose rows name their events (a directory's export), or none asked for.
            event_id = ensure_event_like(session, _with_country(event)) if event.name.strip() else None
            with bulk_inserts(session):
                _import_into(session, event_id, rows, report, decisions, progress, cancel, total, details, take)
            if not dry_run:
                finish_batch(session, report, event_id)
            if dry_run:
                raise _DryRunDone
    except _DryRunDone:
        pass
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class _Take:
    """Which rows take the list's values unasked (a row's decision overrides): every one, or those verified later
    than their contact."""

    all: bool = False
    newer: bool = False


def _with_country(event: EventSpec) -> EventSpec:
    """The event with its city's country when none is given ("Durrës" is in Albania), as the list's title gives
    the city and never the country."""
    if event.country or not event.city.strip():
        return event
    from directory_app.core.countries import resolve_city  # its index is loaded only for an event with a city

    return replace(event, country=resolve_city(event.city))


def _import_into(
    session: Session,
    event_id: int | None,
    rows: list[SourceRow],
    report: ImportReport,
    decisions: Mapping[RowKey, Decision],
    progress: Progress | None,
    cancel: Cancel | None,
    total: int,
    details: Mapping[str, EventSpec],
    take_values: _Take,
) -> None:
    matcher = _Matcher(session)
    named_events: dict[str, int] = {}  # folded name -> id of the events rows name
    first_row_of: dict[int, SourceRow] = {}  # contact id -> first row of this import that touched it
    created: set[int] = set()  # contacts this import created
    prepared = [None if row.ignored else row.prepared() for row in rows]
    matcher.preload([data for data in prepared if isinstance(data, ContactInput)])
    # The contacts whose e-mail or phone the list holds, read in one pass (a list imported into a large directory
    # merges thousands: 7 queries each, one at a time). Each is used once, for its first merge: a contact merged
    # again is read back as this import left it.
    known = {cid for ids in (*matcher.emails.values(), *matcher.phones.values()) for cid in ids}
    unread: dict[int, ContactRecord] = {r.id: r for r in load_records(session, sorted(known))}
    step = max(1, total // 200)
    for i, row in enumerate(rows):
        if i % step == 0:
            if cancel is not None and cancel():
                raise ImportCancelled("import cancelled: nothing was written")
            if progress is not None:
                progress(i, total)
        outcome = RowOutcome(row.file, row.sheet, row.row_number, "skipped", "", row.original, row.part, row.person)
        outcome.reasons.extend(row.problems)
        report.outcomes.append(outcome)
        if row.ignored or row.contact is None:
            outcome.status = "ignored" if row.ignored else "skipped"
            outcome.reasons.insert(0, row.skip_reason or "nothing to import")
            continue
        data = prepared[i]
        if not isinstance(data, ContactInput):
            outcome.reasons.insert(0, str(data))
            continue
        outcome.name = _display(data)
        decision = decisions.get(row.key)
        if decision == "skip":
            outcome.reasons.insert(0, "skipped on request (possible duplicate)")
            continue

        contact_id: int | None = None
        if isinstance(decision, int):
            contact_id = decision
        elif data.uid:
            # A directory's export carries each contact's uid: the same uid is the same contact, whatever its
            # e-mails say now. A uid the directory has under another name, or one answered "someone new", is
            # not kept (uids are unique).
            contact_id, other = matcher.by_uid(data)
            if other is not None or (decision == "new" and contact_id is not None):
                if other is not None:
                    outcome.reasons.append(
                        f"has the UID of {matcher.display_name(other)} (#{other}) under another name: "
                        "imported without it"
                    )
                contact_id = None
                data = replace(data, uid=None)
        if (
            contact_id is None
            and decision is None
            and row.reported_id is not None
            and matcher.named_as(row.reported_id, data)
        ):
            contact_id = row.reported_id  # the contact an import report says the row became, corrected since
        if contact_id is None and not isinstance(decision, int):
            matches, shared_with_others = matcher.by_contact_points(data)
            for other, address in shared_with_others:
                outcome.reasons.append(
                    f"shares the e-mail {address} with {matcher.display_name(other)} (#{other}) under another "
                    "name: imported as a separate person"
                )
            if matches:
                contact_id = matches[0]
                if len(matches) > 1:
                    outcome.reasons.append(
                        "its e-mail or phone belongs to several contacts: "
                        + ", ".join(f"#{m}" for m in matches)
                        + f"; merged into #{contact_id}"
                    )
            elif decision != "new":
                similar = matcher.similar(data)
                exact = [cid for cid, score in similar if score == 100.0]
                if len(exact) > 1:  # the one an earlier row of this import was is that row's person again
                    exact = [cid for cid in exact if cid in first_row_of] or exact
                if len(exact) == 1 and not data.emails and not data.phones:
                    # Same name, same country and nothing that tells them apart: the same person (this is what
                    # makes re-importing a list without e-mails change nothing). With two such contacts it is
                    # one of them, and the row asks which (it was merged into the first).
                    contact_id = exact[0]
                elif similar:
                    outcome.candidates = _candidates(session, similar, matcher.cards)
                    if not data.shareable:
                        # A "No" on a new address (Sanja's gmail): the contact it may be stays as it was, shared
                        # perhaps. Said, so that the row is answered (Same person) or the two merged.
                        outcome.reasons.append(
                            "if this is the same person as the possible duplicate, the 'No' is not on that contact: "
                            "answer the row (same person) or merge the two"
                        )

        if contact_id is None:
            contact_id = insert_contact(session, data, prepared=True)
            if data.uid:
                matcher.uids[data.uid] = [contact_id]
            matcher.add(contact_id, data.country, data)
            matcher.note_points(contact_id, data)
            outcome.status = "created"
            first_row_of[contact_id] = row
            created.add(contact_id)
        else:
            record = unread.pop(contact_id, None)
            if record is None:
                records = load_records(session, [contact_id])
                if not records:
                    outcome.reasons.insert(0, f"contact #{contact_id} no longer exists")
                    continue
                record = records[0]
            if data.uid:
                matcher.uids.setdefault(data.uid, [contact_id])
            note_before(session, record)  # issue 7: its before-image, for rollback_import
            existing = record.to_input()
            # A contact an earlier row of this list created holds the list's values already: which of two rows is
            # right is not a newer list's answer, and the first row's stay (reported as conflicts).
            takes_values = contact_id not in created
            newer = bool(
                data.last_verified and (not existing.last_verified or data.last_verified > existing.last_verified)
            )
            unasked = take_values.all or (take_values.newer and newer)
            take = takes_values and (decision == TAKE_LIST or (unasked and decision != KEEP_DIRECTORY))
            merged, changes, conflicts = merge_contact(existing, data, take_incoming=take)
            outcome.conflicts, outcome.changes = conflicts, changes
            # A value the list's could replace, not an empty one it fills:
            differing = differing_fields(existing, data) if takes_values else ()
            outcome.takeable = [Conflict(*d) for d in differing if d[2]]
            outcome.newer = newer and bool(outcome.takeable)
            taken_labels = tuple(f"{c.label} (was '" for c in outcome.takeable)
            outcome.taken = [c for c in changes if c.startswith(taken_labels)] if take else []
            if changes:
                replace_contact(session, contact_id, merged)
                matcher.note_points(contact_id, merged)
            earlier = first_row_of.setdefault(contact_id, row)
            if earlier is not row:
                outcome.reasons.append(
                    f"same person as {earlier.sheet} row {row_label(earlier.row_number, earlier.person)}: merged"
                )
            outcome.status = "updated" if changes else "unchanged"
            outcome.name = _display(merged)
        outcome.contact_id = contact_id
        took_part: list[tuple[int, str, str]] = []
        if row.attended is not False and event_id is not None:
            # (A person who registered and did not take part is kept, but not among the event's participants.)
            took_part.append((event_id, row.part, report.event))
        report.rows_named_events = report.rows_named_events or bool(row.events)
        for name, part in row.events:  # the events the row names itself (a directory's export)
            key = fold(name) or name.casefold()
            if key not in named_events:
                named_events[key] = ensure_event_like(session, replace(details.get(key) or EventSpec(name), name=name))
            took_part.append((named_events[key], part, name))
        for eid, part, name in took_part:
            if add_participation(session, contact_id, eid, part) and outcome.status == "unchanged":
                outcome.status = "updated"
                outcome.changes.append(f"took part in {name}")
    if progress is not None:
        progress(total, total)


def _candidates(
    session: Session,
    similar: list[tuple[int, float]],
    known: Mapping[int, tuple[str, str, str | None, tuple[str, ...]]],
) -> list[Candidate]:
    """What the wizard shows of each possible duplicate: from `known` (contacts this import wrote), else read
    with two light queries, not as full records."""
    cards = {cid: known[cid] for cid, _ in similar if cid in known}
    ids = [cid for cid, _ in similar if cid not in cards]
    if ids:
        conn = raw_connection(session)
        marks = ",".join("?" * len(ids))
        emails: dict[int, list[str]] = {}
        for cid, address in conn.execute(
            f"SELECT contact_id, address FROM contact_email WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position",
            ids,
        ):
            emails.setdefault(cid, []).append(address)
        for cid, given, family, org, country in conn.execute(
            "SELECT c.id, c.given_name, c.family_name, o.name, c.country_code FROM contact c "
            f"LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.id IN ({marks})",
            ids,
        ):
            cards[cid] = (" ".join(p for p in (given, family) if p), org or "", country, tuple(emails.get(cid, ())))
    return [Candidate(cid, *cards[cid], score) for cid, score in similar if cid in cards]
