"""Writing to chosen contacts: their e-mail addresses for a mail program, copied (for its To or Bcc field) or as a
mailto: link that opens a new message with them in Bcc.

What leaves the directory this way follows the export's rules: contacts marked not to be shared and private
addresses are left out, and the audit log records who was given to the clipboard or the mail program.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from directory_app.core.records import DirectoryError

if TYPE_CHECKING:
    from directory_app.core.store import Directory

# Windows hands a link of more than about 2,000 characters to the mail program cut short, or not at all; some
# mail programs stop earlier. Longer lists are copied and pasted instead.
MAIL_LINK_LIMIT = 2_000
MAIL_LIMIT = 5_000  # contacts at once: a circular to more is a mailing list's work, not a mail program's field

# RFC 5322's specials: a display name holding one is quoted. Written by hand: email.utils.formataddr encodes any
# name beyond ASCII as an RFC 2047 word ("=?utf-8?b?0KHQsNGa0LA=?="), which a mail program's address field shows
# as it is when pasted, where "Сања Јанковић <sanja@example.rs>" is read right.
_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


def mailbox(name: str, address: str) -> str:
    """'Ana Marić <ana@example.hr>'; the name quoted when it holds a comma, a dot or another special."""
    name = " ".join(name.split())
    if not name:
        return address
    if _SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{address}>"


@dataclass(frozen=True)
class MailList:
    """One address for each chosen contact who has one to give, in the order chosen."""

    recipients: tuple[tuple[str, str], ...]  # (name, address)
    without: int  # contacts chosen with no address to give (none, or only private ones)
    left_out: str  # the contacts left out to protect them ("" when none was)

    @property
    def count(self) -> int:
        return len(self.recipients)

    @property
    def notes(self) -> str:
        """Who got no address, in words ("2 without an e-mail address; left out: 1 contact marked not to be
        shared"); "" when everyone chosen did."""
        notes = [f"{self.without:,} without an e-mail address"] if self.without else []
        return "; ".join(notes + ([self.left_out] if self.left_out else []))

    @property
    def text(self) -> str:
        """'Name <address>; Name <address>': what Outlook, Thunderbird and webmail take in To, Cc or Bcc."""
        return "; ".join(mailbox(name, address) for name, address in self.recipients)

    def mailto(self) -> str:
        """A mailto: link for a new message with the addresses in Bcc, so that recipients do not see each
        other's (RFC 6068). DirectoryError when it is too long for mail programs (`MAIL_LINK_LIMIT`)."""
        link = "mailto:?bcc=" + ",".join(quote(address, safe="@") for _name, address in self.recipients)
        if len(link) > MAIL_LINK_LIMIT:
            raise DirectoryError(
                f"{self.count:,} addresses are too many for a new message (mail programs take about "
                f"{MAIL_LINK_LIMIT:,} characters): copy them (Edit > Copy E-mail Addresses) and paste them into Bcc"
            )
        return link


_TARGETS = {  # purpose: (audit action, where the addresses went)
    "copy": ("copy-emails", "clipboard"),
    "mail": ("mail", "mail program"),
    "print": ("copy-emails", "terminal"),
}


def mail_list(
    directory: Directory, ids: Sequence[int], *, purpose: Literal["copy", "mail", "print"] = "copy"
) -> MailList:
    """The e-mail addresses of the contacts `ids` (the first work address a contact has, else their first), as an
    export gives them, recorded in the audit log as given to the clipboard ("copy"), the mail program ("mail") or
    the terminal ("print", the `emails` command). DirectoryError when no chosen contact has an address to give, or
    too many are chosen."""
    from directory_app.core.exporting import load_for_export, plan_giving
    from directory_app.core.privacy import ExportNote, audit, exportable

    too_many = "{count:,} contacts are too many to write to at once (at most {limit:,})"
    plan = plan_giving(directory, ids, verb="write to", limit=MAIL_LIMIT, too_many=too_many)
    records, _left = exportable(load_for_export(directory, plan.ids))  # private addresses are not given
    recipients: list[tuple[str, str]] = []
    given, seen, without = [], set(), 0
    for record in records:
        if not record.emails:
            without += 1
            continue
        email = next((e for e in record.emails if e.type == "work"), record.emails[0])
        given.append(record.uid)
        if email.address.casefold() not in seen:  # colleagues given their office's one address: it once
            seen.add(email.address.casefold())
            recipients.append((record.display_name, email.address))
    note = ExportNote(plan.withheld)
    if not recipients:
        raise DirectoryError(
            "none of the chosen contacts has an e-mail address to give"
            + (f" ({note.summary})" if not note.empty else "")
        )
    result = MailList(tuple(recipients), without, note.summary)
    if purpose == "mail":
        result.mailto()  # too long for a link: refused before anything is recorded
    action, target = _TARGETS[purpose]
    detail = f"e-mail addresses ({len(recipients)}); private data left out"
    if without:
        detail += f"; {without} without an address to give"
    if not note.empty:
        detail += f"; {note.summary}"
    audit(directory, action, detail, target, given)
    return result
