"""AMAZON.DATE slot values → the period of the user's local calendar days a history question means.

Every form Alexa sends (alexa-notes.md §3.2): a day `2026-11-24`, `PRESENT_REF`, an ISO week
`2026-W47`, a weekend `2026-W47-WE`, a month `2026-11`, a season `2026-WI|SP|SU|FA`, a quarter
`2026-Q4`, a year `2026`, a decade `202X`, and the partial `XX` forms (`2026-11-XX`, `XXXX-03-21`,
`2026-XX-XX`, `XXXX-W47`, ...).

Conventions (all questions here are about the past):
- Alexa resolves ambiguous dates into the future ("Monday" → next Monday, "March third" → next
  March 3). A period that starts after today is moved back to the most recent past one: a day up to
  a week ahead by 7 days (a weekday name is by far the likeliest way to get one: "December first"
  said five days before is read as "last Tuesday"), any later day by a year; weeks and weekends by
  7 days; months, seasons, quarters and years by a year; decades by ten. A period that ends after
  today ends today.
- Seasons are the northern hemisphere's meteorological ones. `YYYY-WI` is the winter that STARTS in
  December of YYYY (Dec YYYY – Feb YYYY+1): asked in November 2026, "this winter" (2026-WI) is still
  ahead and so becomes last winter (Dec 2025 – Feb 2026) and "last winter" (2025-WI) is that same
  winter; asked in January 2027, either value lands on the winter in progress.
- A missing or unreadable value is not an error: the intent's default period is used instead and
  `Period.defaulted` says so.

Sleep nights are a separate rule (`sleep_nights`): Withings dates a night by the morning it ended,
Alexa sends yesterday's date for "last night".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from skill.withings.dates import local_range_bounds, local_today

# Granularities.
DAY: Final = "day"
WEEK: Final = "week"
WEEKEND: Final = "weekend"
MONTH: Final = "month"
SEASON: Final = "season"
QUARTER: Final = "quarter"
YEAR: Final = "year"
DECADE: Final = "decade"
RANGE: Final = "range"  # a rolling window ("the last 7 days"), only ever a default

# Defaults an intent can ask for when the slot is missing or garbage.
DEFAULT_TODAY: Final = "today"
DEFAULT_YESTERDAY: Final = "yesterday"
DEFAULT_LAST_7_DAYS: Final = "last_7_days"
DEFAULT_LAST_30_DAYS: Final = "last_30_days"
DEFAULT_LATEST: Final = "latest"  # no period at all: the newest value there is

# Label keys (speech renders them per locale, with the period's dates).
LABELS: Final = (
    "today",
    "yesterday",
    "weekday",  # a day in the last week: "on Monday"
    "date",  # any other day: "on March 3"
    "this_week",
    "last_week",
    "week",
    "this_weekend",
    "last_weekend",
    "weekend",
    "this_month",
    "last_month",
    "month",
    "this_season",
    "last_season",
    "season",
    "this_quarter",
    "last_quarter",
    "quarter",
    "this_year",
    "last_year",
    "year",
    "decade",
    "last_n_days",
)

SEASON_MONTHS: Final = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each lasts three

# How a future period is moved back: by days or by years.
_BY_WEEK: Final = "week"
_BY_YEAR: Final = "year"
_BY_DECADE: Final = "decade"
_BY_DAY_OR_YEAR: Final = "day"

_RE_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$")
_RE_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{1,2}|XX)(-WE)?$")
_RE_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)$")
_RE_SEASON = re.compile(r"^(\d{4})-(WI|SP|SU|FA)$")
_RE_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_DECADE = re.compile(r"^(\d{3})X$")

_MIN_YEAR = 1900  # Withings has nothing older; earlier values are mishearings
_MAX_SHIFTS = 12


@dataclass(frozen=True)
class Period:
    """Inclusive local calendar days start..end; end is never after the user's today."""

    start: date
    end: date
    granularity: str
    label: str
    defaulted: bool = False  # the slot was missing or unreadable: this is the intent's default
    shifted: bool = False  # Alexa resolved it into the future; this is the most recent past one

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """Aware [local midnight of start, local midnight after end) in the IANA zone `tz` (DST-safe)."""
        return local_range_bounds(self.start, self.end, tz)

    def preceding(self) -> Period:
        """The period of the same length just before this one (for "up from the 30 days before")."""
        length = timedelta(days=self.days)
        return Period(self.start - length, self.start - timedelta(days=1), RANGE, "last_n_days")


