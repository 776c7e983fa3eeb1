"""The user's time zone, which decides what "today" and "last night" mean.

First choice: the device's setting from the Alexa settings API (GET {apiEndpoint}/v2/devices/
{deviceId}/settings/System.timeZone, Bearer apiAccessToken). It is called with plain requests and a
short timeout taken from the request's Deadline, not through the SDK's DefaultApiClient, which has no
timeout and refuses http (alexa-notes.md §1.5); http is allowed for loopback hosts only, where the
tests' Alexa stand-in runs. Answers are cached per device for a few minutes per container.

Fallback: the time zone Withings stores with the user's records (every getmeas body carries it),
remembered per linked account; then UTC. A UserClock pairs the zone with the request's instant.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import quote, urlsplit

from skill.withings.dates import local_today, resolve_zone

if TYPE_CHECKING:
    import requests

    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)

SETTINGS_CAP_S: Final = 0.8  # the most one settings call may take out of the ~6 s budget
CACHE_TTL_S: Final = 300.0
_LOOPBACK_NAMES: Final = ("localhost",)

_lock = threading.Lock()
_device_cache: dict[str, tuple[float, str]] = {}  # deviceId -> (expires, IANA name)
_link_cache: dict[str, tuple[float, str]] = {}  # link_id -> (expires, IANA name) from Withings records
_session: requests.Session | None = None


class UserClock(NamedTuple):
    """The user's time zone (IANA name) and the instant the request is answered in.

    A NamedTuple, not a dataclass: immutable all the same, and cheap to define on every cold start.
    """

    tz: str
    now: datetime  # aware

    @property
    def today(self) -> date:
        return local_today(self.tz, self.now)


def reset_caches() -> None:
    """Forget cached zones and the HTTP session (tests; a container never needs this)."""
    global _session  # noqa: PLW0603 - container-level cache, reset for tests only
    with _lock:
        _device_cache.clear()
        _link_cache.clear()
        _session = None


def alexa_session() -> requests.Session:
    """The container's HTTP session for Alexa API calls (settings, progressive responses)."""
    global _session  # noqa: PLW0603 - one session per container, created on first use
    import requests

    with _lock:
        if _session is None:
            _session = requests.Session()
        return _session


def is_allowed_endpoint(url: str) -> bool:
    """https anywhere; http only to a loopback host (the local Alexa stand-in)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return True
    if parts.scheme != "http":
        return False
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _cached(cache: dict[str, tuple[float, str]], key: str) -> str | None:
    with _lock:
        hit = cache.get(key)
    if hit is not None and hit[0] > time.monotonic():
        return hit[1]
    return None


def _remember(cache: dict[str, tuple[float, str]], key: str, tz: str) -> None:
    with _lock:
        cache[key] = (time.monotonic() + CACHE_TTL_S, tz)


def device_timezone(
    api_endpoint: str | None, device_id: str | None, api_access_token: str | None, deadline: Deadline
) -> str | None:
    """The device's IANA time zone from the Alexa settings API, or None (never raises)."""
    if not (api_endpoint and device_id and api_access_token):
        return None
    cached = _cached(_device_cache, device_id)
    if cached is not None:
        return cached
    if not is_allowed_endpoint(api_endpoint):
        _log.warning("alexa api endpoint refused", extra={"scheme": urlsplit(api_endpoint).scheme})
        return None
    value = _fetch_device_zone(api_endpoint, device_id, api_access_token, deadline)
    name, _ = resolve_zone(value)
    if name == "UTC" and value not in ("UTC", "Etc/UTC"):
        return None  # missing, unknown or malformed zone name
    _remember(_device_cache, device_id, name)
    return name


def _fetch_device_zone(api_endpoint: str, device_id: str, token: str, deadline: Deadline) -> str | None:
    url = f"{api_endpoint.rstrip('/')}/v2/devices/{quote(device_id, safe='')}/settings/System.timeZone"
    try:
        timeout = deadline.timeout(SETTINGS_CAP_S)
        response = alexa_session().get(
            url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=(timeout, timeout),
            allow_redirects=False,
        )
        if response.status_code != 200:
            _log.info("alexa timezone unavailable", extra={"status": response.status_code})
            return None
        value = response.json()
    except Exception as exc:  # any failure means "fall back", never a crash
        _log.info("alexa timezone lookup failed", extra={"error": type(exc).__name__})
        return None
    return value if isinstance(value, str) else None


def remember_record_timezone(link_id: str, tz: str | None) -> None:
    """Keep the zone Withings sent with a user's records, for requests whose device zone is unknown."""
    if tz and resolve_zone(tz)[0] == tz and tz != "UTC":
        _remember(_link_cache, link_id, tz)


def user_timezone(
    device: Callable[[], str | None],
    link_id: str,
    probe: Callable[[], str | None],
) -> str:
    """Device zone, else the zone on the user's Withings records (cached, else probed), else UTC."""
    tz = device()
    if tz:
        return tz
    tz = _cached(_link_cache, link_id)
    if tz:
        return tz
    try:
        tz = probe()
    except Exception as exc:  # the answer can still be given in UTC
        _log.info("withings timezone probe failed", extra={"error": type(exc).__name__})
        tz = None
    if tz and resolve_zone(tz)[0] == tz:
        remember_record_timezone(link_id, tz)
        return tz
    return "UTC"
