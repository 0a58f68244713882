"""Reading .vcf files from phones and other address books (vCard 2.1, 3.0 and 4.0; several cards per file).

vobject parses the cards. It does not understand two things vCard 2.1 phones still write, so a small
pre-pass handles them first (no library does): quoted-printable values with soft line breaks (`=` at the end of
a line), and `CHARSET=` values in a code page other than UTF-8 (old Nokia and Windows exports in windows-1251 or
-1250). Those values are decoded and the line rewritten as plain text for vobject.

The cards then become one sheet of a `Workbook`, under the column headers of our own spreadsheet export, so that
the importer (issue 4) maps, normalises, de-duplicates and merges them exactly like a registration list:
`read_vcard_workbook(path)` is what the import's format sniffing dispatches .vcf files to, and
`read_vcards(path)` gives each person as (ContactInput, original values, problems) through that same path.
"""

from __future__ import annotations

import codecs
import quopri
import re
from pathlib import Path
from typing import NamedTuple

import vobject

from directory_app.core import vocab
from directory_app.core.records import ContactInput, DirectoryError

MAX_VCF_BYTES = 50 * 1024 * 1024
SHEET_NAME = "vCards"
# The columns of the sheet made from the cards: headers our spreadsheet export writes and the importer maps.
HEADERS = (
    "Honorific", "Given name", "Family name", "Position", "Organisation", "Country", "City", "Postal address",
    "E-mail", "Phone", "Mobile phone", "Fax", "Expertise", "Languages", "Notes", "UID", "Roles",
    "Private e-mail", "Private phone", "Private mobile phone", "Private fax",
    "May be shared", "Consent to be shared", "Consent to be listed", "Last verified", "Type of organisation",
    "Keywords",
)  # fmt: skip
# This app's own X- properties (vcard._directory_properties), in the order of their HEADERS columns.
DIRECTORY_PROPERTIES = (
    "x-directory-shareable", "x-directory-consent-shared", "x-directory-consent-listed", "x-directory-last-verified",
    "x-directory-organisation-type", "x-directory-keywords",
)  # fmt: skip


class VCardEntry(NamedTuple):
    """One person read from a .vcf: the contact as the importer would store it, the card's values, doubts."""

    contact: ContactInput | None
    original: dict[str, str]
    problems: list[str]


# ------------------------------------------------------------------------------------------------ decoding

_PROP = re.compile(r"^(?P<head>[A-Za-z0-9.\-]+(?:;[^:]*)?):(?P<value>.*)$", re.DOTALL)
_QP = re.compile(r";\s*(?:ENCODING=)?QUOTED-PRINTABLE\s*(?=;|$)", re.IGNORECASE)
_CHARSET = re.compile(r";\s*CHARSET=([A-Za-z0-9_\-]+)\s*(?=;|$)", re.IGNORECASE)
# Pictures, sounds and keys: never imported, often most of a phone's export, and a damaged one (a photo cut short)
# made vobject refuse the whole file. Left out before it parses.
_BINARY = re.compile(r"(?:[A-Za-z0-9\-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)\s*[;:]", re.IGNORECASE)
# A number with its extension after a pause, as iPhones write it: "TEL:+381 11 306 2000,245". vobject takes the
# comma for a list and kept the number alone; escaped, the comma stays in the value.
_TEL = re.compile(r"(?:[A-Za-z0-9\-]+\.)?TEL\s*[;:]", re.IGNORECASE)
_BARE_COMMA = re.compile(r"(?<!\\),")


def _tel_commas(line: str) -> str:
    if not _TEL.match(line) or "," not in line:
        return line
    m = _PROP.match(line)
    if m is None:
        return line
    value = _BARE_COMMA.sub(r"\\,", m["value"])
    return f"{m['head']}:{value}"


