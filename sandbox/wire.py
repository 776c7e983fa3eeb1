"""What the HTTP layer hands to the routes and gets back: plain values, no sockets."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: tuple[tuple[str, str], ...]  # decoded (form-urlencoded rules), in order, duplicates kept
    form: tuple[tuple[str, str], ...]  # decoded form body; empty unless the body is form-urlencoded
    headers: Mapping[str, str] = field(repr=False)  # lower-cased names
    body: bytes = field(default=b"", repr=False)
    host: str = ""  # the Host header, as the client sent it

    def params(self) -> dict[str, str]:
        """Query then form parameters, the last of a name winning."""
        return dict([*self.query, *self.form])

    def bearer(self) -> str | None:
        scheme, _, token = self.headers.get("authorization", "").strip().partition(" ")
        token = token.strip()
        return token if scheme.lower() == "bearer" and token else None

    def json(self) -> Any:
        """The body as JSON ({} when empty); raises ValueError when it is not JSON."""
        if not self.body.strip():
            return {}
        return json.loads(self.body)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(status, json.dumps(payload, separators=(",", ":")).encode())


def withings(status: int, body: Mapping[str, Any] | None = None, error: str | None = None) -> Response:
    """Withings' envelope: always HTTP 200, success or failure is the in-body status."""
    payload: dict[str, Any] = {"status": status, "body": dict(body or {})}
    if error is not None:
        payload["error"] = error
    return json_response(payload)


def text(status: int, message: str) -> Response:
    return Response(status, message.encode(), "text/plain; charset=utf-8")


def form(values: Mapping[str, str]) -> Response:
    from urllib.parse import urlencode

    return Response(200, urlencode(values).encode(), "application/x-www-form-urlencoded")


def page(status: int, title: str, message: str) -> Response:
    body = (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>"
    )
    return Response(status, body.encode(), "text/html; charset=utf-8")


def redirect(location: str) -> Response:
    return Response(302, b"", "text/plain", (("Location", location), ("Cache-Control", "no-store")))
