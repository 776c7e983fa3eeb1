"""Blood pressure: systolic/diastolic pairs, with the pulse the monitor measured alongside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from skill.voice.queries.measures import window
from skill.voice.stats import mean
from skill.withings.measure_types import MeasurementType

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.voice.timezone import UserClock
    from skill.withings.deadline import Deadline

_SYSTOLIC, _DIASTOLIC, _PULSE = (
    MeasurementType.SYSTOLIC_BP,
    MeasurementType.DIASTOLIC_BP,
    MeasurementType.HEART_PULSE,
)


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
        systolic = mean([r.systolic for r in self.readings])
        diastolic = mean([r.diastolic for r in self.readings])
        if systolic is None or diastolic is None:
            return None
        return systolic, diastolic


def blood_pressure(
    api: DataSource, period: Period | None, clock: UserClock, deadline: Deadline
) -> BloodPressureResult:
    """Systolic/diastolic pairs (with the pulse measured alongside) in the period, or the latest."""
    start, end = window(period, clock)
    data = api.get_measures(start=start, end=end, types=[_SYSTOLIC, _DIASTOLIC, _PULSE], deadline=deadline)
    readings = []
    for group in data.groups:
        if not group.is_real or group.ambiguous or not start <= group.taken_at < end:
            continue
        systolic, diastolic = group.value(_SYSTOLIC), group.value(_DIASTOLIC)
        if systolic is None or diastolic is None:
            continue
        readings.append(BloodPressure(group.taken_at, systolic, diastolic, group.value(_PULSE)))
    readings.sort(key=lambda r: r.taken_at.timestamp())
    return BloodPressureResult(period, tuple(readings))
