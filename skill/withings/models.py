"""Typed, immutable records parsed at the boundary. Nothing downstream sees a raw Withings dict.

Times are time-zone aware, in the record's own time zone (Withings sends an IANA name per record, or
one per getmeas body). Daily records (activity, sleep summary, workout) carry the local calendar day
Withings assigned them. Unknown codes (measure types, workout categories, attribs) pass through as
ints with a generic name: Withings adds new ones often, and a new code must never crash a reply.

CONTRACT: the voice layer and the sandbox tests rely on these names and meanings; change them only
together with their users.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class MeasureType:
    code: int
    name: str  # the classic facade's name, e.g. "Weight", "Fat mass weight", "Systolic blood pressure"
    unit: str  # "kg", "%", "mmHg", "bpm", "°C", "m/s", "ml/min/kg", "" for unitless/unknown
    known: bool = True


@dataclass(frozen=True)
class Measure:
    type: MeasureType
    value: float  # value × 10^unit, computed once
    raw_value: int
    raw_unit: int
    position: int | None = None  # body segment for segmental body composition


@dataclass(frozen=True)
class MeasureGroup:
    grpid: int
    taken_at: datetime  # aware, in the body's time zone
    attrib: int
    category: int  # 1 real measure, 2 user objective
    measures: tuple[Measure, ...]
    device_model: str | None = None

    @property
    def ambiguous(self) -> bool:
        """attrib 1 (maybe another user) and 4 (entered at account creation) are not trustworthy."""
        return self.attrib in (1, 4)

    @property
    def is_real(self) -> bool:
        return self.category == 1

    def value(self, code: int) -> float | None:
        """The first measure of this type in the group (whole-body, i.e. no segment), or None."""
        for m in self.measures:
            if m.type.code == code and m.position is None:
                return m.value
        return None


@dataclass(frozen=True)
class Measurements:
    timezone: str
    groups: tuple[MeasureGroup, ...]  # oldest first
    updated_at: datetime | None = None

    def latest(self, code: int, *, include_ambiguous: bool = False) -> tuple[MeasureGroup, float] | None:
        """The newest real (category 1) value of a measure type, skipping ambiguous groups by default."""
        for group in reversed(self.groups):
            if not group.is_real or (group.ambiguous and not include_ambiguous):
                continue
            value = group.value(code)
            if value is not None:
                return group, value
        return None

    def series(self, code: int, *, include_ambiguous: bool = False) -> tuple[tuple[datetime, float], ...]:
        """(time, value) of every real, unambiguous value of a type, oldest first."""
        out = []
        for group in self.groups:
            if not group.is_real or (group.ambiguous and not include_ambiguous):
                continue
            value = group.value(code)
            if value is not None:
                out.append((group.taken_at, value))
        return tuple(out)


@dataclass(frozen=True)
class DailyActivity:
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
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class SleepSummary:
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
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class WorkoutCategory:
    code: int
    name: str  # classic facade name, e.g. "Walk", "Run", "Swimming"
    known: bool = True


@dataclass(frozen=True)
class Workout:
    id: int | None
    category: WorkoutCategory
    day: date
    timezone: str
    start: datetime  # aware, in the record's time zone
    end: datetime
    calories: float | None = None
    distance_m: float | None = None
    steps: int | None = None
    intensity: int | None = None
    hr_average: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def duration_s(self) -> int:
        return max(0, int((self.end - self.start).total_seconds()))


@dataclass(frozen=True)
class Goals:
    steps: int | None = None
    sleep_s: int | None = None
    weight_kg: float | None = None
