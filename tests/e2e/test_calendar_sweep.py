"""The calendar sweep: the date-sensitive questions asked at the awkward moments of the calendar.

GIVEN a sandbox user linked for real (the /link routes, the sandbox's OAuth2 page, DynamoDB Local),
WHEN "now" is pinned (PINNED_NOW, read by the skill and the sandbox alike) to a moment where dates
are easy to get wrong — the 1st of a month, 1 January, both daylight-saving switches of the user's
zone, 29 February, a Sunday and a Monday, an evening whose UTC date is already tomorrow and a night
whose UTC date is still yesterday —
THEN every answer is what the sandbox's raw data for that moment says it must be: the data is
generated here with sandbox.data.served_at (the generation and the as-of cut the sandbox serves),
and tests/e2e/expectations.py says it the way a listener hears it, never the skill's own code.

Three sandbox worlds: Europe/Paris (east of UTC; its DST days are Europe's, Europe/Berlin's too),
America/New_York (west of UTC, with its own DST days), and a newcomer in Europe/Berlin whose
history began yesterday (days=2), for the branches with no past: no steps and no workouts last week,
no weigh-in a week ago. `test_the_sweep_meets_every_branch` proves from the data alone that the
moments cover both sides of each question (data / no data, changed / steady, ...).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import lambda_function
from devtools.envelopes import ResolvedSlot, intent_request
from devtools.measure import link_with_retries
from devtools.stack import SKILL_ID, InProcessStack
from sandbox.server import RunningSandbox, SandboxConfig, start
from skill.clock import PINNED_NOW_ENV
from skill.composition import container
from tests.e2e.expectations import (
    Expectation,
    Raw,
    average_steps_last_week,
    digest,
    iso_week,
    latest_weight,
    raw_at,
    steps_today,
    steps_yesterday,
    today_of,
    weight_trend_30_days,
    weight_trend_30_days_de,
    weight_trend_this_month,
    workouts_last_week,
)
from tests.e2e.expectations_nights import (
    last_night_sleep,
)
from tests.e2e.product_helpers import ssml_text

pytestmark = pytest.mark.e2e

Slots = dict[str, str | ResolvedSlot | None]


@dataclass(frozen=True)
class Moment:
    at: str  # an ISO instant with the user's local offset
    why: str

    @property
    def instant(self) -> datetime:
        return datetime.fromisoformat(self.at)


@dataclass(frozen=True)
class World:
    name: str
    config: SandboxConfig
    moments: tuple[Moment, ...]
    userid: str = "10001"

    @property
    def device(self) -> str:
        return f"amzn1.ask.device.SWEEP{self.name.upper()}"


PARIS = World(
    "paris",
    SandboxConfig(timezone="Europe/Paris"),
    (
        Moment("2026-12-01T14:30:00+01:00", "the 1st of a month, afternoon (a Tuesday)"),
        Moment("2026-12-01T00:30:00+01:00", "the 1st, just after midnight: UTC is still on November 30"),
        Moment("2027-01-01T10:00:00+01:00", "1 January: this month and this year are new"),
        Moment("2027-01-01T00:20:00+01:00", "1 January at 00:20: UTC is still in last year"),
        Moment("2026-10-25T12:00:00+01:00", "Europe falls back (a Sunday): last night was 25 hours long"),
        Moment("2027-03-28T09:00:00+02:00", "Europe springs forward (a Sunday): last night was 23 hours"),
        Moment("2027-03-29T08:30:00+02:00", "the Monday after: last week holds the 23-hour day"),
        Moment("2028-02-29T13:00:00+01:00", "29 February of a leap year"),
    ),
)
NEW_YORK = World(
    "newyork",
    SandboxConfig(timezone="America/New_York"),
    (
        Moment("2026-11-30T21:30:00-05:00", "a Monday evening: UTC is already on December 1"),
        Moment("2026-12-31T22:00:00-05:00", "New Year's Eve: UTC is already in next year"),
        Moment("2026-11-01T10:00:00-05:00", "the US falls back, on the 1st of a month (a Sunday)"),
        Moment("2027-03-14T10:00:00-04:00", "the US springs forward (a Sunday)"),
    ),
)
NEWCOMER = World(
    "newcomer",
    SandboxConfig(timezone="Europe/Berlin", days=2),  # the history began yesterday
    (
        Moment("2027-03-28T20:00:00+02:00", "joined yesterday, on Europe's spring-forward Sunday"),
        Moment("2026-11-30T09:00:00+01:00", "joined yesterday, a Monday: last week is yesterday alone"),
    ),
    userid="10002",
)
WORLDS = (PARIS, NEW_YORK, NEWCOMER)


@dataclass(frozen=True)
class Question:
    name: str
    intent: str
    expect: Expectation
    slots: Callable[[date], Slots] = lambda today: {}
    locale: str = "en-US"


WEIGHT_SLOT = ResolvedSlot("weight", "WEIGHT")
STEPS_SLOT = ResolvedSlot("steps", "STEPS")
QUESTIONS = (
    Question("last night's sleep", "SleepIntent", last_night_sleep),
    Question("today's steps", "ActivityIntent", steps_today, lambda today: {"metric": STEPS_SLOT}),
    Question(
        "yesterday's steps",
        "ActivityIntent",
        steps_yesterday,
        lambda today: {"date": (today - timedelta(days=1)).isoformat(), "metric": STEPS_SLOT},
    ),
    Question("latest weight", "BodyIntent", latest_weight),
    Question("30-day weight trend", "TrendIntent", weight_trend_30_days),
    Question(
        "30-day weight trend (de-DE)",
        "TrendIntent",
        weight_trend_30_days_de,
        lambda today: {"metric": WEIGHT_SLOT},
        "de-DE",
    ),
    Question(
        "average steps last week",
        "AverageIntent",
        average_steps_last_week,
        lambda today: {"period": iso_week(today - timedelta(days=7)), "metric": STEPS_SLOT},
    ),
    Question(
        "this month's weight trend",
        "TrendIntent",
        weight_trend_this_month,
        lambda today: {"period": f"{today:%Y-%m}", "metric": WEIGHT_SLOT},
    ),
    Question(
        "workouts last week",
        "WorkoutIntent",
        workouts_last_week,
        lambda today: {"date": iso_week(today - timedelta(days=7))},
    ),
    Question("the daily digest", "DailyDigestIntent", digest),
)


# -- the stack of one world ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedWorld:
    world: World
    sandbox: RunningSandbox
    token: str = field(repr=False)


@contextmanager
def linked_world(world: World, dynamodb_endpoint: str) -> Iterator[LinkedWorld]:
    sandbox = start(world.config)  # its "now" is skill.clock.now(): PINNED_NOW, as the skill's
    try:
        table = f"sweep-{world.name}-{uuid.uuid4().hex[:6]}"
        with InProcessStack(
            auth="oauth2", sandbox=sandbox, dynamodb_endpoint=dynamodb_endpoint, table_name=table
        ) as stack:
            yield LinkedWorld(world, sandbox, link_with_retries(stack, world.userid).access_token)
    finally:
        sandbox.stop()


@pytest.fixture(scope="module")
def worlds(dynamodb_endpoint: str) -> Iterator[Callable[[World], LinkedWorld]]:
    """Each world's stack, started and linked on first use, kept for the module."""
    with ExitStack() as running:
        started: dict[str, LinkedWorld] = {}

        def get(world: World) -> LinkedWorld:
            if world.name not in started:
                started[world.name] = running.enter_context(linked_world(world, dynamodb_endpoint))
            return started[world.name]

        yield get


