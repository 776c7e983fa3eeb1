"""The per-user data cache over a CacheStore: what may be served, what a notification invalidates.

Validity: an entry is served without asking Withings while it is younger than its max age
(skill.cache.policy) and no change Withings notified for its kind, in a window overlapping its range,
was recorded since its fetch began. An entry a notification touched is never served again, not even
as a stale fallback (the data may have been deleted). Past its max age an untouched entry is still
returned, marked stale: the caller uses it only when Withings cannot be asked.

The race: a fetch that began before a notification and ends after it must not store what it brought.
The fetch's start is its `fetched_at`; the store refuses the write when a change was recorded since
(its transaction checks), and a reader rejects an entry older than an overlapping change (belt and
braces: an invalidation's deletions may have failed).

Store failures never fail a question: a read that fails is a miss, a write that fails is skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from skill.cache import codec, policy
from skill.cache.keys import KIND_APPLIS, EntryKey, kinds_of
from skill.store import clock as store_clock
from skill.store.cache_records import CachedEntry, Change
from skill.store.errors import StoreError

if TYPE_CHECKING:
    from skill.store.base import CacheStore
    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)


def _store_now() -> float:
    return store_clock.now()  # looked up per call: tests move the store's clock


class Lookup(NamedTuple):
    value: Any  # the decoded answer (a model, or a tuple of them)
    fetched_at: float  # epoch (store clock): when the fetch that produced it began
    fresh: bool  # False: past its max age, a stale fallback only


class DataCache:
    def __init__(self, store: CacheStore, *, clock: Callable[[], float] | None = None) -> None:
        self._store = store
        self._clock = clock if clock is not None else _store_now

    def now(self) -> float:
        """Epoch seconds on the clock entries are timed by (shared by every Lambda instance)."""
        return self._clock()

    def lookup(self, withings_userid: str, key: EntryKey, deadline: Deadline | None) -> Lookup | None:
        """The entry for `key` if it may be served (fresh, or stale but untouched); None: a miss."""
        try:
            read = self._store.read_cached(withings_userid, key.name, KIND_APPLIS[key.kind], deadline)
        except StoreError as exc:
            _log.warning(
                "cache read failed", extra={"cache_kind": str(key.kind), "error": type(exc).__name__}
            )
            return None
        entry = read.entry
        if entry is None or entry.expires_at <= self.now():
            return None
        start, end = key.span()
        if any(c.at >= entry.fetched_at and c.overlaps(start, end) for c in read.changes):
            return None  # changed since the fetch (a notification whose deletion did not happen)
        try:
            value = codec.decode(key.kind, entry.payload)
        except ValueError:
            _log.warning("cache entry undecodable", extra={"cache_kind": str(key.kind)})
            return None
        return Lookup(value, entry.fetched_at, self.now() < entry.fresh_until)

    def save(
        self,
        withings_userid: str,
        key: EntryKey,
        value: object,
        *,
        fetched_at: float,
        moment: datetime,
        deadline: Deadline | None,
    ) -> bool:
        """Store an answer whose fetch began at `fetched_at`, for the question asked at `moment` (the
        answer's "now", which decides whether the range is still live). False: not stored (a
        notification came in since the fetch began, or the store failed)."""
        entry = CachedEntry(
            codec.encode(value),
            fetched_at,
            fresh_until=fetched_at + policy.fresh_for(key, moment.timestamp()),
            expires_at=fetched_at + policy.KEEP_SECONDS,
        )
        try:
            return self._store.write_cached(withings_userid, key.name, entry, KIND_APPLIS[key.kind], deadline)
        except StoreError as exc:
            _log.warning(
                "cache write failed", extra={"cache_kind": str(key.kind), "error": type(exc).__name__}
            )
            return False

    def invalidate(
        self,
        withings_userid: str,
        appli: int,
        start: datetime | None,
        end: datetime | None,
        deadline: Deadline,
    ) -> None:
        """A notification: data of `appli` changed between `start` and `end` (None: unbounded).

        The change is recorded first (that alone makes overlapping entries unservable, and refuses
        fetches in flight); then the overlapping entries are deleted, best effort. Raises the store's
        error (StoreError) when the change could not be recorded: the caller logs it (Withings should
        still get its 2xx: the entries' max age bounds the damage).
        """
        change = Change(
            self.now(),
            start.timestamp() if start is not None else None,
            end.timestamp() if end is not None else None,
        )
        self._store.record_change(withings_userid, int(appli), change, deadline)
        kinds = kinds_of(int(appli))
        if not kinds:
            return
        try:
            names = self._store.cached_names(withings_userid, deadline)
            doomed = [name for name in names if _touched(name, kinds, change)]
            if doomed:
                self._store.delete_cached(withings_userid, doomed, deadline)
        except StoreError as exc:
            _log.warning("cache cleanup failed", extra={"appli": int(appli), "error": type(exc).__name__})

    def purge(self, withings_userid: str, deadline: Deadline | None) -> int:
        """Unlink: delete every entry and change of the user. Returns how many items went."""
        return self._store.purge_cached(withings_userid, deadline)


def _touched(name: str, kinds: tuple[Any, ...], change: Change) -> bool:
    key = EntryKey.parse(name)
    if key is None:
        return True  # written by another version: nothing can judge it, so it goes
    return key.kind in kinds and change.overlaps(*key.span())
