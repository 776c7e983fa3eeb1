"""Workouts recorded on the days of a period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.withings.deadline import Deadline
    from skill.withings.models import Workout


@dataclass(frozen=True)
class WorkoutsResult:
    period: Period
    workouts: tuple[Workout, ...]  # oldest first


def workouts(api: DataSource, period: Period, deadline: Deadline) -> WorkoutsResult:
    found = api.get_workouts(period.start, period.end, deadline=deadline)
    inside = sorted((w for w in found if w.day in period), key=lambda w: w.start.timestamp())
    return WorkoutsResult(period, tuple(inside))
