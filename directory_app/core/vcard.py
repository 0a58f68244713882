"""vCard 3.0 (RFC 2426) export: the cards people carry home on their phones.

Why a serialiser of our own rather than vobject's writer (vobject still *reads* vCards, see vcard_import.py):
vobject folds only lines of 75 *characters* or more (a Cyrillic ORG of 118 octets stays one line), writes TYPE
parameter values unescaped (a line break there forges a property or a whole card), and takes seconds for ten
thousand cards. The rules here are few and strict:

* every text value is NFC, has its control characters removed, and has `\\`, `,`, `;` and every kind of line
  break escaped, so that no value can end its property, add a property or add a card;
* parameter values (TYPE) never come from the data: they are looked up in fixed tables;
* lines are folded at 75 octets, never inside a UTF-8 sequence nor between a backslash and the character it
  escapes, and end with CRLF.

`vcard_for(record)` gives the card of one contact; `write_vcards` writes one file, a folder of files or a zip,
atomically. The QR variant (`qr=True`) marks non-ASCII values with `CHARSET=UTF-8`, which the iOS camera needs
to read them right; files never carry it (it is not a vCard 3.0 parameter).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from directory_app.core import vocab
from directory_app.core.contacts import split_postal_code
from directory_app.core.countries import country_name
from directory_app.core.fileio import ExportResult, Progress, atomic_path, check_target, os_error_text
from directory_app.core.phones import format_international
from directory_app.core.records import ContactRecord, DirectoryError, PhoneEntry

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Practitioner Network Directory//EN"

SplitMode = Literal[False, "folder", "zip"]

# TYPE parameter values, keyed by our contact point types (vocab.CONTACT_POINT_TYPES). Anything else falls
# back to the "other" entry: a value from the data never reaches a parameter.
TEL_TYPES: dict[str, str] = {"work": "WORK,VOICE", "mobile": "CELL,VOICE", "fax": "WORK,FAX", "other": "VOICE"}
EMAIL_TYPES: dict[str, str] = {"work": "INTERNET,WORK", "mobile": "INTERNET", "fax": "INTERNET", "other": "INTERNET"}
# A private number, exported on purpose: the person's own (HOME), whatever its kind.
PRIVATE_TEL_TYPES: dict[str, str] = {"work": "HOME,VOICE", "mobile": "CELL,VOICE,HOME", "fax": "HOME,FAX"}
ADR_TYPE = "work"  # lower case: some strict validators compare ADR types case-sensitively

# ------------------------------------------------------------------------------------------------ escaping

_LINE_BREAKS = "\n\r\x85\u2028\u2029"  # each becomes an escaped "\n" (CRLF is first made one LF)


def _strip_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)):
        table[cp] = None  # control characters: removed
    for cp in range(0xD800, 0xE000):
        table[cp] = None  # lone surrogates cannot be written as UTF-8
    table[0xFFFE] = table[0xFFFF] = table[0xFEFF] = None  # non-characters and a stray byte-order mark
    table[ord("\t")] = " "
    for ch in _LINE_BREAKS:
        table[ord(ch)] = "\n"
    return table


_STRIP = _strip_table()
_ESCAPE = {ord("\\"): "\\\\", ord(","): "\\,", ord(";"): "\\;", ord("\n"): "\\n"}
_NEEDS_WORK = re.compile("[\x00-\x1f\x7f-\x9f\\\\,;\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def escape(value: str | None) -> str:
    """A text value escaped for vCard 3.0: safe to put after the colon of any property.

    NFC comes first: it can *make* a `;` (U+037E GREEK QUESTION MARK) or join a combining mark to the `n` of
    an escaped line break, so it must never run on escaped text.
    """
    if not value:
        return ""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    # Fast path (most values): printable means no control character, line break, surrogate or stray BOM.
    if value.isprintable() and "\\" not in value and "," not in value and ";" not in value:
        return value
    if not _NEEDS_WORK.search(value):
        return value
    value = value.replace("\r\n", "\n").translate(_STRIP)
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)  # again: removing a control character can join a mark
    return value.translate(_ESCAPE)


# ------------------------------------------------------------------------------------------------ folding


def fold(line: str) -> str:
    """Fold one logical line at 75 octets (RFC 2425 5.8.1) on UTF-8 character boundaries, CRLF + space.

    A backslash is never separated from the character it escapes, so that even a reader which unfolds
    sloppily sees the escape whole.
    """
    if len(line) <= MAX_OCTETS // 4 or (len(line) <= MAX_OCTETS and line.isascii()):
        return line
    data = line.encode("utf-8")
    n = len(data)
    if n <= MAX_OCTETS:
        return line
    parts: list[bytes] = []
    start, limit = 0, MAX_OCTETS
    while n - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # data[cut] must start a character
            cut -= 1
        backslashes = 0
        i = cut - 1
        while i >= start and data[i] == 0x5C:
            backslashes += 1
            i -= 1
        if backslashes % 2 and cut - 1 > start:
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, MAX_OCTETS - 1  # a continuation line begins with one space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


# ------------------------------------------------------------------------------------------------ cards


def _full_name(record: ContactRecord) -> str:
    return (
        record.display_name
        or record.organisation
        or (record.emails[0].address if record.emails else "")
        or (record.phones[0].text if record.phones else "")
    )


def _tel(phone: PhoneEntry, esc: Callable[[str], str]) -> str:
    """A TEL value: the number alone ("+38733280000"), or a number that could not be read, as typed.

    Never its extension after a pause. No one pause works on both kinds of phone: Android's vCard reader keeps the
    digits and turns "p" into a pause but drops a comma, so "+38733280000,123" was saved as "+38733280000123", a
    wrong number; an iPhone dials a comma as a pause but reads a "p" as a keypad letter (7). The switchboard's
    number is right everywhere, and the extension is written beside it in the card's note (`_extension_notes`)."""
    return esc(_number_alone(phone))


