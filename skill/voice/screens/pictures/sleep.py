"""One night: its stages as a stacked bar, the sleep score and the hours slept. Several nights: a bar
per night of the metric asked about (deep sleep, sleep score, ...), for up to a month, else a line.

All from the summaries the answer fetched: Withings' per-minute sleep states would be one more call
per night, for a timeline the stage totals already tell in proportion.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from skill.voice.screens.figures import sentence_case
from skill.voice.screens.pictures.charts import daily
from skill.voice.screens.records import BarChart, Document, Night, Picture, Screen, Stage
from skill.voice.specs import SLEEP
from skill.voice.stats import mean

if TYPE_CHECKING:
    from skill.voice.queries.sleep import SleepResult
    from skill.voice.speech.format import Formatter
    from skill.voice.timezone import UserClock
    from skill.voice.vocabulary import SleepMetric
    from skill.withings.models import SleepSummary

BOX: Final = 1000
# Drawn left to right in this order; each with the name speech gives it.
_STAGES: Final[tuple[tuple[str, str, Callable[[SleepSummary], int | None]], ...]] = (
    ("deep", "metric.sleep.deep", lambda s: s.deep_s),
    ("light", "metric.sleep.light", lambda s: s.light_s),
    ("rem", "metric.sleep.rem", lambda s: s.rem_s),
    ("awake", "metric.sleep.awake", lambda s: s.awake_s),
)


def sleep(result: SleepResult, metric: SleepMetric, fmt: Formatter, clock: UserClock) -> Screen | None:
    if result.single:
        return _night(result, fmt)
    return _nights(result, metric, fmt, clock)


def _night(result: SleepResult, fmt: Formatter) -> Screen | None:
    night = result.night
    if night is None or not night.total_sleep_s:
        return None
    lines = [fmt.cat("screen.night.span", start=fmt.clock(night.start), end=fmt.clock(night.end))]
    if night.sleep_score is not None:
        lines.append(fmt.cat("screen.night.score", score=fmt.number(night.sleep_score)))
    measured = [(kind, key, seconds) for kind, key, read in _STAGES if (seconds := read(night))]
    whole = sum(seconds for _, _, seconds in measured)
    stages = tuple(
        Stage(kind, sentence_case(fmt.cat(key)), fmt.duration(seconds), round(seconds / whole * BOX))
        for kind, key, seconds in measured
    )
    picture = Night(
        title=sentence_case(fmt.cat("screen.night.title", when=fmt.night(result.last_night))),
        headline=fmt.duration(night.total_sleep_s),
        lines=tuple(lines),
        stages=stages,
    )
    return Screen(Picture.SLEEP, Document.NIGHT, picture)


def _nights(result: SleepResult, metric: SleepMetric, fmt: Formatter, clock: UserClock) -> Screen | None:
    spec = SLEEP[metric]
    read = spec.value
    if read is None:  # a time of night (bedtime, wake-up time): no bars for clock times
        return None
    by_night = {n.night: read(n) for n in result.nights}
    values_found = [v for v in by_night.values() if v is not None]
    average = mean(values_found)
    if average is None:
        return None
    first, last = result.first_night, result.last_night
    nights = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    spoken = fmt.quantity(spec.quantity, average)  # as speech averages it (replies.sleep)
    name = fmt.cat(spec.name_key)
    chart = daily(
        fmt,
        spec.quantity,
        title=sentence_case(fmt.cat("screen.trend.title", metric=name, when=fmt.when(result.period))),
        headline=spoken,
        lines=[fmt.cat("screen.per_night")],
        days=nights,
        values=[by_night.get(n) for n in nights],
        tz=clock.tz,
        average=average,
        note=fmt.cat("screen.legend.average", value=spoken),
    )
    document = Document.BARS if isinstance(chart, BarChart) else Document.LINE
    return Screen(Picture.SLEEP, document, chart)
