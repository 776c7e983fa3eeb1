"""ReauthorizingSource: one reauthorisation per request, shared by concurrent refusals."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from skill.accounts import LinkedAccount, RelinkRequired
from skill.voice.reauthorizing import ReauthorizingSource
from skill.withings.auth import BearerAuth
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, ServiceError

DAY = date(2026, 11, 25)


class TokenCheckingApi:
    """Answers only when built with one of `good` tokens; counts calls per token."""

    def __init__(self, account: LinkedAccount, good: set[str], calls: list[str], barrier: Any = None):
        self.token = account.auth.access_token  # type: ignore[attr-defined]
        self.good, self.calls, self.barrier = good, calls, barrier

    def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[Any, ...]:
        self.calls.append(self.token)
        if self.barrier is not None and self.token == "old":
            self.barrier.wait(timeout=5)  # every thread is refused before anyone reauthorises
        if self.token not in self.good:
            raise AuthError(401, "invalid_token")
        return ()


def account(token: str) -> LinkedAccount:
    return LinkedAccount("link-1", BearerAuth(token), "10001")


def test_a_refused_token_is_reauthorised_once_and_the_call_retried() -> None:
    calls: list[str] = []
    reauthorised: list[str] = []

    def reauthorize(acc: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        reauthorised.append(acc.auth.access_token)  # type: ignore[attr-defined]
        return account("new")

    source = ReauthorizingSource(
        account("old"), lambda acc: TokenCheckingApi(acc, {"new"}, calls), reauthorize
    )
    assert source.get_activity(DAY, DAY, deadline=Deadline.after(5)) == ()
    assert source.get_activity(DAY, DAY, deadline=Deadline.after(5)) == ()
    assert reauthorised == ["old"]
    assert calls == ["old", "new", "new"]


def test_concurrent_refusals_share_one_reauthorisation() -> None:
    calls: list[str] = []
    reauthorised: list[str] = []
    barrier = threading.Barrier(4)

    def reauthorize(acc: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        reauthorised.append("x")
        return account("new")

    source = ReauthorizingSource(
        account("old"), lambda acc: TokenCheckingApi(acc, {"new"}, calls, barrier), reauthorize
    )
    results: list[object] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(source.get_activity(DAY, DAY, deadline=Deadline.after(5)))
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert results == [(), (), (), ()]
    assert reauthorised == ["x"]
    assert sorted(calls) == ["new"] * 4 + ["old"] * 4


def test_a_refusal_of_the_fresh_credentials_stands() -> None:
    calls: list[str] = []
    source = ReauthorizingSource(
        account("old"), lambda acc: TokenCheckingApi(acc, set(), calls), lambda acc, d: account("new")
    )
    with pytest.raises(AuthError):
        source.get_activity(DAY, DAY, deadline=Deadline.after(5))
    with pytest.raises(AuthError):  # and no second reauthorisation later in the request
        source.get_activity(DAY, DAY, deadline=Deadline.after(5))
    assert calls == ["old", "new", "new"]


def test_relink_required_from_the_port_travels_on() -> None:
    def refuse(acc: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        raise RelinkRequired(acc.link_id)

    source = ReauthorizingSource(account("old"), lambda acc: TokenCheckingApi(acc, set(), []), refuse)
    with pytest.raises(RelinkRequired):
        source.get_activity(DAY, DAY, deadline=Deadline.after(5))


def test_other_withings_errors_are_not_retried() -> None:
    built: list[str] = []

    class Down:
        def get_activity(self, start: date, end: date, *, deadline: Deadline) -> tuple[Any, ...]:
            raise ServiceError(503, "down")

    def build(acc: LinkedAccount) -> Any:
        built.append("api")
        return Down()

    source = ReauthorizingSource(account("old"), build, lambda acc, d: account("new"))
    with pytest.raises(ServiceError):
        source.get_activity(DAY, DAY, deadline=Deadline.after(5))
    assert built == ["api"]


def test_a_failed_reauthorisation_is_not_tried_again_in_the_same_request() -> None:
    attempts: list[str] = []

    def refuse(acc: LinkedAccount, deadline: Deadline) -> LinkedAccount:
        attempts.append(acc.link_id)
        raise RelinkRequired(acc.link_id)

    source = ReauthorizingSource(account("old"), lambda acc: TokenCheckingApi(acc, set(), []), refuse)
    for _ in range(3):  # e.g. the time-zone probe, then the question's own query
        with pytest.raises(RelinkRequired):
            source.get_activity(DAY, DAY, deadline=Deadline.after(5))
    assert attempts == ["link-1"]
