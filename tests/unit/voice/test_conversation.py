"""Conversations: a session "open health scale" starts stays open, and follow-ups change one thing.

Each turn is a real envelope carrying the session attributes the previous response set, as Alexa
echoes them back. The expected sentences are written out here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from devtools.envelopes import ResolvedSlot, intent_request, launch_request
from skill.voice import conversation
from skill.voice.conversation import Context
from skill.voice.intents import Intent
from skill.voice.periods.period import Period
from skill.voice.question import Carried, Question
from skill.voice.vocabulary import Granularity, Label, PeriodStep, Topic

from .conftest import TODAY, TOKEN, Harness, activity, group, local, night, speech

DAY = timedelta(days=1)
SlotValues = dict[str, str | ResolvedSlot | None]


class Session:
    """One Alexa session against the harness: every turn carries the last response's attributes."""

    def __init__(self, harness: Harness, *, launched: bool = True, locale: str = "en-US") -> None:
        self.harness, self.locale = harness, locale
        self.attributes: dict[str, Any] | None = None
        if launched:
            self.last = harness.ask(launch_request(access_token=TOKEN, locale=locale))
            self.attributes = self.last.get("sessionAttributes") or {}

    def ask(self, intent: str, slots: SlotValues | None = None) -> dict[str, Any]:
        event = intent_request(
            intent, slots, access_token=TOKEN, locale=self.locale, session_attributes=self.attributes
        )
        self.last = self.harness.ask(event)
        self.attributes = self.last.get("sessionAttributes") or {}
        return self.last

    def follow(self, **slots: str | ResolvedSlot | None) -> dict[str, Any]:
        return self.ask("FollowUpIntent", slots)


def topic(value: str, topic_id: Topic) -> ResolvedSlot:
    return ResolvedSlot(value, str(topic_id))


BEFORE = ResolvedSlot("day before", "BEFORE")
AFTER = ResolvedSlot("day after", "AFTER")


def ends(result: dict[str, Any]) -> bool:
    return bool(result["response"].get("shouldEndSession"))


def reprompt(result: dict[str, Any]) -> str:
    ssml = result["response"]["reprompt"]["outputSpeech"]["ssml"]
    return str(ssml[len("<speak>") : -len("</speak>")])


@pytest.fixture
def nights(harness: Harness) -> Harness:
    """Last night 7 h 10 min, the night before 6 h, the one before that 8 h; weights of this week."""
    harness.api.sleeps = [
        night(TODAY, 7 * 3600 + 600, sleep_score=78, deep_s=5400),
        night(TODAY - DAY, 6 * 3600, sleep_score=70, deep_s=3600),
        night(TODAY - 2 * DAY, 8 * 3600, sleep_score=88, deep_s=6000),
    ]
    harness.api.groups = [
        group(local(TODAY - 2 * DAY, 7, 12), {1: 81.0}),
        group(local(TODAY - DAY, 7, 10), {1: 80.6}),
        group(local(TODAY, 7, 12), {1: 80.0}),
    ]
    return harness


# -- a session started by "open health scale" ---------------------------------------------------------


def test_an_answer_in_a_conversation_keeps_the_session_open_with_a_short_reprompt(nights: Harness) -> None:
    session = Session(nights)
    assert not ends(session.last)
    result = session.ask("SleepIntent")
    assert speech(result) == (
        "You slept 7 hours 10 minutes last night, in bed from 10:55 PM to 7:05 AM. "
        "Your sleep score was 78. Anything else?"
    )
    assert not ends(result)
    assert reprompt(result).startswith("Is there anything else you'd like to know?")
    # The card keeps the facts, without the question.
    assert result["response"]["card"]["content"].endswith("Your sleep score was 78.")


def test_a_one_shot_question_answers_and_ends(nights: Harness) -> None:
    result = nights.ask(intent_request("SleepIntent", access_token=TOKEN))
    assert speech(result).endswith("Your sleep score was 78.")
    assert ends(result) and "reprompt" not in result["response"]


def test_stop_ends_the_conversation(nights: Harness) -> None:
    session = Session(nights)
    session.ask("SleepIntent")
    result = session.ask("AMAZON.StopIntent")
    assert speech(result) == "Goodbye." and ends(result)


