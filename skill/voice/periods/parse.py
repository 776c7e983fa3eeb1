"""AMAZON.DATE slot values → the raw calendar span they name, before any "it's in the past" rule.

Every form Alexa sends (alexa-notes.md §3.2): a day `2026-11-24`, `PRESENT_REF`, an ISO week
`2026-W47`, a weekend `2026-W47-WE`, a month `2026-11`, a season `2026-WI|SP|SU|FA`, a quarter
`2026-Q4`, a year `2026`, a decade `202X`, and the partial `XX` forms (`2026-11-XX`, `XXXX-03-21`,
`2026-XX-XX`, `XXXX-W47`, ...). Each span also says how it recurs, which is how resolve.py moves one
that lies ahead back into the past.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from skill.voice.vocabulary import Granularity, Season

_RE_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$")
_RE_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{1,2}|XX)(-WE)?$")
_RE_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)$")
_RE_SEASON = re.compile(r"^(\d{4})-(WI|SP|SU|FA)$")
_RE_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_DECADE = re.compile(r"^(\d{3})X$")

MIN_YEAR = 1900  # Withings has nothing older; earlier values are mishearings
_MAX_YEAR = 9998


class Shift(Enum):
    """How a span that lies ahead is moved back."""

    BY_WEEK = "week"
    BY_YEAR = "year"
    BY_DECADE = "decade"
    BY_DAY_OR_YEAR = "day"  # a week back if at most a week ahead, else a year


class RawPeriod(NamedTuple):
    start: date
    end: date
    granularity: Granularity
    shift: Shift


def parse(value: str, today: date) -> RawPeriod | None:
    """The span an upper-cased AMAZON.DATE value names, or None for nothing usable."""
    if not value:
        return None
    if value == "PRESENT_REF":
        return RawPeriod(today, today, Granularity.DAY, Shift.BY_DAY_OR_YEAR)
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
    if year < MIN_YEAR or year > _MAX_YEAR:
        raise ValueError("year out of range")
    return year


def _whole_year(year: int) -> RawPeriod:
    return RawPeriod(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, Shift.BY_YEAR)


def _parse_day(value: str, today: date) -> RawPeriod | None:
    m = _RE_DAY.match(value)
    if not m:
        return None
    y, mo, d = m.groups()
    if y != "XXXX":
        if mo == "XX":  # 2026-XX-XX, 2026-XX-05: that year
            if d != "XX" and not 1 <= int(d) <= 31:
                raise ValueError("day out of range")
            return _whole_year(_year(y))
        if d == "XX":  # 2026-11-XX: that month
            return month_span(_year(y), int(mo))
        day = date(_year(y), int(mo), int(d))
        return RawPeriod(day, day, Granularity.DAY, Shift.BY_DAY_OR_YEAR)
    return _parse_yearless_day(mo, d, today)


def _parse_yearless_day(mo: str, d: str, today: date) -> RawPeriod | None:
    if mo != "XX" and d != "XX":  # XXXX-03-21: this year's, moved back a year if still ahead
        day = date_clamped(today.year, int(mo), int(d))
        return RawPeriod(day, day, Granularity.DAY, Shift.BY_YEAR)
    if mo != "XX":  # XXXX-11-XX: that month, this year or last
        return month_span(today.year, int(mo))
    if d == "XX":
        return None  # XXXX-XX-XX says nothing
    # XXXX-XX-21: the most recent 21st
    candidate = date_clamped(today.year, today.month, int(d))
    if candidate > today:
        prev = today.replace(day=1) - timedelta(days=1)
        candidate = date_clamped(prev.year, prev.month, int(d))
    return RawPeriod(candidate, candidate, Granularity.DAY, Shift.BY_YEAR)


def _parse_week(value: str, today: date) -> RawPeriod | None:
    m = _RE_WEEK.match(value)
    if not m:
        return None
    y, w, weekend = m.groups()
    if w == "XX":
        if y != "XXXX":
            return _whole_year(_year(y))
        iso_year, week = today.isocalendar()[:2]  # XXXX-WXX: the current week (or its weekend)
    else:
        iso_year = today.isocalendar()[0] if y == "XXXX" else _year(y)
        week = int(w)
    # A week number without a year recurs yearly; anything else was "this/next week (end)".
    shift = Shift.BY_WEEK if y != "XXXX" or w == "XX" else Shift.BY_YEAR
    return iso_week_span(iso_year, week, weekend=bool(weekend), shift=shift)


def iso_week_span(iso_year: int, week: int, *, weekend: bool, shift: Shift) -> RawPeriod:
    """Monday to Sunday of an ISO week, or its Saturday and Sunday."""
    if weekend:
        saturday = date.fromisocalendar(iso_year, week, 6)
        return RawPeriod(saturday, saturday + timedelta(days=1), Granularity.WEEKEND, shift)
    monday = date.fromisocalendar(iso_year, week, 1)
    return RawPeriod(monday, monday + timedelta(days=6), Granularity.WEEK, shift)


def _parse_month(value: str, today: date) -> RawPeriod | None:
    m = _RE_MONTH.match(value)
    if not m:
        return None
    y, mo = m.groups()
    if mo == "XX":
        if y == "XXXX":
            return None
        return _whole_year(_year(y))
    return month_span(today.year if y == "XXXX" else _year(y), int(mo))


def _parse_simple(value: str) -> RawPeriod | None:
    if m := _RE_SEASON.match(value):
        year, season = _year(m.group(1)), Season(m.group(2))
        first = date(year, season.first_month, 1)
        return RawPeriod(first, add_months(first, 3) - timedelta(days=1), Granularity.SEASON, Shift.BY_YEAR)
    if m := _RE_QUARTER.match(value):
        year, q = _year(m.group(1)), int(m.group(2))
        first = date(year, 3 * q - 2, 1)
        return RawPeriod(first, add_months(first, 3) - timedelta(days=1), Granularity.QUARTER, Shift.BY_YEAR)
    if m := _RE_YEAR.match(value):
        return _whole_year(_year(m.group(1)))
    if m := _RE_DECADE.match(value):
        first_year = int(m.group(1)) * 10
        _year(str(first_year).zfill(4))
        return RawPeriod(
            date(first_year, 1, 1), date(first_year + 9, 12, 31), Granularity.DECADE, Shift.BY_DECADE
        )
    return None


def month_span(year: int, month: int) -> RawPeriod:
    first = date(year, month, 1)  # ValueError for month 13
    last = first.replace(day=calendar.monthrange(year, month)[1])
    return RawPeriod(first, last, Granularity.MONTH, Shift.BY_YEAR)


def date_clamped(year: int, month: int, day: int) -> date:
    """The date, with a day past the month's end moved to its last day (Feb 29 in a common year)."""
    if not 1 <= day <= 31:
        raise ValueError("day out of range")
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
