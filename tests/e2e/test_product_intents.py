"""Every intent through `python -m skill serve`, in both Withings auth modes, as Alexa would send it.

GIVEN the whole product as processes (DynamoDB Local, the Withings sandbox, `serve`) and an account
linked through the real /link routes the way the Alexa app does it,
WHEN a real request envelope for each custom intent (with and without its date/metric slots), each
built-in intent, Launch, SessionEnded and the skill events is POSTed to /alexa,
THEN the reply says what the sandbox's raw data says — weight in pounds, steps with a thousands
separator, workout counts, sleep, blood pressure... computed HERE from GET /_sandbox/users/{userid} —
as valid SSML within Alexa's limits, and the session ends or stays open as the turn requires.

The stack runs at the suite's pinned instant (tests.clock, passed on by LocalStack), and the sandbox
serves its history as of that instant; tests/e2e/expectations.py says what each reply must be.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

import pytest
import requests

from devtools.envelopes import ResolvedSlot
from devtools.stack import LINK_CLIENT_ID
from tests.clock import NOW
from tests.e2e.expectations import (
    GOODBYE,
    LINK_PROMPT,
    M_PER_MILE,
    Raw,
    Want,
    activity_on,
    clock,
    day_bounds,
    digest,
    duration,
    fresh,
    iso_week,
    latest_weight,
    latest_weight_kg,
    local_time,
    night_ending,
    pounds,
    real_groups,
    said,
    steps_today,
    steps_yesterday,
    today_of,
    value_of,
    weekday,
    weight_trend_30_days,
    workouts_last_7_days,
    workouts_last_week,
)
from tests.e2e.expectations_nights import (
    last_night_sleep,
)
from tests.e2e.product_helpers import Product, Reply, Slots, expect

pytestmark = pytest.mark.e2e

USER = "10001"
DISABLED_USER = "10009"


def assert_data_answer(reply: Reply, card_title: str) -> None:
    """A data answer ends the session and shows a card with the same words."""
    assert reply.ends_session
    card = reply.card
    assert card is not None and card["type"] == "Simple" and card["title"] == card_title, card
    assert card["content"] == reply.text


# -- the tests ----------------------------------------------------------------------------------------


def test_the_stack_answers_at_the_pinned_instant(product: Product) -> None:
    """LocalStack passed the suite's PINNED_NOW to the sandbox (and to `serve`, which the rest shows)."""
    assert product.raw(USER)["as_of"] == int(NOW.timestamp())


def test_weight_latest_on_a_day_and_body_fat(product: Product) -> None:
    user = product.user(USER)
    reply = expect(product, USER, lambda: product.ask("BodyIntent", user), latest_weight)
    assert_data_answer(reply, "Weight and body")

    # An entity the model did not resolve is no metric at all: still the weight.
    unresolved = {"metric": ResolvedSlot("banana", None)}
    expect(product, USER, lambda: product.ask("BodyIntent", user, unresolved), latest_weight)

    def yesterday_weight(raw: Raw) -> Want:
        yesterday = today_of(raw) - timedelta(days=1)
        start, end = day_bounds(raw, yesterday, yesterday)
        group = [g for g in real_groups(raw, 1) if start <= g["date"] < end][-1]
        kg = value_of(group, 1)
        assert kg is not None
        return Want(
            f"{pounds(kg)} from your weigh-in yesterday at {clock(local_time(raw, group['date']))}",
            "startswith",
        )

    yesterday = (today_of(product.raw(USER)) - timedelta(days=1)).isoformat()
    expect(product, USER, lambda: product.ask("BodyIntent", user, {"date": yesterday}), yesterday_weight)

    def body_fat(raw: Raw) -> Want:
        group = real_groups(raw, 6)[-1]
        percent = value_of(group, 6)
        assert percent is not None
        return Want(f"Your body fat was {said(percent, 1)} percent, {fresh(raw, group['date'], 'reading')}.")

    fat = {"metric": ResolvedSlot("body fat", "FAT_RATIO")}
    expect(product, USER, lambda: product.ask("BodyIntent", user, fat), body_fat)