def _decode_file(data: bytes) -> str:
    """The file as text: UTF-8 (with or without BOM) or UTF-16 as written by some Windows tools; a file in a
    single-byte code page is read octet by octet (Latin-1) so that `CHARSET=` lines can be decoded one by one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _charset_text(raw: bytes, charset: str | None) -> str:
    for name in (charset, "utf-8", "cp1252"):
        if not name:
            continue
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def _escape_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _logical_lines(text: str) -> list[str]:
    """Unfold (CRLF + space or tab) and join quoted-printable soft line breaks."""
    physical = re.split(r"\r\n|\n|\r", text)
    lines: list[str] = []
    qp_open = False
    for line in physical:
        if qp_open and lines:
            lines[-1] = lines[-1][:-1] + line.lstrip(" \t") if lines[-1].endswith("=") else lines[-1] + line
        elif line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
        head = lines[-1].split(":", 1)[0] if lines else ""
        qp_open = bool(_QP.search(head)) and lines[-1].endswith("=")
    return lines


def _rewrite(line: str, latin1_file: bool) -> str:
    """A 2.1 line with QUOTED-PRINTABLE or a CHARSET, decoded to plain text; any other line unchanged."""
    m = _PROP.match(line)
    if not m:
        return line
    head, value = m["head"], m["value"]
    qp = bool(_QP.search(head))
    charset_match = _CHARSET.search(head)
    charset = charset_match[1] if charset_match else None
    if not qp and not charset and not latin1_file:
        return line
    if qp:
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
    elif latin1_file:
        raw = value.encode("latin-1")
    else:
        raw = value.encode("utf-8")
    decoded = _charset_text(raw, charset)
    head = _CHARSET.sub("", _QP.sub("", head))
    if qp:
        decoded = _escape_text(decoded)
    return f"{head}:{decoded}"


def parse_vcf(data: bytes, name: str = "file") -> list[vobject.base.Component]:
    """The cards of a .vcf file's bytes (DirectoryError, one line, for a file that is not one)."""
    text = _decode_file(data)
    latin1_file = False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        latin1_file = not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    lines = [
        _tel_commas(_rewrite(line, latin1_file))
        for line in _logical_lines(text)
        if line.strip() and not _BINARY.match(line)
    ]
    try:
        cards = [c for c in vobject.readComponents("\r\n".join(lines) + "\r\n") if c.name.upper() == "VCARD"]
    except Exception as exc:  # vobject raises ParseError and, on some malformed lines, plain exceptions
        where = getattr(exc, "lineNumber", None)
        at = f" near line {where}" if where else ""
        raise DirectoryError(f"{name}: not a readable vCard file{at}") from None
    if not cards:
        raise DirectoryError(f"{name}: no contact cards (BEGIN:VCARD ... END:VCARD) found")
    return cards


# ------------------------------------------------------------------------------------------------ cards to rows


def _values(card: vobject.base.Component, key: str) -> list[vobject.base.ContentLine]:
    return list(card.contents.get(key, []))


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value if _text(v))
    return " ".join(str(value or "").split()) if not isinstance(value, str) or "\n" not in value else value.strip()


def _types(line: vobject.base.ContentLine) -> set[str]:
    """TYPE values in every spelling: TYPE=CELL,VOICE (3.0), TYPE=cell;TYPE=voice (4.0), CELL;PREF (2.1)."""
    out: set[str] = set()
    for key, values in line.params.items():
        items = values if key.upper() == "TYPE" else [key]
        for item in items:
            out.update(p.strip().strip('"').lower() for p in str(item).split(","))
    out.update(str(p).strip().lower() for p in getattr(line, "singletonparams", []))  # 2.1: TEL;CELL;PREF
    return out


def _tel_value(line: vobject.base.ContentLine) -> str:
    value = str(line.value or "").strip()
    value = value[4:] if value.lower().startswith("tel:") else value
    # The extension after a pause, as phones write it ("+381 11 306 2000,245", Android's "p245", a wait "w245"):
    # read as the number's extension, not as a second number "245".
    return _PAUSE.sub(r" ext. \1", value)


_PAUSE = re.compile(r"(?<=\d)\s*(?:,+|[pPwW]+|;)\s*(\d{1,6})\s*$")
# The line this app's vCard export writes for a number's extension (vcard._extension_notes).
EXTENSION_NOTE = re.compile(r"Extension for (\+[\d ()./-]+): (\d{1,6})")


