"""Benchmarks: large directories, large lists, each figure beside a baseline measured in the same run.

    python benchmarks/run.py                 # full size: 10,000-row list, 100,000-contact directory (~5 min)
    python benchmarks/run.py --tiny          # a few hundred rows: CI runs this so that the script keeps working
    python benchmarks/run.py --only search   # one section: data, import, search, export, gui

The data is built by the script itself (a messy registration .xlsx, and directories through `main.py demo`),
in a temporary folder unless --workdir says where to keep it between runs. Results are printed as a Markdown
table; benchmarks/RESULTS.md records them with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from directory_app.core.demo import generate_demo  # noqa: E402
from directory_app.core.folding import transliterate  # noqa: E402


@dataclass
class Row:
    section: str
    measure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""


ROWS: list[Row] = []


def add(section: str, measure: str, value: str, baseline: str = "", ratio: str = "", target: str = "") -> None:
    row = Row(section, measure, value, baseline, ratio, target)
    ROWS.append(row)
    print(f"  {measure}: {value}" + (f"  (baseline {baseline}, ratio {ratio})" if baseline else ""), flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# ---------------------------------------------------------------------------------------------------- data


def build_registration_xlsx(path: Path, rows: int, seed: int = 11) -> None:
    """A registration list in the messy shape organisers bring: title rows (merged), the header on row 4,
    SURNAME in capitals, a numbering column, phones stored as numbers, two e-mails in one cell, a TOTAL row."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Participants"
    ws.append(["Regional Workshop on Countering Migrant Smuggling, Skopje, 12-14 March 2025"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    ws.append(["List of participants"])
    ws.append([])
    ws.append(["No.", "SURNAME", "Name", "Position", "Institution", "Country", "E-mail", "Phone", "Area of expertise"])
    countries = {
        "RS": "Serbia",
        "BA": "BiH",
        "MK": "North Macedonia",
        "AL": "Albania",
        "GR": "Hellenic Republic",
        "TR": "Türkiye",
        "MD": "Republic of Moldova",
        "BG": "Bulgaria",
        "HR": "Hrvatska",
        "XK": "Kosovo*",
        "UA": "Україна",
        "RO": "Romania",
        "ME": "Crna Gora",
    }
    expertise = [
        "THB",
        "SOM",
        "THB; SOM",
        "trafficking in persons",
        "JIT, MLA",
        "money laundering",
        "victim assistance",
        "document fraud",
        "trgovina ljudima",
        "cybercrime",
    ]
    n = 0
    for contact, _parts in generate_demo(rows, seed=seed):
        n += 1
        family = contact.family_name
        given = contact.given_name
        if rng.random() < 0.5:  # half of the lists are typed in Latin
            family, given = transliterate(family), transliterate(given)
        emails = [e.address for e in contact.emails]
        email_cell = "; ".join(emails) if rng.random() < 0.1 else (f"MAILTO:{emails[0]}" if emails else "")
        phone: object = contact.phones[0].e164 if contact.phones else ""
        if isinstance(phone, str) and phone and rng.random() < 0.4:
            phone = int(phone[1:])  # Excel ate the "+"
        ws.append(
            [
                n,
                family.upper(),
                given,
                contact.position,
                contact.organisation,
                countries.get(contact.country or "", contact.country or ""),
                email_cell,
                phone,
                rng.choice(expertise),
            ]
        )
    ws.append([None, f"TOTAL: {n}"])
    wb.save(path)


def build_directory(path: Path, size: int) -> float:
    """`python main.py demo --db PATH --size N` in a real process; returns its wall time."""
    if path.exists():
        return float("nan")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "--db", str(path), "--size", str(size)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------------- import


_IMPORT_CHILD = r"""
import json, sys, time
from pathlib import Path
import openpyxl  # loaded before the clock starts, as for the bare read it is compared with
from directory_app.core.importing import EventSpec, import_plans, plan_file
from directory_app.core.store import open_directory
xlsx, db = Path(sys.argv[1]), Path(sys.argv[2])
with open_directory(db) as d:
    t0 = time.perf_counter()
    plan = plan_file(xlsx)
    t1 = time.perf_counter()
    report = import_plans(d, [plan], event=EventSpec("Benchmark workshop 2025"))
    t2 = time.perf_counter()
print(json.dumps({"read": t1 - t0, "rest": t2 - t1, "total": t2 - t0, "created": report.created,
                  "updated": report.updated, "dups": report.count("possible_duplicate"),
                  "candidates": len(report.possible_duplicates), "skipped": report.skipped}))
"""


_WIZARD_CHILD = r"""
import json, sys, time
from pathlib import Path
import openpyxl
from directory_app.core.importing import EventSpec, import_plans, plan_file
from directory_app.core.store import open_directory
xlsx, db = Path(sys.argv[1]), Path(sys.argv[2])
event = EventSpec("Benchmark workshop 2025")
with open_directory(db) as d:
    t0 = time.perf_counter()
    plan = plan_file(xlsx)  # the wizard's first page
    t1 = time.perf_counter()
    preview = import_plans(d, [plan], event=event, dry_run=True)  # its preview page
    shown = sum(1 for row in plan.rows() if row.contact is not None)  # the records the preview shows
    t2 = time.perf_counter()
    report = import_plans(d, [plan], event=event)  # Import
    t3 = time.perf_counter()
print(json.dumps({"read": t1 - t0, "preview": t2 - t1, "import": t3 - t2, "total": t3 - t0,
                  "created": report.created}))
"""


def _remove_db(db: Path) -> None:
    """A directory file gone, with its SQLite journal files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _copy_db(source: Path, db: Path) -> None:
    """A fresh copy of `source` at `db`, for a probe that changes it."""
    import shutil

    _remove_db(db)
    shutil.copy(source, db)


def _run_child(script: str, xlsx: Path, db: Path, *, fresh: bool = True) -> dict:
    """Run a measuring script in a new Python process on `db` (a new directory unless `fresh` is False);
    what it printed last (JSON)."""
    if fresh:
        _remove_db(db)
    out = subprocess.run(
        [sys.executable, "-c", script, str(xlsx), str(db)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench_wizard(xlsx: Path, workdir: Path, rows: int, attempts: int = 2) -> None:
    """What the import wizard asks of the core, in one new process: read, preview (a dry run, and the rows it
    shows), then import. Best of `attempts`."""
    runs = [_run_child(_WIZARD_CHILD, xlsx, workdir / f"wizard-{attempt}.db") for attempt in range(attempts)]
    best = min(runs, key=lambda r: r["total"])
    add("import", f"the wizard's work on the {rows:,}-row list: read, preview (dry run), import", s(best["total"]))
    add("import", "  of which: the preview, then the import after it",
        f"{s(best['preview'])}, then {s(best['import'])}")  # fmt: skip


def bench_import(xlsx: Path, workdir: Path, rows: int, attempts: int = 3) -> None:
    """Each import runs in a new process (as `main.py import` does): nothing is warm from an earlier attempt
    except the files the OS has cached, which the bare read enjoys too. Attempts alternate with bare reads so
    that both see the same moments of a noisy machine; the best of each is kept."""
    import openpyxl.worksheet._reader as sheet_reader
    from openpyxl import load_workbook

    def bare_read() -> None:
        wb = load_workbook(xlsx, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _row in ws.iter_rows(values_only=True):
                pass
        wb.close()

    def bare_read_stdlib_parser() -> None:
        """The same pass with openpyxl's sheets parsed by the standard library's C parser, as the importer parses
        them, not by defusedxml's (openpyxl's choice when defusedxml is installed, as it is here): shows how much
        of the importer's lead on reading comes from the parser alone."""
        from xml.etree.ElementTree import iterparse as stdlib_iterparse

        defused = sheet_reader.iterparse
        sheet_reader.iterparse = stdlib_iterparse  # a benchmark-only swap; the app never patches openpyxl
        try:
            bare_read()
        finally:
            sheet_reader.iterparse = defused

    bare: list[float] = []
    bare_stdlib: list[float] = []
    runs: list[dict] = []
    for attempt in range(attempts):
        bare.append(best_of(bare_read, 1))
        bare_stdlib.append(best_of(bare_read_stdlib_parser, 1))
        runs.append(_run_child(_IMPORT_CHILD, xlsx, workdir / f"import-{attempt}.db"))
    baseline = min(bare)
    best = min(runs, key=lambda r: r["total"])
    t = best["total"]
    add(
        "import",
        f"import of a {rows:,}-row .xlsx (read, normalise, duplicates, write), new process each time",
        s(t),
        s(baseline),
        f"{t / baseline:.2f}x",
        "<= 1.5x bare read",
    )
    add("import", "  of which: reading the file (merged cells, hidden rows, formulas)", s(best["read"]), s(baseline),
        f"{best['read'] / baseline:.2f}x")  # fmt: skip
    add("import", "  of which: normalising, matching and writing", s(best["rest"]))
    stdlib = min(bare_stdlib)
    add("import", "  the same import beside openpyxl's pass with the standard library's XML parser", s(t), s(stdlib),
        f"{t / stdlib:.2f}x")  # fmt: skip
    add(
        "import",
        "rows created / updated / with possible duplicates / skipped",
        f"{best['created']:,} / {best['updated']:,} / {best['candidates']:,} / {best['skipped']:,}",
    )


def bench_import_into_big(xlsx: Path, big: Path, workdir: Path, rows: int, big_n: int, both: bool = True) -> None:
    """Lists imported into a large directory, where many people are already known, beside the same import into a
    new one: duplicate checks and merges must not grow with the directory (one run each, a copy of `big`)."""
    short_rows = 300 if rows > 300 else 30  # the size of a seminar list
    short = workdir / f"registrations-{short_rows}.xlsx"
    if not short.exists():
        build_registration_xlsx(short, short_rows, seed=5)
    lists = ((short, short_rows), (xlsx, rows)) if both else ((xlsx, rows),)
    for path, n in lists:
        empty = _run_child(_IMPORT_CHILD, path, workdir / "into-new.db")
        _copy_db(big, workdir / "into-big.db")
        full = _run_child(_IMPORT_CHILD, path, workdir / "into-big.db", fresh=False)
        add(
            "import",
            f"a {n:,}-row list into the {big_n:,}-contact directory (backup first, {full['updated']:,} merged, "
            f"{full['candidates']:,} possible duplicates)",
            s(full["total"]),
            f"{s(empty['total'])} into a new directory",
            f"{full['total'] / empty['total']:.2f}x",
        )
    _remove_db(workdir / "into-big.db")


# ---------------------------------------------------------------------------------------------------- search

QUERIES: list[dict] = [
    {"text": "jov"},
    {"text": "jovanovic"},
    {"text": "dordevic"},
    {"text": "djordjevic"},
    {"text": "Đorđević"},
    {"text": "Јовановић"},
    {"text": "ozdemir"},
    {"text": "Παπαδ"},
    {"text": "sehic"},
    {"text": "ana mar"},
    {"text": "osce"},
    {"text": "prosecutor"},
    {"text": "iv"},
    {"countries": ("RS",)},
    {"countries": ("RS", "BA"), "roles": ("prosecutor",)},
    {"roles": ("law_enforcement",), "expertise": ("smuggling_of_migrants",)},
    {"countries": ("MK", "AL", "GR"), "expertise": ("trafficking_in_human_beings",), "org_types": ("police",)},
    {"text": "mar", "countries": ("HR",)},
    {"events": ("first",)},
    {"events": ("first",), "roles": ("judge", "prosecutor")},
    {"text": "ivan", "countries": ("MD", "UA"), "roles": ("ngo", "law_enforcement")},
    {},
]


def _latencies(db: Path, *, counts: bool) -> tuple[list[float], float, float]:
    """Each query's time on `db`, cold; the in-memory index's build; the country names' load."""
    from directory_app.core.contacts import list_events
    from directory_app.core.search import SearchQuery, facet_counts, load_query_words, search_ids, search_index
    from directory_app.core.store import open_directory

    with open_directory(db) as d:
        first_event = list_events(d)[-1].id
        start = time.perf_counter()
        search_ids(d, SearchQuery(countries=("--",)))  # builds the in-memory index
        build = time.perf_counter() - start
        # The search reads typed words as countries and areas of expertise ("smuggling serbia"). The window loads
        # their names in its warm-up, a second after its first results; here they are loaded before the queries,
        # once, and timed on their own: the first query of four letters or more paid them (30-65 ms), which made
        # the p95.
        start = time.perf_counter()
        load_query_words()
        names = time.perf_counter() - start
        index = search_index(d)
        out = []
        for spec in QUERIES:
            spec = {k: ((first_event,) if v == ("first",) else v) for k, v in spec.items()}
            query = SearchQuery(**spec)
            index._snapshot.text_cache.clear()  # every query cold: as typed for the first time
            start = time.perf_counter()
            search_ids(d, query)
            if counts:
                facet_counts(d, query)
            out.append(time.perf_counter() - start)
        return out, build, names


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def bench_search(big: Path, small: Path, big_n: int, small_n: int) -> None:
    loads: list[float] = []  # the country names' load: the first one is the real one, after it they are there
    for counts in (False, True):
        what = "search + facet counts" if counts else "search (ordered ids)"
        large, build_large, names = _latencies(big, counts=counts)
        loads.append(names)
        base, build_small, _names = _latencies(small, counts=counts)
        add(
            "search",
            f"{what}, p50 over {len(QUERIES)} queries, {big_n:,} contacts",
            ms(p(large, 50)),
            f"{ms(p(base, 50))} on {small_n:,}",
            f"{p(large, 50) / p(base, 50):.1f}x",
        )
        add(
            "search",
            f"{what}, p95, {big_n:,} contacts",
            ms(p(large, 95)),
            f"{ms(p(base, 95))} on {small_n:,}",
            f"{p(large, 95) / p(base, 95):.1f}x",
            "p95 <= 20 ms" if not counts else "",
        )
        add("search", f"{what}, slowest query, {big_n:,} contacts", ms(max(large)), f"{ms(max(base))} on {small_n:,}")
    add(
        "search",
        f"in-memory index build (first search after open or a change), {big_n:,}",
        s(build_large),
        f"{s(build_small)} on {small_n:,}",
    )
    add("search", "country names and expertise words for reading typed words, loaded once (the window: in its warm-up)",
        ms(loads[0]))  # fmt: skip


# ---------------------------------------------------------------------------------------------------- export


def bench_export(big: Path, workdir: Path, n: int) -> None:
    from directory_app.core.contacts import get_contacts
    from directory_app.core.exporting import write_csv, write_xlsx
    from directory_app.core.search import SearchQuery, search_ids
    from directory_app.core.store import open_directory
    from directory_app.core.vcard import write_vcards

    with open_directory(big) as d:
        ids = search_ids(d, SearchQuery(), limit=n)
        start = time.perf_counter()
        records = get_contacts(d, ids)
        load = time.perf_counter() - start

    def bare_json() -> None:
        text = json.dumps([{k: str(v) for k, v in r.__dict__.items()} for r in records], ensure_ascii=False)
        (workdir / "baseline.json").write_text(text, encoding="utf-8")

    baseline = best_of(bare_json, 3)
    add("export", f"load {len(records):,} full records from the directory", s(load))
    t = best_of(lambda: write_vcards(records, workdir / "out.vcf"), 3)
    add(
        "export",
        f"{len(records):,} contacts to one .vcf",
        s(t),
        f"{s(baseline)} json.dumps of the same",
        f"{t / baseline:.2f}x",
        "<= 1 s",
    )
    t = best_of(lambda: write_xlsx(records, workdir / "out.xlsx"), 1)
    add(
        "export",
        f"{len(records):,} contacts to .xlsx",
        s(t),
        f"{s(baseline)} json.dumps of the same",
        f"{t / baseline:.2f}x",
    )
    t = best_of(lambda: write_csv(records, workdir / "out.csv"), 3)
    add(
        "export",
        f"{len(records):,} contacts to .csv",
        s(t),
        f"{s(baseline)} json.dumps of the same",
        f"{t / baseline:.2f}x",
    )


# ---------------------------------------------------------------------------------------------------- GUI


def _probe(mode: str, *args: Path) -> dict:
    """benchmarks/gui_probe.py in its own process (offscreen unless DISPLAY is set and QT_QPA_PLATFORM says
    xcb): the JSON it printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    script = ROOT / "benchmarks" / "gui_probe.py"
    out = subprocess.run(
        [sys.executable, str(script), mode, *map(str, args)], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        # The last lines: Qt's own complaints at exit come after the message that says what went wrong.
        lines = [line for line in out.stderr.strip().splitlines() if "propagateSizeHints" not in line]
        raise SystemExit(f"gui probe ({mode}) failed:\n" + "\n".join(lines[-15:]))
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench_gui(big: Path, n: int, rounds: int = 5) -> None:
    """The window, `rounds` times, alternating with the empty window; medians, with the range of the start-up
    figures."""
    runs: dict[str, list[dict]] = {"bare": [], "app": []}
    for _ in range(rounds):
        for mode in ("bare", "app"):
            runs[mode].append(_probe(mode, big))

    def med(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[mode])

    def spread(key: str) -> str:
        values = [r[key] for r in runs["app"]]
        return f"{s(med('app', key))} (median of {len(values)}; {min(values):.2f}-{max(values):.2f} s)"

    bare = med("bare", "start")
    empty = f"{s(bare)} empty QMainWindow"
    add("gui", "start to the window painted and taking input", spread("first_paint"), empty,
        f"{med('app', 'first_paint') / bare:.1f}x")  # fmt: skip
    add("gui", f"start to the window showing its first results (rows and filter counts), {n:,} contacts",
        spread("start"), empty, f"{med('app', 'start') / bare:.1f}x", "<= 1.5 s")  # fmt: skip
    add("gui", "start to everything loaded (directory open, first search, in-memory index built)", spread("ready"))
    add("gui", "keystroke to updated table (median of typed prefixes, incl. the 150 ms debounce)",
        ms(med("app", "keystroke_p50")), f"max {ms(max(r['keystroke_max'] for r in runs['app']))}")  # fmt: skip
    add("gui", "longest GUI-thread stall while typing (worst run)", ms(max(r["stall_max"] for r in runs["app"])),
        "", "", "<= 50 ms")  # fmt: skip
    add("gui", "facet change to updated table and counts", ms(med("app", "facet")))
    rss = max(r["rss_mb"] for r in runs["app"])
    bare_rss = med("bare", "rss_mb")
    add("gui", f"peak memory (RSS) with {n:,} contacts (worst run)", f"{rss:.0f} MB",
        f"{bare_rss:.0f} MB empty QMainWindow", f"{rss / bare_rss:.1f}x", "<= 300 MB")  # fmt: skip


def bench_gui_wizard(xlsx: Path, small: Path, workdir: Path, rows: int, small_n: int, rounds: int = 3) -> None:
    """File ▸ Import in the window on a copy of the small directory, `rounds` times: each page's wait and the
    longest time the window froze during it; medians."""
    runs = []
    for attempt in range(rounds):
        db = workdir / f"wizard-window-{attempt}.db"
        _copy_db(small, db)
        runs.append(_probe("wizard", db, xlsx))

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def stalls(key: str) -> str:
        return f"{ms(med(key))} (median of {len(runs)}; worst {ms(max(r[key] for r in runs))})"

    where = f"the {rows:,}-row list in the window on {small_n:,} contacts"
    add("gui", f"import wizard, {where}: reading the file", s(med("read")), f"longest freeze {stalls('read_stall')}")
    add("gui", "  the preview (dry run of every row, then the table)", s(med("preview")),
        f"longest freeze {stalls('preview_stall')}")  # fmt: skip
    add("gui", "  the import, until the window lists the new contacts", s(med("import")),
        f"longest freeze {stalls('import_stall')}")  # fmt: skip
    add("gui", "  closing the wizard (its rows let go), then 3 s left alone", s(med("close")),
        f"longest freeze {ms(med('close_stall'))} on closing, {ms(med('idle_stall'))} after")  # fmt: skip


def bench_gui_bulk(big: Path, workdir: Path, n: int) -> None:
    """Many contacts in the window, on a copy of the big directory: moving through them with the arrow keys, one
    opened for editing; Select All and the export dialog for all of them, then one country's contacts exported,
    deleted and brought back. Each freeze is measured until half a second after the step, so that the repaint
    which follows it counts."""
    db = workdir / "bulk.db"
    _copy_db(big, db)
    r = _probe("bulk", db)
    country = f"{r['country']:,}"
    add("gui", f"Down held in the table (30 presses at 30 a second), {n:,} contacts, until the last QR code shows",
        s(r["browse"]), f"longest freeze {ms(r['browse_stall'])}")  # fmt: skip
    add("gui", "  a contact opened for editing, the first time, until the dialog shows", s(r["edit"]),
        f"longest freeze {ms(r['edit_stall'])}")  # fmt: skip
    add("gui", f"Select All, {n:,} contacts", ms(r["select_all"]), f"longest freeze {ms(r['select_all_stall'])}")
    add("gui", f"  Export ▸ vCards with all {n:,} selected, until the dialog shows", s(r["export_dialog"]),
        f"longest freeze {ms(r['export_dialog_stall'])}")  # fmt: skip
    add("gui", f"  one country's {country} contacts selected and exported to vCards, until the report shows",
        s(r["export"]), f"longest freeze {ms(r['export_stall'])}")  # fmt: skip
    add("gui", f"  the {country} deleted (kept for Undo), until the table shows it",
        s(r["delete"]), f"longest freeze {ms(r['delete_stall'])}")  # fmt: skip
    add("gui", "  then Undo, until they are back and selected", s(r["undo"]), f"longest freeze {ms(r['undo_stall'])}")
    _copy_db(big, db)
    d = _probe("duplicates", db)
    add("gui", f"Edit ▸ Find Duplicates… on {n:,} contacts, until the list shows ({d['pairs']:,} pairs found)",
        s(d["list"]), f"longest freeze {ms(d['stall'])}")  # fmt: skip
    add("gui", "  a search typed at once, while it looks, until the table shows its results", s(d["search"]))


# ---------------------------------------------------------------------------------------------------- main


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{mem}, {system}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="a tiny run for CI (checks the script works)")
    parser.add_argument("--workdir", type=Path, help="keep the generated data here (reused between runs)")
    parser.add_argument("--only", choices=("import", "search", "export", "gui"), action="append")
    args = parser.parse_args()

    list_rows, big_n, small_n, export_n = (300, 2_000, 200, 500) if args.tiny else (10_000, 100_000, 1_000, 10_000)
    if args.tiny:
        os.environ["BENCH_TINY"] = "1"  # the GUI probes, in their own processes, do less as well
    sections = set(args.only or ("import", "search", "export", "gui"))
    tmp = None
    if args.workdir:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="directory-bench-")
        workdir = Path(tmp.name)
    print(f"machine: {machine()}")
    print(f"data in {workdir}")

    xlsx = workdir / f"registrations-{list_rows}.xlsx"
    big = workdir / f"directory-{big_n}.db"
    small = workdir / f"directory-{small_n}.db"
    if sections & {"import", "gui"} and not xlsx.exists():
        start = time.perf_counter()
        build_registration_xlsx(xlsx, list_rows)
        add("data", f"write the {list_rows:,}-row registration .xlsx (openpyxl)", s(time.perf_counter() - start))
    if sections & {"import", "search", "export", "gui"}:
        for path, n in ((big, big_n), (small, small_n)):
            t = build_directory(path, n)
            if t == t:  # not NaN: it was built now
                add(
                    "data",
                    f"`main.py demo --size {n}` (real process)",
                    s(t),
                    "",
                    "",
                    "about a minute" if n >= 100_000 else "",
                )

    if "import" in sections:
        # The tiny run (CI) checks that the script works: one attempt of each, not the best of several.
        bench_import(xlsx, workdir, list_rows, attempts=1 if args.tiny else 3)
        bench_wizard(xlsx, workdir, list_rows, attempts=1 if args.tiny else 2)
        bench_import_into_big(xlsx, big, workdir, list_rows, big_n, both=not args.tiny)
    if "search" in sections:
        bench_search(big, small, big_n, small_n)
    if "export" in sections:
        bench_export(big, workdir, export_n)
    if "gui" in sections:
        bench_gui(big, big_n, rounds=1 if args.tiny else 5)
        bench_gui_wizard(xlsx, small, workdir, list_rows, small_n, rounds=1 if args.tiny else 3)
        bench_gui_bulk(big, workdir, big_n)

    print()
    print(f"Machine: {machine()}")
    print()
    print("| section | measure | value | baseline (same run) | ratio | target |")
    print("|---|---|---|---|---|---|")
    for r in ROWS:
        print(f"| {r.section} | {r.measure} | {r.value} | {r.baseline} | {r.ratio} | {r.target} |")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
