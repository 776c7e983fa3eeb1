"""One query per question family: which Withings calls answer it for a period, and what to keep.

Each takes the data client (a DataSource), the resolved Period (or None for "the latest"), the user's
clock and the request's Deadline, and returns a small frozen result that speech turns into words. No
Alexa here and no wording: the handlers sit on one side, speech on the other. The modules mirror the
handlers: measures (body, vitals), blood_pressure, heart_rate, activity, sleep, workouts, trend,
digest and goals (gather runs the last two's parts concurrently).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from skill.withings.deadline import Deadline
    from skill.withings.models import DailyActivity, Goals, Measurements, SleepSummary, Workout


class DataSource(Protocol):
    """What the voice layer asks of the Withings data client (skill.withings.api.WithingsApi)."""

    def get_measures(
        self, *, start: datetime, end: datetime, types: Sequence[int], deadline: Deadline
    ) -> Measurements: ...

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[DailyActivity, ...]: ...

    def get_sleep_summaries(
        self, start: date, end: date, *, deadline: Deadline
    ) -> tuple[SleepSummary, ...]: ...

    def get_workouts(self, start: date, end: date, *, deadline: Deadline) -> tuple[Workout, ...]: ...

    def get_goals(self, *, deadline: Deadline) -> Goals: ...
