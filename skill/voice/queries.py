"""One function per question: which Withings calls answer it for a period, and what to keep.

Each takes the data client, the resolved Period (or None for "the latest"), the user's time zone and
the request's Deadline, and returns a small frozen result that speech turns into words. No Alexa here
and no wording: the handlers sit on one side, speech on the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Protocol, TypeVar

from skill.voice.periods import DAY, Period, UserClock, sleep_nights
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, UnauthorizedError, WithingsError, WithingsTimeoutError
from skill.withings.models import DailyActivity, Goals, Measurements, SleepSummary, Workout

_log = logging.getLogger(__name__)

# Measure type codes (withings-api.md §3.2).
WEIGHT: Final = 1
FAT_FREE_MASS: Final = 5
FAT_RATIO: Final = 6
FAT_MASS: Final = 8
DIASTOLIC: Final = 9
SYSTOLIC: Final = 10
HEART_PULSE: Final = 11
TEMPERATURE: Final = 12
SPO2: Final = 54
BODY_TEMPERATURE: Final = 71
MUSCLE_MASS: Final = 76
HYDRATION: Final = 77
BONE_MASS: Final = 88

BODY_CODES: Final[dict[str, tuple[int, ...]]] = {
    "WEIGHT": (WEIGHT,),
    "FAT_RATIO": (FAT_RATIO,),
    "FAT_MASS": (FAT_MASS,),
    "MUSCLE_MASS": (MUSCLE_MASS,),
    "BONE_MASS": (BONE_MASS,),
    "HYDRATION": (HYDRATION,),
    "LEAN_MASS": (FAT_FREE_MASS,),
}
VITAL_CODES: Final[dict[str, tuple[int, ...]]] = {
    "TEMPERATURE": (BODY_TEMPERATURE, TEMPERATURE),
    "SPO2": (SPO2,),
}

# "The latest" looks this far back: enough for an occasional weigher, one page for a daily one.
LOOKBACK_DAYS: Final = 90
# "From last week": the reading nearest to 7 days before the latest, 4 to 10 days before it.
_WEEK_BEFORE: Final = timedelta(days=7)
_WEEK_WINDOW: Final = (timedelta(days=4), timedelta(days=10))
# How far back "the latest I have" looks when today has no activity yet.
_STALE_LOOKBACK_DAYS: Final = 7
# A comparison with the preceding period only for periods up to a quarter (one call fetches both).
_MAX_COMPARED_DAYS: Final = 92


class DataSource(Protocol):
    """What the voice layer needs from skill.withings.api.WithingsApi."""

    def get_measures(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        types: Sequence[int] | None = None,
        category: int | None = 1,
        lastupdate: datetime | None = None,
        deadline: Deadline,
    ) -> Measurements: ...

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[DailyActivity, ...]: ...

    def get_sleep_summaries(
        self, start: date, end: date, *, deadline: Deadline
    ) -> tuple[SleepSummary, ...]: ...

    def get_workouts(self, start: date, end: date, *, deadline: Deadline) -> tuple[Workout, ...]: ...

    def get_goals(self, *, deadline: Deadline) -> Goals: ...


@dataclass(frozen=True)
class Reading:
    taken_at: datetime  # aware, in the record's time zone
    value: float


@dataclass(frozen=True)
class MeasureResult:
    """Readings of one measure (weight, fat ratio, SpO2, ...) in a period or the lookback window."""

    codes: tuple[int, ...]
    period: Period | None  # None: "the latest", over the last LOOKBACK_DAYS
    readings: tuple[Reading, ...]  # oldest first
    week_before: Reading | None = None  # for "down 0.6 from last week"

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None

    @property
    def first(self) -> Reading | None:
        return self.readings[0] if self.readings else None

    @property
    def average(self) -> float | None:
        return _mean([r.value for r in self.readings])


@dataclass(frozen=True)
class BloodPressure:
    taken_at: datetime
    systolic: float
    diastolic: float
    pulse: float | None = None


@dataclass(frozen=True)
class BloodPressureResult:
    period: Period | None
    readings: tuple[BloodPressure, ...]  # oldest first

    @property
    def latest(self) -> BloodPressure | None:
        return self.readings[-1] if self.readings else None

    @property
    def average(self) -> tuple[float, float] | None:
        if not self.readings:
            return None
        systolic = _mean([r.systolic for r in self.readings])
        diastolic = _mean([r.diastolic for r in self.readings])
        assert systolic is not None and diastolic is not None
        return systolic, diastolic


@dataclass(frozen=True)
class HeartRateResult:
    """Heart pulse from a scale or blood-pressure monitor; else the tracker's daily averages."""

    period: Period | None
    readings: tuple[Reading, ...]
    daily: tuple[DailyActivity, ...] = ()  # only when there are no readings; hr_average set

    @property
    def average(self) -> float | None:
        if self.readings:
            return _mean([r.value for r in self.readings])
        return _mean([float(d.hr_average) for d in self.daily if d.hr_average])


