"""HeartRateIntent: "what's my heart rate", "what was my average heart rate yesterday"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_value
from skill.voice.intents import Intent, Slot
from skill.voice.vocabulary import PeriodDefault

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.speech.reply import Reply


class HeartRateHandler(DataHandler):
    intents = (Intent.HEART_RATE,)
    progress_key = "progress.heart_rate"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve
        from skill.voice.queries import heart_rate as queries
        from skill.voice.speech.replies import heart_rate as replies

        period = resolve(slot_value(handler_input, Slot.DATE), data.clock.today, PeriodDefault.LATEST)
        return replies.heart_rate(queries.heart_rate(data.api, period, data.clock, data.deadline), data.fmt)
