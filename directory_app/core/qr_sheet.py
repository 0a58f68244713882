"""QR codes to print (.pdf): one card per contact, twelve to an A4 page, each a code that a phone camera turns
into an address-book entry, with the person's name, position, office and country under it.

At a seminar the organisers print the participants' codes and pin them up or hand them round, cut along the dotted
lines: people add each other by pointing their phones, with no laptop and no file to pass on. The codes hold what
the detail pane's code holds (qr.contact_qr: the whole card, or the compact one when the whole card would make a
code too dense to read), and are drawn as vector squares, sharp at any printer's resolution.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from directory_app.core.contact_list import CONFIDENTIAL
from directory_app.core.fileio import ExportResult, check_target
from directory_app.core.records import ContactRecord, DirectoryError

# segno chooses the most readable of eight masks in pure Python: 30-60 ms a code on the development machine, so
# 600 codes (50 pages) take about half a minute. Larger sets are a directory's, not a seminar's: the spreadsheet or
# the vCards carry them better.
QR_SHEET_LIMIT = 600
COLUMNS, ROWS = 3, 4  # cards on a page
CODE_MM = 33  # side of a code: a version-15 code (the largest the app makes) has modules of 0.43 mm


def check_sheet_size(count: int) -> None:
    """DirectoryError when `count` contacts are too many for QR codes to print (`QR_SHEET_LIMIT`)."""
    if count > QR_SHEET_LIMIT:
        raise DirectoryError(
            f"{count:,} contacts are too many for QR codes to print (at most {QR_SHEET_LIMIT:,}): narrow the "
            "search, or export them as vCards"
        )


def write_qr_sheet(
    records: Sequence[ContactRecord],
    path: str | os.PathLike[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    include_private: bool = False,
    today: date | None = None,
) -> ExportResult:
    """An A4 sheet of cards, one per record in the given order: the contact's QR code, name (and its Latin
    spelling), position, office, city and country. Private e-mails and phones go into the codes only with
    `include_private`. A contact whose card is too large even for the compact code gets a card saying so. Written
    atomically; `progress(done, total)` after each card (an exception it raises stops the export, nothing
    written)."""
    if not records:
        raise DirectoryError("no contacts to export")
    check_sheet_size(len(records))
    target = check_target(Path(path))
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from directory_app.core import pdfdoc
    from directory_app.core.fileio import atomic_path

    regular, bold = pdfdoc.register_fonts()
    width, height = A4
    margin = 12 * mm
    furniture = pdfdoc.footer(f"QR codes · {CONFIDENTIAL}")
    page_frame = SimpleNamespace(leftMargin=margin, rightMargin=margin, bottomMargin=margin + 4 * mm)
    per_page = COLUMNS * ROWS
    pages = -(-len(records) // per_page)
    printed = pdfdoc.format_date_range(today or date.today(), None)
    people = f"{len(records):,} {'person' if len(records) == 1 else 'people'}"

    with atomic_path(target) as tmp:
        canvas = Canvas(str(tmp), pagesize=A4, pageCompression=1)
        info = pdfdoc.document_info("QR codes")
        canvas.setTitle(info["title"])
        canvas.setAuthor(info["author"])
        canvas.setCreator(info["creator"])
        canvas.setSubject(info["subject"])
        for page in range(pages):
            top = height - margin
            canvas.setFillColor(pdfdoc.INK)
            canvas.setFont(bold, 14)
            canvas.drawString(margin, top - 14, "QR codes")
            canvas.setFont(regular, 8.5)
            canvas.setFillColor(pdfdoc.MUTED)
            canvas.drawString(
                margin,
                top - 28,
                f"{people} · printed {printed} · point a phone's camera at a code to add the person to its contacts",
            )
            canvas.drawString(margin, top - 39, CONFIDENTIAL)
            grid_top = top - 48
            grid_bottom = margin + 10 * mm
            cell_w = (width - 2 * margin) / COLUMNS
            cell_h = (grid_top - grid_bottom) / ROWS
            chunk = records[page * per_page : (page + 1) * per_page]
            _cut_lines(canvas, margin, grid_top, cell_w, cell_h, rows=-(-len(chunk) // COLUMNS))
            for i, record in enumerate(chunk):
                x = margin + (i % COLUMNS) * cell_w
                y = grid_top - (i // COLUMNS + 1) * cell_h
                _card(canvas, record, x, y, cell_w, cell_h, include_private=include_private)
                if progress is not None:
                    progress(page * per_page + i + 1, len(records))
            furniture(canvas, page_frame)
            canvas.showPage()
        canvas.save()
    return ExportResult(target, len(records), files=1, size=target.stat().st_size)


def _cut_lines(canvas, left: float, top: float, cell_w: float, cell_h: float, rows: int) -> None:
    """Dotted lines around the first `rows` rows of cards, to cut along."""
    from directory_app.core import pdfdoc

    canvas.saveState()
    canvas.setStrokeColor(pdfdoc.RULE)
    canvas.setLineWidth(0.4)
    canvas.setDash(1, 2)
    right, bottom = left + COLUMNS * cell_w, top - rows * cell_h
    for column in range(COLUMNS + 1):
        canvas.line(left + column * cell_w, bottom, left + column * cell_w, top)
    for row in range(rows + 1):
        canvas.line(left, top - row * cell_h, right, top - row * cell_h)
    canvas.restoreState()


def _card(canvas, record: ContactRecord, x: float, y: float, w: float, h: float, *, include_private: bool) -> None:
    """One contact's card in the cell whose lower left corner is (x, y): the code at the top, centred, the words
    under it, each line cut to the card's width."""
    from reportlab.lib.units import mm

    from directory_app.core import pdfdoc
    from directory_app.core.countries import country_name
    from directory_app.core.qr import contact_qr

    regular, bold = pdfdoc.register_fonts()
    side = CODE_MM * mm
    pad = 3 * mm
    code_top = y + h - pad
    text_w = w - 2 * pad
    try:
        qr = contact_qr(record, include_private=include_private)
    except DirectoryError:  # only an absurdly long name or office does this
        qr = None
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(pdfdoc.MUTED)
        for n, line in enumerate(_wrap("No code: this card is too large for a QR code", regular, 7.5, side, 4)):
            canvas.drawCentredString(x + w / 2, code_top - side / 2 + 12 - n * 9, line)
    if qr is not None:
        _draw_code(canvas, qr.code.matrix, x + (w - side) / 2, code_top - side, side)

    # (text, font, size, colour, rank): when the card is short of room, the lines of the highest rank go first
    lines: list[tuple[str, str, float, object, int]] = []
    name = " ".join(p for p in (record.honorific, record.display_name) if p)
    lines += [(t, bold, 8.5, pdfdoc.INK, 0) for t in _wrap(name, bold, 8.5, text_w, 2)]
    if record.latin_display_name and record.latin_display_name != record.display_name:
        latin = _wrap(record.latin_display_name, regular, 7.5, text_w, 1)
        lines += [(t, regular, 7.5, pdfdoc.MUTED, 2) for t in latin]
    if record.position:
        lines += [(t, regular, 7.5, pdfdoc.INK, 3) for t in _wrap(record.position, regular, 7.5, text_w, 1)]
    if record.organisation:
        office = _wrap(record.organisation, regular, 7.5, text_w, 2)
        lines += [(t, regular, 7.5, pdfdoc.INK, 0 if n == 0 else 4) for n, t in enumerate(office)]
    place = ", ".join(p for p in (record.city, country_name(record.country) if record.country else "") if p)
    if place:
        lines += [(t, regular, 7.5, pdfdoc.MUTED, 1) for t in _wrap(place, regular, 7.5, text_w, 1)]
    if qr is not None and qr.compact:
        compact = "The code holds the name, office, one phone and one e-mail"
        lines += [(t, regular, 6, pdfdoc.MUTED, 5) for t in _wrap(compact, regular, 6, text_w, 2)]
    baseline = code_top - side - 2 * mm - 8  # the code's quiet zone (4 modules, 1.7 mm) kept clear of the name
    room = baseline - y - 2 * mm
    for rank in (5, 4, 3, 2, 1):  # what does not fit is left off the card (the code holds it)
        if sum(size + 2 for _t, _f, size, _c, _r in lines) <= room:
            break
        lines = [line for line in lines if line[4] != rank]
    used = 0.0
    for text, font, size, colour, _rank in lines:
        if used + size + 2 > room:
            break
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        canvas.drawCentredString(x + w / 2, baseline - used, text)
        used += size + 2


