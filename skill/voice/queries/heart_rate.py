"""Heart rate: pulse readings from a scale or blood-pressure monitor, else the tracker's daily average."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from skill.voice.queries.activity import one_per_day
from skill.voice.queries.measures import Reading, measure
from skill.voice.stats import mean
from skill.withings.measure_types import MeasurementType

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.voice.timezone import UserClock
    from skill.withings.deadline import Deadline
    from skill.withings.models import DailyActivity


@dataclass(frozen=True)
class HeartRateResult:
    """Heart pulse from a scale or blood-pressure monitor; else the tracker's daily averages."""

    period: Period | None
    readings: tuple[Reading, ...]
    daily: tuple[DailyActivity, ...] = ()  # only when there are no readings; hr_average set

    @property
    def average(self) -> float | None:
        if self.readings:
            return mean([r.value for r in self.readings])
        return mean([float(d.hr_average) for d in self.daily if d.hr_average])


def heart_rate(
    api: DataSource, period: Period | None, clock: UserClock, deadline: Deadline
) -> HeartRateResult:
    """Heart pulse readings; without any, the tracker's daily average heart rate."""
    readings = measure(api, (MeasurementType.HEART_PULSE,), period, clock, deadline).readings
    if readings:
        return HeartRateResult(period, readings)
    today = clock.today
    first, last = (period.start, period.end) if period else (today - timedelta(days=6), today)
    days = api.get_activity(first, last, deadline=deadline)
    return HeartRateResult(period, (), tuple(d for d in one_per_day(days) if d.hr_average))
