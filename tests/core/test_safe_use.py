"""Safe use with real processes: two writers at once, a busy directory, kill -9 in the middle of a write,
one window per directory, and no network connection ever."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from directory_app.core import contacts
from directory_app.core.locking import DirectoryLock
from directory_app.core.records import ContactInput, DirectoryError, EmailEntry
from directory_app.core.store import BUSY_MESSAGE, open_directory

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from directory_app.core import contacts
from directory_app.core.records import ContactInput, EmailEntry
from directory_app.core.store import open_directory
tag, n = sys.argv[1], int(sys.argv[2])
with open_directory(sys.argv[3], daily_backup=False) as d:
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(n):
        contacts.add_contact(d, ContactInput(given_name=tag, family_name=f"W{i}",
                                             emails=[EmailEntry(f"{tag}{i}@example.org")]))
print("done", flush=True)
"""


def _py(code: str, *args: str, **kw) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_two_processes_writing_at_once_serialise(db_path: Path) -> None:
    open_directory(db_path).close()
    writers = [_py(WRITER, tag, "150", str(db_path)) for tag in ("Alpha", "Beta")]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:  # both start writing at the same moment
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        out, err = w.communicate(timeout=240)
        assert w.returncode == 0, err
        assert out.strip() == "done" and "Traceback" not in err
    assert _integrity(db_path) == "ok"
    with open_directory(db_path) as d, d.read() as s:
        rows = s.connection().exec_driver_sql("SELECT given_name, count(*) FROM contact GROUP BY given_name").all()
    assert dict(rows) == {"Alpha": 150, "Beta": 150}


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO setting (key, value) VALUES ('held', '1')")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def test_a_busy_directory_says_so_clearly(db_path: Path) -> None:
    with open_directory(db_path) as d:
        contacts.add_contact(d, ContactInput(given_name="Ana", family_name="Marić"))
    holder = _py(HOLDER, str(db_path))
    try:
        assert holder.stdout.readline().strip() == "holding"
        with open_directory(db_path, busy_timeout_ms=200, daily_backup=False) as d:
            with pytest.raises(DirectoryError) as caught:
                contacts.add_contact(d, ContactInput(given_name="Ivo", family_name="Ivić"))
            assert str(caught.value) == BUSY_MESSAGE
            assert contacts.contact_count(d) == 1  # reading goes on while another writes (WAL)
    finally:
        holder.communicate("\n", timeout=30)
    with open_directory(db_path) as d:
        contacts.add_contact(d, ContactInput(given_name="Ivo", family_name="Ivić"))
        assert contacts.contact_count(d) == 2
    assert _integrity(db_path) == "ok"


def _kill_when_writing(cmd: list[str], db: Path) -> int:
    """Start `cmd`, kill -9 it once its transaction has written to the WAL; returns its exit status."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 400_000:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=60)
    return proc.returncode


def test_kill_9_during_demo_build_leaves_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code = _kill_when_writing([sys.executable, "main.py", "demo", "--db", str(db), "--size", "20000"], db)
    assert code == -signal.SIGKILL, "the demo finished before it could be killed"
    assert _integrity(db) == "ok"
    with open_directory(db) as d:
        assert contacts.contact_count(d) in (0, 20000)


def test_kill_9_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    from tests.core.import_helpers import write_csv

    db = tmp_path / "d.db"
    with open_directory(db) as d:
        contacts.add_contact(
            d, ContactInput(given_name="Ana", family_name="Marić", emails=[EmailEntry("a@example.hr")])
        )
    rows = [["Surname", "Name", "Country", "Institution", "E-mail"]]
    rows += [[f"Prezime{i}", f"Ime{i}", "Serbia", f"Agency {i % 50}", f"p{i}@example.rs"] for i in range(12000)]
    sheet = write_csv(tmp_path / "big.csv", rows)
    code = _kill_when_writing(
        [sys.executable, "main.py", "import", str(sheet), "--db", str(db), "--event", "Big seminar"], db
    )
    assert _integrity(db) == "ok"
    with open_directory(db) as d:
        n = contacts.contact_count(d)
        with d.read() as s:
            events = s.connection().exec_driver_sql("SELECT count(*) FROM event").scalar_one()
            batches = s.connection().exec_driver_sql("SELECT count(*) FROM import_batch").scalar_one()
    if code == -signal.SIGKILL:
        assert (n, events, batches) == (1, 0, 0)
    else:  # it finished before the WAL grew enough: then all of it is there
        assert code == 0 and (n, events, batches) == (12001, 1, 1)


LOCKER = """
import sys
from directory_app.core.locking import DirectoryLock
lock = DirectoryLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


def test_second_window_on_the_same_directory_is_told(db_path: Path) -> None:
    other = _py(LOCKER, str(db_path))
    assert other.stdout.readline().strip() == "locked"
    with pytest.raises(DirectoryError, match=rf"already open in another window of the app \(process {other.pid}\)"):
        DirectoryLock(db_path).acquire()
    other.kill()  # even a crash frees it
    other.wait(timeout=30)
    with DirectoryLock(db_path) as lock:
        assert lock.held
        with pytest.raises(DirectoryError, match="already open"):
            DirectoryLock(db_path).acquire()  # a second window in the same process too
    with DirectoryLock(db_path):
        pass


def test_the_app_opens_no_network_connection(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    from directory_app.core import backup, batches, privacy
    from directory_app.core.demo import fill_demo
    from directory_app.core.exporting import export_contacts
    from directory_app.core.importing import EventSpec, import_files
    from directory_app.core.search import SearchQuery, search, search_ids

    db = tmp_path / "net.db"
    with open_directory(db, passphrase="kesten-lipa-2017") as d:
        fill_demo(d, size=120, seed=5)
        ids = search_ids(d, SearchQuery(text="police"))
        assert search(d, SearchQuery(countries=("RS",)))
        for fmt, name in (("vcard", "x.vcf"), ("xlsx", "x.xlsx"), ("csv", "x.csv")):
            export_contacts(d, ids or [1], tmp_path / name, fmt)
        import_files(d, [tmp_path / "x.xlsx"], event=EventSpec("Re-import"))
        batches.rollback_import(d, batches.list_imports(d)[0].id, force=True)
        backup.backup_to(d, tmp_path / "b.db")
        privacy.list_audit(d)
    assert attempts == []
