"""What every data reply shares: its card, the answered / no-data outcome, "in the last 90 days"."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeGuard

from skill.voice.queries.measures import LOOKBACK_DAYS
from skill.voice.speech.reply import Reply
from skill.voice.vocabulary import Outcome

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.speech.format import Formatter


class Card(StrEnum):
    """The SimpleCard a data reply shows in the Alexa app (its title is `card.<name>`)."""

    SLEEP = "sleep"
    ACTIVITY = "activity"
    BODY = "body"
    BLOOD_PRESSURE = "blood_pressure"
    HEART_RATE = "heart_rate"
    VITALS = "vitals"
    WORKOUTS = "workouts"
    DIGEST = "digest"
    TREND = "trend"
    AVERAGE = "average"
    GOALS = "goals"

    @property
    def title_key(self) -> str:
        return f"card.{self}"


def answered(fmt: Formatter, card: Card, text: str) -> Reply:
    return Reply(text, card_title=fmt.cat(card.title_key), outcome=Outcome.ANSWERED)


def no_data(fmt: Formatter, card: Card, text: str) -> Reply:
    return Reply(text, card_title=fmt.cat(card.title_key), outcome=Outcome.NO_DATA)


def when_or_recent(fmt: Formatter, period: Period | None) -> str:
    """The period as an adverbial, or the lookback "the latest" searched: "in the last 90 days"."""
    if period is not None:
        return fmt.when(period)
    return fmt.cat("when.recent", n=fmt.number(LOOKBACK_DAYS))


def many_days(period: Period | None) -> TypeGuard[Period]:
    """An average over a period, rather than one day's (or the latest) reading."""
    return period is not None and not period.single_day
