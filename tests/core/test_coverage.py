"""Coverage matrix: agrees with search, route groups and order, gaps, workbook and PDF written and read back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from directory_app.core import vocab
from directory_app.core.contacts import add_contact, find_event
from directory_app.core.countries import SEE_COUNTRIES
from directory_app.core.coverage import (
    ROUTES,
    CoverageMatrix,
    coverage_matrix,
    parse_route,
    routes,
    set_route,
    write_coverage_pdf,
    write_coverage_xlsx,
)
from directory_app.core.records import ContactInput, DirectoryError
from directory_app.core.search import SearchQuery, count, facet_counts
from directory_app.core.store import open_directory


def _agrees_with_search(directory, matrix: CoverageMatrix, base: SearchQuery) -> None:
    for country in matrix.countries:
        for role in matrix.roles:
            q = SearchQuery(
                text=base.text,
                countries=(country.code,),
                roles=(role,),
                expertise=base.expertise,
                org_types=base.org_types,
                events=base.events,
            )
            assert matrix.count(country.code, role) == count(directory, q), (country.code, role)
        q = replace(base, countries=(country.code,), roles=())
        assert matrix.country_totals.get(country.code, 0) == count(directory, q)


def test_matrix_agrees_with_search_on_the_demo_network(demo_directory) -> None:
    matrix = coverage_matrix(demo_directory)
    assert matrix.total == count(demo_directory, SearchQuery()) == 300
    assert len(matrix.countries) >= 20
    assert matrix.roles == vocab.ROLES
    _agrees_with_search(demo_directory, matrix, SearchQuery())
    facets = facet_counts(demo_directory, SearchQuery())
    assert dict(matrix.role_totals) == facets.role


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(expertise=("smuggling_of_migrants",)),
        SearchQuery(expertise=("trafficking_in_human_beings", "child_protection")),
        SearchQuery(org_types=("ngo",)),
    ],
)
def test_filtered_matrix_agrees_with_search(demo_directory, query: SearchQuery) -> None:
    matrix = coverage_matrix(demo_directory, query)
    assert matrix.total == count(demo_directory, query)
    _agrees_with_search(demo_directory, matrix, query)


def test_event_filter_keeps_every_country_and_shows_who_was_missing(demo_directory) -> None:
    event = find_event(
        demo_directory,
        "Regional Seminar on Combating Trafficking in Human Beings along the Balkan Route, Sarajevo 2017",
    )
    query = SearchQuery(events=(event.id,))
    matrix = coverage_matrix(demo_directory, query)
    everyone = coverage_matrix(demo_directory)
    assert [c.code for c in matrix.countries] == [c.code for c in everyone.countries]
    assert matrix.total == event.participant_count
    _agrees_with_search(demo_directory, matrix, query)
    absent = [c.code for c in matrix.countries if not matrix.country_totals.get(c.code)]
    assert absent, "a single seminar does not reach every country of the network"
    assert all(matrix.is_gap(code, "judge") for code in absent)


def test_country_and_role_filters_are_the_axes_and_are_ignored(demo_directory) -> None:
    a = coverage_matrix(demo_directory, SearchQuery(countries=("RS",), roles=("judge",)))
    b = coverage_matrix(demo_directory)
    assert a.as_dict() == b.as_dict()


def test_see_countries_without_contacts_are_rows_of_gaps(directory) -> None:
    add_contact(directory, ContactInput(given_name="Ana", family_name="Petrović", country="RS", roles=["judge"]))
    matrix = coverage_matrix(directory)
    codes = [c.code for c in matrix.countries]
    assert set(SEE_COUNTRIES) <= set(codes)
    assert matrix.count("RS", "judge") == 1
    assert matrix.is_gap("AL", "judge") and matrix.is_gap("RS", "prosecutor")
    assert not matrix.is_gap("RS", "judge")
    assert not matrix.is_gap("AL", "other")  # nobody aims for "other" contacts
    assert ("AL", "prosecutor") in matrix.gaps()
    assert matrix.as_dict()["AL"] == dict.fromkeys(vocab.ROLES, 0)


def test_contacts_without_country_are_counted_apart(directory) -> None:
    add_contact(directory, ContactInput(given_name="Nomad", family_name="Unknown", roles=["ngo"]))
    add_contact(directory, ContactInput(given_name="Ana", family_name="Petrović", country="RS", roles=["ngo"]))
    matrix = coverage_matrix(directory)
    assert matrix.total == 2 and matrix.without_country == 1
    assert matrix.role_totals["ngo"] == 2
    assert sum(matrix.count(c.code, "ngo") for c in matrix.countries) == 1


def test_routes_order_the_matrix_origin_transit_destination_then_unset(directory) -> None:
    set_route(directory, "AL", "origin")
    set_route(directory, "de", "destination")
    set_route(directory, "RS", "transit")
    set_route(directory, "BA", "transit")
    assert routes(directory) == {"AL": "origin", "DE": "destination", "RS": "transit", "BA": "transit"}
    matrix = coverage_matrix(directory)
    codes = [c.code for c in matrix.countries]
    assert codes[:4] == ["AL", "BA", "RS", "DE"]  # by group, then by name within the group
    assert "DE" in codes  # a country with a route is a row even without contacts
    groups = matrix.groups()
    assert [g for g, _ in groups] == [*ROUTES, None]
    unset = [c.name for c in groups[-1][1]]
    assert unset == sorted(unset, key=str.casefold)
    set_route(directory, "AL", None)
    assert "AL" not in routes(directory)


def test_route_errors_are_one_line(directory) -> None:
    with pytest.raises(DirectoryError, match="unknown country code 'QQ'"):
        set_route(directory, "QQ", "origin")
    with pytest.raises(DirectoryError, match="unknown place on the routes 'sideways'"):
        set_route(directory, "RS", "sideways")
    assert parse_route("Dest") == "destination"
    assert parse_route("none") is None
    with pytest.raises(DirectoryError):
        parse_route("x")


def test_matrix_to_xlsx_reads_back(demo_directory, tmp_path: Path) -> None:
    set_route(demo_directory, "AL", "origin")
    matrix = coverage_matrix(demo_directory, SearchQuery(expertise=("smuggling_of_migrants",)))
    path = write_coverage_xlsx(matrix, tmp_path / "coverage.xlsx")
    wb = load_workbook(path)
    ws = wb["Coverage"]
    header = [c.value for c in ws[5]]
    assert header[:3] == ["Route", "Country", "Code"]
    assert header[3:-1] == [vocab.label("role", r) for r in matrix.roles]
    assert ws.freeze_panes == "D6"
    first = [c.value for c in ws[6]]
    assert first[:3] == ["origin", "Albania", "AL"]
    assert first[3:-1] == [matrix.count("AL", r) for r in matrix.roles]
    rows = {r[2]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[2]}
    for c in matrix.countries:
        assert list(rows[c.code][3:-1]) == [matrix.count(c.code, r) for r in matrix.roles]
        assert rows[c.code][-1] == matrix.country_totals.get(c.code, 0)
    gap_code, gap_role = matrix.gaps()[0]
    col = 4 + matrix.roles.index(gap_role)
    row = next(r for r in range(6, ws.max_row + 1) if ws.cell(row=r, column=3).value == gap_code)
    assert ws.cell(row=row, column=col).fill.fgColor.rgb.endswith("F6D5D1")
    assert wb["Gaps"].max_row == len(matrix.gaps()) + 1


def test_matrix_to_pdf_reads_back(demo_directory, tmp_path: Path) -> None:
    set_route(demo_directory, "MD", "origin")
    matrix = coverage_matrix(demo_directory)
    path = write_coverage_pdf(matrix, tmp_path / "coverage.pdf")
    reader = PdfReader(path)
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    content = "\n".join(p.extract_text() for p in reader.pages)
    assert "Countries of origin" in content
    assert "Moldova (MD)" in content and "Türkiye (TR)" in content
    assert f"{len(matrix.gaps())} gaps" in content
    assert content.count("0 gap") == len(matrix.gaps())
    assert "Network coverage" in (reader.metadata.title or "")


def test_writing_into_a_missing_folder_is_a_clear_error(directory, tmp_path: Path) -> None:
    matrix = coverage_matrix(directory)
    with pytest.raises(DirectoryError, match="does not exist"):
        write_coverage_pdf(matrix, tmp_path / "nowhere" / "c.pdf")
    assert not (tmp_path / "nowhere").exists()


# ------------------------------------------------------------------------------------------------ command line


def _cli(*args: str) -> int:
    from directory_app.cli import main

    return main(list(args))


def test_cli_json_agrees_with_cli_search(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import shutil

    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    assert _cli("coverage", "--db", str(db), "--expertise", "smuggling_of_migrants", "--format", "json") == 0
    matrix = json.loads(capsys.readouterr().out)
    assert set(matrix["RS"]) == set(vocab.ROLES)
    for code, role in [("RS", "prosecutor"), ("AL", "law_enforcement"), ("TR", "ngo"), ("BA", "judge")]:
        argv = ["search", "--db", str(db), "--country", code, "--role", role]
        assert _cli(*argv, "--expertise", "smuggling_of_migrants", "--format", "json") == 0
        assert matrix[code][role] == len(json.loads(capsys.readouterr().out))


def test_cli_table_csv_routes_and_files(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import shutil

    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    assert _cli("route", "--db", str(db), "Serbia", "destination") == 0  # the demo's is transit
    assert "Serbia (RS): destination" in capsys.readouterr().out
    assert _cli("route", "--db", str(db)) == 0
    assert "destination" in capsys.readouterr().out
    assert _cli("coverage", "--db", str(db)) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ROUTE", "COUNTRY", "JUD", "PROS"]
    assert lines[1].startswith("origin")
    assert next(line for line in lines if "Serbia (RS)" in line).startswith("destination")
    assert "marks a gap" in err
    assert _cli("coverage", "--db", str(db), "--format", "csv") == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert next(r for r in rows if r["country"] == "RS")["route"] == "destination"
    assert sum(int(r["contacts"]) for r in rows) == 300
    assert _cli("coverage", "--db", str(db), "-o", str(tmp_path / "m.xlsx")) == 0
    sheet = load_workbook(tmp_path / "m.xlsx")["Coverage"]
    assert "Serbia" in [sheet.cell(row, 2).value for row in range(1, sheet.max_row + 1)]
    event = "Expert Meeting on Financial Investigations in Trafficking Cases, Belgrade 2019"
    assert _cli("coverage", "--db", str(db), "--event", event, "-o", str(tmp_path / "m.pdf")) == 0
    assert "Belgrade 2019" in PdfReader(tmp_path / "m.pdf").pages[0].extract_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["coverage", "--expertise", "bogus"], "error: unknown expertise 'bogus'"),
        (["coverage", "--event", "No such meeting"], "error: unknown event 'No such meeting'"),
        (["coverage", "-o", "matrix.docx"], "error: cannot tell the format of matrix.docx"),
        (["route", "RS", "sideways"], "error: unknown place on the routes 'sideways'"),
        (["route", "Atlantis", "origin"], "error: unknown country 'Atlantis'"),
    ],
)
def test_cli_errors_are_one_line(
    db_path: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    open_directory(db_path).close()  # a directory that exists: a read command makes none
    assert _cli(*argv, "--db", str(db_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
