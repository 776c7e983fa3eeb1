"""Trends and averages (TrendIntent, AverageIntent): a TREND_METRIC's values over a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from skill.voice.periods.nights import sleep_nights
from skill.voice.queries.activity import one_per_day
from skill.voice.queries.blood_pressure import blood_pressure
from skill.voice.queries.heart_rate import heart_rate
from skill.voice.queries.measures import LOOKBACK_DAYS, measure
from skill.voice.queries.sleep import main_sleeps
from skill.voice.specs import TrendSource
from skill.voice.stats import mean

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.voice.specs import TrendSpec
    from skill.voice.timezone import UserClock
    from skill.voice.vocabulary import TrendMetric
    from skill.withings.deadline import Deadline

# A comparison with the preceding period only for periods up to a quarter (one call fetches both).
_MAX_COMPARED_DAYS: Final = 92


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    secondary: float | None = None  # diastolic, for blood pressure


@dataclass(frozen=True)
class TrendResult:
    metric: TrendMetric
    period: Period
    points: tuple[Point, ...]  # per reading (measures) or per day/night (daily metrics), oldest first
    previous_average: float | None = None  # the same-length period just before, for daily metrics
    before: Point | None = None  # measures with fewer than two readings: the last one before the period

    @property
    def average(self) -> float | None:
        return mean([p.value for p in self.points])

    @property
    def secondary_average(self) -> float | None:
        return mean([p.secondary for p in self.points if p.secondary is not None])


def trend(
    api: DataSource, spec: TrendSpec, period: Period, clock: UserClock, deadline: Deadline
) -> TrendResult:
    """The metric's values over the period; for nightly and daily ones also the period before's average."""
    metric = spec.metric
    match spec.source:
        case TrendSource.MEASURES:
            found = measure(api, spec.codes, period, clock, deadline)
            points = tuple(Point(r.taken_at.date(), r.value) for r in found.readings)
            before = _reading_before(api, spec, period, clock, deadline) if len(points) < 2 else None
            return TrendResult(metric, period, points, before=before)
        case TrendSource.HEART_RATE:
            hr = heart_rate(api, period, clock, deadline)
            points = tuple(Point(r.taken_at.date(), r.value) for r in hr.readings)
            points += tuple(Point(d.day, float(d.hr_average)) for d in hr.daily if d.hr_average)
            return TrendResult(metric, period, points)
        case TrendSource.BLOOD_PRESSURE:
            bp = blood_pressure(api, period, clock, deadline).readings
            points = tuple(Point(r.taken_at.date(), r.systolic, r.diastolic) for r in bp)
            return TrendResult(metric, period, points)
        case TrendSource.NIGHTS:
            return _nights(api, spec, period, clock.today, deadline)
        case TrendSource.DAYS:
            return _days(api, spec, period, deadline)


def _nights(api: DataSource, spec: TrendSpec, period: Period, today: date, deadline: Deadline) -> TrendResult:
    value = spec.night_value
    if value is None:
        raise ValueError(f"{spec.metric}: a nightly trend needs a night_value")
    compare = period.days <= _MAX_COMPARED_DAYS
    first, last = sleep_nights(period, today)
    fetch_first = sleep_nights(period.preceding(), today)[0] if compare else first
    nights = main_sleeps(api.get_sleep_summaries(fetch_first, last, deadline=deadline))
    points = tuple(Point(n.night, v) for n in nights if (v := value(n)) is not None)
    current = tuple(p for p in points if first <= p.day <= last)
    previous = [p.value for p in points if p.day < first] if compare else []
    return TrendResult(spec.metric, period, current, mean(previous))


def _days(api: DataSource, spec: TrendSpec, period: Period, deadline: Deadline) -> TrendResult:
    value = spec.day_value
    if value is None:
        raise ValueError(f"{spec.metric}: a daily trend needs a day_value")
    compare = period.days <= _MAX_COMPARED_DAYS
    fetch_start = period.preceding().start if compare else period.start
    days = one_per_day(api.get_activity(fetch_start, period.end, deadline=deadline))
    values = [(d.day, value(d)) for d in days]
    current = tuple(Point(day, v) for day, v in values if v is not None and day in period)
    previous = [v for day, v in values if v is not None and day < period.start] if compare else []
    return TrendResult(spec.metric, period, current, mean(previous))


def _reading_before(
    api: DataSource, spec: TrendSpec, period: Period, clock: UserClock, deadline: Deadline
) -> Point | None:
    """The last reading in the LOOKBACK_DAYS before the period (a second call, only for a period with
    fewer than two readings: "how has my weight changed this month" on the 1st)."""
    from skill.voice.periods.period import Period
    from skill.voice.vocabulary import Granularity, Label

    last = period.start - timedelta(days=1)
    window = Period(last - timedelta(days=LOOKBACK_DAYS - 1), last, Granularity.RANGE, Label.RANGE)
    latest = measure(api, spec.codes, window, clock, deadline).latest
    return None if latest is None else Point(latest.taken_at.date(), latest.value)
