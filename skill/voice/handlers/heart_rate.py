"""HeartRateIntent: "what's my heart rate", "what was my average heart rate yesterday"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class HeartRateHandler(IntentHandler):
    intents = (intents.HEART_RATE,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.heart_rate"):
            data = open_data(handler_input)
            period = periods.resolve(
                slot_value(handler_input, intents.SLOT_DATE), data.clock.today, periods.DEFAULT_LATEST
            )
            result = queries.heart_rate(data.api, period, data.clock, data.deadline)
        return respond(handler_input, replies.heart_rate(result, data.fmt))
