"""Local calendar days in a user's time zone, and time-zone names that never crash.

Withings' daily records (activity, sleep summary, workout) are keyed by the user's local date, and
"yesterday" means the user's yesterday, not the Lambda's UTC one (HA issue #97943 double-counted
nights that way). Day bounds come from zoneinfo, so DST days are 23 or 25 hours long.

Pitfall: subtracting two aware datetimes that share a tzinfo ignores their offsets (wall-clock
arithmetic), so measure a day's length with .timestamp(), not with end - start.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache


def resolve_zone(name: object) -> tuple[str, tzinfo]:
    """(name actually used, tzinfo) for an IANA name; "UTC" for a missing, unknown or non-string one."""
    if not isinstance(name, str) or not name:  # JSON may hold anything here; lists are unhashable
        return "UTC", UTC
    return _resolve(name)


@lru_cache(maxsize=256)
def _resolve(name: str) -> tuple[str, tzinfo]:
    # Deferred: zoneinfo pulls in sysconfig to find the tz database (~5 ms), and only the data
    # paths need it, not launch/help/stop requests.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return name, ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: malformed keys such as "../etc"; OSError: unreadable tz files.
        return "UTC", UTC


def zone(name: object) -> tzinfo:
    """The tzinfo for an IANA name, UTC when the name is missing or unknown."""
    return resolve_zone(name)[1]


def local_day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    """Aware [start, end) of a local calendar day: midnight to the next midnight, DST-safe."""
    return local_range_bounds(day, day, tz)


def local_range_bounds(start: date, end: date, tz: str) -> tuple[datetime, datetime]:
    """Aware [start of `start`, start of the day after `end`) for an inclusive range of local dates."""
    if end < start:
        raise ValueError("end date is before start date")
    info = zone(tz)
    # fold=0 picks the first midnight when it repeats; a skipped midnight resolves to the instant
    # the day actually starts (zoneinfo applies the pre-transition offset).
    return (
        datetime.combine(start, time(0), tzinfo=info),
        datetime.combine(end + timedelta(days=1), time(0), tzinfo=info),
    )


def local_today(tz: str, now: datetime | None = None) -> date:
    """Today's date for the user. `now` (aware) is injectable for tests; default is the real clock."""
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("now must be time-zone aware")
    return moment.astimezone(zone(tz)).date()
