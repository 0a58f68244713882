"""The in-memory facet index answers exactly as the SQL path does, and follows every change to the file."""

from __future__ import annotations

import random
import sqlite3

from directory_app.core import contacts
from directory_app.core.records import ContactInput
from directory_app.core.search import (
    SearchQuery,
    count,
    count_in,
    facet_counts,
    facet_counts_in,
    search_ids,
    search_ids_in,
)


def _queries(directory) -> list[SearchQuery]:
    with directory.read() as s:
        conn = s.connection()
        countries = [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT country_code FROM contact")]
        events = [r[0] for r in conn.exec_driver_sql("SELECT id FROM event")]
    rng = random.Random(5)
    texts = ["", "a", "jo", "jov", "dordevic", "Ђорђ", "ozdemir", "παπα", "prosecutor", "osce", "ana mar", "zzz",
             "+381 6", "063 12", "2017", "ngo moldova", "smuggling greece", "human trafficking", "thb"]  # fmt: skip
    roles = ["judge", "prosecutor", "law_enforcement", "ngo", "police_liaison"]
    expertise = ["trafficking_in_human_beings", "smuggling_of_migrants", "cybercrime"]
    out = []
    for text in texts:
        for _ in range(4):
            out.append(
                SearchQuery(
                    text=text,
                    countries=tuple(rng.sample(countries, rng.randint(0, 2))),
                    roles=tuple(rng.sample(roles, rng.randint(0, 2))),
                    expertise=tuple(rng.sample(expertise, rng.randint(0, 1))),
                    org_types=tuple(rng.sample(["police", "prosecution", "ngo", "court"], rng.randint(0, 1))),
                    events=tuple(rng.sample(events, rng.randint(0, 1))),
                )
            )
    out.append(SearchQuery(countries=("ZZ",), roles=("judge",)))  # a value no contact has
    return out


def test_index_agrees_with_sql_on_every_query(demo_directory) -> None:
    for query in _queries(demo_directory):
        with demo_directory.read() as s:
            expected_ids = search_ids_in(s, query)
            expected_counts = facet_counts_in(s, query)
            expected_total = count_in(s, query)
        assert search_ids(demo_directory, query) == expected_ids, query
        assert count(demo_directory, query) == expected_total == len(expected_ids)
        assert facet_counts(demo_directory, query) == expected_counts, query
        assert search_ids(demo_directory, query, limit=3) == expected_ids[:3]


def test_index_follows_writes_in_this_process(demo_directory) -> None:
    query = SearchQuery(text="zyxwvut")
    assert search_ids(demo_directory, query) == []
    rec = contacts.add_contact(demo_directory, ContactInput(given_name="Ana", family_name="Zyxwvut", country="RS"))
    assert search_ids(demo_directory, query) == [rec.id]
    assert facet_counts(demo_directory, SearchQuery(text="zyxwvut")).country == {"RS": 1}
    contacts.delete_contacts(demo_directory, [rec.id])
    assert search_ids(demo_directory, query) == []


def test_index_follows_writes_from_another_connection(demo_directory) -> None:
    before = count(demo_directory, SearchQuery(countries=("RS",)))
    other = sqlite3.connect(demo_directory.path)
    other.execute("UPDATE contact SET country_code = 'RS' WHERE country_code = 'BA'")
    moved = other.total_changes
    other.commit()
    other.close()
    assert moved > 0
    assert count(demo_directory, SearchQuery(countries=("RS",))) == before + moved
    assert count(demo_directory, SearchQuery(countries=("BA",))) == 0


def test_empty_directory(directory) -> None:
    assert search_ids(directory, SearchQuery()) == []
    assert facet_counts(directory, SearchQuery(text="x", countries=("RS",))).total == 0
    for q in (SearchQuery(text="jov"), SearchQuery(roles=("judge",), events=(1,)), SearchQuery(org_types=("ngo",))):
        assert search_ids(directory, q) == []
        assert count(directory, q) == 0
