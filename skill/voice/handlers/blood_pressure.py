"""BloodPressureIntent: "what's my blood pressure", "what was my blood pressure last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.intents import Intent
from skill.voice.vocabulary import PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.speech.reply import Reply


class BloodPressureHandler(DataHandler):
    intent = Intent.BLOOD_PRESSURE
    progress_key = "progress.blood_pressure"
    period_default = PeriodDefault.LATEST

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import blood_pressure as queries
        from skill.voice.speech.replies import blood_pressure as replies

        result = queries.blood_pressure(data.api, asked.period, data.clock, data.deadline)
        return replies.blood_pressure(result, data.fmt)
