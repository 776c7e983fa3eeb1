"""BodyIntent's reply: the latest reading (weight compared with a week earlier), or a period's average."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.specs import BODY
from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, many_days, no_data, when_or_recent
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.measures import MeasureResult
    from skill.voice.specs import MeasureSpec
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply
    from skill.voice.vocabulary import BodyMetric


def body(result: MeasureResult, metric: BodyMetric, fmt: Formatter) -> Reply:
    spec = BODY[metric]
    name = fmt.cat(spec.name_key)
    latest = result.latest
    if latest is None:
        text = fmt.cat("body.none", metric=name, when=when_or_recent(fmt, result.period))
        return no_data(fmt, Card.BODY, text)
    if many_days(result.period):
        average = fmt.quantity(spec.quantity, result.average or 0.0)
        count = fmt.count(Unit.READING, len(result.readings))
        text = fmt.cat("body.average", metric=name, value=average, when=fmt.when(result.period), count=count)
        return answered(fmt, Card.BODY, text)
    value = fmt.quantity(spec.quantity, latest.value)
    if not spec.weigh_in:
        fresh = fmt.fresh(latest.taken_at, Freshness.READING)
        return answered(fmt, Card.BODY, fmt.cat("body.metric", metric=name, value=value, fresh=fresh))
    fresh = fmt.fresh(latest.taken_at, Freshness.WEIGH_IN)
    change = since_last_week(result, spec, fmt)
    if change is None:
        return answered(fmt, Card.BODY, fmt.cat("body.weight", value=value, fresh=fresh))
    return answered(fmt, Card.BODY, fmt.cat("body.weight_change", value=value, fresh=fresh, change=change))


def since_last_week(result: MeasureResult, spec: MeasureSpec, fmt: Formatter) -> str | None:
    """ "down 1.3 pounds from last week", "the same as last week"; None without a reading to compare."""
    latest, before = result.latest, result.week_before
    if latest is None or before is None:
        return None
    change = fmt.change(spec.quantity, before.value, latest.value)
    if change is None:
        return fmt.cat("change.same_week")
    signed, delta = change
    return fmt.cat("change.down_week" if signed < 0 else "change.up_week", delta=delta)
