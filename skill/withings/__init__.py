"""A small, synchronous Withings client bundled with the skill (no Alexa or AWS imports).

Importing the package is cheap: the stdlib only. The data client (and requests with it), the OAuth1
signer (oauthlib) and the classic facade load on first use of their names, through module __getattr__
(PEP 562) — the linking token endpoint, for one, needs the credential types but never an HTTP client.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from skill.withings.auth import BearerAuth, OAuth1Credentials, OAuth2Tokens, PreparedRequest, RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import (
    AuthError,
    BadStateError,
    InvalidParamsError,
    NotImplementedByWithingsError,
    RateLimitedError,
    ServiceError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsError,
    WithingsTimeoutError,
)
from skill.withings.models import (
    DailyActivity,
    Goals,
    Measure,
    MeasureGroup,
    Measurements,
    MeasureType,
    SleepSummary,
    Workout,
    WorkoutCategory,
)

if TYPE_CHECKING:
    from skill.withings.api import WithingsApi
    from skill.withings.compat import WithingsClient, make_dates
    from skill.withings.oauth1 import OAuth1Auth

# name -> module that defines it; imported on first attribute access only.
_LAZY = {
    "WithingsApi": "skill.withings.api",
    "WithingsClient": "skill.withings.compat",
    "make_dates": "skill.withings.compat",
    "OAuth1Auth": "skill.withings.oauth1",
}

__all__ = [
    "AuthError",
    "BadStateError",
    "BearerAuth",
    "DailyActivity",
    "Deadline",
    "Goals",
    "InvalidParamsError",
    "Measure",
    "MeasureGroup",
    "MeasureType",
    "Measurements",
    "NotImplementedByWithingsError",
    "OAuth1Auth",
    "OAuth1Credentials",
    "OAuth2Tokens",
    "PreparedRequest",
    "RateLimitedError",
    "RequestAuth",
    "ServiceError",
    "SleepSummary",
    "UnauthorizedError",
    "UnknownStatusError",
    "WithingsApi",
    "WithingsClient",
    "WithingsError",
    "WithingsTimeoutError",
    "Workout",
    "WorkoutCategory",
    "make_dates",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
