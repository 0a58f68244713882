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

Letting go of those objects costs time too: freeing them in one statement froze the window 0.13-0.14 s when the
wizard closed. `drop_between_turns` empties the holder's lists a few milliseconds per event-loop turn instead,
and the frozen objects are unfrozen only once it is done. (On a worker thread, `core.bulk.drop_gradually` is
enough: the GUI thread takes Python's lock between its slices.)
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from directory_app.core.bulk import is_paused

CHECK_INTERVAL_MS = 500
# Young objects beyond this many thresholds arrived in bulk (a paused import): frozen while someone holds them.
BULK_FACTOR = 50

_users = 0
_was_enabled = True
_collector: _Collector | None = None
_holders: set[int] = set()  # ids of the QObjects that keep bulk data (import wizards)
_drops: set[_Dropper] = set()  # lists being emptied (drop_between_turns)
DROP_SLICE = 100  # items dropped between two looks at the clock
DROP_BUDGET_S = 0.005  # the GUI thread's time per event-loop turn spent freeing them


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
    if not (_holders or _drops) or young <= BULK_FACTOR * gc.get_threshold()[0]:
        return False
    gc.freeze()
    return True


def hold(owner: QObject, *, until_finished: bool = True) -> None:
    """`owner` keeps what bulk jobs make (the import wizard: a list's rows, its preview, its report) until it
    finishes (unless `until_finished` is False: it then calls `unhold` itself) or is destroyed: until then those
    objects are frozen when they arrive, not walked by collections."""
    key = id(owner)
    if key in _holders:
        return
    _holders.add(key)
    owner.destroyed.connect(lambda *_: unhold(key))
    finished = getattr(owner, "finished", None)  # a dialog: closed by Import, Cancel or Esc
    if finished is not None and until_finished:
        finished.connect(lambda *_: unhold(key))


def unhold(key: int) -> None:
    """The holder `key` (an id given to `hold`) let go; with the last one, frozen objects are collected again
    (once the lists given to `drop_between_turns` are empty)."""
    if key not in _holders:
        return
    _holders.discard(key)
    _unfreeze_when_free()


def _unfreeze_when_free() -> None:
    if not _holders and not _drops:
        gc.unfreeze()


class _Dropper(QObject):
    """Empties lists a slice at a time, for DROP_BUDGET_S per event-loop turn; then unfreezes (unless something
    else still holds bulk) and calls `then`."""

    def __init__(self, lists: list[list], then: Callable[[], None] | None) -> None:
        super().__init__(QCoreApplication.instance())  # outlives the dialog that handed the lists over
        self.lists = lists
        self.then = then
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.step)
        self.timer.start()

    def step(self) -> None:
        deadline = time.perf_counter() + DROP_BUDGET_S
        while self.lists:
            items = self.lists[-1]
            del items[-DROP_SLICE:]
            if not items:
                self.lists.pop()
            if time.perf_counter() >= deadline:
                return
        self.timer.stop()
        _drops.discard(self)
        self.deleteLater()
        _unfreeze_when_free()
        if self.then is not None:
            self.then()


def drop_between_turns(lists: Iterable[list], then: Callable[[], None] | None = None) -> None:
    """Empty `lists` in place (call on the GUI thread), a few milliseconds per event-loop turn, then call `then`.

    For the bulk a closing dialog let go of: the objects only it referenced are freed meanwhile, and the window
    keeps painting. The lists must not be in use elsewhere: they are emptied, not copied.

    Young objects are frozen first, and everything frozen stays so until every such list is empty. Otherwise the
    objects being freed (young when the dialog closes soon after its job ended) were walked by a young
    collection in the middle: 50-220 ms, in two of four probe runs. Freeing them also lowers the young
    generation's count, which then no longer tells how many objects a young collection would walk."""
    pending = [items for items in lists if items]
    if not pending:
        if then is not None:
            then()
        return
    gc.freeze()
    _drops.add(_Dropper(pending, then))


def dropping() -> bool:
    """True while `drop_between_turns` has lists to empty (for tests)."""
    return bool(_drops)


def frozen() -> int:
    """How many objects are frozen (for tests)."""
    return gc.get_freeze_count()
