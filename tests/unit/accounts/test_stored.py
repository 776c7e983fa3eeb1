"""DynamoAccounts: the Accounts port over the table (Withings refreshes are in test_refresh.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skill.accounts import AccountsUnavailable, NotLinked, RelinkRequired
from skill.config import Settings
from skill.store import policy
from skill.store.accounts import DynamoAccounts
from skill.store.crypto import Sealer
from skill.store.records import CodeGrant, IssuedTokens, OAuth1Secret
from skill.store.repository import LinkRepository, new_link_id
from skill.withings.auth import BearerAuth, OAuth2Tokens
from skill.withings.deadline import Deadline
from skill.withings.oauth1 import OAuth1Auth
from tests.unit.store.conftest import TEST_KEY

SETTINGS = Settings(consumer_key="consumer-key", table_name="unused")


def _accounts(repo: LinkRepository) -> DynamoAccounts:
    return DynamoAccounts(repo, SETTINGS, consumer_secret=lambda: "consumer-secret")


def _linked(repo: LinkRepository, creds: OAuth1Secret | OAuth2Tokens) -> tuple[str, IssuedTokens]:
    link_id = new_link_id()
    grant = CodeGrant(link_id, "alexa", "https://redirect")
    repo.create_link(link_id, creds, f"code-{link_id}", grant, None)
    return link_id, repo.redeem_code(f"code-{link_id}", grant, None)


def _oauth2(expires_in: int = 10800) -> OAuth2Tokens:
    return OAuth2Tokens("w-access", "w-refresh", datetime.now(UTC) + timedelta(seconds=expires_in), "10001")


def test_oauth1_link_resolves_to_signed_auth_with_consumer_credentials(repo: LinkRepository) -> None:
    link_id, issued = _linked(repo, OAuth1Secret("tok", "sec", "10001"))
    account = _accounts(repo).resolve(issued.access_token, Deadline.after(5))
    assert account.link_id == link_id and account.withings_userid == "10001"
    assert isinstance(account.auth, OAuth1Auth)
    creds = account.auth.credentials
    assert (creds.consumer_key, creds.consumer_secret, creds.token, creds.token_secret, creds.userid) == (
        "consumer-key",
        "consumer-secret",
        "tok",
        "sec",
        "10001",
    )


def test_oauth2_link_resolves_to_bearer_auth(repo: LinkRepository) -> None:
    _, issued = _linked(repo, _oauth2())
    account = _accounts(repo).resolve(issued.access_token, Deadline.after(5))
    assert account.auth == BearerAuth("w-access")


@pytest.mark.parametrize("token", ["", "never-issued"])
def test_unknown_tokens_are_not_linked(repo: LinkRepository, token: str) -> None:
    with pytest.raises(NotLinked):
        _accounts(repo).resolve(token, Deadline.after(5))


def test_expired_access_token_is_not_linked(repo: LinkRepository, shift_clock: object) -> None:
    _, issued = _linked(repo, OAuth1Secret("tok", "sec", "10001"))
    shift_clock(policy.ACCESS_TOKEN_SECONDS + 1)  # type: ignore[operator]
    with pytest.raises(NotLinked):
        _accounts(repo).resolve(issued.access_token, Deadline.after(5))


def test_dead_link_requires_relinking(repo: LinkRepository) -> None:
    link_id, issued = _linked(repo, _oauth2())
    accounts = _accounts(repo)
    accounts.relink_required(link_id)
    with pytest.raises(RelinkRequired):
        accounts.resolve(issued.access_token, Deadline.after(5))


def test_credentials_that_no_longer_decrypt_require_relinking(repo: LinkRepository, table: str) -> None:
    _, issued = _linked(repo, _oauth2())
    other = LinkRepository(table, sealer=lambda: Sealer(bytes(32)))
    with pytest.raises(RelinkRequired):
        _accounts(other).resolve(issued.access_token, Deadline.after(5))


def test_unreachable_storage_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    from skill.store import client as store_client

    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    store_client.reset_client()
    try:
        repo = LinkRepository("any", sealer=lambda: Sealer(bytes(32)))
        with pytest.raises(AccountsUnavailable):
            _accounts(repo).resolve("some-token", Deadline.after(3))
    finally:
        store_client.reset_client()


def test_remember_then_forget_purges_the_link(repo: LinkRepository) -> None:
    link_id, issued = _linked(repo, _oauth2())
    accounts = _accounts(repo)
    accounts.remember_alexa_user("amzn1.ask.account.A", issued.access_token)
    assert repo.alexa_link_id("amzn1.ask.account.A", None) == link_id
    accounts.forget_alexa_user("amzn1.ask.account.A", None)
    assert repo.get_link(link_id, None) is None
    assert repo.alexa_link_id("amzn1.ask.account.A", None) is None
    with pytest.raises(NotLinked):
        accounts.resolve(issued.access_token, Deadline.after(5))


def test_forget_by_access_token_alone(repo: LinkRepository) -> None:
    link_id, issued = _linked(repo, _oauth2())
    _accounts(repo).forget_alexa_user("amzn1.ask.account.unknown", issued.access_token)
    assert repo.get_link(link_id, None) is None


def test_forget_of_an_unknown_user_is_a_no_op(repo: LinkRepository) -> None:
    _accounts(repo).forget_alexa_user("amzn1.ask.account.nobody", None)
    _accounts(repo).forget_alexa_user("", "")


def test_linking_again_replaces_the_old_link(repo: LinkRepository) -> None:
    accounts = _accounts(repo)
    old_id, old = _linked(repo, _oauth2())
    accounts.remember_alexa_user("amzn1.ask.account.B", old.access_token)
    new_id, new = _linked(repo, _oauth2())
    accounts.remember_alexa_user("amzn1.ask.account.B", new.access_token)
    assert repo.alexa_link_id("amzn1.ask.account.B", None) == new_id
    assert repo.get_link(old_id, None) is None
    # A late request with the old token does not bring the old link back or drop the new one.
    accounts.remember_alexa_user("amzn1.ask.account.B", old.access_token)
    assert repo.alexa_link_id("amzn1.ask.account.B", None) == new_id
    assert repo.get_link(new_id, None) is not None


def test_remember_with_an_unknown_token_changes_nothing(repo: LinkRepository) -> None:
    _accounts(repo).remember_alexa_user("amzn1.ask.account.C", "never-issued")
    assert repo.alexa_link_id("amzn1.ask.account.C", None) is None


# -- the per-container access-token cache -----------------------------------------------------------


class _CountingClient:
    """The real DynamoDB Local client, counting GetItem calls per item kind (the pk prefix)."""

    def __init__(self) -> None:
        from skill.store.client import get_client

        self._client = get_client()
        self.gets: list[str] = []

    def get_item(self, **kwargs: object) -> object:
        key = kwargs["Key"]
        assert isinstance(key, dict)
        self.gets.append(key["pk"]["S"].split("#", 1)[0])
        return self._client.get_item(**kwargs)

    def __getattr__(self, name: str) -> object:
        return getattr(self._client, name)


def _container(table: str) -> tuple[DynamoAccounts, _CountingClient]:
    """What one warm Lambda container holds: its own repository (and cache) over the shared table."""
    client = _CountingClient()
    repo = LinkRepository(table, sealer=lambda: Sealer(TEST_KEY), client=lambda: client)  # type: ignore[arg-type,return-value]
    return _accounts(repo), client


def test_a_warm_container_reads_the_access_token_item_once(repo: LinkRepository, table: str) -> None:
    _, issued = _linked(repo, _oauth2())
    accounts, client = _container(table)
    for _ in range(3):
        accounts.resolve(issued.access_token, Deadline.after(5))
    assert client.gets == ["AT", "LINK", "LINK", "LINK"]  # the link item, with the credentials, every time


def test_a_purge_in_another_container_is_seen_at_once(repo: LinkRepository, table: str) -> None:
    link_id, issued = _linked(repo, _oauth2())
    warm, _ = _container(table)
    assert warm.resolve(issued.access_token, Deadline.after(5)).link_id == link_id
    other, _ = _container(table)
    other.forget_alexa_user("", issued.access_token)  # SkillDisabled handled elsewhere
    with pytest.raises(NotLinked):
        warm.resolve(issued.access_token, Deadline.after(5))


def test_a_link_marked_dead_in_another_container_is_seen_at_once(repo: LinkRepository, table: str) -> None:
    link_id, issued = _linked(repo, _oauth2())
    warm, _ = _container(table)
    warm.resolve(issued.access_token, Deadline.after(5))
    other, _ = _container(table)
    other.relink_required(link_id)
    with pytest.raises(RelinkRequired):
        warm.resolve(issued.access_token, Deadline.after(5))


def test_a_cached_access_token_still_expires(repo: LinkRepository, table: str, shift_clock: object) -> None:
    _, issued = _linked(repo, _oauth2())
    warm, _ = _container(table)
    warm.resolve(issued.access_token, Deadline.after(5))
    shift_clock(policy.ACCESS_TOKEN_SECONDS + 1)  # type: ignore[operator]
    with pytest.raises(NotLinked):
        warm.resolve(issued.access_token, Deadline.after(5))
