"""Echo Show pictures end to end: real envelopes from every screen, through lambda_handler, the sandbox.

GIVEN a sandbox user linked for real (devtools.stack.InProcessStack, DynamoDB Local)
WHEN every pictured question (devtools.screens.asks) comes from each device people own (Echo Spot,
Show 5, 8, 10, 15 both ways, Fire TV) and from a voice-only Echo, in en-US, en-GB and de-DE,
THEN a screen gets exactly one RenderDocument (the committed document, one datasource), a voice-only
Echo none, and the spoken answer is the same either way; the figures on screen are those spoken,
computed HERE from the sandbox's raw data; every response is within Alexa's 24 KB; and Amazon's own
validator (apl-suggester) finds nothing in any document, as the layout engine does where a session has
one (devtools/apl_tools.py).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

import pytest

import lambda_function
from devtools import apl_tools
from devtools.devices import SCREENS, SHOW_8, SPOT
from devtools.measure import link_with_retries
from devtools.screens import Rendered, asks, envelope, render_all, render_document
from devtools.stack import SKILL_ID, InProcessStack
from sandbox.server import RunningSandbox
from skill import composition
from skill.voice.handlers.screen import response_bytes
from skill.voice.speech.reply import Reply
from tests.clock import TODAY
from tests.e2e.expectations import (
    Raw,
    activity_on,
    clock,
    duration,
    latest_weight_kg,
    local_time,
    night_ending,
    pounds,
    real_groups,
    steps,
    today_of,
    workouts_between,
)
from tests.e2e.product_helpers import ssml_text

pytestmark = pytest.mark.e2e

USER = "10001"
LOCALES: Final = ("en-US", "en-GB", "de-DE")
MAX_RESPONSE_BYTES: Final = 24 * 1024  # Alexa's limit on the whole response (alexa-notes §3.4)
DOCUMENTS: Final = Path(__file__).resolve().parents[2] / "skill" / "voice" / "screens" / "documents"


@dataclasses.dataclass(frozen=True)
class Stage:
    stack: InProcessStack
    token: str
    rendered: tuple[Rendered, ...]

    def ask(self, name: str, device: Any, locale: str = "en-US") -> dict[str, Any]:
        ask = next(a for a in asks(TODAY) if a.name == name)
        event = envelope(
            ask,
            device,
            token=self.token,
            skill_id=SKILL_ID,
            api_endpoint=str(self.stack.sandbox.url),
            locale=locale,
        )
        response = lambda_function.lambda_handler(event, None)
        assert isinstance(response, dict)
        return response

    def find(self, name: str, device: Any = SHOW_8, locale: str = "en-US") -> Rendered:
        return next(
            r for r in self.rendered if r.ask.name == name and r.device == device and r.locale == locale
        )


@pytest.fixture(scope="module")
def stage(dynamodb_endpoint: str, sandbox: RunningSandbox) -> Iterator[Stage]:
    """Every ask: en-US on every screen and a voice-only Echo; en-GB and de-DE on a Show 8, a Spot, and
    voice-only."""
    sandbox.clear_faults()
    table = f"screens-{uuid.uuid4().hex[:8]}"
    with InProcessStack(
        auth="oauth2", sandbox=sandbox, dynamodb_endpoint=dynamodb_endpoint, table_name=table
    ) as stack:
        composition.reset()
        token = link_with_retries(stack, USER).access_token
        common = {"token": token, "skill_id": SKILL_ID, "api_endpoint": str(stack.sandbox.url)}
        handle = lambda_function.lambda_handler
        rendered = render_all(handle, TODAY, devices=(*SCREENS, None), **common)
        rendered += render_all(handle, TODAY, devices=(SHOW_8, SPOT, None), locales=LOCALES[1:], **common)
        yield Stage(stack, token, tuple(rendered))
        composition.reset()


def raw(sandbox: RunningSandbox) -> Raw:
    return dataclasses.asdict(sandbox.user(USER))


def spoken(response: dict[str, Any]) -> str:
    return ssml_text(str(response["response"]["outputSpeech"]["ssml"]))


def picture(rendered: Rendered) -> dict[str, Any]:
    directive = rendered.directive
    assert directive is not None, rendered.key
    data: dict[str, Any] = directive["datasources"]["picture"]
    return data


# -- one directive on a screen, none without, the same words either way -----------------------------


def test_a_screen_gets_exactly_one_render_document_with_the_committed_document(stage: Stage) -> None:
    for r in stage.rendered:
        if r.device is None:
            continue
        directive = render_document(r.response)  # asserts at most one
        assert directive is not None, f"{r.key}: no picture"
        assert directive["token"] == f"health.{r.ask.picture}", r.key
        committed = json.loads((DOCUMENTS / f"{r.ask.document}.json").read_text(encoding="utf-8"))
        assert directive["document"] == committed, r.key
        assert set(directive["datasources"]) == {"picture"}, r.key


def test_without_a_screen_the_same_answer_and_no_directive(stage: Stage) -> None:
    for r in stage.rendered:
        if r.device is not None:
            continue
        assert "directives" not in r.response["response"] or not r.response["response"]["directives"], r.key
        for screen in stage.rendered:
            if screen.ask == r.ask and screen.locale == r.locale and screen.device is not None:
                with_picture = {k: v for k, v in screen.response["response"].items() if k != "directives"}
                assert with_picture == r.response["response"], f"{screen.key} vs {r.key}"
                assert screen.response.get("sessionAttributes") == r.response.get("sessionAttributes")


def test_the_picture_is_the_same_on_every_screen(stage: Stage) -> None:
    """The documents adapt to the viewport themselves: the skill sends every device the same thing."""
    for ask in asks(TODAY):
        sent = {
            json.dumps(r.directive, sort_keys=True)
            for r in stage.rendered
            if r.ask == ask and r.device is not None and r.locale == "en-US"
        }
        assert len(sent) == 1, ask.name


# -- the figures are those spoken -----------------------------------------------------------------------


def test_every_headline_and_tile_is_said_in_the_answer(stage: Stage) -> None:
    for r in stage.rendered:
        if r.device is not SHOW_8:
            continue
        data, words = picture(r), spoken(r.response)
        figures = (
            [t["value"] for t in data["tiles"] if t["value"] != "–"]
            if "tiles" in data
            else [data["headline"]]
        )
        if r.ask.name == "trend-blood-pressure":  # "116/84" on screen is "116 over 84" / "116 zu 84" spoken
            figures = data["headline"].split("/")
        for figure in figures:
            assert figure in words, f"{r.key}: {figure!r} not in {words!r}"


def test_the_latest_weight_and_its_30_days_from_the_raw_data(stage: Stage, sandbox: RunningSandbox) -> None:
    data, user = picture(stage.find("latest-weight")), raw(sandbox)
    assert data["headline"] == pounds(latest_weight_kg(user))
    today = today_of(user)
    first = today - timedelta(days=29)
    weighed = [g for g in real_groups(user, 1) if first <= local_time(user, g["date"]).date() <= today]
    assert len(data["segments"]) == len(weighed) - 1  # every weigh-in of the 30 days, joined
    assert data["dot"] and data["title"] == "Weight, last 30 days"


def test_steps_today_its_week_and_the_goal_from_the_raw_data(stage: Stage, sandbox: RunningSandbox) -> None:
    data, user = picture(stage.find("steps-today")), raw(sandbox)
    today = today_of(user)
    week = [today - timedelta(days=6 - i) for i in range(7)]
    records = [activity_on(user, d) for d in week]
    assert data["labels"] == [d.strftime("%a") for d in week]
    assert data["values"] == [f"{r['steps']:,}" if r and r["steps"] else "–" for r in records]
    goal = user["goals"]["steps"]
    assert data["note"] == f"Dashed line: goal, {steps(goal)}"
    assert [bar[1] for bar in data["bars"]] == [0] * 6 + [1]  # today stands out


def test_last_night_its_stages_and_score_from_the_raw_data(stage: Stage, sandbox: RunningSandbox) -> None:
    data, user = picture(stage.find("sleep-last-night")), raw(sandbox)
    night = night_ending(user, today_of(user))
    assert night is not None
    fields = night["data"]
    assert data["headline"] == duration(fields["total_sleep_time"])
    start, end = local_time(user, night["startdate"]), local_time(user, night["enddate"])
    assert data["lines"] == [f"{clock(start)} to {clock(end)}", f"Sleep score {fields['sleep_score']}"]
    stages = {s["kind"]: s["duration"] for s in data["stages"]}
    assert stages == {
        "deep": duration(fields["deepsleepduration"]),
        "light": duration(fields["lightsleepduration"]),
        "rem": duration(fields["remsleepduration"]),
        "awake": duration(fields["wakeupduration"]),
    }


def test_the_workouts_of_the_last_7_days_from_the_raw_data(stage: Stage, sandbox: RunningSandbox) -> None:
    data, user = picture(stage.find("workouts-last-7-days")), raw(sandbox)
    today = today_of(user)
    found = workouts_between(user, today - timedelta(days=6), today)
    assert found, "the sandbox user has workouts this week"
    assert data["headline"] == f"{len(found)} workout{'s' if len(found) != 1 else ''}"
    newest = sorted(found, key=lambda w: w["startdate"], reverse=True)
    assert [row["duration"] for row in data["rows"]] == [
        duration(w["enddate"] - w["startdate"]) for w in newest
    ]


def test_german_and_british_pictures_speak_their_units(stage: Stage) -> None:
    assert picture(stage.find("latest-weight", locale="de-DE"))["headline"].endswith(" Kilo")
    assert " stone" in picture(stage.find("latest-weight", locale="en-GB"))["headline"]
    assert picture(stage.find("steps-today", locale="de-DE"))["labels"][-1] == "Mi"  # a Wednesday


# -- the limits --------------------------------------------------------------------------------------


def test_every_response_stays_within_24_kb_and_within_the_skills_own_estimate(stage: Stage) -> None:
    sizes = {r.key: len(json.dumps(r.response).encode("utf-8")) for r in stage.rendered}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= MAX_RESPONSE_BYTES, f"{largest}: {sizes[largest]} bytes"
    for r in stage.rendered:  # the guard that drops a picture past 24 KB never underestimates
        if (directive := r.directive) is None:
            continue
        body = r.response["response"]
        reprompt = body.get("reprompt", {}).get("outputSpeech", {}).get("ssml")
        reply = Reply(spoken(r.response), card_text=body["card"]["content"], reprompt=reprompt)
        estimate = response_bytes(reply, SimpleNamespace(**directive))
        assert sizes[r.key] <= estimate, r.key


def test_a_picture_that_fails_costs_the_answer_nothing(stage: Stage, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planted fault in the weight picture: the answer is spoken as without a screen, and logged."""
    from skill.voice.screens.pictures import latest

    def planted(*args: object) -> None:
        raise KeyError("planted")

    monkeypatch.setattr(latest, "latest", planted)
    broken = stage.ask("latest-weight", SPOT)
    assert render_document(broken) is None
    assert broken["response"] == stage.find("latest-weight", None).response["response"]


