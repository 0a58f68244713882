"""Network coverage: how many contacts each country has in each role, and where the gaps are.

The seminars exist to "identify gaps" and to "strengthen information sharing networks between countries of origin,
transit and destination". The matrix counts contacts per country x role with the very filter clauses that search
uses (`search.where_clauses`), so a cell always equals the number of contacts `search` finds for that country and
role under the same filters. Countries are grouped by their place on the routes, as the user sets it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from directory_app.core import vocab
from directory_app.core.contacts import _marks
from directory_app.core.countries import SEE_COUNTRIES, country_name, fold, get_country, is_country_code
from directory_app.core.records import DirectoryError
from directory_app.core.search import SearchQuery, where_clauses
from directory_app.core.store import Directory

ROUTES: tuple[str, ...] = ("origin", "transit", "destination")
ROUTE_LABELS: dict[str | None, str] = {
    "origin": "Countries of origin",
    "transit": "Transit countries",
    "destination": "Destination countries",
    None: "Place on the routes not set",
}
ROUTE_SHORT: dict[str | None, str] = {"origin": "origin", "transit": "transit", "destination": "destination", None: ""}

# Column headings short enough for a terminal table or a narrow grid cell.
ROLE_ABBREVIATIONS: dict[str, str] = {
    "judge": "JUD",
    "prosecutor": "PROS",
    "law_enforcement": "POL",
    "police_liaison": "PLO",
    "central_authority": "MIN",
    "ngo": "NGO",
    "osce_field_operation": "OSCE",
    "international_organisation": "IO",
    "labour_inspector": "LAB",
    "other": "OTH",
}
# Role headings that fit a printed column (the vocabulary's labels are longer than a column is wide).
PRINT_HEADERS: dict[str, str] = {
    "international_organisation": "Int’l organisation",
    "central_authority": "Ministry / central authority",
}
NOT_A_GAP_ROLES = frozenset({"other"})  # nobody sets out to have "other" contacts: an empty cell there is no gap


def role_abbreviation(role: str) -> str:
    return ROLE_ABBREVIATIONS.get(role, role[:4].upper())


def parse_route(text: str | None) -> str | None:
    """'origin' / 'transit' / 'destination' (any case, or a prefix: 'orig', 'dest'); None for '', 'none', 'unset'."""
    value = (text or "").strip().lower()
    if value in ("", "none", "unset", "-", "not set"):
        return None
    for route in ROUTES:
        if route.startswith(value) and len(value) >= 2:
            return route
    raise DirectoryError(f"unknown place on the routes '{text}'; use origin, transit, destination or none")


def set_route(directory: Directory, code: str, route: str | None) -> None:
    """Set (or clear, with None) a country's place on the routes."""
    cc = (code or "").strip().upper()
    if not is_country_code(cc):
        raise DirectoryError(f"unknown country code '{code}'")
    if route is not None and route not in ROUTES:
        raise DirectoryError(f"unknown place on the routes '{route}'; use origin, transit, destination or none")
    with directory.write() as session:
        conn = session.connection()
        cur = conn.exec_driver_sql("UPDATE country SET route = ? WHERE code = ?", (route, cc))
        if cur.rowcount == 0:
            info = get_country(cc)
            conn.exec_driver_sql(
                "INSERT INTO country (code, name, osce, route) VALUES (?, ?, ?, ?)",
                (cc, info.name if info else country_name(cc), info.osce if info else None, route),
            )


def set_routes(directory: Directory, routes: Mapping[str, str | None]) -> None:
    """Set several countries' places at once (one transaction per country; each is checked first)."""
    for code, route in routes.items():
        if route is not None and route not in ROUTES:
            raise DirectoryError(f"unknown place on the routes '{route}'; use origin, transit, destination or none")
        if not is_country_code((code or "").strip().upper()):
            raise DirectoryError(f"unknown country code '{code}'")
    for code, route in routes.items():
        set_route(directory, code, route)


def routes(directory: Directory) -> dict[str, str]:
    """Country code -> place on the routes, for the countries where the user has set one."""
    with directory.read() as session:
        rows = session.connection().exec_driver_sql("SELECT code, route FROM country WHERE route IS NOT NULL")
        return {code: route for code, route in rows}


@dataclass(frozen=True)
class CoverageCountry:
    code: str
    name: str
    route: str | None


