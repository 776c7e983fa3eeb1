"""SleepIntent: "how did I sleep last night", "how much deep sleep did I get on Monday"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_id, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class SleepHandler(IntentHandler):
    intents = (intents.SLEEP,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.sleep"):
            data = open_data(handler_input)
            today = data.clock.today
            # No date: last night. Alexa sends yesterday's date for "last night" (periods.sleep_nights).
            period = periods.resolve_required(
                slot_value(handler_input, intents.SLOT_DATE), today, periods.DEFAULT_YESTERDAY
            )
            metric = slot_id(handler_input, intents.SLOT_METRIC, "SLEEP_METRIC") or "TOTAL"
            result = queries.sleep(data.api, period, today, data.deadline)
        return respond(handler_input, replies.sleep(result, metric, data.fmt))
