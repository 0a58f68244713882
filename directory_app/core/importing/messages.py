"""Reading a list that came inside a message: an e-mail saved from the mail program (.eml: Thunderbird, Apple Mail,
Gmail's "Download message") with the list attached or pasted into its text, and a single-file web page (.mht, .mhtml:
Word's and Excel's "Single File Web Page", which is a MIME message too).

The standard library's email package reads the message. Each attachment that is a list is read as its own file
would be (`reading.read_workbook`, on a copy in a temporary folder), its sheets named after it; the tables of the
message's HTML parts are read as a web page's (`webtables.tables_of`). A logo or a signature's image is passed by.
"""

from __future__ import annotations

import email
import email.policy
import tempfile
from pathlib import Path

from directory_app.core.importing.reading import LIST_SUFFIXES, MAX_TEXT_FILE, Sheet, Workbook, read_workbook
from directory_app.core.importing.webtables import decode_page, tables_of
from directory_app.core.records import DirectoryError

# The attachments read, by the name's ending: the lists (a vCard too), not the text files a mail program adds.
_LIST_ATTACHMENTS = frozenset(LIST_SUFFIXES) - {".txt", ".htm", ".html", ".xml"}


def read_message(path: Path) -> Workbook:
    """The lists in an e-mail (its attachments and the tables of its text) or a single-file web page, as one
    workbook: an attachment's sheets named "attachment – sheet"."""
    size = path.stat().st_size
    if size > MAX_TEXT_FILE:
        raise DirectoryError(f"{path.name}: {size / 1024 / 1024:,.0f} MB is too large for a registration list")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    mail = any(message.get(header) for header in ("From", "Subject", "Received", "Message-ID"))
    sheets: list[Sheet] = []
    refused: list[str] = []  # attachments that are lists but could not be read, each with why
    with tempfile.TemporaryDirectory(prefix="directory-app-mail-") as folder:
        for number, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            name = part.get_filename()
            if name and not part.get_content_type().startswith("text/html"):
                sheets.extend(_attachment(part, name, Path(folder) / f"attachment{number}", refused))
            elif part.get_content_type() == "text/html":
                try:
                    html = part.get_content()
                except (LookupError, UnicodeError, ValueError) as exc:
                    raise DirectoryError(f"{path.name}: a damaged part of the message ({exc})") from None
                if isinstance(html, bytes):
                    html, _used = decode_page(path, html, None)
                for sheet in tables_of(html):
                    sheet.name = name or sheet.name
                    sheets.append(sheet)
    for i, sheet in enumerate(sheets):  # two tables of the same name (Excel's parts are all "Table 1")
        if any(other.name == sheet.name for other in sheets[:i]):
            sheet.name = f"{sheet.name} ({i + 1})"
    if not sheets:
        if refused:
            raise DirectoryError(f"{path.name}: {'; '.join(refused)}")
        what = "an e-mail without a list: no table in its text and no spreadsheet, document or PDF attached"
        raise DirectoryError(f"{path.name}: {what if mail else 'a web page without a table'}")
    return Workbook(path, "email" if mail else "html", sheets)


def _attachment(part, name: str, copy: Path, refused: list[str]) -> list[Sheet]:  # part: an EmailMessage
    """The sheets of an attachment that is a list (none for an image or a signature), read from a copy at `copy`
    (the attachment's own name is never used as a path); why it could not be read goes to `refused`."""
    suffix = Path(name).suffix.lower()
    if suffix not in _LIST_ATTACHMENTS:
        return []
    data = part.get_payload(decode=True)
    if not data:
        return []
    copy = copy.with_suffix(suffix)
    copy.write_bytes(data)
    try:
        workbook = read_workbook(copy)
    except DirectoryError as exc:
        refused.append(f"the attachment {name} cannot be read ({str(exc).replace(copy.name, name)})")
        return []
    for sheet in workbook.sheets:
        sheet.name = f"{name} – {sheet.name}"
    return workbook.sheets
