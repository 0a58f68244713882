"""Reading lists that came inside another file: an e-mail saved from the mail program (.eml: Thunderbird, Apple
Mail, Gmail's "Download message") with the list attached or pasted into its text, a single-file web page (.mht,
.mhtml: Word's and Excel's "Single File Web Page", which is a MIME message too), and a ZIP archive of lists (the
participants' registration forms, sent as a zipped folder).

The standard library's email and zipfile packages open them. Each attachment or member that is a list is read as
its own file would be (`reading.read_workbook`, on a copy in a temporary folder: its own name is never used as a
path), its sheets named after it; the tables of a message's HTML parts are read as a web page's
(`webtables.tables_of`). A logo or a signature's image is passed by.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from directory_app.core.importing.reading import (
    LIST_SUFFIXES,
    Sheet,
    Workbook,
    archived_list,
    check_size,
    read_workbook,
)
from directory_app.core.importing.webtables import decode_page, tables_of
from directory_app.core.records import DirectoryError

# The attachments read, by the name's ending: the lists (a vCard too, a ZIP of forms), not the text files a mail
# program adds.
# ".doc" too: a Word 97-2003 form is refused saying how to save it (reading._OLD_OFFICE_STREAMS), and a .docx
# someone renamed .doc is read, as its bytes say.
_LIST_ATTACHMENTS = (frozenset(LIST_SUFFIXES) - {".txt", ".htm", ".html", ".xml"}) | {".doc"}
# Files within files read this deep at most: an e-mail with a ZIP of forms is two; a file that holds itself (a ZIP
# "quine") would never end.
_MAX_DEPTH = 3
_depth = threading.local()  # the wizard reads files in worker threads


@contextlib.contextmanager
def _inside(path: Path) -> Iterator[None]:
    depth = getattr(_depth, "value", 0)
    if depth >= _MAX_DEPTH:
        raise DirectoryError(f"{path.name}: files within files within files: not read further")
    _depth.value = depth + 1
    try:
        yield
    finally:
        _depth.value = depth


def read_message(path: Path) -> Workbook:
    """The lists in an e-mail (its attachments and the tables of its text) or a single-file web page, as one
    workbook: an attachment's sheets named "attachment – sheet"."""
    check_size(path)
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    mail = any(message.get(header) for header in ("From", "Subject", "Received", "Message-ID"))
    sheets: list[Sheet] = []
    refused: list[str] = []  # attachments that are lists but could not be read, each with why
    with _inside(path), tempfile.TemporaryDirectory(prefix="directory-app-mail-") as folder:
        for number, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            name = part.get_filename()
            if name and name.lower() == "winmail.dat":
                refused.append(
                    "the attachments came inside winmail.dat (Outlook's rich text): ask for the list to be sent "
                    "again as an ordinary attachment, or saved from Outlook"
                )
            elif name and not part.get_content_type().startswith("text/html"):
                if Path(name).suffix.lower() in _LIST_ATTACHMENTS and (data := part.get_payload(decode=True)):
                    sheets.extend(_read_copy(name, data, Path(folder) / f"attachment{number}", refused))
            elif part.get_content_type() == "text/html":
                try:
                    # A part that names no charset (Chrome's and Edge's .mht) is read as its bytes and its <meta>
                    # say: read as ASCII, every accented letter became "��".
                    html = part.get_content() if part.get_content_charset() else part.get_payload(decode=True)
                except (LookupError, UnicodeError, ValueError) as exc:
                    raise DirectoryError(f"{path.name}: a damaged part of the message ({exc})") from None
                if isinstance(html, bytes):
                    html, _used = decode_page(path, html, None)
                for sheet in tables_of(html):
                    sheet.name = name or sheet.name
                    sheets.append(sheet)
    _distinct_names(sheets)
    if not sheets:
        if refused:
            raise DirectoryError(f"{path.name}: {'; '.join(refused)}")
        what = "an e-mail without a list: no table in its text and no spreadsheet, document or PDF attached"
        raise DirectoryError(f"{path.name}: {what if mail else 'a web page without a table'}")
    return Workbook(path, "email" if mail else "html", sheets, notes=refused)


def read_archive(path: Path) -> Workbook:
    """The lists in a ZIP archive (already checked by `reading.check_zip`: not encrypted, not a bomb), each member
    read as its own file; their sheets named "member – sheet"."""
    sheets: list[Sheet] = []
    refused: list[str] = []
    with _inside(path), zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory(prefix="directory-app-zip-") as folder:
        members = sorted((i for i in zf.infolist() if not i.is_dir() and archived_list(i.filename)), key=_member_order)
        for number, info in enumerate(members):
            name = info.filename.rsplit("/", 1)[-1]
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError) as exc:
                refused.append(f"{name} cannot be unpacked ({exc})")
                continue
            sheets.extend(_read_copy(name, data, Path(folder) / f"member{number}", refused, "the file"))
    _distinct_names(sheets)
    if not sheets:
        raise DirectoryError(f"{path.name}: {'; '.join(refused) or 'a ZIP archive without a list in it'}")
    return Workbook(path, "archive", sheets, notes=refused)


def _member_order(info: zipfile.ZipInfo) -> tuple[str, ...]:
    """Members in the order a file manager shows them: by folder, then by name, ignoring case."""
    return tuple(part.casefold() for part in info.filename.split("/"))


def _read_copy(name: str, data: bytes, copy: Path, refused: list[str], what: str = "the attachment") -> list[Sheet]:
    """The sheets of an attachment's or archive member's bytes, read from a copy at `copy` (its own name is never
    used as a path); why it could not be read goes to `refused`."""
    copy = copy.with_suffix(Path(name).suffix.lower())
    copy.write_bytes(data)
    try:
        workbook = read_workbook(copy)
    except DirectoryError as exc:
        refused.append(f"{what} {name} cannot be read ({str(exc).replace(copy.name, name)})")
        return []
    for sheet in workbook.sheets:
        sheet.name = f"{name} – {sheet.name}"
    return workbook.sheets


def _distinct_names(sheets: list[Sheet]) -> None:
    """Two sheets of the same name (Excel's web page parts are all "Table 1", two forms named alike in two
    folders) are told apart by their place."""
    for i, sheet in enumerate(sheets):
        if any(other.name == sheet.name for other in sheets[:i]):
            sheet.name = f"{sheet.name} ({i + 1})"
