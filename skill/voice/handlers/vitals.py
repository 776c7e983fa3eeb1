"""VitalsIntent: "what's my temperature", "what was my blood oxygen this morning"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_id, slot_value
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import PeriodDefault, VitalMetric

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.speech.reply import Reply


class VitalsHandler(DataHandler):
    intents = (Intent.VITALS,)
    progress_key = "progress.vitals"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.periods.resolve import resolve
        from skill.voice.queries import measures as queries
        from skill.voice.specs import VITALS
        from skill.voice.speech.replies import vitals as replies

        period = resolve(slot_value(handler_input, Slot.DATE), data.clock.today, PeriodDefault.LATEST)
        named = slot_id(handler_input, Slot.METRIC, SlotType.VITAL_METRIC)
        # No metric named: both temperature and SpO2, from one call.
        metrics = (VitalMetric(named),) if named else tuple(VitalMetric)
        wanted = {metric: VITALS[metric].codes for metric in metrics}
        results = queries.measures(data.api, wanted, period, data.clock, data.deadline)
        return replies.vitals(results, data.fmt)
