"""Search: free text across scripts (FTS5 over folded text) and facets (OR within a facet, AND across facets).

The index holds, per contact, every folded spelling of its names, organisation, position, city, emails and
keywords (folding.fold_index_text). A query is folded the same way (in each of its spellings,
`folding.query_alternatives`) and each of its words matched as a prefix, so `dordevic`, `djordjevic`, `Đorđević`
and `Ђорђевић` all find Đorđević. Words naming a country, role, expertise or kind of office also match by it
(`text_terms`): `prosecutor serbia`.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from directory_app.core import migrations
from directory_app.core.contacts import _chunks, _marks, load_records
from directory_app.core.folding import is_latin, query_alternatives, query_tokens, sound_query
from directory_app.core.records import ContactRecord, DirectoryError
from directory_app.core.store import Directory, Session, check_file, raw_connect

if TYPE_CHECKING:
    from directory_app.core.search_index import SearchIndex

log = logging.getLogger(__name__)

FACETS = ("country", "role", "expertise", "org_type", "event")

# Every contact id in result order, as one string ("3,17,42"): one row instead of 100,000 (each row fetched hands
# the GIL over once). The in-memory index reads its order with this same statement.
ORDERED_IDS_SQL = "SELECT group_concat(id) FROM (SELECT id FROM contact ORDER BY sort_key, id)"

# (sql, params) -> rows: SQLAlchemy's `Connection.exec_driver_sql` or a DB-API connection's `execute`.
Execute = Callable[[str, tuple], Iterable[Sequence[Any]]]


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked for. Empty tuples mean "no filter" for that facet."""

    text: str = ""
    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()
    org_types: tuple[str, ...] = ()
    events: tuple[int, ...] = ()

    def without(self, facet: str) -> SearchQuery:
        attr = {"country": "countries", "role": "roles", "org_type": "org_types", "event": "events"}.get(facet, facet)
        return replace(self, **{attr: ()})

    @property
    def is_empty(self) -> bool:
        # Text of punctuation alone ('"', "*", an emoji) is a search too: it finds nobody, not everybody
        return not (
            self.text.strip() or self.countries or self.roles or self.expertise or self.org_types or self.events
        )


@dataclass(frozen=True)
class FacetCounts:
    """Contacts per facet value for a query; each facet is counted with every *other* facet applied, so that
    the values of a facet the user has already narrowed still show what choosing them would add."""

    total: int = 0  # contacts matching the whole query
    country: dict[str, int] = field(default_factory=dict)
    role: dict[str, int] = field(default_factory=dict)
    expertise: dict[str, int] = field(default_factory=dict)
    org_type: dict[str, int] = field(default_factory=dict)
    event: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ContactRow:
    """The few fields a results table shows, cheap to fetch a page at a time."""

    id: int
    given_name: str
    family_name: str
    latin_name: str
    organisation: str
    position: str
    country: str | None
    roles: tuple[str, ...]
    email: str
    phone: str

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


def fts_expression(text: str) -> str | None:
    """An FTS5 MATCH expression: every folded word as a quoted prefix (quoting keeps FTS syntax out), a word
    with several spellings (`query_alternatives`) as any of them. A word naming a city also matches the city's other
    names (`countries.city_names`: "beograd" finds a contact in "Belgrade"), each as a whole word: "rom" of Rome is
    no prefix of "Romania". A word in Latin letters also tries its sound key (`folding.sound_query`) among the Greek
    names' keys: "economou" finds Οικονόμου, "bakojani" Μπακογιάννη (a word in Greek letters is found as it is)."""
    from directory_app.core.countries import city_names

    words = query_alternatives(text)
    if not words:
        return None
    short = not text.isascii()
    by_sound = is_latin(text)
    terms = []
    for spellings in words:
        found = [f'"{t}"*' for t in spellings]
        if by_sound and (key := sound_query(spellings[0])):
            found.append(f'"{key}"*')
        found += [f'"{name}"' for name in city_names(spellings, short) if name not in spellings]
        terms.append(found[0] if len(found) == 1 else "(" + " OR ".join(found) + ")")
    return " AND ".join(terms)  # FTS5 takes no implicit AND after a parenthesised group


