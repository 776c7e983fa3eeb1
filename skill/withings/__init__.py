"""A small, synchronous Withings client bundled with the skill (no Alexa or AWS imports).

Importing the package is cheap: the stdlib only, and no records or code tables. Everything else loads
on first use of its name, through module __getattr__ (PEP 562): the data client (and requests with
it), the records and their code enums, the OAuth1 signer (oauthlib), the notify client and the
classic facade. The linking
token endpoint, for one, needs the credential types but never an HTTP client or a record.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from skill.withings.auth import BearerAuth, OAuth1Credentials, OAuth2Tokens, PreparedRequest, RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import (
    AuthError,
    BadStateError,
    CallbackUnreachableError,
    CallbackUrlError,
    InvalidParamsError,
    MalformedNotificationError,
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

if TYPE_CHECKING:
    from skill.withings.api import WithingsApi
    from skill.withings.compat import WithingsClient, make_dates
    from skill.withings.gate import Gate
    from skill.withings.group_codes import Attribution, MeasureCategory
    from skill.withings.measure_types import MeasurementType
    from skill.withings.models import (
        DailyActivity,
        Goals,
        Measure,
        MeasureGroup,
        Measurements,
        SleepSummary,
        Workout,
    )
    from skill.withings.notify import (
        SUBSCRIBED,
        Appli,
        Notification,
        NotifyApi,
        Subscription,
        parse_notification,
    )
    from skill.withings.oauth1 import OAuth1Auth
    from skill.withings.workout_categories import WorkoutCategory

# name -> module that defines it; imported on first attribute access only.
_LAZY = {
    "WithingsApi": "skill.withings.api",
    "WithingsClient": "skill.withings.compat",
    "make_dates": "skill.withings.compat",
    "OAuth1Auth": "skill.withings.oauth1",
    "Gate": "skill.withings.gate",
    **dict.fromkeys(
        ("SUBSCRIBED", "Appli", "Notification", "NotifyApi", "Subscription", "parse_notification"),
        "skill.withings.notify",
    ),
    "Attribution": "skill.withings.group_codes",
    "MeasureCategory": "skill.withings.group_codes",
    "MeasurementType": "skill.withings.measure_types",
    "WorkoutCategory": "skill.withings.workout_categories",
    **dict.fromkeys(
        ("DailyActivity", "Goals", "Measure", "MeasureGroup", "Measurements", "SleepSummary", "Workout"),
        "skill.withings.models",
    ),
}

__all__ = [
    "SUBSCRIBED",
    "Appli",
    "Attribution",
    "AuthError",
    "BadStateError",
    "BearerAuth",
    "CallbackUnreachableError",
    "CallbackUrlError",
    "DailyActivity",
    "Deadline",
    "Gate",
    "Goals",
    "InvalidParamsError",
    "MalformedNotificationError",
    "Measure",
    "MeasureCategory",
    "MeasureGroup",
    "MeasurementType",
    "Measurements",
    "NotImplementedByWithingsError",
    "Notification",
    "NotifyApi",
    "OAuth1Auth",
    "OAuth1Credentials",
    "OAuth2Tokens",
    "PreparedRequest",
    "RateLimitedError",
    "RequestAuth",
    "ServiceError",
    "SleepSummary",
    "Subscription",
    "SubscriptionNotFoundError",
    "TooManySubscriptionsError",
    "UnauthorizedError",
    "UnknownStatusError",
    "WithingsApi",
    "WithingsClient",
    "WithingsError",
    "WithingsTimeoutError",
    "Workout",
    "WorkoutCategory",
    "make_dates",
    "parse_notification",
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
