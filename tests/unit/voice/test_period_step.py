"""One period over ("what about the day before"): the spans written out by hand, around awkward dates."""

from __future__ import annotations

from datetime import date

import pytest

from skill.voice.periods.period import Period
from skill.voice.periods.resolve import resolve_required
from skill.voice.periods.step import step
from skill.voice.vocabulary import Granularity, Label, PeriodDefault

TODAY = date(2026, 11, 25)  # a Wednesday


def said(value: str | None, default: PeriodDefault = PeriodDefault.TODAY, today: date = TODAY) -> Period:
    return resolve_required(value, today, default)


@pytest.mark.parametrize(
    ("value", "steps", "start", "end", "label"),
    [
        ("2026-11-24", -1, date(2026, 11, 23), date(2026, 11, 23), Label.WEEKDAY),
        ("2026-11-24", 1, date(2026, 11, 25), date(2026, 11, 25), Label.TODAY),
        ("2026-11-18", -1, date(2026, 11, 17), date(2026, 11, 17), Label.DATE),
        # "this week" (cut short at today) steps to the whole week before
        ("2026-W48", -1, date(2026, 11, 16), date(2026, 11, 22), Label.LAST_WEEK),
        ("2026-W47", -1, date(2026, 11, 9), date(2026, 11, 15), Label.WEEK),
        ("2026-W47", 1, date(2026, 11, 23), date(2026, 11, 25), Label.THIS_WEEK),
        ("2026-W47-WE", -1, date(2026, 11, 14), date(2026, 11, 15), Label.WEEKEND),
        ("2026-11", -1, date(2026, 10, 1), date(2026, 10, 31), Label.LAST_MONTH),
        ("2026-03", -1, date(2026, 2, 1), date(2026, 2, 28), Label.MONTH),
        ("2026-01", -1, date(2025, 12, 1), date(2025, 12, 31), Label.MONTH),
        ("2026-Q4", -1, date(2026, 7, 1), date(2026, 9, 30), Label.LAST_QUARTER),
        # "this winter" asked in November is last winter (Dec 2025 - Feb 2026): the season before is fall
        ("2026-WI", -1, date(2025, 9, 1), date(2025, 11, 30), Label.SEASON),
        ("2026", -1, date(2025, 1, 1), date(2025, 12, 31), Label.LAST_YEAR),
        ("201X", 1, date(2020, 1, 1), date(2026, 11, 25), Label.DECADE),
    ],
)
def test_a_step_is_one_span_of_the_same_kind(
    value: str, steps: int, start: date, end: date, label: Label
) -> None:
    stepped = step(said(value), steps, TODAY)
    assert stepped is not None
    assert (stepped.start, stepped.end, stepped.label) == (start, end, label)


def test_a_rolling_window_steps_by_its_length_and_is_said_as_dates() -> None:
    stepped = step(said(None, PeriodDefault.LAST_30_DAYS), -1, TODAY)
    assert stepped == Period(date(2026, 9, 27), date(2026, 10, 26), Granularity.RANGE, Label.RANGE)


@pytest.mark.parametrize("value", [None, "2026-W48", "2026-11", "2026"])
def test_a_step_past_today_is_nothing(value: str | None) -> None:
    assert step(said(value), 1, TODAY) is None


def test_a_leap_day_steps_to_its_neighbours() -> None:
    leap = said("2028-02-29", today=date(2028, 3, 5))
    before, after = step(leap, -1, date(2028, 3, 5)), step(leap, 1, date(2028, 3, 5))
    assert before is not None and after is not None
    assert (before.start, after.start) == (date(2028, 2, 28), date(2028, 3, 1))
