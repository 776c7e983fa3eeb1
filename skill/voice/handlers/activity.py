"""ActivityIntent: "how many steps have I taken today", "how far did I walk last week", "how active
was I" (no metric named: active time and steps together)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.intents import Intent, SlotType
from skill.voice.vocabulary import ActivityMetric, PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.speech.reply import Reply


class ActivityHandler(DataHandler):
    intent = Intent.ACTIVITY
    progress_key = "progress.activity"
    metric_type = SlotType.ACTIVITY_METRIC
    period_default = PeriodDefault.TODAY

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import activity as queries
        from skill.voice.speech.replies import activity as replies

        result = queries.activity(data.api, asked.required_period, data.deadline)
        if asked.metric is None:
            return replies.summary(result, data.fmt)
        return replies.activity(result, ActivityMetric(asked.metric), data.fmt)
