"""Whose name a full-name cell holds (a person's or an office's), and which of its words is the surname when no
capitals say it: "Jelena Petrović" or "Petrović Jelena".

A header may say the surname comes first ("Prezime i ime", "Nom et prénom"), but lists do not always follow their
header, and most full-name columns ("Name", "Ime i prezime", "Participant") say nothing. The list itself often
tells: the rows where the surname is in capitals ("PETROVIĆ Jelena"), and the e-mail addresses beside the names
("jelena.petrovic@...", "jpetrovic@...": addresses are written first name first almost everywhere). The evidence
of every row of the column is counted, and the column is read the way a clear majority shows; without a clear
majority each row's own address decides, and without one the header, as before.

Written by hand: no library reads name order from e-mail addresses. The column's vote comes first, because a few
offices write their addresses surname first ("petrovic.jelena@"): one row's address may mislead, a whole list's
rarely does. A row's own address decides where the list shows no clear way (a meeting's report, where each
office's directory writes names its own way), and, whatever the list's way, where it cannot mislead (`own_order`):
it gives the first name's initial ("m.maric"), or spells the name in the cell's own order ("Marko Marić",
marko.maric@, in a list written surname first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from directory_app.core import vocab
from directory_app.core.countries import resolve_city, resolve_country
from directory_app.core.folding import fold, fold_variants, is_latin
from directory_app.core.importing.mapping import SheetPlan, family_first, is_caps_word, split_honorific
from directory_app.core.importing.reading import cell_text

__all__ = [
    "ADDRESS_FIELDS",
    "NameOrder",
    "device_name",
    "name_order",
    "office_name",
    "one_name_twice",
    "order_by_addresses",
    "own_order",
    "persons_name",
    "without_remarks",
]

# A remark in brackets in a full-name cell (a letter in it: not "(0)").
_BRACKETED = re.compile(r"\([^()]*[^\W\d_][^()]*\)|\[[^\[\]]*[^\W\d_][^\[\]]*\]")
_LOCAL_PART = re.compile(r"([\w.'+-]+)@([\w-]+(?:\.[\w-]+)*)")
# Hungarian offices make addresses surname first ("kovacs.anna@police.hu"), as Hungarian writes names: under a .hu
# domain the word an address begins with is the surname. (Only the domain shows it: a Hungarian's private address
# elsewhere is read the usual way.)
_SURNAME_FIRST_DOMAINS = (".hu",)
_PIECES = re.compile(r"[._+'\-\d]+")
_GIVEN_FIRST, _SURNAME_FIRST = "given", "surname"
# The fields whose cells can hold an e-mail address.
ADDRESS_FIELDS = frozenset({"email", "phone", "mobile", "fax", "notes"})
# A majority is clear when it is at least twice the other side.
_CLEAR = 2


@dataclass(frozen=True)
class NameOrder:
    surname_first: bool
    # Why, when the list itself decided against (or without) its header: for the import's notes. "" otherwise.
    reason: str = ""
    # Rows show both orders with no clear majority (a meeting's report: each office writes names its own way):
    # a row's own address decides for it.
    mixed: bool = False


def without_remarks(name: str) -> str:
    """A full name without its remarks in brackets: "Petrović Jelena (RJT)", "Luan Krasniqi (Guest)" in a
    meeting's report, "Ana Kovač (interpreter)". A name that is all remark is kept as written."""
    return " ".join(_BRACKETED.sub(" ", name).split()) or " ".join(name.split())


def name_remarks(name: str) -> list[str]:
    """The remarks in brackets of a full name, without their brackets ("Ivan Petrov (Head of Unit)" ->
    ["Head of Unit"]); none when the name is all remark (`without_remarks` keeps it as written). An online
    meeting's own label ("(Gast)", "[Invité]", "(Гость)", "(Nicht überprüft)") says nothing of the person: left out."""
    if not _BRACKETED.sub(" ", name).strip():
        return []
    return [
        piece
        for m in _BRACKETED.finditer(name)
        if (text := " ".join(m[0][1:-1].split())) and not _PLATFORM_LABEL.fullmatch(fold(text))
        for piece in (_place_apart(text) if "," in text else (text,))
    ]


