"""The Events window writes an event's days as the detail pane does: in the system's language, the month by its
name (it wrote "12 May 2025 – 14 May 2025" in English whatever the system's language was)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from directory_app.core import dates
from directory_app.core.records import EventRecord
from directory_app.ui.event_actions import when_text


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    dates.display_locale.cache_clear()
    yield
    monkeypatch.undo()
    dates.display_locale.cache_clear()


def event(start: date | None, end: date | None) -> EventRecord:
    return EventRecord(1, "Regional seminar", start, end, "Ohrid", "MK", "OSCE")


def test_an_event_s_days_in_the_system_s_language(german) -> None:
    assert when_text(event(date(2025, 5, 12), date(2025, 5, 14))) == "12.–14. Mai 2025"
    assert when_text(event(date(2025, 5, 12), date(2025, 5, 12))) == "12. Mai 2025"
    spread = when_text(event(date(2025, 4, 30), date(2025, 5, 2)))
    assert spread.replace("\u2009", " ") == "30. Apr. – 2. Mai 2025"  # babel puts thin spaces around the dash
    assert when_text(event(None, date(2025, 5, 2))) == "until 2. Mai 2025"
    assert when_text(event(None, None)) == ""
