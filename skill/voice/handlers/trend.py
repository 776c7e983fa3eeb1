"""TrendIntent ("how has my weight changed this month") and AverageIntent ("my average sleep last week")."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from skill.voice.handlers.base import DataHandler, answer_with_data
from skill.voice.handlers.common import slot_id, slot_value
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import PeriodDefault, TrendMetric

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response

    from skill.voice.handlers.common import DataAccess
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply

PROGRESS_KEY = "progress.trend"


def trend_reply(
    handler_input: HandlerInput,
    data: DataAccess,
    metric: TrendMetric,
    period_value: str | None,
    *,
    average_only: bool,
) -> Reply:
    """Shared by both intents and by "yes" to the digest's offer of a weight trend."""
    from skill.voice.periods.resolve import resolve_required
    from skill.voice.queries import trend as queries
    from skill.voice.specs import TREND
    from skill.voice.speech.replies import trend as replies

    # No period: the last 30 days ("this month" only when said).
    period = resolve_required(period_value, data.clock.today, PeriodDefault.LAST_30_DAYS)
    result = queries.trend(data.api, TREND[metric], period, data.clock, data.deadline)

    def picture() -> Screen | None:
        from skill.voice.screens.pictures.trend import trend

        return trend(result, data.fmt, data.clock, average_only=average_only)

    return with_screen(handler_input, replies.trend(result, data.fmt, average_only=average_only), picture)


def answer_trend(
    handler_input: HandlerInput, metric: TrendMetric, period_value: str | None, *, average_only: bool
) -> Response:
    return answer_with_data(
        handler_input,
        PROGRESS_KEY,
        lambda data: trend_reply(handler_input, data, metric, period_value, average_only=average_only),
    )


class TrendHandler(DataHandler):
    intents = (Intent.TREND,)
    progress_key = PROGRESS_KEY
    default_metric: ClassVar[TrendMetric] = TrendMetric.WEIGHT
    average_only: ClassVar[bool] = False

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        named = slot_id(handler_input, Slot.METRIC, SlotType.TREND_METRIC)
        metric = TrendMetric(named or self.default_metric)
        period = slot_value(handler_input, Slot.PERIOD)
        return trend_reply(handler_input, data, metric, period, average_only=self.average_only)


class AverageHandler(TrendHandler):
    intents = (Intent.AVERAGE,)
    default_metric = TrendMetric.STEPS
    average_only = True
