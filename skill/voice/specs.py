"""One spec per metric: where its value comes from, how it is said, and which messages say it.

Queries and replies look a metric up here instead of branching on its id, so adding a metric is one
spec (and its slot value in the interaction model) plus its locale strings; tests/unit/voice walks
every spec × locale × the catalogue keys it names. Specs are NamedTuples: immutable, and cheap to
define on a cold start (a dataclass costs a millisecond each).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol, TypeVar

from skill.voice.vocabulary import (
    ActivityMetric,
    BodyMetric,
    GoalMetric,
    Quantity,
    SleepMetric,
    TrendMetric,
    VitalMetric,
)
from skill.withings.measure_types import MeasurementType as M

if TYPE_CHECKING:
    from skill.withings.models import DailyActivity, Goals, SleepSummary


class SleepSpec(NamedTuple):
    """A SLEEP_METRIC: a number read from each night (`value`) or a time of night (`clock`)."""

    metric: SleepMetric
    # One night: {value} {when}, and {metric}, {asleep} and {woke} (fell asleep, woke up) where the
    # text wants them; `in_bed_key` instead when those two are unknown, with {start} {end} (in bed).
    night_key: str
    nights_key: str  # the average over several nights: {value} {when}, and {metric}, {nights}
    value: Callable[[SleepSummary], float | None] | None = None  # None: Withings didn't record it
    clock: Callable[[SleepSummary], datetime | None] | None = None
    in_bed_key: str | None = None
    quantity: Quantity = Quantity.DURATION
    around_midnight: bool = False  # a clock averaged from noon, so 11 PM and 1 AM give midnight
    with_score: bool = False  # one night's sentence ends with the sleep score, when there is one

    @property
    def name_key(self) -> str:
        return f"metric.sleep.{self.metric.lower()}"

    @property
    def keys(self) -> tuple[str, ...]:
        found = (self.name_key, self.night_key, self.nights_key)
        return found if self.in_bed_key is None else (*found, self.in_bed_key)


def fell_asleep(night: SleepSummary) -> datetime | None:
    """When the person fell asleep: the start of the night in bed plus the time it took (latency)."""
    latency = night.sleep_latency_s
    return None if latency is None else night.start + timedelta(seconds=latency)


def woke_up(night: SleepSummary) -> datetime | None:
    """When the person woke up: the end of the night in bed less the time before getting up."""
    latency = night.wakeup_latency_s
    return None if latency is None else night.end - timedelta(seconds=latency)


class ActivitySpec(NamedTuple):
    """An ACTIVITY_METRIC: one number per day from the tracker's daily record."""

    metric: ActivityMetric
    value: Callable[[DailyActivity], float | None]  # None (or zero): nothing that day
    quantity: Quantity

    @property
    def stem(self) -> str:
        return f"activity.{self.metric.lower()}"

    @property
    def keys(self) -> tuple[str, ...]:
        """So far today, on a past day, and over a period: {value} {when}, {average} for a period."""
        return (f"{self.stem}.today", f"{self.stem}.day", f"{self.stem}.period")


class MeasureSpec(NamedTuple):
    """A BODY_METRIC or VITAL_METRIC: readings of one or more getmeas types that mean the same."""

    metric: BodyMetric | VitalMetric
    name_key: str
    codes: tuple[M, ...]
    quantity: Quantity
    weigh_in: bool = False  # the scale's headline: compared with a week earlier, "as of your weigh-in"

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.name_key,)


class TrendSource(Enum):
    """Where a trend's points come from."""

    MEASURES = "measures"  # readings of getmeas types: first to last, and the average
    BLOOD_PRESSURE = "blood_pressure"  # systolic/diastolic pairs: the averages
    HEART_RATE = "heart_rate"  # pulse readings, else the tracker's daily averages
    NIGHTS = "nights"  # total sleep per night, with the period before for comparison
    DAYS = "days"  # a daily activity value, with the period before for comparison


