"""The two chart shapes every over-time picture uses: a line of readings, or a bar per day.

A time axis runs over whole local days (first..last, inclusive) in the user's time zone, so gaps
show as gaps. More than MAX_BARS days become a line (a bar per day would be too thin to read).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Final

from skill.voice.screens.figures import bare, weekday_short
from skill.voice.screens.geometry import Point, Scale, bars, level, segments, thin
from skill.voice.screens.records import NONE, BarChart, LineChart
from skill.withings.dates import local_range_bounds, zone

if TYPE_CHECKING:
    from skill.voice.speech.format import Formatter
    from skill.voice.vocabulary import Quantity

MAX_BARS: Final = 31  # a month of days; a week or less also gets a label over and under each bar
_WEEK: Final = 7
_MISSING: Final = "–"  # a day without data (an empty label would look like a layout fault)


def day_time(day: date, tz: str) -> float:
    """A daily value's place on the time axis: the middle of its local day."""
    return datetime.combine(day, time(12), tzinfo=zone(tz)).timestamp()


def line(
    fmt: Formatter,
    kind: Quantity,
    *,
    title: str,
    headline: str,
    lines: Sequence[str],
    points: Sequence[Point],
    axis: tuple[date, date],
    tz: str,
    second: Sequence[Point] = (),
    average: float | None = None,
    dot: bool = False,
    note: str = "",
) -> LineChart:
    """Readings (or days) as a line over the axis' days; high and low labels as speech says them."""
    start, end = local_range_bounds(axis[0], axis[1], tz)
    values = [v for _, v in points] + [v for _, v in second]
    scale = Scale.fit(start.timestamp(), end.timestamp(), values)
    primary = thin(points)
    last = points[-1]
    return LineChart(
        title=title,
        headline=headline,
        lines=tuple(lines),
        high=bare(fmt, kind, scale.high),
        low=bare(fmt, kind, scale.low),
        start=fmt.date_text(axis[0]),
        end=fmt.date_text(axis[1]),
        segments=segments(primary, scale),
        second=segments(thin(second), scale),
        average=NONE if average is None else scale.y(average),
        dot=(scale.x(last[0]), scale.y(last[1])) if dot else (),
        note=note,
    )


def day_bars(
    fmt: Formatter,
    kind: Quantity,
    *,
    title: str,
    headline: str,
    lines: Sequence[str],
    days: Sequence[date],
    values: Sequence[float | None],
    highlight: int | None = None,
    goal: float | None = None,
    average: float | None = None,
    note: str = "",
) -> BarChart:
    """One bar per day (None: no data that day); a week or less is labelled bar by bar."""
    week = len(days) <= _WEEK
    return BarChart(
        title=title,
        headline=headline,
        lines=tuple(lines),
        bars=bars(values, highlight, goal),
        values=tuple(_MISSING if v is None else bare(fmt, kind, v) for v in values) if week else (),
        labels=tuple(weekday_short(fmt, d) for d in days) if week else (),
        start="" if week else fmt.date_text(days[0]),
        end="" if week else fmt.date_text(days[-1]),
        goal=level(goal, values, goal),
        average=level(average, values, goal),
        note=note,
    )


def daily(
    fmt: Formatter,
    kind: Quantity,
    *,
    title: str,
    headline: str,
    lines: Sequence[str],
    days: Sequence[date],
    values: Sequence[float | None],
    tz: str,
    average: float | None,
    goal: float | None = None,
    note: str = "",
) -> BarChart | LineChart:
    """A period's days: bars for up to MAX_BARS of them, else a line through the days with data."""
    if len(days) <= MAX_BARS:
        return day_bars(
            fmt,
            kind,
            title=title,
            headline=headline,
            lines=lines,
            days=days,
            values=values,
            average=average,
            goal=goal,
            note=note,
        )
    points = [(day_time(d, tz), v) for d, v in zip(days, values, strict=True) if v is not None]
    return line(
        fmt,
        kind,
        title=title,
        headline=headline,
        lines=lines,
        points=points,
        axis=(days[0], days[-1]),
        tz=tz,
        average=average,
        note=note,
    )
