"""The voice skill end to end: Alexa envelopes → lambda_function.lambda_handler → the real sandbox.

GIVEN a sandbox user linked through the sandbox's own OAuth2 flow (authorize2 → code → requesttoken),
WHEN Alexa sends an envelope (every intent, several date forms, three locales, with and without a
token), THEN the reply says the figure computed HERE from the raw Withings JSON the sandbox serves —
independently of the skill's parsing — and faults come back as the right apology within the deadline.

The Accounts port is a small in-test class returning BearerAuth with the sandbox-issued token; the
Alexa API (time zone, progressive responses) is the sandbox's stand-in at apiEndpoint = sandbox.url.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests

import lambda_function
from devtools.envelopes import ResolvedSlot, intent_request, launch_request, session_ended_request
from sandbox.server import RunningSandbox
from skill import composition
from skill.accounts import LinkedAccount, NotLinked, RelinkRequired
from skill.config import get_settings
from skill.withings.auth import BearerAuth
from skill.withings.deadline import Deadline

pytestmark = pytest.mark.e2e

USER = "10001"
OTHER_USER = "10002"
SKILL_ID = "amzn1.ask.skill.e2e00000-0000-0000-0000-000000000000"
REDIRECT = "https://layla.amazon.com/api/skill/link/M2E2E"
KG_PER_LB = 0.45359237


# -- linking through the sandbox's OAuth2 flow ---------------------------------------------------------


def withings_access_token(sandbox: RunningSandbox, userid: str) -> str:
    """What the linking facade would do: follow authorize2's redirect, exchange the code."""
    authorize = requests.get(
        f"{sandbox.url}/oauth2_user/authorize2",
        params={
            "response_type": "code",
            "client_id": sandbox.config.client_id,
            "redirect_uri": REDIRECT,
            "state": f"state-{userid}",
            "scope": "user.info,user.metrics,user.activity,user.sleepevents",
            "user": userid,
        },
        allow_redirects=False,
        timeout=5,
    )
    assert authorize.status_code == 302, authorize.text
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize.headers["Location"]).query))
    assert query["state"] == f"state-{userid}"
    token = requests.post(
        f"{sandbox.url}/v2/oauth2",
        data={
            "action": "requesttoken",
            "grant_type": "authorization_code",
            "client_id": sandbox.config.client_id,
            "client_secret": sandbox.config.client_secret,
            "code": query["code"],
            "redirect_uri": REDIRECT,
        },
        timeout=5,
    ).json()
    assert token["status"] == 0, token
    return str(token["body"]["access_token"])


