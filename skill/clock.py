"""The instant the skill answers in: the real time, or one pinned by PINNED_NOW.

PINNED_NOW (an ISO 8601 instant with its offset, e.g. "2027-03-28T07:30:00+02:00") is the one seam
that pins "now" for the skill and the Withings sandbox together, so tests and the calendar sweep can
ask "how did I sleep last night" on a DST day or the 29th of February and compute what the answer
must be. It moves only the answers' "now" (which day is today, what "last night" means, the
sandbox's history); OAuth timestamps, token expiries and leases keep the real clock, because both
sides check those against each other. Deployments never set it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from functools import lru_cache

PINNED_NOW_ENV = "PINNED_NOW"


def parse_pinned(value: str) -> datetime:
    """The instant PINNED_NOW names; ValueError for anything but an aware ISO 8601 instant."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{PINNED_NOW_ENV} needs an offset, e.g. 2027-03-28T07:30:00+02:00")
    return moment.astimezone(UTC)


@lru_cache(maxsize=1)
def _pinned_from(value: str) -> datetime | None:
    return parse_pinned(value) if value.strip() else None


def pinned() -> datetime | None:
    """The pinned instant (UTC), or None when the real clock is used."""
    return _pinned_from(os.environ.get(PINNED_NOW_ENV, ""))


def now() -> datetime:
    """The aware UTC instant "today" and "last night" are computed from."""
    return pinned() or datetime.now(UTC)