# A phone number typed any way: "+381 64 123", "064/123-4567", "00387 (0)61 123 456", "+381 064 123" (the trunk 0
# kept after the country code), "8 (495) 123-45-67" (a Russian trunk 8), with an extension in the words the import
# reads ("lok. 123", "ext. 123", ";ext=123": `phones._EXTENSION_WORDS`, the one list of them).
_PHONE_QUERY = re.compile(r"\s*\+?[\d\s()./-]+")
PHONE_QUERY_DIGITS = 5  # fewer digits are a year or a number in a name, searched as text
_EIGHT_TRUNK = 11  # "8 495 123 45 67": Russia's, Belarus' and Kazakhstan's trunk 8 before a ten-digit number


@functools.cache
def _phone_extension() -> re.Pattern[str]:
    # phones (and phonenumbers' metadata) load with the first query that has a digit, not with the window
    from directory_app.core.phones import _EXTENSION_WORDS

    return re.compile(rf"\s*[,;]?\s*{_EXTENSION_WORDS}\.?\s*[:=]?\s*(\d{{1,6}})\s*$", re.IGNORECASE)


def _country_code(digits: str) -> str | None:
    """The calling code an international number's digits begin with ("381" of "38164..."), or None."""
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

    for size in (1, 2, 3):
        if int(digits[:size] or 0) in COUNTRY_CODE_TO_REGION_CODE:
            return digits[:size]
    return None


def phone_match(text: str) -> tuple[str, tuple[str, ...]] | None:
    """For a query that is a phone number: (a condition on `e164`, its parameters); None for any other text.

    International ("+381 64", "00381 64") is a prefix of the E.164 number, read through its index (3 ms on
    100,000 contacts); a whole number is read as the import reads it (`phones.normalise_phone`), so a trunk 0 after
    the country code is dropped as it was from the stored number. National ("064 123") without its trunk 0 is found
    anywhere in it (15 ms). An extension must be the stored number's (E.164 with ";ext=N")."""
    extension = None
    if not any(c.isdigit() for c in text):
        return None
    if (found := _phone_extension().search(text)) and found.start() > 0:
        text, extension = text[: found.start()], found[1]
    if not _PHONE_QUERY.fullmatch(text):
        return None
    text = text.replace("(0)", " ")
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+"):
        international = True
    elif digits.startswith("00"):
        international, digits = True, digits[2:]
    else:
        international, digits = False, digits.lstrip("0")
    if len(digits) < PHONE_QUERY_DIGITS:
        return None
    ext = (f"*;ext={extension}",) if extension else ()
    ext_sql = " AND e164 GLOB ?" if extension else ""
    if international:  # digits only: nothing in the pattern is a GLOB wildcard
        from directory_app.core.phones import normalise_phone

        whole = normalise_phone(f"+{digits}", None).e164
        if whole:
            digits = whole[1:]
        elif (code := _country_code(digits)) and digits[len(code) : len(code) + 1] == "0" and code != "39":
            digits = code + digits[len(code) + 1 :]  # "+381 064 12": the trunk 0 no stored number keeps (Italy's does)
        return f"e164 GLOB ?{ext_sql}", (f"+{digits}*", *ext)
    if len(digits) == _EIGHT_TRUNK and digits.startswith("8"):
        return f"(instr(e164, ?) > 0 OR instr(e164, ?) > 0){ext_sql}", (digits, digits[1:], *ext)
    return f"instr(e164, ?) > 0{ext_sql}", (digits, *ext)


_SAFE_CODE = re.compile(r"[A-Za-z_]{2,40}")
FTS_IDS = "SELECT rowid AS id FROM contact_fts WHERE contact_fts MATCH ?"  # the ids an FTS5 expression selects
# The facet a query's phrase may name -> SQL selecting the contacts of one of its codes.
_FACET_SQL = {
    "country": "SELECT id FROM contact WHERE country_code = '{}'",
    "role": "SELECT contact_id AS id FROM contact_role WHERE role = '{}'",
    "expertise": "SELECT contact_id AS id FROM contact_expertise WHERE code = '{}'",
    "org_type": "SELECT c.id FROM contact c JOIN organisation o ON o.id = c.organisation_id WHERE o.type = '{}'",
}


