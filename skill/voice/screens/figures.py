"""Figures for labels too small for the spoken words: the number speech says, without its unit.

A bar over "Tue" shows "6,240", not "6,240 steps"; the headline above it names the unit. The rounding
and unit system are those of skill.voice.speech.format (tests/unit/voice/test_screens.py checks that
every bare figure is the number inside the spoken one, in every locale).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Final

from skill.voice.speech.format import KG_PER_LB, M_PER_MILE
from skill.voice.vocabulary import Quantity

if TYPE_CHECKING:
    from skill.voice.speech.format import Formatter


def sentence_case(text: str) -> str:
    """ "as of your 7:12 AM weigh-in" on a line of its own: "As of your 7:12 AM weigh-in"."""
    return text[:1].upper() + text[1:]


def bare(fmt: Formatter, kind: Quantity, value: float) -> str:
    """The number `fmt.quantity(kind, value)` says, in the same unit and rounding, without the unit."""
    if kind is Quantity.DURATION:
        return hours_minutes(fmt, value)
    if kind is Quantity.WEIGHT and fmt.cat.setting("weight") == "st":
        return fmt.weight(value)  # "12 stone 4": no shorter form says the same
    convert, decimals = _BARE.get(kind, (_same, 0))  # whole numbers: steps, calories, bpm, scores...
    return fmt.number(convert(fmt, value), decimals)


def _same(fmt: Formatter, value: float) -> float:
    return value


def _pounds_if(setting: str) -> Callable[[Formatter, float], float]:
    return lambda fmt, kg: abs(kg) / KG_PER_LB if fmt.cat.setting(setting) == "lb" else abs(kg)


# Quantity -> (the spoken unit's value, decimals), as skill.voice.speech.format says them.
_BARE: Final[dict[Quantity, tuple[Callable[[Formatter, float], float], int]]] = {
    Quantity.WEIGHT: (_pounds_if("weight"), 1),
    Quantity.MASS: (_pounds_if("mass"), 1),
    Quantity.PERCENT: (_same, 1),
    Quantity.DISTANCE: (
        lambda fmt, m: m / M_PER_MILE if fmt.cat.setting("distance") == "mi" else m / 1000.0,
        1,
    ),
    Quantity.TEMPERATURE: (
        lambda fmt, c: c * 9 / 5 + 32 if fmt.cat.setting("temperature") == "F" else c,
        1,
    ),
}


def hours_minutes(fmt: Formatter, seconds: float) -> str:
    """ "7h 10m": the hours and minutes Formatter.duration says, rounded to the minute the same way."""
    hours, minutes = divmod(max(0, round(seconds / 60)), 60)
    return fmt.cat("screen.hm", hours=hours, minutes=f"{minutes:02d}")


def weekday_short(fmt: Formatter, day: date) -> str:
    return fmt.cat(f"screen.weekday.{day.weekday()}")
