"""How long a cached answer is served without asking Withings, and how long it is kept for a stale
fallback. docs/cache-and-notifications.md explains the numbers; the comments say why in short.

Notifications do most of the work: a change Withings tells us about invalidates at once. The max age
bounds what a lost notification can cost (subscriptions vanish silently in practice), and differs
between data that is still changing ("live": its range reaches into the last day) and data that is
settled (past days).
"""

from __future__ import annotations

from typing import Final, NamedTuple

from skill.cache.keys import DataKind, EntryKey

MINUTE: Final = 60.0
HOUR: Final = 60 * MINUTE
DAY: Final = 24 * HOUR


class MaxAge(NamedTuple):
    live: float  # seconds, for a range that reaches into the day before the fetch, or later
    settled: float  # seconds, for a range over by then


MAX_AGE: Final[dict[DataKind, MaxAge]] = {
    # Weigh-ins, blood pressure and temperature come with reliable notifications (the scale or cuff
    # syncs right after the reading): two hours only bounds a lost subscription.
    DataKind.MEASURES: MaxAge(live=2 * HOUR, settled=DAY),
    # Today's steps change all day, and a tracker's syncs do not each bring a notification.
    DataKind.ACTIVITY: MaxAge(live=10 * MINUTE, settled=DAY),
    # A workout appears once, when it syncs (with a notification); a missed one should not hide long.
    DataKind.WORKOUTS: MaxAge(live=30 * MINUTE, settled=DAY),
    # Last night's sleep does not change once synced; before it syncs the entry says "no night yet",
    # which its notification replaces: an hour bounds a lost one on the morning it matters.
    DataKind.SLEEP: MaxAge(live=HOUR, settled=DAY),
    # Goals rarely change and Withings sends no notification for them.
    DataKind.GOALS: MaxAge(live=6 * HOUR, settled=6 * HOUR),
}
# A range is settled once its last instant is this far behind: devices have synced, days are closed.
SETTLE_SECONDS: Final = DAY
# Kept past their max age as the answer when Withings is down or the call budget is spent: long
# enough to bridge an outage over a weekend, short enough that an "as of" answer is still useful
# and a person's data does not linger (DynamoDB's TTL removes it after that, plus its slack).
KEEP_SECONDS: Final = 3 * DAY
# Lambda instances' clocks (NTP) may differ slightly: a fetch counts as starting this much earlier,
# so a notification recorded by another instance in the same instant still wins.
CLOCK_SKEW_SECONDS: Final = 1.0


def fresh_for(key: EntryKey, moment: float) -> float:
    """How long an entry fetched at `moment` (the answer's "now", epoch) is served without a call."""
    ages = MAX_AGE[key.kind]
    end = key.span()[1]
    settled = end is not None and end + SETTLE_SECONDS <= moment
    return ages.settled if settled else ages.live
