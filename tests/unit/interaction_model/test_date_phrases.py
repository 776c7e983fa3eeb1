"""Spoken dates -> AMAZON.DATE values, as Alexa resolves them (future default), from a fixed day.

TODAY is Wednesday 2026-11-25, in ISO week 2026-W48 (Monday 23rd to Sunday 29th), Q4.
"""

from __future__ import annotations

from datetime import date

import pytest

from devtools.date_phrases import PRESENT_REF, find_date_phrase, resolve_date_phrase

TODAY = date(2026, 11, 25)
assert TODAY.isocalendar()[1:] == (48, 3)

ENGLISH = [
    # days
    ("today", "2026-11-25"),
    ("tonight", "2026-11-25"),
    ("this morning", "2026-11-25"),
    ("yesterday", "2026-11-24"),
    ("last night", "2026-11-24"),
    ("yesterday evening", "2026-11-24"),
    ("the day before yesterday", "2026-11-23"),
    ("the night before last", "2026-11-23"),
    ("tomorrow", "2026-11-26"),
    ("Yesterday.", "2026-11-24"),
    ("two days ago", "2026-11-23"),
    ("ten days ago", "2026-11-15"),
    ("in three days", "2026-11-28"),
    # now
    ("now", PRESENT_REF),
    ("right now", PRESENT_REF),
    # weeks and weekends (ISO)
    ("this week", "2026-W48"),
    ("last week", "2026-W47"),
    ("the past week", "2026-W47"),
    ("next week", "2026-W49"),
    ("two weeks ago", "2026-W46"),
    ("this weekend", "2026-W48-WE"),
    ("last weekend", "2026-W47-WE"),
    ("the weekend", "2026-W48-WE"),
    ("at the weekend", "2026-W48-WE"),
    # months, quarters, years, decades, seasons
    ("this month", "2026-11"),
    ("last month", "2026-10"),
    ("next month", "2026-12"),
    ("three months ago", "2026-08"),
    ("this quarter", "2026-Q4"),
    ("last quarter", "2026-Q3"),
    ("next quarter", "2027-Q1"),
    ("this year", "2026"),
    ("last year", "2025"),
    ("this decade", "202X"),
    ("last decade", "201X"),
    ("this winter", "2026-WI"),
    ("last summer", "2025-SU"),
    ("this spring", "2026-SP"),
    ("last fall", "2025-FA"),
    ("last autumn", "2025-FA"),
    ("twenty twenty five", "2025"),
    ("in two thousand and nine", "2009"),
    # weekdays: the next one on or after today, as Alexa does; "last" goes back
    ("monday", "2026-11-30"),
    ("on monday", "2026-11-30"),
    ("wednesday", "2026-11-25"),
    ("tuesday", "2026-12-01"),
    ("on sunday", "2026-11-29"),
    ("last monday", "2026-11-23"),
    ("last wednesday", "2026-11-18"),
    ("next wednesday", "2026-12-02"),
    # calendar dates: the next occurrence when no year is said
    ("march third", "2027-03-03"),
    ("the third of march", "2027-03-03"),
    ("on the third of march", "2027-03-03"),
    ("march the third", "2027-03-03"),
    ("third march", "2027-03-03"),
    ("march 3rd", "2027-03-03"),
    ("november twentieth", "2027-11-20"),
    ("november twenty fifth", "2026-11-25"),
    ("november twenty-sixth", "2026-11-26"),
    ("december thirty first", "2026-12-31"),
    ("the first of january", "2027-01-01"),
    ("february twenty ninth", "2028-02-29"),
    ("march third twenty twenty five", "2025-03-03"),
    ("the fourth of july two thousand and twenty", "2020-07-04"),
    ("the third", "2026-12-03"),
    ("the twenty fifth", "2026-11-25"),
    # months alone: this year's unless already over
    ("november", "2026-11"),
    ("march", "2027-03"),
    ("in march", "2027-03"),
    ("last march", "2026-03"),
    ("last december", "2025-12"),
    ("march twenty twenty five", "2025-03"),
]

