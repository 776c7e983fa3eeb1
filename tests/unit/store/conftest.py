"""Fixtures for the store tests: a table per module in DynamoDB Local, a movable clock, a repository."""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Callable, Iterator

import pytest

from skill.store import clock
from skill.store.crypto import Sealer
from skill.store.repository import LinkRepository
from skill.store.schema import create_table, delete_table

TEST_KEY = bytes(range(32))  # obviously fake
TEST_KEY_B64 = base64.b64encode(TEST_KEY).decode()


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = f"store-test-{uuid.uuid4().hex[:10]}"
    create_table(name)
    try:
        yield name
    finally:
        delete_table(name)


@pytest.fixture
def repo(table: str) -> LinkRepository:
    return LinkRepository(table, sealer=lambda: Sealer(TEST_KEY))


@pytest.fixture
def shift_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """shift(seconds): from now on, the store's clock runs that far ahead of real time."""

    def shift(seconds: float) -> None:
        monkeypatch.setattr(clock, "now", lambda: time.time() + seconds)

    return shift
