"""The catalogues' settings against CLDR, the Unicode locale data Babel ships (a test-only dependency).

Why not Babel at run time: a request would pay its import and, worse, the first format of a locale
loads that locale's CLDR data (benchmarks/locale_formatting.py measures both), and the Lambda package
would carry ~30 MB of data for the twelve locales' few hundred settings and words. So the runtime reads
the catalogues, and this test proves that what they say is what CLDR says: separators, digit grouping,
plural rule, 12- or 24-hour clock, AM/PM and day-period words, month and weekday names (the screens'
short ones too), the order of a date's parts. Where a catalogue departs from CLDR on purpose,
DEPARTURES says so and why.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    get_day_names,
    get_month_names,
    get_period_id,
)
from babel.numbers import get_decimal_symbol, get_group_symbol

from skill.voice.locales import LOCALES
from skill.voice.speech.catalogue import load
from skill.voice.speech.format import Formatter

TODAY = date(2026, 11, 26)
UTC = ZoneInfo("UTC")
WEEKDAY_FIRST = ("fr", "es", "it")  # dates said with their weekday: "mardi 3 mars"
# Deliberate departures from CLDR, each with its reason.
DEPARTURES = {
    ("en-GB", "clock"): "British speech says 10:55 PM; CLDR writes 22:55 (en-GB keeps what it had)",
    ("en-GB", "ampm"): "the catalogue's AM/PM, CLDR's am/pm: the TTS reads both alike",
    ("de-DE", "clock"): "German says the hour with Uhr (22:55 Uhr); CLDR writes 22:55",
}


def cldr(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


def fmt(locale: str) -> Formatter:
    return Formatter(load(locale), TODAY)


@pytest.mark.parametrize("locale", LOCALES)
def test_separators_and_grouping(locale: str) -> None:
    settings, data = load(locale).settings, cldr(locale)
    assert settings["decimal"] == get_decimal_symbol(data), locale
    assert settings["group"] == get_group_symbol(data), locale
    primary, secondary = data.decimal_formats[None].grouping
    assert settings["grouping"] == (f"{primary}" if primary == secondary else f"{primary},{secondary}")


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_rule(locale: str) -> None:
    below_two = load(locale).setting("plural") == "below_two"
    for said in ("0.5", "1", "1.5", "2", "5"):
        number = Decimal(said)
        ours = number < 2 if below_two else number == 1
        assert ours == (cldr(locale).plural_form(number) == "one"), (locale, said)


@pytest.mark.parametrize("locale", LOCALES)
def test_clock(locale: str) -> None:
    system = load(locale).setting("clock")
    pattern = re.sub(r"'[^']*'", "", cldr(locale).time_formats["short"].pattern)  # without quoted literals
    if (locale, "clock") in DEPARTURES:
        return
    assert ("h" in pattern) == (system in ("12", "12b")), (locale, pattern)
    if system == "24":
        for hour, minute in ((7, 5), (22, 55)):
            moment = datetime(2026, 11, 25, hour, minute, tzinfo=UTC)
            assert fmt(locale).clock(moment) == format_time(moment, "short", locale=cldr(locale)), locale


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if load(loc).setting("clock") == "12"])
def test_am_pm(locale: str) -> None:
    if (locale, "ampm") in DEPARTURES:
        return
    for hour in (7, 22):
        moment = datetime(2026, 11, 25, hour, 5, tzinfo=UTC)
        expected = format_time(moment, "short", locale=cldr(locale)).replace("\u202f", " ")
        assert fmt(locale).clock(moment) == expected, locale


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if load(loc).setting("clock") == "12b"])
def test_day_periods(locale: str) -> None:
    """ "10:55 de la noche": each hour's period, and its words, as CLDR's flexible "Bhm" format."""
    for hour in range(24):
        moment = datetime(2026, 11, 25, hour, 30, tzinfo=UTC)  # half past: noon and midnight are moments
        assert fmt(locale).clock(moment) == format_skeleton("Bhm", moment, locale=cldr(locale)), (
            locale,
            hour,
        )
    ids = [get_period_id(time(hour, 30), locale=cldr(locale)) for hour in range(24)]
    starts = [hour for hour in range(24) if ids[hour] != ids[hour - 1]]
    assert load(locale).setting("day_periods") == ",".join(map(str, starts)), locale


@pytest.mark.parametrize("locale", LOCALES)
def test_month_and_weekday_names(locale: str) -> None:
    cat = load(locale)
    months = get_month_names("wide", "format", locale=cldr(locale))
    days = get_day_names("wide", "format", locale=cldr(locale))
    assert [cat(f"month.{m}") for m in range(1, 13)] == [months[m] for m in range(1, 13)], locale
    assert [cat(f"weekday.{d}") for d in range(7)] == [days[d] for d in range(7)], locale
    # The Echo Show's day labels under the bars: CLDR's abbreviations, as they stand alone.
    short = get_day_names("abbreviated", "stand-alone", locale=cldr(locale))
    assert [cat(f"screen.weekday.{d}") for d in range(7)] == [short[d] for d in range(7)], locale


@pytest.mark.parametrize("locale", LOCALES)
def test_the_order_of_a_dates_parts(locale: str) -> None:
    """Day and month (and the year when it isn't this one) as CLDR orders them; the weekday first in
    the languages that say it ("mardi 3 mars", "martes 3 de marzo", "martedì 3 marzo")."""
    for day, skeleton in ((date(2026, 3, 3), "MMMMd"), (date(2025, 3, 3), "yMMMMd")):
        text = fmt(locale).date_text(day)
        if locale[:2] in WEEKDAY_FIRST:
            weekday = get_day_names("wide", "format", locale=cldr(locale))[day.weekday()]
            assert text.startswith(weekday + " "), (locale, text)
            text = text[len(weekday) + 1 :]
        assert text == format_skeleton(skeleton, day, locale=cldr(locale)), (locale, text)


def test_the_first_of_the_month_is_an_ordinal_where_the_language_says_one() -> None:
    # CLDR has no ordinal day pattern; the French and Italian grammars do (1er mars, 1º marzo).
    assert fmt("fr-FR").date_text(date(2026, 3, 1)) == "dimanche 1er mars"
    assert fmt("it-IT").date_text(date(2026, 3, 1)) == "domenica 1º marzo"
    assert fmt("es-ES").date_text(date(2026, 3, 1)) == "domingo 1 de marzo"
    assert format_date(date(2026, 3, 1), "d MMMM", locale="fr_FR") == "1 mars"  # what CLDR alone writes
