"""BodyIntent: "what's my weight", "what was my body fat last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, SlotType
from skill.voice.vocabulary import BodyMetric, PeriodDefault

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class BodyHandler(DataHandler):
    intent = Intent.BODY
    progress_key = "progress.body"
    metric_type = SlotType.BODY_METRIC
    # No date: the latest reading (None), compared with one from about a week earlier.
    period_default = PeriodDefault.LATEST

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import measures as queries
        from skill.voice.specs import BODY
        from skill.voice.speech.replies import body as replies

        metric = BodyMetric(asked.metric or BodyMetric.WEIGHT)
        spec = BODY[metric]
        compare_week = asked.period is None and spec.weigh_in
        result = queries.measure(
            data.api, spec.codes, asked.period, data.clock, data.deadline, compare_week=compare_week
        )
        reply = replies.body(result, metric, data.fmt)
        if asked.period is not None:
            return reply  # a day's or a period's reading: no picture (yet)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.latest import latest

            return latest(result, spec, data.fmt, data.clock)

        return with_screen(data.handler_input, reply, picture)