def test_the_link_prompt_ends_a_conversation_too(harness: Harness) -> None:
    session = Session(harness)
    event = intent_request("SleepIntent", session_attributes=session.attributes)  # no token
    result = harness.ask(event)
    assert result["response"]["card"] == {"type": "LinkAccount"} and ends(result)


# -- follow-ups ---------------------------------------------------------------------------------------


def test_what_about_the_day_before_and_the_day_after(nights: Harness) -> None:
    session = Session(nights)
    session.ask("SleepIntent")
    # Today is Thursday: last night began on Wednesday.
    assert speech(session.follow(step=BEFORE)).startswith("You slept 6 hours Tuesday night, in bed from")
    assert speech(session.follow(step=BEFORE)).startswith("You slept 8 hours Monday night")
    assert speech(session.follow(step=AFTER)).startswith("You slept 6 hours Tuesday night")
    assert speech(session.follow(step=AFTER)).startswith("You slept 7 hours 10 minutes last night")
    result = session.follow(step=AFTER)  # tonight has not happened
    assert speech(result) == "That hasn't happened yet. Anything else?"
    assert not ends(result)


def test_what_about_deep_sleep_keeps_the_night(nights: Harness) -> None:
    session = Session(nights)
    session.ask("SleepIntent", {"date": "2026-11-24"})  # Tuesday 24th: the night into Wednesday
    session.follow(step=BEFORE)  # Monday night
    result = session.follow(topic=topic("deep sleep", Topic.DEEP_SLEEP))
    assert speech(result) == "You had 1 hour 40 minutes of deep sleep Monday night. Anything else?"


def test_and_my_weight_after_last_nights_sleep_is_the_latest_weight(nights: Harness) -> None:
    session = Session(nights)
    session.ask("SleepIntent")  # the intent's default night: not carried to another intent
    result = session.follow(topic=topic("weight", Topic.WEIGHT))
    assert speech(result).startswith("176.4 pounds as of your 7:12 AM weigh-in")


def test_a_said_period_carries_over_to_another_measure(nights: Harness) -> None:
    session = Session(nights)
    session.ask("BodyIntent", {"metric": ResolvedSlot("weight", "WEIGHT"), "date": "2026-11-24"})
    result = session.follow(topic=topic("blood pressure", Topic.BLOOD_PRESSURE))
    assert speech(result) == "I don't have any blood pressure readings on Tuesday. Anything else?"


def test_and_last_week_asks_the_same_question_for_another_period(nights: Harness) -> None:
    nights.api.activities = [activity(TODAY - DAY * n, 5000 + n) for n in range(14)]
    session = Session(nights)
    session.ask("ActivityIntent", {"metric": ResolvedSlot("steps", "STEPS")})
    result = session.follow(date="2026-W47")
    assert speech(result).startswith("You took ") and "last week, an average of" in speech(result)


def test_a_topic_after_a_trend_stays_a_trend(nights: Harness) -> None:
    nights.api.activities = [activity(TODAY - DAY * n, 6000) for n in range(60)]
    session = Session(nights)
    session.ask("TrendIntent", {"metric": ResolvedSlot("weight", "WEIGHT"), "period": "2026-11"})
    result = session.follow(topic=topic("steps", Topic.STEPS))
    assert speech(result).startswith("You averaged 6,000 steps a day this month.")


def test_a_follow_up_with_nothing_before_it_asks_what_to_know(nights: Harness) -> None:
    result = nights.ask(intent_request("FollowUpIntent", {"step": BEFORE}, access_token=TOKEN))
    assert speech(result).startswith("What would you like to know?") and not ends(result)


def test_a_one_shot_follow_up_with_a_topic_is_that_question(nights: Harness) -> None:
    slots: SlotValues = {"topic": topic("weight", Topic.WEIGHT)}
    result = nights.ask(intent_request("FollowUpIntent", slots, access_token=TOKEN))
    assert speech(result).startswith("176.4 pounds as of your 7:12 AM weigh-in") and ends(result)


