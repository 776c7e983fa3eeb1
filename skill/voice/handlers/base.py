"""Request handlers for intent names, and the shape every data question shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.utils.predicate import is_intent_name

from skill.voice.handlers.common import open_data, progress, respond

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response

    from skill.voice.handlers.common import DataAccess
    from skill.voice.speech.reply import Reply


class IntentHandler(AbstractRequestHandler):
    intents: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in self.intents)


def answer_with_data(
    handler_input: HandlerInput, progress_key: str, answer: Callable[[DataAccess], Reply]
) -> Response:
    """Resolve the linked account, then answer from its data ("one moment" if Withings is slow).

    An unlinked request ends in open_data (NotLinked, answered by the exception handlers), so the
    period, query and reply modules an `answer` imports are never loaded for it (cold start).
    """
    with progress(handler_input, progress_key):
        data = open_data(handler_input)
        reply = answer(data)
    return respond(handler_input, reply)


class DataHandler(IntentHandler):
    """A question about the user's Withings data: `answer` imports what it needs when it runs."""

    progress_key: ClassVar[str]  # the "one moment, checking ..." message

    def handle(self, handler_input: HandlerInput) -> Response:
        return answer_with_data(
            handler_input, self.progress_key, lambda data: self.answer(handler_input, data)
        )

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        raise NotImplementedError
