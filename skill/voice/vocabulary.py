"""The voice layer's vocabulary: the ids other parts of the system read as strings.

Metric ids are the interaction model's slot value ids (entity resolution sends them), period labels,
seasons and quantities name catalogue messages, outcomes are log fields and the metric dimension,
offers live in the session attributes between turns. Each is a StrEnum, so a member *is* its string:
the values here are a contract and never change without their users.

Cheap on purpose (enums only): the prompt handlers import it too.
"""

from __future__ import annotations

from enum import StrEnum

# -- metrics: slot value ids per custom slot type (interaction model, entity resolution) ----------


class SleepMetric(StrEnum):
    TOTAL = "TOTAL"
    DEEP = "DEEP"
    LIGHT = "LIGHT"
    REM = "REM"
    SCORE = "SCORE"
    # The four times of a night, in order: went to bed (startdate), fell asleep (startdate + sleep
    # latency), woke up (enddate - wake-up latency), got up (enddate).
    BEDTIME = "BEDTIME"
    ASLEEP_TIME = "ASLEEP_TIME"
    WAKETIME = "WAKETIME"
    RISE_TIME = "RISE_TIME"
    AWAKE = "AWAKE"
    TIME_IN_BED = "TIME_IN_BED"
    LATENCY = "LATENCY"


class ActivityMetric(StrEnum):
    STEPS = "STEPS"
    DISTANCE = "DISTANCE"
    CALORIES = "CALORIES"
    ACTIVE_TIME = "ACTIVE_TIME"
    FLOORS = "FLOORS"


class BodyMetric(StrEnum):
    WEIGHT = "WEIGHT"
    FAT_RATIO = "FAT_RATIO"
    FAT_MASS = "FAT_MASS"
    MUSCLE_MASS = "MUSCLE_MASS"
    BONE_MASS = "BONE_MASS"
    HYDRATION = "HYDRATION"
    LEAN_MASS = "LEAN_MASS"


class VitalMetric(StrEnum):
    TEMPERATURE = "TEMPERATURE"
    SPO2 = "SPO2"


class TrendMetric(StrEnum):
    WEIGHT = "WEIGHT"
    FAT_RATIO = "FAT_RATIO"
    SLEEP = "SLEEP"
    STEPS = "STEPS"
    DISTANCE = "DISTANCE"
    CALORIES = "CALORIES"
    BLOOD_PRESSURE = "BLOOD_PRESSURE"
    HEART_RATE = "HEART_RATE"


class GoalMetric(StrEnum):
    STEPS = "STEPS"
    SLEEP = "SLEEP"
    WEIGHT = "WEIGHT"


# -- periods --------------------------------------------------------------------------------------


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    WEEKEND = "weekend"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    RANGE = "range"  # a rolling window ("the last 7 days"), only ever a default


class Label(StrEnum):
    """How a period is said; speech renders each per locale (`when.<label>`) with the period's dates."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    WEEKDAY = "weekday"  # a day in the last week: "on Monday"
    DATE = "date"  # any other day: "on March 3"
    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    WEEK = "week"
    THIS_WEEKEND = "this_weekend"
    LAST_WEEKEND = "last_weekend"
    WEEKEND = "weekend"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    MONTH = "month"
    THIS_SEASON = "this_season"
    LAST_SEASON = "last_season"
    SEASON = "season"
    THIS_QUARTER = "this_quarter"
    LAST_QUARTER = "last_quarter"
    QUARTER = "quarter"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"
    YEAR = "year"
    DECADE = "decade"
    LAST_N_DAYS = "last_n_days"
    RANGE = "range"  # any other span of days: "from November 3 to November 9" (a follow-up's shift)


class Season(StrEnum):
    """AMAZON.DATE's season codes: the northern hemisphere's meteorological seasons."""

    WINTER = "WI"
    SPRING = "SP"
    SUMMER = "SU"
    FALL = "FA"

    @property
    def first_month(self) -> int:
        """Each season lasts three months from this one; winter starts in December."""
        return _FIRST_MONTHS[self]

    @classmethod
    def of_month(cls, month: int) -> Season:
        return cls(_SEASON_OF_FIRST_MONTH.get(month, cls.WINTER))


_FIRST_MONTHS: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_FIRST_MONTH: dict[int, str] = {month: code for code, month in _FIRST_MONTHS.items()}


class PeriodDefault(StrEnum):
    """The period an intent means when its date slot is missing or unreadable."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"
    LATEST = "latest"  # no period at all: the newest value there is


