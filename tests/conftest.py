"""Shared fixtures: the pinned instant, DynamoDB Local once per session (started and stopped by PID)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from devtools import dynamodb_local
from sandbox.server import RunningSandbox
from skill.clock import PINNED_NOW_ENV
from tests.clock import PINNED_NOW

_saved_pin: list[str | None] = []


def pytest_configure(config: pytest.Config) -> None:
    """Every test, and every process it starts, answers at tests.clock.PINNED_NOW."""
    _saved_pin.append(os.environ.get(PINNED_NOW_ENV))
    os.environ[PINNED_NOW_ENV] = PINNED_NOW


def pytest_unconfigure(config: pytest.Config) -> None:
    previous = _saved_pin.pop() if _saved_pin else None
    if previous is None:
        os.environ.pop(PINNED_NOW_ENV, None)
    else:
        os.environ[PINNED_NOW_ENV] = previous


@pytest.fixture(scope="session")
def dynamodb_endpoint() -> Iterator[str]:
    """A running DynamoDB Local for the whole session; the AWS env points boto3 at it."""
    db = dynamodb_local.start()
    saved = {k: os.environ.get(k) for k in dynamodb_local.local_aws_env(db.endpoint)}
    os.environ.update(dynamodb_local.local_aws_env(db.endpoint))
    try:
        yield db.endpoint
    finally:
        db.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    """The Withings sandbox (default config) on a free loopback port, for the whole session."""
    from sandbox.server import SandboxConfig, start

    running = start(SandboxConfig())
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def sandbox_clean(sandbox: RunningSandbox) -> Iterator[RunningSandbox]:
    """The session sandbox with no faults and fresh stats, restored the same way after the test."""
    sandbox.clear_faults()
    sandbox.reset_stats()
    try:
        yield sandbox
    finally:
        sandbox.clear_faults()
        sandbox.reset_stats()
