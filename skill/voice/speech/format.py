"""Numbers, units, durations, clock times and dates as people say them, per locale.

Every word comes from the locale's catalogue; this module only decides which message and which
number, from the catalogue's `settings` (tests/unit/voice/test_cldr.py checks them against CLDR):
- body weight in pounds in en-US, en-CA and es-US, stone and pounds in en-GB (pounds for smaller
  masses and changes), kilograms elsewhere; miles in en-US, en-GB and es-US, kilometres elsewhere;
  °F in en-US and es-US, °C elsewhere (the sources of each choice: docs/locales.md);
- the locale's decimal and thousands separators (Indian grouping in en-IN: 1,23,456), and its plural
  rule (French says "1,5 kilo", singular below two);
- 12-hour clocks with AM/PM (en-US, en-GB, en-CA, en-AU, en-IN), with the day's periods ("10:55 de la
  noche", es-MX and es-US), or 24-hour ("22:55 Uhr", "22 h 55", "22:55");
- dates with the weekday where the language says it ("le mardi 3 mars", "el martes 3 de marzo").

Cards show these strings as they are; speech.spoken rewrites their numbers for the ear where the
TTS could misread them (decimal commas, spaced thousands).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from skill.voice.vocabulary import Freshness, Label, Quantity, Season

if TYPE_CHECKING:
    from skill.voice.periods.period import Period
    from skill.voice.speech.catalogue import Catalogue

KG_PER_LB: Final = 0.45359237
LB_PER_STONE: Final = 14
M_PER_MILE: Final = 1609.344
# A change smaller than this, in the unit it is spoken in, is said as no change.
SAME_AS_SPOKEN: Final = 0.05


class Unit(StrEnum):
    """A counted noun: `<unit>.one` for exactly one as spoken, `<unit>.other` for any other number."""

    HOUR = "unit.hour"
    MINUTE = "unit.minute"
    POUND = "unit.pound"
    KILO = "unit.kilo"
    POINT = "unit.point"
    MILE = "unit.mile"
    KILOMETER = "unit.kilometer"
    STEP = "unit.step"
    CALORIE = "unit.calorie"
    FLOOR = "unit.floor"
    BPM = "unit.bpm"
    NIGHT = "unit.night"
    READING = "unit.reading"
    WORKOUT = "unit.workout"


_ON_A_DAY: Final = (Label.TODAY, Label.YESTERDAY, Label.WEEKDAY, Label.DATE)
_SEASON_LABELS: Final = (Label.THIS_SEASON, Label.LAST_SEASON, Label.SEASON)


class Formatter:
    """Formats values for one locale, relative to the user's local `today`."""

    def __init__(self, catalogue: Catalogue, today: date) -> None:
        self.cat = catalogue
        self.today = today

    # -- numbers and units ----------------------------------------------------------------------

    def number(self, value: float, decimals: int = 0) -> str:
        """Grouped and rounded: "6,240", "81.2" (en) / "6.240", "81,2" (de); "81.0" is said "81"."""
        text = f"{value:.{decimals}f}"
        if decimals and text.endswith("." + "0" * decimals):
            text = text[: -(decimals + 1)]
        if text in ("-0", "-0.0"):
            text = "0"
        whole, _, fraction = text.partition(".")
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        grouped = self.cat.setting("group").join(_groups(digits, self.cat.setting("grouping")))
        return sign + grouped + (self.cat.setting("decimal") + fraction if fraction else "")

    def _unit(self, unit: Unit, value: float, decimals: int = 0) -> str:
        text = self.number(value, decimals)
        return self.cat(f"{unit}.one" if self._one(value, decimals) else f"{unit}.other", n=text)

    def _one(self, value: float, decimals: int) -> bool:
        """Whether the number, as said, takes the singular: exactly 1, or in French anything below 2."""
        said = abs(round(value, decimals))
        if self.cat.setting("plural") == "below_two":
            return said < 2
        return said == 1

    def count(self, unit: Unit, n: int) -> str:
        """A counted noun: "1 night", "5 nights" (Unit.NIGHT)."""
        return self._unit(unit, n)

    def quantity(self, kind: Quantity, value: float) -> str:
        """A metric's value in the words, unit and rounding its kind takes."""
        return _SAY[kind](self, value)

    def change(self, kind: Quantity, before: float, after: float) -> tuple[float, str] | None:
        """A change in body weight or body fat: (signed, as rounded when spoken; its size in words).

        None when the two are the same as spoken ("81.2 to 81.2" is no change, whatever the grams say).
        """
        if kind is Quantity.WEIGHT:
            signed, words = self.mass_in_unit(after) - self.mass_in_unit(before), self.mass(after - before)
        elif kind is Quantity.PERCENT:
            signed, words = round(after, 1) - round(before, 1), self.points(after - before)
        else:
            raise ValueError(f"no change in words for {kind!r}")
        return None if abs(signed) < SAME_AS_SPOKEN else (signed, words)

    def weight(self, kg: float) -> str:
        """Body weight: "179.2 pounds" / "12 stone 4" / "81,2 Kilo"."""
        system = self.cat.setting("weight")
        if system == "st":
            total_lb = round(kg / KG_PER_LB)
            stone, pounds = divmod(total_lb, LB_PER_STONE)
            if pounds == 0:
                return self.cat("unit.stone", stone=self.number(stone))
            return self.cat("unit.stone_pounds", stone=self.number(stone), pounds=self.number(pounds))
        if system == "lb":
            return self._unit(Unit.POUND, kg / KG_PER_LB, 1)
        return self._unit(Unit.KILO, kg, 1)

    def mass(self, kg: float) -> str:
        """A smaller mass (fat, muscle, bone, water) or a change in weight, always positive."""
        if self.cat.setting("mass") == "lb":
            return self._unit(Unit.POUND, abs(kg) / KG_PER_LB, 1)
        return self._unit(Unit.KILO, abs(kg), 1)

    def mass_in_unit(self, kg: float) -> float:
        """A mass in the unit `mass` speaks, rounded as spoken (to tell "the same" from a change)."""
        value = kg / KG_PER_LB if self.cat.setting("mass") == "lb" else kg
        return round(value, 1)

    def percent(self, value: float, decimals: int = 1) -> str:
        return self.cat("unit.percent", n=self.number(value, decimals))

    def points(self, delta: float) -> str:
        """A change in a percentage, in percentage points, always positive."""
        return self._unit(Unit.POINT, abs(delta), 1)

    def distance(self, meters: float) -> str:
        if self.cat.setting("distance") == "mi":
            return self._unit(Unit.MILE, meters / M_PER_MILE, 1)
        return self._unit(Unit.KILOMETER, meters / 1000.0, 1)

    def steps(self, n: float) -> str:
        return self._unit(Unit.STEP, n)

    def calories(self, kcal: float) -> str:
        return self._unit(Unit.CALORIE, kcal)

    def floors(self, n: float) -> str:
        return self._unit(Unit.FLOOR, n)

    def bpm(self, n: float) -> str:
        return self._unit(Unit.BPM, n)

    def temperature(self, celsius: float) -> str:
        if self.cat.setting("temperature") == "F":
            return self.cat("unit.fahrenheit", n=self.number(celsius * 9 / 5 + 32, 1))
        return self.cat("unit.celsius", n=self.number(celsius, 1))

    def duration(self, seconds: float) -> str:
        """ "7 hours 10 minutes", "45 minutes", "1 hour" / "7 Stunden 10 Minuten"."""
        minutes = round(seconds / 60)
        if minutes <= 0:
            return self.cat("duration.under_minute")
        hours, rest = divmod(minutes, 60)
        if hours and rest:
            return self.cat(
                "duration.hm", hours=self._unit(Unit.HOUR, hours), minutes=self._unit(Unit.MINUTE, rest)
            )
        if hours:
            return self._unit(Unit.HOUR, hours)
        return self._unit(Unit.MINUTE, rest)

    # -- times and dates ------------------------------------------------------------------------

    def clock(self, moment: datetime) -> str:
        """ "10:55 PM" / "10:55 de la noche" / "22:55 Uhr", in the moment's own (the record's) time zone.

        The hour is an int, so a template may pad it ("{hour:02d}:{minute}", "07:05" in Italian).
        """
        minute = f"{moment.minute:02d}"
        system = self.cat.setting("clock")
        if system == "24":
            return self.cat("time.24h", hour=moment.hour, minute=minute)
        hour = moment.hour % 12 or 12
        if system == "12b":
            starts = [int(h) for h in self.cat.setting("day_periods").split(",")]
            # The period that began last, wrapping round midnight to the day's last one.
            begun = [i for i, start in enumerate(starts) if start <= moment.hour]
            index = begun[-1] if begun else len(starts) - 1
            ampm = self.cat(f"time.period.{index}")
        else:
            ampm = self.cat("time.pm" if moment.hour >= 12 else "time.am")
        return self.cat("time.12h", hour=hour, minute=minute, ampm=ampm)

    def weekday(self, day: date) -> str:
        return self.cat(f"weekday.{day.weekday()}")

    def month(self, month: int) -> str:
        return self.cat(f"month.{month}")

    def date_text(self, day: date) -> str:
        """ "March 3" / "3. März" / "mardi 3 mars" / "1er mars", with the year when it is not this year.

        The weekday is always passed; the templates of languages that say it use it.
        """
        values = {
            "day": self.cat("date.day_one") if day.day == 1 else str(day.day),
            "month": self.month(day.month),
            "weekday": self.weekday(day),
        }
        if day.year == self.today.year:
            return self.cat("date.day_month", **values)
        return self.cat("date.day_month_year", year=day.year, **values)

    def on_day(self, day: date) -> str:
        """A past day as an adverbial: "today", "yesterday", "on Monday", "on March 3"."""
        age = (self.today - day).days
        if age == 0:
            return self.cat("when.today")
        if age == 1:
            return self.cat("when.yesterday")
        if 1 < age < 7:
            return self.cat("when.weekday", weekday=self.weekday(day))
        return self.cat("when.date", date=self.date_text(day))

    def when(self, period: Period) -> str:
        """The period as an adverbial: "today", "last week", "in October", "over the last 30 days"."""
        label, start = period.label, period.start
        if label in _ON_A_DAY:
            return self.on_day(start)
        values: dict[str, object] = {}
        key = f"when.{label}"
        if label in (Label.WEEK, Label.WEEKEND):
            values["date"] = self.date_text(start)
        elif label == Label.MONTH:
            values["month"] = self.month(start.month)
            if start.year != self.today.year:
                key, values["year"] = "when.month_year", start.year
        elif label in _SEASON_LABELS:
            values["season"] = self.cat(f"season.{Season.of_month(start.month)}")
            values["year"] = start.year
        elif label == Label.QUARTER:
            key, values["year"] = f"when.quarter.{(start.month - 1) // 3 + 1}", start.year
        elif label in (Label.YEAR, Label.DECADE):
            values[str(label)] = start.year
        elif label == Label.LAST_N_DAYS:
            values["n"] = self.number(period.days)
        elif label == Label.RANGE:
            values["first"], values["last"] = self.date_text(start), self.date_text(period.end)
        return self.cat(key, **values)

    def night(self, night: date) -> str:
        """The night that ended on the morning of `night`: "last night", "on Monday night"."""
        if night >= self.today:
            return self.cat("night.last")
        began = night - timedelta(days=1)
        if (self.today - began).days < 7:
            return self.cat("night.weekday", weekday=self.weekday(began))
        return self.cat("night.date", date=self.date_text(began))

    def fresh(self, moment: datetime, kind: Freshness) -> str:
        """How fresh a reading is ("as of your 7:12 AM weigh-in", "from your reading 3 days ago").

        Days are counted in the user's calendar.
        """
        age = (self.today - moment.date()).days
        time = self.clock(moment)
        if age <= 0:
            return self.cat(f"fresh.{kind}.today", time=time)
        if age == 1:
            return self.cat(f"fresh.{kind}.yesterday", time=time)
        if age < 7:
            return self.cat(f"fresh.{kind}.days", n=self.number(age))
        return self.cat(f"fresh.{kind}.date", date=self.date_text(moment.date()))

    def join(self, items: Sequence[str]) -> str:
        """ "a", "a and b", "a, b and c" (the locale's "and")."""
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        return self.cat("list.and", head=", ".join(items[:-1]), last=items[-1])


def _groups(digits: str, grouping: str) -> list[str]:
    """The digits split into groups from the right: "3" -> 1|234|567, "3,2" -> 12|34|567."""
    first, _, rest = grouping.partition(",")
    size, then = int(first), int(rest or first)
    if len(digits) <= size:
        return [digits]
    head, out = digits[:-size], [digits[-size:]]
    while len(head) > then:
        out.insert(0, head[-then:])
        head = head[:-then]
    return [head, *out]


_SAY: Final[dict[Quantity, Callable[[Formatter, float], str]]] = {
    Quantity.WEIGHT: Formatter.weight,
    Quantity.MASS: Formatter.mass,
    Quantity.PERCENT: Formatter.percent,
    Quantity.WHOLE_PERCENT: lambda fmt, value: fmt.percent(value, 0),
    Quantity.DISTANCE: Formatter.distance,
    Quantity.STEPS: Formatter.steps,
    Quantity.CALORIES: Formatter.calories,
    Quantity.FLOORS: Formatter.floors,
    Quantity.DURATION: Formatter.duration,
    Quantity.BPM: Formatter.bpm,
    Quantity.TEMPERATURE: Formatter.temperature,
    Quantity.NUMBER: Formatter.number,
}