def test_steps_today_yesterday_and_distance(product: Product) -> None:
    user = product.user(USER)

    assert activity_on(product.raw(USER), today_of(product.raw(USER))) is not None  # the "data" branch
    steps = {"metric": ResolvedSlot("steps", "STEPS")}  # "how many steps": the model sends the metric
    reply = expect(product, USER, lambda: product.ask("ActivityIntent", user, steps), steps_today)
    assert_data_answer(reply, "Activity")

    yesterday = today_of(product.raw(USER)) - timedelta(days=1)

    record = activity_on(product.raw(USER), yesterday)
    assert record is not None and record["steps"] >= 1000  # the thousands separator is really exercised
    expect(
        product,
        USER,
        lambda: product.ask("ActivityIntent", user, {**steps, "date": yesterday.isoformat()}),
        steps_yesterday,
    )

    def distance_yesterday(raw: Raw) -> Want:
        record = activity_on(raw, yesterday)
        assert record is not None
        miles = said(record["distance"] / M_PER_MILE, 1)
        return Want(f"You covered {miles} {'mile' if miles == '1' else 'miles'} yesterday.")

    slots: Slots = {"date": yesterday.isoformat(), "metric": ResolvedSlot("distance", "DISTANCE")}
    expect(product, USER, lambda: product.ask("ActivityIntent", user, slots), distance_yesterday)


def test_workouts_last_7_days_and_last_week(product: Product) -> None:
    user = product.user(USER)
    reply = expect(product, USER, lambda: product.ask("WorkoutIntent", user), workouts_last_7_days)
    assert_data_answer(reply, "Workouts")

    today = today_of(product.raw(USER))
    week: Slots = {"date": iso_week(today - timedelta(days=7))}  # AMAZON.DATE for "last week"
    expect(product, USER, lambda: product.ask("WorkoutIntent", user, week), workouts_last_week)


def test_sleep_last_night_and_deep_sleep_on_a_weekday(product: Product) -> None:
    user = product.user(USER)
    reply = expect(product, USER, lambda: product.ask("SleepIntent", user), last_night_sleep)
    assert reply.ends_session

    day = today_of(product.raw(USER)) - timedelta(days=2)

    def deep_sleep(raw: Raw) -> Want:
        night = night_ending(raw, day + timedelta(days=1))  # that evening into the next morning
        when = f"{weekday(day)} night"
        if night is None:
            return Want(f"I don't have any sleep data for {when}.", "startswith")
        return Want(f"You had {duration(night['data']['deepsleepduration'])} of deep sleep {when}.")

    slots: Slots = {"date": day.isoformat(), "metric": ResolvedSlot("deep sleep", "DEEP")}
    expect(product, USER, lambda: product.ask("SleepIntent", user, slots), deep_sleep)


def test_blood_pressure_heart_rate_and_vitals(product: Product) -> None:
    user = product.user(USER)

    def bp(day_back: int | None) -> Callable[[Raw], Want]:
        def want(raw: Raw) -> Want:
            groups = [g for g in real_groups(raw, 10) if value_of(g, 9) is not None]
            if day_back is not None:
                day = today_of(raw) - timedelta(days=day_back)
                start, end = day_bounds(raw, day, day)
                groups = [g for g in groups if start <= g["date"] < end]
            group = groups[-1]
            systolic, diastolic, pulse = (value_of(group, t) for t in (10, 9, 11))
            assert systolic is not None and diastolic is not None and pulse is not None
            return Want(
                f"{said(systolic)} over {said(diastolic)}, with a pulse of {said(pulse)} beats per minute, "
                f"{fresh(raw, group['date'], 'reading')}."
            )

        return want

    reply = expect(product, USER, lambda: product.ask("BloodPressureIntent", user), bp(None))
    assert_data_answer(reply, "Blood pressure")
    yesterday = (today_of(product.raw(USER)) - timedelta(days=1)).isoformat()
    expect(product, USER, lambda: product.ask("BloodPressureIntent", user, {"date": yesterday}), bp(1))

    def pulse(raw: Raw) -> Want:
        group = real_groups(raw, 11)[-1]
        bpm = value_of(group, 11)
        assert bpm is not None
        return Want(f"{said(bpm)} beats per minute, {fresh(raw, group['date'], 'reading')}.")

    expect(product, USER, lambda: product.ask("HeartRateIntent", user), pulse)
    reply = product.ask("HeartRateIntent", user, {"date": "2020-W10"})  # long before any data
    assert reply.text == "I don't have any heart rate readings in the week of March 2, 2020."

    def vitals(metric: str | None) -> Callable[[Raw], Want]:
        def sentence(raw: Raw, mtype: int) -> str:
            group = real_groups(raw, mtype)[-1]
            value = value_of(group, mtype)
            assert value is not None
            when = fresh(raw, group["date"], "reading")
            if mtype == 71:
                return f"Your temperature was {said(value * 9 / 5 + 32, 1)} degrees Fahrenheit, {when}."
            return f"Your blood oxygen was {said(value)} percent, {when}."

        def want(raw: Raw) -> Want:
            if metric == "SPO2":
                return Want(sentence(raw, 54))
            if metric == "TEMPERATURE":
                return Want(sentence(raw, 71))
            return Want(f"{sentence(raw, 71)} {sentence(raw, 54)}")

        return want

    for metric, words in (("SPO2", "blood oxygen"), ("TEMPERATURE", "temperature"), (None, None)):
        named: Slots | None = {"metric": ResolvedSlot(words, metric)} if metric and words else None
        reply = expect(product, USER, lambda: product.ask("VitalsIntent", user, named), vitals(metric))
        assert_data_answer(reply, "Temperature and blood oxygen")


