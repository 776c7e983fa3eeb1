"""What the skill must say about nights — sleep, the times of a night, a conversation's follow-ups —
computed from the sandbox's raw data (tests/e2e/expectations.py has the shared helpers and the rest).

en-US unless a name says otherwise; written from the Withings wire format and the catalogues'
wording, never by calling the skill's own code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

from tests.e2e.expectations import (
    DIASTOLIC,
    PULSE,
    SYSTOLIC,
    Expectation,
    Raw,
    Want,
    clock,
    date_text,
    duration,
    fresh,
    groups_between,
    hours_minutes,
    last_week,
    local_time,
    night_ending,
    on_day,
    said,
    today_of,
    value_of,
    weekday,
)


def night_times(raw: Raw, night: Mapping[str, Any]) -> dict[str, datetime]:
    """The four times of a night: went to bed (startdate), fell asleep (+ sleep_latency), woke up
    (enddate - wakeup_latency), got up (enddate)."""
    data = night["data"]
    return {
        "bed": local_time(raw, night["startdate"]),
        "asleep": local_time(raw, night["startdate"] + data["sleep_latency"]),
        "woke": local_time(raw, night["enddate"] - data["wakeup_latency"]),
        "up": local_time(raw, night["enddate"]),
    }


def last_night_sleep(raw: Raw) -> Want:
    """Time asleep, and when the person fell asleep and woke up: never the time in bed as its span."""
    night = night_ending(raw, today_of(raw))
    if night is None:  # before last night has ended (or it was not recorded)
        return Want("I don't have any sleep data for last night.", "startswith")
    data, times = night["data"], night_times(raw, night)
    text = (
        f"You slept {duration(data['total_sleep_time'])} last night: "
        f"you fell asleep at {clock(times['asleep'])} and woke up at {clock(times['woke'])}."
    )
    return Want(f"{text} Your sleep score was {data['sleep_score']}.")


def last_night_sleep_de(raw: Raw) -> Want:
    night = night_ending(raw, today_of(raw))
    if night is None:
        return Want("Ich habe letzte Nacht keine Schlafdaten.", "startswith")
    data, times = night["data"], night_times(raw, night)
    return Want(
        f"Du hast letzte Nacht {duration_de(data['total_sleep_time'])} geschlafen: eingeschlafen bist du um "
        f"{clock_de(times['asleep'])}, aufgewacht um {clock_de(times['woke'])}. "
        f"Dein Schlafwert war {data['sleep_score']}."
    )


_TIME_SENTENCES: Final = {
    "BEDTIME": ("bed", "You went to bed at {t} last night."),
    "ASLEEP_TIME": ("asleep", "You fell asleep at {t} last night."),
    "WAKETIME": ("woke", "After your sleep last night, you woke up at {t}."),
    "RISE_TIME": ("up", "After your sleep last night, you got up at {t}."),
}


def last_night_time(metric: str) -> Expectation:
    """ "What time did I go to bed / fall asleep / wake up / get up": that one time of last night."""
    which, sentence = _TIME_SENTENCES[metric]

    def want(raw: Raw) -> Want:
        night = night_ending(raw, today_of(raw))
        if night is None:
            return Want("I don't have any sleep data for last night.", "startswith")
        return Want(sentence.format(t=clock(night_times(raw, night)[which])))

    return want


def clock_de(moment: datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d} Uhr"


def duration_de(seconds: float) -> str:
    hours, rest = hours_minutes(seconds)
    parts = []
    if hours:
        parts.append(f"{hours} Stunde{'n' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} Minute{'n' if rest != 1 else ''}")
    return " ".join(parts) or "weniger als eine Minute"


# -- conversations: a night, a stage, a day's blood pressure (en-US unless named) ---------------------

_WEEKDAYS_DE: Final = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def night_words(began: date, today: date) -> str:
    """The night that began on the evening of `began`: "last night", "Monday night"."""
    if began >= today - timedelta(days=1):
        return "last night"
    return (
        f"{weekday(began)} night" if (today - began).days < 7 else f"the night of {date_text(began, today)}"
    )


def night_sleep(began: date) -> Expectation:
    """SleepIntent for the night that began on the evening of `began` (Withings dates it a day later)."""

    def want(raw: Raw) -> Want:
        today = today_of(raw)
        when = night_words(began, today)
        night = night_ending(raw, began + timedelta(days=1))
        if night is None:
            return Want(f"I don't have any sleep data for {when}.", "startswith")
        data, times = night["data"], night_times(raw, night)
        return Want(
            f"You slept {duration(data['total_sleep_time'])} {when}: "
            f"you fell asleep at {clock(times['asleep'])} and woke up at {clock(times['woke'])}. "
            f"Your sleep score was {data['sleep_score']}."
        )

    return want


def night_sleep_de(began: date) -> Expectation:
    def want(raw: Raw) -> Want:
        today = today_of(raw)
        night = night_ending(raw, began + timedelta(days=1))
        assert night is not None and 1 < (today - began).days < 7
        data, times = night["data"], night_times(raw, night)
        return Want(
            f"Du hast in der {_WEEKDAYS_DE[began.weekday()]}nacht {duration_de(data['total_sleep_time'])} "
            f"geschlafen: eingeschlafen bist du um {clock_de(times['asleep'])}, aufgewacht um "
            f"{clock_de(times['woke'])}. Dein Schlafwert war {data['sleep_score']}."
        )

    return want


def deep_sleep(began: date) -> Expectation:
    def want(raw: Raw) -> Want:
        night = night_ending(raw, began + timedelta(days=1))
        assert night is not None
        when = night_words(began, today_of(raw))
        return Want(f"You had {duration(night['data']['deepsleepduration'])} of deep sleep {when}.")

    return want


def _pressure_groups(raw: Raw, first: date, last: date) -> list[dict[str, Any]]:
    return groups_between(raw, SYSTOLIC, first, last)


def blood_pressure_on(day: date) -> Expectation:
    """BloodPressureIntent for one day: its latest reading, with the pulse taken with it."""

    def want(raw: Raw) -> Want:
        found = _pressure_groups(raw, day, day)
        if not found:
            return Want(f"I don't have any blood pressure readings {on_day(day, today_of(raw))}.")
        latest = found[-1]
        systolic, diastolic, pulse = (value_of(latest, t) for t in (SYSTOLIC, DIASTOLIC, PULSE))
        assert systolic is not None and diastolic is not None and pulse is not None
        return Want(
            f"{said(systolic)} over {said(diastolic)}, with a pulse of {said(pulse)} beats per minute, "
            f"{fresh(raw, latest['date'], 'reading')}."
        )

    return want


def blood_pressure_last_week(raw: Raw) -> Want:
    first, last = last_week(today_of(raw))
    found = _pressure_groups(raw, first, last)
    if not found:
        return Want("I don't have any blood pressure readings last week.")
    systolic = [value_of(g, SYSTOLIC) or 0.0 for g in found]
    diastolic = [value_of(g, DIASTOLIC) or 0.0 for g in found]
    count = f"{len(found)} reading{'s' if len(found) != 1 else ''}"
    return Want(
        f"Your blood pressure averaged {said(sum(systolic) / len(found))} over "
        f"{said(sum(diastolic) / len(found))} last week, from {count}."
    )


def with_more(want: Expectation, more: str = "Anything else?") -> Expectation:
    """The same answer in a conversation: it asks for more (de-DE: "Noch etwas?")."""

    def wanted(raw: Raw) -> Want:
        inner = want(raw)
        if inner.how != "==":
            return inner
        return Want(f"{inner.text} {more}")

    return wanted