def _number_alone(phone: PhoneEntry) -> str:
    return phone.e164.partition(";ext=")[0] if phone.e164 else phone.raw


def _extension_notes(phones: Sequence[PhoneEntry]) -> list[str]:
    """ "Extension for +387 33 280 000: 123", one line per number with an extension: read by a person calling the
    switchboard, and read back by this app's vCard import (`vcard_import.EXTENSION_NOTE`)."""
    lines = []
    for phone in phones:
        number, _, extension = (phone.e164 or "").partition(";ext=")
        if extension:
            lines.append(f"Extension for {format_international(number)}: {extension}")
    return lines


def _directory_properties(record: ContactRecord) -> list[tuple[str, str]]:
    """What a phone has no place for but another directory needs, as X- properties (RFC 2426 section 3.8) that
    phones ignore and this app's import reads back (vcard_import.DIRECTORY_PROPERTIES): whether the person may be
    shared and their answers to the consent questions (an export with the people not to be shared, made on purpose,
    must not make them shareable in the directory it is imported into), the day last verified, the organisation's
    type, the languages and the keywords."""
    props = []
    if not record.shareable:
        props.append(("X-DIRECTORY-SHAREABLE", "NO"))
    for name, answer in (("X-DIRECTORY-CONSENT-SHARED", record.consent_shared),
                         ("X-DIRECTORY-CONSENT-LISTED", record.consent_listed)):  # fmt: skip
        if answer is not None:
            props.append((name, "YES" if answer else "NO"))
    if record.last_verified:
        props.append(("X-DIRECTORY-LAST-VERIFIED", record.last_verified.isoformat()))
    if record.organisation_type:
        props.append(("X-DIRECTORY-ORGANISATION-TYPE", escape(vocab.label("org_type", record.organisation_type))))
    if record.languages:
        props.append(("X-DIRECTORY-LANGUAGES", escape(", ".join(record.languages))))
    if record.keywords:  # not in CATEGORIES: a keyword that names an expertise would come back as that expertise
        props.append(("X-DIRECTORY-KEYWORDS", escape("; ".join(record.keywords))))
    return props


def _best_phone(phones: Sequence[PhoneEntry]) -> PhoneEntry | None:
    for p in phones:
        if p.type == "mobile":
            return p
    for p in phones:
        if p.type != "fax":
            return p
    return phones[0] if phones else None