def test_digest_then_yes_to_the_weight_trend_then_no(product: Product) -> None:
    user = product.user(USER)

    reply = expect(product, USER, lambda: product.ask("DailyDigestIntent", user), digest)
    assert not reply.ends_session  # it offered the trend and waits for the answer
    assert reply.reprompt == "Would you like your weight trend? Say yes or no."
    attributes = reply.body.get("sessionAttributes")
    assert isinstance(attributes, dict) and attributes

    yes = expect(
        product,
        USER,
        lambda: product.ask("AMAZON.YesIntent", user, session_attributes=attributes),
        weight_trend_30_days,
    )
    assert_data_answer(yes, "Trend")
    no = product.ask("AMAZON.NoIntent", user, session_attributes=yes.body.get("sessionAttributes") or {})
    assert no.text == GOODBYE and no.ends_session


def test_trends_averages_and_goals(product: Product) -> None:
    user = product.user(USER)
    reply = expect(product, USER, lambda: product.ask("TrendIntent", user), weight_trend_30_days)
    assert_data_answer(reply, "Trend")

    def average_steps(raw: Raw) -> Want:
        today = today_of(raw)
        days = [activity_on(raw, today - timedelta(days=n)) for n in range(30)]
        steps = [d["steps"] for d in days if d and d["steps"]]
        return Want(f"You averaged {sum(steps) / len(steps):,.0f} steps a day over the last 30 days.")

    reply = expect(product, USER, lambda: product.ask("AverageIntent", user), average_steps)
    assert_data_answer(reply, "Average")

    today = today_of(product.raw(USER))
    slots: Slots = {"period": iso_week(today - timedelta(days=7)), "metric": ResolvedSlot("sleep", "SLEEP")}
    reply = product.ask("TrendIntent", user, slots)
    assert reply.text.startswith("You averaged ") and " of sleep a night last week." in reply.text, reply.text
    slots = {"period": f"{today:%Y}", "metric": ResolvedSlot("blood pressure", "BLOOD_PRESSURE")}
    reply = product.ask("AverageIntent", user, slots)
    assert reply.text.startswith("Your blood pressure averaged ") and " this year, from " in reply.text, (
        reply.text
    )

    def step_goal(raw: Raw) -> Want:
        record = activity_on(raw, today_of(raw))
        assert record is not None
        goal, steps = raw["goals"]["steps"], record["steps"]
        return Want(
            f"Your step goal is {goal:,} steps. You've taken {steps:,} steps so far today, "
            f"{said(100.0 * steps / goal)} percent of it."
        )

    reply = expect(product, USER, lambda: product.ask("GoalsIntent", user), step_goal)  # steps by default
    assert_data_answer(reply, "Goals")

    def weight_goal(raw: Raw) -> Want:
        goal = raw["goals"]["weight"]
        goal_kg = goal["value"] * 10.0 ** goal["unit"]
        latest = real_groups(raw, 1)[-1]
        return Want(
            f"Your weight goal is {pounds(goal_kg)}. Your latest weight is {pounds(latest_weight_kg(raw))}, "
            f"{fresh(raw, latest['date'], 'weighin')}."
        )

    slots = {"metric": ResolvedSlot("weight", "WEIGHT")}
    expect(product, USER, lambda: product.ask("GoalsIntent", user, slots), weight_goal)

    def sleep_goal(raw: Raw) -> Want:
        goal = duration(raw["goals"]["sleep"])
        night = night_ending(raw, today_of(raw))
        if night is None:
            return Want(f"Your sleep goal is {goal}. I don't have sleep data for last night yet.")
        return Want(
            f"Your sleep goal is {goal}. Last night you slept {duration(night['data']['total_sleep_time'])}."
        )

    slots = {"metric": ResolvedSlot("sleep", "SLEEP")}
    expect(product, USER, lambda: product.ask("GoalsIntent", user, slots), sleep_goal)


