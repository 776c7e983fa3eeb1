"""The cached models as bytes: a version byte, then compact JSON of the NamedTuples.

A record is {"n": model name, "f": its fields in order}; an aware datetime {"t": the UTC instant,
"z": its zone (IANA name, or the offset in seconds)} so it comes back in the record's own zone; a date
{"d": ISO}; a tuple a list. Anything else than what this version wrote (another version byte, a model
whose fields changed, bad JSON) is a ValueError, which the cache treats as a miss.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, Final

from skill.cache.keys import DataKind
from skill.withings.dates import zone
from skill.withings.models import (
    DailyActivity,
    Goals,
    Measure,
    MeasureGroup,
    Measurements,
    SleepSummary,
    Workout,
)

VERSION: Final = 1
_MODELS: Final[dict[str, type[tuple[Any, ...]]]] = {
    m.__name__: m for m in (Measure, MeasureGroup, Measurements, DailyActivity, SleepSummary, Workout, Goals)
}
# What each kind's answer is: one record, or a tuple of records.
_SHAPES: Final[dict[DataKind, tuple[type, bool]]] = {
    DataKind.MEASURES: (Measurements, False),
    DataKind.ACTIVITY: (DailyActivity, True),
    DataKind.SLEEP: (SleepSummary, True),
    DataKind.WORKOUTS: (Workout, True),
    DataKind.GOALS: (Goals, False),
}


def encode(value: object) -> bytes:
    return bytes([VERSION]) + json.dumps(_enc(value), separators=(",", ":"), allow_nan=False).encode()


def decode(kind: DataKind, raw: bytes) -> Any:
    """The answer `encode` was given, if it has the kind's shape; ValueError otherwise."""
    if not raw or raw[0] != VERSION:
        raise ValueError("another cache format version")
    try:
        value = _dec(json.loads(raw[1:]))
    except (TypeError, KeyError, AttributeError, OverflowError, RecursionError) as exc:
        raise ValueError("unreadable cache entry") from exc
    model, many = _SHAPES[kind]
    if many:
        if not isinstance(value, tuple) or not all(isinstance(v, model) for v in value):
            raise ValueError("not this kind's records")
    elif not isinstance(value, model):
        raise ValueError("not this kind's record")
    return value


def _enc(value: object) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetimes are not cached")
        return {"t": value.astimezone(UTC).isoformat(), "z": _zone_id(value)}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, tuple):
        name = type(value).__name__
        if hasattr(value, "_fields"):
            if _MODELS.get(name) is not type(value):
                raise ValueError(f"{name} is not a cached model")
            return {"n": name, "f": [_enc(v) for v in value]}
        return [_enc(v) for v in value]
    raise ValueError(f"{type(value).__name__} is not cached")


def _zone_id(moment: datetime) -> str | int:
    key = getattr(moment.tzinfo, "key", None)  # zoneinfo.ZoneInfo
    if isinstance(key, str):
        return key
    offset = moment.utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _zone(ident: object) -> tzinfo:
    if isinstance(ident, str):
        return zone(ident)
    if isinstance(ident, int) and not isinstance(ident, bool):
        return timezone(timedelta(seconds=ident))
    raise ValueError("bad zone")


def _dec(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return tuple(_dec(v) for v in value)
    if isinstance(value, dict):
        if "t" in value:
            instant = datetime.fromisoformat(value["t"])
            if instant.tzinfo is None:
                raise ValueError("a naive instant")
            return instant.astimezone(_zone(value["z"]))
        if "d" in value:
            return date.fromisoformat(value["d"])
        model = _MODELS[value["n"]]
        fields = value["f"]
        if not isinstance(fields, list) or len(fields) != len(model._fields):  # type: ignore[attr-defined]
            raise ValueError(f"{model.__name__} has other fields now")
        return model(*(_dec(v) for v in fields))
    raise ValueError("unexpected JSON")
