"""VitalsIntent: "what's my temperature", "what was my blood oxygen this morning"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_id, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class VitalsHandler(IntentHandler):
    intents = (intents.VITALS,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.vitals"):
            data = open_data(handler_input)
            period = periods.resolve(
                slot_value(handler_input, intents.SLOT_DATE), data.clock.today, periods.DEFAULT_LATEST
            )
            metric = slot_id(handler_input, intents.SLOT_METRIC, "VITAL_METRIC")
            # No metric named: both temperature and SpO2, from one call.
            wanted = {metric: queries.VITAL_CODES[metric]} if metric else dict(queries.VITAL_CODES)
            results = queries.measures(data.api, wanted, period, data.clock, data.deadline)
        return respond(handler_input, replies.vitals(results, data.fmt))
