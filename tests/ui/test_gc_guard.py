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


def _bulk_job() -> list[_Cycle]:
    """What an import job leaves: many objects made while the collector was paused (core/bulk.py)."""
    from directory_app.core.bulk import collector_paused

    with collector_paused():
        return [_Cycle() for _ in range(60_000)]


def test_bulk_objects_are_frozen_while_a_holder_keeps_them_and_collected_again_after(qtbot) -> None:
    """With the import wizard (a holder) open, objects arriving in bulk are frozen, not walked by collections on
    the GUI thread; when it closes they are unfrozen. Without a holder they are collected as usual."""
    from PySide6.QtWidgets import QDialog

    runner = TaskRunner()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    walked: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] < 2:
            walked.append(info["generation"])

    gc.callbacks.append(record)
    try:
        gc_guard.hold(dialog)
        kept: list[list[_Cycle]] = []
        runner.run(_bulk_job, kept.append)
        qtbot.waitUntil(lambda: bool(kept) and gc_guard.frozen() >= 60_000, timeout=10_000)
        assert walked == []  # the arrival was frozen: no young collection walked it
        dialog.reject()  # Cancel: the holder lets go
        assert gc_guard.frozen() == 0

        kept.clear()
        runner.run(_bulk_job, kept.append)  # no holder now: collected as usual
        qtbot.waitUntil(lambda: bool(kept) and bool(walked), timeout=10_000)
        assert gc_guard.frozen() == 0
    finally:
        gc.callbacks.remove(record)
        runner.stop()
        gc_guard.unhold(id(dialog))


def test_a_destroyed_holder_lets_go_too(qtbot) -> None:
    from PySide6.QtCore import QObject

    owner = QObject()
    gc_guard.hold(owner)
    gc.freeze()
    assert gc_guard.frozen() > 0
    owner.deleteLater()
    qtbot.waitUntil(lambda: gc_guard.frozen() == 0, timeout=5_000)


def test_the_whole_heap_is_walked_only_once_the_oldest_generation_grew_by_a_quarter(qtbot) -> None:
    """CPython's own rule for full collections, kept by the GUI thread's collector: churn on a large heap makes
    young collections only; a heap grown by more than a quarter is collected whole."""
    full: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append(1)

    kept = [_Cycle() for _ in range(100_000)]
    gc.collect()
    gc_guard.acquire()
    gc.callbacks.append(record)
    try:
        collector = gc_guard._collector

        def churn(rounds: int, *, until_full: bool = False) -> None:
            for _ in range(rounds):
                junk = [_Cycle() for _ in range(800)]
                del junk
                collector.check()
                if until_full and full:
                    return

        churn(500, until_full=True)  # as in CPython, the first full collection measures the heap
        assert full == [1]
        full.clear()
        churn(500)  # four times what used to make a full collection (every tenth middle one)
        assert full == []
        kept += [_Cycle() for _ in range(60_000)]  # the heap grows by 60 %
        for _ in range(200):
            kept.append([_Cycle() for _ in range(800)])
            collector.check()
            if full:
                break
        assert full
    finally:
        gc.callbacks.remove(record)
        gc_guard.release()
    del kept


def test_lists_are_dropped_a_slice_per_event_loop_turn_and_unfrozen_after(qtbot, monkeypatch) -> None:
    """What a closing dialog let go of is freed over several turns of the event loop (the window paints in
    between), frozen objects stay frozen until the last list is empty, and `then` runs once, at the end."""
    from PySide6.QtCore import QObject, QTimer

    monkeypatch.setattr(gc_guard, "DROP_BUDGET_S", 0.0)  # one slice per turn, whatever this machine's speed
    owner = QObject()
    gc_guard.hold(owner, until_finished=False)
    big = [[1, 2, 3] for _ in range(5_000)]  # young: frozen by drop_between_turns, not walked while freed
    small = [str(i) for i in range(1_000)]
    turns: list[int] = []
    ticker = QTimer()
    ticker.setInterval(0)
    unfrozen_early: list[int] = []

    def turn() -> None:
        turns.append(len(big) + len(small))

    # Asked at the unfreeze itself, not at every turn: gc.get_freeze_count() walks every frozen object (4 ms a turn
    # with the whole suite's heap frozen, 2.5 s for this test).
    unfreeze = gc.unfreeze

    def unfreeze_seen() -> None:
        left = len(big) + len(small)
        if left:
            unfrozen_early.append(left)
        unfreeze()

    monkeypatch.setattr(gc, "unfreeze", unfreeze_seen)
    ticker.timeout.connect(turn)
    ticker.start()
    done: list[int] = []
    try:
        gc_guard.drop_between_turns([small, big, []], then=lambda: done.append(gc_guard.frozen()))
        assert gc_guard.dropping() and len(big) == 5_000 and gc_guard.frozen() > 5_000  # nothing freed yet
        owner.deleteLater()  # the holder goes first (a wizard deleted on close): still frozen
        qtbot.waitUntil(lambda: not gc_guard.dropping(), timeout=10_000)
    finally:
        ticker.stop()
    assert big == [] and small == []
    assert unfrozen_early == []
    assert done == [0]  # unfrozen once everything was dropped, then `then`
    # The event loop turned between the slices: 60 slices of 100.
    assert len([t for t in turns if 0 < t < 6_000]) >= 30
    assert gc_guard.frozen() == 0


def test_nothing_to_drop_calls_then_at_once() -> None:
    done: list[int] = []
    gc_guard.drop_between_turns([[], []], then=lambda: done.append(1))
    assert done == [1] and not gc_guard.dropping()


def test_a_job_abandoned_after_its_thread_ended_is_not_kept(qtbot) -> None:
    """A job abandoned once finished stayed in `tasks.abandoned` for good (its `finished` had already fired): the
    wizard's tests that wait for no abandoned job timed out after one such close."""
    from directory_app.ui import tasks

    job = tasks.Job(lambda _job: 42)
    with qtbot.waitSignal(job.done, timeout=5_000):
        job.start()
    qtbot.waitUntil(job.isFinished, timeout=5_000)
    job.abandon()  # its `finished` may not have reached the GUI thread yet: then it is let go when it does
    assert job.abandoned
    qtbot.waitUntil(lambda: job not in tasks.abandoned, timeout=5_000)
