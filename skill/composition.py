"""The composition root: every part of the skill is built here, lazily and once per container.

settings → secrets → sealer → store → accounts (with the one OAuth2 client) → the voice skill's
services and entry; the linking routes get a context over the same store, secrets and OAuth2 client.
Nothing is built before a request needs it (cold start), and no module below reaches for a global:
they get their parts from here (lambda_function asks `container()`).

Tests that go through lambda_function use the real container: `reset()` forgets it (and the
per-container caches beside it). A test that needs fakes behind lambda_function installs a Container
built with them, `reset(Container(settings, accounts=...))`; handlers never see that.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from skill.config import Settings, get_settings

if TYPE_CHECKING:
    from skill.accounts import Accounts, LinkedAccount
    from skill.cache.budget import AppBudget
    from skill.cache.data import DataCache
    from skill.linking.context import LinkingContext
    from skill.notifications.route import NotifyContext
    from skill.notifications.subscriptions import Subscriber
    from skill.secrets import Secrets
    from skill.store.base import Store
    from skill.store.crypto import Sealer
    from skill.store.records import Credentials
    from skill.voice.entry import VoiceEntry
    from skill.voice.queries import DataSource
    from skill.voice.services import DataClientFactory, Reauthorize, VoiceServices
    from skill.withings.deadline import Deadline
    from skill.withings.notify import Notification
    from skill.withings.oauth2 import OAuth2Client

T = TypeVar("T")


class _Once(Generic[T]):
    """A container attribute built on first access, once, also under concurrent first requests."""

    def __init__(self, build: Callable[[Container], T]) -> None:
        self._build = build
        self._name = build.__name__

    def __set_name__(self, owner: type[Container], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, objtype: type[Container]) -> _Once[T]: ...

    @overload
    def __get__(self, obj: Container, objtype: type[Container]) -> T: ...

    def __get__(self, obj: Container | None, objtype: type[Container]) -> T | _Once[T]:
        if obj is None:
            return self
        with obj._lock:  # re-entrant: builders ask for other parts
            if self._name not in obj.__dict__:
                obj.__dict__[self._name] = self._build(obj)
        value: T = obj.__dict__[self._name]
        return value


class Container:
    """The parts of one configuration. Any part given here is used instead of the real one (tests)."""

    def __init__(
        self,
        settings: Settings,
        *,
        secrets: Secrets | None = None,
        store: Store | None = None,
        accounts: Accounts | None = None,
        data_client: DataClientFactory | None = None,
    ) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        given = {"secrets": secrets, "store": store, "accounts": accounts, "data_client": data_client}
        self.__dict__.update({name: part for name, part in given.items() if part is not None})

    @_Once
    def secrets(self) -> Secrets:
        from skill.secrets import Secrets

        return Secrets(self.settings)

    @_Once
    def sealer(self) -> Sealer:
        """Made on first use of the credentials: the key is a secret (one SSM call in AWS)."""
        from skill.store.crypto import Sealer

        return Sealer.from_b64(self.secrets.token_key())

    @_Once
    def store(self) -> Store:
        from skill.store.dynamodb import DynamoStore

        return DynamoStore(self.settings.table_name, sealer=lambda: self.sealer)

    @_Once
    def oauth2_client(self) -> OAuth2Client:
        """The one Withings OAuth2 client: refreshes (accounts) and the linking dance share it."""
        from skill.withings.oauth2 import OAuth2Client

        s = self.settings
        return OAuth2Client(
            client_id=s.consumer_key,
            client_secret=self.secrets.consumer_secret(),
            authorize_url=s.oauth2_authorize_url,
            token_url=s.oauth2_token_url,
        )

    @_Once
    def accounts(self) -> Accounts:
        from skill.accounts.refresh import withings_refresher
        from skill.accounts.stored import StoredAccounts

        return StoredAccounts(
            self.store,
            consumer_key=self.settings.consumer_key,
            consumer_secret=self.secrets.consumer_secret,
            refresh=withings_refresher(lambda: self.oauth2_client),
            forgotten=self._forget_withings_user,
        )

    @_Once
    def cache(self) -> DataCache:
        """The per-user data cache, in the store's table (notifications invalidate it)."""
        from skill.cache.data import DataCache

        return DataCache(self.store)

    @_Once
    def budget(self) -> AppBudget:
        """The app-wide Withings call budget, counted in the store's table by every instance."""
        from skill.cache.budget import AppBudget

        return AppBudget(self.store, self.settings.calls_per_minute)

    @_Once
    def data_client(self) -> DataClientFactory:
        api_url = self.settings.api_url

        def build(account: LinkedAccount, reauthorize: Reauthorize) -> DataSource:
            # Deferred: requests (and the cache) load only when data is asked for.
            from skill.cache.source import CachedSource
            from skill.withings.api import WithingsApi

            live = WithingsApi(account.auth, api_url, reauthorize=reauthorize, gate=self.budget.take)
            if not account.withings_userid:
                return live  # no key to keep a cache under (never shared between users)
            return CachedSource(live, self.cache, account.withings_userid)

        return build

    @_Once
    def voice_services(self) -> VoiceServices:
        from skill.voice.services import VoiceServices

        return VoiceServices(
            accounts=lambda: self.accounts, data_client=self.data_client, reconcile=self._reconcile
        )

    @_Once
    def voice_entry(self) -> VoiceEntry:
        from skill.voice.entry import VoiceEntry

        return VoiceEntry(self.settings.skill_id, self.voice_services)

    def linking_context(self, domain_name: str) -> LinkingContext:
        """Per request (the callback URL may depend on the host it came in on); its parts are shared."""
        from skill.linking.context import LinkingContext, public_base_url

        secrets = self.secrets
        return LinkingContext(
            settings=self.settings,
            store=self.store,
            link_client_secret=secrets.link_client_secret,
            consumer_secret=secrets.consumer_secret,
            oauth2_client=lambda: self.oauth2_client,
            public_base_url=public_base_url(self.settings, domain_name),
            after_link=self._subscribe_after_link,
        )

    # -- Withings notifications (skill/notifications) --------------------------------------------

    @_Once
    def notify_key(self) -> bytes:
        """The callback URLs' MAC key, derived from TOKEN_KEY (skill.notifications.secret)."""
        import base64

        from skill.notifications.secret import derive_key

        return derive_key(base64.b64decode(self.secrets.token_key().strip()))

    @_Once
    def subscriber(self) -> Subscriber:
        from skill import clock
        from skill.notifications.subscriptions import Subscriber
        from skill.withings.notify import NotifyApi

        api_url, budget = self.settings.api_url, self.budget
        return Subscriber(
            api=lambda auth: NotifyApi(auth, api_url, gate=budget.take),
            key=lambda: self.notify_key,
            marks=self.store,
            now=lambda: clock.now().timestamp(),
            default_base_url=self.settings.public_base_url,
        )

    @_Once
    def notify_context(self) -> NotifyContext:
        from skill.notifications.route import NotifyContext

        def invalidate(notification: Notification, deadline: Deadline) -> None:
            self.cache.invalidate(
                notification.userid, notification.appli_code, notification.start, notification.end, deadline
            )

        return NotifyContext(key=lambda: self.notify_key, invalidate=invalidate)

    def _subscribe_after_link(self, creds: Credentials, base_url: str, deadline: Deadline) -> None:
        from skill.accounts.credentials import request_auth

        auth = request_auth(creds, self.settings.consumer_key, self.secrets.consumer_secret())
        self.subscriber.subscribe_all(auth, creds.userid, base_url, deadline)

    def _reconcile(self, account: LinkedAccount, deadline: Deadline) -> None:
        self.subscriber.reconcile(account.auth, account.withings_userid, deadline)

    def _forget_withings_user(self, account: LinkedAccount, deadline: Deadline) -> None:
        """SkillDisabled, per link: revoke the subscriptions (never raises), then drop the cache."""
        self.subscriber.revoke_all(account.auth, account.withings_userid, deadline)
        self.cache.purge(account.withings_userid, deadline)


_lock = threading.Lock()
_container: Container | None = None
_installed = False  # a container a test put in place stays until the next reset()


def container() -> Container:
    """The process's container, for the settings now in force (a changed environment, once
    get_settings' cache is cleared, gets a fresh one)."""
    global _container  # noqa: PLW0603 - the one container per process is the point
    current = _container
    if current is not None and (_installed or current.settings is get_settings()):
        return current
    with _lock:
        if _container is None or not (_installed or _container.settings is get_settings()):
            _container = Container(get_settings())
        return _container


def reset(replacement: Container | None = None) -> None:
    """Tests: forget the container and every per-container cache (settings, DynamoDB client, time
    zones), or put `replacement` in its place until the next reset()."""
    global _container, _installed
    from skill.store.dynamodb.client import reset_client
    from skill.voice.timezone import reset_caches

    get_settings.cache_clear()
    reset_client()
    reset_caches()
    with _lock:
        _container, _installed = replacement, replacement is not None
