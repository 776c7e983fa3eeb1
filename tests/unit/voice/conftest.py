"""Unit-test doubles for the voice skill: in-memory Accounts, a fake Withings data client, a pinned clock.

The skill is built with them explicitly (a VoiceEntry over VoiceServices, as the composition root
builds the real one) and asked with real envelopes. Requests to the Alexa API (time zone, progressive
responses) are answered by `responses`, so nothing leaves the process; so is Withings itself when a
test swaps the fake data client for the real one (Harness.use_withings_api).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import responses

from skill import composition
from skill.accounts import AccountsUnavailable, LinkedAccount, RelinkRequired
from skill.accounts.memory import MemoryAccounts
from skill.voice.entry import VoiceEntry
from skill.voice.queries import DataSource
from skill.voice.services import VoiceServices
from skill.withings.auth import BearerAuth, RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.models import (
    DailyActivity,
    Goals,
    Measure,
    MeasureGroup,
    Measurements,
    SleepSummary,
    Workout,
)

SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
TOKEN = "linked-token"
TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
# Thursday 26 November 2026, 9:30 in Berlin: the tests' "now".
NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
TODAY = date(2026, 11, 26)
ALEXA_API = "https://api.amazonalexa.com"


WITHINGS_URL = "https://wbsapi.invalid"
ACCOUNT = LinkedAccount("link-1", BearerAuth("withings-token"), "10001")


def fake_accounts() -> MemoryAccounts:
    """TOKEN resolves to ACCOUNT; a few other tokens raise the interface's errors. A reauthorisation
    ends the link unless a test renews it (accounts.renew)."""
    accounts = MemoryAccounts()
    accounts.link(TOKEN, ACCOUNT)
    accounts.fail("relink", RelinkRequired("dead refresh token"))
    accounts.fail("unavailable", AccountsUnavailable("storage down"))
    return accounts


def group(at: datetime, values: dict[int, float], *, grpid: int = 0, attrib: int = 0) -> MeasureGroup:
    measures = tuple(Measure(code, value, round(value * 1000), -3) for code, value in values.items())
    return MeasureGroup(grpid or int(at.timestamp()), at, attrib, 1, measures)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def activity(day: date, steps: int | None, **kw: Any) -> DailyActivity:
    return DailyActivity(day=day, timezone=TZ, steps=steps, **kw)


def night(night_date: date, total_s: int, **kw: Any) -> SleepSummary:
    start = local(night_date - timedelta(days=1), 22, 55)
    end = local(night_date, 7, 5)
    return SleepSummary(night=night_date, timezone=TZ, start=start, end=end, total_sleep_s=total_s, **kw)


def workout(day: date, code: int, name: str, minutes: int, hour: int = 18) -> Workout:
    start = local(day, hour)
    return Workout(
        id=int(start.timestamp()),
        category_code=code,  # `name` is for the reader: the record keeps the code
        day=day,
        timezone=TZ,
        start=start,
        end=start + timedelta(minutes=minutes),
    )


@dataclass
class FakeApi:
    """A stand-in for WithingsApi over in-memory records, filtering like Withings does."""

    groups: list[MeasureGroup] = field(default_factory=list)
    activities: list[DailyActivity] = field(default_factory=list)
    sleeps: list[SleepSummary] = field(default_factory=list)
    workouts: list[Workout] = field(default_factory=list)
    goals: Goals = field(default_factory=Goals)
    timezone: str = TZ
    errors: dict[str, BaseException] = field(default_factory=dict)  # method name -> raise
    calls: list[str] = field(default_factory=list)
    deadlines: list[float] = field(default_factory=list)

    def _enter(self, name: str, deadline: Deadline) -> None:
        self.calls.append(name)
        self.deadlines.append(deadline.remaining())
        error = self.errors.get(name) or self.errors.get("*")
        if error is not None:
            raise error

    def get_measures(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        types: Sequence[int] | None = None,
        category: int | None = 1,
        lastupdate: datetime | None = None,
        deadline: Deadline,
    ) -> Measurements:
        self._enter("get_measures", deadline)
        kept = []
        for g in self.groups:
            if start is not None and g.taken_at < start:
                continue
            if end is not None and g.taken_at > end:
                continue
            if types and not any(m.type_code in types for m in g.measures):
                continue
            kept.append(g)
        kept.sort(key=lambda g: g.taken_at)
        return Measurements(self.timezone, tuple(kept))

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[DailyActivity, ...]:
        self._enter("get_activity", deadline)
        return tuple(a for a in sorted(self.activities, key=lambda a: a.day) if start <= a.day <= end)

    def get_sleep_summaries(self, start: date, end: date, *, deadline: Deadline) -> tuple[SleepSummary, ...]:
        self._enter("get_sleep_summaries", deadline)
        return tuple(s for s in sorted(self.sleeps, key=lambda s: s.night) if start <= s.night <= end)

    def get_workouts(self, start: date, end: date, *, deadline: Deadline) -> tuple[Workout, ...]:
        self._enter("get_workouts", deadline)
        return tuple(w for w in sorted(self.workouts, key=lambda w: w.start) if start <= w.day <= end)

    def get_goals(self, *, deadline: Deadline) -> Goals:
        self._enter("get_goals", deadline)
        return self.goals


Reauthorize = Callable[[RequestAuth, Deadline], RequestAuth]


@dataclass
class Harness:
    accounts: MemoryAccounts
    api: FakeApi
    alexa: responses.RequestsMock
    now: datetime = NOW  # the skill's "now": a test may move it
    data_client: Callable[[RequestAuth, Reauthorize], DataSource] | None = None  # None: the FakeApi
    entry: VoiceEntry = field(init=False)

    def __post_init__(self) -> None:
        services = VoiceServices(
            accounts=lambda: self.accounts, data_client=self._client, now=lambda: self.now
        )
        self.entry = VoiceEntry(SKILL_ID, services)

    def _client(self, account: LinkedAccount, reauthorize: Reauthorize) -> DataSource:
        return self.api if self.data_client is None else self.data_client(account.auth, reauthorize)

    def ask(self, event: Any) -> dict[str, Any]:
        result = self.entry.handle(event, None)
        assert isinstance(result, dict)
        return result

    def use_withings_api(self) -> None:
        """The real client (skill.withings.api) from here on, talking to `alexa`'s mock at WITHINGS_URL."""
        from skill.withings.api import WithingsApi

        self.data_client = lambda auth, reauthorize: WithingsApi(auth, WITHINGS_URL, reauthorize=reauthorize)


def speech(result: dict[str, Any]) -> str:
    ssml = result["response"]["outputSpeech"]["ssml"]
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    return str(ssml[len("<speak>") : -len("</speak>")])


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    # lambda_function itself (the refusal tests) uses the real composition with this skill id.
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    monkeypatch.setenv("WITHINGS_API_URL", WITHINGS_URL)
    composition.reset()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as alexa:
        alexa.add(
            responses.GET,
            re.compile(re.escape(ALEXA_API) + r"/v2/devices/[^/]+/settings/System\.timeZone"),
            json=TZ,
        )
        alexa.add(responses.POST, f"{ALEXA_API}/v1/directives", status=204)
        try:
            yield Harness(fake_accounts(), FakeApi(), alexa)
        finally:
            composition.reset()