@dataclass
class SandboxAccounts:
    """The Accounts port over tokens the sandbox issued: Alexa token "alexa-<userid>" → that user."""

    withings_tokens: dict[str, str]
    relinked: list[str] = field(default_factory=list)

    def resolve(self, access_token: str, deadline: Deadline) -> LinkedAccount:
        userid = access_token.removeprefix("alexa-")
        if userid not in self.withings_tokens:
            raise NotLinked("unknown token")
        return LinkedAccount(f"link-{userid}", BearerAuth(self.withings_tokens[userid]), userid)

    def reauthorize(self, account: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        self.relink_required(account.link_id)
        raise RelinkRequired(account.link_id)

    def relink_required(self, link_id: str) -> None:
        self.relinked.append(link_id)

    def forget_alexa_user(self, alexa_user_id: str, access_token: str | None) -> None:
        raise AssertionError("not used here")

    def remember_alexa_user(self, alexa_user_id: str, access_token: str) -> None:
        raise AssertionError("not used here")


@pytest.fixture(scope="module")
def tokens(sandbox: RunningSandbox) -> dict[str, str]:
    return {userid: withings_access_token(sandbox, userid) for userid in (USER, OTHER_USER)}


@pytest.fixture
def skill(
    sandbox_clean: RunningSandbox, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[SandboxAccounts]:
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    monkeypatch.setenv("WITHINGS_API_URL", sandbox_clean.url)
    get_settings.cache_clear()
    accounts = SandboxAccounts(dict(tokens))
    composition.reset(composition.Container(get_settings(), accounts=accounts))
    try:
        yield accounts
    finally:
        composition.reset()


def ask(
    sandbox: RunningSandbox,
    intent: str,
    slots: dict[str, str | ResolvedSlot | None] | None = None,
    *,
    locale: str = "en-US",
    userid: str | None = USER,
    device_id: str = "amzn1.ask.device.E2E",
) -> str:
    event = intent_request(
        intent,
        slots,
        locale=locale,
        access_token=f"alexa-{userid}" if userid else None,
        skill_id=SKILL_ID,
        api_endpoint=sandbox.url,
        device_id=device_id,
    )
    return speech(lambda_function.lambda_handler(event, None))


def speech(result: Any) -> str:
    assert isinstance(result, dict)
    ssml = result["response"]["outputSpeech"]["ssml"]
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    return str(ssml[7:-8])


# -- expectations computed from the raw Withings JSON ---------------------------------------------------


def raw(sandbox: RunningSandbox, userid: str = USER) -> Any:
    return sandbox.user(userid)


def user_today(sandbox: RunningSandbox, userid: str = USER) -> date:
    return datetime.now(ZoneInfo(raw(sandbox, userid).timezone)).date()


def value_of(group: dict[str, Any], mtype: int) -> float | None:
    for m in group["measures"]:
        if m["type"] == mtype and m.get("position") is None:
            return float(m["value"]) * 10.0 ** int(m["unit"])
    return None


def real_groups(sandbox: RunningSandbox, mtype: int, userid: str = USER) -> list[dict[str, Any]]:
    """Real (category 1), unambiguous (attrib not 1/4) groups with that type, oldest first."""
    groups = [
        g
        for g in raw(sandbox, userid).measuregrps
        if g["category"] == 1 and g["attrib"] not in (1, 4) and value_of(g, mtype) is not None
    ]
    return sorted(groups, key=lambda g: g["date"])


def said(number: float, decimals: int = 1, *, comma: bool = False) -> str:
    text = f"{number:,.{decimals}f}"
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -(decimals + 1)]
    if comma:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def spoken_duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def activity_on(sandbox: RunningSandbox, day: date) -> dict[str, Any] | None:
    for record in raw(sandbox).activities:
        if record["date"] == day.isoformat():
            return dict(record)
    return None


# -- the tests ------------------------------------------------------------------------------------------


def test_latest_weight_in_three_locales(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    latest = real_groups(sandbox_clean, 1)[-1]
    kg = value_of(latest, 1)
    assert kg is not None
    assert ask(sandbox_clean, "BodyIntent").startswith(f"{said(kg / KG_PER_LB)} pounds ")
    stone, pounds = divmod(round(kg / KG_PER_LB), 14)
    british = f"{stone} stone {pounds} " if pounds else f"{stone} stone "
    assert ask(sandbox_clean, "BodyIntent", locale="en-GB").startswith(british)
    assert ask(sandbox_clean, "BodyIntent", locale="de-DE").startswith(
        f"{said(kg, comma=True)} Kilo, laut deiner"
    )


def test_weight_comparison_with_last_week(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    groups = real_groups(sandbox_clean, 1)
    latest = groups[-1]
    window = [g for g in groups if 4 * 86400 <= latest["date"] - g["date"] <= 10 * 86400]
    reply = ask(sandbox_clean, "BodyIntent", locale="de-DE")
    if not window:
        assert "letzte Woche" not in reply
        return
    before = min(window, key=lambda g: abs(latest["date"] - g["date"] - 7 * 86400))
    now_kg, then_kg = value_of(latest, 1), value_of(before, 1)
    assert now_kg is not None and then_kg is not None
    delta = round(now_kg, 1) - round(then_kg, 1)
    if abs(delta) < 0.05:
        assert reply.endswith("genauso viel wie letzte Woche.")
    else:
        word = "weniger" if delta < 0 else "mehr"
        assert reply.endswith(f"{said(abs(now_kg - then_kg), comma=True)} Kilo {word} als letzte Woche.")


def test_steps_today_yesterday_and_last_week(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    today = user_today(sandbox_clean)
    steps_today = activity_on(sandbox_clean, today)
    assert steps_today is not None
    assert (
        ask(sandbox_clean, "ActivityIntent") == f"You've taken {steps_today['steps']:,} steps so far today."
    )

    yesterday = today - timedelta(days=1)
    record = activity_on(sandbox_clean, yesterday)
    assert record is not None
    reply = ask(sandbox_clean, "ActivityIntent", {"date": yesterday.isoformat()}, locale="de-DE")
    assert reply == f"Du hast gestern {said(record['steps'], 0, comma=True)} Schritte gemacht."

    monday = today - timedelta(days=today.weekday() + 7)
    week = [activity_on(sandbox_clean, monday + timedelta(days=i)) for i in range(7)]
    total = sum(r["steps"] for r in week if r)
    iso_year, iso_week, _ = monday.isocalendar()
    reply = ask(sandbox_clean, "ActivityIntent", {"date": f"{iso_year}-W{iso_week:02d}"})
    assert reply == f"You took {total:,} steps last week, an average of {total / 7:,.0f} steps a day."


def test_distance_in_miles_and_kilometres(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    yesterday = user_today(sandbox_clean) - timedelta(days=1)
    record = activity_on(sandbox_clean, yesterday)
    assert record is not None
    slots = {"date": yesterday.isoformat(), "metric": ResolvedSlot("distance", "DISTANCE")}
    assert ask(sandbox_clean, "ActivityIntent", slots, locale="en-GB") == (
        f"You covered {said(record['distance'] / 1609.344)} miles yesterday."
    )
    assert ask(sandbox_clean, "ActivityIntent", slots, locale="de-DE") == (
        f"Du hast gestern {said(record['distance'] / 1000, comma=True)} Kilometer zurückgelegt."
    )


def test_sleep_last_night_and_on_a_weekday(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    today = user_today(sandbox_clean)
    nights = {s["date"]: s for s in raw(sandbox_clean).sleep_summaries}
    last_night = nights.get(today.isoformat())
    reply = ask(sandbox_clean, "SleepIntent")
    if last_night is None:  # before the night has ended (the sandbox serves data "as of now")
        assert reply.startswith("I don't have any sleep data for last night.")
    else:
        assert reply.startswith(
            f"You slept {spoken_duration(last_night['data']['total_sleep_time'])} last night"
        )
        assert reply.endswith(f"Your sleep score was {last_night['data']['sleep_score']}.")

    # "on <weekday>", three days ago: the night from that evening into the next morning.
    day = today - timedelta(days=3)
    night = nights.get((day + timedelta(days=1)).isoformat())
    reply = ask(sandbox_clean, "SleepIntent", {"date": day.isoformat()})
    weekday = day.strftime("%A")
    if night is None:
        assert reply.startswith(f"I don't have any sleep data for {weekday} night.")
    else:
        expected = f"You slept {spoken_duration(night['data']['total_sleep_time'])} {weekday} night"
        assert reply.startswith(expected)


def test_deep_sleep_in_german(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    today = user_today(sandbox_clean)
    night = {s["date"]: s for s in raw(sandbox_clean).sleep_summaries}.get(
        (today - timedelta(days=1)).isoformat()
    )
    day = today - timedelta(days=2)
    slots = {"date": day.isoformat(), "metric": ResolvedSlot("tiefschlaf", "DEEP")}
    reply = ask(sandbox_clean, "SleepIntent", slots, locale="de-DE")
    if night is None:
        assert reply.startswith("Ich habe in der")
    else:
        minutes = round(night["data"]["deepsleepduration"] / 60)
        hours, rest = divmod(minutes, 60)
        words = " ".join(
            p
            for p in (
                f"{hours} Stunde{'n' if hours != 1 else ''}" if hours else "",
                f"{rest} Minute{'n' if rest != 1 else ''}" if rest else "",
            )
            if p
        )
        assert reply.endswith(f"{words} Tiefschlaf.")


def test_blood_pressure_and_heart_rate(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    bp = [g for g in real_groups(sandbox_clean, 10) if value_of(g, 9) is not None][-1]
    systolic, diastolic = value_of(bp, 10), value_of(bp, 9)
    assert systolic is not None and diastolic is not None
    assert ask(sandbox_clean, "BloodPressureIntent").startswith(
        f"{systolic:.0f} over {diastolic:.0f}, with a pulse"
    )

    pulse = value_of(real_groups(sandbox_clean, 11)[-1], 11)
    assert pulse is not None
    assert ask(sandbox_clean, "HeartRateIntent").startswith(f"{pulse:.0f} beats per minute, from your")


def test_vitals(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    spo2 = value_of(real_groups(sandbox_clean, 54)[-1], 54)
    assert spo2 is not None
    reply = ask(sandbox_clean, "VitalsIntent", {"metric": ResolvedSlot("oxygen", "SPO2")}, locale="en-GB")
    assert reply.startswith(f"Your blood oxygen was {spo2:.0f} percent, from your")


def test_workouts_over_the_last_week(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    today = user_today(sandbox_clean)
    first = today - timedelta(days=6)
    count = sum(1 for w in raw(sandbox_clean).workouts if first.isoformat() <= w["date"] <= today.isoformat())
    reply = ask(sandbox_clean, "WorkoutIntent")
    if count == 0:
        assert reply == "I don't have any workouts over the last 7 days."
    else:
        noun = "workout" if count == 1 else "workouts"
        assert reply.startswith(f"You did {count} {noun} over the last 7 days")


def test_digest_and_goals(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    today = user_today(sandbox_clean)
    steps = activity_on(sandbox_clean, today)
    assert steps is not None
    goal = raw(sandbox_clean).goals["steps"]
    percent = round(100 * steps["steps"] / goal)
    digest = ask(sandbox_clean, "DailyDigestIntent")
    assert digest.startswith(
        f"You've taken {steps['steps']:,} steps so far today, {percent} percent of your {goal:,} step goal."
    )
    kg = value_of(real_groups(sandbox_clean, 1)[-1], 1)
    assert kg is not None
    assert f"Your latest weight is {said(kg / KG_PER_LB)} pounds" in digest

    assert ask(sandbox_clean, "GoalsIntent", {"metric": ResolvedSlot("steps", "STEPS")}) == (
        f"Your step goal is {goal:,} steps. "
        f"You've taken {steps['steps']:,} steps so far today, {percent} percent of it."
    )


def test_weight_trend_and_average_steps(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    today = user_today(sandbox_clean)
    tz = ZoneInfo(raw(sandbox_clean).timezone)
    start = datetime.combine(today - timedelta(days=29), datetime.min.time(), tzinfo=tz).timestamp()
    end = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz).timestamp()
    window = [g for g in real_groups(sandbox_clean, 1) if start <= g["date"] < end]
    values = [value_of(g, 1) or 0.0 for g in window]
    reply = ask(sandbox_clean, "TrendIntent", {"metric": ResolvedSlot("weight", "WEIGHT")}, locale="de-DE")
    assert f"von {said(values[0], comma=True)} Kilo auf {said(values[-1], comma=True)} Kilo" in reply
    assert reply.endswith(f"Im Schnitt {said(sum(values) / len(values), comma=True)} Kilo.")

    month_start = today.replace(day=1)
    days = [
        r for r in raw(sandbox_clean).activities if month_start.isoformat() <= r["date"] <= today.isoformat()
    ]
    average = sum(r["steps"] for r in days) / len(days)
    reply = ask(
        sandbox_clean, "AverageIntent", {"period": f"{today:%Y-%m}", "metric": ResolvedSlot("steps", "STEPS")}
    )
    assert reply == f"You averaged {average:,.0f} steps a day this month."


def test_another_user_hears_their_own_data(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
    kg = value_of(real_groups(sandbox_clean, 1, OTHER_USER)[-1], 1)
    assert kg is not None
    assert ask(sandbox_clean, "BodyIntent", userid=OTHER_USER, locale="de-DE").startswith(
        f"{said(kg, comma=True)} Kilo"
    )


def test_without_a_token_the_user_is_asked_to_link(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    event = intent_request("SleepIntent", skill_id=SKILL_ID, api_endpoint=sandbox_clean.url)
    result = lambda_function.lambda_handler(event, None)
    assert result["response"]["card"] == {"type": "LinkAccount"}
    assert speech(result).startswith("To hear your Withings data, link your Withings account")
    assert sandbox_clean.stats()["data_calls_by_user"] == {}


def test_launch_and_help_in_every_locale(sandbox_clean: RunningSandbox, skill: SandboxAccounts) -> None:
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
    sandbox_clean: RunningSandbox, skill: SandboxAccounts, intent: str, locale: str, start: str, ends: bool
) -> None:
    event = intent_request(intent, locale=locale, access_token=f"alexa-{USER}", skill_id=SKILL_ID)
    result = lambda_function.lambda_handler(event, None)
    assert speech(result).startswith(start)
    assert result["response"]["shouldEndSession"] is ends


def test_session_ended_with_a_timeout_is_acknowledged(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    event = session_ended_request("ERROR", "ENDPOINT_TIMEOUT", skill_id=SKILL_ID)
    assert lambda_function.lambda_handler(event, None)["response"] == {}


def test_the_device_time_zone_comes_from_the_alexa_stand_in(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    ask(sandbox_clean, "ActivityIntent", device_id="amzn1.ask.device.TZ1")
    ask(sandbox_clean, "ActivityIntent", device_id="amzn1.ask.device.TZ1")
    assert sandbox_clean.stats()["alexa_timezone"] == 1  # cached per device


def test_a_hanging_alexa_api_falls_back_to_the_withings_time_zone(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    sandbox_clean.set_fault("hang", path="/v2/devices", hang_seconds=5)
    today = user_today(sandbox_clean)
    steps = activity_on(sandbox_clean, today)
    assert steps is not None
    started = time.monotonic()
    reply = ask(sandbox_clean, "ActivityIntent", device_id="amzn1.ask.device.HANG")
    assert time.monotonic() - started < 7
    assert reply == f"You've taken {steps['steps']:,} steps so far today."


# -- faults ---------------------------------------------------------------------------------------------


def test_a_hanging_withings_gets_an_apology_within_the_deadline(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    sandbox_clean.set_fault("hang", hang_seconds=10)
    started = time.monotonic()
    reply = ask(sandbox_clean, "BodyIntent")
    elapsed = time.monotonic() - started
    assert reply == "Sorry, Withings took too long to answer. Please try again in a moment."
    assert elapsed < 7  # a behaviour bound (Alexa gives up at 8 s), not a benchmark
    # While waiting, a progressive response went to the Alexa stand-in.
    for _ in range(100):
        if sandbox_clean.stats()["alexa_directives"]:
            break
        time.sleep(0.02)
    bodies = sandbox_clean.stats()["alexa_directive_bodies"]
    assert bodies and bodies[0]["directive"]["speech"] == "<speak>One moment, checking your scale.</speak>"


def test_a_hanging_withings_digest_also_answers_in_time(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    sandbox_clean.set_fault("hang", hang_seconds=10)
    started = time.monotonic()
    reply = ask(sandbox_clean, "DailyDigestIntent", locale="de-DE")
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
    sandbox_clean: RunningSandbox, skill: SandboxAccounts, mode: str, reply: str
) -> None:
    sandbox_clean.set_fault(mode)
    assert ask(sandbox_clean, "SleepIntent") == reply


def test_revoked_withings_credentials_mark_the_link_and_prompt(
    sandbox_clean: RunningSandbox, skill: SandboxAccounts
) -> None:
    sandbox_clean.set_fault("auth")
    result = lambda_function.lambda_handler(
        intent_request(
            "BodyIntent", access_token=f"alexa-{USER}", skill_id=SKILL_ID, api_endpoint=sandbox_clean.url
        ),
        None,
    )
    assert result["response"]["card"] == {"type": "LinkAccount"}
    assert skill.relinked == [f"link-{USER}"]
