"""Writing real registration files for the import tests (openpyxl, csv, xlwt, OpenDocument by its format)."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    hidden_rows: dict[str, set[int]] | None = None,
    hidden_sheets: Sequence[str] = (),
    merges: dict[str, Sequence[str]] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for r in (hidden_rows or {}).get(name, set()):
            ws.row_dimensions[r].hidden = True
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
        if name in hidden_sheets:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, str], sheet_xml: str = "xl/worksheets/sheet1.xml") -> None:
    """Give formula cells a saved result, as Excel does (openpyxl writes formulas without one)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == sheet_xml:
                text = data.decode()
                for ref, value in values.items():
                    text = re.sub(
                        rf'<c r="{ref}"><f>(.*?)</f><v\s*/>', rf'<c r="{ref}" t="str"><f>\1</f><v>{value}</v>', text
                    )
                data = text.encode()
            dst.writestr(info, data)
    shutil.move(tmp, path)


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


HEADER = ["#", "Mr/Ms", "SURNAME", "First name", "Country", "Organisation", "Position", "E-mail", "Phone", "Expertise"]


def person(
    n: int,
    family: str,
    given: str,
    country: str,
    email: str,
    phone: object = "",
    *,
    honorific: str = "Ms",
    organisation: str = "Prosecutor's Office",
    position: str = "Prosecutor",
    expertise: str = "THB",
) -> list:
    return [n, honorific, family, given, country, organisation, position, email, phone, expertise]


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)


def write_ods(
    path: Path,
    body: str,
    *,
    styles: str = "",
    mimetype: str = "application/vnd.oasis.opendocument.spreadsheet",
    manifest_extra: str = "",
    prolog: str = "",
    document: str = "spreadsheet",
) -> Path:
    """An OpenDocument file as LibreOffice lays it out: `mimetype` first and stored, the manifest, and content.xml
    with `styles` (automatic styles) and `body` (the table:table elements) in it; `document` "text" for a text
    document (.odt), whose body holds paragraphs and tables."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NS} office:version="1.2">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:{document}>{body}</office:{document}></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}'
        "</manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", content)
    return path


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_paragraph(text: str) -> str:
    """A paragraph as Word writes it: runs of text (a line break between lines)."""
    from xml.sax.saxutils import escape

    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' for t in text.split("\n")
    )
    return f"<w:p>{runs}</w:p>"


def docx_table(rows: Sequence[Sequence[object]]) -> str:
    """A table: each cell a text, or a (text, properties) pair for merged cells ('<w:gridSpan w:val="2"/>',
    '<w:vMerge w:val="restart"/>', '<w:vMerge/>')."""
    body = []
    for row in rows:
        cells = []
        for cell in row:
            text, props = cell if isinstance(cell, tuple) else (cell, "")
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{docx_paragraph(str(text))}</w:tc>")
        body.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl><w:tblPr/>{''.join(body)}</w:tbl>"


def write_docx(path: Path, body: str, *, prolog: str = "") -> Path:
    """A Word document (.docx) in the parts Word needs: content types, the package relationship, and
    word/document.xml with `body` (paragraphs and tables, see `docx_paragraph` and `docx_table`)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("_rels/.rels", _DOCX_RELS)
        zf.writestr("word/document.xml", document)
    return path


# A list of participants as a PDF (test_import_pdf.py): people as organisers' lists hold them, and the table.
PDF_PEOPLE = [
    ("1", "Jelena PETROVIĆ", "Republic Public Prosecutor's Office", "Deputy Public Prosecutor", "Serbia",
     "jelena.petrovic@rjt.gov.rs", "+381 11 3601 234"),
    ("2", "Ана ТРАЈКОВСКА", "Министерство за внатрешни работи", "Инспектор", "North Macedonia",
     "a.trajkovska@mvr.gov.mk", "070 123 456"),
    # an address too long for its column, broken over two lines as Word breaks it
    ("3", "Florian KELMENDI", "General Prosecution Office", "Prosecutor", "Albania",
     "florian.kelmendi@<br/>pp.gov.al", "+355 69 222 3344"),
    ("4", "Aleksandra STOJANOVSKA-<br/>PETROVSKA", "Ministry of Interior", "Head of Unit", "North Macedonia",
     "a.stojanovska@mvr.gov.mk", "071 555 666"),
    # words broken anywhere to fit a narrow column, as LibreOffice and Word print them
    ("5", "Eleni KARAGIAN<br/>NI", "Hellenic Coast Guard", "Lieutenant", "Hellenic<br/>Republic",
     "e.karagianni@sampl<br/>e-gr.org", "6977 123<br/>456"),
    ("6", "Nemanja LEKIĆ", "Supreme State Prosecutor's Office", "Special Prosecutor", "Montenegr<br/>o",
     "nemanja.lekic@tuzilastvo.me;<br/>n.lekic@<br/>gmail.com", "+382 (0)68<br/>111 222"),
    # words wrapped at a space: one name, not a name and a remark under it
    ("7", "Maria del Carmen<br/>GARCÍA LÓPEZ", "UNODC Regional<br/>Office", "Programme Officer", "Austria",
     "maria.garcia@un.org", "+43 1 26060 4000"),
]  # fmt: skip


