"""What a picture shows: a Screen names its document and carries the one datasource it binds.

The datasource records are the contract with documents/*.json: each field is bound there as
`${picture.<field>}`. Texts are final (the locale's words, figures formatted as speech says them);
geometry is in integer units of a 0..1000 box (y = 0 at the top), which the documents scale to
whatever size the device gives them. NamedTuples: immutable, and to_json() walks them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

Segment = tuple[int, int, int, int]  # x1, y1, x2, y2 in 0..1000
Bar = tuple[int, int]  # height 0..1000, highlighted 0/1
NONE = -1  # no average / goal line


class Document(StrEnum):
    """A layout: documents/<name>.json."""

    LINE = "line"
    BARS = "bars"
    NIGHT = "night"
    WORKOUTS = "workouts"
    DIGEST = "digest"


class Picture(StrEnum):
    """Which answer is pictured (the directive's token, and a log field)."""

    LATEST = "latest"  # the latest reading against its last 30 days
    TREND = "trend"  # a trend or average over a period
    ACTIVITY = "activity"  # a day's activity within its week, or a period's days
    SLEEP = "sleep"  # one night's stages, or a period's nights
    WORKOUTS = "workouts"
    DIGEST = "digest"


class LineChart(NamedTuple):
    title: str
    headline: str  # the figure spoken
    lines: tuple[str, ...]  # up to two short lines under or beside the headline
    high: str  # the highest and lowest values plotted, as spoken
    low: str
    start: str  # the first and last day of the time axis
    end: str
    segments: tuple[Segment, ...]
    second: tuple[Segment, ...] = ()  # a second series on the same scale (diastolic)
    average: int = NONE  # y of a dashed average line
    dot: tuple[int, ...] = ()  # (x, y) of the latest point, or nothing
    note: str = ""  # a legend line under the axis ("" for none)


class BarChart(NamedTuple):
    title: str
    headline: str
    lines: tuple[str, ...]
    bars: tuple[Bar, ...]
    values: tuple[str, ...]  # a label above each bar (a week or less), else ()
    labels: tuple[str, ...]  # a label under each bar (a week or less), else ()
    start: str  # the axis ends, for more than a week of bars ("" otherwise)
    end: str
    goal: int = NONE  # y of a dashed goal line
    average: int = NONE  # y of a dotted average line
    note: str = ""


class Stage(NamedTuple):
    kind: str  # deep, light, rem, awake: the document's colour for it
    name: str
    duration: str  # as spoken
    share: int  # of the night, 0..1000


class Night(NamedTuple):
    title: str
    headline: str
    lines: tuple[str, ...]
    stages: tuple[Stage, ...]  # in the order they are drawn, left to right


class WorkoutRow(NamedTuple):
    name: str
    day: str
    duration: str
    detail: str  # distance or calories, "" when Withings has neither


class Workouts(NamedTuple):
    title: str
    headline: str
    rows: tuple[WorkoutRow, ...]  # newest first
    note: str = ""  # "and N more" when the list is cut


class Tile(NamedTuple):
    label: str
    value: str
    detail: str
    progress: int = NONE  # 0..1000 towards a goal, or no bar


class Digest(NamedTuple):
    title: str
    tiles: tuple[Tile, ...]


Datasource = LineChart | BarChart | Night | Workouts | Digest


class Screen(NamedTuple):
    picture: Picture
    document: Document
    data: Datasource

    def datasources(self) -> dict[str, Any]:
        """The RenderDocument's datasources: the document's one parameter, `picture`."""
        return {"picture": to_json(self.data)}


def to_json(value: Any) -> Any:
    """NamedTuples to objects, tuples to arrays, all the way down."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: to_json(item) for key, item in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    return value
