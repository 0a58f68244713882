"""What each of the import's checks costs: the import of the benchmark's list with checks switched off.

    python benchmarks/import_checks.py /tmp/bench/registrations-10000.xlsx            # 3 rounds, best of each
    python benchmarks/import_checks.py LIST --rounds 5 --workdir /tmp/checks

Issue 6 sets the import at 1.5x a bare openpyxl read of the same file. This measures how far the import would
come if checks were dropped, so that the decision which of them may go (or be done later) is made on figures:
each configuration runs in a new process, as `main.py import` does, alternating with the bare read, and the best
of the rounds is kept. Switching a check off here replaces the app's function in that process only; nothing in
the app can switch a check off.

Configurations: every check on; then each off alone; then all of them off:
- phones: no phone validation (digits kept as typed, no type);
- emails: no e-mail syntax check (a cell split at ";");
- roles: no role inferred from position and organisation;
- duplicates: no possible-duplicate search by name (e-mails and phones still match);
- index: no search text written (search would find nothing).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ("phones", "emails", "roles", "duplicates", "index")


def _bare_read(xlsx: Path) -> float:
    import openpyxl

    t0 = time.perf_counter()
    workbook = openpyxl.load_workbook(xlsx, read_only=True)
    for sheet in workbook.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    workbook.close()
    return time.perf_counter() - t0


def _switch_off(checks: set[str]) -> None:
    """Replace the functions behind `checks` in this process (each name is checked to exist, so that a renamed
    function fails here instead of leaving the check on unnoticed)."""
    from directory_app.core import contacts
    from directory_app.core.emails import EmailResult
    from directory_app.core.importing import normalise, pipeline
    from directory_app.core.phones import PhoneResult

    def replace(owner: object, name: str, value: object) -> None:
        if not hasattr(owner, name):
            raise SystemExit(f"import_checks: {owner!r} has no {name} any more: update this script")
        setattr(owner, name, value)

    if "phones" in checks:

        def phone(value: object, _region: str | None) -> PhoneResult:
            digits = "".join(c for c in str(value) if c.isdigit())
            return PhoneResult("+" + digits if digits else None, str(value), None, False)

        replace(normalise, "normalise_phone", phone)
    if "emails" in checks:

        def emails(cell: str) -> list[EmailResult]:
            return [EmailResult(p.strip(), p.strip(), None) for p in (cell or "").split(";") if p.strip()]

        replace(normalise, "split_emails", emails)
    if "roles" in checks:
        replace(normalise, "_roles", lambda _position, _organisation: ())
    if "duplicates" in checks:
        replace(pipeline._Matcher, "similar", lambda _self, _data: [])
    if "index" in checks:
        replace(contacts, "index_text", lambda _data: "")


def _import(xlsx: Path, db: Path, checks: set[str]) -> dict[str, float]:
    _switch_off(checks)
    from directory_app.core.importing import EventSpec, import_plans, plan_file
    from directory_app.core.store import open_directory

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with open_directory(db) as directory:
        t0 = time.perf_counter()
        plan = plan_file(xlsx)
        list(plan.rows())
        t1 = time.perf_counter()
        import_plans(directory, [plan], event=EventSpec("Checks"))
        t2 = time.perf_counter()
    return {"read_normalise": t1 - t0, "import": t2 - t1, "total": t2 - t0}


def _child(argv: list[str]) -> None:
    kind, xlsx, db, checks = argv
    if kind == "bare":
        print(json.dumps({"total": _bare_read(Path(xlsx))}))
    else:
        print(json.dumps(_import(Path(xlsx), Path(db), set(filter(None, checks.split(","))))))


def _run(kind: str, xlsx: Path, db: Path, checks: tuple[str, ...]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(xlsx), str(db), ",".join(checks)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        sys.path.insert(0, str(ROOT))
        _child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("list", type=Path, help="the list benchmarks/run.py wrote (registrations-10000.xlsx)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="import-checks-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "checks.db"
    configs: list[tuple[str, tuple[str, ...]]] = [("every check on", ())]
    configs += [(f"{check} off", (check,)) for check in CHECKS]
    configs.append(("all five off", CHECKS))
    best: dict[str, dict[str, float]] = {}
    bare = float("inf")
    for _ in range(args.rounds):
        for label, checks in configs:
            bare = min(bare, _run("bare", args.list, db, ())["total"])
            got = _run("import", args.list, db, checks)
            if label not in best or got["total"] < best[label]["total"]:
                best[label] = got
    full = best["every check on"]["total"]
    print(f"bare openpyxl read-only pass: {bare:.2f} s (best of {args.rounds * len(configs)})\n")
    print("| configuration | read and normalise | match and write | import | against the bare read | saved |")
    print("|---|---|---|---|---|---|")
    for label, _checks in configs:
        b = best[label]
        print(
            f"| {label} | {b['read_normalise']:.2f} s | {b['import']:.2f} s | {b['total']:.2f} s | "
            f"{b['total'] / bare:.2f}x | {full - b['total']:+.2f} s |"
        )


if __name__ == "__main__":
    main()
