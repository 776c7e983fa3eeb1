"""The `notify` service: per-user webhook subscriptions, registered after Withings' HEAD probe.

Actions as withings-api.md §3.8 and its addendum §1.1 describe them, with the legacy statuses for
what goes wrong (§4.1): subscribe HEAD-probes `callbackurl` (about a second) and answers 293 when the
probe fails or answers >= 400, storing nothing; subscribing the same url+appli again is fine.
`list` gives `body.profiles` of {appli, callbackurl, expires, comment}; `get` one of them or 286;
`revoke` removes one appli (or, without `appli`, every appli of that url) or answers 294.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sandbox import outbound
from sandbox.endpoints import InvalidParams, Result

EXPIRES_NEVER = 2147483647  # what Withings sends for a subscription that does not expire
MAX_PER_USER = 30  # past it: 305 "too many notifications already set"
PROBE_TIMEOUT = 1.0
MAX_COMMENT = 255
# The documented applis a user token can subscribe to (addendum §1.2); 53 is per application.
APPLIS = frozenset({1, 2, 4, 16, 44, 46, 50, 51, 52, 54, 55, 58})


@dataclass(frozen=True)
class Subscription:
    userid: str
    appli: int
    callbackurl: str
    comment: str | None

    def profile(self) -> dict[str, Any]:
        return {
            "appli": self.appli,
            "callbackurl": self.callbackurl,
            "expires": EXPIRES_NEVER,
            "comment": self.comment,
        }


class Subscriptions:
    """Every user's subscriptions, in the order they were made (thread-safe)."""

    def __init__(self, send: outbound.Send = outbound.send, probe_timeout: float = PROBE_TIMEOUT) -> None:
        self._send = send
        self._probe_timeout = probe_timeout
        self._lock = threading.Lock()
        self._by_user: dict[str, dict[tuple[int, str], Subscription]] = {}

    def of_user(self, userid: str, appli: int | None = None) -> list[Subscription]:
        with self._lock:
            found = list(self._by_user.get(userid, {}).values())
        return [s for s in found if appli is None or s.appli == appli]

    def callbacks(self, userid: str, appli: int) -> list[str]:
        """The URLs to notify when `userid`'s data of kind `appli` changes."""
        return [s.callbackurl for s in self.of_user(userid, appli)]

    def drop(self, userid: str | None = None) -> None:
        """Forget subscriptions silently, as Withings does in practice (a control for tests)."""
        with self._lock:
            if userid is None:
                self._by_user.clear()
            else:
                self._by_user.pop(userid, None)

    # --- the service ---------------------------------------------------------------------------

    def run(self, userid: str, params: Mapping[str, str]) -> Result:
        """One /notify call of an authenticated user: the in-body (status, body, error)."""
        action = params.get("action") or ""
        handler = {"subscribe": self._subscribe, "list": self._list, "get": self._get, "revoke": self._revoke}
        if action not in handler:
            return 2554, {}, "Not implemented: wrong action or wrong webservice"
        try:
            return handler[action](userid, params)
        except InvalidParams as exc:
            return 503, {}, str(exc)

    def _subscribe(self, userid: str, params: Mapping[str, str]) -> Result:
        url = _callback(params)
        if url is None:
            return 293, {}, "The callback URL is either absent or incorrect"
        appli = _appli(params)
        if appli is None:
            raise InvalidParams("Invalid Params: appli")
        comment = params.get("comment") or None
        if comment is not None and len(comment) > MAX_COMMENT:
            return 304, {}, "The comment is either absent or incorrect"
        key = (appli, url)
        with self._lock:
            mine = self._by_user.get(userid, {})
            if key not in mine and len(mine) >= MAX_PER_USER:
                return 305, {}, "Too many notifications are already set"
        # Like Withings: the probe comes first, every time, and a failed one stores nothing.
        status, _ = self._send("HEAD", url, b"", self._probe_timeout)
        if status is None or status >= 400:
            return 293, {}, "The callback URL is either absent or incorrect (HEAD probe failed)"
        with self._lock:
            self._by_user.setdefault(userid, {})[key] = Subscription(userid, appli, url, comment)
        return 0, {}, None

    def _list(self, userid: str, params: Mapping[str, str]) -> Result:
        appli = _appli(params)
        return 0, {"profiles": [s.profile() for s in self.of_user(userid, appli)]}, None

    def _get(self, userid: str, params: Mapping[str, str]) -> Result:
        url = _callback(params)
        if url is None:
            return 293, {}, "The callback URL is either absent or incorrect"
        appli = _appli(params) or 1  # the OAS default
        with self._lock:
            found = self._by_user.get(userid, {}).get((appli, url))
        if found is None:
            return 286, {}, "No such subscription was found"
        return 0, {"appli": found.appli, "callbackurl": found.callbackurl, "comment": found.comment}, None

    def _revoke(self, userid: str, params: Mapping[str, str]) -> Result:
        url = _callback(params)
        if url is None:
            return 293, {}, "The callback URL is either absent or incorrect"
        appli = _appli(params)
        with self._lock:
            mine = self._by_user.get(userid, {})
            gone = [k for k in mine if k[1] == url and (appli is None or k[0] == appli)]
            for key in gone:
                del mine[key]
        if not gone:
            return 294, {}, "No such subscription could be deleted"
        return 0, {}, None


def _callback(params: Mapping[str, str]) -> str | None:
    url = params.get("callbackurl") or ""
    return url if outbound.is_callback_url(url) else None


def _appli(params: Mapping[str, str]) -> int | None:
    """The appli asked for, None when absent; InvalidParams for one that is not a documented code."""
    raw = (params.get("appli") or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and int(raw) in APPLIS):
        raise InvalidParams("Invalid Params: appli")
    return int(raw)
