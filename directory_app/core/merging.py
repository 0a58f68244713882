"""Duplicates already in the directory: finding them, merging two contacts into one, and undoing a merge.

An import asks about possible duplicates, but a user may import them as new people to check later, and lists
imported before a spelling was known still hold the same person twice. `find_duplicates` finds those pairs with
the import's own rules (core/importing/pipeline.py): the same e-mail or phone under names that agree is the
same person; a close name in the same country, across scripts and spellings, is a possible one. Names are
compared in blocks (country and the first letters of the folded family name), never everyone with everyone.

`merge_contacts` keeps one contact (its uid, so phones that have its card still know it) and folds the other
into it in one transaction: empty fields are filled, e-mails, phones, roles, expertise, keywords, languages and
seminars are added, and where both hold a different value the user's choice is kept and the other value is
written into the notes, so nothing is lost. The other contact is deleted. `undo_merge` puts both back exactly.
A pair the user says are different people is remembered (`mark_not_duplicate`) and not shown again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from rapidfuzz import fuzz, process

from directory_app.core import vocab
from directory_app.core.contacts import (
    delete_contact_rows,
    find_by_uid,
    load_records,
    raw_connection,
    replace_contact,
    restore_record,
)
from directory_app.core.folding import SOUTH_SLAVIC_COUNTRIES, south_slavic_fold
from directory_app.core.importing.pipeline import (
    POSSIBLE_DUPLICATE_SCORE,
    SCALAR_FIELDS,
    Block,
    Conflict,
    blocks_to_search,
    differing_fields,
    folded_names,
    home_block,
    merge_contact,
    name_key,
    names_agree,
)
from directory_app.core.languages import language_name
from directory_app.core.phones import phone_text
from directory_app.core.privacy import record_audit
from directory_app.core.records import ContactInput, ContactRecord, DirectoryError, utcnow
from directory_app.core.store import Directory, Session

# ------------------------------------------------------------------------------------------------ finding


@dataclass(frozen=True)
class PairSide:
    """What a list of pairs shows of each contact."""

    id: int
    uid: str
    name: str
    organisation: str
    country: str | None


@dataclass(frozen=True)
class DuplicatePair:
    first: PairSide
    second: PairSide
    score: float  # the similarity of the names (0-100); 100 for a shared e-mail or phone under names that agree
    reason: str  # "same e-mail ana@example.org", "same phone +381...", "similar names"
    certain: bool = False  # a shared e-mail or phone under names that agree: the same person (the import's rule)


def _not_duplicates(conn) -> set[tuple[str, str]]:
    return {(a, b) for a, b in conn.execute("SELECT uid_a, uid_b FROM not_duplicate")}


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _shared_points(conn) -> dict[tuple[int, int], tuple[str, str]]:
    """Pairs of contacts with an e-mail address or a phone number in common (indexed self-joins), each with
    ("e-mail" or "phone", the shared value)."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for sql, kind in (
        (
            "SELECT a.contact_id, b.contact_id, min(a.address) FROM contact_email a JOIN contact_email b "
            "ON b.address_key = a.address_key AND b.contact_id > a.contact_id GROUP BY 1, 2",
            "e-mail",
        ),
        (
            "SELECT a.contact_id, b.contact_id, min(a.e164) FROM contact_phone a JOIN contact_phone b "
            "ON b.e164 = a.e164 AND b.contact_id > a.contact_id WHERE a.e164 IS NOT NULL GROUP BY 1, 2",
            "phone",
        ),
    ):
        for a, b, value in conn.execute(sql):
            found.setdefault((a, b), (kind, value))
    return found


