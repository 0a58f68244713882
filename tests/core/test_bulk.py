"""The cyclic collector is paused during bulk work and restored after, also when blocks nest or fail."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from directory_app.core.bulk import collector_paused, drop_gradually


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


def test_an_export_pauses_the_collector_and_leaves_it_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 records read and written with the collector running froze the window; after the export the collector
    is back as it was."""
    from directory_app.core import exporting
    from directory_app.core.contacts import add_contact
    from directory_app.core.records import ContactInput
    from directory_app.core.store import open_directory

    seen: list[bool] = []
    original = exporting.load_for_export

    def loading(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())  # the state while the records are read
        return original(*args, **kwargs)  # type: ignore[arg-type]

    with open_directory(tmp_path / "d.db") as d:
        ids = [add_contact(d, ContactInput(given_name="Ana", family_name=f"Marić {i}")).id for i in range(3)]
        monkeypatch.setattr(exporting, "load_for_export", loading)
        assert exporting.export_contacts(d, ids, tmp_path / "a.vcf", "vcard").count == 3
    assert seen == [False]
    assert gc.isenabled()


def test_drop_gradually_empties_the_list() -> None:
    items = [[i] for i in range(2_500)]
    drop_gradually(items, chunk=1_000)
    assert items == []
