"""The trust commands of the CLI (encrypt, change-passphrase, backup, backups, restore), run in the test's
process; tests/core/test_cli.py runs the CLI in real processes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.core.cli_helpers import run_cli

PASS = "kesten-lipa-2017"


def run(*args: str, passphrase: str | None = None, new: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"DIRECTORY_APP_PASSPHRASE": passphrase, "DIRECTORY_APP_NEW_PASSPHRASE": new})


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "net.db"
    assert run("demo", "--db", str(db), "--size", "40").returncode == 0
    return db


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def _uids(db: Path, passphrase: str | None = None) -> list[str]:
    from directory_app.core.store import open_directory

    with open_directory(db, passphrase=passphrase, daily_backup=False) as d, d.read() as s:
        return [r[0] for r in s.connection().exec_driver_sql("SELECT uid FROM contact ORDER BY uid")]


def test_encrypt_then_every_command_needs_the_passphrase(demo: Path) -> None:
    expected = _uids(demo)
    assert "DIRECTORY_APP_PASSPHRASE" in _one_line_error(run("encrypt", "--db", str(demo)))
    done = run("encrypt", "--db", str(demo), passphrase=PASS)
    assert done.returncode == 0, done.stderr
    assert "now encrypted" in done.stdout
    assert b"example" not in demo.read_bytes()
    assert "is encrypted: set DIRECTORY_APP_PASSPHRASE" in _one_line_error(run("search", "--db", str(demo)))
    assert "wrong passphrase for" in _one_line_error(run("search", "--db", str(demo), passphrase="wrong-wrong"))
    found = run("search", "--db", str(demo), "--format", "json", passphrase=PASS)
    assert found.returncode == 0, found.stderr
    assert sorted(c["uid"] for c in json.loads(found.stdout)) == expected

    new = "new passphrase 2018"
    assert "DIRECTORY_APP_NEW_PASSPHRASE" in _one_line_error(
        run("change-passphrase", "--db", str(demo), passphrase=PASS)
    )
    changed = run("change-passphrase", "--db", str(demo), passphrase=PASS, new=new)
    assert changed.returncode == 0, changed.stderr
    assert "wrong passphrase" in _one_line_error(run("events", "--db", str(demo), passphrase=PASS))
    assert _uids(demo, new) == expected


def test_backup_and_restore_commands(demo: Path, tmp_path: Path) -> None:
    from directory_app.core import contacts
    from directory_app.core.store import open_directory

    out = tmp_path / "saved.db"
    made = run("backup", "--db", str(demo), str(out))
    assert made.returncode == 0, made.stderr
    before = _uids(demo)
    with open_directory(demo, daily_backup=False) as d:
        contacts.delete_contacts(d, [1, 2, 3])
    assert len(_uids(demo)) == len(before) - 3
    restored = run("restore", "--db", str(demo), str(out))
    assert restored.returncode == 0, restored.stderr
    assert "saved in" in restored.stdout
    assert _uids(demo) == before
    listing = json.loads(run("backups", "--db", str(demo), "--format", "json").stdout)
    assert "before-restore" in {b["reason"] for b in listing}
    junk = tmp_path / "junk.db"
    junk.write_text("hello\n" * 50)
    assert "not a directory file of this app" in _one_line_error(run("restore", "--db", str(demo), str(junk)))


def test_encrypted_backup_restore_by_cli(tmp_path: Path) -> None:
    from directory_app.core import contacts
    from directory_app.core.records import ContactInput
    from directory_app.core.store import open_directory

    db = tmp_path / "secure.db"
    with open_directory(db, passphrase=PASS) as d:
        contacts.add_contact(d, ContactInput(given_name="Vesna", family_name="Kljucic"))
    out = tmp_path / "saved.db"
    made = run("backup", "--db", str(db), str(out), passphrase=PASS)
    assert made.returncode == 0 and "encrypted" in made.stdout
    assert b"Kljucic" not in out.read_bytes()
    assert "wrong passphrase" in _one_line_error(run("restore", "--db", str(db), str(out), passphrase="wrong-wrong"))
    assert run("restore", "--db", str(db), str(out), passphrase=PASS).returncode == 0
    assert len(_uids(db, PASS)) == 1
