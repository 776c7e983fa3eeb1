"""One exception root for the accounts layer; the voice layer turns each into speech at its edge."""

from __future__ import annotations


class AccountError(Exception):
    """Root of the account errors the voice layer turns into speech."""


class NotLinked(AccountError):
    """No token, an unknown token, or an expired one: say so and show a LinkAccount card."""


class RelinkRequired(AccountError):
    """Withings refused the grant itself (a revoked OAuth1 token, a dead refresh token): link again."""


class AccountsUnavailable(AccountError):
    """Storage, a secret or a token refresh failed transiently: try again in a moment."""
