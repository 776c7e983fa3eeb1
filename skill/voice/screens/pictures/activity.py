"""A day's activity within the week that ends on it (bars against the step goal), or a period's days.

The week comes from what the answer fetched anyway: a single day's activity is asked with the 7 days
before it (queries.activity, for stale syncs). The goal is the one extra call (queries.activity_goal).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

from skill.voice.screens.figures import sentence_case
from skill.voice.screens.pictures.charts import MAX_BARS, daily, day_bars
from skill.voice.screens.records import BarChart, Document, LineChart, Picture, Screen
from skill.voice.specs import ACTIVITY
from skill.voice.vocabulary import ActivityMetric

if TYPE_CHECKING:
    from skill.voice.queries.activity import ActivityResult
    from skill.voice.speech.format import Formatter
    from skill.voice.timezone import UserClock
    from skill.withings.models import Goals

WEEK: Final = 7


def activity(
    result: ActivityResult, metric: ActivityMetric, goals: Goals | None, fmt: Formatter, clock: UserClock
) -> Screen | None:
    spec = ACTIVITY[metric]
    name = fmt.cat(f"screen.metric.{metric.lower()}")
    goal = (
        float(goals.steps) if goals is not None and goals.steps and metric is ActivityMetric.STEPS else None
    )
    note = fmt.cat("screen.legend.goal", value=fmt.steps(goal)) if goal else ""
    period = result.period
    records = {r.day: r for r in (*result.earlier, *result.days)}
    if period.single_day:
        days = [period.start - timedelta(days=WEEK - 1 - i) for i in range(WEEK)]
    else:
        days = [period.start + timedelta(days=i) for i in range(period.days)]
    values = [spec.value(records[d]) if d in records else None for d in days]
    if all(v is None for v in values):
        return None
    if period.single_day:
        value = values[-1]
        if period.start == fmt.today:
            title = fmt.cat("screen.last_n_days", metric=name, n=fmt.number(WEEK))
        else:
            title = fmt.cat(
                "screen.n_days_to", metric=name, n=fmt.number(WEEK), date=fmt.date_text(period.start)
            )
        lines = []
        if goal and value is not None:
            lines.append(fmt.cat("screen.goal.percent", percent=fmt.percent(100.0 * value / goal, 0)))
        chart: BarChart | LineChart = day_bars(
            fmt,
            spec.quantity,
            title=title,
            headline=fmt.cat("screen.nothing_yet") if value is None else fmt.quantity(spec.quantity, value),
            lines=lines,
            days=days,
            values=values,
            highlight=WEEK - 1,
            goal=goal,
            note=note,
        )
    else:
        found = [v for v in values if v is not None]
        total, average = sum(found), sum(found) / len(found)  # as the spoken total and daily average
        per_day = fmt.quantity(spec.quantity, average)
        if not goal or len(days) > MAX_BARS:  # no goal line to explain: the average's instead
            goal, note = None, fmt.cat("screen.legend.average", value=per_day)
        chart = daily(
            fmt,
            spec.quantity,
            title=sentence_case(fmt.cat("screen.trend.title", metric=name, when=fmt.when(period))),
            headline=fmt.quantity(spec.quantity, total),
            lines=[fmt.cat("screen.per_day_value", value=per_day)],
            days=days,
            values=values,
            tz=clock.tz,
            average=None if goal else average,
            goal=goal,
            note=note,
        )
    document = Document.BARS if isinstance(chart, BarChart) else Document.LINE
    return Screen(Picture.ACTIVITY, document, chart)
