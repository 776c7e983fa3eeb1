"""Sending one authorised request to Withings, within the request's deadline.

One module-level Session so TLS connections are reused across calls and across warm Lambda
invocations. Retries are deliberately few: Alexa gives us 8 s in all, and the application-wide
120/min budget is shared by every user, so only failures that cannot have reached Withings' logic
(connection refused/reset, HTTP 5xx) are retried, and only while the deadline leaves room. A 601 is
an in-body status, so it never reaches the retry loop at all.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from skill.withings.auth import PreparedRequest
from skill.withings.deadline import Deadline
from skill.withings.errors import ServiceError, WithingsTimeoutError
from skill.withings.gate import Gate
from skill.withings.statuses import raise_for_status

# Sized for the skill's fan-out (up to ~50 worker threads sharing one host).
_POOL_SIZE = 50
# A TCP connect to Withings takes ~0.1 s; one that has not connected after a second will not help.
_CONNECT_CAP = 1.0
# Backoff before a retry: base × 2^attempt, jittered to avoid synchronised retries across containers.
_BACKOFF_BASE = 0.1
# A retry that cannot get at least this much time after its backoff is not worth sending.
_MIN_RETRY_BUDGET = 0.5

_session: requests.Session | None = None
_session_lock = threading.Lock()
# Indirection so tests can record backoffs without sleeping.
_sleep = time.sleep


def get_session() -> requests.Session:
    """The shared Session, created on first use (not at import: cold start and test isolation)."""
    global _session  # noqa: PLW0603 - one lazily created Session per container is the point
    session = _session
    if session is None:
        with _session_lock:
            session = _session
            if session is None:
                session = requests.Session()
                adapter = HTTPAdapter(pool_connections=4, pool_maxsize=_POOL_SIZE, max_retries=0)
                session.mount("https://", adapter)
                session.mount("http://", adapter)
                _session = session
    return session


def _backoff(attempt: int) -> float:
    jitter = random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not crypto
    return float(_BACKOFF_BASE * 2.0**attempt * jitter)


def _send_once(prepared: PreparedRequest, timeout: float) -> requests.Response:
    return get_session().request(
        prepared.method,
        prepared.url,
        data=dict(prepared.data) if prepared.data else None,
        headers=dict(prepared.headers) if prepared.headers else None,
        timeout=(min(timeout, _CONNECT_CAP), timeout),
        allow_redirects=False,
    )


def send(
    prepared: PreparedRequest,
    *,
    deadline: Deadline,
    cap: float = 3.0,
    retries: int = 1,
    gate: Gate | None = None,
) -> requests.Response:
    """Send with a timeout from the deadline; retry transient failures while time remains.

    Raises WithingsTimeoutError for network errors, timeouts and an exhausted deadline (before any
    request is made), ServiceError for HTTP 5xx. Non-5xx responses are returned as they are.
    `gate(deadline)` runs before each attempt that is sent (not before one the deadline stops);
    what it raises propagates as it is.
    """
    attempt = 0
    while True:
        timeout = deadline.timeout(cap)  # raises WithingsTimeoutError when nothing useful is left
        if gate is not None:
            gate(deadline)
            timeout = deadline.timeout(cap)  # the gate may have waited
        error: Exception
        try:
            response = _send_once(prepared, timeout)
        except requests.exceptions.ConnectionError as exc:
            # Includes ConnectTimeout: the request never reached Withings, so resending is safe.
            error = WithingsTimeoutError(None, f"connection failed: {type(exc).__name__}")
        except requests.exceptions.Timeout as exc:
            # A read timeout: Withings may be slow for everyone; a second wait would blow the budget.
            raise WithingsTimeoutError(None, f"network timeout: {type(exc).__name__}") from exc
        except requests.exceptions.RequestException as exc:
            raise WithingsTimeoutError(None, f"network error: {type(exc).__name__}") from exc
        else:
            if response.status_code < 500:
                return response
            error = ServiceError(None, f"HTTP {response.status_code}")
            response.close()

        if attempt >= retries:
            raise error
        pause = _backoff(attempt)
        if deadline.remaining() < pause + _MIN_RETRY_BUDGET:
            raise error
        _sleep(pause)
        attempt += 1


def call(
    prepared: PreparedRequest,
    *,
    deadline: Deadline,
    cap: float = 3.0,
    retries: int = 1,
    gate: Gate | None = None,
) -> Mapping[str, Any]:
    """Send, then unwrap Withings' {status, body, error?} envelope; return the body.

    Success is the in-body status 0 whatever the HTTP code; any other status raises its family's
    error (statuses.error_for). A body that is not that JSON envelope raises ServiceError.
    """
    response = send(prepared, deadline=deadline, cap=cap, retries=retries, gate=gate)
    try:
        payload = response.json()
    except ValueError as exc:  # requests' JSONDecodeError subclasses ValueError
        raise ServiceError(None, f"non-JSON response (HTTP {response.status_code})") from exc
    if not isinstance(payload, dict):
        raise ServiceError(None, f"unexpected response shape (HTTP {response.status_code})")
    status = payload.get("status")
    if type(status) is not int:
        raise ServiceError(None, f"response without a status (HTTP {response.status_code})")
    body = payload.get("body")
    if body is None:
        body = {}
    error = payload.get("error")
    error_text = error if isinstance(error, str) else None
    if status != 0:
        raise_for_status(status, error_text, body if isinstance(body, dict) else None)
    if not isinstance(body, dict):
        raise ServiceError(status, "response body is not an object")
    return body
