"""One worker thread for all database work; results come back to the GUI thread by signal.

Like Anki's taskman: callers hand `run()` a plain function (which calls the core) and callbacks; the function
runs on the worker thread, the callbacks on the GUI thread. Tasks run one at a time in the order submitted, so
SQLite only ever has one writer and an undo always runs after the action it undoes.

A task submitted with a `key` supersedes the previous task with the same key: if that one has not started it
never runs, and if it has, its result is dropped. This is how typing fast only runs the last search.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from directory_app.core.records import DirectoryError
from directory_app.ui import gc_guard

log = logging.getLogger(__name__)


def error_message(exc: BaseException) -> str:
    """One line for a user: the DirectoryError's own message, else a short description (the rest is logged)."""
    if isinstance(exc, DirectoryError):
        return str(exc)
    text = " ".join(str(exc).split()) or type(exc).__name__
    if len(text) > 200:
        text = text[:199] + "…"
    return f"unexpected error: {text}"


@dataclass
class _Task:
    fn: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    key: str | None
    cancelled: bool = False  # set on the GUI thread, read on the worker (a plain attribute is enough under the GIL)


class _Worker(QObject):
    finished = Signal(int, object, object)  # task id, result, exception

    @Slot(int, object)
    def run(self, task_id: int, task: _Task) -> None:
        if task.cancelled:
            self.finished.emit(task_id, None, None)
            return
        try:
            result = task.fn()
        except Exception as exc:  # handed to the GUI thread, which shows it as one line
            if not isinstance(exc, DirectoryError):
                log.exception("task failed")
            self.finished.emit(task_id, None, exc)
        else:
            self.finished.emit(task_id, result, None)


