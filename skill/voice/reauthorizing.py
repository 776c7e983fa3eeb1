"""A DataSource that survives one credential refusal per request.

Withings can refuse an OAuth2 access token before its stored expiry (revoked early, rotated by
another client, clock skew). Marking the link dead there would make the person re-link although the
refresh token still works, so the first refusal asks the Accounts port for fresh credentials and the
call is retried once. A second refusal travels on to the exception handlers (re-link prompt).

The digest runs its queries on threads: a lock makes concurrent refusals share one reauthorisation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from skill.withings.errors import AuthError

if TYPE_CHECKING:
    from skill.accounts import LinkedAccount
    from skill.voice.queries import DataSource
    from skill.withings.deadline import Deadline
    from skill.withings.models import DailyActivity, Goals, Measurements, SleepSummary, Workout

_T = TypeVar("_T")


class ReauthorizingSource:
    def __init__(
        self,
        account: LinkedAccount,
        build: Callable[[LinkedAccount], DataSource],
        reauthorize: Callable[[LinkedAccount, Deadline], LinkedAccount],
    ) -> None:
        self._account = account
        self._build = build
        self._reauthorize = reauthorize
        self._api = build(account)
        self._generation = 0
        self._failed: Exception | None = None  # reauthorisation failed: every later refusal says so
        self._lock = threading.Lock()

    def _call(self, deadline: Deadline, call: Callable[[DataSource], _T]) -> _T:
        generation, api = self._generation, self._api
        try:
            return call(api)
        except AuthError:
            with self._lock:
                if self._failed is not None:
                    raise self._failed from None  # one attempt per request (e.g. the zone probe's)
                if self._generation == generation:  # nobody reauthorised since this call began
                    if generation > 0:
                        raise  # refused with fresh credentials too: the refusal stands
                    try:
                        self._account = self._reauthorize(self._account, deadline)
                    except Exception as exc:
                        self._failed = exc
                        raise
                    self._api = self._build(self._account)
                    self._generation += 1
                api = self._api
        return call(api)

    def get_measures(
        self, *, start: datetime, end: datetime, types: Sequence[int], deadline: Deadline
    ) -> Measurements:
        return self._call(
            deadline, lambda api: api.get_measures(start=start, end=end, types=types, deadline=deadline)
        )

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[DailyActivity, ...]:
        return self._call(deadline, lambda api: api.get_activity(start, end, deadline=deadline))

    def get_sleep_summaries(self, start: date, end: date, *, deadline: Deadline) -> tuple[SleepSummary, ...]:
        return self._call(deadline, lambda api: api.get_sleep_summaries(start, end, deadline=deadline))

    def get_workouts(self, start: date, end: date, *, deadline: Deadline) -> tuple[Workout, ...]:
        return self._call(deadline, lambda api: api.get_workouts(start, end, deadline=deadline))

    def get_goals(self, *, deadline: Deadline) -> Goals:
        return self._call(deadline, lambda api: api.get_goals(deadline=deadline))
