"""How each locale writes and says numbers, units, times and dates: the expectations' side, from CLDR.

The skill keeps its formats in its catalogues' settings; these helpers compute what a reply must
show from the Unicode CLDR data that Babel ships (a test-only dependency), and what it must say
from each language's spoken decimal word, so that no expectation comes from the skill's own
formatter. Rounding is Python's (`f"{value:.1f}"`), as the skill's replies round, then CLDR writes
the rounded number ("81.0" is written "81", as every locale says it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Final

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

KG_PER_LB: Final = 0.45359237
M_PER_MILE: Final = 1609.344


@dataclass(frozen=True)
class Words:
    """The catalogue's words for one locale's units (hand-written: the wording is the test's claim)."""

    weight: tuple[str, str]  # (singular, plural) of the body-weight unit
    distance: tuple[str, str]
    steps: str  # the plural noun for steps
    decimal_word: str | None  # how speech says the decimal separator; None: as written
    date_pattern: str  # CLDR pattern of a date of this year, with its weekday where the locale says it
    clock: str  # "short" (CLDR's short time) or "Bhm" (the hour with the day's period)


_FR = ("EEEE d MMMM", "short")
_ES = ("EEEE d 'de' MMMM", "short")
WORDS: Final[dict[str, Words]] = {
    "en-CA": Words(("pound", "pounds"), ("kilometre", "kilometres"), "steps", None, "MMMM d", "short"),
    "en-AU": Words(("kilo", "kilos"), ("kilometre", "kilometres"), "steps", None, "d MMMM", "short"),
    "en-IN": Words(("kilo", "kilos"), ("kilometre", "kilometres"), "steps", None, "d MMMM", "short"),
    "fr-FR": Words(("kilo", "kilos"), ("kilomètre", "kilomètres"), "pas", "virgule", *_FR),
    "fr-CA": Words(("livre", "livres"), ("kilomètre", "kilomètres"), "pas", "virgule", *_FR),
    "es-ES": Words(("kilo", "kilos"), ("kilómetro", "kilómetros"), "pasos", "coma", *_ES),
    "es-MX": Words(("kilo", "kilos"), ("kilómetro", "kilómetros"), "pasos", "punto", _ES[0], "Bhm"),
    "es-US": Words(("libra", "libras"), ("milla", "millas"), "pasos", "punto", _ES[0], "Bhm"),
    "it-IT": Words(
        ("chilo", "chili"), ("chilometro", "chilometri"), "passi", "virgola", "EEEE d MMMM", "short"
    ),
}
POUNDS: Final = frozenset({"en-CA", "fr-CA", "es-US"})  # body weight in pounds (docs/locales.md)
MILES: Final = frozenset({"es-US"})
FAHRENHEIT: Final = frozenset({"es-US"})


def cldr(locale: str) -> str:
    return locale.replace("-", "_")


def rounded(value: float, decimals: int) -> Decimal:
    """The number as a reply rounds it, "81.0" as "81"."""
    number = Decimal(f"{value:.{decimals}f}")
    return number.to_integral_value() if number == number.to_integral_value() else number


def written(value: float, locale: str, decimals: int = 0) -> str:
    """A number as CLDR writes it in `locale`: "6 240" (fr, narrow no-break space), "81,2", "1,24,000"."""
    return format_decimal(rounded(value, decimals), locale=cldr(locale))


def spoken(value: float, locale: str, decimals: int = 0) -> str:
    """A number as the reply says it: written, or plain digits with the decimal word ("81 virgule 2")."""
    word = WORDS[locale].decimal_word
    if word is None:
        return written(value, locale, decimals)
    whole, _, fraction = str(rounded(value, decimals)).partition(".")
    return f"{whole} {word} {fraction}" if fraction else whole


def counted(value: float, nouns: tuple[str, str], locale: str, decimals: int = 0) -> tuple[str, str]:
    """(written, spoken) "81,2 kilos" with CLDR's plural rule for the rounded number (French: "1,5 kilo")."""
    number = rounded(value, decimals)
    noun = nouns[0] if Locale.parse(cldr(locale)).plural_form(number) == "one" else nouns[1]
    return f"{written(value, locale, decimals)} {noun}", f"{spoken(value, locale, decimals)} {noun}"


def body_weight(kg: float, locale: str) -> tuple[str, str]:
    value = kg / KG_PER_LB if locale in POUNDS else kg
    return counted(value, WORDS[locale].weight, locale, 1)


def distance(meters: float, locale: str) -> tuple[str, str]:
    value = meters / M_PER_MILE if locale in MILES else meters / 1000.0
    return counted(value, WORDS[locale].distance, locale, 1)


def steps(count: float, locale: str) -> tuple[str, str]:
    return f"{written(count, locale)} {WORDS[locale].steps}", f"{spoken(count, locale)} {WORDS[locale].steps}"


def temperature(celsius: float, locale: str) -> tuple[str, str]:
    """(written, spoken) number only: the unit's words differ by language."""
    value = celsius * 9 / 5 + 32 if locale in FAHRENHEIT else celsius
    return written(value, locale, 1), spoken(value, locale, 1)


def clock(moment: datetime, locale: str) -> str:
    """A time as CLDR writes it: "22:55", "22 h 55", "10:55 p.m.", "10:55 de la noche".

    CLDR puts a narrow no-break space before AM/PM; the catalogues a plain one, which reads the same.
    """
    if WORDS[locale].clock == "Bhm":
        text = format_skeleton("Bhm", moment, locale=cldr(locale))
    else:
        text = format_time(moment, "short", locale=cldr(locale))
    return text.replace("\u202f", " ") if WORDS[locale].clock == "Bhm" or locale.startswith("en") else text


def day_text(day: date, locale: str) -> str:
    """A date of this year: "mardi 3 novembre", "martes 3 de noviembre", "November 3", "3 November"."""
    return format_date(day, WORDS[locale].date_pattern, locale=cldr(locale))
