"""Delivering notifications: Withings' form POST to every subscribed callback, in the background.

Each delivery is one POST (`userid`, `appli`, `startdate`, `enddate` as epoch ints, form-encoded, the
body not the URL, addendum §1.3) on a thread of its own with a short timeout, so the control that
caused it answers at once. Its outcome is recorded (the HTTP status, or why there was none) and it is
not retried: a test sees exactly what its callback answered. GET /_sandbox/deliveries?wait=N waits
for N of them to finish.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sandbox import outbound

DELIVERY_TIMEOUT = 2.0  # Withings counts an answer slower than ~2 s as a failure
MAX_KEPT = 1000
MAX_WAIT = 5.0


@dataclass
class Delivery:
    userid: str
    appli: int
    callbackurl: str
    startdate: int
    enddate: int
    status: int | None = None  # the callback's HTTP status once answered
    error: str | None = None  # why there was no answer (refused, timed out, not loopback)
    done: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "userid": self.userid,
            "appli": self.appli,
            "callbackurl": self.callbackurl,
            "startdate": self.startdate,
            "enddate": self.enddate,
            "status": self.status,
            "error": self.error,
            "done": self.done,
        }


class Deliveries:
    """The delivery log, oldest first, and the threads that fill it in."""

    def __init__(self, send: outbound.Send = outbound.send, timeout: float = DELIVERY_TIMEOUT) -> None:
        self._send = send
        self._timeout = timeout
        self._changed = threading.Condition()
        self._log: list[Delivery] = []

    def notify(self, userid: str, appli: int, startdate: int, enddate: int, urls: list[str]) -> int:
        """Start one delivery per URL; returns how many were started."""
        started = [Delivery(userid, appli, url, startdate, enddate) for url in urls]
        with self._changed:
            self._log.extend(started)
            del self._log[:-MAX_KEPT]
        for delivery in started:
            threading.Thread(
                target=self._deliver, args=(delivery,), name="withings-sandbox-notify", daemon=True
            ).start()
        return len(started)

    def _deliver(self, delivery: Delivery) -> None:
        body = urlencode(
            {
                "userid": delivery.userid,
                "appli": delivery.appli,
                "startdate": delivery.startdate,
                "enddate": delivery.enddate,
            }
        ).encode()
        status, error = self._send("POST", delivery.callbackurl, body, self._timeout)
        with self._changed:
            delivery.status, delivery.error, delivery.done = status, error, True
            self._changed.notify_all()

    def snapshot(self, wait_for: int = 0, timeout: float = MAX_WAIT) -> list[dict[str, Any]]:
        """The log; with `wait_for`, once that many deliveries are done or `timeout` passed."""
        end = time.monotonic() + min(timeout, MAX_WAIT)
        with self._changed:
            while sum(d.done for d in self._log) < wait_for:
                left = end - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return [d.as_json() for d in self._log]

    def clear(self) -> None:
        with self._changed:
            self._log.clear()
            self._changed.notify_all()
