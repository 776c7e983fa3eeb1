"""Intent, slot and slot-value ids shared by the interaction model and the handlers.

CONTRACT: interaction_model/skill-package/interactionModels/custom/*.json use exactly these names; a test
checks that every locale's model declares them. Custom slot values carry the metric ids of
skill/voice/vocabulary.py in entity resolution (resolutions.resolutionsPerAuthority[].values[].value.id),
so handlers never depend on spoken words.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from skill.voice.vocabulary import (
    ActivityMetric,
    BodyMetric,
    GoalMetric,
    PeriodStep,
    SleepMetric,
    Topic,
    TrendMetric,
    VitalMetric,
)


class Intent(StrEnum):
    """Custom intents. Slot `date` (AMAZON.DATE) on single-period questions, `period` on trends and
    averages, `metric` (a custom type, per intent) where the question can be about several measures."""

    SLEEP = "SleepIntent"  # slots: date, metric:SLEEP_METRIC
    ACTIVITY = "ActivityIntent"  # slots: date, metric:ACTIVITY_METRIC
    BODY = "BodyIntent"  # slots: date, metric:BODY_METRIC  (weight and body composition)
    BLOOD_PRESSURE = "BloodPressureIntent"  # slots: date
    HEART_RATE = "HeartRateIntent"  # slots: date
    VITALS = "VitalsIntent"  # slots: date, metric:VITAL_METRIC (temperature, SpO2)
    WORKOUTS = "WorkoutIntent"  # slots: date
    DIGEST = "DailyDigestIntent"  # slots: date ("how am I doing today")
    TREND = "TrendIntent"  # slots: period, metric:TREND_METRIC ("how has my weight changed this month")
    AVERAGE = "AverageIntent"  # slots: period, metric:TREND_METRIC ("my average sleep last week")
    GOALS = "GoalsIntent"  # slots: metric:GOAL_METRIC ("how am I doing on my step goal")
    # In an open session: "what about the day before", "and last week", "and my weight" — the last
    # question again with another period or topic (skill/voice/conversation.py).
    FOLLOW_UP = "FollowUpIntent"  # slots: date, step:PERIOD_STEP, topic:TOPIC


class BuiltInIntent(StrEnum):
    HELP = "AMAZON.HelpIntent"
    CANCEL = "AMAZON.CancelIntent"
    STOP = "AMAZON.StopIntent"
    FALLBACK = "AMAZON.FallbackIntent"
    NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
    YES = "AMAZON.YesIntent"
    NO = "AMAZON.NoIntent"


class Slot(StrEnum):
    DATE = "date"
    PERIOD = "period"
    METRIC = "metric"
    STEP = "step"
    TOPIC = "topic"


class SlotType(StrEnum):
    DATE = "AMAZON.DATE"
    SLEEP_METRIC = "SLEEP_METRIC"
    ACTIVITY_METRIC = "ACTIVITY_METRIC"
    BODY_METRIC = "BODY_METRIC"
    VITAL_METRIC = "VITAL_METRIC"
    TREND_METRIC = "TREND_METRIC"
    GOAL_METRIC = "GOAL_METRIC"
    PERIOD_STEP = "PERIOD_STEP"
    TOPIC = "TOPIC"


CUSTOM_INTENTS: Final = tuple(Intent)
BUILT_IN_INTENTS: Final = tuple(BuiltInIntent)

# Custom slot types -> the value ids their values resolve to.
SLOT_TYPES: Final[dict[str, tuple[str, ...]]] = {
    SlotType.SLEEP_METRIC: tuple(SleepMetric),
    SlotType.ACTIVITY_METRIC: tuple(ActivityMetric),
    SlotType.BODY_METRIC: tuple(BodyMetric),
    SlotType.VITAL_METRIC: tuple(VitalMetric),
    SlotType.TREND_METRIC: tuple(TrendMetric),
    SlotType.GOAL_METRIC: tuple(GoalMetric),
    SlotType.PERIOD_STEP: tuple(PeriodStep),
    SlotType.TOPIC: tuple(Topic),
}

# intent -> (slot name -> slot type), the slots each custom intent declares.
INTENT_SLOTS: Final[dict[str, dict[str, str]]] = {
    Intent.SLEEP: {Slot.DATE: SlotType.DATE, Slot.METRIC: SlotType.SLEEP_METRIC},
    Intent.ACTIVITY: {Slot.DATE: SlotType.DATE, Slot.METRIC: SlotType.ACTIVITY_METRIC},
    Intent.BODY: {Slot.DATE: SlotType.DATE, Slot.METRIC: SlotType.BODY_METRIC},
    Intent.BLOOD_PRESSURE: {Slot.DATE: SlotType.DATE},
    Intent.HEART_RATE: {Slot.DATE: SlotType.DATE},
    Intent.VITALS: {Slot.DATE: SlotType.DATE, Slot.METRIC: SlotType.VITAL_METRIC},
    Intent.WORKOUTS: {Slot.DATE: SlotType.DATE},
    Intent.DIGEST: {Slot.DATE: SlotType.DATE},
    Intent.TREND: {Slot.PERIOD: SlotType.DATE, Slot.METRIC: SlotType.TREND_METRIC},
    Intent.AVERAGE: {Slot.PERIOD: SlotType.DATE, Slot.METRIC: SlotType.TREND_METRIC},
    Intent.GOALS: {Slot.METRIC: SlotType.GOAL_METRIC},
    Intent.FOLLOW_UP: {Slot.DATE: SlotType.DATE, Slot.STEP: SlotType.PERIOD_STEP, Slot.TOPIC: SlotType.TOPIC},
}
