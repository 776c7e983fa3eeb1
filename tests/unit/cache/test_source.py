"""CachedSource: a hit asks Withings nothing, a miss asks once, and when Withings can't be asked a
stale entry answers (and says how old it is) or the error travels on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import responses

from skill.cache.budget import AppBudget, BudgetSpentError
from skill.cache.data import DataCache
from skill.cache.source import CachedSource
from skill.store.memory import MemoryStore
from skill.withings.api import WithingsApi
from skill.withings.auth import BearerAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, ServiceError, WithingsTimeoutError
from skill.withings.models import Goals
from tests.unit.voice.conftest import FakeApi, activity, group, local, night

from .helpers import Clock

MOMENT = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)  # the answer's "now": 9:30 in Berlin
TODAY = date(2026, 11, 26)
DAY = timedelta(days=1)
USER = "10001"


def far() -> Deadline:
    return Deadline.after(10)


class Gated(FakeApi):
    """The fake client, taking a budget permit before each call as WithingsApi's gate does."""

    budget: AppBudget | None = None

    def _enter(self, name: str, deadline: Deadline) -> None:
        if self.budget is not None:
            self.budget.take(deadline)
        super()._enter(name, deadline)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def live() -> Gated:
    return Gated(
        groups=[group(local(TODAY, 7, 40), {1: 80.0}), group(local(TODAY - 3 * DAY, 7, 10), {1: 80.6})],
        activities=[activity(TODAY, 5200), activity(TODAY - DAY, 9100)],
        sleeps=[night(TODAY, 25000)],
        goals=Goals(steps=10000),
    )


def source(live: FakeApi, store: MemoryStore) -> CachedSource:
    return CachedSource(live, DataCache(store), USER, now=lambda: MOMENT)


def test_a_hit_makes_no_live_call(clock: Clock, live: Gated, store: MemoryStore) -> None:
    first = source(live, store).get_activity(TODAY - DAY, TODAY, deadline=far())
    assert live.calls == ["get_activity"]
    clock.advance(60)
    again = source(live, store).get_activity(TODAY - DAY, TODAY, deadline=far())  # the next request
    assert again == first and live.calls == ["get_activity"]


def test_a_miss_asks_once_and_each_kind_has_its_own_entry(
    clock: Clock, live: Gated, store: MemoryStore
) -> None:
    data = source(live, store)
    data.get_goals(deadline=far())
    data.get_sleep_summaries(TODAY, TODAY, deadline=far())
    data.get_workouts(TODAY, TODAY, deadline=far())
    data.get_goals(deadline=far())
    data.get_sleep_summaries(TODAY, TODAY, deadline=far())
    assert live.calls == ["get_goals", "get_sleep_summaries", "get_workouts"]
    assert data.stale_since is None and data.as_of(MOMENT) is None


def test_a_past_max_age_asks_again(clock: Clock, live: Gated, store: MemoryStore) -> None:
    source(live, store).get_activity(TODAY, TODAY, deadline=far())
    clock.advance(11 * 60)  # today's steps: 10 minutes
    live.activities = [activity(TODAY, 6400)]
    days = source(live, store).get_activity(TODAY, TODAY, deadline=far())
    assert live.calls == ["get_activity", "get_activity"] and days[0].steps == 6400


def test_the_probes_shifting_hour_is_one_entry_a_day_filtered_to_the_asked_window(
    clock: Clock, live: Gated, store: MemoryStore
) -> None:
    data = source(live, store)
    probe = data.get_measures(start=MOMENT - timedelta(hours=1), end=MOMENT, types=[1], deadline=far())
    assert probe.groups == ()  # the 7:40 weigh-in is 1 h 50 before: outside the asked hour
    later = MOMENT + timedelta(minutes=20)
    morning = data.get_measures(start=later - timedelta(hours=3), end=later, types=[1], deadline=far())
    assert [g.taken_at for g in morning.groups] == [local(TODAY, 7, 40)]
    assert live.calls == ["get_measures"]  # widened to the UTC day once, served twice


