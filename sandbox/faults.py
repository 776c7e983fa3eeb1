"""Faults switched on at run time, so clients can be shown failing gracefully against a live server.

A fault applies to the next `count` matching requests (or until cleared). With no `path` it matches the
Withings routes (token endpoints, authorize pages, data services); with a `path` it matches any route
under that prefix, the Alexa stand-in included. The `/_sandbox/*` controls are never faulted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sandbox import wire

MODES = ("hang", "http500", "badjson", "rate_limit", "auth", "not_implemented")
INVALID_TOKEN = "XRequestID: Not provided invalid_token: The access token provided is invalid"  # noqa: S105


@dataclass(frozen=True)
class Fault:
    mode: str
    count: int | None = None  # None: until cleared
    path: str | None = None  # a path prefix, e.g. "/measure"; None: every Withings route
    wait_seconds: int = 30  # rate_limit: body.wait_seconds
    hang_seconds: float = 30.0  # hang: how long before answering

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown fault mode {self.mode!r}; one of {', '.join(MODES)}")
        if self.count is not None and self.count < 1:
            raise ValueError("count must be at least 1 (or omitted: until cleared)")
        if self.path is not None and not self.path.startswith("/"):
            raise ValueError("path must be a path prefix starting with /")
        if self.wait_seconds < 0 or self.hang_seconds < 0:
            raise ValueError("wait_seconds and hang_seconds cannot be negative")

    @classmethod
    def from_json(cls, payload: Any) -> Fault:
        if not isinstance(payload, dict):
            raise ValueError("expected a JSON object {mode, count?, path?, wait_seconds?, hang_seconds?}")
        unknown = set(payload) - {"mode", "count", "path", "wait_seconds", "hang_seconds"}
        if unknown:
            raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
        try:
            return cls(
                mode=str(payload["mode"]),
                count=None if payload.get("count") is None else int(payload["count"]),
                path=None if payload.get("path") is None else str(payload["path"]),
                wait_seconds=int(payload.get("wait_seconds", 30)),
                hang_seconds=float(payload.get("hang_seconds", 30.0)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"bad fault: {exc}") from None

    def matches(self, path: str, withings_route: bool) -> bool:
        if path.startswith("/_sandbox"):
            return False
        return withings_route if self.path is None else path.startswith(self.path)

    def response(self, path: str) -> wire.Response:
        """The faulty answer (hang is handled by the server: it waits, then answers normally)."""
        if self.mode == "http500":
            return wire.page(500, "500 Internal Server Error", "The server encountered an internal error.")
        if self.mode == "badjson":
            # What a proxy or maintenance page looks like to a JSON client: HTTP 200, HTML.
            return wire.page(200, "Maintenance", "Withings is under maintenance. Please try again later.")
        if self.mode == "rate_limit":
            return wire.withings(601, {"wait_seconds": self.wait_seconds}, "Too many requests")
        if self.mode == "auth":
            if path.startswith("/account/"):
                return wire.text(401, "invalid token")  # the OAuth1 token endpoints answer in plain text
            return wire.withings(401, {}, INVALID_TOKEN)
        return wire.withings(2554, {}, "Not implemented")


@dataclass
class _Active:
    fault: Fault
    remaining: int | None


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active: list[_Active] = []  # newest first

    def set(self, fault: Fault) -> None:
        """Add a fault; it replaces an earlier one on the same path."""
        with self._lock:
            self._active = [entry for entry in self._active if entry.fault.path != fault.path]
            self._active.insert(0, _Active(fault, fault.count))

    def clear(self) -> None:
        with self._lock:
            self._active = []

    def take(self, path: str, withings_route: bool) -> Fault | None:
        """The fault that applies to this request, counting it down."""
        with self._lock:
            for entry in self._active:
                if not entry.fault.matches(path, withings_route):
                    continue
                if entry.remaining is not None:
                    entry.remaining -= 1
                    if entry.remaining <= 0:
                        self._active.remove(entry)
                return entry.fault
        return None

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {"mode": e.fault.mode, "path": e.fault.path, "remaining": e.remaining} for e in self._active
            ]
