"""QR codes to print: every card's code scans back to the contact's card, in every script, with what is private
left out; many pages, progress, cancel and a size limit; a card too long for any code.

The codes are checked as a phone would see them: the rectangles the PDF draws are painted into an image (a few
lines below, so that no PDF renderer is needed) and read with zxing-cpp, a test-only dependency.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from directory_app.core import exporting
from directory_app.core.contacts import add_contact
from directory_app.core.phones import format_international
from directory_app.core.privacy import list_audit
from directory_app.core.qr import contact_qr
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from tests.core.cli_helpers import run_cli

_TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[^>]*>|\[[^\]]*\]|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+")


def _paint(page, scale: float = 3.0) -> np.ndarray:
    """The page's filled rectangles (the codes' modules), black on white, `scale` pixels a point. Only what the
    sheet draws is followed: q/Q, cm, re and f; text and lines are left out."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    image = np.full((int(height * scale), int(width * scale)), 255, dtype=np.uint8)
    ctm, stack, rects, numbers = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], [], []
    for token in _TOKEN.findall(page.get_contents().get_data()):
        try:
            numbers.append(float(token))
            continue
        except ValueError:
            pass
        if token == b"q":
            stack.append(ctm)
        elif token == b"Q":
            ctm = stack.pop()
        elif token == b"cm":
            a, b, c, d, e, f = numbers[-6:]
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif token == b"re":
            x, y, w, h = numbers[-4:]
            a, _b, _c, d, e, f = ctm  # the sheet neither rotates nor skews
            xs, ys = sorted((a * x + e, a * (x + w) + e)), sorted((d * y + f, d * (y + h) + f))
            rects.append((xs, ys))
        elif token in (b"f", b"f*"):
            for (x0, x1), (y0, y1) in rects:
                rows = slice(round((height - y1) * scale), round((height - y0) * scale))
                image[rows, round(x0 * scale) : round(x1 * scale)] = 0
            rects = []
        elif token == b"n":
            rects = []
        numbers = [] if token != b"re" else numbers
    return image


def _scan(path: Path) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    return [r.text for page in PdfReader(path).pages for r in zxingcpp.read_barcodes(_paint(page))]


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_card_scans_back_to_its_contact_and_private_details_stay_out(directory, tmp_path: Path) -> None:
    sanja = add_contact(directory, ContactInput(
        given_name="Сања", family_name="Јанковић", country="RS", city="Beograd", position="Chief Prosecutor",
        organisation="Basic Public Prosecutor's Office", emails=[EmailEntry("sanja@rjt.example.rs")],
        phones=[PhoneEntry(None, "+381 64 1234567", "mobile"),
                PhoneEntry(None, "+381 63 7654321", "mobile", private=True)],
    ))  # fmt: skip
    maria = add_contact(directory, ContactInput(
        given_name="Μαρία", family_name="Παπαδοπούλου", country="GR", organisation="Hellenic Police",
        emails=[EmailEntry("m.papadopoulou@astynomia.example.gr")],
    ))  # fmt: skip
    ivo = add_contact(
        directory,
        ContactInput(
            given_name="Ivo",
            family_name="Đurić",
            country="HR",
            phones=[PhoneEntry(None, "+385 91 222 3333", "mobile", private=True)],
        ),
    )
    hidden = add_contact(directory, ContactInput(given_name="Neda", family_name="Skrivena", shareable=False))
    out = tmp_path / "codes.pdf"

    result = exporting.export_contacts(directory, [sanja.id, maria.id, ivo.id, hidden.id], out, "qr")

    assert (result.count, result.files, result.path) == (3, 1, out)
    records = [exporting.load_for_export(directory, [i])[0] for i in (sanja.id, maria.id, ivo.id)]
    scanned = _scan(out)
    assert sorted(scanned) == sorted(contact_qr(r).payload for r in records)
    assert not any("+381637654321" in card or "+385912223333" in card or "Skrivena" in card for card in scanned)
    text = _text(out)
    assert "Сања Јанковић" in text and "Sanja Janković" in text and "Beograd, Serbia" in text
    assert "Μαρία Παπαδοπούλου" in text and "Hellenic Police" in text and "Ivo Đurić" in text
    assert "Skrivena" not in text and "3 people" in text and "do not pass them on" in text
    assert list_audit(directory)[0].action == "export-qr"

    exporting.export_contacts(directory, [ivo.id], out, "qr", include_private=True)
    assert "+385912223333" in _scan(out)[0]  # asked for: the private mobile goes in too


def test_many_cards_fill_pages_with_progress_cancel_and_a_limit(directory, tmp_path: Path, monkeypatch) -> None:
    from directory_app.core import qr_sheet

    ids = [add_contact(directory, ContactInput(given_name="Ana", family_name=f"Marić {i}", country="HR",
                                               phones=[PhoneEntry(None, f"+385 91 555 {i:04d}", "mobile")])).id
           for i in range(14)]  # fmt: skip
    seen: list[tuple[int, int]] = []
    out = tmp_path / "codes.pdf"
    exporting.export_contacts(directory, ids, out, "qr", progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _t in seen]
    assert done == sorted(done) and seen[-1] == (28, 28) and 20 in done  # a step per card after the reading
    assert len(PdfReader(out).pages) == 2  # twelve cards a page
    assert len(_scan(out)) == 14
    assert format_international("+385915550013") not in _text(out)  # the phones are in the codes, not the words

    target = tmp_path / "cancelled.pdf"

    def cancel_after_three_cards(done: int, _total: int) -> None:
        if done > 14 + 3:
            raise exporting.ExportCancelled("export cancelled; nothing was written")

    with pytest.raises(exporting.ExportCancelled):
        exporting.export_contacts(directory, ids, target, "qr", progress=cancel_after_three_cards)
    assert not target.exists() and not list(tmp_path.glob(".cancelled.pdf.*"))

    monkeypatch.setattr(qr_sheet, "QR_SHEET_LIMIT", 13)
    with pytest.raises(DirectoryError, match=r"14 contacts are too many for QR codes to print .*as vCards"):
        exporting.export_contacts(directory, ids, target, "qr")


def test_a_card_too_long_for_any_code_says_so_and_long_words_are_cut(directory, tmp_path: Path) -> None:
    huge = add_contact(directory, ContactInput(given_name="Ana", family_name="Dugačka" * 500))
    long_office = add_contact(directory, ContactInput(
        given_name="Ivan", family_name="Petrov", organisation="Ministry of Internal Affairs " * 30, country="BG",
    ))  # fmt: skip
    out = tmp_path / "codes.pdf"
    exporting.export_contacts(directory, [huge.id, long_office.id], out, "qr")
    text = _text(out)
    assert "No code: this card is too large for a QR code" in " ".join(text.split())
    assert "Ministry of Internal Affairs" in text and "…" in text
    assert len(_scan(out)) == 1


def test_export_qr_on_the_command_line(directory, tmp_path: Path) -> None:
    add_contact(directory, ContactInput(given_name="Amra", family_name="Hodžić", country="BA"))
    add_contact(directory, ContactInput(given_name="Ivo", family_name="Horvat", country="HR"))
    db = str(directory.path)
    directory.close()
    done = run_cli("export-qr", str(tmp_path / "ba.pdf"), "--country", "BA", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "1 contact written to" in done.stdout
    assert "Amra Hodžić" in _text(tmp_path / "ba.pdf") and "Horvat" not in _text(tmp_path / "ba.pdf")
