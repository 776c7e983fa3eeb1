"""BloodPressureIntent: "what's my blood pressure", "what was my blood pressure last week"."""

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


class BloodPressureHandler(DataHandler):
    intents = (Intent.BLOOD_PRESSURE,)
    progress_key = "progress.blood_pressure"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve
        from skill.voice.queries import blood_pressure as queries
        from skill.voice.speech.replies import blood_pressure as replies

        period = resolve(slot_value(handler_input, Slot.DATE), data.clock.today, PeriodDefault.LATEST)
        result = queries.blood_pressure(data.api, period, data.clock, data.deadline)
        return replies.blood_pressure(result, data.fmt)
