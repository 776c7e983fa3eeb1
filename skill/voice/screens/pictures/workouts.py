"""The workouts of a period, newest first: a list the person can scroll on a touch screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from skill.voice.screens.figures import sentence_case
from skill.voice.screens.records import Document, Picture, Screen, WorkoutRow, Workouts
from skill.voice.speech.format import Unit
from skill.voice.speech.replies.workouts import workout_name

if TYPE_CHECKING:
    from skill.voice.queries.workouts import WorkoutsResult
    from skill.voice.speech.format import Formatter
    from skill.withings.models import Workout

# Rows shown: a busy month fits; a year of workouts keeps the newest (and says how many more).
MAX_ROWS: Final = 40


def workouts(result: WorkoutsResult, fmt: Formatter) -> Screen | None:
    found = result.workouts
    if not found:
        return None
    newest = list(reversed(found))
    shown = newest[:MAX_ROWS]
    more = len(newest) - len(shown)
    picture = Workouts(
        title=sentence_case(fmt.cat("screen.workouts.title", when=fmt.when(result.period))),
        headline=fmt.count(Unit.WORKOUT, len(found)),
        rows=tuple(_row(w, fmt) for w in shown),
        note=fmt.cat("screen.workouts.more", n=fmt.number(more)) if more else "",
    )
    return Screen(Picture.WORKOUTS, Document.WORKOUTS, picture)


def _row(workout: Workout, fmt: Formatter) -> WorkoutRow:
    if workout.distance_m:
        detail = fmt.distance(workout.distance_m)
    elif workout.calories:
        detail = fmt.calories(workout.calories)
    else:
        detail = ""
    return WorkoutRow(
        name=sentence_case(workout_name(fmt, workout)),
        day=sentence_case(  # "Mardi 3 mars": French, Spanish and Italian write a weekday in lower case
            fmt.cat("screen.workouts.day", weekday=fmt.weekday(workout.day), date=fmt.date_text(workout.day))
        ),
        duration=fmt.duration(workout.duration_s),
        detail=detail,
    )
