"""GoalsIntent: "how am I doing on my step goal", "what's my sleep goal"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.intents import Intent, SlotType
from skill.voice.vocabulary import GoalMetric

if TYPE_CHECKING:
    from skill.voice.handlers.common import DataAccess
    from skill.voice.question import Asked
    from skill.voice.speech.reply import Reply


class GoalsHandler(DataHandler):
    intent = Intent.GOALS
    progress_key = "progress.goals"
    metric_type = SlotType.GOAL_METRIC

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        from skill.voice.queries import goals as queries
        from skill.voice.specs import GOALS
        from skill.voice.speech.replies import goals as replies

        metric = GoalMetric(asked.metric or GoalMetric.STEPS)
        return replies.goals(queries.goal(data.api, GOALS[metric], data.clock, data.deadline), data.fmt)
