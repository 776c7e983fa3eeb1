"""Fixtures the notify tests share: a sandbox of their own and a callback server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox.server import RunningSandbox, SandboxConfig, start
from tests.clock import NOW
from tests.unit.sandbox.callback_server import Callback, running_callback


@pytest.fixture
def box() -> Iterator[RunningSandbox]:
    """A sandbox of its own, at the suite's pinned "now": subscriptions are state, and these tests
    make and drop them."""
    running = start(SandboxConfig(), now=lambda: NOW)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def callback() -> Iterator[Callback]:
    with running_callback() as cb:
        yield cb
