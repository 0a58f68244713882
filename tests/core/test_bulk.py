"""The cyclic collector is paused during bulk work and restored after, also when blocks nest or fail."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from directory_app.core.bulk import collector_paused


def test_collector_paused_and_restored() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still running
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("bad row")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_leaves_the_collector_running(tmp_path: Path) -> None:
    from directory_app.core.importing import import_files
    from directory_app.core.store import open_directory
    from tests.core.import_helpers import write_xlsx

    path = write_xlsx(tmp_path / "l.xlsx", {"P": [["Surname", "Name", "E-mail"], ["Marić", "Ana", "a@example.org"]]})
    with open_directory(tmp_path / "d.db") as d:
        assert import_files(d, [path]).created == 1
    assert gc.isenabled()
