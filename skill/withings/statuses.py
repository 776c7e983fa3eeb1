"""Withings' in-body status codes, mapped to the families of its official table (withings-api.md §4.1).

Withings reports families rather than exact causes, so the mapping is by family. The OAuth1-era codes
342 (bad signature), 250 (userid/credentials mismatch), 283 (token invalid) and 247 (userid absent)
fall inside the "invalid params" ranges of today's table but meant "these credentials are refused",
so they map to AuthError: the only useful answer to them is re-linking. The notify service's codes
(286, 293, 294, 305, 343) get classes of their own (see _NOTIFY).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from skill.withings.errors import (
    AuthError,
    BadStateError,
    CallbackUnreachableError,
    CallbackUrlError,
    InvalidParamsError,
    NotImplementedByWithingsError,
    RateLimitedError,
    ServiceError,
    SubscriptionNotFoundError,
    TooManySubscriptionsError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsError,
    WithingsTimeoutError,
)

SUCCESS = "Operation was successful"
UNKNOWN = "Unknown status"

_Spec = Iterable[int | tuple[int, int]]  # single codes and inclusive ranges, as the table writes them

_AUTH: _Spec = [(100, 102), 200, 401]
_INVALID_PARAMS: _Spec = [
    (201, 213), (216, 218), (220, 221), 223, 225, (227, 230), (234, 236), 238, (240, 252), 254,
    (260, 267), (271, 272), (275, 276), (283, 288), 290, (293, 295), 297, (300, 304), 321,
    (323, 353), (380, 382), 400, (501, 511), 523, 532, (3017, 3019),
]  # fmt: skip
_UNAUTHORIZED: _Spec = [214, 277, 2553, 2555]
_ERROR_OCCURRED: _Spec = [
    215, 219, 222, 224, 226, (231, 233), 237, 253, (255, 259), (268, 270), (273, 274), (278, 282),
    289, (291, 292), 296, 298, (305, 320), 322, (370, 375), 383, 391, 402, (516, 521), (525, 531),
    533, 602, 700, (1051, 1054), (2551, 2552), (2556, 2559), (3000, 3016), (3020, 3024),
    (5000, 5006), 6000, (6010, 6011), 9000, 10000,
]  # fmt: skip
_LEGACY_AUTH = (247, 250, 283, 342)

_Family = tuple[type[WithingsError], str]

# The notify service's own meanings (withings-api.md §4.1 legacy list, addendum §1.5): narrower
# classes inside today's families, so `except InvalidParamsError` still catches the first four.
_NOTIFY: dict[int, _Family] = {
    286: (SubscriptionNotFoundError, "No such subscription"),
    293: (CallbackUnreachableError, "Callback URL absent, incorrect or unreachable"),
    294: (SubscriptionNotFoundError, "No such subscription could be deleted"),
    305: (TooManySubscriptionsError, "Too many notifications already set"),
    343: (CallbackUrlError, "Wrong notification callback URL"),
}


def _expand(spec: _Spec) -> Iterable[int]:
    for item in spec:
        if isinstance(item, tuple):
            yield from range(item[0], item[1] + 1)
        else:
            yield item


@cache
def _families() -> dict[int, _Family]:
    """The code -> family table, built on the first non-zero status (~1,000 entries; not at import)."""
    table: dict[int, _Family] = {}
    families: list[tuple[_Spec, _Family]] = [
        (_AUTH, (AuthError, "Authentication failed")),
        (_INVALID_PARAMS, (InvalidParamsError, "Invalid params")),
        (_UNAUTHORIZED, (UnauthorizedError, "Unauthorized")),
        ([2554], (NotImplementedByWithingsError, "Not implemented")),
        ([522], (WithingsTimeoutError, "Timeout")),
        ([524], (BadStateError, "Bad state")),
        ([601], (RateLimitedError, "Too many requests")),
        (_ERROR_OCCURRED, (ServiceError, "An error occurred")),
    ]
    for spec, family in families:
        for code in _expand(spec):
            table[code] = family
    for code in _LEGACY_AUTH:
        table[code] = (AuthError, "Authentication failed")
    table.update(_NOTIFY)
    return table


def message(status: int) -> str:
    """Withings' family message for a status: 0 is success, unknown codes say so."""
    if status == 0:
        return SUCCESS
    family = _families().get(status)
    return family[1] if family else UNKNOWN


def _wait_seconds(body: Mapping[str, Any] | None) -> float | None:
    if not body:
        return None
    value = body.get("wait_seconds")
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    if isinstance(value, str):
        try:
            parsed = float(value)
        except ValueError:
            return None
        return parsed if parsed >= 0 else None
    return None


def error_for(status: int, error: str | None, body: Mapping[str, Any] | None = None) -> WithingsError:
    """The exception for a non-zero status, keeping the status and Withings' own error text."""
    family = _families().get(status)
    text = error or (family[1] if family else UNKNOWN)
    if family is None:
        return UnknownStatusError(status, text)
    cls = family[0]
    if cls is RateLimitedError:
        return RateLimitedError(status, text, wait_seconds=_wait_seconds(body))
    return cls(status, text)


def raise_for_status(status: int, error: str | None, body: Mapping[str, Any] | None = None) -> None:
    """Raise the family's error for a non-zero status; do nothing for 0."""
    if status != 0:
        raise error_for(status, error, body)
