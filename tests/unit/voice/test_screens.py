"""The Echo Show pictures' parts: geometry, figures as speech says them, each picture's choices, the
directive, and the guard that keeps a failing picture from costing the answer.

End to end (lambda_handler, the sandbox, Amazon's validator) is tests/e2e/test_screens*.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from skill.voice.handlers.screen import MAX_RESPONSE_BYTES, with_screen
from skill.voice.locales import LOCALES
from skill.voice.periods.resolve import resolve_required
from skill.voice.queries.activity import ActivityResult
from skill.voice.queries.digest import DigestPart, DigestResult
from skill.voice.queries.measures import MeasureResult, Reading
from skill.voice.queries.sleep import SleepResult
from skill.voice.queries.trend import Point, TrendResult
from skill.voice.queries.workouts import WorkoutsResult
from skill.voice.screens import geometry
from skill.voice.screens.directive import document, render_document
from skill.voice.screens.figures import bare, hours_minutes
from skill.voice.screens.pictures.activity import activity
from skill.voice.screens.pictures.digest import digest
from skill.voice.screens.pictures.latest import latest
from skill.voice.screens.pictures.sleep import sleep
from skill.voice.screens.pictures.trend import trend
from skill.voice.screens.pictures.workouts import MAX_ROWS, workouts
from skill.voice.screens.records import NONE, BarChart, Document, LineChart, Night, Picture, Screen, to_json
from skill.voice.screens.support import supports_apl
from skill.voice.specs import BODY
from skill.voice.speech.catalogue import load
from skill.voice.speech.format import Formatter
from skill.voice.speech.reply import Reply
from skill.voice.timezone import UserClock
from skill.voice.vocabulary import (
    ActivityMetric,
    BodyMetric,
    PeriodDefault,
    Quantity,
    SleepMetric,
    TrendMetric,
)
from skill.withings.errors import ServiceError
from skill.withings.models import DailyActivity, Goals, SleepSummary, Workout

from .conftest import TOKEN, Harness, group, local
from .conftest import activity as hday

TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
TODAY = date(2026, 11, 26)  # a Thursday
CLOCK = UserClock(TZ, datetime(2026, 11, 26, 8, 30, tzinfo=UTC))
DAY = timedelta(days=1)
ROOT = Path(__file__).resolve().parents[3]


def fmt(locale: str = "en-US") -> Formatter:
    return Formatter(load(locale), TODAY)


def at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 12, tzinfo=BERLIN)


def period(value: str | None, default: PeriodDefault = PeriodDefault.TODAY) -> Any:
    return resolve_required(value, TODAY, default)


# -- geometry -----------------------------------------------------------------------------------


def test_thin_keeps_short_series_whole_and_long_ones_within_the_limit_with_ends_and_extremes() -> None:
    short = [(float(i), float(i % 5)) for i in range(50)]
    assert geometry.thin(short) == short
    long = [(float(i), 80.0 + (i % 17) / 10) for i in range(2000)]
    long[777] = (777.0, 95.0)  # a peak and a dip the labels will name
    long[1234] = (1234.0, 60.0)
    kept = geometry.thin(long)
    assert len(kept) <= geometry.MAX_LINE_POINTS
    assert kept[0] == long[0] and kept[-1] == long[-1]
    assert (777.0, 95.0) in kept and (1234.0, 60.0) in kept
    assert [t for t, _ in kept] == sorted(t for t, _ in kept)


def test_scale_maps_time_to_x_and_values_to_y_top_down() -> None:
    scale = geometry.Scale.fit(0.0, 100.0, [70.0, 80.0])
    assert (scale.x(0), scale.x(50), scale.x(100)) == (0, 500, 1000)
    assert (scale.y(80.0), scale.y(70.0), scale.y(75.0)) == (0, 1000, 500)
    flat = geometry.Scale.fit(0.0, 1.0, [72.0, 72.0])
    assert flat.y(72.0) == 500  # a flat series runs across the middle
    assert geometry.segments([(0.0, 70.0), (50.0, 80.0), (100.0, 75.0)], scale) == (
        (0, 1000, 500, 0),
        (500, 0, 1000, 500),
    )


def test_bars_and_lines_share_one_scale_reaching_the_goal_when_it_is_higher() -> None:
    values = [5000.0, None, 10000.0]
    assert geometry.bars(values, 2, None) == ((500, 0), (0, 0), (1000, 1))
    assert geometry.bars(values, None, 20000.0) == ((250, 0), (0, 0), (500, 0))
    assert geometry.level(20000.0, values, 20000.0) == 0  # the top of the box
    assert geometry.level(5000.0, values, None) == 500
    assert geometry.level(None, values, None) == NONE


# -- figures: the numbers speech says -----------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", list(Quantity))
def test_a_bare_figure_is_the_number_inside_the_spoken_one(locale: str, kind: Quantity) -> None:
    f = fmt(locale)
    for value in (0.4536, 7.25, 81.24, 1609.344 * 3.05, 6240.0, 25_260.0, 37.04):
        spoken, figure = f.quantity(kind, value), bare(f, kind, value)
        if kind is Quantity.DURATION:
            numbers = re.findall(r"\d+", figure)
            assert [int(n) for n in numbers if int(n)] == [int(n) for n in re.findall(r"\d+", spoken)], spoken
        else:
            assert figure in spoken, (spoken, figure)


def test_hours_and_minutes_round_to_the_minute_as_speech_does() -> None:
    assert hours_minutes(fmt(), 7 * 3600 + 10 * 60 + 29) == "7h 10m"
    assert hours_minutes(fmt(), 7 * 3600 + 59 * 60 + 31) == "8h 00m"
    assert hours_minutes(fmt("de-DE"), 45 * 60) == "0:45 h"


# -- the pictures ---------------------------------------------------------------------------------


def weight_result(*days_ago: int, before: float | None = None) -> MeasureResult:
    readings = tuple(Reading(at(TODAY - DAY * n), 80.0 + n / 10) for n in sorted(days_ago, reverse=True))
    week = Reading(at(TODAY - 7 * DAY), before) if before is not None else None
    return MeasureResult((1,), None, readings, week)


def test_the_latest_weight_against_its_last_30_days_only() -> None:
    f = fmt()
    screen = latest(weight_result(45, 31, 29, 10, 0, before=81.0), BODY[BodyMetric.WEIGHT], f, CLOCK)
    assert screen is not None and (screen.picture, screen.document) == (Picture.LATEST, Document.LINE)
    chart = screen.data
    assert isinstance(chart, LineChart)
    assert chart.headline == f.weight(80.0) == "176.4 pounds"
    assert chart.lines == ("As of your 7:12 AM weigh-in", "Down 2.2 pounds from last week")
    assert len(chart.segments) == 2  # 29, 10 and 0 days ago: the 31 and 45 days old readings are not in it
    assert chart.title == "Weight, last 30 days" and (chart.start, chart.end) == ("October 28", "November 26")
    # The latest reading, the lowest of the three, at 7:12 this morning (the axis runs to tonight).
    assert chart.dot[1] == 1000 and 970 < chart.dot[0] < 1000
    assert latest(MeasureResult((1,), None, ()), BODY[BodyMetric.WEIGHT], f, CLOCK) is None


def test_an_old_latest_reading_gets_the_30_days_up_to_it() -> None:
    screen = latest(weight_result(60, 45), BODY[BodyMetric.WEIGHT], fmt("en-GB"), CLOCK)
    assert screen is not None and isinstance(screen.data, LineChart)
    assert screen.data.title == "Weight, 30 days to 12 October"


def points(n: int, *, first: date) -> tuple[Point, ...]:
    return tuple(Point(first + DAY * i, 6000.0 + 100 * (i % 7), 70.0) for i in range(n))


def test_a_daily_trend_is_bars_for_a_month_and_a_line_beyond() -> None:
    f = fmt()
    month = period(None, PeriodDefault.LAST_30_DAYS)
    bars = trend(
        TrendResult(TrendMetric.STEPS, month, points(30, first=month.start), 6000.0),
        f,
        CLOCK,
        average_only=False,
    )
    assert bars is not None and bars.document is Document.BARS and isinstance(bars.data, BarChart)
    assert len(bars.data.bars) == 30 and bars.data.values == () and bars.data.labels == ()
    assert bars.data.headline == f.steps(sum(p.value for p in points(30, first=month.start)) / 30)
    assert bars.data.average != NONE
    year = period("2026")
    line = trend(
        TrendResult(TrendMetric.STEPS, year, points(300, first=year.start)), f, CLOCK, average_only=True
    )
    assert line is not None and line.document is Document.LINE


def test_a_measure_trend_ends_on_the_last_reading_and_blood_pressure_draws_two_lines() -> None:
    f = fmt("de-DE")
    month = period(None, PeriodDefault.LAST_30_DAYS)
    weights = (Point(month.start, 81.0), Point(month.start + DAY, 80.0), Point(month.start + DAY, 80.2))
    screen = trend(TrendResult(TrendMetric.WEIGHT, month, weights), f, CLOCK, average_only=False)
    assert screen is not None and isinstance(screen.data, LineChart)
    assert screen.data.headline == "80,2 Kilo" and screen.data.lines[0] == "0,8 Kilo weniger"
    assert screen.data.title == "Gewicht in den letzten 30 Tagen"
    pressure = (Point(month.start, 121.0, 79.0), Point(month.end, 117.0, 77.0))
    bp = trend(TrendResult(TrendMetric.BLOOD_PRESSURE, month, pressure), f, CLOCK, average_only=False)
    assert bp is not None and isinstance(bp.data, LineChart)
    assert bp.data.headline == "119/78" and len(bp.data.second) == 1 and bp.data.high == "121"
    assert trend(TrendResult(TrendMetric.WEIGHT, month, ()), f, CLOCK, average_only=False) is None


def day(d: date, steps: int | None) -> DailyActivity:
    return DailyActivity(day=d, timezone=TZ, steps=steps)


def test_steps_today_is_its_week_of_bars_against_the_goal() -> None:
    f = fmt()
    earlier = tuple(day(TODAY - DAY * n, 8000 + n) for n in range(7, 0, -1))
    result = ActivityResult(period(None), (day(TODAY, 5000),), None, earlier)
    screen = activity(result, ActivityMetric.STEPS, Goals(steps=10000), f, CLOCK)
    assert screen is not None and isinstance(screen.data, BarChart)
    chart = screen.data
    assert chart.labels == ("Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu")  # the week ending today
    assert chart.values[-1] == "5,000" and chart.headline == "5,000 steps"
    assert chart.bars[-1] == (500, 1) and chart.goal == 0
    assert chart.lines == ("50 percent of your goal",) and chart.note == "Dashed line: goal, 10,000 steps"
    no_goal = activity(result, ActivityMetric.DISTANCE, Goals(steps=10000), f, CLOCK)
    assert no_goal is None  # no distance in these records: nothing to draw
    assert activity(ActivityResult(period(None), ()), ActivityMetric.STEPS, None, f, CLOCK) is None


def test_a_night_is_its_stages_in_proportion_with_the_score() -> None:
    f = fmt()
    night = SleepSummary(
        night=TODAY, timezone=TZ, start=at(TODAY - DAY, 22), end=at(TODAY, 6), total_sleep_s=25200,
        deep_s=3600, light_s=14400, rem_s=7200, awake_s=1800, sleep_score=81,
    )  # fmt: skip
    screen = sleep(SleepResult(period("2026-11-25"), TODAY, TODAY, (night,)), SleepMetric.DEEP, f, CLOCK)
    assert screen is not None and isinstance(screen.data, Night)
    assert screen.data.headline == "7 hours" and screen.data.lines == (
        "10:12 PM to 6:12 AM",
        "Sleep score 81",
    )
    assert [(s.kind, s.duration, s.share) for s in screen.data.stages] == [
        ("deep", "1 hour", 133),
        ("light", "4 hours", 533),
        ("rem", "2 hours", 267),
        ("awake", "30 minutes", 67),
    ]
    week = period("2026-W47")
    assert sleep(SleepResult(week, week.start, week.end, (night,)), SleepMetric.BEDTIME, f, CLOCK) is None


def test_workouts_are_listed_newest_first_and_a_long_list_says_how_many_more() -> None:
    f = fmt()
    starts = [at(TODAY - DAY * (60 - i), 18) for i in range(MAX_ROWS + 5)]
    found = tuple(
        Workout(i, 2, start.date(), TZ, start, start + timedelta(minutes=30))
        for i, start in enumerate(starts)
    )
    screen = workouts(WorkoutsResult(period("2026-Q4"), found), f)
    assert screen is not None and screen.data.headline == "45 workouts"  # type: ignore[union-attr]
    rows = screen.data.rows  # type: ignore[union-attr]
    assert len(rows) == MAX_ROWS and rows[0].day == "Tuesday, November 10"
    assert screen.data.note == "And 5 more"  # type: ignore[union-attr]
    assert workouts(WorkoutsResult(period("2026-Q4"), ()), f) is None


@pytest.mark.parametrize(
    ("locale", "day"),
    [
        ("de-DE", "Dienstag, 10. November"),
        ("fr-FR", "Mardi 10 novembre"),
        ("es-MX", "Martes 10 de noviembre"),
        ("it-IT", "Martedì 10 novembre"),
    ],
)
def test_a_workouts_day_says_its_weekday_once_and_starts_with_a_capital(locale: str, day: str) -> None:
    # French, Spanish and Italian dates already carry their weekday, in lower case.
    start = at(date(2026, 11, 10), 18)
    found = (Workout(1, 2, start.date(), TZ, start, start + timedelta(minutes=30)),)
    screen = workouts(WorkoutsResult(period("2026-11"), found), fmt(locale))
    assert screen is not None and screen.data.rows[0].day == day  # type: ignore[union-attr]


def test_a_digest_part_withings_could_not_deliver_says_so() -> None:
    failed = DigestResult(
        ActivityResult(period(None), (day(TODAY, 4000),)), None, None, Goals(steps=8000), (DigestPart.SLEEP,)
    )
    tiles = digest(failed, fmt()).data.tiles  # type: ignore[union-attr]
    assert [(t.label, t.value, t.detail) for t in tiles] == [
        ("Steps", "4,000 steps", "50 percent of your 8,000 step goal"),
        ("Sleep", "–", "Not available right now"),
        ("Weight", "–", "No data yet"),
    ]
    assert tiles[0].progress == 500


# -- the directive and the guard ------------------------------------------------------------------


def test_every_document_is_a_file_of_the_package_read_once() -> None:
    for name in Document:
        loaded = document(name)
        assert loaded["type"] == "APL" and loaded["version"] == "2024.2" and "import" not in loaded
        assert loaded["mainTemplate"]["parameters"] == ["picture"]
        assert document(name) is loaded


def test_the_directive_carries_the_document_and_one_datasource() -> None:
    screen = digest(DigestResult(None, None, None, None), fmt())
    directive = render_document(screen)
    assert directive.object_type == "Alexa.Presentation.APL.RenderDocument"
    assert directive.token == "health.digest"
    assert directive.document is document(Document.DIGEST)
    assert directive.datasources == {"picture": to_json(screen.data)}
    assert isinstance(directive.datasources["picture"]["tiles"][0], dict)


def handler_input(apl: bool) -> Any:
    interfaces = SimpleNamespace(alexa_presentation_apl=SimpleNamespace() if apl else None)
    device = SimpleNamespace(supported_interfaces=interfaces)
    envelope = SimpleNamespace(context=SimpleNamespace(system=SimpleNamespace(device=device)))
    return SimpleNamespace(
        request_envelope=envelope, attributes_manager=SimpleNamespace(request_attributes={})
    )


def test_no_apl_no_picture_built() -> None:
    built: list[bool] = []

    def picture() -> Screen:
        built.append(True)
        raise AssertionError("never drawn without a screen")

    reply = Reply("You slept 7 hours.")
    assert not supports_apl(handler_input(False)) and supports_apl(handler_input(True))
    assert with_screen(handler_input(False), reply, picture) is reply
    assert built == []


def test_a_failing_picture_costs_the_answer_nothing_and_says_where_in_the_log() -> None:
    def broken() -> Screen:
        raise KeyError("a planted fault")

    hi = handler_input(True)
    reply = Reply("You slept 7 hours.")
    assert with_screen(hi, reply, broken) is reply
    fields = hi.attributes_manager.request_attributes["voice.log_fields"]
    assert fields["screen_error"] == "KeyError" and fields["screen_origin"].startswith("test_screens.py:")
    drawn = with_screen(hi, reply, lambda: digest(DigestResult(None, None, None, None), fmt()))
    assert drawn.text == reply.text and drawn.screen is not None


def test_a_picture_that_would_pass_24_kb_is_left_out() -> None:
    hi = handler_input(True)
    long = Reply("word " * 4000)  # 20,000 characters: Alexa would refuse the response with a picture
    assert with_screen(hi, long, lambda: digest(DigestResult(None, None, None, None), fmt())) is long
    dropped = hi.attributes_manager.request_attributes["voice.log_fields"]["screen_dropped"]
    assert dropped > MAX_RESPONSE_BYTES


def test_the_lambda_artifact_carries_the_documents(tmp_path: Path) -> None:
    """deploy/Makefile ships skill/ whole (cp -R): the documents are package files, found from there."""
    makefile = (ROOT / "deploy" / "Makefile").read_text(encoding="utf-8")
    assert 'cp -R "$(ROOT)/skill" "$(ARTIFACTS_DIR)/skill"' in makefile
    shutil.copytree(ROOT / "skill", tmp_path / "skill", ignore=shutil.ignore_patterns("__pycache__"))
    probe = "from skill.voice.screens.directive import document, _DIR; from skill.voice.screens.records import Document; print(_DIR, [document(d)['type'] for d in Document])"  # noqa: E501
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.startswith(str(tmp_path)) and done.stdout.count("'APL'") == len(Document)


# -- through the skill's entry (tests/unit/voice/conftest.py's harness) ----------------------------


def _directives(result: dict[str, Any]) -> list[dict[str, Any]]:
    return list(result["response"].get("directives") or [])


def test_the_goal_line_is_the_one_extra_withings_call_and_only_on_a_screen(harness: Harness) -> None:
    from devtools.devices import SHOW_8, on_device
    from devtools.envelopes import ResolvedSlot, intent_request

    def steps() -> dict[str, Any]:
        # "How many steps today": the model sends the metric. A bare ActivityIntent is "how active was
        # I" (active time and steps), which has no picture.
        metric = ResolvedSlot("steps", "STEPS")
        return intent_request("ActivityIntent", {"metric": metric}, access_token=TOKEN)

    harness.api.activities = [hday(TODAY - DAY * n, 6000 + n) for n in range(8)]
    harness.api.goals = Goals(steps=10000)
    on_screen = harness.ask(on_device(steps(), SHOW_8))
    assert sorted(harness.api.calls) == ["get_activity", "get_goals"]
    harness.api.calls.clear()
    voice = harness.ask(on_device(steps(), None))
    assert harness.api.calls == ["get_activity"]
    assert _directives(voice) == [] and len(_directives(on_screen)) == 1
    assert voice["response"]["outputSpeech"] == on_screen["response"]["outputSpeech"]
    harness.api.calls.clear()
    harness.api.errors["get_goals"] = ServiceError(None, "HTTP 502")  # the goal is not the answer
    no_goal = harness.ask(on_device(steps(), SHOW_8))
    assert no_goal["response"]["outputSpeech"] == voice["response"]["outputSpeech"]
    assert _directives(no_goal)[0]["datasources"]["picture"]["goal"] == NONE


def test_yes_to_the_digests_offer_shows_the_weight_trend(harness: Harness) -> None:
    from devtools.envelopes import intent_request

    harness.api.groups = [group(local(TODAY - DAY * n, 7, 12), {1: 80.0 + n / 10}) for n in range(20)]
    digest_answer = harness.ask(intent_request("DailyDigestIntent", access_token=TOKEN))
    assert [d["token"] for d in _directives(digest_answer)] == ["health.digest"]
    yes = intent_request("AMAZON.YesIntent", access_token=TOKEN, new_session=False)
    yes["session"]["attributes"] = digest_answer["sessionAttributes"]
    assert [d["token"] for d in _directives(harness.ask(yes))] == ["health.trend"]
