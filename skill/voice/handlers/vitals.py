"""VitalsIntent: "what's my temperature", "what was my blood oxygen this morning"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.intents import Intent, SlotType
from skill.voice.vocabulary import PeriodDefault, VitalMetric

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.speech.reply import Reply


class VitalsHandler(DataHandler):
    intent = Intent.VITALS
    progress_key = "progress.vitals"
    metric_type = SlotType.VITAL_METRIC
    period_default = PeriodDefault.LATEST

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import measures as queries
        from skill.voice.specs import VITALS
        from skill.voice.speech.replies import vitals as replies

        # No metric named: both temperature and SpO2, from one call.
        metrics = (VitalMetric(asked.metric),) if asked.metric else tuple(VitalMetric)
        wanted = {metric: VITALS[metric].codes for metric in metrics}
        results = queries.measures(data.api, wanted, asked.period, data.clock, data.deadline)
        return replies.vitals(results, data.fmt)
