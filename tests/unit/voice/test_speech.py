"""Catalogues, number/unit/time formatting per locale, SSML (skill/voice/speech)."""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from skill.voice.locales import LOCALES
from skill.voice.periods.resolve import resolve
from skill.voice.speech import catalogue as catalogue_mod
from skill.voice.speech.catalogue import SETTING_KEYS, load, placeholder_mismatch, supported_locale
from skill.voice.speech.format import Formatter
from skill.voice.speech.ssml import MAX_CARD_CHARS, MAX_SSML_CHARS, card_text, to_ssml
from skill.voice.vocabulary import PeriodDefault

TODAY = date(2026, 11, 26)  # a Thursday
SPEECH_DIR = Path(catalogue_mod.__file__).resolve().parent
BERLIN = ZoneInfo("Europe/Berlin")


def fmt(locale: str) -> Formatter:
    return Formatter(load(locale), TODAY)


# -- the catalogues ----------------------------------------------------------------------------------


def _raw(locale: str) -> dict[str, Any]:
    data = json.loads((SPEECH_DIR / "locales" / f"{locale}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_exists_in_every_locale_with_the_same_placeholders(locale: str) -> None:
    # One failure per locale, naming every key that is missing or whose placeholders differ.
    reference = load("en-US").messages
    messages = load(locale).messages
    problems = [f"{locale}: {key} is missing" for key in sorted(set(reference) - set(messages))]
    problems += [f"{locale}: {key} is unknown to en-US" for key in sorted(set(messages) - set(reference))]
    for key in sorted(set(reference) & set(messages)):
        if not messages[key].strip():
            problems.append(f"{locale}: {key} is empty")
        mismatch = placeholder_mismatch(key, messages[key], reference[key])
        if mismatch:
            problems.append(f"{locale}: {key}: {mismatch}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_every_setting(locale: str) -> None:
    assert set(load(locale).settings) == set(SETTING_KEYS), locale


@pytest.mark.parametrize("locale", LOCALES)
def test_a_regional_catalogue_extends_a_full_one_and_overrides_only_known_keys(locale: str) -> None:
    raw = _raw(locale)
    parent = raw.get("extends")
    if parent is None:
        assert set(raw["settings"]) == set(SETTING_KEYS), locale
        return
    assert parent in LOCALES and parent != locale
    reference = load("en-US")
    assert set(raw.get("messages", {})) <= set(reference.messages), locale
    assert set(raw.get("settings", {})) <= set(SETTING_KEYS), locale
    # What it says differs from its parent: an override equal to the parent's text is noise.
    same = [k for k, v in raw.get("messages", {}).items() if load(parent).messages[k] == v]
    assert not same, f"{locale}: {same} repeat {parent}"


def test_a_placeholder_mismatch_names_what_differs() -> None:
    assert placeholder_mismatch("sleep.total", "{value} {when}", "{value} {when} {start}") == (
        "placeholders differ: missing ['start'], unknown []"
    )
    assert placeholder_mismatch("date.day_month", "{weekday} {day} {month}", "{month} {day}") is None
    assert placeholder_mismatch("date.day_month", "{day} {month}", "{month} {day}") is None
    assert placeholder_mismatch("sleep.total", "{value}", "{value}") is None


def test_every_message_key_the_code_uses_exists() -> None:
    # Literal keys in the code (catalogue calls and ProgressiveResponse keys) must all be defined.
    code = "\n".join(p.read_text(encoding="utf-8") for p in (SPEECH_DIR.parent).rglob("*.py"))
    used = set(re.findall(r"""cat\(\s*"([a-z_.0-9]+)"|"((?:progress|error|link)\.[a-z_.]+)\"""", code))
    keys = {a or b for a, b in used}
    messages = load("en-US").messages
    missing = sorted(k for k in keys if k not in messages)
    assert not missing


def test_catalogues_are_loaded_once_per_container() -> None:
    assert load("de-DE") is load("de-DE")
    assert load("en-GB") is not load("en-US")


@pytest.mark.parametrize(
    ("requested", "used"),
    [("en-US", "en-US"), ("en-GB", "en-GB"), ("de-DE", "de-DE"), ("de-AT", "de-DE"), ("en-AU", "en-AU"),
     ("fr-FR", "fr-FR"), ("fr-CH", "fr-FR"), ("fr-ca", "fr-CA"), ("es-AR", "es-MX"), ("es-419", "es-MX"),
     ("es", "es-ES"), ("it-CH", "it-IT"), ("en-NZ", "en-AU"), ("en-IE", "en-GB"), ("pt-BR", "en-US"),
     (None, "en-US"), ("", "en-US")],
)  # fmt: skip
def test_unsupported_locales_fall_back_sensibly(requested: str | None, used: str) -> None:
    assert supported_locale(requested) == used


def test_templates_never_judge_values_or_give_advice() -> None:
    banned = re.compile(
        r"\b(high|low|healthy|unhealthy|normal|abnormal|too much|too little|should|doctor|great|bad|"
        r"hoch|niedrig|gesund|ungesund|normal|sollte|arzt|schlecht|"
        r"élevée?s?|anormale?s?|sain|malsain|devriez|médecin|excellent|mauvaise?|"
        r"alto|bajo|sano|anormal|deberías|médico|malo|"
        r"basso|normale|dovresti|medico|cattivo)\b",
        re.IGNORECASE,
    )
    for locale in LOCALES:
        for key, template in load(locale).messages.items():
            assert not banned.search(template), f"{locale}: {key}: {template}"


# -- numbers and units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "value", "decimals", "expected"),
    [
        ("en-US", 6240, 0, "6,240"),
        ("en-US", 1234567, 0, "1,234,567"),
        ("en-US", 81.24, 1, "81.2"),
        ("en-US", 81.0, 1, "81"),
        ("en-US", -0.04, 1, "0"),
        ("en-GB", 6240, 0, "6,240"),
        ("de-DE", 6240, 0, "6.240"),
        ("de-DE", 81.24, 1, "81,2"),
        ("de-DE", 12345.67, 1, "12.345,7"),
    ],
)
def test_numbers_as_people_say_them(locale: str, value: float, decimals: int, expected: str) -> None:
    assert fmt(locale).number(value, decimals) == expected


def test_body_weight_units_per_locale() -> None:
    kg = 81.2
    assert fmt("en-US").weight(kg) == "179 pounds"  # 81.2 kg = 179.015 lb
    assert fmt("en-US").weight(81.5) == "179.7 pounds"
    assert fmt("en-GB").weight(kg) == "12 stone 11"  # 179 lb = 12 st 11 lb
    assert fmt("en-GB").weight(88.9) == "14 stone"  # 196 lb
    assert fmt("de-DE").weight(kg) == "81,2 Kilo"
    assert fmt("en-US").weight(0.4536) == "1 pound"


def test_smaller_masses_and_changes() -> None:
    assert fmt("en-US").mass(-0.6) == "1.3 pounds"
    assert fmt("en-GB").mass(0.6) == "1.3 pounds"
    assert fmt("de-DE").mass(-0.6) == "0,6 Kilo"


def test_distance_temperature_percent() -> None:
    assert fmt("en-US").distance(5150) == "3.2 miles"
    assert fmt("en-GB").distance(1609.344) == "1 mile"
    assert fmt("de-DE").distance(5150) == "5,2 Kilometer"
    assert fmt("en-US").temperature(37.0) == "98.6 degrees Fahrenheit"
    assert fmt("en-GB").temperature(36.85) == "36.9 degrees Celsius"
    assert fmt("de-DE").temperature(36.85) == "36,9 Grad Celsius"
    assert fmt("en-US").percent(22.54) == "22.5 percent"
    assert fmt("de-DE").percent(97, 0) == "97 Prozent"


def test_counted_nouns_are_singular_for_one() -> None:
    assert fmt("en-US").steps(1) == "1 step"
    assert fmt("en-US").steps(6240) == "6,240 steps"
    assert fmt("de-DE").steps(6240) == "6.240 Schritte"
    assert fmt("en-US").count("unit.night", 1) == "1 night"
    assert fmt("de-DE").count("unit.night", 5) == "5 Nächte"
    assert fmt("en-US").bpm(64) == "64 beats per minute"


@pytest.mark.parametrize(
    ("locale", "seconds", "expected"),
    [
        ("en-US", 7 * 3600 + 10 * 60, "7 hours 10 minutes"),
        ("en-US", 3600, "1 hour"),
        ("en-US", 45 * 60 + 20, "45 minutes"),
        ("en-US", 61, "1 minute"),
        ("en-US", 20, "less than a minute"),
        ("en-GB", 3600 + 60, "1 hour 1 minute"),
        ("de-DE", 7 * 3600 + 10 * 60, "7 Stunden 10 Minuten"),
        ("de-DE", 3600 + 60, "1 Stunde 1 Minute"),
        ("en-US", 3599.9, "1 hour"),  # rounds to whole minutes before splitting
    ],
)
def test_durations(locale: str, seconds: float, expected: str) -> None:
    assert fmt(locale).duration(seconds) == expected


@pytest.mark.parametrize(
    ("locale", "hour", "minute", "expected"),
    [
        ("en-US", 22, 55, "10:55 PM"),
        ("en-US", 7, 5, "7:05 AM"),
        ("en-US", 0, 30, "12:30 AM"),
        ("en-US", 12, 0, "12:00 PM"),
        ("en-GB", 22, 55, "10:55 PM"),
        ("de-DE", 22, 55, "22:55 Uhr"),
        ("de-DE", 7, 5, "7:05 Uhr"),
    ],
)
def test_clock_times(locale: str, hour: int, minute: int, expected: str) -> None:
    assert fmt(locale).clock(datetime(2026, 11, 25, hour, minute, tzinfo=BERLIN)) == expected


def test_dates_and_days() -> None:
    us, gb, de = fmt("en-US"), fmt("en-GB"), fmt("de-DE")
    assert us.date_text(date(2026, 3, 3)) == "March 3"
    assert us.date_text(date(2025, 3, 3)) == "March 3, 2025"
    assert gb.date_text(date(2026, 3, 3)) == "3 March"
    assert de.date_text(date(2026, 3, 3)) == "3. März"
    assert us.on_day(TODAY) == "today"
    assert us.on_day(TODAY - timedelta(days=1)) == "yesterday"
    assert us.on_day(date(2026, 11, 23)) == "on Monday"
    assert de.on_day(date(2026, 11, 23)) == "am Montag"
    assert us.on_day(date(2026, 11, 19)) == "on November 19"


@pytest.mark.parametrize(
    ("value", "default", "en", "de"),
    [
        ("2026-W47", PeriodDefault.TODAY, "last week", "letzte Woche"),
        ("2026-W40", PeriodDefault.TODAY, "in the week of September 28", "in der Woche vom 28. September"),
        ("2026-10", PeriodDefault.TODAY, "last month", "letzten Monat"),
        ("2026-03", PeriodDefault.TODAY, "in March", "im März"),
        ("2025-03", PeriodDefault.TODAY, "in March 2025", "im März 2025"),
        ("2026-WI", PeriodDefault.TODAY, "last winter", "letzten Winter"),
        ("2026-FA", PeriodDefault.TODAY, "this fall", "diesen Herbst"),
        ("2024-SU", PeriodDefault.TODAY, "in summer 2024", "im Sommer 2024"),
        ("2025-Q2", PeriodDefault.TODAY, "in the second quarter of 2025", "im zweiten Quartal 2025"),
        ("2019", PeriodDefault.TODAY, "in 2019", "im Jahr 2019"),
        ("201X", PeriodDefault.TODAY, "in the 2010s", "in den 2010er-Jahren"),
        (None, PeriodDefault.LAST_30_DAYS, "over the last 30 days", "in den letzten 30 Tagen"),
        ("2026-W47-WE", PeriodDefault.TODAY, "last weekend", "letztes Wochenende"),
    ],
)
def test_period_phrases(value: str | None, default: PeriodDefault, en: str, de: str) -> None:
    period = resolve(value, TODAY, default)
    assert period is not None
    assert fmt("en-US").when(period) == en
    assert fmt("de-DE").when(period) == de


def test_autumn_is_fall_only_in_american_english() -> None:
    period = resolve("2026-FA", TODAY, PeriodDefault.TODAY)
    assert period is not None
    assert fmt("en-GB").when(period) == "this autumn"


def test_night_phrases() -> None:
    us, de = fmt("en-US"), fmt("de-DE")
    assert us.night(TODAY) == "last night"
    assert us.night(date(2026, 11, 24)) == "Monday night"  # ended Tuesday morning
    assert de.night(date(2026, 11, 24)) == "in der Montagnacht"
    assert us.night(date(2026, 11, 4)) == "the night of November 3"


def test_freshness() -> None:
    us = fmt("en-US")
    at = datetime(2026, 11, 26, 7, 12, tzinfo=BERLIN)
    assert us.fresh(at, "weighin") == "as of your 7:12 AM weigh-in"
    assert us.fresh(at - timedelta(days=1), "weighin") == "from your weigh-in yesterday at 7:12 AM"
    assert us.fresh(at - timedelta(days=3), "reading") == "from your reading 3 days ago"
    assert us.fresh(at - timedelta(days=30), "weighin") == "from your weigh-in on October 27"
    assert fmt("de-DE").fresh(at, "weighin") == "laut deiner Wiegung heute um 7:12 Uhr"


def test_lists() -> None:
    assert fmt("en-US").join(["a"]) == "a"
    assert fmt("en-US").join(["a", "b", "c"]) == "a, b and c"
    assert fmt("de-DE").join(["a", "b"]) == "a und b"


# -- SSML and cards -----------------------------------------------------------------------------------


def _parse(ssml: str) -> ET.Element:
    return ET.fromstring(ssml)


def test_ssml_escapes_xml_specials_and_stays_valid() -> None:
    ssml = to_ssml("Tom & Jerry's <run> > 5 km")
    root = _parse(ssml)
    assert root.tag == "speak"
    assert root.text == "Tom & Jerry's <run> > 5 km"
    assert "&amp;" in ssml and "&lt;run&gt;" in ssml


def test_ssml_is_at_most_8000_characters_even_when_escaping_grows_it() -> None:
    long_text = "Steps & sleep. " * 1000  # 15,000 chars, and every "&" grows by 4 when escaped
    ssml = to_ssml(long_text)
    assert len(ssml) <= MAX_SSML_CHARS
    root = _parse(ssml)
    assert root.text is not None and root.text.endswith(".")  # cut at a sentence end


def test_ssml_cut_without_sentence_ends_stays_within_the_limit() -> None:
    ssml = to_ssml("<" * 9000)
    assert len(ssml) <= MAX_SSML_CHARS
    _parse(ssml)


def test_card_text_within_the_combined_limit() -> None:
    title, content = card_text("Sleep", "word " * 3000)
    assert len(title) + len(content) <= MAX_CARD_CHARS
    assert title == "Sleep"


def test_code_never_builds_ssml_by_hand() -> None:
    # Every <speak> goes through to_ssml (which escapes); handlers pass plain text.
    for path in (SPEECH_DIR.parent).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<speak>" in node.value:
                assert path.name == "ssml.py", path
