"""A period: inclusive local calendar days, how coarse they are and how speech should name them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from skill.voice.vocabulary import Granularity, Label
from skill.withings.dates import local_range_bounds


@dataclass(frozen=True)
class Period:
    """Inclusive local calendar days start..end; end is never after the user's today."""

    start: date
    end: date
    granularity: Granularity
    label: Label
    defaulted: bool = False  # the slot was missing or unreadable: this is the intent's default
    shifted: bool = False  # Alexa resolved it into the future; this is the most recent past one

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """Aware [local midnight of start, local midnight after end) in the IANA zone `tz` (DST-safe)."""
        return local_range_bounds(self.start, self.end, tz)

    def preceding(self) -> Period:
        """The period of the same length just before this one (for "up from the 30 days before")."""
        length = timedelta(days=self.days)
        return Period(
            self.start - length, self.start - timedelta(days=1), Granularity.RANGE, Label.LAST_N_DAYS
        )

    @classmethod
    def day(cls, day: date, label: Label, *, defaulted: bool = False) -> Period:
        """A single day ("today", "yesterday")."""
        return cls(day, day, Granularity.DAY, label, defaulted=defaulted)
