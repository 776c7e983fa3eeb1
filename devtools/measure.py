"""Small helpers the benchmark scripts share."""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from devtools.alexa_app import AlexaTokens

_T = TypeVar("_T")

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
    from skill import clock

    moment = now or clock.now()

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


def quiet_skill_logs(*extra: logging.Handler) -> None:
    """The skill's JSON log lines go to /dev/null: still formatted and written (as on Lambda), not shown.

    `extra` handlers (e.g. an OutcomeCounter) see every line too.
    """
    from skill.observability import JsonLineFormatter

    sink = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115 - lives as long as the process
    sink.setFormatter(JsonLineFormatter())
    logger = logging.getLogger("skill")
    logger.handlers[:] = [sink, *extra]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def retrying(fn: Callable[[], _T], attempts: int = 3) -> _T:
    """Run a link flow step again: a busy machine can make DynamoDB Local's first answers time out."""
    from devtools.alexa_app import LinkingFailed

    for attempt in range(attempts):
        try:
            return fn()
        except LinkingFailed:
            if attempt == attempts - 1:
                raise
            time.sleep(1.0)
    raise AssertionError("unreachable")


def link_with_retries(stack: Any, withings_user: str | None = None) -> AlexaTokens:
    """The real link flow against a devtools stack, as the Alexa app and Alexa's token service run it."""
    from devtools.alexa_app import link_account
    from devtools.stack import LINK_CLIENT_ID, REDIRECT_URI

    return retrying(
        lambda: link_account(
            stack.skill_url,
            client_id=LINK_CLIENT_ID,
            client_secret=stack.env["LINK_CLIENT_SECRET"],
            redirect_uri=REDIRECT_URI,
            withings_user=withings_user,
        )
    )
