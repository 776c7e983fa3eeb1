"""The store contract (skill.store.base), run against both backends: memory and DynamoDB Local.

Single use, expiry by the store clock, versions, leases, tokens only for live links, the purge. What
only DynamoDB can show (ciphertexts, hashed keys, the raw items) is in test_dynamodb.py. The cache and
budget part of the contract is in test_contract_cache.py (same `store` fixture, both backends).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from skill.store import policy
from skill.store.base import Store
from skill.store.errors import ConditionFailed
from skill.store.ids import new_link_id
from skill.store.records import CodeGrant, LinkMode, LinkStatus, OAuth1Secret, PendingLink, RefreshGrant
from skill.withings.auth import OAuth2Tokens
from skill.withings.deadline import Deadline

REDIRECT = "https://pitangui.amazon.com/api/skill/link/VENDOR"


def _oauth2(access: str = "w-access", refresh: str = "w-refresh", in_seconds: int = 10800) -> OAuth2Tokens:
    return OAuth2Tokens(
        access_token=access,
        refresh_token=refresh,
        expires_at=datetime.now(UTC) + timedelta(seconds=in_seconds),
        userid="10001",
    )


def _link(store: Store, creds: Any = None, challenge: str | None = None) -> tuple[str, str, CodeGrant]:
    link_id = new_link_id()
    code = f"code-{link_id}"
    grant = CodeGrant(link_id=link_id, client_id="alexa", redirect_uri=REDIRECT, code_challenge=challenge)
    store.create_link(link_id, creds or _oauth2(), code, grant, None)
    return link_id, code, grant


def _far() -> Deadline:
    return Deadline.after(10)


# -- links and credentials --------------------------------------------------------------------


def test_a_new_link_is_active_at_version_one_with_its_credentials(store: Store) -> None:
    creds = OAuth1Secret(token="oauth1-token-value", token_secret="oauth1-secret-value", userid="10001")
    link_id, _, _ = _link(store, creds)
    link = store.get_link(link_id, None)
    assert link is not None
    assert link.credentials == creds
    assert (link.version, link.status, link.mode) == (1, LinkStatus.ACTIVE, LinkMode.OAUTH1)
    assert link.lease_until is None and link.lease_owner is None
    assert store.link_created_at(link_id, None) == pytest.approx(link.created_at)


def test_unknown_link_is_none(store: Store) -> None:
    assert store.get_link("nope", None) is None
    assert store.link_created_at("nope", None) is None


def test_a_link_id_or_code_is_never_created_twice(store: Store) -> None:
    link_id, code, grant = _link(store)
    with pytest.raises(ConditionFailed):
        store.create_link(link_id, _oauth2("intruder"), "another-code", grant, None)
    assert store.peek_code("another-code", None) is None  # all or nothing
    newcomer = new_link_id()
    with pytest.raises(ConditionFailed):
        store.create_link(newcomer, _oauth2("intruder"), code, grant, None)
    assert store.get_link(newcomer, None) is None
    link = store.get_link(link_id, None)
    assert link is not None and link.version == 1
    assert isinstance(link.credentials, OAuth2Tokens) and link.credentials.access_token == "w-access"
    assert store.peek_code(code, None) == grant


def test_marking_dead_keeps_the_link_and_a_purged_one_stays_gone(store: Store) -> None:
    link_id, _, _ = _link(store)
    store.mark_dead(link_id, None)
    link = store.get_link(link_id, None)
    assert link is not None and link.dead
    store.mark_dead("never-created", None)  # no-op, no error
    assert store.get_link("never-created", None) is None


# -- authorization codes ------------------------------------------------------------------------


def test_code_redeems_once(store: Store) -> None:
    link_id, code, grant = _link(store)
    assert store.peek_code(code, None) == grant
    issued = store.redeem_code(code, grant, None)
    assert issued.expires_in == policy.ACCESS_TOKEN_SECONDS
    assert issued.access_token != issued.refresh_token
    assert store.access_link_id(issued.access_token, None) == link_id
    assert store.peek_code(code, None) is None
    with pytest.raises(ConditionFailed):
        store.redeem_code(code, grant, None)


def test_the_pkce_challenge_travels_with_the_code(store: Store) -> None:
    _, code, _grant = _link(store, challenge="c" * 43)
    peeked = store.peek_code(code, None)
    assert peeked is not None and peeked.code_challenge == "c" * 43


def test_expired_code_is_refused_and_changes_nothing(
    store: Store, shift_clock: Callable[[float], None]
) -> None:
    _, code, grant = _link(store)
    shift_clock(policy.CODE_SECONDS + 1)
    assert store.peek_code(code, None) is None
    with pytest.raises(ConditionFailed):
        store.redeem_code(code, grant, None)
    shift_clock(0)
    assert store.peek_code(code, None) == grant  # refused, not consumed


def test_a_code_redeems_only_for_its_own_link(store: Store) -> None:
    _link_id, code, grant = _link(store)
    other_id, _, _ = _link(store)
    with pytest.raises(ConditionFailed):
        store.redeem_code(code, CodeGrant(other_id, grant.client_id, grant.redirect_uri), None)
    assert store.redeem_code(code, grant, None).access_token


def test_code_for_a_purged_or_dead_link_issues_nothing(store: Store) -> None:
    link_id, code, grant = _link(store)
    store.purge_link(link_id, None)
    with pytest.raises(ConditionFailed):
        store.redeem_code(code, grant, None)
    dead_id, dead_code, dead_grant = _link(store)
    store.mark_dead(dead_id, None)
    with pytest.raises(ConditionFailed):
        store.redeem_code(dead_code, dead_grant, None)
    assert store.peek_code(dead_code, None) == dead_grant  # the refused redemption consumed nothing


def test_concurrent_redemptions_issue_once(store: Store) -> None:
    _, code, grant = _link(store)
    won: list[str] = []
    lost: list[BaseException] = []
    barrier = threading.Barrier(5)

    def redeem() -> None:
        barrier.wait()
        try:
            won.append(store.redeem_code(code, grant, None).access_token)
        except Exception as exc:  # ConditionFailed, or (DynamoDB) a transaction conflict
            lost.append(exc)

    threads = [threading.Thread(target=redeem) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert len(won) == 1 and len(lost) == 4


# -- tokens -------------------------------------------------------------------------------------


def test_access_token_expires(store: Store, shift_clock: Callable[[float], None]) -> None:
    link_id, code, grant = _link(store)
    issued = store.redeem_code(code, grant, None)
    shift_clock(policy.ACCESS_TOKEN_SECONDS + 1)
    assert store.access_link_id(issued.access_token, None) is None
    assert store.access_link_id(issued.access_token, None, include_expired=True) == link_id
    assert store.access_link_id("never-issued", None, include_expired=True) is None


def test_refresh_rotation_keeps_the_old_token_for_the_grace_window(
    store: Store, shift_clock: Callable[[float], None]
) -> None:
    link_id, code, grant = _link(store)
    first = store.redeem_code(code, grant, None)
    refresh_grant = store.peek_refresh(first.refresh_token, None)
    assert refresh_grant == RefreshGrant(link_id=link_id, client_id="alexa")
    second = store.rotate_refresh(first.refresh_token, refresh_grant, None)
    assert store.access_link_id(second.access_token, None) == link_id
    # Alexa retries with the old token inside the window: still answered.
    shift_clock(policy.REFRESH_GRACE_SECONDS - 5)
    again = store.peek_refresh(first.refresh_token, None)
    assert again is not None
    third = store.rotate_refresh(first.refresh_token, again, None)
    assert len({second.refresh_token, third.refresh_token, first.refresh_token}) == 3
    # After the window (counted from the first rotation, not the retry) the old one is dead.
    shift_clock(policy.REFRESH_GRACE_SECONDS + 1)
    assert store.peek_refresh(first.refresh_token, None) is None
    with pytest.raises(ConditionFailed):
        store.rotate_refresh(first.refresh_token, refresh_grant, None)
    assert store.peek_refresh(second.refresh_token, None) is not None


def test_a_refresh_token_expires(store: Store, shift_clock: Callable[[float], None]) -> None:
    _, code, grant = _link(store)
    issued = store.redeem_code(code, grant, None)
    refresh_grant = store.peek_refresh(issued.refresh_token, None)
    assert refresh_grant is not None
    shift_clock(policy.REFRESH_TOKEN_SECONDS + 1)
    assert store.peek_refresh(issued.refresh_token, None) is None
    with pytest.raises(ConditionFailed):
        store.rotate_refresh(issued.refresh_token, refresh_grant, None)


def test_a_refresh_token_rotates_only_for_its_own_link(store: Store) -> None:
    link_id, code, grant = _link(store)
    other_id, _, _ = _link(store)
    issued = store.redeem_code(code, grant, None)
    with pytest.raises(ConditionFailed):
        store.rotate_refresh(issued.refresh_token, RefreshGrant(other_id, "alexa"), None)
    assert store.peek_refresh(issued.refresh_token, None) == RefreshGrant(link_id, "alexa")


def test_dead_link_gets_no_new_tokens(store: Store) -> None:
    link_id, code, grant = _link(store)
    first = store.redeem_code(code, grant, None)
    store.mark_dead(link_id, None)
    refresh_grant = store.peek_refresh(first.refresh_token, None)
    assert refresh_grant is not None
    with pytest.raises(ConditionFailed):
        store.rotate_refresh(first.refresh_token, refresh_grant, None)
    link = store.get_link(link_id, None)
    assert link is not None and link.dead


# -- pending links ------------------------------------------------------------------------------


def _pending(mode: LinkMode = LinkMode.OAUTH2, request_token: str | None = None) -> PendingLink:
    return PendingLink(
        mode=mode,
        client_id="alexa",
        redirect_uri=REDIRECT,
        alexa_state="alexa-state",
        code_challenge=None,
        request_token=request_token,
        request_secret="req-secret" if request_token else None,
    )


def test_pending_is_consumed_exactly_once(store: Store) -> None:
    store.put_pending("pending-1", _pending(), None)
    assert store.consume_pending("pending-1", LinkMode.OAUTH2, None, None) == _pending()
    with pytest.raises(ConditionFailed):
        store.consume_pending("pending-1", LinkMode.OAUTH2, None, None)


def test_a_pending_id_is_never_reused(store: Store) -> None:
    store.put_pending("pending-dup", _pending(), None)
    with pytest.raises(ConditionFailed):
        store.put_pending("pending-dup", _pending(LinkMode.OAUTH1, "rt"), None)
    assert store.consume_pending("pending-dup", LinkMode.OAUTH2, None, None) == _pending()


def test_pending_of_another_mode_or_request_token_stays(store: Store) -> None:
    store.put_pending("pending-2", _pending(LinkMode.OAUTH1, "req-token"), None)
    with pytest.raises(ConditionFailed):
        store.consume_pending("pending-2", LinkMode.OAUTH2, None, None)
    with pytest.raises(ConditionFailed):
        store.consume_pending("pending-2", LinkMode.OAUTH1, "another-token", None)
    got = store.consume_pending("pending-2", LinkMode.OAUTH1, "req-token", None)
    assert got == _pending(LinkMode.OAUTH1, "req-token")


def test_expired_pending_is_refused(store: Store, shift_clock: Callable[[float], None]) -> None:
    store.put_pending("pending-3", _pending(), None)
    shift_clock(policy.PENDING_SECONDS + 1)
    with pytest.raises(ConditionFailed):
        store.consume_pending("pending-3", LinkMode.OAUTH2, None, None)


def test_unknown_pending_is_refused(store: Store) -> None:
    with pytest.raises(ConditionFailed):
        store.consume_pending("never-put", LinkMode.OAUTH2, None, None)


# -- the refresh lease and versions --------------------------------------------------------------


def test_lease_is_exclusive_until_it_expires(store: Store, shift_clock: Callable[[float], None]) -> None:
    link_id, _, _ = _link(store)
    assert store.try_lease(link_id, 1, "owner-a", 5.0, _far()) is True
    assert store.try_lease(link_id, 1, "owner-b", 5.0, _far()) is False
    link = store.get_link(link_id, None)
    assert link is not None and link.lease_owner == "owner-a" and link.lease_until is not None
    shift_clock(6)
    assert store.try_lease(link_id, 1, "owner-b", 5.0, _far()) is True


def test_lease_needs_the_current_version_a_live_link_and_a_link(store: Store) -> None:
    link_id, _, _ = _link(store)
    assert store.try_lease(link_id, 2, "owner-a", 5.0, _far()) is False
    store.mark_dead(link_id, None)
    assert store.try_lease(link_id, 1, "owner-a", 5.0, _far()) is False
    assert store.try_lease("never-created", 1, "owner-a", 5.0, _far()) is False


def test_save_credentials_bumps_the_version_and_releases_the_lease(store: Store) -> None:
    link_id, _, _ = _link(store)
    assert store.try_lease(link_id, 1, "owner-a", 5.0, _far())
    assert store.save_credentials(link_id, 1, _oauth2("new-access", "new-refresh"), None) == 2
    link = store.get_link(link_id, None)
    assert link is not None and link.version == 2 and link.lease_until is None and link.lease_owner is None
    assert isinstance(link.credentials, OAuth2Tokens) and link.credentials.access_token == "new-access"
    with pytest.raises(ConditionFailed):  # a stale writer cannot overwrite
        store.save_credentials(link_id, 1, _oauth2("stale", "stale"), None)
    assert store.try_lease(link_id, 2, "owner-b", 5.0, _far())


def test_save_credentials_refuses_a_dead_or_missing_link(store: Store) -> None:
    link_id, _, _ = _link(store)
    store.mark_dead(link_id, None)
    with pytest.raises(ConditionFailed):
        store.save_credentials(link_id, 1, _oauth2("x", "y"), None)
    with pytest.raises(ConditionFailed):
        store.save_credentials("never-created", 1, _oauth2("x", "y"), None)


def test_release_only_by_the_owner(store: Store) -> None:
    link_id, _, _ = _link(store)
    assert store.try_lease(link_id, 1, "owner-a", 5.0, _far())
    store.release_lease(link_id, "owner-b", None)
    assert store.try_lease(link_id, 1, "owner-b", 5.0, _far()) is False
    store.release_lease(link_id, "owner-a", None)
    assert store.try_lease(link_id, 1, "owner-b", 5.0, _far()) is True
    store.release_lease("never-created", "owner-a", None)  # no error


def test_marking_dead_drops_the_lease(store: Store) -> None:
    link_id, _, _ = _link(store)
    assert store.try_lease(link_id, 1, "owner-a", 5.0, _far())
    store.mark_dead(link_id, None)
    link = store.get_link(link_id, None)
    assert link is not None and link.dead and link.lease_until is None


def test_concurrent_leases_have_one_winner(store: Store) -> None:
    link_id, _, _ = _link(store)
    barrier = threading.Barrier(6)
    won: list[str] = []

    def take(owner: str) -> None:
        barrier.wait()
        if store.try_lease(link_id, 1, owner, 5.0, _far()):
            won.append(owner)

    threads = [threading.Thread(target=take, args=(f"owner-{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert len(won) == 1


# -- Alexa users and the purge --------------------------------------------------------------------


def test_alexa_mapping_needs_an_existing_link(store: Store) -> None:
    with pytest.raises(ConditionFailed):
        store.map_alexa_user("amzn1.ask.account.X", "no-such-link", None)
    assert store.alexa_link_id("amzn1.ask.account.X", None) is None
    link_id, _, _ = _link(store)
    store.map_alexa_user("amzn1.ask.account.X", link_id, None)
    assert store.alexa_link_id("amzn1.ask.account.X", None) == link_id
    other_id, _, _ = _link(store)
    store.map_alexa_user("amzn1.ask.account.X", other_id, None)  # linked again: re-mapped
    assert store.alexa_link_id("amzn1.ask.account.X", None) == other_id
    store.unmap_alexa_user("amzn1.ask.account.X", None)
    assert store.alexa_link_id("amzn1.ask.account.X", None) is None
    store.unmap_alexa_user("amzn1.ask.account.X", None)  # no error


def test_purge_removes_the_link_and_everything_issued_for_it(store: Store) -> None:
    link_id, code, grant = _link(store)
    first = store.redeem_code(code, grant, None)
    refresh_grant = store.peek_refresh(first.refresh_token, None)
    assert refresh_grant is not None
    second = store.rotate_refresh(first.refresh_token, refresh_grant, None)
    store.map_alexa_user("amzn1.ask.account.TEST", link_id, None)
    other_id, other_code, other_grant = _link(store)
    other = store.redeem_code(other_code, other_grant, None)
    store.map_alexa_user("amzn1.ask.account.OTHER", other_id, None)
    unredeemed_id, unredeemed_code, _ = _link(store)

    assert store.purge_link(link_id, None) > 1
    assert store.purge_link(unredeemed_id, None) >= 1

    assert store.get_link(link_id, None) is None
    for token in (first.refresh_token, second.refresh_token):
        assert store.peek_refresh(token, None) is None
    with pytest.raises(ConditionFailed):
        store.rotate_refresh(second.refresh_token, refresh_grant, None)
    assert store.alexa_link_id("amzn1.ask.account.TEST", None) is None
    assert store.peek_code(unredeemed_code, None) is None
    # Another link is untouched.
    assert store.access_link_id(other.access_token, None) == other_id
    assert store.get_link(other_id, None) is not None
    assert store.peek_refresh(other.refresh_token, None) is not None
    assert store.alexa_link_id("amzn1.ask.account.OTHER", None) == other_id


def test_purge_keeps_a_mapping_that_moved_to_a_newer_link(store: Store) -> None:
    old_id, _, _ = _link(store)
    new_id, _, _ = _link(store)
    store.map_alexa_user("amzn1.ask.account.MOVED", old_id, None)
    store.map_alexa_user("amzn1.ask.account.MOVED", new_id, None)
    store.purge_link(old_id, None)
    assert store.alexa_link_id("amzn1.ask.account.MOVED", None) == new_id


def test_purging_an_unknown_link_is_harmless(store: Store) -> None:
    store.purge_link("never-created", None)


# -- a household: recognised speakers' own links -------------------------------------------------------

HOUSE = "amzn1.ask.account.HOUSE"


def test_a_persons_mapping_is_beside_the_accounts_and_independent(store: Store) -> None:
    account_id, _, _ = _link(store)
    anna_id, _, _ = _link(store)
    ben_id, _, _ = _link(store)
    store.map_alexa_user(HOUSE, account_id, None)
    store.map_alexa_user(HOUSE, anna_id, None, person_id="amzn1.ask.person.ANNA")
    store.map_alexa_user(HOUSE, ben_id, None, person_id="amzn1.ask.person.BEN")
    assert store.alexa_link_id(HOUSE, None) == account_id
    assert store.alexa_link_id(HOUSE, None, person_id="amzn1.ask.person.ANNA") == anna_id
    assert store.alexa_link_id(HOUSE, None, person_id="amzn1.ask.person.NOBODY") is None
    assert store.person_link_ids(HOUSE, None) == sorted([anna_id, ben_id])
    assert store.person_link_ids("amzn1.ask.account.ELSEWHERE", None) == []
    store.unmap_alexa_user(HOUSE, None, person_id="amzn1.ask.person.BEN")
    assert store.person_link_ids(HOUSE, None) == [anna_id]
    assert store.alexa_link_id(HOUSE, None) == account_id  # the account's own mapping stays
    with pytest.raises(ConditionFailed):
        store.map_alexa_user(HOUSE, "no-such-link", None, person_id="amzn1.ask.person.ANNA")


def test_purging_a_persons_link_removes_only_their_mapping(store: Store) -> None:
    account_id, _, _ = _link(store)
    anna_id, _, _ = _link(store)
    store.map_alexa_user(HOUSE, account_id, None)
    store.map_alexa_user(HOUSE, anna_id, None, person_id="amzn1.ask.person.ANNA")
    store.purge_link(anna_id, None)
    assert store.alexa_link_id(HOUSE, None, person_id="amzn1.ask.person.ANNA") is None
    assert store.person_link_ids(HOUSE, None) == []
    assert store.alexa_link_id(HOUSE, None) == account_id


def test_one_link_mapped_as_the_account_and_as_a_person_loses_both_mappings_in_its_purge(
    store: Store,
) -> None:
    link_id, _, _ = _link(store)
    store.map_alexa_user(HOUSE, link_id, None)
    store.map_alexa_user(HOUSE, link_id, None, person_id="amzn1.ask.person.ANNA")
    store.purge_link(link_id, None)
    assert store.alexa_link_id(HOUSE, None) is None
    assert store.alexa_link_id(HOUSE, None, person_id="amzn1.ask.person.ANNA") is None
