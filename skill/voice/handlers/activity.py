"""ActivityIntent: "how many steps have I taken today", "how far did I walk last week", "how active
was I" (no metric named: active time and steps together)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.screen import wants_screen, with_screen
from skill.voice.intents import Intent, SlotType
from skill.voice.vocabulary import ActivityMetric, PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class ActivityHandler(DataHandler):
    intent = Intent.ACTIVITY
    progress_key = "progress.activity"
    metric_type = SlotType.ACTIVITY_METRIC
    period_default = PeriodDefault.TODAY

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import activity as queries
        from skill.voice.speech.replies import activity as replies

        metric = ActivityMetric(asked.metric) if asked.metric is not None else None
        if not (wants_screen(data.handler_input) and metric is ActivityMetric.STEPS):
            result, goals = queries.activity(data.api, asked.required_period, data.deadline), None
        else:  # the picture's goal line: the goals fetched alongside
            from skill.voice.queries.activity_goal import activity_and_goals

            result, goals = activity_and_goals(data.api, asked.required_period, data.deadline)
        if metric is None:
            return replies.summary(result, data.fmt)
        asked_metric = metric  # narrowed, for the picture
        reply = replies.activity(result, asked_metric, data.fmt)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.activity import activity

            return activity(result, asked_metric, goals, data.fmt, data.clock)

        return with_screen(data.handler_input, reply, picture)
