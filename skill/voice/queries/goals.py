"""A goal and where the user stands against it: today's steps, last night's sleep, the latest weight."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from skill.voice.periods.period import Period
from skill.voice.queries.activity import activity
from skill.voice.queries.gather import gather, raise_if_fatal
from skill.voice.queries.measures import measure
from skill.voice.queries.sleep import sleep
from skill.voice.specs import ActivitySpec, MeasureSpec, SleepSpec
from skill.voice.vocabulary import Label
from skill.withings.models import Goals

if TYPE_CHECKING:
    from skill.voice.queries import DataSource
    from skill.voice.specs import GoalSpec
    from skill.voice.timezone import UserClock
    from skill.voice.vocabulary import GoalMetric
    from skill.withings.deadline import Deadline


@dataclass(frozen=True)
class Standing:
    """Where the user stands: the current value (None: nothing yet) and when it was measured."""

    value: float | None
    taken_at: datetime | None = None  # a reading's time; None for a day's or a night's total


@dataclass(frozen=True)
class GoalResult:
    metric: GoalMetric
    target: float | None  # None or zero: no goal set in the Withings app
    current: Standing  # nothing when Withings could not deliver it in time


class _Part(StrEnum):
    GOALS = "goals"
    CURRENT = "current"


def goal(api: DataSource, spec: GoalSpec, clock: UserClock, deadline: Deadline) -> GoalResult:
    """A goal and where the user stands against it, fetched together."""
    parts: dict[_Part, Callable[[], object]] = {
        _Part.GOALS: lambda: api.get_goals(deadline=deadline),
        _Part.CURRENT: _standing(api, spec, clock, deadline),
    }
    results, errors = gather(parts, deadline)
    if _Part.GOALS in errors:
        raise errors[_Part.GOALS]
    raise_if_fatal(errors, len(results))
    goals = results[_Part.GOALS]
    assert isinstance(goals, Goals)
    current = results.get(_Part.CURRENT)
    return GoalResult(
        spec.metric, spec.target(goals), current if isinstance(current, Standing) else Standing(None)
    )


def _standing(
    api: DataSource, spec: GoalSpec, clock: UserClock, deadline: Deadline
) -> Callable[[], Standing]:
    """The query for the goal's current value, by the kind of metric it is measured in."""
    today = clock.today
    match spec.current:
        case ActivitySpec(value=day_value):

            def today_so_far() -> Standing:
                record = activity(api, Period.day(today, Label.TODAY), deadline).day(today)
                return Standing(day_value(record) if record is not None else None)

            return today_so_far
        case SleepSpec(value=night_value) if night_value is not None:

            def last_night() -> Standing:
                yesterday = Period.day(today - timedelta(days=1), Label.YESTERDAY)
                night = sleep(api, yesterday, today, deadline).night
                return Standing(night_value(night) if night is not None else None)

            return last_night
        case MeasureSpec(codes=codes):

            def latest() -> Standing:
                reading = measure(api, codes, None, clock, deadline).latest
                return Standing(None) if reading is None else Standing(reading.value, reading.taken_at)

            return latest
    raise ValueError(f"{spec.metric}: no query for where the user stands")
