"""Withings-compatible sandbox server for the offline demo and the tests (not shipped to Lambda).

An independent peer of the skill's Withings client: it imports nothing from `skill` but `skill.clock`
(the one "now" seam, so PINNED_NOW moves the skill and the sandbox together), verifies OAuth1
signatures with its own RFC 5849 code, and serves deterministic generated demo users.
"""

from __future__ import annotations

from sandbox.data import DEFAULT_USERID, DEMO_USERIDS, DemoUser, as_of, generate_user, served_at
from sandbox.server import RunningSandbox, SandboxConfig, start

__all__ = [
    "DEFAULT_USERID",
    "DEMO_USERIDS",
    "DemoUser",
    "RunningSandbox",
    "SandboxConfig",
    "as_of",
    "generate_user",
    "served_at",
    "start",
]
