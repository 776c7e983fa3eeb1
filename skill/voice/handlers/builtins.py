"""Launch, the AMAZON.* intents, SessionEnded, and the catch-all (registered last)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.utils.predicate import is_request_type
from ask_sdk_core.utils.request_util import get_request_type

from skill.voice import context, conversation
from skill.voice.handlers.base import IntentHandler, answer_question
from skill.voice.handlers.common import empty_response, formatter, pending_offer, respond
from skill.voice.handlers.trend import TrendHandler
from skill.voice.intents import BuiltInIntent, Intent
from skill.voice.question import Question
from skill.voice.speech import prompts
from skill.voice.vocabulary import Offer, Outcome, TrendMetric

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response

# Request types that may carry speech; everything else (skill events, SessionEnded, ...) gets none.
SPEAKABLE_REQUESTS = ("LaunchRequest", "IntentRequest")


class LaunchHandler(AbstractRequestHandler):
    """ "Open health scale": a conversation, whose answers keep the session open."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        conversation.start(handler_input)
        return respond(handler_input, prompts.launch(formatter(handler_input)))


class HelpHandler(IntentHandler):
    intents = (BuiltInIntent.HELP,)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, prompts.help_(formatter(handler_input)))


class StopHandler(IntentHandler):
    intents = (BuiltInIntent.STOP, BuiltInIntent.CANCEL, BuiltInIntent.NAVIGATE_HOME, BuiltInIntent.NO)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, prompts.goodbye(formatter(handler_input)))


class FallbackHandler(IntentHandler):
    intents = (BuiltInIntent.FALLBACK,)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, prompts.fallback(formatter(handler_input)))


class YesHandler(IntentHandler):
    """ "Yes" accepts the offer the last answer made; with nothing offered, it gets help."""

    intents = (BuiltInIntent.YES,)

    def handle(self, handler_input: HandlerInput) -> Response:
        if pending_offer(handler_input) == Offer.WEIGHT_TREND:
            return answer_question(handler_input, TrendHandler(), Question(Intent.TREND, TrendMetric.WEIGHT))
        return respond(handler_input, prompts.help_(formatter(handler_input)))


class SessionEndedHandler(AbstractRequestHandler):
    """The session is over: nothing may be said. Log why (an ENDPOINT_TIMEOUT is worth an alarm)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        reason = getattr(getattr(request, "reason", None), "value", None)
        error_type = getattr(getattr(getattr(request, "error", None), "object_type", None), "value", None)
        context.add_log_fields(handler_input, reason=reason, error_type=error_type)
        return empty_response(handler_input, Outcome.SESSION_ENDED)


class CatchAllHandler(AbstractRequestHandler):
    """Anything no other handler took: an unknown intent gets help, a silent request type nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        request_type = get_request_type(handler_input)
        if request_type not in SPEAKABLE_REQUESTS:
            return empty_response(handler_input, Outcome.IGNORED)
        if request_type == "IntentRequest":
            return respond(handler_input, prompts.unknown_intent(formatter(handler_input)))
        context.set_outcome(handler_input, Outcome.UNKNOWN)
        return respond(handler_input, prompts.fallback(formatter(handler_input)))
