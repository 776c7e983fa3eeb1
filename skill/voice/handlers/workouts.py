"""WorkoutIntent: "what workouts did I do this week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.intents import Intent
from skill.voice.vocabulary import PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.speech.reply import Reply


class WorkoutsHandler(DataHandler):
    intent = Intent.WORKOUTS
    progress_key = "progress.workouts"
    period_default = PeriodDefault.LAST_7_DAYS

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import workouts as queries
        from skill.voice.speech.replies import workouts as replies

        return replies.workouts(queries.workouts(data.api, asked.required_period, data.deadline), data.fmt)
