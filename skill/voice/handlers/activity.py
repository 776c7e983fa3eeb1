"""ActivityIntent: "how many steps have I taken today", "how far did I walk last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_id, slot_value
from skill.voice.handlers.screen import wants_screen, with_screen
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import ActivityMetric, PeriodDefault

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class ActivityHandler(DataHandler):
    intents = (Intent.ACTIVITY,)
    progress_key = "progress.activity"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve_required
        from skill.voice.queries import activity as queries
        from skill.voice.speech.replies import activity as replies

        period = resolve_required(slot_value(handler_input, Slot.DATE), data.clock.today, PeriodDefault.TODAY)
        metric = ActivityMetric(
            slot_id(handler_input, Slot.METRIC, SlotType.ACTIVITY_METRIC) or ActivityMetric.STEPS
        )
        if not (wants_screen(handler_input) and metric is ActivityMetric.STEPS):
            result, goals = queries.activity(data.api, period, data.deadline), None
        else:  # the picture's goal line: the goals fetched alongside
            from skill.voice.queries.activity_goal import activity_and_goals

            result, goals = activity_and_goals(data.api, period, data.deadline)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.activity import activity

            return activity(result, metric, goals, data.fmt, data.clock)

        return with_screen(handler_input, replies.activity(result, metric, data.fmt), picture)
