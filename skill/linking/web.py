"""HTTP API (payload v2) requests in, responses out, and the three shapes of answer the facade gives:
JSON (token endpoint), redirects, and HTML pages."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from skill.linking import pages

MAX_BODY_BYTES = 16 * 1024  # a token request is a few hundred bytes
_MAX_FIELDS = 50

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
# Pages and redirects carry codes and state in URLs: keep them out of Referer headers and frames.
_BROWSER = {**_NO_STORE, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
_PAGE_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)


class MalformedRequest(ValueError):
    """The request could not be parsed at all (bad encoding, too large, too many fields)."""


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    raw_query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""
    domain_name: str = ""  # requestContext.domainName: the host API Gateway was reached on

    @classmethod
    def from_event(cls, event: Mapping[str, Any]) -> HttpRequest:
        context = event.get("requestContext")
        context = context if isinstance(context, dict) else {}
        http = context.get("http")
        http = http if isinstance(http, dict) else {}
        headers = event.get("headers") or {}
        raw_body = event.get("body") or ""
        if not isinstance(raw_body, str):
            raise MalformedRequest("body is not a string")
        if event.get("isBase64Encoded"):
            try:
                body = base64.b64decode(raw_body, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise MalformedRequest("body is not base64") from exc
        else:
            body = raw_body.encode("utf-8")
        return cls(
            method=str(http.get("method") or "GET").upper(),
            path=str(event.get("rawPath") or http.get("path") or "/"),
            raw_query=str(event.get("rawQueryString") or ""),
            headers={str(k).lower(): str(v) for k, v in headers.items()} if isinstance(headers, dict) else {},
            body=body,
            domain_name=str(context.get("domainName") or ""),
        )


@dataclass(frozen=True)
class Params:
    """Parameters with each name's first value, and the names that came more than once."""

    values: Mapping[str, str]
    repeated: frozenset[str]

    def get(self, name: str) -> str:
        """The value, or "" when absent or empty (an empty parameter counts as missing, RFC 6749 §3.1)."""
        return self.values.get(name, "")


def parse_params(raw: str) -> Params:
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=_MAX_FIELDS, errors="strict")
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedRequest("unparseable parameters") from exc
    values: dict[str, str] = {}
    repeated: set[str] = set()
    for name, value in pairs:
        if name in values:
            repeated.add(name)
        else:
            values[name] = value
    return Params(values, frozenset(repeated))


def parse_form(request: HttpRequest) -> Params:
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise MalformedRequest("expected application/x-www-form-urlencoded")
    if len(request.body) > MAX_BODY_BYTES:
        raise MalformedRequest("body too large")
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedRequest("body is not UTF-8") from exc
    return parse_params(text)


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]
    body: str = ""
    # For the log line only, never sent: an OAuth error code or a page reason.
    error: str | None = None

    def to_event_result(self) -> dict[str, Any]:
        return {
            "statusCode": self.status,
            "headers": dict(self.headers),
            "body": self.body,
            "isBase64Encoded": False,
        }


def json_response(
    status: int, doc: Mapping[str, Any], *, extra: Mapping[str, str] | None = None
) -> HttpResponse:
    headers = {"Content-Type": "application/json;charset=UTF-8", **_NO_STORE, **(extra or {})}
    error = doc.get("error") if isinstance(doc.get("error"), str) else None
    return HttpResponse(status, headers, json.dumps(doc, separators=(",", ":")), error=error)


def redirect(location: str, *, error: str | None = None) -> HttpResponse:
    return HttpResponse(302, {"Location": location, **_BROWSER}, "", error=error)


def page(reason: str, status: int, *, error: str | None = None, language: str = "en") -> HttpResponse:
    """An HTML page in `language` (skill.linking.languages.choose picks it from Accept-Language)."""
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": _PAGE_CSP,
        "Content-Language": language,
        "Vary": "Accept-Language",
        **_BROWSER,
    }
    return HttpResponse(status, headers, pages.render(reason, language), error=error or reason)


def with_query(url: str, params: Mapping[str, str]) -> str:
    """Append parameters to a URL that may already have a query (values are percent-encoded as-is)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode(params, quote_via=quote, safe='')}"