@dataclass(frozen=True)
class TextTerms:
    """A query's free text as the search reads it: `fts`, the FTS5 expression of its words that name no facet
    (None when all do), and `named`, each phrase naming a country, role, expertise or kind of office as (its FTS5
    expression, facet, code). A contact matches when it matches `fts` and, for each named phrase, its expression
    or its code."""

    fts: str | None
    named: tuple[tuple[str, str, str], ...] = ()


# The few short words that name a role or an area of expertise as practitioners write them; other phrases under
# four letters name none: "al", "me", "it" are words of names, organisations and e-mail addresses too.
_SHORT_NAMES = {
    "ngo": ("role", "ngo"),
    "ngos": ("role", "ngo"),
    "thb": ("expertise", "trafficking_in_human_beings"),
    "som": ("expertise", "smuggling_of_migrants"),
    "jit": ("expertise", "cross_border_cooperation"),
    "mla": ("expertise", "cross_border_cooperation"),
    "aml": ("expertise", "financial_investigation"),
}


def load_query_words() -> None:
    """Load what reading a query's words as facets needs, once (the window does it in its warm-up): the country
    names in every language (30-50 ms) and the expertise words' patterns (about 15 ms). Loaded by the first query
    of four letters or more, they made its time."""
    from directory_app.core import vocab
    from directory_app.core.countries import city_names, load_names

    load_names()
    city_names(("",))  # the city names (`fts_expression`), about 2 ms from their cache file
    vocab.expertise_named("")
    for vocabulary in ("role", "org_type"):  # the import's keyword tables, compiled once (`vocab.keyword_named`)
        vocab.keyword_named(vocabulary, "x")


# Country abbreviations typed in capitals ("BiH", "BH", "RKS", "NMK", "SRB", "MNE"): two capitals or more in a phrase
# of two or three letters. In lower case they stay words ("mar", "ben", "per" begin names; "me" and "al" are words).
_ABBREVIATION = re.compile(r"(?=(?:\w*[A-Z]){2})[A-Za-z]{2,3}")


def _named_facet(phrase: str) -> tuple[str, str] | None:
    """(facet, code) of the country, role, expertise or kind of office a query's phrase names ("serbia",
    "Србија", "prosecutors", "tužilac", "прокурор", "cybercrime", "police", "trafficking", "money laundering",
    "NGO", "NVO", "BiH"), or None."""
    from directory_app.core import vocab

    if len(phrase) <= 4 and (short := _SHORT_NAMES.get(phrase.casefold())):
        return short
    if len(phrase) < 4:
        # An acronym the import reads as a role ("NVO", "ONG", "OJQ"), or a country's abbreviation in capitals
        if len(phrase) == 3 and (code := vocab.keyword_named("role", phrase)) and _SAFE_CODE.fullmatch(code):
            return "role", code
        if _ABBREVIATION.fullmatch(phrase):
            from directory_app.core.countries import resolve_country

            if (code := resolve_country(phrase)) and _SAFE_CODE.fullmatch(code):
                return "country", code
        return None
    from directory_app.core.countries import resolve_country  # its index loads with the first query that asks

    singular = phrase[:-1] if phrase.endswith("s") else phrase
    for vocabulary in ("role", "expertise", "org_type"):  # "police", "court", "ministry": the office's kind
        code = vocab.parse_code(vocabulary, phrase) or vocab.parse_code(vocabulary, singular)
        if code and code != "other" and _SAFE_CODE.fullmatch(code):
            return vocabulary, code
    # An area of expertise in the words an expertise cell of a list is read in: "trafficking", "smuggling",
    # "money laundering", "trgovina ljudima" (the whole phrase: "smuggling greece" is "smuggling", then "greece").
    if (code := vocab.expertise_named(phrase)) and _SAFE_CODE.fullmatch(code):
        return "expertise", code
    # A role or kind of office in the words a list's positions and organisations are read in: "tužilac",
    # "прокурор", "savcı", "sudija", "procuror", "sud" (the import's keyword tables).
    for vocabulary in ("role", "org_type"):
        if (code := vocab.keyword_named(vocabulary, phrase)) and _SAFE_CODE.fullmatch(code):
            return vocabulary, code
    code = resolve_country(phrase)
    if code and _SAFE_CODE.fullmatch(code):
        return "country", code
    return None


