"""What the store keeps for the per-user data cache (skill.cache) and the app-wide call budget.

The store does not know what an entry holds: it takes the codec's bytes (skill.cache.codec), seals
them where they leave the process (DynamoDB), and keeps the times that decide whether they may be
served. A Change is one Withings notification: data of one appli changed at `at` within
[start, end] (None: unbounded). Changes are kept per (user, appli), merged so the list stays short.
"""

from __future__ import annotations

import json
from typing import Final, NamedTuple

# Changes older than this can no longer matter: every entry fetched before them has expired
# (skill.cache.policy.KEEP_SECONDS is shorter; this keeps a day's margin for clock skew and TTL).
CHANGE_KEEP_SECONDS: Final = 4 * 24 * 3600
# A user's notifications of one appli per few days fit easily; past this the oldest two are merged
# into one covering both (a wider window invalidates more, never less).
MAX_CHANGES: Final = 16


class CachedEntry(NamedTuple):
    payload: bytes  # skill.cache.codec's bytes (sealed at rest by the DynamoDB backend)
    fetched_at: float  # epoch: when the fetch that produced it *started* (the race rule needs that)
    fresh_until: float  # epoch: answered from without asking Withings until then (absent a change)
    expires_at: float  # epoch: kept as the stale fallback until then


class Change(NamedTuple):
    at: float  # epoch: when the notification arrived
    start: float | None  # epoch bounds of the changed data (None: unbounded)
    end: float | None

    def overlaps(self, start: float | None, end: float | None) -> bool:
        """Whether [start, end] (None: unbounded) shares an instant with this change's window."""
        return (self.start is None or end is None or self.start <= end) and (
            self.end is None or start is None or start <= self.end
        )


class CacheRead(NamedTuple):
    entry: CachedEntry | None
    changes: tuple[Change, ...]  # the changes recorded for the applis asked about


def merged(changes: tuple[Change, ...], new: Change, now: float) -> tuple[Change, ...]:
    """`changes` plus `new`, without those too old to matter, at most MAX_CHANGES (oldest merged)."""
    kept = sorted((c for c in (*changes, new) if c.at > now - CHANGE_KEEP_SECONDS), key=lambda c: c.at)
    while len(kept) > MAX_CHANGES:
        first, second = kept[0], kept[1]
        kept[:2] = [
            Change(
                max(first.at, second.at),
                None if first.start is None or second.start is None else min(first.start, second.start),
                None if first.end is None or second.end is None else max(first.end, second.end),
            )
        ]
    return tuple(kept)


def latest_change(changes: tuple[Change, ...]) -> float | None:
    return max((c.at for c in changes), default=None)


def encode_changes(changes: tuple[Change, ...]) -> bytes:
    return json.dumps([list(c) for c in changes], separators=(",", ":")).encode()


def decode_changes(raw: bytes) -> tuple[Change, ...]:
    """ValueError (or TypeError) for anything but what encode_changes wrote."""
    rows = json.loads(raw)
    if not isinstance(rows, list):
        raise ValueError("changes are not a list")
    out = []
    for row in rows:
        at, start, end = row
        out.append(Change(float(at), _bound(start), _bound(end)))
    return tuple(out)


def _bound(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise ValueError("a change bound is not a number")
