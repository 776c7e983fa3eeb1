"""OAuth 2.0 against Withings' non-standard token endpoint (withings-api.md §2).

The token endpoint wants `action=requesttoken` and the client credentials in a form POST, and answers
`{status, body}` with HTTP 200 even on failure, so success is `status == 0` (transport.call decides).
Refresh tokens rotate: the old one dies 8 h after a new one is issued or as soon as the new access token
is used. Hence the rules here: never build tokens from a failed or empty response, keep the old refresh
token when a reply omits one, and hand new tokens to the caller to persist before the new access token
is used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from skill.withings.auth import BearerAuth, OAuth2Tokens, PreparedRequest
from skill.withings.deadline import Deadline
from skill.withings.errors import (
    AuthError,
    InvalidParamsError,
    ServiceError,
    UnauthorizedError,
    WithingsError,
)

SCOPES_DEFAULT = ("user.metrics", "user.activity")

# The authorization code lives 30 s; a slow token call is better abandoned than waited on.
_TOKEN_CALL_CAP_SECONDS = 5.0


@dataclass(frozen=True)
class OAuth2Client:
    client_id: str
    client_secret: str = field(repr=False)
    authorize_url: str
    token_url: str


def authorize_url(
    client: OAuth2Client,
    redirect_uri: str,
    state: str,
    scopes: Sequence[str] = SCOPES_DEFAULT,
    mode: str | None = None,
) -> str:
    """The page to send the user to. Withings wants scopes comma-joined, not space-joined."""
    params = {
        "response_type": "code",
        "client_id": client.client_id,
        "state": state,
        "scope": ",".join(scopes),
        "redirect_uri": redirect_uri,
    }
    if mode is not None:
        params["mode"] = mode  # "demo": Withings' demo user
    separator = "&" if "?" in client.authorize_url else "?"
    return f"{client.authorize_url}{separator}{urlencode(params, quote_via=quote, safe=',')}"


def exchange_code(
    client: OAuth2Client,
    code: str,
    redirect_uri: str,
    *,
    deadline: Deadline,
    now: datetime | None = None,
) -> OAuth2Tokens:
    """Trade an authorization code (valid 30 s, single use) for tokens.

    A dead or reused code comes back as status 503 (InvalidParamsError): see is_refusal.
    """
    body = _token_call(
        client,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
        },
        deadline,
    )
    return _tokens_from(body, now=now, previous_refresh_token=None, previous_userid=None)


def refresh(
    client: OAuth2Client,
    refresh_token: str,
    *,
    deadline: Deadline,
    now: datetime | None = None,
    userid: str | None = None,
) -> OAuth2Tokens:
    """Trade a refresh token for a new pair. Raises rather than return anything from a failed reply.

    When the reply omits refresh_token the old one stays valid and is kept; `userid` is the fallback
    when the reply omits it (pass the stored one).
    """
    body = _token_call(
        client,
        {"grant_type": "refresh_token", "refresh_token": refresh_token},
        deadline,
    )
    return _tokens_from(body, now=now, previous_refresh_token=refresh_token, previous_userid=userid)


def is_refusal(exc: WithingsError) -> bool:
    """True when Withings clearly refused the grant, so the user must link again.

    Refusals: the auth family, the invalid-params family (503 from the token endpoint is a dead code or
    refresh token) and unauthorized. Everything else (network, HTTP 5xx, 601, 522, non-JSON, unknown
    statuses) may succeed later and must never make us tell the user to re-link.
    """
    return isinstance(exc, AuthError | InvalidParamsError | UnauthorizedError)


def _token_call(client: OAuth2Client, grant: Mapping[str, str], deadline: Deadline) -> Mapping[str, Any]:
    from skill.withings import transport

    data = {
        "action": "requesttoken",
        "client_id": client.client_id,
        "client_secret": client.client_secret,
        **grant,
    }
    # No retry: a code is single use, and a refresh that reached Withings has already rotated the token
    # (the old one stays valid, so the caller can simply try again later).
    return transport.call(
        PreparedRequest(method="POST", url=client.token_url, data=data),
        deadline=deadline,
        cap=_TOKEN_CALL_CAP_SECONDS,
        retries=0,
    )


def _tokens_from(
    body: Mapping[str, Any],
    *,
    now: datetime | None,
    previous_refresh_token: str | None,
    previous_userid: str | None,
) -> OAuth2Tokens:
    access_token = body.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise ServiceError(0, "token response without an access_token")
    refresh_token = body.get("refresh_token")
    if not isinstance(refresh_token, str) or not refresh_token:
        if previous_refresh_token is None:
            raise ServiceError(0, "token response without a refresh_token")
        refresh_token = previous_refresh_token
    expires_in = _seconds(body.get("expires_in"))
    userid = body.get("userid")
    # The OAS types userid as an integer, a 2021 support article shows a string: accept both.
    if isinstance(userid, int) and not isinstance(userid, bool):
        userid = str(userid)
    if not isinstance(userid, str) or not userid:
        if not previous_userid:
            raise ServiceError(0, "token response without a userid")
        userid = previous_userid
    scope = body.get("scope")
    issued_at = now if now is not None else datetime.now(UTC)
    return OAuth2Tokens(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_at=issued_at + timedelta(seconds=expires_in),
        userid=userid,
        scope=scope if isinstance(scope, str) else "",
    )


def _seconds(value: Any) -> int:
    # The flat 2018 endpoint sent "10800" as a string; accept that, refuse anything unusable.
    if isinstance(value, bool):
        raise ServiceError(0, "token response with an invalid expires_in")
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        raise ServiceError(0, "token response with an invalid expires_in") from None
    if seconds <= 0:
        raise ServiceError(0, "token response with an invalid expires_in")
    return seconds


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class RefreshingBearerAuth:
    """RequestAuth for standalone use (scripts, a single process) that keeps its own tokens fresh.

    When the access token expires within `margin` seconds, it refreshes, calls `on_refresh(new)` and only
    then adopts the new pair: the caller persists the rotated refresh token before the new access token
    is used (using it kills the old refresh token). If on_refresh raises, the new pair is dropped and the
    error propagates; the old refresh token is still valid then, so a later call can refresh again.
    The lock makes one instance never refresh twice concurrently. It does not serialise across
    processes: on Lambda, refreshes belong behind a conditional write in the store.
    """

    client: OAuth2Client
    tokens: OAuth2Tokens
    on_refresh: Callable[[OAuth2Tokens], None]
    margin: float = 300.0
    refresh_timeout: float = 5.0
    clock: Callable[[], datetime] = _utc_now
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def prepare(self, url: str, params: Mapping[str, str]) -> PreparedRequest:
        return BearerAuth(self.current(Deadline.after(self.refresh_timeout)).access_token).prepare(
            url, params
        )

    def current(self, deadline: Deadline) -> OAuth2Tokens:
        """The tokens to use now, refreshed first if they are about to expire."""
        with self._lock:
            now = self.clock()
            # Re-checked under the lock: the threads that waited find the pair the first one stored.
            if self.tokens.expires_within(self.margin, now):
                new = refresh(
                    self.client,
                    self.tokens.refresh_token,
                    deadline=deadline,
                    now=now,
                    userid=self.tokens.userid,
                )
                self.on_refresh(new)
                self.tokens = new
            return self.tokens
