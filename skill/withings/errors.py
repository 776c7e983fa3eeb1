"""One exception root for the Withings client, with families from Withings' status table.

Success is the in-body `status == 0`, never the HTTP code. Each family keeps the raw status and the
`error` text Withings sent. `transient` tells callers whether trying later may help (network errors,
5xx, 522, 601) or whether the request itself was refused (auth family: the user must re-link).
"""

from __future__ import annotations


class WithingsError(Exception):
    """Root of every error the client raises."""

    transient: bool = False

    def __init__(self, status: int | None, error: str | None = None) -> None:
        self.status = status
        self.error = error
        super().__init__(f"status {status}: {error}" if status is not None else (error or "Withings error"))


class AuthError(WithingsError):
    """The credentials were refused (expired/revoked token, bad signature): the user must re-link."""


class InvalidParamsError(WithingsError):
    """Withings rejected the parameters. From the token endpoint (503) this means a dead code/token."""


class UnauthorizedError(WithingsError):
    """The application is not allowed to do this (scope, contract)."""


class NotImplementedByWithingsError(WithingsError):
    """Wrong action or service (2554)."""


class BadStateError(WithingsError):
    """Status 524."""


class RateLimitedError(WithingsError):
    """Status 601: the application-wide 120/min budget is spent, or the same call came within 10 s."""

    transient = True

    def __init__(self, status: int | None, error: str | None = None, wait_seconds: float | None = None):
        super().__init__(status, error)
        self.wait_seconds = wait_seconds


class WithingsTimeoutError(WithingsError):
    """Status 522, a network timeout, or the request's deadline ran out."""

    transient = True


class ServiceError(WithingsError):
    """Withings answered but not usefully: HTTP 5xx, a non-JSON body, the "an error occurred" family."""

    transient = True


class UnknownStatusError(WithingsError):
    """A status code in no known family. Kept distinct so it can be logged and mapped later."""

    transient = True


class RefusedAfterRefreshError(WithingsError):
    """Withings refused credentials it had just handed out (a refreshed access token) on the retry.

    Not an AuthError: the grant itself still stands (the refresh worked), so this is a glitch on
    Withings' side to be answered with "try again", never a reason to end the link.
    """

    transient = True


# --- the notify service (webhook subscriptions) ---------------------------------------------------


class CallbackUrlError(InvalidParamsError):
    """Withings refused the callback URL of a subscription (343: wrong notification callback URL)."""


class CallbackUnreachableError(CallbackUrlError):
    """Status 293: the callback URL is absent or failed Withings' HEAD probe on subscribe.

    Transient: the probe also fails while the callback is briefly down or when subscribes come too
    fast (Home Assistant waits 5 s between them), so subscribing again later may work.
    """

    transient = True


class SubscriptionNotFoundError(InvalidParamsError):
    """286 (no such subscription) or 294 (no such subscription could be deleted)."""


class TooManySubscriptionsError(WithingsError):
    """Status 305: too many notifications already set for this user (revoke some first)."""


class MalformedNotificationError(WithingsError):
    """A webhook body that is not a Withings notification (a missing or unreadable field).

    Raised by skill.withings.notify.parse_notification; carries no status (Withings did not send one).
    """

    def __init__(self, error: str) -> None:
        super().__init__(None, error)