@dataclass(frozen=True)
class UserClock:
    """The user's time zone (IANA name) and the instant the request is answered in."""

    tz: str
    now: datetime  # aware

    @property
    def today(self) -> date:
        return local_today(self.tz, self.now)


@dataclass(frozen=True)
class _Raw:
    start: date
    end: date
    granularity: str
    shift: str


def resolve(value: str | None, today: date, default: str) -> Period | None:
    """The period an AMAZON.DATE value means for a history question, or the intent's default.

    Returns None only for DEFAULT_LATEST when the slot gave nothing usable.
    """
    raw = _parse(value.strip().upper() if isinstance(value, str) else "", today)
    if raw is not None:
        period = _to_past(raw, today)
        if period is not None:
            return period
    return default_period(default, today)


def resolve_required(value: str | None, today: date, default: str) -> Period:
    """resolve() for intents whose default is a real period (not DEFAULT_LATEST)."""
    period = resolve(value, today, default)
    if period is None:
        raise ValueError("DEFAULT_LATEST has no period; use resolve()")
    return period


def default_period(default: str, today: date) -> Period | None:
    if default == DEFAULT_TODAY:
        return Period(today, today, DAY, "today", defaulted=True)
    if default == DEFAULT_YESTERDAY:
        day = today - timedelta(days=1)
        return Period(day, day, DAY, "yesterday", defaulted=True)
    if default == DEFAULT_LAST_7_DAYS:
        return Period(today - timedelta(days=6), today, RANGE, "last_n_days", defaulted=True)
    if default == DEFAULT_LAST_30_DAYS:
        return Period(today - timedelta(days=29), today, RANGE, "last_n_days", defaulted=True)
    if default == DEFAULT_LATEST:
        return None
    raise ValueError(f"unknown default {default!r}")


def sleep_nights(period: Period, today: date) -> tuple[date, date]:
    """The Withings night dates (the morning each sleep ended) a sleep question over `period` means.

    A single past day D means the night that began on the evening of D and ended on the morning of
    D+1: Alexa sends yesterday's date for "last night", and "Monday" / "Monday night" both mean the
    night from Monday into Tuesday. Today itself ("how did I sleep today", "this morning") means the
    night that ended this morning, since tonight has not happened. Several days mean the nights that
    ended on those mornings ("last week": every morning of last week).
    """
    if period.single_day:
        if period.start >= today:
            return today, today
        night = period.start + timedelta(days=1)
        return night, night
    return period.start, min(period.end, today)


# -- parsing -------------------------------------------------------------------------------------


def _parse(value: str, today: date) -> _Raw | None:
    if not value:
        return None
    if value == "PRESENT_REF":
        return _Raw(today, today, DAY, _BY_DAY_OR_YEAR)
    try:
        return (
            _parse_day(value, today)
            or _parse_week(value, today)
            or _parse_month(value, today)
            or _parse_simple(value)
        )
    except ValueError:  # an impossible date such as 2026-02-30 or week 54: garbage, use the default
        return None


def _year(text: str) -> int:
    year = int(text)
    if year < _MIN_YEAR or year > 9998:
        raise ValueError("year out of range")
    return year


def _parse_day(value: str, today: date) -> _Raw | None:
    m = _RE_DAY.match(value)
    if not m:
        return None
    y, mo, d = m.groups()
    if y != "XXXX":
        if mo == "XX":  # 2026-XX-XX, 2026-XX-05: that year
            if d != "XX" and not 1 <= int(d) <= 31:
                raise ValueError("day out of range")
            return _Raw(date(_year(y), 1, 1), date(_year(y), 12, 31), YEAR, _BY_YEAR)
        if d == "XX":  # 2026-11-XX: that month
            return _month(_year(y), int(mo))
        day = date(_year(y), int(mo), int(d))
        return _Raw(day, day, DAY, _BY_DAY_OR_YEAR)
    return _parse_yearless_day(mo, d, today)


