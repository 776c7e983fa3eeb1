"""The sandbox's only outbound HTTP: Withings' HEAD probe and its notification POSTs, loopback only.

Plain http.client (no proxies from the environment, no redirects followed), one short timeout, and
no exception escapes: a callback that cannot be reached is an answer (None) like any status code.
"""

from __future__ import annotations

import http.client
import ipaddress
from collections.abc import Callable
from urllib.parse import urlsplit

USER_AGENT = "WithingsSandbox-notify/1.0"

# (method, url, form body or b"", timeout) -> (HTTP status or None, why it failed or None)
Send = Callable[[str, str, bytes, float], tuple[int | None, str | None]]


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_callback_url(url: str) -> bool:
    """An absolute http(s) URL with a host: what Withings accepts as a callbackurl at all."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def send(method: str, url: str, body: bytes, timeout: float) -> tuple[int | None, str | None]:
    """One request; (status, None) when it was answered, (None, reason) when it was not."""
    if not is_callback_url(url):
        return None, "not an http(s) URL"
    parts = urlsplit(url)
    if not is_loopback(parts.hostname):
        return None, "not on loopback (the sandbox never leaves this machine)"
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"User-Agent": USER_AGENT}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    try:
        connection.request(method, target, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, None
    except TimeoutError:
        return None, "timed out"
    except (OSError, http.client.HTTPException) as exc:
        return None, type(exc).__name__
    finally:
        connection.close()
