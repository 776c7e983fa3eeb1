"""GoalsIntent: "how am I doing on my step goal", "what's my sleep goal"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.handlers.base import DataHandler
from skill.voice.handlers.common import slot_id
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.vocabulary import GoalMetric

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput

    from skill.voice.handlers.common import DataAccess
    from skill.voice.speech.reply import Reply


class GoalsHandler(DataHandler):
    intents = (Intent.GOALS,)
    progress_key = "progress.goals"

    def answer(self, handler_input: HandlerInput, data: DataAccess) -> Reply:
        from skill.voice.queries import goals as queries
        from skill.voice.specs import GOALS
        from skill.voice.speech.replies import goals as replies

        metric = GoalMetric(slot_id(handler_input, Slot.METRIC, SlotType.GOAL_METRIC) or GoalMetric.STEPS)
        return replies.goals(queries.goal(data.api, GOALS[metric], data.clock, data.deadline), data.fmt)