def _similar_names(
    rows: Sequence[tuple[int, str, str, str | None]], readings: Mapping[int, tuple[str, str]] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs with close names in the same country: rows are (id, folded given, folded family, country);
    `readings` gives some rows (by index) a second reading of their names, compared too (a Serbian name in
    Russian spelling read the South-Slavic way, `folding.south_slavic_fold`). Returns (pairs as an (n, 2) array
    of ids, smaller first, each pair once; their scores).

    Blocks as in the import's matcher (`home_block`, `blocks_to_search`): a contact is compared with its own
    block and with that of its given name, for lists that swapped the two columns. Each block is scored with
    rapidfuzz's `cdist` in one C call, and the pairs stay in numpy arrays: a directory of 100,000 synthetic
    contacts has 900,000 pairs of common names.
    """
    blocks: dict[Block, list[int]] = {}
    keys = [name_key(given, family) for _cid, given, family, _country in rows]
    for index, (_cid, given, family, country) in enumerate(rows):
        if keys[index]:
            blocks.setdefault(home_block(country, given, family), []).append(index)
    # Who is compared with a block: its members, and contacts who search it besides their own.
    askers: dict[Block, list[int]] = {k: list(v) for k, v in blocks.items()}
    for index, (_cid, given, family, country) in enumerate(rows):
        if keys[index]:
            for block in blocks_to_search(country, given, family)[1:]:
                if block in blocks:
                    askers[block].append(index)
    # A second reading asks as a row of its own: appended after the rows, pointing back to its contact.
    owner = list(range(len(rows)))
    for index, (given, family) in (readings or {}).items():
        key = name_key(given, family)
        if key and key != keys[index]:
            keys.append(key)
            owner.append(index)
            country = rows[index][3]
            for block in blocks_to_search(country, given, family):
                if block in blocks:
                    askers[block].append(len(keys) - 1)
    ids = np.fromiter((rows[i][0] for i in owner), dtype=np.int64, count=len(owner))
    found_a: list[np.ndarray] = []
    found_b: list[np.ndarray] = []
    found_score: list[np.ndarray] = []
    for block, members in blocks.items():
        queries = askers[block]
        if len(queries) < 2:
            continue
        scores = process.cdist(
            [keys[i] for i in queries],
            [keys[i] for i in members],
            scorer=fuzz.ratio,  # keys are sorted words: the plain ratio is token_sort_ratio (see the matcher)
            score_cutoff=POSSIBLE_DUPLICATE_SCORE,
            dtype=np.uint8,
        )
        qi, mi = np.nonzero(scores)
        a, b = ids[np.asarray(queries)[qi]], ids[np.asarray(members)[mi]]
        keep = a != b
        found_a.append(np.minimum(a, b)[keep])
        found_b.append(np.maximum(a, b)[keep])
        found_score.append(scores[qi, mi][keep])
    if not found_a:
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.uint8)
    pairs = np.column_stack((np.concatenate(found_a), np.concatenate(found_b)))
    score = np.concatenate(found_score)
    order = np.lexsort((-score.astype(np.int16), pairs[:, 1], pairs[:, 0]))  # each pair's best score first
    pairs, score = pairs[order], score[order]
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = np.any(pairs[1:] != pairs[:-1], axis=1)
    return pairs[first], score[first]


@dataclass(frozen=True)
class DuplicateScan:
    pairs: list[DuplicatePair]  # the most likely first, at most the limit asked for
    total: int  # every pair found (more than `pairs` when the limit cut the list)


def find_duplicates(directory: Directory, *, limit: int | None = 2_000) -> DuplicateScan:
    """The pairs of contacts that may be the same person, the most likely first: a shared e-mail or phone
    under names that agree, then by how close the names are, then a shared e-mail under other names. Pairs
    marked as different people are left out; at most `limit` are returned (`total` counts them all)."""
    # A connection of its own, in one read transaction: the scan can run beside the window's worker (4 s on
    # 100,000 contacts), and sees one state of the file while the worker writes.
    conn = directory.connect_raw()
    try:
        conn.execute("BEGIN")
        people = {
            cid: (uid, given, family, lgiven, lfamily, organisation, country)
            for cid, uid, given, family, lgiven, lfamily, organisation, country in conn.execute(
                "SELECT c.id, c.uid, c.given_name, c.family_name, c.latin_given_name, c.latin_family_name, "
                "coalesce(o.name, ''), c.country_code "
                "FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id"
            )
        }
        shared = _shared_points(conn)
        dismissed_uids = _not_duplicates(conn)
        conn.rollback()
    finally:
        conn.close()
    folded = {cid: folded_names(p[1], p[2], p[3], p[4]) for cid, p in people.items()}
    by_uid = {p[0]: cid for cid, p in people.items()}
    dismissed = {
        (min(by_uid[a], by_uid[b]), max(by_uid[a], by_uid[b])) for a, b in dismissed_uids if a in by_uid and b in by_uid
    }
    rows = [(cid, *folded[cid], p[6]) for cid, p in people.items()]
    readings = {}
    for index, (_uid, given, family, *_rest, country) in enumerate(people.values()):
        if country not in SOUTH_SLAVIC_COUNTRIES:
            continue
        south = (south_slavic_fold(given), south_slavic_fold(family))
        if south != (None, None):
            _cid, folded_given, folded_family, _country = rows[index]
            readings[index] = (south[0] or folded_given, south[1] or folded_family)
    pairs, scores = _similar_names(rows, readings)

    def side(cid: int) -> PairSide:
        uid, given, family, _lg, _lf, organisation, country = people[cid]
        return PairSide(cid, uid, " ".join(p for p in (given, family) if p), organisation, country)

    certain: list[tuple[int, int, str]] = []
    unsure: list[tuple[int, int, str]] = []  # a shared e-mail under names that do not agree
    for (a, b), (kind, value) in shared.items():
        if (a, b) in dismissed:
            continue
        if names_agree(folded[a], folded[b]):
            certain.append((a, b, f"same {kind} {value}"))
        elif kind == "e-mail":
            unsure.append((a, b, f"same e-mail {value} (other names)"))
        # a shared phone under other names is an office's number: colleagues, not a pair
    listed = {(a, b) for a, b, _reason in (*certain, *unsure)}
    if dismissed or listed:  # colleagues at one office number may still have close names: those stay
        width = max(people) + 1
        drop = np.array([a * width + b for a, b in {*dismissed, *listed}], dtype=np.int64)
        mask = ~np.isin(pairs[:, 0] * width + pairs[:, 1], drop)
        pairs, scores = pairs[mask], scores[mask]
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -scores.astype(np.int16)))  # closest names first
    total = len(certain) + len(pairs) + len(unsure)
    room = total if limit is None else max(limit, 0)
    out = [DuplicatePair(side(a), side(b), 100.0, reason, True) for a, b, reason in sorted(certain)][:room]
    for index in order[: room - len(out)]:
        a, b = (int(x) for x in pairs[index])
        out.append(DuplicatePair(side(a), side(b), float(scores[index]), "similar names"))
    out += [DuplicatePair(side(a), side(b), 0.0, reason) for a, b, reason in sorted(unsure)][: room - len(out)]
    return DuplicateScan(out, total)


def mark_not_duplicate(directory: Directory, uid_a: str, uid_b: str) -> None:
    """Remember that two contacts are different people: `find_duplicates` stops showing them as a pair."""
    if uid_a == uid_b:
        raise DirectoryError("a contact cannot be a different person from itself")
    with directory.write() as session:
        session.connection().exec_driver_sql(
            "INSERT OR IGNORE INTO not_duplicate (uid_a, uid_b, at) VALUES (?, ?, ?)",
            (*_ordered(uid_a, uid_b), utcnow().isoformat(sep=" ")),
        )


def unmark_not_duplicate(directory: Directory, uid_a: str, uid_b: str) -> None:
    """Forget `mark_not_duplicate` (its undo)."""
    with directory.write() as session:
        session.connection().exec_driver_sql(
            "DELETE FROM not_duplicate WHERE uid_a = ? AND uid_b = ?", _ordered(uid_a, uid_b)
        )


# ------------------------------------------------------------------------------------------------ merging


@dataclass(frozen=True)
class MergePlan:
    keep: ContactRecord
    other: ContactRecord
    conflicts: tuple[Conflict, ...]
    additions: tuple[str, ...]  # what the kept contact gains: "e-mail x", "phone y", "role Judge", "2 seminars"
    merged: ContactInput  # the kept contact with the other's additions, every conflict resolved its way

    def result(self, take_other: Collection[str] = ()) -> ContactInput:
        """The merged contact, with the other's value for the conflicting fields named in `take_other`."""
        merged = replace(self.merged)  # only its scalar fields are set below: its lists can be shared
        lines: list[str] = []
        for c in self.conflicts:
            if c.field in take_other:
                setattr(merged, c.field, c.other)
                dropped = c.kept
                if c.field in ("given_name", "family_name"):
                    merged.latin_given_name = merged.latin_family_name = ""  # recomputed when stored
            else:
                dropped = c.other
            lines.append(f"{c.label[:1].upper()}{c.label[1:]} also recorded as: {c.shown(dropped)}")
        notes = [merged.notes] if merged.notes else []
        notes += [line for line in lines if line not in merged.notes]
        merged.notes = "\n".join(notes)
        return replace(
            merged,
            source=self.keep.source,
            last_verified=_latest(self.keep.last_verified, self.other.last_verified),
            # Consent and shareability come as `merge_contact` made them, the import's rule: the stricter answer
            # wins (not shareable, or a "no", from either record stays; an unknown answer takes the other's).
        )


def _latest(a: date | None, b: date | None) -> date | None:
    return max(d for d in (a, b) if d) if (a or b) else None


def plan_merge(keep: ContactRecord, other: ContactRecord) -> MergePlan:
    """What merging `other` into `keep` would do (nothing is written)."""
    if keep.uid == other.uid:
        raise DirectoryError("a contact cannot be merged with itself")
    conflicts = tuple(Conflict(*field) for field in differing_fields(keep, other) if field[2])  # not empty ones
    merged, _changes, _conflicts = merge_contact(keep.to_input(), other.to_input())
    return MergePlan(keep, other, conflicts, tuple(_gains(keep, merged, other)), merged)


def _gains(keep: ContactRecord, merged: ContactInput, other: ContactRecord) -> list[str]:
    """What the kept contact gains, in words a user reads ("role Judge", "phone +381 64 1234567")."""
    gains = [label for attr, label in SCALAR_FIELDS if not getattr(keep, attr) and getattr(merged, attr)]
    have = {e.address.lower() for e in keep.emails}
    gains += [f"e-mail {e.address}" for e in merged.emails if e.address.lower() not in have]
    have = {p.e164 or p.raw for p in keep.phones}
    gains += [f"phone {phone_text(p)}" for p in merged.phones
              if (p.e164 or p.raw) not in have]  # fmt: skip
    gains += [f"role {vocab.role_label(c)}" for c in merged.roles if c not in keep.roles]
    gains += [f"expertise {vocab.expertise_label(c)}" for c in merged.expertise if c not in keep.expertise]
    gains += [f"language {language_name(c)}" for c in merged.languages if c not in keep.languages]
    gains += [f"keyword {k}" for k in merged.keywords[len(keep.keywords) :]]
    if merged.notes != keep.notes:
        gains.append("notes")
    kept_events = {e.id for e in keep.events}
    new_events = [e for e in other.events if e.id not in kept_events]
    if new_events:
        gains.append(f"seminar {new_events[0].name}" if len(new_events) == 1 else f"{len(new_events)} seminars")
    return gains


@dataclass(frozen=True)
class MergeResult:
    """What `undo_merge` needs: both contacts as they were before."""

    keep_before: ContactRecord
    other: ContactRecord
    merged: ContactRecord


def _records(session: Session, keep_id: int, other_id: int) -> tuple[ContactRecord, ContactRecord]:
    if keep_id == other_id:
        raise DirectoryError("a contact cannot be merged with itself")
    found = {r.id: r for r in load_records(session, [keep_id, other_id])}
    missing = [i for i in (keep_id, other_id) if i not in found]
    if missing:
        raise DirectoryError(f"no contact with id {missing[0]} (deleted meanwhile?)")
    return found[keep_id], found[other_id]


def preview_merge(directory: Directory, keep_id: int, other_id: int) -> MergePlan:
    with directory.read() as session:
        return plan_merge(*_records(session, keep_id, other_id))


def merge_contacts(directory: Directory, keep_id: int, other_id: int, take_other: Iterable[str] = ()) -> MergeResult:
    """Fold contact `other_id` into `keep_id` (one transaction; see the module notes). `take_other` names the
    conflicting fields for which the other contact's value is kept."""
    take = set(take_other)
    with directory.write() as session:
        keep, other = _records(session, keep_id, other_id)
        plan = plan_merge(keep, other)
        unknown = take - {c.field for c in plan.conflicts}
        if unknown:
            raise DirectoryError(f"no conflicting field {sorted(unknown)[0]!r} to take from the other contact")
        replace_contact(session, keep.id, plan.result(take))
        conn = raw_connection(session)
        conn.execute(
            "INSERT OR IGNORE INTO participation (contact_id, event_id, part) "
            "SELECT ?, event_id, part FROM participation WHERE contact_id = ?",
            (keep.id, other.id),
        )
        delete_contact_rows(session, [other.id])
        conn.execute("DELETE FROM not_duplicate WHERE ? IN (uid_a, uid_b)", (other.uid,))
        record_audit(session, "merge", "two contacts merged into one", "", [keep.uid, other.uid])
        merged = load_records(session, [keep.id])[0]
    return MergeResult(keep, other, merged)


def undo_merge(directory: Directory, result: MergeResult) -> list[int]:
    """Put both contacts back as they were before `merge_contacts` (same uids, fields and seminars); returns
    their ids (kept, other)."""
    with directory.write() as session:
        keep_id = find_by_uid(session, result.keep_before.uid)
        if keep_id is None:
            raise DirectoryError(f"{result.keep_before.display_name} is no longer in the directory")
        # Both are put back as they were before the merge, times included: a change made to the merged contact
        # since (an edit, an import, a verification, a seminar) would be lost without a trace, and a later rollback
        # of that import would then find nothing changed and put its data into both contacts.
        (now,) = load_records(session, [keep_id])
        if now.updated_at != result.merged.updated_at:
            raise DirectoryError(
                f"{now.display_name or 'the merged contact'} was changed after the merge (edited, verified or "
                "updated by an import); undoing the merge would throw that change away, so the merge stays"
            )
        if find_by_uid(session, result.other.uid) is not None:
            raise DirectoryError(f"{result.other.display_name} is in the directory again: the merge cannot be undone")
        ids = [restore_record(session, result.keep_before), restore_record(session, result.other)]
        record_audit(session, "unmerge", "a merge was undone", "", [result.keep_before.uid, result.other.uid])
        return ids
