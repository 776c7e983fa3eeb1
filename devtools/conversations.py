"""The demo's scripted conversation in each language: one place per language, a locale picks its own.

Each opens the skill by the locale's invocation name, asks one or two questions per intent the way
people there ask them — in one session, with follow-ups ("and the day before", "and my weight") and
each time of the night asked on its own (went to bed, fell asleep, woke up, got up) — and says
goodbye. tests/unit/test_demo_conversations.py routes every line through the locale's model (each
must reach its intent, with every slot understood).
"""

from __future__ import annotations

from typing import Final

ENGLISH: Final = (
    "open health scale",
    "how did I sleep last night",
    "what about the day before",
    "what about deep sleep",
    "what time did I go to bed",
    "what time did I fall asleep",
    "when did I wake up",
    "when did I get up",
    "and my weight",
    "how many steps did I take yesterday",
    "and the day before",
    "how active was I today",
    "how far did I walk today",
    "what's my body fat",
    "what was my blood pressure",
    "what's my heart rate",
    "what workouts did I do last week",
    "how has my weight changed this month",
    "what was my average sleep last week",
    "how am I doing today",
    "how close am I to my step goal",
    "stop",
)
GERMAN: Final = (
    "öffne smarte waage",
    "wie habe ich letzte nacht geschlafen",
    "und am tag davor",
    "was ist mit dem tiefschlaf",
    "wann bin ich ins bett gegangen",
    "wann bin ich eingeschlafen",
    "wann bin ich aufgewacht",
    "wann bin ich aufgestanden",
    "und mein gewicht",
    "wie viele schritte habe ich gestern gemacht",
    "was war am tag davor",
    "wie aktiv war ich heute",
    "wie weit bin ich heute gelaufen",
    "was ist mein körperfett",
    "wie war mein blutdruck",
    "wie ist mein puls",
    "welche workouts habe ich letzte woche gemacht",
    "wie hat sich mein gewicht diesen monat verändert",
    "was war mein durchschnittlicher schlaf letzte woche",
    "wie geht es mir heute",
    "wie nah bin ich an meinem schrittziel",
    "stopp",
)
FRENCH: Final = (
    "ouvre balance connectée",
    "comment ai je dormi cette nuit",
    "et la veille",
    "et le sommeil profond",
    "à quelle heure je me suis couché",
    "à quelle heure je me suis endormi",
    "à quelle heure je me suis réveillé",
    "à quelle heure je me suis levé",
    "et mon poids",
    "combien de pas ai je fait hier",
    "et le jour d'avant",
    "est ce que j'ai été actif aujourd'hui",
    "quelle distance ai je parcourue aujourd'hui",
    "quel est mon taux de masse grasse",
    "quelle est ma tension",
    "quel est mon pouls",
    "quel sport ai je fait la semaine dernière",
    "comment a évolué mon poids ce mois ci",
    "quelle est ma moyenne de sommeil la semaine dernière",
    "comment je vais aujourd'hui",
    "où en suis je de mon objectif de pas",
    "stop",
)
SPANISH_SPAIN: Final = (
    "abre báscula inteligente",
    "cómo he dormido esta noche",
    "y el día anterior",
    "y el sueño profundo",
    "a qué hora me acosté",
    "a qué hora me dormí",
    "a qué hora me desperté",
    "a qué hora me levanté",
    "y mi peso",
    "cuántos pasos di ayer",
    "y qué tal el día anterior",
    "cuánto tiempo estuve activo hoy",
    "qué distancia recorrí hoy",
    "cuál es mi grasa corporal",
    "cuál es mi tensión",
    "cuál es mi pulso",
    "qué deporte hice la semana pasada",
    "cómo ha cambiado mi peso este mes",
    "cuál fue mi promedio de sueño la semana pasada",
    "cómo voy hoy",
    "cómo voy con mi objetivo de pasos",
    "para",
)
SPANISH_AMERICAS: Final = (
    "abre báscula inteligente",
    "cómo dormí anoche",
    "y la noche anterior",
    "y el sueño profundo",
    "a qué hora me acosté",
    "a qué hora me quedé dormido",
    "a qué hora me desperté",
    "a qué hora me levanté",
    "y mi peso",
    "cuántos pasos di ayer",
    "y qué tal el día anterior",
    "cuánto tiempo estuve activo hoy",
    "qué distancia recorrí hoy",
    "cuál es mi grasa corporal",
    "cuál fue mi presión",
    "cuál es mi pulso",
    "qué deporte hice la semana pasada",
    "cómo cambió mi peso este mes",
    "cuál fue mi promedio de sueño la semana pasada",
    "cómo ando hoy",
    "cómo voy con mi meta de pasos",
    "para",
)
ITALIAN: Final = (
    "apri bilancia intelligente",
    "come ho dormito stanotte",
    "e il giorno prima",
    "e il sonno profondo",
    "a che ora sono andato a letto",
    "a che ora mi sono addormentato",
    "a che ora mi sono svegliato",
    "a che ora mi sono alzato",
    "e il mio peso",
    "quanti passi ho fatto ieri",
    "e com'era il giorno prima",
    "sono stato attivo oggi",
    "quanta strada ho fatto oggi",
    "qual è la mia percentuale di grasso",
    "qual è la mia pressione",
    "qual è la mia frequenza cardiaca",
    "che sport ho fatto la settimana scorsa",
    "com'è cambiato il mio peso questo mese",
    "qual è la mia media di sonno la settimana scorsa",
    "come sto andando oggi",
    "quanto manca al mio obiettivo di passi",
    "stop",
)

_BY_LOCALE: Final = {"es-ES": SPANISH_SPAIN, "es-MX": SPANISH_AMERICAS, "es-US": SPANISH_AMERICAS}
_BY_LANGUAGE: Final = {"en": ENGLISH, "de": GERMAN, "fr": FRENCH, "es": SPANISH_SPAIN, "it": ITALIAN}


def conversation(locale: str) -> tuple[str, ...]:
    """The demo's lines for `locale` (its region's, else its language's, else English)."""
    return _BY_LOCALE.get(locale) or _BY_LANGUAGE.get(locale[:2].lower(), ENGLISH)