@dataclass(frozen=True)
class ActivityResult:
    period: Period
    days: tuple[DailyActivity, ...]  # one per local day in the period, oldest first
    latest_before: DailyActivity | None = None  # the newest day with steps before the period

    def day(self, day: date) -> DailyActivity | None:
        for record in self.days:
            if record.day == day:
                return record
        return None


@dataclass(frozen=True)
class SleepResult:
    period: Period
    first_night: date  # Withings night dates: the morning each sleep ended
    last_night: date
    nights: tuple[SleepSummary, ...]  # one per night (the longest), oldest first

    @property
    def single(self) -> bool:
        return self.first_night == self.last_night

    @property
    def night(self) -> SleepSummary | None:
        return self.nights[-1] if self.nights else None


@dataclass(frozen=True)
class WorkoutsResult:
    period: Period
    workouts: tuple[Workout, ...]  # oldest first


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    secondary: float | None = None  # diastolic, for blood pressure


@dataclass(frozen=True)
class TrendResult:
    metric: str  # a TREND_METRIC id
    period: Period
    points: tuple[Point, ...]  # per reading (measures) or per day/night (daily metrics), oldest first
    previous_average: float | None = None  # the same-length period just before, for daily metrics

    @property
    def average(self) -> float | None:
        return _mean([p.value for p in self.points])

    @property
    def secondary_average(self) -> float | None:
        return _mean([p.secondary for p in self.points if p.secondary is not None])


@dataclass(frozen=True)
class DigestResult:
    steps: ActivityResult | None
    sleep: SleepResult | None
    weight: MeasureResult | None
    goals: Goals | None
    failed: tuple[str, ...] = ()  # parts Withings could not deliver in time ("steps", "sleep", "weight")


@dataclass(frozen=True)
class GoalResult:
    metric: str  # a GOAL_METRIC id
    goals: Goals
    steps: ActivityResult | None = None
    sleep: SleepResult | None = None
    weight: MeasureResult | None = None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


# -- measures (scale, blood pressure monitor, thermometer) ---------------------------------------


def _window(period: Period | None, clock: UserClock) -> tuple[datetime, datetime]:
    now = clock.now
    if period is None:
        # A little past "now": a reading stamped by a device clock running slightly fast still counts.
        return now - timedelta(days=LOOKBACK_DAYS), now + timedelta(hours=1)
    return period.bounds(clock.tz)


def _series(measurements: Measurements, codes: Sequence[int]) -> list[Reading]:
    """Every real, unambiguous reading of any of `codes`, oldest first (codes that mean the same)."""
    readings = [Reading(at, value) for code in codes for at, value in measurements.series(code)]
    readings.sort(key=lambda r: r.taken_at.timestamp())
    return readings


