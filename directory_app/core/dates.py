"""Days: read from what registration lists write, and shown as people read them.

Reading (`read_day`, `numeric_day`, `full_year`, `month_number`): the region writes the day first, "14.05.2025",
"14. 5. 2025.", "14/05/25", "14-05-25", "14 мая 2025", "14. maj 2025"; an American Excel's "05/14/2025" is read
month first only where the day first is no day (its second number is over 12). The importer's readers of a cell
(`normalise.date_of`) and of a title line (`sources._dates`) both use these, so that they agree.

Showing (`format_day`, `format_moment`): in the system's language ("14 May 2025", "14. Mai 2025", "14 мая
2025 г."), in English where the system names none babel knows. Files that programs read keep ISO dates.
"""

from __future__ import annotations

import contextlib
import locale as _locale
import os
import re
import sys
import warnings
from datetime import UTC, date, datetime, time
from functools import cache, lru_cache

from babel import UnknownLocaleError

from directory_app.core import cached_index
from directory_app.core.folding import fold
from directory_app.core.languages import NAME_LOCALES

# ------------------------------------------------------------------------------------------------ reading

MONTH_LOCALES = (*NAME_LOCALES, "it", "es", "pl", "cs", "sk", "sl", "hu")


def _build_month_index() -> dict[str, str]:
    from babel import Locale

    found: dict[str, set[int]] = {}
    for name in MONTH_LOCALES:
        months = Locale.parse(name).months
        for context in ("format", "stand-alone"):  # "marta" (of March) and "mart"
            for width in ("wide", "abbreviated"):
                for number, text in dict(months[context][width]).items():
                    found.setdefault(fold(text).strip(". "), set()).add(number)
    # A spelling of two months is left out: Croatian "listopad" is October, Ukrainian "листопад" November.
    return {key: str(numbers.pop()) for key, numbers in found.items() if len(numbers) == 1 and key}


@cache
def _month_index() -> dict[str, str]:
    """Folded month name, in any of MONTH_LOCALES and their scripts -> month number (CLDR, through babel)."""
    return cached_index.load_index("month-names", [1, MONTH_LOCALES], _build_month_index)


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation in the region's languages ("мая", "maj", "Mayıs", "Sept."), else
    None."""
    number = _month_index().get(fold(word).strip(". "))
    return int(number) if number else None


def full_year(digits: str) -> int:
    """The year `digits` write: "2025" is 2025, and a two-digit "25" is 2025 too. A list of participants, a
    consent or a check of someone's details is recent (the directory's oldest events are from the 2010s): "14.05.99"
    is no 1999 one would import, and reading two digits as the 2000s is what the people who write them mean."""
    year = int(digits)
    return 2000 + year if len(digits) <= 2 else year


def numeric_day(first: int, second: int, year: int, *, month_first: bool = False) -> date | None:
    """The day "first.second.year" writes: day first, as the region writes it; month first when `month_first`
    (the list says so: a 12-hour clock, other dates of the list), or when day first is no day and month first
    is one, which only a second number over 12 makes sure ("05/14/2025" is 14 May). None for no day at all
    ("31.02.25", "13.13.2025")."""
    orders = [(second, first)] if month_first else [(first, second)]
    if (second if not month_first else first) > 12:  # the other order, where the first read is no month at all
        orders.append((first, second) if month_first else (second, first))
    for day, month in orders:
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


# A time of day after a date: "10:30", "T12:00:00.5+02:00", ", 9:58:12 AM" (a 12-hour clock: `ampm`)
_CLOCK = (
    r"(?:[\sT,]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm])\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|h))?)?"
)
_YEAR_WORD = r"(?:\s*(?:г|год|godine|god|године|yılı|viti)\.?)?"  # "14 мая 2025 г.", "14. maja 2025. godine"
# "2025-05-14", "2025.05.14.", "2025/5/14": the year first is never in doubt
_YMD = re.compile(rf"(?P<y>\d{{4}})\s*([./-])\s*(?P<m>\d{{1,2}})\s*\2\s*(?P<d>\d{{1,2}})\.?{_CLOCK}", re.IGNORECASE)
# "14.05.2025", "14. 5. 2025.", "14/05/25", "14-05-25", "14.05.25 10:30": the same mark between the numbers
_DMY = re.compile(
    rf"(?P<a>\d{{1,2}})\s*([./-])\s*(?P<b>\d{{1,2}})\s*\2\s*(?P<y>\d{{4}}|\d{{2}})\.?{_YEAR_WORD}{_CLOCK}",
    re.IGNORECASE,
)
# "14 мая 2025", "14. maj 2025.", "14-May-25" (Excel's d-mmm-yy), "14th May 2025"
_D_MONTH_Y = re.compile(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?[\s-]*(?P<month>[^\W\d_]+)\.?[\s,-]*(?P<y>\d{{4}}|\d{{2}})\.?"
    rf"{_YEAR_WORD}{_CLOCK}",
    re.IGNORECASE,
)
# "May 14, 2025", "May 14th 2025"
_MONTH_D_Y = re.compile(
    rf"(?P<month>[^\W\d_]+)\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_CLOCK}", re.IGNORECASE
)


def read_day(text: str) -> date | None:
    """The day `text` writes, whole (a time of day after it is left out), or None when it writes none: see the
    module's docstring for the forms. An impossible day ("31.02.25") is None, never an error."""
    text = text.strip()
    if not text or len(text) > 60 or not any(c.isdigit() for c in text):
        return None
    try:
        if m := _YMD.fullmatch(text):
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        if m := _DMY.fullmatch(text):
            # "6/3/25, 9:58 AM": a 12-hour clock is American, and so is the order of its slashed date
            us = bool(m["ampm"]) and m[2] == "/"
            return numeric_day(int(m["a"]), int(m["b"]), full_year(m["y"]), month_first=us)
        if (m := _D_MONTH_Y.fullmatch(text)) and (month := month_number(m["month"])):
            return date(full_year(m["y"]), month, int(m["d"]))
        if (m := _MONTH_D_Y.fullmatch(text)) and (month := month_number(m["month"])):
            return date(int(m["y"]), month, int(m["d"]))
    except ValueError:  # "31 February 2025", "2025-02-30"
        return None
    return None


