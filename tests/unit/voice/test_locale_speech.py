"""The nine newer locales' numbers, units, clocks and dates in words, and their numbers said aloud."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from skill.voice.periods.resolve import resolve
from skill.voice.speech.catalogue import Catalogue, load
from skill.voice.speech.format import Formatter
from skill.voice.speech.spoken import for_speech, tidy
from skill.voice.vocabulary import PeriodDefault

TODAY = date(2026, 11, 26)  # a Thursday
PARIS = ZoneInfo("Europe/Paris")
NNBSP, NBSP = "\u202f", "\u00a0"


def fmt(locale: str) -> Formatter:
    return Formatter(load(locale), TODAY)


@pytest.mark.parametrize(
    ("locale", "value", "decimals", "expected"),
    [
        ("fr-FR", 6240, 0, f"6{NNBSP}240"),
        ("fr-CA", 1234567, 0, f"1{NBSP}234{NBSP}567"),
        ("fr-FR", 81.24, 1, "81,2"),
        ("es-ES", 12345.67, 1, "12.345,7"),
        ("es-MX", 12345.67, 1, "12,345.7"),
        ("it-IT", 6240, 0, "6.240"),
        ("en-IN", 1234567, 0, "12,34,567"),
        ("en-IN", 124000, 0, "1,24,000"),
        ("en-IN", 999, 0, "999"),
        ("en-IN", -124000, 0, "-1,24,000"),
        ("en-AU", 6240, 0, "6,240"),
    ],
)
def test_numbers_as_each_locale_writes_them(locale: str, value: float, decimals: int, expected: str) -> None:
    assert fmt(locale).number(value, decimals) == expected


def test_body_weight_distance_and_temperature_per_locale() -> None:
    assert fmt("en-CA").weight(81.2) == "179 pounds" and fmt("en-CA").distance(5150) == "5.2 kilometres"
    assert fmt("en-CA").temperature(36.85) == "36.9 degrees Celsius"
    assert fmt("en-AU").weight(81.24) == "81.2 kilos" and fmt("en-IN").distance(5150) == "5.2 kilometres"
    assert fmt("fr-FR").weight(81.24) == "81,2 kilos" and fmt("fr-CA").weight(81.2) == "179 livres"
    assert fmt("es-ES").weight(81.24) == "81,2 kilos" and fmt("es-US").weight(81.2) == "179 libras"
    assert (
        fmt("es-US").distance(5150) == "3.2 millas"
        and fmt("es-US").temperature(37.0) == "98.6 grados Fahrenheit"
    )
    assert fmt("it-IT").weight(81.24) == "81,2 chili" and fmt("it-IT").distance(1000) == "1 chilometro"


def test_french_says_the_singular_below_two() -> None:
    assert fmt("fr-FR").mass(0.6) == "0,6 kilo"
    assert fmt("fr-FR").mass(1.5) == "1,5 kilo"
    assert fmt("fr-FR").mass(2.0) == "2 kilos"
    assert fmt("es-ES").mass(1.5) == "1,5 kilos"  # Spanish: the singular is for exactly one
    assert fmt("it-IT").mass(1.0) == "1 chilo"


@pytest.mark.parametrize(
    ("locale", "hour", "minute", "expected"),
    [
        ("fr-FR", 22, 55, "22:55"),
        ("fr-FR", 7, 5, "07:05"),
        ("fr-CA", 7, 5, "07 h 05"),
        ("es-ES", 7, 5, "7:05"),
        ("es-MX", 22, 55, "10:55 de la noche"),
        ("es-MX", 7, 5, "7:05 de la mañana"),
        ("es-US", 15, 5, "3:05 de la tarde"),
        ("es-MX", 2, 5, "2:05 de la madrugada"),
        ("it-IT", 7, 5, "07:05"),
        ("en-CA", 22, 55, "10:55 p.m."),
        ("en-AU", 22, 55, "10:55 pm"),
        ("en-IN", 22, 55, "10:55 PM"),
    ],
)
def test_clocks(locale: str, hour: int, minute: int, expected: str) -> None:
    assert fmt(locale).clock(datetime(2026, 11, 25, hour, minute, tzinfo=PARIS)) == expected


def test_dates_with_their_weekday_and_the_first_as_an_ordinal() -> None:
    assert fmt("fr-FR").on_day(date(2026, 11, 3)) == "le mardi 3 novembre"
    assert fmt("es-ES").on_day(date(2026, 11, 3)) == "el martes 3 de noviembre"
    assert fmt("it-IT").on_day(date(2026, 11, 3)) == "martedì 3 novembre"
    assert fmt("fr-FR").date_text(date(2025, 3, 1)) == "samedi 1er mars 2025"
    assert fmt("es-MX").date_text(date(2025, 3, 3)) == "lunes 3 de marzo de 2025"
    assert fmt("en-CA").date_text(date(2026, 3, 3)) == "March 3"
    assert fmt("en-AU").date_text(date(2026, 3, 3)) == "3 March"


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("2026-W47", "fr-FR", "la semaine dernière"),
        ("2026-W47-WE", "fr-CA", "la fin de semaine dernière"),
        ("2026-SU", "fr-FR", "pendant l'été dernier"),
        ("2026-FA", "es-ES", "durante el otoño actual"),
        ("2026-SU", "es-MX", "durante el verano de 2026"),
        ("2026-SP", "it-IT", "durante la primavera 2026"),
        ("2025-Q2", "it-IT", "nel secondo trimestre del 2025"),
        ("201X", "es-ES", "en la década de 2010"),
        (None, "fr-FR", "sur les 30 derniers jours"),
    ],
)
def test_periods(value: str | None, locale: str, expected: str) -> None:
    period = resolve(value, TODAY, PeriodDefault.LAST_30_DAYS)
    assert period is not None
    assert fmt(locale).when(period) == expected


@pytest.mark.parametrize(
    ("locale", "card", "speech"),
    [
        ("fr-FR", f"81,2 kilos, 6{NNBSP}240 pas, à 07:05.", "81 virgule 2 kilos, 6240 pas, à 07:05."),
        ("fr-CA", f"1{NBSP}234{NBSP}567 pas", "1234567 pas"),
        ("es-ES", "12.345,7 kilómetros y 6.240 pasos.", "12345 coma 7 kilómetros y 6240 pasos."),
        ("es-MX", "6,240 pasos, 81.2 kilos, 120, 80", "6240 pasos, 81 punto 2 kilos, 120, 80"),
        ("it-IT", "81,2 chili. 12.500 passi", "81 virgola 2 chili. 12500 passi"),
        ("en-US", "6,240 steps, 81.2 pounds", "6,240 steps, 81.2 pounds"),  # English TTS reads these
        ("de-DE", "6.240 Schritte, 81,2 Kilo", "6.240 Schritte, 81,2 Kilo"),  # and German these
    ],
)
def test_speech_says_numbers_the_way_the_language_reads_them(locale: str, card: str, speech: str) -> None:
    assert for_speech(card, load(locale)) == speech


def test_speech_rewriting_follows_the_catalogue_setting_not_the_locale_name() -> None:
    real = load("it-IT")
    as_written = Catalogue(real.locale, {**real.settings, "speech_numbers": "as_written"}, real.messages)
    assert for_speech("81,2 chili", as_written) == "81,2 chili"


def test_an_abbreviation_ending_a_sentence_keeps_one_full_stop() -> None:
    assert tidy("from 10:25 p.m. to 5:23 a.m..") == "from 10:25 p.m. to 5:23 a.m."


# A clock placeholder after an article that agrees with the hour: "a las 1:05", "alle 01:05" should be
# "a la una", "all'una" (docs/locales.md). Spanish and Italian say a time after a colon or in brackets.
_ARTICLE_BEFORE_A_TIME = r"\b(a las|a la|de las|alle|dalle|all')\s*\{(time|start|end|asleep|woke)\}"
_CLOCK_KEYS = ("sleep.bedtime", "sleep.asleep_time", "sleep.waketime", "sleep.rise_time")


@pytest.mark.parametrize("locale", ["es-ES", "es-MX", "es-US", "it-IT"])
def test_no_time_follows_an_article_that_breaks_at_one_oclock(locale: str) -> None:
    messages = load(locale).messages
    found = [key for key, text in messages.items() if re.search(_ARTICLE_BEFORE_A_TIME, text)]
    for key in _CLOCK_KEYS:  # these say the time as {value}
        for variant in (key, key.replace("sleep.", "sleep.average_")):
            if re.search(r"\b(a las|a la|alle|all')\s*\{value\}", messages[variant]):
                found.append(variant)
    assert found == [], found
