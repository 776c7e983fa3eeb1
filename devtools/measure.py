"""Small helpers the benchmark scripts share."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# One zone per hour offset or so, to put the benchmark's user in their afternoon whatever the clock says.
_ZONES = (
    "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
    "America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/South_Georgia", "Atlantic/Azores",
    "Europe/London", "Europe/Paris", "Europe/Athens", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi",
    "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "Australia/Brisbane", "Pacific/Noumea",
    "Pacific/Auckland",
)  # fmt: skip


def pct(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100), linear between closest ranks (statistics.quantiles' "inclusive")."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * p / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def afternoon_zone(now: datetime | None = None) -> str:
    """A time zone where it is about 2 pm: "today" has data so far and last night has ended."""
    moment = now or datetime.now(UTC)

    def distance(zone: str) -> float:
        local = moment.astimezone(ZoneInfo(zone))
        return abs(local.hour + local.minute / 60 - 14.0)

    return min(_ZONES, key=distance)


class OutcomeCounter(logging.Handler):
    """Counts the outcome of each request's `alexa_request` log line (attach to the "skill" logger)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            doc = json.loads(record.getMessage())
        except ValueError:
            return
        if isinstance(doc, dict) and doc.get("event") == "alexa_request":
            self.seen[str(doc.get("outcome"))] += 1
