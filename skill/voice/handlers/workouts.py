"""WorkoutIntent: "what workouts did I do this week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_value
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, Slot
from skill.voice.vocabulary import PeriodDefault

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class WorkoutsHandler(DataHandler):
    intents = (Intent.WORKOUTS,)
    progress_key = "progress.workouts"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve_required
        from skill.voice.queries import workouts as queries
        from skill.voice.speech.replies import workouts as replies

        date = slot_value(handler_input, Slot.DATE)
        period = resolve_required(date, data.clock.today, PeriodDefault.LAST_7_DAYS)
        result = queries.workouts(data.api, period, data.deadline)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.workouts import workouts

            return workouts(result, data.fmt)

        return with_screen(handler_input, replies.workouts(result, data.fmt), picture)
