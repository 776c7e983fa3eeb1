"""The instant the whole suite runs at: one place, so that no test depends on the real date.

tests/conftest.py puts it into PINNED_NOW (skill.clock) before any test runs, so the skill, the
in-process sandbox and every process a test starts (devtools.stack passes it on) agree on "now".
A Wednesday afternoon where the sandbox user lives (Europe/Paris): this morning's weigh-in and last
night's sleep exist, and today's steps have synced. The calendar sweep (tests/e2e/test_calendar_sweep.py)
moves it to the awkward moments; a test that needs the real clock must say so and unset it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from skill.clock import parse_pinned

PINNED_NOW: Final = "2026-11-25T14:30:00+01:00"
NOW: Final[datetime] = parse_pinned(PINNED_NOW)  # aware, UTC
SANDBOX_TZ: Final = ZoneInfo("Europe/Paris")  # sandbox.server.SandboxConfig's default time zone
TODAY: Final = NOW.astimezone(SANDBOX_TZ).date()
