"""The link table's rules, against DynamoDB Local: single use, expiry, versions, leases, the purge."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from skill.store import policy
from skill.store.crypto import token_hash
from skill.store.errors import ConditionFailed, CredentialsUnreadable
from skill.store.records import CodeGrant, OAuth1Secret, PendingLink
from skill.store.repository import LinkRepository, new_link_id
from skill.withings.auth import OAuth2Tokens

REDIRECT = "https://pitangui.amazon.com/api/skill/link/VENDOR"


def _oauth2(access: str = "w-access", refresh: str = "w-refresh", in_seconds: int = 10800) -> OAuth2Tokens:
    return OAuth2Tokens(
        access_token=access,
        refresh_token=refresh,
        expires_at=datetime.now(UTC) + timedelta(seconds=in_seconds),
        userid="10001",
    )


def _link(
    repo: LinkRepository, creds: Any = None, challenge: str | None = None
) -> tuple[str, str, CodeGrant]:
    link_id = new_link_id()
    code = f"code-{link_id}"
    grant = CodeGrant(link_id=link_id, client_id="alexa", redirect_uri=REDIRECT, code_challenge=challenge)
    repo.create_link(link_id, creds or _oauth2(), code, grant, None)
    return link_id, code, grant


def _partition(table: str, pk: str) -> list[dict[str, Any]]:
    client = boto3.client("dynamodb")
    out = client.query(
        TableName=table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": pk}},
        ConsistentRead=True,
    )
    return list(out["Items"])


def _exists(table: str, pk: str, sk: str) -> bool:
    client = boto3.client("dynamodb")
    return "Item" in client.get_item(
        TableName=table, Key={"pk": {"S": pk}, "sk": {"S": sk}}, ConsistentRead=True
    )


# -- links and credentials --------------------------------------------------------------------


def test_link_credentials_round_trip_encrypted(repo: LinkRepository, table: str) -> None:
    creds = OAuth1Secret(token="oauth1-token-value", token_secret="oauth1-secret-value", userid="10001")
    link_id, _, _ = _link(repo, creds)
    link = repo.get_link(link_id, None)
    assert link is not None
    assert link.credentials == creds
    assert link.version == 1 and not link.dead and link.mode == "oauth1"
    raw = repr(_partition(table, f"LINK#{link_id}"))
    assert "oauth1-token-value" not in raw and "oauth1-secret-value" not in raw


def test_credentials_under_another_key_are_unreadable(repo: LinkRepository, table: str) -> None:
    from skill.store.crypto import Sealer

    link_id, _, _ = _link(repo)
    other = LinkRepository(table, sealer=lambda: Sealer(bytes(32)))
    with pytest.raises(CredentialsUnreadable):
        other.get_link(link_id, None)


def test_unknown_link_is_none(repo: LinkRepository) -> None:
    assert repo.get_link("nope", None) is None


# -- authorization codes ------------------------------------------------------------------------


def test_code_redeems_once(repo: LinkRepository) -> None:
    link_id, code, grant = _link(repo)
    assert repo.peek_code(code, None) == grant
    issued = repo.redeem_code(code, grant, None)
    assert issued.expires_in == policy.ACCESS_TOKEN_SECONDS
    assert repo.access_link_id(issued.access_token, None) == link_id
    assert repo.peek_code(code, None) is None
    with pytest.raises(ConditionFailed):
        repo.redeem_code(code, grant, None)


def test_expired_code_is_refused_and_kept(
    repo: LinkRepository, table: str, shift_clock: Callable[[float], None]
) -> None:
    _, code, grant = _link(repo)
    shift_clock(policy.CODE_SECONDS + 1)
    assert repo.peek_code(code, None) is None
    with pytest.raises(ConditionFailed):
        repo.redeem_code(code, grant, None)
    assert _exists(table, f"CODE#{token_hash(code)}", "CODE")  # refused, nothing changed


def test_code_for_a_purged_link_issues_nothing(repo: LinkRepository) -> None:
    link_id, code, grant = _link(repo)
    repo.purge_link(link_id, None)
    with pytest.raises(ConditionFailed):
        repo.redeem_code(code, grant, None)


# -- tokens -------------------------------------------------------------------------------------


def test_access_token_expires(repo: LinkRepository, shift_clock: Callable[[float], None]) -> None:
    link_id, code, grant = _link(repo)
    issued = repo.redeem_code(code, grant, None)
    shift_clock(policy.ACCESS_TOKEN_SECONDS + 1)
    assert repo.access_link_id(issued.access_token, None) is None
    assert repo.access_link_id(issued.access_token, None, include_expired=True) == link_id


def test_refresh_rotation_keeps_the_old_token_for_the_grace_window(
    repo: LinkRepository, shift_clock: Callable[[float], None]
) -> None:
    link_id, code, grant = _link(repo)
    first = repo.redeem_code(code, grant, None)
    refresh_grant = repo.peek_refresh(first.refresh_token, None)
    assert refresh_grant is not None and refresh_grant.link_id == link_id
    second = repo.rotate_refresh(first.refresh_token, refresh_grant, None)
    # Alexa retries with the old token inside the window: still answered.
    shift_clock(policy.REFRESH_GRACE_SECONDS - 5)
    again = repo.peek_refresh(first.refresh_token, None)
    assert again is not None
    third = repo.rotate_refresh(first.refresh_token, again, None)
    assert len({second.refresh_token, third.refresh_token, first.refresh_token}) == 3
    # After the window the old one is dead, the new ones live on.
    shift_clock(policy.REFRESH_GRACE_SECONDS + 1)
    assert repo.peek_refresh(first.refresh_token, None) is None
    with pytest.raises(ConditionFailed):
        repo.rotate_refresh(first.refresh_token, refresh_grant, None)
    assert repo.peek_refresh(second.refresh_token, None) is not None


def test_dead_link_gets_no_new_tokens(repo: LinkRepository) -> None:
    link_id, code, grant = _link(repo)
    first = repo.redeem_code(code, grant, None)
    repo.mark_dead(link_id, None)
    refresh_grant = repo.peek_refresh(first.refresh_token, None)
    assert refresh_grant is not None
    with pytest.raises(ConditionFailed):
        repo.rotate_refresh(first.refresh_token, refresh_grant, None)
    link = repo.get_link(link_id, None)
    assert link is not None and link.dead


# -- pending links ------------------------------------------------------------------------------


def _pending(mode: str = "oauth2", request_token: str | None = None) -> PendingLink:
    return PendingLink(
        mode=mode,
        client_id="alexa",
        redirect_uri=REDIRECT,
        alexa_state="alexa-state",
        code_challenge=None,
        request_token=request_token,
        request_secret="req-secret" if request_token else None,
    )


def test_pending_is_consumed_exactly_once(repo: LinkRepository) -> None:
    repo.put_pending("pending-1", _pending(), None)
    assert repo.consume_pending("pending-1", "oauth2", None, None) == _pending()
    with pytest.raises(ConditionFailed):
        repo.consume_pending("pending-1", "oauth2", None, None)


def test_pending_of_another_mode_or_request_token_stays(repo: LinkRepository) -> None:
    repo.put_pending("pending-2", _pending("oauth1", "req-token"), None)
    with pytest.raises(ConditionFailed):
        repo.consume_pending("pending-2", "oauth2", None, None)
    with pytest.raises(ConditionFailed):
        repo.consume_pending("pending-2", "oauth1", "another-token", None)
    got = repo.consume_pending("pending-2", "oauth1", "req-token", None)
    assert got.request_token == "req-token" and got.request_secret == "req-secret"


def test_expired_pending_is_refused(repo: LinkRepository, shift_clock: Callable[[float], None]) -> None:
    repo.put_pending("pending-3", _pending(), None)
    shift_clock(policy.PENDING_SECONDS + 1)
    with pytest.raises(ConditionFailed):
        repo.consume_pending("pending-3", "oauth2", None, None)


def test_pending_item_holds_no_plain_secret(repo: LinkRepository, table: str) -> None:
    repo.put_pending("pending-4", _pending("oauth1", "req-token"), None)
    item = _partition(table, f"PENDING#{token_hash('pending-4')}")
    raw = repr(item)
    assert "req-secret" not in raw and "req-token" not in raw and "pending-4" not in raw


# -- the refresh lease and versions --------------------------------------------------------------


def test_lease_is_exclusive_until_it_expires(
    repo: LinkRepository, shift_clock: Callable[[float], None]
) -> None:
    link_id, _, _ = _link(repo)
    assert repo.try_lease(link_id, 1, "owner-a", 5.0, _far()) is True
    assert repo.try_lease(link_id, 1, "owner-b", 5.0, _far()) is False
    shift_clock(6)
    assert repo.try_lease(link_id, 1, "owner-b", 5.0, _far()) is True


def test_lease_needs_the_current_version(repo: LinkRepository) -> None:
    link_id, _, _ = _link(repo)
    assert repo.try_lease(link_id, 2, "owner-a", 5.0, _far()) is False


def test_save_credentials_bumps_the_version_and_releases_the_lease(repo: LinkRepository) -> None:
    link_id, _, _ = _link(repo)
    assert repo.try_lease(link_id, 1, "owner-a", 5.0, _far())
    assert repo.save_credentials(link_id, 1, _oauth2("new-access", "new-refresh"), None) == 2
    link = repo.get_link(link_id, None)
    assert link is not None and link.version == 2 and link.lease_until is None
    assert isinstance(link.credentials, OAuth2Tokens) and link.credentials.access_token == "new-access"
    with pytest.raises(ConditionFailed):  # a stale writer cannot overwrite
        repo.save_credentials(link_id, 1, _oauth2("stale", "stale"), None)


def test_release_only_by_the_owner(repo: LinkRepository) -> None:
    link_id, _, _ = _link(repo)
    assert repo.try_lease(link_id, 1, "owner-a", 5.0, _far())
    repo.release_lease(link_id, "owner-b", None)
    assert repo.try_lease(link_id, 1, "owner-b", 5.0, _far()) is False
    repo.release_lease(link_id, "owner-a", None)
    assert repo.try_lease(link_id, 1, "owner-b", 5.0, _far()) is True


# -- Alexa users and the purge --------------------------------------------------------------------


def test_purge_removes_the_link_and_everything_issued_for_it(repo: LinkRepository, table: str) -> None:
    link_id, code, grant = _link(repo)
    first = repo.redeem_code(code, grant, None)
    refresh_grant = repo.peek_refresh(first.refresh_token, None)
    assert refresh_grant is not None
    second = repo.rotate_refresh(first.refresh_token, refresh_grant, None)
    repo.map_alexa_user("amzn1.ask.account.TEST", link_id, None)
    other_id, other_code, other_grant = _link(repo)
    other = repo.redeem_code(other_code, other_grant, None)

    repo.purge_link(link_id, None)

    assert _partition(table, f"LINK#{link_id}") == []
    for token in (first.access_token, second.access_token):
        assert not _exists(table, f"AT#{token_hash(token)}", "AT")
    for token in (first.refresh_token, second.refresh_token):
        assert not _exists(table, f"RT#{token_hash(token)}", "RT")
    assert not _exists(table, f"ALEXA#{token_hash('amzn1.ask.account.TEST')}", "ALEXA")
    # Another link is untouched.
    assert repo.access_link_id(other.access_token, None) == other_id
    assert repo.get_link(other_id, None) is not None


def test_alexa_mapping_needs_an_existing_link(repo: LinkRepository) -> None:
    with pytest.raises(ConditionFailed):
        repo.map_alexa_user("amzn1.ask.account.X", "no-such-link", None)
    link_id, _, _ = _link(repo)
    repo.map_alexa_user("amzn1.ask.account.X", link_id, None)
    assert repo.alexa_link_id("amzn1.ask.account.X", None) == link_id


def test_stored_ids_are_hashes(repo: LinkRepository, table: str) -> None:
    _, code, grant = _link(repo)
    issued = repo.redeem_code(code, grant, None)
    dump = repr(boto3.client("dynamodb").scan(TableName=table)["Items"])
    assert issued.access_token not in dump and issued.refresh_token not in dump and code not in dump
    assert base64.b64encode(b"w-access").decode() not in dump and "w-access" not in dump


def _far() -> Any:
    from skill.withings.deadline import Deadline

    return Deadline.after(10)
