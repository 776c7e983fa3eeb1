"""The in-memory cache and budget items (skill.store.base CacheStore, BudgetStore) for MemoryStore.

Same rules as the DynamoDB backend: an entry is refused when its appli changed since its fetch
began, expiry by the store clock, one lock making each call atomic. Nothing is sealed (nothing
leaves the process).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from skill.store import clock
from skill.store.cache_records import CachedEntry, CacheRead, Change, latest_change, merged

if TYPE_CHECKING:
    from skill.withings.deadline import Deadline


class MemoryCacheItems:
    def __init__(self) -> None:
        self._cache_lock = threading.Lock()
        self._entries: dict[tuple[str, str], CachedEntry] = {}
        self._changes: dict[tuple[str, int], tuple[Change, ...]] = {}
        self._permits: dict[int, int] = {}

    def read_cached(
        self, user: str, name: str, applis: Sequence[int], deadline: Deadline | None
    ) -> CacheRead:
        with self._cache_lock:
            entry = self._entries.get((user, name))
            if entry is not None and entry.expires_at <= clock.now():
                entry = None
            changes = tuple(c for appli in applis for c in self._changes.get((user, appli), ()))
            return CacheRead(entry, changes)

    def write_cached(
        self, user: str, name: str, entry: CachedEntry, applis: Sequence[int], deadline: Deadline | None
    ) -> bool:
        with self._cache_lock:
            for appli in applis:
                latest = latest_change(self._changes.get((user, appli), ()))
                if latest is not None and latest >= entry.fetched_at:
                    return False
            self._entries[(user, name)] = entry
            return True

    def record_change(self, user: str, appli: int, change: Change, deadline: Deadline | None) -> None:
        with self._cache_lock:
            key = (user, appli)
            self._changes[key] = merged(self._changes.get(key, ()), change, clock.now())

    def cached_names(self, user: str, deadline: Deadline | None) -> list[str]:
        with self._cache_lock:
            return sorted(name for who, name in self._entries if who == user)

    def delete_cached(self, user: str, names: Sequence[str], deadline: Deadline | None) -> int:
        with self._cache_lock:
            for name in names:
                self._entries.pop((user, name), None)
            return len(names)

    def purge_cached(self, user: str, deadline: Deadline | None) -> int:
        with self._cache_lock:
            entries = [k for k in self._entries if k[0] == user]
            changes = [k for k in self._changes if k[0] == user]
            for key in entries:
                del self._entries[key]
            for change_key in changes:
                del self._changes[change_key]
            return len(entries) + len(changes)

    def take_permit(self, minute: int, limit: int, deadline: Deadline | None) -> bool:
        with self._cache_lock:
            taken = self._permits.get(minute, 0)
            if taken >= limit:
                return False
            self._permits[minute] = taken + 1
            # Past minutes are never asked again (the DynamoDB backend lets TTL remove them).
            for old in [m for m in self._permits if m < minute - 1]:
                del self._permits[old]
            return True