def ask(linked: LinkedWorld, question: Question, today: date) -> str:
    event = intent_request(
        question.intent,
        question.slots(today),
        locale=question.locale,
        access_token=linked.token,
        skill_id=SKILL_ID,
        api_endpoint=linked.sandbox.url,
        device_id=linked.world.device,
    )
    result = lambda_function.lambda_handler(event, None)
    return ssml_text(str(result["response"]["outputSpeech"]["ssml"]))


@pytest.mark.parametrize(
    ("world", "moment"), [pytest.param(w, m, id=f"{w.name}-{m.at}") for w in WORLDS for m in w.moments]
)
def test_the_questions_at_an_awkward_moment(
    worlds: Callable[[World], LinkedWorld], world: World, moment: Moment, monkeypatch: pytest.MonkeyPatch
) -> None:
    linked = worlds(world)
    monkeypatch.setenv(PINNED_NOW_ENV, moment.at)  # the skill and the sandbox move together
    # The sandbox's history is cut anew at each moment, with none of the notifications a real jump in
    # time would have brought: each moment starts with the user's cache empty.
    container().cache.purge(world.userid, None)
    raw = raw_at(moment.instant, world.userid, world.config)
    assert linked.sandbox.user(world.userid).as_of == int(moment.instant.timestamp())
    today = today_of(raw)
    assert today == moment.instant.date()  # the moment is written in the user's own offset

    wrong = []
    for question in QUESTIONS:
        spoken = ask(linked, question, today)
        want = question.expect(raw)
        if not want.matches(spoken):
            wrong.append(f"{question.name}: said {spoken!r}\n    expected {want.how} {want.text!r}")
    assert not wrong, f"at {moment.at} ({moment.why}):\n" + "\n".join(wrong)


