"""Withings OAuth2 refresh under concurrency, against the sandbox (rotating refresh tokens, a 601
guard for duplicate refreshes) and DynamoDB Local: one refresh per user, whatever the traffic."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sandbox.server import RunningSandbox
from skill.accounts import AccountsUnavailable, LinkedAccount, RelinkRequired
from skill.store import clock
from skill.withings.auth import BearerAuth
from skill.withings.deadline import Deadline
from tests.e2e.test_linking_harness import (
    CLIENT_ID,
    CLIENT_SECRET,
    PUBLIC_BASE_URL,
    accounts,
    configure,
    create_test_table,
    drop_test_table,
    dump_table,
    lambda_fetch,
    link_account,
    reset_caches,
    token_request,
)

pytestmark = pytest.mark.e2e
THREE_HOURS = 3 * 3600


@pytest.fixture(scope="module")
def table(dynamodb_endpoint: str) -> Iterator[str]:
    name = create_test_table("refreshrace")
    yield name
    drop_test_table(name)


@pytest.fixture
def withings(
    monkeypatch: pytest.MonkeyPatch, sandbox_clean: RunningSandbox, table: str
) -> Iterator[RunningSandbox]:
    configure(monkeypatch, sandbox_url=sandbox_clean.url, table=table, mode="oauth2")
    yield sandbox_clean
    reset_caches()


@pytest.fixture
def advance(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move the skill's wall clock forward (the sandbox keeps real time, so tokens stay valid there)."""

    def to(seconds: float) -> None:
        monkeypatch.setattr(clock, "now", lambda: time.time() + seconds)

    return to


def _link(withings_user: str = "10001") -> dict[str, Any]:
    return link_account(lambda_fetch(), PUBLIC_BASE_URL, withings_user=withings_user)


def _alexa_refresh(tokens: dict[str, Any]) -> str:
    """What Alexa does when its access token (1 h) has expired: the refresh grant. Returns the new one."""
    reply = token_request(
        lambda_fetch(),
        PUBLIC_BASE_URL,
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        basic=(CLIENT_ID, CLIENT_SECRET),
    )
    assert reply.status == 200, reply.body
    tokens.update(reply.json())
    return str(tokens["access_token"])


def _data_call(sandbox: RunningSandbox, account: LinkedAccount) -> dict[str, Any]:
    from skill.withings import transport

    prepared = account.auth.prepare(f"{sandbox.url}/measure", {"action": "getmeas", "meastype": "1"})
    return dict(transport.call(prepared, deadline=Deadline.after(5)))


def _stored_link(table: str) -> list[dict[str, Any]]:
    return [i for i in dump_table(table) if i["sk"]["S"] == "LINK"]


def test_twenty_concurrent_requests_on_an_expired_token_refresh_once(
    withings: RunningSandbox, advance: Callable[[float], None], table: str
) -> None:
    tokens = _link()
    withings.reset_stats()
    advance(THREE_HOURS + 10)  # the stored Withings access token is now past its expiry
    access_token = _alexa_refresh(
        tokens
    )  # (Alexa's own token expired too; refreshing it touches no Withings)

    barrier = threading.Barrier(20)
    results: list[LinkedAccount] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def skill_request() -> None:
        barrier.wait()
        try:
            account = accounts().resolve(access_token, Deadline.after(6))
            with lock:
                results.append(account)
        except BaseException as exc:  # collected and asserted below
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=skill_request) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert errors == []
    assert len(results) == 20
    stats = withings.stats()
    assert stats["oauth2_refresh"] == 1
    assert stats["oauth2_duplicate_refused"] == 0
    bearer = {r.auth.access_token for r in results if isinstance(r.auth, BearerAuth)}
    assert len(bearer) == 1  # everyone got the same, new, token

    # The link is intact and usable: the new token works at Withings, and the stored refresh token is
    # the live one (the next refresh, hours later, succeeds).
    account = accounts().resolve(access_token, Deadline.after(5))
    assert "measuregrps" in _data_call(withings, account)
    advance(2 * THREE_HOURS + 20)
    later = accounts().resolve(_alexa_refresh(tokens), Deadline.after(5))
    assert withings.stats()["oauth2_refresh"] == 2
    assert "measuregrps" in _data_call(withings, later)


def test_withings_5xx_during_refresh_leaves_the_stored_tokens_untouched(
    withings: RunningSandbox, advance: Callable[[float], None], table: str
) -> None:
    tokens = _link()
    advance(THREE_HOURS + 10)
    access_token = _alexa_refresh(tokens)
    before = _stored_link(table)
    withings.set_fault("http500", path="/v2/oauth2")
    with pytest.raises(AccountsUnavailable):
        accounts().resolve(access_token, Deadline.after(5))
    after = [
        {k: v for k, v in i.items() if k not in ("lease_until", "lease_owner")} for i in _stored_link(table)
    ]
    assert after == before  # same ciphertext, version and status: nothing overwritten, lease released
    # Once Withings is back, the same stored refresh token works.
    withings.clear_faults()
    account = accounts().resolve(access_token, Deadline.after(5))
    assert "measuregrps" in _data_call(withings, account)


def test_revoked_user_means_relinking(withings: RunningSandbox, advance: Callable[[float], None]) -> None:
    user = "17023"  # a user of its own: revoking it touches no other test's tokens
    tokens = _link(withings_user=user)
    withings.revoke_user(user)
    advance(THREE_HOURS + 10)
    access_token = _alexa_refresh(tokens)
    with pytest.raises(RelinkRequired):
        accounts().resolve(access_token, Deadline.after(5))
    with pytest.raises(RelinkRequired):  # remembered: no second refresh attempt
        accounts().resolve(access_token, Deadline.after(5))
    assert withings.stats()["oauth2_refresh"] == 0  # refused refreshes are not counted as refreshes
    # Alexa's next refresh at our token endpoint is refused, so the Alexa app asks to link again.
    reply = token_request(
        lambda_fetch(),
        PUBLIC_BASE_URL,
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        basic=(CLIENT_ID, CLIENT_SECRET),
    )
    assert reply.status == 400 and reply.json()["error"] == "invalid_grant"
