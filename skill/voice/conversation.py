"""What a conversation remembers between turns, and how a follow-up question reads.

A session opened by "open health scale" (LaunchRequest) is a conversation: every answer keeps the
session open with a short "anything else?" (handlers/common.respond), and the last question answered
— its intent, metric and period — stays in the session attributes, so that "what about the day
before", "and last week", "and my weight" or "what about deep sleep" (FollowUpIntent) can ask it again
with one thing changed. A one-shot question ("ask health scale how I slept") answers and ends.

Session attributes come back from the device: they are read as untrusted input (anything malformed
is no context, never an error) and kept small (a few short strings).

How a follow-up reads (`follow_up`):
- a topic names what it is about: its intent and metric (TOPICS). After a trend or an average, a
  topic that has a trend metric stays a trend ("and my steps" after "how has my weight changed");
  after a goal, one that has a goal stays a goal;
- a date names its period; a step ("the day before") moves the last period by one of its own kind;
- with neither, the last period carries over when the intent stays the same, or when it was said
  (not the last intent's default: "how did I sleep" then "and my weight" is the latest weight, but
  "how did I sleep on Monday" then "and my weight" is Monday's).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from skill.voice.intents import Intent
from skill.voice.question import Carried, Question
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

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.periods.period import Period

CONVERSATION_KEY: Final = "conversation"  # True once a LaunchRequest opened the session
LAST_KEY: Final = "last"  # the last question answered (Context.encode)


class Context(NamedTuple):
    """The last question answered: what a follow-up changes one thing of."""

    intent: Intent
    metric: str | None
    period: Period | None

    def encode(self) -> dict[str, Any]:
        period = self.period
        encoded: dict[str, Any] = {"intent": str(self.intent), "metric": self.metric, "period": None}
        if period is not None:
            encoded["period"] = {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "granularity": str(period.granularity),
                "label": str(period.label),
                "defaulted": period.defaulted,
            }
        return encoded

    @classmethod
    def decode(cls, value: Any) -> Context | None:
        """The context a device sent back, or None when it is missing or not what encode() wrote."""
        if not isinstance(value, dict):
            return None
        try:
            intent = Intent(str(value.get("intent")))
            metric = value.get("metric")
            if metric is not None and not isinstance(metric, str):
                return None
            return cls(intent, metric, _decode_period(value.get("period")))
        except (ValueError, TypeError, KeyError):
            return None


def _decode_period(value: Any) -> Period | None:
    if value is None:
        return None
    from skill.voice.periods.period import Period
    from skill.voice.vocabulary import Granularity, Label

    start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
    if end < start or (end - start).days > 3700:
        raise ValueError("not a period the skill wrote")
    defaulted = value.get("defaulted")
    return Period(
        start, end, Granularity(value["granularity"]), Label(value["label"]), defaulted=defaulted is True
    )


class TopicSpec(NamedTuple):
    """What a topic asks: the intent and metric; the trend and goal metrics it has, if any."""

    intent: Intent
    metric: str | None = None
    trend: TrendMetric | None = None
    goal: GoalMetric | None = None


TOPICS: Final[Mapping[Topic, TopicSpec]] = MappingProxyType(
    {
        Topic.SLEEP: TopicSpec(Intent.SLEEP, SleepMetric.TOTAL, TrendMetric.SLEEP, GoalMetric.SLEEP),
        Topic.DEEP_SLEEP: TopicSpec(Intent.SLEEP, SleepMetric.DEEP),
        Topic.LIGHT_SLEEP: TopicSpec(Intent.SLEEP, SleepMetric.LIGHT),
        Topic.REM_SLEEP: TopicSpec(Intent.SLEEP, SleepMetric.REM),
        Topic.SLEEP_SCORE: TopicSpec(Intent.SLEEP, SleepMetric.SCORE),
        Topic.BEDTIME: TopicSpec(Intent.SLEEP, SleepMetric.BEDTIME),
        Topic.ASLEEP_TIME: TopicSpec(Intent.SLEEP, SleepMetric.ASLEEP_TIME),
        Topic.WAKETIME: TopicSpec(Intent.SLEEP, SleepMetric.WAKETIME),
        Topic.RISE_TIME: TopicSpec(Intent.SLEEP, SleepMetric.RISE_TIME),
        Topic.ACTIVITY: TopicSpec(Intent.ACTIVITY),
        Topic.STEPS: TopicSpec(Intent.ACTIVITY, ActivityMetric.STEPS, TrendMetric.STEPS, GoalMetric.STEPS),
        Topic.DISTANCE: TopicSpec(Intent.ACTIVITY, ActivityMetric.DISTANCE, TrendMetric.DISTANCE),
        Topic.CALORIES: TopicSpec(Intent.ACTIVITY, ActivityMetric.CALORIES, TrendMetric.CALORIES),
        Topic.ACTIVE_TIME: TopicSpec(Intent.ACTIVITY, ActivityMetric.ACTIVE_TIME),
        Topic.FLOORS: TopicSpec(Intent.ACTIVITY, ActivityMetric.FLOORS),
        Topic.WEIGHT: TopicSpec(Intent.BODY, BodyMetric.WEIGHT, TrendMetric.WEIGHT, GoalMetric.WEIGHT),
        Topic.BODY_FAT: TopicSpec(Intent.BODY, BodyMetric.FAT_RATIO, TrendMetric.FAT_RATIO),
        Topic.MUSCLE_MASS: TopicSpec(Intent.BODY, BodyMetric.MUSCLE_MASS),
        Topic.BLOOD_PRESSURE: TopicSpec(Intent.BLOOD_PRESSURE, trend=TrendMetric.BLOOD_PRESSURE),
        Topic.HEART_RATE: TopicSpec(Intent.HEART_RATE, trend=TrendMetric.HEART_RATE),
        Topic.TEMPERATURE: TopicSpec(Intent.VITALS, VitalMetric.TEMPERATURE),
        Topic.SPO2: TopicSpec(Intent.VITALS, VitalMetric.SPO2),
        Topic.WORKOUTS: TopicSpec(Intent.WORKOUTS),
    }
)

_STEPS: Final = {PeriodStep.BEFORE: -1, PeriodStep.AFTER: 1}


def follow_up(
    last: Context | None, topic: Topic | None, date_value: str | None, step: PeriodStep | None
) -> Question | None:
    """The question a follow-up asks, or None when it names nothing and there is nothing to follow."""
    if topic is not None:
        intent, metric = _topic_question(TOPICS[topic], last)
    elif last is not None:
        intent, metric = last.intent, last.metric
    else:
        return None
    if date_value is not None:
        return Question(intent, metric, date_value)
    if step is not None:
        return Question(intent, metric, carried=Carried(last.period if last else None), step=_STEPS[step])
    if last is not None and (intent == last.intent or (last.period and not last.period.defaulted)):
        return Question(intent, metric, carried=Carried(last.period))
    return Question(intent, metric)


def _topic_question(spec: TopicSpec, last: Context | None) -> tuple[Intent, str | None]:
    if last is not None and last.intent in (Intent.TREND, Intent.AVERAGE) and spec.trend is not None:
        return last.intent, spec.trend
    if last is not None and last.intent == Intent.GOALS and spec.goal is not None:
        return Intent.GOALS, spec.goal
    return spec.intent, spec.metric


# -- the session attributes -------------------------------------------------------------------------


def _attributes(handler_input: HandlerInput) -> dict[str, Any] | None:
    if handler_input.request_envelope.session is None:
        return None  # events and CanFulfillIntentRequest carry no session
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if isinstance(attributes, dict) else None


def start(handler_input: HandlerInput) -> None:
    """LaunchRequest: this session is a conversation."""
    attributes = _attributes(handler_input)
    if attributes is not None:
        attributes[CONVERSATION_KEY] = True


def in_conversation(handler_input: HandlerInput) -> bool:
    attributes = _attributes(handler_input)
    return attributes is not None and attributes.get(CONVERSATION_KEY) is True


def remember(handler_input: HandlerInput, context: Context) -> None:
    attributes = _attributes(handler_input)
    if attributes is not None:
        attributes[LAST_KEY] = context.encode()


def last(handler_input: HandlerInput) -> Context | None:
    attributes = _attributes(handler_input)
    return Context.decode(attributes.get(LAST_KEY)) if attributes is not None else None
