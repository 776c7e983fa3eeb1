"""A per-request deadline from which every outbound call takes its timeout.

Alexa waits 8 s at most; a request gets one Deadline and every HTTP or DynamoDB call asks it for a
timeout, so a hanging Withings cannot push the reply past the budget.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from skill.withings.errors import WithingsTimeoutError

# Below this a call cannot usefully start: connecting alone takes longer on a cold connection.
_MIN_USEFUL_SECONDS = 0.05


class Deadline(NamedTuple):
    """A point on the monotonic clock by which the work must be done (immutable, cheap to create)."""

    expires_at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        return max(0.0, self.expires_at - time.monotonic())

    def timeout(self, cap: float) -> float:
        """The timeout for one call: the remaining budget, at most `cap` seconds.

        Raises WithingsTimeoutError when too little is left to start the call at all.
        """
        left = self.remaining()
        if left <= _MIN_USEFUL_SECONDS:
            raise WithingsTimeoutError(None, "deadline exceeded before the call started")
        return min(cap, left)

    def shorter(self, seconds: float) -> Deadline:
        """A deadline at most `seconds` from now, never later than this one."""
        return Deadline(min(self.expires_at, time.monotonic() + seconds))