@dataclass(frozen=True)
class CoverageMatrix:
    """Contacts per country x role for a set of filters. Zero cells (outside NOT_A_GAP_ROLES) are gaps."""

    query: SearchQuery
    countries: tuple[CoverageCountry, ...]  # route group order (origin, transit, destination, not set), then name
    roles: tuple[str, ...]
    cells: Mapping[tuple[str, str], int] = field(default_factory=dict)
    country_totals: Mapping[str, int] = field(default_factory=dict)  # distinct contacts per country
    role_totals: Mapping[str, int] = field(default_factory=dict)  # distinct contacts per role (every country)
    total: int = 0  # contacts matching the filters
    without_country: int = 0  # of which no country is recorded (in no row)

    def count(self, code: str, role: str) -> int:
        return self.cells.get((code, role), 0)

    def is_gap(self, code: str, role: str) -> bool:
        return role not in NOT_A_GAP_ROLES and self.count(code, role) == 0

    def gaps(self) -> list[tuple[str, str]]:
        """(country, role) pairs without a single contact, in matrix order."""
        return [(c.code, r) for c in self.countries for r in self.roles if self.is_gap(c.code, r)]

    @property
    def max_count(self) -> int:
        return max(self.cells.values(), default=0)

    def groups(self) -> list[tuple[str | None, list[CoverageCountry]]]:
        """The countries by route group, in order; empty groups left out."""
        out: list[tuple[str | None, list[CoverageCountry]]] = []
        for route in (*ROUTES, None):
            members = [c for c in self.countries if c.route == route]
            if members:
                out.append((route, members))
        return out

    def as_dict(self) -> dict[str, dict[str, int]]:
        """Country code -> role code -> number of contacts (every role, zeros included)."""
        return {c.code: {r: self.count(c.code, r) for r in self.roles} for c in self.countries}


def describe_query(query: SearchQuery, event_names: Mapping[int, str] | None = None) -> str:
    """The filters of a coverage matrix in words ('all contacts' when there are none)."""
    parts: list[str] = []
    if query.text.strip():
        parts.append(f"text “{query.text.strip()}”")
    if query.expertise:
        parts.append("expertise: " + ", ".join(vocab.label("expertise", c) for c in query.expertise))
    if query.org_types:
        parts.append("organisation type: " + ", ".join(vocab.label("org_type", c) for c in query.org_types))
    if query.events:
        names = event_names or {}
        parts.append("event: " + "; ".join(names.get(e, f"#{e}") for e in query.events))
    return "; ".join(parts) if parts else "all contacts"


def _route_order(route: str | None) -> int:
    return ROUTES.index(route) if route in ROUTES else len(ROUTES)


def coverage_matrix(
    directory: Directory,
    query: SearchQuery | None = None,
    *,
    include: Iterable[str] = SEE_COUNTRIES,
    roles: Sequence[str] = vocab.ROLES,
) -> CoverageMatrix:
    """Contacts per country x role under `query` (its country and role filters are ignored: they are the axes).

    Rows: every country with a contact in the directory (whatever the filters, so that a filter shows which
    countries it leaves empty), every country with a place on the routes, and the countries in `include`
    (South-Eastern Europe by default: a country of the region with no contact is the first gap to see).
    """
    query = (query or SearchQuery()).without("country").without("role")
    clauses, params = where_clauses(query)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    include = [c for c in dict.fromkeys(code.upper() for code in include) if is_country_code(c)]
    with directory.read() as session:
        conn = session.connection()
        cells = {
            (cc, role): int(n)
            for cc, role, n in conn.exec_driver_sql(
                "SELECT c.country_code, r.role, count(*) FROM contact_role r JOIN contact c ON c.id = r.contact_id"
                f"{where} GROUP BY 1, 2",
                tuple(params),
            )
            if cc is not None
        }
        country_totals: dict[str, int] = {}
        without_country = 0
        for cc, n in conn.exec_driver_sql(
            f"SELECT c.country_code, count(*) FROM contact c{where} GROUP BY 1", tuple(params)
        ):
            if cc is None:
                without_country = int(n)
            else:
                country_totals[cc] = int(n)
        role_totals = {
            role: int(n)
            for role, n in conn.exec_driver_sql(
                f"SELECT r.role, count(*) FROM contact_role r JOIN contact c ON c.id = r.contact_id{where} GROUP BY 1",
                tuple(params),
            )
        }
        rows = conn.exec_driver_sql(
            "SELECT code, name, route FROM country WHERE route IS NOT NULL "
            "OR code IN (SELECT DISTINCT country_code FROM contact WHERE country_code IS NOT NULL)"
            + (f" OR code IN ({_marks(len(include))})" if include else ""),
            tuple(include),
        ).all()
    known = {code: (name, route) for code, name, route in rows}
    for cc in [*include, *country_totals]:
        known.setdefault(cc, (country_name(cc), None))
    countries = sorted(
        (CoverageCountry(code, name, route if route in ROUTES else None) for code, (name, route) in known.items()),
        key=lambda c: (_route_order(c.route), fold(c.name), c.code),
    )
    return CoverageMatrix(
        query=query,
        countries=tuple(countries),
        roles=tuple(roles),
        cells=cells,
        country_totals=country_totals,
        role_totals=role_totals,
        total=sum(country_totals.values()) + without_country,
        without_country=without_country,
    )


