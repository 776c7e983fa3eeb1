"""French, Spanish and Italian date phrases -> AMAZON.DATE values (local tooling, beside date_phrases).

The three languages build date phrases the same way, so one rule set reads each language's tables:
fixed days ("hier", "anoche", "l'altro ieri"), "now", this/last/next periods with the marker before or
after the noun ("cette semaine", "la semaine dernière", "el mes pasado", "lo scorso mese"), counts
("il y a trois jours", "hace dos semanas", "tre giorni fa", "dans deux jours"), weekdays and seasons,
months with a year, day-month dates ("le trois mars", "el primero de marzo", "il tre marzo") and years
("deux mille vingt cinq", "dos mil veinticinco", "duemilaventicinque"). As in date_phrases, ambiguous
days resolve on or after today, the way Alexa resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from devtools.date_values import PRESENT_REF, _day, _day_of_month, _month_day, _month_only, _period, _weekday


@dataclass(frozen=True)
class Language:
    fixed: dict[str, int]
    present: frozenset[str]
    units: dict[str, str]  # a period's noun -> "week", "weekend", "month", "quarter", "year", "decade"
    this: frozenset[str]  # before the noun
    last_after: frozenset[str]  # after the noun ("dernière", "pasado", "scorso")
    last_before: frozenset[str]  # before it ("scorso" in "lo scorso mese", "pasado" rarely)
    next_words: frozenset[str]  # before or after
    articles: frozenset[str]
    counts: dict[str, str]  # "jours" -> "day"
    ago_before: tuple[str, ...]  # "il y a", "hace"
    ago_after: tuple[str, ...]  # "fa"
    ahead_before: tuple[tuple[str, ...], ...]  # "dans", "dentro de", "tra"
    cardinals: dict[str, int]
    first: frozenset[str]  # "premier": the first of a month
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    of_words: frozenset[str]  # "de", "di", "del" between day, month and year
    years: dict[str, int] = field(default_factory=dict)
    prefixes: tuple[tuple[str, ...], ...] = ()  # carrier words a date phrase may lead with


def _split(words: list[str]) -> list[str]:
    """Elided articles as words of their own: "l'été" -> "l'", "été"; "quest'anno" -> "quest'", "anno"."""
    out: list[str] = []
    for word in words:
        head, sep, tail = word.partition("'")
        if sep and tail and head in ("l", "d", "quest", "nell", "dell", "all", "un"):
            out.extend((head + "'", tail))
        else:
            out.append(word)
    return out


def _number(words: list[str], lang: Language) -> int | None:
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    return lang.cardinals.get(" ".join(words))


def _rel_period(words: list[str], today: date, lang: Language) -> str | None:
    """ "cette semaine", "la semaine dernière", "el mes pasado", "lo scorso mese", "l'année prochaine"."""
    if words and words[0] in lang.articles:
        words = words[1:]
    if len(words) >= 2 and words[0] in lang.this | lang.last_before | lang.next_words:
        marker, rest = words[0], words[1:]
        unit = lang.units.get(" ".join(rest))
        if unit:
            rel = 0 if marker in lang.this else (-1 if marker in lang.last_before else 1)
            return _period(unit, today, rel)
    for cut in range(len(words) - 1, 0, -1):
        unit = lang.units.get(" ".join(words[:cut]))
        tail = " ".join(words[cut:])
        if unit and tail in lang.last_after:
            return _period(unit, today, -1)
        if unit and tail in lang.next_words:
            return _period(unit, today, 1)
    return None


def _counted(words: list[str], today: date, lang: Language) -> str | None:
    """ "il y a trois jours", "hace dos semanas", "tre giorni fa", "dans deux jours"."""
    text = " ".join(words)
    for lead in lang.ago_before:
        if text.startswith(lead + " ") and len(words) > len(lead.split()) + 1:
            rest = words[len(lead.split()) :]
            n, unit = _number(rest[:-1], lang), lang.counts.get(rest[-1])
            if n is not None and unit:
                return _period(unit, today, -n)
    for tail in lang.ago_after:
        if len(words) >= 3 and words[-1] == tail:
            n, unit = _number(words[:-2], lang), lang.counts.get(words[-2])
            if n is not None and unit:
                return _period(unit, today, -n)
    for lead_words in lang.ahead_before:
        k = len(lead_words)
        if tuple(words[:k]) == lead_words and len(words) > k + 1:
            n, unit = _number(words[k:-1], lang), lang.counts.get(words[-1])
            if n is not None and unit:
                return _period(unit, today, n)
    return None


def _named(words: list[str], today: date, lang: Language) -> str | None:
    """Weekdays and seasons, alone or marked: "lundi dernier", "el lunes", "l'été dernier"."""
    if words and words[0] in lang.articles:
        words = words[1:]
    rel: int | None = 0
    if len(words) == 2 and words[0] in lang.this | lang.last_before | lang.next_words:
        marker, words = words[0], words[1:]
        rel = 0 if marker in lang.this else (-1 if marker in lang.last_before else 1)
    elif len(words) == 2:
        rel = -1 if words[1] in lang.last_after else (1 if words[1] in lang.next_words else None)
        words = words[:1]
    if rel is None or len(words) != 1:
        return None
    if words[0] in lang.seasons:
        return f"{today.year + rel:04d}-{lang.seasons[words[0]]}"
    if words[0] in lang.weekdays:
        return _weekday(today, lang.weekdays[words[0]], rel)
    return None


def _year(words: list[str], lang: Language) -> int | None:
    text = " ".join(words)
    if len(words) == 1 and len(text) == 4 and text.isdigit():
        return int(text)
    return lang.years.get(text) or lang.years.get(text.replace(" ", ""))


def _month(words: list[str], today: date, lang: Language) -> str | None:
    """ "mars", "mars dernier", "marzo de dos mil veinticinco", "le trois mars", "el primero de marzo"."""
    if words and words[0] in lang.articles:
        words = words[1:]
    index = next((i for i, word in enumerate(words) if word in lang.months), None)
    if index is None:
        return None
    month, head, tail = lang.months[words[index]], words[:index], words[index + 1 :]
    if tail and tail[0] in lang.of_words:
        tail = tail[1:]
    if head and head[-1] in lang.of_words:
        head = head[:-1]
    year = _year(tail, lang) if tail else None
    if not head:
        if not tail:
            return _month_only(today, month, 0, None)
        if " ".join(tail) in lang.last_after:
            return _month_only(today, month, -1, None)
        return _month_only(today, month, 0, year) if year is not None else None
    if tail and year is None:
        return None
    day = 1 if " ".join(head) in lang.first else _number(head, lang)
    return _month_day(today, month, day, year) if day is not None else None


def _bare_day(words: list[str], today: date, lang: Language) -> str | None:
    """ "le premier" (the next first of a month); a bare number is not a date."""
    if words and words[0] in lang.articles:
        words = words[1:]
    return _day_of_month(today, 1) if " ".join(words) in lang.first else None


def resolve(words: list[str], today: date, lang: Language) -> str | None:
    words = _split(words)
    text = " ".join(words)
    if text in lang.fixed:
        return _day(today + timedelta(days=lang.fixed[text]))
    if text in lang.present:
        return PRESENT_REF
    for rule in (_rel_period, _counted, _named, _month, _bare_day):
        value = rule(words, today, lang)
        if value is not None:
            return value
    if (year := _year(words, lang)) is not None:
        return f"{year:04d}"
    for prefix in lang.prefixes:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            value = resolve(words[len(prefix) :], today, lang)
            if value is not None:
                return value
    return None


def languages() -> dict[str, Language]:
    """The languages these rules read, by language code (the tables import this module's Language)."""
    from devtools.romance_date_words import LANGUAGES

    return LANGUAGES
