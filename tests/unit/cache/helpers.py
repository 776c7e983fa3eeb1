"""What the cache tests share: a clock they move, and records of every cached model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from skill.withings.models import (
    DailyActivity,
    Goals,
    Measure,
    MeasureGroup,
    Measurements,
    SleepSummary,
    Workout,
)

BERLIN = ZoneInfo("Europe/Berlin")
# The answers' "now": Thursday 26 November 2026, 9:30 in Berlin (a fixed instant, never the real date).
MOMENT = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
TODAY = date(2026, 11, 26)
DAY = timedelta(days=1)
USER = "10001"


@dataclass
class Clock:
    """The cache's epoch clock, moved by the tests (entries' ages run on it)."""

    t: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def weigh_in(at: datetime, kg: float, grpid: int = 1) -> MeasureGroup:
    return MeasureGroup(grpid, at, 0, 1, (Measure(1, kg, round(kg * 1000), -3), Measure(6, 21.5, 215, -1)))


MEASUREMENTS = Measurements(
    "Europe/Berlin",
    (
        weigh_in(local(TODAY - DAY, 7, 12), 80.2, 1),
        MeasureGroup(
            2, local(TODAY, 7, 40), 2, 1, (Measure(76, 35.1, 351, -1, position=3),), device_model="Body+"
        ),
    ),
    updated_at=datetime(2026, 11, 26, 7, 0, tzinfo=UTC),
)
ACTIVITY = (
    DailyActivity(
        TODAY - DAY, "Europe/Berlin", steps=6240, distance_m=4800.5, active_s=2400, is_tracker=True
    ),
    DailyActivity(TODAY, "America/New_York", steps=None, calories=310.25, brand=18, is_tracker=False),
)
SLEEP = (
    SleepSummary(
        TODAY,
        "Europe/Berlin",
        local(TODAY - DAY, 22, 55),
        local(TODAY, 7, 5),
        total_sleep_s=25000,
        sleep_efficiency=0.91,
        sleep_score=81,
    ),
)
WORKOUTS = (
    Workout(7, 1, TODAY, "Europe/Berlin", local(TODAY, 18), local(TODAY, 18, 40), distance_m=3000.0),
    Workout(
        None, 0, TODAY, "UTC", datetime(2026, 11, 26, 6, tzinfo=UTC), datetime(2026, 11, 26, 7, tzinfo=UTC)
    ),
)
GOALS = Goals(steps=10000, sleep_s=28800, weight_kg=75.5)