def _place_apart(remark: str) -> list[str]:
    """A remark's country, and the city before it, apart from the rest: "MUP Srbije, Serbia" -> ["MUP Srbije",
    "Serbia"], "Ministry of Interior, Zagreb, Croatia" -> [..., "Zagreb", "Croatia"], "Croatia, MUP". They were
    stored together as the person's organisation. Without a country, the remark stays whole ("Ministry of Interior,
    Border Police")."""
    pieces = [p.strip() for p in remark.split(",")]
    if not all(pieces):
        return [remark]
    if resolve_country(pieces[-1]) is None:
        if len(pieces) == 2 and resolve_country(pieces[0]) is not None:  # "Croatia, MUP"
            return pieces
        return [remark]
    end = len(pieces) - 1
    while end > 0 and resolve_city(pieces[end - 1]) is not None and resolve_country(pieces[end - 1]) is None:
        end -= 1
    return [", ".join(pieces[:end])] * bool(end) + pieces[end:]


# The label a meeting's platform (Teams, Zoom, Webex, Meet) writes after a guest's, an outside user's or an
# unverified caller's name, in the languages its users run it in. Folded text. (Pronouns, "(she/her)", are the
# person's own: kept in the notes.)
_PLATFORM_LABEL = re.compile(
    r"(?:guest|gast|gost|gosc|invitee?|invitad[oa]|ospite|misafir|konuk|mysafir|i ftuar|vendeg|oaspete|invitat"
    r"|external|extern[eoai]?|esterno|eksterni|eksternal|zewnetrzny|vanjski|spoljni|spoljasnji|nadvoreshen|vanshen"
    r"|vneshniy|harici|kulso|i jashtem|unverified|not verified|nicht (?:uberpruft|verifiziert)|non verifie"
    r"|no verificado|non verificato|niezweryfikowany|ne provereno|neproverennyy|neprovereni|nepotvrden|neverifikovan"
    r"|dogrulanmamis|anonymous|anonym|anonyme|anonim)"
    r"(?:\s*[,;/]\s*(?:guest|gast|external|extern|unverified|nicht (?:uberpruft|verifiziert)))*"
)


def name_order(plan: SheetPlan, column: int) -> NameOrder:
    """How the full names of `column` are written, from the header and the list's own evidence (module doc).

    Remembered on the plan: asked once per row, worked out once per sheet and column."""
    key = (column, plan.header_index, tuple(plan.mapping))
    cache = plan.name_orders
    if key not in cache:
        cache[key] = _decide(plan, column)
    return cache[key]


def _decide(plan: SheetPlan, column: int) -> NameOrder:
    header = plan.headers[column] if column < len(plan.headers) else ""
    by_header = family_first(header)
    given_first, surname_first, caps_given, caps_surname = _votes(plan, column)
    if (caps_surname and not caps_given and given_first > caps_given) or (
        caps_given and not caps_surname and surname_first > caps_surname
    ):
        # The capitals say one order and the rows without capitals' own addresses the other ("PETROVIĆ Marko"
        # above "Jelena Marić", jelena.maric@...): lists pasted together, each row read its own way.
        return NameOrder(by_header, mixed=True)
    if given_first >= _CLEAR * surname_first and given_first and by_header:
        why = f"{given_first} of {given_first + surname_first}"
        return NameOrder(False, f"read first name first, as {why} rows show, though the header says surname first")
    if surname_first >= _CLEAR * given_first and surname_first and not by_header:
        why = f"{surname_first} of {given_first + surname_first}"
        return NameOrder(True, f"read surname first, as {why} rows show (surname in capitals or e-mail address)")
    clear = given_first >= _CLEAR * surname_first or surname_first >= _CLEAR * given_first
    return NameOrder(by_header, mixed=not clear)


def _votes(plan: SheetPlan, column: int) -> tuple[int, int, int, int]:
    """(rows showing first name first, rows showing surname first, and of each, the rows that show it by a
    surname in capitals) in the column below the header."""
    if plan.header_index is None:
        return 0, 0, 0, 0
    address_columns = [c for c, target in enumerate(plan.mapping) if target in ADDRESS_FIELDS]
    given_first = surname_first = caps_given = caps_surname = 0
    for row in plan.sheet.rows[plan.header_index + 1 :]:
        if column >= len(row):
            continue
        cell = cell_text(row[column].value)
        if not cell:
            continue
        local_parts = None
        for bare in _spellings(cell):  # "МАРИЈА ПЕТРОВИЋ / Marija Petrović": each spelling on its own
            if "," in bare:
                continue  # "Petrović, Jelena" says its order itself ("Ivan Kovač, Kosovo" is counted)
            words = split_honorific(bare)[1].split()
            if len(words) < 2 or vocab.infer_org_type(bare):
                continue  # an office's capitals ("UNODC – Jelena Marić", "OSCE THB Unit") show no name's order
            if local_parts is None:
                local_parts = _local_parts(cell_text(row[c].value) for c in address_columns if c < len(row))
            vote = _vote(words, local_parts)
            by_caps = any(is_caps_word(w) for w in words) and not all(is_caps_word(w) for w in words)
            if vote == _GIVEN_FIRST:
                given_first += 1
                caps_given += by_caps
            elif vote == _SURNAME_FIRST:
                surname_first += 1
                caps_surname += by_caps
    return given_first, surname_first, caps_given, caps_surname


