"""Shared pieces of the PDF documents (participants lists, contact lists, coverage matrix): fonts, styles, page
furniture, tables grouped by country.

Names in the directory are written in Latin, Cyrillic and Greek. The PDF core fonts and the Vera fonts that ship
with reportlab have no Cyrillic or Greek glyphs, so the app ships DejaVu Sans (resources/fonts, free licence) and
embeds it (subset) in every PDF it writes.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from directory_app import APP_NAME
from directory_app.core.paths import RESOURCES
from directory_app.core.records import DirectoryError

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_DIR = RESOURCES / "fonts"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#c5ccd6")
HEADER_FILL = colors.HexColor("#e8edf3")
GAP_FILL = colors.HexColor("#f6d5d1")
GAP_INK = colors.HexColor("#9b2c1f")


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the shipped TTF fonts with reportlab (once); returns (regular, bold) font names."""
    for name, filename in _FONT_FILES.items():
        path = FONT_DIR / filename
        if not path.is_file():
            raise DirectoryError(f"the PDF font {path} is missing; reinstall the application")
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except TTFError as exc:
            raise DirectoryError(f"the PDF font {path} cannot be read: {exc}") from None
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_email: ParagraphStyle
    header_cell: ParagraphStyle


@functools.cache
def styles() -> Styles:
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontName=bold, fontSize=16, leading=20, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=10, leading=14, textColor=MUTED),
        heading=ParagraphStyle(
            "heading", parent=base, fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=3
        ),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=base, fontName=bold, fontSize=8.5, leading=10.5),
        cell_muted=ParagraphStyle("cell_muted", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED),
        cell_email=ParagraphStyle("cell_email", parent=base, fontSize=7.8, leading=10.5),
        header_cell=ParagraphStyle("header_cell", parent=base, fontName=bold, fontSize=7, leading=8.5),
    )


def text(value: object) -> str:
    """Plain text made safe for a reportlab Paragraph (which reads a little XML)."""
    return escape(str(value if value is not None else ""))


def footer(label: str) -> Callable[[Canvas, object], None]:
    """A page callback drawing `label` on the left and the page number on the right, under the frame."""
    regular, _ = register_fonts()

    def draw(canvas: Canvas, doc: object) -> None:
        canvas.saveState()
        width, _height = canvas._pagesize
        left = getattr(doc, "leftMargin", 40)
        right = width - getattr(doc, "rightMargin", 40)
        y = getattr(doc, "bottomMargin", 40) - 18
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.line(left, y + 10, right, y + 10)
        canvas.drawString(left, y, label[:140])
        canvas.drawRightString(right, y, f"page {canvas.getPageNumber()}")
        canvas.restoreState()

    return draw


CELL_TEXT = 240  # characters of one value in a table cell: a row must fit on a page, or the layout fails
CELL_LINES = 6  # e-mails or phones in one cell


def clip(value: str, limit: int = CELL_TEXT) -> str:
    """`value` cut to `limit` characters, with an ellipsis: an organisation pasted 600 times over, or a
    position holding a paragraph, made a row taller than the page and the whole document failed."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def cell(value: object) -> str:
    """A table cell's text: clipped (`clip`) and made safe for a Paragraph (`text`)."""
    return text(clip(str(value if value is not None else "")))


def clip_lines(values: list[str], limit: int = CELL_LINES) -> list[str]:
    """The first `limit` values, and how many more there are."""
    return values if len(values) <= limit else [*values[:limit], f"and {len(values) - limit} more"]


def email_markup(address: str, width: float) -> str:
    """An address too wide for its column wraps after the @, not in the middle of a word."""
    local, at, domain = address.partition("@")
    if at and pdfmetrics.stringWidth(address, FONT, 7.8) > width:
        return f"{text(local)}@<br/>{text(domain)}"
    return text(address)


def grouped_tables(groups: list[tuple[str, list[list[object]]]], header: list[str], widths: list[float]) -> list:
    """One headed table per group ("Serbia (12)" above its people's rows), the header row repeated on each page;
    a heading stays with the first rows of its table."""
    from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

    st = styles()
    head = [Paragraph(h, st.header_cell) for h in header]
    style = TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    story: list[object] = []
    for heading, rows in groups:
        table = Table([head, *rows], colWidths=widths, repeatRows=1)
        table.setStyle(style)
        title = Paragraph(text(heading), st.heading)
        story.extend([KeepTogether([title, table])] if len(rows) <= 6 else [title, table])
    return story


def document_info(title: str) -> dict[str, str]:
    """Metadata for SimpleDocTemplate (title, author, creator)."""
    return {"title": title, "author": APP_NAME, "creator": APP_NAME, "subject": title}


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date_range(start: date | None, end: date | None) -> str:
    """'17–19 October 2017', '30 September – 2 October 2017', '17 October 2017'; '' when no date is known."""
    if start is None and end is None:
        return ""
    start = start or end
    end = end or start
    assert start is not None and end is not None

    def full(d: date) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"

    if start == end:
        return full(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {full(end)}"
    return f"{full(start)} – {full(end)}"


def write_pdf(
    path: str | os.PathLike[str],
    story: list,
    *,
    pagesize: tuple[float, float],
    margin: float,
    title: str,
    footer_label: str,
    on_page: Callable[[int], None] | None = None,
) -> Path:
    """Lay out `story` (reportlab flowables) into the PDF at `path`, written atomically, with our footer on
    every page and `title` in the document information. `on_page(n)` is called as page n is laid out (an
    exception it raises stops the layout, and nothing is written)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus.doctemplate import LayoutError

    from directory_app.core.fileio import atomic_path

    target = Path(path)
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=pagesize,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=margin + 4 * mm,
            **document_info(title),
        )
        if on_page is not None:
            doc.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
        furniture = footer(footer_label)
        try:
            doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
        except LayoutError:  # the cells are clipped (`clip`); should something else still not fit, say so
            raise DirectoryError(f"{target.name}: a part of the document is too large for a page") from None
    return target
