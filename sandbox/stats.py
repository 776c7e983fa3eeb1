"""Counters for tests and benchmarks (JSON-serialisable; never holds a token or health value).

`data_calls_by_user` and `notify_calls_by_user` count the calls each Withings userid's credentials
made (after authentication) to the data services and to /notify: GET /_sandbox/calls reads them, so a
test can assert that a question was answered without calling Withings.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

_COUNTERS = (
    "oauth1_request_token",
    "oauth1_authorize",
    "oauth1_access_token",
    "oauth1_refused",
    "oauth1_signature_failures",
    "oauth1_replays_refused",
    "oauth1_stale_timestamps",
    "oauth2_authorize",
    "oauth2_code_exchange",
    "oauth2_refresh",
    "oauth2_duplicate_refused",
    "oauth2_invalid_token",
    "alexa_timezone",
    "alexa_directives",
)
_MAPS = ("requests", "actions", "statuses", "data_calls_by_user", "notify_calls_by_user", "faults_served")
_MAX_DIRECTIVES_KEPT = 100


class Stats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, Any] = {}
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._data = {name: 0 for name in _COUNTERS}
            self._data.update({name: {} for name in _MAPS})
            self._data["alexa_directive_bodies"] = []

    def count(self, name: str, key: str | None = None) -> None:
        with self._lock:
            if key is None:
                self._data[name] = self._data.get(name, 0) + 1
            else:
                bucket = self._data.setdefault(name, {})
                bucket[key] = bucket.get(key, 0) + 1

    def record_directive(self, payload: dict[str, Any]) -> None:
        with self._lock:
            kept = self._data["alexa_directive_bodies"]
            kept.append(payload)
            del kept[:-_MAX_DIRECTIVES_KEPT]

    def calls(self, userid: str) -> dict[str, int]:
        """{"data": n, "notify": m}: the user's authenticated calls since the last reset."""
        with self._lock:
            return {
                "data": int(self._data["data_calls_by_user"].get(userid, 0)),
                "notify": int(self._data["notify_calls_by_user"].get(userid, 0)),
            }

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._data)
