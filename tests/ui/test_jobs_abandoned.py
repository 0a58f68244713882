"""A job abandoned just as its thread ends leaves `tasks.abandoned` once the end reaches the GUI thread. It used to
ask isFinished() and only then connect `finished`: a thread that ended in between stayed in `abandoned` for ever
(the import wizard's tests that wait for it to empty timed out about one run in six on a busy machine)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from directory_app.ui import tasks
from directory_app.ui.tasks import Job


class EndsWhileAbandoned(Job):
    """A job whose thread ends while `abandon()` runs (at its setParent call): the race, made certain."""

    def setParent(self, parent: QObject | None) -> None:
        self.release.set()
        self.wait()
        super().setParent(parent)


def test_a_job_that_ends_while_it_is_abandoned_is_let_go(qtbot) -> None:
    owner = QObject()
    release = threading.Event()
    job = EndsWhileAbandoned(lambda _job: release.wait(10), owner)
    job.release = release
    job.start()
    job.abandon()
    assert job.isFinished()
    qtbot.waitUntil(lambda: not tasks.abandoned, timeout=5_000)


def test_a_job_abandoned_while_it_runs_is_kept_until_it_ends(qtbot) -> None:
    owner = QObject()
    release = threading.Event()
    job = Job(lambda _job: release.wait(10), owner)
    done = []
    job.done.connect(done.append)
    job.start()
    job.abandon()
    assert job in tasks.abandoned and job.parent() is None  # outlives its owner
    del owner
    release.set()
    qtbot.waitUntil(lambda: not tasks.abandoned, timeout=5_000)
    qtbot.wait(50)
    assert done == []  # an abandoned job says nothing


def test_a_job_abandoned_after_its_end_was_handled_is_not_kept(qtbot) -> None:
    owner = QObject()
    job = Job(lambda _job: 1, owner)
    job.start()
    qtbot.waitUntil(lambda: job._ended, timeout=5_000)
    job.abandon()
    assert job not in tasks.abandoned