def _with_extensions(phones: dict[str, list[str]], notes: list[str]) -> list[str]:
    """Give each number the extension a note line names ("Extension for +387 33 280 000: 123"); the notes left."""
    kept = []
    for line in notes:
        m = EXTENSION_NOTE.fullmatch(line.strip())
        digits = re.sub(r"\D", "", m[1]) if m else ""
        found = False
        for numbers in phones.values():
            for i, number in enumerate(numbers):
                if digits and re.sub(r"\D", "", number) == digits:
                    numbers[i], found = f"{number} ext. {m[2]}", True
        if not found:
            kept.append(line)
    return kept


def _group_labels(card: vobject.base.Component) -> dict[str, str]:
    """The labels an iPhone or Android gives grouped properties ("item2.X-ABLabel:_$!<Home>!$_", "Privat"), by
    group, without Apple's marks around its own labels."""
    labels = {}
    for line in card.contents.get("x-ablabel", []):
        if line.group:
            labels[line.group.lower()] = _APPLE_LABEL.sub(r"\1", _text(line.value))
    return labels


_APPLE_LABEL = re.compile(r"_\$!<(.*?)>!\$_")


def _private_point(line: vobject.base.ContentLine, labels: dict[str, str]) -> bool:
    """Whether an address or number is the person's own: TYPE=HOME (or X-Private, X-Personal), or a label in
    its group that says so ("Home", "Privat", "personal")."""
    from directory_app.core.importing.mapping import private_header

    kinds = _types(line)
    if "home" in kinds or any(private_header(k.removeprefix("x-")) for k in kinds if k.startswith("x-")):
        return True
    label = labels.get((line.group or "").lower())
    return bool(label) and private_header(label)


def card_row(card: vobject.base.Component) -> tuple[list[str], dict[str, str], list[str]]:
    """One card as a row under HEADERS, its original values (property -> text) and what was left out."""
    problems: list[str] = []
    original: dict[str, str] = {}
    for key, lines in card.contents.items():
        if key in ("version", "prodid", "photo", "logo", "sound", "key"):
            continue
        original[key.upper()] = "; ".join(_text(line.value) for line in lines)[:500]

    given = family = honorific = ""
    if _values(card, "n"):
        n = card.n.value
        given = " ".join(p for p in (_text(n.given), _text(n.additional)) if p)
        family = _text(n.family)
        honorific = _text(n.prefix)
    org = ""
    if _values(card, "org"):
        org = " – ".join(p for p in (_text(x) for x in card.org.value) if p)
    fn = _text(card.fn.value) if _values(card, "fn") else ""
    kind = _text(card.kind.value).lower() if _values(card, "kind") else ""
    show_as = _text(card.contents["x-abshowas"][0].value).upper() if "x-abshowas" in card.contents else ""
    if not (given or family) and fn:
        if kind in ("org", "group") or show_as == "COMPANY" or fn == org:
            # An office's card (vCard 4 KIND:org, Apple's company card): its name is not a person's to split.
            family = fn
            problems.append("an organisation's card, not a person's: its name is kept whole")
        else:
            from directory_app.core.importing.mapping import split_full_name

            honorific, given, family = split_full_name(fn)
    position = _text(card.title.value) if _values(card, "title") else ""
    if not position and _values(card, "role"):
        position = _text(card.role.value)
    city = country = address = ""
    for adr in sorted(_values(card, "adr"), key=lambda a: "home" in _types(a)):  # the office's first
        home = "home" in _types(adr)  # the directory holds where practitioners work, never where they live
        if not home:
            city = city or _text(adr.value.city)
        country = country or _text(adr.value.country)  # a country says no more than where they work, about
        parts = [_text(adr.value.street), _text(adr.value.extended), _text(adr.value.box), _text(adr.value.code)]
        if home and (any(parts) or _text(adr.value.city)):
            problems.append("a home address was left out")
        elif any(parts) and not address:
            address = ", ".join(p for p in parts if p)
    # A home address or number is the person's own: imported as private, as a "Home Phone" column is.
    labels = _group_labels(card)
    emails: list[str] = []
    private_emails: list[str] = []
    for e in _values(card, "email"):
        if text := str(e.value).strip():
            (private_emails if _private_point(e, labels) else emails).append(text)
    phones: dict[str, list[str]] = {"work": [], "mobile": [], "fax": []}
    private_phones: dict[str, list[str]] = {"work": [], "mobile": [], "fax": []}
    for tel in _values(card, "tel"):
        number = _tel_value(tel)
        if not number:
            continue
        kinds = _types(tel)
        kind = "fax" if "fax" in kinds else "mobile" if kinds & {"cell", "mobile", "iphone"} else "work"
        (private_phones if _private_point(tel, labels) else phones)[kind].append(number)
    expertise: list[str] = []
    roles: list[str] = []  # "Prosecutor", as our cards and many address books tag people (else inferred again)
    other_categories: list[str] = []
    for line in _values(card, "categories"):
        values = line.value if isinstance(line.value, list) else [line.value]
        for category in values:
            category = _text(category)
            if not category:
                continue
            if vocab.parse_code("expertise", category):
                expertise.append(category)
            elif vocab.parse_code("role", category):
                roles.append(category)
            else:
                other_categories.append(category)
    # Other categories ("VIP", "Skopje 2017") are keywords: the expertise cell keeps what it cannot map as such.
    expertise += other_categories
    note_lines = [line for n in _values(card, "note") for line in _text(n.value).splitlines()]
    notes = "\n".join(_with_extensions(private_phones, _with_extensions(phones, note_lines))).strip()
    languages = ", ".join(_text(x.value) for x in [*_values(card, "lang"), *_values(card, "x-directory-languages")])
    # The card's UID: a card exported from a directory finds its contact again by it (pipeline.by_uid).
    uid = _text(card.uid.value) if _values(card, "uid") else ""
    row = [
        honorific, given, family, position, org, country, city, address, "; ".join(emails), "; ".join(phones["work"]),
        "; ".join(phones["mobile"]), "; ".join(phones["fax"]), "; ".join(expertise), languages, notes, uid,
        "; ".join(roles), "; ".join(private_emails), "; ".join(private_phones["work"]),
        "; ".join(private_phones["mobile"]), "; ".join(private_phones["fax"]),
        *(_text(card.contents[name][0].value) if name in card.contents else "" for name in DIRECTORY_PROPERTIES),
    ]  # fmt: skip
    return row, original, problems


