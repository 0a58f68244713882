"""Measures the real window in its own process (run by benchmarks/run.py); prints one JSON line.

python benchmarks/gui_probe.py bare DB     # an empty QMainWindow: the baseline for start-up and memory
python benchmarks/gui_probe.py app DB      # the app's main window on the directory DB
python benchmarks/gui_probe.py wizard DB LIST   # the import wizard on LIST (.xlsx) into DB: each page's wait and
                                                # the longest GUI-thread stall while it lasts
python benchmarks/gui_probe.py bulk DB     # Select All, then one country's contacts deleted and undone (changes DB)
python benchmarks/gui_probe.py duplicates DB   # Find Duplicates…, and a search typed while it looks
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # before Qt or the app is imported: "start" includes every import

import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

TINY = bool(os.environ.get("BENCH_TINY"))  # benchmarks/run.py --tiny (CI): check that the probes work, quickly

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_until(app, condition, timeout: float = 60.0) -> None:
    """Run Qt's event loop (the GUI thread sleeps in it, as in the real app) until `condition()` holds.

    A Python loop around processEvents() would keep the GUI thread awake and fighting the worker for the GIL,
    which is not what a user's window does.

    The condition is judged where it was seen to hold, not again after the loop has returned: events handled on
    the way out could make it false again (a timer of the window's queuing work), and the probe then stopped with
    "timed out" long before its time was up (about 1 run in 13 of the app probe, with the window's loading ahead
    for the contact dialog queued a second after start)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    end = time.perf_counter() + timeout
    held = False
    timer = QTimer()
    timer.setInterval(2)

    def check() -> None:
        nonlocal held
        if condition():
            held = True
            loop.quit()
        elif time.perf_counter() > end:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not held:
        import traceback

        where = traceback.extract_stack(limit=2)[0]  # the probe's line that waited
        raise SystemExit(f"timed out after {timeout:.0f} s at gui_probe.py line {where.lineno}: {where.line}")


def painted(window) -> bool:
    return window.isVisible() and window.windowHandle() is not None and window.windowHandle().isExposed()


def bare() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1400, 850)
    window.show()
    wait_until(app, lambda: painted(window))
    window.grab()  # a real paint of every widget
    start = time.perf_counter() - T0
    return {"start": start, "rss_mb": rss_peak_mb()}


def app_window(db: Path) -> dict:
    from PySide6.QtTest import QTest

    from directory_app.ui.app import application, start_gui

    app, _ = application()
    done = {"n": 0}
    window = start_gui(db)
    window.searchFinished.connect(lambda: done.__setitem__("n", done["n"] + 1))
    wait_until(app, lambda: painted(window))
    first_paint = time.perf_counter() - T0  # the window is on screen and takes typing; results still loading
    # First results: the table lists the directory and its first rows are loaded (not "Loading…" cells).
    wait_until(app, lambda: window.model.rowCount() > 0 and window.model.is_loaded(0))
    window.grab()  # a real paint of every widget, the rows included
    start = time.perf_counter() - T0
    # The filters list their values with counts (not "…").
    wait_until(app, lambda: all(f.model.rowCount() and not f.counts_loading() for f in window.facet_filters))
    counts = time.perf_counter() - T0
    # Everything in: the directory open, the first search done, the in-memory index built, nothing left to run.
    wait_until(app, lambda: done["n"] > 0 and window.is_idle())
    window.grab()
    ready = time.perf_counter() - T0

    # GUI-thread stalls: the longest gap between a 5 ms timer's ticks while typing is the longest freeze.
    meter = StallMeter()
    meter.start()

    keystrokes: list[float] = []
    words = ("jovanovic", "dordevic", "Παπαδ", "ivan", "ozdemir")
    # The tiny run (CI, benchmarks/run.py --tiny) checks that the probe works: a prefix typed in Latin letters and
    # one in Greek are enough for that.
    for word in ("jov", "Πα") if TINY else words:
        window.search_edit.clear()
        wait_until(app, window.is_idle)
        for ch in word:
            before = done["n"]
            t = time.perf_counter()
            if ch.isascii():
                QTest.keyClicks(window.search_edit, ch)
            else:  # QTest types ASCII only; insert() edits the field as a keyboard would
                window.search_edit.insert(ch)
            wait_until(app, lambda before=before: done["n"] > before and window.is_idle())
            keystrokes.append(time.perf_counter() - t)
    stall_max = meter.stop()

    window.search_edit.clear()
    wait_until(app, window.is_idle)
    facet_times = []
    for key in ("RS", "BA", "MK"):
        before = done["n"]
        t = time.perf_counter()
        window.country_filter.set_selected([key])
        wait_until(app, lambda before=before: done["n"] > before and window.is_idle())
        facet_times.append(time.perf_counter() - t)

    # scroll to the end of the full list: the lazy model fetches pages as they come into view
    window.clear_filters()
    wait_until(app, window.is_idle)
    window.table.scrollToBottom()
    wait_until(app, window.is_idle)
    result = {
        "first_paint": first_paint,
        "start": start,
        "counts": counts,
        "ready": ready,
        "keystroke_p50": statistics.median(keystrokes),
        "keystroke_max": max(keystrokes),
        "stall_max": stall_max,
        "facet": statistics.median(facet_times),
        "rss_mb": rss_peak_mb(),
    }
    window.close()
    return result


