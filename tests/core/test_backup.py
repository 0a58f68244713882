"""Backups: automatic (daily, before imports), kept ten, on request; restore checks the file first."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from directory_app.core import backup, contacts
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry
from directory_app.core.store import WrongPassphrase, check_file, open_directory

PASS = "kesten-lipa-2017"


def _person(n: int) -> ContactInput:
    return ContactInput(given_name="Ana", family_name=f"Backupova{n}", emails=[EmailEntry(f"ana{n}@example.org")])


def _names(db: Path, passphrase: str | None = None) -> list[str]:
    with open_directory(db, passphrase=passphrase, daily_backup=False) as d, d.read() as s:
        return [r[0] for r in s.connection().exec_driver_sql("SELECT family_name FROM contact ORDER BY id")]


def test_first_open_of_the_day_backs_up_once(db_path: Path) -> None:
    open_directory(db_path).close()  # a new directory: nothing to back up
    assert backup.list_backups(db_path) == []
    with open_directory(db_path) as d:
        contacts.add_contact(d, _person(1))
    [daily] = backup.list_backups(db_path)
    assert daily.reason == "daily" and daily.path.parent == backup.backups_dir(db_path)
    open_directory(db_path).close()
    assert len(backup.list_backups(db_path)) == 1  # once a day
    assert backup.check_backup(daily.path) == "plain"


def _damage(db: Path) -> None:
    """Overwrite the first page of the contact table, as a failed disk or an interrupted copy leaves a file."""
    probe = sqlite3.connect(db)
    (page,) = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contact'").fetchone()
    (size,) = probe.execute("PRAGMA page_size").fetchone()
    probe.close()
    with db.open("r+b") as fh:
        fh.seek((page - 1) * size + 100)
        fh.write(b"\xff" * (size - 100))


def test_a_damaged_directory_is_said_and_never_pushes_out_a_good_backup(db_path: Path, capsys) -> None:
    """A damaged file was backed up as if nothing were wrong ("backup written"; the backup's restore then refused
    it), and the day's automatic backup of it pushed out a good one. The copy is checked now."""
    from directory_app.cli import main
    from directory_app.core.store import DamagedDirectory

    with open_directory(db_path) as d:
        for n in range(300):
            contacts.add_contact(d, _person(n))
    open_directory(db_path).close()  # the day's backup
    [good] = backup.list_backups(db_path)
    good.path.rename(good.path.with_name("20200101-000000-000000-daily.db"))  # taken on an earlier day
    _damage(db_path)
    with open_directory(db_path) as d:
        assert d.damage is not None and d.damage.startswith("the directory file directory.db is damaged")
        with pytest.raises(DamagedDirectory, match="no backup was taken of it"):
            backup.backup_to(d, db_path.with_name("copy.db"))
    assert not db_path.with_name("copy.db").exists() and not list(db_path.parent.glob(".copy.db.part*"))
    assert [b.reason for b in backup.list_backups(db_path)] == ["daily"]  # the good one, still there
    assert main(["backup", str(db_path.with_name("copy.db")), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("warning: the directory file directory.db is damaged")
    assert "`restore` puts one back" in err and err.count("\n") == 2


def test_keeps_the_last_ten(directory) -> None:
    made = [backup.backup_before(directory, "import") for _ in range(13)]
    kept = backup.list_backups(directory.path)
    assert len(kept) == backup.KEEP
    assert [b.path for b in kept] == list(reversed(made[-10:]))
    assert not any(p.exists() for p in made[:3])


def test_backup_to_file_and_restore_exactly(db_path: Path, tmp_path: Path) -> None:
    with open_directory(db_path) as d:
        for i in range(5):
            contacts.add_contact(d, _person(i))
        saved = backup.backup_to(d, tmp_path / "saved.db")
        contacts.delete_contacts(d, [1, 2])
        contacts.add_contact(d, _person(99))
    assert _names(db_path) == ["Backupova2", "Backupova3", "Backupova4", "Backupova99"]
    before = backup.restore_backup(db_path, saved)
    assert _names(db_path) == [f"Backupova{i}" for i in range(5)]
    # The state just before the restore was saved, and can itself be restored.
    assert before is not None and before.exists()
    backup.restore_backup(db_path, before)
    assert _names(db_path) == ["Backupova2", "Backupova3", "Backupova4", "Backupova99"]


def test_restore_refuses_bad_files_and_leaves_the_directory(db_path: Path, tmp_path: Path) -> None:
    with open_directory(db_path) as d:
        contacts.add_contact(d, _person(1))
    names = _names(db_path)
    text = tmp_path / "notes.db"
    text.write_text("not a backup\n" * 100)
    with pytest.raises(DirectoryError, match="not a directory file of this app"):
        backup.restore_backup(db_path, text)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contact (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DirectoryError, match="another application"):
        backup.restore_backup(db_path, other)
    with pytest.raises(DirectoryError, match="does not exist"):
        backup.restore_backup(db_path, tmp_path / "missing.db")
    # A damaged backup: a real one with pages overwritten in the middle.
    with open_directory(db_path, daily_backup=False) as d:
        for i in range(300):
            contacts.add_contact(d, _person(100 + i))
        damaged = backup.backup_to(d, tmp_path / "damaged.db")
    names = _names(db_path)
    data = bytearray(damaged.read_bytes())
    page = 4096
    for n in range(3, len(data) // page - 1, 2):
        data[n * page + 100 : n * page + 600] = b"\xff" * 500
    damaged.write_bytes(bytes(data))
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(DirectoryError, match=r"damaged|cannot be read"):
        backup.restore_backup(db_path, damaged)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert _names(db_path) == names
    with pytest.raises(DirectoryError, match="from itself"):
        backup.restore_backup(db_path, db_path)


def test_encrypted_backups_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "secure.db"
    with open_directory(db, passphrase=PASS) as d:
        contacts.add_contact(d, _person(1))
        saved = backup.backup_to(d, tmp_path / "saved.db")
        contacts.add_contact(d, _person(2))
    assert check_file(saved) == "encrypted"
    with pytest.raises(WrongPassphrase):
        backup.check_backup(saved, "not-the-passphrase")
    with pytest.raises(DirectoryError, match="passphrase is needed"):
        backup.check_backup(saved)
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(db, saved, passphrase="not-the-passphrase")
    backup.restore_backup(db, saved, passphrase=PASS)
    assert _names(db, PASS) == ["Backupova1"]
    assert check_file(db) == "encrypted"


def test_plain_backup_restored_into_encrypted_directory_stays_encrypted(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    with open_directory(plain) as d:
        contacts.add_contact(d, _person(7))
    db = tmp_path / "secure.db"
    with open_directory(db, passphrase=PASS) as d:
        contacts.add_contact(d, _person(8))
    backup.restore_backup(db, plain, passphrase=PASS)
    assert check_file(db) == "encrypted"
    assert _names(db, PASS) == ["Backupova7"]
    assert b"Backupova7" not in db.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no staging copy left


def test_encrypted_backup_into_plain_directory_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    with open_directory(db) as d:
        contacts.add_contact(d, _person(1))
    secure = tmp_path / "secure.db"
    with open_directory(secure, passphrase=PASS) as d:
        contacts.add_contact(d, _person(2))
    with pytest.raises(DirectoryError, match="encrypt the directory first"):
        backup.restore_backup(db, secure, backup_passphrase=PASS)
    assert _names(db) == ["Backupova1"]


def test_backup_target_checks(directory, tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="is a folder"):
        backup.backup_to(directory, tmp_path)
    with pytest.raises(DirectoryError, match="does not exist"):
        backup.backup_to(directory, tmp_path / "nope" / "b.db")
    with pytest.raises(DirectoryError, match="cannot overwrite the directory itself"):
        backup.backup_to(directory, directory.path)


def test_two_directories_with_the_same_file_name_keep_separate_backups(tmp_path) -> None:
    first, second = tmp_path / "a" / "directory.db", tmp_path / "b" / "directory.db"
    assert backup.backups_dir(first) != backup.backups_dir(second)
    assert backup.backups_dir(first).name.startswith("directory.db-")
    assert backup.backups_dir(first) == backup.backups_dir(tmp_path / "a" / ".." / "a" / "directory.db")


def test_a_backup_on_request_and_a_restore_are_in_the_audit_log(db_path: Path, tmp_path: Path) -> None:
    """A backup written anywhere holds everyone, private details and people not to be shared too, and the audit
    log ("who was given what") said nothing of it, nor of a restore."""
    from directory_app.core.privacy import list_audit

    with open_directory(db_path) as d:
        for n in range(3):
            contacts.add_contact(d, _person(n))
        copy = backup.save_backup(d, tmp_path / "copy.db")
        (entry,) = [e for e in list_audit(d) if e.action == "backup"]
        assert (entry.target, entry.count) == (str(copy), 3)
    backup.restore_backup(db_path, copy)
    with open_directory(db_path) as d:
        assert [e.action for e in list_audit(d)][:2] == ["restore", "backup"]
