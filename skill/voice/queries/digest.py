"""The daily digest: steps so far today (and the step goal), last night's sleep, the latest weight."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from skill.voice.periods.period import Period
from skill.voice.queries.activity import ActivityResult, activity
from skill.voice.queries.gather import gather, raise_if_fatal
from skill.voice.queries.measures import MeasureResult, measure
from skill.voice.queries.sleep import SleepResult, sleep
from skill.voice.specs import BODY
from skill.voice.vocabulary import BodyMetric, Label
from skill.withings.models import Goals

if TYPE_CHECKING:
    from skill.voice.queries import DataSource
    from skill.voice.timezone import UserClock
    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)


class DigestPart(StrEnum):
    """A part of the digest (a log field, and `part.<name>` when Withings could not deliver it)."""

    STEPS = "steps"
    SLEEP = "sleep"
    WEIGHT = "weight"
    GOALS = "goals"  # the step goal: said with the steps, never missed on its own


@dataclass(frozen=True)
class DigestResult:
    steps: ActivityResult | None
    sleep: SleepResult | None
    weight: MeasureResult | None
    goals: Goals | None
    failed: tuple[DigestPart, ...] = ()  # parts Withings could not deliver in time


def digest(api: DataSource, clock: UserClock, deadline: Deadline) -> DigestResult:
    """Steps so far today (and the step goal), last night's sleep, the latest weight — concurrently."""
    today = clock.today
    yesterday = today - timedelta(days=1)
    weight = BODY[BodyMetric.WEIGHT]
    parts: dict[DigestPart, Callable[[], object]] = {
        DigestPart.STEPS: lambda: activity(api, Period.day(today, Label.TODAY), deadline),
        DigestPart.SLEEP: lambda: sleep(api, Period.day(yesterday, Label.YESTERDAY), today, deadline),
        DigestPart.WEIGHT: lambda: measure(api, weight.codes, None, clock, deadline, compare_week=True),
        DigestPart.GOALS: lambda: api.get_goals(deadline=deadline),
    }
    results, errors = gather(parts, deadline)
    for part, error in errors.items():
        _log.info("digest part failed", extra={"part": str(part), "error": type(error).__name__})
    raise_if_fatal(errors, sum(1 for part in results if part is not DigestPart.GOALS))
    steps, night, latest = (
        results.get(DigestPart.STEPS),
        results.get(DigestPart.SLEEP),
        results.get(DigestPart.WEIGHT),
    )
    goals = results.get(DigestPart.GOALS)
    return DigestResult(
        steps if isinstance(steps, ActivityResult) else None,
        night if isinstance(night, SleepResult) else None,
        latest if isinstance(latest, MeasureResult) else None,
        goals if isinstance(goals, Goals) else None,
        tuple(part for part in DigestPart if part in errors and part is not DigestPart.GOALS),
    )
