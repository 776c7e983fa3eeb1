"""GoalsIntent: "how am I doing on my step goal", "what's my sleep goal"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_id
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class GoalsHandler(IntentHandler):
    intents = (intents.GOALS,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.goals"):
            data = open_data(handler_input)
            metric = slot_id(handler_input, intents.SLOT_METRIC, "GOAL_METRIC") or "STEPS"
            result = queries.goal(data.api, metric, data.clock, data.deadline)
        return respond(handler_input, replies.goals(result, data.fmt))