_SPELLINGS_APART = re.compile(r"\s+/\s+")


def one_name_twice(text: str) -> bool:
    """Whether a full-name cell holds one name in two scripts, a spaced slash between: "Ахмед Хаким / Ahmed
    Hakim", "Hans Richter / Ханс Рихтер" (the folded spellings alike, word for word). Not "Ана Трајковска / MVR",
    nor "Elira Hoxha / Albania" (one script). Told apart before what is beside a name is taken off: "Ahmed Hakim"
    (hakim: a judge in Turkish) was read as a position written beside "Ахмед Хаким", and brought the role."""
    parts = [" ".join(p.split()) for p in _SPELLINGS_APART.split(text)]
    if len(parts) != 2 or not all(parts) or is_latin(parts[0]) == is_latin(parts[1]):
        return False
    first, second = fold(parts[0]), fold(parts[1])
    return len(first.split()) == len(second.split()) and fuzz.ratio(first, second) >= _ALIKE


_ALIKE = 70  # two spellings of one name, folded: "akhmed khakim" and "ahmed hakim" score 92, other words below 50


def persons_name(piece: str, *, person_nouns: bool = False) -> bool:
    """Whether a piece of a full-name cell with a profession's word in it is a person's name all the same: "Ahmed
    Hakim", "Maria Sudac", "Richter Hans" (a surname that is a judge's word in Turkish, Croatian, German). Two or
    three words written as names are (a capital, then small letters; or the surname in capitals), the profession's
    word first or last, and no other word of a position, an office, a place or a court's kind ("Public
    Prosecutor", "Viši sudija", "Vorsitzender Richter" are positions). For the pieces of "Ahmed Hakim - OSCE": the
    name was taken for a position beside the office, and the whole cell was stored as an office's name.

    `person_nouns`: only a word for a person of the profession counts ("Savcı", a prosecutor, not "Polizei", the
    police), for a cell whole, where "Policija Crne Gore" is an office's name."""
    from directory_app.core.importing.normalise import a_position  # (normalise.py imports this module)

    words = piece.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and (w[1:].islower() or w.isupper()) for w in words):
        return False
    # Only a role's word can be a surname ("Hakim", "Sudac", "Savcı"): "Legal Advisor", "Programme Officer" are
    # positions.
    professions = [i for i, w in enumerate(words) if vocab.infer_roles(w, "") and (a_position(w) or not person_nouns)]
    if len(professions) != 1 or professions[0] not in (0, len(words) - 1):
        return False
    return not any(
        fold(w) in _QUALIFIERS or a_position(w) or vocab.infer_org_type(w) or resolve_country(w) or resolve_city(w)
        for i, w in enumerate(words)
        if i != professions[0]
    )


# Words that make a profession's word a position, not a surname ("Public Prosecutor", "Viši sudija", "Üye Hakim",
# "Vorsitzender Richter"), folded. (Head, deputy, senior... are `a_position`'s own.)
_QUALIFIERS = frozenset((
    "public", "state", "basic", "special", "district", "high", "higher", "supreme", "federal", "military",
    "regional", "municipal", "county", "cantonal", "appellate", "appeal", "appeals", "investigating", "juvenile",
    "presiding", "lay", "associate", "trial", "misdemeanour", "misdemeanor", "commercial", "administrative",
    "constitutional", "criminal", "civil", "family", "general", "main", "national", "international", "local",
    "border", "city", "court", "police", "drzavni", "javni", "osnovni", "visi", "visa", "opstinski", "opcinski",
    "kantonalni", "okruzni", "vrhovni", "specijalni", "posebni", "glavni", "republicki", "prekrsajni", "privredni",
    "upravni", "ustavni", "apelacioni", "zupanijski", "istrazni", "cumhuriyet", "uye", "baskan", "agir", "ceza",
    "asliye", "sulh", "idare", "vergi", "kidemli", "yardimcisi", "vorsitzender", "leitender", "beisitzender",
    "stellvertretender", "ehrenamtlicher", "oberster", "erster", "shtetit", "themelore", "larte", "apelit",
))  # fmt: skip


