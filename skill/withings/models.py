"""Typed, immutable records parsed at the boundary. Nothing downstream sees a raw Withings dict.

Times are time-zone aware, in the record's own time zone (Withings sends an IANA name per record, or
one per getmeas body). Daily records (activity, sleep summary, workout) carry the local calendar day
Withings assigned them.

Every Withings code is kept as it came (`*_code`, an int) and read through a property that gives its
IntEnum (`type`, `category`, `attribution`): a code the enum does not list reads as UNKNOWN, never
crashes a reply, and its int stays available (the classic facade names unknown measures by it).

Why NamedTuple rather than frozen dataclasses: parsing a year of getmeas builds thousands of these,
and a tuple is built in one C call, where a frozen dataclass sets each field through
object.__setattr__; a NamedTuple class is also several times cheaper to create at import (cold start).
They are immutable and typed; like any tuple they also compare equal to a tuple of the same values.

CONTRACT: the voice layer and the sandbox tests rely on these names and meanings; change them only
together with their users.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from skill.withings.group_codes import AMBIGUOUS, Attribution, MeasureCategory
from skill.withings.measure_types import MeasurementType
from skill.withings.workout_categories import WorkoutCategory


class Measure(NamedTuple):
    type_code: int  # getmeas `type`, as sent
    value: float  # value × 10^unit, computed once
    raw_value: int
    raw_unit: int
    position: int | None = None  # body segment for segmental body composition

    @property
    def type(self) -> MeasurementType:
        return MeasurementType(self.type_code)


class MeasureGroup(NamedTuple):
    grpid: int
    taken_at: datetime  # aware, in the body's time zone
    attribution_code: int  # getmeas `attrib`, as sent
    category_code: int  # getmeas `category`, as sent: 1 real measure, 2 user objective
    measures: tuple[Measure, ...]
    device_model: str | None = None

    @property
    def attribution(self) -> Attribution:
        return Attribution(self.attribution_code)

    @property
    def category(self) -> MeasureCategory:
        return MeasureCategory(self.category_code)

    @property
    def ambiguous(self) -> bool:
        """Maybe another user's, or entered at account creation (Attribution.ambiguous)."""
        return self.attribution_code in AMBIGUOUS

    @property
    def is_real(self) -> bool:
        return self.category_code == MeasureCategory.REAL

    def value(self, type_: MeasurementType | int) -> float | None:
        """The first measure of this type in the group (whole-body, i.e. no segment), or None."""
        for m in self.measures:
            if m.type_code == type_ and m.position is None:
                return m.value
        return None


class Measurements(NamedTuple):
    timezone: str
    groups: tuple[MeasureGroup, ...]  # oldest first
    updated_at: datetime | None = None

    def latest(
        self, type_: MeasurementType | int, *, include_ambiguous: bool = False
    ) -> tuple[MeasureGroup, float] | None:
        """The newest real (category 1) value of a measure type, skipping ambiguous groups by default."""
        for group in reversed(self.groups):
            if not group.is_real or (group.ambiguous and not include_ambiguous):
                continue
            value = group.value(type_)
            if value is not None:
                return group, value
        return None

    def series(
        self, type_: MeasurementType | int, *, include_ambiguous: bool = False
    ) -> tuple[tuple[datetime, float], ...]:
        """(time, value) of every real, unambiguous value of a type, oldest first."""
        out = []
        for group in self.groups:
            if not group.is_real or (group.ambiguous and not include_ambiguous):
                continue
            value = group.value(type_)
            if value is not None:
                out.append((group.taken_at, value))
        return tuple(out)


class DailyActivity(NamedTuple):
    day: date  # the local day Withings assigned
    timezone: str
    steps: int | None = None
    distance_m: float | None = None
    elevation_floors: float | None = None
    soft_s: int | None = None
    moderate_s: int | None = None
    intense_s: int | None = None
    active_s: int | None = None  # moderate + intense
    calories: float | None = None  # active kcal
    total_calories: float | None = None  # active + passive kcal
    hr_average: int | None = None
    hr_min: int | None = None
    hr_max: int | None = None
    brand: int | None = None  # 1 Withings, 18 external (phone step counters)
    is_tracker: bool | None = None


class SleepSummary(NamedTuple):
    night: date  # the night's date as Withings gives it (the day the sleep ended)
    timezone: str
    start: datetime  # aware, in the record's time zone
    end: datetime
    total_sleep_s: int | None = None  # light + deep + REM (or asleepduration for external sources)
    time_in_bed_s: int | None = None
    light_s: int | None = None
    deep_s: int | None = None
    rem_s: int | None = None
    awake_s: int | None = None  # wakeupduration
    wakeup_count: int | None = None
    sleep_latency_s: int | None = None  # time to fall asleep
    wakeup_latency_s: int | None = None
    sleep_score: int | None = None
    sleep_efficiency: float | None = None  # 0..1
    hr_average: int | None = None
    rr_average: int | None = None
    snoring_s: int | None = None


class Workout(NamedTuple):
    id: int | None
    category_code: int  # getworkouts `category`, as sent (0 when missing)
    day: date
    timezone: str
    start: datetime  # aware, in the record's time zone
    end: datetime
    calories: float | None = None
    distance_m: float | None = None
    steps: int | None = None
    intensity: int | None = None
    hr_average: int | None = None

    @property
    def category(self) -> WorkoutCategory:
        return WorkoutCategory(self.category_code)

    @property
    def duration_s(self) -> int:
        return max(0, int((self.end - self.start).total_seconds()))


class Goals(NamedTuple):
    steps: int | None = None
    sleep_s: int | None = None
    weight_kg: float | None = None
