"""TrendIntent ("how has my weight changed this month") and AverageIntent ("my average sleep last week")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice import intents, periods, queries
from skill.voice.handlers.base import IntentHandler
from skill.voice.handlers.common import open_data, progress, respond, slot_id, slot_value
from skill.voice.speech import replies

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response

DEFAULT_TREND_METRIC = "WEIGHT"
DEFAULT_AVERAGE_METRIC = "STEPS"


def answer_trend(
    handler_input: HandlerInput, metric: str, period_value: str | None, *, average_only: bool
) -> Response:
    """Shared by both intents and by "yes" to the digest's offer of a weight trend."""
    with progress(handler_input, "progress.trend"):
        data = open_data(handler_input)
        # No period: the last 30 days ("this month" only when said).
        period = periods.resolve_required(period_value, data.clock.today, periods.DEFAULT_LAST_30_DAYS)
        result = queries.trend(data.api, metric, period, data.clock, data.deadline)
    return respond(handler_input, replies.trend(result, data.fmt, average_only=average_only))


class TrendHandler(IntentHandler):
    intents = (intents.TREND,)

    def handle(self, handler_input: HandlerInput) -> Response:
        metric = slot_id(handler_input, intents.SLOT_METRIC, "TREND_METRIC") or DEFAULT_TREND_METRIC
        period = slot_value(handler_input, intents.SLOT_PERIOD)
        return answer_trend(handler_input, metric, period, average_only=False)


class AverageHandler(IntentHandler):
    intents = (intents.AVERAGE,)

    def handle(self, handler_input: HandlerInput) -> Response:
        metric = slot_id(handler_input, intents.SLOT_METRIC, "TREND_METRIC") or DEFAULT_AVERAGE_METRIC
        period = slot_value(handler_input, intents.SLOT_PERIOD)
        return answer_trend(handler_input, metric, period, average_only=True)
