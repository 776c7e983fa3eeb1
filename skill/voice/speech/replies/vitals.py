"""VitalsIntent's reply: one sentence per measure asked about (temperature, SpO2) that has readings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from skill.voice.specs import VITALS
from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, many_days, no_data, when_or_recent
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.measures import MeasureResult
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply
    from skill.voice.vocabulary import VitalMetric


def vitals(results: Mapping[VitalMetric, MeasureResult], fmt: Formatter) -> Reply:
    sentences = []
    names = {metric: fmt.cat(VITALS[metric].name_key) for metric in results}
    period = next(iter(results.values())).period if results else None
    for metric, result in results.items():
        latest = result.latest
        if latest is None:
            continue
        quantity = VITALS[metric].quantity
        if many_days(period):
            average = fmt.quantity(quantity, result.average or 0.0)
            count = fmt.count(Unit.READING, len(result.readings))
            when = fmt.when(period)
            sentences.append(
                fmt.cat("vitals.average", metric=names[metric], value=average, when=when, count=count)
            )
        else:
            value = fmt.quantity(quantity, latest.value)
            fresh = fmt.fresh(latest.taken_at, Freshness.READING)
            sentences.append(fmt.cat("vitals.latest", metric=names[metric], value=value, fresh=fresh))
    if not sentences:
        text = fmt.cat("vitals.none", metric=fmt.join(list(names.values())), when=when_or_recent(fmt, period))
        return no_data(fmt, Card.VITALS, text)
    return answered(fmt, Card.VITALS, " ".join(sentences))