# -- the sweep's own coverage, from the data alone -----------------------------------------------------


def branch(question: Question, raw: Raw) -> str:
    """Which side of the question a moment is on, read from what the reply must say."""
    text = question.expect(raw).text
    if question.intent == "DailyDigestIntent":
        return "no steps yet" if text.startswith("I don't have any steps") else "steps so far"
    if "The last one before was" in text:
        return "none, the one before named"
    if "the last one before it" in text:
        return "one, against the one before"
    if text.startswith(("I don't have any", "Ich habe")) and "nur eine" not in text:
        return "no data"
    if "just one" in text or "nur eine" in text:
        return "one reading"
    if "held steady" in text or "gleichbleibend" in text:
        return "steady"
    if " went " in text or "weniger, von" in text or "mehr, von" in text:
        return "changed"
    if question.intent == "BodyIntent":
        return "compared with last week" if "last week" in text else "nothing a week before"
    return "data"


REQUIRED = {
    "last night's sleep": {"data", "no data"},
    "today's steps": {"data", "no data"},
    "yesterday's steps": {"data"},  # every generated day has a record: there is no gap to ask about
    "latest weight": {"compared with last week", "nothing a week before"},
    "30-day weight trend": {"changed", "steady"},
    "30-day weight trend (de-DE)": {"changed", "steady"},
    "average steps last week": {"data", "no data"},
    # On the 1st: one weigh-in so far (or none yet), compared with the last one before the month.
    "this month's weight trend": {"changed", "one, against the one before", "none, the one before named"},
    "workouts last week": {"data", "no data"},
    "the daily digest": {"steps so far", "no steps yet"},
}


def test_the_sweep_meets_every_branch() -> None:
    seen: dict[str, set[str]] = {q.name: set() for q in QUESTIONS}
    for world in WORLDS:
        for moment in world.moments:
            raw = raw_at(moment.instant, world.userid, world.config)
            for question in QUESTIONS:
                seen[question.name].add(branch(question, raw))
    missing = {name: wanted - seen[name] for name, wanted in REQUIRED.items() if wanted - seen[name]}
    assert not missing, f"no moment of the sweep reaches {missing}"
    assert set(REQUIRED) == set(seen)


def test_the_moments_are_the_awkward_ones() -> None:
    """Each named property really holds for its moment (a typo in an offset would quietly lose one)."""
    paris, new_york = ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")

    def utc_day(moment: str) -> date:
        return datetime.fromisoformat(moment).astimezone(ZoneInfo("UTC")).date()

    def dst_switch(day: date, tz: ZoneInfo) -> bool:
        before = datetime.combine(day, datetime.min.time(), tzinfo=tz).utcoffset()
        after = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz).utcoffset()
        return before != after

    moments = {m.at: m for w in WORLDS for m in w.moments}
    for world in WORLDS:
        for moment in world.moments:  # every offset is the one the zone has at that instant
            local = moment.instant.astimezone(ZoneInfo(world.config.timezone))
            assert local.utcoffset() == moment.instant.utcoffset(), moment.at
    assert utc_day("2026-12-01T00:30:00+01:00") == date(2026, 11, 30)
    assert utc_day("2027-01-01T00:20:00+01:00") == date(2026, 12, 31)
    assert utc_day("2026-11-30T21:30:00-05:00") == date(2026, 12, 1)
    assert utc_day("2026-12-31T22:00:00-05:00") == date(2027, 1, 1)
    assert dst_switch(date(2026, 10, 25), paris) and dst_switch(date(2027, 3, 28), paris)
    assert dst_switch(date(2026, 10, 25), ZoneInfo("Europe/Berlin"))
    assert dst_switch(date(2026, 11, 1), new_york) and dst_switch(date(2027, 3, 14), new_york)
    days = {m.instant.date() for m in moments.values()}
    assert date(2028, 2, 29) in days and date(2027, 1, 1) in days
    assert any(d.day == 1 for d in days)
    weekdays = {d.weekday() for d in days}
    assert {0, 6} <= weekdays  # a Monday and a Sunday
