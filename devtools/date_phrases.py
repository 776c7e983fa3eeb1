"""Spoken date phrases -> AMAZON.DATE slot values, resolved the way Alexa does (local tooling only).

Alexa resolves the words that fill an AMAZON.DATE slot into one string relative to the day of the
request (alexa-notes §3.2): a day `2026-11-25`, `PRESENT_REF`, an ISO week `2026-W48`, a weekend
`2026-W48-WE`, a month `2026-11`, a year `2026`, a decade `202X`, a season `2026-WI` or a quarter
`2026-Q4`. Ambiguous days ("monday", "march third") resolve to the next occurrence on or after today:
Alexa defaults to the future and the skill clamps to the past. We imitate Alexa here, not the skill,
so that devtools/ask.py sends what a real device would.

Two entry points:
- `resolve_date_phrase(phrase, today, locale)`: the whole phrase is a date, or None.
- `find_date_phrase(text, locale, today)`: the longest date phrase inside a sentence, with its value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from devtools import romance_dates
from devtools.date_values import (
    PRESENT_REF,
    _day,
    _day_of_month,
    _month_day,
    _month_only,
    _number,
    _period,
    _weekday,
    _year,
)
from skill import clock

# --- spoken numbers -------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_EN_ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_EN_TENS = dict(
    zip(range(2, 10), _words("twenty thirty forty fifty sixty seventy eighty ninety"), strict=True)
)
_EN_ORD_ONES = _words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)

_DE_ONES = _words(
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn "
    "sechzehn siebzehn achtzehn neunzehn"
)
_DE_TENS = {
    2: "zwanzig",
    3: "dreissig",
    4: "vierzig",
    5: "fünfzig",
    6: "sechzig",
    7: "siebzig",
    8: "achtzig",
    9: "neunzig",
}
_DE_ORD_STEMS = {1: "erst", 3: "dritt", 7: "siebt", 8: "acht"}
_DE_ENDINGS = ("e", "er", "en", "es", "em")


def _en_cardinals() -> dict[str, int]:
    out = {word: n for n, word in enumerate(_EN_ONES) if n}
    for tens, word in _EN_TENS.items():
        out[word] = tens * 10
        for one in range(1, 10):
            out[f"{word} {_EN_ONES[one]}"] = tens * 10 + one
    out["a"] = out["an"] = 1
    return out


def _en_ordinals() -> dict[str, int]:
    out = {word: n for n, word in enumerate(_EN_ORD_ONES) if n}
    out["twentieth"], out["thirtieth"] = 20, 30
    for one in range(1, 10):
        out[f"twenty {_EN_ORD_ONES[one]}"] = 20 + one
    out["thirty first"] = 31
    return out


def _de_cardinal_word(n: int) -> str:
    if n < 20:
        return _DE_ONES[n]
    tens, one = divmod(n, 10)
    if not one:
        return _DE_TENS[tens]
    return ("ein" if one == 1 else _DE_ONES[one]) + "und" + _DE_TENS[tens]


def _de_cardinals() -> dict[str, int]:
    out = {_de_cardinal_word(n): n for n in range(1, 100)}
    out.update({"ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1})
    return out


def _de_ordinals() -> dict[str, int]:
    out: dict[str, int] = {}
    for n in range(1, 32):
        if n in _DE_ORD_STEMS:
            stem = _DE_ORD_STEMS[n]
        elif n < 20:
            stem = _de_cardinal_word(n) + "t"
        else:
            stem = _de_cardinal_word(n) + "st"
        for ending in _DE_ENDINGS:
            out[stem + ending] = n
    for ending in _DE_ENDINGS:
        out["siebent" + ending] = 7
    return out


def _en_years() -> dict[str, int]:
    cardinals = {n: w for w, n in _EN_CARDINALS.items() if w not in ("a", "an")}
    out: dict[str, int] = {}
    for year in range(1900, 2100):
        century, rest = divmod(year, 100)
        head = cardinals[century]
        if rest == 0:
            out[f"{head} hundred"] = year
        elif rest < 10:
            out[f"{head} oh {cardinals[rest]}"] = year
        else:
            out[f"{head} {cardinals[rest]}"] = year
        if century == 20:
            tail = cardinals.get(rest)
            out["two thousand" + (f" {tail}" if tail else "")] = year
            if tail:
                out[f"two thousand and {tail}"] = year
    return out


def _de_years() -> dict[str, int]:
    out: dict[str, int] = {}
    for year in range(1900, 2100):
        century, rest = divmod(year, 100)
        tail = _de_cardinal_word(rest) if rest else ""
        if century == 19:
            out["neunzehnhundert" + tail] = year
        else:
            out["zweitausend" + tail] = year
            if rest >= 10:
                out["zwanzig" + tail] = year
    return out


_EN_CARDINALS = _en_cardinals()
_EN_ORDINALS = _en_ordinals()
_EN_YEARS = _en_years()
_DE_CARDINALS = _de_cardinals()
_DE_ORDINALS = _de_ordinals()
_DE_YEARS = _de_years()

_EN_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        _words("january february march april may june july august september october november december")
    )
}
_DE_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        _words("januar februar märz april mai juni juli august september oktober november dezember")
    )
}
_DE_MONTHS.update({"jänner": 1, "feber": 2, "maerz": 3})
_EN_WEEKDAYS = {
    name: i for i, name in enumerate(_words("monday tuesday wednesday thursday friday saturday sunday"))
}
_DE_WEEKDAYS = {
    name: i for i, name in enumerate(_words("montag dienstag mittwoch donnerstag freitag samstag sonntag"))
}
_DE_WEEKDAYS["sonnabend"] = 5
_EN_SEASONS = {"winter": "WI", "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA"}
_DE_SEASONS = {"winter": "WI", "frühling": "SP", "frühjahr": "SP", "sommer": "SU", "herbst": "FA"}


def _ordinal_en(words: Sequence[str]) -> int | None:
    if len(words) == 1 and (m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", words[0])):
        return int(m.group(1))
    return _number(words, _EN_ORDINALS) or _number(words, _EN_CARDINALS)


def _ordinal_de(words: Sequence[str]) -> int | None:
    if len(words) == 1 and words[0].isdigit() and len(words[0]) <= 2:  # "3." arrives as "3"
        return int(words[0])
    return _number(words, _DE_ORDINALS, compact=True) or _number(words, _DE_CARDINALS, compact=True)


# --- phrase normalisation ----------------------------------------------------------------------------


def normalize_phrase(text: str) -> list[str]:
    """Lowercase words; hyphens and punctuation go (periods of "3." and "r. e. m." too), ß folds to ss."""
    text = text.lower().replace("ß", "ss").replace("’", "'")
    text = re.sub(r"[-_/,;:!?.()\"¿¡«»]", " ", text)
    return text.split()


# --- English rules -----------------------------------------------------------------------------------

_EN_FIXED = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "yesterday night": -1,
    "the day before yesterday": -2,
    "the night before last": -2,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow afternoon": 1,
    "tomorrow evening": 1,
    "tomorrow night": 1,
    "the day after tomorrow": 2,
}
_EN_PRESENT = {"now", "right now", "just now", "at the moment", "currently", "at present"}
_EN_REL = {
    "this": 0,
    "the": 0,
    "current": 0,
    "the current": 0,
    "last": -1,
    "past": -1,
    "the past": -1,
    "the last": -1,
    "previous": -1,
    "the previous": -1,
    "next": 1,
    "the next": 1,
    "coming": 1,
    "the coming": 1,
}
_EN_UNITS = {"week", "weekend", "month", "quarter", "year", "decade"}
_EN_COUNT_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
# Carrier words that may lead a date phrase: "on monday", "in the last week", "at the weekend".
_EN_PREFIXES = ("in the year", "on the", "on", "in the", "in", "at the", "during the", "during", "for the")


def _en_fixed(words: list[str], today: date) -> str | None:
    text = " ".join(words)
    if text in _EN_FIXED:
        return _day(today + timedelta(days=_EN_FIXED[text]))
    if text in _EN_PRESENT:
        return PRESENT_REF
    if text in ("weekend", "the weekend"):
        return _period("weekend", today, 0)
    return None


def _en_relative(words: list[str], today: date) -> str | None:
    """ "last week", "this quarter", "two days ago", "in three days"."""
    if len(words) >= 2 and words[-1] in _EN_UNITS and (rel := _EN_REL.get(" ".join(words[:-1]))) is not None:
        return _period(words[-1], today, rel)
    if len(words) >= 3 and words[-1] == "ago" and words[-2] in _EN_COUNT_UNITS:
        n = _number(words[:-2], _EN_CARDINALS)
        return None if n is None else _period(_EN_COUNT_UNITS[words[-2]], today, -n)
    if len(words) >= 3 and words[0] == "in" and words[-1] in _EN_COUNT_UNITS:
        n = _number(words[1:-1], _EN_CARDINALS)
        return None if n is None else _period(_EN_COUNT_UNITS[words[-1]], today, n)
    return None


def _en_named(words: list[str], today: date) -> str | None:
    """Seasons and weekdays, alone or after this/last/next: "last summer", "monday", "last monday"."""
    rel = 0 if len(words) == 1 else _EN_REL.get(" ".join(words[:-1]))
    if rel is None:
        return None
    if words[-1] in _EN_SEASONS:
        return f"{today.year + rel:04d}-{_EN_SEASONS[words[-1]]}"
    if words[-1] in _EN_WEEKDAYS:
        return _weekday(today, _EN_WEEKDAYS[words[-1]], rel)
    return None


def _en_month_first(words: list[str], today: date) -> str | None:
    """ "march", "last march", "march twenty twenty six", "march third", "march the third twenty ten"."""
    rel = 0
    if len(words) >= 2 and words[0] in ("this", "last", "next"):
        rel, words = _EN_REL[words[0]], words[1:]
    if not words or words[0] not in _EN_MONTHS:
        return None
    month, rest = _EN_MONTHS[words[0]], words[1:]
    if not rest:
        return _month_only(today, month, rel, None)
    if rel:
        return None
    year = _year(rest, _EN_YEARS)
    if year is not None:
        return _month_only(today, month, 0, year)
    if rest[0] == "the":
        rest = rest[1:]
    for split in range(len(rest), 0, -1):
        day, tail = _ordinal_en(rest[:split]), rest[split:]
        year = _year(tail, _EN_YEARS) if tail else None
        if day is not None and (not tail or year is not None):
            return _month_day(today, month, day, year)
    return None


def _en_day_first(words: list[str], today: date) -> str | None:
    """ "the third of march", "third march twenty twenty six", "the third" (the next third of a month)."""
    if words and words[0] == "the":
        words = words[1:]
    for split in range(len(words), 0, -1):
        day, tail = _ordinal_en(words[:split]), words[split:]
        if day is None:
            continue
        if not tail:  # an ordinal ("third", "3rd"), never a bare "three" or "3"
            spoken = " ".join(words[:split])
            ordinal = spoken in _EN_ORDINALS or re.fullmatch(r"\d{1,2}(st|nd|rd|th)", spoken)
            return _day_of_month(today, day) if ordinal else None
        if tail[0] == "of":
            tail = tail[1:]
        if tail and tail[0] in _EN_MONTHS:
            year = _year(tail[1:], _EN_YEARS) if len(tail) > 1 else None
            if len(tail) == 1 or year is not None:
                return _month_day(today, _EN_MONTHS[tail[0]], day, year)
    return None


def _en_year(words: list[str], today: date) -> str | None:
    year = _year(words, _EN_YEARS)
    return None if year is None else f"{year:04d}"


# --- German rules -------------------------------------------------------------------------------------

_DE_FIXED = {
    "heute": 0,
    "heute morgen": 0,
    "heute früh": 0,
    "heute vormittag": 0,
    "heute mittag": 0,
    "heute nachmittag": 0,
    "heute abend": 0,
    "heute nacht": 0,
    "diese nacht": 0,
    "gestern": -1,
    "gestern morgen": -1,
    "gestern früh": -1,
    "gestern vormittag": -1,
    "gestern mittag": -1,
    "gestern nachmittag": -1,
    "gestern abend": -1,
    "gestern nacht": -1,
    "letzte nacht": -1,
    "letzten nacht": -1,
    "vergangene nacht": -1,
    "vergangenen nacht": -1,
    "vorgestern": -2,
    "vorletzte nacht": -2,
    "morgen": 1,
    "morgen früh": 1,
    "morgen abend": 1,
    "übermorgen": 2,
}
_DE_PRESENT = {"jetzt", "gerade", "gerade jetzt", "genau jetzt", "im moment", "momentan", "aktuell"}
_DE_REL_STEMS = {"dies": 0, "letzt": -1, "vergangen": -1, "vorig": -1, "nächst": 1, "kommend": 1}
_DE_UNITS = {
    "woche": "week",
    "wochenende": "weekend",
    "monat": "month",
    "monats": "month",
    "quartal": "quarter",
    "quartals": "quarter",
    "jahr": "year",
    "jahres": "year",
    "jahrzehnt": "decade",
}
_DE_COUNT_UNITS = {
    "tag": "day",
    "tagen": "day",
    "woche": "week",
    "wochen": "week",
    "monat": "month",
    "monaten": "month",
    "jahr": "year",
    "jahren": "year",
}
_DE_PREFIXES = (
    "im jahr",
    "in der",
    "in dem",
    "an dem",
    "am",
    "im",
    "an",
    "in",
    "den",
    "der",
    "die",
    "das",
    "dem",
    "über das",
    "übers",
    "während der",
    "während des",
)
_DE_ARTICLES = ("der", "den", "dem", "die", "das")


def _de_rel(word: str) -> int | None:
    """ "letzten", "diese", "nächstes"...: the stem says which period, the ending is grammar."""
    for stem, rel in _DE_REL_STEMS.items():
        if word == stem or (word.startswith(stem) and word[len(stem) :] in ("e", "er", "en", "es", "em")):
            return rel
    return None


def _de_fixed(words: list[str], today: date) -> str | None:
    text = " ".join(words)
    if text in _DE_FIXED:
        return _day(today + timedelta(days=_DE_FIXED[text]))
    if text in _DE_PRESENT:
        return PRESENT_REF
    if text == "wochenende":
        return _period("weekend", today, 0)
    return None


def _de_relative(words: list[str], today: date) -> str | None:
    """ "letzte woche", "dieses jahr", "vor drei tagen", "vor einer woche", "in zwei tagen"."""
    if len(words) == 2 and words[1] in _DE_UNITS and (rel := _de_rel(words[0])) is not None:
        return _period(_DE_UNITS[words[1]], today, rel)
    if len(words) >= 3 and words[0] in ("vor", "in") and words[-1] in _DE_COUNT_UNITS:
        n = _number(words[1:-1], _DE_CARDINALS, compact=True)
        if n is not None:
            return _period(_DE_COUNT_UNITS[words[-1]], today, -n if words[0] == "vor" else n)
    return None


def _de_named(words: list[str], today: date) -> str | None:
    """Seasons and weekdays: "winter", "letzten sommer", "montag", "letzten montag"."""
    rel = 0 if len(words) == 1 else (_de_rel(words[0]) if len(words) == 2 else None)
    if rel is None:
        return None
    if words[-1] in _DE_SEASONS:
        return f"{today.year + rel:04d}-{_DE_SEASONS[words[-1]]}"
    if words[-1] in _DE_WEEKDAYS:
        return _weekday(today, _DE_WEEKDAYS[words[-1]], rel)
    return None


def _de_month_first(words: list[str], today: date) -> str | None:
    """ "märz", "letzten märz", "märz zweitausendfünfundzwanzig"."""
    rel = 0
    if len(words) >= 2 and words[1] in _DE_MONTHS and (r := _de_rel(words[0])) is not None:
        rel, words = r, words[1:]
    if not words or words[0] not in _DE_MONTHS:
        return None
    month = _DE_MONTHS[words[0]]
    if len(words) == 1:
        return _month_only(today, month, rel, None)
    year = _year(words[1:], _DE_YEARS, compact=True)
    return _month_only(today, month, 0, year) if year is not None and not rel else None


def _de_day_first(words: list[str], today: date) -> str | None:
    """ "dritter märz", "dritten märz zweitausendfünfundzwanzig", "3. märz", "dritten" (next third)."""
    months = [i for i, word in enumerate(words) if word in _DE_MONTHS]
    if not months:
        day = _number(words, _DE_ORDINALS, compact=True)
        return None if day is None else _day_of_month(today, day)
    index = months[0]
    day, tail = _ordinal_de(words[:index]), words[index + 1 :]
    year = _year(tail, _DE_YEARS, compact=True) if tail else None
    if day is None or (tail and year is None):
        return None
    return _month_day(today, _DE_MONTHS[words[index]], day, year)


def _de_year(words: list[str], today: date) -> str | None:
    year = _year(words, _DE_YEARS, compact=True)
    return None if year is None else f"{year:04d}"


_Rule = Callable[[list[str], date], str | None]
_RULES: dict[str, tuple[_Rule, ...]] = {
    "en": (_en_fixed, _en_relative, _en_named, _en_month_first, _en_day_first, _en_year),
    "de": (_de_fixed, _de_relative, _de_named, _de_month_first, _de_day_first, _de_year),
}
_PREFIXES = {"en": _EN_PREFIXES, "de": _DE_PREFIXES}


# --- entry points -------------------------------------------------------------------------------------


def _language(locale: str) -> str:
    language = locale.lower()[:2]
    return language if language in ("de", *romance_dates.languages()) else "en"


def _apply_rules(words: list[str], today: date, language: str) -> str | None:
    for rule in _RULES[language]:
        value = rule(words, today)
        if value is not None:
            return value
    return None


def _resolve_words(words: list[str], today: date, language: str) -> str | None:
    if not words:
        return None
    romance = romance_dates.languages()
    if language in romance:  # French, Spanish, Italian: one rule set, each language's tables
        return romance_dates.resolve(words, today, romance[language])
    value = _apply_rules(words, today, language)
    if value is not None:
        return value
    text = " ".join(words)
    for prefix in _PREFIXES[language]:
        if not text.startswith(prefix + " "):
            continue
        rest = words[len(prefix.split()) :]
        value = _apply_rules(rest, today, language)
        if value is None and language == "de" and len(rest) > 1 and rest[0] in _DE_ARTICLES:
            value = _apply_rules(rest[1:], today, language)  # "an dem", "am den" slips
        if value is not None:
            return value
    return None


def resolve_date_phrase(phrase: str, today: date, locale: str = "en-US") -> str | None:
    """The AMAZON.DATE value Alexa would send for `phrase` spoken on `today`, or None if not a date."""
    return _resolve_words(normalize_phrase(phrase), today, _language(locale))


# Single words that are dates only when a slot is known to hold a date ("may I ask", "march on").
_AMBIGUOUS_ALONE = {
    "may", "march", "first", "second", "fall", "spring", "erste", "ersten", "zweite",
    "mañana", "ora", "mai", "un", "uno", "une", "una", "été", "estate", "en", "a", "de", "le",
}  # fmt: skip


def find_date_phrase(text: str, locale: str = "en-US", today: date | None = None) -> tuple[str, str] | None:
    """The longest (then leftmost) date phrase in `text` and its AMAZON.DATE value, or None."""
    today = today or clock.now().astimezone().date()
    language = _language(locale)
    words = normalize_phrase(text)
    for length in range(len(words), 0, -1):
        for start in range(len(words) - length + 1):
            span = words[start : start + length]
            if length == 1 and span[0] in _AMBIGUOUS_ALONE:
                continue
            value = _resolve_words(span, today, language)
            if value is not None:
                return " ".join(span), value
    return None
