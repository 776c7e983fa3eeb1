"""A question as the handlers take it: which intent, which metric, which period — from the slots of
the request, or carried over from the last turn of a conversation (skill/voice/conversation.py).

A Question is what was asked, before "today" is known (that needs the user's time zone, so the
linked account). `resolve_period` turns it into the Period the answer is about, once it is.
Cheap on purpose: every handler module imports it; the period machinery loads only to resolve.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from skill.voice.intents import Intent
    from skill.voice.periods.period import Period
    from skill.voice.vocabulary import PeriodDefault


class Carried(NamedTuple):
    """A period from the conversation's last answer (None: that answer was "the latest")."""

    period: Period | None


class Question(NamedTuple):
    intent: Intent
    metric: str | None = None  # a metric id of the intent's slot type; None: the intent's default
    date_value: str | None = None  # the AMAZON.DATE value as Alexa sent it (wins over `carried`)
    carried: Carried | None = None  # the last turn's period ("and my weight", "what about deep sleep")
    step: int = 0  # -1 "the day before", +1 "the day after": `carried` (or today) one period over


class Asked(NamedTuple):
    """A question with its period resolved: what the handler answers."""

    intent: Intent
    metric: str | None
    period: Period | None  # None: "the latest" (or an intent without a period)

    @property
    def required_period(self) -> Period:
        if self.period is None:
            raise ValueError(f"{self.intent}: the question has no period")
        return self.period


class PeriodAnswer(NamedTuple):
    period: Period | None
    unreadable: bool = False  # the date said could not be read: the default stands in (say so)
    future: bool = False  # a step past today ("and the day after" last night): nothing to answer


def resolve_period(
    question: Question, today: date, default: PeriodDefault | None, *, latest_step_day: date | None = None
) -> PeriodAnswer:
    """The period `question` is about, for an intent whose missing date means `default`.

    `default` None: the intent has no period (goals, the digest). `latest_step_day`: the last day a
    step may reach (sleep: yesterday, as the night that begins today has not happened), else today.
    """
    if default is None:
        return PeriodAnswer(None)
    from skill.voice.periods.defaults import default_period
    from skill.voice.periods.resolve import resolve_value

    if question.date_value is not None:
        resolved = resolve_value(question.date_value, today, default)
        return PeriodAnswer(resolved.period, unreadable=resolved.unreadable)
    if question.carried is None:
        return PeriodAnswer(default_period(default, today))
    base = question.carried.period
    if question.step:
        from skill.voice.periods.period import Period
        from skill.voice.periods.step import step
        from skill.voice.vocabulary import Label

        stepped = step(base or Period.day(today, Label.TODAY), question.step, latest_step_day or today)
        return PeriodAnswer(stepped, future=stepped is None)
    if base is None:  # the last answer was "the latest"; this intent may want a period
        return PeriodAnswer(default_period(default, today))
    return PeriodAnswer(base)
