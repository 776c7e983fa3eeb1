"""Fixtures for the store tests: both backends behind one `store` fixture, a table per module in
DynamoDB Local, and a movable store clock."""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Callable, Iterator

import pytest

from skill.store import clock
from skill.store.base import Store
from skill.store.crypto import Sealer
from skill.store.dynamodb import DynamoStore
from skill.store.dynamodb.schema import create_table, delete_table
from skill.store.memory import MemoryStore

TEST_KEY = bytes(range(32))  # obviously fake
TEST_KEY_B64 = base64.b64encode(TEST_KEY).decode()
BACKENDS = ("memory", "dynamodb")


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = f"store-test-{uuid.uuid4().hex[:10]}"
    create_table(name)
    try:
        yield name
    finally:
        delete_table(name)


@pytest.fixture
def dynamo_store(table: str) -> DynamoStore:
    return DynamoStore(table, sealer=lambda: Sealer(TEST_KEY))


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Store:
    """Each test that takes `store` runs against both backends: the contract is theirs to keep alike."""
    if request.param == "memory":
        return MemoryStore()
    dynamo: DynamoStore = request.getfixturevalue("dynamo_store")
    return dynamo


@pytest.fixture
def shift_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """shift(seconds): from now on, the store's clock runs that far ahead of real time."""

    def shift(seconds: float) -> None:
        monkeypatch.setattr(clock, "now", lambda: time.time() + seconds)

    return shift