def _draw_code(canvas, matrix: Sequence[Sequence[int]], left: float, bottom: float, side: float) -> None:
    """The code's dark modules as filled rectangles, one per run of dark modules in a row: vector, so it prints
    sharp. Drawn in module units (row 0 at the top), which keeps the page's content small; each run reaches a
    hair into the row below, so that no light seam shows between rows on screen.

    Written as PDF operators by hand (canvas.addLiteral): reportlab's path.rect formats every number through its
    pure-Python float formatter when its C accelerator is not installed, which took longer than making the code."""
    size = len(matrix)
    module = side / size
    ops = [f"q {module:.4f} 0 0 {-module:.4f} {left:.3f} {bottom + side:.3f} cm 0 g"]
    for r, row in enumerate(matrix):
        c = 0
        while c < size:
            if row[c]:
                start = c
                while c < size and row[c]:
                    c += 1
                ops.append(f"{start} {r} {c - start} 1.02 re")
            else:
                c += 1
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width`, at most `max_lines`; a line cut short, or the last when more was
    left, ends in an ellipsis."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = simpleSplit(" ".join(text.split()), font, size, width)
    kept = lines[:max_lines]
    for i, line in enumerate(kept):
        cut = len(lines) > max_lines and i == len(kept) - 1
        while line and (cut or stringWidth(line, font, size) > width):
            cut = True
            if stringWidth(line + "…", font, size) <= width:
                break
            line = line[:-1]
        kept[i] = line.rstrip() + "…" if cut else line
    return kept
