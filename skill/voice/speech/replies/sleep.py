"""SleepIntent's reply: one night's value, or the average over the nights of a period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Final

from skill.voice.specs import SLEEP, fell_asleep, woke_up
from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, no_data
from skill.voice.stats import mean

if TYPE_CHECKING:
    from skill.voice.queries.sleep import SleepResult
    from skill.voice.specs import SleepSpec
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply
    from skill.voice.vocabulary import SleepMetric
    from skill.withings.models import SleepSummary

_SECONDS_PER_DAY: Final = 86400
_NOON_S: Final = 12 * 3600


def sleep(result: SleepResult, metric: SleepMetric, fmt: Formatter) -> Reply:
    spec = SLEEP[metric]
    return _one_night(result, spec, fmt) if result.single else _many_nights(result, spec, fmt)


def _one_night(result: SleepResult, spec: SleepSpec, fmt: Formatter) -> Reply:
    when = fmt.night(result.last_night)
    night = result.night
    if night is None:
        return no_data(fmt, Card.SLEEP, fmt.cat("sleep.none", when=when))
    name = fmt.cat(spec.name_key)
    value = _night_value(spec, night, fmt)
    if value is None:
        return _missing(fmt, name, when)
    # Time asleep is never said with the time in bed as if they were the same span: the night's
    # sentence names when the person fell asleep and woke up, or says "in bed from ... to ...".
    asleep, woke = fell_asleep(night), woke_up(night)
    key = spec.night_key
    if spec.in_bed_key is not None and (asleep is None or woke is None):
        key = spec.in_bed_key
    text = fmt.cat(
        key,
        value=value,
        when=when,
        metric=name,
        start=fmt.clock(night.start),
        end=fmt.clock(night.end),
        asleep=fmt.clock(asleep) if asleep is not None else None,
        woke=fmt.clock(woke) if woke is not None else None,
    )
    if spec.with_score and night.sleep_score is not None:
        text += " " + fmt.cat("sleep.score_suffix", score=fmt.number(night.sleep_score))
    return answered(fmt, Card.SLEEP, text)


def _many_nights(result: SleepResult, spec: SleepSpec, fmt: Formatter) -> Reply:
    when = fmt.when(result.period)
    nights = result.nights
    if not nights:
        return no_data(fmt, Card.SLEEP, fmt.cat("sleep.none_period", when=when))
    name = fmt.cat(spec.name_key)
    value = _nights_value(spec, nights, fmt)
    if value is None:
        return _missing(fmt, name, when)
    count = fmt.count(Unit.NIGHT, len(nights))
    return answered(
        fmt, Card.SLEEP, fmt.cat(spec.nights_key, value=value, when=when, metric=name, nights=count)
    )


def _missing(fmt: Formatter, name: str, when: str) -> Reply:
    return no_data(fmt, Card.SLEEP, fmt.cat("sleep.metric_missing", metric=name, when=when))


def _night_value(spec: SleepSpec, night: SleepSummary, fmt: Formatter) -> str | None:
    """The metric for one night in words; None when Withings didn't record it."""
    if spec.clock is not None:
        moment = spec.clock(night)
        return None if moment is None else fmt.clock(moment)
    value = spec.value(night) if spec.value is not None else None
    return None if value is None else fmt.quantity(spec.quantity, value)


def _nights_value(spec: SleepSpec, nights: Sequence[SleepSummary], fmt: Formatter) -> str | None:
    """The metric's average over the nights that recorded it, in words."""
    if spec.clock is not None:
        clock = spec.clock
        moments = [m for n in nights if (m := clock(n)) is not None]
        moment = _average_clock(moments, around_midnight=spec.around_midnight)
        return None if moment is None else fmt.clock(moment)
    read = spec.value
    average = mean([v for n in nights if (v := read(n)) is not None]) if read is not None else None
    return None if average is None else fmt.quantity(spec.quantity, average)


def _average_clock(moments: list[datetime], *, around_midnight: bool) -> datetime | None:
    """The average time of day; bedtimes are averaged from noon so 11 PM and 1 AM give midnight."""
    if not moments:
        return None
    shift = _NOON_S if around_midnight else 0
    seconds = [((m.hour * 3600 + m.minute * 60 - shift) % _SECONDS_PER_DAY) for m in moments]
    mean_s = (sum(seconds) / len(seconds) + shift) % _SECONDS_PER_DAY
    mean_int = round(mean_s) % _SECONDS_PER_DAY
    return moments[-1].replace(hour=mean_int // 3600, minute=(mean_int % 3600) // 60, second=0)