def _parse_yearless_day(mo: str, d: str, today: date) -> _Raw | None:
    if mo != "XX" and d != "XX":  # XXXX-03-21: this year's, moved back a year if still ahead
        day = _date_clamped(today.year, int(mo), int(d))
        return _Raw(day, day, DAY, _BY_YEAR)
    if mo != "XX":  # XXXX-11-XX: that month, this year or last
        return _month(today.year, int(mo))
    if d == "XX":
        return None  # XXXX-XX-XX says nothing
    # XXXX-XX-21: the most recent 21st
    candidate = _date_clamped(today.year, today.month, int(d))
    if candidate > today:
        prev = today.replace(day=1) - timedelta(days=1)
        candidate = _date_clamped(prev.year, prev.month, int(d))
    return _Raw(candidate, candidate, DAY, _BY_YEAR)


def _parse_week(value: str, today: date) -> _Raw | None:
    m = _RE_WEEK.match(value)
    if not m:
        return None
    y, w, weekend = m.groups()
    if w == "XX":
        if y != "XXXX":
            year = _year(y)
            return _Raw(date(year, 1, 1), date(year, 12, 31), YEAR, _BY_YEAR)
        iso_year, week = today.isocalendar()[:2]  # XXXX-WXX: the current week (or its weekend)
    else:
        iso_year = today.isocalendar()[0] if y == "XXXX" else _year(y)
        week = int(w)
    # A week number without a year recurs yearly; anything else was "this/next week (end)".
    shift = _BY_WEEK if y != "XXXX" or w == "XX" else _BY_YEAR
    if weekend:
        saturday = date.fromisocalendar(iso_year, week, 6)
        return _Raw(saturday, saturday + timedelta(days=1), WEEKEND, shift)
    monday = date.fromisocalendar(iso_year, week, 1)
    return _Raw(monday, monday + timedelta(days=6), WEEK, shift)


def _parse_month(value: str, today: date) -> _Raw | None:
    m = _RE_MONTH.match(value)
    if not m:
        return None
    y, mo = m.groups()
    if mo == "XX":
        if y == "XXXX":
            return None
        year = _year(y)
        return _Raw(date(year, 1, 1), date(year, 12, 31), YEAR, _BY_YEAR)
    return _month(today.year if y == "XXXX" else _year(y), int(mo))


def _parse_simple(value: str) -> _Raw | None:
    if m := _RE_SEASON.match(value):
        year, code = _year(m.group(1)), m.group(2)
        first = date(year, SEASON_MONTHS[code], 1)
        return _Raw(first, _add_months(first, 3) - timedelta(days=1), SEASON, _BY_YEAR)
    if m := _RE_QUARTER.match(value):
        year, q = _year(m.group(1)), int(m.group(2))
        first = date(year, 3 * q - 2, 1)
        return _Raw(first, _add_months(first, 3) - timedelta(days=1), QUARTER, _BY_YEAR)
    if m := _RE_YEAR.match(value):
        year = _year(m.group(1))
        return _Raw(date(year, 1, 1), date(year, 12, 31), YEAR, _BY_YEAR)
    if m := _RE_DECADE.match(value):
        first_year = int(m.group(1)) * 10
        _year(str(first_year).zfill(4))
        return _Raw(date(first_year, 1, 1), date(first_year + 9, 12, 31), DECADE, _BY_DECADE)
    return None


def _month(year: int, month: int) -> _Raw:
    first = date(year, month, 1)  # ValueError for month 13
    return _Raw(first, first.replace(day=calendar.monthrange(year, month)[1]), MONTH, _BY_YEAR)


