"""AMAZON.DATE slot value → the period of the user's past days a history question means.

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
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Final, NamedTuple

from skill.voice.periods.defaults import default_period
from skill.voice.periods.labels import label
from skill.voice.periods.parse import MIN_YEAR, RawPeriod, Shift, date_clamped, iso_week_span, parse
from skill.voice.periods.period import Period
from skill.voice.vocabulary import Granularity, PeriodDefault

_MAX_SHIFTS = 12
_SHAPE_MAX: Final = 24
# The parts an AMAZON.DATE value is made of, once its digits are masked: kept in the log shape.
_CODE_PART: Final = re.compile(r"X+|WX{1,2}|QX|WE|WI|SP|SU|FA|PRESENT_REF")


class Resolved(NamedTuple):
    period: Period | None  # None only for PeriodDefault.LATEST
    unreadable: bool = False  # a value was sent that names no usable period: the default stands in


def resolve(value: str | None, today: date, default: PeriodDefault) -> Period | None:
    """The period an AMAZON.DATE value means for a history question, or the intent's default.

    Returns None only for PeriodDefault.LATEST when the slot gave nothing usable.
    """
    return resolve_value(value, today, default).period


def resolve_value(value: str | None, today: date, default: PeriodDefault) -> Resolved:
    """resolve(), also saying whether a value was sent that could not be used (the reply says so)."""
    text = value.strip().upper() if isinstance(value, str) else ""
    raw = parse(text, today)
    if raw is not None:
        period = _to_past(raw, today)
        if period is not None:
            return Resolved(period)
    return Resolved(default_period(default, today), unreadable=bool(text))


def value_shape(value: str) -> str:
    """An AMAZON.DATE value's shape for the log ("XXXX-XX-XX", "XXXX-WXX-WE"): digits masked, and any
    dash-separated part that is not a date code said as "?": enough to see which forms Alexa sends
    that the parser misses, never a word a person said."""
    parts = re.sub(r"\d", "X", value.strip().upper()).split("-")
    shape = "-".join(part if _CODE_PART.fullmatch(part) else "?" for part in parts)
    return shape[:_SHAPE_MAX]


def resolve_required(value: str | None, today: date, default: PeriodDefault) -> Period:
    """resolve() for intents whose default is a real period (not PeriodDefault.LATEST)."""
    period = resolve(value, today, default)
    if period is None:
        raise ValueError("PeriodDefault.LATEST has no period; use resolve()")
    return period


def _to_past(raw: RawPeriod, today: date) -> Period | None:
    shifted = False
    for _ in range(_MAX_SHIFTS):
        if raw.start <= today:
            break
        raw = _shift_back(raw, today)
        shifted = True
    else:
        return None  # far in the future: nothing sensible, use the default
    if raw.start.year < MIN_YEAR:
        return None
    end = min(raw.end, today)
    return Period(raw.start, end, raw.granularity, label(raw, today), shifted=shifted)


def _shift_back(raw: RawPeriod, today: date) -> RawPeriod:
    week = timedelta(days=7)
    if raw.shift is Shift.BY_WEEK:
        return raw._replace(start=raw.start - week, end=raw.end - week)
    if raw.shift is Shift.BY_DAY_OR_YEAR:
        if raw.start - today <= week:
            return raw._replace(start=raw.start - week, end=raw.end - week, granularity=Granularity.DAY)
        return _minus_years(raw, 1)
    if raw.shift is Shift.BY_DECADE:
        return _minus_years(raw, 10)
    return _minus_years(raw, 1)


def _minus_years(raw: RawPeriod, years: int) -> RawPeriod:
    if raw.granularity == Granularity.DAY:
        day = date_clamped(raw.start.year - years, raw.start.month, raw.start.day)
        return raw._replace(start=day, end=day)
    if raw.granularity in (Granularity.WEEK, Granularity.WEEKEND):  # the same ISO week a year earlier
        iso_year, week = raw.start.isocalendar()[:2]
        target_year = iso_year - years
        week = min(week, date(target_year, 12, 28).isocalendar()[1])  # week 53 may not exist
        return iso_week_span(
            target_year, week, weekend=raw.granularity == Granularity.WEEKEND, shift=raw.shift
        )
    start = raw.start.replace(year=raw.start.year - years)  # 1st of a month: always valid
    end_month_year = raw.end.year - years
    end = raw.end.replace(year=end_month_year, day=calendar.monthrange(end_month_year, raw.end.month)[1])
    return raw._replace(start=start, end=end)
