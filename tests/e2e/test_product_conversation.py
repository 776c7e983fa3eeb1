"""Conversations through `serve`: "open health scale" keeps the session open, follow-ups carry context.

GIVEN a linked sandbox user,
WHEN a session is opened by a LaunchRequest and each later turn carries the session's id and the
attributes the last response set (as Alexa echoes them back),
THEN every answer asks for more and keeps the session open, and "what about the day before", "and my
weight", "what about deep sleep", "and my blood pressure", "and last week" answer the last question
with that one thing changed — in en-US, en-GB and de-DE; a one-shot question answers and ends; and
the demo conversation (devtools.demo) never says time in bed as if it were time asleep.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from devtools import demo
from devtools.envelopes import ResolvedSlot
from tests.e2e import product_helpers
from tests.e2e.expectations import (
    Expectation,
    Raw,
    Want,
    iso_week,
    latest_weight,
    today_of,
)
from tests.e2e.expectations_nights import (
    blood_pressure_last_week,
    blood_pressure_on,
    deep_sleep,
    last_night_sleep,
    last_night_sleep_de,
    night_sleep,
    night_sleep_de,
    with_more,
)
from tests.e2e.product_helpers import Product, Reply

pytestmark = pytest.mark.e2e

USER = "10211"
BEFORE = ResolvedSlot("day before", "BEFORE")
AFTER = ResolvedSlot("day after", "AFTER")
MORE = {"en-US": "Anything else?", "en-GB": "Anything else?", "de-DE": "Noch etwas?"}


def topic(value: str, topic_id: str) -> ResolvedSlot:
    return ResolvedSlot(value, topic_id)


class Session(product_helpers.Session):
    """A device session whose answers are checked against the raw data, asking for more each time."""

    def expect(
        self, intent: str, slots: dict[str, str | ResolvedSlot | None] | None, want: Expectation
    ) -> Reply:
        reply = self.ask(intent, slots)
        wanted = with_more(want, MORE[self.locale])(self.product.raw(self.user.withings_user))
        assert wanted.matches(reply.text), f"said {reply.text!r}, expected {wanted.how} {wanted.text!r}"
        assert not reply.ends_session and reply.reprompt
        return reply


def test_a_conversation_with_follow_ups(product: Product) -> None:
    user = product.user(USER)
    today = today_of(product.raw(USER))
    session = Session(product, user, "en-US")
    assert not session.last.ends_session  # the launch prompt waits for a question

    session.expect("SleepIntent", None, last_night_sleep)
    # Last night was the intent's default: another measure does not inherit it.
    session.expect("FollowUpIntent", {"topic": topic("weight", "WEIGHT")}, latest_weight)
    session.expect("FollowUpIntent", {"topic": topic("sleep", "SLEEP")}, last_night_sleep)
    night_before = today - timedelta(days=2)  # the night that began the evening before yesterday
    session.expect("FollowUpIntent", {"step": BEFORE}, night_sleep(night_before))
    session.expect("FollowUpIntent", {"topic": topic("deep sleep", "DEEP_SLEEP")}, deep_sleep(night_before))
    # A period that came from the conversation, not a default: it carries over to blood pressure.
    bp = {"topic": topic("blood pressure", "BLOOD_PRESSURE")}
    session.expect("FollowUpIntent", bp, blood_pressure_on(night_before))
    session.expect("FollowUpIntent", {"date": iso_week(today - timedelta(days=7))}, blood_pressure_last_week)
    goodbye = session.ask("AMAZON.StopIntent")
    assert goodbye.text == "Goodbye." and goodbye.ends_session


def test_the_day_after_last_night_has_not_happened(product: Product) -> None:
    session = Session(product, product.user(USER), "en-US")
    session.expect("SleepIntent", None, last_night_sleep)
    reply = session.ask("FollowUpIntent", {"step": AFTER})
    assert reply.text == "That hasn't happened yet. Anything else?" and not reply.ends_session


def test_a_conversation_in_british_english(product: Product) -> None:
    session = Session(product, product.user(USER), "en-GB")
    today = today_of(product.raw(USER))
    session.expect("SleepIntent", None, last_night_sleep)
    session.expect("FollowUpIntent", {"step": BEFORE}, night_sleep(today - timedelta(days=2)))

    def weight_in_stone(raw: Raw) -> Want:
        return Want("", "startswith")  # said in stone and pounds: checked below, not the reading

    reply = session.expect("FollowUpIntent", {"topic": topic("weight", "WEIGHT")}, weight_in_stone)
    assert re.match(r"^\d+ stone( \d+)? (as of|from) your", reply.text), reply.text


def test_a_conversation_in_german(product: Product) -> None:
    session = Session(product, product.user(USER), "de-DE")
    today = today_of(product.raw(USER))
    assert session.last.text.startswith("Willkommen")
    session.expect("SleepIntent", None, last_night_sleep_de)
    session.expect("FollowUpIntent", {"step": BEFORE}, night_sleep_de(today - timedelta(days=2)))
    reply = session.ask("FollowUpIntent", {"step": AFTER})
    assert reply.text.startswith("Du hast letzte Nacht") and reply.text.endswith("Noch etwas?")


def test_a_one_shot_question_answers_and_ends(product: Product) -> None:
    user = product.user(USER)
    reply = product.ask("SleepIntent", user)
    assert last_night_sleep(product.raw(USER)).matches(reply.text)
    assert reply.ends_session and reply.reprompt is None


def test_the_demo_conversation_never_says_time_in_bed_as_time_asleep(product: Product) -> None:
    """devtools.demo's script, played as the demo plays it: every turn answered, follow-ups in session."""
    user = product.user(USER)
    turns = demo.play(
        product.stack.skill_url,
        access_token=user.access_token,
        api_endpoint=product.stack.sandbox_url,
        timezone=product.stack.timezone,
        skill_id=product.skill_id,
    )
    assert [t.status for t in turns] == [200] * len(demo.CONVERSATION)
    routed = {t.utterance: t.routed_to for t in turns}
    assert routed["what about the day before"] == routed["and my weight"] == "FollowUpIntent"
    # The session stays open from "open health scale" to "stop".
    assert all(t.session_open for t in turns[:-1]) and not turns[-1].session_open
    for turn in turns:
        # "You slept 6 hours, from 10:32 PM to 5:11 AM" is the mix-up: a time asleep is said with
        # when the person fell asleep and woke up, or explicitly as time "in bed from ... to ...".
        if "slept" in turn.text and " from " in turn.text:
            assert "in bed from" in turn.text, turn.text
    raw = product.raw(USER)
    spoken = {t.utterance: t.text for t in turns}
    assert spoken["how did I sleep last night"] == with_more(last_night_sleep)(raw).text
    assert "fell asleep at" in spoken["what time did I fall asleep"]
    assert "went to bed at" in spoken["what time did I go to bed"]
    assert "woke up at" in spoken["when did I wake up"]
    assert "got up at" in spoken["when did I get up"]
    today = today_of(raw)
    assert spoken["what about the day before"] == with_more(night_sleep(today - timedelta(days=2)))(raw).text
    assert spoken["what about deep sleep"] == with_more(deep_sleep(today - timedelta(days=2)))(raw).text
    # After "when did I get up" (last night: the default), "and my weight" is the latest weight.
    assert spoken["and my weight"] == with_more(latest_weight)(raw).text
