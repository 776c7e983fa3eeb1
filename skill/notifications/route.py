"""`POST /withings/notify` (and `HEAD`/`GET` for Withings' reachability probe): the callback.

Answers within Withings' 2 s for every authentic notification — also for a user we no longer know,
and also when the invalidation itself fails (logged; the cache's max ages bound what is served
meanwhile): a failing callback makes Withings retry and finally drop the subscription, which would
cost every later notification. A forged or malformed one changes nothing and gets a 4xx. Nothing a
caller sends makes this raise. The log line names the appli and the outcome, never the userid.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skill.linking.web import (
    HttpRequest,
    HttpResponse,
    MalformedRequest,
    json_response,
    parse_form,
    parse_params,
)
from skill.notifications import secret
from skill.observability import emit_metric, log_event
from skill.withings.deadline import Deadline

if TYPE_CHECKING:
    from skill.withings.notify import Notification

# Withings waits 2 s; leave room for the answer itself.
_NOTIFY_SECONDS = 1.5
_PROBE_METHODS = ("HEAD", "GET")
# (the response, the outcome for the log line and metric, the appli it was about)
Answer = tuple[HttpResponse, str, int | None]


@dataclass(frozen=True)
class NotifyContext:
    """What the route needs, from the composition root."""

    key: Callable[[], bytes]  # the MAC key (skill.notifications.secret.derive_key over TOKEN_KEY)
    invalidate: Callable[[Notification, Deadline], None]  # the cache forgets what the notification covers


def handle_http_event(
    event: dict[str, Any], context: Any, notify: Callable[[], NotifyContext]
) -> dict[str, Any]:
    started = time.monotonic()
    response, outcome, appli = _respond(event, notify)
    log_event(
        "notify_request",
        status=response.status,
        outcome=outcome,
        appli=appli,
        latency_ms=round((time.monotonic() - started) * 1000, 1),
    )
    emit_metric("Notifications", {"Outcome": outcome})
    return response.to_event_result()


def _respond(event: dict[str, Any], notify: Callable[[], NotifyContext]) -> Answer:  # noqa: PLR0911 - one per kind of request
    try:
        request = HttpRequest.from_event(event)
    except MalformedRequest:
        return _error(400, "invalid_request"), "malformed", None
    if request.path != secret.CALLBACK_PATH:
        return _error(404, "not_found"), "not_found", None
    if request.method in _PROBE_METHODS:
        return HttpResponse(200, {"Cache-Control": "no-store"}), "probe", None
    if request.method != "POST":
        return _error(405, "invalid_request", {"Allow": "POST, HEAD, GET"}), "method", None
    try:
        return _notification(request, notify)
    except MalformedRequest:
        return _error(400, "invalid_request"), "malformed", None
    except Exception as exc:
        log_event("notify_unhandled", error=type(exc).__name__)
        return HttpResponse(200, {"Cache-Control": "no-store"}), "error", None


def _notification(request: HttpRequest, notify: Callable[[], NotifyContext]) -> Answer:
    from skill.withings.errors import MalformedNotificationError
    from skill.withings.notify import parse_notification

    form = parse_form(request)
    presented = parse_params(request.raw_query).get(secret.SECRET_PARAM)
    userid = form.get("userid")
    if not userid.isdigit():
        return _error(400, "invalid_request"), "malformed", None
    ctx = notify()
    if not presented or not secret.matches(ctx.key(), userid, presented):
        return _error(403, "forbidden"), "forged", None
    try:
        notification = parse_notification(form.values)
    except MalformedNotificationError:
        return _error(400, "invalid_request"), "malformed", None
    try:
        ctx.invalidate(notification, Deadline.after(_NOTIFY_SECONDS))
    except Exception as exc:
        log_event("notify_invalidate_failed", appli=notification.appli_code, error=type(exc).__name__)
        return HttpResponse(200, {"Cache-Control": "no-store"}), "not_invalidated", notification.appli_code
    return HttpResponse(200, {"Cache-Control": "no-store"}), "ok", notification.appli_code


def _error(status: int, error: str, extra: dict[str, str] | None = None) -> HttpResponse:
    return json_response(status, {"error": error}, extra=extra)
