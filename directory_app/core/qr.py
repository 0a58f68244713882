"""A contact as a QR code that a phone camera turns into an address-book entry, offline (segno).

Two rules keep the code readable by phone cameras: segno must encode UTF-8 (by default it encodes Cyrillic as
Shift_JIS, which phones misread) and must never make a Micro QR (short texts become Micro QR by default, and phone
cameras do not read those). The card inside carries `CHARSET=UTF-8` on non-ASCII values (vcard_for(qr=True)):
without it the iOS camera misreads them.

A full card above ~400 bytes makes a dense code that a camera struggles with on a laptop screen or a printout, so
the code then falls back to a compact card (name, organisation, one phone, one e-mail), and says so.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import segno

from directory_app.core.fileio import ExportResult, atomic_write_bytes, check_target
from directory_app.core.records import ContactRecord, DirectoryError
from directory_app.core.vcard import vcard_for

if TYPE_CHECKING:
    from directory_app.core.store import Directory

QR_BYTES_LIMIT = 400
ERROR_LEVEL = "m"  # 15 % of the code can be damaged or covered; segno raises it when that costs no size


@dataclass(frozen=True)
class ContactQR:
    """The QR code of one contact: its payload (a vCard), whether it is the compact fallback, and renderings."""

    payload: str
    compact: bool
    code: segno.QRCode

    @property
    def size_bytes(self) -> int:
        return len(self.payload.encode("utf-8"))

    @property
    def version(self) -> int:
        return int(self.code.version)

    @property
    def modules(self) -> int:
        """Modules (dots) per side, without the quiet zone."""
        return int(self.code.symbol_size(scale=1, border=0)[0])

    def png(self, scale: int = 8, border: int = 4) -> bytes:
        """PNG bytes: black on white, `scale` pixels per module, a quiet zone of `border` modules."""
        buffer = io.BytesIO()
        self.code.save(buffer, kind="png", scale=scale, border=border, dark="black", light="white")
        return buffer.getvalue()

    def svg(self, scale: int = 8, border: int = 4) -> bytes:
        buffer = io.BytesIO()
        self.code.save(buffer, kind="svg", scale=scale, border=border, dark="black", light="white", xmldecl=False)
        return buffer.getvalue()

    @property
    def note(self) -> str:
        """A line for the user when the code holds less than the whole card."""
        if not self.compact:
            return ""
        return (
            "The full card is too large for a readable code: this one holds the name, organisation, "
            "one phone and one e-mail."
        )


def qr_payload(
    record: ContactRecord, *, limit: int = QR_BYTES_LIMIT, include_private: bool = False
) -> tuple[str, bool]:
    """The vCard to put in the QR code and whether it fell back to the compact card (full card over `limit`)."""
    full = vcard_for(record, qr=True, include_private=include_private)
    if len(full.encode("utf-8")) <= limit:
        return full, False
    return vcard_for(record, qr=True, compact=True, include_private=include_private), True


def contact_qr(record: ContactRecord, *, limit: int = QR_BYTES_LIMIT, include_private: bool = False) -> ContactQR:
    """The QR code of a contact (UTF-8, never Micro QR). Raises DirectoryError if even the compact card is too
    large for any QR code (only absurdly long names or organisations can do that)."""
    payload, compact = qr_payload(record, limit=limit, include_private=include_private)
    try:
        code = segno.make(payload, encoding="utf-8", micro=False, error=ERROR_LEVEL, boost_error=True)
    except segno.DataOverflowError:
        raise DirectoryError(
            f"the card of {record.display_name or 'this contact'} is too large for a QR code"
        ) from None
    return ContactQR(payload, compact, code)


IMAGE_KINDS = {".png": "png", ".svg": "svg"}
IMAGE_SCALE = 10  # pixels a module in a saved PNG: 850 pixels for the largest code, enough for a slide or a badge


def qr_image(
    directory: Directory, contact_id: int, kind: str = "png", *, include_private: bool = False
) -> tuple[ContactRecord, bytes]:
    """The code of the contact `contact_id` as PNG or SVG bytes, to copy, recorded in the audit log as the contact
    copied. The code is the one the detail pane shows: private e-mails and phones only with `include_private`; a
    contact marked not to be shared is refused unless `include_private` (as every export refuses them).
    DirectoryError says why there is no image."""
    record, data, _note = _image(directory, contact_id, kind, include_private)
    _audit(directory, "copy-qr", kind, "clipboard", record, include_private)
    return record, data


def save_qr_image(
    directory: Directory, contact_id: int, path: str | os.PathLike[str], *, include_private: bool = False
) -> ExportResult:
    """The contact's code saved as an image, PNG or SVG by the file's name, written atomically and recorded in the
    audit log as an export (what `qr_image` gives and refuses)."""
    target = Path(path).expanduser()
    kind = IMAGE_KINDS.get(target.suffix.lower())
    if kind is None:
        raise DirectoryError(f"cannot tell the image kind of '{target.name}': name it .png or .svg")
    target = check_target(target)
    from directory_app.core.privacy import recorded_export

    record, data, note = _image(directory, contact_id, kind, include_private)
    with recorded_export(directory, f"export-qr-{kind}", _detail(kind, include_private), target, [record.uid]):
        size = atomic_write_bytes(target, data)
    return ExportResult(target, 1, files=1, size=size, note=note)


def _image(directory: Directory, contact_id: int, kind: str, include_private: bool) -> tuple[ContactRecord, bytes, str]:
    from directory_app.core.contacts import get_contact

    if kind not in IMAGE_KINDS.values():
        raise DirectoryError(f"unknown image kind '{kind}'; use png or svg")
    record = get_contact(directory, contact_id)
    if record is None:
        raise DirectoryError(f"there is no contact {contact_id} (deleted meanwhile?)")
    if not record.shareable and not include_private:
        name = record.display_name or "this contact"
        raise DirectoryError(f"{name} is marked not to be shared: the code is not given out")
    qr = contact_qr(record, include_private=include_private)
    return record, qr.png(scale=IMAGE_SCALE) if kind == "png" else qr.svg(scale=IMAGE_SCALE), qr.note


def _audit(
    directory: Directory, action: str, kind: str, target: str, record: ContactRecord, include_private: bool
) -> None:
    from directory_app.core.privacy import audit

    audit(directory, action, _detail(kind, include_private), target, [record.uid])


def _detail(kind: str, include_private: bool) -> str:
    private = "private data included on purpose" if include_private else "private data left out"
    return f"QR code ({kind}); {private}"


SHOW_LIMIT = 2_000  # codes shown one after another on a screen: a room's worth, many times over


def codes_to_show(directory: Directory, ids: Sequence[int]) -> tuple[list[ContactRecord], str]:
    """The contacts `ids` whose codes may be shown to a room, one after another (View > QR Codes on Screen), as
    an export gives them: contacts not to be shared left out, private e-mails and phones kept out of the codes.
    Recorded in the audit log as shown on the screen. Returns the records and what was left out ("" when
    nothing was); DirectoryError when none may be shown."""
    from directory_app.core.exporting import give_records

    too_many = "{count:,} contacts are too many to show one after another (at most {limit:,}): narrow the search"
    return give_records(
        directory, ids, verb="show", limit=SHOW_LIMIT, too_many=too_many, action="show-qr",
        what="QR codes on the screen", target="screen",
    )  # fmt: skip
