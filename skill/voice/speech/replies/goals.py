"""GoalsIntent's reply: the goal set in the Withings app, and where the user stands against it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.specs import GOALS
from skill.voice.speech.replies.answer import Card, answered, no_data
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.goals import GoalResult
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply


def goals(result: GoalResult, fmt: Formatter) -> Reply:
    spec = GOALS[result.metric]
    standing_key, nodata_key, none_key = spec.keys
    target = result.target
    if not target:
        return no_data(fmt, Card.GOALS, fmt.cat(none_key))
    goal = fmt.quantity(spec.quantity, target)
    current = result.current
    if current.value is None:
        return answered(fmt, Card.GOALS, fmt.cat(nodata_key, goal=goal))
    values = {
        "goal": goal,
        "value": fmt.quantity(spec.quantity, current.value),
        "percent": fmt.percent(100.0 * current.value / target, 0),
    }
    if current.taken_at is not None:  # a reading, not a day's total: say how fresh it is
        values["fresh"] = fmt.fresh(current.taken_at, Freshness.WEIGH_IN)
    return answered(fmt, Card.GOALS, fmt.cat(standing_key, **values))
