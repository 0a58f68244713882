"""Python's cyclic garbage collector, run on the GUI thread only while worker threads exist.

The collector runs in whichever thread crosses its allocation threshold. When a worker thread (the database
worker, an import job) set it off, cycles holding Qt objects (a closed window with the lambdas connected to its
signals, a dialog and its slots) were destroyed on that thread, and Qt aborted or crashed: "Fatal Python error:
Aborted" or "Segmentation fault" with "Garbage-collecting" in the traceback, in 3 of 10 runs of tests/ui.

So while a worker thread exists, automatic collection is off and a timer on the GUI thread collects, generation
by generation, when the counts pass the collector's own thresholds (pyqtgraph's GarbageCollector does the same
for the same reason). Written by hand: no library provides it for PySide6. While a bulk import has paused the
collector (core/bulk.py), the timer waits too: that pause is the point of it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from directory_app.core.bulk import is_paused

CHECK_INTERVAL_MS = 500

_users = 0
_was_enabled = True
_collector: _Collector | None = None


class _Collector(QObject):
    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        if is_paused():
            return
        count0, count1, count2 = gc.get_count()
        if count0 > self.threshold[0]:
            gc.collect(0)
            if count1 > self.threshold[1]:
                gc.collect(1)
                if count2 > self.threshold[2]:
                    gc.collect(2)


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
        gc.collect()
        if _was_enabled:
            gc.enable()


def active() -> bool:
    return _users > 0