def measure(
    api: DataSource,
    codes: Sequence[int],
    period: Period | None,
    clock: UserClock,
    deadline: Deadline,
    *,
    compare_week: bool = False,
) -> MeasureResult:
    """Readings of a measure in the period (or the latest), plus one from about a week earlier."""
    return measures(api, {"": tuple(codes)}, period, clock, deadline, compare_week=compare_week)[""]


def measures(
    api: DataSource,
    wanted: Mapping[str, tuple[int, ...]],
    period: Period | None,
    clock: UserClock,
    deadline: Deadline,
    *,
    compare_week: bool = False,
) -> dict[str, MeasureResult]:
    """Several measures from one getmeas call: name -> the readings of its codes."""
    start, end = _window(period, clock)
    fetch_start = start - _WEEK_WINDOW[1] if compare_week else start
    all_codes = sorted({code for codes in wanted.values() for code in codes})
    data = api.get_measures(start=fetch_start, end=end, types=all_codes, deadline=deadline)
    results = {}
    for name, codes in wanted.items():
        series = _series(data, codes)
        readings = tuple(r for r in series if start <= r.taken_at < end)
        week_before = None
        if compare_week and readings:
            latest = readings[-1].taken_at
            window = [r for r in series if _WEEK_WINDOW[0] <= latest - r.taken_at <= _WEEK_WINDOW[1]]
            if window:
                week_before = min(window, key=lambda r: abs((latest - r.taken_at) - _WEEK_BEFORE))
        results[name] = MeasureResult(codes, period, readings, week_before)
    return results


def blood_pressure(
    api: DataSource, period: Period | None, clock: UserClock, deadline: Deadline
) -> BloodPressureResult:
    """Systolic/diastolic pairs (with the pulse measured alongside) in the period, or the latest."""
    start, end = _window(period, clock)
    data = api.get_measures(start=start, end=end, types=[SYSTOLIC, DIASTOLIC, HEART_PULSE], deadline=deadline)
    readings = []
    for group in data.groups:
        if not group.is_real or group.ambiguous or not start <= group.taken_at < end:
            continue
        systolic, diastolic = group.value(SYSTOLIC), group.value(DIASTOLIC)
        if systolic is None or diastolic is None:
            continue
        readings.append(BloodPressure(group.taken_at, systolic, diastolic, group.value(HEART_PULSE)))
    readings.sort(key=lambda r: r.taken_at.timestamp())
    return BloodPressureResult(period, tuple(readings))


def heart_rate(
    api: DataSource, period: Period | None, clock: UserClock, deadline: Deadline
) -> HeartRateResult:
    """Heart pulse readings; without any, the tracker's daily average heart rate."""
    readings = measure(api, (HEART_PULSE,), period, clock, deadline).readings
    if readings:
        return HeartRateResult(period, readings)
    today = clock.today
    first, last = (period.start, period.end) if period else (today - timedelta(days=6), today)
    days = api.get_activity(first, last, deadline=deadline)
    return HeartRateResult(period, (), tuple(d for d in _one_per_day(days) if d.hr_average))


# -- daily records (activity, sleep, workouts) ----------------------------------------------------


def _one_per_day(records: Sequence[DailyActivity]) -> list[DailyActivity]:
    """Withings may send a tracker's and a phone's record for one day: keep the one with most steps."""
    best: dict[date, DailyActivity] = {}
    for record in records:
        kept = best.get(record.day)
        if kept is None or (record.steps or 0) > (kept.steps or 0):
            best[record.day] = record
    return [best[d] for d in sorted(best)]


def activity(api: DataSource, period: Period, deadline: Deadline) -> ActivityResult:
    """Daily activity in the period; for a single day, also the newest earlier day (stale syncs)."""
    fetch_start = period.start - timedelta(days=_STALE_LOOKBACK_DAYS) if period.single_day else period.start
    days = _one_per_day(api.get_activity(fetch_start, period.end, deadline=deadline))
    inside = tuple(d for d in days if d.day in period)
    earlier = [d for d in days if d.day < period.start and (d.steps or 0) > 0]
    return ActivityResult(period, inside, earlier[-1] if earlier else None)


