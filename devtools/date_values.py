"""AMAZON.DATE values and the calendar arithmetic behind them, shared by every language's date rules.

The value formats are Alexa's (alexa-notes §3.2): a day `2026-11-25`, `PRESENT_REF`, an ISO week
`2026-W48`, a weekend `2026-W48-WE`, a month `2026-11`, a quarter `2026-Q4`, a year, a decade `202X`.
Ambiguous days resolve on or after today, as Alexa resolves them (the skill clamps to the past).
Local tooling only (devtools.date_phrases and the per-language rule modules).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

PRESENT_REF = "PRESENT_REF"


def _number(words: Sequence[str], table: dict[str, int], *, compact: bool = False) -> int | None:
    if not words:
        return None
    return table.get("".join(words) if compact else " ".join(words))


def _year(words: Sequence[str], table: dict[str, int], *, compact: bool = False) -> int | None:
    if len(words) == 1 and re.fullmatch(r"(19|20)\d\d", words[0]):  # typed digits
        return int(words[0])
    return _number(words, table, compact=compact)


# --- value formatting and calendar arithmetic -------------------------------------------------------


def _day(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month(today: date, delta: int) -> str:
    year, month = _add_months(today.year, today.month, delta)
    return f"{year:04d}-{month:02d}"


def _quarter(today: date, delta: int) -> str:
    index = today.year * 4 + (today.month - 1) // 3 + delta
    return f"{index // 4}-Q{index % 4 + 1}"


def _decade(today: date, delta: int) -> str:
    return f"{(today.year // 10 + delta):03d}X"


_PERIODS: dict[str, Callable[[date, int], str]] = {
    "day": lambda today, delta: _day(today + timedelta(days=delta)),
    "week": lambda today, delta: _week(today + timedelta(weeks=delta)),
    "weekend": lambda today, delta: _week(today + timedelta(weeks=delta)) + "-WE",
    "month": _month,
    "quarter": _quarter,
    "year": lambda today, delta: f"{today.year + delta:04d}",
    "decade": _decade,
}


def _period(unit: str, today: date, delta: int) -> str:
    return _PERIODS[unit](today, delta)


def _weekday(today: date, weekday: int, mode: int) -> str:
    """mode 0: on or after today (Alexa's default); -1: the previous one; +1: the next one after today."""
    if mode < 0:
        back = (today.weekday() - weekday) % 7 or 7
        return _day(today - timedelta(days=back))
    ahead = (weekday - today.weekday()) % 7
    if mode > 0 and ahead == 0:
        ahead = 7
    return _day(today + timedelta(days=ahead))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(today: date, month: int, day: int, year: int | None) -> str | None:
    if not 1 <= day <= 31:
        return None
    if year is not None:
        d = _safe_date(year, month, day)
        return _day(d) if d else None
    for candidate_year in range(today.year, today.year + 9):  # Feb 29 may be years away
        d = _safe_date(candidate_year, month, day)
        if d is not None and d >= today:
            return _day(d)
    return None


def _day_of_month(today: date, day: int) -> str | None:
    if not 1 <= day <= 31:
        return None
    for delta in range(13):
        year, month = _add_months(today.year, today.month, delta)
        d = _safe_date(year, month, day)
        if d is not None and d >= today:
            return _day(d)
    return None


def _month_only(today: date, month: int, mode: int, year: int | None) -> str:
    if year is not None:
        return f"{year:04d}-{month:02d}"
    if mode == 0:  # bare or "this": this year's, unless it is over (future default)
        chosen = today.year if month >= today.month else today.year + 1
    elif mode < 0:
        chosen = today.year if month < today.month else today.year - 1
    else:
        chosen = today.year if month > today.month else today.year + 1
    return f"{chosen:04d}-{month:02d}"