def read_vcard_workbook(path: str | Path):  # -> importing.reading.Workbook
    """A .vcf file as a one-sheet workbook for the importer: a header row, then one row per card."""
    from directory_app.core.importing.reading import Cell, Sheet, Workbook

    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_VCF_BYTES:
            raise DirectoryError(f"{path.name}: {size // 1_048_576} MB is too large for a contacts file")
        data = path.read_bytes()
    except OSError as exc:
        raise DirectoryError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    cards = parse_vcf(data, path.name)
    rows = [[Cell(h) for h in HEADERS]]
    row_problems: dict[int, list[str]] = {}
    for number, card in enumerate(cards, 1):
        values, _original, problems = card_row(card)
        rows.append([Cell(v or None) for v in values])
        if problems:
            row_problems[number] = problems
    # Row numbers: the card's position in the file (1 = the first card); the header row is 0.
    sheet = Sheet(SHEET_NAME, rows, list(range(len(rows))), separate_records=True, row_problems=row_problems)
    return Workbook(path=path, kind="vcard", sheets=[sheet])


def read_vcards(path: str | Path) -> list[VCardEntry]:
    """Every card of a .vcf file as the importer reads it: (ContactInput or None, original values, problems)."""
    from directory_app.core.importing.mapping import plan_sheet
    from directory_app.core.importing.normalise import rows_of_sheet

    path = Path(path)
    workbook = read_vcard_workbook(path)
    cards = parse_vcf(path.read_bytes(), path.name)
    plan = plan_sheet(workbook.sheets[0])
    by_number = {row.row_number: row for row in rows_of_sheet(plan, path.name)}
    entries: list[VCardEntry] = []
    for number, card in enumerate(cards, 1):
        _values_row, original, problems = card_row(card)
        row = by_number.get(number)
        if row is None:
            entries.append(VCardEntry(None, original, [*problems, "an empty card"]))
            continue
        problems = list(row.problems)  # the card's own doubts are among them (`Sheet.row_problems`)
        if row.contact is None and row.skip_reason:
            problems.append(row.skip_reason)
        entries.append(VCardEntry(row.contact, original, problems))
    return entries