# -- how a value is said ---------------------------------------------------------------------------


class Quantity(StrEnum):
    """What kind of number a metric is, which decides its unit and rounding (speech.format)."""

    WEIGHT = "weight"  # body weight: pounds, stone and pounds, kilos
    MASS = "mass"  # a smaller mass or a change in weight
    PERCENT = "percent"  # one decimal: body fat
    WHOLE_PERCENT = "whole_percent"  # no decimals: SpO2
    DISTANCE = "distance"
    STEPS = "steps"
    CALORIES = "calories"
    FLOORS = "floors"
    DURATION = "duration"  # seconds
    BPM = "bpm"
    TEMPERATURE = "temperature"  # °C in, the locale's scale out
    NUMBER = "number"  # a plain whole number: a sleep score


class Freshness(StrEnum):
    """Which words say how fresh a reading is (`fresh.<kind>.*`)."""

    WEIGH_IN = "weighin"
    READING = "reading"


# -- the reply and the session -----------------------------------------------------------------------


class Outcome(StrEnum):
    """A request's outcome: one per request in the log line, and the `Requests` metric's dimension."""

    ANSWERED = "answered"
    NO_DATA = "no_data"
    PROMPT = "prompt"  # launch, help, fallback, goodbye
    LINK_PROMPT = "link_prompt"
    UNKNOWN = "unknown_request"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    WITHINGS_DOWN = "withings_down"
    WITHINGS_ERROR = "withings_error"
    REFUSED_AFTER_REFRESH = "refused_after_refresh"  # Withings refused a token it had just issued
    ACCOUNTS_UNAVAILABLE = "accounts_unavailable"
    ERROR = "error"
    EVENT = "event"  # a skill event, answered silently
    SESSION_ENDED = "session_ended"
    IGNORED = "ignored"  # a request type that gets no speech
    BAD_REQUEST = "bad_request"
    REFUSED = "refused"  # another skill's request: logged, never answered
    CAN_FULFILL = "can_fulfill"  # a CanFulfillIntentRequest, answered from the request alone


class SpeakerKind(StrEnum):
    """Who asked, for the log line (never the personId): a recognised voice with a link of its own,
    a recognised voice hearing the shared account, or nobody recognised."""

    PERSON_LINKED = "recognised_linked"
    PERSON = "recognised"
    UNRECOGNISED = "unrecognised"


class Offer(StrEnum):
    """A follow-up the last answer offered; "yes" accepts it (kept in the session attributes)."""

    WEIGHT_TREND = "WEIGHT_TREND"


class PeriodStep(StrEnum):
    """FollowUpIntent's `step` slot ("what about the day before"): the same question, one period over."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"


class Topic(StrEnum):
    """FollowUpIntent's `topic` slot ("and my weight", "what about deep sleep"): what the next question
    is about; skill/voice/conversation.py maps each to the intent and metric that answer it."""

    SLEEP = "SLEEP"
    DEEP_SLEEP = "DEEP_SLEEP"
    LIGHT_SLEEP = "LIGHT_SLEEP"
    REM_SLEEP = "REM_SLEEP"
    SLEEP_SCORE = "SLEEP_SCORE"
    BEDTIME = "BEDTIME"
    ASLEEP_TIME = "ASLEEP_TIME"
    WAKETIME = "WAKETIME"
    RISE_TIME = "RISE_TIME"
    ACTIVITY = "ACTIVITY"
    STEPS = "STEPS"
    DISTANCE = "DISTANCE"
    CALORIES = "CALORIES"
    ACTIVE_TIME = "ACTIVE_TIME"
    FLOORS = "FLOORS"
    WEIGHT = "WEIGHT"
    BODY_FAT = "BODY_FAT"
    MUSCLE_MASS = "MUSCLE_MASS"
    BLOOD_PRESSURE = "BLOOD_PRESSURE"
    HEART_RATE = "HEART_RATE"
    TEMPERATURE = "TEMPERATURE"
    SPO2 = "SPO2"
    WORKOUTS = "WORKOUTS"