# Words run together with punctuation are separate words to the reading of phrases: "prosecutor/serbia",
# "judges; serbia", "ngo,moldova". A hyphen joins the words of a name ("Petrović-Kovač", "Guinea-Bissau"): a
# hyphenated word is split only when it names nothing whole ("prosecutor-serbia").
_PHRASE_WORD = re.compile(r"[^\s/,;|+&]+")
_LONGEST_PHRASE = 6  # words: "trafficking in human beings", "republic of north macedonia"
# Words that join a phrase's words ("trafficking in human beings", "bosnia and herzegovina"): left over beside a
# phrase that names something, they are not words anybody's record has to hold.
_JOINING_WORDS = frozenset(
    ["of", "in", "and", "the", "for", "on", "i", "и", "u", "у", "za", "за", "na", "на", "e", "të"]
)


def _phrase_words(text: str) -> list[str]:
    words: list[str] = []
    for word in _PHRASE_WORD.findall(text):
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and _named_facet(word) is None:
            words.extend(parts)
        elif parts:
            words.append(word)
    return words


def text_terms(text: str) -> TextTerms | None:
    """How a query's text is matched (`TextTerms`), or None when it has no words. The phrases naming a facet are
    found longest first (up to six words: "trafficking in human beings", "republic of north macedonia"); a word
    belongs to one phrase at most, and a joining word ("of", "in", "and") left beside a named phrase is dropped.

    Why: the index holds no country names and no role labels (a prosecutor's position may read "Tužilac"), and
    the facets are not where everyone looks first; "prosecutor serbia" should find Serbia's prosecutors."""
    if not query_tokens(text):
        return None
    words = _phrase_words(text)
    taken = [False] * len(words)
    named: list[tuple[int, str, str, str]] = []
    if len(words) <= 12:
        for size in range(min(_LONGEST_PHRASE, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                if any(taken[start : start + size]):
                    continue
                phrase = " ".join(words[start : start + size])
                if (facet := _named_facet(phrase)) and (expr := fts_expression(phrase)):
                    taken[start : start + size] = [True] * size
                    named.append((start, expr, *facet))
    rest = [w for w, t in zip(words, taken, strict=True) if not t]
    if named:
        rest = [w for w in rest if w.casefold() not in _JOINING_WORDS]
    return TextTerms(fts_expression(" ".join(rest)), tuple(term for _start, *term in sorted(named)))


_FACET_NOUNS = {"country": "country", "role": "role", "expertise": "expertise", "org_type": "kind of office"}


def named_facets_text(text: str) -> str:
    """What a query's words were also read as, for the window to say ("Serbia (country), Prosecutor (role)"); ""
    when nothing. A name that is also a country ("Jordan") brings that country's contacts too: this says why."""
    from directory_app.core import vocab
    from directory_app.core.countries import country_name

    if phone_match(text) or (terms := text_terms(text)) is None:
        return ""
    return ", ".join(
        f"{country_name(code) if facet == 'country' else vocab.label(facet, code)} ({_FACET_NOUNS[facet]})"
        for _expr, facet, code in terms.named
    )


NOBODY = "SELECT NULL AS id WHERE 0"  # what text with no letter or digit finds ('"', "*", an emoji)


def text_filter(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The contacts a query's text asks for, as (SQL selecting their `id`, its parameters), or None for no text.
    A phone number is looked up among the phones; anything else as `text_terms` reads it. Text with no word in
    it finds nobody: the whole directory was not what the user typed for."""
    if match := phone_match(text):
        return f"SELECT contact_id AS id FROM contact_phone WHERE {match[0]}", match[1]
    terms = text_terms(text)
    if terms is None:
        return (NOBODY, ()) if text.strip() else None
    if not terms.named:
        return FTS_IDS, (cast(str, terms.fts),)
    parts = [FTS_IDS] if terms.fts else []
    params = [terms.fts] if terms.fts else []
    for expr, facet, code in terms.named:  # codes from our own vocabularies and country index, checked above
        parts.append(f"{FTS_IDS} UNION ALL {_FACET_SQL[facet].format(code)}")
        params.append(expr)
    return " INTERSECT ".join(f"SELECT id FROM ({part})" for part in parts), tuple(params)


def own_words_filter(text: str) -> tuple[str, tuple[str, ...]] | None:
    """For text with words naming a facet ("jordan", "som", "prosecutor serbia"): the contacts whose own words
    match all of it, as (SQL selecting their `id`, its parameters); None for other text. They come first in the
    results: a person named Jordan before the contacts of Jordan, Somogyi before the experts in smuggling."""
    if phone_match(text) or (terms := text_terms(text)) is None or not terms.named:
        return None
    exprs = ([terms.fts] if terms.fts else []) + [expr for expr, _facet, _code in terms.named]
    return " INTERSECT ".join([FTS_IDS] * len(exprs)), tuple(exprs)


def where_clauses(query: SearchQuery) -> tuple[list[str], list[object]]:
    """The SQL filter of a query over `contact c`: clauses to AND together and their parameters (shared by
    search, facet counts and the coverage matrix, so that their counts agree by construction)."""
    clauses: list[str] = []
    params: list[object] = []
    if found := text_filter(query.text):
        clauses.append(f"c.id IN ({found[0]})")
        params.extend(found[1])
    if query.countries:
        clauses.append(f"c.country_code IN ({_marks(len(query.countries))})")
        params.extend(query.countries)
    if query.roles:
        clauses.append(f"c.id IN (SELECT contact_id FROM contact_role WHERE role IN ({_marks(len(query.roles))}))")
        params.extend(query.roles)
    if query.expertise:
        clauses.append(
            f"c.id IN (SELECT contact_id FROM contact_expertise WHERE code IN ({_marks(len(query.expertise))}))"
        )
        params.extend(query.expertise)
    if query.org_types:
        clauses.append(
            f"c.organisation_id IN (SELECT id FROM organisation WHERE type IN ({_marks(len(query.org_types))}))"
        )
        params.extend(query.org_types)
    if query.events:
        clauses.append(
            f"c.id IN (SELECT contact_id FROM participation WHERE event_id IN ({_marks(len(query.events))}))"
        )
        params.extend(query.events)
    return clauses, params


def _sql_where(query: SearchQuery) -> tuple[str, list[object]]:
    clauses, params = where_clauses(query)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def search_ids_in(session: Session, query: SearchQuery, limit: int | None = None) -> list[int]:
    """Ids of the matching contacts in SQL, in the index's order. Fetched as one group_concat row (as the index
    reads its order): 100,000 ids in 25 ms instead of 65 ms, and one GIL hand-over instead of 100,000 while the
    GUI thread paints."""
    where, params = _sql_where(query)
    order = "c.sort_key, c.id"
    if own := own_words_filter(query.text):  # as the index orders them (SearchIndex.ids)
        order = f"CASE WHEN c.id IN ({own[0]}) THEN 0 ELSE 1 END, {order}"
        params.extend(own[1])
    sql = f"SELECT c.id FROM contact c{where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    joined = session.connection().exec_driver_sql(f"SELECT group_concat(id) FROM ({sql})", tuple(params)).scalar()
    return _int_list(joined)


def _int_list(joined: str | None) -> list[int]:
    """Integers from SQLite's group_concat of integer ids ("3,17,42"): read as a JSON array, 3x faster than
    int() on each part (8 ms for 100,000 ids)."""
    return json.loads(f"[{joined}]") if joined else []


def search_index(directory: Directory) -> SearchIndex:
    """The directory's in-memory facet index (created on first use, closed with the directory)."""
    index = directory.extras.get("search_index")
    if index is None:
        from directory_app.core.search_index import SearchIndex  # numpy loads with the first search

        index = directory.extras["search_index"] = SearchIndex(directory)
        directory.on_close(index.close)
    return index


def index_is_current(directory: Directory) -> bool:
    """True when the directory's index is built and nothing was written since (a search answers at once)."""
    index = cast("SearchIndex | None", directory.extras.get("search_index"))
    return index is not None and index.is_current()


def search_ids(
    directory: Directory, query: SearchQuery, limit: int | None = None, *, build_index: bool = True
) -> list[int]:
    """Ids of the matching contacts, ordered by folded family name, then given name; when words of the text name a
    facet, those whose own words match come first (`own_words_filter`).

    With `build_index=False` a directory whose index is not built yet (just opened) or out of date (just written
    to) is asked in SQL instead of building the index first: the ids come as they would from the index, without
    the wait (0.3-0.5 s at 100,000 contacts); build it afterwards, e.g. with `facet_counts`."""
    if not build_index and not index_is_current(directory):
        with directory.read() as session:
            return search_ids_in(session, query, limit)
    return search_index(directory).ids(query, limit)


def search(directory: Directory, query: SearchQuery, limit: int | None = None) -> list[ContactRecord]:
    """Full records of the matching contacts, in result order."""
    ids = search_ids(directory, query, limit)
    with directory.read() as session:
        return load_records(session, ids)


def count(directory: Directory, query: SearchQuery) -> int:
    """How many contacts match."""
    return search_index(directory).count(query)


def count_in(session: Session, query: SearchQuery) -> int:
    where, params = _sql_where(query)
    return int(
        session.connection().exec_driver_sql(f"SELECT count(*) FROM contact c{where}", tuple(params)).scalar_one()
    )


def _grouped(session: Session, select: str, join: str, query: SearchQuery, facet: str) -> dict:
    clauses, params = where_clauses(query.without(facet))
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = f"SELECT {select}, count(*) FROM {join}{where} GROUP BY 1"
    return {k: int(n) for k, n in session.connection().exec_driver_sql(sql, tuple(params)) if k is not None}


def facet_counts_in(session: Session, query: SearchQuery) -> FacetCounts:
    where, params = _sql_where(query)
    total = int(
        session.connection().exec_driver_sql(f"SELECT count(*) FROM contact c{where}", tuple(params)).scalar_one()
    )
    return FacetCounts(
        total=total,
        country=_grouped(session, "c.country_code", "contact c", query, "country"),
        role=_grouped(session, "r.role", "contact_role r JOIN contact c ON c.id = r.contact_id", query, "role"),
        expertise=_grouped(
            session, "x.code", "contact_expertise x JOIN contact c ON c.id = x.contact_id", query, "expertise"
        ),
        org_type=_grouped(
            session, "o.type", "contact c JOIN organisation o ON o.id = c.organisation_id", query, "org_type"
        ),
        event=_grouped(session, "p.event_id", "participation p JOIN contact c ON c.id = p.contact_id", query, "event"),
    )


def _whole_directory_counts(execute: Execute) -> FacetCounts:
    # One scan of a covering index per facet and no join: the foreign keys (ON DELETE CASCADE, enforced on every
    # connection of the app) keep each role, expertise and participation row's contact in the directory.
    def grouped(sql: str) -> dict[Any, int]:
        return {key: int(n) for key, n in execute(sql, ()) if key is not None and key != ""}

    org_types = {org_id: org_type for org_id, org_type in execute("SELECT id, type FROM organisation", ())}
    by_type: dict[str, int] = {}
    for org_id, n in grouped("SELECT organisation_id, count(*) FROM contact GROUP BY 1").items():
        org_type = org_types.get(org_id)
        if org_type:
            by_type[org_type] = by_type.get(org_type, 0) + n
    return FacetCounts(
        total=int(next(iter(execute("SELECT count(*) FROM contact", ())))[0]),
        country=grouped("SELECT country_code, count(*) FROM contact GROUP BY 1"),
        role=grouped("SELECT role, count(*) FROM contact_role GROUP BY 1"),
        expertise=grouped("SELECT code, count(*) FROM contact_expertise GROUP BY 1"),
        org_type=by_type,
        event=grouped("SELECT event_id, count(*) FROM participation GROUP BY 1"),
    )


def whole_directory_counts_in(session: Session) -> FacetCounts:
    """facet_counts(directory, SearchQuery()) without the index: ~50 ms at 100,000 contacts, where the index's
    first build takes 0.4-0.5 s. What the filters show at start-up, before the index is built."""
    return _whole_directory_counts(session.connection().exec_driver_sql)


def facet_counts(directory: Directory, query: SearchQuery) -> FacetCounts:
    """Counts per facet value for the current query (for "Serbia (41)" in the filters)."""
    return search_index(directory).facet_counts(query)


def fetch_rows_in(session: Session, ids: Sequence[int], text: str = "") -> list[ContactRow]:
    return _fetch_rows(session.connection().exec_driver_sql, ids, text)


def _fetch_rows(execute: Execute, ids: Sequence[int], text: str = "") -> list[ContactRow]:
    ids = list(ids)
    rows: dict[int, ContactRow] = {}
    # A phone number searched for: the row shows the number that matched, not the contact's first one.
    match = phone_match(text) if text else None
    phone_order = f"(CASE WHEN {match[0]} THEN 0 ELSE 1 END), position" if match else "position"
    for chunk in _chunks(ids):
        marks, params = _marks(len(chunk)), tuple(chunk)
        roles: dict[int, list[str]] = {}
        for cid, role in execute(f"SELECT contact_id, role FROM contact_role WHERE contact_id IN ({marks})", params):
            roles.setdefault(cid, []).append(role)
        for r in execute(
            "SELECT c.id, c.given_name, c.family_name, c.latin_given_name, c.latin_family_name, o.name, c.position, "
            "c.country_code, "
            "(SELECT address FROM contact_email e WHERE e.contact_id = c.id ORDER BY position LIMIT 1), "
            "(SELECT coalesce(e164, raw) FROM contact_phone p WHERE p.contact_id = c.id "
            f"ORDER BY {phone_order} LIMIT 1) "
            f"FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.id IN ({marks})",
            (*match[1], *params) if match else params,
        ):
            latin = " ".join(p for p in ((r[3] or r[1]), (r[4] or r[2])) if p) if (r[3] or r[4]) else ""
            rows[r[0]] = ContactRow(
                id=r[0],
                given_name=r[1],
                family_name=r[2],
                latin_name=latin,
                organisation=r[5] or "",
                position=r[6],
                country=r[7],
                roles=tuple(roles.get(r[0], ())),
                email=r[8] or "",
                phone=r[9] or "",
            )
    return [rows[i] for i in ids if i in rows]


def fetch_rows(directory: Directory, ids: Sequence[int], text: str = "") -> list[ContactRow]:
    """Table rows for `ids`, in that order (the lazy table model asks for a page at a time); `text`, the query's,
    when it is a phone number: each row shows the number that matched."""
    with directory.read() as session:
        return fetch_rows_in(session, ids, text)


@dataclass(frozen=True)
class FirstLook:
    """The whole directory in result order, read before the directory is opened (see `first_look`)."""

    ids: list[int]  # every contact, in the order of search_ids(SearchQuery())
    rows: list[ContactRow]  # the first `page` of them
    counts: FacetCounts  # as whole_directory_counts_in (the filters' values and counts)
    events: list[tuple[int, str]]  # (id, name), in the order of contacts.list_events

    @property
    def total(self) -> int:
        return len(self.ids)


def first_look(path: Path, page: int) -> FirstLook | None:
    """What the window shows first, read with the bare SQLite driver, read-only, in 0.1-0.15 s at 100,000
    contacts: the window can show it, facet counts included, while SQLAlchemy loads and the directory is opened
    (0.5 s), and the index is built (0.4 s).

    None whenever anything is unusual (missing, encrypted, of another schema version, unreadable): the caller then
    just waits for the opening, which explains what is wrong or upgrades the file. Nothing is written.
    """
    try:
        if check_file(Path(path)) != "ours":
            return None
        conn = raw_connect(Path(path), read_only=True)
    except (DirectoryError, OSError, sqlite3.Error):  # the opening that follows reports it properly
        log.debug("no first look at %s", path, exc_info=True)
        return None
    try:
        conn.execute("PRAGMA busy_timeout = 100")  # a writer in the middle of a checkpoint: do not wait for it
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) != migrations.SCHEMA_VERSION:
            return None  # to be upgraded first
        conn.execute("BEGIN")  # one consistent read
        ids = _int_list(conn.execute(ORDERED_IDS_SQL).fetchone()[0])
        events = conn.execute(
            "SELECT id, name FROM event ORDER BY start_date IS NULL, start_date DESC, name"
        ).fetchall()
        return FirstLook(ids, _fetch_rows(conn.execute, ids[:page]), _whole_directory_counts(conn.execute), events)
    except (sqlite3.Error, OSError, ValueError):
        log.debug("no first look at %s", path, exc_info=True)
        return None
    finally:
        conn.close()
