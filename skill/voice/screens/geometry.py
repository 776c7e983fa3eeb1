"""Points and bars in the documents' 0..1000 box (y = 0 at the top), and thinning long series.

Written by hand: a chart library would bring its own rendering (the device draws), and what is
needed is a linear scale, a decimation and a few integer conversions.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Final, NamedTuple

from skill.voice.screens.records import NONE, Bar, Segment

BOX: Final = 1000
# A line keeps at most this many points: a year of daily weigh-ins becomes 120 vertices, 8 dp apart
# on a 960 dp wide chart, and the response stays far below Alexa's 24 KB.
MAX_LINE_POINTS: Final = 120

Point = tuple[float, float]  # (time, value)


def thin(points: Sequence[Point], limit: int = MAX_LINE_POINTS) -> list[Point]:
    """At most `limit` points of a time-ordered series that draw the same shape: Largest-Triangle-Three-
    Buckets (Steinarsson, 2013) keeps, from each of `limit` - 2 equal runs, the point that makes the
    largest triangle with the point kept before it and the next run's mean; the first and last points
    always stay, and so do the lowest and highest (the chart's labels name them).
    """
    if len(points) <= limit:
        return list(points)
    low = min(range(len(points)), key=lambda i: points[i][1])
    high = max(range(len(points)), key=lambda i: points[i][1])
    runs = limit - 4  # room for the two ends and the two extremes
    inner = len(points) - 2
    kept = [0]
    for r in range(runs):
        start, stop = 1 + r * inner // runs, 1 + (r + 1) * inner // runs
        nxt = points[stop : 1 + (r + 2) * inner // runs] or points[-1:]
        mean_t = sum(p[0] for p in nxt) / len(nxt)
        mean_v = sum(p[1] for p in nxt) / len(nxt)
        at_t, at_v = points[kept[-1]]

        def area(
            i: int, at_t: float = at_t, at_v: float = at_v, mean_t: float = mean_t, mean_v: float = mean_v
        ) -> float:
            t, v = points[i]
            return abs((at_t - mean_t) * (v - at_v) - (at_t - t) * (mean_v - at_v))

        kept.append(max(range(start, stop), key=area))
    kept.append(len(points) - 1)
    return [points[i] for i in sorted({*kept, low, high})]


class Scale(NamedTuple):
    """Time t0..t1 to x 0..1000, values low..high to y 1000..0."""

    t0: float
    t1: float
    low: float
    high: float

    @classmethod
    def fit(cls, t0: float, t1: float, values: Sequence[float]) -> Scale:
        return cls(t0, t1, min(values), max(values))

    def x(self, t: float) -> int:
        if self.t1 <= self.t0:
            return BOX // 2
        return _clamp(round((t - self.t0) / (self.t1 - self.t0) * BOX))

    def y(self, value: float) -> int:
        if self.high <= self.low:
            return BOX // 2  # a flat series: a line across the middle
        return _clamp(round((self.high - value) / (self.high - self.low) * BOX))


def segments(points: Sequence[Point], scale: Scale) -> tuple[Segment, ...]:
    """Consecutive points joined: one (x1, y1, x2, y2) per pair."""
    xy = [(scale.x(t), scale.y(v)) for t, v in points]
    return tuple((a[0], a[1], b[0], b[1]) for a, b in pairwise(xy))


def bars(values: Sequence[float | None], highlight: int | None, reference: float | None) -> tuple[Bar, ...]:
    """Bar heights against the tallest bar (or the reference line, if higher); None: an empty day."""
    top = max([v for v in values if v is not None] + [reference or 0.0])
    return tuple(
        (0 if v is None or top <= 0 else _clamp(round(v / top * BOX)), int(i == highlight))
        for i, v in enumerate(values)
    )


def level(value: float | None, values: Sequence[float | None], reference: float | None) -> int:
    """The y of a horizontal line at `value` over bars drawn by bars(); NONE without a value."""
    top = max([v for v in values if v is not None] + [reference or 0.0])
    if value is None or top <= 0:
        return NONE
    return BOX - _clamp(round(value / top * BOX))


def _clamp(n: int) -> int:
    return max(0, min(BOX, n))
