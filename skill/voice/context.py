"""The per-request context: the skill's services, deadline, locale catalogue, ids for the log line,
and that log line.

A request interceptor starts it (skill.py); the exception path starts it too when the failure came
first. Exactly one JSON log line and one `Requests` metric are written per request, by the response
interceptor on success or by the exception handler that answered.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from skill.observability import emit_metric, log_event
from skill.voice.speech.catalogue import Catalogue, load
from skill.withings.deadline import Deadline

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.services import VoiceServices

# Alexa waits 8 s; answering within ~6 s of receipt leaves room for Lambda and the network.
REPLY_BUDGET_S: Final = 5.5

_CTX_KEY: Final = "voice.context"
_LINK_KEY: Final = "voice.link_id"
_LOGGED_KEY: Final = "voice.logged"
_OUTCOME_KEY: Final = "voice.outcome"
_EXTRA_KEY: Final = "voice.log_fields"

_WITH_INTENT: Final = ("IntentRequest", "CanFulfillIntentRequest")

_received_at: ContextVar[float | None] = ContextVar("voice_received_at", default=None)


def mark_received(at: float | None = None) -> None:
    """Called by the entry point as the event arrives: the deadline counts from here."""
    _received_at.set(time.monotonic() if at is None else at)


@dataclass(frozen=True)
class RequestContext:
    request_id: str | None
    request_type: str | None
    intent: str | None
    locale: str
    catalogue: Catalogue
    deadline: Deadline
    received: float
    api_endpoint: str | None
    services: VoiceServices
    api_access_token: str | None = None
    device_id: str | None = None
    user_id: str | None = None


def _attr(obj: Any, *names: str) -> Any:
    """getattr along a path, None as soon as a step is missing (envelopes omit optional parts)."""
    for name in names:
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


def create(handler_input: HandlerInput, services: VoiceServices) -> RequestContext:
    envelope = handler_input.request_envelope
    request = envelope.request
    system = _attr(envelope, "context", "system")
    received = _received_at.get() or time.monotonic()
    locale = _attr(request, "locale")
    request_type = _attr(request, "object_type")
    return RequestContext(
        request_id=_attr(request, "request_id"),
        request_type=request_type,
        intent=_attr(request, "intent", "name") if request_type in _WITH_INTENT else None,
        locale=locale if isinstance(locale, str) else "en-US",
        catalogue=load(locale if isinstance(locale, str) else None),
        deadline=Deadline(received + REPLY_BUDGET_S),
        received=received,
        api_endpoint=_attr(system, "api_endpoint"),
        services=services,
        api_access_token=_attr(system, "api_access_token"),
        device_id=_attr(system, "device", "device_id"),
        user_id=_attr(system, "user", "user_id"),
    )


def start(handler_input: HandlerInput, services: VoiceServices) -> RequestContext:
    """The request's context, created on first call (the exception path may come before the interceptor)."""
    attributes = handler_input.attributes_manager.request_attributes
    ctx = attributes.get(_CTX_KEY)
    if not isinstance(ctx, RequestContext):
        ctx = create(handler_input, services)
        attributes[_CTX_KEY] = ctx
    return ctx


def get(handler_input: HandlerInput) -> RequestContext:
    """The context start() made for this request (the skill's interceptor or exception handler)."""
    ctx = handler_input.attributes_manager.request_attributes.get(_CTX_KEY)
    if not isinstance(ctx, RequestContext):
        raise LookupError("the request context was not started")
    return ctx


def set_link_id(handler_input: HandlerInput, link_id: str) -> None:
    handler_input.attributes_manager.request_attributes[_LINK_KEY] = link_id


def link_id(handler_input: HandlerInput) -> str | None:
    value = handler_input.attributes_manager.request_attributes.get(_LINK_KEY)
    return value if isinstance(value, str) else None


def set_outcome(handler_input: HandlerInput, outcome: str) -> None:
    handler_input.attributes_manager.request_attributes[_OUTCOME_KEY] = outcome


def outcome(handler_input: HandlerInput, default: str = "answered") -> str:
    value = handler_input.attributes_manager.request_attributes.get(_OUTCOME_KEY)
    return value if isinstance(value, str) else default


def add_log_fields(handler_input: HandlerInput, **fields: str | int | None) -> None:
    """Extra non-sensitive fields for the request's log line (e.g. a SessionEnded reason)."""
    attributes = handler_input.attributes_manager.request_attributes
    extra = attributes.get(_EXTRA_KEY)
    attributes[_EXTRA_KEY] = {**(extra if isinstance(extra, dict) else {}), **fields}


def finish(handler_input: HandlerInput, outcome: str, error: BaseException | None = None) -> None:
    """The request's one log line and metric (ids, names, outcome, latency: nothing sensitive)."""
    attributes = handler_input.attributes_manager.request_attributes
    if attributes.get(_LOGGED_KEY):
        return
    attributes[_LOGGED_KEY] = True
    ctx = get(handler_input)
    fields: dict[str, Any] = {
        "request_id": ctx.request_id,
        "request_type": ctx.request_type,
        "intent": ctx.intent,
        "locale": ctx.locale,
        "latency_ms": round((time.monotonic() - ctx.received) * 1000),
        "outcome": outcome,
    }
    if error is not None:
        fields["error"] = type(error).__name__
    extra = attributes.get(_EXTRA_KEY)
    if isinstance(extra, dict):
        fields.update(extra)
    link = link_id(handler_input)
    if link:
        fields["link_id"] = link  # opaque and stable per link: safe to log, useful to trace
    log_event("alexa_request", **fields)
    emit_metric("Requests", {"Outcome": outcome})
