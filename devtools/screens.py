"""Every pictured answer, asked through lambda_handler on a given device: the questions the Echo Show
checks (tests/e2e/test_screens*.py, devtools/layout_check.py) and the responses they get.

Each Ask is one question a person would put to a Show, with the picture its answer must carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Final, NamedTuple

from devtools.devices import Device, on_device
from devtools.envelopes import ResolvedSlot, intent_request

RENDER_DOCUMENT: Final = "Alexa.Presentation.APL.RenderDocument"


class Ask(NamedTuple):
    name: str  # a test id and file name
    picture: str  # the Picture (skill.voice.screens.records) its answer shows: the token's tail
    document: str  # the Document it is drawn with
    intent: str
    slots: Mapping[str, str | ResolvedSlot | None]


def _metric(name: str, value_id: str) -> ResolvedSlot:
    return ResolvedSlot(name, value_id)


def asks(today: date) -> tuple[Ask, ...]:
    """The questions, with dates relative to the user's `today` (the suite's pinned one)."""
    year, week, _ = (today - timedelta(days=7)).isocalendar()
    last_week = f"{year}-W{week:02d}"
    return (
        Ask("latest-weight", "latest", "line", "BodyIntent", {}),
        Ask("trend-weight", "trend", "line", "TrendIntent", {}),
        Ask("trend-weight-year", "trend", "line", "TrendIntent", {"period": str(today.year)}),
        Ask(
            "trend-blood-pressure",
            "trend",
            "line",
            "TrendIntent",
            {"metric": _metric("blood pressure", "BLOOD_PRESSURE")},
        ),
        Ask("trend-steps", "trend", "bars", "TrendIntent", {"metric": _metric("steps", "STEPS")}),
        Ask(
            "average-sleep-last-week",
            "trend",
            "bars",
            "AverageIntent",
            {"metric": _metric("sleep", "SLEEP"), "period": last_week},
        ),
        # "how many steps ..." names its metric (a bare ActivityIntent is "how active was I").
        Ask("steps-today", "activity", "bars", "ActivityIntent", {"metric": _metric("steps", "STEPS")}),
        Ask(
            "steps-last-week",
            "activity",
            "bars",
            "ActivityIntent",
            {"metric": _metric("steps", "STEPS"), "date": last_week},
        ),
        Ask("sleep-last-night", "sleep", "night", "SleepIntent", {}),
        Ask("sleep-last-week", "sleep", "bars", "SleepIntent", {"date": last_week}),
        Ask("workouts-last-7-days", "workouts", "workouts", "WorkoutIntent", {}),
        Ask("digest", "digest", "digest", "DailyDigestIntent", {}),
    )


def envelope(
    ask: Ask,
    device: Device | None,
    *,
    token: str,
    skill_id: str,
    api_endpoint: str,
    locale: str = "en-US",
    device_id: str = "amzn1.ask.device.SCREENS",
) -> dict[str, Any]:
    """The IntentRequest `device` sends for `ask` (None: a voice-only Echo)."""
    event = intent_request(
        ask.intent,
        dict(ask.slots),
        locale=locale,
        access_token=token,
        skill_id=skill_id,
        api_endpoint=api_endpoint,
        device_id=device_id,
    )
    return on_device(event, device)


def directives(response: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = response.get("response", {}).get("directives") or []
    return [d for d in found if isinstance(d, dict)]


def render_document(response: Mapping[str, Any]) -> dict[str, Any] | None:
    """The response's one RenderDocument directive, or None (AssertionError for two or more)."""
    found = [d for d in directives(response) if d.get("type") == RENDER_DOCUMENT]
    assert len(found) <= 1, f"{len(found)} RenderDocument directives"
    return found[0] if found else None


class Rendered(NamedTuple):
    ask: Ask
    device: Device | None
    locale: str
    response: dict[str, Any]

    @property
    def directive(self) -> dict[str, Any] | None:
        return render_document(self.response)

    @property
    def key(self) -> str:
        return f"{self.ask.name}.{self.locale}.{self.device.name if self.device else 'voice'}"


def render_all(
    handle: Any,
    today: date,
    *,
    token: str,
    skill_id: str,
    api_endpoint: str,
    devices: tuple[Device | None, ...],
    locales: tuple[str, ...] = ("en-US",),
) -> list[Rendered]:
    """Every ask × locale × device through `handle` (lambda_function.lambda_handler's signature)."""
    out = []
    for ask in asks(today):
        for locale in locales:
            for device in devices:
                event = envelope(
                    ask, device, token=token, skill_id=skill_id, api_endpoint=api_endpoint, locale=locale
                )
                response = handle(event, None)
                assert isinstance(response, dict)
                out.append(Rendered(ask, device, locale, response))
    return out
