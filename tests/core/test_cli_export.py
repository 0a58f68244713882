"""`export-vcard`, `export-xlsx`, `export-csv`: the search filters choose the contacts; errors are one line."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from directory_app.cli import main
from directory_app.core.contacts import find_event, list_events
from directory_app.core.search import SearchQuery, search
from directory_app.core.store import open_directory
from tests.vcard_checks import read_cards, validate_vcf

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return copy


def test_export_free_text_search(demo_copy: Path, tmp_path: Path, capsys) -> None:
    with open_directory(demo_copy) as d:
        record = search(d, SearchQuery(countries=("GR",)))[0]
    code, _, err = run(capsys, "export-vcard", str(tmp_path / "one.vcf"), record.family_name, "--db", str(demo_copy))
    assert code == 0, err
    cards = read_cards((tmp_path / "one.vcf").read_bytes())
    assert record.uid in [c.uid.value for c in cards]


def test_export_vcard_with_filters(demo_copy: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "rs.vcf"
    code, stdout, err = run(capsys, "export-vcard", str(out), "--db", str(demo_copy), "--country", "Serbia")
    assert code == 0, err
    with open_directory(demo_copy) as d:
        expected = search(d, SearchQuery(countries=("RS",)))
    data = out.read_bytes()
    assert validate_vcf(data) == len(expected) > 0
    assert [c.uid.value for c in read_cards(data)] == [r.uid for r in expected]
    assert stdout.startswith(f"{len(expected)} contacts written to {out}")


def test_export_vcard_split_zip_and_folder(demo_copy: Path, tmp_path: Path, capsys) -> None:
    code, stdout, err = run(
        capsys, "export-vcard", str(tmp_path / "j.zip"), "--db", str(demo_copy), "--role", "judge", "--split"
    )
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "j.zip") as zf:
        names = zf.namelist()
        assert names and all(validate_vcf(zf.read(n)) == 1 for n in names)
    assert f"{len(names)} files in" in stdout
    code, _, err = run(
        capsys, "export-vcard", str(tmp_path / "cards"), "--db", str(demo_copy), "--role", "judge", "--split", "folder"
    )
    assert code == 0, err
    assert len(list((tmp_path / "cards").glob("*.vcf"))) == len(names)


def test_export_event_participants_to_xlsx_and_csv(demo_copy: Path, tmp_path: Path, capsys) -> None:
    with open_directory(demo_copy) as d:
        event = next(e for e in list_events(d) if e.participant_count)
        assert find_event(d, event.name).id == event.id
    code, _, err = run(capsys, "export-xlsx", str(tmp_path / "e.xlsx"), "--db", str(demo_copy), "--event", event.name)
    assert code == 0, err
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx").active
    assert ws.max_row == event.participant_count + 1
    code, _, err = run(capsys, "export-csv", str(tmp_path / "e.csv"), "--db", str(demo_copy), "--event", event.name)
    assert code == 0, err
    lines = (tmp_path / "e.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Honorific,Given name,Family name")
    assert sum(1 for line in lines[1:] if line.count(",") > 10) >= event.participant_count


def test_export_errors_are_one_line(demo_copy: Path, tmp_path: Path, capsys) -> None:
    cases = [
        (["export-vcard", str(tmp_path / "x.vcf"), "zzzqqq-nobody", "--db", str(demo_copy)], "no contacts match"),
        (["export-csv", str(tmp_path / "missing" / "x.csv"), "--db", str(demo_copy)], "does not exist"),
        (["export-xlsx", str(tmp_path / "x.xlsx"), "--db", str(demo_copy), "--role", "pilot"], "unknown role"),
        (
            ["export-xlsx", str(tmp_path / "x.xlsx"), "--db", str(demo_copy), "--event", "No such event"],
            "unknown event",
        ),
        (["export-csv", str(tmp_path / "x.csv"), "--db", str(tmp_path / "none.db")], ""),
    ]
    for argv, message in cases:
        code, _, err = run(capsys, *argv)
        assert code == 2, (argv, err)
        assert err.startswith("error: ") and message in err and err.count("\n") == 1, err
        assert "Traceback" not in err
    assert not list(tmp_path.glob("x.*"))


def test_export_vcard_in_a_real_process(demo_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "main.py", "export-vcard", str(tmp_path / "all.vcf"), "--db", str(demo_copy)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert validate_vcf((tmp_path / "all.vcf").read_bytes()) == 300


def test_a_read_only_directory_exports_nothing_and_says_so_in_one_line(
    demo_copy: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    """The export was written, then its audit entry failed: the file stayed on disk unrecorded and the command
    said "unexpected failure" with the SQL."""
    from directory_app import cli
    from tests.core.test_exporting import _read_only

    demo_copy.chmod(0o444)
    if os.geteuid() == 0:  # root writes whatever the permissions say: SQLite is asked for a read-only connection
        monkeypatch.setattr(cli, "open_db", lambda args, create=True: _read_only(demo_copy))
    try:
        code, out, err = run(capsys, "export-vcard", str(tmp_path / "all.vcf"), "--db", str(demo_copy))
    finally:
        demo_copy.chmod(0o644)
    assert (code, out) == (2, "")
    assert err == (
        f"error: cannot export: the directory {demo_copy} is read-only, and every export is recorded in it; "
        "nothing was written\n"
    )
    assert not (tmp_path / "all.vcf").exists()