# ------------------------------------------------------------------------------------------------ documents


def _shade(count: int, maximum: int) -> str:
    """A fill colour (hex RGB) from pale to deep blue-green as `count` nears `maximum` (for print and xlsx)."""
    if maximum <= 0 or count <= 0:
        return "FFFFFF"
    t = min(1.0, count / maximum) ** 0.6
    low, high = (0xE6, 0xF2, 0xF1), (0x2B, 0x7A, 0x78)
    return "".join(f"{round(a + (b - a) * t):02X}" for a, b in zip(low, high, strict=True))


def _ink_on(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return "FFFFFF" if (0.299 * r + 0.587 * g + 0.114 * b) < 140 else "1F2933"


def write_coverage_xlsx(matrix: CoverageMatrix, path: Path, *, filters: str = "") -> Path:
    """The matrix as a workbook: one sheet with the coloured matrix, one listing the gaps."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from directory_app.core.fileio import atomic_path

    wb = Workbook()
    ws = wb.active
    ws.title = "Coverage"
    thin = Side(style="thin", color="C5CCD6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EDF3")
    gap_fill = PatternFill("solid", fgColor="F6D5D1")
    group_fill = PatternFill("solid", fgColor="F3F5F8")

    ws["A1"] = "Network coverage: contacts per country and role"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Filters: {filters or describe_query(matrix.query)}. {matrix.total} contacts."
    ws["A3"] = "Shaded red: a gap (no contact of that role in that country)."
    ws["A3"].font = Font(italic=True, color="9B2C1F")

    header_row = 5
    headers = ["Route", "Country", "Code", *(vocab.label("role", r) for r in matrix.roles), "Contacts"]
    for col, title in enumerate(headers, start=1):
        cell = ws.cell(row=header_row, column=col, value=title)
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if col > 3 else "left")
    ws.row_dimensions[header_row].height = 45

    maximum = matrix.max_count
    row = header_row + 1
    for route, members in matrix.groups():
        for country in members:
            values: list[object] = [ROUTE_SHORT[route], country.name, country.code]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.border = border
                cell.fill = group_fill if col == 1 else PatternFill()
            for j, role in enumerate(matrix.roles):
                n = matrix.count(country.code, role)
                cell = ws.cell(row=row, column=4 + j, value=n)
                cell.border = border
                cell.alignment = Alignment(horizontal="center")
                if matrix.is_gap(country.code, role):
                    cell.fill = gap_fill
                    cell.font = Font(bold=True, color="9B2C1F")
                elif n:
                    fill = _shade(n, maximum)
                    cell.fill = PatternFill("solid", fgColor=fill)
                    cell.font = Font(color=_ink_on(fill))
            total = ws.cell(row=row, column=4 + len(matrix.roles), value=matrix.country_totals.get(country.code, 0))
            total.font = bold
            total.border = border
            total.alignment = Alignment(horizontal="center")
            row += 1
    ws.cell(row=row, column=2, value="All countries").font = bold
    for j, role in enumerate(matrix.roles):
        cell = ws.cell(row=row, column=4 + j, value=matrix.role_totals.get(role, 0))
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
        cell.border = border
    cell = ws.cell(row=row, column=4 + len(matrix.roles), value=matrix.total)
    cell.font = bold
    cell.alignment = Alignment(horizontal="center")
    cell.border = border
    if matrix.without_country:
        ws.cell(row=row + 1, column=2, value=f"of which {matrix.without_country} with no country recorded")

    ws.freeze_panes = ws.cell(row=header_row + 1, column=4)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{row - 1}"
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = max(14, *(len(c.name) + 2 for c in matrix.countries)) if matrix.countries else 14
    ws.column_dimensions["C"].width = 7
    for j in range(len(matrix.roles)):
        ws.column_dimensions[get_column_letter(4 + j)].width = 13
    ws.column_dimensions[get_column_letter(4 + len(matrix.roles))].width = 10

    gaps = wb.create_sheet("Gaps")
    for col, title in enumerate(("Route", "Country", "Code", "Role"), start=1):
        cell = gaps.cell(row=1, column=col, value=title)
        cell.font = bold
        cell.fill = header_fill
    by_code = {c.code: c for c in matrix.countries}
    for i, (code, role) in enumerate(matrix.gaps(), start=2):
        country = by_code[code]
        gaps.cell(row=i, column=1, value=ROUTE_SHORT[country.route])
        gaps.cell(row=i, column=2, value=country.name)
        gaps.cell(row=i, column=3, value=code)
        gaps.cell(row=i, column=4, value=vocab.label("role", role))
    gaps.freeze_panes = "A2"
    gaps.auto_filter.ref = f"A1:D{max(1, len(matrix.gaps()) + 1)}"
    for letter, width in zip("ABCD", (12, 28, 7, 32), strict=True):
        gaps.column_dimensions[letter].width = width

    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)


def write_coverage_pdf(matrix: CoverageMatrix, path: Path, *, filters: str = "") -> Path:
    """The matrix as a landscape A4 table, route groups as section rows, gaps shaded and marked."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from directory_app.core import pdfdoc

    st = pdfdoc.styles()
    title = "Network coverage: contacts per country and role"
    story: list[object] = [
        Paragraph(pdfdoc.text(title), st.title),
        Paragraph(
            pdfdoc.text(f"Filters: {filters or describe_query(matrix.query)}. {matrix.total} contacts."), st.subtitle
        ),
        Spacer(1, 6),
    ]
    header = [Paragraph("Country", st.header_cell)]
    header += [
        Paragraph(pdfdoc.text(PRINT_HEADERS.get(r) or vocab.label("role", r)), st.header_cell) for r in matrix.roles
    ]
    header += [Paragraph("Contacts", st.header_cell)]
    data: list[list[object]] = [header]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), pdfdoc.FONT, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), pdfdoc.HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, pdfdoc.RULE),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, 0), 3),
        ("RIGHTPADDING", (0, 0), (-1, 0), 3),
        ("TOPPADDING", (0, 1), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5),
    ]
    maximum = matrix.max_count
    last = len(matrix.roles) + 1
    for route, members in matrix.groups():
        r = len(data)
        data.append([Paragraph(pdfdoc.text(ROUTE_LABELS[route]), st.cell_bold)] + [""] * last)
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f3f5f8"))]
        for country in members:
            r = len(data)
            row: list[object] = [f"{country.name} ({country.code})"]
            for j, role in enumerate(matrix.roles, start=1):
                n = matrix.count(country.code, role)
                if matrix.is_gap(country.code, role):
                    row.append("0 gap")
                    commands += [
                        ("BACKGROUND", (j, r), (j, r), pdfdoc.GAP_FILL),
                        ("TEXTCOLOR", (j, r), (j, r), pdfdoc.GAP_INK),
                        ("FONT", (j, r), (j, r), pdfdoc.FONT_BOLD, 7.5),
                    ]
                else:
                    row.append(str(n))
                    if n:
                        fill = _shade(n, maximum)
                        commands += [
                            ("BACKGROUND", (j, r), (j, r), colors.HexColor("#" + fill)),
                            ("TEXTCOLOR", (j, r), (j, r), colors.HexColor("#" + _ink_on(fill))),
                        ]
            row.append(str(matrix.country_totals.get(country.code, 0)))
            commands.append(("FONT", (last, r), (last, r), pdfdoc.FONT_BOLD, 8.5))
            data.append(row)
    r = len(data)
    data.append(["All countries", *(str(matrix.role_totals.get(role, 0)) for role in matrix.roles), str(matrix.total)])
    commands += [("FONT", (0, r), (-1, r), pdfdoc.FONT_BOLD, 8.5), ("LINEABOVE", (0, r), (-1, r), 1, pdfdoc.INK)]

    page = landscape(A4)
    margin = 14 * mm
    usable = page[0] - 2 * margin
    first, last_width = 46 * mm, 16 * mm
    other = (usable - first - last_width) / len(matrix.roles)
    table = Table(data, colWidths=[first] + [other] * len(matrix.roles) + [last_width], repeatRows=1)
    table.setStyle(TableStyle(commands))
    story.append(table)
    notes = [f"{len(matrix.gaps())} gaps: a shaded red cell is a country with no contact in that role."]
    if NOT_A_GAP_ROLES:
        notes.append("An empty “Other” column is not counted as a gap.")
    if matrix.without_country:
        notes.append(f"{matrix.without_country} of the contacts have no country recorded and are in no row.")
    notes.append("A contact with several roles counts once in each of them; the Contacts column counts people.")
    story += [Spacer(1, 6), Paragraph(pdfdoc.text(" ".join(notes)), st.small)]

    return pdfdoc.write_pdf(
        path,
        story,
        pagesize=page,
        margin=margin,
        title=title,
        footer_label=f"Network coverage · {filters or describe_query(matrix.query)}",
    )
