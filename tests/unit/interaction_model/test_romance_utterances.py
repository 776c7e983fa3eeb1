"""French, Spanish and Italian: the ways people ask reach the right intent, slots and dates.

Expectations are written by hand: (utterance, intent, {slot: value}), a custom slot's value being its
entity-resolution id and a date slot's value the AMAZON.DATE string Alexa sends for TODAY.
"""

from __future__ import annotations

from datetime import date

import pytest

from devtools.date_phrases import PRESENT_REF, resolve_date_phrase
from devtools.utterances import LAUNCH_REQUEST, Match, match_utterance
from skill.voice.intents import Intent

TODAY = date(2026, 11, 25)  # a Wednesday in ISO week 48


def slot_values(match: Match) -> dict[str, str | None]:
    return {
        fill.name: fill.resolution.value_id if fill.resolution is not None else fill.value
        for fill in match.slots
    }


ASKED = [
    # "cette nuit", "anoche", "stanotte" are literal samples: no date slot, the handler's default night.
    ("fr-FR", "comment j'ai dormi cette nuit", Intent.SLEEP, {}),
    ("fr-FR", "comment ai-je dormi hier", Intent.SLEEP, {"date": "2026-11-24"}),
    ("fr-FR", "combien de sommeil profond ai je eu", Intent.SLEEP, {"metric": "DEEP"}),
    # Each time of the night is its own metric: went to bed, fell asleep, woke up, got up.
    ("fr-FR", "à quelle heure je me suis couchée", Intent.SLEEP, {"metric": "BEDTIME"}),
    ("fr-FR", "à quelle heure me suis-je endormi hier", Intent.SLEEP,
     {"metric": "ASLEEP_TIME", "date": "2026-11-24"}),
    ("fr-FR", "quand est-ce que je me suis réveillée", Intent.SLEEP, {"metric": "WAKETIME"}),
    ("fr-FR", "à quelle heure je me suis levé", Intent.SLEEP, {"metric": "RISE_TIME"}),
    ("fr-FR", "à quelle heure je suis sorti du lit", Intent.SLEEP, {"metric": "RISE_TIME"}),
    ("fr-FR", "combien de temps ai je passé hier en sommeil profond", Intent.SLEEP,
     {"metric": "DEEP", "date": "2026-11-24"}),
    ("fr-FR", "est-ce que j'ai été active hier", Intent.ACTIVITY, {"date": "2026-11-24"}),
    ("fr-FR", "mes pas d'hier", Intent.ACTIVITY, {"date": "2026-11-24"}),
    ("fr-FR", "quel était mon poids du trois mars", Intent.BODY, {"metric": "WEIGHT", "date": "2027-03-03"}),
    ("fr-FR", "est-ce que j'ai perdu du poids ce mois-ci", Intent.TREND,
     {"metric": "WEIGHT", "period": "2026-11"}),
    ("fr-FR", "la moyenne de mes pas sur le mois dernier", Intent.AVERAGE,
     {"metric": "STEPS", "period": "2026-10"}),
    # follow-ups in a conversation
    ("fr-FR", "et la veille", Intent.FOLLOW_UP, {"step": "BEFORE"}),
    ("fr-FR", "et le lendemain", Intent.FOLLOW_UP, {"step": "AFTER"}),
    ("fr-FR", "et la semaine dernière", Intent.FOLLOW_UP, {"date": "2026-W47"}),
    ("fr-FR", "et mon poids", Intent.FOLLOW_UP, {"topic": "WEIGHT"}),
    ("fr-FR", "et le sommeil profond", Intent.FOLLOW_UP, {"topic": "DEEP_SLEEP"}),
    ("fr-FR", "et ma tension", Intent.FOLLOW_UP, {"topic": "BLOOD_PRESSURE"}),
    ("fr-FR", "et qu'en est-il de mes pas", Intent.FOLLOW_UP, {"topic": "STEPS"}),
    ("fr-FR", "et mon poids la veille", Intent.FOLLOW_UP, {"topic": "WEIGHT", "step": "BEFORE"}),
    ("fr-CA", "et mes pas pour hier", Intent.FOLLOW_UP, {"topic": "STEPS", "date": "2026-11-24"}),
    ("fr-CA", "et la fin de semaine dernière", Intent.FOLLOW_UP, {"date": "2026-W47-WE"}),
    ("fr-FR", "combien de pas j'ai fait aujourd'hui", Intent.ACTIVITY,
     {"metric": "STEPS", "date": "2026-11-25"}),
    ("fr-FR", "combien de kilomètres ai je parcouru la semaine dernière", Intent.ACTIVITY,
     {"metric": "DISTANCE", "date": "2026-W47"}),
    ("fr-FR", "combien je pèse", Intent.BODY, {}),
    ("fr-FR", "quel est mon poids", Intent.BODY, {"metric": "WEIGHT"}),
    ("fr-FR", "quelle est ma masse musculaire", Intent.BODY, {"metric": "MUSCLE_MASS"}),
    ("fr-FR", "quelle est ma tension", Intent.BLOOD_PRESSURE, {}),
    ("fr-FR", "quel est mon pouls", Intent.HEART_RATE, {}),
    ("fr-FR", "quelle est ma température", Intent.VITALS, {}),
    ("fr-FR", "quel sport ai je fait la semaine dernière", Intent.WORKOUTS, {"date": "2026-W47"}),
    ("fr-FR", "comment je vais aujourd'hui", Intent.DIGEST, {"date": "2026-11-25"}),
    ("fr-FR", "comment a évolué mon poids ce mois ci", Intent.TREND,
     {"metric": "WEIGHT", "period": "2026-11"}),
    ("fr-FR", "quelle est ma moyenne de pas la semaine dernière", Intent.AVERAGE,
     {"metric": "STEPS", "period": "2026-W47"}),
    ("fr-FR", "ai je atteint mon objectif de pas", Intent.GOALS, {"metric": "STEPS"}),
    ("fr-CA", "comment j'ai dormi la fin de semaine dernière", Intent.SLEEP, {"date": "2026-W47-WE"}),
    ("es-ES", "cómo he dormido esta noche", Intent.SLEEP, {}),
    ("es-MX", "cómo dormí anoche", Intent.SLEEP, {}),
    ("es-MX", "cómo dormí el lunes", Intent.SLEEP, {"date": "2026-11-30"}),
    ("es-ES", "a qué hora me acosté", Intent.SLEEP, {"metric": "BEDTIME"}),
    ("es-MX", "a qué hora me quedé dormida ayer", Intent.SLEEP,
     {"metric": "ASLEEP_TIME", "date": "2026-11-24"}),
    ("es-US", "a qué hora me desperté", Intent.SLEEP, {"metric": "WAKETIME"}),
    ("es-ES", "a qué hora me he levantado", Intent.SLEEP, {"metric": "RISE_TIME"}),
    ("es-MX", "mis pasos de ayer", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-24"}),
    ("es-MX", "bajé de peso este mes", Intent.TREND, {"metric": "WEIGHT", "period": "2026-11"}),
    ("es-ES", "y el día anterior", Intent.FOLLOW_UP, {"step": "BEFORE"}),
    ("es-MX", "y el día siguiente", Intent.FOLLOW_UP, {"step": "AFTER"}),
    ("es-US", "y la semana pasada", Intent.FOLLOW_UP, {"date": "2026-W47"}),
    ("es-ES", "y mi peso", Intent.FOLLOW_UP, {"topic": "WEIGHT"}),
    ("es-MX", "y el sueño profundo", Intent.FOLLOW_UP, {"topic": "DEEP_SLEEP"}),
    ("es-MX", "y qué tal mi presión", Intent.FOLLOW_UP, {"topic": "BLOOD_PRESSURE"}),
    ("es-ES", "y mis pasos del lunes", Intent.FOLLOW_UP, {"topic": "STEPS", "date": "2026-11-30"}),
    ("es-ES", "cuántos pasos he dado hoy", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-25"}),
    ("es-MX", "cuántos pasos di ayer", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-24"}),
    ("es-US", "cuánto peso", Intent.BODY, {}),
    ("es-ES", "cuál es mi tensión", Intent.BLOOD_PRESSURE, {}),
    ("es-MX", "cuál fue mi presión ayer", Intent.BLOOD_PRESSURE, {"date": "2026-11-24"}),
    ("es-MX", "cuál es mi pulso", Intent.HEART_RATE, {}),
    ("es-ES", "qué deporte hice la semana pasada", Intent.WORKOUTS, {"date": "2026-W47"}),
    ("es-MX", "cómo ando hoy", Intent.DIGEST, {"date": "2026-11-25"}),
    ("es-ES", "cómo ha cambiado mi peso este mes", Intent.TREND, {"metric": "WEIGHT", "period": "2026-11"}),
    ("es-MX", "cuál fue mi promedio de pasos la semana pasada", Intent.AVERAGE,
     {"metric": "STEPS", "period": "2026-W47"}),
    ("es-MX", "alcancé mi meta de pasos", Intent.GOALS, {"metric": "STEPS"}),
    ("it-IT", "come ho dormito stanotte", Intent.SLEEP, {}),
    ("it-IT", "come ho dormito ieri", Intent.SLEEP, {"date": "2026-11-24"}),
    ("it-IT", "a che ora sono andata a letto", Intent.SLEEP, {"metric": "BEDTIME"}),
    ("it-IT", "a che ora mi sono addormentato ieri", Intent.SLEEP,
     {"metric": "ASLEEP_TIME", "date": "2026-11-24"}),
    ("it-IT", "a che ora mi sono svegliata", Intent.SLEEP, {"metric": "WAKETIME"}),
    ("it-IT", "quando mi sono alzato", Intent.SLEEP, {"metric": "RISE_TIME"}),
    ("it-IT", "il mio peso della settimana scorsa", Intent.BODY, {"metric": "WEIGHT", "date": "2026-W47"}),
    ("it-IT", "ho perso peso questo mese", Intent.TREND, {"metric": "WEIGHT", "period": "2026-11"}),
    ("it-IT", "e il giorno prima", Intent.FOLLOW_UP, {"step": "BEFORE"}),
    ("it-IT", "e il giorno dopo", Intent.FOLLOW_UP, {"step": "AFTER"}),
    ("it-IT", "e la settimana scorsa", Intent.FOLLOW_UP, {"date": "2026-W47"}),
    ("it-IT", "e il mio peso", Intent.FOLLOW_UP, {"topic": "WEIGHT"}),
    ("it-IT", "e il sonno profondo", Intent.FOLLOW_UP, {"topic": "DEEP_SLEEP"}),
    ("it-IT", "e la mia pressione", Intent.FOLLOW_UP, {"topic": "BLOOD_PRESSURE"}),
    ("it-IT", "e i miei passi di ieri", Intent.FOLLOW_UP, {"topic": "STEPS", "date": "2026-11-24"}),
    ("it-IT", "quanti passi ho fatto ieri", Intent.ACTIVITY, {"metric": "STEPS", "date": "2026-11-24"}),
    ("it-IT", "quanto peso", Intent.BODY, {}),
    ("it-IT", "qual è la mia massa grassa", Intent.BODY, {"metric": "FAT_MASS"}),
    ("it-IT", "qual è la mia pressione", Intent.BLOOD_PRESSURE, {}),
    ("it-IT", "qual è la mia frequenza cardiaca", Intent.HEART_RATE, {}),
    ("it-IT", "che sport ho fatto la settimana scorsa", Intent.WORKOUTS, {"date": "2026-W47"}),
    ("it-IT", "come sto andando oggi", Intent.DIGEST, {"date": "2026-11-25"}),
    ("it-IT", "com'è cambiato il mio peso questo mese", Intent.TREND,
     {"metric": "WEIGHT", "period": "2026-11"}),
    ("it-IT", "la mia media di passi la settimana scorsa", Intent.AVERAGE,
     {"metric": "STEPS", "period": "2026-W47"}),
    ("it-IT", "ho raggiunto il mio obiettivo di passi", Intent.GOALS, {"metric": "STEPS"}),
]  # fmt: skip


@pytest.mark.parametrize(("locale", "utterance", "intent", "slots"), ASKED)
def test_questions_reach_their_intent_and_slots(
    locale: str, utterance: str, intent: str, slots: dict[str, str]
) -> None:
    match = match_utterance(utterance, locale, TODAY)
    assert (match.intent, slot_values(match)) == (intent, slots), match.sample


@pytest.mark.parametrize(
    ("locale", "utterance"),
    [("fr-FR", "ouvre balance connectée"), ("fr-CA", "lance balance connectée s'il te plaît"),
     ("es-ES", "abre báscula inteligente"), ("es-MX", "alexa abre báscula inteligente por favor"),
     ("it-IT", "apri bilancia intelligente")],
)  # fmt: skip
def test_opening_the_skill_is_a_launch(locale: str, utterance: str) -> None:
    assert match_utterance(utterance, locale, TODAY).request_type == LAUNCH_REQUEST


@pytest.mark.parametrize(
    ("locale", "utterance", "intent"),
    [("fr-FR", "demande à balance connectée combien je pèse", Intent.BODY),
     ("es-ES", "pregúntale a báscula inteligente cómo he dormido", Intent.SLEEP),
     ("it-IT", "chiedi a bilancia intelligente quanti passi ho fatto", Intent.ACTIVITY),
     ("fr-FR", "aide", "AMAZON.HelpIntent"), ("es-MX", "sí", "AMAZON.YesIntent"),
     ("it-IT", "annulla", "AMAZON.CancelIntent")],
)  # fmt: skip
def test_one_shot_questions_and_built_ins(locale: str, utterance: str, intent: str) -> None:
    assert match_utterance(utterance, locale, TODAY).intent == intent


@pytest.mark.parametrize(
    ("locale", "phrase", "value"),
    [("fr-FR", "avant hier", "2026-11-23"), ("fr-FR", "il y a trois jours", "2026-11-22"),
     ("fr-FR", "lundi dernier", "2026-11-23"), ("fr-FR", "le premier mars", "2027-03-01"),
     ("fr-FR", "mars deux mille vingt cinq", "2025-03"), ("fr-FR", "l'année dernière", "2025"),
     ("fr-FR", "maintenant", PRESENT_REF), ("fr-FR", "le trimestre dernier", "2026-Q3"),
     ("fr-FR", "d'hier", "2026-11-24"), ("fr-FR", "d'aujourd'hui", "2026-11-25"),
     ("es-ES", "anteayer", "2026-11-23"), ("es-ES", "hace dos semanas", "2026-W46"),
     ("es-ES", "el lunes pasado", "2026-11-23"), ("es-ES", "el tres de marzo", "2027-03-03"),
     ("es-MX", "marzo de dos mil veinticinco", "2025-03"), ("es-ES", "el verano pasado", "2025-SU"),
     ("it-IT", "l'altro ieri", "2026-11-23"), ("it-IT", "tre giorni fa", "2026-11-22"),
     ("it-IT", "lunedì scorso", "2026-11-23"), ("it-IT", "il primo marzo", "2027-03-01"),
     ("it-IT", "quest'anno", "2026"), ("it-IT", "lo scorso mese", "2026-10"),
     ("fr-FR", "bonjour", None), ("es-ES", "tres", None), ("it-IT", "passi", None)],
)  # fmt: skip
def test_date_phrases_resolve_as_alexa_resolves_them(locale: str, phrase: str, value: str | None) -> None:
    assert resolve_date_phrase(phrase, TODAY, locale) == value
