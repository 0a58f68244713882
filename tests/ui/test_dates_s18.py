"""Dates in the detail pane and the trust dialogs, as the system writes them; the detail pane at 1024 pixels."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from directory_app.core import dates
from directory_app.core.backup import BackupInfo
from directory_app.core.batches import ImportBatchInfo
from directory_app.core.contacts import add_contact, get_contact
from directory_app.core.events import create_event, set_part
from directory_app.core.privacy import AuditRecord
from directory_app.core.records import ContactInput, ContactRecord, EmailEntry, EventRecord, PhoneEntry
from directory_app.core.store import open_directory
from directory_app.ui.detail import ContactDetail
from directory_app.ui.trust_dialogs import AuditDialog, ImportHistoryDialog, RestoreDialog, review_rows
from tests.ui.conftest import wait_idle

UPDATED_UTC = datetime(2025, 5, 14, 10, 5)  # 12:05 in Belgrade (summer time)


@pytest.fixture
def german_in_belgrade(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A system set to German, in Belgrade's time zone (two hours ahead of UTC in May)."""
    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("TZ", "Europe/Belgrade")
    time.tzset()
    dates.display_locale.cache_clear()
    yield
    monkeypatch.undo()
    time.tzset()
    dates.display_locale.cache_clear()


@pytest.fixture
def record(tmp_path: Path) -> tuple[ContactRecord, list[EventRecord]]:
    with open_directory(tmp_path / "network.db") as directory:
        event = create_event(
            directory, name="Skopje workshop", start_date=date(2025, 5, 12), end_date=date(2025, 5, 14), city="Skopje"
        )
        added = add_contact(
            directory,
            ContactInput(
                given_name="Arben",
                family_name="Ahmeti",
                position="Criminal Investigator",
                organisation="Ministry of Interior – Border Police Directorate",
                country="XK",
                emails=[EmailEntry("arben.ahmeti@borderpolice.xk.example", "work")],
                phones=[PhoneEntry("+38338390402", "", "work")],
                last_verified=date(2025, 5, 14),
            ),
        )
        set_part(directory, [added.id], event.id, "participant")
        found = get_contact(directory, added.id)
        assert found is not None
        return replace(found, updated_at=UPDATED_UTC), [event]


def _pane(qtbot, width: int, height: int = 700) -> ContactDetail:
    pane = ContactDetail()
    qtbot.addWidget(pane)
    pane.resize(width, height)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def _text(pane: ContactDetail, key: str) -> str:
    return pane.findChild(QLabel, f"detail_{key}").text()


def test_the_detail_panes_dates_in_the_systems_language(qtbot, record, german_in_belgrade) -> None:
    """The pane wrote "14 May 2025" whatever the system's language, the time of the last change in UTC as if it
    were local time, and an event's days as its month ("May 2025")."""
    contact, events = record
    pane = _pane(qtbot, 520)
    pane.set_events(events)
    pane.show_record(contact)
    assert _text(pane, "verified") == "14. Mai 2025"
    assert _text(pane, "updated") == "14. Mai 2025, 12:05"
    assert "Participant · 12.–14. Mai 2025" in _text(pane, "events")


def test_the_trust_dialogs_dates_in_the_systems_language(qtbot, record, german_in_belgrade) -> None:
    """The dialogs wrote "2025-05-14 12:05" (and a backup's time to the second) where the pane wrote "14 May 2025"."""
    contact, _events = record
    [row] = review_rows([contact])
    assert row.verified == "14. Mai 2025"
    [row] = review_rows([replace(contact, last_verified=None, created_at=datetime(2024, 3, 5, 9, 0))])
    assert row.verified == "never (added 5. März 2024)"

    history = ImportHistoryDialog()
    qtbot.addWidget(history)
    history.set_batches([ImportBatchInfo(1, UPDATED_UTC, "/x/list.xlsx", "Skopje", True, 3, 0, 0, 0, None)])
    assert history.model.item(0, 0).text() == "14. Mai 2025, 12:05"

    audit = AuditDialog("Audit log", "Everything done")
    qtbot.addWidget(audit)
    audit.set_entries([AuditRecord(1, UPDATED_UTC, "export-csv", "3 contacts", "/x/out.csv", 3)])
    assert audit.model.item(0, 0).text() == "14. Mai 2025, 12:05"

    restore = RestoreDialog(Path("/x/network.db"))
    qtbot.addWidget(restore)
    taken = datetime(2025, 5, 14, 12, 5, 33)  # a backup's name holds the local time it was taken
    restore.set_backups([BackupInfo(Path("/x/b.db"), taken, "daily", 2048)])
    assert restore.model.item(0, 0).text() == "14. Mai 2025, 12:05"


def test_the_empty_pane_says_so_in_its_middle(qtbot) -> None:
    """ "Select a contact to see the details." stood at the top edge of an empty pane, like a heading over nothing."""
    pane = _pane(qtbot, 256, 523)
    pane.show_record(None)
    qtbot.wait(10)
    message = pane.placeholder
    middle = message.mapTo(pane.viewport(), message.rect().center()).y()
    assert abs(middle - pane.viewport().height() / 2) < 20


def test_a_quarter_of_a_1024_pixel_window_puts_the_labels_above_the_values(qtbot, record) -> None:
    """In a pane 256 pixels wide the labels kept a column of their own: the e-mail address broke over three lines
    and the organisation's name over four, in a column a hundred pixels wide."""
    contact, _events = record
    pane = _pane(qtbot, 256, 523)
    pane.show_record(contact)
    qtbot.wait(10)
    organisation = pane.findChild(QLabel, "detail_organisation")
    label = pane._row_labels[organisation]
    assert label.mapTo(pane, label.rect().bottomLeft()).y() <= organisation.mapTo(pane, organisation.pos()).y()
    assert organisation.height() <= 2 * organisation.fontMetrics().lineSpacing() + 4  # two lines, not four
    [link] = [w for w in pane.findChildren(QLabel, "detailLink") if "mailto:" in w.text()]
    assert link.height() <= 2 * link.fontMetrics().lineSpacing() + 4
    assert pane.widget().width() <= pane.viewport().width()  # nothing cut at the right edge

    pane.resize(520, 523)  # room enough: beside each other again
    qtbot.wait(10)
    assert abs(label.mapTo(pane, label.pos()).y() - organisation.mapTo(pane, organisation.pos()).y()) < 4


def test_the_main_window_at_1024_by_600(qtbot, window) -> None:
    """The window as a small laptop shows it: the empty pane's message in its middle; a contact's fields under
    their labels, the whole card within the pane."""
    window.resize(1024, 600)
    qtbot.wait(50)
    wait_idle(qtbot, window)
    pane = window.detail
    window.table.clearSelection()
    qtbot.waitUntil(lambda: pane.record() is None)
    message = pane.placeholder
    assert message.isVisible()
    assert abs(message.mapTo(pane.viewport(), message.rect().center()).y() - pane.viewport().height() / 2) < 20

    window.table.selectRow(0)
    qtbot.waitUntil(lambda: pane.record() is not None, timeout=10_000)
    wait_idle(qtbot, window)
    assert pane._stacked
    assert pane.widget().width() <= pane.viewport().width()
    body = pane.widget()
    shown = [w for w in body.findChildren(QWidget) if w.isVisibleTo(body)]
    assert max(w.mapTo(body, w.rect().topRight()).x() for w in shown) < body.width()
