"""The per-user refresh lease with a scripted Withings, over both store backends (the real race:
tests/e2e/test_refresh_race.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from skill.accounts import AccountsUnavailable, RelinkRequired
from skill.accounts.refresh import LEASE_SECONDS, GrantRefused, TokenRefresher
from skill.store.base import Store
from skill.store.errors import StoreUnavailable
from skill.store.ids import new_link_id
from skill.store.records import CodeGrant
from skill.withings.auth import OAuth2Tokens
from skill.withings.deadline import Deadline
from skill.withings.errors import AuthError, InvalidParamsError, ServiceError, WithingsError


def _tokens(access: str, refresh: str, expires_in: float) -> OAuth2Tokens:
    return OAuth2Tokens(access, refresh, datetime.now(UTC) + timedelta(seconds=expires_in), "10001")


class FakeWithings:
    """Counts refreshes; answers with a new pair, or raises what it is told to."""

    def __init__(self, fail_with: WithingsError | None = None, delay: float = 0.0) -> None:
        self.calls = 0
        self.fail_with = fail_with
        self.delay = delay
        self._lock = threading.Lock()
        self.seen_refresh_tokens: list[str] = []

    def refresh(self, tokens: OAuth2Tokens, deadline: Deadline, now: datetime) -> OAuth2Tokens:
        with self._lock:
            self.calls += 1
            n = self.calls
            self.seen_refresh_tokens.append(tokens.refresh_token)
        if self.delay:
            threading.Event().wait(self.delay)
        if self.fail_with is not None:
            raise self.fail_with
        return OAuth2Tokens(f"access-{n}", f"refresh-{n}", now + timedelta(hours=3), tokens.userid)


def _refresher(store: Store, withings: FakeWithings) -> TokenRefresher:
    return TokenRefresher(store, withings.refresh)


def _link(store: Store, tokens: OAuth2Tokens) -> str:
    link_id = new_link_id()
    store.create_link(link_id, tokens, f"code-{link_id}", CodeGrant(link_id, "alexa", "https://x"), None)
    return link_id


def test_fresh_tokens_are_used_as_they_are(store: Store) -> None:
    withings = FakeWithings()
    link_id = _link(store, _tokens("a0", "r0", 3600))
    link = store.get_link(link_id, None)
    assert link is not None
    assert _refresher(store, withings).current(link, Deadline.after(5)).access_token == "a0"
    assert withings.calls == 0


def test_expiring_tokens_are_refreshed_and_persisted_first(store: Store) -> None:
    withings = FakeWithings()
    link_id = _link(store, _tokens("a0", "r0", 60))
    link = store.get_link(link_id, None)
    assert link is not None
    got = _refresher(store, withings).current(link, Deadline.after(5))
    assert got.access_token == "access-1"
    stored = store.get_link(link_id, None)
    assert stored is not None and stored.version == 2 and stored.lease_until is None
    assert stored.credentials == got
    assert withings.seen_refresh_tokens == ["r0"]


def test_a_refused_access_token_is_refreshed_though_its_expiry_is_hours_away(store: Store) -> None:
    withings = FakeWithings()
    link_id = _link(store, _tokens("a0", "r0", 3 * 3600))
    link = store.get_link(link_id, None)
    assert link is not None
    assert (
        _refresher(store, withings).current(link, Deadline.after(5), refused="a0").access_token == "access-1"
    )
    # Another request refused with the same old token gets the replacement, without a second refresh.
    assert (
        _refresher(store, withings).current(link, Deadline.after(5), refused="a0").access_token == "access-1"
    )
    assert withings.calls == 1


def test_concurrent_requests_refresh_once(store: Store) -> None:
    withings = FakeWithings(delay=0.2)
    link_id = _link(store, _tokens("a0", "r0", -10))  # already expired: everyone must wait
    results: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            link = store.get_link(link_id, None)
            assert link is not None
            results.append(_refresher(store, withings).current(link, Deadline.after(6)).access_token)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert withings.calls == 1
    assert results == ["access-1"] * 10


@pytest.mark.parametrize(
    "refusal", [InvalidParamsError(503, "Invalid Params: invalid refresh_token"), AuthError(401, "revoked")]
)
def test_a_refused_refresh_token_is_the_end_of_the_grant(store: Store, refusal: WithingsError) -> None:
    withings = FakeWithings(fail_with=refusal)
    link_id = _link(store, _tokens("a0", "r0", -10))
    link = store.get_link(link_id, None)
    assert link is not None
    with pytest.raises(GrantRefused) as raised:
        _refresher(store, withings).current(link, Deadline.after(5))
    assert isinstance(raised.value, RelinkRequired) and raised.value.link_id == link_id
    stored = store.get_link(link_id, None)
    assert stored is not None
    assert stored.credentials == link.credentials  # the failed answer replaced nothing
    # Ending the link is the accounts layer's decision (StoredAccounts), not the lease's.
    assert not stored.dead


def test_transient_failure_leaves_tokens_and_releases_the_lease(store: Store) -> None:
    withings = FakeWithings(fail_with=ServiceError(None, "HTTP 500"))
    link_id = _link(store, _tokens("a0", "r0", -10))
    link = store.get_link(link_id, None)
    assert link is not None
    with pytest.raises(AccountsUnavailable):
        _refresher(store, withings).current(link, Deadline.after(5))
    stored = store.get_link(link_id, None)
    assert stored is not None
    assert stored.credentials == link.credentials and stored.version == 1 and not stored.dead
    assert stored.lease_until is None


def test_transient_failure_with_a_still_valid_token_answers_with_it(store: Store) -> None:
    withings = FakeWithings(fail_with=ServiceError(None, "HTTP 500"))
    link_id = _link(store, _tokens("a0", "r0", 120))  # inside the refresh margin, but alive
    link = store.get_link(link_id, None)
    assert link is not None
    assert _refresher(store, withings).current(link, Deadline.after(5)).access_token == "a0"
    assert withings.calls == 1


def test_a_dead_lease_holder_is_replaced_after_the_lease(
    store: Store, shift_clock: Callable[[float], None]
) -> None:
    withings = FakeWithings()
    link_id = _link(store, _tokens("a0", "r0", 3 * 3600))
    # Past expiry, a holder took the lease and died.
    shift_clock(3 * 3600 + 1)
    assert store.try_lease(link_id, 1, "dead-owner", LEASE_SECONDS, Deadline.after(5))
    link = store.get_link(link_id, None)
    assert link is not None
    refresher = _refresher(store, withings)
    with pytest.raises(AccountsUnavailable):  # within a short deadline the lease is still held
        refresher.current(link, Deadline.after(0.5))
    assert withings.calls == 0
    shift_clock(3 * 3600 + 1 + LEASE_SECONDS + 1)
    assert refresher.current(link, Deadline.after(5)).access_token == "access-1"
    assert withings.calls == 1


def test_store_failure_while_persisting_does_not_use_the_new_tokens(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    withings = FakeWithings()
    link_id = _link(store, _tokens("a0", "r0", -10))
    link = store.get_link(link_id, None)
    assert link is not None

    def broken(*args: object, **kwargs: object) -> int:
        raise StoreUnavailable("down")

    monkeypatch.setattr(store, "save_credentials", broken)
    with pytest.raises(AccountsUnavailable):
        _refresher(store, withings).current(link, Deadline.after(5))
    stored = store.get_link(link_id, None)
    assert stored is not None and stored.credentials == link.credentials