def _spellings(cell: str) -> list[str]:
    """The name of a full-name cell as the import stores it, each of its spellings apart: without its remarks in
    brackets ("Ana Kovač (Gast)", "(she / her)") and what is written beside it after a dash or a bar ("Ana Kovač -
    OSCE", "Ana Kovač | Ministry of Interior": `normalise._separated_remarks`). Counted whole, the office's words
    took the row out of the count, and a capital word beside the name ("- EXTERN") was read as its surname."""
    from directory_app.core.importing.normalise import _separated_remarks  # (normalise.py imports this module)

    name, _beside = _separated_remarks(without_remarks(cell))
    return _SPELLINGS_APART.split(name)


def order_by_addresses(name: str, texts: Iterable[str]) -> bool | None:
    """Whether a row's own e-mail addresses (in `texts`) show `name` written surname first (True), first name
    first (False), or do not tell (None). For a name typed whole into the surname or first-name cell of a form."""
    words = split_honorific(without_remarks(name))[1].split()
    if len(words) < 2:
        return None
    vote = _vote(words, _local_parts(texts))
    return None if vote is None else vote == _SURNAME_FIRST


def own_order(name: str, texts: Iterable[str]) -> bool | None:
    """Whether a row's own e-mail addresses (in `texts`) show `name` written surname first (True) or first name
    first (False) beyond doubt, whatever the list's order: an address that writes the first name as an initial
    ("m.maric", "maricm", "maric.m": nobody shortens their surname), or that spells the name in the order the cell
    does ("marko.maric" beside "Marko Marić", read as addresses are written: first name first, but under a
    surname-first domain). None otherwise: "novak.ivan" beside "Ivan Novak" is an office writing addresses surname
    first or a cell written surname first, which the list's order tells."""
    local_parts = _local_parts(texts)
    words = split_honorific(without_remarks(name))[1].split() if local_parts else []
    if len(words) < 2:
        return None
    variants = [set(fold_variants(w)) for w in words]
    found = {
        order
        for local, surname_leads in local_parts
        if (order := _order_in_address(variants, local, surname_leads)) and _as_written(variants, local)
    }
    return found.pop() == _SURNAME_FIRST if len(found) == 1 else None


def _as_written(variants: list[set[str]], local: str) -> bool:
    """Whether an address's local part that names the person (`_order_in_address` read it) writes the first name as
    an initial, or the name's words in the cell's order: anything but its last word then its first, both in full
    ("novak.ivan", "novakivan" beside "Ivan Novak")."""
    first, last = variants[0], variants[-1]
    pieces = [p for p in _PIECES.split(local) if p]
    if len(pieces) >= 2:
        head, tail = pieces[0], pieces[-1]
        return not (len(head) > 1 and len(tail) > 1 and head in last and tail in first)
    return not any(pieces[0] == s + g for s in last for g in first)


# What an online meeting's report shows for a participant who gave no name: the device ("iPhone (2)", "Galaxy
# S21", "DESKTOP-7H2K9LQ", "Ana's iPad", "iPhone de Marko"), a dial-in caller ("Call-in User_3", "+381 64 123 4567")
# or the platform's placeholder ("Guest", "Zoom user"). Folded text, remarks in brackets taken off.
_DEVICE = (
    r"(?:i ?phone|i ?pad|android|galaxy|samsung|huawei|xiaomi|redmi|oppo|motorola|nokia|pixel|oneplus|honor|"
    r"macbook|laptop|desktop|pc|tablet|telefon|phone|mobile)"
)
_DEVICE_NAME = re.compile(
    rf"(?:(?:{_DEVICE}(?:[\s_-]+[a-z0-9-]*\d[a-z0-9-]*|[\s_-]+(?:ultra|plus|pro|max|mini|lite|note|edge))*"
    rf"|\w+'?s {_DEVICE}|{_DEVICE} (?:de|od|di|von|of|от) \w+"
    r"|sm-[a-z0-9]+|desktop-[a-z0-9]+|laptop-[a-z0-9]+"
    r"|(?:breakout[\s_-]*)?(?:room|raum|salle|sala|soba)[\s_-]*\d+\b.*"  # a breakout room's own line
    r"|(?:call-?in|dial-?in|phone|telephone|zoom|teams|webex|anonymous|unknown|external)[\s_-]*(?:user|caller|"
    r"participant|guest)?[\s_-]*\d*|guest[\s_-]*\d*|user[\s_-]*\d+)(?:\s*\(\d+\))?|[+(]?\d[\d\s()./-]{5,})"
)


def device_name(name: str) -> bool:
    """Whether a full-name cell names a device, a dial-in caller or a platform's placeholder instead of a person
    (`_DEVICE_NAME`): an online meeting's report lists them, and they are no contacts."""
    text = fold(without_remarks(name)).replace("’", "'")
    return bool(_DEVICE_NAME.fullmatch(" ".join(text.split())))


