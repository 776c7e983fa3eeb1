"""The wrapped SDK entry: lambda_function routes every Alexa event here.

Before the SDK sees anything, the skill id is checked (a request for another skill is refused, never
answered) and the event is deserialised under our control: the SDK raises before dispatch for an
unknown request type, a malformed envelope or a skill-id mismatch, which would bypass its exception
handlers and reach Alexa as a Lambda error. Here every such failure becomes a spoken outcome through
a hand-built minimal response, and nothing but RequestRefused ever leaves this function.

A VoiceEntry is one skill id with its services; the composition root holds the container's one, and
builds its SDK skill lazily, on the first Alexa event.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Final

from skill.observability import emit_metric, log_event
from skill.voice import context as request_context
from skill.voice.speech.catalogue import load
from skill.voice.speech.ssml import to_ssml
from skill.voice.vocabulary import Outcome

if TYPE_CHECKING:
    from ask_sdk_core.skill import CustomSkill

    from skill.voice.services import VoiceServices

_log = logging.getLogger(__name__)

RESPONSE_VERSION: Final = "1.0"
# Request types that must not be answered with speech.
_SILENT_PREFIXES: Final = (
    "SessionEndedRequest",
    "AlexaSkillEvent.",
    "Messaging.",
    "AlexaHouseholdListEvent.",
)


class RequestRefused(Exception):
    """The event is not for this skill (another skill id, or none): logged, never answered.

    The local server maps it to HTTP 403; on Lambda it is an invocation error, which is right: the
    Alexa trigger's SkillId condition should have stopped such a request before it got here.
    """


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _check_skill_id(event: dict[str, Any], expected: str) -> None:
    """Every application id the envelope carries must be ours, and it must carry at least one."""
    ids = [
        _get(event, "context", "System", "application", "applicationId"),
        _get(event, "session", "application", "applicationId"),
    ]
    present = [i for i in ids if i is not None]
    if not expected or not present or any(i != expected for i in present):
        reason = "skill id not configured" if not expected else "skill id mismatch"
        log_event(
            "alexa_request",
            logging.WARNING,
            request_id=_get(event, "request", "requestId"),
            request_type=_get(event, "request", "type"),
            outcome=Outcome.REFUSED,
            reason=reason,
        )
        emit_metric("Requests", {"Outcome": Outcome.REFUSED})
        raise RequestRefused(reason)


def _fallback(event: Any, error: BaseException | None, received: float) -> dict[str, Any]:
    """A minimal valid response for a request the SDK could not take: a spoken "didn't understand"."""
    request_type = _get(event, "request", "type")
    locale = _get(event, "request", "locale")
    log_event(
        "alexa_request",
        logging.WARNING,
        request_id=_get(event, "request", "requestId"),
        request_type=request_type if isinstance(request_type, str) else None,
        locale=locale if isinstance(locale, str) else None,
        latency_ms=round((time.monotonic() - received) * 1000),
        outcome=Outcome.BAD_REQUEST,
        error=type(error).__name__ if error else "not an object",
    )
    emit_metric("Requests", {"Outcome": Outcome.BAD_REQUEST})
    if request_type == "CanFulfillIntentRequest":  # never speech: "no" is the safe answer
        return {"version": RESPONSE_VERSION, "response": {"canFulfillIntent": {"canFulfill": "NO"}}}
    if isinstance(request_type, str) and request_type.startswith(_SILENT_PREFIXES):
        return {"version": RESPONSE_VERSION, "response": {}}
    catalogue = load(locale if isinstance(locale, str) else None)
    return {
        "version": RESPONSE_VERSION,
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": to_ssml(catalogue("error.bad_request"))},
            "shouldEndSession": True,
        },
    }


class VoiceEntry:
    """Alexa request envelopes (dicts) in, response envelopes out, for one skill id."""

    def __init__(self, skill_id: str, services: VoiceServices) -> None:
        self._skill_id = skill_id
        self._services = services
        self._skill: CustomSkill | None = None
        self._lock = threading.Lock()

    def _get_skill(self) -> CustomSkill:
        with self._lock:
            if self._skill is None:
                from skill.voice.skill import build  # deferred: ask_sdk_* only when an Alexa event arrives

                self._skill = build(self._skill_id, self._services)
            return self._skill

    def handle(self, event: Any, context: Any) -> dict[str, Any]:
        """Alexa request envelope (dict) → response envelope (dict). Raises only RequestRefused."""
        received = time.monotonic()
        request_context.mark_received(received)
        if not isinstance(event, dict):
            return _fallback(event, None, received)
        _check_skill_id(event, self._skill_id)
        try:
            from ask_sdk_model.request_envelope import RequestEnvelope

            skill = self._get_skill()
            envelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
            if envelope is None or envelope.request is None:
                raise ValueError("envelope without a request")
            result = skill.serializer.serialize(skill.invoke(envelope, context))
        except Exception as exc:  # unknown request type, missing fields, a dispatch failure: still an answer
            return _fallback(event, exc, received)
        if not isinstance(result, dict):
            return _fallback(event, None, received)
        return result
