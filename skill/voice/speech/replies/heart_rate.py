"""HeartRateIntent's reply: pulse readings (the latest, or a period's average), else the tracker's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, many_days, no_data, when_or_recent
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.heart_rate import HeartRateResult
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply


def heart_rate(result: HeartRateResult, fmt: Formatter) -> Reply:
    period = result.period
    if result.readings:
        if many_days(period):
            text = fmt.cat(
                "hr.average",
                bpm=fmt.bpm(result.average or 0.0),
                when=fmt.when(period),
                count=fmt.count(Unit.READING, len(result.readings)),
            )
            return answered(fmt, Card.HEART_RATE, text)
        latest = result.readings[-1]
        fresh = fmt.fresh(latest.taken_at, Freshness.READING)
        return answered(fmt, Card.HEART_RATE, fmt.cat("hr.latest", bpm=fmt.bpm(latest.value), fresh=fresh))
    days = [d for d in result.daily if d.hr_average]
    if not days:
        return no_data(fmt, Card.HEART_RATE, fmt.cat("hr.none", when=when_or_recent(fmt, period)))
    if many_days(period):
        text = fmt.cat("hr.tracker_average", bpm=fmt.bpm(result.average or 0.0), when=fmt.when(period))
        return answered(fmt, Card.HEART_RATE, text)
    day = days[-1]
    text = fmt.cat("hr.tracker_day", bpm=fmt.bpm(float(day.hr_average or 0)), when=fmt.on_day(day.day))
    return answered(fmt, Card.HEART_RATE, text)
