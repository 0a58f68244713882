"""The command line: a stable contract for scripts (formats, exit codes, errors without tracebacks)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory_app.cli import JSON_KEYS, main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_search_json_in_real_processes(tmp_path: Path) -> None:
    """The README's first steps, as a user types them."""
    db = tmp_path / "d.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "main.py", "demo", "--db", str(db)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "300 fictional contacts" in done.stdout
    done = subprocess.run(
        [sys.executable, "main.py", "search", "--db", str(db), "--format", "json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    people = json.loads(done.stdout)
    assert len(people) == 300
    assert set(JSON_KEYS) <= set(people[0])
    assert len({p["country"] for p in people}) >= 15
    assert all(p["phones"] == [] or p["phones"][0].startswith("+") for p in people)


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("dordevic", "Đorđević"),
        ("djordjevic", "Đorđević"),
        ("Đorđević", "Đorđević"),
        ("sehic", "Šehić"),
        ("jovanovic", "Јовановић"),
        ("ozdemir", "Özdemir"),
    ],
)
def test_readme_searches_find_their_names(capsys, demo_db: Path, text: str, family: str) -> None:
    code, out, _ = run(capsys, "search", text, "--db", str(demo_db), "--format", "json")
    assert code == 0
    families = {p["family_name"] for p in json.loads(out)}
    assert family in families


def test_facet_filters_never_leak(capsys, demo_db: Path) -> None:
    code, out, _ = run(
        capsys, "search", "--db", str(demo_db), "--country", "RS", "--country", "Bosnia and Herzegovina",
        "--role", "prosecutor", "--format", "json",
    )  # fmt: skip
    assert code == 0
    people = json.loads(out)
    assert people
    assert {p["country"] for p in people} <= {"RS", "BA"}
    assert all("prosecutor" in p["roles"] for p in people)
    code, out, _ = run(capsys, "search", "--db", str(demo_db), "--expertise", "cybercrime", "--format", "json")
    assert all("cybercrime" in p["expertise"] for p in json.loads(out))


def test_event_filter_and_events_listing(capsys, demo_db: Path) -> None:
    code, out, _ = run(capsys, "events", "--db", str(demo_db), "--format", "json")
    events = json.loads(out)
    assert code == 0 and len(events) >= 8
    name = events[0]["name"]
    code, out, _ = run(capsys, "search", "--db", str(demo_db), "--event", name, "--format", "json")
    people = json.loads(out)
    assert len(people) == events[0]["participants"]
    assert all(name in p["events"] for p in people)


def test_search_words_need_no_quotes_and_what_they_were_read_as_is_said(capsys, demo_db: Path) -> None:
    """`search prosecutor serbia` was refused ("unrecognized arguments: serbia")."""
    code, out, err = run(capsys, "search", "prosecutor", "serbia", "--db", str(demo_db), "--format", "json")
    assert code == 0 and {c["country"] for c in json.loads(out)} == {"RS"}
    assert all("prosecutor" in c["roles"] for c in json.loads(out))
    code, _out, err = run(capsys, "search", "prosecutor", "serbia", "--db", str(demo_db))
    assert err.strip().endswith("contacts (the words also read as Prosecutor (role), Serbia (country))")