def test_a_voice_only_request_loads_no_picture_code(stage: Stage) -> None:
    """Cold start: a fresh process answering an Echo without a screen imports nothing of the pictures."""
    ask = next(a for a in asks(TODAY) if a.name == "latest-weight")
    event = envelope(
        ask, None, token=stage.token, skill_id=SKILL_ID, api_endpoint=str(stage.stack.sandbox.url)
    )
    probe = (
        "import json, sys; import lambda_function; "
        "r = lambda_function.lambda_handler(json.loads(sys.stdin.read()), None); "
        "print(json.dumps([r['response']['outputSpeech']['ssml'], "
        "sorted(m for m in sys.modules if m.startswith('skill.voice.screens'))]))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input=json.dumps(event),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        env={**os.environ, **stage.stack.env, "PYTHONPATH": str(root)},
        check=True,
    )
    ssml, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "pounds" in ssml
    assert loaded == ["skill.voice.screens", "skill.voice.screens.support"]


# -- Amazon's tools ----------------------------------------------------------------------------------


def _planted(directive: dict[str, Any]) -> dict[str, Any]:
    bad = copy.deepcopy(directive)
    root = bad["document"]["mainTemplate"]["items"][0]
    root["items"][0]["colour"] = "red"  # not an APL property
    root["items"].append({"type": "Textt", "text": "x"})  # not a component
    return bad


