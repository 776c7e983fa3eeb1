"""The one request path every Withings API client shares: authorise, gate, send, answer a refusal.

Each call goes through `auth.prepare` (a signed OAuth1 GET or a Bearer POST, the caller does not
care which) and transport.call, under the caller's Deadline. A refusal (AuthError) is answered once
through the `reauthorize` callback (aiowithings-style: credentials in, fresh ones handed back), and
the call is retried; Withings refusing the fresh credentials too is RefusedAfterRefreshError, a
glitch to retry later rather than a refused grant. The optional Gate runs before every request that
is sent, the retry after a refusal included.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from skill.withings import transport
from skill.withings.auth import RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, RefusedAfterRefreshError
from skill.withings.gate import Gate

# (the refused credentials, the request's deadline) -> the credentials to retry with
Reauthorize = Callable[[RequestAuth, Deadline], RequestAuth]


class AuthorizedCaller:
    """Sends `{base}{path}` requests with the current credentials, reauthorising once per instance."""

    def __init__(
        self,
        auth: RequestAuth,
        base_url: str,
        *,
        reauthorize: Reauthorize | None = None,
        gate: Gate | None = None,
    ) -> None:
        """`reauthorize(refused, deadline)`: credentials to retry with after Withings refused `refused`
        (e.g. a refreshed OAuth2 token). Asked at most once per instance: concurrent refusals share
        the one answer; if it raises, every refusal in this instance's life raises that again."""
        self._auth = auth
        self._base = base_url.rstrip("/")
        self._reauthorize = reauthorize
        self._gate = gate
        self._reauthorized = False
        self._reauthorize_failed: Exception | None = None
        self._lock = threading.Lock()

    def call(self, path: str, params: Mapping[str, str], deadline: Deadline) -> Mapping[str, Any]:
        """The body of a status-0 answer; any other status raises its family's error."""
        auth = self._auth
        url = f"{self._base}{path}"
        try:
            return transport.call(auth.prepare(url, params), deadline=deadline, gate=self._gate)
        except AuthError as refusal:
            if self._reauthorize is None:
                raise
            fresh = self._after_refusal(self._reauthorize, auth, refusal, deadline)
        try:
            return transport.call(fresh.prepare(url, params), deadline=deadline, gate=self._gate)
        except AuthError as exc:
            raise RefusedAfterRefreshError(exc.status, exc.error) from exc

    def _after_refusal(
        self, reauthorize: Reauthorize, refused: RequestAuth, refusal: AuthError, deadline: Deadline
    ) -> RequestAuth:
        """The credentials to retry a call refused with `refused`, reauthorising once per instance."""
        with self._lock:  # the digest's parallel calls: the first refusal asks, the others wait for it
            if self._reauthorize_failed is not None:
                raise self._reauthorize_failed from None  # one attempt per request
            if self._auth is not refused:
                return self._auth  # another call already reauthorised since this one began
            if self._reauthorized:  # refused with the fresh credentials, on a later call
                raise RefusedAfterRefreshError(refusal.status, refusal.error) from refusal
            try:
                self._auth = reauthorize(refused, deadline)
            except Exception as exc:
                self._reauthorize_failed = exc
                raise
            self._reauthorized = True
            return self._auth