def office_name(name: str, texts: Iterable[str]) -> bool:
    """Whether a full-name cell names an office or an account, not a person: "OSCE Secretariat TNTD", "IOM
    Skopje", "MUP RS" (an online meeting's host, a shared mailbox). It names an organisation (the keywords of
    `vocab.infer_org_type`), and the row's addresses do not name two of its words ("jelena.petrovic@osce.org" is
    Jelena Petrović's, even written "Jelena Petrović OSCE"). The office's own words do not count: "OSCE THB Unit"
    writes to "osce.thb@osce.org". A person whose surname is a prosecutor's word ("Ali Savcı") is no office."""
    if vocab.infer_org_type(name) is None or persons_name(name, person_nouns=True):
        return False
    words = [
        set(fold_variants(w)) if vocab.infer_org_type(w) is None else set()
        for w in split_honorific(" ".join(name.split()))[1].split()
    ]
    for local, _surname_leads in _local_parts(texts):
        pieces = [p for p in _PIECES.split(local) if p]
        named = {i for i, variants in enumerate(words) for p in pieces if variants and _names(p, variants)}
        whole = {i for i, variants in enumerate(words) for p in pieces if len(p) > 1 and p in variants}
        if len(named) >= 2 and whole:
            return False
    return True


def _local_parts(texts: Iterable[str]) -> list[tuple[str, bool]]:
    """(local part, whether its domain writes surnames first) of each address in `texts`."""
    return [
        (fold(local), domain.casefold().endswith(_SURNAME_FIRST_DOMAINS))
        for text in texts
        if "@" in text
        for local, domain in _LOCAL_PART.findall(text)
    ]


def _vote(words: list[str], local_parts: list[str]) -> str | None:
    """What one row shows: the surname in capitals, or an address that names the person first name first."""
    caps = [is_caps_word(w) for w in words]
    if any(caps) and not all(caps):
        if caps[0] and not caps[-1]:
            return _SURNAME_FIRST
        if caps[-1] and not caps[0]:
            return _GIVEN_FIRST
        return None
    variants = [set(fold_variants(w)) for w in words]
    found = {order for local, hu in local_parts if (order := _order_in_address(variants, local, hu))}
    return found.pop() if len(found) == 1 else None


def _order_in_address(variants: list[set[str]], local: str, surname_leads: bool = False) -> str | None:
    """Given first or surname first, when the address's local part names the first and the last of the words.

    Which word is the first name: the one written as an initial ("j.petrovic", "jpetrovic", "petrovic.j": nobody
    shortens their surname), else the one the address begins with ("jelena.petrovic", "jelenapetrovic"), or ends
    with where addresses lead with the surname (`surname_leads`: "kovacs.anna@police.hu")."""
    first, last = variants[0], variants[-1]
    if first & last:
        return None  # "Ivan Ivan": nothing to tell
    pieces = [p for p in _PIECES.split(local) if p]
    if len(pieces) >= 2:
        head, tail = pieces[0], pieces[-1]
        if len(head) == 1 and len(tail) == 1:
            return None
        # The word the address begins with is the first name, unless the other is written as an initial.
        if _names(head, first) and _names(tail, last):
            given_is_first = len(tail) > 1 and not (surname_leads and len(head) > 1)
        elif _names(head, last) and _names(tail, first):
            given_is_first = len(tail) == 1 or (surname_leads and len(head) > 1)
        else:
            return None
    elif len(pieces) == 1:
        given_is_first = _given_in_one_piece(pieces[0], first, last, surname_leads)
        if given_is_first is None:
            return None
    else:
        return None
    return _GIVEN_FIRST if given_is_first else _SURNAME_FIRST


def _given_in_one_piece(whole: str, first: set[str], last: set[str], surname_leads: bool = False) -> bool | None:
    """Whether the first word is the first name, from an address of one piece ("jpetrovic", "jelenapetrovic",
    "petrovicj", or "kovacsanna" where addresses lead with the surname); None when it does not tell."""
    for given, surname, given_is_first in ((first, last, True), (last, first, False)):
        for g in given:
            for s in surname:
                if len(g) > 1 and whole in (g[0] + s, s + g[0], s + g if surname_leads else g + s):
                    return given_is_first
    return None


def _names(piece: str, word_variants: set[str]) -> bool:
    """The address piece is the word, or its initial."""
    if len(piece) == 1:
        return any(v.startswith(piece) for v in word_variants)
    return piece in word_variants
