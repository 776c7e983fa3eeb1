"""SleepIntent: "how did I sleep last night", "how much deep sleep did I get on Monday"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_id, slot_value
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import PeriodDefault, SleepMetric

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class SleepHandler(DataHandler):
    intents = (Intent.SLEEP,)
    progress_key = "progress.sleep"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve_required
        from skill.voice.queries import sleep as queries
        from skill.voice.speech.replies import sleep as replies

        today = data.clock.today
        # No date: last night. Alexa sends yesterday's date for "last night" (periods/nights.py).
        period = resolve_required(slot_value(handler_input, Slot.DATE), today, PeriodDefault.YESTERDAY)
        metric = SleepMetric(slot_id(handler_input, Slot.METRIC, SlotType.SLEEP_METRIC) or SleepMetric.TOTAL)
        result = queries.sleep(data.api, period, today, data.deadline)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.sleep import sleep

            return sleep(result, metric, data.fmt, data.clock)

        return with_screen(handler_input, replies.sleep(result, metric, data.fmt), picture)
