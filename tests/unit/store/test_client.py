"""Translation of botocore failures into the store's errors."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from skill.store.dynamodb.client import call
from skill.store.errors import ConditionFailed, StoreUnavailable
from skill.withings.deadline import Deadline


def _client_error(code: str, **extra: Any) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "m"}, **extra}, "UpdateItem")


def _raise(exc: Exception) -> Any:
    def operation() -> Any:
        raise exc

    return operation


def test_success_passes_through() -> None:
    assert call(lambda: 42, Deadline.after(5)) == 42


def test_condition_failure() -> None:
    with pytest.raises(ConditionFailed):
        call(_raise(_client_error("ConditionalCheckFailedException")), None)


def test_cancelled_transaction_with_a_failed_condition() -> None:
    exc = _client_error(
        "TransactionCanceledException",
        CancellationReasons=[{"Code": "None"}, {"Code": "ConditionalCheckFailed"}],
    )
    with pytest.raises(ConditionFailed):
        call(_raise(exc), None)


def test_cancelled_transaction_by_a_conflict_is_transient() -> None:
    exc = _client_error("TransactionCanceledException", CancellationReasons=[{"Code": "TransactionConflict"}])
    with pytest.raises(StoreUnavailable):
        call(_raise(exc), None)


@pytest.mark.parametrize(
    "exc",
    [
        _client_error("ProvisionedThroughputExceededException"),
        _client_error("ResourceNotFoundException"),
        EndpointConnectionError(endpoint_url="http://127.0.0.1:9"),
        ReadTimeoutError(endpoint_url="http://127.0.0.1:9"),
    ],
)
def test_other_failures_are_unavailable(exc: Exception) -> None:
    with pytest.raises(StoreUnavailable):
        call(_raise(exc), None)


def test_spent_deadline_makes_no_call() -> None:
    calls: list[int] = []
    with pytest.raises(StoreUnavailable):
        call(lambda: calls.append(1), Deadline.after(0.0))
    assert calls == []
