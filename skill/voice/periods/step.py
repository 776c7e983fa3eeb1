"""One period over: "what about the day before", "and the week after" in a conversation.

A day steps by a day, a week or weekend by seven days, a month by a month, a season or quarter by
three months, a year by a year, a decade by ten, and a rolling window ("the last 30 days") by its
own length. A period that was cut short at today ("this month" on the 25th) steps to the whole span
before it. A step that lands after today is no period at all (None): it has not happened yet.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from skill.voice.periods.labels import label
from skill.voice.periods.parse import RawPeriod, Shift, add_months
from skill.voice.periods.period import Period
from skill.voice.vocabulary import Granularity, Label

_MONTHS = {Granularity.MONTH: 1, Granularity.SEASON: 3, Granularity.QUARTER: 3, Granularity.YEAR: 12}
_YEARS_PER_DECADE = 10


def step(period: Period, steps: int, today: date) -> Period | None:
    """The period `steps` spans before (negative) or after (positive) `period`, relative to today
    (or to the last day that may be answered for, which the caller passes as `today`)."""
    granularity = period.granularity
    if granularity in (Granularity.DAY, Granularity.WEEK, Granularity.WEEKEND):
        days = 1 if granularity == Granularity.DAY else 7
        start = period.start + timedelta(days=days * steps)
        end = start + (period_span(period) - timedelta(days=1))
    elif granularity in _MONTHS or granularity == Granularity.DECADE:
        months = _MONTHS.get(granularity, 12 * _YEARS_PER_DECADE)
        start = add_months(period.start, months * steps)
        last_month = add_months(start, months - 1)
        end = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    else:  # a rolling window: its own length
        offset = timedelta(days=period.days * steps)
        start, end = period.start + offset, period.end + offset
        if start > today:
            return None
        return Period(start, min(end, today), Granularity.RANGE, Label.RANGE)
    if start > today:
        return None
    raw = RawPeriod(start, end, granularity, Shift.BY_YEAR)
    return Period(start, min(end, today), granularity, label(raw, today))


def period_span(period: Period) -> timedelta:
    """How long a day, week or weekend is, also when `period` was cut short at today."""
    if period.granularity == Granularity.DAY:
        return timedelta(days=1)
    if period.granularity == Granularity.WEEKEND:
        return timedelta(days=2)
    return timedelta(days=7)
