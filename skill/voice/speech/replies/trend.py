"""TrendIntent's and AverageIntent's reply: the change over a period and its average, one comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skill.voice.specs import TREND, TrendSource
from skill.voice.speech.format import Unit
from skill.voice.speech.replies.answer import Card, answered, no_data

if TYPE_CHECKING:
    from skill.voice.queries.trend import TrendResult
    from skill.voice.specs import TrendSpec
    from skill.voice.speech.format import Formatter
    from skill.voice.speech.reply import Reply


def trend(result: TrendResult, fmt: Formatter, *, average_only: bool = False) -> Reply:
    """TrendIntent (change over the period, one comparison) or AverageIntent (`average_only`)."""
    spec = TREND[result.metric]
    when = fmt.when(result.period)
    card = Card.AVERAGE if average_only else Card.TREND
    name = fmt.cat(spec.name_key)
    if spec.source is TrendSource.MEASURES and not average_only and result.before is not None:
        if not result.points:
            before = result.before
            text = fmt.cat(
                "trend.none_before",
                metric=name,
                when=when,
                first=fmt.quantity(spec.quantity, before.value),
                first_day=fmt.on_day(before.day),
            )
            return no_data(fmt, card, text)
        if len(result.points) == 1:
            return answered(fmt, card, _one_against_before(result, spec, fmt, name))
    if not result.points:
        return no_data(fmt, card, fmt.cat("trend.none", metric=name, when=when))
    average = result.average or 0.0
    if spec.source is TrendSource.MEASURES:
        return answered(fmt, card, _measure_trend(result, spec, fmt, name, average_only=average_only))
    if spec.key is None:
        raise ValueError(f"{spec.metric}: an averaged trend needs its sentence")
    if spec.source is TrendSource.BLOOD_PRESSURE:
        text = fmt.cat(
            spec.key,
            systolic=fmt.number(average),
            diastolic=fmt.number(result.secondary_average or 0.0),
            when=when,
            count=fmt.count(Unit.READING, len(result.points)),
        )
        return answered(fmt, card, text)
    text = fmt.cat(spec.key, value=fmt.quantity(spec.quantity, average), when=when)
    comparison = None if average_only else compare_previous(result, spec, fmt)
    return answered(fmt, card, f"{text} {comparison}" if comparison else text)


def compare_previous(result: TrendResult, spec: TrendSpec, fmt: Formatter) -> str | None:
    """ "That's 20 minutes more than the 30 days before", when the query fetched the period before."""
    average, previous = result.average, result.previous_average
    if average is None or previous is None:
        return None
    n = fmt.number(result.period.days)
    if fmt.quantity(spec.quantity, average) == fmt.quantity(spec.quantity, previous):
        return fmt.cat("compare.same", n=n)
    delta = fmt.quantity(spec.quantity, abs(average - previous))
    return fmt.cat("compare.more" if average > previous else "compare.less", delta=delta, n=n)


def _measure_trend(
    result: TrendResult, spec: TrendSpec, fmt: Formatter, name: str, *, average_only: bool
) -> str:
    """Weight or body fat: first to last over the period and the average, or just the average."""
    when, points = fmt.when(result.period), result.points
    avg_text = fmt.quantity(spec.quantity, result.average or 0.0)
    if average_only:
        count = fmt.count(Unit.READING, len(points))
        return fmt.cat("average.measure", metric=name, value=avg_text, when=when, count=count)
    first, last = points[0].value, points[-1].value
    last_text = fmt.quantity(spec.quantity, last)
    if len(points) == 1:
        return fmt.cat("trend.single", metric=name, value=last_text, when=when)
    change = fmt.change(spec.quantity, first, last)
    if change is None:
        text = fmt.cat("trend.steady", metric=name, when=when, value=last_text)
    else:
        signed, delta = change
        text = fmt.cat(
            "trend.down" if signed < 0 else "trend.up",
            metric=name,
            when=when,
            delta=delta,
            first=fmt.quantity(spec.quantity, first),
            last=last_text,
        )
    return f"{text} {fmt.cat('trend.average', value=avg_text)}"


def _one_against_before(result: TrendResult, spec: TrendSpec, fmt: Formatter, name: str) -> str:
    """One reading in the period: compared with the last one before it, saying that it is."""
    before, only = result.before, result.points[-1]
    if before is None:
        raise ValueError("a comparison needs the reading before the period")
    change = fmt.change(spec.quantity, before.value, only.value)
    values = {
        "metric": name,
        "when": fmt.when(result.period),
        "last": fmt.quantity(spec.quantity, only.value),
        "last_day": fmt.on_day(only.day),
        "first": fmt.quantity(spec.quantity, before.value),
        "first_day": fmt.on_day(before.day),
    }
    if change is None:
        return fmt.cat("trend.one_same", **values)
    signed, delta = change
    return fmt.cat("trend.one_down" if signed < 0 else "trend.one_up", delta=delta, **values)
