"""Python's cyclic garbage collector, run on the GUI thread only while worker threads exist.

The collector runs in whichever thread crosses its allocation threshold. When a worker thread (the database
worker, an import job) set it off, cycles holding Qt objects (a closed window with the lambdas connected to its
signals, a dialog and its slots) were destroyed on that thread, and Qt aborted or crashed: "Fatal Python error:
Aborted" or "Segmentation fault" with "Garbage-collecting" in the traceback, in 3 of 10 runs of tests/ui.

So while a worker thread exists, automatic collection is off and a timer on the GUI thread collects, generation
by generation, when the counts pass the collector's own thresholds (pyqtgraph's GarbageCollector does the same
for the same reason). Written by hand: no library provides it for PySide6. While a bulk import has paused the
collector (core/bulk.py), the timer waits too: that pause is the point of it.

After such a pause every object the job made is young, and the next collections walk them all, one generation
after another: reading or previewing a 10,000-row list leaves about 470,000 objects, and the window froze 0.3 s,
then 0.4 s, then 0.5 s, within seconds of each other, with the import wizard on screen (measured with
gc.callbacks and benchmarks/gui_probe.py). The wizard keeps those rows until it closes, so while it is open
(`hold`), a bulk arrival is frozen instead (`gc.freeze()`: left out of collections; reference counting still frees
what is dropped) and unfrozen when the last holder goes.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from directory_app.core.bulk import is_paused

CHECK_INTERVAL_MS = 500
# Young objects beyond this many thresholds arrived in bulk (a paused import): frozen while someone holds them.
BULK_FACTOR = 50

_users = 0
_was_enabled = True
_collector: _Collector | None = None
_holders: set[int] = set()  # ids of the QObjects that keep bulk data (import wizards)


class _Collector(QObject):
    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        # CPython's rule for the oldest generation, which an explicit gc.collect(2) skips: a full collection only
        # once the objects moved into it since the last one exceed a quarter of those it held after it. Without
        # the rule every tenth middle collection walked the whole heap: 0.15 s with the window on 1,000 contacts.
        self.long_lived_total = 0  # as in CPython: the first full collection measures it
        self.long_lived_pending = 0
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        if is_paused():
            return
        count0, count1, count2 = gc.get_count()
        if _freeze_bulk(count0):
            return
        if count0 > self.threshold[0]:
            gc.collect(0)
            if count1 > self.threshold[1]:
                self.long_lived_pending += len(gc.get_objects(generation=1))  # survivors move to the oldest
                gc.collect(1)
                if count2 > self.threshold[2] and self.long_lived_pending > self.long_lived_total // 4:
                    gc.collect(2)
                    self.long_lived_total = len(gc.get_objects(generation=2))
                    self.long_lived_pending = 0


def acquire() -> None:
    """A worker thread is about to start (call on the GUI thread)."""
    global _users, _was_enabled, _collector
    if _users == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
        _collector = _Collector(QCoreApplication.instance())
    _users += 1


def release() -> None:
    """A worker thread has ended (call on the GUI thread). The last one collects here and restores the collector."""
    global _users, _collector
    if _users == 0:
        return
    _users -= 1
    if _users == 0:
        if _collector is not None:
            _collector.timer.stop()
            _collector.setParent(None)
            _collector = None
        if not _freeze_bulk(gc.get_count()[0]):
            gc.collect()
        if _was_enabled:
            gc.enable()


def active() -> bool:
    return _users > 0


def _freeze_bulk(young: int) -> bool:
    """Freeze the young objects when they came in bulk and a holder keeps them; True if it did."""
    if not _holders or young <= BULK_FACTOR * gc.get_threshold()[0]:
        return False
    gc.freeze()
    return True


def hold(owner: QObject) -> None:
    """`owner` keeps what bulk jobs make (the import wizard: a list's rows, its preview, its report) until it
    finishes or is destroyed: until then those objects are frozen when they arrive, not walked by collections."""
    key = id(owner)
    if key in _holders:
        return
    _holders.add(key)
    owner.destroyed.connect(lambda *_: unhold(key))
    finished = getattr(owner, "finished", None)  # a dialog: closed by Import, Cancel or Esc
    if finished is not None:
        finished.connect(lambda *_: unhold(key))


def unhold(key: int) -> None:
    """The holder `key` (an id given to `hold`) let go; with the last one, frozen objects are collected again."""
    if key not in _holders:
        return
    _holders.discard(key)
    if not _holders:
        gc.unfreeze()


def frozen() -> int:
    """How many objects are frozen (for tests)."""
    return gc.get_freeze_count()