class TrendSpec(NamedTuple):
    """A TREND_METRIC (TrendIntent and AverageIntent)."""

    metric: TrendMetric
    source: TrendSource
    quantity: Quantity
    key: str | None = None  # the average sentence; measures use the shared trend.* messages
    codes: tuple[M, ...] = ()  # MEASURES
    night_value: Callable[[SleepSummary], float | None] | None = None  # NIGHTS
    day_value: Callable[[DailyActivity], float | None] | None = None  # DAYS

    @property
    def name_key(self) -> str:
        return f"metric.trend.{self.metric.lower()}"

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.name_key,) if self.key is None else (self.name_key, self.key)


class GoalSpec(NamedTuple):
    """A GOAL_METRIC: the goal from Withings, and the metric that says where the user stands."""

    metric: GoalMetric
    target: Callable[[Goals], float | None]  # None or zero: no goal set
    quantity: Quantity  # the goal and the current value
    current: ActivitySpec | SleepSpec | MeasureSpec  # today's value, last night's, the latest reading

    @property
    def stem(self) -> str:
        return f"goals.{self.metric.lower()}"

    @property
    def keys(self) -> tuple[str, ...]:
        """Where the user stands ({goal} {value}, {percent}, {fresh}), no data yet, no goal set."""
        return (self.stem, f"{self.stem}_nodata", f"goals.none.{self.metric.lower()}")


def _active_s(d: DailyActivity) -> float | None:
    if d.active_s:
        return float(d.active_s)
    return float((d.moderate_s or 0) + (d.intense_s or 0)) or None


class _Spec(Protocol):
    @property
    def metric(self) -> str: ...


_K = TypeVar("_K", bound=StrEnum)
_S = TypeVar("_S", bound=_Spec)


def _by_metric(ids: type[_K], *specs: _S) -> Mapping[_K, _S]:
    return MappingProxyType({ids(spec.metric): spec for spec in specs})


_STAGE: Final = ("sleep.stage", "sleep.average_stage")  # deep, light and REM sleep
_AVERAGE_DURATION: Final = "sleep.average_metric"

SLEEP: Final = _by_metric(
    SleepMetric,
    SleepSpec(
        SleepMetric.TOTAL,
        "sleep.total",
        "sleep.average",
        value=lambda s: float(s.total_sleep_s) if s.total_sleep_s else None,
        with_score=True,
        in_bed_key="sleep.total_in_bed",
    ),
    SleepSpec(SleepMetric.DEEP, *_STAGE, value=lambda s: s.deep_s),
    SleepSpec(SleepMetric.LIGHT, *_STAGE, value=lambda s: s.light_s),
    SleepSpec(SleepMetric.REM, *_STAGE, value=lambda s: s.rem_s),
    SleepSpec(
        SleepMetric.SCORE,
        "sleep.score",
        "sleep.average_score",
        value=lambda s: s.sleep_score,
        quantity=Quantity.NUMBER,
    ),
    SleepSpec(
        SleepMetric.BEDTIME,
        "sleep.bedtime",
        "sleep.average_bedtime",
        clock=lambda s: s.start,
        around_midnight=True,
    ),
    SleepSpec(
        SleepMetric.ASLEEP_TIME,
        "sleep.asleep_time",
        "sleep.average_asleep_time",
        clock=fell_asleep,
        around_midnight=True,
    ),
    SleepSpec(SleepMetric.WAKETIME, "sleep.waketime", "sleep.average_waketime", clock=woke_up),
    SleepSpec(SleepMetric.RISE_TIME, "sleep.rise_time", "sleep.average_rise_time", clock=lambda s: s.end),
    SleepSpec(SleepMetric.AWAKE, "sleep.awake", _AVERAGE_DURATION, value=lambda s: s.awake_s),
    SleepSpec(
        SleepMetric.TIME_IN_BED, "sleep.time_in_bed", _AVERAGE_DURATION, value=lambda s: s.time_in_bed_s
    ),
    SleepSpec(SleepMetric.LATENCY, "sleep.latency", _AVERAGE_DURATION, value=lambda s: s.sleep_latency_s),
)

ACTIVITY: Final = _by_metric(
    ActivityMetric,
    ActivitySpec(ActivityMetric.STEPS, lambda d: float(d.steps) if d.steps else None, Quantity.STEPS),
    ActivitySpec(ActivityMetric.DISTANCE, lambda d: d.distance_m or None, Quantity.DISTANCE),
    ActivitySpec(ActivityMetric.CALORIES, lambda d: d.calories or None, Quantity.CALORIES),
    ActivitySpec(ActivityMetric.ACTIVE_TIME, _active_s, Quantity.DURATION),
    ActivitySpec(ActivityMetric.FLOORS, lambda d: d.elevation_floors or None, Quantity.FLOORS),
)

