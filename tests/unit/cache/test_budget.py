"""The app-wide Withings call budget: a limit per minute, shared by every instance, failing open."""

from __future__ import annotations

import logging

import pytest

from skill.cache.budget import AppBudget, BudgetSpentError
from skill.store.errors import StoreUnavailable
from skill.store.memory import MemoryStore
from skill.withings.deadline import Deadline
from skill.withings.errors import RateLimitedError

from .helpers import Clock


def far() -> Deadline:
    return Deadline.after(10)


def test_the_limit_is_reached_then_the_call_is_refused(clock: Clock) -> None:
    clock.t = 1_800_000_000.0  # a whole minute: 30 000 000 × 60
    budget = AppBudget(MemoryStore(), 3)
    for _ in range(3):
        budget.take(far())
    clock.advance(15)
    with pytest.raises(BudgetSpentError) as refused:
        budget.take(far())
    assert isinstance(refused.value, RateLimitedError)  # the voice layer's spoken "busy"
    assert refused.value.wait_seconds == pytest.approx(45)


def test_a_new_minute_starts_a_new_budget(clock: Clock) -> None:
    clock.t = 1_800_000_059.0
    budget = AppBudget(MemoryStore(), 2)
    budget.take(far())
    budget.take(far())
    with pytest.raises(BudgetSpentError):
        budget.take(far())
    clock.advance(1)  # the next minute
    budget.take(far())
    budget.take(far())
    with pytest.raises(BudgetSpentError):
        budget.take(far())


def test_two_instances_over_one_store_share_the_budget(clock: Clock) -> None:
    shared = MemoryStore()
    one, other = AppBudget(shared, 3), AppBudget(shared, 3)
    one.take(far())
    other.take(far())
    one.take(far())
    with pytest.raises(BudgetSpentError):
        other.take(far())
    with pytest.raises(BudgetSpentError):
        one.take(far())


class _DownStore:
    def take_permit(self, minute: int, limit: int, deadline: Deadline | None) -> bool:
        raise StoreUnavailable("DynamoDB down")


def test_a_budget_store_outage_allows_the_call_and_says_so(
    clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    budget = AppBudget(_DownStore(), 1)
    with caplog.at_level(logging.WARNING, logger="skill.cache.budget"):
        for _ in range(5):
            budget.take(far())  # fail open: never blocks a question
    assert [r.getMessage() for r in caplog.records] == ["call budget unavailable"] * 5
    assert all(getattr(r, "error", None) == "StoreUnavailable" for r in caplog.records)


def test_the_default_limit_is_100_and_the_setting_changes_it() -> None:
    from skill.config import Settings, from_environ

    assert Settings().calls_per_minute == 100
    assert from_environ({}).calls_per_minute == 100
    assert from_environ({"WITHINGS_CALLS_PER_MINUTE": "40"}).calls_per_minute == 40
    for bad in ("", "lots", "0", "-5"):
        assert from_environ({"WITHINGS_CALLS_PER_MINUTE": bad}).calls_per_minute == 100
