"""How speech should name a resolved span: relative to today where people would ("last week")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from skill.voice.periods.parse import RawPeriod, add_months
from skill.voice.vocabulary import Granularity, Label


def label(raw: RawPeriod, today: date) -> Label:
    labeller = _LABELLERS.get(raw.granularity)
    return labeller(raw, today) if labeller else Label.DECADE


def _day_label(raw: RawPeriod, today: date) -> Label:
    age = (today - raw.start).days
    if age == 0:
        return Label.TODAY
    if age == 1:
        return Label.YESTERDAY
    return Label.WEEKDAY if age < 7 else Label.DATE


def _week_label(raw: RawPeriod, today: date) -> Label:
    this_monday = today - timedelta(days=today.weekday())
    if raw.start == this_monday:
        return Label.THIS_WEEK
    return Label.LAST_WEEK if raw.start == this_monday - timedelta(days=7) else Label.WEEK


def _weekend_label(raw: RawPeriod, today: date) -> Label:
    if raw.start <= today <= raw.end:
        return Label.THIS_WEEKEND
    # The most recent weekend already over starts 2 (on a Monday) to 8 (on a Sunday) days back.
    return Label.LAST_WEEKEND if 2 <= (today - raw.start).days <= 8 else Label.WEEKEND


def _month_label(raw: RawPeriod, today: date) -> Label:
    if (raw.start.year, raw.start.month) == (today.year, today.month):
        return Label.THIS_MONTH
    prev = today.replace(day=1) - timedelta(days=1)
    return Label.LAST_MONTH if (raw.start.year, raw.start.month) == (prev.year, prev.month) else Label.MONTH


def _season_label(raw: RawPeriod, today: date) -> Label:
    if raw.start <= today <= raw.end:
        return Label.THIS_SEASON
    # "last winter" is the most recent winter already over: the next one has not started yet.
    return Label.LAST_SEASON if add_months(raw.start, 12) > today else Label.SEASON


def _quarter_label(raw: RawPeriod, today: date) -> Label:
    if raw.start <= today <= raw.end:
        return Label.THIS_QUARTER
    following = add_months(raw.start, 3)
    return Label.LAST_QUARTER if following <= today < add_months(following, 3) else Label.QUARTER


def _year_label(raw: RawPeriod, today: date) -> Label:
    if raw.start.year == today.year:
        return Label.THIS_YEAR
    return Label.LAST_YEAR if raw.start.year == today.year - 1 else Label.YEAR


_LABELLERS: Final[dict[Granularity, Callable[[RawPeriod, date], Label]]] = {
    Granularity.DAY: _day_label,
    Granularity.WEEK: _week_label,
    Granularity.WEEKEND: _weekend_label,
    Granularity.MONTH: _month_label,
    Granularity.SEASON: _season_label,
    Granularity.QUARTER: _quarter_label,
    Granularity.YEAR: _year_label,
}
