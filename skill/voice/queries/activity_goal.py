"""Activity with the step goal beside it, for a picture's goal line: one more Withings call, run
concurrently with the activity's own, so the answer waits no longer than before.

Only a request that will show a picture asks for this; a voice-only answer calls activity() alone.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from skill.voice.queries.activity import ActivityResult, activity
from skill.voice.queries.gather import gather
from skill.withings.errors import WithingsError
from skill.withings.models import Goals

if TYPE_CHECKING:
    from collections.abc import Callable

    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)


class _Part(StrEnum):
    ACTIVITY = "activity"
    GOALS = "goals"


def activity_and_goals(
    api: DataSource, period: Period, deadline: Deadline
) -> tuple[ActivityResult, Goals | None]:
    """The activity as activity() answers it, and the goals (None when Withings could not say)."""
    parts: dict[_Part, Callable[[], object]] = {
        _Part.ACTIVITY: lambda: activity(api, period, deadline),
        _Part.GOALS: lambda: api.get_goals(deadline=deadline),
    }
    results, errors = gather(parts, deadline)
    if _Part.ACTIVITY in errors:
        raise errors[_Part.ACTIVITY]  # the answer itself failed: as without a picture
    error = errors.get(_Part.GOALS)
    if error is not None and not isinstance(error, WithingsError):
        raise error  # a bug, not Withings: let the exception handlers log it
    if error is not None:
        _log.info("picture goals failed", extra={"error": type(error).__name__})
    found, goals = results[_Part.ACTIVITY], results.get(_Part.GOALS)
    assert isinstance(found, ActivityResult)
    return found, goals if isinstance(goals, Goals) else None
