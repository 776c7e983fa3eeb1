"""The Withings data actions: filter a DemoUser's records the way Withings does, and page them.

Each action takes the already-authenticated user and the request's parameters and returns the
in-body `(status, body, error)`. Pages are deliberately small (100 groups for getmeas, 30 records for
the v2 actions) so that a few months of history needs several calls and a client that ignores
`more`/`offset` visibly loses data. Offsets are plain indexes into the filtered, ordered list, so the
same query always pages the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sandbox.data import ACTIVITY_FIELDS, SLEEP_DEFAULT_FIELDS, DemoUser

MEASURE_PAGE = 100
V2_PAGE = 30

Result = tuple[int, dict[str, Any], str | None]


class InvalidParams(Exception):
    """Answered as in-body status 503 "Invalid Params", like Withings."""


def _int(params: Mapping[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    if not re.fullmatch(r"-?\d{1,12}", raw):
        raise InvalidParams(f"Invalid Params: {name}")
    return int(raw)


def _offset(params: Mapping[str, str]) -> int:
    offset = _int(params, "offset") or 0
    if offset < 0:
        raise InvalidParams("Invalid Params: offset")
    return offset


def _ymd(params: Mapping[str, str], name: str) -> str | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise InvalidParams(f"Invalid Params: {name}")
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise InvalidParams(f"Invalid Params: {name}") from None


def _fields(params: Mapping[str, str]) -> list[str] | None:
    raw = params.get("data_fields")
    if raw is None or raw.strip() == "":
        return None
    return [f.strip() for f in raw.split(",") if f.strip()]


def _page(records: list[dict[str, Any]], offset: int, size: int) -> tuple[list[dict[str, Any]], bool, int]:
    page = records[offset : offset + size]
    more = offset + size < len(records)
    return page, more, (offset + size if more else 0)


def _day_window(params: Mapping[str, str]) -> Callable[[dict[str, Any]], bool]:
    """startdateymd+enddateymd (local days, inclusive) or lastupdate (Unix): one of the two is required."""
    start, end = _ymd(params, "startdateymd"), _ymd(params, "enddateymd")
    lastupdate = _int(params, "lastupdate")
    if (start is None) != (end is None):
        raise InvalidParams("Invalid Params: startdateymd and enddateymd go together")
    if start is None and lastupdate is None:
        raise InvalidParams("Invalid Params: startdateymd/enddateymd or lastupdate required")
    if start is not None and end is not None and start > end:
        raise InvalidParams("Invalid Params: startdateymd after enddateymd")

    def keep(record: dict[str, Any]) -> bool:
        if start is not None and end is not None and not start <= record["date"] <= end:
            return False
        return lastupdate is None or record["modified"] >= lastupdate

    return keep


def getmeas(user: DemoUser, params: Mapping[str, str]) -> Result:
    types: set[int] | None = None
    raw_types = params.get("meastypes") or params.get("meastype")
    if raw_types:
        if not re.fullmatch(r"\d{1,4}(,\d{1,4})*", raw_types):
            raise InvalidParams("Invalid Params: meastypes")
        types = {int(t) for t in raw_types.split(",")}
    category = _int(params, "category")
    if category is not None and category not in (1, 2):
        raise InvalidParams("Invalid Params: category")
    start, end = _int(params, "startdate"), _int(params, "enddate")
    lastupdate = _int(params, "lastupdate")
    offset = _offset(params)

    groups: list[dict[str, Any]] = []
    for group in user.measuregrps:
        if category is not None and group["category"] != category:
            continue
        if (start is not None and group["date"] < start) or (end is not None and group["date"] > end):
            continue
        if lastupdate is not None and group["modified"] < lastupdate:
            continue
        if types is not None:
            measures = [m for m in group["measures"] if m["type"] in types]
            if not measures:
                continue
            groups.append({**group, "measures": measures})
        else:
            groups.append(group)
    # Withings lists measure groups newest first (a client's "limit=1" was the latest weigh-in).
    groups.sort(key=lambda g: (g["date"], g["grpid"]), reverse=True)
    page, more, next_offset = _page(groups, offset, MEASURE_PAGE)
    body = {
        "updatetime": user.as_of,  # the server's "now", which the data was cut at
        "timezone": user.timezone,
        "measuregrps": page,
        "more": 1 if more else 0,  # an int here; the v2 actions say true/false
        "offset": next_offset,
    }
    return 0, body, None


def _select(record: dict[str, Any], keep: list[str] | None, all_fields: tuple[str, ...]) -> dict[str, Any]:
    """Top-level data fields (getactivity): drop the ones not asked for."""
    if keep is None:
        return dict(record)
    return {k: v for k, v in record.items() if k not in all_fields or k in keep}


def _select_data(record: dict[str, Any], keep: list[str] | tuple[str, ...] | None) -> dict[str, Any]:
    """Nested `data` fields (getsummary, getworkouts)."""
    if keep is None:
        return {**record, "data": dict(record["data"])}
    return {**record, "data": {k: v for k, v in record["data"].items() if k in keep}}


def getactivity(user: DemoUser, params: Mapping[str, str]) -> Result:
    keep = _day_window(params)
    fields = _fields(params)
    offset = _offset(params)
    records = [_select(a, fields, ACTIVITY_FIELDS) for a in user.activities if keep(a)]
    page, more, next_offset = _page(records, offset, V2_PAGE)
    return 0, {"activities": page, "more": more, "offset": next_offset}, None


def getworkouts(user: DemoUser, params: Mapping[str, str]) -> Result:
    keep = _day_window(params)
    fields = _fields(params)
    offset = _offset(params)
    records = [_select_data(w, fields) for w in user.workouts if keep(w)]
    page, more, next_offset = _page(records, offset, V2_PAGE)
    return 0, {"series": page, "more": more, "offset": next_offset}, None


def getsummary(user: DemoUser, params: Mapping[str, str]) -> Result:
    keep = _day_window(params)
    # Like Withings: without data_fields only the legacy fields come back (no total_sleep_time,
    # sleep_latency, sleep_efficiency...); a client that wants them must ask.
    fields = _fields(params) or SLEEP_DEFAULT_FIELDS
    offset = _offset(params)
    records = [_select_data(s, fields) for s in user.sleep_summaries if keep(s)]
    page, more, next_offset = _page(records, offset, V2_PAGE)
    return 0, {"series": page, "more": more, "offset": next_offset}, None


def getgoals(user: DemoUser, params: Mapping[str, str]) -> Result:
    goals = {**user.goals, "weight": dict(user.goals["weight"])}
    return 0, {"goals": goals}, None


# service path -> action -> handler
SERVICES: dict[str, dict[str, Callable[[DemoUser, Mapping[str, str]], Result]]] = {
    "/measure": {"getmeas": getmeas},
    "/v2/measure": {"getactivity": getactivity, "getworkouts": getworkouts},
    "/v2/sleep": {"getsummary": getsummary},
    "/v2/user": {"getgoals": getgoals},
}


def run(service: str, action: str | None, user: DemoUser, params: Mapping[str, str]) -> Result:
    handler = SERVICES.get(service, {}).get(action or "")
    if handler is None:
        return 2554, {}, "Not implemented: wrong action or wrong webservice"
    try:
        return handler(user, params)
    except InvalidParams as exc:
        return 503, {}, str(exc)
