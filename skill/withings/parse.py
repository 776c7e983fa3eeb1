"""Pure functions from a Withings response body to frozen records.

Tolerant by design: unknown codes pass through (measure_types / workout_categories), missing optional
fields become None, and a record missing what it cannot do without (its time) is skipped, so one odd
record never costs the user the whole answer. Only a body of the wrong shape (not an object, a list
field that is not a list) raises ServiceError. Nothing here logs values.

getmeas is the hot path (a year of weigh-ins is thousands of groups), so parse_measures avoids
per-measure function calls and re-creates no shared objects.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from math import isfinite
from operator import itemgetter
from typing import Any

from skill.withings.dates import resolve_zone
from skill.withings.errors import ServiceError
from skill.withings.measure_types import MEASURE_TYPES, measure_type
from skill.withings.models import (
    DailyActivity,
    Goals,
    Measure,
    MeasureGroup,
    Measurements,
    SleepSummary,
    Workout,
)
from skill.withings.workout_categories import workout_category

# 10**-unit for the usual negative exponents: dividing an int by an exact power of ten gives the
# float nearest the decimal value (65750, -3 -> 65.75; 81013, -3 -> 81.013), whereas multiplying by
# 10**unit (0.001) does not. Computed once per measure.
_DIVISORS: dict[int, int] = {-u: int(10**u) for u in range(23)}


def _scaled(value: int, unit: int) -> float:
    divisor = _DIVISORS.get(unit)
    if divisor is not None:
        return value / divisor
    if unit > 0:
        return float(value * int(10**unit))
    return value / int(10 ** (-unit))  # beyond 10**22; Withings never sends these


def _body(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise ServiceError(None, "response body is not an object")
    return body


def _records(body: Mapping[str, Any], key: str) -> list[Any]:
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ServiceError(None, f"{key} is not a list")
    return value


def _int(value: Any) -> int | None:
    if type(value) is int:
        return value
    if type(value) is float:
        return int(value) if isfinite(value) else None
    return None


def _float(value: Any) -> float | None:
    if type(value) is int:
        return float(value)
    if type(value) is float:
        return value if isfinite(value) else None
    return None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if type(value) is int:
        return value != 0
    return None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _time(value: Any, info: Any) -> datetime | None:
    ts = _int(value)
    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts, info)
    except (OverflowError, OSError, ValueError):
        return None


# --- getmeas -----------------------------------------------------------------------------------


_MeasureKey = tuple[Any, Any, Any, Any]

# A frozen dataclass's __init__ sets each field through object.__setattr__, which dominates parsing a
# year of getmeas (~15,000 records). For a plain dataclass (no slots, __post_init__ or factories) filling
# the instance dict directly gives an identical record (same fields, eq, hash, frozenness) in half the
# time. _FAST_RECORDS checks that models.py still has that shape and these exact fields; if not, the
# real constructors are used, so a change there can cost speed but never correctness.
_new, _set_attr = object.__new__, object.__setattr__
_fromtimestamp = datetime.fromtimestamp


def _plain(cls: type, names: tuple[str, ...]) -> bool:
    fields = dataclasses.fields(cls)
    return (
        "__slots__" not in cls.__dict__
        and not hasattr(cls, "__post_init__")
        and tuple(f.name for f in fields) == names
        and all(f.init and f.default_factory is dataclasses.MISSING for f in fields)
    )


_FAST_RECORDS = _plain(Measure, ("type", "value", "raw_value", "raw_unit", "position")) and _plain(
    MeasureGroup, ("grpid", "taken_at", "attrib", "category", "measures", "device_model")
)


def _measure(raw: Any) -> Measure | None:
    """One measure object -> Measure, or None when it has no usable type or value."""
    if type(raw) is not dict and not isinstance(raw, Mapping):
        return None
    code, value, unit, position = raw.get("type"), raw.get("value"), raw.get("unit"), raw.get("position")
    # Plain ints are what Withings sends; anything else is coerced or dropped.
    if type(code) is not int and (code := _int(code)) is None:
        return None
    if type(value) is not int and (value := _int(value)) is None:
        return None
    if type(unit) is not int:
        unit = _int(unit) or 0
    if position is not None and type(position) is not int:
        position = _int(position)
    divisor = _DIVISORS.get(unit)
    scaled = value / divisor if divisor is not None else _scaled(value, unit)
    mtype = MEASURE_TYPES.get(code) or measure_type(code)
    if _FAST_RECORDS:
        record = _new(Measure)
        _set_attr(
            record,
            "__dict__",
            {"type": mtype, "value": scaled, "raw_value": value, "raw_unit": unit, "position": position},
        )
        return record
    return Measure(mtype, scaled, value, unit, position)  # pragma: no cover - models.py changed shape


class _Unusable(Exception):
    """A measure that cannot become a Measure: its group is redone one measure at a time."""


def _first_sighting(raw: Mapping[str, Any], seen: dict[_MeasureKey, Measure]) -> Measure:
    """Build the Measure for a measure object not seen before in this call, and remember it."""
    key = (raw["type"], raw["value"], raw["unit"], raw.get("position"))
    code, value, unit, position = key
    measure: Measure | None
    if _FAST_RECORDS and type(code) is int and type(value) is int and type(unit) is int and position is None:
        # The common case, without _measure()'s coercions: plain ints, no body segment.
        divisor = _DIVISORS.get(unit)
        measure = _new(Measure)
        _set_attr(
            measure,
            "__dict__",
            {
                "type": MEASURE_TYPES.get(code) or measure_type(code),
                "value": value / divisor if divisor is not None else _scaled(value, unit),
                "raw_value": value,
                "raw_unit": unit,
                "position": None,
            },
        )
    else:
        measure = _measure(raw)
        if measure is None:
            raise _Unusable
    seen[key] = measure
    return measure


_GROUP_KEYS = ("date", "measures", "grpid", "attrib", "category", "model")
_GROUP_FIELDS = itemgetter(*_GROUP_KEYS)


_SortItem = tuple[int, int, MeasureGroup]  # (Unix time, grpid, group)


def _group(raw: Any, info: tzinfo, seen: dict[_MeasureKey, Measure]) -> _SortItem | None:
    """(Unix time, grpid, group) for one measuregrp, or None when it has no usable time."""
    try:
        ts, raw_measures, grpid, attrib, category, model = _GROUP_FIELDS(raw)  # one C call
    except KeyError:  # an optional field is missing
        ts, raw_measures, grpid, attrib, category, model = (raw.get(k) for k in _GROUP_KEYS)
    except TypeError:  # not an object at all
        return None
    if type(ts) is int:
        try:
            taken_at = _fromtimestamp(ts, info)
        except (OverflowError, OSError, ValueError):
            return None
    else:
        parsed = _time(ts, info)
        if parsed is None:
            return None
        taken_at, ts = parsed, int(parsed.timestamp())

    if type(raw_measures) is list:
        # Identical measures (same type, value, unit, segment) recur all the time: blood pressure,
        # pulse and SpO2 are small integers. Records are frozen, so each distinct measure is built once
        # per call and shared. One comprehension, because this runs for every measure of every group.
        get = seen.get
        try:
            measures = tuple(
                [
                    get((m["type"], m["value"], m["unit"], m.get("position"))) or _first_sighting(m, seen)
                    for m in raw_measures
                ]
            )
        except (KeyError, TypeError, AttributeError, _Unusable):
            # Somewhere in this group is a measure not shaped as Withings sends them: one by one.
            measures = tuple(filter(None, map(_measure, raw_measures)))
    else:
        measures = ()

    grpid = grpid if type(grpid) is int else (_int(grpid) or 0)
    attrib = attrib if type(attrib) is int else (_int(attrib) or 0)
    category = category if type(category) is int else (_int(category) or 1)
    model = model if type(model) is str and model else None
    if _FAST_RECORDS:
        group = _new(MeasureGroup)
        _set_attr(
            group,
            "__dict__",
            {
                "grpid": grpid,
                "taken_at": taken_at,
                "attrib": attrib,
                "category": category,
                "measures": measures,
                "device_model": model,
            },
        )
    else:  # pragma: no cover - models.py changed shape
        group = MeasureGroup(grpid, taken_at, attrib, category, measures, model)
    return ts, grpid, group


class MeasuresBuilder:
    """Collects the getmeas pages of one call into a single Measurements.

    Groups come out oldest first (sorted on Withings' Unix seconds, which also orders the repeated
    hour at a DST change correctly); a group seen on two pages (edited between page calls) is kept
    once, its last copy. Identical measures are shared across pages. The time zone and update time
    are the first page's.
    """

    def __init__(self) -> None:
        self._zone: tuple[str, tzinfo] | None = None
        self._updatetime: Any = None
        self._seen: dict[_MeasureKey, Measure] = {}
        self._by_id: dict[int, _SortItem] = {}
        self._loose: list[_SortItem] = []

    def add_page(self, body: Any) -> None:
        page = _body(body)
        if self._zone is None:
            self._zone = resolve_zone(page.get("timezone"))
            self._updatetime = page.get("updatetime")
        info, seen, by_id = self._zone[1], self._seen, self._by_id
        for raw in _records(page, "measuregrps"):
            item = _group(raw, info, seen)
            if item is None:
                continue
            if item[1]:
                by_id[item[1]] = item
            else:
                self._loose.append(item)

    def build(self) -> Measurements:
        items = [*self._by_id.values(), *self._loose]
        items.sort(key=_BY_TIME_THEN_ID)
        tz_name, info = self._zone or ("UTC", UTC)
        return Measurements(tz_name, tuple(item[2] for item in items), _time(self._updatetime, info))


_BY_TIME_THEN_ID = itemgetter(0, 1)


def parse_measures(body: Any) -> Measurements:
    """One getmeas body -> Measurements (groups oldest first, times in the body's time zone)."""
    builder = MeasuresBuilder()
    builder.add_page(body)
    return builder.build()


# --- getactivity -------------------------------------------------------------------------------


def _activity(raw: Any) -> DailyActivity | None:
    if not isinstance(raw, Mapping):
        return None
    day = _day(raw.get("date"))
    if day is None:
        return None
    tz_name, _ = resolve_zone(raw.get("timezone"))
    return DailyActivity(
        day=day,
        timezone=tz_name,
        steps=_int(raw.get("steps")),
        distance_m=_float(raw.get("distance")),
        elevation_floors=_float(raw.get("elevation")),
        soft_s=_int(raw.get("soft")),
        moderate_s=_int(raw.get("moderate")),
        intense_s=_int(raw.get("intense")),
        active_s=_int(raw.get("active")),
        calories=_float(raw.get("calories")),
        total_calories=_float(raw.get("totalcalories")),
        hr_average=_int(raw.get("hr_average")),
        hr_min=_int(raw.get("hr_min")),
        hr_max=_int(raw.get("hr_max")),
        brand=_int(raw.get("brand")),
        is_tracker=_bool(raw.get("is_tracker")),
        raw=raw,
    )


def parse_activities(body: Any) -> tuple[DailyActivity, ...]:
    """One getactivity body -> daily activities, oldest day first."""
    out = [a for a in map(_activity, _records(_body(body), "activities")) if a is not None]
    out.sort(key=lambda a: a.day)
    return tuple(out)


# --- sleep getsummary --------------------------------------------------------------------------


def _first_int(data: Mapping[str, Any], *keys: str) -> int | None:
    for key in keys:
        value = _int(data.get(key))
        if value is not None:
            return value
    return None


def _sleep(raw: Any) -> SleepSummary | None:
    if not isinstance(raw, Mapping):
        return None
    tz_name, info = resolve_zone(raw.get("timezone"))
    start = _time(raw.get("startdate"), info)
    end = _time(raw.get("enddate"), info)
    if start is None or end is None:
        return None
    night = _day(raw.get("date")) or end.date()
    data = raw.get("data")
    if not isinstance(data, Mapping):
        data = {}
    light = _int(data.get("lightsleepduration"))
    deep = _int(data.get("deepsleepduration"))
    rem = _int(data.get("remsleepduration"))
    total = _first_int(data, "total_sleep_time", "asleepduration")
    if total is None and (light is not None or deep is not None or rem is not None):
        total = (light or 0) + (deep or 0) + (rem or 0)
    in_bed = _int(data.get("total_timeinbed"))
    if in_bed is None:
        in_bed = max(0, int(end.timestamp() - start.timestamp()))
    efficiency = _float(data.get("sleep_efficiency"))
    if efficiency is not None and efficiency > 1:
        efficiency = efficiency / 100  # a percentage rather than the documented ratio
    return SleepSummary(
        night=night,
        timezone=tz_name,
        start=start,
        end=end,
        total_sleep_s=total,
        time_in_bed_s=in_bed,
        light_s=light,
        deep_s=deep,
        rem_s=rem,
        awake_s=_int(data.get("wakeupduration")),
        wakeup_count=_int(data.get("wakeupcount")),
        sleep_latency_s=_first_int(data, "sleep_latency", "durationtosleep"),
        wakeup_latency_s=_first_int(data, "wakeup_latency", "durationtowakeup"),
        sleep_score=_int(data.get("sleep_score")),
        sleep_efficiency=efficiency,
        hr_average=_int(data.get("hr_average")),
        rr_average=_int(data.get("rr_average")),
        snoring_s=_int(data.get("snoring")),
        raw=data,
    )


def parse_sleep_summaries(body: Any) -> tuple[SleepSummary, ...]:
    """One sleep getsummary body -> nightly summaries, earliest start first."""
    out = [s for s in map(_sleep, _records(_body(body), "series")) if s is not None]
    out.sort(key=lambda s: s.start.timestamp())
    return tuple(out)


# --- getworkouts -------------------------------------------------------------------------------


def _workout(raw: Any) -> Workout | None:
    if not isinstance(raw, Mapping):
        return None
    tz_name, info = resolve_zone(raw.get("timezone"))
    start = _time(raw.get("startdate"), info)
    end = _time(raw.get("enddate"), info)
    if start is None or end is None:
        return None
    data = raw.get("data")
    if not isinstance(data, Mapping):
        data = {}
    code = _int(raw.get("category"))
    return Workout(
        id=_int(raw.get("id")),
        category=workout_category(code if code is not None else 0),
        day=_day(raw.get("date")) or start.date(),
        timezone=tz_name,
        start=start,
        end=end,
        calories=_float(data.get("calories")),
        distance_m=_float(data.get("distance")),
        steps=_int(data.get("steps")),
        intensity=_int(data.get("intensity")),
        hr_average=_int(data.get("hr_average")),
        data=data,
    )


def parse_workouts(body: Any) -> tuple[Workout, ...]:
    """One getworkouts body -> workouts, earliest start first."""
    out = [w for w in map(_workout, _records(_body(body), "series")) if w is not None]
    out.sort(key=lambda w: w.start.timestamp())
    return tuple(out)


# --- getgoals ----------------------------------------------------------------------------------


def parse_goals(body: Any) -> Goals:
    """getgoals body -> Goals; the weight goal comes as {value, unit} like a measure."""
    goals = _body(body).get("goals")
    if goals is None or goals == []:  # Withings sends [] for a user with no goals
        return Goals()
    if not isinstance(goals, Mapping):
        raise ServiceError(None, "goals is not an object")
    weight_kg = None
    weight = goals.get("weight")
    if isinstance(weight, Mapping):
        value, unit = _int(weight.get("value")), _int(weight.get("unit"))
        if value is not None:
            weight_kg = _scaled(value, unit or 0)
    return Goals(steps=_int(goals.get("steps")), sleep_s=_int(goals.get("sleep")), weight_kg=weight_kg)
