"""BloodPressureIntent: "what's my blood pressure", "what was my blood pressure last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class BloodPressureHandler(IntentHandler):
    intents = (intents.BLOOD_PRESSURE,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.blood_pressure"):
            data = open_data(handler_input)
            period = periods.resolve(
                slot_value(handler_input, intents.SLOT_DATE), data.clock.today, periods.DEFAULT_LATEST
            )
            result = queries.blood_pressure(data.api, period, data.clock, data.deadline)
        return respond(handler_input, replies.blood_pressure(result, data.fmt))
