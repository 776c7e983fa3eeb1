"""One spec per metric (skill/voice/specs.py): complete, consistent with the interaction model, and
reading the right fields of the Withings records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import pytest

from skill.voice import specs
from skill.voice.intents import SLOT_TYPES, SlotType
from skill.voice.locales import LOCALES
from skill.voice.specs import ActivitySpec, MeasureSpec, SleepSpec, TrendSource
from skill.voice.speech.catalogue import load
from skill.voice.speech.format import Formatter
from skill.voice.vocabulary import (
    ActivityMetric,
    BodyMetric,
    GoalMetric,
    Quantity,
    SleepMetric,
    TrendMetric,
    VitalMetric,
)
from skill.withings.measure_types import MeasurementType
from skill.withings.models import DailyActivity, Goals, SleepSummary

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 26)

TABLES: list[tuple[object, type[StrEnum], SlotType]] = [
    (specs.SLEEP, SleepMetric, SlotType.SLEEP_METRIC),
    (specs.ACTIVITY, ActivityMetric, SlotType.ACTIVITY_METRIC),
    (specs.BODY, BodyMetric, SlotType.BODY_METRIC),
    (specs.VITALS, VitalMetric, SlotType.VITAL_METRIC),
    (specs.TREND, TrendMetric, SlotType.TREND_METRIC),
    (specs.GOALS, GoalMetric, SlotType.GOAL_METRIC),
]


@pytest.mark.parametrize(("table", "ids", "slot_type"), TABLES)
def test_every_slot_value_of_the_interaction_model_has_exactly_one_spec(
    table: dict[str, object], ids: type[StrEnum], slot_type: SlotType
) -> None:
    assert list(table) == list(ids)  # one spec per id, in the enum's order
    assert set(table) == set(SLOT_TYPES[slot_type])
    assert all(spec.metric == metric for metric, spec in table.items())  # type: ignore[attr-defined]


def test_every_slot_type_has_a_spec_table() -> None:
    # The follow-up's slots are read by skill/voice/conversation.py (its TOPICS table), not by specs.
    follow_up = {SlotType.PERIOD_STEP, SlotType.TOPIC}
    assert {slot_type for _, _, slot_type in TABLES} == set(SLOT_TYPES) - follow_up


def test_every_topic_of_a_follow_up_names_a_metric_of_its_intent() -> None:
    from skill.voice.conversation import TOPICS
    from skill.voice.intents import INTENT_SLOTS
    from skill.voice.vocabulary import Topic

    assert list(TOPICS) == list(Topic)
    for topic, spec in TOPICS.items():
        metric_type = INTENT_SLOTS[spec.intent].get("metric")
        if spec.metric is not None:
            assert metric_type is not None and spec.metric in SLOT_TYPES[metric_type], topic
        assert spec.trend is None or spec.trend in SLOT_TYPES[SlotType.TREND_METRIC], topic
        assert spec.goal is None or spec.goal in SLOT_TYPES[SlotType.GOAL_METRIC], topic


@pytest.mark.parametrize("spec", [*specs.BODY.values(), *specs.VITALS.values()], ids=lambda s: s.metric)
def test_measure_specs_name_known_withings_codes(spec: MeasureSpec) -> None:
    assert spec.codes
    assert all(MeasurementType(code) is not MeasurementType.UNKNOWN for code in spec.codes)


def test_measure_codes_are_the_withings_ones() -> None:
    body = {metric: spec.codes for metric, spec in specs.BODY.items()}
    assert body == {
        "WEIGHT": (1,),
        "FAT_RATIO": (6,),
        "FAT_MASS": (8,),
        "MUSCLE_MASS": (76,),
        "BONE_MASS": (88,),
        "HYDRATION": (77,),
        "LEAN_MASS": (5,),
    }
    assert {metric: spec.codes for metric, spec in specs.VITALS.items()} == {
        "TEMPERATURE": (71, 12),
        "SPO2": (54,),
    }
    assert [m for m, spec in specs.BODY.items() if spec.weigh_in] == ["WEIGHT"]


@pytest.mark.parametrize("spec", specs.TREND.values(), ids=lambda s: s.metric)
def test_each_trend_source_has_what_its_query_and_reply_need(spec: specs.TrendSpec) -> None:
    if spec.source is TrendSource.MEASURES:
        assert spec.codes and spec.key is None
        assert spec.quantity in (Quantity.WEIGHT, Quantity.PERCENT)  # the two with a spoken change
    else:
        assert spec.key is not None and not spec.codes
    assert (spec.night_value is not None) == (spec.source is TrendSource.NIGHTS)
    assert (spec.day_value is not None) == (spec.source is TrendSource.DAYS)


def test_trends_read_the_same_values_as_the_questions_about_one_day() -> None:
    trend, activity = specs.TREND, specs.ACTIVITY
    assert trend[TrendMetric.WEIGHT].codes == specs.BODY[BodyMetric.WEIGHT].codes
    assert trend[TrendMetric.FAT_RATIO].codes == specs.BODY[BodyMetric.FAT_RATIO].codes
    assert trend[TrendMetric.STEPS].day_value is activity[ActivityMetric.STEPS].value
    assert trend[TrendMetric.DISTANCE].day_value is activity[ActivityMetric.DISTANCE].value
    assert trend[TrendMetric.CALORIES].day_value is activity[ActivityMetric.CALORIES].value
    assert trend[TrendMetric.SLEEP].night_value is specs.SLEEP[SleepMetric.TOTAL].value


def test_goals_stand_on_todays_steps_last_nights_sleep_and_the_latest_weight() -> None:
    goals = specs.GOALS
    assert goals[GoalMetric.STEPS].current == specs.ACTIVITY[ActivityMetric.STEPS]
    assert goals[GoalMetric.SLEEP].current == specs.SLEEP[SleepMetric.TOTAL]
    assert goals[GoalMetric.WEIGHT].current == specs.BODY[BodyMetric.WEIGHT]
    set_goals = Goals(steps=8000, sleep_s=28800, weight_kg=75.5)
    assert [spec.target(set_goals) for spec in goals.values()] == [8000, 28800, 75.5]


# -- what each spec reads from a Withings record -----------------------------------------------------


def _night(**kw: int | None) -> SleepSummary:
    start = datetime(2026, 11, 25, 22, 55, tzinfo=BERLIN)
    end = datetime(2026, 11, 26, 7, 5, tzinfo=BERLIN)
    return SleepSummary(night=DAY, timezone="Europe/Berlin", start=start, end=end, **kw)  # type: ignore[arg-type]


def test_sleep_specs_read_their_field_and_none_when_withings_did_not_record_it() -> None:
    full = _night(
        total_sleep_s=25000,
        deep_s=5000,
        light_s=14000,
        rem_s=6000,
        sleep_score=81,
        awake_s=900,
        time_in_bed_s=27000,
        sleep_latency_s=600,
        wakeup_latency_s=300,
    )
    values = {m: spec.value(full) for m, spec in specs.SLEEP.items() if spec.value is not None}
    assert values == {
        "TOTAL": 25000,
        "DEEP": 5000,
        "LIGHT": 14000,
        "REM": 6000,
        "SCORE": 81,
        "AWAKE": 900,
        "TIME_IN_BED": 27000,
        "LATENCY": 600,
    }
    empty = _night(total_sleep_s=0)  # an external source's night with no stages
    assert {
        m: spec.value(empty) for m, spec in specs.SLEEP.items() if spec.value is not None
    } == dict.fromkeys(values)
    clocks = {m: spec.clock(full) for m, spec in specs.SLEEP.items() if spec.clock is not None}
    # Went to bed, fell asleep (after the latency), woke up (before getting up), got up.
    assert clocks == {
        "BEDTIME": full.start,
        "ASLEEP_TIME": full.start + timedelta(seconds=600),
        "WAKETIME": full.end - timedelta(seconds=300),
        "RISE_TIME": full.end,
    }
    no_latencies = {m: spec.clock(empty) for m, spec in specs.SLEEP.items() if spec.clock is not None}
    assert no_latencies == {
        "BEDTIME": empty.start,
        "ASLEEP_TIME": None,
        "WAKETIME": None,
        "RISE_TIME": empty.end,
    }


@pytest.mark.parametrize("spec", specs.SLEEP.values(), ids=lambda s: s.metric)
def test_a_sleep_metric_is_a_number_or_a_time_of_night(spec: SleepSpec) -> None:
    assert (spec.value is None) != (spec.clock is None)
    assert spec.around_midnight == (spec.metric in (SleepMetric.BEDTIME, SleepMetric.ASLEEP_TIME))


def test_activity_specs_read_their_field_and_zero_is_no_data() -> None:
    day = DailyActivity(
        day=DAY,
        timezone="Europe/Berlin",
        steps=6240,
        distance_m=4800.5,
        calories=310.0,
        active_s=2400,
        elevation_floors=7.0,
    )
    assert {m: spec.value(day) for m, spec in specs.ACTIVITY.items()} == {
        "STEPS": 6240,
        "DISTANCE": 4800.5,
        "CALORIES": 310.0,
        "ACTIVE_TIME": 2400,
        "FLOORS": 7.0,
    }
    nothing = DailyActivity(day=DAY, timezone="Europe/Berlin", steps=0, distance_m=0.0, calories=0.0)
    assert {m: spec.value(nothing) for m, spec in specs.ACTIVITY.items()} == dict.fromkeys(specs.ACTIVITY)


def test_active_time_falls_back_to_moderate_plus_intense() -> None:
    spec: ActivitySpec = specs.ACTIVITY[ActivityMetric.ACTIVE_TIME]
    day = DailyActivity(day=DAY, timezone="Europe/Berlin", moderate_s=1200, intense_s=300)
    assert spec.value(day) == 1500


# -- how each is said ----------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_quantity_has_words_in_every_locale(locale: str) -> None:
    fmt = Formatter(load(locale), DAY)
    for quantity in Quantity:
        assert fmt.quantity(quantity, 12.0)


@pytest.mark.parametrize(
    ("quantity", "value", "expected"),
    [
        (Quantity.WEIGHT, 81.2, "179 pounds"),
        (Quantity.MASS, 0.6, "1.3 pounds"),
        (Quantity.PERCENT, 22.54, "22.5 percent"),
        (Quantity.WHOLE_PERCENT, 97.4, "97 percent"),
        (Quantity.DISTANCE, 5150, "3.2 miles"),
        (Quantity.STEPS, 6240, "6,240 steps"),
        (Quantity.CALORIES, 310, "310 active calories"),
        (Quantity.FLOORS, 1, "1 floor"),
        (Quantity.DURATION, 7 * 3600 + 600, "7 hours 10 minutes"),
        (Quantity.BPM, 64, "64 beats per minute"),
        (Quantity.TEMPERATURE, 37.0, "98.6 degrees Fahrenheit"),
        (Quantity.NUMBER, 78.4, "78"),
    ],
)
def test_quantities_in_american_english(quantity: Quantity, value: float, expected: str) -> None:
    assert Formatter(load("en-US"), DAY).quantity(quantity, value) == expected


def test_a_change_is_none_when_it_is_the_same_as_spoken() -> None:
    us, de = Formatter(load("en-US"), DAY), Formatter(load("de-DE"), DAY)
    assert us.change(Quantity.WEIGHT, 80.0, 80.01) is None  # 176.4 pounds both
    # The sign compares the values as spoken (176.4 and 175.0 pounds); the size is the real change.
    assert us.change(Quantity.WEIGHT, 80.0, 79.4) == pytest.approx((-1.4, "1.3 pounds"))
    assert de.change(Quantity.WEIGHT, 80.0, 80.6) == pytest.approx((0.6, "0,6 Kilo"))
    assert us.change(Quantity.PERCENT, 22.04, 22.01) is None
    assert us.change(Quantity.PERCENT, 22.0, 21.5) == pytest.approx((-0.5, "0.5 percentage points"))
    with pytest.raises(ValueError):
        us.change(Quantity.STEPS, 1, 2)
