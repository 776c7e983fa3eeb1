"""Intent, slot and slot-value ids shared by the interaction model and the handlers.

CONTRACT: interaction_model/skill-package/interactionModels/custom/*.json use exactly these names; a test
checks that every locale's model declares them. Custom slot values carry these ids in entity resolution
(resolutions.resolutionsPerAuthority[].values[].value.id), so handlers never depend on spoken words.
"""

from __future__ import annotations

from typing import Final

# Custom intents. Slot `date` (AMAZON.DATE) on single-period questions, `period` on trends/averages,
# `metric` (a custom type, per intent) where the question can be about several measures.
SLEEP: Final = "SleepIntent"  # slots: date, metric:SLEEP_METRIC
ACTIVITY: Final = "ActivityIntent"  # slots: date, metric:ACTIVITY_METRIC
BODY: Final = "BodyIntent"  # slots: date, metric:BODY_METRIC  (weight and body composition)
BLOOD_PRESSURE: Final = "BloodPressureIntent"  # slots: date
HEART_RATE: Final = "HeartRateIntent"  # slots: date
VITALS: Final = "VitalsIntent"  # slots: date, metric:VITAL_METRIC (temperature, SpO2)
WORKOUTS: Final = "WorkoutIntent"  # slots: date
DIGEST: Final = "DailyDigestIntent"  # slots: date ("how am I doing today")
TREND: Final = "TrendIntent"  # slots: period, metric:TREND_METRIC ("how has my weight changed this month")
AVERAGE: Final = "AverageIntent"  # slots: period, metric:TREND_METRIC ("my average sleep last week")
GOALS: Final = "GoalsIntent"  # slots: metric:GOAL_METRIC ("how am I doing on my step goal")

CUSTOM_INTENTS: Final = (
    SLEEP,
    ACTIVITY,
    BODY,
    BLOOD_PRESSURE,
    HEART_RATE,
    VITALS,
    WORKOUTS,
    DIGEST,
    TREND,
    AVERAGE,
    GOALS,
)
BUILT_IN_INTENTS: Final = (
    "AMAZON.HelpIntent",
    "AMAZON.CancelIntent",
    "AMAZON.StopIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
)

SLOT_DATE: Final = "date"
SLOT_PERIOD: Final = "period"
SLOT_METRIC: Final = "metric"

# Slot types -> the value ids their values resolve to.
SLOT_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "SLEEP_METRIC": (
        "TOTAL",
        "DEEP",
        "LIGHT",
        "REM",
        "SCORE",
        "BEDTIME",
        "WAKETIME",
        "AWAKE",
        "TIME_IN_BED",
        "LATENCY",
    ),
    "ACTIVITY_METRIC": ("STEPS", "DISTANCE", "CALORIES", "ACTIVE_TIME", "FLOORS"),
    "BODY_METRIC": ("WEIGHT", "FAT_RATIO", "FAT_MASS", "MUSCLE_MASS", "BONE_MASS", "HYDRATION", "LEAN_MASS"),
    "VITAL_METRIC": ("TEMPERATURE", "SPO2"),
    "TREND_METRIC": (
        "WEIGHT",
        "FAT_RATIO",
        "SLEEP",
        "STEPS",
        "DISTANCE",
        "CALORIES",
        "BLOOD_PRESSURE",
        "HEART_RATE",
    ),
    "GOAL_METRIC": ("STEPS", "SLEEP", "WEIGHT"),
}

# intent -> (slot name -> slot type), the slots each custom intent declares.
INTENT_SLOTS: Final[dict[str, dict[str, str]]] = {
    SLEEP: {SLOT_DATE: "AMAZON.DATE", SLOT_METRIC: "SLEEP_METRIC"},
    ACTIVITY: {SLOT_DATE: "AMAZON.DATE", SLOT_METRIC: "ACTIVITY_METRIC"},
    BODY: {SLOT_DATE: "AMAZON.DATE", SLOT_METRIC: "BODY_METRIC"},
    BLOOD_PRESSURE: {SLOT_DATE: "AMAZON.DATE"},
    HEART_RATE: {SLOT_DATE: "AMAZON.DATE"},
    VITALS: {SLOT_DATE: "AMAZON.DATE", SLOT_METRIC: "VITAL_METRIC"},
    WORKOUTS: {SLOT_DATE: "AMAZON.DATE"},
    DIGEST: {SLOT_DATE: "AMAZON.DATE"},
    TREND: {SLOT_PERIOD: "AMAZON.DATE", SLOT_METRIC: "TREND_METRIC"},
    AVERAGE: {SLOT_PERIOD: "AMAZON.DATE", SLOT_METRIC: "TREND_METRIC"},
    GOALS: {SLOT_METRIC: "GOAL_METRIC"},
}

LOCALES: Final = ("en-US", "en-GB", "de-DE")