@pytest.mark.parametrize(
    ("intent", "start", "stays_open"),
    [
        pytest.param("AMAZON.HelpIntent", "I can tell you about your Withings data.", True, id="Help"),
        pytest.param("AMAZON.FallbackIntent", "Sorry, I can't help with that.", True, id="Fallback"),
        pytest.param(
            "AMAZON.YesIntent", "I can tell you about your Withings data.", True, id="Yes"
        ),  # nothing was offered
        pytest.param("AMAZON.NoIntent", GOODBYE, False, id="No"),
        pytest.param("AMAZON.StopIntent", GOODBYE, False, id="Stop"),
        pytest.param("AMAZON.CancelIntent", GOODBYE, False, id="Cancel"),
        pytest.param("AMAZON.NavigateHomeIntent", GOODBYE, False, id="NavigateHome"),
        pytest.param(
            "AMAZON.PauseIntent", "Sorry, I can't help with that yet.", True, id="Pause"
        ),  # no handler of its own
    ],
)
def test_built_in_intents(product: Product, intent: str, start: str, stays_open: bool) -> None:
    reply = product.ask(intent, product.user(USER))
    assert reply.status == 200
    assert reply.text.startswith(start)
    assert reply.ends_session is not stays_open
    if stays_open:
        assert reply.reprompt  # an open session always says what to say next
    if intent == "AMAZON.HelpIntent":
        assert reply.card is not None and reply.card["title"] == "What you can ask"


def test_launch_and_session_ended(product: Product) -> None:
    user = product.user(USER)
    reply = product.launch(user)
    assert reply.status == 200
    assert reply.text.startswith("Welcome to your Withings health data.")
    assert not reply.ends_session and reply.reprompt

    for reason in ("USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"):
        ended = product.session_ended(user, reason)
        assert ended.status == 200
        assert "outputSpeech" not in ended.response and "card" not in ended.response


def test_without_a_token_or_with_an_unknown_one_the_user_is_asked_to_link(product: Product) -> None:
    for token in (None, secrets.token_urlsafe(32)):
        reply = product.ask("SleepIntent", None, access_token=token)
        assert reply.status == 200
        assert reply.text == LINK_PROMPT
        assert reply.card == {"type": "LinkAccount"}
        assert reply.ends_session
        # No link was resolved, so no Withings credentials were used.
        line = product.log_line(reply.request_id)
        assert line["outcome"] == "link_prompt" and "link_id" not in line
    launch = product.launch(None)  # launching needs no link
    assert launch.text.startswith("Welcome")


def test_account_linked_then_skill_disabled_forgets_the_link(product: Product) -> None:
    user = product.link(DISABLED_USER)
    linked = product.skill_event("SkillAccountLinked", user)
    assert linked.status == 200
    assert "outputSpeech" not in linked.response
    expect(product, DISABLED_USER, lambda: product.ask("BodyIntent", user), latest_weight)

    disabled = product.skill_event("SkillDisabled", user)
    assert disabled.status == 200
    assert "outputSpeech" not in disabled.response

    reply = product.ask("BodyIntent", user)
    assert reply.text == LINK_PROMPT
    assert reply.card == {"type": "LinkAccount"}
    # Alexa's refresh token died with the link: Alexa cannot mint itself a new access token.
    refreshed = requests.post(
        f"{product.stack.skill_url}/link/token",
        data={"grant_type": "refresh_token", "refresh_token": user.refresh_token},
        auth=(LINK_CLIENT_ID, product.stack.env["LINK_CLIENT_SECRET"]),
        timeout=10,
    )
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