GERMAN = [
    ("heute", "2026-11-25"),
    ("heute abend", "2026-11-25"),
    ("heute nacht", "2026-11-25"),
    ("gestern", "2026-11-24"),
    ("gestern abend", "2026-11-24"),
    ("letzte nacht", "2026-11-24"),
    ("in der letzten nacht", "2026-11-24"),
    ("vorgestern", "2026-11-23"),
    ("morgen", "2026-11-26"),
    ("übermorgen", "2026-11-27"),
    ("vor drei tagen", "2026-11-22"),
    ("jetzt", PRESENT_REF),
    ("diese woche", "2026-W48"),
    ("letzte woche", "2026-W47"),
    ("in der letzten woche", "2026-W47"),
    ("vergangene woche", "2026-W47"),
    ("nächste woche", "2026-W49"),
    ("vor einer woche", "2026-W47"),
    ("dieses wochenende", "2026-W48-WE"),
    ("letztes wochenende", "2026-W47-WE"),
    ("am letzten wochenende", "2026-W47-WE"),
    ("am wochenende", "2026-W48-WE"),
    ("diesen monat", "2026-11"),
    ("letzten monat", "2026-10"),
    ("im letzten monat", "2026-10"),
    ("vorigen monat", "2026-10"),
    ("dieses quartal", "2026-Q4"),
    ("letztes quartal", "2026-Q3"),
    ("dieses jahr", "2026"),
    ("letztes jahr", "2025"),
    ("dieses jahrzehnt", "202X"),
    ("diesen winter", "2026-WI"),
    ("letzten sommer", "2025-SU"),
    ("im herbst", "2026-FA"),
    ("letztes frühjahr", "2025-SP"),
    ("montag", "2026-11-30"),
    ("am montag", "2026-11-30"),
    ("am mittwoch", "2026-11-25"),
    ("letzten montag", "2026-11-23"),
    ("am letzten montag", "2026-11-23"),
    ("nächsten freitag", "2026-11-27"),
    ("dritter märz", "2027-03-03"),
    ("am dritten märz", "2027-03-03"),
    ("der dritte märz", "2027-03-03"),
    ("3. märz", "2027-03-03"),
    ("zwanzigster november", "2027-11-20"),
    ("am fünfundzwanzigsten november", "2026-11-25"),
    ("einunddreißigster dezember", "2026-12-31"),
    ("am ersten januar", "2027-01-01"),
    ("dritter märz zweitausendfünfundzwanzig", "2025-03-03"),
    ("am dritten", "2026-12-03"),
    ("märz", "2027-03"),
    ("im märz", "2027-03"),
    ("letzten märz", "2026-03"),
    ("zweitausendzwanzig", "2020"),
]

NOT_DATES = [
    ("en-US", "the"),
    ("en-US", "twenty"),
    ("en-US", "three"),
    ("en-US", "my weight"),
    ("en-US", "february thirtieth"),
    ("en-US", "last"),
    ("en-US", "on my step goal"),
    ("en-US", ""),
    ("de-DE", "meinem gewicht"),
    ("de-DE", "letzte"),
    ("de-DE", "dreißigster februar"),
]


@pytest.mark.parametrize(("phrase", "value"), ENGLISH)
def test_english_phrases(phrase: str, value: str) -> None:
    assert resolve_date_phrase(phrase, TODAY, "en-US") == value
    assert resolve_date_phrase(phrase, TODAY, "en-GB") == value


@pytest.mark.parametrize(("phrase", "value"), GERMAN)
def test_german_phrases(phrase: str, value: str) -> None:
    assert resolve_date_phrase(phrase, TODAY, "de-DE") == value


@pytest.mark.parametrize(("locale", "phrase"), NOT_DATES)
def test_words_that_are_not_dates(locale: str, phrase: str) -> None:
    assert resolve_date_phrase(phrase, TODAY, locale) is None


@pytest.mark.parametrize(
    ("today", "phrase", "value"),
    [
        (date(2026, 12, 31), "this week", "2026-W53"),  # 2026 has 53 ISO weeks
        (date(2026, 12, 31), "next week", "2027-W01"),
        (date(2027, 1, 1), "this week", "2026-W53"),  # ISO year, not calendar year
        (date(2027, 1, 1), "last month", "2026-12"),
        (date(2027, 1, 1), "last quarter", "2026-Q4"),
        (date(2027, 1, 1), "yesterday", "2026-12-31"),
        (date(2027, 1, 1), "last sunday", "2026-12-27"),
        (date(2026, 2, 28), "the thirty first", "2026-03-31"),  # February has none
        (date(2028, 2, 28), "february twenty ninth", "2028-02-29"),
        (date(2026, 12, 31), "december", "2026-12"),
    ],
)
def test_calendar_edges(today: date, phrase: str, value: str) -> None:
    assert resolve_date_phrase(phrase, today, "en-US") == value


@pytest.mark.parametrize(
    ("locale", "text", "found"),
    [
        ("en-US", "how did I sleep last night", ("last night", "2026-11-24")),
        ("en-US", "how many steps did I take two days ago", ("two days ago", "2026-11-23")),
        ("en-US", "what was my weight on the third of march", ("on the third of march", "2027-03-03")),
        ("en-US", "What's my weight trend this month?", ("this month", "2026-11")),
        ("en-US", "may I ask how much I weigh", None),
        ("en-US", "what is my weight", None),
        ("de-DE", "wie habe ich letzte Nacht geschlafen", ("letzte nacht", "2026-11-24")),
        ("de-DE", "wie viel wog ich am dritten März", ("am dritten märz", "2027-03-03")),
        ("de-DE", "wie viel wiege ich", None),
    ],
)
def test_find_date_phrase(locale: str, text: str, found: tuple[str, str] | None) -> None:
    assert find_date_phrase(text, locale, today=TODAY) == found
