"""ActivityIntent: "how many steps have I taken today", "how far did I walk last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_id, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class ActivityHandler(IntentHandler):
    intents = (intents.ACTIVITY,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.activity"):
            data = open_data(handler_input)
            period = periods.resolve_required(
                slot_value(handler_input, intents.SLOT_DATE), data.clock.today, periods.DEFAULT_TODAY
            )
            metric = slot_id(handler_input, intents.SLOT_METRIC, "ACTIVITY_METRIC") or "STEPS"
            result = queries.activity(data.api, period, data.deadline)
        return respond(handler_input, replies.activity(result, metric, data.fmt))