class StallMeter:
    """A 5 ms timer on the GUI thread: the longest gap between its ticks is the longest time the window froze."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> float:
        """The longest stall since `start()`, in seconds."""
        self.ticks.append(time.perf_counter())
        self.timer.stop()
        return max(b - a for a, b in itertools.pairwise(self.ticks))

    def phase(self, app, action, condition, settle: float = 0.0) -> tuple[float, float]:
        """Run `action()`, wait in the event loop until `condition()`: (seconds, longest stall in seconds).

        The stall is measured for `settle` seconds more, so that the paint which follows a step counts too."""
        self.start()
        start = time.perf_counter()
        action()
        wait_until(app, condition, timeout=300.0)
        elapsed = time.perf_counter() - start
        if settle:
            until = time.perf_counter() + settle
            wait_until(app, lambda: time.perf_counter() > until)
        return elapsed, self.stop()


def wizard(db: Path, xlsx: Path) -> dict:
    """File ▸ Import as a user goes through it, in the main window on `db`: the file read, Next to the columns,
    Next to the event, Next to the preview (a dry run, then its table), Import, until the window shows the new
    contacts. Each page's wait and the longest GUI-thread stall during it."""
    from PySide6.QtWidgets import QWizard

    from directory_app.ui.app import application, start_gui
    from directory_app.ui.import_wizard import open_import_wizard

    app, _ = application()
    window = start_gui(db)
    wait_until(app, lambda: painted(window) and window.is_idle() and window.model.rowCount() > 0)
    before = window.model.rowCount()
    meter = StallMeter()
    out: dict[str, float] = {}
    box: dict[str, object] = {}

    def start() -> None:
        box["w"] = open_import_wizard(window, str(xlsx))

    out["read"], out["read_stall"] = meter.phase(app, start, lambda: box["w"].file_page.isComplete())
    w = box["w"]
    out["columns"], out["columns_stall"] = meter.phase(app, w.next, lambda: w.currentPage() is w.mapping_page)
    out["event"], out["event_stall"] = meter.phase(app, w.next, lambda: w.currentPage() is w.event_page)
    page = w.preview_page
    out["preview"], out["preview_stall"] = meter.phase(app, w.next, lambda: page.report is not None)
    commit = w.button(QWizard.WizardButton.CommitButton)
    out["import"], out["import_stall"] = meter.phase(
        app,
        commit.click,
        lambda: w.currentPage() is w.report_page and window.is_idle() and window.model.rowCount() > before,
    )
    out["created"] = w.final_report.created
    # Then the user reads the report and closes the wizard; the window keeps working.
    out["close"], out["close_stall"] = meter.phase(app, w.close, lambda: window.is_idle())
    idle_end = [0.0]

    def idle() -> None:  # three seconds of the window left alone (the collector's timer still runs); one in CI
        idle_end[0] = time.perf_counter() + (1.0 if TINY else 3.0)

    out["idle"], out["idle_stall"] = meter.phase(app, idle, lambda: time.perf_counter() > idle_end[0])
    out["rss_mb"] = rss_peak_mb()
    window.close()
    return out


def open_export_dialog(app, window, meter: StallMeter, settle: float) -> tuple[float, float]:
    """Export ▸ vCards with the window's selection, until the dialog shows: (seconds, longest freeze)."""
    window.export_dialog = None
    return meter.phase(
        app,
        window.actionExportVCard.trigger,
        lambda: window.export_dialog is not None and window.export_dialog.isVisible(),
        settle,
    )


