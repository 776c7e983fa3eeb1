"""The period an intent means when its date slot is missing or unreadable."""

from __future__ import annotations

from datetime import date, timedelta

from skill.voice.periods.period import Period
from skill.voice.vocabulary import Granularity, Label, PeriodDefault


def default_period(default: PeriodDefault, today: date) -> Period | None:
    """The intent's default period (`defaulted` set); None for PeriodDefault.LATEST."""
    match default:
        case PeriodDefault.TODAY:
            return Period.day(today, Label.TODAY, defaulted=True)
        case PeriodDefault.YESTERDAY:
            return Period.day(today - timedelta(days=1), Label.YESTERDAY, defaulted=True)
        case PeriodDefault.LAST_7_DAYS:
            return _last_days(7, today)
        case PeriodDefault.LAST_30_DAYS:
            return _last_days(30, today)
        case PeriodDefault.LATEST:
            return None
    raise ValueError(f"unknown default {default!r}")


def _last_days(n: int, today: date) -> Period:
    return Period(today - timedelta(days=n - 1), today, Granularity.RANGE, Label.LAST_N_DAYS, defaulted=True)
