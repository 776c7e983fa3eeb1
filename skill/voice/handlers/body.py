"""BodyIntent: "what's my weight", "what was my body fat last week"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_id, slot_value
from skill.voice.handlers.screen import with_screen
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import BodyMetric, PeriodDefault

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.screens.records import Screen
    from skill.voice.speech.reply import Reply


class BodyHandler(DataHandler):
    intents = (Intent.BODY,)
    progress_key = "progress.body"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve
        from skill.voice.queries import measures as queries
        from skill.voice.specs import BODY
        from skill.voice.speech.replies import body as replies

        # No date: the latest reading (None), compared with one from about a week earlier.
        period = resolve(slot_value(handler_input, Slot.DATE), data.clock.today, PeriodDefault.LATEST)
        metric = BodyMetric(slot_id(handler_input, Slot.METRIC, SlotType.BODY_METRIC) or BodyMetric.WEIGHT)
        spec = BODY[metric]
        compare_week = period is None and spec.weigh_in
        result = queries.measure(
            data.api, spec.codes, period, data.clock, data.deadline, compare_week=compare_week
        )
        reply = replies.body(result, metric, data.fmt)
        if period is not None:
            return reply  # a day's or a period's reading: no picture (yet)

        def picture() -> Screen | None:
            from skill.voice.screens.pictures.latest import latest

            return latest(result, spec, data.fmt, data.clock)

        return with_screen(handler_input, reply, picture)
