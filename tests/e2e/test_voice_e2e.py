"""The voice skill end to end: Alexa envelopes → lambda_function.lambda_handler → the real sandbox.

GIVEN sandbox users linked for real — the Alexa app's flow through the skill's own /link routes, the
sandbox's OAuth2 authorize page and DynamoDB Local (devtools.stack.InProcessStack) —
WHEN Alexa sends an envelope with the access token it was issued (every intent, several date forms,
three locales, with and without a token), THEN the reply says the figure computed HERE from the raw
Withings JSON the sandbox serves (tests/e2e/expectations.py), independently of the skill's parsing,
and faults come back as the right apology within the deadline.

The Alexa API (time zone, progressive responses) is the sandbox's stand-in at apiEndpoint = sandbox.url.
Everything answers at the suite's pinned instant (tests.clock).
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

import lambda_function
from devtools.envelopes import ResolvedSlot, intent_request, launch_request, session_ended_request
from devtools.measure import link_with_retries
from devtools.stack import SKILL_ID, InProcessStack
from sandbox.server import RunningSandbox
from skill import composition
from tests.e2e.expectations import (
    KG_PER_LB,
    M_PER_MILE,
    WEIGHT,
    Raw,
    activity_on,
    duration,
    hours_minutes,
    kilos_de,
    last_week,
    night_ending,
    real_groups,
    said,
    today_of,
    value_of,
    weekday,
    weight_trend_30_days_de,
    weight_values,
    workouts_between,
)
from tests.e2e.product_helpers import ssml_text

pytestmark = pytest.mark.e2e

STEPS = {"metric": ResolvedSlot("steps", "STEPS")}  # "how many steps": the model sends the metric

USER = "10001"
OTHER_USER = "10002"
REVOKED_USER = "10004"  # linked on its own: its link is the one a refusal kills


# -- linking for real, then asking through lambda_handler ---------------------------------------------


@pytest.fixture(scope="module")
def stack(dynamodb_endpoint: str, sandbox: RunningSandbox) -> Iterator[InProcessStack]:
    """The skill configured for the session's sandbox and DynamoDB Local, /link served on a thread."""
    table = f"voice-e2e-{uuid.uuid4().hex[:8]}"
    with InProcessStack(
        auth="oauth2", sandbox=sandbox, dynamodb_endpoint=dynamodb_endpoint, table_name=table
    ) as running:
        yield running


@pytest.fixture(scope="module")
def tokens(stack: InProcessStack) -> dict[str, str]:
    """Withings user → the access token Alexa was issued for them by /link/token."""
    return {userid: link_with_retries(stack, userid).access_token for userid in (USER, OTHER_USER)}


@pytest.fixture
def skill(sandbox_clean: RunningSandbox, tokens: dict[str, str]) -> Iterator[dict[str, str]]:
    """A freshly built skill (per-device time zone caches empty, every user's data cache empty: each
    test's questions reach the sandbox, faults included) and a sandbox without faults."""
    composition.reset()
    for userid in (USER, OTHER_USER, REVOKED_USER):
        composition.container().cache.purge(userid, None)
    try:
        yield tokens
    finally:
        composition.reset()


def ask(
    sandbox: RunningSandbox,
    intent: str,
    slots: dict[str, str | ResolvedSlot | None] | None = None,
    *,
    token: str | None,
    locale: str = "en-US",
    device_id: str = "amzn1.ask.device.E2E",
) -> str:
    event = intent_request(
        intent,
        slots,
        locale=locale,
        access_token=token,
        skill_id=SKILL_ID,
        api_endpoint=sandbox.url,
        device_id=device_id,
    )
    return speech(lambda_function.lambda_handler(event, None))


def speech(result: Any) -> str:
    assert isinstance(result, dict)
    return ssml_text(str(result["response"]["outputSpeech"]["ssml"]))


def raw(sandbox: RunningSandbox, userid: str = USER) -> Raw:
    return dataclasses.asdict(sandbox.user(userid))


def de(number: float, decimals: int = 1) -> str:
    return said(number, decimals, comma=True)


# -- the tests ------------------------------------------------------------------------------------------


