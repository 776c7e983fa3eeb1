"""HeartRateIntent: "what's my heart rate", "what was my average heart rate yesterday"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.intents import Intent
from skill.voice.vocabulary import PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.speech.reply import Reply


class HeartRateHandler(DataHandler):
    intent = Intent.HEART_RATE
    progress_key = "progress.heart_rate"
    period_default = PeriodDefault.LATEST

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import heart_rate as queries
        from skill.voice.speech.replies import heart_rate as replies

        result = queries.heart_rate(data.api, asked.period, data.clock, data.deadline)
        return replies.heart_rate(result, data.fmt)