def looks_like_day(text: str) -> bool:
    """Whether `text` has the shape of a day that `read_day` refused: numbers as a date writes them but no day of
    the calendar ("31.02.25", "2025-13-01"); for saying so rather than "not a date"."""
    text = text.strip()
    return read_day(text) is None and bool(_YMD.fullmatch(text) or _DMY.fullmatch(text) or (
        (m := _D_MONTH_Y.fullmatch(text)) and month_number(m["month"])))  # fmt: skip


# ------------------------------------------------------------------------------------------------ showing

_FALLBACK = "en_GB"  # English, the day before the month as the region reads it: "14 May 2025"


@cache
def display_locale() -> str:
    """The system's locale for dates, as babel names it ("de_DE", "sr_Latn_RS"), else English. LC_ALL, LC_TIME,
    LANG first (Linux, macOS from a terminal), then the system's own (Windows)."""
    from babel import Locale

    names = [os.environ.get(var, "") for var in ("LC_ALL", "LC_TIME", "LANG")]
    if sys.platform == "win32":  # the user's locale from Windows ("sr_Latn_RS"); elsewhere it maps "C" to en_US
        with warnings.catch_warnings(), contextlib.suppress(ValueError, TypeError, AttributeError):
            warnings.simplefilter("ignore", DeprecationWarning)
            names.append(_locale.getdefaultlocale()[0] or "")
    for raw in names:
        name, _, modifier = raw.partition("@")  # "sr_RS.UTF-8@latin"
        name = name.split(".")[0]
        if not name or name in ("C", "POSIX"):
            continue
        if modifier.startswith("latin") and name.startswith("sr_"):  # "sr_RS@latin": Serbian in Latin letters
            name = "sr_Latn_" + name[3:]
        with contextlib.suppress(UnknownLocaleError, ValueError, TypeError):
            return str(Locale.parse(name.replace("-", "_")))
    return _FALLBACK


def format_day(day: date | datetime | None, locale: str | None = None) -> str:
    """A day as a person reads it, in `locale` (default: the system's, `display_locale`): "14 May 2025",
    "14. Mai 2025", "May 14, 2025"; "" for None. The month by its name, so that 05/06 is never in doubt."""
    if day is None:
        return ""
    return _day_text(day.date() if isinstance(day, datetime) else day, locale or display_locale())


def format_days(first: date | None, last: date | None = None, locale: str | None = None) -> str:
    """An event's days: "12–14 May 2025", "30 Apr – 2 May 2025"; one day as `format_day`; "" when neither."""
    if first is None or last is None or last <= first:
        return format_day(first or last, locale)
    return _interval_text(first, last, locale or display_locale())


def format_moment(moment: datetime | None, locale: str | None = None, *, utc: bool = True) -> str:
    """A moment as a person reads it, to the minute, in local time: "14 May 2025, 14:00", "May 14, 2025, 2:00 PM".
    `utc`: `moment` is a UTC time as the directory stores it (naive); else it is local time already."""
    if moment is None:
        return ""
    if utc:
        moment = moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    name = locale or display_locale()
    pattern, clock = _moment_parts(moment.hour, moment.minute, name)
    return pattern.replace("\0date\0", _day_text(moment.date(), name)).replace("\0time\0", clock)


# Cached by day and by minute of the day: a review list or an audit log formats thousands (babel takes 6-20 µs).


@lru_cache(maxsize=4096)
def _day_text(day: date, locale: str) -> str:
    from babel.dates import format_date

    try:
        return format_date(day, "long", locale=locale)
    except (UnknownLocaleError, ValueError, LookupError):  # a locale babel does not know
        return format_date(day, "long", locale=_FALLBACK)


@lru_cache(maxsize=1024)
def _interval_text(first: date, last: date, locale: str) -> str:
    from babel.dates import format_interval

    try:
        return format_interval(first, last, "yMMMd", locale=locale)
    except (UnknownLocaleError, ValueError, LookupError):
        return format_interval(first, last, "yMMMd", locale=_FALLBACK)


@lru_cache(maxsize=2048)
def _moment_parts(hour: int, minute: int, locale: str) -> tuple[str, str]:
    """(the locale's pattern of a day and a time, with \\0date\\0 and \\0time\\0 in it; the time of day)."""
    from babel import Locale
    from babel.dates import format_time

    try:
        pattern, clock = (
            Locale.parse(locale).datetime_formats["medium"],
            format_time(time(hour, minute), "short", locale=locale),
        )
    except (UnknownLocaleError, ValueError, LookupError):
        return _moment_parts(hour, minute, _FALLBACK)
    pattern = str(getattr(pattern, "pattern", pattern))  # "{1}, {0}", "{1} 'à' {0}"
    return pattern.replace("{1}", "\0date\0").replace("{0}", "\0time\0").replace("'", ""), clock
