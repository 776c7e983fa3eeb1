"""The daily records: getactivity, sleep getsummary, getworkouts and getgoals bodies -> records.

A record missing what it cannot do without (its day, or its start and end) is skipped, so one odd
record never costs the user the whole answer. Sleep summaries and workouts come paired with the `data`
object Withings sent for them: the records themselves hold no raw dicts, and only the classic facade,
whose rows are those dicts, reads the second half.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from skill.withings.dates import resolve_zone
from skill.withings.errors import ServiceError
from skill.withings.models import DailyActivity, Goals, SleepSummary, Workout
from skill.withings.parse.scalars import (
    as_bool,
    as_day,
    as_float,
    as_int,
    as_time,
    body_object,
    records,
    scaled,
)

_Timed = TypeVar("_Timed", SleepSummary, Workout)
_EMPTY: Mapping[str, Any] = {}


def _activity(raw: Any) -> DailyActivity | None:
    if not isinstance(raw, Mapping):
        return None
    day = as_day(raw.get("date"))
    if day is None:
        return None
    tz_name, _ = resolve_zone(raw.get("timezone"))
    return DailyActivity(
        day=day,
        timezone=tz_name,
        steps=as_int(raw.get("steps")),
        distance_m=as_float(raw.get("distance")),
        elevation_floors=as_float(raw.get("elevation")),
        soft_s=as_int(raw.get("soft")),
        moderate_s=as_int(raw.get("moderate")),
        intense_s=as_int(raw.get("intense")),
        active_s=as_int(raw.get("active")),
        calories=as_float(raw.get("calories")),
        total_calories=as_float(raw.get("totalcalories")),
        hr_average=as_int(raw.get("hr_average")),
        hr_min=as_int(raw.get("hr_min")),
        hr_max=as_int(raw.get("hr_max")),
        brand=as_int(raw.get("brand")),
        is_tracker=as_bool(raw.get("is_tracker")),
    )


def parse_activities(body: Any) -> tuple[DailyActivity, ...]:
    """One getactivity body -> daily activities, oldest day first."""
    out = [a for a in map(_activity, records(body_object(body), "activities")) if a is not None]
    out.sort(key=lambda a: a.day)
    return tuple(out)


def _bounds(raw: Any) -> tuple[str, datetime, datetime, Mapping[str, Any]] | None:
    """(zone name, start, end, data object) of a sleep or workout record; None without its bounds."""
    if not isinstance(raw, Mapping):
        return None
    tz_name, info = resolve_zone(raw.get("timezone"))
    start = as_time(raw.get("startdate"), info)
    end = as_time(raw.get("enddate"), info)
    if start is None or end is None:
        return None
    data = raw.get("data")
    return tz_name, start, end, data if isinstance(data, Mapping) else _EMPTY


def _first_int(data: Mapping[str, Any], *keys: str) -> int | None:
    for key in keys:
        value = as_int(data.get(key))
        if value is not None:
            return value
    return None


def _sleep(raw: Any) -> tuple[SleepSummary, Mapping[str, Any]] | None:
    bounds = _bounds(raw)
    if bounds is None:
        return None
    tz_name, start, end, data = bounds
    light = as_int(data.get("lightsleepduration"))
    deep = as_int(data.get("deepsleepduration"))
    rem = as_int(data.get("remsleepduration"))
    total = _first_int(data, "total_sleep_time", "asleepduration")
    if total is None and (light is not None or deep is not None or rem is not None):
        total = (light or 0) + (deep or 0) + (rem or 0)
    in_bed = as_int(data.get("total_timeinbed"))
    if in_bed is None:
        in_bed = max(0, int(end.timestamp() - start.timestamp()))
    efficiency = as_float(data.get("sleep_efficiency"))
    if efficiency is not None and efficiency > 1:
        efficiency = efficiency / 100  # a percentage rather than the documented ratio
    summary = SleepSummary(
        night=as_day(raw.get("date")) or end.date(),
        timezone=tz_name,
        start=start,
        end=end,
        total_sleep_s=total,
        time_in_bed_s=in_bed,
        light_s=light,
        deep_s=deep,
        rem_s=rem,
        awake_s=as_int(data.get("wakeupduration")),
        wakeup_count=as_int(data.get("wakeupcount")),
        sleep_latency_s=_first_int(data, "sleep_latency", "durationtosleep"),
        wakeup_latency_s=_first_int(data, "wakeup_latency", "durationtowakeup"),
        sleep_score=as_int(data.get("sleep_score")),
        sleep_efficiency=efficiency,
        hr_average=as_int(data.get("hr_average")),
        rr_average=as_int(data.get("rr_average")),
        snoring_s=as_int(data.get("snoring")),
    )
    return summary, data


def _workout(raw: Any) -> tuple[Workout, Mapping[str, Any]] | None:
    bounds = _bounds(raw)
    if bounds is None:
        return None
    tz_name, start, end, data = bounds
    workout = Workout(
        id=as_int(raw.get("id")),
        category_code=as_int(raw.get("category")) or 0,
        day=as_day(raw.get("date")) or start.date(),
        timezone=tz_name,
        start=start,
        end=end,
        calories=as_float(data.get("calories")),
        distance_m=as_float(data.get("distance")),
        steps=as_int(data.get("steps")),
        intensity=as_int(data.get("intensity")),
        hr_average=as_int(data.get("hr_average")),
    )
    return workout, data


def _by_start(pairs: list[tuple[_Timed, Mapping[str, Any]] | None]) -> list[tuple[_Timed, Mapping[str, Any]]]:
    out = [p for p in pairs if p is not None]
    out.sort(key=lambda p: p[0].start.timestamp())
    return out


def sleep_summaries_with_data(body: Any) -> list[tuple[SleepSummary, Mapping[str, Any]]]:
    """One sleep getsummary body -> (summary, its data object) per night, earliest start first."""
    return _by_start([_sleep(raw) for raw in records(body_object(body), "series")])


def workouts_with_data(body: Any) -> list[tuple[Workout, Mapping[str, Any]]]:
    """One getworkouts body -> (workout, its data object) per workout, earliest start first."""
    return _by_start([_workout(raw) for raw in records(body_object(body), "series")])


def parse_goals(body: Any) -> Goals:
    """getgoals body -> Goals; the weight goal comes as {value, unit} like a measure."""
    goals = body_object(body).get("goals")
    if goals is None or goals == []:  # Withings sends [] for a user with no goals
        return Goals()
    if not isinstance(goals, Mapping):
        raise ServiceError(None, "goals is not an object")
    weight_kg = None
    weight = goals.get("weight")
    if isinstance(weight, Mapping):
        value, unit = as_int(weight.get("value")), as_int(weight.get("unit"))
        if value is not None:
            weight_kg = scaled(value, unit or 0)
    return Goals(steps=as_int(goals.get("steps")), sleep_s=as_int(goals.get("sleep")), weight_kg=weight_kg)