def _main_sleeps(summaries: Sequence[SleepSummary]) -> tuple[SleepSummary, ...]:
    """One summary per night: the longest (a nap or a second device's record is not the night)."""
    best: dict[date, SleepSummary] = {}
    for s in summaries:
        kept = best.get(s.night)
        if kept is None or (s.total_sleep_s or 0) > (kept.total_sleep_s or 0):
            best[s.night] = s
    return tuple(best[d] for d in sorted(best))


def sleep(api: DataSource, period: Period, today: date, deadline: Deadline) -> SleepResult:
    first, last = sleep_nights(period, today)
    summaries = api.get_sleep_summaries(first, last, deadline=deadline)
    nights = _main_sleeps([s for s in summaries if first <= s.night <= last])
    return SleepResult(period, first, last, nights)


def workouts(api: DataSource, period: Period, deadline: Deadline) -> WorkoutsResult:
    found = api.get_workouts(period.start, period.end, deadline=deadline)
    inside = sorted((w for w in found if w.day in period), key=lambda w: w.start.timestamp())
    return WorkoutsResult(period, tuple(inside))


# -- trends and averages --------------------------------------------------------------------------

DAILY_METRICS: Final = ("SLEEP", "STEPS", "DISTANCE", "CALORIES")


def _daily_value(metric: str, record: DailyActivity) -> float | None:
    value: float | None
    if metric == "STEPS":
        value = float(record.steps) if record.steps else None
    elif metric == "DISTANCE":
        value = record.distance_m or None
    else:
        value = record.calories or None
    return value


def trend(api: DataSource, metric: str, period: Period, clock: UserClock, deadline: Deadline) -> TrendResult:
    """The values of a TREND_METRIC over a period, and for daily metrics the period before's average."""
    if metric in ("WEIGHT", "FAT_RATIO"):
        found = measure(api, (WEIGHT if metric == "WEIGHT" else FAT_RATIO,), period, clock, deadline)
        return TrendResult(metric, period, tuple(Point(r.taken_at.date(), r.value) for r in found.readings))
    if metric == "HEART_RATE":
        hr = heart_rate(api, period, clock, deadline)
        points = tuple(Point(r.taken_at.date(), r.value) for r in hr.readings)
        points += tuple(Point(d.day, float(d.hr_average)) for d in hr.daily if d.hr_average)
        return TrendResult(metric, period, points)
    if metric == "BLOOD_PRESSURE":
        bp = blood_pressure(api, period, clock, deadline).readings
        return TrendResult(
            metric, period, tuple(Point(r.taken_at.date(), r.systolic, r.diastolic) for r in bp)
        )
    today = clock.today

    compare = period.days <= _MAX_COMPARED_DAYS
    before = period.preceding()
    if metric == "SLEEP":
        first, last = sleep_nights(period, today)
        fetch_first = sleep_nights(before, today)[0] if compare else first
        nights = _main_sleeps(api.get_sleep_summaries(fetch_first, last, deadline=deadline))
        points = tuple(Point(n.night, float(n.total_sleep_s)) for n in nights if n.total_sleep_s)
        current = tuple(p for p in points if first <= p.day <= last)
        previous = [p.value for p in points if p.day < first] if compare else []
        return TrendResult(metric, period, current, _mean(previous))

    fetch_start = before.start if compare else period.start
    days = _one_per_day(api.get_activity(fetch_start, period.end, deadline=deadline))
    values = [(d.day, _daily_value(metric, d)) for d in days]
    current = tuple(Point(day, v) for day, v in values if v is not None and day in period)
    previous = [v for day, v in values if v is not None and day < period.start] if compare else []
    return TrendResult(metric, period, current, _mean(previous))


# -- several at once -------------------------------------------------------------------------------

_T = TypeVar("_T")