def browse(app, window, meter: StallMeter, settle: float, presses: int = 30) -> tuple[float, float]:
    """Down pressed `presses` times at 30 a second (a key held down) in the table, until the details and the QR
    code of the contact it stops at are shown."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    window.table.selectRow(0)
    window.table.setFocus()
    wait_until(app, lambda: window.is_idle() and window.qr_widget.qr is not None)
    sent = [0]
    timer = QTimer()
    timer.setInterval(33)

    def press() -> None:
        if sent[0] < presses:
            QTest.keyClick(window.table, Qt.Key.Key_Down)
            sent[0] += 1
        else:
            timer.stop()

    timer.timeout.connect(press)
    qr = window.qr_widget
    return meter.phase(
        app,
        timer.start,
        lambda: sent[0] >= presses and window.is_idle() and qr.qr is not None and qr.record is window.detail.record(),
        settle,
    )


def bulk(db: Path) -> dict:
    """Many contacts in the window on `db` (a copy: it is changed): moving through them with the arrow keys and
    opening one for editing; Select All and the export dialog for all of them, then one country's contacts
    selected, exported to vCards, deleted and brought back with Undo. Each step's wait and the longest GUI
    freeze during it."""
    from directory_app.ui.app import application, start_gui

    app, _ = application()
    window = start_gui(db)
    wait_until(app, lambda: painted(window) and window.model.rowCount() > 0 and window.is_idle())
    meter = StallMeter()
    out: dict[str, float] = {"contacts": window.model.rowCount()}
    # Each step's wait, then half a second more for the freeze: the repaint after a step counts (a tenth of a
    # second in the tiny run, which checks that the probe works).
    settle = 0.1 if TINY else 0.5
    # A user looks at the window before moving through it; one second after everything has loaded, the window
    # loads what the first Edit needs (MainWindow._warm_up), measured on its own by the "edit" step.
    until = time.perf_counter() + 2.0
    wait_until(app, lambda: time.perf_counter() > until and window.is_idle())
    out["browse"], out["browse_stall"] = browse(app, window, meter, settle)
    out["edit"], out["edit_stall"] = meter.phase(
        app,
        window.edit_contact,
        lambda: window.contact_dialog is not None and window.contact_dialog.isVisible(),
        settle,
    )
    window.contact_dialog.reject()
    wait_until(app, window.is_idle)
    out["select_all"], out["select_all_stall"] = meter.phase(
        app, window.action_select_all.trigger, lambda: True, settle
    )
    out["export_dialog"], out["export_dialog_stall"] = open_export_dialog(app, window, meter, settle)
    window.export_dialog.reject()
    window.country_filter.set_selected(["RS"])
    wait_until(app, window.is_idle)
    out["country"] = window.model.rowCount()
    out["select_country"], out["select_country_stall"] = meter.phase(
        app, window.action_select_all.trigger, lambda: True, settle
    )
    ids = window.selected_contact_ids()
    open_export_dialog(app, window, meter, settle)
    window.export_dialog.path_edit.setText(str(db.with_name(f"{db.stem}-export.vcf")))
    window.last_export = None
    out["export"], out["export_stall"] = meter.phase(
        app, window.export_dialog.export_button.click, lambda: window.last_export is not None, settle
    )
    window.export_done_box.close()
    out["delete"], out["delete_stall"] = meter.phase(
        app,
        lambda: window._delete(window.directory, ids),
        lambda: window.is_idle() and window.model.rowCount() == 0,
        settle,
    )
    out["undo"], out["undo_stall"] = meter.phase(
        app,
        window.undo_stack.undo,
        lambda: window.is_idle() and len(window.selected_contact_ids()) == len(ids),
        settle,
    )
    window.close()
    return out


def duplicates(db: Path) -> dict:
    """Edit > Find Duplicates…, and a search typed at once while it looks: how long the search waits, how long until
    the list is filled, and the longest GUI-thread stall meanwhile."""
    from directory_app.ui.app import application, start_gui

    app, _ = application()
    done = {"n": 0}
    window = start_gui(db)
    window.searchFinished.connect(lambda: done.__setitem__("n", done["n"] + 1))
    wait_until(app, lambda: done["n"] > 0 and window.is_idle())
    meter = StallMeter()
    meter.start()
    t0 = time.perf_counter()
    dialog = window.merging.open_duplicates()
    before = done["n"]
    window.search_edit.setText("jovanovic")
    wait_until(app, lambda: done["n"] > before and window.is_idle())
    searched = time.perf_counter() - t0
    wait_until(app, lambda: dialog.total is not None)
    listed = time.perf_counter() - t0
    out = {"search": searched, "list": listed, "stall": meter.stop(), "pairs": dialog.total}
    window.close()
    return out


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    probes = {
        "bare": lambda _db: bare(),
        "app": app_window,
        "wizard": lambda db: wizard(db, Path(sys.argv[3])),
        "bulk": bulk,
        "duplicates": duplicates,
    }
    out = probes[mode](db)
    print(json.dumps(out))
