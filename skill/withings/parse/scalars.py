"""The scalar fields of a Withings body, coerced or dropped, and the body's shape checks.

JSON may hold anything anywhere: a value of the wrong type becomes None here (the record keeps going),
and only a body or list field of the wrong shape raises ServiceError.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from math import isfinite
from typing import Any

from skill.withings.errors import ServiceError

# 10**-unit for the usual negative exponents: dividing an int by an exact power of ten gives the
# float nearest the decimal value (65750, -3 -> 65.75; 81013, -3 -> 81.013), whereas multiplying by
# 10**unit (0.001) does not.
DIVISORS: dict[int, int] = {-u: int(10**u) for u in range(23)}


def scaled(value: int, unit: int) -> float:
    """value × 10^unit as the float nearest the decimal value."""
    divisor = DIVISORS.get(unit)
    if divisor is not None:
        return value / divisor
    if unit > 0:
        return float(value * int(10**unit))
    return value / int(10 ** (-unit))  # beyond 10**22; Withings never sends these


def body_object(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise ServiceError(None, "response body is not an object")
    return body


def records(body: Mapping[str, Any], key: str) -> list[Any]:
    """The list under `key` ([] when absent); ServiceError when it is not a list."""
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ServiceError(None, f"{key} is not a list")
    return value


def as_int(value: Any) -> int | None:
    if type(value) is int:
        return value
    if type(value) is float:
        return int(value) if isfinite(value) else None
    return None


def as_float(value: Any) -> float | None:
    if type(value) is int:
        return float(value)
    if type(value) is float:
        return value if isfinite(value) else None
    return None


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if type(value) is int:
        return value != 0
    return None


def as_day(value: Any) -> date | None:
    """A YYYY-MM-DD string as a date, None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def as_time(value: Any, info: Any) -> datetime | None:
    """Unix seconds as an aware datetime in `info`, None when missing or out of range."""
    ts = as_int(value)
    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts, info)
    except (OverflowError, OSError, ValueError):
        return None
