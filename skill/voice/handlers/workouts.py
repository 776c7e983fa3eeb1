"""WorkoutIntent: "what workouts did I do this week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class WorkoutsHandler(IntentHandler):
    intents = (intents.WORKOUTS,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.workouts"):
            data = open_data(handler_input)
            period = periods.resolve_required(
                slot_value(handler_input, intents.SLOT_DATE), data.clock.today, periods.DEFAULT_LAST_7_DAYS
            )
            result = queries.workouts(data.api, period, data.deadline)
        return respond(handler_input, replies.workouts(result, data.fmt))