class TaskRunner(QObject):
    """Runs functions on one worker thread, in order; callbacks run on the GUI thread."""

    failed = Signal(str)  # a task without its own failure handler failed: one line for the user
    busyChanged = Signal(bool)
    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("directory-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._tasks: dict[int, _Task] = {}
        self._latest: dict[str, int] = {}
        self._next_id = 0
        self._stopped = False
        gc_guard.acquire()  # no garbage collection on the worker thread (see gc_guard)
        self._thread.start()

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        key: str | None = None,
    ) -> int:
        """Queue `fn`; returns a task id. Nothing runs once the runner is stopped."""
        if self._stopped:
            return 0
        self._next_id += 1
        task_id = self._next_id
        if key is not None:
            previous = self._latest.get(key)
            if previous is not None and previous in self._tasks:
                self._tasks[previous].cancelled = True
            self._latest[key] = task_id
        was_idle = not self._tasks
        self._tasks[task_id] = _Task(fn, on_success, on_failure, key)
        self._submit.emit(task_id, self._tasks[task_id])
        if was_idle:
            self.busyChanged.emit(True)
        return task_id

    def cancel(self, key: str) -> None:
        """Drop the pending or running task with this key (its callbacks will not be called)."""
        task_id = self._latest.pop(key, None)
        if task_id is not None and task_id in self._tasks:
            self._tasks[task_id].cancelled = True

    def is_idle(self) -> bool:
        return not self._tasks

    @Slot(int, object, object)
    def _finished(self, task_id: int, result: object, exc: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        if task.key is not None and self._latest.get(task.key) == task_id:
            del self._latest[task.key]
        try:
            if task.cancelled or self._stopped:
                return
            if isinstance(exc, BaseException):
                if task.on_failure is not None:
                    task.on_failure(exc)
                else:
                    self.failed.emit(error_message(exc))
            elif task.on_success is not None:
                task.on_success(result)
        finally:
            if not self._tasks:
                self.busyChanged.emit(False)

    def stop(self) -> None:
        """Let the running task finish, drop the queued ones and end the thread (call before closing the DB)."""
        if self._stopped:
            return
        self._stopped = True
        for task in self._tasks.values():
            task.cancelled = True
        self._thread.quit()
        self._thread.wait()
        self._tasks.clear()
        gc_guard.release()


# ------------------------------------------------------------------------------------------------ jobs
# A long core call that must not hold up the worker's queue (reading or previewing a list, looking for duplicates
# through a connection of its own) runs on a thread of its own instead.

abandoned: set[Job] = set()  # jobs whose result is no longer wanted, kept until their thread ends
_unparented: set[Job] = set()  # jobs started without a parent, kept until their thread ends


class Job(QThread):
    """Runs one core call off the GUI thread. `done`, `failed` and `progressed` are emitted on the GUI thread,
    and never once the job is abandoned (the worker's signals are relayed through the job, which lives there)."""

    done = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int)
    _worker_done = Signal(object)
    _worker_failed = Signal(str)
    _worker_progressed = Signal(int, int)

    def __init__(self, fn: Callable[[Job], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.cancelled = threading.Event()
        self.abandoned = False
        self._guarded = False
        self._ended = False  # `finished` has reached the GUI thread (set there, read there: no race)
        self.finished.connect(self._release)  # queued: runs on the GUI thread once run() has returned
        # Slots of the job, which lives on the GUI thread: queued there from the worker.
        self._worker_done.connect(self._relay_done)
        self._worker_failed.connect(self._relay_failed)
        self._worker_progressed.connect(self._relay_progressed)

    def tell(self, done: int, total: int) -> None:
        """Progress, from the worker thread."""
        self._worker_progressed.emit(done, total)

    @Slot(object)
    def _relay_done(self, result: object) -> None:
        if not self.abandoned:
            self.done.emit(result)

    @Slot(str)
    def _relay_failed(self, message: str) -> None:
        if not self.abandoned:
            self.failed.emit(message)

    @Slot(int, int)
    def _relay_progressed(self, done: int, total: int) -> None:
        if not self.abandoned:
            self.progressed.emit(done, total)

    def start(self, *args: Any) -> None:
        if not self._guarded:
            self._guarded = True
            gc_guard.acquire()  # no garbage collection on this thread (see gc_guard)
        if self.parent() is None:  # nothing else keeps it: destroyed while running, it would abort the app
            _unparented.add(self)
            self.finished.connect(lambda: _unparented.discard(self))
        super().start(*args)

    def _release(self) -> None:
        self._ended = True
        abandoned.discard(self)
        if self._guarded:
            self._guarded = False
            gc_guard.release()

    def abandon(self) -> None:
        """Its result is no longer wanted (the wizard closed, the page was left, another file was chosen): it is
        asked to stop, nothing more is emitted, and it outlives its parent until its thread ends. Deleted with a
        closing wizard while running, it took the application down ("QThread: Destroyed while thread is still
        running")."""
        self.abandoned = True
        self.cancelled.set()
        if self._ended:
            return  # its thread has ended: nothing to outlive
        # Still running, or ended with its `finished` not yet handled here: `_release`, connected when the job was
        # made, takes it out of `abandoned` then. (Asking isFinished() and connecting `finished` only now lost the
        # race when the thread ended in between: the job stayed in `abandoned` for ever, and a test waiting for
        # it to empty timed out, about one run in six on a busy machine.)
        self.setParent(None)
        abandoned.add(self)

    def run(self) -> None:
        try:
            result = self.fn(self)
        except DirectoryError as exc:
            self._worker_failed.emit(str(exc))
        except Exception as exc:  # shown as one line; the traceback goes to the log
            log.exception("job failed")
            self._worker_failed.emit(f"unexpected error: {exc}")
        else:
            self._worker_done.emit(result)


def abandon_jobs(owner: QObject) -> None:
    """Abandon the jobs of `owner` (and of its children) still running."""
    for job in owner.findChildren(Job):
        if job.isRunning():
            job.abandon()


def wait_for_jobs(timeout_ms: int = 15_000) -> None:
    """Before the application ends: let the jobs still running finish (each asked to stop), so that no thread
    is destroyed while it runs."""
    for job in list(abandoned | _unparented):
        job.cancelled.set()
        job.wait(timeout_ms)
