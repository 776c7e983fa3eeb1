"""BloodPressureIntent's reply: the latest reading (with its pulse), or a period's averages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, many_days, no_data, when_or_recent
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.blood_pressure import BloodPressureResult
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply


def blood_pressure(result: BloodPressureResult, fmt: Formatter) -> Reply:
    latest = result.latest
    if latest is None:
        text = fmt.cat("bp.none", when=when_or_recent(fmt, result.period))
        return no_data(fmt, Card.BLOOD_PRESSURE, text)
    if many_days(result.period):
        systolic, diastolic = result.average or (0.0, 0.0)
        text = fmt.cat(
            "bp.average",
            systolic=fmt.number(systolic),
            diastolic=fmt.number(diastolic),
            when=fmt.when(result.period),
            count=fmt.count(Unit.READING, len(result.readings)),
        )
        return answered(fmt, Card.BLOOD_PRESSURE, text)
    values = {
        "systolic": fmt.number(latest.systolic),
        "diastolic": fmt.number(latest.diastolic),
        "fresh": fmt.fresh(latest.taken_at, Freshness.READING),
    }
    if latest.pulse is not None:
        text = fmt.cat("bp.latest_pulse", pulse=fmt.bpm(latest.pulse), **values)
        return answered(fmt, Card.BLOOD_PRESSURE, text)
    return answered(fmt, Card.BLOOD_PRESSURE, fmt.cat("bp.latest", **values))
