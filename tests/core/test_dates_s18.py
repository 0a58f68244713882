"""Dates read from registration lists (day first, two-digit years, month names) and shown as people read them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory_app.core import dates
from directory_app.core.dates import format_day, format_days, format_moment, read_day
from directory_app.core.importing import import_files, plan_file, propose_event
from directory_app.core.importing.normalise import date_of
from directory_app.core.importing.sources import _dates
from directory_app.core.search import SearchQuery, search
from tests.core.import_helpers import write_csv, write_xlsx

MAY_14 = date(2025, 5, 14)


@pytest.mark.parametrize(
    "text",
    [
        "14.05.25", "14.5.25", "14/05/25", "14-05-25", "14.05.25.", "14. 5. 25.", "14.05.2025", "14-05-2025",
        "14.05.25 10:30", "2025-05-14", "2025.05.14.", "05/14/2025", "05/14/25", "14 мая 2025", "14 мая 2025 г.",
        "14. maj 2025", "14. maja 2025.", "14 mai 2025", "14 Mayıs 2025", "14 May 2025", "14-May-25", "May 14, 2025",
        "14 травня 2025", "14 Μαΐου 2025",
    ],
)  # fmt: skip
def test_a_day_written_as_the_region_writes_it(text: str) -> None:
    """Two-digit years ("14.05.25") were not read at all, nor month names in a Date column; "05/14/2025" is
    14 May, the only day it can be."""
    assert date_of(text) == MAY_14
    assert read_day(text) == MAY_14


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05.06.25", date(2025, 6, 5)),  # both numbers could be the month: day first, as the region writes it
        ("05/06/2025", date(2025, 6, 5)),
        ("6/3/25, 9:58 AM", date(2025, 6, 3)),  # a 12-hour clock: an American's month first
        ("01.01.00", date(2000, 1, 1)),
        ("31.12.99", date(2099, 12, 31)),  # two digits are this century's, whatever they are
    ],
)
def test_which_number_is_the_day(text: str, day: date) -> None:
    assert date_of(text) == day


@pytest.mark.parametrize(
    "text", ["31.02.25", "29.02.2025", "32.01.25", "13.13.2025", "00.05.25", "2025-02-30", "31 February 2025"]
)
def test_no_day_of_the_calendar_is_refused(text: str) -> None:
    assert date_of(text) is None
    assert dates.looks_like_day(text)


@pytest.mark.parametrize("text", ["", "soon", "May", "2025", "14.05", "1.2.3", "12345", "14 Foo 2025", "x" * 500])
def test_not_a_date(text: str) -> None:
    assert date_of(text) is None
    assert not dates.looks_like_day(text)


def test_a_registration_list_with_two_digit_years(directory, tmp_path) -> None:
    """The list's consent and verification dates, written "14.05.25", were kept in the notes as not dates; an
    impossible one is said to be one, with the file, sheet and row as for any other doubt."""
    path = write_xlsx(
        tmp_path / "Ohrid registrations.xlsx",
        {
            "Ohrid": [
                ["Regional workshop on trafficking in human beings - Ohrid"],
                ["Date:", "14.05.25"],
                [],
                ["Surname", "Name", "Country", "E-mail", "Consent date", "Last verified"],
                ["Hadžić", "Amra", "BA", "amra@example.ba", "14.5.25", "14/05/25"],
                ["Kovač", "Ivan", "HR", "ivan@example.hr", "14-05-25", "14 мая 2025"],
                ["Popa", "Ion", "MD", "ion@example.md", "31.02.25", "05/14/25"],
            ]
        },
    )
    plan = plan_file(path)
    event = propose_event([plan])
    assert (event.start_date, event.end_date, event.doubt) == (MAY_14, MAY_14, "")
    report = import_files(directory, [path])
    by_name = {r.given_name: r for r in search(directory, SearchQuery(), limit=None)}
    assert [(by_name[n].consent_date, by_name[n].last_verified) for n in ("Amra", "Ivan")] == [(MAY_14, MAY_14)] * 2
    assert (by_name["Ion"].consent_date, by_name["Ion"].last_verified) == (None, MAY_14)
    assert "Consent date: 31.02.25" in by_name["Ion"].notes  # nothing is lost
    ion = next(o for o in report.outcomes if o.name.startswith("Ion"))
    assert (ion.file, ion.sheet, ion.row) == ("Ohrid registrations.xlsx", "Ohrid", "7")
    assert ion.reasons == ["Consent date '31.02.25' is no day of the calendar (kept in the notes)"]


@pytest.mark.parametrize(
    ("label", "value", "first", "last"),
    [
        ("Date", "14.05.25", MAY_14, MAY_14),
        ("Dates", "12-14.05.25", date(2025, 5, 12), MAY_14),
        ("Datum", "30.05. - 01.06.25", date(2025, 5, 30), date(2025, 6, 1)),
        ("Date", "14-05-25", MAY_14, MAY_14),
        ("Date", "05/14/2025", MAY_14, MAY_14),  # the list shows its dates are written month first
        ("Дата", "14 мая 2025", MAY_14, MAY_14),
        ("Tarih", "14 Mayıs 2025", MAY_14, MAY_14),
    ],
)
def test_the_events_dates_beside_their_label(tmp_path, label: str, value: str, first: date, last: date) -> None:
    rows = [
        ["Regional seminar on THB, Tirana"],
        [f"{label}:", value],
        ["Name", "Surname", "E-mail"],
        ["A", "B", "a@b.al"],
    ]
    event = propose_event([plan_file(write_xlsx(tmp_path / "list.xlsx", {"List": rows}))])
    assert (event.start_date, event.end_date) == (first, last)


def test_the_events_date_on_a_cover_sheet_and_in_a_title(tmp_path) -> None:
    cover = [["Regional Workshop on Joint Investigation Teams"], ["Skopje, 14.05.25"]]
    people = [["Name", "Surname", "E-mail"], ["Ana", "Kola", "ana@example.al"]]
    path = write_xlsx(tmp_path / "jit.xlsx", {"Cover": cover, "Participants": people})
    event = propose_event([plan_file(path)])
    assert (event.start_date, event.city) == (MAY_14, "Skopje")
    path = write_csv(tmp_path / "seminar.csv", [["Seminar on THB - Sarajevo, 12.-14.05.25."], *people])
    assert propose_event([plan_file(path)]).start_date == date(2025, 5, 12)


def test_an_impossible_event_date_is_said_with_its_place(tmp_path) -> None:
    rows = [["Regional seminar on THB"], ["Date:", "31.02.25"], ["Name", "Surname", "E-mail"], ["A", "B", "a@b.al"]]
    event = propose_event([plan_file(write_xlsx(tmp_path / "list.xlsx", {"Tirana": rows}))])
    assert event.start_date is None
    assert event.doubt == (
        "'31.02.25' (list.xlsx, sheet Tirana, row 2) is no day of the calendar: give the event's first day"
    )


def test_an_events_sheet_with_two_digit_years(directory, tmp_path) -> None:
    """A directory's export lists its events on a sheet; a colleague's edited copy writes their days "12.05.26"."""
    path = write_xlsx(
        tmp_path / "export.xlsx",
        {
            "Contacts": [
                ["Given name", "Family name", "E-mail", "Events"],
                ["Ana", "Kola", "a@b.al", "Bucharest 2026"],
            ],
            "Events": [
                ["Event", "First day", "Last day", "City"],
                ["Bucharest 2026", "12.05.26", "14.5.26", "Bucharest"],
            ],
        },
    )
    plan = plan_file(path)
    [spec] = [e for events in plan.events.values() for e in events]
    assert (spec.start_date, spec.end_date) == (date(2026, 5, 12), date(2026, 5, 14))


# ------------------------------------------------------------------------------------------------ showing


@pytest.mark.parametrize(
    ("locale", "day", "moment"),
    [
        ("en_GB", "14 May 2025", "14 May 2025, 14:05"),
        ("en_US", "May 14, 2025", "May 14, 2025, 2:05\u202fPM"),
        ("de_DE", "14. Mai 2025", "14. Mai 2025, 14:05"),
        ("ru_RU", "14 мая 2025\u202fг.", "14 мая 2025\u202fг., 14:05"),
        ("sr_Latn_RS", "14. maj 2025.", "14. maj 2025. 14:05"),
        ("tr_TR", "14 Mayıs 2025", "14 Mayıs 2025 14:05"),
        ("xx_YY", "14 May 2025", "14 May 2025, 14:05"),  # a locale babel does not know: English
    ],
)
def test_dates_in_the_systems_language(locale: str, day: str, moment: str) -> None:
    assert format_day(MAY_14, locale) == day
    assert format_moment(datetime(2025, 5, 14, 14, 5), locale, utc=False) == moment


def test_an_events_days() -> None:
    assert format_days(date(2025, 5, 12), MAY_14, "en_GB") == "12\u2009–\u200914 May 2025"
    assert format_days(MAY_14, MAY_14, "en_GB") == format_days(MAY_14, None, "en_GB") == "14 May 2025"
    assert format_days(None, None) == format_day(None) == format_moment(None) == ""


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "C.UTF-8"}, "en_GB"),
        ({"LANG": "de_DE.UTF-8"}, "de_DE"),
        ({"LANG": "C", "LC_TIME": "ru_RU.UTF-8"}, "ru_RU"),
        ({"LANG": "sr_RS.UTF-8@latin"}, "sr_Latn_RS"),
        ({"LC_ALL": "nonsense_XX", "LANG": "fr_FR.UTF-8"}, "fr_FR"),
        ({}, "en_GB"),
    ],
)
def test_the_systems_locale(monkeypatch, variables: dict[str, str], expected: str) -> None:
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    dates.display_locale.cache_clear()
    try:
        assert dates.display_locale() == expected
    finally:
        dates.display_locale.cache_clear()


@given(st.text(alphabet="0123456789./-, :aApPmM мајMay\u0131sг", max_size=30))
def test_any_text_is_a_day_or_none(text: str) -> None:
    """Whatever a cell or a title line holds, a day or nothing: never an error that stops the import."""
    day = date_of(text)
    assert day is None or isinstance(day, date)
    first, last, where = _dates(text)
    assert (first is None) == (last is None) == (where < 0)
