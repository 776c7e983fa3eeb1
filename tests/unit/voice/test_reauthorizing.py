"""The data client's refresh-once hook (WithingsApi(..., reauthorize=...)), which the voice layer hands
the accounts layer's reauthorisation: one reauthorisation per client (one per request), shared by
concurrent refusals; a refusal of the fresh credentials is RefusedAfterRefreshError, not AuthError.

Withings is mocked with `responses`: it answers only the bearer tokens a test calls good.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import responses

from skill.accounts import RelinkRequired
from skill.withings.api import WithingsApi
from skill.withings.auth import BearerAuth, RequestAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, RefusedAfterRefreshError, UnauthorizedError

DAY = date(2026, 11, 25)
BASE = "https://wbsapi.invalid"
EMPTY = {"status": 0, "body": {"activities": [], "more": False, "offset": 0}}
REFUSED = {"status": 401, "body": {}, "error": "XRequestID: Not provided invalid_token"}


class Withings:
    """Answers getactivity for `good` bearer tokens, refuses the others; records every token sent."""

    def __init__(self, mock: responses.RequestsMock, good: set[str], barrier: Any = None) -> None:
        self.good, self.barrier = good, barrier
        self.calls: list[str] = []
        self._lock = threading.Lock()
        mock.add_callback(responses.POST, f"{BASE}/v2/measure", callback=self._answer)

    def _answer(self, request: Any) -> tuple[int, dict[str, str], str]:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        with self._lock:
            self.calls.append(token)
        if self.barrier is not None and token == "old":
            self.barrier.wait(timeout=5)  # every thread is refused before anyone reauthorises
        return 200, {}, json.dumps(EMPTY if token in self.good else REFUSED)


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def _token(auth: RequestAuth) -> str:
    assert isinstance(auth, BearerAuth)
    return auth.access_token


def _activity(api: WithingsApi) -> tuple[Any, ...]:
    return api.get_activity(DAY, DAY, deadline=Deadline.after(5))


def test_a_refused_token_is_reauthorised_once_and_the_call_retried(mock: responses.RequestsMock) -> None:
    withings = Withings(mock, {"new"})
    reauthorised: list[str] = []

    def reauthorize(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        reauthorised.append(_token(refused))
        return BearerAuth("new")

    api = WithingsApi(BearerAuth("old"), BASE, reauthorize=reauthorize)
    assert _activity(api) == ()
    assert _activity(api) == ()
    assert reauthorised == ["old"]
    assert withings.calls == ["old", "new", "new"]


def test_concurrent_refusals_share_one_reauthorisation(mock: responses.RequestsMock) -> None:
    withings = Withings(mock, {"new"}, threading.Barrier(4))
    reauthorised: list[str] = []

    def reauthorize(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        reauthorised.append(_token(refused))
        return BearerAuth("new")

    api = WithingsApi(BearerAuth("old"), BASE, reauthorize=reauthorize)
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(_activity(api))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert results == [(), (), (), ()]
    assert reauthorised == ["old"]
    assert sorted(withings.calls) == ["new"] * 4 + ["old"] * 4


def test_a_refusal_of_the_fresh_credentials_is_refused_after_refresh(mock: responses.RequestsMock) -> None:
    withings = Withings(mock, set())
    reauthorised: list[str] = []

    def reauthorize(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        reauthorised.append(_token(refused))
        return BearerAuth("new")

    api = WithingsApi(BearerAuth("old"), BASE, reauthorize=reauthorize)
    with pytest.raises(RefusedAfterRefreshError) as first:
        _activity(api)
    assert not isinstance(first.value, AuthError)  # a glitch, not a refused grant
    assert first.value.status == 401 and first.value.transient
    with pytest.raises(RefusedAfterRefreshError):  # and no second reauthorisation later in the request
        _activity(api)
    assert withings.calls == ["old", "new", "new"]
    assert reauthorised == ["old"]


def test_what_reauthorize_raises_travels_on(mock: responses.RequestsMock) -> None:
    Withings(mock, set())

    def refuse(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        raise RelinkRequired("link-1")

    with pytest.raises(RelinkRequired):
        _activity(WithingsApi(BearerAuth("old"), BASE, reauthorize=refuse))


def test_a_failed_reauthorisation_is_not_tried_again_in_the_same_request(
    mock: responses.RequestsMock,
) -> None:
    withings = Withings(mock, set())
    attempts: list[str] = []

    def refuse(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        attempts.append(_token(refused))
        raise RelinkRequired("link-1")

    api = WithingsApi(BearerAuth("old"), BASE, reauthorize=refuse)
    for _ in range(3):  # e.g. the time-zone probe, then the question's own query
        with pytest.raises(RelinkRequired):
            _activity(api)
    assert attempts == ["old"]
    assert withings.calls == ["old"] * 3


def test_other_withings_errors_are_not_retried(mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, f"{BASE}/v2/measure", json={"status": 214, "body": {}, "error": "Unauthorized"})
    reauthorised: list[str] = []

    def reauthorize(refused: RequestAuth, deadline: Deadline) -> RequestAuth:
        reauthorised.append(_token(refused))
        return BearerAuth("new")

    with pytest.raises(UnauthorizedError):  # a scope problem: fresh credentials would not help
        _activity(WithingsApi(BearerAuth("old"), BASE, reauthorize=reauthorize))
    assert reauthorised == []
    assert len(mock.calls) == 1


def test_without_a_hook_a_refusal_is_an_auth_error(mock: responses.RequestsMock) -> None:
    withings = Withings(mock, set())
    with pytest.raises(AuthError):
        _activity(WithingsApi(BearerAuth("old"), BASE))
    assert withings.calls == ["old"]
