"""Through the skill: an answer from stale cached data says how old it is, in the user's zone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from devtools.envelopes import intent_request
from skill.cache.data import DataCache
from skill.cache.source import CachedSource
from skill.store.memory import MemoryStore
from skill.withings.errors import ServiceError
from tests.unit.voice.conftest import TODAY, TOKEN, Harness, activity, group, local, speech

from .helpers import Clock

WEIGHT = "176.4 pounds as of your 7:12 AM weigh-in."


@pytest.fixture
def cached(harness: Harness) -> Harness:
    cache = DataCache(MemoryStore())
    harness.api.groups = [group(local(TODAY, 7, 12), {1: 80.0})]
    harness.data_client = lambda auth, reauthorize: CachedSource(
        harness.api, cache, "10001", now=lambda: harness.now
    )
    return harness


def ask(harness: Harness, locale: str = "en-US") -> str:
    return speech(harness.ask(intent_request("BodyIntent", access_token=TOKEN, locale=locale)))


def test_a_fresh_answer_says_nothing_more_and_is_not_asked_twice(cached: Harness, clock: Clock) -> None:
    assert ask(cached) == WEIGHT
    clock.advance(600)
    assert ask(cached) == WEIGHT
    assert cached.api.calls == ["get_measures"]


@pytest.mark.parametrize(
    ("locale", "note"),
    [
        ("en-US", "That's as of 9:30 AM."),
        ("de-DE", "Das ist der Stand von 9:30 Uhr."),
        ("fr-FR", "Ces données datent de 09:30."),
        ("es-ES", "Estos datos son de hoy (9:30)."),
        ("it-IT", "Questi dati sono di oggi (09:30)."),
    ],
)
def test_withings_down_answers_from_the_stale_entry_with_its_time(
    cached: Harness, clock: Clock, locale: str, note: str
) -> None:
    first = ask(cached, locale)  # fetched at 9:30 in Berlin (the harness's "now")
    clock.advance(3 * 3600)  # past the measures' max age
    cached.now += timedelta(hours=3)
    cached.api.errors["*"] = ServiceError(503, "down")
    answer = ask(cached, locale)
    assert answer == f"{first} {note}"


def test_data_fetched_yesterday_says_yesterday(cached: Harness, clock: Clock) -> None:
    # A fixed range keeps its entry across days (a window that moves with "now", like "my latest
    # weight", is one entry per UTC day: its stale fallback lasts that day).
    cached.api.activities = [activity(TODAY - timedelta(days=1), 6240)]
    steps = intent_request("ActivityIntent", {"date": "2026-11-25"}, access_token=TOKEN)
    assert speech(cached.ask(steps)) == "You took 6,240 steps yesterday."
    clock.advance(24 * 3600)
    cached.now += timedelta(days=1)
    cached.api.errors["*"] = ServiceError(503, "down")
    said = "You took 6,240 steps on Wednesday. That's as of yesterday at 9:30 AM."
    assert speech(cached.ask(steps)) == said
    assert cached.api.calls == ["get_activity", "get_activity"]  # the second failed (ServiceError)
