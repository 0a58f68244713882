"""Values already in a directory, offered as completions while a contact is typed in (one read, a few lists)."""

from __future__ import annotations

from dataclasses import dataclass

from directory_app.core.store import Directory


@dataclass(frozen=True)
class Suggestions:
    organisations: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


def load_suggestions(directory: Directory) -> Suggestions:
    """Organisation names, cities and keywords in use, most used first."""
    with directory.read() as session:
        conn = session.connection()
        organisations = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT o.name FROM organisation o JOIN contact c ON c.organisation_id = o.id "
                "GROUP BY o.name ORDER BY count(*) DESC, o.name"
            )
        ]
        cities = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT city FROM contact WHERE city <> '' GROUP BY city ORDER BY count(*) DESC, city"
            )
        ]
        keywords = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT keyword FROM contact_keyword GROUP BY keyword ORDER BY count(*) DESC, keyword"
            )
        ]
    return Suggestions(tuple(organisations), tuple(cities), tuple(keywords))
