"""WorkoutIntent's reply: how many workouts, and the latest few by name and duration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, no_data

if TYPE_CHECKING:
    from skill.voice.queries.workouts import WorkoutsResult
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply
    from skill.withings.models import Workout

_MAX_LISTED_WORKOUTS: Final = 3


def workout_name(fmt: Formatter, workout: Workout) -> str:
    """The locale's name for a Withings workout category (locales name the ones people do)."""
    key = f"workout.{workout.category_code}"
    return fmt.cat(key) if key in fmt.cat.messages else fmt.cat("workout.other")


def workouts(result: WorkoutsResult, fmt: Formatter) -> Reply:
    when = fmt.when(result.period)
    found = list(result.workouts)
    if not found:
        return no_data(fmt, Card.WORKOUTS, fmt.cat("workouts.none", when=when))
    newest = list(reversed(found))[:_MAX_LISTED_WORKOUTS]
    # On a single day the day is already in the sentence: don't repeat it for every workout.
    single = result.period.single_day
    items = [
        " ".join(
            fmt.cat(
                "workouts.item",
                activity=workout_name(fmt, w),
                duration=fmt.duration(w.duration_s),
                day="" if single else fmt.on_day(w.day),
            ).split()
        )
        for w in newest
    ]
    key = "workouts.list" if len(found) <= _MAX_LISTED_WORKOUTS else "workouts.list_latest"
    count = fmt.count(Unit.WORKOUT, len(found))
    return answered(fmt, Card.WORKOUTS, fmt.cat(key, count=count, when=when, items=fmt.join(items)))