BODY: Final = _by_metric(
    BodyMetric,
    MeasureSpec(BodyMetric.WEIGHT, "metric.body.weight", (M.WEIGHT,), Quantity.WEIGHT, weigh_in=True),
    MeasureSpec(BodyMetric.FAT_RATIO, "metric.body.fat_ratio", (M.FAT_RATIO,), Quantity.PERCENT),
    MeasureSpec(BodyMetric.FAT_MASS, "metric.body.fat_mass", (M.FAT_MASS,), Quantity.MASS),
    MeasureSpec(BodyMetric.MUSCLE_MASS, "metric.body.muscle_mass", (M.MUSCLE_MASS,), Quantity.MASS),
    MeasureSpec(BodyMetric.BONE_MASS, "metric.body.bone_mass", (M.BONE_MASS,), Quantity.MASS),
    MeasureSpec(BodyMetric.HYDRATION, "metric.body.hydration", (M.HYDRATION,), Quantity.MASS),
    MeasureSpec(BodyMetric.LEAN_MASS, "metric.body.lean_mass", (M.FAT_FREE_MASS,), Quantity.MASS),
)

VITALS: Final = _by_metric(
    VitalMetric,
    # A thermometer's reading and a scale's body temperature are the same measure.
    MeasureSpec(
        VitalMetric.TEMPERATURE,
        "metric.vital.temperature",
        (M.BODY_TEMPERATURE, M.TEMPERATURE),
        Quantity.TEMPERATURE,
    ),
    MeasureSpec(VitalMetric.SPO2, "metric.vital.spo2", (M.SPO2,), Quantity.WHOLE_PERCENT),
)

_WEIGHT, _FAT_RATIO = BODY[BodyMetric.WEIGHT], BODY[BodyMetric.FAT_RATIO]
_STEPS, _DISTANCE = ACTIVITY[ActivityMetric.STEPS], ACTIVITY[ActivityMetric.DISTANCE]
_CALORIES, _TOTAL = ACTIVITY[ActivityMetric.CALORIES], SLEEP[SleepMetric.TOTAL]

TREND: Final = _by_metric(
    TrendMetric,
    TrendSpec(TrendMetric.WEIGHT, TrendSource.MEASURES, _WEIGHT.quantity, codes=_WEIGHT.codes),
    TrendSpec(TrendMetric.FAT_RATIO, TrendSource.MEASURES, _FAT_RATIO.quantity, codes=_FAT_RATIO.codes),
    TrendSpec(
        TrendMetric.SLEEP, TrendSource.NIGHTS, _TOTAL.quantity, "trend.sleep", night_value=_TOTAL.value
    ),
    TrendSpec(TrendMetric.STEPS, TrendSource.DAYS, _STEPS.quantity, "trend.steps", day_value=_STEPS.value),
    TrendSpec(
        TrendMetric.DISTANCE,
        TrendSource.DAYS,
        _DISTANCE.quantity,
        "trend.distance",
        day_value=_DISTANCE.value,
    ),
    TrendSpec(
        TrendMetric.CALORIES,
        TrendSource.DAYS,
        _CALORIES.quantity,
        "trend.calories",
        day_value=_CALORIES.value,
    ),
    TrendSpec(
        TrendMetric.BLOOD_PRESSURE, TrendSource.BLOOD_PRESSURE, Quantity.NUMBER, "trend.blood_pressure"
    ),
    TrendSpec(TrendMetric.HEART_RATE, TrendSource.HEART_RATE, Quantity.BPM, "trend.heart_rate"),
)

GOALS: Final = _by_metric(
    GoalMetric,
    GoalSpec(GoalMetric.STEPS, lambda g: g.steps, Quantity.STEPS, _STEPS),
    GoalSpec(GoalMetric.SLEEP, lambda g: g.sleep_s, Quantity.DURATION, _TOTAL),
    GoalSpec(GoalMetric.WEIGHT, lambda g: g.weight_kg, Quantity.WEIGHT, _WEIGHT),
)
