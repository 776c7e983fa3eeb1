"""Echo Show pictures: the size of the responses that carry one, against Alexa's 24 KB, and what drawing
a picture costs a request.

  sandbox   every pictured question (devtools.screens.asks) on every screen and a voice-only Echo,
            en-US, en-GB and de-DE, through lambda_handler against DynamoDB Local and the sandbox: the
            largest response per picture (JSON as Lambda returns it, UTF-8 bytes).
  worst     pictures built from synthetic results bigger than any sandbox user has (a year of four
            weigh-ins a day, a year of blood pressure, 365 days of steps, 200 workouts, German texts),
            rendered to the directive, with 1,500 characters of speech and the same again as the card
            (four times the longest answer the sandbox gets). Beyond that the skill's own guard
            (skill/voice/handlers/screen.py) drops a picture rather than exceed the limit.
  cost      in fresh interpreters that have already imported what an answer loads anyway: importing
            the picture modules and reading the document (the first picture in a container), and
            building one picture's directive warm.
Target: every response <= 24,576 bytes. Line charts are thinned to 120 points (LTTB, geometry.py) and
the workouts list to 40 rows, so the size is bounded whatever the history.

Run: .venv/bin/python benchmarks/screens.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIMIT = 24 * 1024
PINNED = "2026-11-25T14:30:00+01:00"  # tests/clock.py's instant
WORDS = 1500  # characters of speech, and of card, in the worst cases


def size(payload: Any) -> int:
    """Bytes of the JSON Lambda returns (json.dumps' default separators), UTF-8."""
    return len(json.dumps(payload).encode("utf-8"))


def verdict(largest: int) -> str:
    return f"target <= {LIMIT:,} bytes   {'PASS' if largest <= LIMIT else 'MISS'}"


def sandbox_sizes() -> int:
    os.environ.setdefault("PINNED_NOW", PINNED)
    import logging

    import lambda_function
    from devtools.devices import SCREENS
    from devtools.measure import link_with_retries
    from devtools.screens import render_all
    from devtools.stack import SKILL_ID, InProcessStack
    from skill.clock import parse_pinned

    now = parse_pinned(os.environ["PINNED_NOW"])
    with InProcessStack(auth="oauth2", now=now) as stack:
        logging.getLogger("skill").disabled = True
        token = link_with_retries(stack, "10001").access_token
        today = datetime.fromtimestamp(now.timestamp(), ZoneInfo(stack.timezone)).date()
        rendered = render_all(
            lambda_function.lambda_handler,
            today,
            token=token,
            skill_id=SKILL_ID,
            api_endpoint=str(stack.sandbox.url),
            devices=(*SCREENS, None),
            locales=("en-US", "en-GB", "de-DE"),
        )
    largest: dict[str, tuple[int, str, int]] = {}
    for r in rendered:
        if r.device is None:
            continue
        directive = r.directive or {}
        entry = (size(r.response), r.locale, size(directive.get("datasources", {})))
        largest[r.ask.name] = max(largest.get(r.ask.name, entry), entry)
    voice = max(size(r.response) for r in rendered if r.device is None)
    said = max(len(r.response["response"]["outputSpeech"]["ssml"]) for r in rendered)
    print(f"sandbox: {len(rendered)} responses; the largest of each picture (any screen, any locale):")
    for name, (total, locale, data) in sorted(largest.items(), key=lambda kv: -kv[1][0]):
        print(f"    {name:26s} {total:6,} bytes ({locale}; datasource {data:5,})")
    top = max(total for total, _, _ in largest.values())
    print(f"    the largest voice-only response: {voice:,} bytes; the longest speech: {said} characters")
    print(f"    sandbox: largest response {top:,} bytes   {verdict(top)}")
    return top


def worst_cases() -> int:
    from skill.voice.periods.resolve import resolve_required
    from skill.voice.queries.activity import ActivityResult
    from skill.voice.queries.measures import MeasureResult, Reading
    from skill.voice.queries.trend import Point, TrendResult
    from skill.voice.queries.workouts import WorkoutsResult
    from skill.voice.screens.directive import render_document
    from skill.voice.screens.pictures.activity import activity
    from skill.voice.screens.pictures.latest import latest
    from skill.voice.screens.pictures.trend import trend
    from skill.voice.screens.pictures.workouts import workouts
    from skill.voice.specs import BODY
    from skill.voice.speech.catalogue import load
    from skill.voice.speech.format import Formatter
    from skill.voice.timezone import UserClock
    from skill.voice.vocabulary import ActivityMetric, BodyMetric, PeriodDefault, TrendMetric
    from skill.withings.models import DailyActivity, Goals, Workout

    tz, today = "Europe/Berlin", date(2026, 12, 31)
    zone = ZoneInfo(tz)
    clock = UserClock(tz, datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    fmt = Formatter(load("de-DE"), today)
    year = resolve_required("2026", today, PeriodDefault.TODAY)
    days = [year.start + timedelta(days=i) for i in range(year.days)]
    weigh_ins = tuple(
        Reading(datetime(d.year, d.month, d.day, h, 0, tzinfo=zone), 80 + (i % 29) / 7 - h / 50)
        for i, d in enumerate(days)
        for h in (6, 12, 18, 22)
    )
    weights = tuple(Point(r.taken_at.date(), r.value) for r in weigh_ins)
    pressures = tuple(Point(p.day, 120 + p.value % 9, 80 - p.value % 7) for p in weights)
    steps = tuple(Point(d, 6000.0 + 37 * (i % 50)) for i, d in enumerate(days))
    start = datetime(2026, 1, 1, 18, 0, tzinfo=zone)
    many = tuple(
        Workout(i, 17, (start + timedelta(days=i)).date(), tz, start + timedelta(days=i),
                start + timedelta(days=i, minutes=47), calories=412.0, distance_m=12345.0)
        for i in range(200)
    )  # fmt: skip
    week = tuple(DailyActivity(today - timedelta(days=n), tz, steps=12345) for n in range(30, 0, -1))
    weight, month = BODY[BodyMetric.WEIGHT], resolve_required("2026-12", today, PeriodDefault.TODAY)
    cases = {
        "latest weight, 4 a day": latest(MeasureResult((1,), None, weigh_ins[-120:]), weight, fmt, clock),
        "weight trend, a year of 4 a day": trend(
            TrendResult(TrendMetric.WEIGHT, year, weights), fmt, clock, average_only=False
        ),
        "blood pressure, a year of 4 a day": trend(
            TrendResult(TrendMetric.BLOOD_PRESSURE, year, pressures), fmt, clock, average_only=False
        ),
        "steps, 365 days": trend(
            TrendResult(TrendMetric.STEPS, year, steps, 7000.0), fmt, clock, average_only=False
        ),
        "steps, a month of bars": activity(
            ActivityResult(month, week), ActivityMetric.STEPS, Goals(steps=10000), fmt, clock
        ),
        "200 workouts (40 shown)": workouts(WorkoutsResult(year, many), fmt),
    }
    speech = {
        "outputSpeech": {"type": "SSML", "ssml": "x" * WORDS},
        "card": {"type": "Simple", "title": "Trend", "content": "x" * WORDS},
        "reprompt": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Möchtest du mehr hören?</speak>"}},
        "shouldEndSession": False,
    }
    print(f"worst cases (de-DE): the directive alone, and with {WORDS:,} characters of speech and of card:")
    top = 0
    from ask_sdk_core.serialize import DefaultSerializer

    serializer = DefaultSerializer()
    for name, screen in cases.items():
        assert screen is not None, name
        directive = serializer.serialize(render_document(screen))
        alone = size(directive)
        total = size({"version": "1.0", "sessionAttributes": {"offer": "WEIGHT_TREND"},
                      "response": {**speech, "directives": [directive]}})  # fmt: skip
        top = max(top, total)
        print(f"    {name:36s} directive {alone:6,} bytes, response {total:6,} bytes")
    print(f"    worst: largest response {top:,} bytes   {verdict(top)}")
    return top


_COST = r"""
import sys, time
import lambda_function
import skill.voice.handlers.body, skill.voice.queries.measures, skill.voice.speech.replies.body
import ask_sdk_model.interfaces.alexa.presentation.apl  # loaded by the SDK for any APL device's envelope
t0 = time.perf_counter()
from skill.voice.screens.pictures.latest import latest
from skill.voice.screens.directive import document, render_document
from skill.voice.screens.records import Document
document(Document.LINE)
t1 = time.perf_counter()
from datetime import datetime, timedelta, timezone
from skill.voice.queries.measures import MeasureResult, Reading
from skill.voice.specs import BODY
from skill.voice.speech.catalogue import load
from skill.voice.speech.format import Formatter
from skill.voice.timezone import UserClock
now = datetime(2026, 11, 26, 8, 30, tzinfo=timezone.utc)
readings = tuple(Reading(now - timedelta(days=n), 80 + n / 10) for n in range(60, -1, -1))
result = MeasureResult((1,), None, readings)
fmt, clock = Formatter(load("en-US"), now.date()), UserClock("Europe/Berlin", now)
render_document(latest(result, BODY["WEIGHT"], fmt, clock))
t2 = time.perf_counter()
for _ in range(200):
    render_document(latest(result, BODY["WEIGHT"], fmt, clock))
t3 = time.perf_counter()
print("COST", (t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) / 200 * 1000)
"""


def costs(runs: int) -> None:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _COST], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        ).stdout  # fmt: skip
        line = next(x for x in out.splitlines() if x.startswith("COST "))
        samples.append([float(v) for v in line.split()[1:]])
    imports, first, warm = (statistics.median(s[i] for s in samples) for i in range(3))
    print(f"cost, median of {runs} fresh interpreters (on top of what an answer imports anyway):")
    print(f"    import the picture modules and read a document: {imports:.1f} ms (once per container)")
    print(f"    the first weight picture and its directive:      {first:.1f} ms")
    print(f"    a warm weight picture (61 readings):             {warm:.2f} ms")
    print("    a voice-only request loads none of it (tests/e2e/test_screens.py checks)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="the smoke run: three cost samples")
    args = parser.parse_args()
    largest = max(sandbox_sizes(), worst_cases())
    costs(3 if args.quick else args.runs)
    print(f"overall: {'PASS' if largest <= LIMIT else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