def vcard_for(record: ContactRecord, *, qr: bool = False, compact: bool = False, include_private: bool = False) -> str:
    """The vCard 3.0 text of one contact, CRLF line ends, folded at 75 octets.

    E-mails and phones marked private are left out unless `include_private`.
    `qr=True`: for a QR code: CHARSET=UTF-8 on non-ASCII values, and only what a phone's address book uses (no
    PRODID, CATEGORIES, UID, REV; a NOTE only for the phones' extensions). `compact=True`: only name,
    organisation, one phone and one e-mail (the QR fallback when the full card is too large for a readable code).
    """
    esc = escape
    emails = record.emails if include_private else tuple(e for e in record.emails if not e.private)
    phones = record.phones if include_private else tuple(p for p in record.phones if not p.private)
    # (name with parameters, escaped value); structured values keep their unescaped ; and , separators.
    props: list[tuple[str, str]] = [
        ("N", f"{esc(record.family_name)};{esc(record.given_name)};;{'' if compact else esc(record.honorific)};"),
        ("FN", esc(_full_name(record))),
    ]
    add = props.append
    if not compact:
        if record.latin_given_name:
            add(("X-PHONETIC-FIRST-NAME", esc(record.latin_given_name)))
        if record.latin_family_name:
            add(("X-PHONETIC-LAST-NAME", esc(record.latin_family_name)))
    if record.organisation:
        add(("ORG", esc(record.organisation)))
    if compact:
        phone = _best_phone(phones)
        if phone is not None:
            add((f"TEL;TYPE={TEL_TYPES.get(phone.type, TEL_TYPES['other'])}", _tel(phone, esc)))
            if extension := _extension_notes([phone]):
                add(("NOTE", esc(extension[0])))
        if emails:
            email = emails[0]
            add((f"EMAIL;TYPE={EMAIL_TYPES.get(email.type, 'INTERNET')}", esc(email.address)))
    else:
        if record.position:
            add(("TITLE", esc(record.position)))
        several = len(emails) > 1
        for i, email in enumerate(emails):
            # A private address or number (exported on purpose) is the person's own: HOME on a phone, and read
            # back as private by this app's import (vcard_import.card_row).
            types = "INTERNET,HOME" if email.private else EMAIL_TYPES.get(email.type, "INTERNET")
            add((f"EMAIL;TYPE={types},PREF" if several and i == 0 else f"EMAIL;TYPE={types}", esc(email.address)))
        several = len(phones) > 1
        for i, phone in enumerate(phones):
            types = (PRIVATE_TEL_TYPES if phone.private else TEL_TYPES).get(phone.type, TEL_TYPES["other"])
            add((f"TEL;TYPE={types},PREF" if several and i == 0 else f"TEL;TYPE={types}", _tel(phone, esc)))
        if record.address or record.city or record.country:
            country = country_name(record.country) if record.country else ""
            street, code = split_postal_code(record.address)
            add((f"ADR;TYPE={ADR_TYPE}", f";;{esc(street)};{esc(record.city)};;{esc(code)};{esc(country)}"))
        extensions = _extension_notes(phones)
        if qr and extensions:
            add(("NOTE", esc("\n".join(extensions))))
        if not qr:
            categories = [vocab.label("role", c) for c in record.roles]
            categories += [vocab.label("expertise", c) for c in record.expertise]
            if categories:
                add(("CATEGORIES", ",".join(esc(c) for c in categories)))
            props.extend(_directory_properties(record))
            if record.notes or extensions:
                add(("NOTE", esc("\n".join([*extensions, record.notes] if record.notes else extensions))))
            if record.uid:
                add(("UID", esc(record.uid)))
            add(("REV", f"{record.updated_at.isoformat(timespec='seconds')}Z"))

    lines = ["BEGIN:VCARD", "VERSION:3.0"] if qr or compact else ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}"]
    for name, value in props:
        if qr and not value.isascii():
            name += ";CHARSET=UTF-8"
        line = f"{name}:{value}"
        if len(line) > MAX_OCTETS // 4 and (len(line) > MAX_OCTETS or not line.isascii()):
            line = fold(line)
        lines.append(line)
    lines.append("END:VCARD\r\n")
    return "\r\n".join(lines)


