"""One exception root for the facade; each kind maps to one shape of answer (web.py renders them)."""

from __future__ import annotations


class LinkingError(Exception):
    """Root of the facade's errors."""


class OAuthError(LinkingError):
    """An RFC 6749 §5.2 error from the token endpoint: JSON body, 400 (401 for invalid_client)."""

    def __init__(
        self, error: str, description: str, *, status: int = 400, basic_challenge: bool = False
    ) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status
        self.basic_challenge = basic_challenge  # answer with WWW-Authenticate: Basic (RFC 6749 §5.2)


class AuthorizeRedirectError(LinkingError):
    """RFC 6749 §4.1.2.1: the client and redirect_uri are valid, so the error goes back to Alexa."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


class PageError(LinkingError):
    """The person in the browser gets a readable page (an unknown client or redirect_uri must never
    be redirected to; a Withings failure is better explained than turned into "unable to link")."""

    def __init__(self, reason: str, status: int, error: str) -> None:
        super().__init__(f"{reason} ({error})")
        self.reason = reason  # a key of every page_texts/<language>.json (pages.REASONS)
        self.status = status
        self.error = error  # for the log line only
