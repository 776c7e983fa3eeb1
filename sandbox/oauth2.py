"""Withings' OAuth 2.0: authorize2 (auto-approved), `POST /v2/oauth2 action=requesttoken`, bearer checks.

What is imitated, because clients get it wrong (withings-api.md §2):
- 30-second, single-use authorization codes bound to the client and the redirect_uri;
- the `{status, body}` envelope with errors as HTTP 200 and a non-zero status (503 for a dead code or
  refresh token or a bad client; 601 for the same arguments again within 10 s);
- refresh-token rotation: every refresh issues a new pair; the old refresh token keeps working until the
  new access token is first used on a data call, or for 8 hours, whichever comes first. Old access tokens
  live until their own expiry. A client that refreshes twice concurrently, or drops the new pair, fails here
  the way it fails against Withings.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sandbox.data import DEFAULT_USERID, is_demo_userid

KNOWN_SCOPES = frozenset({"user.info", "user.metrics", "user.activity", "user.sleepevents"})
DUPLICATE_WINDOW = 10.0  # seconds: "Same arguments in less than 10 seconds"
OLD_REFRESH_GRACE = 8 * 3600  # the previous refresh token dies 8 h after the new one is issued...
REFRESH_TTL = 365 * 24 * 3600  # ...and any refresh token after a year

Result = tuple[int, dict[str, Any], str | None]


class AuthorizeError(Exception):
    """The authorize page refuses the request (shown as an HTML error page, no redirect)."""


class InvalidToken(Exception):
    """The bearer token is unknown, expired or revoked."""


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    userid: str
    scope: str
    expires_at: float


@dataclass
class _Access:
    userid: str
    scope: str
    expires_at: float
    predecessor: str | None  # the refresh token this pair replaced: it dies when this is first used
    used: bool = False
    revoked: bool = False


@dataclass
class _Refresh:
    userid: str
    client_id: str
    scope: str
    expires_at: float
    dead: bool = False


@dataclass
class OAuth2Provider:
    client_id: str
    client_secret: str = field(repr=False)
    access_token_ttl: int = 10800
    code_ttl: int = 30
    clock: Callable[[], float] = time.time
    on_event: Callable[[str], None] = lambda name: None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, _Access] = {}
        self._refresh: dict[str, _Refresh] = {}
        self._recent: dict[str, float] = {}  # digest of a successful requesttoken's arguments -> when

    def authorize(self, params: Mapping[str, str]) -> str:
        """Check the request, approve it on the user's behalf, return the redirect with code and state."""
        if params.get("response_type") != "code":
            raise AuthorizeError("response_type must be code")
        if params.get("client_id") != self.client_id:
            raise AuthorizeError("unknown client_id")
        redirect_uri = params.get("redirect_uri", "")
        parsed = urllib.parse.urlsplit(redirect_uri)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.fragment:
            raise AuthorizeError("invalid redirect_uri")
        state = params.get("state", "")
        if not state:
            raise AuthorizeError("state is required")
        scope = params.get("scope", "")
        scopes = scope.split(",")
        if not scope or any(s not in KNOWN_SCOPES for s in scopes):
            raise AuthorizeError(
                "invalid scope (Withings scopes are comma-separated, e.g. user.metrics,user.activity)"
            )
        userid = params.get("user") or DEFAULT_USERID
        if not is_demo_userid(userid):
            raise AuthorizeError("unknown user")
        code = secrets.token_hex(20)
        with self._lock:
            now = self.clock()
            self._codes = {c: r for c, r in self._codes.items() if r.expires_at > now}
            self._codes[code] = _Code(self.client_id, redirect_uri, userid, scope, now + self.code_ttl)
        self.on_event("oauth2_authorize")
        query = urllib.parse.urlencode({"code": code, "state": state})
        return f"{redirect_uri}{'&' if parsed.query else '?'}{query}"

    def requesttoken(self, form: Mapping[str, str]) -> Result:
        """POST /v2/oauth2 action=requesttoken. The lock makes concurrent duplicates see each other."""
        digest = hashlib.sha256(repr(sorted(form.items())).encode()).hexdigest()
        with self._lock:
            now = self.clock()
            last = self._recent.get(digest)
            if last is not None and now - last < DUPLICATE_WINDOW:
                self.on_event("oauth2_duplicate_refused")
                wait = max(1, math.ceil(DUPLICATE_WINDOW - (now - last)))
                return 601, {"wait_seconds": wait}, "Same arguments in less than 10 seconds"
            if form.get("client_id") != self.client_id or not secrets.compare_digest(
                form.get("client_secret", "").encode(), self.client_secret.encode()
            ):
                return 503, {}, "Invalid Params: invalid client_id or client_secret"
            grant = form.get("grant_type")
            if grant == "authorization_code":
                result = self._from_code(form, now)
            elif grant == "refresh_token":
                result = self._from_refresh(form, now)
            else:
                return 503, {}, "Invalid Params: invalid grant_type"
            if result[0] == 0:
                self._recent = {d: t for d, t in self._recent.items() if now - t < DUPLICATE_WINDOW}
                self._recent[digest] = now
            return result

    def _from_code(self, form: Mapping[str, str], now: float) -> Result:
        code = self._codes.get(form.get("code", ""))
        if code is None or code.expires_at <= now or code.client_id != form.get("client_id"):
            return 503, {}, "Invalid Params: invalid code"
        if code.redirect_uri != form.get("redirect_uri"):
            return 503, {}, "Invalid Params: redirect_uri mismatch"
        del self._codes[form["code"]]  # single use
        self.on_event("oauth2_code_exchange")
        return self._issue(code.userid, code.client_id, code.scope, None, now)

    def _from_refresh(self, form: Mapping[str, str], now: float) -> Result:
        old = form.get("refresh_token", "")
        record = self._refresh.get(old)
        if (
            record is None
            or record.dead
            or record.expires_at <= now
            or record.client_id != form.get("client_id")
        ):
            return 503, {}, "Invalid Params: invalid refresh_token"
        # Rotation: the old refresh token now lives at most 8 h, less if the new access token is used.
        record.expires_at = min(record.expires_at, now + OLD_REFRESH_GRACE)
        self.on_event("oauth2_refresh")
        return self._issue(record.userid, record.client_id, record.scope, old, now)

    def _issue(self, userid: str, client_id: str, scope: str, predecessor: str | None, now: float) -> Result:
        access, refresh = secrets.token_hex(20), secrets.token_hex(20)
        self._access[access] = _Access(userid, scope, now + self.access_token_ttl, predecessor)
        self._refresh[refresh] = _Refresh(userid, client_id, scope, now + REFRESH_TTL)
        body = {
            "userid": int(userid),
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": self.access_token_ttl,
            "scope": scope,
            "csrf_token": secrets.token_hex(16),
            "token_type": "Bearer",
        }
        return 0, body, None

    def authenticate(self, token: str) -> str:
        """The userid behind a live access token. Its first use kills the refresh token it replaced."""
        with self._lock:
            record = self._access.get(token)
            if record is None or record.revoked or record.expires_at <= self.clock():
                raise InvalidToken
            if not record.used:
                record.used = True
                if record.predecessor and record.predecessor in self._refresh:
                    self._refresh[record.predecessor].dead = True
            return record.userid

    def expire_access_tokens(self, userid: str | None = None) -> None:
        with self._lock:
            now = self.clock()
            for record in self._access.values():
                if userid is None or record.userid == userid:
                    record.expires_at = min(record.expires_at, now - 1)

    def revoke_user(self, userid: str) -> None:
        with self._lock:
            for access in self._access.values():
                if access.userid == userid:
                    access.revoked = True
            for refresh in self._refresh.values():
                if refresh.userid == userid:
                    refresh.dead = True
            self._codes = {c: r for c, r in self._codes.items() if r.userid != userid}
