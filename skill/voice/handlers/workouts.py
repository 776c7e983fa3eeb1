"""WorkoutIntent: "what workouts did I do this week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent
from skill.voice.vocabulary import PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class WorkoutsHandler(DataHandler):
    intent = Intent.WORKOUTS
    progress_key = "progress.workouts"
    period_default = PeriodDefault.LAST_7_DAYS

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import workouts as queries
        from skill.voice.speech.replies import workouts as replies

        result = queries.workouts(data.api, asked.required_period, data.deadline)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.workouts import workouts

            return workouts(result, data.fmt)

        return with_screen(data.handler_input, replies.workouts(result, data.fmt), picture)