def vcards_text(records: Iterable[ContactRecord], *, include_private: bool = False) -> str:
    """Several cards, one after another (one .vcf file)."""
    return "".join(vcard_for(r, include_private=include_private) for r in records)


# ------------------------------------------------------------------------------------------------ files

_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def card_filename(record: ContactRecord, taken: set[str]) -> str:
    """A file name for one contact's card: its Latin name, safe on Windows, macOS and Linux, unique in `taken`."""
    base = unicodedata.normalize("NFC", record.latin_display_name or _full_name(record))
    base = _UNSAFE_FILENAME.sub(" ", base)
    base = " ".join(base.split()).strip(" .")[:80].strip(" .") or "contact"
    if base.upper() in _RESERVED:
        base = f"{base} contact"
    name = f"{base}.vcf"
    n = 2
    while name.casefold() in taken:
        name = f"{base} ({n}).vcf"
        n += 1
    taken.add(name.casefold())
    return name


def _encode_cards(
    records: Sequence[ContactRecord], progress: Progress | None, include_private: bool
) -> list[tuple[ContactRecord, bytes]]:
    out: list[tuple[ContactRecord, bytes]] = []
    total = len(records)
    step = max(1, total // 100)
    for i, record in enumerate(records, 1):
        out.append((record, vcard_for(record, include_private=include_private).encode("utf-8")))
        if progress is not None and (i % step == 0 or i == total):
            progress(i, total)
    return out


def write_vcards(
    records: Iterable[ContactRecord],
    path: str | os.PathLike[str],
    split: SplitMode = False,
    progress: Progress | None = None,
    *,
    include_private: bool = False,
) -> ExportResult:
    """Write the cards of `records`.

    `split=False`: one .vcf file holding every card. `split="zip"`: a .zip with one .vcf per contact.
    `split="folder"`: one .vcf per contact in the folder `path` (created if needed; same-named files replaced).
    Every file is written atomically; nothing is written when a card cannot be made. Private e-mails and phones
    are left out unless `include_private` (choosing which contacts to export is the caller's business).
    """
    records = list(records)
    target = Path(path).expanduser()
    if not records:
        raise DirectoryError("no contacts to export")
    if split not in (False, "folder", "zip"):
        raise DirectoryError(f"unknown split mode {split!r}; use 'folder' or 'zip'")
    if split == "folder":
        return _write_folder(records, target, progress, include_private)
    if split == "zip":
        encoded = _encode_cards(records, progress, include_private)
        buffer = io.BytesIO()
        taken: set[str] = set()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for record, data in encoded:
                zf.writestr(card_filename(record, taken), data)
        data = buffer.getvalue()
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
        return ExportResult(check_target(target), len(records), files=len(records), size=len(data))
    data = b"".join(d for _, d in _encode_cards(records, progress, include_private))
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return ExportResult(check_target(target), len(records), files=1, size=len(data))


def _write_folder(
    records: Sequence[ContactRecord], folder: Path, progress: Progress | None, include_private: bool
) -> ExportResult:
    if folder.exists() and not folder.is_dir():
        raise DirectoryError(f"{folder} is a file; give a folder to write one card per contact")
    parent = folder.parent
    if not parent.is_dir():
        raise DirectoryError(f"cannot write {folder}: the folder {parent} does not exist")
    encoded = _encode_cards(records, progress, include_private)
    taken: set[str] = set()
    named = [(card_filename(record, taken), data) for record, data in encoded]
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=parent))
    except OSError as exc:
        raise DirectoryError(f"cannot write to {parent}: {os_error_text(exc)}") from None
    try:
        for name, data in named:
            (staging / name).write_bytes(data)
        if not folder.exists():
            os.replace(staging, folder)  # the whole folder appears at once
        else:
            for name, _ in named:
                os.replace(staging / name, folder / name)
    except OSError as exc:
        raise DirectoryError(f"cannot write {folder}: {os_error_text(exc)}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    size = sum(len(d) for _, d in named)
    return ExportResult(folder.absolute(), len(records), files=len(named), size=size)
