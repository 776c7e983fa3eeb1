"""One moved clock for the cache and the store under it (skill.store.clock), never the real date."""

from __future__ import annotations

import pytest

from skill.store import clock as store_clock

from .helpers import Clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moved = Clock()
    monkeypatch.setattr(store_clock, "now", moved)
    return moved


# The voice skill's harness (tests/unit/voice/conftest.py), for the spoken "as of" line.
from tests.unit.voice.conftest import harness  # noqa: E402, F401
