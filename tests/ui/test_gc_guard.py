"""Garbage collection happens on the GUI thread only while a worker thread exists (see ui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

from directory_app.ui import gc_guard
from directory_app.ui.tasks import TaskRunner


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_run_on_the_gui_thread_while_the_worker_allocates(qtbot) -> None:
    threads: list[str] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(record)
    runner = TaskRunner()
    try:
        assert not gc.isenabled() and gc_guard.active()
        done: list[int] = []

        def allocate() -> int:  # far past the collector's thresholds, all on the worker thread
            for _ in range(20):
                junk = [_Cycle() for _ in range(5_000)]
                del junk
            return 1

        runner.run(allocate, done.append)
        qtbot.waitUntil(lambda: done == [1], timeout=10_000)
        qtbot.waitUntil(lambda: bool(threads), timeout=5_000)  # the GUI thread's timer collected
        assert set(threads) == {threading.main_thread().name}
    finally:
        runner.stop()
        gc.callbacks.remove(record)
    assert gc.isenabled() and not gc_guard.active()


def test_nested_users_and_an_unbalanced_release() -> None:
    gc_guard.acquire()
    gc_guard.acquire()
    gc_guard.release()
    assert not gc.isenabled()
    gc_guard.release()
    assert gc.isenabled()
    gc_guard.release()  # one too many: ignored
    assert gc.isenabled()