def _date_clamped(year: int, month: int, day: int) -> date:
    """The date, with a day past the month's end moved to its last day (Feb 29 in a common year)."""
    if not 1 <= day <= 31:
        raise ValueError("day out of range")
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _minus_years(raw: _Raw, years: int) -> _Raw:
    if raw.granularity == DAY:
        day = _date_clamped(raw.start.year - years, raw.start.month, raw.start.day)
        return _Raw(day, day, DAY, raw.shift)
    if raw.granularity in (WEEK, WEEKEND):  # the same ISO week number a year earlier
        iso_year, week = raw.start.isocalendar()[:2]
        target_year = iso_year - years
        week = min(week, date(target_year, 12, 28).isocalendar()[1])  # week 53 may not exist
        if raw.granularity == WEEKEND:
            saturday = date.fromisocalendar(target_year, week, 6)
            return _Raw(saturday, saturday + timedelta(days=1), WEEKEND, raw.shift)
        monday = date.fromisocalendar(target_year, week, 1)
        return _Raw(monday, monday + timedelta(days=6), WEEK, raw.shift)
    start = raw.start.replace(year=raw.start.year - years)  # 1st of a month: always valid
    end_month_year = raw.end.year - years
    end = raw.end.replace(year=end_month_year, day=calendar.monthrange(end_month_year, raw.end.month)[1])
    return _Raw(start, end, raw.granularity, raw.shift)


def _shift_back(raw: _Raw, today: date) -> _Raw:
    if raw.shift == _BY_WEEK:
        return _Raw(raw.start - timedelta(days=7), raw.end - timedelta(days=7), raw.granularity, raw.shift)
    if raw.shift == _BY_DAY_OR_YEAR:
        if raw.start - today <= timedelta(days=7):
            return _Raw(raw.start - timedelta(days=7), raw.end - timedelta(days=7), DAY, raw.shift)
        return _minus_years(raw, 1)
    if raw.shift == _BY_DECADE:
        return _minus_years(raw, 10)
    return _minus_years(raw, 1)


def _to_past(raw: _Raw, today: date) -> Period | None:
    shifted = False
    for _ in range(_MAX_SHIFTS):
        if raw.start <= today:
            break
        raw = _shift_back(raw, today)
        shifted = True
    else:
        return None  # far in the future: nothing sensible, use the default
    if raw.start.year < _MIN_YEAR:
        return None
    end = min(raw.end, today)
    return Period(raw.start, end, raw.granularity, _label(raw, today), shifted=shifted)


def _label(raw: _Raw, today: date) -> str:
    labeller = _LABELLERS.get(raw.granularity)
    return labeller(raw, today) if labeller else "decade"


def _day_label(raw: _Raw, today: date) -> str:
    age = (today - raw.start).days
    return {0: "today", 1: "yesterday"}.get(age, "weekday" if age < 7 else "date")


def _week_label(raw: _Raw, today: date) -> str:
    this_monday = today - timedelta(days=today.weekday())
    if raw.start == this_monday:
        return "this_week"
    return "last_week" if raw.start == this_monday - timedelta(days=7) else "week"


def _weekend_label(raw: _Raw, today: date) -> str:
    if raw.start <= today <= raw.end:
        return "this_weekend"
    # The most recent weekend already over starts 2 (on a Monday) to 8 (on a Sunday) days back.
    return "last_weekend" if 2 <= (today - raw.start).days <= 8 else "weekend"


def _month_label(raw: _Raw, today: date) -> str:
    if (raw.start.year, raw.start.month) == (today.year, today.month):
        return "this_month"
    prev = today.replace(day=1) - timedelta(days=1)
    return "last_month" if (raw.start.year, raw.start.month) == (prev.year, prev.month) else "month"


def _season_label(raw: _Raw, today: date) -> str:
    if raw.start <= today <= raw.end:
        return "this_season"
    # "last winter" is the most recent winter already over: the next one has not started yet.
    return "last_season" if _add_months(raw.start, 12) > today else "season"


def _quarter_label(raw: _Raw, today: date) -> str:
    if raw.start <= today <= raw.end:
        return "this_quarter"
    following = _add_months(raw.start, 3)
    return "last_quarter" if following <= today < _add_months(following, 3) else "quarter"


def _year_label(raw: _Raw, today: date) -> str:
    return {today.year: "this_year", today.year - 1: "last_year"}.get(raw.start.year, "year")


_LABELLERS: Final[dict[str, Callable[[_Raw, date], str]]] = {
    DAY: _day_label,
    WEEK: _week_label,
    WEEKEND: _weekend_label,
    MONTH: _month_label,
    SEASON: _season_label,
    QUARTER: _quarter_label,
    YEAR: _year_label,
}
