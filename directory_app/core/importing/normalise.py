"""One spreadsheet row -> one `SourceRow`: the contact as it will be stored, plus what is doubtful about it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache

import phonenumbers

from directory_app.core import vocab
from directory_app.core.contacts import prepare, tidy_address
from directory_app.core.countries import country_name, country_of_domain, resolve_city, resolve_country
from directory_app.core.dates import looks_like_day, read_day
from directory_app.core.emails import split_emails
from directory_app.core.folding import fold, fold_variants, is_latin, proper_case, turkish_name
from directory_app.core.importing.mapping import (
    FIELD_LABELS,
    ORIGINAL_SUFFIX,
    REPORT_HEADERS,
    SheetPlan,
    address_group,
    consent_option,
    is_report_layout,
    normalise_header,
    normalise_honorific,
    note_line,
    parse_attended,
    parse_consent,
    part_from_text,
    point_label_header,
    private_header,
    split_full_name,
    split_honorific,
    split_post_nominal,
)
from directory_app.core.importing.names import (
    ADDRESS_FIELDS,
    device_name,
    name_order,
    name_remarks,
    office_name,
    one_name_twice,
    order_by_addresses,
    own_order,
    persons_name,
    without_remarks,
)
from directory_app.core.importing.reading import Cell, cell_text
from directory_app.core.languages import parse_languages
from directory_app.core.phones import PhoneResult, is_extension, normalise_phone
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry

MAX_NAME_LENGTH = 120  # longer than any real name: a pasted paragraph, not a person
LONG_VALUE = 400  # position, organisation... longer than this are imported but reported


RowKey = tuple[str, str, int, int]  # file, sheet, row number, person on the row (see SourceRow.person)


def row_label(row_number: int, person: int = 0) -> str:
    """'12', or '12, person 2' for the second delegate a form's row 12 registers."""
    return f"{row_number}, person {person}" if person else str(row_number)


@dataclass
class SourceRow:
    """A person read from a source (spreadsheet row, vCard...), ready for `import_rows`.

    `contact` is None when the row cannot be imported; `skip_reason` says why. `ignored` rows are not people
    (a "Total: 25" line, a repeated header): reported, not counted as skipped. `problems` are doubts about a row
    that is imported anyway (a phone kept as typed, a hidden row...).
    """

    file: str
    sheet: str
    row_number: int
    original: dict[str, str]
    contact: ContactInput | None
    part: str = "participant"
    problems: list[str] = field(default_factory=list)
    # False when the list says the person registered but did not take part: a contact, not a participant.
    attended: bool | None = None
    skip_reason: str = ""
    ignored: bool = False
    # Which of the people on one row this is (1, 2...) when a form gives each row a delegation; 0 otherwise.
    person: int = 0
    # The events the row itself names, with the part taken (a directory's export: its "Events" column).
    events: list[tuple[str, str]] = field(default_factory=list)
    # The contact an import report says this row became (its "Contact id"), when the row comes from one.
    reported_id: int | None = None
    # A row with no name and only e-mails or phones: its cells, for `rows_of_sheet` to give to the person above.
    _details: dict[str, list[tuple[int, Cell, str]]] | None = field(default=None, init=False, repr=False, compare=False)
    # `prepare(contact)` as last computed, with the contact it was computed from (see `prepared()`).
    _prepared: tuple[ContactInput, ContactInput | DirectoryError] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def key(self) -> RowKey:
        return (self.file, self.sheet, self.row_number, self.person)

    def prepared(self) -> ContactInput | DirectoryError | None:
        """The contact as `prepare()` completes it, or the DirectoryError it raised; None when there is no contact.

        Remembered for as long as `contact` is the same object: the wizard's dry-run preview and the import that
        follows it prepare the same rows (importing does not change a row, and `prepare` returns a new object)."""
        contact = self.contact
        if contact is None:
            return None
        hit = self._prepared
        if hit is not None and hit[0] is contact:
            return hit[1]
        try:
            result: ContactInput | DirectoryError = prepare(contact)
        except DirectoryError as exc:
            result = exc
        self._prepared = (contact, result)
        return result

    @property
    def where(self) -> str:
        return f"{self.file}, sheet {self.sheet}, row {row_label(self.row_number, self.person)}"


_EMPTY_MARKERS = frozenset(
    {"n/a", "na", "n.a.", "n a", "-", "--", "—", "–", "/", "none", "nil", "null", "x", "?", "нет", "не", "nema",
     "нема", "yok", "ska", "keine", "aucun", "aucune", "tbd", "tbc", "...",
     "anonymous", "anonyme", "anonim"}  # what Microsoft Forms writes for a respondent who did not sign in
)  # fmt: skip
_TOTAL_RE = re.compile(
    r"^\s*(total|totals|sum|grand total|sub ?-?totals?|sous-total|zwischensumme|ukupno|укупно|вкупно|итого|всего"
    r"|gesamt|insgesamt|gjithsej|toplam|ara toplam|medjuzbir|međuzbir)\b",
    re.IGNORECASE,
)
_ODD_NAME_CHARS = re.compile(r"[@:;<>=\\{}\[\]|#$%^*_~\d]")
# A label before a number in a phone cell: "tel. 011 123 4567 mob. 064 123 4567", "T: ... M: ...".
_PHONE_LABEL = r"(?:(?:mob|cell|tel|моб|тел)\w*|gsm|cep|phone|fa[xk]s?|факс)(?!\w)\.?|[tmf]\s*[:.]"
_PHONE_SPLIT = re.compile(  # ":::" is how Google Contacts' export joins a label's several numbers
    rf"\s*(?:[;,\n]|:::|\s/\s|\s+or\s+|\s+ili\s+|\s+или\s+)\s*|(?<=\d)\s+(?={_PHONE_LABEL})", re.IGNORECASE
)
_FAX_LABEL = re.compile(r"\W*(?:(?:tele)?fa[xk]s?(?!\w)|(?:теле)?факс|f\s*[:.])", re.IGNORECASE)
_MOBILE_LABEL = re.compile(r"\W*(?:mob|cell|gsm|cep(?!\w)|моб|m\s*[:.])", re.IGNORECASE)
# Digits enough for a phone number: a part with fewer is an extension or a remark ("lok. 23"), not a number.
_NUMBER_DIGITS = 6


# A run of dashes, dots or underscores typed for "nothing" ("---", "....", "___"): looked up with the words above,
# so that the 90,000 cells of a long list pay one set lookup each, as before.
_EMPTY_MARKERS = _EMPTY_MARKERS | {char * n for char in "-–—_.·" for n in range(1, 13)}
# The error values a spreadsheet shows for a formula it cannot compute: they hold nothing of the person.
_SHEET_ERROR = re.compile(r"#(?:N/A|REF!|VALUE!|DIV/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!|FIELD!|BLOCKED!)", re.IGNORECASE)


_TURKISH_LETTER = re.compile("[ŞşİĞğı]")  # a name with one may lower the Turkish way (folding.turkish_name)


def is_empty_marker(text: str) -> bool:
    return text.strip().casefold() in _EMPTY_MARKERS


_PLACE_SPLIT = re.compile(r"\s*(?:[,;/|()\[\]]|\s[-–—]\s)\s*")


@lru_cache(maxsize=4096)
def _country(text: str) -> tuple[str | None, str]:
    """(country code, the place written with it) from a country cell: "Serbia", a city and its country
    ("Beograd, Srbija", "Novi Sad / Serbia", "Skopje (North Macedonia)") in a "City, country" column, or a known city
    alone ("Skopje")."""
    code = resolve_country(text)
    if code is not None:
        return code, ""
    parts = [p for p in _PLACE_SPLIT.split(text) if p]
    if len(parts) >= 2:
        found = [(i, c) for i, p in enumerate(parts) if (c := resolve_country(p)) is not None]
        if len({c for _, c in found}) == 1:
            rest = [p for i, p in enumerate(parts) if i not in {j for j, _ in found}]
            return found[0][1], ", ".join(rest)
    if len(parts) == 1 and (code := resolve_city(text)) is not None:  # "Skopje" written for the country
        return code, parts[0]
    return None, ""


