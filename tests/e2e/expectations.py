"""What the skill must say, computed from the sandbox's raw data: the one set of expectation helpers.

Nights (sleep, the times of a night, a conversation's follow-ups) are in expectations_nights.py.

Raw data is one user's history as the sandbox serves it at one instant: GET /_sandbox/users/{userid}
from a running stack, or `raw_at(moment, ...)` (sandbox.data.served_at: the same generation and the
same as-of cut) for a moment a test picks. "Now" is the instant the history was cut at
(`raw["as_of"]`), so every expectation holds at whatever moment it is asked: the suite's pinned one
or a moment of the calendar sweep.

Written from the Withings wire format and the catalogues' wording (en-US here; tests in other
locales phrase the same numbers with `said(..., comma=True)`), never by calling the skill's own
parsing or formatting code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from sandbox.data import DEFAULT_USERID, served_at
from sandbox.server import SandboxConfig

Raw = Mapping[str, Any]

KG_PER_LB: Final = 0.45359237  # the pound's definition
M_PER_MILE: Final = 1609.344
WEIGHT, FAT_RATIO, DIASTOLIC, SYSTOLIC, PULSE, SPO2, BODY_TEMP = 1, 6, 9, 10, 11, 54, 71

# en-US replies (skill/voice/speech/locales/en-US.json), written out here on purpose.
LINK_PROMPT: Final = (
    "To hear your Withings data, link your Withings account in the Alexa app. I've sent a card there to help."
)
TIMEOUT_APOLOGY: Final = "Sorry, Withings took too long to answer. Please try again in a moment."
SERVICE_APOLOGY: Final = "Sorry, Withings isn't working properly right now. Please try again later."
BUSY_APOLOGY: Final = "Withings is busy right now, please try again in a minute."
GOODBYE: Final = "Goodbye."


# -- the raw data ---------------------------------------------------------------------------------------


def raw_at(
    moment: datetime, userid: str = DEFAULT_USERID, config: SandboxConfig = SandboxConfig()
) -> dict[str, Any]:
    """What a sandbox with `config` serves for `userid` at `moment`, in GET /_sandbox/users' shape."""
    user = served_at(config.seed, userid, config.timezone, moment, config.days)
    return dataclasses.asdict(user)


def tz_of(raw: Raw) -> ZoneInfo:
    return ZoneInfo(str(raw["timezone"]))


def now_of(raw: Raw) -> datetime:
    """The instant the history was served at, in the user's time zone."""
    return datetime.fromtimestamp(int(raw["as_of"]), tz_of(raw))


def today_of(raw: Raw) -> date:
    return now_of(raw).date()


def local_time(raw: Raw, epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz_of(raw))


def day_bounds(raw: Raw, first: date, last: date) -> tuple[float, float]:
    """[first 00:00, the day after last 00:00) in the user's time zone, as Unix times."""
    tz = tz_of(raw)
    start = datetime.combine(first, datetime.min.time(), tzinfo=tz).timestamp()
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=tz).timestamp()
    return start, end


def value_of(group: Mapping[str, Any], mtype: int) -> float | None:
    """A whole-body measure's value (value × 10^unit); segment measures carry a position."""
    for m in group["measures"]:
        if m["type"] == mtype and m.get("position") is None:
            return float(m["value"]) * 10.0 ** int(m["unit"])
    return None


def real_groups(raw: Raw, mtype: int) -> list[dict[str, Any]]:
    """Real measures (category 1) that are surely the user's (attrib not 1 or 4), oldest first."""
    groups = [
        g
        for g in raw["measuregrps"]
        if g["category"] == 1 and g["attrib"] not in (1, 4) and value_of(g, mtype) is not None
    ]
    return sorted(groups, key=lambda g: (g["date"], g["grpid"]))


def groups_between(raw: Raw, mtype: int, first: date, last: date) -> list[dict[str, Any]]:
    start, end = day_bounds(raw, first, last)
    return [g for g in real_groups(raw, mtype) if start <= g["date"] < end]


def latest_weight_kg(raw: Raw) -> float:
    groups = real_groups(raw, WEIGHT)
    assert groups, "the sandbox user has no weigh-in"
    value = value_of(groups[-1], WEIGHT)
    assert value is not None
    return value