def test_budget_spent_with_a_stale_entry_answers_from_it_and_says_when(
    clock: Clock, live: Gated, store: MemoryStore
) -> None:
    fetched = clock()
    source(live, store).get_activity(TODAY, TODAY, deadline=far())
    clock.advance(40 * 60)  # past the max age
    live.budget = AppBudget(store, 1)
    live.budget.take(far())  # someone else spent this minute's one permit
    data = source(live, store)
    days = data.get_activity(TODAY, TODAY, deadline=far())
    assert days[0].steps == 5200 and live.calls == ["get_activity"]  # no second live call went out
    assert data.stale_since == pytest.approx(fetched)  # when that fetch began
    assert data.as_of(MOMENT) == MOMENT - timedelta(minutes=40)


def test_budget_spent_with_nothing_cached_is_the_busy_error(
    clock: Clock, live: Gated, store: MemoryStore
) -> None:
    live.budget = AppBudget(store, 1)
    live.budget.take(far())
    with pytest.raises(BudgetSpentError):
        source(live, store).get_goals(deadline=far())
    assert live.calls == []


@pytest.mark.parametrize("error", [ServiceError(500, "down"), WithingsTimeoutError(None, "slow")])
def test_withings_down_with_an_entry_answers_stale(
    clock: Clock, live: Gated, store: MemoryStore, error: Exception
) -> None:
    source(live, store).get_sleep_summaries(TODAY, TODAY, deadline=far())
    clock.advance(2 * 3600)
    live.errors["*"] = error
    data = source(live, store)
    nights = data.get_sleep_summaries(TODAY, TODAY, deadline=far())
    assert nights[0].total_sleep_s == 25000 and data.stale_since is not None


def test_withings_down_with_nothing_cached_raises(clock: Clock, live: Gated, store: MemoryStore) -> None:
    live.errors["*"] = ServiceError(500, "down")
    with pytest.raises(ServiceError):
        source(live, store).get_sleep_summaries(TODAY, TODAY, deadline=far())


def test_a_refused_credential_is_never_hidden_behind_a_stale_entry(
    clock: Clock, live: Gated, store: MemoryStore
) -> None:
    source(live, store).get_goals(deadline=far())
    clock.advance(7 * 3600)
    live.errors["*"] = AuthError(401, "invalid token")
    with pytest.raises(AuthError):
        source(live, store).get_goals(deadline=far())


def test_the_oldest_stale_fetch_is_reported(clock: Clock, live: Gated, store: MemoryStore) -> None:
    source(live, store).get_goals(deadline=far())
    older = clock()
    clock.advance(3600)
    source(live, store).get_activity(TODAY, TODAY, deadline=far())
    clock.advance(7 * 3600)
    live.errors["*"] = ServiceError(503, "down")
    data = source(live, store)
    data.get_activity(TODAY, TODAY, deadline=far())
    data.get_goals(deadline=far())
    assert data.stale_since == pytest.approx(older)


def test_without_a_userid_there_is_no_cache() -> None:
    with pytest.raises(ValueError):
        CachedSource(FakeApi(), DataCache(MemoryStore()), "")


def test_the_live_clients_gate_takes_a_permit_per_http_request(clock: Clock, store: MemoryStore) -> None:
    budget = AppBudget(store, 1)
    api = WithingsApi(BearerAuth("token"), "https://wbsapi.invalid", gate=budget.take)
    goals = {"status": 0, "body": {"goals": {"steps": 9000}}}
    with responses.RequestsMock() as mocked:
        mocked.add(responses.POST, "https://wbsapi.invalid/v2/user", json=goals)
        data = CachedSource(api, DataCache(store), USER, now=lambda: MOMENT)
        assert data.get_goals(deadline=far()) == Goals(steps=9000)
        with pytest.raises(BudgetSpentError):  # the minute's one permit is spent: no request goes out
            data.get_activity(TODAY, TODAY, deadline=far())
        assert len(mocked.calls) == 1
