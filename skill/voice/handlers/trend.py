"""TrendIntent ("how has my weight changed this month") and AverageIntent ("my average sleep last week")."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import PeriodDefault, TrendMetric

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class TrendHandler(DataHandler):
    intent = Intent.TREND
    progress_key = "progress.trend"
    metric_type = SlotType.TREND_METRIC
    period_slot = Slot.PERIOD
    # No period: the last 30 days ("this month" only when said).
    period_default = PeriodDefault.LAST_30_DAYS
    default_metric: ClassVar[TrendMetric] = TrendMetric.WEIGHT
    average_only: ClassVar[bool] = False

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import trend as queries
        from skill.voice.specs import TREND
        from skill.voice.speech.replies import trend as replies

        metric = TrendMetric(asked.metric or self.default_metric)
        result = queries.trend(data.api, TREND[metric], asked.required_period, data.clock, data.deadline)
        average_only = self.average_only

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.trend import trend

            return trend(result, data.fmt, data.clock, average_only=average_only)

        return with_screen(
            data.handler_input, replies.trend(result, data.fmt, average_only=average_only), picture
        )


class AverageHandler(TrendHandler):
    intent = Intent.AVERAGE
    default_metric = TrendMetric.STEPS
    average_only = True