def test_latest_weight_in_three_locales(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    kg = value_of(real_groups(data, WEIGHT)[-1], WEIGHT)
    assert kg is not None
    token = skill[USER]
    assert ask(sandbox_clean, "BodyIntent", token=token).startswith(f"{said(kg / KG_PER_LB, 1)} pounds ")
    stone, pounds = divmod(round(kg / KG_PER_LB), 14)
    british = f"{stone} stone {pounds} " if pounds else f"{stone} stone "
    assert ask(sandbox_clean, "BodyIntent", token=token, locale="en-GB").startswith(british)
    assert ask(sandbox_clean, "BodyIntent", token=token, locale="de-DE").startswith(
        f"{kilos_de(kg)}, laut deiner"
    )


def test_weight_comparison_with_last_week(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    groups = real_groups(raw(sandbox_clean), WEIGHT)
    latest = groups[-1]
    window = [g for g in groups if 4 * 86400 <= latest["date"] - g["date"] <= 10 * 86400]
    reply = ask(sandbox_clean, "BodyIntent", token=skill[USER], locale="de-DE")
    if not window:
        assert "letzte Woche" not in reply
        return
    before = min(window, key=lambda g: abs(latest["date"] - g["date"] - 7 * 86400))
    now_kg, then_kg = value_of(latest, WEIGHT), value_of(before, WEIGHT)
    assert now_kg is not None and then_kg is not None
    delta = round(now_kg, 1) - round(then_kg, 1)
    if abs(delta) < 0.05:
        assert reply.endswith("genauso viel wie letzte Woche.")
    else:
        word = "weniger" if delta < 0 else "mehr"
        assert reply.endswith(f"{kilos_de(abs(now_kg - then_kg))} {word} als letzte Woche.")


def test_steps_today_yesterday_and_last_week(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    today = today_of(data)
    steps_today = activity_on(data, today)
    assert steps_today is not None
    assert (
        ask(sandbox_clean, "ActivityIntent", STEPS, token=skill[USER])
        == f"You've taken {steps_today['steps']:,} steps so far today."
    )

    yesterday = today - timedelta(days=1)
    record = activity_on(data, yesterday)
    assert record is not None
    reply = ask(
        sandbox_clean,
        "ActivityIntent",
        {**STEPS, "date": yesterday.isoformat()},
        token=skill[USER],
        locale="de-DE",
    )
    assert reply == f"Du hast gestern {de(record['steps'], 0)} Schritte gemacht."

    monday, _ = last_week(today)
    week = [activity_on(data, monday + timedelta(days=i)) for i in range(7)]
    total = sum(r["steps"] for r in week if r)
    iso_year, iso_week, _ = monday.isocalendar()
    reply = ask(
        sandbox_clean, "ActivityIntent", {**STEPS, "date": f"{iso_year}-W{iso_week:02d}"}, token=skill[USER]
    )
    assert reply == f"You took {total:,} steps last week, an average of {total / 7:,.0f} steps a day."


def test_distance_in_miles_and_kilometres(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    yesterday = today_of(data) - timedelta(days=1)
    record = activity_on(data, yesterday)
    assert record is not None
    slots = {"date": yesterday.isoformat(), "metric": ResolvedSlot("distance", "DISTANCE")}
    assert ask(sandbox_clean, "ActivityIntent", slots, token=skill[USER], locale="en-GB") == (
        f"You covered {said(record['distance'] / M_PER_MILE, 1)} miles yesterday."
    )
    assert ask(sandbox_clean, "ActivityIntent", slots, token=skill[USER], locale="de-DE") == (
        f"Du hast gestern {de(record['distance'] / 1000)} Kilometer zurückgelegt."
    )


def test_sleep_last_night_and_on_a_weekday(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    today = today_of(data)
    last_night = night_ending(data, today)
    reply = ask(sandbox_clean, "SleepIntent", token=skill[USER])
    assert last_night is not None  # the pinned afternoon: last night has ended
    assert reply.startswith(f"You slept {duration(last_night['data']['total_sleep_time'])} last night")
    assert reply.endswith(f"Your sleep score was {last_night['data']['sleep_score']}.")

    # "on <weekday>", three days ago: the night from that evening into the next morning.
    day = today - timedelta(days=3)
    night = night_ending(data, day + timedelta(days=1))
    reply = ask(sandbox_clean, "SleepIntent", {"date": day.isoformat()}, token=skill[USER])
    if night is None:
        assert reply.startswith(f"I don't have any sleep data for {weekday(day)} night.")
    else:
        expected = f"You slept {duration(night['data']['total_sleep_time'])} {weekday(day)} night"
        assert reply.startswith(expected)


def test_deep_sleep_in_german(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    day = today_of(data) - timedelta(days=2)
    night = night_ending(data, day + timedelta(days=1))
    slots = {"date": day.isoformat(), "metric": ResolvedSlot("tiefschlaf", "DEEP")}
    reply = ask(sandbox_clean, "SleepIntent", slots, token=skill[USER], locale="de-DE")
    if night is None:
        assert reply.startswith("Ich habe in der")
    else:
        hours, rest = hours_minutes(night["data"]["deepsleepduration"])
        words = " ".join(
            p
            for p in (
                f"{hours} Stunde{'n' if hours != 1 else ''}" if hours else "",
                f"{rest} Minute{'n' if rest != 1 else ''}" if rest else "",
            )
            if p
        )
        assert reply.endswith(f"{words} Tiefschlaf.")


def test_blood_pressure_and_heart_rate(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    bp = [g for g in real_groups(data, 10) if value_of(g, 9) is not None][-1]
    systolic, diastolic = value_of(bp, 10), value_of(bp, 9)
    assert systolic is not None and diastolic is not None
    assert ask(sandbox_clean, "BloodPressureIntent", token=skill[USER]).startswith(
        f"{systolic:.0f} over {diastolic:.0f}, with a pulse"
    )

    pulse = value_of(real_groups(data, 11)[-1], 11)
    assert pulse is not None
    assert ask(sandbox_clean, "HeartRateIntent", token=skill[USER]).startswith(
        f"{pulse:.0f} beats per minute, from your"
    )


def test_vitals(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    spo2 = value_of(real_groups(raw(sandbox_clean), 54)[-1], 54)
    assert spo2 is not None
    slots = {"metric": ResolvedSlot("oxygen", "SPO2")}
    reply = ask(sandbox_clean, "VitalsIntent", slots, token=skill[USER], locale="en-GB")
    assert reply.startswith(f"Your blood oxygen was {spo2:.0f} percent, from your")


def test_workouts_over_the_last_week(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    today = today_of(data)
    count = len(workouts_between(data, today - timedelta(days=6), today))
    reply = ask(sandbox_clean, "WorkoutIntent", token=skill[USER])
    if count == 0:
        assert reply == "I don't have any workouts over the last 7 days."
    else:
        noun = "workout" if count == 1 else "workouts"
        assert reply.startswith(f"You did {count} {noun} over the last 7 days")


def test_digest_and_goals(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    steps = activity_on(data, today_of(data))
    assert steps is not None
    goal = data["goals"]["steps"]
    percent = round(100 * steps["steps"] / goal)
    digest = ask(sandbox_clean, "DailyDigestIntent", token=skill[USER])
    assert digest.startswith(
        f"You've taken {steps['steps']:,} steps so far today, {percent} percent of your {goal:,} step goal."
    )
    kg = value_of(real_groups(data, WEIGHT)[-1], WEIGHT)
    assert kg is not None
    assert f"Your latest weight is {said(kg / KG_PER_LB, 1)} pounds" in digest

    slots = {"metric": ResolvedSlot("steps", "STEPS")}
    assert ask(sandbox_clean, "GoalsIntent", slots, token=skill[USER]) == (
        f"Your step goal is {goal:,} steps. "
        f"You've taken {steps['steps']:,} steps so far today, {percent} percent of it."
    )


def test_weight_trend_and_average_steps(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    data = raw(sandbox_clean)
    today = today_of(data)
    assert len(weight_values(data, today - timedelta(days=29), today).values) > 1
    slots = {"metric": ResolvedSlot("weight", "WEIGHT")}
    reply = ask(sandbox_clean, "TrendIntent", slots, token=skill[USER], locale="de-DE")
    assert reply == weight_trend_30_days_de(data).text

    month_start = today.replace(day=1)
    days = [r for r in data["activities"] if month_start.isoformat() <= r["date"] <= today.isoformat()]
    average = sum(r["steps"] for r in days) / len(days)
    slots = {"period": f"{today:%Y-%m}", "metric": ResolvedSlot("steps", "STEPS")}
    reply = ask(sandbox_clean, "AverageIntent", slots, token=skill[USER])
    assert reply == f"You averaged {average:,.0f} steps a day this month."


def test_another_user_hears_their_own_data(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    kg = value_of(real_groups(raw(sandbox_clean, OTHER_USER), WEIGHT)[-1], WEIGHT)
    assert kg is not None
    reply = ask(sandbox_clean, "BodyIntent", token=skill[OTHER_USER], locale="de-DE")
    assert reply.startswith(f"{kilos_de(kg)}")


def test_without_a_token_the_user_is_asked_to_link(
    sandbox_clean: RunningSandbox, skill: dict[str, str]
) -> None:
    for token in (None, "not-a-token-the-skill-issued"):
        event = intent_request(
            "SleepIntent", access_token=token, skill_id=SKILL_ID, api_endpoint=sandbox_clean.url
        )
        result = lambda_function.lambda_handler(event, None)
        assert result["response"]["card"] == {"type": "LinkAccount"}
        assert speech(result).startswith("To hear your Withings data, link your Withings account")
    assert sandbox_clean.stats()["data_calls_by_user"] == {}


def test_launch_and_help_in_every_locale(sandbox_clean: RunningSandbox, skill: dict[str, str]) -> None:
    for locale, word in (("en-US", "Welcome"), ("en-GB", "Welcome"), ("de-DE", "Willkommen")):
        result = lambda_function.lambda_handler(launch_request(locale=locale, skill_id=SKILL_ID), None)
        assert speech(result).startswith(word)
        assert result["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    ("intent", "locale", "start", "ends"),
    [
        ("AMAZON.HelpIntent", "en-GB", "I can tell you about your Withings data.", False),
        ("AMAZON.FallbackIntent", "de-DE", "Dabei kann ich leider nicht helfen.", False),
        ("AMAZON.YesIntent", "en-US", "I can tell you about your Withings data.", False),
        ("AMAZON.NoIntent", "en-US", "Goodbye.", True),
        ("AMAZON.StopIntent", "de-DE", "Tschüss.", True),
        ("AMAZON.CancelIntent", "en-GB", "Goodbye.", True),
        ("AMAZON.NavigateHomeIntent", "en-US", "Goodbye.", True),
    ],
)
def test_built_in_intents(
    sandbox_clean: RunningSandbox, skill: dict[str, str], intent: str, locale: str, start: str, ends: bool
) -> None:
    event = intent_request(intent, locale=locale, access_token=skill[USER], skill_id=SKILL_ID)
    result = lambda_function.lambda_handler(event, None)
    assert speech(result).startswith(start)
    assert result["response"]["shouldEndSession"] is ends


def test_session_ended_with_a_timeout_is_acknowledged(
    sandbox_clean: RunningSandbox, skill: dict[str, str]
) -> None:
    event = session_ended_request("ERROR", "ENDPOINT_TIMEOUT", skill_id=SKILL_ID)
    assert lambda_function.lambda_handler(event, None)["response"] == {}


def test_the_device_time_zone_comes_from_the_alexa_stand_in(
    sandbox_clean: RunningSandbox, skill: dict[str, str]
) -> None:
    ask(sandbox_clean, "ActivityIntent", token=skill[USER], device_id="amzn1.ask.device.TZ1")
    ask(sandbox_clean, "ActivityIntent", token=skill[USER], device_id="amzn1.ask.device.TZ1")
    assert sandbox_clean.stats()["alexa_timezone"] == 1  # cached per device


def test_a_hanging_alexa_api_falls_back_to_the_withings_time_zone(
    sandbox_clean: RunningSandbox, skill: dict[str, str]
) -> None:
    sandbox_clean.set_fault("hang", path="/v2/devices", hang_seconds=5)
    data = raw(sandbox_clean)
    steps = activity_on(data, today_of(data))
    assert steps is not None
    started = time.monotonic()
    reply = ask(sandbox_clean, "ActivityIntent", STEPS, token=skill[USER], device_id="amzn1.ask.device.HANG")
    assert time.monotonic() - started < 7
    assert reply == f"You've taken {steps['steps']:,} steps so far today."


# -- faults ---------------------------------------------------------------------------------------------


def test_a_hanging_withings_gets_an_apology_within_the_deadline(
    sandbox_clean: RunningSandbox, skill: dict[str, str]
) -> None:
    sandbox_clean.set_fault("hang", hang_seconds=10)
    started = time.monotonic()
    reply = ask(sandbox_clean, "BodyIntent", token=skill[USER])
    elapsed = time.monotonic() - started
    assert reply == "Sorry, Withings took too long to answer. Please try again in a moment."
    assert elapsed < 7  # a behaviour bound (Alexa gives up at 8 s), not a benchmark
    # While waiting, a progressive response went to the Alexa stand-in (sent by a timer thread:
    # real concurrency, so it is polled for, briefly).
    for _ in range(100):
        if sandbox_clean.stats()["alexa_directives"]:
            break
        time.sleep(0.02)
    bodies = sandbox_clean.stats()["alexa_directive_bodies"]
    assert bodies and bodies[0]["directive"]["speech"] == "<speak>One moment, checking your scale.</speak>"


def test_a_hanging_withings_digest_also_answers_in_time(
    sandbox_clean: RunningSandbox, skill: dict[str, str]
) -> None:
    sandbox_clean.set_fault("hang", hang_seconds=10)
    started = time.monotonic()
    reply = ask(sandbox_clean, "DailyDigestIntent", token=skill[USER], locale="de-DE")
    assert time.monotonic() - started < 7
    assert reply == "Entschuldige, Withings hat zu lange gebraucht. Bitte versuch es gleich noch einmal."


@pytest.mark.parametrize(
    ("mode", "reply"),
    [
        ("rate_limit", "Withings is busy right now, please try again in a minute."),
        ("http500", "Sorry, Withings isn't working properly right now. Please try again later."),
        ("badjson", "Sorry, Withings isn't working properly right now. Please try again later."),
        ("not_implemented", "Sorry, Withings couldn't answer that just now. Please try again later."),
    ],
)
def test_withings_faults_become_apologies(
    sandbox_clean: RunningSandbox, skill: dict[str, str], mode: str, reply: str
) -> None:
    sandbox_clean.set_fault(mode)
    assert ask(sandbox_clean, "SleepIntent", token=skill[USER]) == reply


def test_revoked_withings_credentials_mark_the_link_and_prompt(
    sandbox_clean: RunningSandbox, skill: dict[str, str], stack: InProcessStack
) -> None:
    token = link_with_retries(stack, REVOKED_USER).access_token  # a link of its own, not the others'
    assert not ask(sandbox_clean, "BodyIntent", token=token).startswith("To hear your Withings data")
    composition.container().cache.purge(REVOKED_USER, None)  # the next question must reach Withings
    sandbox_clean.set_fault("auth")
    event = intent_request(
        "BodyIntent", access_token=token, skill_id=SKILL_ID, api_endpoint=sandbox_clean.url
    )
    result = lambda_function.lambda_handler(event, None)
    assert result["response"]["card"] == {"type": "LinkAccount"}
    # The link is marked dead: with Withings answering again, the same token still gets the prompt,
    # and Withings is not even asked.
    sandbox_clean.clear_faults()
    sandbox_clean.reset_stats()
    result = lambda_function.lambda_handler(event, None)
    assert result["response"]["card"] == {"type": "LinkAccount"}
    assert sandbox_clean.stats()["data_calls_by_user"] == {}
    assert not ask(sandbox_clean, "BodyIntent", token=skill[USER]).startswith("To hear your Withings data")
