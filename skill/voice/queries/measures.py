"""Readings of getmeas measures (scale, thermometer, oximeter) in a period, or the latest ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final, TypeVar

from skill.voice.stats import mean

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.voice.timezone import UserClock
    from skill.withings.deadline import Deadline
    from skill.withings.models import Measurements

# "The latest" looks this far back: enough for an occasional weigher, one page for a daily one.
LOOKBACK_DAYS: Final = 90
# "From last week": the reading nearest to 7 days before the latest, 4 to 10 days before it.
_WEEK_BEFORE: Final = timedelta(days=7)
_WEEK_WINDOW: Final = (timedelta(days=4), timedelta(days=10))

_K = TypeVar("_K")


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
    def average(self) -> float | None:
        return mean([r.value for r in self.readings])


def window(period: Period | None, clock: UserClock) -> tuple[datetime, datetime]:
    """The instants a period covers; for "the latest", the lookback window up to now."""
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
    wanted: Mapping[_K, tuple[int, ...]],
    period: Period | None,
    clock: UserClock,
    deadline: Deadline,
    *,
    compare_week: bool = False,
) -> dict[_K, MeasureResult]:
    """Several measures from one getmeas call: each key -> the readings of its codes."""
    start, end = window(period, clock)
    fetch_start = start - _WEEK_WINDOW[1] if compare_week else start
    all_codes = sorted({code for codes in wanted.values() for code in codes})
    data = api.get_measures(start=fetch_start, end=end, types=all_codes, deadline=deadline)
    results = {}
    for key, codes in wanted.items():
        series = _series(data, codes)
        readings = tuple(r for r in series if start <= r.taken_at < end)
        week_before = None
        if compare_week and readings:
            latest = readings[-1].taken_at
            earlier = [r for r in series if _WEEK_WINDOW[0] <= latest - r.taken_at <= _WEEK_WINDOW[1]]
            if earlier:
                week_before = min(earlier, key=lambda r: abs((latest - r.taken_at) - _WEEK_BEFORE))
        results[key] = MeasureResult(codes, period, readings, week_before)
    return results