def activity_on(raw: Raw, day: date) -> dict[str, Any] | None:
    for record in raw["activities"]:
        if record["date"] == day.isoformat():
            return dict(record)
    return None


def night_ending(raw: Raw, morning: date) -> dict[str, Any] | None:
    """The sleep summary of the night that ended on `morning` (Withings dates a night by its end)."""
    found = [s for s in raw["sleep_summaries"] if s["date"] == morning.isoformat()]
    return max(found, key=lambda s: s["data"].get("total_sleep_time") or 0) if found else None


def workouts_between(raw: Raw, first: date, last: date) -> list[dict[str, Any]]:
    return [w for w in raw["workouts"] if first.isoformat() <= w["date"] <= last.isoformat()]


def last_week(today: date) -> tuple[date, date]:
    """Monday to Sunday of the ISO week before today's."""
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def iso_week(day: date) -> str:
    """The AMAZON.DATE value of the week `day` is in ("2026-W47", "2026-W53")."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# -- how numbers and times are said ------------------------------------------------------------------


def said(number: float, decimals: int = 0, *, comma: bool = False) -> str:
    """A number as speech writes it: grouped thousands, "81.0" said "81"; `comma`: German style."""
    text = f"{number:,.{decimals}f}"
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -(decimals + 1)]
    if comma:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def pounds(kg: float) -> str:
    value = said(kg / KG_PER_LB, 1)
    return f"{value} pound" if value == "1" else f"{value} pounds"


def steps(count: float) -> str:
    value = said(count)
    return f"{value} step" if value == "1" else f"{value} steps"


def clock(moment: datetime) -> str:
    """ "7:05 AM", en-US 12-hour clock."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'}"


def hours_minutes(seconds: float) -> tuple[int, int]:
    """A duration as it is said: rounded to the minute, then hours and minutes."""
    return divmod(round(seconds / 60), 60)


def duration(seconds: float) -> str:
    hours, rest = hours_minutes(seconds)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts) or "less than a minute"


_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday(day: date) -> str:
    return _WEEKDAYS[day.weekday()]


def date_text(day: date, today: date) -> str:
    """ "March 3", with ", 2025" when not this year."""
    text = f"{_MONTHS[day.month - 1]} {day.day}"
    return text if day.year == today.year else f"{text}, {day.year}"


def fresh(raw: Raw, epoch: int, kind: str) -> str:
    """How fresh a reading is, in the en-US catalogue's words; `kind` is "weighin" or "reading"."""
    moment = local_time(raw, epoch)
    today = today_of(raw)
    age = (today - moment.date()).days
    noun = "weigh-in" if kind == "weighin" else "reading"
    if age <= 0:
        return (
            f"as of your {clock(moment)} weigh-in"
            if kind == "weighin"
            else f"from your {clock(moment)} reading today"
        )
    if age == 1:
        return f"from your {noun} yesterday at {clock(moment)}"
    if age < 7:
        return f"from your {noun} {age} days ago"
    return f"from your {noun} on {date_text(moment.date(), today)}"


# -- what the replies say (en-US) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Want:
    """What the reply must say: exactly `text`, or start with it."""

    text: str
    how: str = "=="  # "==" or "startswith"

    def matches(self, spoken: str) -> bool:
        return spoken == self.text if self.how == "==" else spoken.startswith(self.text)


Expectation = Callable[[Raw], Want]


def latest_weight(raw: Raw) -> Want:
    """ "162 pounds from your weigh-in yesterday at 6:20 AM, down 0.7 pounds from last week." """
    groups = real_groups(raw, WEIGHT)
    latest = groups[-1]
    kg = latest_weight_kg(raw)
    text = f"{pounds(kg)} {fresh(raw, latest['date'], 'weighin')}"
    window = [g for g in groups if 4 * 86400 <= latest["date"] - g["date"] <= 10 * 86400]
    if not window:
        return Want(text + ".")
    before = min(window, key=lambda g: abs(latest["date"] - g["date"] - 7 * 86400))
    then_kg = value_of(before, WEIGHT)
    assert then_kg is not None
    delta = round(kg / KG_PER_LB, 1) - round(then_kg / KG_PER_LB, 1)
    if abs(delta) < 0.05:
        return Want(f"{text}, the same as last week.")
    direction = "down" if delta < 0 else "up"
    return Want(f"{text}, {direction} {pounds(abs(kg - then_kg))} from last week.")


