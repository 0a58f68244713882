"""Saved searches: a search and its filters kept under a name ("Prosecutors, Western Balkans"), to run again.

A focal point asks the same questions of the directory again and again: the prosecutors of the countries along a
route, the participants of the last seminars who work on cybercrime. A saved search is kept in the directory file
itself (its `setting` table, one row a search), so that it travels with the file, its backups and its copies, and
the window and the command line share it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from directory_app.core.records import DirectoryError, plural
from directory_app.core.search import SearchQuery

if TYPE_CHECKING:
    from directory_app.core.store import Directory

KEY = "saved_search:"  # setting key prefix; the name follows
NAME_LIMIT = 80


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: SearchQuery
    events_gone: int = 0  # events the search named that were deleted since (left out of `query`)

    @property
    def events_all_gone(self) -> bool:
        """Whether every event the search named was deleted since: run without them it would find people who
        never took part (an export of a seminar's participants would be one of the whole directory)."""
        return bool(self.events_gone) and not self.query.events

    def check_runnable(self) -> None:
        """DirectoryError when the search cannot be run as it was meant (`events_all_gone`)."""
        if self.events_all_gone:
            raise DirectoryError(
                f"the saved search '{self.name}' was for {plural(self.events_gone, 'event')} deleted since: run "
                "without it, it would find people who never took part; save the search again or forget it"
            )


def _clean_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise DirectoryError("a saved search needs a name")
    if len(cleaned) > NAME_LIMIT:
        raise DirectoryError(f"the name of a saved search is at most {NAME_LIMIT} characters")
    return cleaned


def _to_json(query: SearchQuery) -> str:
    return json.dumps({f.name: list(v) if isinstance(v := getattr(query, f.name), tuple) else v
                       for f in fields(query)}, ensure_ascii=False, sort_keys=True)  # fmt: skip


def _from_json(value: str) -> SearchQuery | None:
    """The query a setting holds; None when it cannot be read (written by hand, or by a later version)."""
    try:
        data = json.loads(value)
        return SearchQuery(
            text=str(data.get("text", "")),
            countries=tuple(str(v) for v in data.get("countries", ())),
            roles=tuple(str(v) for v in data.get("roles", ())),
            expertise=tuple(str(v) for v in data.get("expertise", ())),
            org_types=tuple(str(v) for v in data.get("org_types", ())),
            events=tuple(int(v) for v in data.get("events", ())),
        )
    except (ValueError, TypeError, AttributeError):
        return None


def save_search(directory: Directory, name: str, query: SearchQuery) -> SavedSearch:
    """Keep `query` under `name` (a search of that name, in any case, is replaced). DirectoryError for an empty
    query or name."""
    name = _clean_name(name)
    if query.is_empty:
        raise DirectoryError("there is nothing to save: type a search or choose a filter first")
    with directory.write() as session:
        conn = session.connection()
        for (key,) in conn.exec_driver_sql("SELECT key FROM setting WHERE key GLOB ?", (KEY + "*",)).all():
            if key[len(KEY) :].casefold() == name.casefold():
                conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (KEY + name, _to_json(query)))
    return SavedSearch(name, query)


def list_saved_searches(directory: Directory) -> list[SavedSearch]:
    """Every saved search, by name. An event merged into another since is followed to it; one deleted since is
    dropped from the search (the rest of it still holds)."""
    from directory_app.core.contacts import EVENT_MERGED_KEY as MERGED_KEY

    with directory.read() as session:
        conn = session.connection()
        rows = conn.exec_driver_sql("SELECT key, value FROM setting WHERE key GLOB ?", (KEY + "*",)).all()
        events = {int(i) for (i,) in conn.exec_driver_sql("SELECT id FROM event").all()}
        merged = {
            int(k[len(MERGED_KEY) :]): int(v)
            for k, v in conn.exec_driver_sql("SELECT key, value FROM setting WHERE key GLOB ?", (MERGED_KEY + "*",))
            if k[len(MERGED_KEY) :].isdigit() and str(v).isdigit()
        }
    out = []
    for key, value in rows:
        query = _from_json(value)
        if query is None:
            continue
        gone = 0
        if query.events:
            followed = [merged.get(e, e) for e in query.events]
            kept = dict.fromkeys(e for e in followed if e in events)
            gone = sum(1 for e in followed if e not in events)
            query = SearchQuery(query.text, query.countries, query.roles, query.expertise, query.org_types,
                                tuple(kept))  # fmt: skip
        out.append(SavedSearch(key[len(KEY) :], query, gone))
    from directory_app.core.countries import fold

    return sorted(out, key=lambda s: fold(s.name))  # "Đorđević" by D


def get_saved_search(directory: Directory, name: str) -> SavedSearch:
    """The saved search of that name (any case); DirectoryError naming the saved searches there are."""
    saved = list_saved_searches(directory)
    for search in saved:
        if search.name.casefold() == " ".join(name.split()).casefold():
            return search
    names = ", ".join(f"'{s.name}'" for s in saved) or "none yet"
    raise DirectoryError(f"there is no saved search '{name}' (saved searches: {names})")


def delete_saved_search(directory: Directory, name: str) -> SavedSearch:
    """Forget the saved search of that name (any case); the search it was."""
    search = get_saved_search(directory, name)
    with directory.write() as session:
        session.connection().exec_driver_sql("DELETE FROM setting WHERE key = ?", (KEY + search.name,))
    return search


def describe(query: SearchQuery, event_names: dict[int, str] | None = None, events_gone: int = 0) -> str:
    """The search in words: '"prosecutor" · Serbia, Bosnia and Herzegovina · Judge · Regional Workshop, Skopje
    2025' (text, countries, roles, expertise, kinds of office, events), for menus and lists; and how many of its
    events were deleted since, so that one that now finds everyone says why."""
    from directory_app.core import vocab
    from directory_app.core.countries import country_name

    parts = [f"“{query.text}”"] if query.text else []
    parts += [", ".join(country_name(c) for c in query.countries)] if query.countries else []
    for vocabulary, codes in (("role", query.roles), ("expertise", query.expertise), ("org_type", query.org_types)):
        if codes:
            parts.append(", ".join(vocab.label(vocabulary, c) for c in codes))
    if query.events:
        names = event_names or {}
        parts.append(", ".join(names.get(e, f"event {e}") for e in query.events))
    words = " · ".join(parts) or "everyone"
    if events_gone and not query.events:
        words = f"{words} (its {'event was' if events_gone == 1 else 'events were'} deleted since: it cannot be run)"
    elif events_gone:
        words += f" ({plural(events_gone, 'event')} of it deleted since)"
    return words
