"""Every custom intent answers in each of the nine newer locales through `python -m skill serve`.

GIVEN the whole product as processes (DynamoDB Local, the Withings sandbox, `serve`) and an account
linked through the real /link routes,
WHEN a real request envelope in en-CA, en-AU, en-IN, fr-FR, fr-CA, es-ES, es-MX, es-US or it-IT asks
one question per intent, each time of the night on its own, and follow-ups in an open session,
THEN the card shows the sandbox's figures as that locale writes them (kilos or pounds, kilometres or
miles, the decimal and thousands separators, the 12- or 24-hour clock, the date with its weekday)
and the speech says the same figures as that language reads them — both computed HERE from the raw
data with CLDR (tests/e2e/locale_formats.py), never by the skill's formatter; a night is said from
falling asleep to waking, each time question answers that one time, and a follow-up ("et la
veille", "y mi peso") answers the last question with one thing changed, asking for more.

One auth mode is enough here: the other suites prove both modes; this one proves the languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Final

import pytest

from devtools.envelopes import ResolvedSlot
from tests.e2e import locale_formats as lf
from tests.e2e.expectations import (
    BODY_TEMP,
    DIASTOLIC,
    PULSE,
    SYSTOLIC,
    WEIGHT,
    Raw,
    activity_on,
    iso_week,
    latest_weight_kg,
    night_ending,
    real_groups,
    today_of,
    value_of,
    weight_values,
    workouts_between,
)
from tests.e2e.expectations_nights import night_times
from tests.e2e.product_helpers import Product, Reply, Session, Slots

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("product_stack", ["oauth2"], indirect=True)]

USER = "10001"
LOCALES = tuple(lf.WORDS)
# How each language asks for more in a conversation (the catalogues' session.more: the test's claim).
MORE: Final = {"en": "Anything else?", "fr": "Autre chose ?", "es": "¿Algo más?", "it": "Vuoi sapere altro?"}
# The four times of a night: the metric that asks for it, and its key in night_times.
NIGHT_TIMES: Final = {"BEDTIME": "bed", "ASLEEP_TIME": "asleep", "WAKETIME": "woke", "RISE_TIME": "up"}


def answer(product: Product, locale: str, intent: str, slots: Slots | None = None) -> tuple[str, str]:
    """(card content, speech) of a data answer: a card with the same facts, and the session ends."""
    reply: Reply = product.ask(intent, product.user(USER), slots, locale=locale)
    assert reply.status == 200, reply.body
    card = reply.card
    assert card is not None and card["type"] == "Simple" and card["title"].strip(), reply.body
    assert reply.ends_session or intent == "DailyDigestIntent"
    return str(card["content"]), reply.text


def has(text: str, *parts: str) -> bool:
    return all(part in text for part in parts)


Check = Callable[[Product, str, Raw], None]


def weight(product: Product, locale: str, raw: Raw) -> None:
    card, speech = answer(product, locale, "BodyIntent")
    written, said = lf.body_weight(value_of(real_groups(raw, WEIGHT)[-1], WEIGHT) or 0.0, locale)
    assert card.startswith(written) and speech.startswith(said), (card, speech, written, said)


def steps_and_distance_yesterday(product: Product, locale: str, raw: Raw) -> None:
    yesterday = today_of(raw) - timedelta(days=1)
    record = activity_on(raw, yesterday)
    assert record is not None and record["steps"] >= 1000  # the thousands separator is exercised
    card, speech = answer(product, locale, "ActivityIntent", {"date": yesterday.isoformat()})
    written, said = lf.steps(record["steps"], locale)
    assert has(card, written) and has(speech, said), (card, speech, written, said)
    slots: Slots = {"date": yesterday.isoformat(), "metric": ResolvedSlot("distance", "DISTANCE")}
    card, speech = answer(product, locale, "ActivityIntent", slots)
    written, said = lf.distance(record["distance"], locale)
    assert has(card, written) and has(speech, said), (card, speech, written, said)


def steps_on_a_date(product: Product, locale: str, raw: Raw) -> None:
    day = today_of(raw) - timedelta(days=10)  # older than a week: said as a date
    if day.day == 1:  # "1er", "1º": CLDR's patterns have no ordinal; another day proves the format
        day -= timedelta(days=1)
    card, _ = answer(product, locale, "ActivityIntent", {"date": day.isoformat()})
    assert lf.day_text(day, locale) in card, (card, lf.day_text(day, locale))


def said_at(text: str, clock: str) -> bool:
    """`clock` said as a time of its own ("5:13" is not the end of "15:13")."""
    return re.search(rf"(?<![\d:]){re.escape(clock)}(?!\d)", text) is not None


def sleep_last_night(product: Product, locale: str, raw: Raw) -> None:
    """Time asleep is said from falling asleep to waking, never with the time in bed as its span."""
    night = night_ending(raw, today_of(raw))
    assert night is not None
    card, speech = answer(product, locale, "SleepIntent")
    times = night_times(raw, night)
    asleep, woke = (lf.clock(times[k], locale) for k in ("asleep", "woke"))
    assert has(card, asleep, woke) and has(speech, asleep, woke), (card, asleep, woke)
    # Going to bed and getting up are other times: never said as the bounds of the sleep.
    for other in {lf.clock(times[k], locale) for k in ("bed", "up")} - {asleep, woke}:
        assert not said_at(speech, other), (speech, other)


def each_time_of_the_night(product: Product, locale: str, raw: Raw) -> None:
    """ "À quelle heure je me suis couché / endormi / réveillé / levé": that one time, no other."""
    night = night_ending(raw, today_of(raw))
    assert night is not None
    times = night_times(raw, night)
    clocks = {metric: lf.clock(times[key], locale) for metric, key in NIGHT_TIMES.items()}
    for metric, clock in clocks.items():
        card, speech = answer(product, locale, "SleepIntent", {"metric": ResolvedSlot(metric, metric)})
        others = [other for other in clocks.values() if other != clock]
        assert said_at(speech, clock) and said_at(card, clock), (metric, speech, clock)
        assert not any(said_at(speech, other) for other in others), (metric, speech, others)


def blood_pressure(product: Product, locale: str, raw: Raw) -> None:
    group = [g for g in real_groups(raw, SYSTOLIC) if value_of(g, DIASTOLIC) is not None][-1]
    card, _ = answer(product, locale, "BloodPressureIntent")
    numbers = [lf.written(value_of(group, t) or 0.0, locale) for t in (SYSTOLIC, DIASTOLIC)]
    assert card.startswith(numbers[0]) and has(card, numbers[1]), (card, numbers)


def heart_rate(product: Product, locale: str, raw: Raw) -> None:
    group = real_groups(raw, PULSE)[-1]
    card, _ = answer(product, locale, "HeartRateIntent")
    assert card.startswith(lf.written(value_of(group, PULSE) or 0.0, locale) + " "), card


def temperature(product: Product, locale: str, raw: Raw) -> None:
    group = real_groups(raw, BODY_TEMP)[-1]
    card, speech = answer(product, locale, "VitalsIntent", {"metric": ResolvedSlot("t", "TEMPERATURE")})
    written, said = lf.temperature(value_of(group, BODY_TEMP) or 0.0, locale)
    assert has(card, written) and has(speech, said), (card, speech, written, said)


def workouts_last_week(product: Product, locale: str, raw: Raw) -> None:
    monday = today_of(raw) - timedelta(days=today_of(raw).weekday() + 7)
    found = workouts_between(raw, monday, monday + timedelta(days=6))
    card, _ = answer(product, locale, "WorkoutIntent", {"date": iso_week(monday)})
    assert found and has(card, f"{len(found)} "), (card, len(found))


def digest(product: Product, locale: str, raw: Raw) -> None:
    record = activity_on(raw, today_of(raw))
    assert record is not None
    card, speech = answer(product, locale, "DailyDigestIntent")
    written, said = lf.steps(record["steps"], locale)
    assert has(card, written) and has(speech, said), (card, speech, written, said)


def weight_trend(product: Product, locale: str, raw: Raw) -> None:
    today = today_of(raw)
    trend = weight_values(raw, today - timedelta(days=29), today)
    assert len(trend.values) >= 2
    card, speech = answer(product, locale, "TrendIntent")
    first, last = lf.body_weight(trend.first, locale), lf.body_weight(trend.last, locale)
    if first[0] != last[0]:  # a change: from the first to the last
        assert has(card, first[0], last[0]) and has(speech, first[1], last[1]), (card, first, last)
    else:
        assert has(card, last[0]), (card, last)


def average_steps(product: Product, locale: str, raw: Raw) -> None:
    today = today_of(raw)
    days = [activity_on(raw, today - timedelta(days=n)) for n in range(30)]
    counts = [d["steps"] for d in days if d and d["steps"]]
    card, speech = answer(product, locale, "AverageIntent")
    written, said = lf.steps(sum(counts) / len(counts), locale)
    assert has(card, written) and has(speech, said), (card, speech, written, said)


def step_goal(product: Product, locale: str, raw: Raw) -> None:
    card, speech = answer(product, locale, "GoalsIntent")
    goal = raw["goals"]["steps"]
    assert has(card, lf.written(goal, locale)) and has(speech, lf.spoken(goal, locale)), card


CHECKS: tuple[Check, ...] = (
    weight,
    steps_and_distance_yesterday,
    steps_on_a_date,
    sleep_last_night,
    each_time_of_the_night,
    blood_pressure,
    heart_rate,
    temperature,
    workouts_last_week,
    digest,
    weight_trend,
    average_steps,
    step_goal,
)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_answers_with_the_locales_figures_and_formats(product: Product, locale: str) -> None:
    raw = product.raw(USER)
    failures = []
    for check in CHECKS:
        try:
            check(product, locale, raw)
        except AssertionError as exc:  # all of a locale's failures at once, each naming its check
            failures.append(f"{locale} {check.__name__}: {exc}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("locale", LOCALES)
def test_follow_ups_in_a_conversation_in_the_locales_language(product: Product, locale: str) -> None:
    """Open the skill, ask how I slept, then "and my weight", "and my sleep", "and the night before":
    each answer follows the last question with one thing changed and keeps the session open."""
    raw = product.raw(USER)
    today = today_of(raw)
    session = Session(product, product.user(USER), locale)
    assert not session.last.ends_session
    last_night = session.ask("SleepIntent")
    # Last night was the sleep question's default: the weight is the latest one, not last night's.
    weight = session.ask("FollowUpIntent", {"topic": ResolvedSlot("weight", "WEIGHT")})
    sleep = session.ask("FollowUpIntent", {"topic": ResolvedSlot("sleep", "SLEEP")})
    before = session.ask("FollowUpIntent", {"step": ResolvedSlot("day before", "BEFORE")})
    for reply in (last_night, weight, sleep, before):
        assert not reply.ends_session and reply.reprompt, reply.text
        assert reply.text.endswith(MORE[locale[:2]]), reply.text
    _, said = lf.body_weight(latest_weight_kg(raw), locale)
    assert weight.text.startswith(said), (weight.text, said)
    assert sleep.text == last_night.text
    # The night before last night ended yesterday morning: its own times, not last night's.
    night = night_ending(raw, today - timedelta(days=1))
    assert night is not None
    times = night_times(raw, night)
    asleep, woke = (lf.clock(times[k], locale) for k in ("asleep", "woke"))
    assert said_at(before.text, asleep) and said_at(before.text, woke), (before.text, asleep, woke)
    assert before.text != last_night.text


@pytest.mark.parametrize("locale", LOCALES)
def test_launch_speaks_the_locales_language(product: Product, locale: str) -> None:
    reply = product.launch(product.user(USER), locale=locale)
    first_word = {"en": "Welcome", "fr": "Bienvenue", "es": "Te doy", "it": "Ti do"}[locale[:2]]
    assert reply.text.startswith(first_word) and not reply.ends_session, reply.text
