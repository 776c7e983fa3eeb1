"""CachedSource: the voice layer's DataSource over the live Withings client and the DataCache.

Per call: a fresh entry answers without asking Withings. Otherwise Withings is asked (each request
takes a permit from the app-wide budget, inside the live client) and the answer is stored. When
Withings cannot answer (the budget is spent, 601, a timeout, 5xx: a transient WithingsError) and a
stale entry exists, that entry answers, and `stale_since` remembers the oldest such fetch so the
reply can say how old the data is ("That's as of 7:40 AM."). With nothing cached the error travels
on (the spoken "busy" or "try again" replies). A refused credential always travels on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final, TypeVar, cast

from skill import clock
from skill.cache import policy
from skill.cache.keys import GOALS_KEY, DataKind, EntryKey, daily_key, measures_key
from skill.withings.errors import WithingsError
from skill.withings.models import Measurements

if TYPE_CHECKING:
    from skill.cache.data import DataCache
    from skill.voice.queries import DataSource
    from skill.withings.deadline import Deadline
    from skill.withings.models import DailyActivity, Goals, SleepSummary, Workout

_log = logging.getLogger(__name__)
_T = TypeVar("_T")
# With a stale entry in hand, the live call stops this much before the deadline, so the fallback
# still answers in time (it needs no further I/O).
_FALLBACK_MARGIN_S: Final = 0.3


class CachedSource:
    def __init__(
        self,
        live: DataSource,
        cache: DataCache,
        withings_userid: str,
        *,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        """`now`: the answer's "now" (skill.clock, PINNED_NOW in tests), which decides whether an
        asked range is still live; entry ages run on the cache's own (real) clock."""
        if not withings_userid:
            raise ValueError("a cache needs the Withings userid: without one, users would share it")
        self._live = live
        self._cache = cache
        self._user = withings_userid
        self._now = now
        self._lock = threading.Lock()  # the digest asks concurrently
        self._stale_since: float | None = None

    @property
    def stale_since(self) -> float | None:
        """When the oldest stale data this source served was fetched (epoch, cache clock), or None."""
        return self._stale_since

    def as_of(self, moment: datetime) -> datetime | None:
        """The oldest stale data's fetch time on the answer's clock (`moment` is its "now")."""
        since = self._stale_since
        if since is None:
            return None
        return moment - timedelta(seconds=max(0.0, self._cache.now() - since))

    # -- DataSource ---------------------------------------------------------------------------------

    def get_measures(
        self, *, start: datetime, end: datetime, types: Sequence[int], deadline: Deadline
    ) -> Measurements:
        key, fetch_start, fetch_end = measures_key(start, end, types)
        found = self._answer(
            key,
            lambda d: self._live.get_measures(
                start=fetch_start, end=fetch_end, types=list(key.types), deadline=d
            ),
            deadline,
        )
        groups = tuple(g for g in found.groups if start <= g.taken_at <= end)
        return Measurements(found.timezone, groups, found.updated_at)

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[DailyActivity, ...]:
        return self._answer(
            daily_key(DataKind.ACTIVITY, start, end),
            lambda d: self._live.get_activity(start, end, deadline=d),
            deadline,
        )

    def get_sleep_summaries(self, start: date, end: date, *, deadline: Deadline) -> tuple[SleepSummary, ...]:
        return self._answer(
            daily_key(DataKind.SLEEP, start, end),
            lambda d: self._live.get_sleep_summaries(start, end, deadline=d),
            deadline,
        )

    def get_workouts(self, start: date, end: date, *, deadline: Deadline) -> tuple[Workout, ...]:
        return self._answer(
            daily_key(DataKind.WORKOUTS, start, end),
            lambda d: self._live.get_workouts(start, end, deadline=d),
            deadline,
        )

    def get_goals(self, *, deadline: Deadline) -> Goals:
        return self._answer(GOALS_KEY, lambda d: self._live.get_goals(deadline=d), deadline)

    # -- the rule -------------------------------------------------------------------------------------

    def _answer(self, key: EntryKey, fetch: Callable[[Deadline], _T], deadline: Deadline) -> _T:
        found = self._cache.lookup(self._user, key, deadline)
        if found is not None and found.fresh:
            return cast("_T", found.value)  # the codec checked it has the kind's shape
        started = self._cache.now() - policy.CLOCK_SKEW_SECONDS
        live_deadline = deadline
        if found is not None:
            live_deadline = deadline.shorter(max(0.0, deadline.remaining() - _FALLBACK_MARGIN_S))
        try:
            value = fetch(live_deadline)
        except WithingsError as exc:
            if found is None or not exc.transient:
                raise
            self._served_stale(found.fetched_at + policy.CLOCK_SKEW_SECONDS)  # when the fetch really began
            _log.info("cache served stale", extra={"cache_kind": str(key.kind), "error": type(exc).__name__})
            return cast("_T", found.value)
        self._cache.save(self._user, key, value, fetched_at=started, moment=self._now(), deadline=deadline)
        return value

    def _served_stale(self, fetched_at: float) -> None:
        with self._lock:
            if self._stale_since is None or fetched_at < self._stale_since:
                self._stale_since = fetched_at
