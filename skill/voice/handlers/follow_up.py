"""FollowUpIntent: "what about the day before", "and last week", "and my weight", "what about deep
sleep" — the last question of the conversation again, with one thing changed (conversation.py).

It answers through the handler of the intent the follow-up lands on, so a follow-up says exactly
what the same question asked in full would say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from skill.voice import conversation
from skill.voice.handlers.base import DataHandler, IntentHandler, answer_question
from skill.voice.handlers.common import formatter, respond, slot_id, slot_value
from skill.voice.intents import Intent, Slot, SlotType
from skill.voice.speech import prompts
from skill.voice.vocabulary import PeriodStep, Topic

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response


class FollowUpHandler(IntentHandler):
    intents = (Intent.FOLLOW_UP,)

    def __init__(self, handlers: Iterable[DataHandler]) -> None:
        self._handlers: Mapping[Intent, DataHandler] = MappingProxyType({h.intent: h for h in handlers})

    def handle(self, handler_input: HandlerInput) -> Response:
        topic = slot_id(handler_input, Slot.TOPIC, SlotType.TOPIC)
        step = slot_id(handler_input, Slot.STEP, SlotType.PERIOD_STEP)
        question = conversation.follow_up(
            conversation.last(handler_input),
            Topic(topic) if topic else None,
            slot_value(handler_input, Slot.DATE),
            PeriodStep(step) if step else None,
        )
        handler = self._handlers.get(question.intent) if question is not None else None
        if question is None or handler is None:
            return respond(handler_input, prompts.follow_up_unclear(formatter(handler_input)))
        return answer_question(handler_input, handler, question)
