"""The app-wide Withings call budget: at most WITHINGS_CALLS_PER_MINUTE calls, all Lambdas together.

Withings allows 120 calls per minute per application (all users together) and answers 601 past it;
the budget stays below that (default 100) so the skill hears "no" from itself, fast, and can answer
from the cache instead. Every HTTP request to Withings takes one permit (WithingsApi's `gate`). The
counter lives in DynamoDB (one item per minute, a conditional ADD), shared by every instance.

A budget store outage must not block questions: the call is allowed (fail open) and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from skill.observability import emit_metric
from skill.store import clock as store_clock
from skill.store.errors import StoreError
from skill.withings.errors import RateLimitedError

if TYPE_CHECKING:
    from skill.store.base import BudgetStore
    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)


def _store_now() -> float:
    return store_clock.now()  # looked up per call: tests move the store's clock


class BudgetSpentError(RateLimitedError):
    """This minute's app-wide budget is spent: the Withings call was not made.

    A RateLimitedError (in skill.withings' family, not a root of its own) on purpose: to every caller
    it means what Withings' own 601 means — the voice layer already answers it with the spoken "busy"
    reply, and CachedSource falls back to a stale entry for both alike.
    """


class AppBudget:
    def __init__(self, store: BudgetStore, limit: int, *, clock: Callable[[], float] | None = None) -> None:
        self._store = store
        self._limit = limit
        self._clock = clock if clock is not None else _store_now

    def take(self, deadline: Deadline) -> None:
        """One permit for one Withings request, or BudgetSpentError."""
        now = self._clock()
        minute = int(now // 60)
        try:
            allowed = self._store.take_permit(minute, self._limit, deadline)
        except StoreError as exc:
            # Fail open: a budget outage must not block questions (Withings' own 601 still bounds us).
            _log.warning("call budget unavailable", extra={"error": type(exc).__name__})
            return
        if not allowed:
            # template.yaml's WithingsBudgetAlarm watches this: time to ask Withings for a higher limit.
            emit_metric("WithingsCalls", {"Outcome": "refused"})
            raise BudgetSpentError(None, "app-wide Withings call budget spent", wait_seconds=60 - now % 60)
