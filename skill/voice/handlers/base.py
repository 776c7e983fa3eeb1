"""Request handlers for intent names, and the shape every data question shares.

A data handler reads its Question from the slots (`question`) and answers an Asked — the question
with its period resolved (`answer`). The follow-up handler and "yes" to an offer build a Question of
their own and hand it to the same handler through `answer_question`, which also remembers what was
asked for the next turn of a conversation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.utils.predicate import is_intent_name

from skill.voice import context, conversation
from skill.voice.handlers.common import open_data, progress, respond, slot_id, slot_value
from skill.voice.intents import Slot
from skill.voice.question import Asked, Question, resolve_period

if TYPE_CHECKING:
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model.response import Response

    from skill.voice.handlers.common import DataAccess
    from skill.voice.intents import Intent, SlotType
    from skill.voice.periods.period import Period
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply
    from skill.voice.vocabulary import PeriodDefault


class IntentHandler(AbstractRequestHandler):
    intents: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in self.intents)


def answer_with_data(
    handler_input: HandlerInput, progress_key: str, answer: Callable[[DataAccess], Reply]
) -> Response:
    """Resolve the linked account, then answer from its data ("one moment" if Withings is slow).

    An unlinked request ends in open_data (NotLinked, answered by the exception handlers), so the
    period, query and reply modules an `answer` imports are never loaded for it (cold start).
    """
    with progress(handler_input, progress_key):
        data = open_data(handler_input)
        reply = answer(data)
    return respond(handler_input, reply)


class DataHandler(IntentHandler):
    """A question about the user's Withings data: `answer` imports what it needs when it runs."""

    intent: ClassVar[Intent]
    progress_key: ClassVar[str]  # the "one moment, checking ..." message
    metric_type: ClassVar[SlotType | None] = None  # the `metric` slot's type, if the intent has one
    period_slot: ClassVar[Slot] = Slot.DATE
    period_default: ClassVar[PeriodDefault | None] = None  # None: the question has no period
    # How many days before today "the day after" may reach (sleep: a night begins the evening before).
    step_limit_days: ClassVar[int] = 0

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name(self.intent)(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return answer_question(handler_input, self, self.question(handler_input))

    def question(self, handler_input: HandlerInput) -> Question:
        metric = slot_id(handler_input, Slot.METRIC, self.metric_type) if self.metric_type else None
        date = slot_value(handler_input, self.period_slot) if self.period_default else None
        return Question(self.intent, metric, date)

    def answer(self, asked: Asked, data: DataAccess) -> Reply:
        raise NotImplementedError

    def period_words(self, period: Period, fmt: Formatter) -> str:
        """How this intent's answer names `period` ("last night" for sleep)."""
        return fmt.when(period)


def answer_question(handler_input: HandlerInput, handler: DataHandler, question: Question) -> Response:
    """Answer `question` with `handler`'s reply, and remember it for a follow-up."""

    def answer(data: DataAccess) -> Reply:
        from skill.voice.speech import prompts

        today = data.clock.today
        resolved = resolve_period(
            question,
            today,
            handler.period_default,
            latest_step_day=today - timedelta(days=handler.step_limit_days),
        )
        if resolved.future:
            return prompts.not_yet(data.fmt)
        reply = handler.answer(Asked(question.intent, question.metric, resolved.period), data)
        conversation.remember(
            handler_input, conversation.Context(question.intent, question.metric, resolved.period)
        )
        if not resolved.unreadable:
            return reply
        from skill.voice.periods.resolve import value_shape

        context.add_log_fields(handler_input, date_shape=value_shape(question.date_value or ""))
        period = resolved.period
        words = handler.period_words(period, data.fmt) if period is not None else None
        return prompts.unreadable_date(data.fmt, reply, words)

    return answer_with_data(handler_input, handler.progress_key, answer)
