"""The seam an app-wide budget plugs into: called once before every HTTP request sent to Withings.

A Gate is handed the request's Deadline and may wait within it or raise (the budget's own error when
the minute's calls are spent); whatever it raises travels to the caller untouched. Each page of a
paginated call and each retry that actually sends passes the gate again, so the count is of requests
Withings sees, not of client method calls.
"""

from __future__ import annotations

from collections.abc import Callable

from skill.withings.deadline import Deadline

Gate = Callable[[Deadline], None]

__all__ = ["Gate"]
