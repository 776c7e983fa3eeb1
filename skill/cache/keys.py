"""What a cache entry is about: the kind of data, the range asked for, and the instants it covers.

Keys are stable across requests: a measures window is widened to whole UTC days (the time-zone probe
asks for the last hour of weight, different every request; the widened window is one entry a day),
and the answer is filtered back to the asked window on the way out. Daily records (activity, sleep,
workouts) are cached per asked range of local dates. An entry's name (the store's sort key) holds
dates and measure type codes only, never a health value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, NamedTuple

# Withings notification categories (skill.withings.notify.Appli).
WEIGHT: Final = 1  # weight and body composition
TEMPERATURE: Final = 2
PRESSURE: Final = 4  # blood pressure, heart rate, SpO2
ACTIVITY: Final = 16  # activity and workouts
SLEEP: Final = 44

# How far a local calendar day may lie from the UTC one: zones run from UTC-12 to UTC+14.
_EAST: Final = timedelta(hours=14)
_WEST: Final = timedelta(hours=12)
_DAY: Final = timedelta(days=1)
_SEP: Final = "/"


class DataKind(StrEnum):
    MEASURES = "measures"  # getmeas: weight, body composition, vitals, blood pressure
    ACTIVITY = "activity"
    SLEEP = "sleep"
    WORKOUTS = "workouts"
    GOALS = "goals"


# The notification categories whose changes can touch each kind. Goals have none (Withings sends no
# notification for them): only their max age bounds them.
KIND_APPLIS: Final[dict[DataKind, tuple[int, ...]]] = {
    DataKind.MEASURES: (WEIGHT, TEMPERATURE, PRESSURE),
    DataKind.ACTIVITY: (ACTIVITY,),
    DataKind.WORKOUTS: (ACTIVITY,),
    DataKind.SLEEP: (SLEEP,),
    DataKind.GOALS: (),
}


def kinds_of(appli: int) -> tuple[DataKind, ...]:
    return tuple(kind for kind, applis in KIND_APPLIS.items() if appli in applis)


class EntryKey(NamedTuple):
    kind: DataKind
    first: date | None = None  # measures: UTC days; the daily kinds: the user's local dates
    last: date | None = None
    types: tuple[int, ...] = ()  # measures: the getmeas types asked for, sorted

    @property
    def name(self) -> str:
        parts = [str(self.kind)]
        if self.first is not None and self.last is not None:
            parts += [self.first.isoformat(), self.last.isoformat()]
        if self.types:
            parts.append(".".join(str(t) for t in self.types))
        return _SEP.join(parts)

    @classmethod
    def parse(cls, name: str) -> EntryKey | None:
        """The key a name was made from (None for a name this version did not write)."""
        parts = name.split(_SEP)
        try:
            kind = DataKind(parts[0])
            if kind is DataKind.GOALS:
                return cls(kind) if len(parts) == 1 else None
            first, last = date.fromisoformat(parts[1]), date.fromisoformat(parts[2])
            types = tuple(int(t) for t in parts[3].split(".")) if len(parts) == 4 else ()
        except (ValueError, IndexError):
            return None
        if len(parts) > 4 or (kind is DataKind.MEASURES) != bool(types):
            return None
        return cls(kind, first, last, types)

    def span(self) -> tuple[float | None, float | None]:
        """Epoch bounds of the instants this entry's data may lie in (None: unbounded), for deciding
        which notifications touch it. Generous on purpose: invalidating too much costs one call."""
        if self.first is None or self.last is None:
            return None, None
        start, end = _midnight(self.first), _midnight(self.last + _DAY)
        if self.kind is not DataKind.MEASURES:
            start, end = start - _EAST, end + _WEST  # a local day, wherever the user is
            if self.kind is DataKind.SLEEP:
                start -= _DAY  # a night is dated by the morning it ends: it began the evening before
        return start.timestamp(), end.timestamp()


def measures_key(start: datetime, end: datetime, types: Sequence[int]) -> tuple[EntryKey, datetime, datetime]:
    """The entry for a getmeas window, and the widened window to fetch for it (whole UTC days)."""
    first, last = start.astimezone(UTC).date(), end.astimezone(UTC).date()
    key = EntryKey(DataKind.MEASURES, first, last, tuple(sorted({int(t) for t in types})))
    return key, _midnight(first), _midnight(last + _DAY)


def daily_key(kind: DataKind, start: date, end: date) -> EntryKey:
    return EntryKey(kind, start, end)


GOALS_KEY: Final = EntryKey(DataKind.GOALS)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)
