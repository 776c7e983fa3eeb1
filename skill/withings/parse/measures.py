"""getmeas bodies -> Measurements: the parse hot path (a year of weigh-ins is thousands of groups).

Hence no per-measure function calls in the common case, and no shared object re-created: identical
measures (same type, value, unit, segment) recur all the time - blood pressure, pulse and SpO2 are
small integers - and records are immutable, so each distinct one is built once per call and shared.
A group with a measure of an odd shape is redone one measure at a time; a group without a usable time
is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from operator import itemgetter
from typing import Any

from skill.withings.dates import resolve_zone
from skill.withings.models import Measure, MeasureGroup, Measurements
from skill.withings.parse.scalars import DIVISORS, as_int, as_time, body_object, records, scaled

_MeasureKey = tuple[Any, Any, Any, Any]  # a measure object's (type, value, unit, position)
_SortItem = tuple[int, int, MeasureGroup]  # (Unix time, grpid, group)

_GROUP_KEYS = ("date", "measures", "grpid", "attrib", "category", "model")
_GROUP_FIELDS = itemgetter(*_GROUP_KEYS)
_TIME, _GRPID = itemgetter(0), itemgetter(1)
_fromtimestamp = datetime.fromtimestamp
# What NamedTuple._make does, minus its length check (these tuples always hold every field): a
# third of the cost of calling the class with one argument per field.
_new_record = tuple.__new__


def _measure(raw: Any) -> Measure | None:
    """One measure object -> Measure, or None when it has no usable type or value."""
    if type(raw) is not dict and not isinstance(raw, Mapping):
        return None
    code, value, unit, position = raw.get("type"), raw.get("value"), raw.get("unit"), raw.get("position")
    # Plain ints are what Withings sends; anything else is coerced or dropped.
    if type(code) is not int and (code := as_int(code)) is None:
        return None
    if type(value) is not int and (value := as_int(value)) is None:
        return None
    if type(unit) is not int:
        unit = as_int(unit) or 0
    if position is not None and type(position) is not int:
        position = as_int(position)
    return Measure(code, scaled(value, unit), value, unit, position)


class _Unusable(Exception):
    """A measure that cannot become a Measure: its group is redone one measure at a time."""


def _first_sighting(key: _MeasureKey, raw: Mapping[str, Any], seen: dict[_MeasureKey, Measure]) -> Measure:
    """Build the Measure for a measure object not seen before in this call, and remember it."""
    code, value, unit, position = key
    measure: Measure | None
    if type(code) is int and type(value) is int and type(unit) is int and position is None:
        # The common case, without _measure()'s coercions: plain ints, no body segment.
        divisor = DIVISORS.get(unit)
        scaled_value = value / divisor if divisor else scaled(value, unit)
        measure = _new_record(Measure, (code, scaled_value, value, unit, None))
    else:
        measure = _measure(raw)
        if measure is None:
            raise _Unusable
    seen[key] = measure
    return measure


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
        parsed = as_time(ts, info)
        if parsed is None:
            return None
        taken_at, ts = parsed, int(parsed.timestamp())

    if type(raw_measures) is list:
        get = seen.get
        try:  # one comprehension: this runs for every measure of every group
            measures = tuple(
                [
                    get(key := (m["type"], m["value"], m["unit"], m.get("position")))
                    or _first_sighting(key, m, seen)
                    for m in raw_measures
                ]
            )
        except (KeyError, TypeError, AttributeError, _Unusable):
            # Somewhere in this group is a measure not shaped as Withings sends them: one by one.
            measures = tuple(filter(None, map(_measure, raw_measures)))
    else:
        measures = ()

    grpid = grpid if type(grpid) is int else (as_int(grpid) or 0)
    attrib = attrib if type(attrib) is int else (as_int(attrib) or 0)
    category = category if type(category) is int else (as_int(category) or 1)
    model = model if type(model) is str and model else None
    return ts, grpid, _new_record(MeasureGroup, (grpid, taken_at, attrib, category, measures, model))


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
        page = body_object(body)
        if self._zone is None:
            self._zone = resolve_zone(page.get("timezone"))
            self._updatetime = page.get("updatetime")
        info, seen, by_id = self._zone[1], self._seen, self._by_id
        for raw in records(page, "measuregrps"):
            item = _group(raw, info, seen)
            if item is None:
                continue
            if item[1]:
                by_id[item[1]] = item
            else:
                self._loose.append(item)

    def build(self) -> Measurements:
        items = [*self._by_id.values(), *self._loose]
        # By time, ties by grpid: two stable sorts on int keys cost less than one on (time, grpid)
        # tuples, and Withings' newest-first order makes each nearly a reversal.
        items.sort(key=_GRPID)
        items.sort(key=_TIME)
        tz_name, info = self._zone or ("UTC", UTC)
        return Measurements(tz_name, tuple(item[2] for item in items), as_time(self._updatetime, info))


def parse_measures(body: Any) -> Measurements:
    """One getmeas body -> Measurements (groups oldest first, times in the body's time zone)."""
    builder = MeasuresBuilder()
    builder.add_page(body)
    return builder.build()
