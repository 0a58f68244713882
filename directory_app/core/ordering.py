"""Result order for the results table: the ids of a search sorted by one column, done by SQLite.

Empty values sort last in both directions; ties fall back to the name order of `search.search_ids`.
Countries sort by their English name and roles by the vocabulary's display order, not by their codes.
"""

from __future__ import annotations

from functools import cache

from directory_app.core import vocab
from directory_app.core.countries import all_countries
from directory_app.core.records import DirectoryError
from directory_app.core.search import SearchQuery, _sql_where, search_ids
from directory_app.core.store import Directory

SORT_COLUMNS = ("name", "organisation", "position", "country", "roles", "email", "phone")


@cache
def _country_rank_sql() -> str:
    # Codes come from our own country list (letters only), so inlining them is safe; no parameter limit to mind.
    whens = " ".join(f"WHEN '{c.code}' THEN {i}" for i, c in enumerate(all_countries()) if c.code.isalpha())
    return f"CASE c.country_code {whens} ELSE 100000 END"


@cache
def _role_rank_sql() -> str:
    whens = " ".join(f"WHEN '{code}' THEN {i}" for i, code in enumerate(vocab.ROLES))
    return f"(SELECT min(CASE r.role {whens} ELSE 1000 END) FROM contact_role r WHERE r.contact_id = c.id)"


def _sort_value(column: str) -> str:
    """The SQL expression a column sorts by (NULL or '' when the contact has no value)."""
    if column == "organisation":
        return "(SELECT o.name FROM organisation o WHERE o.id = c.organisation_id)"
    if column == "position":
        return "c.position"
    if column == "country":
        return f"CASE WHEN c.country_code IS NULL THEN NULL ELSE {_country_rank_sql()} END"
    if column == "roles":
        return _role_rank_sql()
    if column == "email":
        return "(SELECT e.address FROM contact_email e WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1)"
    if column == "phone":
        return (
            "(SELECT coalesce(p.e164, p.raw) FROM contact_phone p WHERE p.contact_id = c.id "
            "ORDER BY p.position LIMIT 1)"
        )
    raise DirectoryError(f"cannot sort by '{column}'; sort columns: {', '.join(SORT_COLUMNS)}")


def sorted_ids(directory: Directory, query: SearchQuery, column: str = "name", descending: bool = False) -> list[int]:
    """Ids of the contacts matching `query`, ordered by `column` (one of SORT_COLUMNS)."""
    if column == "name" and not descending:
        return search_ids(directory, query)
    direction = "DESC" if descending else "ASC"
    where, params = _sql_where(query)
    if column == "name":
        sql = f"SELECT c.id FROM contact c{where} ORDER BY c.sort_key {direction}, c.id {direction}"
    else:
        collate = " COLLATE NOCASE" if column in ("organisation", "position", "email") else ""
        sql = (
            f"SELECT c.id, {_sort_value(column)} AS v FROM contact c{where} "
            f"ORDER BY (v IS NULL OR v = ''), v{collate} {direction}, c.sort_key, c.id"
        )
    with directory.read() as session:
        return [r[0] for r in session.connection().exec_driver_sql(sql, tuple(params))]
