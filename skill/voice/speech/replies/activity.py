"""ActivityIntent's reply: so far today, on a past day, or the total and daily average of a period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.specs import ACTIVITY
from skill.voice.speech.replies.answer import Card, answered, no_data
from skill.voice.vocabulary import ActivityMetric

if TYPE_CHECKING:
    from skill.voice.queries.activity import ActivityResult
    from skill.voice.specs import ActivitySpec
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply


def activity(result: ActivityResult, metric: ActivityMetric, fmt: Formatter) -> Reply:
    spec = ACTIVITY[metric]
    today_key, day_key, period_key = spec.keys
    period = result.period
    when = fmt.when(period)
    if period.single_day:
        record = result.day(period.start)
        value = spec.value(record) if record else None
        is_today = period.start == fmt.today
        if value is None:
            if not is_today:
                return no_data(fmt, Card.ACTIVITY, fmt.cat("activity.none", when=when))
            return no_data(fmt, Card.ACTIVITY, _nothing_yet_today(result, spec, fmt))
        formatted = fmt.quantity(spec.quantity, value)
        if is_today:
            return answered(fmt, Card.ACTIVITY, fmt.cat(today_key, value=formatted))
        return answered(fmt, Card.ACTIVITY, fmt.cat(day_key, value=formatted, when=when))
    values = [v for d in result.days if (v := spec.value(d)) is not None]
    if not values:
        return no_data(fmt, Card.ACTIVITY, fmt.cat("activity.none", when=when))
    total = fmt.quantity(spec.quantity, sum(values))
    average = fmt.quantity(spec.quantity, sum(values) / len(values))
    return answered(fmt, Card.ACTIVITY, fmt.cat(period_key, value=total, average=average, when=when))


def _nothing_yet_today(result: ActivityResult, spec: ActivitySpec, fmt: Formatter) -> str:
    """Today with nothing yet is almost always a sync that hasn't happened: say so, and what the latest
    synced day had, rather than "zero steps"."""
    text = fmt.cat("activity.none_today")
    earlier = result.latest_before
    earlier_value = spec.value(earlier) if earlier else None
    if earlier is not None and earlier_value is not None:
        latest = fmt.quantity(spec.quantity, earlier_value)
        text += " " + fmt.cat("activity.latest_was", when=fmt.on_day(earlier.day), value=latest)
    return text


def summary(result: ActivityResult, fmt: Formatter) -> Reply:
    """ "How active was I": active time and steps together; either alone when the other is missing."""
    active_spec, steps_spec = ACTIVITY[ActivityMetric.ACTIVE_TIME], ACTIVITY[ActivityMetric.STEPS]
    period = result.period
    if period.single_day:
        record = result.day(period.start)
        active = active_spec.value(record) if record else None
        steps = steps_spec.value(record) if record else None
    else:
        actives = [v for d in result.days if (v := active_spec.value(d)) is not None]
        counts = [v for d in result.days if (v := steps_spec.value(d)) is not None]
        active = sum(actives) / len(actives) if actives else None
        steps = sum(counts) / len(counts) if counts else None
    if active is None or steps is None:  # one of the two (or neither): that metric's own answer
        return activity(result, ActivityMetric.STEPS if active is None else ActivityMetric.ACTIVE_TIME, fmt)
    values = {
        "active": fmt.quantity(active_spec.quantity, active),
        "steps": fmt.quantity(steps_spec.quantity, steps),
        "when": fmt.when(period),
    }
    if not period.single_day:
        return answered(fmt, Card.ACTIVITY, fmt.cat("activity.summary.period", **values))
    key = "activity.summary.today" if period.start == fmt.today else "activity.summary.day"
    return answered(fmt, Card.ACTIVITY, fmt.cat(key, **values))
