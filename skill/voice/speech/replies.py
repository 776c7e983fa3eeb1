"""Query results → the words of a reply: short, the number first, one comparison where it helps.

Replies report values and how fresh they are; they never judge them ("high", "healthy") and give no
advice. "No data" is an answer, said plainly, with the likely reason (a device still syncing), not
a zero. Every word comes from the locale's catalogue through the Formatter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from skill.voice.periods import Period
from skill.voice.queries import (
    ActivityResult,
    BloodPressureResult,
    DigestResult,
    GoalResult,
    HeartRateResult,
    MeasureResult,
    SleepResult,
    TrendResult,
    WorkoutsResult,
)
from skill.voice.speech.format import Formatter
from skill.voice.speech.reply import LINK_PROMPT, NO_DATA, PROMPT, UNKNOWN, Reply
from skill.withings.models import DailyActivity, SleepSummary, Workout

# "The latest" looks back this many days (queries.LOOKBACK_DAYS), said when nothing was found.
_RECENT_DAYS: Final = 90
_MAX_LISTED_WORKOUTS: Final = 3
_SECONDS_PER_DAY: Final = 86400
_NOON_S: Final = 12 * 3600

# Offers a "yes" accepts (kept in the session attributes between turns).
OFFER_WEIGHT_TREND: Final = "WEIGHT_TREND"


def _reply(fmt: Formatter, card: str, text: str, *, outcome: str | None = None) -> Reply:
    title = fmt.cat(f"card.{card}")
    return Reply(text, card_title=title, outcome=outcome or "answered")


def _no_data(fmt: Formatter, card: str, text: str) -> Reply:
    return _reply(fmt, card, text, outcome=NO_DATA)


# -- sleep ------------------------------------------------------------------------------------------

_SLEEP_STAGES: Final[dict[str, Callable[[SleepSummary], int | None]]] = {
    "DEEP": lambda s: s.deep_s,
    "LIGHT": lambda s: s.light_s,
    "REM": lambda s: s.rem_s,
}
_SLEEP_DURATIONS: Final[dict[str, Callable[[SleepSummary], int | None]]] = {
    "AWAKE": lambda s: s.awake_s,
    "TIME_IN_BED": lambda s: s.time_in_bed_s,
    "LATENCY": lambda s: s.sleep_latency_s,
}


def _sleep_metric_name(fmt: Formatter, metric: str) -> str:
    return fmt.cat(f"metric.sleep.{metric.lower()}")


def sleep(result: SleepResult, metric: str, fmt: Formatter) -> Reply:
    if result.single:
        return _one_night(result, metric, fmt)
    return _many_nights(result, metric, fmt)


def _one_night(result: SleepResult, metric: str, fmt: Formatter) -> Reply:
    when = fmt.night(result.last_night)
    night = result.night
    if night is None:
        return _no_data(fmt, "sleep", fmt.cat("sleep.none", when=when))
    text: str | None = None
    if metric == "TOTAL" and night.total_sleep_s:
        text = fmt.cat(
            "sleep.total",
            duration=fmt.duration(night.total_sleep_s),
            when=when,
            start=fmt.clock(night.start),
            end=fmt.clock(night.end),
        )
        if night.sleep_score is not None:
            text += " " + fmt.cat("sleep.score_suffix", score=fmt.number(night.sleep_score))
    elif metric in _SLEEP_STAGES and _SLEEP_STAGES[metric](night) is not None:
        seconds = _SLEEP_STAGES[metric](night) or 0
        stage = _sleep_metric_name(fmt, metric)
        text = fmt.cat("sleep.stage", duration=fmt.duration(seconds), stage=stage, when=when)
    elif metric == "SCORE" and night.sleep_score is not None:
        text = fmt.cat("sleep.score", score=fmt.number(night.sleep_score), when=when)
    elif metric == "BEDTIME":
        text = fmt.cat("sleep.bedtime", time=fmt.clock(night.start), when=when)
    elif metric == "WAKETIME":
        text = fmt.cat("sleep.waketime", time=fmt.clock(night.end), when=when)
    elif metric in _SLEEP_DURATIONS and _SLEEP_DURATIONS[metric](night) is not None:
        seconds = _SLEEP_DURATIONS[metric](night) or 0
        text = fmt.cat(f"sleep.{metric.lower()}", duration=fmt.duration(seconds), when=when)
    if text is None:
        missing = fmt.cat("sleep.metric_missing", metric=_sleep_metric_name(fmt, metric), when=when)
        return _no_data(fmt, "sleep", missing)
    return _reply(fmt, "sleep", text)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _average_clock(moments: list[datetime], *, around_midnight: bool) -> datetime | None:
    """The average time of day; bedtimes are averaged from noon so 11 PM and 1 AM give midnight."""
    if not moments:
        return None
    shift = _NOON_S if around_midnight else 0
    seconds = [((m.hour * 3600 + m.minute * 60 - shift) % _SECONDS_PER_DAY) for m in moments]
    mean = (sum(seconds) / len(seconds) + shift) % _SECONDS_PER_DAY
    mean_int = round(mean) % _SECONDS_PER_DAY
    return moments[-1].replace(hour=mean_int // 3600, minute=(mean_int % 3600) // 60, second=0)


def _many_nights(result: SleepResult, metric: str, fmt: Formatter) -> Reply:
    when = fmt.when(result.period)
    nights = list(result.nights)
    if not nights:
        return _no_data(fmt, "sleep", fmt.cat("sleep.none_period", when=when))
    count = fmt.count("unit.night", len(nights))
    text: str | None = None
    if metric == "TOTAL":
        avg = _mean([float(n.total_sleep_s) for n in nights if n.total_sleep_s])
        if avg is not None:
            text = fmt.cat("sleep.average", duration=fmt.duration(avg), when=when, nights=count)
    elif metric in _SLEEP_STAGES:
        avg = _mean([float(v) for n in nights if (v := _SLEEP_STAGES[metric](n)) is not None])
        if avg is not None:
            stage = _sleep_metric_name(fmt, metric)
            text = fmt.cat("sleep.average_stage", duration=fmt.duration(avg), stage=stage, when=when)
    elif metric == "SCORE":
        avg = _mean([float(n.sleep_score) for n in nights if n.sleep_score is not None])
        if avg is not None:
            text = fmt.cat("sleep.average_score", score=fmt.number(avg), when=when)
    elif metric in ("BEDTIME", "WAKETIME"):
        bed = metric == "BEDTIME"
        moment = _average_clock([n.start if bed else n.end for n in nights], around_midnight=bed)
        if moment is not None:
            key = "sleep.average_bedtime" if bed else "sleep.average_waketime"
            text = fmt.cat(key, time=fmt.clock(moment), when=when)
    elif metric in _SLEEP_DURATIONS:
        avg = _mean([float(v) for n in nights if (v := _SLEEP_DURATIONS[metric](n)) is not None])
        if avg is not None:
            name = _sleep_metric_name(fmt, metric)
            text = fmt.cat("sleep.average_metric", metric=name, duration=fmt.duration(avg), when=when)
    if text is None:
        missing = fmt.cat("sleep.metric_missing", metric=_sleep_metric_name(fmt, metric), when=when)
        return _no_data(fmt, "sleep", missing)
    return _reply(fmt, "sleep", text)


# -- activity ---------------------------------------------------------------------------------------

_ACTIVITY_VALUES: Final[dict[str, Callable[[DailyActivity], float | None]]] = {
    "STEPS": lambda d: float(d.steps) if d.steps else None,
    "DISTANCE": lambda d: d.distance_m or None,
    "CALORIES": lambda d: d.calories or None,
    "ACTIVE_TIME": lambda d: (
        float(d.active_s) if d.active_s else float((d.moderate_s or 0) + (d.intense_s or 0)) or None
    ),
    "FLOORS": lambda d: d.elevation_floors or None,
}


def _activity_value(metric: str, fmt: Formatter, value: float) -> str:
    formatters: dict[str, Callable[[float], str]] = {
        "STEPS": fmt.steps,
        "DISTANCE": fmt.distance,
        "CALORIES": fmt.calories,
        "ACTIVE_TIME": fmt.duration,
        "FLOORS": fmt.floors,
    }
    return formatters[metric](value)


def activity(result: ActivityResult, metric: str, fmt: Formatter) -> Reply:
    metric = metric if metric in _ACTIVITY_VALUES else "STEPS"
    get = _ACTIVITY_VALUES[metric]
    period, key = result.period, metric.lower()
    when = fmt.when(period)
    if period.single_day:
        record = result.day(period.start)
        value = get(record) if record else None
        is_today = period.start == fmt.today
        if value is None:
            if not is_today:
                return _no_data(fmt, "activity", fmt.cat("activity.none", when=when))
            # Today with nothing yet is almost always a sync that hasn't happened: say so, and what
            # the latest synced day had, rather than "zero steps".
            text = fmt.cat("activity.none_today")
            earlier = result.latest_before
            earlier_value = get(earlier) if earlier else None
            if earlier is not None and earlier_value is not None:
                latest = _activity_value(metric, fmt, earlier_value)
                text += " " + fmt.cat("activity.latest_was", when=fmt.on_day(earlier.day), value=latest)
            return _no_data(fmt, "activity", text)
        formatted = _activity_value(metric, fmt, value)
        if is_today:
            return _reply(fmt, "activity", fmt.cat(f"activity.{key}.today", value=formatted))
        return _reply(fmt, "activity", fmt.cat(f"activity.{key}.day", value=formatted, when=when))
    values = [v for d in result.days if (v := get(d)) is not None]
    if not values:
        return _no_data(fmt, "activity", fmt.cat("activity.none", when=when))
    total = _activity_value(metric, fmt, sum(values))
    average = _activity_value(metric, fmt, sum(values) / len(values))
    text = fmt.cat(f"activity.{key}.period", value=total, average=average, when=when)
    return _reply(fmt, "activity", text)


# -- body, blood pressure, heart rate, vitals -------------------------------------------------------


def body_value(metric: str, fmt: Formatter, value: float) -> str:
    if metric == "WEIGHT":
        return fmt.weight(value)
    if metric == "FAT_RATIO":
        return fmt.percent(value)
    return fmt.mass(value)


def _when_or_recent(fmt: Formatter, period: Period | None) -> str:
    if period is not None:
        return fmt.when(period)
    return fmt.cat("when.recent", n=fmt.number(_RECENT_DAYS))


def _weight_change(fmt: Formatter, result: MeasureResult) -> str | None:
    latest, before = result.latest, result.week_before
    if latest is None or before is None:
        return None
    delta = fmt.mass_in_unit(latest.value) - fmt.mass_in_unit(before.value)
    if abs(delta) < 0.05:  # equal as spoken
        return fmt.cat("change.same_week")
    key = "change.down_week" if delta < 0 else "change.up_week"
    return fmt.cat(key, delta=fmt.mass(latest.value - before.value))


def body(result: MeasureResult, metric: str, fmt: Formatter) -> Reply:
    name = fmt.cat(f"metric.body.{metric.lower()}")
    latest = result.latest
    if latest is None:
        text = fmt.cat("body.none", metric=name, when=_when_or_recent(fmt, result.period))
        return _no_data(fmt, "body", text)
    if result.period is not None and not result.period.single_day:
        average = result.average or 0.0
        count = fmt.count("unit.reading", len(result.readings))
        when = fmt.when(result.period)
        text = fmt.cat(
            "body.average", metric=name, value=body_value(metric, fmt, average), when=when, count=count
        )
        return _reply(fmt, "body", text)
    value = body_value(metric, fmt, latest.value)
    if metric != "WEIGHT":
        fresh = fmt.fresh(latest.taken_at, "reading")
        return _reply(fmt, "body", fmt.cat("body.metric", metric=name, value=value, fresh=fresh))
    fresh = fmt.fresh(latest.taken_at, "weighin")
    change = _weight_change(fmt, result)
    if change is None:
        return _reply(fmt, "body", fmt.cat("body.weight", value=value, fresh=fresh))
    return _reply(fmt, "body", fmt.cat("body.weight_change", value=value, fresh=fresh, change=change))


def blood_pressure(result: BloodPressureResult, fmt: Formatter) -> Reply:
    latest = result.latest
    if latest is None:
        return _no_data(fmt, "blood_pressure", fmt.cat("bp.none", when=_when_or_recent(fmt, result.period)))
    if result.period is not None and not result.period.single_day:
        systolic, diastolic = result.average or (0.0, 0.0)
        text = fmt.cat(
            "bp.average",
            systolic=fmt.number(systolic),
            diastolic=fmt.number(diastolic),
            when=fmt.when(result.period),
            count=fmt.count("unit.reading", len(result.readings)),
        )
        return _reply(fmt, "blood_pressure", text)
    values = {
        "systolic": fmt.number(latest.systolic),
        "diastolic": fmt.number(latest.diastolic),
        "fresh": fmt.fresh(latest.taken_at, "reading"),
    }
    if latest.pulse is not None:
        return _reply(
            fmt, "blood_pressure", fmt.cat("bp.latest_pulse", pulse=fmt.bpm(latest.pulse), **values)
        )
    return _reply(fmt, "blood_pressure", fmt.cat("bp.latest", **values))


def heart_rate(result: HeartRateResult, fmt: Formatter) -> Reply:
    period = result.period
    many = period is not None and not period.single_day
    if result.readings:
        if many:
            assert period is not None
            text = fmt.cat(
                "hr.average",
                bpm=fmt.bpm(result.average or 0.0),
                when=fmt.when(period),
                count=fmt.count("unit.reading", len(result.readings)),
            )
            return _reply(fmt, "heart_rate", text)
        latest = result.readings[-1]
        text = fmt.cat("hr.latest", bpm=fmt.bpm(latest.value), fresh=fmt.fresh(latest.taken_at, "reading"))
        return _reply(fmt, "heart_rate", text)
    days = [d for d in result.daily if d.hr_average]
    if not days:
        return _no_data(fmt, "heart_rate", fmt.cat("hr.none", when=_when_or_recent(fmt, period)))
    if many:
        assert period is not None
        text = fmt.cat("hr.tracker_average", bpm=fmt.bpm(result.average or 0.0), when=fmt.when(period))
        return _reply(fmt, "heart_rate", text)
    day = days[-1]
    text = fmt.cat("hr.tracker_day", bpm=fmt.bpm(float(day.hr_average or 0)), when=fmt.on_day(day.day))
    return _reply(fmt, "heart_rate", text)


def _vital_value(metric: str, fmt: Formatter, value: float) -> str:
    return fmt.temperature(value) if metric == "TEMPERATURE" else fmt.percent(value, 0)


def vitals(results: dict[str, MeasureResult], fmt: Formatter) -> Reply:
    sentences = []
    names = {m: fmt.cat(f"metric.vital.{m.lower()}") for m in results}
    period = next(iter(results.values())).period if results else None
    for metric, result in results.items():
        latest = result.latest
        if latest is None:
            continue
        if period is not None and not period.single_day:
            average = _vital_value(metric, fmt, result.average or 0.0)
            count = fmt.count("unit.reading", len(result.readings))
            sentences.append(
                fmt.cat(
                    "vitals.average", metric=names[metric], value=average, when=fmt.when(period), count=count
                )
            )
        else:
            value = _vital_value(metric, fmt, latest.value)
            fresh = fmt.fresh(latest.taken_at, "reading")
            sentences.append(fmt.cat("vitals.latest", metric=names[metric], value=value, fresh=fresh))
    if not sentences:
        text = fmt.cat(
            "vitals.none", metric=fmt.join(list(names.values())), when=_when_or_recent(fmt, period)
        )
        return _no_data(fmt, "vitals", text)
    return _reply(fmt, "vitals", " ".join(sentences))


# -- workouts ---------------------------------------------------------------------------------------


def workout_name(fmt: Formatter, workout: Workout) -> str:
    key = f"workout.{workout.category_code}"
    return fmt.cat(key) if key in fmt.cat.messages else fmt.cat("workout.other")


def workouts(result: WorkoutsResult, fmt: Formatter) -> Reply:
    when = fmt.when(result.period)
    found = list(result.workouts)
    if not found:
        return _no_data(fmt, "workouts", fmt.cat("workouts.none", when=when))
    newest = list(reversed(found))[:_MAX_LISTED_WORKOUTS]
    # On a single day the day is already in the sentence: don't repeat it for every workout.
    single = result.period.single_day
    items = [
        " ".join(
            fmt.cat(
                "workouts.item",
                activity=workout_name(fmt, w),
                duration=fmt.duration(w.duration_s),
                day="" if single else fmt.on_day(w.day),
            ).split()
        )
        for w in newest
    ]
    key = "workouts.list" if len(found) <= _MAX_LISTED_WORKOUTS else "workouts.list_latest"
    count = fmt.count("unit.workout", len(found))
    return _reply(fmt, "workouts", fmt.cat(key, count=count, when=when, items=fmt.join(items)))


# -- digest, trends, goals --------------------------------------------------------------------------


def _steps_today(result: ActivityResult | None, fmt: Formatter) -> float | None:
    if result is None:
        return None
    record = result.day(fmt.today)
    return float(record.steps) if record is not None and record.steps else None


def digest(result: DigestResult, fmt: Formatter) -> Reply:
    parts: list[str] = []
    if result.steps is not None:
        steps = _steps_today(result.steps, fmt)
        goal = result.goals.steps if result.goals is not None else None
        if steps is None:
            parts.append(fmt.cat("digest.steps_none"))
        elif goal:
            percent = fmt.percent(100.0 * steps / goal, 0)
            parts.append(
                fmt.cat("digest.steps_goal", steps=fmt.steps(steps), percent=percent, goal=fmt.number(goal))
            )
        else:
            parts.append(fmt.cat("digest.steps", steps=fmt.steps(steps)))
    if result.sleep is not None:
        night = result.sleep.night
        if night is not None and night.total_sleep_s:
            parts.append(fmt.cat("digest.sleep", duration=fmt.duration(night.total_sleep_s)))
        else:
            parts.append(fmt.cat("digest.sleep_none"))
    weight = result.weight.latest if result.weight is not None else None
    if weight is not None:
        fresh = fmt.fresh(weight.taken_at, "weighin")
        parts.append(fmt.cat("digest.weight", value=fmt.weight(weight.value), fresh=fresh))
    if result.failed:
        failed = fmt.join([fmt.cat(f"part.{name}") for name in result.failed])
        parts.append(fmt.cat("digest.failed", parts=failed))
    text = " ".join(parts)
    title = fmt.cat("card.digest")
    if weight is None:
        return Reply(text, card_title=title)
    # Offer the natural next question; "yes" answers it (AMAZON.YesIntent), anything else moves on.
    offer = fmt.cat("digest.offer")
    return Reply(
        f"{text} {offer}",
        card_title=title,
        card_text=text,
        reprompt=fmt.cat("digest.offer_reprompt"),
        end_session=False,
        offer=OFFER_WEIGHT_TREND,
    )


def _measure_trend_value(metric: str, fmt: Formatter, value: float) -> str:
    return fmt.weight(value) if metric == "WEIGHT" else fmt.percent(value)


def _measure_trend_delta(metric: str, fmt: Formatter, first: float, last: float) -> tuple[float, str]:
    """(signed change as spoken, its magnitude in words)."""
    if metric == "WEIGHT":
        return fmt.mass_in_unit(last) - fmt.mass_in_unit(first), fmt.mass(last - first)
    return round(last, 1) - round(first, 1), fmt.points(last - first)


def _daily_value(metric: str, fmt: Formatter, value: float) -> str:
    formatters: dict[str, Callable[[float], str]] = {
        "SLEEP": fmt.duration,
        "STEPS": fmt.steps,
        "DISTANCE": fmt.distance,
        "CALORIES": fmt.calories,
    }
    return formatters[metric](value)


def _compare_previous(result: TrendResult, fmt: Formatter) -> str | None:
    average, previous = result.average, result.previous_average
    if average is None or previous is None:
        return None
    spoken_now = _daily_value(result.metric, fmt, average)
    spoken_before = _daily_value(result.metric, fmt, previous)
    n = fmt.number(result.period.days)
    if spoken_now == spoken_before:
        return fmt.cat("compare.same", n=n)
    delta = _daily_value(result.metric, fmt, abs(average - previous))
    return fmt.cat("compare.more" if average > previous else "compare.less", delta=delta, n=n)


def trend(result: TrendResult, fmt: Formatter, *, average_only: bool = False) -> Reply:
    """TrendIntent (change over the period, one comparison) or AverageIntent (`average_only`)."""
    metric, when = result.metric, fmt.when(result.period)
    card = "average" if average_only else "trend"
    name = fmt.cat(f"metric.trend.{metric.lower()}")
    if not result.points:
        return _no_data(fmt, card, fmt.cat("trend.none", metric=name, when=when))
    average = result.average or 0.0
    if metric in ("WEIGHT", "FAT_RATIO"):
        return _reply(fmt, card, _measure_trend(result, fmt, name, average_only=average_only))
    if metric == "BLOOD_PRESSURE":
        text = fmt.cat(
            "trend.blood_pressure",
            systolic=fmt.number(average),
            diastolic=fmt.number(result.secondary_average or 0.0),
            when=when,
            count=fmt.count("unit.reading", len(result.points)),
        )
    elif metric == "HEART_RATE":
        text = fmt.cat("trend.heart_rate", bpm=fmt.bpm(average), when=when)
    else:
        text = fmt.cat(f"trend.{metric.lower()}", value=_daily_value(metric, fmt, average), when=when)
        comparison = None if average_only else _compare_previous(result, fmt)
        text = f"{text} {comparison}" if comparison else text
    return _reply(fmt, card, text)


def _measure_trend(result: TrendResult, fmt: Formatter, name: str, *, average_only: bool) -> str:
    """Weight or body fat: first to last over the period and the average, or just the average."""
    metric, when, points = result.metric, fmt.when(result.period), result.points
    avg_text = _measure_trend_value(metric, fmt, result.average or 0.0)
    if average_only:
        count = fmt.count("unit.reading", len(points))
        return fmt.cat("average.measure", metric=name, value=avg_text, when=when, count=count)
    first, last = points[0].value, points[-1].value
    if len(points) == 1:
        return fmt.cat("trend.single", metric=name, value=_measure_trend_value(metric, fmt, last), when=when)
    signed, magnitude = _measure_trend_delta(metric, fmt, first, last)
    if abs(signed) < 0.05:
        text = fmt.cat("trend.steady", metric=name, when=when, value=_measure_trend_value(metric, fmt, last))
    else:
        text = fmt.cat(
            "trend.down" if signed < 0 else "trend.up",
            metric=name,
            when=when,
            delta=magnitude,
            first=_measure_trend_value(metric, fmt, first),
            last=_measure_trend_value(metric, fmt, last),
        )
    return f"{text} {fmt.cat('trend.average', value=avg_text)}"


def goals(result: GoalResult, fmt: Formatter) -> Reply:
    if result.metric == "SLEEP":
        return _sleep_goal(result, fmt)
    if result.metric == "WEIGHT":
        return _weight_goal(result, fmt)
    return _steps_goal(result, fmt)


def _sleep_goal(result: GoalResult, fmt: Formatter) -> Reply:
    if not result.goals.sleep_s:
        return _no_data(fmt, "goals", fmt.cat("goals.none.sleep"))
    goal = fmt.duration(result.goals.sleep_s)
    night = result.sleep.night if result.sleep is not None else None
    if night is None or not night.total_sleep_s:
        return _reply(fmt, "goals", fmt.cat("goals.sleep_nodata", goal=goal))
    return _reply(fmt, "goals", fmt.cat("goals.sleep", goal=goal, duration=fmt.duration(night.total_sleep_s)))


def _weight_goal(result: GoalResult, fmt: Formatter) -> Reply:
    if not result.goals.weight_kg:
        return _no_data(fmt, "goals", fmt.cat("goals.none.weight"))
    goal = fmt.weight(result.goals.weight_kg)
    latest = result.weight.latest if result.weight is not None else None
    if latest is None:
        return _reply(fmt, "goals", fmt.cat("goals.weight_nodata", goal=goal))
    fresh = fmt.fresh(latest.taken_at, "weighin")
    return _reply(
        fmt, "goals", fmt.cat("goals.weight", goal=goal, value=fmt.weight(latest.value), fresh=fresh)
    )


def _steps_goal(result: GoalResult, fmt: Formatter) -> Reply:
    target = result.goals.steps
    if not target:
        return _no_data(fmt, "goals", fmt.cat("goals.none.steps"))
    goal = fmt.steps(target)
    steps = _steps_today(result.steps, fmt)
    if steps is None:
        return _reply(fmt, "goals", fmt.cat("goals.steps_nodata", goal=goal))
    percent = fmt.percent(100.0 * steps / target, 0)
    return _reply(fmt, "goals", fmt.cat("goals.steps", goal=goal, steps=fmt.steps(steps), percent=percent))


# -- conversation -----------------------------------------------------------------------------------


def launch(fmt: Formatter) -> Reply:
    return Reply(fmt.cat("launch"), reprompt=fmt.cat("launch.reprompt"), end_session=False, outcome=PROMPT)


def help_(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("help"),
        card_title=fmt.cat("card.help"),
        card_text=fmt.cat("help.card"),
        reprompt=fmt.cat("help.reprompt"),
        end_session=False,
        outcome=PROMPT,
    )


def fallback(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("fallback"), reprompt=fmt.cat("fallback.reprompt"), end_session=False, outcome=PROMPT
    )


def goodbye(fmt: Formatter) -> Reply:
    return Reply(fmt.cat("goodbye"), outcome=PROMPT)


def unknown_intent(fmt: Formatter) -> Reply:
    return Reply(
        fmt.cat("unknown_intent"), reprompt=fmt.cat("fallback.reprompt"), end_session=False, outcome=UNKNOWN
    )


def link_account(fmt: Formatter, key: str = "link.prompt") -> Reply:
    """One sentence and a LinkAccount card in the Alexa app; the session ends (never loop)."""
    return Reply(fmt.cat(key), link_account=True, outcome=LINK_PROMPT)


def apology(fmt: Formatter, key: str, outcome: str) -> Reply:
    """A short apology saying what happened ("error.timeout", "error.rate_limited", ...)."""
    return Reply(fmt.cat(key), outcome=outcome)