def _gather(
    parts: dict[str, Callable[[], _T]], deadline: Deadline
) -> tuple[dict[str, _T], dict[str, BaseException]]:
    """Run independent calls concurrently within the deadline; collect results and errors by name."""
    pool = ThreadPoolExecutor(max_workers=len(parts), thread_name_prefix="voice-query")
    try:
        futures: dict[str, Future[_T]] = {name: pool.submit(fn) for name, fn in parts.items()}
        wait_futures(futures.values(), timeout=deadline.remaining())
    finally:
        # Each call's timeout comes from the same deadline, so stragglers end on their own; never
        # wait for them here.
        pool.shutdown(wait=False, cancel_futures=True)
    results: dict[str, _T] = {}
    errors: dict[str, BaseException] = {}
    for name, future in futures.items():
        if not future.done():
            errors[name] = WithingsTimeoutError(None, "deadline exceeded")
            continue
        error = future.exception()
        if error is None:
            results[name] = future.result()
        else:
            errors[name] = error
    return results, errors


def _raise_if_fatal(errors: dict[str, BaseException], succeeded: int) -> None:
    """A refused credential sinks everything (re-link); so does a total failure. Else: partial answer."""
    for error in errors.values():
        if isinstance(error, AuthError | UnauthorizedError):
            raise error
    for error in errors.values():
        if not isinstance(error, WithingsError):
            raise error  # a bug, not Withings: let the exception handlers log it
    if errors and not succeeded:
        raise next(iter(errors.values()))


def digest(api: DataSource, clock: UserClock, deadline: Deadline) -> DigestResult:
    """Steps so far today (and the step goal), last night's sleep, the latest weight — concurrently."""
    today = clock.today
    today_period = Period(today, today, DAY, "today")
    last_night = Period(today - timedelta(days=1), today - timedelta(days=1), DAY, "yesterday")
    parts: dict[str, Callable[[], object]] = {
        "steps": lambda: activity(api, today_period, deadline),
        "sleep": lambda: sleep(api, last_night, today, deadline),
        "weight": lambda: measure(api, (WEIGHT,), None, clock, deadline, compare_week=True),
        "goals": lambda: api.get_goals(deadline=deadline),
    }
    results, errors = _gather(parts, deadline)
    for name, error in errors.items():
        _log.info("digest part failed", extra={"part": name, "error": type(error).__name__})
    _raise_if_fatal(errors, sum(1 for name in results if name != "goals"))
    steps, night, weight, goals = (results.get(k) for k in ("steps", "sleep", "weight", "goals"))
    return DigestResult(
        steps if isinstance(steps, ActivityResult) else None,
        night if isinstance(night, SleepResult) else None,
        weight if isinstance(weight, MeasureResult) else None,
        goals if isinstance(goals, Goals) else None,
        tuple(name for name in ("steps", "sleep", "weight") if name in errors),
    )


def goal(api: DataSource, metric: str, clock: UserClock, deadline: Deadline) -> GoalResult:
    """A goal and where the user stands against it, fetched together."""
    today = clock.today
    parts: dict[str, Callable[[], object]] = {"goals": lambda: api.get_goals(deadline=deadline)}
    if metric == "SLEEP":
        yesterday = today - timedelta(days=1)
        parts["current"] = lambda: sleep(api, Period(yesterday, yesterday, DAY, "yesterday"), today, deadline)
    elif metric == "WEIGHT":
        parts["current"] = lambda: measure(api, (WEIGHT,), None, clock, deadline)
    else:
        parts["current"] = lambda: activity(api, Period(today, today, DAY, "today"), deadline)
    results, errors = _gather(parts, deadline)
    if "goals" in errors:
        raise errors["goals"]
    _raise_if_fatal(errors, len(results))
    goals = results["goals"]
    assert isinstance(goals, Goals)
    current = results.get("current")
    return GoalResult(
        metric,
        goals,
        steps=current if isinstance(current, ActivityResult) else None,
        sleep=current if isinstance(current, SleepResult) else None,
        weight=current if isinstance(current, MeasureResult) else None,
    )