# What international organisations' staff write in a country column: no country, and not a doubt either (kept in
# the notes as written).
_NO_COUNTRY = frozenset(fold(word) for word in (
    "international", "regional", "interregional", "global", "headquarters", "HQ", "EU", "European Union", "UN",
    "United Nations", "multiple", "various", "međunarodna", "međunarodni", "ndërkombëtare", "uluslararası",
    "международная", "международна", "меѓународна", "међународна", "international organisation",
))  # fmt: skip


def _name_country(plan: SheetPlan, country_text: str) -> str | None:
    """The row's country as far as its name's spelling needs it: the cell's name for it, else the sheet's."""
    return (resolve_country(country_text) if country_text else None) or plan.country


@lru_cache(maxsize=4096)
def _roles(position: str, organisation: str) -> tuple[str, ...]:
    return tuple(vocab.infer_roles(position, organisation))


@lru_cache(maxsize=4096)
def _expertise(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes, keywords = vocab.map_expertise(text)
    return tuple(codes), tuple(keywords)


@lru_cache(maxsize=256)
def _column_name_at(header: str, col: int) -> str:
    if header:  # (an import report's "Surname (original)" is the list's "Surname")
        return " ".join(header.removesuffix(ORIGINAL_SUFFIX).split())
    from openpyxl.utils import get_column_letter

    return f"Column {get_column_letter(col + 1)}"


def _column_name(plan: SheetPlan, col: int) -> str:
    return _column_name_at(plan.headers[col] if col < len(plan.headers) else "", col)


def _original(plan: SheetPlan, row: list[Cell], texts: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    # An import report's own columns (what became of the row) are not the row's: its next report adds its own.
    first = len(REPORT_HEADERS) if is_report_layout(plan.headers) else 0
    for col, cell in enumerate(row[first:], first):
        text = texts[col]
        if not text and cell.formula:
            text = cell.formula
        if text:
            name = _column_name(plan, col)
            while name in out:
                name += " "
            out[name] = text
    return out


# An address written in a cell with other things: "a.b@x.org / 068 765 4321", "<a.b@x.org>".
_ADDRESS_IN_TEXT = re.compile(r"[^\s<>,;/()\[\]\"']+@[^\s<>,;/()\[\]\"']+")


def _numbers_beside(text: str) -> list[str]:
    """What a cell holds besides its e-mail addresses, when it has digits enough for a phone number."""
    if "@" not in text or _digits(text) < _NUMBER_DIGITS:
        return []
    rest = re.sub(r"[()\[\]<>]", " ", _DATE_IN_TEXT.sub(" ", _ADDRESS_IN_TEXT.sub(" ", text)))
    rest = _MAILTO_WORD.sub(" ", rest).strip(" \n\t/,;|:-")
    return [rest] if _digits(rest) >= _NUMBER_DIGITS else []


def _digits(text: str) -> int:
    return len(_DIGIT.findall(text))


_DIGIT = re.compile(r"\d")
# A date or a year beside an address: "(until 31.12.2025)", "from 2026".
_DATE_IN_TEXT = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b")
_MAILTO_WORD = re.compile(r"\b(?:mailto|e-?mail|email|e-pošta|е-пошта|courriel)\s*:?", re.IGNORECASE)


# One name in two spellings, a spaced slash between them: "Марија Петровић / Marija Petrović".
_TWO_SPELLINGS = re.compile(r"([^/]*[^\W\d_][^/]*?)\s+/\s+([^/]*[^\W\d_][^/]*)")
# A meeting's marks after a name that say nothing of the person: Teams' "(Guest)", "(External)", Zoom's "(me)".
_MEETING_MARK = re.compile(r"(?i)(?:guest|gast|gost|external|extern|unverified|me|tbc|to be confirmed)")
# Words of a position, folded, beyond the role words `vocab.infer_roles` knows: "(Head of Unit)", "(Načelnik)".
_POSITION_WORD = re.compile(
    r"\b(?:head|chief|director|deputy|advis[eo]r|officer|expert|coordinator|inspector|investigator|analyst|"
    r"assistant|interpreter|translator|specialist|manager|secretary|counsell?or|attache|consultant|commissioner|"
    r"president|minister|lawyer|attorney|psychologist|nacelnik|sef|savjetnik|savetnik|direktor|koordinator|"
    r"inspektor|zamjeni[kc]|zameni[kc]|strucn|referent|prevodil|drejtor|keshilltar|shef|zevendes|uzman|mudur|baskan|"
    r"sluzbeni[kc]|"
    r"komiser|danisman|tercuman|nachalnik|sovetnik|ekspert|zamestitel|rakovoditel|pomoshnik|"
    # the region's judges and prosecutors (their offices are in _OFFICE_WORD)
    r"prosecutor|judge|tuzil|tuzioc|tuzitelj|sudij|sudac|sutkinj|prokuror|gjyqtar|savci|hakim|sudya|sudi[ij]a)"
)
# Words of an office, folded: a piece of text with one is an organisation, not a position ("Prosecutor's
# Office", "Tužilaštvo", "Prokuroria", "Göç İdaresi Genel Müdürlüğü"). "Police" is not one: "Police Officer".
_OFFICE_WORD = re.compile(
    r"\b(?:(?:office|ministry|ministries|court|directorate|department|division|sector|section|service|agency|"
    r"mission|embassy|institute|centre|center|association|foundation|organi[sz]ation|secretariat|prosecution|"
    r"tribunal|sud|suda|sudu)s?\b|"
    # stems in the region's languages, with their endings: "Ministarstva unutrašnjih poslova", "Prokuroria"
    r"ministarstv|ministerstv|ministri|uprav|direkcij|sektor|sluzb(?!eni[kc])|agencij|tuzilast|tuzitelj?stv|tuzilstv|odjel|"
    r"odeljenj|odsjek|prokurori|prokuratur|gjykat|drejtori|bakanlig|baskanlig|mudurlug|idares|savcilig|mahkeme|"
    r"upravleni|sudot)"
)
# What separates an organisation from a position in one cell: "Kosovo Police, Investigator", "DIICOT –
# Prosecutor", "Head of Unit / Ministry of Interior". A hyphen inside a word ("Anti-Trafficking") is not one.
_PIECES = re.compile(r"\s*[,;/\n]\s*|\s+[-–—]\s+")
_HEAD_WORD = re.compile(
    r"(?:head|chief|deputy|director|senior|acting|advis[eo]r|sef|nacelnik|zamjeni(?:k|ca)|zameni(?:k|ca))\b"
)


def a_position(piece: str) -> bool:
    """Whether a piece of text is a position ("Head of Unit", "Deputy Prosecutor"), not an office."""
    folded = fold(piece)
    if _HEAD_WORD.match(folded):  # "Head of Unit", "Deputy Director of the Office"
        return True
    return bool(_POSITION_WORD.search(folded)) and not _OFFICE_WORD.search(folded)


@lru_cache(maxsize=4096)
def split_office_and_position(text: str) -> tuple[str, str] | None:
    """(organisation, position) of a cell holding both, either way round ("Kosovo Police, Investigator",
    "Judge, Basic Court Belgrade"); None when it holds one thing or cannot tell which part is which."""
    seps = list(_PIECES.finditer(text))
    if not seps or len(text) > LONG_VALUE:
        return None
    last, first_sep = seps[-1], seps[0]
    head, tail = text[: last.start()].strip(), text[last.end() :].strip()
    if head and tail and a_position(tail) and not a_position(head):
        return head, tail
    head, tail = text[: first_sep.start()].strip(), text[first_sep.end() :].strip()
    if head and tail and a_position(head) and not a_position(tail):
        return tail, head
    return None


# An office's initials: "(RJT)", "(MUP)", "(OSCE)".
_INITIALS = re.compile(r"[^\W\d_]{2,8}")


def _name_lines(cell: str, joined: str) -> tuple[str, list[str]]:
    """A full name's cell of several lines, as Word tables hold them: (the name, the lines after it), which say more
    of the person ("Ana KOLA" / "Head of Unit") and are placed as a name's remarks are. A name broken over two lines
    of one word each ("Ana" / "KOLA") is one name. `joined`: the cell's words on one line."""
    lines = [" ".join(line.split()) for line in cell.splitlines() if line.strip()]
    if len(lines) < 2 or (len(lines) == 2 and all(len(line.split()) == 1 for line in lines)):
        return joined, []
    return lines[0], lines[1:]


# Between a name and what an online meeting's participant wrote beside it: "Ion Rusu - Procuratura Generală",
# "Marko Petrović | MUP", "UNODC – Jelena Marić", "Elira Hoxha / Albania".
_NAME_SEPARATOR = re.compile(r"\s+[-–—/]\s+|\s*\|\s*")


def _beside_name(text: str) -> bool:
    """Whether a piece written beside a name says where or what the person is, not who: an office, a position, a
    country or city, a part in the event."""
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    return bool(pieces) and all(
        (vocab.infer_org_type(p) and not persons_name(p, person_nouns=True))  # "Ali Savcı - Deputy Prosecutor"
        or (a_position(p) and not persons_name(p))  # "Ahmed Hakim - OSCE": a surname that is a judge's word
        or resolve_country(p)
        or resolve_city(p)
        or part_from_text(p)
        or _MEETING_MARK.fullmatch(p)
        for p in pieces
    )


def _separated_remarks(full: str) -> tuple[str, list[str]]:
    """(the name, the remarks) of a full name with more written beside it after a dash, a bar or a slash (see
    `_NAME_SEPARATOR`), or after a comma (`_comma_remarks`). Only when every part but one says where or what: "Ana
    Kovač - Horvat" is one name, and "Марија Петровић / Marija Petrović" two spellings of one."""
    if "," in full:
        name, after = _comma_remarks(full)
        if after:
            name, beside = _separated_remarks(name)
            return name, beside + after
    if not _NAME_SEPARATOR.search(full) or one_name_twice(full):  # "Ахмед Хаким / Ahmed Hakim": no remark
        return full, []
    parts = [p.strip() for p in _NAME_SEPARATOR.split(full)]
    people = [p for p in parts if p and not _beside_name(p)]
    if len(people) != 1 or not all(parts):
        return full, []
    return people[0], [piece.strip() for p in parts if p is not people[0] for piece in p.split(",") if piece.strip()]


def _comma_remarks(full: str) -> tuple[str, list[str]]:
    """(the name, the remarks) of a full name with a country, an office or a position after a comma, as online
    meetings' display names carry them: "Ivan Kovač, Kosovo", "Jan Richter, Judge", "Kovač, Marija, Croatia". The
    name before must be whole: two words or more ("Ivan Kovač"), or a surname and a first name ("Kovač, Marija");
    "Petrov, Jordan" is Jordan Petrov. "Ion Rusu - Procuratura, Moldova" is `_separated_remarks`' (the dash first)."""
    pieces = [p.strip() for p in full.split(",")]
    if not all(pieces) or _NAME_SEPARATOR.search(pieces[0]) or split_post_nominal(full)[1]:
        return full, []  # "Ana Kovač, Sr." (not Suriname), "Ana Kovač, dipl. iur.": `split_full_name`'s
    end = len(pieces)
    while end > 1 and _beside_name(pieces[end - 1]):
        end -= 1
    words = len(pieces[0].split())
    if end == len(pieces) or not (words >= 2 if end == 1 else end == 2 and words <= 3) or _beside_name(pieces[0]):
        return full, []
    return ", ".join(pieces[:end]), pieces[end:]


def _place_remarks(
    remarks: list[str],
    out: SourceRow,
    notes: list[str],
    position: str,
    organisation: str,
    city: str,
    country: str | None,
    name: str,
) -> tuple[str, str, str]:
    """Where a full name's remarks go, so that none is lost: a part in the event ("(speaker)", "(Host)"), a
    city, an office (its initials or its name), a position, else the notes. A meeting's marks ("(Guest)") are dropped.
    Capitals are an office's initials ("(RJT)") only when the name writes none: "Elira HOXHA (KOLA)" gives a
    maiden name, kept in the notes."""
    capitals = any(len(word) > 1 and word.isupper() for word in name.split())
    for remark in remarks:
        folded = fold(remark)
        if _MEETING_MARK.fullmatch(remark):
            continue
        if part := part_from_text(remark):
            if part != "participant" and out.part == "participant":
                out.part = part
            continue
        if fold(city) == folded or fold(position) == folded or fold(organisation) == folded:
            continue
        if country and (beside := resolve_country(remark)):
            if beside != country:  # "Ivan Kovač, Kosovo" in a row whose country column says Serbia
                notes.append(f"Country beside the name: {remark}")
            continue  # "(Serbia)" beside a Serbian in a country column
        if not city and (town := resolve_city(remark)) and town == (country or town):
            city = remark
        elif _INITIALS.fullmatch(remark) and remark.isupper() and not organisation and not capitals:
            organisation = remark
        elif (
            not organisation
            and not a_position(remark)
            and (_OFFICE_WORD.search(folded) or vocab.infer_org_type(remark))
        ):
            organisation = remark  # "Marko Petrović (MUP Srbije)", "Ion Rusu - Procuratura Generală"
        elif not position and (vocab.infer_roles(remark, "") or _POSITION_WORD.search(folded)):
            position = remark
        else:
            notes.append(f"Beside the name: ({remark})")
    return position, organisation, city


def _domain_country(emails: list[EmailEntry]) -> tuple[str, str] | None:
    """(country, domain) of the first work address under a country's domain; never a private address."""
    for entry in emails:
        if not entry.private and "@" in entry.address:
            domain = entry.address.rsplit("@", 1)[1]
            if code := country_of_domain(domain):
                return code, domain
    return None


def _phone_region(e164: str) -> str | None:
    region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
    return region if region and region != "001" else None


def _read_phones(value: object, country: str | None) -> list[tuple[PhoneResult, str | None, bool]]:
    """The numbers in a cell, each with the type its label gives ("fax", "mobile") or None, and whether its label
    calls it private ("privatni: 064 ...", "(home)").

    A cell with two numbers or more ("tel. 01/4801-234; mob. 091 234 5678", "011 123 / 063 456") is read part by
    part: read whole, phonenumbers takes the first number and the rest as a remark, and the second was lost.
    Otherwise the whole cell first, and its parts only when it cannot be read whole."""
    if isinstance(value, int | float):
        return [(normalise_phone(value, country), None, False)]
    text = str(value)
    parts: list[str] | None = None
    if _digits(text) >= 2 * _NUMBER_DIGITS:  # digits enough for two numbers: read part by part when there are two
        parts = _phone_parts(text)
        if sum(1 for p in parts if _digits(p) >= _NUMBER_DIGITS) >= 2:
            return [(normalise_phone(p, country), _phone_label(p), private_remark(p)) for p in parts]
    whole = normalise_phone(text, country)
    if not whole.e164:
        parts = parts if parts is not None else _phone_parts(text)
        if len(parts) >= 2 or parts != [text]:  # two numbers, or one with its extension after a slash
            return [(normalise_phone(p, country), _phone_label(p), private_remark(p)) for p in parts]
    return [(whole, _phone_label(text), private_remark(text))]


# A word beside an address or number in its cell that calls it private: "0722 444 555 (private)", "privatni: 064
# ...", "(home)", "personal: ...@gmail.com", "(do not share)". Not "kućni", which beside a number is its extension.
_PRIVATE_REMARK = re.compile(
    r"(?<!\w)(?:home|private|personal|privatn\w*|privat|prive|privee|perso|personnel\w*|licn\w*|личн\w*|лични"
    r"|приватн\w*|домашн\w*|kisisel|shtepi\w*|do not share|not to be shared|ne dijeliti|ne deliti|не делить)(?!\w)"
)


# The stems of `_PRIVATE_REMARK`'s words as typed, before normalising (which most cells do not need).
_PRIVATE_HINT = re.compile(  # searched in the lower-cased text: IGNORECASE made it ten times slower
    r"home|priv|perso|licn|ličn|личн|лични|приват|домаш|kisisel|kişisel|shtepi|shtëpi|share|dijel|deli|делит"
)


def private_remark(text: str) -> bool:
    """Whether the words beside an address or number in its cell call it private (see `_PRIVATE_REMARK`)."""
    if _PRIVATE_HINT.search(text.lower()) is None:
        return False  # no word of the kind (most cells): the text is not normalised to find none
    words = normalise_header(_ADDRESS_IN_TEXT.sub(" ", text.replace("(", " ").replace(")", " ")))
    return _PRIVATE_REMARK.search(words) is not None


def _email_private(text: str, address: str) -> bool:
    """Whether the words beside `address` in its cell, up to the next address, call it private."""
    if len(text) <= len(address) + 2:
        return False  # the address alone: most cells
    for segment in _POINT_SEPARATOR.split(text):
        if address.casefold() in segment.casefold():
            return private_remark(segment)
    return False


_POINT_SEPARATOR = re.compile(r"[,;\n]|\s/\s")


_SHORT_NUMBER = re.compile(r"\s*\d{2,5}\s*")
# Zoom's "In Waiting Room" column: "Yes" is someone who waited and was never let in (not among the participants).
_WAITING_ROOM = re.compile(r"\b(?:waiting room|wartebereich|salle d attente)\b")
# A number's label alone, as a line wraps it: "(mobile)", "fax", "(private)".
_LABEL_ALONE = re.compile(
    r"\s*\(?\s*(?:mobile|mob\.?|cell|gsm|fax|work|office|home|private|personal|mobilni|privatni|službeni|sluzbeni"
    r"|моб\.?|мобилни|мобильный|факс|рабочий|cep|iş|is|ev)\s*\)?\s*",
    re.IGNORECASE,
)


def _phone_parts(text: str) -> list[str]:
    """A cell's numbers, an extension kept with the number before it ("01 6122 111, kućni 45; 091 123 4567")."""
    parts: list[str] = []
    for part in _PHONE_SPLIT.split(text):
        if not part.strip():
            continue
        if parts and is_extension(part):
            parts[-1] = f"{parts[-1]} {part.strip()}"
        elif parts and _LABEL_ALONE.fullmatch(part):
            parts[-1] = f"{parts[-1]} {part.strip()}"  # "(mobile)" wrapped onto a line of its own: the number's
        elif parts and _SHORT_NUMBER.fullmatch(part) and _digits(parts[-1]) >= _NUMBER_DIGITS:
            parts[-1] = f"{parts[-1]} ext. {part.strip()}"  # "011 306 2000 / 3045": too short for a number
        else:
            parts.append(part)
    return parts


def _phone_label(text: str) -> str | None:
    if _FAX_LABEL.match(text):
        return "fax"
    if _MOBILE_LABEL.match(text):
        return "mobile"
    return None


def _contact_points(
    plan: SheetPlan,
    values: dict[str, list[tuple[int, Cell, str]]],
    country: str | None,
    problems: list[str],
    notes: list[str],
) -> tuple[list[EmailEntry], list[PhoneEntry]]:
    """The e-mails and phones of a row's cells (`values`: column, cell and text per field), local numbers read in
    `country`; what cannot be read goes to `problems`, and an address as written to `notes`."""
    # An "E-mail / Tel" column holds both: the numbers in an e-mail cell are read as phones, and the addresses in a
    # phone cell as e-mails, instead of being dropped or kept as a broken number.
    email_cells = [(col, text) for col, _cell, text in values.get("email", [])]
    phone_cells: list[tuple[str, int, object]] = []
    for target in ("phone", "mobile", "fax"):
        for col, cell, text in values.get(target, []):
            if "@" in text and (addresses := _ADDRESS_IN_TEXT.findall(text)):
                email_cells.append((col, " ".join(addresses)))
                phone_cells.extend((target, col, rest) for rest in _numbers_beside(text))
            else:
                phone_cells.append((target, col, cell.value))
    for col, text in email_cells[: len(values.get("email", []))]:
        phone_cells.extend(("phone", col, rest) for rest in _numbers_beside(text))

    private = _private_columns(plan)
    labels = {col: text for col, _cell, text in values.get(POINT_LABEL, ())}  # "Home", "Work Fax": per row
    if labels:
        private = private | {col for col, text in labels.items() if private_header(text)}
    emails: list[EmailEntry] = []
    seen: set[str] = set()  # a form's sign-in address and the address typed in it are often the same
    for col, text in email_cells:
        for result in split_emails(text):
            if result.address:
                if result.address.casefold() not in seen:
                    seen.add(result.address.casefold())
                    hidden = col in private or _email_private(text, result.address)
                    emails.append(EmailEntry(result.address, "work", hidden))
            else:
                why = f" ({result.problem})" if result.problem and not result.problem.startswith("not a valid") else ""
                problems.append(f"{_column_name(plan, col)}: '{result.raw[:80]}' is not a valid e-mail address{why}")
                notes.append(f"E-mail as written: {result.raw}")

    phones: list[PhoneEntry] = []
    for target, col, value in phone_cells:
        for result, label, said_private in _read_phones(value, country):
            column_type = {"mobile": "mobile", "fax": "fax"}.get(target) or _label_type(labels.get(col))
            hidden = said_private or col in private
            if result.e164:
                ptype = label or column_type or ("mobile" if result.mobile else "work")
                phones.append(PhoneEntry(result.e164, "", ptype, hidden))
            elif result.raw:
                ptype = label or column_type or "work"
                phones.append(PhoneEntry(None, result.raw, ptype, hidden))
                problems.append(
                    f"{_column_name(plan, col)}: '{result.raw[:60]}' kept as typed ({result.problem or 'not read'})"
                )
    return emails, phones


_CONTACT_FIELDS = frozenset({"email", "phone", "mobile", "fax"})
# Columns answered yes or no, where "x" and "нет" are answers, not placeholders for nothing.
_ANSWER_FIELDS = frozenset({"consent_shared", "consent_listed", "shareable", "attended", "withheld"})


def _option(plan: SheetPlan, col: int) -> bool | None:
    """The option of a consent question a column stands for ("...: Yes"), or None."""
    return consent_option(plan.headers[col]) if col < len(plan.headers) else None


# The key under which a row's `values` hold the labels of its e-mail and phone cells (by the cell's column).
POINT_LABEL = "point_label"


def _label_type(label: str | None) -> str | None:
    """The kind of number a label beside it names ("Work Fax", "Mobile", "Cell"), or None: any of its words read
    as a phone cell's own label is."""
    return next((kind for word in (label or "").split() if (kind := _phone_label(word))), None)


_PLACE_FIELDS = frozenset({"address", "city", "country"})


def _point_labels(plan: SheetPlan) -> dict[int, int]:
    """The label column of each e-mail and phone column that has one beside it ("E-mail 1 - Label" before "E-mail 1
    - Value" in Google Contacts' export, "Phone Type" after "Phone"), and of each part of an address book's
    numbered address ("Address 1 - Label" for "Address 1 - City"); worked out once per plan."""
    if plan.point_labels is None:
        headers, mapping = plan.headers, plan.mapping
        groups = [address_group(h) if h else None for h in headers]
        # The column that says whose a numbered address is ("Address 1 - Label": "Work", "Home").
        address_labels = {
            group: col
            for col, group in enumerate(groups)
            if group and normalise_header(headers[col]) in (f"{group} label", f"{group} type")
        }
        labelled: dict[int, int] = {}
        for col, target in enumerate(mapping):
            if target in _PLACE_FIELDS and address_labels and col < len(groups):
                if (group := groups[col]) in address_labels and address_labels[group] != col:
                    labelled[col] = address_labels[group]
            elif target in _CONTACT_FIELDS:
                for beside in (col - 1, col + 1):
                    if (
                        0 <= beside < min(len(headers), len(mapping))
                        and mapping[beside] == "ignore"
                        and beside not in labelled.values()
                        and point_label_header(headers[beside])
                    ):
                        labelled[col] = beside
                        break
        plan.point_labels = labelled
    return plan.point_labels


def _private_columns(plan: SheetPlan) -> frozenset[int]:
    """The e-mail and phone columns whose header calls them private ("Home Phone"), worked out once per plan."""
    if plan.private_columns is None:
        plan.private_columns = frozenset(
            col for col, target in enumerate(plan.mapping)
            if target in _CONTACT_FIELDS and col < len(plan.headers) and private_header(plan.headers[col])
        )  # fmt: skip
    return plan.private_columns


def rows_of_sheet(plan: SheetPlan, file_name: str) -> Iterator[SourceRow]:
    """The rows below the header of a usable sheet (blank rows left out).

    A person written over two rows or more (the name, then the e-mail or phone alone on the next row: lists
    copied from a document do this) is one person: see `_add_details`."""
    if plan.header_index is None:
        return
    sheet = plan.sheet
    header_texts = [" ".join(h.split()).casefold() for h in plan.headers]
    chain: list[SourceRow] = []  # a person's row, then the rows of their details just below it
    last = -1
    current = plan  # with the country of the last heading row ("ALBANIA" above its participants)
    for index in range(plan.header_index + 1, len(sheet.rows)):
        row = sheet.rows[index]
        if not any(c.value is not None or c.formula for c in row):
            continue
        if (heading := _country_heading(plan, row)) is not None:
            yield from chain
            chain, last = [], index
            texts = [cell_text(c.value) for c in row]
            if heading[0]:
                current = replace(plan, country=heading[0], country_heading=heading[1])
                reason = f"a heading: the rows below it are in {country_name(heading[0])}"
            else:
                reason = "a heading, not a person"
                if current.country and current.country != plan.country:
                    reason = f"a heading: the rows below it are not in {country_name(current.country)}"
                current = plan
            yield SourceRow(
                file_name, sheet.name, sheet.row_numbers[index], _original(plan, row, texts), None, plan.part,
                skip_reason=reason, ignored=True,
            )  # fmt: skip
            continue
        out = normalise_row(current, index, file_name, header_texts)
        joinable = out._details is not None or (out.contact is not None and bool(sheet.merged_below))
        if (
            chain
            and joinable
            and index == last + 1
            and not sheet.separate_records
            and _add_details(plan, chain[0], out, index)
        ):
            chain.append(out)
        else:
            yield from chain
            chain = [out]
        last = index
    yield from chain


_NAME_FIELDS = frozenset({"given_name", "family_name", "full_name", "honorific"})


def row_count(plan: SheetPlan) -> int:
    """The rows below the header that hold something, headings ("ALBANIA" above its participants) not counted:
    what the import wizard lists for each sheet."""
    if plan.header_index is None:
        return 0
    return sum(
        1
        for row in plan.sheet.rows[plan.header_index + 1 :]
        if any(c.value is not None or c.formula for c in row) and _country_heading(plan, row) is None
    )


def _country_heading(plan: SheetPlan, row: list[Cell]) -> tuple[str, str] | None:
    """(country, text) when the row holds one short text only, a country's name: a list grouped by country
    ("ALBANIA", then its participants). The rows below it that name no country are in it. A country alone in the
    country column is a person's row with the rest missing, not a heading."""
    filled = [(col, c.value) for col, c in enumerate(row) if c.value is not None]
    if len(filled) != 1 or not isinstance(value := filled[0][1], str) or len(value) > 60:
        return None
    col = filled[0][0]
    if col < len(plan.mapping) and plan.mapping[col] == "country":
        return None
    text = " ".join(value.split())
    if code := resolve_country(text):
        return code, text
    if _GROUP_HEADING.search(fold(text)) and not note_line(text):
        return "", text  # "INTERNATIONAL ORGANISATIONS", "Speakers": the rows below are in no country of the list's
    return None


# A heading over a group of the list's people that is not a country: the rows below it are not in the country of
# the heading above ("ALBANIA" ... "INTERNATIONAL ORGANISATIONS").
_GROUP_HEADING = re.compile(
    r"^(?:international\b.*|other\b.*|organi[sz]ers?|organi[sz]ations?|speakers?|experts?|observers?|guests?"
    r"|moderators?|facilitators?|trainers?|lecturers?|panel\w*|interpreters?|donors?|ngos?|institutions?"
    r"|medj?unarodn\w*\b.*|mezhdunarodn\w*\b.*|organizator\w*|predavaci|gosti?|(?:ostali|ostalo|drugi|druge|drugo)\b.*"
    r"|organizatsii|uluslararasi\b.*|nderkombetar\w*\b.*)$"
)


def _merged_from_above(plan: SheetPlan, index: int) -> bool:
    """Whether the row's name is merged down from the row above, and the row adds nothing but e-mails and phones
    (each other filled cell merged from above too): the same person's second row."""
    sheet = plan.sheet
    number = sheet.row_numbers[index]
    row = sheet.rows[index]
    merged_name = False
    for col, target in enumerate(plan.mapping):
        if col >= len(row) or not target or target == "ignore" or target in _CONTACT_FIELDS:
            continue
        if row[col].value is None:
            continue
        if (number, col) not in sheet.merged_below:
            return False
        merged_name = merged_name or target in _NAME_FIELDS
    return merged_name


def _add_details(plan: SheetPlan, person: SourceRow, row: SourceRow, index: int) -> bool:
    """Give the e-mails and phones of `row` to the `person` on the row above; False when unsure.

    A row whose name is merged down from the person's row is theirs. From a nameless row, only what cannot be
    another person's is taken: an address with the person's name in it, a phone when the person has none. Anything
    else stays a row of its own, reported as before."""
    contact = person.contact
    if contact is None:
        return False
    if row.contact is not None and _merged_from_above(plan, index):
        more = row.contact
        known = {e.address.casefold() for e in contact.emails}
        person.contact = replace(
            contact,
            country=contact.country or more.country,
            emails=contact.emails + [e for e in more.emails if e.address.casefold() not in known],
            phones=contact.phones + [p for p in more.phones if p not in contact.phones],
            notes="\n".join([contact.notes, *(n for n in more.notes.splitlines() if n not in contact.notes)]).strip(),
        )
        person.problems.extend(p for p in row.problems if p not in person.problems)
        row.contact, row.ignored, row.problems = None, True, []
        row.skip_reason = f"the second row of {_name_of(contact)} (row {person.row_number}, name merged): added to them"
        return True
    if row._details is None:
        return False
    problems: list[str] = []
    notes: list[str] = []
    emails, phones = _contact_points(plan, row._details, contact.country, problems, notes)
    if not (emails or phones) or (phones and contact.phones):
        return False
    names = {v for name in (contact.given_name, contact.family_name) for v in fold_variants(name) if len(v) >= 3}
    for entry in emails:
        local = fold(entry.address.partition("@")[0])
        if not any(name in local for name in names):
            return False
    known = {e.address.casefold() for e in contact.emails}
    country = contact.country
    if country is None and (regions := [r for p in phones if p.e164 and (r := _phone_region(p.e164))]):
        country = regions[0]
        problems.append(f"no country given: {country} taken from the phone number")
    person.contact = replace(
        contact,
        country=country,
        emails=contact.emails + [e for e in emails if e.address.casefold() not in known],
        phones=contact.phones + phones,
        notes="\n".join(filter(None, [contact.notes, *notes])),
    )
    person.problems.extend(problems)
    row.ignored = True
    row.skip_reason = f"the e-mail or phone of {_name_of(contact)} (row {person.row_number}): added to them"
    return True


def _whole_name_in_one_cell(
    plan: SheetPlan, text: str, missing: str, values: dict[str, list[tuple[int, Cell, str]]], problems: list[str]
) -> tuple[str, str, str] | None:
    """(title, given, family) from a whole name typed into one name cell, the `missing` ("given" or "family")
    name's cell empty, when the surname is in capitals or the row's e-mail address shows which word it is; None
    otherwise. Without capitals the row is marked either way, where the list has a column for the missing name."""
    title, given, family = split_full_name(text)
    if given and any(c.isupper() for c in family) and family.upper() == family:
        return title, given, family
    if given and family and text.count(",") == 1:
        return title, given, family  # "Kola, Ana": the comma puts the surname first, as lists write it
    if f"{missing}_name" not in plan.mapping or len(text.split()) > 3:
        return None
    kept = "family" if missing == "given" else "given"
    if (surname_first := order_by_addresses(text, _address_texts(values))) is None:
        problems.append(f"no {missing} name: the {kept} name '{text[:60]}' may hold both names")
        return None
    problems.append(f"no {missing} name: the {kept} name '{text[:60]}' split as the e-mail address shows")
    return split_full_name(text, surname_first=surname_first)


def _address_texts(values: dict[str, list[tuple[int, Cell, str]]]) -> list[str]:
    """The texts of a row's cells that can hold an e-mail address."""
    return [text for target in ADDRESS_FIELDS for _c, _cell, text in values.get(target, [])]


def _name_of(contact: ContactInput) -> str:
    return " ".join(filter(None, [contact.given_name, contact.family_name]))


def normalise_row(plan: SheetPlan, index: int, file_name: str, header_texts: list[str] | None = None) -> SourceRow:
    sheet = plan.sheet
    row = sheet.rows[index]
    number = sheet.row_numbers[index]
    texts = [cell_text(c.value) for c in row]
    original = _original(plan, row, texts)
    out = SourceRow(file_name, sheet.name, number, original, None, plan.part, list(sheet.row_problems.get(number, ())))
    if sheet.people_per_row > 1:  # one row per delegate (groups.one_row_per_person): the rows share a number
        first = index
        while first > 0 and sheet.row_numbers[first - 1] == number:
            first -= 1
        out.person = index - first + 1
    if header_texts is None:
        header_texts = [" ".join(h.split()).casefold() for h in plan.headers]
    id_col = len(REPORT_HEADERS) - 1  # an import report's "Contact id"
    if len(texts) > id_col and texts[id_col].isdigit() and is_report_layout(plan.headers):
        out.reported_id = int(texts[id_col])

    mapped_texts = [t.casefold() for t, f in zip(texts, plan.mapping, strict=False) if f and t]
    if mapped_texts and all(t in header_texts for t in mapped_texts) and len(mapped_texts) >= 2:
        out.ignored, out.skip_reason = True, "the header row repeated"
        return out
    values: dict[str, list[tuple[int, Cell, str]]] = {}
    links = sheet.links  # mailto links, in a few lists only
    labelled = _point_labels(plan)  # label columns beside e-mails and phones, in address books' exports only
    for col, target in enumerate(plan.mapping):
        if col >= len(row) or not target or target == "ignore":
            continue
        cell = row[col]
        text = texts[col]
        if cell.missing_value:
            out.problems.append(
                f"{_column_name(plan, col)}: formula {cell.formula} has no saved result (open and save the file in "
                "Excel to compute it)"
            )
            continue
        if links and target == "email" and "@" not in text and (link := links.get((number, col))):
            text = link  # "Send e-mail", linked to the address
        if not text or (is_empty_marker(text) and (target not in _ANSWER_FIELDS or parse_consent(text) is None)):
            continue  # "-", "n/a"; but in a yes-or-no column "x" and "нет" are answers
        if "#" in text and _SHEET_ERROR.fullmatch(text.strip()):
            out.problems.append(f"{_column_name(plan, col)}: the spreadsheet's error {text.strip()} (left empty)")
            continue
        if labelled and (beside := labelled.get(col)) is not None and beside < len(row) and texts[beside]:
            if target in _PLACE_FIELDS:
                if private_header(texts[beside]):
                    continue  # a part of a home address ("Address 1 - Label: Home"): never imported
            else:
                values.setdefault(POINT_LABEL, []).append((col, row[beside], texts[beside]))
        values.setdefault(target, []).append((col, cell, text))

    if links and "email" not in values:  # no address in the row's cells: the one its name links to, say
        linked = next(
            ((col, sheet.links[(number, col)]) for col in range(len(row)) if (number, col) in sheet.links), None
        )
        if linked is not None:
            values["email"] = [(linked[0], row[linked[0]], linked[1])]

    def first(target: str) -> str:
        entries = values.get(target)
        return " ".join(entries[0][2].split()) if entries else ""

    has_email = "email" in values
    has_address = any("@" in text for _c, _cell, text in values.get("email", ()))
    if any(_TOTAL_RE.match(t) for t in texts if t) and not has_address:
        non_empty = sum(1 for t in texts if t)
        if non_empty <= 3:
            out.ignored, out.skip_reason = True, "a total line, not a person"
            return out
    if not has_address and not any(values.get(target) for target in ("phone", "mobile", "fax")):
        name_text = first("full_name") or " ".join(filter(None, (first("given_name"), first("family_name"))))
        if name_text and note_line(name_text):
            # "Coffee break 11:00-11:30", "Ručak 13:00 - Hotel Europe", "Napomena: lista nije konačna", "Prevodioci:
            # Selma Hadžić, Ana Lovrić": the programme or a remark written in the name column, not a participant.
            out.ignored, out.skip_reason = True, "a line of the programme or a remark, not a participant"
            return out

    if number in sheet.hidden_rows:
        out.problems.append("hidden row in the spreadsheet (imported: check it belongs to the list)")
    if sheet.hidden:
        out.problems.append("on a hidden sheet (imported: check it belongs to the list)")

    # ---------------------------------------------------------------- names
    honorific = normalise_honorific(first("honorific"))
    given, family = first("given_name"), first("family_name")
    full = first("full_name")
    office = False
    remarks: list[str] = []
    latin_full, latin_given, latin_family = "", "", ""
    name_notes: list[str] = []
    if full and not (given or family):
        column = values["full_name"][0][0]
        if device_name(full):
            # "iPhone (2)", "Call-in User_3", "Guest" in an online meeting's report: nobody to add.
            out.skip_reason = "a device's or a dial-in caller's name, not a person's (an online meeting's report)"
            return out
        full, more_lines = _name_lines(values["full_name"][0][2], full)
        # A remark in brackets is not part of a name: "Petrović Jelena (RJT)", "Luan Krasniqi (Guest)" in a
        # meeting's report, "Ana Kovač (interpreter)". It is placed after the country (`_place_remarks`).
        remarks = name_remarks(full) + more_lines
        full, beside = _separated_remarks(without_remarks(full))
        remarks += beside
        for remark in [r for r in remarks if "@" in r and any(e.address for e in split_emails(r))]:
            # "OSCE THB Unit (osce.thb@osce.org)": the account's address, read as the row's when it has none.
            remarks.remove(remark)
            if "email" not in values:
                values["email"] = [(column, values["full_name"][0][1], remark)]
                has_email = True
        if spellings := _TWO_SPELLINGS.fullmatch(full):
            # "Марија Петровић / Marija Petrović": the name in its script and in Latin; "Ion Ceban / Ion Ciobanu":
            # two spellings, the first kept and the other noted (it was read as one name, "Ion Ceban / Ion").
            first_spelling, second = spellings[1].strip(), spellings[2].strip()
            if is_latin(first_spelling) != is_latin(second):
                full, latin_full = (second, first_spelling) if is_latin(first_spelling) else (first_spelling, second)
            else:
                full = first_spelling
                name_notes.append(f"Also written: {second}")
        if office_name(full, _address_texts(values)):
            # An online meeting's host or a shared mailbox ("OSCE Secretariat TNTD"): its name is kept whole.
            family, office = full, True
            out.problems.append("an office's or account's name, not a person's: kept whole")
        else:
            order = name_order(plan, column)
            surname_first = order.surname_first
            # The row's own e-mail tells where the column's order is mixed, or where no capitals can ("PETROVIĆ
            # MARKO", "ana kola": a name wholly in capitals or small letters); and, whatever the list's order, where
            # it spells the name as the cell writes it or gives the first name's initial ("Marko Marić",
            # marko.maric@ or m.maric@, in a list written surname first).
            no_cue = full.isupper() or full.islower()
            by_row = order_by_addresses if order.mixed or no_cue else own_order
            if (by_address := by_row(full, _address_texts(values))) is not None:
                surname_first = by_address
            title, given, family = split_full_name(full, surname_first=surname_first)
            honorific = honorific or title
            if latin_full:
                _title, latin_given, latin_family = split_full_name(latin_full, surname_first=surname_first)
    elif full and sorted(fold(without_remarks(full)).split()) != sorted(fold(f"{given} {family}").split()):
        out.problems.append(f"full name '{full}' not used: the given and family name columns are filled")
    if given:
        title, rest = split_honorific(given)
        if title and rest:
            honorific, given = honorific or title, rest
    if (given or family) and not full:
        # Degrees after the name in its own cell: "Kovač, dipl. iur." in the surname column.
        degrees = []
        for cell in ("given", "family"):
            name, after = split_post_nominal(given if cell == "given" else family, min_words=1)
            if after:
                degrees.append(after)
                given, family = (name, family) if cell == "given" else (given, name)
        honorific = " ".join(filter(None, [honorific, *degrees]))
    if not full and ((family and not given and " " in family) or (given and not family and " " in given)):
        # A whole name in one name cell, the other empty: "Marković Jelena" in the surname column, "Nenad ĐORĐEVIĆ"
        # in the first-name column.
        missing = "given" if family else "family"
        if (split := _whole_name_in_one_cell(plan, family or given, missing, values, out.problems)) is not None:
            title, given, family = split
            honorific = honorific or title
    for label, value in (("given name", given), ("family name", family)):
        if len(value) > MAX_NAME_LENGTH:
            out.skip_reason = f"the {label} is {len(value):,} characters long: not a name"
            return out
        if _ODD_NAME_CHARS.search(value):
            out.problems.append(f"the {label} '{value[:60]}' holds characters unusual in a name")
    # Turkish capitals lower the Turkish way ("YILMAZ" -> "Yılmaz") when either part of the name says so. Only a
    # capital I lowers otherwise: most rows have none, or no Turkish letter, and skip the country's lookup.
    turkish = None
    if ("I" in given or "I" in family) and (_TURKISH_LETTER.search(given) or _TURKISH_LETTER.search(family)):
        turkish = turkish_name(given, family, _name_country(plan, first("country")))
    given, family = proper_case(given, turkish or None), family if office else proper_case(family, turkish or None)
    if not (given or family):
        without = " (an e-mail or phone without a person)" if has_email or "phone" in values else ""
        out.skip_reason = "no name" + without
        if values and values.keys() - {POINT_LABEL} <= _CONTACT_FIELDS:
            out._details = values
        return out

    # ---------------------------------------------------------------- country, then phones read with it
    notes: list[str] = name_notes
    country_text = first("country")
    if remarks and not country_text:  # "Ana Kovač (Croatia)"
        for remark in remarks:
            if resolve_country(remark):
                country_text = remark
                remarks.remove(remark)
                break
    country, place = _country(country_text) if country_text else (plan.country, "")
    if country_text and not country:
        if fold(country_text) not in _NO_COUNTRY:
            out.problems.append(f"unknown country '{country_text[:80]}' (kept in the notes)")
        notes.append(f"Country as written: {country_text}")

    point_problems: list[str] = []
    point_notes: list[str] = []
    emails, phones = _contact_points(plan, values, country, point_problems, point_notes)
    # Where the phones are from, only when it can matter: no country, or one taken from the sheet's name.
    from_sheet = country is not None and not country_text
    regions = [r for p in phones if p.e164 and (r := _phone_region(p.e164))] if not country or from_sheet else []
    if not country and regions:
        country = regions[0]
        if any(p.e164 is None for p in phones):
            # "+381 64 123 4567" and "011/3012-345": the local number is read in the country the other gave.
            point_problems, point_notes = [], []
            emails, phones = _contact_points(plan, values, country, point_problems, point_notes)
        given_as = "no country given" if not country_text else "country unknown"
        point_problems.append(f"{given_as}: {country} taken from the phone number")
    elif not country and (by_domain := _domain_country(emails)):
        # No country and no international number: an office's address under a country's domain ("jorm.gov.mk")
        # says where it is, and its local numbers ("078/234-567") are read there.
        country, domain = by_domain
        if phones:
            point_problems, point_notes = [], []
            emails, phones = _contact_points(plan, values, country, point_problems, point_notes)
        given_as = "no country given" if not country_text else "country unknown"
        point_problems.append(f"{given_as}: {country} taken from the e-mail address ({domain})")
    elif from_sheet and regions and country not in regions:
        # The sheet's name gave the country, and the phone says another: a sheet named after the host country of
        # the seminar ("Montenegro") holds its guests too.
        where = (
            f"listed under '{plan.country_heading}'"
            if plan.country_heading
            else f"the sheet is named after {country_name(country)}"
        )
        out.problems.append(
            f"{where}, the phone number is from {country_name(regions[0])}: {country_name(regions[0])} kept"
        )
        country = regions[0]
    out.problems.extend(point_problems)
    notes.extend(point_notes)

    # ---------------------------------------------------------------- work
    position, organisation, city = first("position"), first("organisation"), first("city") or place
    if remarks:
        position, organisation, city = _place_remarks(
            remarks, out, notes, position, organisation, city, country, without_remarks(first("full_name"))
        )
    if bool(position) != bool(organisation) and (both := split_office_and_position(position or organisation)):
        # One cell for both, as "Institution / Position" columns are filled: "Kosovo Police, Investigator".
        organisation, position = both
    address, city = tidy_address([text for _col, _cell, text in values.get("address", [])], city, country)
    for label, value in (("position", position), ("organisation", organisation), ("city", city), ("address", address)):
        if len(value) > LONG_VALUE:
            out.problems.append(f"the {label} is {len(value):,} characters long")
    expertise: list[str] = []
    keywords: list[str] = []
    # An explicit roles column (our own exports, curated lists) is taken as it is; otherwise roles are inferred.
    roles: list[str] = []
    for _col, _cell, text in values.get("roles", []):
        for piece in vocab.split_codes("role", text):
            code = vocab.parse_code("role", piece)
            if code and code not in roles:
                roles.append(code)
            elif not code and piece not in keywords:
                out.problems.append(f"role '{piece[:60]}' is not in the vocabulary (kept as a keyword)")
                keywords.append(piece)
    given_as_kept = {"roles", "uid"} <= set(plan.mapping) and not plan.sheet.separate_records
    if not roles and (position or organisation) and not given_as_kept:
        # (A directory's own table, with its contacts' uids and roles, holds the roles as that directory kept them:
        # an empty cell is no role. Not vCards': a card without a role category says nothing of its roles.)
        roles = list(_roles(position, organisation))
    for _col, _cell, text in values.get("expertise", []):
        codes, words = _expertise(text)
        expertise.extend(c for c in codes if c not in expertise)
        keywords.extend(w for w in words if w not in keywords)
    for _col, _cell, text in values.get("keywords", []):  # taken as written: our own export's, a list's tags
        keywords.extend(w for w in vocab.split_list(text) if w not in keywords)
    languages: list[str] = []
    for _col, _cell, text in values.get("languages", []):
        codes, unknown = parse_languages(text)
        languages.extend(c for c in codes if c not in languages)
        if unknown:
            notes.append(f"Languages: {', '.join(unknown)}")
    part_text = first("part")
    if part_text:
        part = part_from_text(part_text)
        if part:
            out.part = part
        elif parse_attended(part_text) is False and not values.get("attended"):
            # A "Status" column read as the part: "Cancelled", "No show", "Waiting list" say who did not take part.
            out.attended = False
            out.problems.append(
                f"{_column_name(plan, values['part'][0][0])} '{part_text[:40]}': imported, not among the event's "
                "participants"
            )
        else:
            notes.append(f"{FIELD_LABELS['part']}: {part_text}")
    for col, _cell, text in values.get("attended", []):
        waiting = _WAITING_ROOM.search(normalise_header(_column_name(plan, col))) is not None
        if (parse_consent(text) is True) if waiting else (parse_attended(text) is False):
            out.attended = False
            out.problems.append(
                f"{_column_name(plan, col)} '{text[:40]}': imported, not among the event's participants"
            )
            break
    consent: dict[str, bool | None] = {}
    unclear = False  # a consent answer not understood: the person is not shared until someone reads it
    for target in ("consent_shared", "consent_listed"):
        entries = values.get(target, [])
        options = {col: option for col, _cell, _text in entries if (option := _option(plan, col)) is not None}
        if options:  # "...: Yes" and "...: No" columns: the one ticked is the answer
            ticked = {options[col] for col, _cell, text in entries if col in options and parse_consent(text)}
            if len(ticked) == 1:
                consent[target] = ticked.pop()
            elif ticked:
                out.problems.append(f"{_column_name(plan, entries[0][0])}: both yes and no ticked (not read)")
            continue
        for col, _cell, text in entries:  # every consent column: a "no" in any of them is the answer
            answer = parse_consent(text)
            if answer is None:
                # "Only to organisers", "Yes (but not my phone)": a restriction, or words not read. Not shared until
                # someone reads it: the answer is in the notes and the report.
                unclear = True
                out.problems.append(
                    f"{_column_name(plan, col)}: consent answer '{text[:60]}' not understood: imported as not to be "
                    "shared (check the answer)"
                )
                notes.append(f"{_column_name(plan, col)}: {text}")
            elif consent.get(target) is not False:
                consent[target] = answer
    for col, _cell, text in values.get("withheld", [])[:1]:  # "Do not share my details: Yes"
        if (answer := parse_consent(text)) is True:
            consent["consent_shared"] = False
        elif answer is None:
            unclear = True
            out.problems.append(
                f"{_column_name(plan, col)}: answer '{text[:60]}' not understood (yes or no): imported as not to be "
                "shared (check the answer)"
            )
            notes.append(f"{_column_name(plan, col)}: {text}")
    shared, listed = consent.get("consent_shared"), consent.get("consent_listed")
    if shared is False or listed is False:
        out.problems.append(
            "does not agree to be " + ("listed" if listed is False else "shared") + ": imported as not to be shared"
        )
    for col, _cell, text in values.get("notes", []):
        header = _column_name(plan, col)
        notes.append(text if header.casefold() in ("notes", "note", "remarks", "comments") else f"{header}: {text}")
    # ---------------------------------------------------------------- a directory's own columns (our exports)
    organisation_type = None
    for col, _cell, text in values.get("org_type", [])[:1]:
        # A label ("Police", "Ministry / central authority"), else words that say it ("Civil society" is an NGO);
        # else ("Public", "Private") it is kept in the notes, and the type comes from the organisation's name.
        organisation_type = vocab.parse_code("org_type", text) or vocab.infer_org_type(text)
        if organisation_type is None:
            notes.append(f"{_column_name(plan, col)}: {text}")
    for _col, _cell, text in values.get("events", [])[:1]:
        out.events = parse_events(text)
    dates: dict[str, date | None] = {}
    for target in ("last_verified", "consent_date"):
        for col, cell, text in values.get(target, [])[:1]:
            dates[target] = day = date_of(cell.value)
            if day is None:
                what = "is no day of the calendar" if looks_like_day(text) else "is not a date"  # "31.02.25"
                out.problems.append(f"{_column_name(plan, col)} '{text[:40]}' {what} (kept in the notes)")
                notes.append(f"{_column_name(plan, col)}: {text}")
    shareable = shared is not False and listed is not False and not unclear
    for col, _cell, text in values.get("shareable", [])[:1]:
        if (answer := parse_consent(text)) is False and shareable:
            shareable = False
            out.problems.append(f"{_column_name(plan, col)} '{text[:20]}': imported as not to be shared")
        elif answer is None:
            shareable = False
            out.problems.append(
                f"{_column_name(plan, col)} '{text[:40]}' not understood (yes or no): imported as not to be shared"
            )
    uid = first("uid")
    if uid and (len(uid) > MAX_UID_LENGTH or any(c.isspace() for c in uid)):
        out.problems.append(f"UID '{uid[:40]}' is not a contact's UID: not kept")
        uid = ""

    out.contact = ContactInput(
        given_name=given,
        family_name=family,
        latin_given_name=proper_case(latin_given or first("latin_given_name")),
        latin_family_name=proper_case(latin_family or first("latin_family_name")),
        honorific=honorific,
        position=position,
        organisation=organisation,
        country=country,
        city=city,
        address=address,
        languages=languages,
        notes="\n".join(notes),
        source=f"import: {file_name}",
        emails=emails,
        phones=phones,
        roles=roles,
        expertise=expertise,
        keywords=keywords,
        shareable=shareable,
        consent_shared=shared,
        consent_listed=listed,
        consent_source=first("consent_source")
        or (f"registration list {file_name}" if shared is not None or listed is not None else ""),
        consent_date=dates.get("consent_date"),
        last_verified=dates.get("last_verified"),
        organisation_type=organisation_type,
        uid=uid or None,
    )
    return out


MAX_UID_LENGTH = 200  # a vCard UID is any text; ours are UUIDs (36 characters)
_EVENT_PART = re.compile(r"(.+?)\s*\(([^()]+)\)")


def parse_events(text: str) -> list[tuple[str, str]]:
    """(event name, part) of each event a cell names: "Skopje 2025 (Speaker); Ohrid 2024", as exports write them.

    A bracket is the part only when it names one: "Workshop (online)" stays the event's name."""
    events: list[tuple[str, str]] = []
    for piece in text.split(";"):
        name, part = " ".join(piece.split()), "participant"
        if (m := _EVENT_PART.fullmatch(name)) and (code := vocab.parse_code("part", m[2])):
            name, part = m[1], code
        if name and all(fold(name) != fold(known) for known, _ in events):
            events.append((name, part))
    return events


def date_of(value: object) -> date | None:
    """A day from a cell: a spreadsheet's date, "2020-03-17", "17.03.2020", "17/03/20", "17-03-20", "17. mart 2020."
    (day first, as the region writes it; "3/17/2020", as an American Excel saves a CSV, when the second number is
    no month): `dates.read_day`. None when it is not one, or no day of the calendar ("31.02.25")."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text[:10])  # "2020-03-17", "2020-03-17 (checked by phone)": our exports, quickly
    except ValueError:
        return read_day(text)