def test_follow_ups_in_german(nights: Harness) -> None:
    session = Session(nights, locale="de-DE")
    session.ask("SleepIntent")
    result = session.follow(step=BEFORE)
    assert speech(result).startswith("Du hast in der Dienstagnacht 6 Stunden geschlafen")
    assert speech(result).endswith("Noch etwas?")


@pytest.mark.parametrize(
    "attributes",
    [
        {"conversation": True, "last": "SleepIntent"},
        {"conversation": True, "last": {"intent": "NoSuchIntent"}},
        {"conversation": True, "last": {"intent": "SleepIntent", "metric": 7}},
        {"conversation": True, "last": {"intent": "SleepIntent", "period": {"start": "x"}}},
        {
            "conversation": True,
            "last": {
                "intent": "SleepIntent",
                "period": {"start": "2026-11-25", "end": "2026-11-01", "granularity": "day", "label": "date"},
            },
        },
        {"conversation": "yes", "last": None},
    ],
)
def test_session_attributes_are_untrusted_input(nights: Harness, attributes: dict[str, Any]) -> None:
    """Whatever a device sends back as attributes is at worst no context: never an error."""
    event = intent_request(
        "FollowUpIntent", {"step": BEFORE}, access_token=TOKEN, session_attributes=attributes
    )
    assert speech(nights.ask(event)).startswith("What would you like to know?")


# -- how a follow-up reads (conversation.follow_up, no Alexa) ------------------------------------------

YESTERDAY = Period.day(TODAY - DAY, Label.YESTERDAY, defaulted=True)
MONDAY = Period.day(TODAY - 3 * DAY, Label.WEEKDAY)
NOVEMBER = Period(TODAY.replace(day=1), TODAY, Granularity.MONTH, Label.THIS_MONTH)


@pytest.mark.parametrize(
    ("last", "topic_", "date", "step", "question"),
    [
        # nothing to follow and nothing named
        (None, None, None, PeriodStep.BEFORE, Question(Intent.SLEEP, carried=Carried(None), step=-1)),
        # the same intent keeps even a default period
        (
            Context(Intent.SLEEP, None, YESTERDAY),
            Topic.DEEP_SLEEP,
            None,
            None,
            Question(Intent.SLEEP, "DEEP", carried=Carried(YESTERDAY)),
        ),
        # another intent: only a period that was said
        (Context(Intent.SLEEP, None, YESTERDAY), Topic.WEIGHT, None, None, Question(Intent.BODY, "WEIGHT")),
        (
            Context(Intent.SLEEP, None, MONDAY),
            Topic.WEIGHT,
            None,
            None,
            Question(Intent.BODY, "WEIGHT", carried=Carried(MONDAY)),
        ),
        # a date wins
        (
            Context(Intent.BODY, "FAT_RATIO", None),
            None,
            "2026-W47",
            None,
            Question(Intent.BODY, "FAT_RATIO", "2026-W47"),
        ),
        # trends and goals keep their kind
        (
            Context(Intent.TREND, "WEIGHT", NOVEMBER),
            Topic.STEPS,
            None,
            None,
            Question(Intent.TREND, "STEPS", carried=Carried(NOVEMBER)),
        ),
        (
            Context(Intent.GOALS, "STEPS", None),
            Topic.SLEEP,
            None,
            None,
            Question(Intent.GOALS, "SLEEP", carried=Carried(None)),
        ),
        (
            Context(Intent.TREND, "WEIGHT", NOVEMBER),
            Topic.DEEP_SLEEP,
            None,
            None,
            Question(Intent.SLEEP, "DEEP", carried=Carried(NOVEMBER)),
        ),
    ],
)
def test_how_a_follow_up_reads(
    last: Context | None, topic_: Topic | None, date: str | None, step: PeriodStep | None, question: Question
) -> None:
    if last is None and topic_ is None:
        assert conversation.follow_up(last, topic_, date, step) is None
        return
    assert conversation.follow_up(last, topic_, date, step) == question


def test_a_context_survives_the_session_attributes() -> None:
    for context in (Context(Intent.SLEEP, "DEEP", MONDAY), Context(Intent.BODY, None, None)):
        assert Context.decode(context.encode()) == context
