"""The container's DynamoDB client (low-level, created lazily once) and error translation.

The client is created on first use, not at import: boto3 is the largest cold-start cost, and
Alexa requests that never touch storage (LaunchRequest without a token) should not pay for it.
Timeouts are small and retries few because every caller has an 8 s (voice) or 4.5 s (token endpoint)
budget; a slow DynamoDB call is better answered with "try again" than with a timeout at Alexa.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from skill.store.errors import ConditionFailed, StoreUnavailable

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

    from skill.withings.deadline import Deadline

# Below this, a DynamoDB round trip (single-digit ms in-region) is still possible, but the caller
# could do nothing useful with the answer.
_MIN_CALL_SECONDS = 0.1
# Threads per container: the local server and the refresh-race test run many at once.
_POOL_SIZE = 32

_client: DynamoDBClient | None = None
_lock = threading.Lock()
T = TypeVar("T")


def request_config() -> Any:
    from botocore.config import Config

    # In-region DynamoDB answers in milliseconds; these bound a brownout to ~3 s per call (two
    # attempts), so the token endpoint can still answer inside Alexa's 4.5 s.
    return Config(
        connect_timeout=0.5,
        read_timeout=1.0,
        retries={"max_attempts": 2, "mode": "standard"},
        max_pool_connections=_POOL_SIZE,
    )


def get_client() -> DynamoDBClient:
    """The shared client. AWS_ENDPOINT_URL_DYNAMODB (botocore's own variable) points it at DynamoDB Local."""
    global _client  # noqa: PLW0603 - one lazily created client per container is the point
    client = _client
    if client is None:
        with _lock:  # boto3's default session is not thread-safe while creating clients
            client = _client
            if client is None:
                import boto3

                client = boto3.session.Session().client("dynamodb", config=request_config())
                _client = client
    return client


def reset_client() -> None:
    """Tests: forget the client so the next call picks up a changed endpoint or region."""
    global _client  # noqa: PLW0603
    with _lock:
        _client = None


def call(operation: Callable[[], T], deadline: Deadline | None) -> T:
    """Run one DynamoDB call, translating failures into the store's errors.

    botocore cannot take a per-call timeout, so the deadline is honoured by refusing to start a call
    it leaves too little time for; the client's own timeouts bound the call itself.
    """
    from botocore.exceptions import BotoCoreError, ClientError

    if deadline is not None and deadline.remaining() < _MIN_CALL_SECONDS:
        raise StoreUnavailable("deadline exceeded before the DynamoDB call")
    try:
        return operation()
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "ConditionalCheckFailedException":
            raise ConditionFailed(code) from exc
        if code == "TransactionCanceledException":
            reasons = exc.response.get("CancellationReasons", [])
            if any(r.get("Code") == "ConditionalCheckFailed" for r in reasons):
                raise ConditionFailed(code) from exc
        raise StoreUnavailable(code or "DynamoDB error") from exc
    except BotoCoreError as exc:
        raise StoreUnavailable(type(exc).__name__) from exc