@dataclass(frozen=True)
class WeightTrend:
    """The weigh-ins of a period: first, last and mean (kg); `steady` when first and last sound alike."""

    values: tuple[float, ...]

    @property
    def first(self) -> float:
        return self.values[0]

    @property
    def last(self) -> float:
        return self.values[-1]

    @property
    def average(self) -> float:
        return sum(self.values) / len(self.values)

    def steady(self, spoken: Callable[[float], str]) -> bool:
        return spoken(self.first) == spoken(self.last)


def weight_values(raw: Raw, first: date, last: date) -> WeightTrend:
    return WeightTrend(tuple(value_of(g, WEIGHT) or 0.0 for g in groups_between(raw, WEIGHT, first, last)))


def weight_before(raw: Raw, first: date) -> tuple[float, date] | None:
    """The last weigh-in in the 90 days before `first` (kg, its local day)."""
    earlier = groups_between(raw, WEIGHT, first - timedelta(days=90), first - timedelta(days=1))
    if not earlier:
        return None
    value = value_of(earlier[-1], WEIGHT)
    assert value is not None
    return value, local_time(raw, earlier[-1]["date"]).date()


def on_day(day: date, today: date) -> str:
    """ "today", "yesterday", "on Monday", "on March 3", as the en-US catalogue says a past day."""
    age = (today - day).days
    if age == 0:
        return "today"
    if age == 1:
        return "yesterday"
    return f"on {weekday(day)}" if age < 7 else f"on {date_text(day, today)}"


def weight_trend(raw: Raw, first: date, last: date, when: str) -> Want:
    """TrendIntent for weight over [first, last]: none, one reading, steady, or down/up with the mean.

    Fewer than two readings: the latest compared with the last one before the period, saying so."""
    trend = weight_values(raw, first, last)
    before = weight_before(raw, first) if len(trend.values) < 2 else None
    today = today_of(raw)
    if before is not None:
        then_kg, then_day = before
        then = f"{pounds(then_kg)} {on_day(then_day, today)}"
        if not trend.values:
            return Want(
                f"I don't have any weight readings {when}. The last one before was {pounds(then_kg)}, "
                f"{on_day(then_day, today)}."
            )
        only_day = local_time(raw, groups_between(raw, WEIGHT, first, last)[-1]["date"]).date()
        lead = f"I have one weight reading {when}: {pounds(trend.last)}, {on_day(only_day, today)}."
        delta = round(trend.last / KG_PER_LB, 1) - round(then_kg / KG_PER_LB, 1)
        if abs(delta) < 0.05:
            return Want(f"{lead} That's the same as the last one before it, {then}.")
        direction = "down" if delta < 0 else "up"
        change = pounds(abs(trend.last - then_kg))
        return Want(f"{lead} That's {direction} {change} from the last one before it, {then}.")
    if not trend.values:
        return Want(f"I don't have any weight data {when}.")
    if len(trend.values) == 1:
        return Want(f"I have just one weight reading {when}: {pounds(trend.last)}.")
    average = f" It averaged {pounds(trend.average)}."
    if trend.steady(lambda kg: said(kg / KG_PER_LB, 1)):
        return Want(f"Your weight held steady at {pounds(trend.last)} {when}.{average}")
    direction = "down" if trend.last < trend.first else "up"
    return Want(
        f"Your weight went {direction} {pounds(abs(trend.last - trend.first))} {when}, "
        f"from {pounds(trend.first)} to {pounds(trend.last)}.{average}"
    )


def weight_trend_30_days(raw: Raw) -> Want:
    today = today_of(raw)
    return weight_trend(raw, today - timedelta(days=29), today, "over the last 30 days")


def kilos_de(kg: float) -> str:
    """A weight as de-DE says it: "73,6 Kilo"."""
    return f"{said(kg, 1, comma=True)} Kilo"


