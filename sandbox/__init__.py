"""Withings-compatible sandbox server for the offline demo and the tests (not shipped to Lambda).

An independent peer of the skill's Withings client: it imports nothing from `skill`, verifies OAuth1
signatures with its own RFC 5849 code, and serves deterministic generated demo users.
"""

from __future__ import annotations

from sandbox.data import DEFAULT_USERID, DEMO_USERIDS, DemoUser, generate_user
from sandbox.server import RunningSandbox, SandboxConfig, start

__all__ = [
    "DEFAULT_USERID",
    "DEMO_USERIDS",
    "DemoUser",
    "RunningSandbox",
    "SandboxConfig",
    "generate_user",
    "start",
]
