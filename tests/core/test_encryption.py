"""Encryption at rest: encrypted directories, encrypting a plain one, changing the passphrase, wrong passphrases.

Every check on "no plaintext" reads the raw bytes of every file of the directory: the database, its -wal and
-shm, the backups beside it and in the user data folder.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory_app.core import backup, contacts, encryption, paths
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry, PhoneEntry
from directory_app.core.store import PassphraseNeeded, WrongPassphrase, check_file, open_directory

PASS = "kesten-lipa-2017"
SECRETS = (b"Zoranka", b"Plaintextovic", b"Secretorg", b"zoranka.p@example.org")
ROOT = Path(__file__).resolve().parents[2]


def _person(n: int = 0) -> ContactInput:
    return ContactInput(
        given_name="Zoranka",
        family_name=f"Plaintextovic{n}",
        organisation="Secretorg Border Police",
        country="RS",
        emails=[EmailEntry("zoranka.p@example.org")],
        phones=[PhoneEntry(None, "+381 11 3456 789")],
    )


def _all_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def _leaks(files: list[Path]) -> list[str]:
    found = []
    for f in files:
        data = f.read_bytes()
        # SQLite stores text as UTF-8; look for the UTF-16 forms too.
        for s in SECRETS:
            if s in data or s.decode().encode("utf-16-le") in data:
                found.append(f"{f.name}: {s.decode()}")
    return found


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_encrypted_directory_leaves_no_plaintext_in_any_file(tmp_path: Path) -> None:
    db = tmp_path / "secure.db"
    with open_directory(db, passphrase=PASS) as d:
        assert d.encrypted
        for i in range(30):
            contacts.add_contact(d, _person(i))
        # While it is open, with data still in the WAL:
        wal = Path(f"{db}-wal")
        assert wal.exists() and wal.stat().st_size > 0
        assert _leaks(_all_files(tmp_path)) == []
        backup.backup_before(d, "manual")
        backup.backup_to(d, tmp_path / "copy.db")
    with open_directory(db, passphrase=PASS) as d:
        assert contacts.contact_count(d) == 30
    files = _all_files(tmp_path, paths.user_data_dir())
    assert any(f.parent.name.startswith("secure.db-") for f in files)  # the automatic backup is among them
    assert _leaks(files) == []
    assert check_file(tmp_path / "copy.db") == "encrypted"
    assert check_file(tmp_path / "copy.db", PASS) == "encrypted"


def test_plain_directory_does_show_the_names(tmp_path: Path) -> None:
    """The leak check above would find plaintext: proven on a plain directory."""
    db = tmp_path / "plain.db"
    with open_directory(db) as d:
        contacts.add_contact(d, _person())
    assert _leaks([db])


def test_wrong_or_missing_passphrase_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "secure.db"
    with open_directory(db, passphrase=PASS) as d:
        contacts.add_contact(d, _person())
    before = _digest(db)
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(WrongPassphrase, match=r"wrong passphrase for .*secure\.db"):
        open_directory(db, passphrase="not-the-passphrase")
    with pytest.raises(PassphraseNeeded, match="is encrypted"):
        open_directory(db)
    with pytest.raises(WrongPassphrase):
        check_file(db, "not-the-passphrase")
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert check_file(db) == "encrypted"


def test_encrypted_file_told_apart_from_garbage(tmp_path: Path) -> None:
    text = tmp_path / "list.db"
    text.write_text("Name;Organisation;E-mail\n" * 200)
    with pytest.raises(DirectoryError, match="not a directory file of this app"):
        check_file(text)
    with pytest.raises(DirectoryError, match="not a directory file of this app"):
        open_directory(text, passphrase=PASS)
    assert text.read_text().startswith("Name;")
    # Random bytes of a page size look exactly like an encrypted file: only a passphrase can tell.
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(8192))
    assert check_file(noise) == "encrypted"
    with pytest.raises(WrongPassphrase):
        open_directory(noise, passphrase=PASS)


def test_plain_directory_given_a_passphrase_is_not_silently_used(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    open_directory(db).close()
    with pytest.raises(DirectoryError, match="not encrypted; encrypt it first"):
        open_directory(db, passphrase=PASS)


def test_weak_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="at least 8 characters"):
        open_directory(tmp_path / "new.db", passphrase="short")
    assert not (tmp_path / "new.db").exists()


def test_encrypt_existing_directory_with_its_backups(tmp_path: Path) -> None:
    db = tmp_path / "directory.db"
    with open_directory(db) as d:
        ids = [contacts.add_contact(d, _person(i)).id for i in range(25)]
        before = contacts.get_contacts(d, ids)
        backup.backup_before(d, "import")
    assert _leaks(_all_files(tmp_path, paths.user_data_dir()))  # plain so far, backups too
    n = encryption.encrypt_directory(db, PASS)
    assert n == 1
    assert check_file(db) == "encrypted"
    files = _all_files(tmp_path, paths.user_data_dir())
    assert _leaks(files) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory.db"]  # no copy left behind
    with open_directory(db, passphrase=PASS) as d:
        after = contacts.get_contacts(d, ids)
        assert [r.to_input() for r in after] == [r.to_input() for r in before]
        assert [(r.created_at, r.updated_at) for r in after] == [(r.created_at, r.updated_at) for r in before]
    # The encrypted backup restores with the passphrase.
    saved = backup.list_backups(db)[-1].path
    assert backup.check_backup(saved, PASS) == "encrypted"
    with pytest.raises(DirectoryError, match="already encrypted"):
        encryption.encrypt_directory(db, PASS)


def test_encrypt_refused_while_open_in_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Refused after waiting 0.1 s for the other process instead of the app's 1 s: the refusal is what is checked.
    monkeypatch.setattr(encryption, "LOCK_TIMEOUT_MS", 100)
    db = tmp_path / "directory.db"
    with open_directory(db) as d:
        contacts.add_contact(d, _person())
    before_count = 1
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from directory_app.core.store import open_directory\n"
            "from directory_app.core.contacts import contact_count\n"
            f"d = open_directory({str(db)!r}, daily_backup=False)\n"
            "print(contact_count(d), flush=True)\n"
            "sys.stdin.readline()\n"
            "d.close()\n",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "1"
        with pytest.raises(DirectoryError, match="open in another window or command"):
            encryption.encrypt_directory(db, PASS)
    finally:
        holder.communicate("\n", timeout=30)
    assert check_file(db) == "ours"
    with open_directory(db) as d:
        assert contacts.contact_count(d) == before_count
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["directory.db"]


def test_missing_file_encrypt_creates_an_encrypted_directory(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert encryption.encrypt_directory(db, PASS) == 0
    assert check_file(db) == "encrypted"
    with open_directory(db, passphrase=PASS) as d:
        assert contacts.contact_count(d) == 0


def test_change_passphrase(tmp_path: Path) -> None:
    db = tmp_path / "secure.db"
    new = "another passphrase 9"
    with open_directory(db, passphrase=PASS) as d:
        contacts.add_contact(d, _person())
        backup.backup_before(d, "import")
    with pytest.raises(WrongPassphrase):
        encryption.change_passphrase(db, "not-the-passphrase", new)
    assert encryption.change_passphrase(db, PASS, new) == 1
    with pytest.raises(WrongPassphrase):
        open_directory(db, passphrase=PASS)
    with open_directory(db, passphrase=new) as d:
        assert contacts.contact_count(d) == 1
    saved = backup.list_backups(db)[0].path
    with pytest.raises(WrongPassphrase):
        backup.check_backup(saved, PASS)
    assert backup.check_backup(saved, new) == "encrypted"
    assert _leaks(_all_files(tmp_path, paths.user_data_dir())) == []
    with pytest.raises(DirectoryError, match="at least 8"):
        encryption.change_passphrase(db, new, "x")
    plain = tmp_path / "plain.db"
    open_directory(plain).close()
    with pytest.raises(DirectoryError, match="not encrypted"):
        encryption.change_passphrase(plain, PASS, new)


def test_passphrase_with_quotes_and_non_ascii(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    phrase = 'it\'s "Šćepan" ключ; DROP'
    with open_directory(db, passphrase=phrase) as d:
        contacts.add_contact(d, _person())
    with open_directory(db, passphrase=phrase) as d:
        assert contacts.contact_count(d) == 1
    with pytest.raises(WrongPassphrase):
        open_directory(db, passphrase=phrase[:-1])
    # Any SQLCipher 4 tool opens it with the passphrase itself (the app only caches the derived key).
    import sqlcipher3

    conn = sqlcipher3.connect(str(db))
    conn.execute("PRAGMA key = '{}'".format(phrase.replace("'", "''")))
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 1
    conn.close()