def write_ruled_pdf(path: Path, rows: list[tuple[str, ...]], copies: int = 1) -> Path:
    """A list of participants as Word prints it: a title, then a framed table whose header repeats on each page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from directory_app.core.pdfdoc import FONT, register_fonts

    register_fonts()
    style = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
    title = ParagraphStyle("title", fontName=FONT, fontSize=14, leading=18)
    header = ["No.", "Name and surname", "Institution", "Position", "Country", "E-mail", "Phone"]
    body = [[Paragraph(text, style) for text in row] for _ in range(copies) for row in rows]
    table = Table([header, *body], repeatRows=1, colWidths=[25, 110, 150, 110, 80, 120, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT)]))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    doc.build(
        [
            Paragraph("Regional Workshop on Joint Investigation Teams", title),
            Paragraph("Skopje, 12-14 March 2025 — List of participants", style),
            Spacer(1, 12),
            table,
        ]
    )
    return path


def write_fillable_pdf(path: Path, answers: dict[str, str], *, consent: str | None = None, names: bool = True) -> Path:
    """A registration form as a fillable PDF (Acrobat's kind), filled in by a participant: labels printed on the
    page, a text field beside each, the consent as two radio buttons, a check box. `answers` by label; `names`
    False gives the fields Acrobat's default names ("Text1") and no description, so only the page says what each
    is. The fields are filled with pypdf, as a PDF reader saves them."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    blank = path.with_name(f"blank-{path.name}")
    c = canvas.Canvas(str(blank), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 800, "REGISTRATION FORM")
    c.setFont("Helvetica", 11)
    c.drawString(72, 780, "Regional Workshop on Joint Investigation Teams, Skopje, 12-14 March 2025")
    y, values = 740, {}
    for n, (label, answer) in enumerate(answers.items(), 1):
        name = label.lower().replace(" ", "_") if names else f"Text{n}"
        c.drawString(72, y, f"{label}:")
        c.acroForm.textfield(name=name, tooltip=label if names else None, x=220, y=y - 4, width=250, height=18)
        values[name] = answer
        y -= 30
    c.drawString(72, y, "I agree that my contact details are shared with other participants:")
    for x, option in ((420, "Yes"), (480, "No")):
        c.acroForm.radio(name="consent", value=option, selected=False, x=x, y=y - 2, buttonStyle="check")
        c.drawString(x + 20, y, option)
    c.drawString(72, y - 30, "Vegetarian meals:")
    c.acroForm.checkbox(name="vegetarian", x=220, y=y - 32, checked=False)
    c.save()
    writer = PdfWriter()
    writer.append(PdfReader(str(blank)))
    if consent:
        values["consent"] = f"/{consent}"
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    writer.write(str(path))
    blank.unlink()
    return path


def stored_people(directory, *, events: bool = False) -> dict[str, tuple]:
    """Each contact by its name: (country, organisation, position, e-mails, phones[, events]), as imported."""
    from directory_app.core.search import SearchQuery, search

    return {
        " ".join(filter(None, [r.given_name, r.family_name])): (
            r.country,
            r.organisation,
            r.position,
            [e.address for e in r.emails],
            [p.e164 for p in r.phones],
            *([[e.name for e in r.events]] if events else []),
        )
        for r in search(directory, SearchQuery(), limit=None)
    }
