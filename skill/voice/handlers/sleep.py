"""SleepIntent: "how did I sleep last night", "how much deep sleep did I get on Monday",
"what time did I fall asleep"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, SlotType
from skill.voice.vocabulary import PeriodDefault, SleepMetric

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.periods.period import Period
    from skill.voice.question import Asked
    from skill.voice.screens.records import Screen
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply


class SleepHandler(DataHandler):
    intent = Intent.SLEEP
    progress_key = "progress.sleep"
    metric_type = SlotType.SLEEP_METRIC
    # No date: last night. Alexa sends yesterday's date for "last night" (periods/nights.py).
    period_default = PeriodDefault.YESTERDAY
    step_limit_days = 1  # the night that begins this evening has not happened

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import sleep as queries
        from skill.voice.speech.replies import sleep as replies

        metric = SleepMetric(asked.metric or SleepMetric.TOTAL)
        result = queries.sleep(data.api, asked.required_period, data.clock.today, data.deadline)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.sleep import sleep

            return sleep(result, metric, data.fmt, data.clock)

        return with_screen(data.handler_input, replies.sleep(result, metric, data.fmt), picture)

    def period_words(self, period: Period, fmt: Formatter) -> str:
        from skill.voice.periods.nights import sleep_nights

        first, last = sleep_nights(period, fmt.today)
        return fmt.night(last) if first == last else fmt.when(period)