def test_amazons_validator_finds_nothing_in_any_picture_and_does_find_a_planted_fault(stage: Stage) -> None:
    missing = apl_tools.validator_ready()
    assert missing is None, missing  # `make test` bootstraps it; this check is required, never skipped
    distinct: dict[str, dict[str, Any]] = {}
    for r in stage.rendered:
        if (directive := r.directive) is not None:
            distinct.setdefault(json.dumps(directive, sort_keys=True), directive)
    batch = {f"picture-{i}": d for i, d in enumerate(distinct.values())}
    batch["planted"] = _planted(next(iter(distinct.values())))
    findings = apl_tools.validate(batch)  # one node process for all of them
    planted = findings.pop("planted")
    assert {f["message"].split(":")[-1].strip() for f in planted} >= {"colour", "Textt"}, planted
    assert len(findings) >= len({r.ask.name for r in stage.rendered}) * 2  # en-US, and other locales
    assert {name: f for name, f in findings.items() if f} == {}


@pytest.mark.skipif(apl_tools.layout_driver() is None, reason=f"{apl_tools.LAYOUT_DRIVER_ENV} is not set")
def test_every_picture_lays_out_on_every_screen_with_amazons_engine(stage: Stage, tmp_path: Path) -> None:
    """Only where a session built a layout driver (devtools/apl_tools.py): inflates without an engine
    error, nothing outside the viewport or the round screen, no text clipped or cut short."""
    driver = apl_tools.layout_driver()
    assert driver is not None
    layouts = []
    for r in stage.rendered:
        if r.device is not None and (directive := r.directive) is not None:
            layouts.append((r.key, apl_tools.lay_out(driver, directive, r.device, tmp_path)))
    assert layouts
    problems = [(name, p) for name, layout in layouts for p in apl_tools.layout_problems(layout)]
    assert not problems, apl_tools.summary(layouts)


