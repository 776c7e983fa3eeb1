"""Wall-clock time for expiries and leases, in one place so tests can move it.

Expiries are compared across Lambda instances, so this is epoch time (NTP-synchronised), not the
monotonic clock that Deadline uses for per-request budgets.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now() -> float:
    """Epoch seconds."""
    return time.time()


def utcnow() -> datetime:
    return datetime.fromtimestamp(now(), UTC)
