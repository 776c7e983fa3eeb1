"""The local stand-in for Alexa's NLU routes the ways people really ask to the right intent and slots.

Expectations are written by hand: (utterance, intent, {slot: value}), where a custom slot's value is
its entity-resolution id and a date slot's value is the AMAZON.DATE string for TODAY.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest

from devtools.utterances import (
    ER_SUCCESS_MATCH,
    ER_SUCCESS_NO_MATCH,
    FALLBACK_INTENT,
    INTENT_REQUEST,
    LAUNCH_REQUEST,
    Match,
    Matcher,
    load_model,
    match_utterance,
    normalize,
)
from skill.voice.intents import Intent
from skill.voice.locales import LOCALES

TODAY = date(2026, 11, 25)  # a Wednesday in ISO week 48


def slot_values(match: Match) -> dict[str, str | None]:
    """id for a resolved custom slot, the date value for AMAZON.DATE."""
    out: dict[str, str | None] = {}
    for fill in match.slots:
        out[fill.name] = fill.resolution.value_id if fill.resolution is not None else fill.value
    return out


ENGLISH = [
    # "last night" and "this morning" are literal samples: no date slot, the handler's default night.
    ("how did I sleep last night", Intent.SLEEP, {}),
    ("how did I sleep this morning", Intent.SLEEP, {}),
    ("how did I sleep on monday", Intent.SLEEP, {"date": "2026-11-30"}),
    ("How did I sleep?", Intent.SLEEP, {}),
    ("how long did I sleep", Intent.SLEEP, {}),
    # Each time of the night is its own metric: went to bed, fell asleep, woke up, got up.
    ("what time did I fall asleep", Intent.SLEEP, {"metric": "ASLEEP_TIME"}),
    ("what time did I go to bed", Intent.SLEEP, {"metric": "BEDTIME"}),
    ("when did I get up", Intent.SLEEP, {"metric": "RISE_TIME"}),
    ("when did I wake up yesterday", Intent.SLEEP, {"metric": "WAKETIME", "date": "2026-11-24"}),
    ("what time did I fall asleep last night", Intent.SLEEP, {"metric": "ASLEEP_TIME", "date": "2026-11-24"}),
    ("what was my sleep score for last night", Intent.SLEEP, {"metric": "SCORE", "date": "2026-11-24"}),
    ("what was my sleep score", Intent.SLEEP, {"metric": "SCORE"}),
    ("how much deep sleep did I get on monday", Intent.SLEEP, {"metric": "DEEP", "date": "2026-11-30"}),
    ("how much REM sleep did I get last night", Intent.SLEEP, {"metric": "REM", "date": "2026-11-24"}),
    ("how many steps did I take today", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-25"}),
    ("how far did I walk yesterday", Intent.ACTIVITY, {"date": "2026-11-24", "metric": "DISTANCE"}),
    ("how active was I yesterday", Intent.ACTIVITY, {"date": "2026-11-24"}),
    ("how many calories did I burn", Intent.ACTIVITY, {"metric": "CALORIES"}),
    ("how many floors have I climbed this week", Intent.ACTIVITY, {"metric": "FLOORS", "date": "2026-W48"}),
    ("what is my weight", Intent.BODY, {"metric": "WEIGHT"}),
    ("What's my weight?", Intent.BODY, {"metric": "WEIGHT"}),
    ("what do I weigh", Intent.BODY, {}),
    ("how much do I weigh", Intent.BODY, {}),
    ("what's my body fat", Intent.BODY, {"metric": "FAT_RATIO"}),
    ("what was my muscle mass last month", Intent.BODY, {"metric": "MUSCLE_MASS", "date": "2026-10"}),
    ("what was my blood pressure yesterday", Intent.BLOOD_PRESSURE, {"date": "2026-11-24"}),
    ("what's my BP", Intent.BLOOD_PRESSURE, {}),
    ("what's my heart rate", Intent.HEART_RATE, {}),
    ("what was my resting heart rate last night", Intent.HEART_RATE, {"date": "2026-11-24"}),
    ("what's my temperature", Intent.VITALS, {}),
    ("what's my oxygen saturation", Intent.VITALS, {}),
    ("what was my blood oxygen reading yesterday", Intent.VITALS, {"metric": "SPO2", "date": "2026-11-24"}),
    ("what workouts did I do last week", Intent.WORKOUTS, {"date": "2026-W47"}),
    ("did I exercise yesterday", Intent.WORKOUTS, {"date": "2026-11-24"}),
    ("when was my last workout", Intent.WORKOUTS, {}),
    ("how am I doing today", Intent.DIGEST, {"date": "2026-11-25"}),
    ("give me my daily summary", Intent.DIGEST, {}),
    ("give me my summary for yesterday", Intent.DIGEST, {"date": "2026-11-24"}),
    ("how has my weight changed this month", Intent.TREND, {"metric": "WEIGHT", "period": "2026-11"}),
    ("what's my weight trend", Intent.TREND, {"metric": "WEIGHT"}),
    ("how much weight have I lost this year", Intent.TREND, {"metric": "WEIGHT", "period": "2026"}),
    ("is my resting heart rate going down", Intent.TREND, {"metric": "HEART_RATE"}),
    ("what was my average sleep last week", Intent.AVERAGE, {"metric": "SLEEP", "period": "2026-W47"}),
    ("how many steps did I average last month", Intent.AVERAGE, {"metric": "STEPS", "period": "2026-10"}),
    (
        "what's my average heart rate this week",
        Intent.AVERAGE,
        {"metric": "HEART_RATE", "period": "2026-W48"},
    ),
    ("how close am I to my step goal", Intent.GOALS, {"metric": "STEPS"}),
    ("how am I doing on steps", Intent.GOALS, {"metric": "STEPS"}),
    ("did I hit my sleep goal", Intent.GOALS, {"metric": "SLEEP"}),
    ("how far am I from my target weight", Intent.GOALS, {"metric": "WEIGHT"}),
    # one-shot requests through the invocation name
    ("Alexa, ask health scale how I slept last night", Intent.SLEEP, {}),
    ("ask health scale how I slept on sunday", Intent.SLEEP, {"date": "2026-11-29"}),
    # follow-ups in a conversation
    ("what about the day before", Intent.FOLLOW_UP, {"step": "BEFORE"}),
    ("and the day after", Intent.FOLLOW_UP, {"step": "AFTER"}),
    ("and last week", Intent.FOLLOW_UP, {"date": "2026-W47"}),
    ("what about yesterday", Intent.FOLLOW_UP, {"date": "2026-11-24"}),
    ("and my weight", Intent.FOLLOW_UP, {"topic": "WEIGHT"}),
    ("what about deep sleep", Intent.FOLLOW_UP, {"topic": "DEEP_SLEEP"}),
    ("and my blood pressure", Intent.FOLLOW_UP, {"topic": "BLOOD_PRESSURE"}),
    ("and my steps for yesterday", Intent.FOLLOW_UP, {"topic": "STEPS", "date": "2026-11-24"}),
    ("and my weight the week before", Intent.FOLLOW_UP, {"topic": "WEIGHT", "step": "BEFORE"}),
    ("ask health scale for my weight", Intent.BODY, {"metric": "WEIGHT"}),
    ("tell health scale to give me my summary for yesterday", Intent.DIGEST, {"date": "2026-11-24"}),
    ("ask health scale about my sleep", Intent.SLEEP, {}),
    ("how many steps did I take using health scale", Intent.ACTIVITY, {"metric": "STEPS"}),
]

BRITISH = [
    ("how much do I weigh in stone", Intent.BODY, {}),
    ("what's my weight in stone", Intent.BODY, {"metric": "WEIGHT"}),
    ("have I put on weight this month", Intent.TREND, {"metric": "WEIGHT", "period": "2026-11"}),
    ("how am I getting on today", Intent.DIGEST, {"date": "2026-11-25"}),
    ("how far have I walked at the weekend", Intent.ACTIVITY, {"date": "2026-W48-WE", "metric": "DISTANCE"}),
    ("what was my weight on the third of march", Intent.BODY, {"metric": "WEIGHT", "date": "2027-03-03"}),
    ("did I do any sport yesterday", Intent.WORKOUTS, {"date": "2026-11-24"}),
    ("how many kilometres did I walk", Intent.ACTIVITY, {"metric": "DISTANCE"}),
]

GERMAN = [
    ("wie habe ich letzte Nacht geschlafen", Intent.SLEEP, {}),
    ("wie habe ich am Montag geschlafen", Intent.SLEEP, {"date": "2026-11-30"}),
    ("Wie habe ich geschlafen?", Intent.SLEEP, {}),
    ("wie lange habe ich geschlafen", Intent.SLEEP, {}),
    ("wann bin ich gestern eingeschlafen", Intent.SLEEP, {"metric": "ASLEEP_TIME", "date": "2026-11-24"}),
    ("wann bin ich aufgewacht", Intent.SLEEP, {"metric": "WAKETIME"}),
    ("wann bin ich ins Bett gegangen", Intent.SLEEP, {"metric": "BEDTIME"}),
    ("um wie viel Uhr bin ich aufgestanden", Intent.SLEEP, {"metric": "RISE_TIME"}),
    ("wie aktiv war ich gestern", Intent.ACTIVITY, {"date": "2026-11-24"}),
    ("und am Tag davor", Intent.FOLLOW_UP, {"step": "BEFORE"}),
    ("und am Tag danach", Intent.FOLLOW_UP, {"step": "AFTER"}),
    ("und letzte Woche", Intent.FOLLOW_UP, {"date": "2026-W47"}),
    ("und mein Gewicht", Intent.FOLLOW_UP, {"topic": "WEIGHT"}),
    ("was ist mit dem Tiefschlaf", Intent.FOLLOW_UP, {"topic": "DEEP_SLEEP"}),
    ("und mein Blutdruck", Intent.FOLLOW_UP, {"topic": "BLOOD_PRESSURE"}),
    ("wie war mein Schlafwert", Intent.SLEEP, {"metric": "SCORE"}),
    ("wie viel Tiefschlaf hatte ich gestern", Intent.SLEEP, {"metric": "DEEP", "date": "2026-11-24"}),
    ("wie viel tiefschlaf hatte ich am dritten märz", Intent.SLEEP, {"metric": "DEEP", "date": "2027-03-03"}),
    ("wie viele Schritte habe ich heute gemacht", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-25"}),
    (
        "wie viele Schritte bin ich gestern gegangen",
        Intent.ACTIVITY,
        {"metric": "STEPS", "date": "2026-11-24"},
    ),
    ("wie weit bin ich gestern gelaufen", Intent.ACTIVITY, {"date": "2026-11-24", "metric": "DISTANCE"}),
    ("wieviele Kalorien habe ich verbrannt", Intent.ACTIVITY, {"metric": "CALORIES"}),
    ("meine Schritte von gestern", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-24"}),
    ("wie viel wiege ich", Intent.BODY, {}),
    ("was wiege ich", Intent.BODY, {}),
    ("was ist mein Gewicht", Intent.BODY, {"metric": "WEIGHT"}),
    ("wie hoch ist mein Körperfettanteil", Intent.BODY, {"metric": "FAT_RATIO"}),
    ("wie ist meine Muskelmasse", Intent.BODY, {"metric": "MUSCLE_MASS"}),
    ("wie war mein Blutdruck am Montag", Intent.BLOOD_PRESSURE, {"date": "2026-11-30"}),
    ("wie hoch war mein Blutdruck vorgestern", Intent.BLOOD_PRESSURE, {"date": "2026-11-23"}),
    ("wie ist mein Puls", Intent.HEART_RATE, {}),
    ("wie war meine Herzfrequenz gestern", Intent.HEART_RATE, {"date": "2026-11-24"}),
    ("wie ist meine Temperatur", Intent.VITALS, {}),
    ("wie ist meine Sauerstoffsättigung", Intent.VITALS, {}),
    ("welche Temperatur hatte ich gestern", Intent.VITALS, {"metric": "TEMPERATURE", "date": "2026-11-24"}),
    ("welche Workouts habe ich letzte Woche gemacht", Intent.WORKOUTS, {"date": "2026-W47"}),
    ("habe ich gestern trainiert", Intent.WORKOUTS, {"date": "2026-11-24"}),
    ("war ich diese Woche joggen", Intent.WORKOUTS, {"date": "2026-W48"}),
    ("wie geht es mir heute", Intent.DIGEST, {"date": "2026-11-25"}),
    ("gib mir meine Tageszusammenfassung", Intent.DIGEST, {}),
    (
        "wie hat sich mein Gewicht diesen Monat verändert",
        Intent.TREND,
        {"metric": "WEIGHT", "period": "2026-11"},
    ),
    ("wie ist der Trend bei meinem Gewicht", Intent.TREND, {"metric": "WEIGHT"}),
    (
        "wie haben sich meine Schritte letzten Monat entwickelt",
        Intent.TREND,
        {"metric": "STEPS", "period": "2026-10"},
    ),
    ("wie viel habe ich dieses Jahr abgenommen", Intent.TREND, {"period": "2026"}),
    (
        "was war mein durchschnittlicher Schlaf letzte Woche",
        Intent.AVERAGE,
        {"metric": "SLEEP", "period": "2026-W47"},
    ),
    (
        "wie viele Schritte habe ich letzten Monat im Durchschnitt gemacht",
        Intent.AVERAGE,
        {"metric": "STEPS", "period": "2026-10"},
    ),
    ("wie nah bin ich an meinem Schrittziel", Intent.GOALS, {"metric": "STEPS"}),
    ("habe ich mein Schrittziel heute erreicht", Intent.GOALS, {"metric": "STEPS"}),
    ("wie viele Schritte fehlen mir noch", Intent.GOALS, {"metric": "STEPS"}),
    ("Alexa, frage smarte Waage, wie ich letzte Nacht geschlafen habe", Intent.SLEEP, {}),
    ("frage smarte Waage nach meinem Gewicht", Intent.BODY, {"metric": "WEIGHT"}),
    ("frage smarte Waage, wie viel ich wiege", Intent.BODY, {}),
]


@pytest.mark.parametrize(("utterance", "intent", "slots"), ENGLISH)
@pytest.mark.parametrize("locale", ["en-US", "en-GB"])
def test_english(locale: str, utterance: str, intent: str, slots: dict[str, str]) -> None:
    match = match_utterance(utterance, locale, TODAY)
    assert (match.request_type, match.intent, slot_values(match)) == (INTENT_REQUEST, intent, slots)


@pytest.mark.parametrize(("utterance", "intent", "slots"), BRITISH)
def test_british(utterance: str, intent: str, slots: dict[str, str]) -> None:
    match = match_utterance(utterance, "en-GB", TODAY)
    assert (match.intent, slot_values(match)) == (intent, slots)


@pytest.mark.parametrize(("utterance", "intent", "slots"), GERMAN)
def test_german(utterance: str, intent: str, slots: dict[str, str]) -> None:
    match = match_utterance(utterance, "de-DE", TODAY)
    assert (match.request_type, match.intent, slot_values(match)) == (INTENT_REQUEST, intent, slots)


@pytest.mark.parametrize(
    ("locale", "utterance"),
    [
        ("en-US", "open health scale"),
        ("en-US", "Alexa, launch health scale"),
        ("en-US", "start health scale please"),
        ("en-US", "ask health scale"),
        ("en-GB", "open health scale"),
        ("de-DE", "öffne smarte Waage"),
        ("de-DE", "Alexa, starte smarte Waage"),
        ("de-DE", "frage smarte Waage"),
    ],
)
def test_launch_requests(locale: str, utterance: str) -> None:
    match = match_utterance(utterance, locale, TODAY)
    assert (match.request_type, match.intent, match.slots) == (LAUNCH_REQUEST, None, ())


@pytest.mark.parametrize(
    ("locale", "utterance", "intent"),
    [
        ("en-US", "help", "AMAZON.HelpIntent"),
        ("en-US", "what can I say", "AMAZON.HelpIntent"),
        ("en-US", "stop", "AMAZON.StopIntent"),
        ("en-US", "cancel", "AMAZON.CancelIntent"),
        ("en-US", "Yes.", "AMAZON.YesIntent"),
        ("en-US", "no thanks", "AMAZON.NoIntent"),
        ("en-US", "go home", "AMAZON.NavigateHomeIntent"),
        ("en-US", "ask health scale for help", "AMAZON.HelpIntent"),
        ("de-DE", "Hilfe", "AMAZON.HelpIntent"),
        ("de-DE", "stopp", "AMAZON.StopIntent"),
        ("de-DE", "abbrechen", "AMAZON.CancelIntent"),
        ("de-DE", "ja", "AMAZON.YesIntent"),
        ("de-DE", "nein", "AMAZON.NoIntent"),
    ],
)
def test_built_in_intents(locale: str, utterance: str, intent: str) -> None:
    match = match_utterance(utterance, locale, TODAY)
    assert (match.request_type, match.intent, match.slots) == (INTENT_REQUEST, intent, ())


@pytest.mark.parametrize(
    ("locale", "utterance"),
    [
        ("en-US", "what is the meaning of life"),
        ("en-US", "play some music"),
        ("de-DE", "was ist der Sinn des Lebens"),
        ("de-DE", "spiele Musik"),
    ],
)
def test_anything_else_is_the_fallback_intent(locale: str, utterance: str) -> None:
    match = match_utterance(utterance, locale, TODAY)
    assert (match.request_type, match.intent, match.slots) == (INTENT_REQUEST, FALLBACK_INTENT, ())


def test_an_unknown_custom_value_is_er_success_no_match() -> None:
    match = match_utterance("what's my favourite colour", "en-US", TODAY)
    assert match.intent == Intent.BODY
    fill = match.slot("metric")
    assert fill is not None and fill.raw == "favourite colour" and fill.value == "favourite colour"
    assert fill.resolution is not None and fill.resolution.status == ER_SUCCESS_NO_MATCH
    assert fill.resolution.value_id is None and not fill.resolved


def test_a_synonym_resolves_to_the_value_id_and_canonical_name() -> None:
    match = match_utterance("how much dream sleep did I get", "en-US", TODAY)
    fill = match.slot("metric")
    assert fill is not None and fill.value == "dream sleep"
    assert fill.resolution is not None
    assert (fill.resolution.status, fill.resolution.value_id, fill.resolution.value_name) == (
        ER_SUCCESS_MATCH,
        "REM",
        "rem sleep",
    )


def test_an_unreadable_date_keeps_the_intent_without_a_value() -> None:
    match = match_utterance("how did I sleep with the window open", "en-US", TODAY)
    fill = match.slot("date")
    assert match.intent == Intent.SLEEP and fill is not None
    assert fill.raw == "with the window open" and fill.value is None and not fill.resolved


def test_the_most_specific_sample_wins() -> None:
    # "what's my {metric}" (body) also matches, with "weight trend" unresolved; the trend sample wins.
    assert match_utterance("what's my weight trend", "en-US", TODAY).sample == "what's my {metric} trend"
    # "how am I doing {date}" (digest) matches with an unreadable date; the goal sample wins.
    assert match_utterance("how am I doing on my step goal", "en-US", TODAY).intent == Intent.GOALS


def test_slots_json_is_what_alexa_sends() -> None:
    match = match_utterance("how much deep sleep did I get last night", "en-US", TODAY)
    slots = match.slots_json("amzn1.ask.skill.test")
    authority = "amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.SLEEP_METRIC"
    resolutions = {
        "resolutionsPerAuthority": [
            {
                "authority": authority,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": "deep sleep", "id": "DEEP"}}],
            }
        ]
    }
    assert slots == {
        "date": {
            "name": "date",
            "value": "2026-11-24",
            "confirmationStatus": "NONE",
            "source": "USER",
            "slotValue": {"type": "Simple", "value": "2026-11-24"},
        },
        "metric": {
            "name": "metric",
            "value": "deep sleep",
            "resolutions": resolutions,
            "confirmationStatus": "NONE",
            "source": "USER",
            "slotValue": {"type": "Simple", "value": "deep sleep", "resolutions": resolutions},
        },
    }


def test_slots_json_lists_unfilled_slots_without_a_value() -> None:
    slots = match_utterance("how did I sleep", "en-US", TODAY).slots_json("amzn1.ask.skill.test")
    assert slots == {
        "date": {"name": "date", "confirmationStatus": "NONE"},
        "metric": {"name": "metric", "confirmationStatus": "NONE"},
    }


def test_slots_json_of_a_no_match_has_no_values() -> None:
    slots = match_utterance("what's my favourite colour", "en-US", TODAY).slots_json("skill")
    authority = slots["metric"]["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"] == {"code": "ER_SUCCESS_NO_MATCH"} and "values" not in authority


@pytest.mark.parametrize(
    ("locale", "text", "words"),
    [
        ("en-US", "What's my weight?", ["what", "is", "my", "weight"]),
        ("en-US", "  how’s my   B. P.  ", ["how", "is", "my", "bp"]),
        ("en-US", "did I get a good night's sleep", ["did", "i", "get", "a", "good", "night's", "sleep"]),
        ("en-US", "twenty-first", ["twenty", "first"]),
        ("de-DE", "Wieviel wiege ich, bitte?", ["wie", "viel", "wiege", "ich", "bitte"]),
    ],
)
def test_normalize(locale: str, text: str, words: list[str]) -> None:
    assert normalize(text, locale) == words


@pytest.mark.parametrize("locale", LOCALES)
def test_every_sample_routes_to_its_own_intent(locale: str) -> None:
    """Fill each sample with a real value (cycling through a type's values) and route it back.

    Fails when two intents' samples overlap so that one shadows the other.
    """
    model: dict[str, Any] = load_model(locale)
    language_model = model["interactionModel"]["languageModel"]
    values = {t["name"]: [v["name"]["value"] for v in t["values"]] for t in language_model["types"]}
    dates = {
        "en": ["yesterday", "last week", "this month", "on monday"],
        "de": ["gestern", "letzte woche", "diesen monat", "am montag"],
        "fr": ["hier", "la semaine dernière", "ce mois ci", "lundi"],
        "es": ["ayer", "la semana pasada", "este mes", "el lunes"],
        "it": ["ieri", "la settimana scorsa", "questo mese", "lunedì"],
    }[locale[:2]]
    matcher = Matcher(model, locale)
    wrong = []
    count = 0
    for intent in language_model["intents"]:
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent["samples"]:
            count += 1

            def fill(slot: re.Match[str], n: int = count, types: dict[str, str] = slot_types) -> str:
                slot_type = types[slot.group(1)]
                pool = dates if slot_type == "AMAZON.DATE" else values[slot_type]
                return pool[n % len(pool)]

            utterance = re.sub(r"\{(\w+)\}", fill, sample)
            match = matcher.match(utterance, TODAY)
            if match.intent != intent["name"] or not all(f.resolved for f in match.slots):
                wrong.append((utterance, intent["name"], match.intent, match.sample))
    assert count > 500
    assert wrong == [], "\n".join(map(str, wrong))


def test_models_load_as_json() -> None:
    for locale in LOCALES:
        assert json.dumps(load_model(locale))