# -- the calendar's awkward moments --------------------------------------------------------------------


def test_the_pictures_at_the_calendars_awkward_moments(
    dynamodb_endpoint: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The calendar sweep's worlds and moments (month and year ends, both DST switches, 29 February, a
    newcomer with one day of history): no picture fails (a failure would only be logged, the answer
    still right), every picture is drawn somewhere, and Amazon's validator finds nothing in any."""
    from tests.e2e.expectations import raw_at
    from tests.e2e.test_calendar_sweep import WORLDS, linked_world

    drawn: dict[str, dict[str, Any]] = {}
    with caplog.at_level("INFO", logger="skill"):
        for world in WORLDS:
            with linked_world(world, dynamodb_endpoint) as linked:
                for moment in world.moments:
                    monkeypatch.setenv("PINNED_NOW", moment.at)
                    today = today_of(raw_at(moment.instant, world.userid, world.config))
                    for ask in asks(today):
                        event = envelope(
                            ask,
                            SHOW_8,
                            token=linked.token,
                            skill_id=SKILL_ID,
                            api_endpoint=linked.sandbox.url,
                        )
                        directive = render_document(lambda_function.lambda_handler(event, None))
                        if directive is not None:
                            drawn[f"{ask.name} {world.name} {moment.at}"] = directive
    failed = [r.getMessage() for r in caplog.records if "screen_error" in r.getMessage()]
    assert not failed, failed
    assert {key.split()[0] for key in drawn} == {a.name for a in asks(TODAY)}
    findings = apl_tools.validate(drawn)
    assert {name: f for name, f in findings.items() if f} == {}
