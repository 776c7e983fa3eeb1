"""Every catalogue key a reply can ask for, walked: metric × locale × the messages its specs and the
Formatter build (many of them with f-strings, which no text search of the code can see).

The walk runs every reply on results that reach each of its branches, in every locale, through a
catalogue that records the keys asked. A key missing from a locale, or a placeholder a template
wants that the reply does not give, raises there. Then the other way round: every key in the
catalogues is asked by the walk, written literally in the code, or names a Withings workout.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import skill.voice
from skill.voice import specs
from skill.voice.locales import LOCALES
from skill.voice.periods.period import Period
from skill.voice.periods.resolve import resolve, resolve_required
from skill.voice.periods.step import step
from skill.voice.queries.activity import ActivityResult
from skill.voice.queries.blood_pressure import BloodPressure, BloodPressureResult
from skill.voice.queries.digest import DigestPart, DigestResult
from skill.voice.queries.goals import GoalResult, Standing
from skill.voice.queries.heart_rate import HeartRateResult
from skill.voice.queries.measures import MeasureResult, Reading
from skill.voice.queries.sleep import SleepResult
from skill.voice.queries.trend import Point, TrendResult
from skill.voice.queries.workouts import WorkoutsResult
from skill.voice.speech import prompts
from skill.voice.speech.catalogue import Catalogue, load, placeholder_mismatch
from skill.voice.speech.format import Formatter, Unit
from skill.voice.speech.replies import (
    activity,
    blood_pressure,
    body,
    digest,
    goals,
    heart_rate,
    sleep,
    trend,
    vitals,
    workouts,
)
from skill.voice.vocabulary import Freshness, Label, PeriodDefault, TrendMetric
from skill.withings.models import DailyActivity, Goals, SleepSummary, Workout
from skill.withings.workout_categories import WorkoutCategory

TODAY = date(2026, 11, 26)  # a Thursday
BERLIN = ZoneInfo("Europe/Berlin")
VOICE_DIR = Path(skill.voice.__file__).resolve().parent
DAY = timedelta(days=1)


@dataclass
class Recording:
    """A Catalogue that remembers every key asked (and fails like the real one on a missing key)."""

    real: Catalogue
    asked: set[str] = field(default_factory=set)

    @property
    def messages(self) -> Mapping[str, str]:
        return self.real.messages

    def setting(self, name: str) -> str:
        return self.real.setting(name)

    def __call__(self, key: str, /, **values: Any) -> str:
        self.asked.add(key)
        text = self.real(key, **values)
        assert "{" not in text, (key, text)
        return text


def at(day: date, hour: int = 7, minute: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def yesterday() -> Period:
    return resolve_required(None, TODAY, PeriodDefault.YESTERDAY)


def today() -> Period:
    return resolve_required(None, TODAY, PeriodDefault.TODAY)


def last_week() -> Period:
    return resolve_required("2026-W47", TODAY, PeriodDefault.TODAY)


def last_30_days() -> Period:
    return resolve_required(None, TODAY, PeriodDefault.LAST_30_DAYS)


def night(day: date, **kw: Any) -> SleepSummary:
    return SleepSummary(night=day, timezone="Europe/Berlin", start=at(day - DAY, 22, 55), end=at(day), **kw)


FULL_NIGHT: dict[str, Any] = {
    "total_sleep_s": 25000,
    "deep_s": 5000,
    "light_s": 14000,
    "rem_s": 6000,
    "sleep_score": 81,
    "awake_s": 900,
    "time_in_bed_s": 27000,
    "sleep_latency_s": 600,
    "wakeup_latency_s": 300,
}


def day_record(day: date, **kw: Any) -> DailyActivity:
    return DailyActivity(day=day, timezone="Europe/Berlin", **kw)


FULL_DAY: dict[str, Any] = {
    "steps": 6240,
    "distance_m": 4800.0,
    "calories": 310.0,
    "active_s": 2400,
    "elevation_floors": 7.0,
    "hr_average": 64,
}


def readings(*values: float, last: date = TODAY) -> tuple[Reading, ...]:
    """Readings a day apart, the last one on `last`."""
    return tuple(Reading(at(last - DAY * (len(values) - 1 - i)), v) for i, v in enumerate(values))


# -- the walk: every reply, every branch ---------------------------------------------------------


def walk_sleep(fmt: Formatter) -> None:
    one = yesterday()
    week = last_week()
    for metric in specs.SLEEP:
        sleep.sleep(SleepResult(one, TODAY, TODAY, (night(TODAY, **FULL_NIGHT),)), metric, fmt)
        # No latencies: the times asleep are unknown, the night is said as time in bed.
        sleep.sleep(SleepResult(one, TODAY, TODAY, (night(TODAY, total_sleep_s=25000),)), metric, fmt)
        sleep.sleep(SleepResult(one, TODAY, TODAY, (night(TODAY, total_sleep_s=0),)), metric, fmt)
        sleep.sleep(SleepResult(one, TODAY, TODAY, ()), metric, fmt)
        nights = tuple(night(week.start + DAY * i, **FULL_NIGHT) for i in range(3))
        sleep.sleep(SleepResult(week, week.start, week.end, nights), metric, fmt)
        sleep.sleep(
            SleepResult(week, week.start, week.end, (night(week.start, total_sleep_s=0),)), metric, fmt
        )
        sleep.sleep(SleepResult(week, week.start, week.end, ()), metric, fmt)


def walk_activity(fmt: Formatter) -> None:
    past_day = resolve_required("2026-11-24", TODAY, PeriodDefault.TODAY)
    week = last_week()
    earlier = day_record(TODAY - 2 * DAY, **FULL_DAY)
    for metric in specs.ACTIVITY:
        activity.activity(ActivityResult(today(), (day_record(TODAY, **FULL_DAY),)), metric, fmt)
        activity.activity(ActivityResult(today(), (), earlier), metric, fmt)
        activity.activity(ActivityResult(today(), ()), metric, fmt)
        activity.activity(ActivityResult(past_day, (day_record(past_day.start, **FULL_DAY),)), metric, fmt)
        activity.activity(ActivityResult(past_day, ()), metric, fmt)
        days = tuple(day_record(week.start + DAY * i, **FULL_DAY) for i in range(7))
        activity.activity(ActivityResult(week, days), metric, fmt)
        activity.activity(ActivityResult(week, ()), metric, fmt)
    # "How active was I": active time and steps, or whichever of the two there is.
    for period, records in (
        (today(), (day_record(TODAY, **FULL_DAY),)),
        (past_day, (day_record(past_day.start, **FULL_DAY),)),
        (week, tuple(day_record(week.start + DAY * i, **FULL_DAY) for i in range(7))),
        (past_day, (day_record(past_day.start, steps=5000),)),
        (past_day, (day_record(past_day.start, active_s=1800),)),
        (past_day, ()),
    ):
        activity.summary(ActivityResult(period, records), fmt)


def measure_results(codes: tuple[int, ...]) -> Iterator[MeasureResult]:
    yield MeasureResult(codes, None, ())  # nothing in the lookback window
    yield MeasureResult(codes, None, readings(80.0))
    for before in (80.6, 79.4, 80.01):  # down, up, the same as last week
        yield MeasureResult(codes, None, readings(80.0), Reading(at(TODAY - 7 * DAY), before))
    yield MeasureResult(codes, yesterday(), readings(80.0, last=TODAY - DAY))
    yield MeasureResult(codes, last_week(), readings(80.0, 80.4, last=last_week().end))
    yield MeasureResult(codes, last_week(), ())


def walk_body(fmt: Formatter) -> None:
    for metric, spec in specs.BODY.items():
        for result in measure_results(spec.codes):
            body.body(result, metric, fmt)


def walk_vitals(fmt: Formatter) -> None:
    for metric, spec in specs.VITALS.items():
        for result in measure_results(spec.codes):
            vitals.vitals({metric: result}, fmt)
    none = MeasureResult((), None, ())
    vitals.vitals(dict.fromkeys(specs.VITALS, none), fmt)


def walk_blood_pressure(fmt: Formatter) -> None:
    for period in (None, last_week()):
        blood_pressure.blood_pressure(BloodPressureResult(period, ()), fmt)
        pair = BloodPressure(at(TODAY), 121, 79)
        blood_pressure.blood_pressure(
            BloodPressureResult(period, (pair, BloodPressure(at(TODAY), 118, 77, 64))), fmt
        )
        blood_pressure.blood_pressure(BloodPressureResult(period, (pair,)), fmt)


def walk_heart_rate(fmt: Formatter) -> None:
    tracker = (day_record(TODAY - DAY, hr_average=62), day_record(TODAY, hr_average=64))
    for period in (None, last_week()):
        heart_rate.heart_rate(HeartRateResult(period, readings(62, 66)), fmt)
        heart_rate.heart_rate(HeartRateResult(period, (), tracker), fmt)
        heart_rate.heart_rate(HeartRateResult(period, ()), fmt)


def walk_workouts(fmt: Formatter) -> None:
    def workout(day: date, code: int) -> Workout:
        start = at(day, 18)
        return Workout(
            id=code,
            category_code=code,
            day=day,
            timezone="Europe/Berlin",
            start=start,
            end=start + timedelta(minutes=45),
        )

    week = last_week()
    workouts.workouts(WorkoutsResult(week, ()), fmt)
    workouts.workouts(WorkoutsResult(yesterday(), (workout(TODAY - DAY, 1),)), fmt)
    many = tuple(workout(week.start + DAY * i, code) for i, code in enumerate((1, 2, 7, 9999)))
    workouts.workouts(WorkoutsResult(week, many), fmt)


def walk_digest(fmt: Formatter) -> None:
    steps = ActivityResult(today(), (day_record(TODAY, steps=6240),))
    no_steps = ActivityResult(today(), ())
    slept = SleepResult(yesterday(), TODAY, TODAY, (night(TODAY, total_sleep_s=25000),))
    no_sleep = SleepResult(yesterday(), TODAY, TODAY, ())
    weight = MeasureResult((1,), None, readings(80.0))
    for goal in (Goals(steps=8000), Goals()):
        digest.digest(DigestResult(steps, slept, weight, goal), fmt)
    digest.digest(DigestResult(no_steps, no_sleep, MeasureResult((1,), None, ()), None), fmt)
    failed = tuple(part for part in DigestPart if part is not DigestPart.GOALS)
    digest.digest(DigestResult(None, None, None, None, failed), fmt)


def trend_results(metric: TrendMetric, period: Period) -> Iterator[TrendResult]:
    days = [period.start + DAY * i for i in range(3)]
    yield TrendResult(metric, period, ())
    yield TrendResult(metric, period, (Point(days[0], 80.0, 79.0),))
    for last in (79.0, 81.0, 80.01):  # down, up, steady
        yield TrendResult(metric, period, (Point(days[0], 80.0, 79.0), Point(days[2], last, 78.0)))
    for previous in (70.0, 90.0, 80.0):  # less, more, the same as the days before
        yield TrendResult(metric, period, (Point(days[0], 80.0, 79.0),), previous)
    before = Point(period.start - 2 * DAY, 80.0)  # fewer than two readings: the last one before
    yield TrendResult(metric, period, (), before=before)
    for last in (79.0, 81.0, 80.01):  # down, up, the same as the one before
        yield TrendResult(metric, period, (Point(days[0], last),), before=before)


def walk_trend(fmt: Formatter) -> None:
    for metric in specs.TREND:
        for result in trend_results(metric, last_30_days()):
            for average_only in (False, True):
                trend.trend(result, fmt, average_only=average_only)


def walk_goals(fmt: Formatter) -> None:
    for metric, spec in specs.GOALS.items():
        taken_at = at(TODAY) if isinstance(spec.current, specs.MeasureSpec) else None
        for target in (None, 0.0, 8000.0):
            for current in (Standing(None), Standing(5000.0, taken_at)):
                goals.goals(GoalResult(metric, target, current), fmt)


def walk_prompts(fmt: Formatter) -> None:
    for prompt in (prompts.launch, prompts.help_, prompts.fallback, prompts.goodbye, prompts.unknown_intent):
        prompt(fmt)
    prompts.link_account(fmt)
    prompts.not_yet(fmt)
    prompts.follow_up_unclear(fmt)
    answer = prompts.goodbye(fmt)
    prompts.unreadable_date(fmt, answer, fmt.when(yesterday()))
    prompts.unreadable_date(fmt, answer, None)
    for key in ("session.more", "session.reprompt"):  # handlers.common.respond, in a conversation
        fmt.cat(key)
    from skill.voice.handlers.common import as_of_note  # respond's "as of" line for stale data

    for days_ago in range(4):  # skill.cache.policy keeps entries 3 days
        as_of_note(fmt, at(TODAY - DAY * days_ago, 7, 40))


def walk_formatter(fmt: Formatter) -> None:
    """Every phrase the Formatter builds from a key family: periods, nights, days, units, freshness."""
    values = (
        "2026-11-26", "2026-11-25", "2026-11-24", "2026-10-03", "2025-10-03", "2026-W48", "2026-W47",
        "2026-W40", "2026-W48-WE", "2026-W47-WE", "2026-W40-WE", "2026-11", "2026-10", "2026-03", "2025-03",
        "2026-FA", "2026-SU", "2024-SU", "2025-WI", "2026-SP", "2026-Q4", "2026-Q3", "2025-Q1", "2025-Q2",
        "2025-Q3", "2025-Q4", "2026", "2025", "2019", "201X", None,
    )  # fmt: skip
    labels = set()
    for value in values:
        period = resolve(value, TODAY, PeriodDefault.LAST_30_DAYS)
        assert period is not None
        labels.add(period.label)
        fmt.when(period)
    # Only a Saturday or a Sunday has "this weekend".
    weekend = resolve("2026-W48-WE", TODAY + 2 * DAY, PeriodDefault.TODAY)
    assert weekend is not None
    labels.add(weekend.label)
    fmt.when(weekend)
    # A rolling window stepped back ("and the week before" the last 30 days) is a range of dates.
    stepped = step(last_30_days(), -1, TODAY)
    assert stepped is not None
    labels.add(stepped.label)
    fmt.when(stepped)
    assert labels == set(Label)  # the values above reach every label
    for i in range(7):  # on_day and night name the last week's days, today's two neighbours aside
        fmt.weekday(TODAY + DAY * i)
    for days_ago in (*range(9), 20, 400):
        fmt.night(TODAY - DAY * days_ago)
        fmt.on_day(TODAY - DAY * days_ago)
        for kind in Freshness:
            fmt.fresh(at(TODAY - DAY * days_ago), kind)
    for month in range(1, 13):
        fmt.when(resolve_required(f"2025-{month:02d}", TODAY, PeriodDefault.TODAY))
    for unit in Unit:
        fmt.count(unit, 1)
        fmt.count(unit, 2)
    # One pound; below two (singular in French); stone and pounds; whole stone.
    for kg in (0.4536, 0.6, 81.2, 88.9):
        fmt.weight(kg)
        fmt.mass(kg)
    for seconds in (20, 45 * 60, 3600, 7 * 3600 + 600):
        fmt.duration(seconds)
    for hour in (2, 7, 15, 22):  # every period of the day, for the clocks that name them
        fmt.clock(at(TODAY, hour))
    fmt.temperature(37.0)
    fmt.distance(5150)
    fmt.join(["a", "b"])


def walk_screens(fmt: Formatter) -> None:
    """Every Echo Show picture on the results the replies are walked with (they ask their own keys)."""
    from skill.voice.screens import figures
    from skill.voice.screens.pictures import activity as activity_picture
    from skill.voice.screens.pictures import digest as digest_picture
    from skill.voice.screens.pictures import latest as latest_picture
    from skill.voice.screens.pictures import sleep as sleep_picture
    from skill.voice.screens.pictures import trend as trend_picture
    from skill.voice.screens.pictures import workouts as workouts_picture
    from skill.voice.timezone import UserClock

    clock = UserClock("Europe/Berlin", datetime(2026, 11, 26, 8, 30, tzinfo=BERLIN))
    for spec in specs.BODY.values():
        for result in measure_results(spec.codes):
            latest_picture.latest(result, spec, fmt, clock)
        old = MeasureResult(spec.codes, None, readings(80.0, last=TODAY - 40 * DAY))  # the 30 days up to it
        latest_picture.latest(old, spec, fmt, clock)
    year = resolve_required("2026", TODAY, PeriodDefault.TODAY)
    for metric in specs.TREND:
        for period in (last_30_days(), year):
            for result in trend_results(metric, period):
                for average_only in (False, True):
                    trend_picture.trend(result, fmt, clock, average_only=average_only)
    week = last_week()
    days = tuple(day_record(week.start + DAY * i, **FULL_DAY) for i in range(7))
    for metric in specs.ACTIVITY:
        for goal in (None, Goals(steps=8000)):
            for result in (
                ActivityResult(today(), (day_record(TODAY, **FULL_DAY),)),
                ActivityResult(today(), (), None, (day_record(TODAY - DAY, **FULL_DAY),)),
                ActivityResult(resolve_required("2026-11-24", TODAY, PeriodDefault.TODAY), ()),
                ActivityResult(week, days),
                ActivityResult(year, days),
            ):
                activity_picture.activity(result, metric, goal, fmt, clock)
    nights = tuple(night(week.start + DAY * i, **FULL_NIGHT) for i in range(3))
    for metric in specs.SLEEP:
        for sleeps in (
            SleepResult(yesterday(), TODAY, TODAY, (night(TODAY, **FULL_NIGHT),)),
            SleepResult(yesterday(), TODAY, TODAY, (night(TODAY, total_sleep_s=25000),)),
            SleepResult(week, week.start, week.end, nights),
            SleepResult(year, year.start, TODAY, nights),
        ):
            sleep_picture.sleep(sleeps, metric, fmt, clock)
    start = at(TODAY, 18)
    many = tuple(
        Workout(i, 1 + i % 3, TODAY, "Europe/Berlin", start, start + timedelta(minutes=40), distance_m=d)
        for i, d in zip(range(45), (None, 3000.0, None) * 15, strict=True)
    )
    workouts_picture.workouts(WorkoutsResult(week, many), fmt)
    slept = SleepResult(yesterday(), TODAY, TODAY, (night(TODAY, total_sleep_s=25000),))
    steps = ActivityResult(today(), (day_record(TODAY, steps=6240),))
    weight = MeasureResult((1,), None, readings(80.0))
    for goal in (Goals(steps=8000), Goals()):
        digest_picture.digest(DigestResult(steps, slept, weight, goal), fmt)
    failed = tuple(part for part in DigestPart if part is not DigestPart.GOALS)
    digest_picture.digest(DigestResult(None, None, None, None, failed), fmt)
    digest_picture.digest(DigestResult(ActivityResult(today(), ()), None, None, None), fmt)
    for i in range(7):
        figures.weekday_short(fmt, TODAY + DAY * i)


WALKS: tuple[Callable[[Formatter], None], ...] = (
    walk_sleep,
    walk_activity,
    walk_body,
    walk_vitals,
    walk_blood_pressure,
    walk_heart_rate,
    walk_workouts,
    walk_digest,
    walk_trend,
    walk_goals,
    walk_prompts,
    walk_formatter,
    walk_screens,
)


def asked_keys(locale: str) -> set[str]:
    recording = Recording(load(locale))
    fmt = Formatter(recording, TODAY)  # type: ignore[arg-type]
    for walk in WALKS:
        walk(fmt)
    return recording.asked


# -- the checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_key_a_spec_names_exists_in_every_locale(locale: str) -> None:
    messages = load(locale).messages
    tables: tuple[Mapping[str, Any], ...] = (
        specs.SLEEP,
        specs.ACTIVITY,
        specs.BODY,
        specs.VITALS,
        specs.TREND,
        specs.GOALS,
    )
    for table in tables:
        for metric, spec in table.items():
            missing = [key for key in spec.keys if key not in messages]
            assert not missing, f"{locale}: {metric}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_reply_finds_its_messages_and_fills_their_placeholders(locale: str) -> None:
    asked = asked_keys(locale)  # raises on a missing key or an unfilled placeholder
    reference = load("en-US").messages
    for key in sorted(asked):
        problem = placeholder_mismatch(key, load(locale).messages[key], reference[key])
        assert problem is None, f"{locale}: {key}: {problem}"


def _literal_strings() -> set[str]:
    found: set[str] = set()
    for path in VOICE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_no_catalogue_key_is_unused() -> None:
    asked = set().union(*(asked_keys(locale) for locale in LOCALES))  # units differ per locale
    literal = _literal_strings()  # prompts, errors, progress messages
    workouts_named = {k for k in load("en-US").messages if k.startswith("workout.") and k != "workout.other"}
    # A workout name is used when Withings has that category.
    unknown = sorted(
        k for k in workouts_named if WorkoutCategory(int(k.split(".")[1])) is WorkoutCategory.UNKNOWN
    )
    assert not unknown
    unused = sorted(set(load("en-US").messages) - asked - literal - workouts_named)
    assert not unused


def test_the_walk_can_fail_on_a_missing_message() -> None:
    # The walk is only worth something if it asks for what a reply asks for: drop one spec key.
    real = load("en-GB")
    messages = {k: v for k, v in real.messages.items() if k != specs.SLEEP["LATENCY"].night_key}
    fmt = Formatter(Catalogue(real.locale, real.settings, messages), TODAY)
    with pytest.raises(KeyError):
        walk_sleep(fmt)