def weight_trend_30_days_de(raw: Raw) -> Want:
    """The same trend in de-DE, which hears kilos: steady when first and last are said alike in kilos."""
    today = today_of(raw)
    trend = weight_values(raw, today - timedelta(days=29), today)
    when = "in den letzten 30 Tagen"
    if not trend.values:
        return Want(f"Ich habe {when} keine Daten für Gewicht.")
    if len(trend.values) == 1:
        return Want(f"Ich habe {when} nur eine Messung für Gewicht: {kilos_de(trend.last)}.")
    average = f" Im Schnitt {kilos_de(trend.average)}."
    if trend.steady(kilos_de):
        return Want(f"Gewicht {when}: gleichbleibend bei {kilos_de(trend.last)}.{average}")
    word = "weniger" if trend.last < trend.first else "mehr"
    change = kilos_de(abs(trend.last - trend.first))
    return Want(
        f"Gewicht {when}: {change} {word}, von {kilos_de(trend.first)} auf {kilos_de(trend.last)}.{average}"
    )


def weight_trend_this_month(raw: Raw) -> Want:
    today = today_of(raw)
    return weight_trend(raw, today.replace(day=1), today, "this month")


def activity_summary(raw: Raw, day: date) -> Want:
    """ "How active was I": active minutes (moderate + intense, Withings' `active`) and steps."""
    today = today_of(raw)
    record = activity_on(raw, day)
    if record is None or not record.get("active") or not record.get("steps"):
        return Want("I don't have any activity data", "startswith")
    active = duration(record["active"])
    if day == today:
        return Want(f"You've been active for {active} so far today, and taken {steps(record['steps'])}.")
    return Want(f"You were active for {active} {on_day(day, today)}, and took {steps(record['steps'])}.")


def steps_today(raw: Raw) -> Want:
    today = today_of(raw)
    record = activity_on(raw, today)
    if record is not None:
        return Want(f"You've taken {steps(record['steps'])} so far today.")
    text = "I don't have any activity data for today yet. Your tracker or phone may not have synced."
    yesterday = activity_on(raw, today - timedelta(days=1))
    if yesterday is None:
        return Want(text, "startswith")
    return Want(f"{text} The latest I have: {steps(yesterday['steps'])} yesterday.")


def steps_yesterday(raw: Raw) -> Want:
    record = activity_on(raw, today_of(raw) - timedelta(days=1))
    if record is None:
        return Want("I don't have any activity data yesterday.")
    return Want(f"You took {steps(record['steps'])} yesterday.")


def average_steps_last_week(raw: Raw) -> Want:
    """AverageIntent for steps last week: the mean over the days that have any."""
    monday, _ = last_week(today_of(raw))
    days = [activity_on(raw, monday + timedelta(days=n)) for n in range(7)]
    counted = [d["steps"] for d in days if d and d["steps"]]
    if not counted:
        return Want("I don't have any step data last week.")
    return Want(f"You averaged {steps(sum(counted) / len(counted))} a day last week.")


def workouts_counted(when: str, first_day: Callable[[date], date]) -> Expectation:
    """ "You did 3 workouts <when>: ..." for the workouts from first_day(today) to six days later."""

    def want(raw: Raw) -> Want:
        first = first_day(today_of(raw))
        found = workouts_between(raw, first, first + timedelta(days=6))
        if not found:
            return Want(f"I don't have any workouts {when}.")
        noun = "workout" if len(found) == 1 else "workouts"
        return Want(f"You did {len(found)} {noun} {when}", "startswith")

    return want


workouts_last_7_days = workouts_counted("over the last 7 days", lambda today: today - timedelta(days=6))
workouts_last_week = workouts_counted("last week", lambda today: last_week(today)[0])


def digest(raw: Raw) -> Want:
    """DailyDigestIntent: today's steps against the goal, last night, the latest weight, the offer."""
    today = today_of(raw)
    record = activity_on(raw, today)
    goal = raw["goals"]["steps"]
    if record is None:
        parts = ["I don't have any steps for today yet."]
    else:
        percent = said(100.0 * record["steps"] / goal)
        parts = [
            f"You've taken {steps(record['steps'])} so far today, {percent} percent of your "
            f"{said(goal)} step goal."
        ]
    night = night_ending(raw, today)
    parts.append(
        f"Last night you slept {duration(night['data']['total_sleep_time'])}."
        if night
        else "I don't have sleep data for last night yet."
    )
    group = real_groups(raw, WEIGHT)[-1]
    parts.append(
        f"Your latest weight is {pounds(latest_weight_kg(raw))}, {fresh(raw, group['date'], 'weighin')}."
    )
    parts.append("Would you like your weight trend for the last 30 days?")
    return Want(" ".join(parts))
