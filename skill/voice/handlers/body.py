"""BodyIntent: "what's my weight", "what was my body fat last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_id, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class BodyHandler(IntentHandler):
    intents = (intents.BODY,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.body"):
            data = open_data(handler_input)
            # No date: the latest reading (None), compared with one from about a week earlier.
            period = periods.resolve(
                slot_value(handler_input, intents.SLOT_DATE), data.clock.today, periods.DEFAULT_LATEST
            )
            metric = slot_id(handler_input, intents.SLOT_METRIC, "BODY_METRIC") or "WEIGHT"
            result = queries.measure(
                data.api,
                queries.BODY_CODES[metric],
                period,
                data.clock,
                data.deadline,
                compare_week=period is None and metric == "WEIGHT",
            )
        return respond(handler_input, replies.body(result, metric, data.fmt))
