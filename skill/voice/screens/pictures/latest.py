"""The latest reading (weight, body fat, ...) against the readings of its last 30 days: a line."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

from skill.voice.screens.figures import sentence_case
from skill.voice.screens.pictures.charts import line
from skill.voice.screens.records import Document, Picture, Screen
from skill.voice.speech.replies.body import since_last_week
from skill.voice.vocabulary import Freshness

if TYPE_CHECKING:
    from skill.voice.queries.measures import MeasureResult
    from skill.voice.specs import MeasureSpec
    from skill.voice.speech.format import Formatter
    from skill.voice.timezone import UserClock

WINDOW_DAYS: Final = 30  # inside the 90 days "the latest" already fetched: no extra Withings call


def latest(result: MeasureResult, spec: MeasureSpec, fmt: Formatter, clock: UserClock) -> Screen | None:
    reading = result.latest
    if reading is None:
        return None
    name = sentence_case(fmt.cat(spec.name_key))
    # The 30 days up to today; when the latest reading is older than that, the 30 days up to it.
    day = reading.taken_at.date()
    last_day = max(fmt.today, day) if day > fmt.today - timedelta(days=WINDOW_DAYS) else day
    first_day = last_day - timedelta(days=WINDOW_DAYS - 1)
    n = fmt.number(WINDOW_DAYS)
    if last_day == fmt.today:
        title = fmt.cat("screen.last_n_days", metric=name, n=n)
    else:
        title = fmt.cat("screen.n_days_to", metric=name, n=n, date=fmt.date_text(last_day))
    fresh = fmt.fresh(reading.taken_at, Freshness.WEIGH_IN if spec.weigh_in else Freshness.READING)
    lines = [sentence_case(fresh)]
    if spec.weigh_in and (change := since_last_week(result, spec, fmt)) is not None:
        lines.append(sentence_case(change))
    points = [
        (r.taken_at.timestamp(), r.value)
        for r in result.readings
        if first_day <= r.taken_at.date() <= last_day
    ]
    chart = line(
        fmt,
        spec.quantity,
        title=title,
        headline=fmt.quantity(spec.quantity, reading.value),
        lines=lines,
        points=points,
        axis=(first_day, last_day),
        tz=clock.tz,
        dot=True,
    )
    return Screen(Picture.LATEST, Document.LINE, chart)
