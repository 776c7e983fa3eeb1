"""StoredAccounts: the Accounts interface over the store (both backends), and where a link ends.

A link ends only when Withings refuses the grant itself: an OAuth1 signed call, or an OAuth2 refresh
token. A refused access token is refreshed and the link stands. The DynamoDB-only checks (ciphertexts
under another key, the per-container access-token cache) are at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from skill.accounts import AccountsUnavailable, LinkedAccount, NotLinked, RelinkRequired
from skill.accounts.stored import StoredAccounts
from skill.store import policy
from skill.store.base import Store
from skill.store.crypto import Sealer
from skill.store.dynamodb import DynamoStore
from skill.store.ids import new_link_id
from skill.store.records import CodeGrant, IssuedTokens, OAuth1Secret
from skill.withings.auth import BearerAuth, OAuth2Tokens
from skill.withings.deadline import Deadline
from skill.withings.errors import InvalidParamsError, ServiceError, WithingsError
from skill.withings.oauth1 import OAuth1Auth
from tests.unit.accounts.test_refresh import FakeWithings
from tests.unit.store.conftest import TEST_KEY


def _accounts(store: Store, withings: FakeWithings | None = None) -> StoredAccounts:
    return StoredAccounts(
        store,
        consumer_key="consumer-key",
        consumer_secret=lambda: "consumer-secret",
        refresh=(withings or FakeWithings(fail_with=AssertionError("no refresh expected"))).refresh,
    )


def _linked(store: Store, creds: OAuth1Secret | OAuth2Tokens) -> tuple[str, IssuedTokens]:
    link_id = new_link_id()
    grant = CodeGrant(link_id, "alexa", "https://redirect")
    store.create_link(link_id, creds, f"code-{link_id}", grant, None)
    return link_id, store.redeem_code(f"code-{link_id}", grant, None)


def _oauth2(expires_in: int = 10800, access: str = "w-access") -> OAuth2Tokens:
    return OAuth2Tokens(access, "w-refresh", datetime.now(UTC) + timedelta(seconds=expires_in), "10001")


def _dead(store: Store, link_id: str) -> bool:
    link = store.get_link(link_id, None)
    assert link is not None
    return link.dead


# -- resolve -------------------------------------------------------------------------------------


def test_oauth1_link_resolves_to_signed_auth_with_consumer_credentials(store: Store) -> None:
    link_id, issued = _linked(store, OAuth1Secret("tok", "sec", "10001"))
    account = _accounts(store).resolve(issued.access_token, Deadline.after(5))
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


def test_oauth2_link_resolves_to_bearer_auth(store: Store) -> None:
    _, issued = _linked(store, _oauth2())
    account = _accounts(store).resolve(issued.access_token, Deadline.after(5))
    assert account.auth == BearerAuth("w-access")


@pytest.mark.parametrize("token", ["", "never-issued"])
def test_unknown_tokens_are_not_linked(store: Store, token: str) -> None:
    with pytest.raises(NotLinked):
        _accounts(store).resolve(token, Deadline.after(5))


def test_expired_access_token_is_not_linked(store: Store, shift_clock: Callable[[float], None]) -> None:
    _, issued = _linked(store, OAuth1Secret("tok", "sec", "10001"))
    shift_clock(policy.ACCESS_TOKEN_SECONDS + 1)
    with pytest.raises(NotLinked):
        _accounts(store).resolve(issued.access_token, Deadline.after(5))


def test_dead_link_requires_relinking(store: Store) -> None:
    link_id, issued = _linked(store, _oauth2())
    store.mark_dead(link_id, None)
    with pytest.raises(RelinkRequired):
        _accounts(store).resolve(issued.access_token, Deadline.after(5))


def test_an_expiring_token_is_refreshed_on_resolve(store: Store) -> None:
    withings = FakeWithings()
    link_id, issued = _linked(store, _oauth2(expires_in=60))
    account = _accounts(store, withings).resolve(issued.access_token, Deadline.after(5))
    assert account.auth == BearerAuth("access-1") and withings.calls == 1
    assert not _dead(store, link_id)


# -- reauthorize: where a link ends, and where it does not -----------------------------------------


def test_a_refused_oauth2_access_token_is_refreshed_and_the_link_stands(store: Store) -> None:
    withings = FakeWithings()
    link_id, issued = _linked(store, _oauth2())
    accounts = _accounts(store, withings)
    account = accounts.resolve(issued.access_token, Deadline.after(5))
    fresh = accounts.reauthorize(account, Deadline.after(5))
    assert fresh == LinkedAccount(link_id, BearerAuth("access-1"), "10001")
    assert withings.calls == 1 and not _dead(store, link_id)
    # The next request resolves to the refreshed token without another refresh.
    assert accounts.resolve(issued.access_token, Deadline.after(5)).auth == BearerAuth("access-1")
    assert withings.calls == 1


def test_a_refusal_someone_already_answered_costs_no_second_refresh(store: Store) -> None:
    withings = FakeWithings()
    _, issued = _linked(store, _oauth2())
    accounts = _accounts(store, withings)
    stale = accounts.resolve(issued.access_token, Deadline.after(5))
    first = accounts.reauthorize(stale, Deadline.after(5))
    second = accounts.reauthorize(stale, Deadline.after(5))  # a concurrent request refused with a0
    assert first == second and withings.calls == 1


@pytest.mark.parametrize(
    "refusal", [InvalidParamsError(503, "Invalid Params: invalid refresh_token"), ServiceError(None, "x")]
)
def test_only_a_refused_refresh_token_ends_an_oauth2_link(store: Store, refusal: WithingsError) -> None:
    link_id, issued = _linked(store, _oauth2())
    accounts = _accounts(store, FakeWithings(fail_with=refusal))
    account = accounts.resolve(issued.access_token, Deadline.after(5))
    definitive = isinstance(refusal, InvalidParamsError)
    with pytest.raises(RelinkRequired if definitive else AccountsUnavailable):
        accounts.reauthorize(account, Deadline.after(5))
    assert _dead(store, link_id) is definitive


def test_a_refused_refresh_on_resolve_ends_the_link_once(store: Store) -> None:
    withings = FakeWithings(fail_with=InvalidParamsError(503, "invalid refresh_token"))
    link_id, issued = _linked(store, _oauth2(expires_in=-10))
    accounts = _accounts(store, withings)
    with pytest.raises(RelinkRequired):
        accounts.resolve(issued.access_token, Deadline.after(5))
    assert _dead(store, link_id)
    with pytest.raises(RelinkRequired):  # remembered: Withings is not asked again
        accounts.resolve(issued.access_token, Deadline.after(5))
    assert withings.calls == 1


def test_a_refused_oauth1_call_ends_the_link(store: Store) -> None:
    link_id, issued = _linked(store, OAuth1Secret("tok", "sec", "10001"))
    accounts = _accounts(store)
    account = accounts.resolve(issued.access_token, Deadline.after(5))
    with pytest.raises(RelinkRequired):
        accounts.reauthorize(account, Deadline.after(5))
    assert _dead(store, link_id)
    with pytest.raises(RelinkRequired):
        accounts.resolve(issued.access_token, Deadline.after(5))


def test_reauthorizing_a_purged_link_is_not_linked(store: Store) -> None:
    link_id, issued = _linked(store, _oauth2())
    accounts = _accounts(store)
    account = accounts.resolve(issued.access_token, Deadline.after(5))
    store.purge_link(link_id, None)
    with pytest.raises(NotLinked):
        accounts.reauthorize(account, Deadline.after(5))


# -- the skill events ---------------------------------------------------------------------------


def test_remember_then_forget_purges_the_link(store: Store) -> None:
    link_id, issued = _linked(store, _oauth2())
    accounts = _accounts(store)
    accounts.remember_alexa_user("amzn1.ask.account.A", issued.access_token)
    assert store.alexa_link_id("amzn1.ask.account.A", None) == link_id
    accounts.forget_alexa_user("amzn1.ask.account.A", None)
    assert store.get_link(link_id, None) is None
    assert store.alexa_link_id("amzn1.ask.account.A", None) is None
    with pytest.raises(NotLinked):
        accounts.resolve(issued.access_token, Deadline.after(5))


def test_forget_by_access_token_alone(store: Store) -> None:
    link_id, issued = _linked(store, _oauth2())
    _accounts(store).forget_alexa_user("amzn1.ask.account.unknown", issued.access_token)
    assert store.get_link(link_id, None) is None


def test_forget_of_an_unknown_user_is_a_no_op(store: Store) -> None:
    _accounts(store).forget_alexa_user("amzn1.ask.account.nobody", None)
    _accounts(store).forget_alexa_user("", "")


def test_linking_again_replaces_the_old_link(store: Store) -> None:
    accounts = _accounts(store)
    old_id, old = _linked(store, _oauth2())
    accounts.remember_alexa_user("amzn1.ask.account.B", old.access_token)
    new_id, new = _linked(store, _oauth2())
    accounts.remember_alexa_user("amzn1.ask.account.B", new.access_token)
    assert store.alexa_link_id("amzn1.ask.account.B", None) == new_id
    assert store.get_link(old_id, None) is None
    # A late request with the old token does not bring the old link back or drop the new one.
    accounts.remember_alexa_user("amzn1.ask.account.B", old.access_token)
    assert store.alexa_link_id("amzn1.ask.account.B", None) == new_id
    assert store.get_link(new_id, None) is not None


def test_remember_with_an_unknown_token_changes_nothing(store: Store) -> None:
    _accounts(store).remember_alexa_user("amzn1.ask.account.C", "never-issued")
    assert store.alexa_link_id("amzn1.ask.account.C", None) is None


# -- a household ---------------------------------------------------------------------------------

HOUSE = "amzn1.ask.account.HOUSE"
ANNA = "amzn1.ask.person.ANNA"


def test_a_person_linking_never_replaces_the_accounts_link(store: Store) -> None:
    accounts = _accounts(store)
    account_id, shared = _linked(store, _oauth2())
    anna_id, own = _linked(store, _oauth2(access="anna-access"))
    accounts.remember_alexa_user(HOUSE, shared.access_token)
    accounts.remember_alexa_user(HOUSE, own.access_token, person_id=ANNA)  # a profile-level link
    assert store.alexa_link_id(HOUSE, None) == account_id
    assert store.get_link(account_id, None) is not None
    assert store.alexa_link_id(HOUSE, None, person_id=ANNA) == anna_id
    # The person linking again replaces only their own previous link.
    again_id, again = _linked(store, _oauth2(access="anna-again"))
    accounts.remember_alexa_user(HOUSE, again.access_token, person_id=ANNA)
    assert store.get_link(anna_id, None) is None
    assert store.alexa_link_id(HOUSE, None, person_id=ANNA) == again_id
    assert store.get_link(account_id, None) is not None


def test_disabling_the_skill_forgets_the_whole_household(store: Store) -> None:
    accounts = _accounts(store)
    account_id, shared = _linked(store, _oauth2())
    anna_id, own = _linked(store, _oauth2(access="anna-access"))
    neighbour_id, neighbour = _linked(store, _oauth2(access="neighbour"))
    accounts.remember_alexa_user(HOUSE, shared.access_token)
    accounts.remember_person(HOUSE, ANNA, anna_id, Deadline.after(5))  # mapped on her first question
    accounts.remember_alexa_user("amzn1.ask.account.NEXT_DOOR", neighbour.access_token)
    accounts.forget_alexa_user(HOUSE, shared.access_token)
    assert store.get_link(account_id, None) is None and store.get_link(anna_id, None) is None
    assert store.person_link_ids(HOUSE, None) == []
    for token in (shared.access_token, own.access_token):
        with pytest.raises(NotLinked):
            accounts.resolve(token, Deadline.after(5))
    assert store.get_link(neighbour_id, None) is not None


def test_remember_person_is_best_effort_and_remembers_it_did(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = _accounts(store)
    anna_id, _ = _linked(store, _oauth2(access="anna-access"))
    calls: list[str] = []
    real = store.alexa_link_id

    def counted(*args: object, **kwargs: object) -> str | None:
        calls.append("read")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "alexa_link_id", counted)
    for _ in range(3):
        accounts.remember_person(HOUSE, ANNA, anna_id, Deadline.after(5))
    assert calls == ["read"]  # once per container
    assert store.person_link_ids(HOUSE, None) == [anna_id]

    def down(*args: object, **kwargs: object) -> str | None:
        from skill.store.errors import StoreUnavailable

        raise StoreUnavailable("planted")

    monkeypatch.setattr(store, "alexa_link_id", down)
    accounts.remember_person(HOUSE, "amzn1.ask.person.BEN", anna_id, Deadline.after(5))  # no raise


# -- DynamoDB only --------------------------------------------------------------------------------


def test_credentials_that_no_longer_decrypt_require_relinking(dynamo_store: DynamoStore, table: str) -> None:
    _, issued = _linked(dynamo_store, _oauth2())
    other = DynamoStore(table, sealer=lambda: Sealer(bytes(32)))
    with pytest.raises(RelinkRequired):
        _accounts(other).resolve(issued.access_token, Deadline.after(5))


def test_unreachable_storage_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    from skill.store.dynamodb import client as store_client

    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    store_client.reset_client()
    try:
        store = DynamoStore("any", sealer=lambda: Sealer(bytes(32)))
        with pytest.raises(AccountsUnavailable):
            _accounts(store).resolve("some-token", Deadline.after(3))
    finally:
        store_client.reset_client()


class _CountingClient:
    """The real DynamoDB Local client, counting GetItem calls per item kind (the pk prefix)."""

    def __init__(self) -> None:
        from skill.store.dynamodb.client import get_client

        self._client = get_client()
        self.gets: list[str] = []

    def get_item(self, **kwargs: object) -> object:
        key = kwargs["Key"]
        assert isinstance(key, dict)
        self.gets.append(key["pk"]["S"].split("#", 1)[0])
        return self._client.get_item(**kwargs)

    def __getattr__(self, name: str) -> object:
        return getattr(self._client, name)


def _container(table: str) -> tuple[StoredAccounts, _CountingClient, DynamoStore]:
    """What one warm Lambda container holds: its own store (and cache) over the shared table."""
    client = _CountingClient()
    store = DynamoStore(table, sealer=lambda: Sealer(TEST_KEY), client=lambda: client)  # type: ignore[arg-type,return-value]
    return _accounts(store), client, store


def test_a_warm_container_reads_the_access_token_item_once(dynamo_store: DynamoStore, table: str) -> None:
    _, issued = _linked(dynamo_store, _oauth2())
    accounts, client, _ = _container(table)
    for _ in range(3):
        accounts.resolve(issued.access_token, Deadline.after(5))
    assert client.gets == ["AT", "LINK", "LINK", "LINK"]  # the link item, with the credentials, every time


def test_a_purge_in_another_container_is_seen_at_once(dynamo_store: DynamoStore, table: str) -> None:
    link_id, issued = _linked(dynamo_store, _oauth2())
    warm, _, _ = _container(table)
    assert warm.resolve(issued.access_token, Deadline.after(5)).link_id == link_id
    other, _, _ = _container(table)
    other.forget_alexa_user("", issued.access_token)  # SkillDisabled handled elsewhere
    with pytest.raises(NotLinked):
        warm.resolve(issued.access_token, Deadline.after(5))


def test_a_link_ended_in_another_container_is_seen_at_once(dynamo_store: DynamoStore, table: str) -> None:
    _link_id, issued = _linked(dynamo_store, OAuth1Secret("tok", "sec", "10001"))
    warm, _, _ = _container(table)
    account = warm.resolve(issued.access_token, Deadline.after(5))
    other, _, _ = _container(table)
    with pytest.raises(RelinkRequired):
        other.reauthorize(account, Deadline.after(5))  # Withings refused the signed call there
    with pytest.raises(RelinkRequired):
        warm.resolve(issued.access_token, Deadline.after(5))


def test_a_cached_access_token_still_expires(
    dynamo_store: DynamoStore, table: str, shift_clock: Callable[[float], None]
) -> None:
    _, issued = _linked(dynamo_store, _oauth2())
    warm, _, _ = _container(table)
    warm.resolve(issued.access_token, Deadline.after(5))
    shift_clock(policy.ACCESS_TOKEN_SECONDS + 1)
    with pytest.raises(NotLinked):
        warm.resolve(issued.access_token, Deadline.after(5))
