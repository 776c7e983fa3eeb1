"""Sleep: the main sleep of each Withings night a period means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from skill.voice.periods.nights import sleep_nights

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.withings.deadline import Deadline
    from skill.withings.models import SleepSummary


@dataclass(frozen=True)
class SleepResult:
    period: Period
    first_night: date  # Withings night dates: the morning each sleep ended
    last_night: date
    nights: tuple[SleepSummary, ...]  # one per night (the longest), oldest first

    @property
    def single(self) -> bool:
        return self.first_night == self.last_night

    @property
    def night(self) -> SleepSummary | None:
        return self.nights[-1] if self.nights else None


def main_sleeps(summaries: Sequence[SleepSummary]) -> tuple[SleepSummary, ...]:
    """One summary per night: the longest (a nap or a second device's record is not the night)."""
    best: dict[date, SleepSummary] = {}
    for s in summaries:
        kept = best.get(s.night)
        if kept is None or (s.total_sleep_s or 0) > (kept.total_sleep_s or 0):
            best[s.night] = s
    return tuple(best[d] for d in sorted(best))


def sleep(api: DataSource, period: Period, today: date, deadline: Deadline) -> SleepResult:
    first, last = sleep_nights(period, today)
    summaries = api.get_sleep_summaries(first, last, deadline=deadline)
    nights = main_sleeps([s for s in summaries if first <= s.night <= last])
    return SleepResult(period, first, last, nights)
