"""DailyDigestIntent: "how am I doing today" — steps, last night's sleep, the latest weight.

The digest is always about today: the parts are fetched concurrently within the deadline and a part
that fails is named rather than sinking the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class DigestHandler(IntentHandler):
    intents = (intents.DIGEST,)

    def handle(self, handler_input: HandlerInput) -> Response:
        with progress(handler_input, "progress.digest"):
            data = open_data(handler_input)
            result = queries.digest(data.api, data.clock, data.deadline)
        return respond(handler_input, replies.digest(result, data.fmt))
