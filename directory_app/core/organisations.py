"""Organisations as lists spell them, put right: one office under three names ("MUP", "Ministarstvo unutrašnjih
poslova", "Ministry of Interior") becomes one.

- `list_organisations` gives each organisation with its country, type and number of contacts.
- `rename_organisation` gives an organisation another name or type. When another organisation of the same country
  already has that name, the two become one. Its contacts are rewritten (their search text follows), and the
  contacts as they were are kept for `undo_organisation_change`, which puts them back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from directory_app.core import vocab
from directory_app.core.contacts import load_records, raw_connection, replace_contact, restore_record
from directory_app.core.privacy import record_audit
from directory_app.core.records import ContactRecord, DirectoryError
from directory_app.core.store import Directory, Session


@dataclass(frozen=True)
class OrganisationRecord:
    id: int
    name: str
    type: str | None
    country: str | None
    contacts: int


@dataclass(frozen=True)
class OrganisationChange:
    """An organisation renamed (or merged into another of that name), for `undo_organisation_change`."""

    before: OrganisationRecord
    name: str
    type: str | None
    merged: bool  # another organisation of the country had the name: the two are one now
    contacts: tuple[ContactRecord, ...]  # as they were


_SELECT = (
    "SELECT o.id, o.name, o.type, o.country_code, (SELECT count(*) FROM contact c WHERE c.organisation_id = o.id) "
    "FROM organisation o "
)


def list_organisations(directory: Directory) -> list[OrganisationRecord]:
    """Every organisation that has contacts, by name (case and accents aside), then country."""
    with directory.read() as session:
        rows = session.connection().exec_driver_sql(_SELECT).all()
    found = [OrganisationRecord(*r) for r in rows if r[4]]
    return sorted(found, key=lambda o: (o.name.casefold(), o.country or ""))


def _organisation(session: Session, org_id: int) -> OrganisationRecord:
    row = session.connection().exec_driver_sql(_SELECT + "WHERE o.id = ?", (org_id,)).first()
    if row is None:
        raise DirectoryError(f"there is no organisation {org_id} (changed meanwhile?)")
    return OrganisationRecord(*row)


def rename_organisation(
    directory: Directory, org_id: int, name: str, org_type: str | None = None
) -> OrganisationChange:
    """Call organisation `org_id` `name` (and give it `org_type`, when given); see the module notes."""
    name = " ".join(name.split())
    if not name:
        raise DirectoryError("an organisation needs a name")
    if org_type is not None:
        vocab.check_codes("org_type", [org_type])
    with directory.write() as session:
        before = _organisation(session, org_id)
        new_type = org_type or before.type
        conn = raw_connection(session)
        other = conn.execute(
            "SELECT id FROM organisation WHERE name = ? AND country_code IS ? AND id != ?",
            (name, before.country, org_id),
        ).fetchone()
        ids = [cid for (cid,) in conn.execute("SELECT id FROM contact WHERE organisation_id = ?", (org_id,))]
        records = tuple(load_records(session, ids))
        if other is None:
            # A new name: the organisation keeps its id; its contacts' search text follows the name.
            conn.execute("UPDATE organisation SET name = ?, type = ? WHERE id = ?", (name, new_type, org_id))
        for record in records:
            data = replace(record.to_input(), organisation=name, organisation_type=new_type)
            replace_contact(session, record.id, data)
        if other is not None:
            conn.execute("DELETE FROM organisation WHERE id = ?", (org_id,))
        what = "merged into" if other is not None else "renamed"
        record_audit(
            session, "edit", f"organisation #{org_id} {what} '{name}' ({len(records)} contacts)", "",
            [r.uid for r in records],
        )  # fmt: skip
        return OrganisationChange(before, name, new_type, other is not None, records)


def undo_organisation_change(directory: Directory, change: OrganisationChange) -> list[int]:
    """Put the organisation and its contacts back as they were; returns the contacts' ids."""
    with directory.write() as session:
        conn = raw_connection(session)
        b = change.before
        # The old name may be in use again (an import or an edit named it since): that organisation is this one,
        # its name and country being the same, so its contacts come back into it rather than the name clashing.
        clash = conn.execute(
            "SELECT id FROM organisation WHERE name = ? AND country_code IS ? AND id != ?", (b.name, b.country, b.id)
        ).fetchone()
        moved: list[int] = []
        if clash is not None:
            moved = [cid for (cid,) in conn.execute("SELECT id FROM contact WHERE organisation_id = ?", clash)]
            conn.execute("DELETE FROM organisation WHERE id = ?", clash)  # its contacts' link is set to NULL
        row = conn.execute("SELECT name FROM organisation WHERE id = ?", (b.id,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO organisation (id, name, type, country_code) VALUES (?, ?, ?, ?)",
                (b.id, b.name, b.type, b.country),
            )
        else:
            conn.execute("UPDATE organisation SET name = ?, type = ? WHERE id = ?", (b.name, b.type, b.id))
        if moved:
            conn.executemany("UPDATE contact SET organisation_id = ? WHERE id = ?", [(b.id, cid) for cid in moved])
        session.info.pop("organisations", None)  # the ids cached by name in this unit of work
        ids = [restore_record(session, record) for record in change.contacts]
        conn.execute(
            "DELETE FROM organisation WHERE id != ? AND name = ? AND country_code IS ? AND NOT EXISTS "
            "(SELECT 1 FROM contact WHERE organisation_id = organisation.id)",
            (b.id, change.name, b.country),
        )
        return ids
