"""AMAZON.DATE values → periods of the user's past days (skill/voice/periods/)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from skill.voice.periods.nights import sleep_nights
from skill.voice.periods.period import Period
from skill.voice.periods.resolve import resolve, resolve_required
from skill.voice.timezone import UserClock
from skill.voice.vocabulary import PeriodDefault

# A Thursday in ISO week 48 of 2026; the tests read dates relative to it.
TODAY = date(2026, 11, 26)


def r(value: str | None, default: PeriodDefault = PeriodDefault.TODAY, today: date = TODAY) -> Period:
    period = resolve(value, today, default)
    assert period is not None
    return period


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity", "label"),
    [
        # a day
        ("2026-11-24", date(2026, 11, 24), date(2026, 11, 24), "day", "weekday"),
        ("2026-11-25", date(2026, 11, 25), date(2026, 11, 25), "day", "yesterday"),
        ("2026-11-26", TODAY, TODAY, "day", "today"),
        ("2026-10-03", date(2026, 10, 3), date(2026, 10, 3), "day", "date"),
        ("PRESENT_REF", TODAY, TODAY, "day", "today"),
        # ISO weeks: Monday to Sunday, the current one ends today
        ("2026-W48", date(2026, 11, 23), TODAY, "week", "this_week"),
        ("2026-W47", date(2026, 11, 16), date(2026, 11, 22), "week", "last_week"),
        ("2026-W40", date(2026, 9, 28), date(2026, 10, 4), "week", "week"),
        ("2026-W5", date(2026, 1, 26), date(2026, 2, 1), "week", "week"),
        # weekends: Saturday and Sunday
        ("2026-W47-WE", date(2026, 11, 21), date(2026, 11, 22), "weekend", "last_weekend"),
        ("2026-W40-WE", date(2026, 10, 3), date(2026, 10, 4), "weekend", "weekend"),
        # months, quarters, years, decades; the current one ends today
        ("2026-11", date(2026, 11, 1), TODAY, "month", "this_month"),
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "month", "last_month"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month", "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", "month"),
        ("2026-Q4", date(2026, 10, 1), TODAY, "quarter", "this_quarter"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter", "last_quarter"),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), "quarter", "quarter"),
        ("2026", date(2026, 1, 1), TODAY, "year", "this_year"),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "year", "last_year"),
        ("2019", date(2019, 1, 1), date(2019, 12, 31), "year", "year"),
        ("202X", date(2020, 1, 1), TODAY, "decade", "decade"),
        ("201X", date(2010, 1, 1), date(2019, 12, 31), "decade", "decade"),
        # meteorological seasons (northern hemisphere); YYYY-WI starts in December of YYYY
        ("2026-SU", date(2026, 6, 1), date(2026, 8, 31), "season", "last_season"),
        ("2026-FA", date(2026, 9, 1), TODAY, "season", "this_season"),
        ("2026-SP", date(2026, 3, 1), date(2026, 5, 31), "season", "last_season"),
        ("2025-WI", date(2025, 12, 1), date(2026, 2, 28), "season", "last_season"),
        ("2024-SU", date(2024, 6, 1), date(2024, 8, 31), "season", "season"),
        # partial XX forms
        ("2026-11-XX", date(2026, 11, 1), TODAY, "month", "this_month"),
        ("2026-XX-XX", date(2026, 1, 1), TODAY, "year", "this_year"),
        ("2025-XX", date(2025, 1, 1), date(2025, 12, 31), "year", "last_year"),
        ("XXXX-03-21", date(2026, 3, 21), date(2026, 3, 21), "day", "date"),
        ("XXXX-11", date(2026, 11, 1), TODAY, "month", "this_month"),
        ("XXXX-XX-20", date(2026, 11, 20), date(2026, 11, 20), "day", "weekday"),
        ("XXXX-XX-28", date(2026, 10, 28), date(2026, 10, 28), "day", "date"),  # this month's is ahead
        ("XXXX-W47", date(2026, 11, 16), date(2026, 11, 22), "week", "last_week"),
        ("XXXX-WXX", date(2026, 11, 23), TODAY, "week", "this_week"),
        ("2025-WXX", date(2025, 1, 1), date(2025, 12, 31), "year", "last_year"),
    ],
)
def test_every_amazon_date_form(value: str, start: date, end: date, granularity: str, label: str) -> None:
    period = r(value)
    assert (period.start, period.end, period.granularity, period.label) == (start, end, granularity, label)
    assert not period.defaulted


@pytest.mark.parametrize(
    ("value", "start", "end", "label"),
    [
        # "Monday" said on Thursday resolves to next Monday: the most recent past Monday is meant.
        ("2026-11-30", date(2026, 11, 23), date(2026, 11, 23), "weekday"),
        # "tomorrow" → a week back
        ("2026-11-27", date(2026, 11, 20), date(2026, 11, 20), "weekday"),
        # "March third" → next March 3 → last March 3
        ("2027-03-03", date(2026, 3, 3), date(2026, 3, 3), "date"),
        ("XXXX-12-05", date(2025, 12, 5), date(2025, 12, 5), "date"),
        # "this weekend" on a Thursday is the coming one → the last one
        ("2026-W48-WE", date(2026, 11, 21), date(2026, 11, 22), "last_weekend"),
        # "next week" → this week so far
        ("2026-W49", date(2026, 11, 23), TODAY, "this_week"),
        # "this winter" in November (Dec 2026 – Feb 2027) → last winter
        ("2026-WI", date(2025, 12, 1), date(2026, 2, 28), "last_season"),
        # "December" said in November → last December
        ("2026-12", date(2025, 12, 1), date(2025, 12, 31), "month"),
        ("XXXX-12", date(2025, 12, 1), date(2025, 12, 31), "month"),
        ("2027-Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
        ("2027", date(2026, 1, 1), TODAY, "this_year"),
        ("203X", date(2020, 1, 1), TODAY, "decade"),
    ],
)
def test_future_dates_mean_the_most_recent_past_one(value: str, start: date, end: date, label: str) -> None:
    period = r(value)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.shifted
    assert period.end <= TODAY


def test_a_leap_day_moved_back_a_year_lands_on_february_28() -> None:
    period = r("2028-02-29", today=date(2027, 6, 1))
    assert period.start == date(2027, 2, 28)


def test_winter_asked_in_january_is_the_winter_in_progress() -> None:
    january = date(2027, 1, 10)
    for value in ("2026-WI", "2027-WI"):  # either reading of "this winter" lands on it
        period = r(value, today=january)
        assert (period.start, period.end, period.label) == (date(2026, 12, 1), january, "this_season")


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "garbage", "2026-02-30", "2026-13", "2026-W54", "XXXX-XX-XX", "XXXX", "1066-10-14",
     "2026-11-26T10:00", "2026-Q5", "2026-XX-40", "XXXX-XX-32", "9999-01-01"],
)  # fmt: skip
def test_missing_or_garbage_values_fall_back_to_the_default(value: str | None) -> None:
    period = r(value, PeriodDefault.YESTERDAY)
    assert period == Period(date(2026, 11, 25), date(2026, 11, 25), "day", "yesterday", defaulted=True)


def test_defaults() -> None:
    assert r(None, PeriodDefault.TODAY) == Period(TODAY, TODAY, "day", "today", defaulted=True)
    week = r(None, PeriodDefault.LAST_7_DAYS)
    assert (week.start, week.end, week.days, week.label) == (date(2026, 11, 20), TODAY, 7, "last_n_days")
    month = r(None, PeriodDefault.LAST_30_DAYS)
    assert (month.start, month.days) == (date(2026, 10, 28), 30)
    assert resolve(None, TODAY, PeriodDefault.LATEST) is None
    assert resolve("garbage", TODAY, PeriodDefault.LATEST) is None
    assert resolve("2026-11-24", TODAY, PeriodDefault.LATEST) == r("2026-11-24")
    with pytest.raises(ValueError):
        resolve_required(None, TODAY, PeriodDefault.LATEST)


def test_lowercase_and_whitespace_are_tolerated() -> None:
    assert r(" 2026-w47 ").start == date(2026, 11, 16)
    assert r("present_ref").label == "today"


def test_iso_week_one_can_start_in_the_previous_year() -> None:
    period = r("2026-W01", today=date(2026, 3, 1))
    assert (period.start, period.end) == (date(2025, 12, 29), date(2026, 1, 4))


def test_preceding_period_has_the_same_length() -> None:
    month = r(None, PeriodDefault.LAST_30_DAYS)
    before = month.preceding()
    assert before.days == 30
    assert before.end == month.start - timedelta(days=1)


# -- "last night" ----------------------------------------------------------------------------------


def test_last_night_is_the_night_that_ended_this_morning() -> None:
    # Alexa sends yesterday's date for "last night"; Withings dates the night by its morning.
    assert sleep_nights(r("2026-11-25"), TODAY) == (TODAY, TODAY)
    # the default for sleep questions is the same night
    assert sleep_nights(r(None, PeriodDefault.YESTERDAY), TODAY) == (TODAY, TODAY)


def test_today_and_tonight_mean_the_night_that_ended_this_morning() -> None:
    assert sleep_nights(r("2026-11-26"), TODAY) == (TODAY, TODAY)
    assert sleep_nights(r("PRESENT_REF"), TODAY) == (TODAY, TODAY)


def test_a_weekday_means_the_night_that_began_that_evening() -> None:
    # "on Tuesday" / "Tuesday night": Tuesday evening into Wednesday morning.
    assert sleep_nights(r("2026-11-24"), TODAY) == (date(2026, 11, 25), date(2026, 11, 25))


def test_several_days_mean_the_nights_that_ended_on_those_mornings() -> None:
    assert sleep_nights(r("2026-W47"), TODAY) == (date(2026, 11, 16), date(2026, 11, 22))
    assert sleep_nights(r("2026-W48"), TODAY) == (date(2026, 11, 23), TODAY)


# -- the user's day and DST --------------------------------------------------------------------------


def test_today_is_the_users_day_not_utcs() -> None:
    late_utc = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    assert UserClock("UTC", late_utc).today == date(2026, 11, 26)
    assert UserClock("Europe/Berlin", late_utc).today == date(2026, 11, 27)
    assert UserClock("America/Los_Angeles", datetime(2026, 11, 27, 3, 0, tzinfo=UTC)).today == TODAY


def test_day_bounds_follow_dst() -> None:
    # Europe/Berlin leaves summer time on 2026-10-25: that local day lasts 25 hours.
    start, end = r("2026-10-25").bounds("Europe/Berlin")
    assert end.timestamp() - start.timestamp() == 25 * 3600
    assert start.astimezone(UTC) == datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    # ... and enters it on 2026-03-29: 23 hours.
    start, end = r("2026-03-29").bounds("Europe/Berlin")
    assert end.timestamp() - start.timestamp() == 23 * 3600
    # US DST ends 2026-11-01 in New York.
    start, end = r("2026-11-01").bounds("America/New_York")
    assert end.timestamp() - start.timestamp() == 25 * 3600


def test_week_bounds_span_exactly_the_local_week() -> None:
    start, end = r("2026-W47").bounds("Europe/Berlin")
    assert start.isoformat() == "2026-11-16T00:00:00+01:00"
    assert end.isoformat() == "2026-11-23T00:00:00+01:00"
