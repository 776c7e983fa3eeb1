"""The entry for HTTP API (payload v2) events: route, answer, log one line without any values.

Routes: GET /link/authorize, GET (and HEAD) /link/callback, POST /link/token. The browser routes
answer errors with a page (or an RFC 6749 redirect back to Alexa); the token endpoint with RFC 6749
JSON errors. Nothing a caller sends can make this raise. The caller (the composition root, or a
test) passes what builds a request's LinkingContext.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from skill.linking import authorize, callback, token
from skill.linking.errors import OAuthError, PageError
from skill.linking.languages import choose
from skill.linking.web import HttpRequest, HttpResponse, MalformedRequest, json_response, page
from skill.observability import emit_metric, log_event
from skill.withings.deadline import Deadline

if TYPE_CHECKING:
    from skill.linking.context import LinkingContext

# Budgets: the token endpoint must answer Alexa within 4.5 s; the browser routes call Withings.
_TOKEN_SECONDS = 4.0
_BROWSER_SECONDS = 6.0
_LAMBDA_MARGIN_SECONDS = 0.5  # leave time to answer before Lambda's own timeout

Route = Callable[[HttpRequest, "LinkingContext", Deadline], HttpResponse]
# requestContext.domainName -> the context for one request
Contexts = Callable[[str], "LinkingContext"]
_ROUTES: dict[str, tuple[str, Route, float]] = {
    "/link/authorize": ("GET", authorize.handle, _BROWSER_SECONDS),
    "/link/callback": ("GET", callback.handle, _BROWSER_SECONDS),
    "/link/token": ("POST", token.handle, _TOKEN_SECONDS),
}


def handle_http_event(event: dict[str, Any], context: Any, contexts: Contexts) -> dict[str, Any]:
    started = time.monotonic()
    path = str(event.get("rawPath") or "") if isinstance(event, dict) else ""
    response = _respond(event, context, path, contexts)
    status = response.status
    outcome = "error" if status >= 500 else ("refused" if response.error else "ok")
    log_event(
        "link_request",
        route=path if path in _ROUTES else "other",
        status=status,
        outcome=outcome,
        error=response.error,
        latency_ms=round((time.monotonic() - started) * 1000, 1),
    )
    emit_metric("Requests", {"Outcome": outcome})
    return response.to_event_result()


def _respond(event: dict[str, Any], context: Any, path: str, contexts: Contexts) -> HttpResponse:
    browser = path != "/link/token"
    language = _page_language(event)
    try:
        return _route(HttpRequest.from_event(event), context, path, contexts)
    except OAuthError as exc:
        extra = {"WWW-Authenticate": 'Basic realm="account-linking"'} if exc.basic_challenge else None
        doc = {"error": exc.error, "error_description": exc.description}
        return json_response(exc.status, doc, extra=extra)
    except PageError as exc:
        return page(exc.reason, exc.status, error=exc.error, language=language)
    except MalformedRequest:
        return (
            page("bad_request", 400, error="invalid_request", language=language)
            if browser
            else json_response(400, {"error": "invalid_request", "error_description": "malformed request"})
        )
    except Exception as exc:
        status, error = (503, "temporarily_unavailable") if _is_unavailable(exc) else (500, "server_error")
        log_event("link_unhandled", route=path, error=type(exc).__name__)
        if browser:
            return page("server_error", status, error=error, language=language)
        return json_response(status, {"error": error})


def _route(request: HttpRequest, context: Any, path: str, contexts: Contexts) -> HttpResponse:
    route = _ROUTES.get(path)
    if route is None:
        return json_response(404, {"error": "not_found"})
    method, handler, budget = route
    if path == "/link/callback" and request.method == "HEAD":
        return HttpResponse(200, {"Cache-Control": "no-store"})  # Withings probes its callback URL
    if request.method != method:
        return json_response(405, {"error": "invalid_request"}, extra={"Allow": method})
    return handler(request, contexts(request.domain_name), _deadline(context, budget))


def _page_language(event: Any) -> str:
    """The pages' language from the raw event's Accept-Language (read even when the rest is malformed)."""
    headers = event.get("headers") if isinstance(event, dict) else None
    if not isinstance(headers, dict):
        return choose(None)
    value = next((v for k, v in headers.items() if str(k).lower() == "accept-language"), None)
    return choose(value if isinstance(value, str) else None)


def _is_unavailable(exc: Exception) -> bool:
    from skill.secrets import SecretsUnavailable
    from skill.store.errors import StoreConfigError, StoreError

    return isinstance(exc, StoreError | SecretsUnavailable) and not isinstance(exc, StoreConfigError)


def _deadline(context: Any, budget: float) -> Deadline:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if callable(remaining):
        with contextlib.suppress(TypeError, ValueError):
            budget = min(budget, float(remaining()) / 1000.0 - _LAMBDA_MARGIN_SECONDS)
    return Deadline.after(max(budget, 0.0))
