"""A trend or average over a period (TrendIntent, AverageIntent): the period's own points.

Readings (weight, body fat, blood pressure, heart rate) are a line; daily and nightly values (steps,
distance, calories, sleep) a bar per day for up to a month, else a line. The headline is the figure
the answer speaks: the last reading of a trend, or the average.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from skill.voice.screens.figures import sentence_case
from skill.voice.screens.pictures.charts import daily, day_time, line
from skill.voice.screens.records import BarChart, Document, Picture, Screen
from skill.voice.specs import TREND, TrendSource
from skill.voice.speech.format import Unit
from skill.voice.speech.replies.trend import compare_previous
from skill.voice.vocabulary import Quantity
from skill.withings.dates import zone

if TYPE_CHECKING:
    from skill.voice.queries.trend import TrendResult
    from skill.voice.screens.geometry import Point
    from skill.voice.specs import TrendSpec
    from skill.voice.speech.format import Formatter
    from skill.voice.timezone import UserClock


def trend(result: TrendResult, fmt: Formatter, clock: UserClock, *, average_only: bool) -> Screen | None:
    if not result.points:
        return None
    spec = TREND[result.metric]
    name = fmt.cat(f"screen.metric.{result.metric.lower()}")
    title = sentence_case(fmt.cat("screen.trend.title", metric=name, when=fmt.when(result.period)))
    if spec.source in (TrendSource.DAYS, TrendSource.NIGHTS):
        return _daily(result, spec, fmt, clock, title, average_only=average_only)
    return _readings(result, spec, fmt, clock, title, average_only=average_only)


def _daily(
    result: TrendResult, spec: TrendSpec, fmt: Formatter, clock: UserClock, title: str, *, average_only: bool
) -> Screen:
    period, average = result.period, result.average or 0.0
    by_day = {p.day: p.value for p in result.points}
    # Nights are dated by the morning they ended; the period's days are those mornings too.
    first = min(period.start, *by_day)
    last = max(period.end, *by_day)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    spoken = fmt.quantity(spec.quantity, average)
    per = "screen.per_night" if spec.source is TrendSource.NIGHTS else "screen.per_day"
    lines = [fmt.cat(per)]
    if not average_only and (comparison := compare_previous(result, spec, fmt)) is not None:
        lines.append(comparison)
    chart = daily(
        fmt,
        spec.quantity,
        title=title,
        headline=spoken,
        lines=lines,
        days=days,
        values=[by_day.get(d) for d in days],
        tz=clock.tz,
        average=average,
        note=fmt.cat("screen.legend.average", value=spoken),
    )
    return Screen(Picture.TREND, Document.BARS if isinstance(chart, BarChart) else Document.LINE, chart)


def _readings(
    result: TrendResult, spec: TrendSpec, fmt: Formatter, clock: UserClock, title: str, *, average_only: bool
) -> Screen:
    points, average = result.points, result.average or 0.0
    count = fmt.cat("screen.from", count=fmt.count(Unit.READING, len(points)))
    second: list[Point] = []
    note = ""
    if spec.source is TrendSource.BLOOD_PRESSURE:
        diastolic = result.secondary_average or 0.0
        headline = fmt.cat("screen.bp", systolic=fmt.number(average), diastolic=fmt.number(diastolic))
        lines = [fmt.cat("screen.average"), count]
        second = _spread([(p.day, p.secondary) for p in points if p.secondary is not None], clock.tz)
        note, average_line = fmt.cat("screen.legend.bp"), None
    elif average_only or spec.source is TrendSource.HEART_RATE:
        headline = fmt.quantity(spec.quantity, average)
        lines = [fmt.cat("screen.average"), count]
        note, average_line = fmt.cat("screen.legend.average", value=headline), average
    else:  # a measure's trend: where it ended, and the change speech names
        headline = fmt.quantity(spec.quantity, points[-1].value)
        change = fmt.change(spec.quantity, points[0].value, points[-1].value) if len(points) > 1 else None
        if change is None:
            moved = fmt.cat("screen.change.steady")
        else:
            signed, delta = change
            moved = fmt.cat("screen.change.down" if signed < 0 else "screen.change.up", delta=delta)
        avg_text = fmt.quantity(spec.quantity, average)
        lines = [moved, fmt.cat("screen.legend.average", value=avg_text)]
        average_line = average
    chart = line(
        fmt,
        Quantity.NUMBER if spec.source is TrendSource.BLOOD_PRESSURE else spec.quantity,
        title=title,
        headline=headline,
        lines=lines,
        points=_spread([(p.day, p.value) for p in points], clock.tz),
        axis=(result.period.start, max(result.period.end, points[-1].day)),
        tz=clock.tz,
        second=second,
        average=average_line,
        dot=spec.source is TrendSource.MEASURES and not average_only,
        note=note,
    )
    return Screen(Picture.TREND, Document.LINE, chart)


def _spread(values: list[tuple[date, float]], tz: str) -> list[Point]:
    """Readings known only by their day, spread evenly across it in order (two a day side by side)."""
    per_day: dict[date, int] = {}
    for day, _ in values:
        per_day[day] = per_day.get(day, 0) + 1
    seen: dict[date, int] = {}
    out: list[Point] = []
    for day, value in values:
        k = seen.get(day, 0)
        seen[day] = k + 1
        n = per_day[day]
        if n == 1:
            out.append((day_time(day, tz), value))
            continue
        start = datetime.combine(day, time(0), tzinfo=zone(tz)).timestamp()
        out.append((start + (k + 0.5) / n * 86400.0, value))
    return out
