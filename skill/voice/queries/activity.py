"""Daily activity (steps, distance, calories, active time, floors) over a period of local days."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.queries import DataSource
    from skill.withings.deadline import Deadline
    from skill.withings.models import DailyActivity

# How far back "the latest I have" looks when today has no activity yet.
_STALE_LOOKBACK_DAYS: Final = 7


@dataclass(frozen=True)
class ActivityResult:
    period: Period
    days: tuple[DailyActivity, ...]  # one per local day in the period, oldest first
    latest_before: DailyActivity | None = None  # the newest day with steps before the period
    earlier: tuple[DailyActivity, ...] = ()  # the days fetched before a single day (its week's picture)

    def day(self, day: date) -> DailyActivity | None:
        for record in self.days:
            if record.day == day:
                return record
        return None


def one_per_day(records: Sequence[DailyActivity]) -> list[DailyActivity]:
    """Withings may send a tracker's and a phone's record for one day: keep the one with most steps."""
    best: dict[date, DailyActivity] = {}
    for record in records:
        kept = best.get(record.day)
        if kept is None or (record.steps or 0) > (kept.steps or 0):
            best[record.day] = record
    return [best[d] for d in sorted(best)]


def activity(api: DataSource, period: Period, deadline: Deadline) -> ActivityResult:
    """Daily activity in the period; for a single day, also the newest earlier day (stale syncs)."""
    fetch_start = period.start - timedelta(days=_STALE_LOOKBACK_DAYS) if period.single_day else period.start
    days = one_per_day(api.get_activity(fetch_start, period.end, deadline=deadline))
    inside = tuple(d for d in days if d.day in period)
    earlier = [d for d in days if d.day < period.start and (d.steps or 0) > 0]
    before = tuple(d for d in days if d.day < period.start)
    return ActivityResult(period, inside, earlier[-1] if earlier else None, before)