def test_table_and_csv_formats(capsys, demo_db: Path) -> None:
    code, out, err = run(capsys, "search", "ozdemir", "--db", str(demo_db))
    assert code == 0 and "Özdemir" in out and out.splitlines()[0].startswith("NAME")
    assert "contact" in err
    code, out, _ = run(capsys, "search", "ozdemir", "--db", str(demo_db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and rows[0]["family_name"] == "Özdemir"
    assert list(rows[0]) == list(JSON_KEYS)


def test_search_output_keeps_private_details_apart_and_says_who_is_not_to_be_shared(capsys, tmp_path: Path) -> None:
    """`search --format csv > list.csv` listed a person who said no to being shared like any other, and their
    private gmail address and mobile among the work ones, with nothing to tell them apart."""
    from directory_app.core.contacts import add_contact
    from directory_app.core.records import ContactInput, EmailEntry, PhoneEntry
    from directory_app.core.store import open_directory

    db = tmp_path / "d.db"
    with open_directory(db) as directory:
        add_contact(directory, ContactInput(
            given_name="Ivan", family_name="Stojanov", country="MK", shareable=False,
            emails=[EmailEntry("ivan77@gmail.com", private=True), EmailEntry("ivan@mvr.gov.mk")],
            phones=[PhoneEntry(None, "070 999 888", "mobile", private=True)],
        ))  # fmt: skip
    code, out, _ = run(capsys, "search", "stojanov", "--db", str(db), "--format", "json")
    assert code == 0
    (ivan,) = json.loads(out)
    assert (ivan["emails"], ivan["private_emails"]) == (["ivan@mvr.gov.mk"], ["ivan77@gmail.com"])
    assert (ivan["phones"], ivan["private_phones"], ivan["shareable"]) == ([], ["+38970999888"], False)
    _code, out, _ = run(capsys, "search", "stojanov", "--db", str(db), "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["emails"], row["private_emails"], row["shareable"]) == ("ivan@mvr.gov.mk", "ivan77@gmail.com", "no")
    _code, out, _ = run(capsys, "search", "stojanov", "--db", str(db))
    line = out.splitlines()[1]
    assert "[not to be shared]" in line and "ivan@mvr.gov.mk" in line and "+38970999888 (private)" in line


@pytest.mark.parametrize("command", [["search", "x"], ["export-csv", "out.csv"], ["events"], ["coverage"]])
def test_a_mistyped_db_is_an_error_not_a_new_empty_directory(capsys, tmp_path: Path, command: list[str]) -> None:
    """`search x --db /wrong/path/d.db` made the folders and an empty directory there, and said "0 contacts"; a
    zero-byte file was turned into a directory the same way. Only `import` and `event-new` make one."""
    wrong = tmp_path / "typo" / "sub" / "d.db"
    code, _out, err = run(capsys, *command, "--db", str(wrong))
    assert (
        code == 2
        and err == f"error: {wrong}: no directory there (check --db; `import` creates a directory from a list)\n"
    )
    assert not (tmp_path / "typo").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    code, _out, err = run(capsys, *command, "--db", str(empty))
    assert code == 2 and "an empty file" in err and empty.stat().st_size == 0
    code, _out, _err = run(capsys, "event-new", "Skopje 2026", "--db", str(wrong))
    assert code == 0 and wrong.exists()


def test_output_redirected_in_a_code_page_that_has_no_cyrillic(tmp_path: Path) -> None:
    """On Windows, output redirected to a file is written in the locale's code page: a Cyrillic name ended the
    command with "'charmap' codec can't encode", after the header had been written."""
    db = tmp_path / "d.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "cp1252"}
    from directory_app.core.contacts import add_contact
    from directory_app.core.records import ContactInput
    from directory_app.core.store import open_directory

    with open_directory(db) as directory:
        add_contact(directory, ContactInput(given_name="Марија", family_name="Петровић", country="RS"))
    done = subprocess.run([sys.executable, "main.py", "search", "petrovic", "--db", str(db)], cwd=ROOT, env=env,
                          capture_output=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Марија Петровић".encode() in done.stdout


def test_facets_given_by_their_labels_or_words(capsys, demo_db: Path) -> None:
    """`--role Prosecutor` and `--expertise THB` were refused, while --country takes names in any language."""
    _code, by_code, _ = run(capsys, "search", "--role", "prosecutor", "--expertise", "trafficking_in_human_beings",
                            "--db", str(demo_db), "--format", "json")  # fmt: skip
    for words in (["--role", "Prosecutor", "--expertise", "THB"], ["--role", "tužilac", "--expertise", "trafficking"]):
        code, out, err = run(capsys, "search", *words, "--db", str(demo_db), "--format", "json")
        assert code == 0 and json.loads(out) == json.loads(by_code), err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "judg"], "valid roles: judge, prosecutor"),
        (["--expertise", "thb"], "trafficking_in_human_beings"),
        (["--org-type", "army"], "court"),
        (["--country", "Atlantis"], "unknown country 'Atlantis'"),
        (["--event", "No such seminar"], "unknown event"),
    ],
)
def test_unknown_codes_exit_2_with_the_valid_ones(capsys, demo_db: Path, args: list[str], message: str) -> None:
    code, out, err = run(capsys, "search", "--db", str(demo_db), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert out == ""


def test_foreign_file_is_refused_without_traceback(capsys, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"PK\x03\x04 not a directory")
    code, _, err = run(capsys, "search", "--db", str(path))
    assert code == 2 and "not a directory file of this app" in err and "Traceback" not in err
    assert path.read_bytes() == b"PK\x03\x04 not a directory"


def test_demo_refuses_a_directory_that_has_contacts(capsys, demo_db: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(demo_db, copy)
    code, _, err = run(capsys, "demo", "--db", str(copy))
    assert code == 2 and "already holds 300 contacts" in err


def test_db_may_come_before_the_command(capsys, demo_db: Path) -> None:
    """As git takes its global options: `main.py --db my.db search ...`."""
    code, out, _ = run(capsys, "--db", str(demo_db), "search", "dordevic", "--format", "json")
    assert code == 0 and "Đorđević" in {p["family_name"] for p in json.loads(out)}
    code, out, _ = run(capsys, f"--db={demo_db}", "events", "--format", "json")
    assert code == 0 and json.loads(out)
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "--db", str(demo_db), "frobnicate")
    assert exit_.value.code == 2 and "unrecognized arguments: frobnicate" in capsys.readouterr().err


def test_db_env_variable_is_used(capsys, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIRECTORY_APP_DB", str(demo_db))
    code, out, _ = run(capsys, "search", "sehic", "--format", "json")
    assert code == 0 and any(p["family_name"] == "Šehić" for p in json.loads(out))


def test_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("gui", "search", "events", "vocab", "demo"):
        assert command in out


def test_vocab_lists_codes(capsys) -> None:
    code, out, _ = run(capsys, "vocab", "role")
    assert code == 0 and "police_liaison" in out and "Police liaison officer" in out
    code, out, _ = run(capsys, "vocab", "country")
    assert "XK" in out and "North Macedonia" in out
