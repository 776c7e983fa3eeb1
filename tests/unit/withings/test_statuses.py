"""Withings' status table (withings-api.md §4.1) mapped to the client's exception families."""

from __future__ import annotations

import pytest

from skill.withings import statuses
from skill.withings.errors import (
    AuthError,
    BadStateError,
    InvalidParamsError,
    NotImplementedByWithingsError,
    RateLimitedError,
    ServiceError,
    UnauthorizedError,
    UnknownStatusError,
    WithingsTimeoutError,
)

# (status, family, Withings' family message) straight from the official table.
TABLE = [
    (100, AuthError, "Authentication failed"),
    (102, AuthError, "Authentication failed"),
    (200, AuthError, "Authentication failed"),
    (401, AuthError, "Authentication failed"),
    (201, InvalidParamsError, "Invalid params"),
    (503, InvalidParamsError, "Invalid params"),
    (511, InvalidParamsError, "Invalid params"),
    (3019, InvalidParamsError, "Invalid params"),
    (214, UnauthorizedError, "Unauthorized"),
    (2553, UnauthorizedError, "Unauthorized"),
    (2555, UnauthorizedError, "Unauthorized"),
    (2554, NotImplementedByWithingsError, "Not implemented"),
    (522, WithingsTimeoutError, "Timeout"),
    (524, BadStateError, "Bad state"),
    (601, RateLimitedError, "Too many requests"),
    (215, ServiceError, "An error occurred"),
    (2556, ServiceError, "An error occurred"),
    (10000, ServiceError, "An error occurred"),
    (99999, UnknownStatusError, "Unknown status"),
    (-1, UnknownStatusError, "Unknown status"),
]


@pytest.mark.parametrize(("status", "family", "text"), TABLE)
def test_status_maps_to_its_family(status, family, text):
    error = statuses.error_for(status, None)
    assert type(error) is family
    assert error.status == status
    assert statuses.message(status) == text
    assert error.error == text  # no text from Withings: the family message stands in


def test_success_message_and_no_raise():
    assert statuses.message(0) == "Operation was successful"
    statuses.raise_for_status(0, None)


@pytest.mark.parametrize("status", [247, 250, 283, 342])
def test_legacy_oauth1_refusals_are_auth_errors(status):
    # These sit inside today's "invalid params" ranges but meant "credentials refused" in the OAuth1 era.
    assert type(statuses.error_for(status, None)) is AuthError
    assert statuses.message(status) == "Authentication failed"


def test_withings_error_text_is_kept():
    error = statuses.error_for(401, "invalid_token: The access token provided is invalid")
    assert error.error == "invalid_token: The access token provided is invalid"
    assert "401" in str(error)


@pytest.mark.parametrize(
    ("body", "expected"),
    [({"wait_seconds": 188}, 188.0), ({"wait_seconds": "12"}, 12.0), ({"wait_seconds": 2.5}, 2.5),
     ({}, None), (None, None), ({"wait_seconds": True}, None), ({"wait_seconds": -3}, None),
     ({"wait_seconds": "soon"}, None)],
)  # fmt: skip
def test_rate_limit_wait_seconds_from_body(body, expected):
    error = statuses.error_for(601, "Same arguments in less than 10 seconds", body)
    assert isinstance(error, RateLimitedError)
    assert error.wait_seconds == expected
    assert error.transient


def test_raise_for_status_raises_the_family():
    with pytest.raises(InvalidParamsError) as info:
        statuses.raise_for_status(503, "Invalid Params: invalid code")
    assert info.value.status == 503


def test_families_do_not_overlap_in_the_source_table():
    # A code listed in two families would silently depend on build order.
    seen: dict[int, str] = {}
    for name in ("_AUTH", "_INVALID_PARAMS", "_UNAUTHORIZED", "_ERROR_OCCURRED"):
        for code in statuses._expand(getattr(statuses, name)):
            assert code not in seen, f"{code} in {seen.get(code)} and {name}"
            seen[code] = name


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (286, "SubscriptionNotFoundError"),
        (293, "CallbackUnreachableError"),
        (294, "SubscriptionNotFoundError"),
        (305, "TooManySubscriptionsError"),
        (343, "CallbackUrlError"),
    ],
)
def test_notify_statuses_have_their_own_classes(status, name):
    error = statuses.error_for(status, None)
    assert type(error).__name__ == name
    assert error.status == status
    assert statuses.message(status) not in ("Invalid params", "An error occurred", "Unknown status")


def test_notify_classes_stay_inside_their_families():
    assert isinstance(statuses.error_for(293, None), InvalidParamsError)
    assert isinstance(statuses.error_for(286, None), InvalidParamsError)
    assert type(statuses.error_for(295, None)) is InvalidParamsError  # the neighbours are untouched
    assert type(statuses.error_for(306, None)) is ServiceError
